"""The ``/notes`` commands: where a server's notes come from, uploads, and sync news.

The cog turns interactions into calls of :mod:`bot.services.sources` and
:mod:`bot.services.notes` and their results into private replies; fetching, checking
and syncing live in the services. A failure is a private message in the member's
language and changes nothing: a server's choice of notes is only stored once its
notes were fetched and synced.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.core.content import Library
from bot.core.errors import NotesSourceError
from bot.core.sources import public_url
from bot.exts._common import reply_private, require_manage_guild
from bot.exts.quiz._render import clip
from bot.i18n import guild_language, language_of, text
from bot.services import notes, schedules, sources
from bot.services.sources import NotesChoice

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = ["NotesCog", "failure_text", "summary_lines"]

log = logging.getLogger(__name__)

#: Warnings shown with ``file:line`` under an upload's summary or a sync's news.
SHOWN_WARNINGS = 5


def failure_text(error: NotesSourceError, lang: str) -> str:
    """The private message for a refused or failed source (never with credentials)."""
    key = f"notes.error.{error.reason}"
    return text(key, lang, detail=clip(error.detail, 300))


def summary_lines(library: Library, lang: str) -> list[str]:
    """Chapters, terms, questions by kind and the first warnings with ``file:line``."""
    chapters = sum(len(book.chapters) for book in library.books)
    terms = sum(len(chapter.terms) for book in library.books for chapter in book.chapters)
    kinds = Counter(str(q.kind) for q in library.questions)
    by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    lines = [
        text(
            "notes.summary",
            lang,
            chapters=chapters,
            terms=terms,
            questions=len(library.questions),
            kinds=by_kind or "-",
        )
    ]
    if library.warnings:
        lines.append(text("notes.warnings", lang, count=len(library.warnings)))
        lines.extend(
            f"- {w.file}:{w.line}: {clip(w.message, 200)}"
            for w in library.warnings[:SHOWN_WARNINGS]
        )
    return lines


def _when(value: dt.datetime | None) -> str:
    return "-" if value is None else f"<t:{int(value.timestamp())}:R>"


class NotesCog(commands.Cog):
    """Where each server's notes come from; pulls repositories every few minutes."""

    notes_group = app_commands.Group(
        name="notes", description="Where this server's quiz notes come from", guild_only=True
    )
    source_group = app_commands.Group(
        name="source",
        description="Choose where this server's notes come from (Manage Server)",
        parent=notes_group,
    )

    def __init__(self, bot: QuizBot) -> None:
        self.bot = bot
        self.pulls = tasks.loop(minutes=bot.settings.content_sync_minutes)(self._pull_all)
        self.pulls.before_loop(self._before_pulls)

    async def cog_load(self) -> None:
        """Start the periodic pulls if a server reads a repository (else on the first one)."""
        if await sources.git_choices(self.bot.db):
            self.pulls.start()

    async def cog_unload(self) -> None:
        """Stop the periodic pulls."""
        self.pulls.cancel()

    def ensure_pulling(self) -> None:
        """Start the periodic pulls once a server chose a repository."""
        if not self.pulls.is_running():
            self.pulls.start()

    # ----------------------------------------------------------- pulls

    async def _before_pulls(self) -> None:
        await self.bot.wait_until_ready()  # the news of a pull needs the channels

    async def _pull_all(self) -> None:
        """Pull every repository this process's servers read, one after another.

        The first pass after a start (or after the first ``/notes source git``) pulls only
        the repositories whose last sync is an interval old or more: those not pulled
        while the bot was down. The others wait for their next interval as before.
        """
        outcomes = await notes.pull_due(
            self.bot.db,
            owns=self.bot.owns_guild,
            limits=self.bot.notes_limits(),
            now=dt.datetime.now(dt.UTC),
            every=dt.timedelta(minutes=self.bot.settings.content_sync_minutes),
            overdue_only=self.pulls.current_loop == 0,
            cache=self.bot.notes_cache,
        )
        for outcome in outcomes:
            try:
                await self.announce(outcome)
            except Exception:
                log.exception("the news of a pull could not be posted")

    async def announce(self, outcome: notes.SyncOutcome) -> None:
        """Tell each server reading the source, in its notes channel, what a sync changed."""
        change = outcome.change
        if (
            not outcome.ok
            or change is None
            or not (change.added or change.updated or change.retired)
        ):
            return
        readers = await sources.servers_reading(
            self.bot.db, guild_ids=[g.id for g in self.bot.guilds], source=outcome.source
        )
        for guild_id in readers:
            choice = await sources.notes_choice(self.bot.db, guild_id=guild_id)
            channel_id = choice.announce_channel_id
            if channel_id is None:
                quiz = await schedules.list_schedules(self.bot.db, guild_ids=[guild_id])
                channel_id = quiz[0].channel_id if quiz else None
            channel = self.bot.get_channel(channel_id) if channel_id else None
            if not isinstance(channel, discord.TextChannel):
                continue
            lang = guild_language(channel.guild)
            lines = [
                text(
                    "notes.changed",
                    lang,
                    added=change.added,
                    updated=change.updated,
                    retired=change.retired,
                    commit=(outcome.commit or "-")[:12],
                )
            ]
            if outcome.library is not None and outcome.library.warnings:
                warnings = outcome.library.warnings
                lines.append(text("notes.warnings", lang, count=len(warnings)))
                lines.extend(
                    f"- {w.file}:{w.line}: {clip(w.message, 200)}"
                    for w in warnings[:SHOWN_WARNINGS]
                )
            try:
                await channel.send(clip("\n".join(lines), 2000))
            except discord.HTTPException:
                log.warning("could not post the notes' news in channel %s", channel_id)

    # ----------------------------------------------------------- helpers

    def _may_upload(self, interaction: discord.Interaction, choice: NotesChoice) -> bool:
        if interaction.permissions.manage_guild:
            return True
        role = choice.uploaders_role_id
        user = interaction.user
        return (
            role is not None
            and isinstance(user, discord.Member)
            and user.get_role(role) is not None
        )

    async def _sync_then_keep(
        self, chosen: NotesChoice, upload: notes.PendingUpload | None = None
    ) -> notes.SyncOutcome | None:
        """Sync ``chosen`` (with ``upload`` among its files) before it is stored: a failure
        leaves the server as it was, its uploaded files included."""
        outcome = await self.bot.sync_server_notes(chosen.guild_id, chosen, upload=upload)
        if outcome is None or not outcome.ok:
            return outcome
        db, now, guild_id = self.bot.db, dt.datetime.now(dt.UTC), chosen.guild_id
        if chosen.kind == sources.GIT:
            url = chosen.fetch_url  # the credentials given with it, kept for the pulls
            assert url is not None
            await sources.choose_git(
                db,
                guild_id=guild_id,
                url=url,
                branch=chosen.branch,
                folder=chosen.folder,
                allow_local=self.bot.settings.content_allow_local,
                now=now,
            )
        else:
            await sources.choose_uploads(db, guild_id=guild_id, now=now)
        await sources.record_sync(
            db, guild_ids=[guild_id], source=chosen.source, ok=True, at=now, commit=outcome.commit
        )
        return outcome

    # ----------------------------------------------------------- commands

    @notes_group.command(
        name="show", description="Show where the notes come from and the last sync"
    )
    async def show_command(self, interaction: discord.Interaction) -> None:
        """Where the notes come from, the commit or upload time, files, questions, last sync."""
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        choice = await sources.notes_choice(self.bot.db, guild_id=interaction.guild_id)
        files, count = await sources.notes_counts(self.bot.db, guild_id=interaction.guild_id)
        if choice.kind == sources.DEFAULT:
            lines = [text("notes.show.default", lang, files=files, questions=count)]
        else:
            if choice.kind == sources.GIT:
                where = text(
                    "notes.show.git",
                    lang,
                    url=choice.url or "-",
                    branch=choice.branch or "-",
                    folder=choice.folder or "/",
                    commit=(choice.commit or "-")[:12],
                )
            else:
                uploaded = await sources.uploads(self.bot.db, guild_id=choice.guild_id)
                latest = max((u.uploaded_at for u in uploaded), default=None)
                where = text("notes.show.upload", lang, when=_when(latest))
            lines = [where, text("notes.show.counts", lang, files=files, questions=count)]
            if choice.sync_ok is not None:
                key = "notes.show.synced" if choice.sync_ok else "notes.show.failed"
                lines.append(
                    text(key, lang, when=_when(choice.synced_at), error=choice.sync_error or "")
                )
        await reply_private(interaction, "\n".join(lines))

    @source_group.command(
        name="git", description="Read the notes from a Git repository (Manage Server)"
    )
    @app_commands.describe(
        url="The repository's https:// URL",
        branch="Branch to read (default: the repository's default branch)",
        folder="Folder of the notes inside the repository (default: all of it)",
    )
    async def source_git_command(
        self,
        interaction: discord.Interaction,
        url: str,
        branch: str | None = None,
        folder: str | None = None,
    ) -> None:
        """Point the server at a repository; kept only if its notes fetch and load."""
        require_manage_guild(interaction)
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            chosen = sources.git_choice(
                guild_id=interaction.guild_id,
                url=url,
                branch=branch,
                folder=folder,
                allow_local=self.bot.settings.content_allow_local,
            )
        except NotesSourceError as exc:
            await reply_private(interaction, failure_text(exc, lang))
            return
        outcome = await self._sync_then_keep(chosen)
        if outcome is None or not outcome.ok or outcome.library is None:
            error = outcome.error if outcome is not None else None
            message = failure_text(error, lang) if error else text("error.generic", lang)
            await reply_private(interaction, message + "\n" + text("notes.kept", lang))
            return
        self.ensure_pulling()
        lines = [text("notes.git.done", lang, url=public_url(chosen.url or ""))]
        lines += summary_lines(outcome.library, lang)
        await reply_private(interaction, "\n".join(lines))

    @source_group.command(
        name="default", description="Use the bot's own notes again (Manage Server)"
    )
    async def source_default_command(self, interaction: discord.Interaction) -> None:
        """Go back to the deployment's notes folder."""
        require_manage_guild(interaction)
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        await sources.choose_default(
            self.bot.db, guild_id=interaction.guild_id, now=dt.datetime.now(dt.UTC)
        )
        await reply_private(interaction, text("notes.default.done", lang))

    @source_group.command(
        name="uploads", description="Quiz from the files uploaded here (Manage Server)"
    )
    async def source_uploads_command(self, interaction: discord.Interaction) -> None:
        """Make the server quiz from its uploaded files only; kept only if they load."""
        require_manage_guild(interaction)
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        uploaded = await sources.uploads(self.bot.db, guild_id=interaction.guild_id)
        if not uploaded:
            await reply_private(interaction, text("notes.error.no_uploads", lang))
            return
        outcome = await self._sync_then_keep(sources.uploads_choice(interaction.guild_id))
        if outcome is None or not outcome.ok or outcome.library is None:
            error = outcome.error if outcome is not None else None
            message = failure_text(error, lang) if error else text("error.generic", lang)
            await reply_private(interaction, message + "\n" + text("notes.kept", lang))
            return
        lines = [text("notes.uploads.done", lang, count=len(uploaded))]
        lines += summary_lines(outcome.library, lang)
        await reply_private(interaction, "\n".join(lines))

    @notes_group.command(
        name="upload",
        description="Upload a .md or .yaml notes file (Manage Server or the uploaders role)",
    )
    @app_commands.describe(file="The notes file (.md or .yaml), up to 1 MB")
    async def upload_command(
        self, interaction: discord.Interaction, file: discord.Attachment
    ) -> None:
        """Check the file, keep it, and quiz this server from its uploaded files."""
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        guild_id = interaction.guild_id
        db = self.bot.db
        previous = await sources.notes_choice(db, guild_id=guild_id)
        if not self._may_upload(interaction, previous):
            await reply_private(interaction, text("notes.error.not_uploader", lang))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            if file.size > notes.MAX_UPLOAD_BYTES:
                raise NotesSourceError("file_too_large", f"{file.size / 1024 / 1024:.1f} MB > 1 MB")
            data = await file.read()
            library = await notes.check_upload(
                file.filename, data, max_note_mb=self.bot.settings.max_note_mb
            )
        except NotesSourceError as exc:
            await reply_private(interaction, failure_text(exc, lang))
            return
        except discord.HTTPException:
            await reply_private(interaction, text("notes.error.download", lang))
            return
        if previous.kind == sources.GIT:
            await reply_private(interaction, text("notes.error.on_git", lang))
            return
        pending = notes.PendingUpload(
            name=file.filename, text=data.decode("utf-8"), by=interaction.user.id
        )
        outcome = await self._sync_then_keep(sources.uploads_choice(guild_id), pending)
        if outcome is None or not outcome.ok:
            error = outcome.error if outcome is not None else None
            message = failure_text(error, lang) if error else text("error.generic", lang)
            await reply_private(interaction, message + "\n" + text("notes.kept", lang))
            return
        lines = [text("notes.upload.done", lang, name=file.filename)]
        lines += summary_lines(library, lang)
        await reply_private(interaction, "\n".join(lines))

    @notes_group.command(name="list", description="List the uploaded notes files")
    async def list_command(self, interaction: discord.Interaction) -> None:
        """Every uploaded file with its size and upload time."""
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        uploaded = await sources.uploads(self.bot.db, guild_id=interaction.guild_id)
        if not uploaded:
            await reply_private(interaction, text("notes.list.empty", lang))
            return
        lines = [text("notes.list.title", lang, count=len(uploaded))]
        lines += [
            f"- `{u.name}` ({u.size / 1024:.1f} KB, {_when(u.uploaded_at)}, <@{u.uploaded_by}>)"
            for u in uploaded
        ]
        await reply_private(interaction, "\n".join(lines))

    @notes_group.command(
        name="remove",
        description="Remove an uploaded notes file (Manage Server or the uploaders role)",
    )
    @app_commands.describe(name="The file's name, as /notes list shows it")
    async def remove_command(self, interaction: discord.Interaction, name: str) -> None:
        """Forget one uploaded file and sync the server's uploads without it."""
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        db = self.bot.db
        choice = await sources.notes_choice(db, guild_id=interaction.guild_id)
        if not self._may_upload(interaction, choice):
            await reply_private(interaction, text("notes.error.not_uploader", lang))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        files = await sources.uploaded_files(db, guild_id=interaction.guild_id)
        if name not in files:
            await reply_private(interaction, text("notes.error.no_such_file", lang, detail=name))
            return
        if choice.kind == sources.UPLOAD and len(files) == 1:
            await reply_private(interaction, text("notes.error.last_file", lang))
            return
        await sources.remove_upload(db, guild_id=interaction.guild_id, name=name)
        if choice.kind == sources.UPLOAD:
            outcome = await self.bot.sync_server_notes(interaction.guild_id)
            if outcome is not None and not outcome.ok and outcome.error is not None:
                await reply_private(interaction, failure_text(outcome.error, lang))
                return
        await reply_private(interaction, text("notes.removed", lang, name=name))

    @notes_group.command(
        name="announce",
        description="Channel told about syncs that change the notes (Manage Server)",
    )
    @app_commands.describe(channel="Channel for the notes' news (default: the quiz channel)")
    async def announce_command(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        """Set (or clear) the channel that hears what a sync changed."""
        require_manage_guild(interaction)
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        await sources.set_announce_channel(
            self.bot.db,
            guild_id=interaction.guild_id,
            channel_id=channel.id if channel else None,
            now=dt.datetime.now(dt.UTC),
        )
        where = channel.mention if channel else text("notes.quiz_channel", lang)
        await reply_private(interaction, text("notes.announce.done", lang, channel=where))

    @notes_group.command(
        name="uploaders", description="Role whose members may upload notes (Manage Server)"
    )
    @app_commands.describe(role="The role that may upload (default: only Manage Server)")
    async def uploaders_command(
        self, interaction: discord.Interaction, role: discord.Role | None = None
    ) -> None:
        """Set (or clear) the role that may upload and remove notes files."""
        require_manage_guild(interaction)
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        await sources.set_uploaders_role(
            self.bot.db,
            guild_id=interaction.guild_id,
            role_id=role.id if role else None,
            now=dt.datetime.now(dt.UTC),
        )
        who = role.mention if role else text("notes.admins_only", lang)
        await reply_private(interaction, text("notes.uploaders.done", lang, role=who))
