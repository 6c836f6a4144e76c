"""Questions from real notes: the group's own notes and every file of the shared corpus."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from bot.core.content import load_library
from bot.core.model import QuestionKind
from bot.core.notes import parse_notes
from bot.core.questions import find_defects, generate_questions

K = QuestionKind
MAX_DEFECT_RATE = 0.02
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def group_notes(content_dir: Path) -> Path:
    """The group's notes on Kubernetes Up & Running."""
    path = content_dir / "kubernetes-up-and-running.md"
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    return path


def test_group_notes_give_every_kind_for_every_term(group_notes: Path) -> None:
    """At least 30 clean questions, every 용어 term and both chapters asked, every kind."""
    library = load_library([group_notes])
    assert library.errors == []
    questions = library.questions
    assert len(questions) >= 30
    assert all(find_defects(q) == [] for q in questions)
    text = group_notes.read_text(encoding="utf-8")
    headings = re.findall(r"^## 용어 - ([^(\n]+)", text, flags=re.M)
    assert len(headings) >= 9
    # Every term is asked; a term whose definition gives it away is asked another way.
    asked = {q.term for q in questions if q.term is not None}
    assert {name.strip() for name in headings} <= asked
    by_name = {q.answer for q in questions if q.kind is K.TERM_FROM_DEFINITION}
    assert len(by_name) >= len(headings) - 2
    assert {q.chapter for q in questions} == {1, 2}
    kinds = {q.kind for q in questions}
    assert {
        K.TERM_FROM_DEFINITION,
        K.DEFINITION_FROM_TERM,
        K.CLOZE,
        K.TRUE_FALSE,
        K.ODD_ONE_OUT,
    } <= kinds
    assert all(HANGUL.search(q.prompt) for q in questions)


def test_group_notes_key_questions(group_notes: Path) -> None:
    """The questions the notes were written for: v1.24, 1/3, 명령형 vs 선언형, runtimes."""
    questions = load_library([group_notes]).questions
    clozes = {q.answer for q in questions if q.kind is K.CLOZE}
    assert {"v1.24", "22년 5월", "1/3"} <= clozes
    declarative = next(
        q
        for q in questions
        if q.kind is K.TERM_FROM_DEFINITION and q.answer == "선언형 컨피그레이션"
    )
    assert declarative.choices is not None
    assert "명령형 컨피그레이션" in declarative.choices
    [odd] = [q for q in questions if q.kind is K.ODD_ONE_OUT]
    assert "컨테이너 런타임" in odd.prompt
    assert odd.choices is not None
    listed = {"도커", "컨테이너d", "CRI-O", "MCR(Mirantis Container Runtime)"}
    assert odd.answer not in listed
    assert sum(choice in listed for choice in odd.choices) == len(odd.choices) - 1


def test_group_notes_ids_survive_unrelated_edits(group_notes: Path) -> None:
    """Blank lines at the top and a new section in chapter 1 keep every id and answer."""
    text = group_notes.read_text(encoding="utf-8")
    before = {q.id: q.answer for q in generate_questions(parse_notes(text, "notes.md"))}
    lines = text.splitlines()
    chapter_one = lines.index("# 1장 - 쿠버네티스 소개")
    chapter_two = lines.index("# 2장 - 컨테이너 생성 및 실행")
    edited = [
        "",
        "",
        *lines[: chapter_one + 1],
        "## 스터디 메모",
        "- 스터디는 매주 목요일 저녁에 합니다.",
        "",
        *lines[chapter_one + 1 : chapter_two],
        "",
        "",
        *lines[chapter_two:],
        "",
    ]
    after = {q.id: q.answer for q in generate_questions(parse_notes("\n".join(edited), "notes.md"))}
    assert before.items() <= after.items()


def _corpus_files(corpus_dir: Path) -> list[Path]:
    return sorted(p for p in corpus_dir.rglob("*") if p.suffix in {".md", ".yaml", ".yml"})


@pytest.mark.corpus
def test_every_corpus_file_reads_and_gives_clean_questions(corpus_dir: Path) -> None:
    """Each corpus file loads, gives questions, and at most 2% of candidates have a defect."""
    files = _corpus_files(corpus_dir)
    assert len(files) >= 14
    report = []
    for path in files:
        library = load_library([path])
        assert library.errors == [], path
        # Held questions are fit but weak: candidates without a defect.
        emitted = len(library.questions) + len(library.held)
        rejected = len(library.rejected)
        report.append((path.name, emitted, rejected))
        assert emitted > 0, path
        assert rejected <= MAX_DEFECT_RATE * (emitted + rejected), (path, library.rejected)
        for question in library.questions:
            assert find_defects(question) == [], (path, question)
    assert sum(emitted for _, emitted, _ in report) > 1000, report


