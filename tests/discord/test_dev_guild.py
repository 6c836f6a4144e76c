"""``QUIZBOT_DEV_GUILD_ID``: the commands are synced to one guild, where they show at once."""

from __future__ import annotations

import pytest
from simcord.env import Env

from bot.client import QuizBot
from tests.discord.conftest import BotFactory

DEV_GUILD = 4242 << 22


@pytest.fixture
async def simcord_bot(make_bot: BotFactory) -> QuizBot:
    """A bot configured to sync its commands to one development guild."""
    return await make_bot(dev_guild_id=DEV_GUILD)


async def test_dev_guild_gets_the_commands_at_once(simcord_env: Env) -> None:
    """With a dev guild set, the commands are registered on it and not globally."""
    assert simcord_env.backend.commands.get(None, {}) == {}
    guild_commands = simcord_env.backend.commands.get(DEV_GUILD, {})
    assert {name for name, _type in guild_commands} >= {"quiz", "leaderboard", "stats", "help"}
