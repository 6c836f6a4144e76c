"""Shared query helpers: dialect-aware upserts and row → domain value conversions.

Services build their statements with SQLAlchemy Core; these helpers hide the few
places where SQLite and PostgreSQL differ (``INSERT … ON CONFLICT``) and turn rows
into the plain values the services return.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

from sqlalchemy import Table, and_, exists, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ColumnElement, Select

from bot.core.model import Question, QuestionKind, Source
from bot.core.schedule import Schedule
from bot.core.sources import DEFAULT_SOURCE
from bot.db.models import Guild, NoteSource, QuestionHold, QuestionRow, QuizChannel, QuizRun
from bot.services.types import ChannelSchedule, RunStatus, RunView

__all__ = [
    "DEFAULT_SOURCE",
    "HELD",
    "RETIRED",
    "ROWS_PER_STEP",
    "channel_schedule",
    "channel_schedule_in",
    "held_back_in",
    "in_notes_of",
    "insert_for",
    "mask_to_weekdays",
    "not_held_back",
    "question_columns",
    "question_from_row",
    "rows_in_steps",
    "run_select",
    "run_view",
    "source_of",
    "sources_of",
    "upsert_scheduled_channel",
    "weekdays_to_mask",
]


T = TypeVar("T")

#: How many rows a long read converts between two yields to the event loop.
ROWS_PER_STEP = 500


async def rows_in_steps(
    conn: AsyncConnection, query: Any, convert: Callable[[Mapping[str, Any]], T]
) -> list[T]:
    """Every row of ``query`` as ``convert`` makes it, read :data:`ROWS_PER_STEP` at a time.

    A scheduler reads thousands of channels and runs at once; converting them in one
    go would hold the event loop (and every click waiting on it) for tens of ms.
    """
    converted: list[T] = []
    result = await conn.stream(query)
    async for part in result.mappings().partitions(ROWS_PER_STEP):
        converted.extend(convert(row) for row in part)
        await asyncio.sleep(0)
    return converted


def insert_for(dialect: str, table: Table | type[Any]) -> Any:
    """An ``INSERT`` for ``table`` that supports ``on_conflict_do_*`` on this dialect."""
    target = table.__table__ if hasattr(table, "__table__") else table
    if dialect == "postgresql":
        return postgresql.insert(target)
    if dialect == "sqlite":
        return sqlite.insert(target)
    raise NotImplementedError(f"unsupported database {dialect!r}: use SQLite or PostgreSQL")


#: A question a server holds back after enough reports, until reviewed.
HELD = "held"
#: A question a server's admin retired, until restored.
RETIRED = "retired"


def _holds_back() -> ColumnElement[bool]:
    """A ``question_holds`` row that keeps its question out: a retirement, or a hold made
    for the question's current notes (changed notes bring a held question back)."""
    return or_(
        QuestionHold.status == RETIRED,
        and_(
            QuestionHold.status == HELD,
            QuestionHold.content_hash == QuestionRow.content_hash,
        ),
    )


def not_held_back(guild_id: int) -> ColumnElement[bool]:
    """Questions ``guild_id`` still asks: neither held back (for the current notes) nor
    retired by the server. The one filter quizzes and practice leave those out with
    (:func:`held_back_in` gives the same questions for a batch of servers).

    One probe of ``question_holds``' primary key per candidate question, so a pool is
    filtered without loading every question.
    """
    return ~exists().where(
        QuestionHold.guild_id == guild_id,
        QuestionHold.question_id == QuestionRow.id,
        _holds_back(),
    )


def source_of(guild_id: int) -> ColumnElement[str]:
    """The catalogue key of the notes ``guild_id`` reads (``default`` when it chose none)."""
    chosen = select(NoteSource.source).where(NoteSource.guild_id == guild_id).scalar_subquery()
    return func.coalesce(chosen, DEFAULT_SOURCE)


def in_notes_of(guild_id: int) -> ColumnElement[bool]:
    """Questions of the notes ``guild_id`` reads, and of no other server's notes."""
    return QuestionRow.source == source_of(guild_id)


def sources_of(guild_ids: Collection[int]) -> Select[Any]:
    """``(guild_id, source)`` of the servers among ``guild_ids`` that chose their notes."""
    return select(NoteSource.guild_id, NoteSource.source).where(
        NoteSource.guild_id.in_(sorted(guild_ids))
    )


def held_back_in(guild_ids: Collection[int]) -> Select[Any]:
    """``(guild_id, question_id)`` of every question the servers ``guild_ids`` do not ask,
    by the rule of :func:`not_held_back`: for choosing the questions of many channels at
    once."""
    return (
        select(QuestionHold.guild_id, QuestionHold.question_id)
        .join_from(QuestionHold, QuestionRow, QuestionHold.question_id == QuestionRow.id)
        .where(QuestionHold.guild_id.in_(sorted(guild_ids)), _holds_back())
    )


