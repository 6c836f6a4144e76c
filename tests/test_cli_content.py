"""``quizbot content check | preview | export``: output, JSON shape and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

NOTES = """\
# 목표
쿠버네티스 완독

# 목차
1. [X] 1장 - 쿠버네티스 소개
2. [ ] 2장 - 컨테이너 생성 및 실행

# 1장 - 쿠버네티스 소개
## 용어 - 파드(Pod)
* 쿠버네티스가 컨테이너를 관리하는 가장 작은 배포 단위
## 용어 - 노드(Node)
* 컨테이너가 실제로 실행되는 서버 한 대
## 용어 - 클러스터(Cluster)
* 여러 대의 노드로 구성된 하나의 논리적 단위

# 2장 - 컨테이너 생성 및 실행
## 용어 - 컨테이너 런타임(Container Runtime)
* 컨테이너를 레지스트리에서 받아 실행하는 도구
* 참고) 도커는 22년 5월 Kubernetes v1.24 부터 지원이 중단되었습니다.
## 용어 - 빈용어

빈 답의 카드::
파드를 실행하는 노드 에이전트는?::kubelet
"""

QUESTION_KEYS = {
    "id",
    "kind",
    "language",
    "chapter",
    "prompt",
    "choices",
    "answer",
    "accepted",
    "explanation",
    "source",
}


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """A small Korean notes file with two chapters."""
    path = tmp_path / "k8s.md"
    path.write_text(NOTES, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; exit code, stdout, stderr."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_summarises_each_file(capsys: pytest.CaptureFixture[str], notes: Path) -> None:
    """check prints chapters (with read marks), terms and questions by kind."""
    code, out, err = run(capsys, "content", "check", str(notes))
    assert code == 0, err
    assert f"{notes}:" in out
    assert "1. 쿠버네티스 소개 [read]" in out
    assert "2. 컨테이너 생성 및 실행:" in out
    assert "terms: 4" in out
    assert "term_from_definition 4" in out


def test_check_shows_warnings_with_file_and_line(
    capsys: pytest.CaptureFixture[str], notes: Path
) -> None:
    """Warnings from the notes are listed as file:line: message."""
    code, out, _ = run(capsys, "content", "check", str(notes))
    assert code == 0
    warnings = [line.strip() for line in out.splitlines() if line.strip().startswith("warning:")]
    term_line = NOTES.splitlines().index("## 용어 - 빈용어") + 1
    card_line = NOTES.splitlines().index("빈 답의 카드::") + 1
    assert f"warning: {notes}:{term_line}: term '빈용어' has no definition; skipped" in warnings
    card = f"warning: {notes}:{card_line}: flashcard '빈 답의 카드' has no answer; skipped"
    assert card in warnings


def test_check_exits_1_with_one_line_for_a_missing_file(
    capsys: pytest.CaptureFixture[str], notes: Path, tmp_path: Path
) -> None:
    """An unreadable file is one stderr line and exit 1; the readable one is still shown."""
    missing = tmp_path / "nope.md"
    code, out, err = run(capsys, "content", "check", str(notes), str(missing))
    assert code == 1
    assert err.strip().splitlines() == [f"quizbot: cannot read {missing}: no such file"]
    assert f"{notes}:" in out


def test_binary_file_is_refused_without_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A binary file gives a one-line error, never a traceback."""
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, out, err = run(capsys, "content", "export", str(binary))
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_cp949_file_reads_like_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A CP949-encoded Korean file gives the same questions as its UTF-8 copy."""
    utf8, cp949 = tmp_path / "a" / "k8s.md", tmp_path / "b" / "k8s.md"
    for path, encoding in ((utf8, "utf-8"), (cp949, "cp949")):
        path.parent.mkdir()
        path.write_bytes(NOTES.encode(encoding))
    _, first, _ = run(capsys, "content", "export", str(utf8))
    code, second, err = run(capsys, "content", "export", str(cp949))
    assert code == 0, err
    strip = lambda doc: [{k: v for k, v in q.items() if k != "source"} for q in doc["questions"]]  # noqa: E731
    assert strip(json.loads(first)) == strip(json.loads(second))


def test_export_prints_the_documented_json_shape(
    capsys: pytest.CaptureFixture[str], notes: Path
) -> None:
    """export prints books, questions and warnings with exactly the documented keys."""
    code, out, err = run(capsys, "content", "export", str(notes), "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert set(doc) >= {"books", "questions", "warnings"}
    [book] = doc["books"]
    assert {"file", "title", "goal", "language", "chapters"} <= set(book)
    assert book["goal"] == "쿠버네티스 완독"
    assert book["language"] == "ko"
    assert [(c["number"], c["title"], c["read"]) for c in book["chapters"]] == [
        (1, "쿠버네티스 소개", True),
        (2, "컨테이너 생성 및 실행", False),
    ]
    assert all(isinstance(c["line"], int) for c in book["chapters"])
    assert doc["questions"]
    for question in doc["questions"]:
        assert set(question) >= QUESTION_KEYS
        assert question["choices"] is None or question["answer"] in question["choices"]
        assert question["accepted"][0] == question["answer"]
        assert set(question["source"]) == {"file", "line"}
    for warning in doc["warnings"]:
        assert set(warning) == {"file", "line", "message"}


def test_export_says_what_each_question_is_about_and_who_wrote_it(
    capsys: pytest.CaptureFixture[str], notes: Path
) -> None:
    """Term questions name their term, cards are marked as written by a person, all scored."""
    _, out, _ = run(capsys, "content", "export", str(notes), "--format", "json")
    questions = json.loads(out)["questions"]
    term_kinds = {"term_from_definition", "definition_from_term", "true_false"}
    by_kind = {(q["kind"], q["origin"]) for q in questions}
    assert ("flashcard", "card") in by_kind
    assert {kind for kind, origin in by_kind if origin == "notes"} >= term_kinds
    for question in questions:
        assert 0 <= question["score"] <= 1
        if question["kind"] in term_kinds:
            assert question["term"] in {"파드", "노드", "클러스터", "컨테이너 런타임"}
        else:
            assert question["term"] is None
    card = next(q for q in questions if q["origin"] == "card")
    assert card["answer"] == "kubelet"


def test_export_writes_korean_as_utf8_not_escapes(
    capsys: pytest.CaptureFixture[str], notes: Path
) -> None:
    """Korean text is printed as is, not as \\uXXXX escapes."""
    _, out, _ = run(capsys, "content", "export", str(notes))
    assert "파드" in out
    assert "\\u" not in out


def test_export_utf8_even_on_a_legacy_console(notes: Path) -> None:
    """With an ASCII console encoding the export still prints Korean as UTF-8 bytes."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "content", "export", str(notes)],
        capture_output=True,
        env={"PYTHONIOENCODING": "ascii", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "파드" in result.stdout.decode("utf-8")


def test_preview_shows_lettered_choices_answer_and_source(
    capsys: pytest.CaptureFixture[str], notes: Path
) -> None:
    """preview is readable: id, kind, chapter, prompt, lettered choices, answer, file:line."""
    code, out, err = run(
        capsys,
        "content",
        "preview",
        str(notes),
        "--chapter",
        "1",
        "--kind",
        "term_from_definition",
        "--limit",
        "1",
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("[1] q-")
    assert "term_from_definition" in lines[0]
    letters = [line[2] for line in lines if re.match(r"  [A-D]\) ", line)]
    assert letters == ["A", "B", "C", "D"][: len(letters)]
    assert len(letters) >= 3
    assert any(line.startswith("answer: ") for line in lines)
    assert any(line.startswith(f"source: {notes}:") for line in lines)
    assert out.count("[2] ") == 0


def test_preview_filters_by_chapter(capsys: pytest.CaptureFixture[str], notes: Path) -> None:
    """--chapter 2 shows only questions of chapter 2."""
    code, out, _ = run(capsys, "content", "preview", str(notes), "--chapter", "2")
    assert code == 0
    headers = [line for line in out.splitlines() if line.startswith("[")]
    assert headers
    assert all("· 2. 컨테이너 생성 및 실행" in line for line in headers)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--chapter", "9"], "no chapter '9'; known chapters: 1. 쿠버네티스 소개"),
        (["--kind", "essay"], "unknown kind 'essay'; choose one of: term_from_definition, "),
        (["--limit", "0"], "--limit must be 1 or more"),
    ],
)
def test_preview_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], notes: Path, args: list[str], message: str
) -> None:
    """An unknown chapter or kind, or a bad limit, is a usage error with a clear message."""
    code, out, err = run(capsys, "content", "preview", str(notes), *args)
    assert code == 2
    assert message in err
    assert out == ""


