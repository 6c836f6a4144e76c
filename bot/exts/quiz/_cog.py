"""The ``/quiz`` commands: set up, pause, resume, post now, status, reload, chapters, review.

The cog translates interactions into service calls and service results into
messages; schedules, runs and question choice live in the services. Admin
subcommands check the Manage Server permission (a subcommand cannot have its own
default permissions, and ``status`` is for everyone) and refuse privately.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.errors import NoQuestions, QuizbotError
from bot.core.schedule import (
    Schedule,
    format_weekdays,
)
from bot.exts._common import (
    NO_MENTIONS,
    checked_schedule,
    reply_private,
    require_manage_guild,
    timezone_choices,
)
from bot.exts.quiz._render import clip
from bot.exts.quiz._review import RETIRED, WAITING, review_message
from bot.exts.quiz._scheduler import NowResult, QuizScheduler
from bot.exts.quiz._status import (
    MAX_STATUS_CHANNELS,
    next_text,
    scope_text,
    status_embed,
)
from bot.i18n import language_of, text
from bot.services import reviews, runs, schedules, sources
from bot.services.reading import list_chapters, quiz_scope
from bot.services.types import ALL_CHAPTERS, ChannelSchedule

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = ["MAX_QUESTIONS", "MAX_WINDOW_HOURS", "QuizCog", "parse_chapter_scope"]

log = logging.getLogger(__name__)

MAX_QUESTIONS = 5
MAX_WINDOW_HOURS = 23
_SCOPE_PART = re.compile(r"^(\d+)(?:\s*-\s*(\d+))?$")


def parse_chapter_scope(given: str) -> tuple[int, ...] | None:
    """``"default"`` → ``None`` (follow the reading); ``"all"`` → :data:`ALL_CHAPTERS`;
    ``"1,3"``/``"2-4"`` → sorted chapter numbers; ``ValueError`` else."""
    cleaned = given.strip().lower()
    if cleaned in {"default", "reading", "reached", "기본", "진도"}:
        return None
    if cleaned in {"all", "*", "전체", "모두"}:
        return ALL_CHAPTERS
    numbers: set[int] = set()
    for part in re.split(r"[,\s]+", cleaned.replace("장", "")):
        if not part:
            continue
        match = _SCOPE_PART.match(part)
        if match is None:
            raise ValueError(f"cannot read the chapter scope {given!r}")
        start = int(match[1])
        end = int(match[2]) if match[2] else start
        if end < start or end - start > 1000:
            raise ValueError(f"cannot read the chapter scope {given!r}")
        numbers.update(range(start, end + 1))
    if not numbers:
        raise ValueError(f"cannot read the chapter scope {given!r}")
    return tuple(sorted(numbers))


class QuizCog(commands.Cog):
    """Schedules quizzes per channel and runs the scheduler while loaded."""

    quiz = app_commands.Group(
        name="quiz",
        description="Daily quizzes from the chapter notes",
        guild_only=True,
    )

    def __init__(self, bot: QuizBot) -> None:
        self.bot = bot
        self.scheduler = QuizScheduler(bot)

    async def cog_load(self) -> None:
        """Start the scheduler: it closes overdue runs and posts missed slots first."""
        self.bot.scheduler = self.scheduler
        self.scheduler.start()

    async def cog_unload(self) -> None:
        """Stop the scheduler cleanly."""
        await self.scheduler.stop()
        if self.bot.scheduler is self.scheduler:
            self.bot.scheduler = None

    # --------------------------------------------------------------- helpers

    async def _titles(self, guild_id: int) -> dict[int, str]:
        """The chapter titles of the notes ``guild_id`` reads, as stored by their last sync."""
        return {c.number: c.title for c in await list_chapters(self.bot.db, guild_id=guild_id)}

    async def _configured(
        self, interaction: discord.Interaction, lang: str
    ) -> ChannelSchedule | None:
        assert interaction.guild_id is not None
        assert interaction.channel_id is not None
        cs = await schedules.get_schedule(
            self.bot.db, guild_id=interaction.guild_id, channel_id=interaction.channel_id
        )
        if cs is None:
            await reply_private(
                interaction,
                text("channel.not_configured", lang, channel=f"<#{interaction.channel_id}>"),
            )
        return cs

    # ------------------------------------------------------------------ setup

    @quiz.command(name="setup", description="Schedule daily quizzes in a channel (Manage Server)")
    @app_commands.describe(
        channel="Channel to post the quizzes in",
        time="Local time of day, like 09:00 or 21:30",
        timezone="IANA time zone, like Asia/Seoul or Europe/Berlin",
        days="Days, like mon-fri, daily, mon,wed,fri or 월-금 (default: daily)",
        questions="Questions per quiz (default 1)",
        window="Hours the answers stay open (default 12)",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def setup_command(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time: str,
        timezone: str,
        days: str | None = None,
        questions: app_commands.Range[int, 1, MAX_QUESTIONS] = 1,
        window: app_commands.Range[int, 1, MAX_WINDOW_HOURS] = 12,
    ) -> None:
        """Validate everything, check the bot may post there, then save the schedule."""
        lang = language_of(interaction)
        checked = await checked_schedule(
            interaction, channel, time=time, timezone=timezone, days=days
        )
        if checked is None:
            return
        zone, time_of_day, weekdays = checked
        await interaction.response.defer(ephemeral=True, thinking=True)
        # Active from now: a slot earlier today is not posted, so "next" is the next slot.
        now = discord.utils.utcnow()
        schedule = Schedule(
            time_of_day=time_of_day,
            timezone=zone.key,
            weekdays=weekdays,
            window=dt.timedelta(hours=window),
        )
        cs = await schedules.configure_channel(
            self.bot.db,
            guild_id=channel.guild.id,
            channel_id=channel.id,
            schedule=schedule,
            questions_per_run=questions,
            now=now,
        )
        self.scheduler.poke()
        await reply_private(
            interaction,
            text(
                "setup.done",
                lang,
                channel=channel.mention,
                time=time_of_day.strftime("%H:%M"),
                timezone=zone.key,
                days=format_weekdays(weekdays, lang),
                questions=cs.questions_per_run,
                window=window,
                next=next_text(cs, lang, now),
            ),
        )

    @setup_command.autocomplete("timezone")
    async def _timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return timezone_choices(current)

    # ------------------------------------------------------ now/pause/resume

    @quiz.command(name="now", description="Post a quiz in this channel right now (Manage Server)")
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def now_command(self, interaction: discord.Interaction) -> None:
        """Post one question at once in this (configured) channel."""
        lang = language_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        cs = await self._configured(interaction, lang)
        if cs is None:
            return
        channel = f"<#{cs.channel_id}>"
        try:
            result, run = await self.scheduler.post_now(cs, discord.utils.utcnow())
        except NoQuestions:
            await reply_private(interaction, text("now.no_questions", lang, channel=channel))
            return
        if result is NowResult.JUST_POSTED and run.message_id is not None:
            link = f"https://discord.com/channels/{run.guild_id}/{run.channel_id}/{run.message_id}"
            message = text("now.just_posted", lang, channel=channel, link=link)
        elif result is NowResult.JUST_POSTED:
            message = text("now.just_claimed", lang, channel=channel)
        else:
            key = "now.posted" if result is NowResult.POSTED else "now.refused"
            message = text(key, lang, channel=channel)
        await reply_private(interaction, message)

    @quiz.command(name="pause", description="Pause this channel's quizzes (Manage Server)")
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def pause_command(self, interaction: discord.Interaction) -> None:
        """Stop posting new quizzes here until resumed (open ones still close)."""
        await self._set_paused(interaction, paused=True)

    @quiz.command(name="resume", description="Resume this channel's quizzes (Manage Server)")
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def resume_command(self, interaction: discord.Interaction) -> None:
        """Post quizzes here again."""
        await self._set_paused(interaction, paused=False)

    async def _set_paused(self, interaction: discord.Interaction, *, paused: bool) -> None:
        lang = language_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        if await self._configured(interaction, lang) is None:
            return
        assert interaction.guild_id is not None
        assert interaction.channel_id is not None
        now = discord.utils.utcnow()
        cs = await schedules.set_paused(
            self.bot.db,
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            paused=paused,
            now=now,
        )
        self.scheduler.poke()
        channel = f"<#{cs.channel_id}>"
        if paused:
            await reply_private(interaction, text("pause.done", lang, channel=channel))
        else:
            await reply_private(
                interaction,
                text("resume.done", lang, channel=channel, next=next_text(cs, lang, now)),
            )

    # ----------------------------------------------------------------- status

    @quiz.command(name="status", description="Next quiz, open quizzes, chapters and questions left")
    @app_commands.guild_only()
    async def status_command(self, interaction: discord.Interaction) -> None:
        """Every schedule of this server with its next run, scope and pool, and open runs."""
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild_id = interaction.guild_id
        configured = await schedules.list_schedules(self.bot.db, guild_ids=[guild_id])
        if not configured:
            await reply_private(interaction, text("status.none", lang))
            return
        described = []
        for cs in configured[:MAX_STATUS_CHANNELS]:
            pool = await runs.question_pool(
                self.bot.db, guild_id=guild_id, channel_id=cs.channel_id
            )
            channel = self.bot.get_channel(cs.channel_id)
            name = (
                f"#{channel.name}"
                if isinstance(channel, discord.TextChannel)
                else str(cs.channel_id)
            )
            described.append((cs, pool, name))
        embed = status_embed(
            described,
            await runs.open_runs(self.bot.db, guild_ids=[guild_id]),
            titles=await self._titles(guild_id),
            reached=await quiz_scope(self.bot.db, guild_id=guild_id),
            lang=lang,
            now=discord.utils.utcnow(),
        )
        notes_choice = await sources.notes_choice(self.bot.db, guild_id=guild_id)
        if notes_choice.sync_ok is False:
            # The last good notes stay in use; say why the newest could not be taken.
            failed = text(
                "notes.show.failed",
                lang,
                when=f"<t:{int(notes_choice.synced_at.timestamp())}:R>"
                if notes_choice.synced_at
                else "-",
                error=clip(notes_choice.sync_error or "", 300),
            )
            embed.add_field(name=text("status.notes", lang), value=failed, inline=False)
        notice: dict[str, str] = {}
        if interaction.permissions.manage_guild:
            # The organiser hears once that questions wait, until new reports come in.
            waiting = await reviews.review_notice(
                self.bot.db, guild_id=guild_id, now=discord.utils.utcnow()
            )
            if waiting:
                notice["content"] = text("status.review_waiting", lang, count=waiting)
        await interaction.followup.send(
            embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS, **notice
        )

    # ----------------------------------------------------------------- review

    @quiz.command(
        name="review", description="Review reported, held and misleading questions (Manage Server)"
    )
    @app_commands.describe(show="waiting (default) or retired questions")
    @app_commands.choices(
        show=[
            app_commands.Choice(name="waiting", value=WAITING),
            app_commands.Choice(name="retired", value=RETIRED),
        ]
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def review_command(
        self, interaction: discord.Interaction, show: app_commands.Choice[str] | None = None
    ) -> None:
        """The server's questions waiting for review (or retired ones), one per page."""
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        mode = show.value if show is not None else WAITING
        if mode == RETIRED:
            page = await reviews.retired_questions(self.bot.db, guild_id=interaction.guild_id)
        else:
            page = await reviews.review_queue(self.bot.db, guild_id=interaction.guild_id)
        content, embed, view = review_message(page, mode, lang, self.bot.settings.content_dir)
        extra: dict[str, object] = {}
        if embed is not None:
            extra["embed"] = embed
        if view is not None:
            extra["view"] = view
        await interaction.followup.send(
            content, ephemeral=True, allowed_mentions=NO_MENTIONS, **extra
        )

    # ----------------------------------------------------------------- reload

    @quiz.command(name="reload", description="Re-read the notes without a restart (Manage Server)")
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def reload_command(self, interaction: discord.Interaction) -> None:
        """Load the content folder again, sync the catalogue and say what changed."""
        lang = language_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        library, change = await self.bot.reload_content()
        lines = [
            text(
                "reload.done",
                lang,
                questions=len(library.questions),
                books=len(library.books),
                added=change.added,
                updated=change.updated,
                retired=change.retired,
                total=change.total,
            )
        ]
        if change.kept:
            lines.append(text("reload.kept", lang, total=change.total))
        if change.spared:
            lines.append(text("reload.spared", lang, count=change.spared))
        if change.deferred:
            lines.append(text("reload.deferred", lang, count=change.deferred))
        if library.warnings:
            lines.append(text("reload.warnings", lang, count=len(library.warnings)))
            lines.extend(
                f"- {w.file}:{w.line}: {clip(w.message, 200)}" for w in library.warnings[:5]
            )
        if library.errors:
            lines.append(text("reload.errors", lang, count=len(library.errors)))
            lines.extend(f"- {file}: {clip(reason, 200)}" for file, reason in library.errors[:5])
        assert interaction.guild_id is not None
        lines += await self._server_notes_lines(interaction.guild_id, lang)
        self.scheduler.poke()
        await reply_private(interaction, "\n".join(lines))

    async def _server_notes_lines(self, guild_id: int, lang: str) -> list[str]:
        """Pull the server's own notes (a repository or uploads) and say how it went."""
        outcome = await self.bot.sync_server_notes(guild_id)
        if outcome is None:
            return []
        if not outcome.ok and outcome.error is not None:
            error = outcome.error
            return [
                text(f"notes.error.{error.reason}", lang, detail=clip(error.detail, 300)),
                text("notes.kept", lang),
            ]
        change = outcome.change
        if change is None:
            return []
        return [
            text(
                "notes.changed",
                lang,
                added=change.added,
                updated=change.updated,
                retired=change.retired,
                commit=(outcome.commit or "-")[:12],
            )
        ]

    # --------------------------------------------------------------- chapters

    @quiz.command(name="chapters", description="Show or set the chapters asked in this channel")
    @app_commands.describe(
        chapters="default (follow the reading), all, or chapter numbers like 1,3 or 2-4 "
        "(Manage Server)"
    )
    @app_commands.guild_only()
    async def chapters_command(
        self, interaction: discord.Interaction, chapters: str | None = None
    ) -> None:
        """Without an argument show the scope; with one (admins) set it."""
        lang = language_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        cs = await self._configured(interaction, lang)
        if cs is None:
            return
        channel = f"<#{cs.channel_id}>"
        titles = await self._titles(cs.guild_id)
        reached = await quiz_scope(self.bot.db, guild_id=cs.guild_id)
        if chapters is None:
            lines = [
                text(
                    "chapters.current",
                    lang,
                    channel=channel,
                    scope=scope_text(cs.chapters, titles, lang, reached),
                )
            ]
            if titles:
                lines.append(text("chapters.available", lang))
                lines.extend(f"- {number} {title}" for number, title in sorted(titles.items()))
            else:
                lines.append(text("chapters.none_loaded", lang))
            await reply_private(interaction, "\n".join(lines))
            return
        require_manage_guild(interaction)
        try:
            scope = parse_chapter_scope(chapters)
        except ValueError:
            await reply_private(interaction, text("chapters.bad", lang, given=clip(chapters, 100)))
            return
        if scope:
            unknown = [number for number in scope if number not in titles]
            if unknown:
                await reply_private(
                    interaction,
                    text(
                        "chapters.unknown",
                        lang,
                        numbers=", ".join(map(str, unknown[:20])),
                        known=", ".join(map(str, sorted(titles))) or "-",
                    ),
                )
                return
        try:
            updated = await schedules.set_chapters(
                self.bot.db, guild_id=cs.guild_id, channel_id=cs.channel_id, chapters=scope
            )
        except QuizbotError as exc:
            await reply_private(interaction, str(exc))
            return
        await reply_private(
            interaction,
            text(
                "chapters.set",
                lang,
                channel=channel,
                scope=scope_text(updated.chapters, titles, lang, reached),
            ),
        )
