"""Plain values returned by the services: what both front doors render.

Every class here is a frozen dataclass (or a string enum) so that a caller can
never mutate stored state through a returned value; services never hand out ORM
objects. All datetimes are timezone-aware UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.core.model import Question, Source

if TYPE_CHECKING:
    from bot.core.schedule import Schedule

__all__ = [
    "ALL_CHAPTERS",
    "AnswerResult",
    "AnswerStatus",
    "CatalogueChange",
    "ChannelSchedule",
    "ChapterStats",
    "CheckinStatus",
    "CheckinView",
    "LeaderboardPage",
    "LeaderboardRow",
    "MemberRef",
    "MemberStats",
    "PoolStatus",
    "Reveal",
    "RunStatus",
    "RunView",
]


#: The chapter scope "every chapter" (an admin's explicit choice, unlike ``None``).
ALL_CHAPTERS: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ChannelSchedule:
    """A channel's quiz schedule.

    ``chapters``: ``None`` is the default scope, the chapters the group has reached
    (see :func:`bot.services.reading.scope_in`); :data:`ALL_CHAPTERS` (empty) asks every
    chapter; otherwise the chapters listed. ``active_since`` is when the schedule was
    last set up or resumed: no slot at or before it is posted (see
    :func:`bot.core.schedule.due_slot`).
    """

    guild_id: int
    channel_id: int
    schedule: Schedule
    questions_per_run: int
    paused: bool
    chapters: tuple[int, ...] | None
    active_since: dt.datetime


@dataclass(frozen=True, slots=True)
class CatalogueChange:
    """What a catalogue sync did: questions added, changed, retired; non-retired total after."""

    added: int
    updated: int
    retired: int
    total: int
    #: Changed questions left as they are because an open quiz shows them.
    deferred: int = 0
    #: The load found no questions at all, so the catalogue was kept as it was.
    kept: bool = False
    #: Questions not retired because their file could not be read this time.
    spared: int = 0


class RunStatus(StrEnum):
    """Whether a quiz run still takes answers."""

    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class RunView:
    """One posted (or about to be posted) question in a channel.

    ``opened_at`` is when the run was claimed, ``posted_at`` when its message was sent
    (``None`` until then, and for terminal games, which show it at once): the speed
    bonus counts from :attr:`started_at`.
    """

    id: int
    guild_id: int
    channel_id: int
    slot: dt.datetime
    seq: int
    question: Question
    message_id: int | None
    opened_at: dt.datetime
    closes_at: dt.datetime
    closed_at: dt.datetime | None
    status: RunStatus
    posted_at: dt.datetime | None = None

    @property
    def started_at(self) -> dt.datetime:
        """When members could first answer: the post, else the claim."""
        return self.posted_at if self.posted_at is not None else self.opened_at


class AnswerStatus(StrEnum):
    """The outcome of a click or typed answer."""

    CORRECT = "correct"
    WRONG = "wrong"
    ALREADY_ANSWERED = "already_answered"
    CLOSED = "closed"
    UNKNOWN_RUN = "unknown_run"


@dataclass(frozen=True, slots=True)
class AnswerResult:
    """The result of ``record_answer``; ``choice`` is the member's recorded (first) answer."""

    status: AnswerStatus
    run: RunView | None
    choice: str | None


@dataclass(frozen=True, slots=True)
class MemberRef:
    """A member as shown to people: id and the display name last seen."""

    member_id: int
    display_name: str


@dataclass(frozen=True, slots=True)
class Reveal:
    """Everything shown when a run closes."""

    run: RunView
    answer: str
    explanation: str
    source: Source
    counts: dict[str, int]
    correct: list[MemberRef]
    wrong: list[MemberRef]
    fastest: MemberRef | None
    fastest_seconds: float | None
    points: dict[int, int]
    milestones: list[tuple[MemberRef, int]]


@dataclass(frozen=True, slots=True)
class LeaderboardRow:
    """One ranked member of a leaderboard."""

    rank: int
    member_id: int
    display_name: str
    points: int
    answered: int
    correct: int
    accuracy: float
    current_streak: int
    best_streak: int


@dataclass(frozen=True, slots=True)
class LeaderboardPage:
    """One page of a leaderboard, plus the asking member's own row (``me``)."""

    period: str
    metric: str
    page: int
    pages: int
    total_members: int
    rows: list[LeaderboardRow]
    me: LeaderboardRow | None


@dataclass(frozen=True, slots=True)
class ChapterStats:
    """A member's answers in one chapter."""

    chapter: int | None
    title: str
    answered: int
    correct: int


@dataclass(frozen=True, slots=True)
class MemberStats:
    """A member's totals in one guild, with per-chapter counts."""

    member_id: int
    display_name: str
    points: int
    answered: int
    correct: int
    accuracy: float
    current_streak: int
    best_streak: int
    rank: int | None
    chapters: list[ChapterStats]


@dataclass(frozen=True, slots=True)
class PoolStatus:
    """How many questions a channel's scope holds and how many were never asked there."""

    total: int
    unasked: int
    chapters: tuple[int, ...] | None


class CheckinStatus(StrEnum):
    """How far a member is with a chapter."""

    READING = "reading"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class CheckinView:
    """A member's check-in for one chapter (one per member and chapter)."""

    guild_id: int
    member_id: int
    chapter: int
    status: CheckinStatus
    note: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
