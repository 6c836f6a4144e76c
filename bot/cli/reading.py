"""``quizbot checkin`` and ``quizbot progress``: the reading group in a terminal.

The same services and database as the bot, in the terminal's pretend guild (id 0,
where ``quizbot play`` keeps its scores), so a group can try the whole loop without
Discord: check in, look at the board, and play a quiz that follows the reading.
Members are named with ``--as NAME`` (the same ids as ``quizbot play --as NAME``).
Messages come from :data:`bot.console_text.TEXT`, in the notes' language; weeks are
counted in ``QUIZBOT_TIMEZONE``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.cli._settings import settings_or_none
from bot.config import Settings
from bot.console import (
    TERMINAL_GUILD_ID,
    Notes,
    Refused,
    Terminal,
    member_id_for,
    open_terminal,
    player_name,
    read_notes,
)
from bot.core.reading import progress_bar

if TYPE_CHECKING:
    from bot.db import Database
    from bot.services.reading import ChapterInfo, MemberProgress

__all__ = ["checkin_command", "progress_command", "run_checkin", "run_progress"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
#: How many chapters an "unknown chapter" message lists.
LISTED_CHAPTERS = 20


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _label(chapter: ChapterInfo) -> str:
    return f"{chapter.number}. {chapter.title}"


def _listed(chapters: Sequence[ChapterInfo]) -> str:
    shown = ", ".join(_label(c) for c in chapters[:LISTED_CHAPTERS])
    return shown + (f", … ({len(chapters)})" if len(chapters) > LISTED_CHAPTERS else "")


def _progress_line(terminal: Terminal, progress: MemberProgress, name: str) -> str:
    reading_list = ""
    if progress.reading:
        chapters = ", ".join(map(str, progress.reading))
        reading_list = terminal.text("reading_list", chapters=chapters)
    return terminal.text(
        "progress",
        name=name,
        done=len(progress.done),
        total=progress.total_chapters,
        reading=reading_list,
        streak=progress.current_streak,
        best=progress.best_streak,
    )


Work = Callable[[Terminal, Notes, "Database"], Awaitable[int]]


async def _in_terminal(settings: Settings, stdout: TextIO, work: Work) -> int:
    """Run ``work`` with the notes, the database and a terminal speaking the notes' language.

    Returns ``work``'s exit code, or the refusal's when the notes or the database cannot
    be used.
    """
    terminal = Terminal(stdout)
    try:
        notes = read_notes(Path(settings.content_dir), settings.max_note_mb)
        terminal.language = notes.language
        db = await open_terminal(settings, notes)
    except Refused as refused:
        return refused.tell(terminal)
    try:
        return await work(terminal, notes, db)
    finally:
        await db.dispose()


async def run_checkin(
    settings: Settings,
    *,
    chapter: str | None,
    status: str,
    note: str | None,
    member: str | None,
    undo: bool,
    stdout: TextIO,
    clock: Callable[[], dt.datetime] = _now,
) -> int:
    """Check a member in (or undo their last check-in); returns the exit code.

    0 when stored, 1 when there was nothing to undo or no notes or database to use, 2 for
    no chapter, an unknown chapter or a note over 500 characters (nothing is stored then).
    """
    from bot.core.errors import UnknownChapter
    from bot.services import reading
    from bot.services.checkins import MAX_NOTE_LENGTH, NoteTooLong
    from bot.services.types import CheckinStatus

    name = player_name(member)

    async def work(terminal: Terminal, _notes: Notes, db: Database) -> int:
        say, t = terminal.say, terminal.text
        chapters = await reading.list_chapters(db, guild_id=TERMINAL_GUILD_ID)
        if undo:
            removed = await reading.undo(
                db, guild_id=TERMINAL_GUILD_ID, member_id=member_id_for(name)
            )
            if removed is None:
                say(t("nothing", name=name))
                return EXIT_FAILED
            labels = {c.number: _label(c) for c in chapters}
            label = labels.get(removed.chapter, str(removed.chapter))
            say(t("undone", name=name, chapter=label, status=t(removed.status.value)))
            return EXIT_OK
        if not chapter:
            say(t("no_chapter"))
            return EXIT_USAGE
        if not chapters:
            say(t("no_notes", folder=settings.content_dir))
            return EXIT_USAGE
        try:
            result = await reading.checkin(
                db,
                guild_id=TERMINAL_GUILD_ID,
                member_id=member_id_for(name),
                display_name=name,
                chapter=chapter,
                status=CheckinStatus(status),
                note=note,
                at=clock(),
            )
        except UnknownChapter:
            say(t("unknown_chapter", given=chapter[:100], chapters=_listed(chapters)))
            return EXIT_USAGE
        except NoteTooLong:
            length = len((note or "").strip())
            say(t("note_too_long", length=length, limit=MAX_NOTE_LENGTH))
            return EXIT_USAGE
        key = "updated" if result.updated else "saved"
        status_text = t(result.checkin.status.value)
        say(t(key, name=name, chapter=_label(result.chapter), status=status_text))
        if result.checkin.note:
            say(t("note", note=result.checkin.note))
        say(_progress_line(terminal, result.progress, name))
        return EXIT_OK

    return await _in_terminal(settings, stdout, work)


async def run_progress(
    settings: Settings,
    *,
    member: str | None,
    stdout: TextIO,
    clock: Callable[[], dt.datetime] = _now,
) -> int:
    """Print the group's board (and the named member's progress); returns the exit code."""
    from bot.services import reading

    async def work(terminal: Terminal, notes: Notes, db: Database) -> int:
        say, t = terminal.say, terminal.text
        now = clock()
        board = await reading.board(db, guild_id=TERMINAL_GUILD_ID, now=now)
        labels = {row.chapter.number: _label(row.chapter) for row in board.chapters}
        if notes.goal:
            say(t("goal", goal=notes.goal))
            say()
        members = len(board.members)
        if board.chapters:
            say(t("chapters"))
        for row in board.chapters:
            mark = "✅" if row.reached else "▫ "
            bar = progress_bar(len(row.done), members)
            line = f"{mark} {labels[row.chapter.number]}  {bar} {len(row.done)}/{members}"
            if row.done:
                line += "  " + t("done_by", names=", ".join(m.display_name for m in row.done))
            if row.reading:
                names = ", ".join(m.display_name for m in row.reading)
                line += "  " + t("reading_by", names=names)
            say(line)
        if not board.members:
            say()
            say(t("board_empty"))
            return EXIT_OK
        if board.common is not None:
            say()
            say(t("common", chapter=labels.get(board.common, str(board.common))))
        say()
        say(t("members"))
        for entry in board.members:
            on = t("finished") if entry.on is None else labels.get(entry.on, str(entry.on))
            date = entry.last_checkin.isoformat() if entry.last_checkin else "-"
            say(t("member_row", name=entry.member.display_name, done=entry.done, on=on, date=date))
        if member:
            name = player_name(member)
            progress = await reading.member_progress(
                db, guild_id=TERMINAL_GUILD_ID, member_id=member_id_for(name), now=now
            )
            say()
            say(_progress_line(terminal, progress, name))
        return EXIT_OK

    return await _in_terminal(settings, stdout, work)


def checkin_command(args: argparse.Namespace) -> int:
    """``quizbot checkin CHAPTER [--status done|reading] [--note TEXT] [--as NAME] | --undo``."""
    settings = settings_or_none(terminal=True)
    if settings is None:
        return EXIT_USAGE
    return asyncio.run(
        run_checkin(
            settings,
            chapter=" ".join(args.chapter) if args.chapter else None,
            status=args.status,
            note=args.note,
            member=args.member,
            undo=args.undo,
            stdout=sys.stdout,
        )
    )


def progress_command(args: argparse.Namespace) -> int:
    """``quizbot progress [--as NAME]``."""
    settings = settings_or_none(terminal=True)
    if settings is None:
        return EXIT_USAGE
    return asyncio.run(run_progress(settings, member=args.member, stdout=sys.stdout))
