"""``quizbot practice`` through real pipes: a session, its limits, and the figures after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli_play import KOREAN_NOTES, quizbot


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """The database notes: chapter 1 (four questions) marked read, chapter 2 not."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "database.md").write_text(KOREAN_NOTES, encoding="utf-8")
    return content


@pytest.mark.usefixtures("notes")
def test_a_session_asks_reachable_questions_and_says_when_they_return(tmp_path: Path) -> None:
    """New questions come from the chapter reached; each answer says when it comes back."""
    first = quizbot(tmp_path, "practice", "--as", "alice", "--count", "20", stdin="A\n" * 20)
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert out.startswith("alice님의 복습 · 최대 20문제")
    headers = [line for line in out.splitlines() if line.startswith("[")]
    assert 4 <= len(headers) < 20  # every question of chapter 1, then the session ends
    assert all("1장 - 저장의 기초 · 새 문제" in line for line in headers)  # never chapter 2
    assert sum(line.startswith("다음 복습: ") for line in out.splitlines()) == len(headers)
    assert "database.md:" in out  # the source of each answer
    assert f"복습 끝: {len(headers)}문제 중" in out
    again = quizbot(tmp_path, "practice", "--as", "alice", stdin="A\n")
    assert again.returncode == 1
    assert again.stdout.startswith("지금은 복습할 문제가 없습니다. 다음 복습: ")
    figures = quizbot(tmp_path, "practice", "--as", "alice", "--stats")
    assert figures.returncode == 0, figures.stderr
    assert f"복습한 문제 {len(headers)}" in figures.stdout
    assert "복습 연속 1일" in figures.stdout
    board = quizbot(tmp_path, "play", "--as", "bob", "--questions", "1", stdin="")
    assert "alice" not in board.stdout  # practice scored no points


@pytest.mark.usefixtures("notes")
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--chapter", "2"), "2장은 아직 읽지 않은 장입니다"),
        (("--chapter", "9"), "9장은 없습니다. 있는 장: 1, 2."),
        (("--count", "0"), "--count는 1에서 20 사이여야 합니다 (입력: 0)."),
        (("--count", "21"), "--count는 1에서 20 사이여야 합니다 (입력: 21)."),
    ],
)
def test_bad_options_exit_2_with_the_reason(
    tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    """A chapter beyond the reading, an unknown chapter or a bad count is refused clearly."""
    result = quizbot(tmp_path, "practice", "--as", "alice", *args, stdin="A\n")
    assert result.returncode == 2
    assert result.stdout.startswith(expected)


@pytest.mark.usefixtures("notes")
def test_misses_without_wrong_answers_says_so(tmp_path: Path) -> None:
    """--misses with nothing answered wrong in 30 days says there is nothing (exit 1)."""
    result = quizbot(tmp_path, "practice", "--as", "alice", "--misses")
    assert result.returncode == 1
    assert result.stdout == "최근 30일 동안 틀린 문제가 없습니다.\n"
