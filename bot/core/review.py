"""Keeping questions good: report reasons, the statistics of a question and its flags.

Members report a question with one of :class:`ReportReason` and an optional comment
of at most :data:`COMMENT_MAX` characters. A question's statistics in one server are
worked out from its stored answers; the pure rules here turn the sums the database
returns into shares, the discrimination (the point-biserial correlation between being
right and the member's accuracy on the other questions) and the flags shown to the
server's admins: too easy, misleading, reported.
"""

from __future__ import annotations

import enum
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "COMMENT_MAX",
    "FLAG_MIN_ANSWERS",
    "TOO_EASY_SHARE",
    "Decision",
    "Flag",
    "QuestionStats",
    "ReportReason",
    "discrimination",
    "flags_of",
    "parse_reason",
]

#: The longest comment a report keeps.
COMMENT_MAX = 300
#: A question is flagged from its answers only once it has at least this many.
FLAG_MIN_ANSWERS = 10
#: The share of right answers at or above which a question is too easy.
TOO_EASY_SHARE = 0.95


class ReportReason(enum.StrEnum):
    """Why a member reports a question."""

    WRONG = "wrong"
    UNCLEAR = "unclear"
    CHOICES = "choices"
    NOT_WORTH = "pointless"
    OTHER = "other"


class Decision(enum.StrEnum):
    """What a server's admin decided about a question."""

    RETIRE = "retire"
    KEEP = "keep"
    RESTORE = "restore"


class Flag(enum.StrEnum):
    """What the statistics and reports say about a question."""

    TOO_EASY = "too_easy"
    MISLEADING = "misleading"
    REPORTED = "reported"


#: Words a member may type for each reason (English and Korean, numbers 1–5).
_REASON_WORDS: dict[ReportReason, tuple[str, ...]] = {
    ReportReason.WRONG: ("1", "wrong", "wrong answer", "answer", "오답", "틀림", "정답 틀림"),
    ReportReason.UNCLEAR: ("2", "unclear", "confusing", "불명확", "애매", "모호"),
    ReportReason.CHOICES: ("3", "choices", "bad choices", "options", "보기", "보기 문제"),
    ReportReason.NOT_WORTH: (
        "4",
        "pointless",
        "not worth asking",
        "not worth",
        "trivial",
        "가치 없음",
        "쓸모없음",
        "무의미",
    ),
    ReportReason.OTHER: ("5", "other", "기타"),
}


def parse_reason(given: str) -> ReportReason | None:
    """The reason a member typed (its number, an English or Korean word), or ``None``."""
    wanted = " ".join(unicodedata.normalize("NFC", given).strip().lower().split())
    for reason, words in _REASON_WORDS.items():
        if wanted == reason.value or wanted in words:
            return reason
    return None


def discrimination(
    n: int, right: float, other: float, both: float, other_sq: float
) -> float | None:
    """The point-biserial correlation of being right with the accuracy elsewhere.

    The arguments are sums over ``n`` answers: ``right`` of 1 for a right answer,
    ``other`` of the member's accuracy on the other questions, ``both`` of their
    product and ``other_sq`` of its square. ``None`` when it is undefined (fewer than
    two answers, everyone right or wrong, or every member equally good elsewhere).
    """
    if n < 2:
        return None
    spread_right = n * right - right * right
    spread_other = n * other_sq - other * other
    if spread_right <= 1e-12 or spread_other <= 1e-12:
        return None
    return (n * both - right * other) / math.sqrt(spread_right * spread_other)


@dataclass(frozen=True, slots=True)
class QuestionStats:
    """A question's figures in one server.

    ``wrong_choices`` maps each wrong option (of a multiple-choice question) to the
    share of answers that chose it; ``reports`` counts the members' current reports.
    """

    question_id: str
    asked: int = 0
    answers: int = 0
    right: int = 0
    wrong_choices: Mapping[str, float] = field(default_factory=dict)
    discrimination: float | None = None
    reports: int = 0

    @property
    def share_right(self) -> float | None:
        """The share of right answers, ``None`` before the first answer."""
        return self.right / self.answers if self.answers else None

    @property
    def flags(self) -> frozenset[Flag]:
        """The flags these figures raise (see :func:`flags_of`)."""
        return flags_of(self)


def flags_of(stats: QuestionStats) -> frozenset[Flag]:
    """Too easy (≥ 95% right over ≥ 10 answers); misleading (over ≥ 10 answers, a
    negative discrimination or a wrong option chosen more often than the answer);
    reported (at least one current report)."""
    flags: set[Flag] = set()
    if stats.reports:
        flags.add(Flag.REPORTED)
    if stats.answers >= FLAG_MIN_ANSWERS:
        share = stats.right / stats.answers
        if share >= TOO_EASY_SHARE:
            flags.add(Flag.TOO_EASY)
        negative = stats.discrimination is not None and stats.discrimination < 0
        lure = any(wrong > share for wrong in stats.wrong_choices.values())
        if negative or lure:
            flags.add(Flag.MISLEADING)
    return frozenset(flags)
