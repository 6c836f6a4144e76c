"""The pieces every practice module shares: the filters, the schedule row, server settings.

:func:`practicable` is the one filter of the questions a server may practise;
:func:`current_schedule` keeps a schedule only while the question's answer is the one
it was learnt with.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ColumnElement

from bot.core.practice import (
    DEFAULT_RETENTION,
    CardState,
    Rating,
)
from bot.db.models import (
    Guild,
    PracticeCard,
    QuestionRow,
)
from bot.db.queries import in_notes_of, insert_for, not_held_back, question_columns

__all__ = [
    "QUESTION_COLUMNS",
    "card_state",
    "card_values",
    "current_schedule",
    "member_cards",
    "practicable",
    "retention_in",
    "review_values",
    "settings_in",
    "timezone_in",
    "upsert_cards",
]

# ---------------------------------------------------------------------- the filters


def practicable(guild_id: int) -> ColumnElement[bool]:
    """The one filter of the questions members of ``guild_id`` may practise.

    Retired questions (their notes are gone) are skipped, and so are the questions
    the server holds back after reports or retired itself (:func:`not_held_back`), and
    so are the questions of other servers' notes (:func:`in_notes_of`).
    """
    return and_(QuestionRow.retired_at.is_(None), in_notes_of(guild_id), not_held_back(guild_id))


def current_schedule() -> ColumnElement[bool]:
    """A schedule still applies: the question's answer is the one it was reviewed with."""
    return PracticeCard.answer == QuestionRow.answer


def member_cards(guild_id: int, member_id: int) -> tuple[ColumnElement[bool], ...]:
    return (PracticeCard.guild_id == guild_id, PracticeCard.member_id == member_id)


QUESTION_COLUMNS = question_columns("q_")


def card_state(row: Any) -> CardState:
    return CardState(
        state=row.state,
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=row.due,
        last_review=row.last_review,
        reviews=row.reviews,
        lapses=row.lapses,
    )


def card_values(
    guild_id: int, member_id: int, question_id: str, answer: str, state: CardState
) -> dict[str, Any]:
    return {
        "guild_id": guild_id,
        "member_id": member_id,
        "question_id": question_id,
        "answer": answer,
        "state": state.state,
        "step": state.step,
        "stability": state.stability,
        "difficulty": state.difficulty,
        "due": state.due,
        "last_review": state.last_review,
        "reviews": state.reviews,
        "lapses": state.lapses,
    }


async def upsert_cards(conn: AsyncConnection, dialect: str, rows: list[dict[str, Any]]) -> None:
    upsert = insert_for(dialect, PracticeCard)
    kept = ("answer", "state", "step", "stability", "difficulty", "due", "last_review")
    await conn.execute(
        upsert.on_conflict_do_update(
            index_elements=["guild_id", "member_id", "question_id"],
            set_={
                **{name: getattr(upsert.excluded, name) for name in kept},
                "reviews": upsert.excluded.reviews,
                "lapses": upsert.excluded.lapses,
            },
        ),
        rows,
    )


async def retention_in(conn: AsyncConnection, guild_id: int) -> float:
    found = (
        await conn.execute(select(Guild.practice_retention).where(Guild.guild_id == guild_id))
    ).scalar_one_or_none()
    return float(found) if found is not None else DEFAULT_RETENTION


async def settings_in(conn: AsyncConnection, guild_id: int) -> tuple[ZoneInfo, float]:
    """The server's time zone (UTC by default) and desired retention, in one read."""
    found = (
        await conn.execute(
            select(Guild.timezone, Guild.practice_retention).where(Guild.guild_id == guild_id)
        )
    ).first()
    if found is None:
        return ZoneInfo("UTC"), DEFAULT_RETENTION
    return ZoneInfo(found.timezone or "UTC"), float(found.practice_retention)


async def timezone_in(conn: AsyncConnection, guild_id: int) -> ZoneInfo:
    return (await settings_in(conn, guild_id))[0]


def review_values(
    guild_id: int,
    member_id: int,
    question_id: str,
    source: str,
    rating: Rating,
    correct: bool,
    after: CardState,
) -> dict[str, Any]:
    return {
        "guild_id": guild_id,
        "member_id": member_id,
        "question_id": question_id,
        "source": source,
        "rating": int(rating),
        "correct": correct,
        "reviewed_at": after.last_review,
        "due_after": after.due,
    }
