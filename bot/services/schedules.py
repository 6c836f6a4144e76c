"""Quiz schedules per channel: set up, pause, choose chapters, list.

A guild may schedule several channels; each has its own time, time zone, weekdays,
answer window and chapter scope. Setting a channel up also records the guild's time
zone, which the week and month leaderboards use.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select, update

from bot.core.errors import QuizbotError
from bot.core.schedule import Schedule
from bot.db.models import QuizChannel
from bot.db.queries import (
    channel_schedule,
    channel_schedule_in,
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
) -> ChannelSchedule:
    """Create or change a channel's schedule (pause state and chapter scope are kept)."""
    if questions_per_run < 1:
        raise QuizbotError("A run needs at least one question.")
    values: dict[str, Any] = {
        "guild_id": guild_id,
        "time_of_day": schedule.time_of_day,
        "timezone": schedule.timezone,
        "weekdays": weekdays_to_mask(schedule.weekdays),
        "questions_per_run": questions_per_run,
        "window_seconds": int(schedule.window.total_seconds()),
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
    db: Database, *, guild_id: int, channel_id: int, paused: bool
) -> ChannelSchedule:
    """Pause or resume a channel's quizzes."""
    return await _change(db, guild_id=guild_id, channel_id=channel_id, values={"paused": paused})


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
        rows = (await conn.execute(query)).mappings().all()
    return [channel_schedule(row) for row in rows]
