"""Channel schedules: set up, change, pause, chapter scope, listing per guild."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.schedule import Schedule
from bot.db import Database
from bot.services import schedules

SEOUL = Schedule(dt.time(9, 0), "Asia/Seoul", frozenset({0, 2, 4}), dt.timedelta(hours=6))


async def test_setup_is_stored_and_read_back_exactly(db: Database) -> None:
    """What an admin sets up (time, zone, days, window, questions) is what the bot reads."""
    stored = await schedules.configure_channel(
        db, guild_id=1, channel_id=11, schedule=SEOUL, questions_per_run=2
    )
    assert stored.schedule == SEOUL
    assert (stored.questions_per_run, stored.paused, stored.chapters) == (2, False, None)
    assert await schedules.get_schedule(db, guild_id=1, channel_id=11) == stored


async def test_setting_up_again_changes_time_but_keeps_pause_and_scope(db: Database) -> None:
    """Re-running setup moves the time without silently resuming or widening the scope."""
    await schedules.configure_channel(db, guild_id=1, channel_id=11, schedule=SEOUL)
    await schedules.set_paused(db, guild_id=1, channel_id=11, paused=True)
    await schedules.set_chapters(db, guild_id=1, channel_id=11, chapters=(3, 1, 3))
    later = Schedule(dt.time(21, 30), "Europe/Berlin")
    changed = await schedules.configure_channel(db, guild_id=1, channel_id=11, schedule=later)
    assert changed.schedule == later
    assert (changed.paused, changed.chapters) == (True, (1, 3))
    resumed = await schedules.set_chapters(db, guild_id=1, channel_id=11, chapters=None)
    assert resumed.chapters is None


async def test_changing_an_unknown_channel_says_so(db: Database) -> None:
    """Pausing a channel that was never set up gives a clear error, not silence."""
    with pytest.raises(schedules.ChannelNotConfigured, match="no quiz schedule"):
        await schedules.set_paused(db, guild_id=1, channel_id=12, paused=True)
    await schedules.configure_channel(db, guild_id=1, channel_id=11, schedule=SEOUL)
    with pytest.raises(schedules.ChannelNotConfigured):
        await schedules.set_chapters(db, guild_id=2, channel_id=11, chapters=(1,))


async def test_listing_by_guild_keeps_shards_apart(db: Database) -> None:
    """A process serving some guilds only sees those guilds' schedules."""
    for guild, channel in ((1, 11), (1, 12), (2, 21)):
        await schedules.configure_channel(db, guild_id=guild, channel_id=channel, schedule=SEOUL)
    assert [s.channel_id for s in await schedules.list_schedules(db)] == [11, 12, 21]
    assert [s.channel_id for s in await schedules.list_schedules(db, guild_ids=[2])] == [21]
    assert await schedules.list_schedules(db, guild_ids=[]) == []
