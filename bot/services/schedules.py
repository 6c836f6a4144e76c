"""Quiz schedules per channel: set up, pause, choose chapters, list.

A guild may schedule several channels; each has its own time, time zone, weekdays,
answer window and chapter scope. Setting a channel up also records the guild's time
zone, which the week and month leaderboards use.

Setting a channel up, or resuming it, makes its schedule active from that moment: a
slot of earlier today is not posted late (the scheduler catches up only slots missed
while the bot was down), so the next quiz is the next slot after the setup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import case, literal, select, update

from bot.core.errors import QuizbotError
from bot.core.schedule import Schedule
from bot.db.models import QuizChannel, UTCDateTime
from bot.db.queries import (
    channel_schedule,
    channel_schedule_in,
    rows_in_steps,
    upsert_scheduled_channel,
    weekdays_to_mask,
)
from bot.db.session import Database
from bot.services.types import ChannelSchedule

__all__ = [
    "ChannelNotConfigured",
    "configure_channel",
    "get_schedule",
    "list_schedules",
    "set_chapters",
    "set_paused",
]


class ChannelNotConfigured(QuizbotError, LookupError):
    """The channel has no quiz schedule yet (use ``/quiz setup`` first)."""


async def configure_channel(
    db: Database,
    *,
    guild_id: int,
    channel_id: int,
    schedule: Schedule,
    questions_per_run: int = 1,
    now: dt.datetime | None = None,
) -> ChannelSchedule:
    """Create or change a channel's schedule (pause state and chapter scope are kept).

    The schedule is active from ``now`` (default: the current time): its first quiz is
    the first slot after it.
    """
    if questions_per_run < 1:
        raise QuizbotError("A run needs at least one question.")
    values: dict[str, Any] = {
        "guild_id": guild_id,
        "time_of_day": schedule.time_of_day,
        "timezone": schedule.timezone,
        "weekdays": weekdays_to_mask(schedule.weekdays),
        "questions_per_run": questions_per_run,
        "window_seconds": int(schedule.window.total_seconds()),
        "active_since": _now(now),
    }
    async with db.write() as conn:
        await upsert_scheduled_channel(
            conn,
            db.dialect,
            QuizChannel,
            guild_id=guild_id,
            channel_id=channel_id,
            timezone=schedule.timezone,
            values=values,
        )
    result = await get_schedule(db, guild_id=guild_id, channel_id=channel_id)
    assert result is not None
    return result


async def _change(
    db: Database, *, guild_id: int, channel_id: int, values: dict[str, Any]
) -> ChannelSchedule:
    async with db.write() as conn:
        result = await conn.execute(
            update(QuizChannel)
            .where(QuizChannel.guild_id == guild_id, QuizChannel.channel_id == channel_id)
            .values(**values)
        )
        if result.rowcount == 0:
            raise ChannelNotConfigured("This channel has no quiz schedule yet.")
    changed = await get_schedule(db, guild_id=guild_id, channel_id=channel_id)
    assert changed is not None
    return changed


async def set_paused(
    db: Database,
    *,
    guild_id: int,
    channel_id: int,
    paused: bool,
    now: dt.datetime | None = None,
) -> ChannelSchedule:
    """Pause or resume a channel's quizzes.

    Resuming a paused channel makes it active from ``now`` (default: the current time),
    so a slot that passed while it was paused is not posted late; resuming a channel
    that runs changes nothing.
    """
    values: dict[str, Any] = {"paused": paused}
    if not paused:
        since = literal(_now(now), UTCDateTime())
        values["active_since"] = case((QuizChannel.paused, since), else_=QuizChannel.active_since)
    return await _change(db, guild_id=guild_id, channel_id=channel_id, values=values)


def _now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(tz=dt.UTC)
    if now.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return now


async def set_chapters(
    db: Database, *, guild_id: int, channel_id: int, chapters: tuple[int, ...] | None
) -> ChannelSchedule:
    """Limit a channel's quizzes to ``chapters`` (``None``: back to the default scope)."""
    scope = sorted(set(chapters)) if chapters is not None else None
    return await _change(db, guild_id=guild_id, channel_id=channel_id, values={"chapters": scope})


async def get_schedule(db: Database, *, guild_id: int, channel_id: int) -> ChannelSchedule | None:
    """The channel's schedule, or ``None`` when it has none."""
    async with db.read() as conn:
        return await channel_schedule_in(conn, guild_id=guild_id, channel_id=channel_id)


async def list_schedules(
    db: Database, *, guild_ids: Collection[int] | None = None
) -> list[ChannelSchedule]:
    """Every scheduled channel (of ``guild_ids`` when given), by guild then channel."""
    query = select(QuizChannel.__table__).order_by(QuizChannel.guild_id, QuizChannel.channel_id)
    if guild_ids is not None:
        query = query.where(QuizChannel.guild_id.in_(list(guild_ids)))
    async with db.read() as conn:
        return await rows_in_steps(conn, query, channel_schedule)
