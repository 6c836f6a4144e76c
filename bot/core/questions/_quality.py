"""A quality score for every question, and the floor below which a question is held back.

A question can be free of defects (``_defects.py``) and still unfit to post: its wrong
choices come from another chapter or another script, its answer is the one long
choice, its definition says almost nothing or points at something the member cannot
see, a choice is cut short, a false statement is borrowed from an unrelated topic.
The item-writing rules of ``QUALITY.md`` name these cues. :func:`assess` starts at 1
and takes off a fixed amount for each cue it finds, with the reason; a question
scoring below :data:`HOLD_BELOW` is held back (``quizbot content check`` counts it and
says why, ``quizbot content preview --held`` shows it) and the rest are asked best
first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core._distractors import compact, script
from bot.core.model import Chapter, Question, QuestionKind
from bot.core.questions._text import body_letters

__all__ = ["HOLD_BELOW", "assess"]

#: Questions scoring below this are held back.
HOLD_BELOW = 0.5

#: What each cue costs.
OTHER_SCRIPT = 0.1  # a choice in another script than the answer (per choice)
OTHER_CHAPTER = 0.05  # a wrong term from another chapter (per choice)
LONGEST_KEY = 0.25  # the answer is by far the longest choice
CUT_CHOICE = 0.15  # a choice ends in "…"
THIN_DEFINITION = 0.3  # the definition shown has few words
POINTER = 0.35  # the definition starts by pointing elsewhere ("It …", "이는 …")
FOREIGN_FALSE = 0.45  # a false statement borrowed from another chapter

_TERM_KINDS = (
    QuestionKind.TERM_FROM_DEFINITION,
    QuestionKind.DEFINITION_FROM_TERM,
    QuestionKind.TRUE_FALSE,
)
_POINTING = re.compile(
    r"^(?:(?:it|this|these|that|those|they|he|she)\b|(?:이는|이것은|이걸|그것은|이를|위|아래)\s)",
    re.IGNORECASE,
)
#: A definition shown with fewer letters than this says too little to pick a term by.
THIN_LETTERS = 14


def _quoted(prompt: str) -> str:
    """The quoted part of a prompt (``> …`` lines), or the whole prompt."""
    lines = [line[1:].strip() for line in prompt.splitlines() if line.startswith(">")]
    return " ".join(lines) if lines else prompt


def assess(
    question: Question,
    chapter_of_name: Callable[[str], Chapter | None],
    chapter_of_line: Callable[[int], Chapter | None],
    chapter: Chapter | None,
) -> tuple[float, list[str]]:
    """The score of ``question`` (0–1) and the reasons it lost points.

    ``chapter_of_name`` says where a term of the book is defined, ``chapter_of_line``
    which chapter a line belongs to, and ``chapter`` is the question's own chapter.
    """
    if question.kind not in _TERM_KINDS:
        return 1.0, []
    reasons: list[tuple[float, str]] = []
    choices = [c for c in question.choices or () if c != question.answer]
    if question.kind is not QuestionKind.TRUE_FALSE:
        answer_script = script(question.answer)
        foreign = [c for c in choices if script(c) != answer_script]
        if foreign:
            reasons.append((OTHER_SCRIPT * len(foreign), "choices in another script"))
        if choices and any(choice.endswith("…") for choice in (*choices, question.answer)):
            reasons.append((CUT_CHOICE, "a choice is cut short"))
        longest = max(len(c) for c in choices) if choices else 0
        if (
            question.kind is QuestionKind.DEFINITION_FROM_TERM
            and longest
            and len(question.answer) > 1.6 * longest
        ):
            reasons.append((LONGEST_KEY, "the answer is by far the longest choice"))
    if question.kind is QuestionKind.TERM_FROM_DEFINITION:
        elsewhere = [
            c
            for c in choices
            if (where := chapter_of_name(compact(c))) is not None
            and chapter is not None
            and where is not chapter
        ]
        if elsewhere:
            reasons.append((OTHER_CHAPTER * len(elsewhere), "wrong terms from another chapter"))
    if question.kind in (QuestionKind.TERM_FROM_DEFINITION, QuestionKind.TRUE_FALSE):
        quoted = _quoted(question.prompt)
        if body_letters(quoted) < THIN_LETTERS:
            reasons.append((THIN_DEFINITION, "the definition says too little"))
        if _POINTING.match(quoted):
            reasons.append((POINTER, "the definition points at something not shown"))
    if question.kind is QuestionKind.TRUE_FALSE:
        shown = chapter_of_line(question.source.line)
        if shown is not None and chapter is not None and shown is not chapter:
            reasons.append((FOREIGN_FALSE, "the statement comes from another chapter"))
    score = max(0.0, 1.0 - sum(cost for cost, _ in reasons))
    return round(score, 3), [reason for _, reason in reasons]
