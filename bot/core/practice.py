"""Spaced-repetition rules of personal practice: ratings, the next review, streaks.

Every answer a member gives is a review of that question in the member's own
schedule. The scheduler is FSRS (the ``fsrs`` package); this module is the only one
that imports it, and hands out plain values (:class:`CardState`, :class:`Rating`) so
that storage and services never see its types.

Rating from a channel-quiz answer
    wrong → Again; right after half the answer window → Hard; right in the first tenth
    of the window → Easy; any other right answer → Good (:func:`rating_for`). A
    practice answer has no window: right → Good, wrong → Again.

Defaults for a daily habit
    No minute-level learning or relearning steps: a question comes back the next day at
    the earliest. Desired retention 0.9; a server may choose 0.80–0.95. Fuzzing is off,
    so the same answers always give the same schedule.

Practice streak
    Consecutive local days with at least one practice answer; a streak whose last day
    is yesterday is still alive today (:func:`practice_streak`).

Reminders
    A member who opted in is reminded once a local day, at their chosen time, when
    questions are due by the end of that day (:func:`reminder_due`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

from fsrs import Card, Scheduler, State
from fsrs import Rating as _FsrsRating

__all__ = [
    "DEFAULT_COUNT",
    "DEFAULT_RETENTION",
    "FORECAST_DAYS",
    "LEARNING",
    "MAX_COUNT",
    "MAX_RETENTION",
    "MIN_RETENTION",
    "MISSES_DAYS",
    "RELEARNING",
    "REVIEW",
    "CardState",
    "Rating",
    "check_count",
    "check_retention",
    "days_until",
    "practice_streak",
    "rating_for",
    "reminder_due",
    "retrievability",
    "review",
]

#: The desired retention of a server that chose none.
DEFAULT_RETENTION = 0.9
MIN_RETENTION = 0.80
MAX_RETENTION = 0.95
#: Questions in a practice session when the member asks for no number, and the most.
DEFAULT_COUNT = 5
MAX_COUNT = 20
#: ``/practice misses`` looks back this many days.
MISSES_DAYS = 30
#: ``/practice stats`` forecasts the due counts of this many days (today first).
FORECAST_DAYS = 14

#: A right answer after this share of the window is Hard; before ``EASY_SHARE``, Easy.
HARD_SHARE = 0.5
EASY_SHARE = 0.1


class Rating(IntEnum):
    """How well a member knew a question (FSRS's four grades)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


#: FSRS learning states, as stored: 1 learning, 2 review, 3 relearning.
LEARNING, REVIEW, RELEARNING = (int(s) for s in (State.Learning, State.Review, State.Relearning))


@dataclass(frozen=True, slots=True)
class CardState:
    """A member's schedule of one question.

    ``stability`` (days) and ``difficulty`` (1–10) are FSRS's memory model; ``due`` is
    when the question should come back; ``step`` is the learning step (``None`` once
    in review). All datetimes are aware UTC.
    """

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: dt.datetime
    last_review: dt.datetime | None
    reviews: int = 0
    lapses: int = 0


def check_retention(value: float) -> float:
    """``value`` if it is an allowed desired retention, else :class:`ValueError`."""
    if not MIN_RETENTION <= value <= MAX_RETENTION:
        raise ValueError(
            f"desired retention must be between {MIN_RETENTION:.2f} and {MAX_RETENTION:.2f}"
        )
    return value


def check_count(count: int) -> int:
    """``count`` if a session may have that many questions, else :class:`ValueError`."""
    if not 1 <= count <= MAX_COUNT:
        raise ValueError(f"a practice session has 1 to {MAX_COUNT} questions")
    return count


@lru_cache(maxsize=16)
def _scheduler(retention: float) -> Scheduler:
    return Scheduler(
        desired_retention=check_retention(retention),
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def rating_for(*, correct: bool, elapsed: dt.timedelta, window: dt.timedelta) -> Rating:
    """The rating of a channel-quiz answer given ``elapsed`` after the post, of ``window``."""
    if not correct:
        return Rating.AGAIN
    if window <= dt.timedelta(0):
        return Rating.GOOD
    if elapsed > window * HARD_SHARE:
        return Rating.HARD
    if elapsed < window * EASY_SHARE:
        return Rating.EASY
    return Rating.GOOD


def _utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("practice times must be timezone-aware")
    return value.astimezone(dt.UTC)


def _card(state: CardState | None, at: dt.datetime) -> Card:
    if state is None:
        return Card(card_id=0, due=at)
    return Card(
        card_id=0,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=_utc(state.due),
        last_review=_utc(state.last_review) if state.last_review is not None else None,
    )


def review(
    state: CardState | None,
    rating: Rating,
    *,
    at: dt.datetime,
    retention: float = DEFAULT_RETENTION,
) -> CardState:
    """The schedule after a review at ``at``; ``state`` is ``None`` for a first review."""
    at = _utc(at)
    card, _log = _scheduler(retention).review_card(
        _card(state, at), _FsrsRating(int(rating)), review_datetime=at
    )
    reviews = (state.reviews if state is not None else 0) + 1
    lapses = (state.lapses if state is not None else 0) + (
        1 if rating is Rating.AGAIN and state is not None and state.state == REVIEW else 0
    )
    return CardState(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        reviews=reviews,
        lapses=lapses,
    )


def retrievability(
    state: CardState, *, at: dt.datetime, retention: float = DEFAULT_RETENTION
) -> float:
    """The chance (0–1) that the member recalls the question at ``at``; 0 if never reviewed."""
    return float(_scheduler(retention).get_card_retrievability(_card(state, _utc(at)), _utc(at)))


def days_until(due: dt.datetime, *, today: dt.date, timezone: dt.tzinfo) -> int:
    """Local days from ``today`` to the day ``due`` falls on (0 = today or overdue)."""
    return max(0, (due.astimezone(timezone).date() - today).days)


def practice_streak(days: Iterable[dt.date], *, today: dt.date) -> int:
    """Consecutive days with practice ending today, or yesterday when today has none yet."""
    practised = set(days)
    day = today if today in practised else today - dt.timedelta(days=1)
    streak = 0
    while day in practised:
        streak += 1
        day -= dt.timedelta(days=1)
    return streak


def reminder_due(
    *, time_of_day: dt.time, timezone: str, now: dt.datetime, last_sent_on: dt.date | None
) -> tuple[bool, dt.date, dt.datetime]:
    """Whether today's reminder is due at ``now``, today's local date, and the next check.

    The reminder of a local day is due from its time until midnight, once: not when
    ``last_sent_on`` is that day already. The next check is today's time when it is
    still to come, else tomorrow's.
    """
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    today = local.date()
    at_today = dt.datetime.combine(today, time_of_day, tzinfo=zone).astimezone(dt.UTC)
    due = now >= at_today and last_sent_on != today
    following = at_today
    if now >= at_today:
        tomorrow = today + dt.timedelta(days=1)
        following = dt.datetime.combine(tomorrow, time_of_day, tzinfo=zone).astimezone(dt.UTC)
    return due, today, following
