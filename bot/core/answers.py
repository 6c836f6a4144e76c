"""Match a typed answer against the accepted answers of a question.

The rules, in the order they apply:

1. Both sides are normalised (:func:`normalize`): Unicode NFKC, case-folded, every
   space, punctuation mark and symbol removed, so ``컨테이너런타임`` equals
   ``컨테이너 런타임`` and ``crio`` equals ``CRI-O``.
2. An accepted answer with a parenthesis also accepts its parts:
   ``MCR(Mirantis Container Runtime)`` accepts ``MCR`` and ``Mirantis Container Runtime``.
3. The whole answer must match, never a part of it (``air`` is not ``chair``).
4. Small typos are forgiven in proportion to the length of the accepted answer
   (:data:`LATIN_TOLERANCE`, or :data:`HANGUL_TOLERANCE` when Hangul syllables make up
   half of it or more). Hangul is compared syllable by syllable: one mistyped syllable
   is one edit, a missing or extra syllable costs :data:`HANGUL_INDEL_COST` (``런타``
   is not ``런타임``), and answers of one or two syllables must be exact (``파도`` is
   not ``파드``).
5. Numbers must be exactly the same (``1969`` is not ``1968``, ``1.4 MB`` is not
   ``14 MB``), and so must the signs that name things: ``C++`` is not ``C``,
   ``C#`` is not ``C`` (:data:`SIGNIFICANT_MARKS`).
6. An empty answer, or one made only of spaces and punctuation, is never right.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

__all__ = [
    "HANGUL_INDEL_COST",
    "HANGUL_LONG_EDITS",
    "HANGUL_TOLERANCE",
    "LATIN_LONG_EDITS",
    "LATIN_TOLERANCE",
    "SIGNIFICANT_MARKS",
    "closest",
    "is_correct",
    "normalize",
    "tolerance",
]

# (longest normalised length, edits allowed) — the first row whose length is >= the
# accepted answer's length applies; longer answers get the last row's edits.
LATIN_TOLERANCE: tuple[tuple[int, int], ...] = ((3, 0), (8, 1))
LATIN_LONG_EDITS = 2
# Hangul counts syllables: one or two syllables must be exact, then one mistyped
# syllable is forgiven, two in answers of eight syllables or more.
HANGUL_TOLERANCE: tuple[tuple[int, int], ...] = ((2, 0), (7, 1))
HANGUL_LONG_EDITS = 2
# In Hangul a typo changes a syllable; dropping or adding a whole syllable changes the
# word (런타 for 런타임), so it costs two edits.
HANGUL_INDEL_COST = 2
# Signs that are part of a name: C++, C#, F#, A+.
SIGNIFICANT_MARKS = frozenset("+#")

_KEPT_CATEGORIES = ("L", "M", "N")  # letters, marks, numbers; the rest is dropped
_MAX_PASSES = 4
_VARIANT_CACHE_SIZE = 4096  # accepted answers of the questions currently being asked
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PARENTHESIS = re.compile(r"\(([^()]*)\)")


def _is_hangul_syllable(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def _normalize_once(text: str) -> str:
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    kept = "".join(ch for ch in folded if unicodedata.category(ch).startswith(_KEPT_CATEGORIES))
    return unicodedata.normalize("NFKC", kept)


def normalize(text: str) -> str:
    """The comparable form of an answer: NFKC, case-folded, without spaces or punctuation.

    ``normalize("CRI-O") == normalize("crio")`` and
    ``normalize("컨테이너 런타임") == normalize("컨테이너런타임")``.
    """
    result = _normalize_once(text)
    # Dropping a separator can let Hangul jamo or combining marks compose; repeat
    # until nothing changes so that normalising twice gives the same text.
    for _ in range(_MAX_PASSES):
        again = _normalize_once(result)
        if again == result:
            break
        result = again
    return result


def _numbers(text: str) -> str:
    """The digits written in ``text``, decimal points kept, spaces and thousands commas not."""
    plain = unicodedata.normalize("NFKC", text)
    return "".join(match.replace(",", "") for match in _NUMBER.findall(plain))


def _marks(text: str) -> tuple[str, ...]:
    return tuple(ch for ch in unicodedata.normalize("NFKC", text) if ch in SIGNIFICANT_MARKS)


def _is_hangul(normalized: str) -> bool:
    hangul = sum(1 for ch in normalized if _is_hangul_syllable(ch))
    return hangul * 2 >= len(normalized) and hangul > 0


def tolerance(normalized: str) -> int:
    """How many edits a typed answer may differ from ``normalized`` (an accepted answer)."""
    table, long_edits = (
        (HANGUL_TOLERANCE, HANGUL_LONG_EDITS)
        if _is_hangul(normalized)
        else (LATIN_TOLERANCE, LATIN_LONG_EDITS)
    )
    for longest, edits in table:
        if len(normalized) <= longest:
            return edits
    return long_edits


@dataclass(frozen=True, slots=True)
class _Variant:
    answer: str  # the accepted answer as written, returned by closest()
    key: str  # normalised form
    numbers: str
    marks: tuple[str, ...]


@functools.lru_cache(maxsize=_VARIANT_CACHE_SIZE)
def _variants(answer: str) -> tuple[_Variant, ...]:
    """The answer itself, its main part without parentheses and each parenthesised part."""
    answer_text = unicodedata.normalize("NFKC", answer)  # full-width （） too
    texts = [answer_text]
    if _PARENTHESIS.search(answer_text):
        texts.append(_PARENTHESIS.sub(" ", answer_text))
        texts.extend(_PARENTHESIS.findall(answer_text))
    variants: list[_Variant] = []
    seen: set[str] = set()
    for text in texts:
        key = normalize(text)
        if key and key not in seen:
            seen.add(key)
            variants.append(_Variant(answer, key, _numbers(text), _marks(text)))
    return tuple(variants)


def _distance(given: str, accepted: str, limit: int) -> int:
    """Edits from ``given`` to ``accepted``; a Hangul syllable added or dropped costs more.

    Returns ``limit + 1`` when the distance is over ``limit``.
    """
    if limit == 0:
        return 0 if given == accepted else 1
    plain = Levenshtein.distance(given, accepted, score_cutoff=limit)
    if plain > limit:
        return limit + 1
    cost = 0
    for op, source, target in Levenshtein.editops(given, accepted):
        changed = accepted[target] if op == "insert" else given[source]
        whole_syllable = op != "replace" and _is_hangul_syllable(changed)
        cost += HANGUL_INDEL_COST if whole_syllable else 1
    return min(cost, limit + 1)


def closest(given: str, accepted: Sequence[str]) -> str | None:
    """The accepted answer that ``given`` counts as, or ``None`` when it is wrong.

    An exact (normalised) match wins over a near one; among near ones the fewest edits
    win, then the earliest accepted answer.
    """
    if isinstance(accepted, str):  # one answer passed on its own
        accepted = (accepted,)
    key = normalize(given)
    if not key:
        return None
    numbers, marks = _numbers(given), _marks(given)
    best: tuple[int, int] | None = None
    best_answer: str | None = None
    for index, answer in enumerate(accepted):
        for variant in _variants(answer):
            if variant.numbers != numbers or variant.marks != marks:
                continue
            if variant.key == key:
                return answer
            limit = tolerance(variant.key)
            if limit == 0:
                continue
            edits = _distance(key, variant.key, limit)
            if edits <= limit and (best is None or (edits, index) < best):
                best, best_answer = (edits, index), answer
    return best_answer


def is_correct(given: str, accepted: Sequence[str]) -> bool:
    """Whether the typed ``given`` answer counts as one of ``accepted`` (see module rules)."""
    return closest(given, accepted) is not None
