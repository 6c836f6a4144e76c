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
from bot.core._templates import BLANK
from bot.core.model import Chapter, Question, QuestionKind
from bot.core.questions._text import contains, has_letters

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
STEM_CLUE = 0.6  # the definition shows a word of the answer, or spells its acronym out
SHOWN_BLANK = 0.5  # a description shown with a blank in it (a choice, a statement)
UNSHOWN_OPTIONS = 0.6  # a card that asks to pick among options it does not show

# "Which of the following statements is true?", "What's true about X?", "다음 중 옳은 것은?":
# a multiple-choice stem whose options the card does not carry, so no typed answer fits.
_PICKS = re.compile(
    r"\b(?:which\s+of\s+the\s+following|what(?:'s|\s+is)\s+(?:true|false|correct)\s+about"
    r"|which\s+(?:statement|one)s?\s+(?:is|are)\s+(?:not\s+)?(?:true|false|correct))\b"
    r"|다음\s*중|옳은\s*것|옳지\s*않은\s*것|맞는\s*것|틀린\s*것",
    re.IGNORECASE,
)

_TERM_KINDS = (
    QuestionKind.TERM_FROM_DEFINITION,
    QuestionKind.DEFINITION_FROM_TERM,
    QuestionKind.TRUE_FALSE,
)
_POINTING = re.compile(
    r"^(?:(?:it|this|these|that|those|they|he|she)\b|(?:이는|이것은|이걸|그것은|이를|위|아래)\s)",
    re.IGNORECASE,
)
#: A typed answer of this many words, all shown in its definition, is copied, not recalled.
SPELLED_WORDS = 3
#: A definition shown with fewer letters than this says too little to pick a term by.
THIN_LETTERS = 14


_STOPWORDS = frozenset(
    {"the", "and", "for", "with", "from", "that", "this", "are", "was", "were", "has", "have"}
    | {"not", "but", "all", "any", "can", "its", "our", "one", "two", "use", "used", "using"}
    | {"which", "what", "when", "where", "who", "how", "into", "onto", "over", "under"}
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}|[\uac00-\ud7a3]{2,}")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,6}")
_CAMEL_PART = re.compile(r"[A-Z]?[a-z]{2,}|[A-Z]{2,}(?![a-z])")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]*")


def _gives_away(stem: str, answer: str, others: list[str]) -> bool:
    """Does the definition show a word of the answer that no other choice has, or spell
    out its acronym?

    "A cache that …" gives away "negative cache" among "priority queue" and "saga";
    "JavaScript Object Notation" gives away "JSON". A word every choice shares
    ("컨테이너" in 컨테이너 런타임 beside 컨테이너 이미지) gives nothing away.
    """
    folded = stem.casefold()
    words = [w for w in _WORD.findall(answer) if w.casefold() not in _STOPWORDS]
    for word in words:
        if (
            word.casefold() in folded
            and contains(stem, word)
            and not any(contains(other, word) for other in others)
        ):
            return True
    if _ACRONYM.fullmatch(answer):
        capitals = _CAPITALISED.findall(stem)
        initials = "".join(word[0] for word in capitals)
        return answer in initials
    return False


def _spelled_in(stem: str, answer: str) -> bool:
    """Does a quoted definition show at least two words of a typed answer and most of
    them ("A CRDT that replicates by broadcasting individual operations" for
    operation-based CRDT, "… asynchronous execution context" for async context
    variables)? Typing the answer is then copying words from the question."""
    words = [w for w in _WORD.findall(answer) if w.casefold() not in _STOPWORDS]
    if len(words) == 1 and _CAMEL_PART.fullmatch(answer) is None:
        # a CamelCase name spells its words too: HorizontalPodAutoscaler beside
        # "--horizontal-pod-autoscaler-sync-period"
        words = [w for w in _CAMEL_PART.findall(answer) if w.casefold() not in _STOPWORDS]
    if len(words) < SPELLED_WORDS:
        return False
    folded = stem.casefold()
    stems = {w.casefold().rstrip("s") for w in _WORD.findall(stem)}
    shown = 0
    for word in words:
        key = word.casefold()
        if key not in folded:
            continue
        if contains(stem, word) or key.rstrip("s") in stems or _starts_a_word(key, stems):
            shown += 1
    return shown == len(words)


