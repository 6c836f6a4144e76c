"""The terminal front door: the same quiz as the Discord bot, played in a terminal.

``quizbot play`` (and ``quizbot run`` without a Discord token) calls :func:`play`. It
uses the bot's own services and database, in a pretend guild and channel (both id 0),
so scores, streaks and the leaderboard are real and several people can take turns
with ``--as NAME``. Each question is one quiz run whose slot is the moment it is asked:
claimed, answered, closed and revealed exactly as in Discord.

Input is read line by line, so a pipe works as well as a keyboard: one answer per
line, end of input ends the game with a summary. A choice is answered with its letter
(``A``–``D``), its number (``1``–``4``) or its text; a line that is none of these is
asked again once, and a second bad line skips the question (it is revealed, scores
nothing, and the pipe stays in step). A line ``report REASON [comment]`` (or ``신고 …``)
at the next prompt reports the question just revealed, as the Discord Report button
does, and the question on screen is asked again.

Every line the terminal prints, here and in ``quizbot checkin`` / ``quizbot progress``
(:mod:`bot.cli.reading`), comes from :data:`TEXT`, in the language of the notes
(:class:`Terminal`). Days and weeks for streaks are counted in ``QUIZBOT_TIMEZONE``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import hashlib
import logging
import re
import signal
import sys
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.console_text import TEXT
from bot.core.answers import normalize
from bot.core.errors import ContentError, NoQuestions
from bot.core.model import Chapter, Question
from bot.core.schedule import ALL_DAYS, Schedule
from bot.db import Database
from bot.db.session import NewerSchema, describe_failure

if TYPE_CHECKING:
    from bot.services.types import AnswerResult, Reveal, RunView

__all__ = [
    "DEFAULT_QUESTIONS",
    "TERMINAL_CHANNEL_ID",
    "TERMINAL_GUILD_ID",
    "TERMINAL_WINDOW",
    "TEXT",
    "Notes",
    "Refused",
    "Terminal",
    "load_notes",
    "member_id_for",
    "open_terminal",
    "play",
    "player_name",
    "read_notes",
    "terminal_schedule",
    "valid_text",
]

log = logging.getLogger(__name__)

TERMINAL_GUILD_ID = 0
TERMINAL_CHANNEL_ID = 0
DEFAULT_QUESTIONS = 5
#: How long a terminal question stays open; the speed bonus falls over its first half.
TERMINAL_WINDOW = dt.timedelta(minutes=30)
LEADERBOARD_SIZE = 10
MAX_NAME_LENGTH = 32

EXIT_OK = 0
EXIT_NOTHING_TO_PLAY = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

LETTERS = "ABCDEFGHIJ"
#: Shown where an answer is read; not ">" because prompts quote definitions that way.
PROMPT = "» "
#: A line that reports the question revealed last instead of answering.
_REPORT = re.compile(r"^(?:report|신고)(?:\s+(?P<rest>.*))?$", re.IGNORECASE)


def member_id_for(name: str) -> int:
    """A stable member id for a terminal player's name (the same in every game).

    Names differing only in letter case are the same player. Ids are positive and fit
    in 56 bits, far from 0 (the terminal guild and channel).
    """
    digest = hashlib.blake2b(
        name.strip().casefold().encode("utf-8"), digest_size=7, person=b"quizbot-term"
    ).digest()
    return int.from_bytes(digest, "big") | (1 << 55)


def _default_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "player"


def player_name(given: str | None) -> str:
    """The name a terminal member plays and checks in as: ``--as NAME``, else the OS user."""
    return valid_text((given or "").strip()[:MAX_NAME_LENGTH]) or _default_name()


def terminal_schedule(timezone: str) -> Schedule:
    """The terminal channel's schedule: every day, in ``timezone`` (its days make streaks)."""
    return Schedule(dt.time(0, 0), timezone, ALL_DAYS, TERMINAL_WINDOW)


@dataclass(frozen=True)
class Notes:
    """What the terminal needs from the notes, read once: questions, chapters, language, goal.

    ``problems`` has one line per file that could not be read.
    """

    questions: list[Question]
    chapters: list[Chapter]
    problems: list[str]
    language: str = "en"
    goal: str | None = None


