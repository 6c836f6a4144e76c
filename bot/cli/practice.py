"""``quizbot practice``: personal spaced-repetition practice in a terminal.

The same services, rules and database as ``/practice``, in the terminal's pretend guild
(id 0) with the members of ``quizbot play --as NAME``: due questions first, most
overdue first, then new questions from the chapters the member has reached
(``quizbot checkin``). Answers are read line by line as in ``quizbot play`` (a letter,
a number or the text of a choice); each one shows the right answer, why, the source
and when the question comes back. ``--misses`` asks only recent wrong answers,
``--stats`` prints the member's practice figures. Practice never changes points.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.cli._settings import settings_or_none
from bot.config import Settings
from bot.console import (
    TERMINAL_GUILD_ID,
    Refused,
    Terminal,
    _Game,
    open_terminal,
    player_name,
    read_notes,
)
from bot.core.errors import ChapterNotReached, CountOutOfRange, NoSuchChapter, NothingToPractice
from bot.core.model import Question
from bot.core.practice import DEFAULT_COUNT, MISSES_DAYS, days_until
from bot.db import Database

__all__ = ["practice_command", "run_practice"]

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def practice_command(args: argparse.Namespace) -> int:
    """Run ``quizbot practice`` with its options; returns the exit code."""
    settings = settings_or_none(terminal=True)
    if settings is None:
        return EXIT_USAGE
    return asyncio.run(
        run_practice(
            settings,
            member=args.member,
            chapter=args.chapter,
            count=args.count,
            misses=args.misses,
            stats=args.stats,
            stdin=sys.stdin,
            stdout=sys.stdout,
        )
    )


def _when(terminal: Terminal, due: dt.datetime | None, now: dt.datetime, zone: ZoneInfo) -> str:
    if due is None:
        return terminal.text("practice_never")
    days = days_until(due, today=now.astimezone(zone).date(), timezone=zone)
    if days == 0:
        return terminal.text("practice_today")
    if days == 1:
        return terminal.text("practice_tomorrow")
    return terminal.text("practice_in_days", days=days)


class _Practice(_Game):
    """One terminal practice session: ask, record, show the result and the next review."""

    async def session(
        self, *, chapter: int | None, misses: bool, zone: ZoneInfo, welcome: str
    ) -> tuple[int, int]:
        """Ask up to :attr:`total` questions; the number answered and right.

        ``welcome`` is said once there is a first question.
        """
        from bot.services import practice
        from bot.services.practice import PracticeMode

        mode = PracticeMode.MISSES if misses else PracticeMode.DUE
        since = self.clock()
        answered = right = 0
        for number in range(1, self.total + 1):
            if self.interrupted:
                break
            try:
                found = await practice.next_question(
                    self.db,
                    guild_id=TERMINAL_GUILD_ID,
                    member_id=self.member_id,
                    now=self.clock(),
                    chapter=chapter,
                    mode=mode,
                    since=since,
                )
            except NothingToPractice:
                if number == 1:
                    raise
                break  # the session ran out of questions: it ends with its summary
            if number == 1:
                self.say(welcome)
            question = found.question
            self.show_practice(number, question, new=found.due is None)
            choice, ended = self.ask(question)
            if ended:
                break
            if choice is None:
                continue
            shown = self.clock()
            result = await practice.record_practice(
                self.db,
                guild_id=TERMINAL_GUILD_ID,
                member_id=self.member_id,
                question_id=question.id,
                choice=choice,
                at=shown,
                shown_at=shown,
            )
            if result is None:
                continue
            answered += 1
            right += int(result.correct)
            if result.correct:
                self.say(self.text("practice_right"))
            else:
                self.say(self.text("practice_wrong", choice=choice))
            self.say(self.text("answer", answer=question.answer))
            if question.explanation and question.explanation != question.answer:
                self.say(question.explanation)
            self.say(self.text("source", file=question.source.file, line=question.source.line))
            when = _when(self, result.next_due, self.clock(), zone)
            self.say(self.text("practice_next", when=when))
        return answered, right

    def show_practice(self, number: int, question: Question, *, new: bool) -> None:
        """Print a practice question like a quiz question, marked new or review."""
        chapter = question.chapter_title or question.book
        if question.chapter is not None:
            chapter = self.text("chapter", number=question.chapter, title=chapter)
        kind = self.text("practice_new" if new else "practice_due")
        self.say()
        self.say(
            self.text("practice_header", n=number, total=self.total, chapter=chapter, kind=kind)
        )
        self.say(question.prompt)
        if question.choices:
            for letter, option in zip("ABCDEFGHIJ", question.choices, strict=False):
                self.say(f"  {letter}) {option}")
        else:
            self.say(self.text("typed"))


def _refusal(
    terminal: Terminal, exc: Exception, *, misses: bool, now: dt.datetime, zone: ZoneInfo
) -> int:
    """Say why practice cannot go on; the exit code."""
    if isinstance(exc, NothingToPractice):
        if misses:
            terminal.say(terminal.text("practice_no_misses", days=MISSES_DAYS))
        else:
            when = _when(terminal, exc.next_due, now, zone)
            terminal.say(terminal.text("practice_nothing", when=when))
        return EXIT_NOTHING
    if isinstance(exc, ChapterNotReached):
        terminal.say(terminal.text("practice_not_reached", chapter=exc.chapter))
    elif isinstance(exc, NoSuchChapter):
        listed = ", ".join(map(str, exc.known)) or terminal.text("none")
        terminal.say(terminal.text("practice_bad_chapter", chapter=exc.chapter, chapters=listed))
    elif isinstance(exc, CountOutOfRange):
        terminal.say(terminal.text("practice_bad_count", most=exc.most, count=exc.count))
    else:
        raise exc
    return EXIT_USAGE


async def _stats(
    terminal: Terminal, db: Database, name: str, member_id: int, now: dt.datetime
) -> int:
    from bot.services import practice

    figures = await practice.practice_stats(
        db, guild_id=TERMINAL_GUILD_ID, member_id=member_id, now=now
    )
    retention = (
        f"{figures.retention * 100:.0f}%"
        if figures.retention is not None
        else terminal.text("practice_no_retention")
    )
    terminal.say(
        terminal.text(
            "practice_stats",
            name=name,
            today=figures.due_today,
            week=figures.due_week,
            reviewed=figures.reviewed,
            retention=retention,
            streak=figures.streak,
        )
    )
    terminal.say(terminal.text("practice_forecast", days=" ".join(map(str, figures.forecast))))
    return EXIT_OK


async def run_practice(
    settings: Settings,
    *,
    member: str | None,
    chapter: int | None,
    count: int | None,
    misses: bool = False,
    stats: bool = False,
    stdin: TextIO | None,
    stdout: TextIO,
    clock: Callable[[], dt.datetime] = _now,
) -> int:
    """Practise in a terminal; returns the exit code.

    0 after a session (also when input ends early) or ``--stats``; 1 when there is
    nothing to practise or no notes or database to use; 2 for a count outside 1–20,
    an unknown chapter or one beyond the member's reading; 130 after Ctrl-C.
    """
    from bot.services import catalogue, practice
    from bot.services.reading import guild_timezone

    terminal = Terminal(stdout)
    name = player_name(member)
    total = DEFAULT_COUNT if count is None else count
    try:
        notes = read_notes(Path(settings.content_dir), settings.max_note_mb)
        terminal.language = notes.language
        db = await open_terminal(settings, notes)
    except Refused as refused:
        return refused.tell(terminal)
    try:
        if notes.questions:
            await catalogue.sync_catalogue(db, notes.questions)
        game = _Practice(
            db,
            name=name,
            total=total,
            stdin=stdin if stdin is not None else sys.stdin,
            stdout=stdout,
            clock=clock,
            language=terminal.language,
        )
        zone = ZoneInfo(await guild_timezone(db, guild_id=TERMINAL_GUILD_ID))
        if stats:
            return await _stats(terminal, db, name, game.member_id, clock())
        try:
            await practice.check_session(
                db,
                guild_id=TERMINAL_GUILD_ID,
                member_id=game.member_id,
                chapter=chapter,
                count=total,
            )
            scope = "" if chapter is None else game.text("scope", chapter=chapter)
            welcome = game.text("practice_welcome", name=name, scope=scope, count=total)
            with game.ctrl_c.installed():
                answered, right = await game.session(
                    chapter=chapter, misses=misses, zone=zone, welcome=welcome
                )
        except (NothingToPractice, ChapterNotReached, NoSuchChapter, CountOutOfRange) as exc:
            return _refusal(terminal, exc, misses=misses, now=clock(), zone=zone)
        due, next_due = await practice.due_count(
            db, guild_id=TERMINAL_GUILD_ID, member_id=game.member_id, now=clock()
        )
        game.say()
        game.say(
            game.text(
                "practice_summary",
                right=right,
                answered=answered,
                due=due,
                when=_when(game, next_due, clock(), zone),
            )
        )
    finally:
        await db.dispose()
    return EXIT_INTERRUPTED if game.interrupted else EXIT_OK