def _in_compound(stem: str, answer: str) -> bool:
    """Whether a one-word Latin answer stands in the stem as part of a hyphenated word
    ("used in delta-based CRDTs" for delta): the mask, which hides whole words, leaves it
    there to read."""
    if not (answer.isascii() and answer.isalpha() and len(answer) >= 3):
        return False
    word = re.escape(answer)
    return re.search(rf"\b{word}-\w|\w-{word}\b", stem, re.IGNORECASE) is not None


def _starts_a_word(key: str, words: set[str]) -> bool:
    """Whether a short Latin word begins a longer one (``async`` of asynchronous)."""
    return key.isascii() and len(key) >= 4 and any(w.startswith(key) for w in words)


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
    kind = question.kind
    if kind is QuestionKind.FLASHCARD and not question.choices and _PICKS.search(question.prompt):
        return round(1.0 - UNSHOWN_OPTIONS, 3), ["it asks to pick among statements not shown"]
    if kind is QuestionKind.CLOZE and not question.choices:
        # "controlled by the --horizontal-pod-autoscaler-sync-period flag" spells out the
        # HorizontalPodAutoscaler a typed blank asks for
        if _spelled_in(_quoted(question.prompt).replace(BLANK, " "), question.answer):
            return round(1.0 - STEM_CLUE, 3), ["the sentence spells the answer out"]
        return 1.0, []
    if kind not in _TERM_KINDS:
        return 1.0, []
    reasons: list[tuple[float, str]] = []
    answer = question.answer
    choices = [c for c in question.choices or () if c != answer]
    if kind is not QuestionKind.TRUE_FALSE:
        answer_script = script(answer)
        foreign = [c for c in choices if script(c) != answer_script]
        if foreign:
            reasons.append((OTHER_SCRIPT * len(foreign), "choices in another script"))
        if choices and (answer.endswith("…") or any(c.endswith("…") for c in choices)):
            reasons.append((CUT_CHOICE, "a choice is cut short"))
        longest = max(map(len, choices)) if choices else 0
        if kind is QuestionKind.DEFINITION_FROM_TERM and longest and len(answer) > 1.6 * longest:
            reasons.append((LONGEST_KEY, "the answer is by far the longest choice"))
    quoted = ""
    if kind is QuestionKind.TERM_FROM_DEFINITION:
        elsewhere = [
            c
            for c in choices
            if (where := chapter_of_name(compact(c))) is not None
            and chapter is not None
            and where is not chapter
        ]
        if elsewhere:
            reasons.append((OTHER_CHAPTER * len(elsewhere), "wrong terms from another chapter"))
    if kind is QuestionKind.TERM_FROM_DEFINITION or kind is QuestionKind.TRUE_FALSE:
        quoted = _quoted(question.prompt)
        if not has_letters(quoted, THIN_LETTERS):
            reasons.append((THIN_DEFINITION, "the definition says too little"))
        if _POINTING.match(quoted):
            reasons.append((POINTER, "the definition points at something not shown"))
    if kind is QuestionKind.TRUE_FALSE:
        shown = chapter_of_line(question.source.line)
        if shown is not None and chapter is not None and shown is not chapter:
            reasons.append((FOREIGN_FALSE, "the statement comes from another chapter"))
    if (
        kind is QuestionKind.TERM_FROM_DEFINITION
        and choices
        and _gives_away(quoted, answer, choices)
    ):
        reasons.append((STEM_CLUE, "the definition gives the answer away"))
    if kind is QuestionKind.TERM_FROM_DEFINITION and _spelled_in(
        quoted.replace(BLANK, " "), answer
    ):
        reasons.append((STEM_CLUE, "the definition spells the answer out"))
    if kind is QuestionKind.TERM_FROM_DEFINITION and _in_compound(quoted, answer):
        reasons.append((STEM_CLUE, "the definition shows the answer inside a longer word"))
    if kind is QuestionKind.TRUE_FALSE and BLANK in question.prompt:
        reasons.append((SHOWN_BLANK, "the statement has a blank in it"))
    if kind is QuestionKind.DEFINITION_FROM_TERM and any(BLANK in c for c in choices):
        reasons.append((SHOWN_BLANK, "a choice has a blank in it"))
    if not reasons:
        return 1.0, []
    score = max(0.0, 1.0 - sum(cost for cost, _ in reasons))
    return round(score, 3), [reason for _, reason in reasons]
