"""Loading files and folders into a Library: formats, errors as data, unique ids, chapters."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.content import find_chapter, load_library, load_path
from bot.core.errors import ContentError, UnknownChapter
from bot.core.model import QuestionKind

NOTES = """\
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

무엇이 파드를 실행하나요?::kubelet
"""

TRIVIA = """\
AUTHOR: someone
DESCRIPTION: Computers.
A computer on the network is a...?:
- Node
- Host
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` (parents created) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def test_load_path_reads_notes_and_the_flashcards_inside(tmp_path: Path) -> None:
    """A notes file gives its chapters, terms and the Q::A cards written in it."""
    book = load_path(write(tmp_path / "k8s.md", NOTES))
    assert [c.number for c in book.chapters] == [1, 2]
    assert [card.answers[0] for card in book.cards] == ["kubelet"]
    assert book.cards[0].kind is QuestionKind.FLASHCARD


def test_load_path_reads_trivia_lists(tmp_path: Path) -> None:
    """A .yaml file is read as a Red trivia list."""
    book = load_path(write(tmp_path / "computers.yaml", TRIVIA))
    assert [card.answers for card in book.cards] == [("Node", "Host")]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.md", None, "no such file"),
        ("notes.txt", "# hello", "expected .md, .yaml or .yml"),
        ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a text file"),
    ],
)
def test_load_path_names_the_file_when_it_cannot_be_read(
    tmp_path: Path, name: str, content: str | bytes | None, reason: str
) -> None:
    """A missing, unsupported or binary file raises one clear ContentError."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    with pytest.raises(ContentError, match=reason) as info:
        load_path(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_load_path_reads_cp949_korean(tmp_path: Path) -> None:
    """Korean notes saved as CP949 read the same as UTF-8."""
    utf8 = load_path(write(tmp_path / "a.md", NOTES))
    cp949 = load_path(write(tmp_path / "b.md", NOTES, "cp949"))
    assert [t.name for c in cp949.chapters for t in c.terms] == [
        t.name for c in utf8.chapters for t in c.terms
    ]


def test_library_walks_folders_sorted_and_skips_hidden(tmp_path: Path) -> None:
    """Folders are read recursively in name order; hidden folders and other files are skipped."""
    write(tmp_path / "b" / "k8s.md", NOTES)
    write(tmp_path / "a" / "computers.yml", TRIVIA)
    write(tmp_path / ".obsidian" / "cache.md", NOTES.replace("파드", "숨김"))
    write(tmp_path / "readme.txt", "not notes")
    library = load_library([tmp_path])
    assert [Path(book.file).name for book in library.books] == ["computers.yml", "k8s.md"]
    assert library.errors == []
    assert all("숨김" not in q.prompt for q in library.questions)


def test_library_lists_unreadable_files_and_keeps_the_rest(tmp_path: Path) -> None:
    """A bad file becomes one error line; the other files still give questions."""
    good = write(tmp_path / "k8s.md", NOTES)
    bad = tmp_path / "broken.md"
    bad.write_bytes(b"\x00\x01\x02binary")
    library = load_library([good, bad, tmp_path / "missing.md", tmp_path / "empty"])
    files = [file for file, _ in library.errors]
    assert files == [str(bad), str(tmp_path / "missing.md"), str(tmp_path / "empty")]
    assert all("\n" not in reason for _, reason in library.errors)
    assert len(library.books) == 1
    assert library.questions


def test_library_question_ids_are_unique(tmp_path: Path) -> None:
    """The same notes in two files give each question id once."""
    write(tmp_path / "one" / "k8s.md", NOTES)
    write(tmp_path / "two" / "k8s.md", NOTES)
    library = load_library([tmp_path])
    ids = [q.id for q in library.questions]
    assert len(ids) == len(set(ids))
    assert len(library.books) == 2


def test_library_collects_every_kind_and_warning(tmp_path: Path) -> None:
    """Questions of the notes and of the cards are all in the library."""
    library = load_library([write(tmp_path / "k8s.md", NOTES)])
    kinds = {q.kind for q in library.questions}
    assert {QuestionKind.TERM_FROM_DEFINITION, QuestionKind.CLOZE, QuestionKind.FLASHCARD} <= kinds
    assert library.warnings == [w for book in library.books for w in book.warnings]


def test_find_chapter_by_number_korean_number_or_title(tmp_path: Path) -> None:
    """Members can name a chapter as 2, "2장", "chapter 2" or by its title."""
    library = load_library([write(tmp_path / "k8s.md", NOTES)])
    for wanted in (2, "2", "2장", "Chapter 2", "컨테이너 생성 및 실행", "생성 및"):
        title, chapter = find_chapter(library, wanted)
        assert chapter.number == 2, wanted
        assert title == library.books[0].title
    assert [chapter.number for _, chapter in library.chapters()] == [1, 2]


def test_unknown_chapter_lists_the_known_ones(tmp_path: Path) -> None:
    """Asking for a chapter that is not there says which chapters exist."""
    library = load_library([write(tmp_path / "k8s.md", NOTES)])
    with pytest.raises(UnknownChapter) as info:
        find_chapter(library, 7)
    message = str(info.value)
    assert "'7'" in message
    assert "1. 쿠버네티스 소개" in message
    assert "2. 컨테이너 생성 및 실행" in message


@settings(max_examples=40, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda text: text.encode("utf-8")),
    ),
    suffix=st.sampled_from([".md", ".yaml"]),
)
def test_library_never_raises_whatever_the_bytes(data: bytes, suffix: str) -> None:
    """Any file content gives either a book or one error line, never an exception."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"notes{suffix}"
        path.write_bytes(data)
        library = load_library([path])
    assert len(library.books) + len(library.errors) == 1
    assert all("\n" not in reason for _, reason in library.errors)
    # the parsers reject bad input themselves; the library's last-resort catch stays unused
    assert not any(reason.startswith("could not be read") for _, reason in library.errors)


def test_a_file_over_the_size_limit_is_skipped_and_the_rest_load(tmp_path: Path) -> None:
    """A notes file over ``max_mb`` is listed as skipped; smaller files still load."""
    write(tmp_path / "a.md", NOTES)
    write(tmp_path / "huge.md", NOTES + "- 긴 줄\n" * 20_000)
    library = load_library([tmp_path], max_mb=0.05)
    assert [file for file, _ in library.errors] == [str(tmp_path / "huge.md")]
    assert "larger than 0.05 MB (QUIZBOT_MAX_NOTE_MB); skipped" in library.errors[0][1]
    assert {q.source.file for q in library.questions} == {str(tmp_path / "a.md")}


def test_links_leading_out_of_the_folder_are_refused(tmp_path: Path) -> None:
    """A link to a file outside the notes folder is refused; a link inside it is read."""
    folder = tmp_path / "content"
    write(folder / "own.md", NOTES)
    secret = write(tmp_path / "elsewhere" / "secret.md", NOTES.replace("파드", "비밀"))
    (folder / "secret.md").symlink_to(secret)
    (folder / "again.md").symlink_to(folder / "own.md")
    library = load_library([folder])
    assert library.errors == [
        (str(folder / "secret.md"), "a link that leads outside the notes folder")
    ]
    assert {q.source.file for q in library.questions} == {
        str(folder / "own.md"),
        str(folder / "again.md"),
    }


def test_a_pipe_in_the_folder_is_refused_without_waiting(tmp_path: Path) -> None:
    """A FIFO named like notes is listed as not a regular file and never opened."""
    write(tmp_path / "a.md", NOTES)
    os.mkfifo(tmp_path / "pipe.md")
    library = load_library([tmp_path])
    assert library.errors == [
        (str(tmp_path / "pipe.md"), "not a regular file (a pipe, socket or device)")
    ]
    assert library.questions
