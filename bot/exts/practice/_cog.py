"""The ``/practice`` commands: a private session, misses, stats, reminders, the retention setting.

Sessions run in :mod:`bot.exts.practice._views`; what is due and what a review does
lives in :mod:`bot.services.practice`. Every reply is private.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.errors import PracticeError, ScheduleError
from bot.core.practice import DEFAULT_COUNT, MAX_RETENTION, MIN_RETENTION
from bot.core.schedule import parse_time_of_day
from bot.exts._common import reply_private, require_manage_guild
from bot.exts.practice._reminders import PracticeReminders
from bot.exts.practice._render import error_text, stats_embed
from bot.exts.practice._views import Session, show_question
from bot.i18n import language_of, text
from bot.services import practice
from bot.services.practice import PracticeMode
from bot.services.reading import guild_timezone

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = ["PracticeCog"]

log = logging.getLogger(__name__)

#: When a practice reminder comes when the member names no time (server time).
DEFAULT_REMINDER_TIME = "20:00"


class PracticeCog(commands.Cog):
    """Personal spaced-repetition practice, one private question at a time."""

    group = app_commands.Group(
        name="practice",
        description="Personal practice of your own misses, spaced out",
        guild_only=True,
    )

    def __init__(self, bot: QuizBot) -> None:
        self.bot = bot
        self.reminders = PracticeReminders(bot)

    async def cog_load(self) -> None:
        """Start the reminder task: it reminds whoever was due while the bot was down."""
        self.reminders.start()

    async def cog_unload(self) -> None:
        """Stop the reminder task cleanly."""
        await self.reminders.stop()

    async def _begin(
        self,
        interaction: discord.Interaction,
        *,
        chapter: int | None,
        count: int,
        mode: PracticeMode,
    ) -> None:
        assert interaction.guild_id is not None
        lang = language_of(interaction)
        try:
            await practice.check_session(
                self.bot.db,
                guild_id=interaction.guild_id,
                member_id=interaction.user.id,
                chapter=chapter,
                count=count,
            )
        except PracticeError as exc:
            now = discord.utils.utcnow()
            timezone = await guild_timezone(self.bot.db, guild_id=interaction.guild_id)
            message = error_text(exc, lang, now=now, timezone=timezone)
            await reply_private(interaction, message or str(exc))
            return
        session = Session(
            number=1,
            count=count,
            right=0,
            chapter=chapter or 0,
            mode=mode,
            since=int(discord.utils.utcnow().timestamp()),
        )
        await show_question(interaction, session, edit=False)

    @group.command(
        name="start",
        description="Practise your due questions, then new ones from chapters you reached",
    )
    @app_commands.describe(
        chapter="Only questions of this chapter (number)",
        count="How many questions (1-20, default 5)",
    )
    async def start(
        self,
        interaction: discord.Interaction,
        chapter: int | None = None,
        count: int = DEFAULT_COUNT,
    ) -> None:
        """A private session: due questions most overdue first, then new ones in reach."""
        await self._begin(interaction, chapter=chapter, count=count, mode=PracticeMode.DUE)

    @group.command(
        name="misses", description="Practise only what you answered wrong in the last 30 days"
    )
    @app_commands.describe(count="How many questions (1-20, default 5)")
    async def misses(self, interaction: discord.Interaction, count: int = DEFAULT_COUNT) -> None:
        """A private session of recent wrong answers only."""
        await self._begin(interaction, chapter=None, count=count, mode=PracticeMode.MISSES)

    @group.command(
        name="stats", description="Your practice: due questions, retention, 14-day forecast"
    )
    async def stats(self, interaction: discord.Interaction) -> None:
        """Due today and this week, reviewed, retention estimate, streak, forecast."""
        assert interaction.guild_id is not None
        result = await practice.practice_stats(
            self.bot.db,
            guild_id=interaction.guild_id,
            member_id=interaction.user.id,
            now=discord.utils.utcnow(),
        )
        embed = stats_embed(result, interaction.user.display_name, language_of(interaction))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @group.command(
        name="retention",
        description="Set the desired retention of practice, 0.80-0.95 (Manage Server)",
    )
    @app_commands.describe(value="Desired retention, like 0.9")
    async def retention(self, interaction: discord.Interaction, value: float) -> None:
        """Change how often questions come back for everyone in the server."""
        require_manage_guild(interaction)
        assert interaction.guild_id is not None
        lang = language_of(interaction)
        if not MIN_RETENTION <= value <= MAX_RETENTION:
            await reply_private(
                interaction,
                text("practice.bad_retention", lang, low=MIN_RETENTION, high=MAX_RETENTION),
            )
            return
        await practice.set_retention(self.bot.db, guild_id=interaction.guild_id, retention=value)
        await reply_private(interaction, text("practice.retention_set", lang, value=value))

    @group.command(name="remind", description="Be mentioned here once a day when practice is due")
    @app_commands.describe(state="on or off", time="Local time of day, like 20:00 (default 20:00)")
    @app_commands.choices(
        state=[
            app_commands.Choice(name="on", value="on"),
            app_commands.Choice(name="off", value="off"),
        ]
    )
    async def remind(
        self,
        interaction: discord.Interaction,
        state: app_commands.Choice[str],
        time: str = DEFAULT_REMINDER_TIME,
    ) -> None:
        """Opt in to (or out of) a daily mention in this channel on days with practice due."""
        assert interaction.guild_id is not None
        assert interaction.channel_id is not None
        lang = language_of(interaction)
        if state.value == "off":
            await practice.set_reminder(
                self.bot.db,
                guild_id=interaction.guild_id,
                member_id=interaction.user.id,
                channel_id=interaction.channel_id,
                time_of_day=None,
            )
            await reply_private(interaction, text("practice.remind_off", lang))
            return
        try:
            at = parse_time_of_day(time)
        except ScheduleError as exc:
            await reply_private(interaction, str(exc))
            return
        await practice.set_reminder(
            self.bot.db,
            guild_id=interaction.guild_id,
            member_id=interaction.user.id,
            channel_id=interaction.channel_id,
            time_of_day=at,
        )
        self.reminders.poke()
        timezone = await guild_timezone(self.bot.db, guild_id=interaction.guild_id)
        await reply_private(
            interaction,
            text("practice.remind_on", lang, time=at.strftime("%H:%M"), timezone=timezone),
        )
