"""A member's practice figures and streak, and the server's desired retention."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.practice import (
    FORECAST_DAYS,
    check_retention,
    days_until,
    practice_streak,
    retrievability,
)
from bot.db.models import (
    Guild,
    PracticeCard,
    PracticeReview,
    QuestionRow,
)
from bot.db.queries import insert_for
from bot.db.session import Database
from bot.services.practice._store import (
    card_state,
    current_schedule,
    member_cards,
    practicable,
    settings_in,
    timezone_in,
)

__all__ = [
    "STREAK_LOOKBACK_DAYS",
    "PracticeStats",
    "member_practice_streak",
    "practice_stats",
    "set_retention",
]

#: How far back the practice streak is read (a longer streak shows as this long).
STREAK_LOOKBACK_DAYS = 400


@dataclass(frozen=True, slots=True)
class PracticeStats:
    """A member's practice in one server.

    ``forecast[i]`` is how many questions fall due on the local day ``i`` days from
    today (overdue ones count today). ``retention`` is the mean FSRS retrievability of
    the reviewed questions now, ``None`` before any review.
    """

    due_today: int
    due_week: int
    reviewed: int
    retention: float | None
    forecast: tuple[int, ...]
    streak: int
    next_due: dt.datetime | None


# ------------------------------------------------------------------ statistics


async def _practice_days(
    conn: AsyncConnection, guild_id: int, member_id: int, now: dt.datetime, zone: ZoneInfo
) -> set[dt.date]:
    stamps = await conn.execute(
        select(PracticeReview.reviewed_at).where(
            PracticeReview.guild_id == guild_id,
            PracticeReview.member_id == member_id,
            PracticeReview.reviewed_at >= now - dt.timedelta(days=STREAK_LOOKBACK_DAYS),
            PracticeReview.source == "practice",
        )
    )
    return {stamp.astimezone(zone).date() for stamp in stamps.scalars()}


async def member_practice_streak(
    db: Database, *, guild_id: int, member_id: int, now: dt.datetime
) -> int:
    """Consecutive local days (the server's time zone) with at least one practice answer."""
    async with db.read() as conn:
        zone = await timezone_in(conn, guild_id)
        days = await _practice_days(conn, guild_id, member_id, now, zone)
    return practice_streak(days, today=now.astimezone(zone).date())


async def practice_stats(
    db: Database, *, guild_id: int, member_id: int, now: dt.datetime
) -> PracticeStats:
    """Due today and this week, questions reviewed, retention estimate, 14-day forecast."""
    async with db.read() as conn:
        zone, retention = await settings_in(conn, guild_id)
        rows = (
            await conn.execute(
                select(PracticeCard.__table__)
                .join_from(PracticeCard, QuestionRow, PracticeCard.question_id == QuestionRow.id)
                .where(
                    *member_cards(guild_id, member_id), practicable(guild_id), current_schedule()
                )
            )
        ).all()
        days = await _practice_days(conn, guild_id, member_id, now, zone)
    today = now.astimezone(zone).date()
    forecast = [0] * FORECAST_DAYS
    states = [card_state(row) for row in rows]
    for state in states:
        offset = days_until(state.due, today=today, timezone=zone)
        if offset < FORECAST_DAYS:
            forecast[offset] += 1
    reviewed = [s for s in states if s.last_review is not None]
    mean = (
        sum(retrievability(s, at=now, retention=retention) for s in reviewed) / len(reviewed)
        if reviewed
        else None
    )
    return PracticeStats(
        due_today=forecast[0],
        due_week=sum(forecast[:7]),
        reviewed=len(reviewed),
        retention=mean,
        forecast=tuple(forecast),
        streak=practice_streak(days, today=today),
        next_due=min((s.due for s in states), default=None),
    )


async def set_retention(db: Database, *, guild_id: int, retention: float) -> float:
    """Set the server's desired retention (0.80–0.95); later reviews are scheduled by it."""
    check_retention(retention)
    async with db.write() as conn:
        upsert = insert_for(db.dialect, Guild).values(
            guild_id=guild_id, practice_retention=retention
        )
        await conn.execute(
            upsert.on_conflict_do_update(
                index_elements=[Guild.guild_id], set_={"practice_retention": retention}
            )
        )
    return retention
