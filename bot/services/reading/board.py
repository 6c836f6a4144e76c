"""The group's progress board: every chapter with who finished it, every member's place."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.reading import is_reached
from bot.core.schedule import local_day
from bot.db.session import Database
from bot.services import checkins
from bot.services.reading.chapters import ChapterInfo, chapters_in
from bot.services.reading.members import names_in, ref, timezone_in
from bot.services.types import CheckinStatus, CheckinView, MemberRef

__all__ = ["BoardChapter", "BoardMember", "ProgressBoard", "board"]


@dataclass(frozen=True, slots=True)
class BoardChapter:
    """One chapter on the board: who finished it and who is reading it."""

    chapter: ChapterInfo
    done: list[MemberRef]
    reading: list[MemberRef]
    reached: bool


@dataclass(frozen=True, slots=True)
class BoardMember:
    """One member on the board: finished chapters, the chapter they are on, last check-in."""

    member: MemberRef
    done: int
    on: int | None
    last_checkin: dt.date | None


@dataclass(frozen=True, slots=True)
class ProgressBoard:
    """The group's board; ``common`` is the chapter most members are on."""

    chapters: list[BoardChapter]
    members: list[BoardMember]
    common: int | None
    timezone: str


def _on(views: Sequence[CheckinView], numbers: Sequence[int]) -> int | None:
    """The chapter a member is on: their latest check-in if reading, else the next unfinished
    chapter after it (or the first unfinished one); ``None`` when every chapter is done."""
    if not views:
        return None
    latest = max(views, key=lambda v: v.updated_at)
    if latest.status is CheckinStatus.READING:
        return latest.chapter
    done = {v.chapter for v in views if v.status is CheckinStatus.DONE}
    unfinished = [n for n in numbers if n not in done]
    later = [n for n in unfinished if n > latest.chapter]
    return (later or unfinished or [None])[0]


async def board(db: Database, *, guild_id: int, now: dt.datetime) -> ProgressBoard:
    """The group's board: every chapter with who finished it, every member's progress."""
    views = await checkins.list_checkins(db, guild_id=guild_id)
    async with db.read() as conn:
        chapters = await chapters_in(conn, guild_id=guild_id)
        names = await names_in(conn, guild_id)
        timezone = await timezone_in(conn, guild_id)
    by_member: dict[int, list[CheckinView]] = {}
    by_chapter: dict[tuple[int, CheckinStatus], list[MemberRef]] = {}
    for view in views:
        by_member.setdefault(view.member_id, []).append(view)
        by_chapter.setdefault((view.chapter, view.status), []).append(ref(names, view.member_id))
    rows = []
    for chapter in chapters:
        done = by_chapter.get((chapter.number, CheckinStatus.DONE), [])
        rows.append(
            BoardChapter(
                chapter=chapter,
                done=done,
                reading=by_chapter.get((chapter.number, CheckinStatus.READING), []),
                reached=chapter.read or is_reached(len(done), len(by_member)),
            )
        )
    numbers = [c.number for c in chapters]
    people = [
        BoardMember(
            member=ref(names, member_id),
            done=sum(1 for v in mine if v.status is CheckinStatus.DONE),
            on=_on(mine, numbers),
            last_checkin=local_day(max(v.updated_at for v in mine), timezone),
        )
        for member_id, mine in by_member.items()
    ]
    people.sort(key=lambda m: (-m.done, m.member.display_name.casefold(), m.member.member_id))
    counts = Counter(m.on for m in people if m.on is not None)
    common = min(counts, key=lambda n: (-counts[n], n)) if counts else None
    return ProgressBoard(chapters=rows, members=people, common=common, timezone=timezone)
