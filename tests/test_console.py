"""The terminal quiz, played in-process through text streams against a real SQLite file.

The questions are written here (each choice question has its answer first, so ``A`` is
right and ``B`` wrong); everything else — claiming runs, recording answers, closing,
scoring, streaks, the leaderboard — is the real services and database.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from bot import console
from bot.config import Settings
from bot.core.model import Question, QuestionKind, Source
from bot.db import Database
from bot.services import runs, schedules

T0 = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


def choice_question(n: int, chapter: int, language: str = "en") -> Question:
    answer = f"term{n}"
    return Question(
        id=f"test-{language}-{n}",
        kind=QuestionKind.TERM_FROM_DEFINITION,
        language=language,
        book="Test notes",
        chapter=chapter,
        chapter_title=f"Part {chapter}" if language == "en" else f"부분 {chapter}",
        prompt=f"Which term means thing number {n}?",
        answer=answer,
        accepted=(answer,),
        explanation=f"{answer} is thing number {n}.",
        source=Source("notes.md", 10 + n),
        choices=(answer, f"decoy{n}a", f"decoy{n}b", f"decoy{n}c"),
    )


TYPED = Question(
    id="test-typed",
    kind=QuestionKind.FLASHCARD,
    language="en",
    book="Test notes",
    chapter=3,
    chapter_title="Cities",
    prompt="What is the capital of France?",
    answer="Paris",
    accepted=("Paris",),
    explanation="",
    source=Source("cards.md", 3),
)

ENGLISH = [choice_question(n, 1 + n % 2) for n in range(6)]


class Clock:
    """A clock that moves one second each time it is read."""

    def __init__(self, start: dt.datetime = T0) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    content = tmp_path / "content"
    content.mkdir()
    return Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/quiz.db", content_dir=content)


@pytest.fixture
def use_questions(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[Question]], None]:
    def use(questions: list[Question]) -> None:
        language = "ko" if questions and questions[0].language == "ko" else "en"
        notes = console.Notes(
            questions=list(questions), chapters=[], problems=[], language=language
        )
        monkeypatch.setattr(console, "load_notes", lambda _dir, _max_mb=None: notes)

    use(ENGLISH)
    return use


async def game(
    settings: Settings,
    name: str | None,
    lines: str,
    *,
    questions: int | None = None,
    chapter: int | None = None,
    clock: Clock | None = None,
) -> tuple[int, str]:
    out = io.StringIO()
    code = await console.play(
        settings,
        member=name,
        chapter=chapter,
        questions=questions,
        stdin=io.StringIO(lines),
        stdout=out,
        clock=clock or Clock(),
    )
    return code, out.getvalue()


def database_file_exists(settings: Settings) -> bool:
    return Path(settings.database_url.split("///", 1)[1]).exists()


def summary(output: str) -> tuple[int, int, int]:
    found = re.search(r"Game over: (\d+) of (\d+) right, (\d+) points", output)
    assert found, output
    right, answered, points = (int(g) for g in found.groups())
    return right, answered, points


def board(output: str) -> list[tuple[int, str, int]]:
    rows = re.findall(r"^\s*(\d+)\. (\S+)\s+(\d+) pts", output, flags=re.MULTILINE)
    return [(int(rank), name, int(points)) for rank, name, points in rows]


@pytest.mark.usefixtures("use_questions")
async def test_two_members_take_turns_and_share_the_leaderboard(settings: Settings) -> None:
    """Alice answers right, Bob wrong; both end on one leaderboard with Alice first."""
    code, alice = await game(settings, "alice", "A\nA\n", questions=2)
    assert code == 0
    right, answered, alice_points = summary(alice)
    assert (right, answered) == (2, 2)
    assert 20 <= alice_points <= 30  # 10 each plus a speed bonus of at most 5
    assert alice.count("✔ Correct!") == 2

    code, bob = await game(settings, "bob", "B\nB\n", questions=2)
    assert code == 0
    assert summary(bob) == (0, 2, 0)
    assert bob.count("✘ Wrong") == 2
    assert board(bob) == [(1, "alice", alice_points), (2, "bob", 0)]
    assert "You: #2 of 2, 0 pts" in bob


@pytest.mark.usefixtures("use_questions")
async def test_reveal_shows_answer_explanation_and_source(settings: Settings) -> None:
    """After each answer the right answer, its explanation and file:line are shown."""
    _, output = await game(settings, "alice", "B\n", questions=1)
    asked = re.search(r"Which term means thing number (\d+)\?", output)
    assert asked
    n = int(asked[1])
    assert f"✘ Wrong: decoy{n}a" in output
    assert f"Answer: term{n}" in output
    assert f"term{n} is thing number {n}." in output
    assert f"Source: notes.md:{10 + n}" in output


@pytest.mark.usefixtures("use_questions")
async def test_letters_numbers_and_choice_text_are_all_answers(settings: Settings) -> None:
    """A choice can be given as a letter (any case), a number, or its text."""
    _, first = await game(settings, "alice", "a\n", questions=1)
    _, second = await game(settings, "alice", "1\n", questions=1)
    third_n = None
    out = io.StringIO()

    class Answering(io.StringIO):
        """Types the text of the right choice for whatever question is shown."""

        def readline(self, size: int = -1) -> str:
            nonlocal third_n
            shown = re.findall(r"thing number (\d+)\?", out.getvalue())
            if third_n is not None or not shown:
                return ""
            third_n = int(shown[-1])
            return f"  TERM{third_n} \n"

    code = await console.play(
        settings,
        member="alice",
        chapter=None,
        questions=1,
        stdin=Answering(),
        stdout=out,
        clock=Clock(),
    )
    assert code == 0
    for output in (first, second, out.getvalue()):
        assert summary(output)[:2] == (1, 1), output


@pytest.mark.usefixtures("use_questions")
async def test_a_bad_line_is_asked_again_once(settings: Settings) -> None:
    """An answer that is not a choice gets a clear message and one more try."""
    _, output = await game(settings, "alice", "E\nA\n", questions=1)
    assert "'E' is not a choice: answer with A–D, 1–4 or the text of a choice." in output
    assert summary(output)[:2] == (1, 1)


@pytest.mark.usefixtures("use_questions")
async def test_two_bad_lines_skip_the_question_and_keep_the_pipe_in_step(
    settings: Settings,
) -> None:
    """After two bad lines the question scores nothing and the next line answers the next one."""
    _, output = await game(settings, "alice", "nope\n9\nA\n", questions=2)
    assert "No valid answer: this question scores nothing." in output
    assert output.count("Answer: term") == 2  # both questions are revealed
    assert summary(output)[:2] == (1, 1)


@pytest.mark.usefixtures("use_questions")
async def test_end_of_input_mid_game_ends_with_a_summary(settings: Settings) -> None:
    """Input ending before the last question ends the game cleanly (exit 0) and closes the run."""
    code, output = await game(settings, "alice", "A\n", questions=3)
    assert code == 0
    assert "Input ended: stopping here." in output
    assert "[3/3]" not in output
    assert summary(output)[:2] == (1, 1)
    assert "Leaderboard" in output
    db = Database.from_url(settings.database_url)
    try:
        assert await runs.open_runs(db, guild_ids=[console.TERMINAL_GUILD_ID]) == []
    finally:
        await db.dispose()


@pytest.mark.usefixtures("use_questions")
async def test_empty_input_plays_nothing_and_exits_zero(settings: Settings) -> None:
    """A game with no input at all still ends cleanly with an empty summary."""
    code, output = await game(settings, "alice", "")
    assert code == 0
    assert summary(output) == (0, 0, 0)
    assert "Nobody has scored yet." in output


async def test_typed_answers_are_matched_like_in_discord(
    settings: Settings, use_questions: Callable[[list[Question]], None]
) -> None:
    """A typed question takes free text, matched case- and punctuation-insensitively."""
    use_questions([TYPED])
    _, output = await game(settings, "alice", "  paris! \n", questions=1)
    assert "(type your answer)" in output
    assert "✔ Correct!" in output
    _, output = await game(settings, "bob", "\nLyon\n", questions=1)
    assert "Type an answer (an empty line is not one)." in output
    assert "✘ Wrong: Lyon" in output


@pytest.mark.usefixtures("use_questions")
async def test_chapter_option_limits_the_questions(settings: Settings) -> None:
    """--chapter 2 asks only questions of chapter 2."""
    code, output = await game(settings, "alice", "A\nA\nA\n", questions=3, chapter=2)
    assert code == 0
    headers = re.findall(r"^\[\d/3\] (.*)$", output, flags=re.MULTILINE)
    assert headers == ["Chapter 2 - Part 2"] * 3
    assert "» " in output


@pytest.mark.usefixtures("use_questions")
async def test_unknown_chapter_is_refused_with_the_chapters_there_are(
    settings: Settings,
) -> None:
    """--chapter 9 exits 2 and lists the chapters the notes have; nothing is stored."""
    code, output = await game(settings, "alice", "A\n", chapter=9)
    assert code == 2
    assert "There is no chapter 9 in the notes. Chapters: 1, 2." in output
    assert not database_file_exists(settings)


@pytest.mark.usefixtures("use_questions")
async def test_question_count_below_one_is_refused(settings: Settings) -> None:
    """--questions 0 exits 2 with a message."""
    code, output = await game(settings, "alice", "A\n", questions=0)
    assert code == 2
    assert "--questions must be 1 or more" in output


async def test_no_notes_gives_a_clear_message(
    settings: Settings, use_questions: Callable[[list[Question]], None]
) -> None:
    """Notes that yield no question exit 1 and say where notes go."""
    use_questions([])
    code, output = await game(settings, "alice", "A\n")
    assert code == 1
    assert "No questions could be made from the notes" in output


async def test_missing_content_folder_gives_a_clear_message(tmp_path: Path) -> None:
    """A content folder that does not exist exits 1 and names the setting to fix."""
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/quiz.db", content_dir=tmp_path / "nowhere"
    )
    code, output = await game(settings, "alice", "A\n")
    assert code == 1
    assert "does not exist" in output
    assert "QUIZBOT_CONTENT_DIR" in output


async def test_korean_questions_get_korean_text(
    settings: Settings, use_questions: Callable[[list[Question]], None]
) -> None:
    """Questions from Korean notes are played with Korean messages."""
    use_questions([choice_question(n, 1, "ko") for n in range(3)])
    _, output = await game(settings, "민수", "A\nB\n", questions=2)
    assert "✔ 정답!" in output
    assert "✘ 오답" in output
    assert "게임 끝: 2문제 중 1문제 정답" in output
    assert "순위표" in output
    assert "민수" in output


@pytest.mark.usefixtures("use_questions")
async def test_streak_grows_over_consecutive_days(settings: Settings) -> None:
    """Playing right on two days in a row shows a streak of 2."""
    _, day_one = await game(settings, "alice", "A\n", questions=1, clock=Clock(T0))
    assert "streak 1" in day_one
    _, day_two = await game(
        settings, "alice", "A\n", questions=1, clock=Clock(T0 + dt.timedelta(days=1))
    )
    assert "streak 2" in day_two


@pytest.mark.usefixtures("use_questions")
async def test_games_started_at_the_same_instant_do_not_share_runs(settings: Settings) -> None:
    """A second game whose clock reads the same instants still gets fresh, open questions."""
    _, first = await game(settings, "alice", "A\n", questions=1, clock=Clock(T0))
    _, second = await game(settings, "bob", "A\n", questions=1, clock=Clock(T0))
    for output in (first, second):
        assert "✔ Correct!" in output
        assert "Too late" not in output
    assert sorted(name for _, name, _ in board(second)) == ["alice", "bob"]


@pytest.mark.usefixtures("use_questions")
async def test_leaderboard_columns_line_up_with_korean_names(
    settings: Settings, use_questions: Callable[[list[Question]], None]
) -> None:
    """Names of different widths (Hangul is two columns) are padded to one column."""
    use_questions([choice_question(n, 1, "ko") for n in range(3)])
    await game(settings, "민수", "A\n", questions=1)
    _, output = await game(settings, "bob", "A\n", questions=1)
    rows = [re.match(r"^\s+\d+\. .+?\s+(\d+)점", line) for line in output.splitlines()]
    found = [row for row in rows if row]
    assert len(found) == 2
    columns = {
        sum(2 if unicodedata.east_asian_width(c) == "W" else 1 for c in row.string[: row.start(1)])
        for row in found
    }
    assert len(columns) == 1, output


@pytest.mark.usefixtures("use_questions")
async def test_names_differing_in_case_are_one_player(settings: Settings) -> None:
    """--as Alice and --as alice add up to one leaderboard row."""
    await game(settings, "alice", "A\n", questions=1)
    _, output = await game(settings, "Alice", "A\n", questions=1)
    rows = board(output)
    assert len(rows) == 1
    assert summary(output)[2] < rows[0][2]


@pytest.mark.usefixtures("use_questions")
async def test_default_name_is_the_os_user(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --as the player is named after the OS user."""
    monkeypatch.setenv("LOGNAME", "carol")
    _, output = await game(settings, None, "A\n", questions=1)
    assert "Playing as carol" in output
    assert board(output)[0][1] == "carol"


