"""Book → quiz questions: the kinds, their wording, distractors, stable ids and defect checks.

:func:`generate_questions` turns one :class:`~bot.core.model.Book` into questions of
each kind the notes support:

``term_from_definition``
    the definition with the term masked; pick the term among four.
``definition_from_term``
    "what is X?"; pick the definition among other terms' definitions.
``cloze``
    a sentence with one key token blanked (a version, a date, a fraction, inline
    code, an English name in parentheses).
``true_false``
    a definition shown under its own term or under another one.
``odd_one_out``
    from an example list (``예) 도커, 컨테이너d, CRI-O``): which one is not an example.
``flashcard`` / ``trivia`` / ``cloze``
    the explicit cards written by people, answered by typing.

Output is deterministic (shuffles are seeded by the question id) and ids are
derived from the book title, the chapter, the subject (term or card text), the kind
and a distinguishing key, never from line numbers, so an unrelated edit of the
notes keeps every id. A question that fails :func:`find_defects` is never emitted;
one whose quality score (``_quality.py``) falls below :data:`HOLD_BELOW` is held back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from bot.core import _distractors
from bot.core._collector import without_cycle_collection
from bot.core._distractors import compact
from bot.core.model import Book, Chapter, Question
from bot.core.questions import _terms
from bot.core.questions._cards import cards
from bot.core.questions._cloze import clozes
from bot.core.questions._context import Context, entries_of
from bot.core.questions._defects import (
    MAX_CHOICE_CHARS,
    MAX_PROMPT_CHARS,
    find_defects,
    question_id,
)
from bot.core.questions._examples import odd_ones
from bot.core.questions._quality import HOLD_BELOW, assess
from bot.core.questions._terms import definition_from_term, term_from_definition, true_false
from bot.core.questions._text import clear_caches, contains, mask

__all__ = [
    "HOLD_BELOW",
    "MAX_CHOICE_CHARS",
    "MAX_PROMPT_CHARS",
    "Generation",
    "contains",
    "find_defects",
    "generate",
    "generate_questions",
    "mask",
]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Generation:
    """The questions of one book, the candidates rejected with their defects, and the
    questions held back for a quality score below :data:`HOLD_BELOW` with its reasons."""

    questions: list[Question] = field(default_factory=list)
    rejected: list[tuple[Question, list[str]]] = field(default_factory=list)
    held: list[tuple[Question, list[str]]] = field(default_factory=list)


def generate_questions(book: Book) -> list[Question]:
    """Every good question the book supports, in a deterministic order with stable ids."""
    return generate(book).questions


@without_cycle_collection
def generate(book: Book) -> Generation:
    """Like :func:`generate_questions`, also reporting the rejected candidates."""
    try:
        return _generate(book)
    finally:
        # The memos only pay off within one book; a long-running bot should not keep them.
        clear_caches()
        question_id.cache_clear()
        for cached in (*_distractors.CACHED, *_terms.CACHED):
            cached.cache_clear()


def _generate(book: Book) -> Generation:
    chapter_lines = sorted(((c.line, c) for c in book.chapters), key=lambda pair: pair[0])
    context = Context(book, entries_of(book), chapter_lines)
    result = Generation()
    seen: set[str] = set()
    where: dict[str, Chapter | None] = {}
    for entry in context.entries:
        for name in entry.names:
            where.setdefault(compact(name), entry.chapter)
    chapters = {(c.number, c.title): c for c in book.chapters}
    for question in _candidates(context):
        if question.id in seen:
            continue
        defects = find_defects(question)
        if defects:
            log.debug("rejected %s (%s): %s", question.id, question.kind, "; ".join(defects))
            result.rejected.append((question, defects))
            continue
        seen.add(question.id)
        score, reasons = assess(
            question,
            where.get,
            context.chapter_for,
            chapters.get((question.chapter, question.chapter_title)),
        )
        # The question was made a moment ago and nobody holds it yet: set its score in
        # place rather than copying every field (a large book has tens of thousands).
        object.__setattr__(question, "score", score)
        if score < HOLD_BELOW:
            log.debug("held %s (%s): %s", question.id, question.kind, "; ".join(reasons))
            result.held.append((question, reasons))
            continue
        result.questions.append(question)
    return result


def _candidates(ctx: Context) -> Iterator[Question]:
    subjects = [entry for entry in ctx.entries if entry.subject and entry.lines]
    for entry in subjects:
        yield from _optional(term_from_definition(ctx, entry))
        if entry.blank_only or entry.question_only:
            continue  # a sentence that hides or asks for the term does not describe it
        yield from _optional(definition_from_term(ctx, entry))
        yield from _optional(true_false(ctx, entry))
    yield from clozes(ctx)
    yield from odd_ones(ctx)
    yield from cards(ctx)


def _optional(question: Question | None) -> list[Question]:
    return [] if question is None else [question]