def load_notes(content_dir: Path, max_mb: float | None = None) -> Notes:
    """The notes under ``content_dir``, through the same loader as the bot.

    The language is the one most questions (or, without questions, most files) are in.
    """
    from bot.core.content import DEFAULT_MAX_NOTE_MB, load_library

    library = load_library([content_dir], max_mb=max_mb or DEFAULT_MAX_NOTE_MB)
    spoken = [q.language for q in library.questions] or [b.language for b in library.books]
    counts = Counter(spoken)
    return Notes(
        questions=list(library.questions),
        chapters=[chapter for _book, chapter in library.chapters()],
        problems=[f"{file}: {reason}" for file, reason in library.errors],
        language="ko" if counts["ko"] > counts["en"] else "en",
        goal=next((book.goal for book in library.books if book.goal), None),
    )


# Escape sequences (colours, cursor moves, titles) and control characters that a member
# name, an answer or a note could carry: a terminal would act on them, not show them.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])?")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (lines kept)."""
    text = _ESCAPE.sub("", text)
    return "".join(
        ch for ch in text if ch in "\n\t" or (unicodedata.category(ch) != "Cc" and ch not in _BIDI)
    )


class Terminal:
    """Prints lines to the terminal in one language, from :data:`TEXT`.

    Every line is passed through :func:`printable`: names, answers and notes never
    reach the terminal as escape sequences. Errors that stop a command go to
    ``stderr`` (the process's standard error unless given).
    """

    def __init__(
        self, stdout: TextIO, language: str = "en", *, stderr: TextIO | None = None
    ) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.language = language if language in TEXT else "en"

    def say(self, line: str = "") -> None:
        self.stdout.write(printable(line) + "\n")
        self.stdout.flush()

    def error(self, line: str) -> None:
        """Print ``line`` on standard error: a failure, not part of the conversation."""
        stream = self.stderr if self.stderr is not None else sys.stderr
        stream.write(printable(line) + "\n")
        stream.flush()

    def text(self, key: str, **values: object) -> str:
        return TEXT[self.language][key].format(**values)


@dataclass
class _Tally:
    answered: int = 0
    correct: int = 0
    points: int = 0
    asked: int = 0