def test_member_ids_are_stable_and_distinct() -> None:
    """A name always maps to the same member id; different names to different ids."""
    assert console.member_id_for("alice") == console.member_id_for(" Alice ")
    assert console.member_id_for("alice") != console.member_id_for("bob")
    assert console.member_id_for("alice") > 0


def test_both_languages_have_every_message_with_the_same_blanks() -> None:
    """Every terminal message exists in English and Korean and fills the same values."""
    import string

    def blanks(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    english, korean = console.TEXT["en"], console.TEXT["ko"]
    assert english.keys() == korean.keys()
    for key in english:
        assert blanks(english[key]) == blanks(korean[key]), key


@pytest.mark.usefixtures("use_questions")
async def test_streak_days_follow_the_terminal_time_zone(tmp_path: Path) -> None:
    """23:00 and 01:00 in Seoul are two days in Asia/Seoul but one day in UTC."""
    late = dt.datetime(2026, 11, 26, 14, 0, tzinfo=dt.UTC)  # 23:00 in Seoul
    after_midnight = late + dt.timedelta(hours=2)  # 01:00 the next day in Seoul
    for zone, expected in (("Asia/Seoul", "streak 2"), ("UTC", "streak 1")):
        folder = tmp_path / zone.replace("/", "-")
        (folder / "content").mkdir(parents=True)
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{folder}/quiz.db",
            content_dir=folder / "content",
            timezone=zone,
        )
        await game(settings, "alice", "A\n", questions=1, clock=Clock(late))
        _, second = await game(settings, "alice", "A\n", questions=1, clock=Clock(after_midnight))
        assert expected in second, (zone, second)


