"""What a question may look like: the size limits and :func:`find_defects`.

A candidate question that has any defect (its answer in its own prompt, duplicate
or missing choices, leftover markup, too long for Discord…) is never emitted.
"""

from __future__ import annotations

import functools
import hashlib
import re

from bot.core._distractors import compact
from bot.core._templates import BLANK
from bot.core.model import Question, QuestionKind
from bot.core.questions._text import HTML_TAG, MENTION, contains, has_letters

__all__ = [
    "MAX_CHOICE_CHARS",
    "MAX_EXPLANATION_CHARS",
    "MAX_PROMPT_CHARS",
    "MAX_QUOTE_CHARS",
    "MIN_BODY_LETTERS",
    "MIN_CHOICE_LETTERS",
    "MIN_PROMPT_LETTERS",
    "choice_form",
    "find_defects",
    "question_id",
]

#: Discord shows a prompt in an embed; keep it short enough to read.
MAX_PROMPT_CHARS = 1000
#: A choice is shown in full in the quiz embed (its button carries only its letter), so
#: it can hold a whole defining sentence; true/false buttons show O/X or True/False.
MAX_CHOICE_CHARS = 160
#: Longest quoted definition or sentence in a prompt.
MAX_QUOTE_CHARS = 600
#: A quoted text needs at least this many letters besides the blanks to mean anything.
MIN_BODY_LETTERS = 10
#: A definition shown as a choice needs at least this many letters.
MIN_CHOICE_LETTERS = 5
#: A prompt needs at least this many letters at all.
MIN_PROMPT_LETTERS = 6
#: Longest explanation shown at the reveal.
MAX_EXPLANATION_CHARS = 1000

_MARKUP_DEFECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bold markup", re.compile(r"\*\*")),
    ("backtick", re.compile(r"`")),
    ("html tag", HTML_TAG),
    ("html comment", re.compile(r"<!--")),
    ("link syntax", re.compile(r"\]\(")),
    ("wikilink syntax", re.compile(r"\[\[|\]\]")),
    ("mention syntax", MENTION),
)
_ANY_MARKUP = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _MARKUP_DEFECTS))
#: A character that each of those patterns needs: a text without one has no markup.
_MARKUP_CHAR = re.compile(r"[*`<\[\]@]")


def choice_form(text: str) -> tuple[bool, bool]:
    """What a reader sees of a choice before reading it: a blank in it, a cut at its end."""
    return BLANK in text, text.endswith("…")


@functools.lru_cache(maxsize=1 << 16)  # each id is asked for twice: as a seed, then as the id
def question_id(book: str, chapter: object, kind: str, subject: str, key: str = "") -> str:
    """A stable id: ``q-`` and 12 hex digits of a hash of what the question is about."""
    parts = (" ".join(book.split()), str(chapter), kind, compact(subject), compact(key))
    return "q-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def find_defects(question: Question) -> list[str]:
    """Everything wrong with ``question`` that would embarrass the bot; empty when fine."""
    defects: list[str] = []
    prompt = question.prompt
    if not prompt.strip():
        return ["empty prompt"]
    if len(prompt) > MAX_PROMPT_CHARS:
        defects.append(f"prompt longer than {MAX_PROMPT_CHARS} characters")
    if not has_letters(prompt, MIN_PROMPT_LETTERS):
        defects.append("prompt too short")
    if not question.answer.strip() or not compact(question.answer):
        defects.append("empty answer")
    if not question.accepted or question.accepted[0] != question.answer:
        defects.append("accepted answers do not start with the answer")
    choices = question.choices or ()
    # The common case: no character that markup needs in any of the texts (joined by a
    # character that is none of them, one search for all); else one search per text,
    # then one per kind of markup.
    if _MARKUP_CHAR.search("\n".join((prompt, question.answer, *choices))) is not None:
        texts = [("prompt", prompt), ("answer", question.answer)]
        texts += [("choice", choice) for choice in choices]
        for where, text in texts:
            if _MARKUP_CHAR.search(text) is None or _ANY_MARKUP.search(text) is None:
                continue
            for name, pattern in _MARKUP_DEFECTS:
                if pattern.search(text):
                    defects.append(f"{name} left in the {where}")
    if question.kind is not QuestionKind.TRUE_FALSE:
        for accepted in question.accepted:
            if contains(prompt, accepted):
                defects.append(f"prompt contains its answer {accepted!r}")
                break
    if question.choices is not None:
        defects.extend(_choice_defects(question))
    return defects


def _choice_defects(question: Question) -> list[str]:
    choices = question.choices or ()
    defects: list[str] = []
    minimum = 2 if question.kind is QuestionKind.TRUE_FALSE else 3
    if len(choices) < minimum:
        defects.append(f"fewer than {minimum} choices")
    keys = [compact(choice) for choice in choices]
    if all(keys):  # the common case: every choice says something
        if len(set(keys)) < len(keys):
            defects.append("duplicate choices")
    else:
        defects.append("empty choice")
        if len({key for key in keys if key}) < len([key for key in keys if key]):
            defects.append("duplicate choices")
    count = choices.count(question.answer)
    if count == 0:
        defects.append("answer missing from the choices")
    elif count > 1:
        defects.append("answer present twice in the choices")
    form = choice_form(question.answer)
    if (
        len(choices) > 2
        and any(form)
        and all(choice_form(choice) != form for choice in choices if choice != question.answer)
    ):
        defects.append("only the answer has a blank or is cut short")
    if choices and max(map(len, choices)) > MAX_CHOICE_CHARS:
        defects.append(f"choice longer than {MAX_CHOICE_CHARS} characters")
    return defects
