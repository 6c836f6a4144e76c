"""Sharding: a process runs some shards and schedules only the guilds of those shards."""

from __future__ import annotations

import datetime as dt

import pytest
from simcord.env import Env

from bot.client import QuizBot
from bot.core.schedule import Schedule
from bot.services import schedules
from tests.discord.conftest import BotFactory
from tests.discord.test_quiz_flow import quiz_messages


@pytest.fixture
async def simcord_bot(make_bot: BotFactory) -> QuizBot:
    """The process for shard 0 of 2."""
    return await make_bot(shard_count=2, shard_ids=[0])


async def test_only_guilds_of_our_shards_are_scheduled(
    simcord_env: Env, make_bot: BotFactory
) -> None:
    """A due quiz is posted in the guild of our shard, never in a guild of another shard."""
    ours = simcord_env.create_guild("ours", shard_id=0)
    theirs = simcord_env.create_guild("theirs", shard_id=1)
    our_channel = ours.create_text_channel("quiz")
    their_channel = theirs.create_text_channel("quiz")
    assert simcord_env.bot.owns_guild(ours.id)
    assert not simcord_env.bot.owns_guild(theirs.id)
    db = simcord_env.bot.db
    due = Schedule(dt.time(8), "Asia/Seoul")  # 08:00 Seoul was an hour ago, still open
    for guild, channel in ((ours, our_channel), (theirs, their_channel)):
        await schedules.configure_channel(
            db,
            guild_id=guild.id,
            channel_id=channel.id,
            schedule=due,
            now=simcord_env.now() - dt.timedelta(days=1),  # set up before the restart
        )
    await simcord_env.restart_bot(await make_bot(shard_count=2, shard_ids=[0]))
    assert len(quiz_messages(our_channel)) == 1
    assert quiz_messages(their_channel) == []