@pytest.mark.usefixtures("use_questions")
async def test_an_unusable_database_is_one_line_and_exit_1(tmp_path: Path) -> None:
    """A database that cannot be opened is named in one line on stderr (no traceback), exit 1."""
    (tmp_path / "content").mkdir()
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/file/quiz.db",
        content_dir=tmp_path / "content",
    )
    out, err = io.StringIO(), io.StringIO()
    code = await console.play(
        settings,
        member="alice",
        chapter=None,
        questions=None,
        stdin=io.StringIO("A\n"),
        stdout=out,
        stderr=err,
    )
    assert code == 1
    assert out.getvalue() == ""
    assert err.getvalue().startswith(
        f"Cannot open the database sqlite+aiosqlite:///{tmp_path}/file/"
    )
    assert err.getvalue().count("\n") == 1


@pytest.mark.usefixtures("use_questions")
async def test_a_bot_on_the_same_database_never_posts_the_terminal_channel(
    settings: Settings,
) -> None:
    """The terminal's channel is stored paused, so a Discord bot's scheduler skips it."""
    await game(settings, "alice", "A\n", questions=1)
    db = Database.from_url(settings.database_url)
    try:
        terminal = await schedules.get_schedule(
            db, guild_id=console.TERMINAL_GUILD_ID, channel_id=console.TERMINAL_CHANNEL_ID
        )
    finally:
        await db.dispose()
    assert terminal is not None
    assert terminal.paused


@pytest.mark.usefixtures("use_questions")
async def test_names_and_answers_never_reach_the_terminal_as_escape_sequences(
    settings: Settings,
) -> None:
    """A name or a line with colour codes, a bell or a bidi override is printed as plain text."""
    name = "\x1b[31mmallory\x1b]0;owned\x07\u202e"
    code, out = await game(settings, name, "\x1b[2J\x07nonsense\nA\nA\n", questions=2)
    assert code == 0
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "\u202e" not in out
    assert "mallory" in out