def test_missing_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """Forgetting the path is a usage error (exit 2)."""
    code, _, err = run(capsys, "content", "check")
    assert code == 2
    assert "PATH" in err


def test_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    """Piping into a reader that stops early (| head) ends without a traceback."""
    big = tmp_path / "big.md"
    terms = "".join(
        f"## 용어 - 용어{i}\n* {i}번째 용어를 설명하는 꽤 긴 문장으로 된 정의입니다\n"
        for i in range(400)
    )
    big.write_text(f"# 1장 - 많은 용어\n{terms}", encoding="utf-8")  # far beyond a pipe buffer
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "content", "preview", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    err = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in err


HELD_NOTES = """\
# 1장 - 저장소

## 용어 - 캐시(Cache)
* 자주 읽는 데이터를 빠른 저장 장치에 복사해 두는 기법

## 용어 - 버퍼(Buffer)
* 장치 사이에서 데이터를 잠시 담아 두는 메모리 영역

## 용어 - 스풀(Spool)
* 이는 그것이다

## 용어 - 페이지(Page)
* 가상 메모리를 같은 크기로 나눈 단위
"""


def test_questions_below_the_quality_floor_are_held_back_and_shown_on_request(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A term whose definition points elsewhere is held back: counted, explained, not asked."""
    notes = tmp_path / "store.md"
    notes.write_text(HELD_NOTES, encoding="utf-8")
    _, check, _ = run(capsys, "content", "check", str(notes))
    assert "held back: " in check
    assert "the definition points at something not shown" in check
    _, held, _ = run(capsys, "content", "preview", str(notes), "--held")
    assert "스풀" in held
    assert "score: 0." in held
    _, out, _ = run(capsys, "content", "export", str(notes))
    asked = json.loads(out)["questions"]
    assert not any(q["term"] == "스풀" and q["kind"] == "term_from_definition" for q in asked)
    assert any(q["term"] == "캐시" for q in asked)
    scores = [q["score"] for q in asked]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs and devices")
@pytest.mark.parametrize("command", ["check", "export", "preview"])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_device_is_refused_at_once(tmp_path: Path, command: str, kind: str) -> None:
    """A FIFO (no writer) or /dev/zero named as notes is one line and exit 1, never a hang."""
    import os

    path = tmp_path / "notes.md"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "content", command, str(path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert (
        result.stderr
        == f"quizbot: cannot read {path}: not a regular file (a pipe, socket or device)\n"
    )


def test_play_refuses_a_content_folder_that_is_a_device(tmp_path: Path) -> None:
    """``QUIZBOT_CONTENT_DIR=/dev/zero`` is named as not a folder, exit code 1."""
    from tests.test_cli_play import quizbot

    result = quizbot(tmp_path, "play", env={"QUIZBOT_CONTENT_DIR": "/dev/zero"}, timeout=30)
    assert result.returncode == 1
    assert result.stdout == (
        "The content folder '/dev/zero' is not a folder: set QUIZBOT_CONTENT_DIR to the "
        "folder of the notes.\n"
    )


def test_deeply_nested_front_matter_is_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Ten thousand nested ``[`` in the front matter warn about that file; the notes still load."""
    notes = tmp_path / "deep.md"
    notes.write_text(
        "---\ntitle: " + "[" * 10_000 + "\n---\n# 1장 - 소개\n## 용어 - 파드(Pod)\n"
        "* 컨테이너를 묶어 함께 실행하는 가장 작은 배포 단위\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "content", "check", str(notes))
    assert code == 0, err
    assert f"warning: {notes}:1: front matter is nested too deeply; ignored" in out
    assert "RecursionError" not in out + err


def test_a_file_over_the_size_setting_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str],
    notes: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``QUIZBOT_MAX_NOTE_MB`` skips a larger file with one line; smaller ones are checked."""
    big = tmp_path / "big.md"
    big.write_text("# 1장 - 큰 노트\n" + "- 항목: 설명입니다.\n" * 2000, encoding="utf-8")
    monkeypatch.setenv("QUIZBOT_MAX_NOTE_MB", "0.01")
    code, out, err = run(capsys, "content", "check", str(notes), str(big))
    assert code == 1
    assert err.strip().splitlines() == [
        f"quizbot: cannot read {big}: larger than 0.01 MB (QUIZBOT_MAX_NOTE_MB); skipped"
    ]
    assert f"{notes}:" in out
