"""Practice rules: ratings from answers, the first return, retention bounds, streaks."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.practice import (
    MAX_RETENTION,
    MIN_RETENTION,
    Rating,
    check_retention,
    days_until,
    practice_streak,
    rating_for,
    retrievability,
    review,
)

AT = dt.datetime(2026, 3, 23, 0, 0, tzinfo=dt.UTC)
WINDOW = dt.timedelta(hours=10)


@pytest.mark.parametrize(
    ("correct", "minutes", "rating"),
    [
        (False, 1, Rating.AGAIN),
        (False, 590, Rating.AGAIN),
        (True, 59, Rating.EASY),
        (True, 60, Rating.GOOD),
        (True, 300, Rating.GOOD),
        (True, 301, Rating.HARD),
        (True, 599, Rating.HARD),
    ],
)
def test_rating_follows_correctness_and_speed(correct: bool, minutes: int, rating: Rating) -> None:
    """Wrong is Again; right in the first tenth is Easy, after half the window Hard."""
    elapsed = dt.timedelta(minutes=minutes)
    assert rating_for(correct=correct, elapsed=elapsed, window=WINDOW) is rating


@pytest.mark.parametrize("rating", list(Rating))
def test_a_first_review_comes_back_the_next_day_at_the_earliest(rating: Rating) -> None:
    """No minute-level steps: even a wrong first answer waits until tomorrow."""
    assert review(None, rating, at=AT).due >= AT + dt.timedelta(days=1)


def test_better_answers_come_back_later() -> None:
    """Again ≤ Hard < Good < Easy in the interval they give a new question."""
    dues = [review(None, rating, at=AT).due for rating in Rating]
    assert dues[0] <= dues[1] < dues[2] < dues[3]


def test_a_lapse_after_a_review_is_counted_and_returns_tomorrow() -> None:
    """Forgetting a learnt question brings it back the next day and counts a lapse."""
    learnt = review(review(None, Rating.GOOD, at=AT), Rating.GOOD, at=AT + dt.timedelta(days=2))
    lapsed = review(learnt, Rating.AGAIN, at=learnt.due)
    assert lapsed.lapses == 1
    assert lapsed.reviews == 3
    assert lapsed.due - learnt.due <= dt.timedelta(days=2)


def test_retrievability_falls_with_time() -> None:
    """The estimated chance of recall is lower a week later than the next day."""
    state = review(None, Rating.GOOD, at=AT)
    soon = retrievability(state, at=AT + dt.timedelta(days=1))
    late = retrievability(state, at=AT + dt.timedelta(days=7))
    assert 0 < late < soon <= 1


@pytest.mark.parametrize("value", [MIN_RETENTION - 0.01, MAX_RETENTION + 0.01])
def test_retention_outside_the_allowed_range_is_refused(value: float) -> None:
    """A server may choose 0.80–0.95 only."""
    with pytest.raises(ValueError, match="between"):
        check_retention(value)


def test_practice_streak_counts_consecutive_days_and_survives_until_tonight() -> None:
    """Yesterday's streak is still alive today; a gap ends it."""
    today = dt.date(2026, 3, 23)
    days = [today - dt.timedelta(days=n) for n in (1, 2, 3, 5)]
    assert practice_streak(days, today=today) == 3
    assert practice_streak([*days, today], today=today) == 4
    assert practice_streak(days, today=today + dt.timedelta(days=1)) == 0


def test_days_until_counts_local_days() -> None:
    """A review due early tomorrow in Seoul is one day away, an overdue one zero."""
    seoul = dt.timezone(dt.timedelta(hours=9))
    today = dt.date(2026, 3, 23)
    assert days_until(AT + dt.timedelta(hours=16), today=today, timezone=seoul) == 1
    assert days_until(AT - dt.timedelta(days=3), today=today, timezone=seoul) == 0


def test_a_reminder_is_due_once_a_local_day_from_its_time() -> None:
    """A 20:00 Seoul reminder waits until 20:00, fires once that day, and is due again tomorrow."""
    from bot.core.practice import reminder_due

    evening = dt.time(20, 0)
    before = dt.datetime(2026, 3, 23, 10, 59, tzinfo=dt.UTC)  # 19:59 in Seoul
    due, today, following = reminder_due(
        time_of_day=evening, timezone="Asia/Seoul", now=before, last_sent_on=None
    )
    assert (due, today) == (False, dt.date(2026, 3, 23))
    assert following == dt.datetime(2026, 3, 23, 11, 0, tzinfo=dt.UTC)
    after = following + dt.timedelta(hours=2)
    assert reminder_due(time_of_day=evening, timezone="Asia/Seoul", now=after, last_sent_on=None)[0]
    sent = reminder_due(time_of_day=evening, timezone="Asia/Seoul", now=after, last_sent_on=today)
    assert sent[0] is False
    assert sent[2] == dt.datetime(2026, 3, 24, 11, 0, tzinfo=dt.UTC)