class _Game(Terminal):
    """One terminal game: the loop over questions, reading and printing."""

    def __init__(
        self,
        db: Database,
        *,
        name: str,
        total: int,
        stdin: TextIO,
        stdout: TextIO,
        clock: Callable[[], dt.datetime],
        language: str,
        reports_to_hold: int = 2,
    ) -> None:
        super().__init__(stdout, language)
        self.db = db
        self.reports_to_hold = reports_to_hold
        #: The run revealed last: ``report`` at the next prompt reports its question.
        self.revealed: int | None = None
        self.name = name
        self.member_id = member_id_for(name)
        self.total = total
        self.stdin = stdin
        self.clock = clock
        self.echo = not _isatty(stdin)
        self.tally = _Tally()
        self.ctrl_c = _CtrlC()

    def read(self) -> str | None:
        """One line of input without its newline, or ``None`` at the end of input or after
        Ctrl-C (then :attr:`interrupted` is set)."""
        try:
            self.ctrl_c.reading = True
            if self.ctrl_c.pressed:
                raise KeyboardInterrupt
            self.stdout.write(PROMPT)
            self.stdout.flush()
            line = self.stdin.readline()
        except KeyboardInterrupt:
            self.say()
            return None
        finally:
            self.ctrl_c.reading = False
        if not line:
            self.say()
            return None
        line = valid_text(line.rstrip("\r\n"))
        if self.echo:
            self.stdout.write(printable(line) + "\n")
        return line

    @property
    def interrupted(self) -> bool:
        """Whether Ctrl-C ended the game."""
        return self.ctrl_c.pressed

    # ---------------------------------------------------------------- the loop

    async def run(self) -> None:
        from bot.services import runs

        for number in range(1, self.total + 1):
            if self.interrupted:  # Ctrl-C while the last answer was being revealed
                self.say(self.text("interrupted"))
                return
            try:
                run = await self._claim()
            except NoQuestions:
                self.say(self.text("no_questions"))
                return
            self.tally.asked += 1
            try:
                if not await self._play(number, run):
                    return
            except Exception:
                # The output went away (a closed pipe) or the database failed mid-question:
                # close the question now rather than leaving it open for its window.
                with contextlib.suppress(Exception):
                    await runs.close_run(self.db, run_id=run.id, at=self.clock())
                raise
        await self.last_reports()

    async def last_reports(self) -> None:
        """After the last reveal, ``report …`` lines still report its question; an empty
        line, another line or the end of input ends the game."""
        if self.revealed is None or self.interrupted:
            return
        self.say(self.text("report_last"))
        while (line := self.read()) is not None:
            match = _REPORT.match(line.strip())
            if match is None:
                return
            await self.report(match["rest"] or "")

    async def _play(self, number: int, run: RunView) -> bool:
        """Ask one claimed question, store the answer and reveal; whether to go on."""
        from bot.services import runs

        question = run.question
        self.language = question.language if question.language in TEXT else "en"
        self.show(number, question)
        choice, ended = await self.ask_or_report(question)
        if ended:
            await runs.close_run(self.db, run_id=run.id, at=self.clock())
            self.say(self.text("interrupted" if self.interrupted else "stopped"))
            return False
        result = None
        if choice is not None:
            result = await runs.record_answer(
                self.db,
                run_id=run.id,
                member_id=self.member_id,
                display_name=self.name,
                choice=choice,
                at=self.clock(),
            )
        reveal = await runs.close_run(self.db, run_id=run.id, at=self.clock())
        await self.reveal(question, result, reveal)
        self.revealed = run.id
        return True

    async def _claim(self) -> RunView:
        """A new run whose slot is now: each question is its own run, open for the window.

        Slots are unique per channel; if another game took this instant, a later one is used.
        """
        from bot.services import runs

        slot = self.clock()
        while True:
            run, created = await runs.claim_run(
                self.db,
                guild_id=TERMINAL_GUILD_ID,
                channel_id=TERMINAL_CHANNEL_ID,
                slot=slot,
                now=self.clock(),
            )
            if created:
                return run
            slot = max(self.clock(), slot + dt.timedelta(microseconds=1))

    def show(self, number: int, question: Question) -> None:
        chapter = question.chapter_title or question.book
        if question.chapter is not None:
            chapter = self.text("chapter", number=question.chapter, title=chapter)
        self.say()
        self.say(self.text("header", n=number, total=self.total, chapter=chapter))
        self.say(question.prompt)
        if question.choices:
            for letter, choice in zip(LETTERS, question.choices, strict=False):
                self.say(f"  {letter}) {choice}")
        else:
            self.say(self.text("typed"))

    async def ask_or_report(self, question: Question) -> tuple[str | None, bool]:
        """Like :meth:`ask`, but a ``report …`` (or ``신고 …``) line reports the question
        revealed last and asks again, costing no attempt."""
        attempt = 0
        while attempt < 2:
            line = self.read()
            if line is None:
                return None, True
            match = _REPORT.match(line.strip())
            if match is not None:
                await self.report(match["rest"] or "")
                continue
            answer, problem = self.interpret(question, line)
            if answer is not None:
                return answer, False
            self.say(problem if attempt == 0 else self.text("skipped"))
            attempt += 1
        return None, False

    async def report(self, rest: str) -> None:
        """Report the question revealed last: ``REASON [comment]``."""
        from bot.core.review import COMMENT_MAX, parse_reason
        from bot.services import reviews

        if self.revealed is None:
            self.say(self.text("report_nothing"))
            return
        word, _, comment = rest.strip().partition(" ")
        reason = parse_reason(word) if word else None
        if reason is None:
            self.say(self.text("report_reasons"))
            return
        comment = comment.strip()
        if len(comment) > COMMENT_MAX:
            self.say(self.text("report_too_long", length=len(comment), limit=COMMENT_MAX))
            return
        outcome = await reviews.report_question(
            self.db,
            guild_id=TERMINAL_GUILD_ID,
            member_id=self.member_id,
            run_id=self.revealed,
            reason=reason,
            comment=comment or None,
            at=self.clock(),
            threshold=self.reports_to_hold,
        )
        if outcome is None:
            self.say(self.text("report_nothing"))
            return
        self.say(self.text("report_updated" if outcome.updated else "report_thanks"))
        if outcome.held:
            self.say(self.text("report_held"))

    def ask(self, question: Question) -> tuple[str | None, bool]:
        """The member's answer (choice text or typed text), and whether input ended.

        A bad line is asked again once; a second bad line gives no answer.
        """
        for attempt in range(2):
            line = self.read()
            if line is None:
                return None, True
            answer, problem = self.interpret(question, line)
            if answer is not None:
                return answer, False
            self.say(problem if attempt == 0 else self.text("skipped"))
        return None, False

    def interpret(self, question: Question, line: str) -> tuple[str | None, str]:
        """The answer a line stands for, or ``None`` and the message explaining why not."""
        given = line.strip()
        if not given:
            return None, self.text("empty")
        if not question.choices:
            return given, ""
        choices = question.choices
        upper = given.upper().rstrip(")")
        if len(upper) == 1 and upper in LETTERS[: len(choices)]:
            return choices[LETTERS.index(upper)], ""
        if given.isdecimal() and 1 <= int(given) <= len(choices):
            return choices[int(given) - 1], ""
        wanted = normalize(given)
        for choice in choices:
            if wanted and normalize(choice) == wanted:
                return choice, ""
        letters = f"{LETTERS[0]}–{LETTERS[len(choices) - 1]}"
        shown = given if len(given) <= 40 else given[:39] + "…"
        return None, self.text("bad_choice", given=shown, letters=letters, count=len(choices))

    async def reveal(
        self, question: Question, result: AnswerResult | None, reveal: Reveal | None
    ) -> None:
        from bot.services import stats
        from bot.services.types import AnswerStatus

        status = getattr(result, "status", None)
        points = reveal.points.get(self.member_id, 0) if reveal is not None else 0
        if status in (AnswerStatus.CORRECT, AnswerStatus.WRONG):
            self.tally.answered += 1
            self.tally.points += points
        streak = ""
        if status is AnswerStatus.CORRECT:
            self.tally.correct += 1
            member = await stats.member_stats(
                self.db, guild_id=TERMINAL_GUILD_ID, member_id=self.member_id, now=self.clock()
            )
            if member is not None:
                streak = self.text("streak", streak=member.current_streak)
            self.say(self.text("correct", points=points) + streak)
        elif status is AnswerStatus.WRONG and result is not None:
            self.say(self.text("wrong", choice=result.choice))
        elif status is not None:
            self.say(self.text("late"))
        answer = reveal.answer if reveal is not None else question.answer
        explanation = reveal.explanation if reveal is not None else question.explanation
        source = reveal.source if reveal is not None else question.source
        self.say(self.text("answer", answer=answer))
        if explanation and explanation != answer:
            self.say(explanation)
        self.say(self.text("source", file=source.file, line=source.line))
        self.say(self.text("report_hint"))
        if reveal is not None:
            for member_ref, days in reveal.milestones:
                self.say(self.text("milestone", name=member_ref.display_name, days=days))

    async def finish(self) -> None:
        from bot.services import stats

        self.say()
        self.say(
            self.text(
                "summary",
                answered=self.tally.answered,
                correct=self.tally.correct,
                points=self.tally.points,
            )
        )
        page = await stats.leaderboard(
            self.db,
            guild_id=TERMINAL_GUILD_ID,
            period="all",
            metric="points",
            page=1,
            page_size=LEADERBOARD_SIZE,
            member_id=self.member_id,
            now=self.clock(),
        )
        self.say()
        self.say(self.text("board"))
        if not page.rows:
            self.say(self.text("nobody"))
        width = max((_width(row.display_name) for row in page.rows), default=0)
        for row in page.rows:
            self.say(
                self.text(
                    "row",
                    rank=row.rank,
                    name=row.display_name + " " * (width - _width(row.display_name)),
                    points=row.points,
                    correct=row.correct,
                    answered=row.answered,
                    streak=row.current_streak,
                )
            )
        if page.me is not None:
            self.say(
                self.text("you", rank=page.me.rank, total=page.total_members, points=page.me.points)
            )


