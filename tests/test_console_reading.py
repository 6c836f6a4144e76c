"""``quizbot checkin`` and ``quizbot progress`` through real pipes, and a quiz that follows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_cli_play import KOREAN_NOTES, quizbot


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """The database notes: chapter 1 marked read in the table of contents, chapter 2 not."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "database.md").write_text(KOREAN_NOTES, encoding="utf-8")
    return content


@pytest.mark.usefixtures("notes")
def test_members_check_in_and_see_the_board(tmp_path: Path) -> None:
    """Two members check in by number and title; the board shows goal, bars and members."""
    alice = quizbot(tmp_path, "checkin", "1", "--as", "alice", "--note", "인덱스가 어려웠다")
    assert alice.returncode == 0, alice.stderr
    assert "alice 님 체크인: 1. 저장의 기초, 다 읽음." in alice.stdout
    assert "메모: 인덱스가 어려웠다" in alice.stdout
    assert "alice: 2장 중 1장 완독. 체크인 연속 1주 (최고 1주)." in alice.stdout

    bob = quizbot(tmp_path, "checkin", "질의", "--status", "reading", "--as", "bob")
    assert bob.returncode == 0, bob.stderr
    assert "bob 님 체크인: 2. 질의, 읽는 중." in bob.stdout
    reading = quizbot(tmp_path, "progress", "--as", "carol").stdout
    assert re.search(r"^▫  2\. 질의  ░░░░░░░░░░ 0/2  읽는 중: bob$", reading, re.MULTILINE)
    assert "가장 많은 멤버가 2. 질의을(를) 읽고 있습니다." in reading  # alice is next on 2 too
    assert reading.rstrip().endswith("carol: 2장 중 0장 완독. 체크인 연속 0주 (최고 0주).")
    again = quizbot(tmp_path, "checkin", "2장", "--as", "bob")
    assert "bob 님 체크인을 고쳤습니다: 2. 질의, 다 읽음." in again.stdout

    board = quizbot(tmp_path, "progress", "--as", "bob")
    assert board.returncode == 0, board.stderr
    out = board.stdout
    assert "목표: 데이터베이스 책 한 번 읽기" in out
    assert re.search(r"^✅ 1\. 저장의 기초  █████░░░░░ 1/2  완독: alice$", out, re.MULTILINE)
    assert re.search(r"^✅ 2\. 질의  █████░░░░░ 1/2  완독: bob$", out, re.MULTILINE)
    member_row = r"^  alice: 1장 완독, 지금 2\. 질의, 마지막 체크인 \d{4}-\d\d-\d\d$"
    assert re.search(member_row, out, re.MULTILINE)
    assert out.rstrip().endswith("bob: 2장 중 1장 완독. 체크인 연속 1주 (최고 1주).")


@pytest.mark.usefixtures("notes")
def test_bad_chapter_and_long_note_exit_2_and_store_nothing(tmp_path: Path) -> None:
    """An unknown chapter lists the chapters; a long note is refused; both in the notes'
    language, and the board stays empty."""
    unknown = quizbot(tmp_path, "checkin", "9", "--as", "alice")
    assert unknown.returncode == 2
    assert unknown.stdout == (
        "'9'에 해당하는 장이 없습니다. 장 목록: 1. 저장의 기초, 2. 질의. "
        "아무것도 저장하지 않았습니다.\n"
    )
    long = quizbot(tmp_path, "checkin", "1", "--as", "alice", "--note", "x" * 501)
    assert long.returncode == 2
    assert long.stdout.startswith("메모가 501자입니다: 500자 이하로 줄여 주세요.")
    board = quizbot(tmp_path, "progress")
    assert "아직 아무도 체크인하지 않았습니다" in board.stdout


@pytest.mark.usefixtures("notes")
def test_undo_removes_the_last_checkin(tmp_path: Path) -> None:
    """--undo removes the member's last check-in; a second undo says there is none (exit 1)."""
    quizbot(tmp_path, "checkin", "1", "--as", "alice")
    quizbot(tmp_path, "checkin", "2", "--as", "alice", "--status", "reading")
    undone = quizbot(tmp_path, "checkin", "--undo", "--as", "alice")
    assert undone.returncode == 0, undone.stderr
    assert "alice 님의 2. 질의 체크인(읽는 중)을 지웠습니다." in undone.stdout
    quizbot(tmp_path, "checkin", "--undo", "--as", "alice")
    nothing = quizbot(tmp_path, "checkin", "--undo", "--as", "alice")
    assert nothing.returncode == 1
    assert "지울 체크인이 없습니다" in nothing.stdout


@pytest.mark.usefixtures("notes")
def test_the_terminal_quiz_follows_the_reading(tmp_path: Path) -> None:
    """Before anyone finishes chapter 2 the quiz asks chapter 1 only; after, chapter 2 too."""
    answers = "1\n" * 20
    before = quizbot(tmp_path, "play", "--as", "alice", "--questions", "20", stdin=answers)
    assert before.returncode == 0, before.stderr
    assert "1장 - 저장의 기초" in before.stdout
    assert "2장 - 질의" not in before.stdout
    quizbot(tmp_path, "checkin", "2", "--as", "alice")
    after = quizbot(tmp_path, "play", "--as", "alice", "--questions", "3", stdin="1\n1\n1\n")
    assert after.returncode == 0, after.stderr
    first = re.search(r"^\[1/3\] (.*)$", after.stdout, re.MULTILINE)
    assert first is not None
    assert first[1] == "2장 - 질의"  # the questions never asked come first


@pytest.mark.parametrize(("zone", "weeks"), [("Asia/Seoul", 2), ("UTC", 1)])
async def test_checkin_weeks_follow_the_terminal_time_zone(
    tmp_path: Path, notes: Path, zone: str, weeks: int
) -> None:
    """Saturday, then Sunday 20:00 UTC (already Monday in Seoul): two weeks in Seoul, one in UTC."""
    import datetime as dt
    import io

    from bot.cli.reading import run_checkin
    from bot.config import Settings

    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/quiz.db", content_dir=notes, timezone=zone
    )
    out = io.StringIO()
    for chapter, at in (
        ("1", dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC)),
        ("2", dt.datetime(2026, 11, 22, 20, tzinfo=dt.UTC)),
    ):
        code = await run_checkin(
            settings,
            chapter=chapter,
            status="done",
            note=None,
            member="alice",
            undo=False,
            stdout=out,
            clock=lambda at=at: at,
        )
        assert code == 0, out.getvalue()
    assert out.getvalue().rstrip().endswith(f"체크인 연속 {weeks}주 (최고 {weeks}주).")
