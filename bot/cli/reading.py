"""``quizbot checkin`` and ``quizbot progress``: the reading group in a terminal.

The same services and database as the bot, in the terminal's pretend guild (id 0,
where ``quizbot play`` keeps its scores), so a group can try the whole loop without
Discord: check in, look at the board, and play a quiz that follows the reading.
Members are named with ``--as NAME`` (the same ids as ``quizbot play --as NAME``).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.config import Settings, SettingsError, load_settings
from bot.core.reading import progress_bar
from bot.log import setup_logging

if TYPE_CHECKING:
    from bot.services.reading import MemberProgress

__all__ = ["checkin_command", "progress_command", "run_checkin", "run_progress"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "saved": "Checked in as {name}: {chapter}, {status}.",
        "updated": "Updated {name}'s check-in: {chapter}, {status}.",
        "done": "done",
        "reading": "still reading",
        "note": "Note: {note}",
        "progress": "{name}: {done} of {total} chapter(s) done{reading}. "
        "Check-in streak: {streak} week(s) (best {best}).",
        "reading_list": ", reading {chapters}",
        "undone": "Removed {name}'s check-in for {chapter} ({status}).",
        "nothing": "{name} has no check-in to undo.",
        "no_chapter": "Give a chapter (number or title), or --undo.",
        "goal": "Goal: {goal}",
        "chapters": "Chapters (✅ reached: quizzes ask it)",
        "done_by": "done: {names}",
        "common": "Most members are on {chapter}.",
        "members": "Members",
        "member_row": "  {name}: {done} done, on {on}, last check-in {date}",
        "finished": "nothing (all done)",
        "empty": "Nobody has checked in yet: quizbot checkin CHAPTER --as NAME",
        "no_notes": "No chapters in the notes in '{folder}': nothing to check in to.",
    },
    "ko": {
        "saved": "{name} 님 체크인: {chapter}, {status}.",
        "updated": "{name} 님 체크인을 고쳤어요: {chapter}, {status}.",
        "done": "다 읽음",
        "reading": "읽는 중",
        "note": "메모: {note}",
        "progress": "{name}: {total}장 중 {done}장 완독{reading}. "
        "체크인 연속 {streak}주 (최고 {best}주).",
        "reading_list": ", 읽는 중 {chapters}",
        "undone": "{name} 님의 {chapter} 체크인({status})을 지웠어요.",
        "nothing": "{name} 님은 지울 체크인이 없어요.",
        "no_chapter": "장(번호 또는 제목)을 쓰거나 --undo 를 쓰세요.",
        "goal": "목표: {goal}",
        "chapters": "장별 진도 (✅ 도달한 장: 퀴즈에 나와요)",
        "done_by": "완독: {names}",
        "common": "가장 많은 멤버가 {chapter}을(를) 읽고 있어요.",
        "members": "멤버",
        "member_row": "  {name}: {done}장 완독, 지금 {on}, 마지막 체크인 {date}",
        "finished": "없음 (모두 완독)",
        "empty": "아직 아무도 체크인하지 않았어요: quizbot checkin 장 --as 이름",
        "no_notes": "'{folder}'의 노트에 장이 없어요: 체크인할 수 없어요.",
    },
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class _Terminal:
    """Opens the database, syncs the notes' chapters, prints in the notes' language."""

    def __init__(self, settings: Settings, stdout: TextIO) -> None:
        from bot.core.content import load_library
        from bot.db import Database

        self.settings = settings
        self.stdout = stdout
        self.library = load_library([Path(settings.content_dir)])
        books = self.library.books
        self.language = "ko" if books and books[0].language == "ko" else "en"
        self.goal = next((book.goal for book in books if book.goal), None)
        self.db = Database.from_url(settings.database_url)

    def say(self, line: str = "") -> None:
        self.stdout.write(line + "\n")
        self.stdout.flush()

    def text(self, key: str, **values: object) -> str:
        return TEXT[self.language][key].format(**values)

    async def open(self) -> None:
        from bot.services import reading

        await self.db.upgrade()
        chapters = [chapter for _book, chapter in self.library.chapters()]
        if chapters:  # a wrong content folder must not wipe the bot's chapter list
            await reading.sync_chapters(self.db, chapters)

    def progress_line(self, progress: MemberProgress) -> str:
        reading_list = ""
        if progress.reading:
            reading_list = self.text("reading_list", chapters=", ".join(map(str, progress.reading)))
        return self.text(
            "progress",
            name=progress.display_name,
            done=len(progress.done),
            total=progress.total_chapters,
            reading=reading_list,
            streak=progress.current_streak,
            best=progress.best_streak,
        )


def _name(member: str | None) -> str:
    from bot.console import MAX_NAME_LENGTH, _default_name

    return (member or "").strip()[:MAX_NAME_LENGTH] or _default_name()


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

    0 when stored, 1 when there was nothing to undo or the database failed, 2 for an
    unknown chapter or a note over 500 characters (nothing is stored then).
    """
    from bot.console import TERMINAL_GUILD_ID, member_id_for
    from bot.core.errors import UnknownChapter
    from bot.services import reading
    from bot.services.checkins import NoteTooLong
    from bot.services.types import CheckinStatus

    terminal = _Terminal(settings, stdout)
    name = _name(member)
    try:
        await terminal.open()
        chapters = await reading.list_chapters(terminal.db)
        if undo:
            removed = await reading.undo(
                terminal.db, guild_id=TERMINAL_GUILD_ID, member_id=member_id_for(name)
            )
            if removed is None:
                terminal.say(terminal.text("nothing", name=name))
                return EXIT_FAILED
            titles = {c.number: f"{c.number}. {c.title}" for c in chapters}
            terminal.say(
                terminal.text(
                    "undone",
                    name=name,
                    chapter=titles.get(removed.chapter, str(removed.chapter)),
                    status=terminal.text(removed.status.value),
                )
            )
            return EXIT_OK
        if not chapter:
            terminal.say(terminal.text("no_chapter"))
            return EXIT_USAGE
        if not chapters:
            terminal.say(terminal.text("no_notes", folder=settings.content_dir))
            return EXIT_USAGE
        try:
            result = await reading.checkin(
                terminal.db,
                guild_id=TERMINAL_GUILD_ID,
                member_id=member_id_for(name),
                display_name=name,
                chapter=chapter,
                status=CheckinStatus(status),
                note=note,
                at=clock(),
            )
        except (UnknownChapter, NoteTooLong) as exc:
            terminal.say(f"{exc} Nothing was saved.")
            return EXIT_USAGE
        terminal.say(
            terminal.text(
                "updated" if result.updated else "saved",
                name=name,
                chapter=f"{result.chapter.number}. {result.chapter.title}",
                status=terminal.text(result.checkin.status.value),
            )
        )
        if result.checkin.note:
            terminal.say(terminal.text("note", note=result.checkin.note))
        terminal.say(terminal.progress_line(result.progress))
        return EXIT_OK
    finally:
        await terminal.db.dispose()