def weekdays_to_mask(days: frozenset[int]) -> int:
    """Weekdays (0 = Monday) as a bitmask: bit 0 = Monday."""
    return sum(1 << day for day in days)


def mask_to_weekdays(mask: int) -> frozenset[int]:
    """The weekdays of a bitmask."""
    return frozenset(day for day in range(7) if mask & (1 << day))


def channel_schedule(row: Mapping[str, Any]) -> ChannelSchedule:
    """A ``quiz_channels`` row (as a mapping) as a :class:`ChannelSchedule`."""
    get = row.__getitem__
    chapters = get("chapters")
    return ChannelSchedule(
        guild_id=get("guild_id"),
        channel_id=get("channel_id"),
        schedule=Schedule(
            time_of_day=get("time_of_day"),
            timezone=get("timezone"),
            weekdays=mask_to_weekdays(get("weekdays")),
            window=dt.timedelta(seconds=get("window_seconds")),
        ),
        questions_per_run=get("questions_per_run"),
        paused=bool(get("paused")),
        chapters=tuple(chapters) if chapters is not None else None,
        active_since=get("active_since"),
    )


async def channel_schedule_in(
    conn: AsyncConnection, *, guild_id: int, channel_id: int
) -> ChannelSchedule | None:
    """The quiz schedule of the guild's channel, or ``None`` when it has none."""
    found = await conn.execute(
        select(QuizChannel.__table__).where(
            QuizChannel.guild_id == guild_id, QuizChannel.channel_id == channel_id
        )
    )
    row = found.mappings().first()
    return channel_schedule(row) if row is not None else None


async def upsert_scheduled_channel(
    conn: AsyncConnection,
    dialect: str,
    table: type[Any],
    *,
    guild_id: int,
    channel_id: int,
    timezone: str,
    values: Mapping[str, Any],
) -> None:
    """Create or change a channel's schedule row in ``table`` (keyed by ``channel_id``).

    The guild's time zone becomes ``timezone`` (week and month boards count in it).
    ``values`` are the schedule's other columns, ``guild_id`` among them. Used for quiz
    channels and fits any table of scheduled channels.
    """
    guild = insert_for(dialect, Guild).values(guild_id=guild_id, timezone=timezone)
    await conn.execute(
        guild.on_conflict_do_update(index_elements=[Guild.guild_id], set_={"timezone": timezone})
    )
    channel = insert_for(dialect, table).values(channel_id=channel_id, **values)
    await conn.execute(
        channel.on_conflict_do_update(index_elements=[table.channel_id], set_=dict(values))
    )


_QUESTION_COLUMNS = (
    QuestionRow.id,
    QuestionRow.kind,
    QuestionRow.language,
    QuestionRow.book,
    QuestionRow.chapter,
    QuestionRow.chapter_title,
    QuestionRow.prompt,
    QuestionRow.choices,
    QuestionRow.answer,
    QuestionRow.accepted,
    QuestionRow.explanation,
    QuestionRow.source_file,
    QuestionRow.source_line,
)


def question_columns(prefix: str = "") -> tuple[Any, ...]:
    """The catalogue columns :func:`question_from_row` reads, labelled ``prefix`` + name."""
    if not prefix:
        return _QUESTION_COLUMNS
    return tuple(column.label(f"{prefix}{column.key}") for column in _QUESTION_COLUMNS)


def question_from_row(row: Mapping[str, Any], prefix: str = "") -> Question:
    """A catalogue row (columns optionally prefixed ``q_``) as a :class:`Question`."""
    choices = row[f"{prefix}choices"]
    return Question(
        id=row[f"{prefix}id"],
        kind=QuestionKind(row[f"{prefix}kind"]),
        language=row[f"{prefix}language"],
        book=row[f"{prefix}book"],
        chapter=row[f"{prefix}chapter"],
        chapter_title=row[f"{prefix}chapter_title"],
        prompt=row[f"{prefix}prompt"],
        answer=row[f"{prefix}answer"],
        accepted=tuple(row[f"{prefix}accepted"]),
        explanation=row[f"{prefix}explanation"],
        source=Source(row[f"{prefix}source_file"], row[f"{prefix}source_line"]),
        choices=tuple(choices) if choices is not None else None,
    )


def run_select() -> Select[Any]:
    """``SELECT`` of a run joined with its question, columns ready for :func:`run_view`."""
    return select(
        QuizRun.__table__,
        *question_columns("q_"),
    ).join_from(QuizRun, QuestionRow, QuizRun.question_id == QuestionRow.id)


def run_view(row: Mapping[str, Any]) -> RunView:
    """A row of :func:`run_select` as a :class:`RunView`."""
    return RunView(
        id=row["id"],
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        slot=row["slot"],
        seq=row["seq"],
        question=question_from_row(row, "q_"),
        message_id=row["message_id"],
        opened_at=row["opened_at"],
        closes_at=row["closes_at"],
        closed_at=row["closed_at"],
        status=RunStatus(row["status"]),
        posted_at=row["posted_at"],
    )
