"""``/checkin``, ``/progress`` and ``/reading``: the reading group's commands.

``/checkin set chapter [status] [note]`` and ``/checkin undo`` (Discord cannot run a
command group itself, so "check in" is ``/checkin set``); ``/progress [member]``;
``/reading setup`` and ``/reading stop`` (Manage Server); ``/reading remind on|off``.
The cog turns interactions into :mod:`bot.services.reading` calls and starts the
reminder scheduler while loaded.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.reading import suggest_chapters
from bot.core.schedule import (
    Schedule,
    format_weekdays,
    next_slot,
)
from bot.exts._common import (
    answer_publicly,
    checked_schedule,
    reply_private,
    timezone_choices,
)
from bot.exts.quiz._render import local_datetime
from bot.exts.reading._render import board_embed, board_pages, member_embed, undo_reply
from bot.exts.reading._scheduler import ReminderScheduler
from bot.exts.reading._views import (
    CheckinButton,
    ProgressButton,
    board_view,
    check_in,
    goal_of,
)
from bot.i18n import language_of, text
from bot.services import reading
from bot.services.types import CheckinStatus

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = ["ReadingCog"]

log = logging.getLogger(__name__)


class ReadingCog(commands.Cog):
    """Check-ins, the progress board and reading reminders."""

    checkin = app_commands.Group(
        name="checkin", description="Say how far you have read", guild_only=True
    )
    reading_group = app_commands.Group(
        name="reading", description="Reading reminders", guild_only=True
    )

    def __init__(self, bot: QuizBot) -> None:
        self.bot = bot
        self.scheduler = ReminderScheduler(bot)

    async def cog_load(self) -> None:
        """Register the persistent buttons and start the reminder scheduler."""
        self.bot.add_dynamic_items(CheckinButton, ProgressButton)
        self.scheduler.start()

    async def cog_unload(self) -> None:
        """Stop the reminder scheduler and forget the buttons."""
        await self.scheduler.stop()
        self.bot.remove_dynamic_items(CheckinButton, ProgressButton)

    # ---------------------------------------------------------------- checkin

    @checkin.command(name="set", description="Check in for a chapter")
    @app_commands.describe(
        chapter="Chapter number or title",
        status="done (default) or still reading",
        note="A short note (500 characters at most)",
    )
    @app_commands.choices(
        status=[
            app_commands.Choice(name="done", value="done"),
            app_commands.Choice(name="still reading", value="reading"),
        ]
    )
    async def checkin_set(
        self,
        interaction: discord.Interaction,
        chapter: str,
        status: app_commands.Choice[str] | None = None,
        note: str | None = None,
    ) -> None:
        """Store (or update) the member's check-in and reply with progress and streak."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        chosen = CheckinStatus(status.value) if status is not None else CheckinStatus.DONE
        await check_in(interaction, chapter, chosen, note)

    @checkin_set.autocomplete("chapter")
    async def _chapter_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        chapters = await reading.list_chapters(self.bot.db, guild_id=interaction.guild_id)
        found = suggest_chapters([(c.number, c.title) for c in chapters], current)
        return [
            app_commands.Choice(name=f"{number}. {title}"[:100], value=str(number))
            for number, title in found
        ]

    @checkin.command(name="undo", description="Remove your last check-in")
    async def checkin_undo(self, interaction: discord.Interaction) -> None:
        """Remove the member's most recent check-in."""
        lang = language_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        assert interaction.guild_id is not None
        removed = await reading.undo(
            self.bot.db, guild_id=interaction.guild_id, member_id=interaction.user.id
        )
        if removed is None:
            await reply_private(interaction, text("checkin.nothing", lang))
            return
        chapters = {
            c.number: c
            for c in await reading.list_chapters(self.bot.db, guild_id=interaction.guild_id)
        }
        await reply_private(interaction, undo_reply(removed, chapters.get(removed.chapter), lang))

    # --------------------------------------------------------------- progress

    @app_commands.command(
        name="progress", description="The group's reading progress, or one member's"
    )
    @app_commands.describe(member="Member to show (default: the whole group)")
    @app_commands.guild_only()
    async def progress_command(
        self, interaction: discord.Interaction, member: discord.Member | None = None
    ) -> None:
        """The board (paged), or one member's progress."""
        await answer_publicly(interaction, self._progress(interaction, member))

    async def _progress(
        self, interaction: discord.Interaction, member: discord.Member | None
    ) -> dict[str, Any]:
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        now = discord.utils.utcnow()
        if member is None:
            board = await reading.board(self.bot.db, guild_id=interaction.guild_id, now=now)
            return {
                "embed": board_embed(
                    board, lang, goal=await goal_of(self.bot, interaction.guild_id), page=1
                ),
                "view": board_view(1, board_pages(board), lang),
            }
        progress = await reading.member_progress(
            self.bot.db, guild_id=interaction.guild_id, member_id=member.id, now=now
        )
        if progress.last_checkin is None:
            name = discord.utils.escape_markdown(member.display_name)
            return {"content": text("progress.member_none", lang, name=name)}
        chapters = await reading.list_chapters(self.bot.db, guild_id=interaction.guild_id)
        timezone = await reading.guild_timezone(self.bot.db, guild_id=interaction.guild_id)
        own = member.id == interaction.user.id
        return {"embed": member_embed(progress, chapters, lang, timezone, own=own)}

    # ---------------------------------------------------------------- reading

    @reading_group.command(
        name="setup", description="Post reading reminders in a channel (Manage Server)"
    )
    @app_commands.describe(
        channel="Channel to post the reminders in",
        day="Days, like mon, mon-fri, mon,thu or 월목",
        time="Local time of day, like 09:00 or 21:30",
        timezone="IANA time zone, like Asia/Seoul or Europe/Berlin",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def setup_command(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        day: str,
        time: str,
        timezone: str,
    ) -> None:
        """Validate the schedule and the channel, then save it."""
        lang = language_of(interaction)
        checked = await checked_schedule(
            interaction, channel, time=time, timezone=timezone, days=day
        )
        if checked is None:
            return
        zone, time_of_day, weekdays = checked
        await interaction.response.defer(ephemeral=True, thinking=True)
        # Active from now: a slot earlier today is not reminded of, so "next" is the next one.
        now = discord.utils.utcnow()
        stored = await reading.configure_reminders(
            self.bot.db,
            guild_id=channel.guild.id,
            channel_id=channel.id,
            schedule=Schedule(time_of_day=time_of_day, timezone=zone.key, weekdays=weekdays),
            now=now,
        )
        self.scheduler.poke()
        upcoming = next_slot(stored.schedule, now)
        await reply_private(
            interaction,
            text(
                "reading.setup_done",
                lang,
                channel=channel.mention,
                days=format_weekdays(weekdays, lang),
                time=time_of_day.strftime("%H:%M"),
                timezone=zone.key,
                next=local_datetime(upcoming, zone.key, lang),
            ),
        )

    @reading_group.command(
        name="stop", description="Stop the reading reminders of a channel (Manage Server)"
    )
    @app_commands.describe(channel="Channel whose reminders stop")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def stop_command(
        self, interaction: discord.Interaction, channel: discord.TextChannel
    ) -> None:
        """Remove the channel's reminder schedule (reminders already posted stay)."""
        lang = language_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        removed = await reading.remove_reminders(
            self.bot.db, guild_id=channel.guild.id, channel_id=channel.id
        )
        self.scheduler.poke()
        key = "reading.stopped" if removed else "reading.not_set"
        await reply_private(interaction, text(key, lang, channel=channel.mention))

    @setup_command.autocomplete("timezone")
    async def _timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return timezone_choices(current)

    @reading_group.command(name="remind", description="Whether reminders mention you")
    @app_commands.describe(state="on or off")
    @app_commands.choices(
        state=[
            app_commands.Choice(name="on", value="on"),
            app_commands.Choice(name="off", value="off"),
        ]
    )
    async def remind_command(
        self, interaction: discord.Interaction, state: app_commands.Choice[str]
    ) -> None:
        """Opt in or out of being pinged by reminders."""
        lang = language_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        assert interaction.guild_id is not None
        remind = state.value == "on"
        await reading.set_remind(
            self.bot.db,
            guild_id=interaction.guild_id,
            member_id=interaction.user.id,
            display_name=interaction.user.display_name,
            remind=remind,
        )
        await reply_private(
            interaction, text("reading.remind_on" if remind else "reading.remind_off", lang)
        )
