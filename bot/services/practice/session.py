"""A practice session: which question comes next, within the member's reach.

Due questions first, most overdue first; then new questions from the chapters the
member has reached (every chapter up to the furthest one they checked in to, else the
server's quiz scope), never beyond. ``misses`` asks recent wrong answers only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ColumnElement

from bot.core.errors import (
    ChapterNotReached,
    CountOutOfRange,
    NoSuchChapter,
    NothingToPractice,
)
from bot.core.model import Question
from bot.core.practice import (
    DEFAULT_COUNT,
    MAX_COUNT,
    MISSES_DAYS,
)
from bot.db.models import (
    Checkin,
    PracticeCard,
    PracticeReview,
    QuestionRow,
)
from bot.db.queries import question_from_row
from bot.db.session import Database
from bot.services.practice._store import (
    QUESTION_COLUMNS,
    current_schedule,
    member_cards,
    practicable,
)

__all__ = ["PracticeMode", "PracticeQuestion", "check_session", "due_count", "next_question"]


class PracticeMode(StrEnum):
    """What a session asks: due then new questions, or only recent misses."""

    DUE = "due"
    MISSES = "misses"


@dataclass(frozen=True, slots=True)
class PracticeQuestion:
    """The next question of a session; ``due`` is ``None`` for a question never reviewed."""

    question: Question
    due: dt.datetime | None


# -------------------------------------------------------------------- the reach


async def _live_chapters(conn: AsyncConnection, guild_id: int) -> set[int]:
    found = await conn.execute(
        select(QuestionRow.chapter)
        .where(practicable(guild_id), QuestionRow.chapter.is_not(None))
        .distinct()
    )
    return {int(chapter) for chapter in found.scalars()}


async def _reach_in(conn: AsyncConnection, guild_id: int, member_id: int) -> tuple[int, ...] | None:
    """The chapters the member may practise new questions from (``None``: every chapter).

    Every chapter up to the furthest one the member checked in (reading or done);
    a member who never checked in follows the server's quiz scope.
    """
    furthest = (
        await conn.execute(
            select(func.max(Checkin.chapter)).where(
                Checkin.guild_id == guild_id, Checkin.member_id == member_id
            )
        )
    ).scalar_one_or_none()
    if furthest is not None:
        known = await _live_chapters(conn, guild_id)
        return tuple(sorted(c for c in known if c <= furthest)) or (int(furthest),)
    from bot.services.reading import scope_in

    return (await scope_in(conn, guild_id=guild_id)).chapters


async def _checked_chapter(
    conn: AsyncConnection, guild_id: int, member_id: int, chapter: int | None
) -> tuple[int, ...] | None:
    """The reach, narrowed to ``chapter`` once it is known and reached."""
    reach = await _reach_in(conn, guild_id, member_id)
    if chapter is None:
        return reach
    known = await _live_chapters(conn, guild_id)
    if chapter not in known:
        raise NoSuchChapter(chapter, tuple(sorted(known)))
    if reach is not None and chapter not in reach:
        raise ChapterNotReached(chapter)
    return (chapter,)


def _in_chapters(chapters: tuple[int, ...] | None, *, exact: bool) -> ColumnElement[bool]:
    """Questions of ``chapters``; questions outside any chapter stay in a reach."""
    if chapters is None:
        return QuestionRow.id.is_not(None)
    if exact:
        return QuestionRow.chapter.in_(list(chapters))
    return or_(QuestionRow.chapter.in_(list(chapters)), QuestionRow.chapter.is_(None))


async def check_session(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    chapter: int | None = None,
    count: int = DEFAULT_COUNT,
) -> None:
    """Refuse a session of a bad ``count`` or an unknown or unreached ``chapter``."""
    if not 1 <= count <= MAX_COUNT:
        raise CountOutOfRange(count, MAX_COUNT)
    async with db.read() as conn:
        await _checked_chapter(conn, guild_id, member_id, chapter)


# -------------------------------------------------------------------- the session


async def next_question(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    now: dt.datetime,
    chapter: int | None = None,
    mode: PracticeMode = PracticeMode.DUE,
    since: dt.datetime | None = None,
) -> PracticeQuestion:
    """The member's next practice question at ``now``.

    Due questions first, most overdue first; then (``DUE`` mode) a new question from the
    member's reach, in the notes' order. ``MISSES`` asks only questions answered wrong
    in the last :data:`MISSES_DAYS` days and not reviewed since ``since`` (the session's
    start). Raises :class:`NothingToPractice` (with the next due time) when none is left,
    :class:`NoSuchChapter` or :class:`ChapterNotReached` for a bad ``chapter``.
    """
    async with db.read() as conn:
        reach = await _checked_chapter(conn, guild_id, member_id, chapter)
        exact = chapter is not None
        if mode is PracticeMode.MISSES:
            found = await _next_miss(conn, guild_id, member_id, now, reach, exact, since)
        else:
            found = await _next_due(conn, guild_id, member_id, now, reach, exact)
            if found is None:
                found = await _next_new(conn, guild_id, member_id, reach, exact)
        if found is not None:
            return found
        raise NothingToPractice(await _next_due_at(conn, guild_id, member_id))


def _card_select() -> Any:
    return select(*QUESTION_COLUMNS, PracticeCard.due).join_from(
        PracticeCard, QuestionRow, PracticeCard.question_id == QuestionRow.id
    )


async def _next_due(
    conn: AsyncConnection,
    guild_id: int,
    member_id: int,
    now: dt.datetime,
    reach: tuple[int, ...] | None,
    exact: bool,
) -> PracticeQuestion | None:
    conditions = [*member_cards(guild_id, member_id), PracticeCard.due <= now]
    conditions += [practicable(guild_id), current_schedule()]
    if exact:
        conditions.append(_in_chapters(reach, exact=True))
    return await _first_card(conn, conditions)


async def _first_card(conn: AsyncConnection, conditions: list[Any]) -> PracticeQuestion | None:
    """The member's card meeting ``conditions`` that is due first."""
    row = (
        await conn.execute(
            _card_select()
            .where(*conditions)
            .order_by(PracticeCard.due, PracticeCard.question_id)
            .limit(1)
        )
    ).first()
    if row is None:
        return None
    return PracticeQuestion(question_from_row(row._mapping, "q_"), row.due)


