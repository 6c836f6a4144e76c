"""The shapes that flow through the content pipeline: notes → Book → Questions.

Parsers (``notes.py``, ``formats/``) produce :class:`Book` values; ``questions.py``
turns them into :class:`Question` values. Every node remembers the file line it
came from so that warnings and reveals can point at the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Book",
    "Card",
    "Chapter",
    "ContentWarning",
    "Item",
    "ItemKind",
    "Question",
    "QuestionKind",
    "Section",
    "Source",
    "Term",
    "TocEntry",
]


@dataclass(frozen=True, slots=True)
class Source:
    """Where something came from: a file path (as given) and a 1-based line number."""

    file: str
    line: int


@dataclass(frozen=True, slots=True)
class ContentWarning:
    """Something in a file that was skipped or looked wrong, with its place."""

    file: str
    line: int
    message: str


class ItemKind(StrEnum):
    """What a bullet or sentence of the notes is for."""

    DEFINITION = "definition"  # part of a term's definition
    NOTE = "note"  # 참고) / Note: — a related fact, not the definition
    EXAMPLE = "example"  # 예) / e.g. — a list of examples
    FACT = "fact"  # any other sentence under a section


@dataclass(slots=True)
class Item:
    """One bullet, line or sentence of plain text (markup removed, inline code kept).

    ``code`` holds the texts of the inline code spans in ``text`` (``kubectl apply``),
    in order: the text itself keeps them as plain words.
    """

    text: str
    line: int
    kind: ItemKind = ItemKind.FACT
    children: list[Item] = field(default_factory=list)
    code: tuple[str, ...] = ()


@dataclass(slots=True)
class Term:
    """A term with its definition: ``## 용어 - 컨테이너 런타임(Container Runtime)``.

    ``name`` is the main spelling, ``aliases`` the other accepted names (the English
    name in parentheses, an acronym). ``definition`` holds the definition items in
    order; ``notes`` and ``examples`` hold 참고/예 lines found under the term.
    """

    name: str
    line: int
    aliases: tuple[str, ...] = ()
    definition: list[Item] = field(default_factory=list)
    notes: list[Item] = field(default_factory=list)
    examples: list[Item] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    """A heading below a chapter and what stands under it."""

    title: str
    line: int
    level: int
    terms: list[Term] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


@dataclass(slots=True)
class Chapter:
    """A chapter: ``# 1장 - 쿠버네티스 소개``. ``read`` comes from the table of contents."""

    number: int | None
    title: str
    line: int
    read: bool = False
    sections: list[Section] = field(default_factory=list)

    @property
    def terms(self) -> list[Term]:
        """Every term of the chapter, in source order."""
        return [term for section in self.sections for term in section.terms]


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A line of the table of contents, with its read mark."""

    number: int | None
    title: str
    read: bool
    line: int


@dataclass(frozen=True, slots=True)
class Card:
    """An explicit question written by a person: a flashcard, cloze or trivia entry.

    ``answers`` holds every accepted answer; the first is the one revealed.
    ``kind`` is ``QuestionKind.FLASHCARD``, ``CLOZE`` or ``TRIVIA``.
    """

    prompt: str
    answers: tuple[str, ...]
    line: int
    kind: QuestionKind
    chapter: int | None = None


@dataclass(slots=True)
class Book:
    """Everything read from one notes file."""

    file: str
    title: str
    language: str = "ko"  # "ko" or "en"
    goal: str | None = None
    toc: list[TocEntry] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    warnings: list[ContentWarning] = field(default_factory=list)


class QuestionKind(StrEnum):
    """The kinds of question quizbot asks."""

    TERM_FROM_DEFINITION = "term_from_definition"
    DEFINITION_FROM_TERM = "definition_from_term"
    CLOZE = "cloze"
    TRUE_FALSE = "true_false"
    ODD_ONE_OUT = "odd_one_out"
    FLASHCARD = "flashcard"
    TRIVIA = "trivia"


@dataclass(frozen=True, slots=True)
class Question:
    """A ready-to-ask question.

    ``choices`` is ``None`` for a typed answer; otherwise it holds the options in the
    order shown, ``answer`` among them exactly once. ``accepted`` lists every typed
    answer that counts as right (``answer`` first). ``id`` is stable across unrelated
    edits of the notes: it never depends on line numbers.
    """

    id: str
    kind: QuestionKind
    language: str
    book: str
    chapter: int | None
    chapter_title: str
    prompt: str
    answer: str
    accepted: tuple[str, ...]
    explanation: str
    source: Source
    choices: tuple[str, ...] | None = None
    origin: str = "notes"
    term: str | None = None
    score: float = 1.0

    def to_json(self) -> dict[str, object]:
        """The export shape used by ``quizbot content export --format json``."""
        return {
            "id": self.id,
            "kind": str(self.kind),
            "language": self.language,
            "book": self.book,
            "chapter": self.chapter,
            "chapter_title": self.chapter_title,
            "prompt": self.prompt,
            "choices": list(self.choices) if self.choices is not None else None,
            "answer": self.answer,
            "accepted": list(self.accepted),
            "explanation": self.explanation,
            "source": {"file": self.source.file, "line": self.source.line},
            "term": self.term,
            "origin": self.origin,
            "score": round(self.score, 3),
        }
