"""Points, streaks and ranking rules: pure functions of answers and local dates.

Points
    A correct answer scores :data:`BASE_POINTS` plus a speed bonus of up to
    :data:`MAX_SPEED_BONUS`. The bonus is full at 0 seconds and falls linearly to 0 at
    :data:`SPEED_BONUS_SHARE` of the answer window (half of it); it is rounded to the
    nearest whole point, halves rounding up. Wrong answers score 0; nothing is negative.

Streaks
    A streak counts consecutive scheduled quiz days of a channel (its local dates) on
    which the member answered at least one question correctly. Days without a
    scheduled quiz neither extend nor break it; a scheduled day missed, or answered
    only wrongly, breaks it. The best streak is kept.

    What is stored per member is the last day with a correct answer, the streak as of
    that day and the best streak (:class:`StreakState`). :func:`extend_streak` applies
    a correct answer when its run closes; :func:`shown_streak` decides when reading
    whether the stored streak is still alive, given the latest quiz day whose runs
    have all closed. Nothing has to run at midnight.

Periods
    Week and month leaderboards use the local calendar: weeks start on Monday.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

__all__ = [
    "BASE_POINTS",
    "MAX_SPEED_BONUS",
    "MIN_ANSWERS_FOR_ACCURACY",
    "SPEED_BONUS_SHARE",
    "STREAK_MILESTONES",
    "StreakState",
    "accuracy",
    "extend_streak",
    "milestones_crossed",
    "month_start",
    "period_start",
    "points_for",
    "shown_streak",
    "speed_bonus",
    "week_start",
]

#: Points for a correct answer before the speed bonus.
BASE_POINTS = 10
#: The largest speed bonus, given for an answer at the very start of the window.
MAX_SPEED_BONUS = 5
#: The share of the answer window over which the speed bonus falls to zero.
SPEED_BONUS_SHARE = 0.5
#: Streak lengths that are announced when reached.
STREAK_MILESTONES = (3, 7, 30)
#: Accuracy rankings list only members with at least this many answers.
MIN_ANSWERS_FOR_ACCURACY = 5

PERIODS = ("week", "month")


def speed_bonus(elapsed: dt.timedelta, window: dt.timedelta) -> int:
    """The speed bonus for answering ``elapsed`` after the run opened (0…MAX_SPEED_BONUS)."""
    fade = window * SPEED_BONUS_SHARE
    if elapsed <= dt.timedelta(0):
        return MAX_SPEED_BONUS
    if fade <= dt.timedelta(0) or elapsed >= fade:
        return 0
    exact = MAX_SPEED_BONUS * (1 - elapsed / fade)
    return max(0, min(MAX_SPEED_BONUS, math.floor(exact + 0.5)))


def points_for(*, correct: bool, elapsed: dt.timedelta, window: dt.timedelta) -> int:
    """Points earned by one answer: 0 when wrong, else base points plus the speed bonus."""
    if not correct:
        return 0
    return BASE_POINTS + speed_bonus(elapsed, window)


def accuracy(correct: int, answered: int) -> float:
    """The share of correct answers, 0.0 when nothing was answered."""
    return correct / answered if answered > 0 else 0.0


@dataclass(frozen=True, slots=True)
class StreakState:
    """A member's streak as stored: last day with a correct answer, current and best."""

    last_day: dt.date | None = None
    current: int = 0
    best: int = 0


def extend_streak(
    state: StreakState, *, day: dt.date, previous_quiz_day: dt.date | None
) -> StreakState:
    """The state after a correct answer on quiz ``day``.

    ``previous_quiz_day`` is the scheduled day before ``day``. The streak grows when
    the last correct day is that day (or later); otherwise it starts again at 1. A
    second correct answer on the same day, or one for an older day, changes nothing.
    """
    last = state.last_day
    if last is not None and last >= day:
        return state
    if last is not None and previous_quiz_day is not None and last >= previous_quiz_day:
        current = state.current + 1
    else:
        current = 1
    return StreakState(last_day=day, current=current, best=max(state.best, current))


def shown_streak(state: StreakState, *, settled_day: dt.date | None) -> int:
    """The current streak as shown to people.

    ``settled_day`` is the channel's latest quiz day whose runs have all closed. A
    member who had no correct answer on that day (or later) has lost the streak.
    """
    if state.last_day is None:
        return 0
    if settled_day is None or state.last_day >= settled_day:
        return state.current
    return 0


def milestones_crossed(before: int, after: int) -> list[int]:
    """The streak milestones reached when a streak goes from ``before`` to ``after``."""
    return [m for m in STREAK_MILESTONES if before < m <= after]


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def month_start(day: dt.date) -> dt.date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def period_start(kind: str, day: dt.date) -> dt.date:
    """The first day of the ``"week"`` or ``"month"`` holding ``day``."""
    if kind == "week":
        return week_start(day)
    if kind == "month":
        return month_start(day)
    raise ValueError(f"unknown period {kind!r}; expected one of {', '.join(PERIODS)}")
