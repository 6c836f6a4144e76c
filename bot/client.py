"""The discord.py bot: wires settings, the database, the loaded notes and the extensions.

``setup_hook`` registers the persistent quiz and leaderboard buttons, upgrades the
database, loads the notes and syncs the question catalogue, loads the extensions
(whose cogs start the scheduler) and syncs the slash commands (to
``QUIZBOT_DEV_GUILD_ID`` at once when set). Every failing or unknown slash command
gets a private answer from :class:`QuizTree`, and every button or form that no handler
answers gets a private "no longer active".
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.console import TERMINAL_GUILD_ID
from bot.core.content import Library
from bot.core.errors import QuizbotError
from bot.db import Database
from bot.exts._common import report_failure, send_private
from bot.i18n import QuizTranslator, language_of, text
from bot.services import catalogue, notes, reading, sources
from bot.services.loading import LoaderFailed, load_elsewhere
from bot.services.types import CatalogueChange

__all__ = ["EXTENSIONS", "QuizBot", "QuizTree", "error_message"]

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.exts.quiz",
    "bot.exts.leaderboard",
    "bot.exts.meta",
    "bot.exts.reading",
    "bot.exts.practice",
    "bot.exts.notes",
)


def error_message(error: app_commands.AppCommandError, lang: str) -> str:
    """What to tell the member when a slash command fails."""
    if isinstance(error, app_commands.CommandInvokeError) and isinstance(
        error.original, QuizbotError
    ):
        return str(error.original)
    if isinstance(error, app_commands.MissingPermissions):
        return text("error.manage_guild", lang)
    if isinstance(error, app_commands.NoPrivateMessage):
        return text("error.guild_only", lang)
    if isinstance(error, app_commands.CommandOnCooldown):
        return text("error.cooldown", lang, seconds=error.retry_after)
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return text("error.unknown_command", lang)
    if isinstance(error, app_commands.TransformerError | app_commands.CheckFailure):
        return str(error) or text("error.generic", lang)
    return text("error.generic", lang)


class QuizTree(app_commands.CommandTree["QuizBot"]):
    """The command tree whose error handler always answers privately."""

    async def on_error(
        self, interaction: discord.Interaction[QuizBot], error: app_commands.AppCommandError
    ) -> None:
        """Log unexpected errors and give the member an ephemeral answer, never silence."""
        expected = (
            app_commands.CheckFailure,
            app_commands.CommandNotFound,
            app_commands.TransformerError,
            app_commands.CommandSignatureMismatch,
        )
        if isinstance(error, expected) or (
            isinstance(error, app_commands.CommandInvokeError)
            and isinstance(error.original, QuizbotError)
        ):
            log.info("command refused: %s", error)
        else:
            name = interaction.command.qualified_name if interaction.command else "?"
            log.error("command /%s failed", name, exc_info=error)
        await send_private(interaction, error_message(error, language_of(interaction)))


class QuizBot(commands.AutoShardedBot):
    """quizbot's Discord client."""

    def __init__(
        self,
        settings: Settings,
        *,
        db: Database | None = None,
        **options: Any,
    ) -> None:
        intents = discord.Intents.default()
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            tree_cls=QuizTree,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            shard_count=settings.shard_count,
            shard_ids=settings.shard_ids,
            **options,
        )
        self.settings = settings
        self.db = (
            db
            if db is not None
            else Database.from_url(
                settings.database_url, connect_timeout=settings.database_connect_timeout
            )
        )
        self.library: Library | None = None
        #: The parsed notes of servers that read a repository or uploads, per source.
        self.notes_cache = notes.LibraryCache(settings.content_cache)
        self.scheduler: Any = None  # set by the quiz cog while it is loaded
        self._content_lock = asyncio.Lock()

    # ------------------------------------------------------------- shards

    def owns_guild(self, guild_id: int) -> bool:
        """Whether this process schedules ``guild_id`` (its shard is one of ours).

        Guild 0 is the terminal quiz's own; no Discord server has that id.
        """
        if guild_id == TERMINAL_GUILD_ID:
            return False
        ids = self.settings.shard_ids
        if not ids:
            return True  # this process runs every shard
        count = self.settings.shard_count or max(ids) + 1
        return (guild_id >> 22) % count in ids

    # ------------------------------------------------------------ content

    async def reload_content(self) -> tuple[Library, CatalogueChange]:
        """Read the content folder again and sync the question catalogue."""
        async with self._content_lock:
            path = self.settings.content_dir
            try:
                library = await load_elsewhere([path], max_mb=self.settings.max_note_mb)
            except LoaderFailed as exc:  # killed, out of memory: like a folder that gave nothing
                log.error("%s", exc)
                library = Library(errors=[(str(path), str(exc))])
            change = await catalogue.sync_catalogue(
                self.db, library.questions, unreadable=[file for file, _ in library.errors]
            )
            if change.kept:
                # nothing was loaded: the chapters and the notes in use stay as they are
                log.warning("no questions in %s; the loaded notes stay in use", path)
                return self.library or library, change
            await reading.sync_chapters(self.db, (c for _book, c in library.chapters()))
            self.library = library
        log.info(
            "content from %s: %d questions (%d new, %d changed, %d retired), "
            "%d warnings, %d errors",
            path,
            len(library.questions),
            change.added,
            change.updated,
            change.retired,
            len(library.warnings),
            len(library.errors),
        )
        return library, change

    def notes_limits(self) -> notes.NotesLimits:
        """The deployment's limits for servers' own notes."""
        s = self.settings
        return notes.NotesLimits(
            data_dir=s.data_dir,
            max_mb=s.content_max_mb,
            max_files=s.content_max_files,
            fetch_seconds=s.content_fetch_seconds,
            allow_local=s.content_allow_local,
            max_note_mb=s.max_note_mb,
        )

    async def sync_server_notes(
        self,
        guild_id: int,
        choice: sources.NotesChoice | None = None,
        *,
        upload: notes.PendingUpload | None = None,
    ) -> notes.SyncOutcome | None:
        """Fetch and sync the notes ``guild_id`` chose (or ``choice``, not stored yet),
        with ``upload`` added to its uploads; ``None`` when it reads the default folder."""
        if choice is None:
            choice = await sources.notes_choice(self.db, guild_id=guild_id)
        if choice.kind == sources.DEFAULT:
            return None
        readers = [guild.id for guild in self.guilds]
        return await notes.sync_choice(
            self.db,
            choice,
            readers=readers,
            limits=self.notes_limits(),
            now=dt.datetime.now(dt.UTC),
            cache=self.notes_cache,
            upload=upload,
        )

    async def library_for(self, guild_id: int) -> Library | None:
        """The parsed notes ``guild_id`` reads: the default folder's, or its own, loaded on
        first use and kept among the ``QUIZBOT_CONTENT_CACHE`` most recent."""
        choice = await sources.notes_choice(self.db, guild_id=guild_id)
        if choice.kind == sources.DEFAULT:
            return self.library
        return await notes.library_for(
            self.db,
            choice,
            limits=self.notes_limits(),
            cache=self.notes_cache,
            now=dt.datetime.now(dt.UTC),
            readers=[guild.id for guild in self.guilds],
        )

    # -------------------------------------------------------------- start

    async def setup_hook(self) -> None:
        """Prepare everything before connecting: storage, content, extensions, commands."""
        from bot.exts.leaderboard._views import LeaderboardButton
        from bot.exts.practice._views import (
            PracticeChoiceButton,
            PracticeNextButton,
            PracticeTypedButton,
        )
        from bot.exts.quiz._report import ReportButton
        from bot.exts.quiz._review import ReviewButton
        from bot.exts.quiz._views import ChoiceButton, TypedAnswerButton

        self.add_dynamic_items(ChoiceButton, TypedAnswerButton, LeaderboardButton)
        self.add_dynamic_items(ReportButton, ReviewButton)
        self.add_dynamic_items(PracticeChoiceButton, PracticeTypedButton, PracticeNextButton)
        await self.tree.set_translator(QuizTranslator())
        await self.db.upgrade()
        await self.db.start()  # the answer writer; close() commits what it holds
        await self.reload_content()
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.sync_commands()

    async def sync_commands(self) -> None:
        """Register the slash commands: on the dev guild at once, else globally."""
        guild_id = self.settings.dev_guild_id
        if guild_id is not None:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands (may take up to an hour to show)", len(synced))

    async def on_ready(self) -> None:
        """Say who we are once connected."""
        log.info("connected as %s to %d guild(s)", self.user, len(self.guilds))

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A button or form that nothing answered gets a private "no longer active".

        A click on a button from an old message that no handler knows, or a submitted
        form whose process is gone, would otherwise fail in silence on the member's
        screen.
        """
        if interaction.type not in (
            discord.InteractionType.component,
            discord.InteractionType.modal_submit,
        ):
            return
        if self._handled(interaction):
            return
        if await self._late_answer(interaction):
            return
        await send_private(interaction, text("interaction.stale", language_of(interaction)))

    async def _late_answer(self, interaction: discord.Interaction) -> bool:
        """Record a typed answer whose form this process never opened (a restart since).

        The form's custom id carries the quiz run (or the practice session and its
        question), so the answer counts like any other (or gets the same private
        "closed" or "no longer exists" reply).
        """
        from bot.exts.practice._views import late_practice_answer
        from bot.exts.quiz._report import late_report
        from bot.exts.quiz._views import ANSWER_FORM, submit_typed_answer, submitted_answer

        if interaction.type is not discord.InteractionType.modal_submit:
            return False
        data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
        match = ANSWER_FORM.fullmatch(str(data.get("custom_id", "")))
        value = submitted_answer(data)
        if match is None or value is None:
            try:
                if await late_report(interaction):  # a report form
                    return True
                return await late_practice_answer(interaction)  # a practice form, or not ours
            except Exception as exc:
                await report_failure(interaction, exc)
                return True
        try:
            await submit_typed_answer(interaction, int(match["run"]), value)
        except Exception as exc:
            await report_failure(interaction, exc)
        return True

    def _handled(self, interaction: discord.Interaction) -> bool:
        """Whether a registered view, dynamic item or open form takes this interaction.

        The same lookups discord.py's view store makes before it dispatches (its
        ``dispatch_view`` and ``dispatch_modal``), which answer nothing when they fail.
        """
        store = self._connection._view_store
        data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
        custom_id = str(data.get("custom_id", ""))
        if interaction.type is discord.InteractionType.modal_submit:
            return custom_id in store._modals
        if any(pattern.fullmatch(custom_id) for pattern in store._dynamic_items):
            return True
        key = (int(data.get("component_type", 0)), custom_id)
        message_id = interaction.message.id if interaction.message is not None else None
        return key in store._views.get(message_id, {}) or key in store._views.get(None, {})

    async def close(self) -> None:
        """Stop the extensions (and the scheduler), disconnect, close the database."""
        try:
            await super().close()
        finally:
            await self.db.dispose()