@pytest.mark.corpus
def test_corpus_questions_speak_the_notes_language(corpus_dir: Path) -> None:
    """Korean notes get Korean prompts, English notes English ones."""
    for path in _corpus_files(corpus_dir / "ko"):
        for question in load_library([path]).questions:
            assert question.language == "ko"
            assert HANGUL.search(question.prompt), (path, question.prompt)
    for path in _corpus_files(corpus_dir / "en"):
        for question in load_library([path]).questions:
            assert question.language == "en"
            assert not HANGUL.search(question.prompt.split("\n")[0]), (path, question.prompt)


@pytest.mark.corpus
def test_corpus_generation_is_deterministic(corpus_dir: Path) -> None:
    """Reading the corpus twice gives the very same questions."""
    first = load_library([corpus_dir]).questions
    second = load_library([corpus_dir]).questions
    assert first == second
    assert len({q.id for q in first}) == len(first)


@pytest.mark.corpus
def test_corpus_cards_are_all_asked(corpus_dir: Path) -> None:
    """Trivia lists and flashcard decks are asked as written, typed answers only."""
    library = load_library([corpus_dir / "red-trivia", corpus_dir / "flashcards"])
    kinds = Counter(q.kind for q in library.questions)
    cards = sum(len(book.cards) for book in library.books)
    explicit = [q for q in library.questions if q.kind in (K.TRIVIA, K.FLASHCARD)]
    assert kinds[K.TRIVIA] >= 480
    assert kinds[K.FLASHCARD] >= 20
    assert all(q.choices is None for q in explicit)
    assert len(library.rejected) <= MAX_DEFECT_RATE * cards


@pytest.mark.corpus
def test_corpus_example_list_gives_odd_one_out(corpus_dir: Path) -> None:
    """ "예시: Docker, containerd, CRI-O" becomes a which-is-not question."""
    library = load_library([corpus_dir / "ko" / "piopoi-ch2.md"])
    odd = [q for q in library.questions if q.kind is K.ODD_ONE_OUT]
    assert odd
    for question in odd:
        assert question.choices is not None
        assert question.answer in question.choices
        assert question.answer not in question.explanation


def test_corpus_inline_code_gives_code_clozes(corpus_dir: Path) -> None:
    """English notes full of inline code get clozes that blank a code word, with code choices."""
    path = corpus_dir / "en" / "chapter-4-pods.md"
    text = path.read_text(encoding="utf-8")
    spans = set(re.findall(r"`([^`\n]+)`", text))
    clozes = [q for q in load_library([path]).questions if q.kind is K.CLOZE]
    coded = [q for q in clozes if q.answer in spans]
    assert len(coded) >= 10
    for question in coded:
        assert "`" not in question.prompt
        if question.choices is not None:
            assert sum(choice in spans for choice in question.choices) >= 3


def test_group_notes_ids_survive_reordered_sections(group_notes: Path) -> None:
    """Moving a term's section elsewhere in its chapter keeps every id and answer."""
    text = group_notes.read_text(encoding="utf-8")
    before = {q.id: q.answer for q in generate_questions(parse_notes(text, "notes.md"))}
    lines = text.splitlines()
    chapter_two = lines.index("# 2장 - 컨테이너 생성 및 실행")
    last = lines.index("## 용어 - 컨테이너 이미지")
    moved = lines[last:]
    edited = [*lines[: chapter_two + 1], *moved, "", *lines[chapter_two + 1 : last]]
    after = {q.id: q.answer for q in generate_questions(parse_notes("\n".join(edited), "notes.md"))}
    assert set(before) == set(after)
    assert before == after


def _readme_examples(readme: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(kind, first prompt line, marked answer, choices) of each README example question."""
    block = readme.split("Examples, from `content/kubernetes-up-and-running.md`", 1)[1]
    block = block.split("```text", 1)[1].split("```", 1)[0]
    examples = []
    for chunk in block.strip().split("\n\n"):
        lines = chunk.splitlines()
        kind, prompt = re.match(r"\[(\w+)\] (.*)", lines[0]).groups()  # type: ignore[union-attr]
        parts = [part for line in lines[1:] for part in re.split(r"\s{3,}", line.strip())]
        marked = next(part for part in parts if part.endswith(" ✓"))
        answer = re.sub(r"^[A-D]\) ", "", marked.removesuffix(" ✓"))
        choices = tuple(
            re.sub(r"^[A-D]\) ", "", part.removesuffix(" ✓"))
            for part in parts
            if re.match(r"[A-D]\) ", part) or part.removesuffix(" ✓") in ("O", "X")
        )
        examples.append((kind, prompt, answer, choices))
    return examples


def test_readme_examples_are_what_the_notes_give(group_notes: Path) -> None:
    """Every example question in the README is generated as shown: prompt, choices, answer."""
    readme = (group_notes.parent.parent / "README.md").read_text(encoding="utf-8")
    examples = _readme_examples(readme)
    assert len(examples) == 5
    questions = load_library([group_notes]).questions
    for kind, prompt, answer, choices in examples:
        matches = [q for q in questions if q.kind == kind and q.prompt.startswith(prompt)]
        assert any(q.answer == answer and q.choices == choices for q in matches), (
            kind,
            prompt,
            answer,
            choices,
            [(q.answer, q.choices) for q in matches],
        )