class Refused(Exception):
    """A terminal command cannot go on: the :data:`TEXT` key of its message and the exit code.

    ``failure`` marks what went wrong around the command (the database) rather than in
    what was asked: its line goes to standard error.
    """

    def __init__(self, key: str, code: int, *, failure: bool = False, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.code = code
        self.failure = failure
        self.values = values

    def tell(self, terminal: Terminal) -> int:
        """Print the message in the terminal's language; returns the exit code."""
        line = terminal.text(self.key, **self.values)
        if self.failure:
            terminal.error(line)
        else:
            terminal.say(line)
        return self.code


def read_notes(content_dir: Path, max_mb: float | None = None) -> Notes:
    """The notes of the content folder; :class:`Refused` when it is missing or unreadable."""
    if not content_dir.is_dir():
        key = "not_folder" if content_dir.exists() else "no_folder"
        raise Refused(key, EXIT_NOTHING_TO_PLAY, folder=content_dir)
    try:
        notes = load_notes(content_dir, max_mb)
    except ContentError as exc:
        raise Refused("unreadable", EXIT_NOTHING_TO_PLAY, error=exc) from None
    for problem in notes.problems:
        log.warning("skipped: %s", problem)
    return notes


def _in_scope(
    notes: Notes, chapter: int | None, content_dir: Path, terminal: Terminal
) -> list[Question]:
    """The questions of ``chapter`` (all when ``None``); :class:`Refused` when there are none."""
    if not notes.questions:
        problems = notes.problems[:3]
        raise Refused(
            "no_questions_made",
            EXIT_NOTHING_TO_PLAY,
            folder=content_dir,
            problems=terminal.text("problems", problems="; ".join(problems)) if problems else "",
        )
    if chapter is None:
        return notes.questions
    scope = [question for question in notes.questions if question.chapter == chapter]
    if not scope:
        numbers = sorted({q.chapter for q in notes.questions if q.chapter is not None})
        raise Refused(
            "bad_chapter",
            EXIT_USAGE,
            chapter=chapter,
            chapters=", ".join(map(str, numbers)) or terminal.text("none"),
        )
    return scope


async def open_terminal(settings: Settings, notes: Notes) -> Database:
    """The bot's database, upgraded, with the terminal guild set up: the notes' chapters
    (what the quiz follows) and ``QUIZBOT_TIMEZONE`` (its days and weeks).

    Raises :class:`Refused` when the database cannot be opened or was written by a newer
    quizbot; the caller disposes of it.
    """
    from bot.services import reading, schedules

    db: Database | None = None
    try:
        db = Database.from_url(
            settings.database_url, connect_timeout=settings.database_connect_timeout
        )
        await db.upgrade()
        if notes.chapters:  # a wrong content folder must not wipe the bot's chapter list
            await reading.sync_chapters(db, notes.chapters)
        await schedules.configure_channel(
            db,
            guild_id=TERMINAL_GUILD_ID,
            channel_id=TERMINAL_CHANNEL_ID,
            schedule=terminal_schedule(settings.timezone),
            questions_per_run=1,
        )
        # The terminal asks its own questions: a Discord bot on the same database must
        # never post this channel's schedule (its scheduler skips paused channels).
        await schedules.set_paused(
            db, guild_id=TERMINAL_GUILD_ID, channel_id=TERMINAL_CHANNEL_ID, paused=True
        )
    except Exception as exc:
        if db is not None:
            await db.dispose()
        shown = make_url(settings.database_url).render_as_string(hide_password=True)
        if isinstance(exc, NewerSchema):
            raise Refused(
                "newer_database",
                EXIT_NOTHING_TO_PLAY,
                failure=True,
                url=shown,
                revision=exc.revision,
            ) from exc
        raise Refused(
            "no_database",
            EXIT_NOTHING_TO_PLAY,
            failure=True,
            url=shown,
            error=describe_failure(exc, settings.database_url),
        ) from exc
    return db


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def valid_text(text: str) -> str:
    """``text`` with whatever is not valid UTF-8 (bytes read as surrogates) shown as "�"."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that no byte stands for
        return text.encode("utf-8", "replace").decode("utf-8")


class _CtrlC:
    """Ctrl-C during a game: stop at once at the prompt, or before the next one.

    ``asyncio.run`` answers the first Ctrl-C by cancelling the main task, which a read
    blocked in the event loop's own thread never notices until a line comes. While a
    game runs this handler takes over: it raises :class:`KeyboardInterrupt` inside the
    blocking read, and otherwise only notes the key so that the game stops before
    asking again. A process started with Ctrl-C ignored keeps ignoring it.
    """

    def __init__(self) -> None:
        self.pressed = False
        self.reading = False

    def __call__(self, _signum: int, _frame: object) -> None:
        self.pressed = True
        if self.reading:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """Handle SIGINT with this object inside the block (main thread only)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = signal.getsignal(signal.SIGINT)
        if previous in (signal.SIG_IGN, None):
            yield
            return
        signal.signal(signal.SIGINT, self)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def _close_stale_runs(db: Database, now: dt.datetime) -> None:
    """Close terminal runs left open by an interrupted game once their time is up."""
    from bot.services import runs

    for run in await runs.open_runs(db, guild_ids=[TERMINAL_GUILD_ID]):
        if run.channel_id == TERMINAL_CHANNEL_ID and run.closes_at <= now:
            await runs.close_run(db, run_id=run.id, at=now)


async def play(
    settings: Settings,
    *,
    member: str | None,
    chapter: int | None,
    questions: int | None,
    stdin: TextIO | None,
    stdout: TextIO,
    stderr: TextIO | None = None,
    clock: Callable[[], dt.datetime] = _now,
) -> int:
    """Play the quiz in a terminal; returns the exit code.

    0 after the game (also when input ends early), 1 when there is nothing to play
    (no notes, no questions, the database cannot be opened or was written by a newer
    quizbot, standard input closed), 2 for a bad option (``--chapter`` that no notes
    have, ``--questions`` below 1), 130 after Ctrl-C (the game still ends with its
    summary). Input that is not valid UTF-8 is read with "�" in place of the bad bytes.
    """
    from bot.services import catalogue, schedules

    terminal = Terminal(stdout, stderr=stderr)
    name = player_name(member)
    count = DEFAULT_QUESTIONS if questions is None else questions
    content_dir = Path(settings.content_dir)
    try:
        notes = read_notes(content_dir, settings.max_note_mb)
        terminal.language = notes.language
        scope = _in_scope(notes, chapter, content_dir, terminal)
        if count < 1:
            raise Refused("bad_count", EXIT_USAGE, count=count)
        if stdin is None:
            raise Refused("no_input", EXIT_NOTHING_TO_PLAY, failure=True)
        db = await open_terminal(settings, notes)
    except Refused as refused:
        return refused.tell(terminal)
    reconfigure = getattr(stdin, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")  # a bad byte is a wrong answer, not a crash
    try:
        await catalogue.sync_catalogue(db, notes.questions)
        # Without --chapter the quiz follows the reading, as in Discord (quizbot checkin).
        await schedules.set_chapters(
            db,
            guild_id=TERMINAL_GUILD_ID,
            channel_id=TERMINAL_CHANNEL_ID,
            chapters=None if chapter is None else (chapter,),
        )
        await _close_stale_runs(db, clock())
        game = _Game(
            db,
            name=name,
            total=count,
            stdin=stdin,
            stdout=stdout,
            clock=clock,
            language=Counter(q.language for q in scope).most_common(1)[0][0],
            reports_to_hold=settings.reports_to_hold,
        )
        scope_text = "" if chapter is None else game.text("scope", chapter=chapter)
        game.say(game.text("welcome", name=name, scope=scope_text, count=count))
        with game.ctrl_c.installed():
            await game.run()
            await game.finish()
    finally:
        await db.dispose()
    return EXIT_INTERRUPTED if game.interrupted else EXIT_OK
