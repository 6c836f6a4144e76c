"""Choosing wrong answers that look right: ranking candidates for multiple choice.

A good distractor is of the same kind as the answer: another term of the same
book, preferably from the same chapter, written in the same script (Hangul or
Latin) and of a similar length. A term named in a 참고/Note line next to the
answer ("명령형 컨피그레이션" beside "선언형 컨피그레이션") is the best of all.
A candidate that the question itself mentions is a giveaway and comes last.
Ties are broken by a hash of the question's seed, so the choice is deterministic.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.answers import normalize

__all__ = ["Candidate", "compact", "is_hangul", "pick", "script"]

RELATED_BONUS = 100.0
SAME_CHAPTER_BONUS = 10.0
SAME_SCRIPT_BONUS = 8.0
MENTIONED_PENALTY = 40.0
LENGTH_WEIGHT = 12.0  # the penalty for a candidate twice or half the answer's length


#: :func:`bot.core.answers.normalize`, remembered: the same names and definitions are
#: compared many times while choosing distractors.
compact = functools.lru_cache(maxsize=1 << 16)(normalize)

_HANGUL_RANGES = (("\uac00", "\ud7a3"), ("\u1100", "\u11ff"), ("\u3130", "\u318f"))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible wrong choice: the text shown and where it came from."""

    text: str
    chapter: object = None  # the chapter key (number or title) it belongs to
    related: bool = False  # named in a note next to the answer


def is_hangul(char: str) -> bool:
    """Whether ``char`` is a Hangul syllable or jamo."""
    return (
        "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"
    )


@functools.lru_cache(maxsize=1 << 16)
def script(text: str) -> str:
    """``"hangul"`` when ``text`` has any Hangul, else ``"latin"``."""
    return "hangul" if any(is_hangul(ch) for ch in text) else "latin"


def _tie_break(seed: str, text: str) -> int:
    return zlib.crc32(f"{seed}\x1f{text}".encode())


def _length_penalty(answer: str, candidate: str) -> float:
    longer, shorter = max(len(answer), len(candidate)), max(1, min(len(answer), len(candidate)))
    return LENGTH_WEIGHT * (longer / shorter - 1.0)


def pick(
    answer: str,
    candidates: Iterable[Candidate],
    *,
    chapter: object,
    exclude: Sequence[str] = (),
    mentioned_in: str = "",
    seed: str,
    count: int = 3,
) -> list[str]:
    """Up to ``count`` distractor texts for ``answer``, best first.

    Candidates equal (normalised) to the answer, to anything in ``exclude`` or to an
    earlier pick are dropped, as are empty ones.
    """
    banned = {compact(text) for text in (answer, *exclude)}
    banned.discard("")
    mention_key = compact(mentioned_in)
    answer_script = script(answer)
    scored: list[tuple[float, int, str]] = []
    seen: set[str] = set()
    for candidate in candidates:
        key = compact(candidate.text)
        if not key or key in banned or key in seen:
            continue
        seen.add(key)
        score = 0.0
        if candidate.related:
            score += RELATED_BONUS
        if candidate.chapter == chapter:
            score += SAME_CHAPTER_BONUS
        if script(candidate.text) == answer_script:
            score += SAME_SCRIPT_BONUS
        if mention_key and key in mention_key:
            score -= MENTIONED_PENALTY
        score -= _length_penalty(answer, candidate.text)
        scored.append((-score, _tie_break(seed, key), candidate.text))
    scored.sort()
    return [text for _, _, text in scored[:count]]