async def run_progress(
    settings: Settings,
    *,
    member: str | None,
    stdout: TextIO,
    clock: Callable[[], dt.datetime] = _now,
) -> int:
    """Print the group's board (and the named member's progress); returns the exit code."""
    from bot.console import TERMINAL_GUILD_ID, member_id_for
    from bot.services import reading

    terminal = _Terminal(settings, stdout)
    try:
        await terminal.open()
        now = clock()
        board = await reading.board(terminal.db, guild_id=TERMINAL_GUILD_ID, now=now)
        say, t = terminal.say, terminal.text
        labels = {
            r.chapter.number: f"{r.chapter.number}. {r.chapter.title}" for r in board.chapters
        }
        if terminal.goal:
            say(t("goal", goal=terminal.goal))
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
            say(line)
        if not board.members:
            say()
            say(t("empty"))
            return EXIT_OK
        if board.common is not None:
            say()
            say(t("common", chapter=labels.get(board.common, str(board.common))))
        say()
        say(t("members"))
        for entry in board.members:
            say(
                t(
                    "member_row",
                    name=entry.member.display_name,
                    done=entry.done,
                    on=labels.get(entry.on, str(entry.on))
                    if entry.on is not None
                    else t("finished"),
                    date=entry.last_checkin.isoformat() if entry.last_checkin else "-",
                )
            )
        if member:
            progress = await reading.member_progress(
                terminal.db,
                guild_id=TERMINAL_GUILD_ID,
                member_id=member_id_for(_name(member)),
                now=now,
            )
            say()
            say(terminal.progress_line(progress))
        return EXIT_OK
    finally:
        await terminal.db.dispose()


def _settings() -> Settings | None:
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return None
    level = max(logging.WARNING, logging.getLevelName(settings.log_level))
    setup_logging(logging.getLevelName(level))
    return settings


def checkin_command(args: argparse.Namespace) -> int:
    """``quizbot checkin CHAPTER [--status done|reading] [--note TEXT] [--as NAME] | --undo``."""
    settings = _settings()
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
    settings = _settings()
    if settings is None:
        return EXIT_USAGE
    return asyncio.run(run_progress(settings, member=args.member, stdout=sys.stdout))
