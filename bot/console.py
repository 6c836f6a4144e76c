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
nothing, and the pipe stays in step).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import logging
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.core.answers import normalize
from bot.core.errors import ContentError, NoQuestions
from bot.core.model import Chapter, Question
from bot.core.schedule import ALL_DAYS, Schedule
from bot.db import Database

if TYPE_CHECKING:
    from bot.services.types import AnswerResult, Reveal, RunView

__all__ = [
    "DEFAULT_QUESTIONS",
    "TERMINAL_CHANNEL_ID",
    "TERMINAL_GUILD_ID",
    "TERMINAL_WINDOW",
    "load_chapters",
    "load_questions",
    "member_id_for",
    "play",
]

log = logging.getLogger(__name__)

TERMINAL_GUILD_ID = 0
TERMINAL_CHANNEL_ID = 0
DEFAULT_QUESTIONS = 5
#: How long a terminal question stays open; the speed bonus falls over its first half.
TERMINAL_WINDOW = dt.timedelta(minutes=30)
#: The terminal channel's schedule: every day, days counted in UTC (for streaks).
TERMINAL_SCHEDULE = Schedule(dt.time(0, 0), "UTC", ALL_DAYS, TERMINAL_WINDOW)
LEADERBOARD_SIZE = 10
MAX_NAME_LENGTH = 32

EXIT_OK = 0
EXIT_NOTHING_TO_PLAY = 1
EXIT_USAGE = 2

LETTERS = "ABCDEFGHIJ"
#: Shown where an answer is read; not ">" because prompts quote definitions that way.
PROMPT = "» "

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "welcome": "Playing as {name}{scope} · {count} questions · end input (Ctrl-D) to stop.",
        "scope": " · chapter {chapter}",
        "header": "[{n}/{total}] {chapter}",
        "chapter": "Chapter {number} - {title}",
        "typed": "(type your answer)",
        "bad_choice": "'{given}' is not a choice: answer with {letters}, 1–{count} or the "
        "text of a choice.",
        "empty": "Type an answer (an empty line is not one).",
        "skipped": "No valid answer: this question scores nothing.",
        "correct": "✔ Correct! +{points} points",
        "wrong": "✘ Wrong: {choice}",
        "late": "⏱ Too late: the question had closed.",
        "streak": " · streak {streak}",
        "answer": "Answer: {answer}",
        "source": "Source: {file}:{line}",
        "milestone": "🔥 {name}: {days} quiz days in a row!",
        "summary": "Game over: {correct} of {answered} right, {points} points this game.",
        "stopped": "Input ended: stopping here.",
        "board": "Leaderboard (all time, points)",
        "row": "{rank:>3}. {name}  {points} pts · {correct}/{answered} right · streak {streak}",
        "you": "You: #{rank} of {total}, {points} pts",
        "nobody": "Nobody has scored yet.",
        "no_questions": "There is nothing to ask in this scope.",
    },
    "ko": {
        "welcome": "{name} 님으로 플레이합니다{scope} · {count}문제 · 끝내려면 입력을 닫으세요"
        " (Ctrl-D).",
        "scope": " · {chapter}장",
        "header": "[{n}/{total}] {chapter}",
        "chapter": "{number}장 - {title}",
        "typed": "(답을 입력하세요)",
        "bad_choice": "'{given}'은(는) 보기가 아닙니다: {letters}, 1–{count} 또는 보기의 "
        "내용으로 답하세요.",
        "empty": "답을 입력하세요 (빈 줄은 답이 아닙니다).",
        "skipped": "올바른 답이 없어 이 문제는 점수가 없습니다.",
        "correct": "✔ 정답! +{points}점",
        "wrong": "✘ 오답: {choice}",
        "late": "⏱ 늦었습니다: 문제가 이미 마감되었습니다.",
        "streak": " · 연속 {streak}일",
        "answer": "정답: {answer}",
        "source": "출처: {file}:{line}",
        "milestone": "🔥 {name} 님, {days}일 연속 정답!",
        "summary": "게임 끝: {answered}문제 중 {correct}문제 정답, 이번 게임 {points}점.",
        "stopped": "입력이 끝나 여기서 멈춥니다.",
        "board": "순위표 (전체 기간, 점수)",
        "row": "{rank:>3}. {name}  {points}점 · {answered}문제 중 {correct} 정답 · 연속 {streak}일",
        "you": "내 순위: {total}명 중 {rank}위, {points}점",
        "nobody": "아직 점수를 얻은 사람이 없습니다.",
        "no_questions": "이 범위에는 낼 문제가 없습니다.",
    },
}


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


def load_questions(content_dir: Path) -> tuple[list[Question], list[str]]:
    """Every question made from the notes under ``content_dir``, and one line per problem.

    The one place the terminal quiz reads content, through the same loader as the bot.
    """
    from bot.core.content import load_library

    library = load_library([content_dir])
    problems = [f"{file}: {reason}" for file, reason in library.errors]
    return list(library.questions), problems


def load_chapters(content_dir: Path) -> list[Chapter]:
    """The numbered chapters of the notes under ``content_dir`` (what the quiz follows)."""
    from bot.core.content import load_library

    return [chapter for _book, chapter in load_library([content_dir]).chapters()]


def _language(questions: Sequence[Question]) -> str:
    counts = Counter(question.language for question in questions)
    return "ko" if counts["ko"] > counts["en"] else "en"


