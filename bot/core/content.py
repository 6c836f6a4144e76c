"""Load notes files and trivia lists into a :class:`Library` of books and questions.

Both front doors and the content CLI start here: give it files or folders, get back
every book, every question (ids unique across the library), every warning, and one
line per file that could not be read. Nothing here raises for a bad file: a file
that cannot be read becomes an entry of :attr:`Library.errors`.

- ``*.md``: chapter notes (:func:`bot.core.notes.parse_notes`) plus the flashcards and
  ``==cloze==`` cards written in them (:func:`bot.core.formats.flashcards.parse_cards`).
- ``*.yaml`` / ``*.yml``: Red-DiscordBot trivia lists
  (:func:`bot.core.formats.trivia.parse_trivia`).

Folders are walked recursively in sorted order; hidden files and folders are skipped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.core._decoding import DEFAULT_MAX_NOTE_MB, decode, read_bytes
from bot.core.answers import normalize
from bot.core.errors import ContentError, QuizbotError, UnknownChapter
from bot.core.formats.flashcards import parse_cards
from bot.core.formats.trivia import parse_trivia
from bot.core.model import Book, Chapter, ContentWarning, Question
from bot.core.notes import parse_notes
from bot.core.questions import generate

__all__ = [
    "DEFAULT_MAX_NOTE_MB",
    "NOTES_SUFFIXES",
    "SUFFIXES",
    "TRIVIA_SUFFIXES",
    "Library",
    "chapter_label",
    "find_chapter",
    "load_library",
    "load_path",
]

log = logging.getLogger(__name__)

NOTES_SUFFIXES = frozenset({".md"})
TRIVIA_SUFFIXES = frozenset({".yaml", ".yml"})
SUFFIXES = NOTES_SUFFIXES | TRIVIA_SUFFIXES
#: How many chapters an :class:`UnknownChapter` message lists before "…".
MAX_LISTED_CHAPTERS = 20


@dataclass(slots=True)
class Library:
    """Everything read from a set of files.

    ``errors`` holds ``(file, one-line reason)`` for each file that could not be read;
    ``rejected`` the candidate questions dropped for a defect, with their defects;
    ``held`` the questions held back for a low quality score, with its reasons.
    ``questions`` are in file order, the best of each file first.
    """

    books: list[Book] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    warnings: list[ContentWarning] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    rejected: list[tuple[Question, list[str]]] = field(default_factory=list)
    held: list[tuple[Question, list[str]]] = field(default_factory=list)

    def chapters(self) -> list[tuple[str, Chapter]]:
        """Every chapter of every book, as ``(book title, chapter)``, in file order."""
        return [(book.title, chapter) for book in self.books for chapter in book.chapters]


def load_path(path: Path, max_mb: float = DEFAULT_MAX_NOTE_MB) -> Book:
    """Read one notes file (``.md``) or trivia list (``.yaml``/``.yml``) into a Book.

    Raises :class:`ContentError` (one line, naming the file) when it cannot be read or
    is larger than ``max_mb`` megabytes.
    """
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ContentError(file, "not a notes file (expected .md, .yaml or .yml)")
    text = decode(read_bytes(path, max_mb), file)
    if suffix in TRIVIA_SUFFIXES:
        return parse_trivia(text, file)
    book = parse_notes(text, file)
    cards, warnings = parse_cards(text, file)
    book.cards.extend(cards)
    book.warnings.extend(warnings)
    return book


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _inside(child: Path, root: Path) -> bool:
    """Does ``child`` (a link, maybe) lead to a file inside ``root``?"""
    try:
        return child.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a dangling or looping link
        return False


def _files(paths: Sequence[Path], errors: list[tuple[str, str]]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            found = []
            for child in path.rglob("*"):
                if child.suffix.lower() not in SUFFIXES or _hidden(child, path):
                    continue
                if child.is_symlink() and not _inside(child, path):
                    errors.append((str(child), "a link that leads outside the notes folder"))
                    continue
                if child.is_file():
                    found.append(child)
                elif child.exists() and not child.is_dir():
                    errors.append((str(child), "not a regular file (a pipe, socket or device)"))
            found.sort(key=lambda child: child.relative_to(path).as_posix())
            if not found:
                errors.append((str(path), "no notes files (.md, .yaml, .yml) in this folder"))
            yield from found
        else:
            yield path


def load_library(paths: Sequence[Path], *, max_mb: float = DEFAULT_MAX_NOTE_MB) -> Library:
    """Read every file (folders walked, sorted) and generate all their questions.

    Never raises for bad input: unreadable files, files over ``max_mb`` megabytes,
    pipes and devices, and links leading out of a folder are listed in ``errors``.
    Question ids are unique across the library (a repeated id keeps its first question).
    """
    library = Library()
    seen: set[str] = set()
    for path in _files([Path(p) for p in paths], library.errors):
        try:
            book = load_path(path, max_mb)
        except QuizbotError as exc:
            library.errors.append((str(path), _reason(exc)))
            continue
        except Exception as exc:  # a parser bug must not take the whole library down
            log.exception("unexpected error while reading %s", path)
            library.errors.append((str(path), f"could not be read ({type(exc).__name__})"))
            continue
        library.books.append(book)
        library.warnings.extend(book.warnings)
        generation = generate(book)
        library.rejected.extend(generation.rejected)
        library.held.extend(generation.held)
        # The best questions first; the sort is stable, so equals keep the notes' order.
        for question in sorted(generation.questions, key=lambda q: -q.score):
            if question.id in seen:
                log.info("%s: question %s repeats an earlier one; kept once", path, question.id)
                continue
            seen.add(question.id)
            library.questions.append(question)
    return library


def _reason(exc: QuizbotError) -> str:
    reason = exc.reason if isinstance(exc, ContentError) else str(exc)
    return " ".join(reason.split())


def chapter_label(chapter: Chapter) -> str:
    """How a chapter is named in messages: ``1. 쿠버네티스 소개`` or just its title."""
    if chapter.number is None:
        return chapter.title
    return f"{chapter.number}. {chapter.title}"


_CHAPTER_NUMBER = re.compile(
    r"^\s*(?:chapter|ch\.?|제)?\s*0*(\d+)\s*(?:장|\.|:|-|–)?\s*(?P<rest>.*)$", re.I
)


def find_chapter(library: Library, text_or_number: str | int) -> tuple[str, Chapter]:
    """The ``(book title, chapter)`` named by a number (``2``, ``"2장"``, ``"Chapter 2"``)
    or a title (exact, then the only partial match).

    Raises :class:`UnknownChapter` listing the known chapters.
    """
    chapters = library.chapters()
    wanted = str(text_or_number).strip()
    match = _CHAPTER_NUMBER.match(wanted)
    if match:
        number = int(match.group(1))
        for title, chapter in chapters:
            if chapter.number == number:
                return title, chapter
    key = normalize(wanted)
    if key:
        exact = [pair for pair in chapters if normalize(pair[1].title) == key]
        if exact:
            return exact[0]
        partial = [pair for pair in chapters if key in normalize(pair[1].title)]
        if len(partial) == 1:
            return partial[0]
    raise UnknownChapter(_unknown_message(wanted, chapters))


def _unknown_message(wanted: str, chapters: list[tuple[str, Chapter]]) -> str:
    if not chapters:
        return f"no chapter {wanted!r}: no notes are loaded"
    labels = [chapter_label(chapter) for _, chapter in chapters]
    listed = ", ".join(labels[:MAX_LISTED_CHAPTERS])
    if len(labels) > MAX_LISTED_CHAPTERS:
        listed += f", … ({len(labels)} in all)"
    return f"no chapter {wanted!r}; known chapters: {listed}"