async def _next_new(
    conn: AsyncConnection,
    guild_id: int,
    member_id: int,
    reach: tuple[int, ...] | None,
    exact: bool,
) -> PracticeQuestion | None:
    scheduled = set(
        (
            await conn.execute(
                select(PracticeCard.question_id)
                .join_from(PracticeCard, QuestionRow, PracticeCard.question_id == QuestionRow.id)
                .where(*member_cards(guild_id, member_id), current_schedule())
            )
        ).scalars()
    )
    rows = await conn.execute(
        select(*QUESTION_COLUMNS)
        .where(practicable(guild_id), _in_chapters(reach, exact=exact))
        .order_by(
            QuestionRow.chapter.is_(None),
            QuestionRow.chapter,
            QuestionRow.source_file,
            QuestionRow.source_line,
            QuestionRow.id,
        )
    )
    for row in rows:
        if row.q_id not in scheduled:
            return PracticeQuestion(question_from_row(row._mapping, "q_"), None)
    return None


async def _next_miss(
    conn: AsyncConnection,
    guild_id: int,
    member_id: int,
    now: dt.datetime,
    reach: tuple[int, ...] | None,
    exact: bool,
    since: dt.datetime | None,
) -> PracticeQuestion | None:
    missed = (
        select(PracticeReview.question_id)
        .where(
            PracticeReview.guild_id == guild_id,
            PracticeReview.member_id == member_id,
            PracticeReview.reviewed_at >= now - dt.timedelta(days=MISSES_DAYS),
            PracticeReview.correct.is_(False),
        )
        .distinct()
    )
    conditions = [*member_cards(guild_id, member_id), PracticeCard.question_id.in_(missed)]
    conditions += [practicable(guild_id), current_schedule()]
    if since is not None:
        conditions.append(or_(PracticeCard.last_review.is_(None), PracticeCard.last_review < since))
    if exact:
        conditions.append(_in_chapters(reach, exact=True))
    return await _first_card(conn, conditions)


async def _next_due_at(conn: AsyncConnection, guild_id: int, member_id: int) -> dt.datetime | None:
    row = (
        await conn.execute(
            select(PracticeCard.due)
            .join_from(PracticeCard, QuestionRow, PracticeCard.question_id == QuestionRow.id)
            .where(*member_cards(guild_id, member_id), practicable(guild_id), current_schedule())
            .order_by(PracticeCard.due)
            .limit(1)
        )
    ).first()
    return row.due if row is not None else None


async def due_count(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    now: dt.datetime,
    chapter: int | None = None,
) -> tuple[int, dt.datetime | None]:
    """How many questions are due at ``now`` (of ``chapter``), and the next due time."""
    conditions = [*member_cards(guild_id, member_id), PracticeCard.due <= now]
    conditions += [practicable(guild_id), current_schedule()]
    if chapter is not None:
        conditions.append(QuestionRow.chapter == chapter)
    async with db.read() as conn:
        count = (
            await conn.execute(
                select(func.count())
                .select_from(PracticeCard)
                .join(QuestionRow, PracticeCard.question_id == QuestionRow.id)
                .where(*conditions)
            )
        ).scalar_one()
        return int(count), await _next_due_at(conn, guild_id, member_id)