def _chapter_list(questions: Sequence[Question]) -> str:
    numbers = sorted({q.chapter for q in questions if q.chapter is not None})
    return ", ".join(str(number) for number in numbers) or "none"


@dataclass
class _Tally:
    answered: int = 0
    correct: int = 0
    points: int = 0
    asked: int = 0


class _Game:
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
    ) -> None:
        self.db = db
        self.name = name
        self.member_id = member_id_for(name)
        self.total = total
        self.stdin = stdin
        self.stdout = stdout
        self.clock = clock
        self.echo = not _isatty(stdin)
        self.tally = _Tally()
        self.language = "en"

    # ---------------------------------------------------------------- output helpers

    def say(self, line: str = "") -> None:
        self.stdout.write(line + "\n")
        self.stdout.flush()

    def text(self, key: str, **values: object) -> str:
        return TEXT[self.language][key].format(**values)

    def read(self) -> str | None:
        """One line of input without its newline, or ``None`` at the end of input."""
        self.stdout.write(PROMPT)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            return None
        if self.echo:
            self.stdout.write(line if line.endswith("\n") else line + "\n")
        return line.rstrip("\r\n")

    # ---------------------------------------------------------------- the loop

    async def run(self) -> None:
        from bot.services import runs

        for number in range(1, self.total + 1):
            try:
                run = await self._claim()
            except NoQuestions:
                self.say(self.text("no_questions"))
                return
            self.tally.asked += 1
            question = run.question
            self.language = question.language if question.language in TEXT else "en"
            self.show(number, question)
            choice, ended = self.ask(question)
            if ended:
                await runs.close_run(self.db, run_id=run.id, at=self.clock())
                self.say(self.text("stopped"))
                return
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


class _Refused(Exception):
    """The game cannot start: a message for the player and the exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _questions_in_scope(
    content_dir: Path, chapter: int | None
) -> tuple[list[Question], list[Question]]:
    """Every question of the notes, and those of ``chapter`` (all when ``None``)."""
    if not content_dir.is_dir():
        raise _Refused(
            f"The content folder '{content_dir}' does not exist: put Markdown notes there "
            "or set QUIZBOT_CONTENT_DIR.",
            EXIT_NOTHING_TO_PLAY,
        )
    try:
        library, problems = load_questions(content_dir)
    except ContentError as exc:
        raise _Refused(f"Cannot read the notes: {exc}", EXIT_NOTHING_TO_PLAY) from None
    for problem in problems:
        log.warning("skipped: %s", problem)
    if not library:
        because = f" Problems: {'; '.join(problems[:3])}" if problems else ""
        raise _Refused(
            f"No questions could be made from the notes in '{content_dir}': add Markdown "
            f"chapter notes (see the README's 'Notes format').{because}",
            EXIT_NOTHING_TO_PLAY,
        )
    if chapter is None:
        return library, library
    scope = [question for question in library if question.chapter == chapter]
    if not scope:
        raise _Refused(
            f"There is no chapter {chapter} in the notes. Chapters: {_chapter_list(library)}.",
            EXIT_USAGE,
        )
    return library, scope


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


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
    stdin: TextIO,
    stdout: TextIO,
    clock: Callable[[], dt.datetime] = _now,
) -> int:
    """Play the quiz in a terminal; returns the exit code.

    0 after the game (also when input ends early), 1 when there is nothing to play
    (no notes, no questions, the database cannot be opened), 2 for a bad option
    (``--chapter`` that no notes have, ``--questions`` below 1).
    """

    def error(message: str) -> None:
        stdout.write(message + "\n")
        stdout.flush()

    name = (member or "").strip()[:MAX_NAME_LENGTH] or _default_name()
    count = DEFAULT_QUESTIONS if questions is None else questions
    if count < 1:
        error(f"--questions must be 1 or more (got {count}).")
        return EXIT_USAGE

    try:
        library, scope = _questions_in_scope(Path(settings.content_dir), chapter)
    except _Refused as refused:
        error(str(refused))
        return refused.code

    from bot.services import catalogue, reading, schedules

    db = Database.from_url(settings.database_url)
    try:
        try:
            await db.upgrade()
        except Exception as exc:
            shown = make_url(settings.database_url).render_as_string(hide_password=True)
            error(f"Cannot open the database {shown}: {type(exc).__name__}: {exc}")
            return EXIT_NOTHING_TO_PLAY
        await catalogue.sync_catalogue(db, library)
        # Without --chapter the quiz follows the reading, as in Discord (quizbot checkin).
        chapters = load_chapters(Path(settings.content_dir))
        if chapters:
            await reading.sync_chapters(db, chapters)
        await schedules.configure_channel(
            db,
            guild_id=TERMINAL_GUILD_ID,
            channel_id=TERMINAL_CHANNEL_ID,
            schedule=TERMINAL_SCHEDULE,
            questions_per_run=1,
        )
        await schedules.set_chapters(
            db,
            guild_id=TERMINAL_GUILD_ID,
            channel_id=TERMINAL_CHANNEL_ID,
            chapters=None if chapter is None else (chapter,),
        )
        await _close_stale_runs(db, clock())
        game = _Game(db, name=name, total=count, stdin=stdin, stdout=stdout, clock=clock)
        game.language = _language(scope)
        scope_text = "" if chapter is None else game.text("scope", chapter=chapter)
        game.say(game.text("welcome", name=name, scope=scope_text, count=count))
        await game.run()
        await game.finish()
    finally:
        await db.dispose()
    return EXIT_OK
