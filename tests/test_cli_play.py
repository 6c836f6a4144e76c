"""``quizbot play`` through real pipes: a separate process, real notes, a real SQLite file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

KOREAN_NOTES = """\
# 목표
데이터베이스 책 한 번 읽기

# 목차
1. [X] 1장 - 저장의 기초
2. [ ] 2장 - 질의

# 1장 - 저장의 기초
## 용어 - 트랜잭션(Transaction)
* 여러 작업을 하나로 묶어 모두 반영하거나 모두 취소하는 단위
* 참고) 중간에 실패하면 처음 상태로 돌아간다.

## 용어 - 인덱스(Index)
* 원하는 행을 빨리 찾도록 열의 값을 정렬해 둔 자료 구조

## 용어 - 스키마(Schema)
* 테이블과 열, 제약 조건의 구조를 정의한 설계도

## 용어 - 정규화(Normalization)
* 중복을 줄이기 위해 테이블을 나누는 과정

# 2장 - 질의
## 용어 - 조인(Join)
* 두 테이블의 행을 공통 열로 이어 붙이는 연산

## 용어 - 뷰(View)
* 질의 결과에 이름을 붙여 테이블처럼 쓰는 가상 테이블

## 용어 - 집계(Aggregation)
* 여러 행을 묶어 합계나 평균 같은 값 하나로 줄이는 연산

## 용어 - 서브쿼리(Subquery)
* 다른 질의 안에 들어 있는 질의
"""

ENGLISH_TRIVIA = """\
AUTHOR: the test
What is the capital of France?:
- Paris
"""


def quizbot(
    tmp_path: Path,
    *args: str | bytes,
    stdin: str | bytes = "",
    env: dict[str, str] | None = None,
    closed: int | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bot ARGS`` with the database and notes under tmp_path.

    ``stdin`` may be bytes (not valid UTF-8, say); ``closed`` names a standard stream
    (0 or 1) the process starts without, as after ``<&-`` or ``>&-``.
    """
    base = {k: v for k, v in os.environ.items() if not k.startswith("QUIZBOT_")}
    base.pop("DISCORD_TOKEN", None)
    base.update(
        QUIZBOT_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/quiz.db",
        QUIZBOT_CONTENT_DIR=str(tmp_path / "content"),
    )
    base.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=None if closed == 0 else stdin.encode() if isinstance(stdin, str) else stdin,
        stdin=subprocess.DEVNULL if closed == 0 else None,
        capture_output=True,
        env=base,
        cwd=tmp_path,
        timeout=timeout,
        preexec_fn=None if closed is None else lambda: os.close(closed),
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def korean_notes(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "database.md").write_text(KOREAN_NOTES, encoding="utf-8")
    return content


@pytest.mark.usefixtures("korean_notes")
def test_members_take_turns_through_a_pipe(tmp_path: Path) -> None:
    """Two people play in turn through pipes; the second sees both on the leaderboard."""
    alice = quizbot(tmp_path, "play", "--as", "alice", "--questions", "2", stdin="1\n1\n")
    assert alice.returncode == 0, alice.stderr
    assert "alice 님으로 플레이합니다" in alice.stdout
    assert len(re.findall(r"^(?:✔ 정답|✘ 오답)", alice.stdout, flags=re.MULTILINE)) == 2
    assert "게임 끝: 2문제 중" in alice.stdout
    assert re.search(r"^출처: .*database\.md:\d+$", alice.stdout, flags=re.MULTILINE)

    bob = quizbot(tmp_path, "play", "--as", "bob", "--questions", "2", stdin="2\n2\n")
    assert bob.returncode == 0, bob.stderr
    board = bob.stdout.split("순위표", 1)[1]
    assert re.search(r"^\s+\d\. alice ", board, flags=re.MULTILINE)
    assert re.search(r"^\s+\d\. bob ", board, flags=re.MULTILINE)
    assert "내 순위: 2명 중" in board


@pytest.mark.usefixtures("korean_notes")
def test_pipe_ending_mid_game_exits_zero_with_a_summary(tmp_path: Path) -> None:
    """Closing the pipe after one answer ends the game cleanly, exit code 0."""
    result = quizbot(tmp_path, "play", "--as", "alice", "--questions", "3", stdin="1\n")
    assert result.returncode == 0, result.stderr
    assert "입력이 끝나 여기서 멈춥니다." in result.stdout
    assert "게임 끝: 1문제 중" in result.stdout
    assert "[3/3]" not in result.stdout


@pytest.mark.usefixtures("korean_notes")
def test_chapter_option_through_the_command_line(tmp_path: Path) -> None:
    """--chapter 2 asks only chapter 2; --chapter 7 exits 2 naming the chapters there are."""
    ok = quizbot(
        tmp_path, "play", "--as", "alice", "--chapter", "2", "--questions", "2", stdin="1\n1\n"
    )
    assert ok.returncode == 0, ok.stderr
    assert re.findall(r"^\[\d/2\] (.*)$", ok.stdout, flags=re.MULTILINE) == ["2장 - 질의"] * 2

    bad = quizbot(tmp_path, "play", "--as", "alice", "--chapter", "7", stdin="1\n")
    assert bad.returncode == 2
    assert bad.stdout == "노트에 7장이 없습니다. 장 목록: 1, 2.\n"  # in the notes' language


def test_empty_content_folder_is_explained(tmp_path: Path) -> None:
    """An empty notes folder exits 1 with a message saying what to add."""
    (tmp_path / "content").mkdir()
    result = quizbot(tmp_path, "play", "--as", "alice", stdin="1\n")
    assert result.returncode == 1
    assert "No questions could be made from the notes" in result.stdout


def test_english_trivia_is_played_in_english(tmp_path: Path) -> None:
    """A typed trivia question is answered by text, with English messages."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "geography.yaml").write_text(ENGLISH_TRIVIA, encoding="utf-8")
    result = quizbot(tmp_path, "play", "--as", "alice", "--questions", "1", stdin="paris\n")
    assert result.returncode == 0, result.stderr
    assert "What is the capital of France?" in result.stdout
    assert "(type your answer)" in result.stdout
    assert "✔ Correct!" in result.stdout
    assert "Answer: Paris" in result.stdout


@pytest.mark.usefixtures("korean_notes")
def test_without_as_the_player_is_the_os_user(tmp_path: Path) -> None:
    """With no --as the game is played under the OS user name."""
    result = quizbot(
        tmp_path, "play", "--questions", "1", stdin="1\n", env={"LOGNAME": "carol", "USER": "carol"}
    )
    assert result.returncode == 0, result.stderr
    assert "carol 님으로 플레이합니다" in result.stdout


def test_bad_setting_stops_with_one_line(tmp_path: Path) -> None:
    """An invalid setting stops ``quizbot play`` with one clear line and exit code 2."""
    result = quizbot(tmp_path, "play", env={"QUIZBOT_LOG_LEVEL": "LOUD"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "LOG_LEVEL" in result.stderr


def test_unknown_time_zone_setting_suggests_the_right_one(tmp_path: Path) -> None:
    """A misspelt QUIZBOT_TIMEZONE stops with one line that suggests the zone meant."""
    result = quizbot(tmp_path, "checkin", "1", env={"QUIZBOT_TIMEZONE": "Asia/Seul"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "TIMEZONE" in result.stderr
    assert "Did you mean Asia/Seoul?" in result.stderr
