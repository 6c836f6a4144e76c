"""Check-ins as a member sees them: record or undo one, progress, and the weekly streak.

The check-in itself (one per member and chapter, updated by a second check-in) is
stored by :mod:`bot.services.checkins`. Every check-in is also kept as an event
(:class:`~bot.db.models.CheckinEvent`), because the streak counts each local week in
which a member checked in, including weeks in which they only updated a chapter they
had checked in before. Undo removes the check-in and the event that recorded it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.reading import checkin_streak
from bot.core.schedule import local_day
from bot.db.models import CheckinEvent
from bot.db.session import Database
from bot.services import checkins
from bot.services.reading.chapters import ChapterInfo, chapter_named, chapters_in, list_chapters
from bot.services.reading.members import names_in, remember, timezone_in
from bot.services.types import CheckinStatus, CheckinView

__all__ = ["CheckinResult", "MemberProgress", "checkin", "member_progress", "streak", "undo"]


@dataclass(frozen=True, slots=True)
class MemberProgress:
    """How far one member has read, and their check-in streak (in weeks)."""

    member_id: int
    display_name: str
    done: tuple[int, ...]
    reading: tuple[int, ...]
    total_chapters: int
    last_checkin: dt.datetime | None
    current_streak: int
    best_streak: int


@dataclass(frozen=True, slots=True)
class CheckinResult:
    """A stored check-in and the member's progress after it."""

    checkin: CheckinView
    chapter: ChapterInfo
    updated: bool
    progress: MemberProgress


async def _streak_in(
    conn: AsyncConnection, guild_id: int, member_id: int, timezone: str, now: dt.datetime
) -> tuple[int, int]:
    moments = await conn.execute(
        select(CheckinEvent.at).where(
            CheckinEvent.guild_id == guild_id, CheckinEvent.member_id == member_id
        )
    )
    days = [local_day(at, timezone) for at in moments.scalars()]
    return checkin_streak(days, today=local_day(now, timezone))


async def member_progress(
    db: Database, *, guild_id: int, member_id: int, now: dt.datetime
) -> MemberProgress:
    """A member's finished and in-progress chapters, last check-in and check-in streak."""
    views = await checkins.checkins_by_member(db, guild_id=guild_id, member_id=member_id)
    async with db.read() as conn:
        timezone = await timezone_in(conn, guild_id)
        names = await names_in(conn, guild_id)
        total = len(await chapters_in(conn, guild_id=guild_id))
        current, best = await _streak_in(conn, guild_id, member_id, timezone, now)
    return MemberProgress(
        member_id=member_id,
        display_name=names.get(member_id, str(member_id)),
        done=tuple(v.chapter for v in views if v.status is CheckinStatus.DONE),
        reading=tuple(v.chapter for v in views if v.status is CheckinStatus.READING),
        total_chapters=total,
        last_checkin=max((v.updated_at for v in views), default=None),
        current_streak=current,
        best_streak=best,
    )


async def streak(
    db: Database, *, guild_id: int, member_id: int, now: dt.datetime
) -> tuple[int, int]:
    """A member's ``(current, best)`` check-in streak in weeks."""
    async with db.read() as conn:
        timezone = await timezone_in(conn, guild_id)
        return await _streak_in(conn, guild_id, member_id, timezone, now)


async def checkin(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    display_name: str,
    chapter: str | int,
    status: CheckinStatus = CheckinStatus.DONE,
    note: str | None = None,
    at: dt.datetime,
) -> CheckinResult:
    """Check a member in for a chapter named by number or title (again: updates it).

    Raises :class:`UnknownChapter` (listing the chapters) or :class:`~bot.services.
    checkins.NoteTooLong`; nothing is stored then.
    """
    found = chapter_named(await list_chapters(db, guild_id=guild_id), chapter)
    before = await checkins.checkins_by_member(db, guild_id=guild_id, member_id=member_id)
    view = await checkins.record_checkin(
        db,
        guild_id=guild_id,
        member_id=member_id,
        chapter=found.number,
        status=status,
        note=note,
        at=at,
    )
    async with db.write() as conn:
        await remember(conn, db.dialect, guild_id, member_id, display_name)
    progress = await member_progress(db, guild_id=guild_id, member_id=member_id, now=at)
    updated = any(v.chapter == found.number for v in before)
    return CheckinResult(checkin=view, chapter=found, updated=updated, progress=progress)


async def undo(db: Database, *, guild_id: int, member_id: int) -> CheckinView | None:
    """Remove the member's last check-in (and its event); ``None`` when there was none."""
    return await checkins.undo_last_checkin(db, guild_id=guild_id, member_id=member_id)
