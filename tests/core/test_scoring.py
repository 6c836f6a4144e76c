"""Points and streak rules (bot.core.scoring), including streaks across weekends and DST."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.schedule import Schedule, is_quiz_day, local_day, previous_quiz_day, slot_on
from bot.core.scoring import (
    BASE_POINTS,
    MAX_SPEED_BONUS,
    STREAK_MILESTONES,
    StreakState,
    extend_streak,
    milestones_crossed,
    period_start,
    points_for,
    shown_streak,
    speed_bonus,
)

WINDOW = dt.timedelta(hours=12)


@pytest.mark.parametrize(
    ("elapsed", "bonus"),
    [
        (dt.timedelta(0), MAX_SPEED_BONUS),
        (dt.timedelta(hours=3), 3),  # 2.5 rounds half up
        (dt.timedelta(hours=6), 0),
        (dt.timedelta(hours=11), 0),
        (dt.timedelta(seconds=-5), MAX_SPEED_BONUS),
    ],
)
def test_speed_bonus_falls_over_the_first_half_of_the_window(
    elapsed: dt.timedelta, bonus: int
) -> None:
    """Answering at once earns the full bonus; after half the window there is none."""
    assert speed_bonus(elapsed, WINDOW) == bonus
    assert points_for(correct=True, elapsed=elapsed, window=WINDOW) == BASE_POINTS + bonus


@given(
    elapsed=st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=2)),
    window=st.timedeltas(min_value=dt.timedelta(seconds=1), max_value=dt.timedelta(days=1)),
)
def test_points_are_bounded_and_never_reward_slowness(
    elapsed: dt.timedelta, window: dt.timedelta
) -> None:
    """Points stay within 10..15 for a right answer, 0 for a wrong one, and never grow with time."""
    right = points_for(correct=True, elapsed=elapsed, window=window)
    assert BASE_POINTS <= right <= BASE_POINTS + MAX_SPEED_BONUS
    assert points_for(correct=False, elapsed=elapsed, window=window) == 0
    later = points_for(correct=True, elapsed=elapsed + dt.timedelta(seconds=1), window=window)
    assert later <= right


WEEKDAYS = Schedule(dt.time(9, 0), "Europe/Berlin", frozenset(range(5)))


def _streak_after(schedule: Schedule, correct_days: list[dt.date]) -> StreakState:
    state = StreakState()
    for day in correct_days:
        state = extend_streak(state, day=day, previous_quiz_day=previous_quiz_day(schedule, day))
    return state


def test_weekend_neither_extends_nor_breaks_a_weekday_streak() -> None:
    """Answering Thu, Fri and the next Mon of a Mon–Fri quiz is a 3-day streak."""
    days = [dt.date(2026, 3, 26), dt.date(2026, 3, 27), dt.date(2026, 3, 30)]
    state = _streak_after(WEEKDAYS, days)
    assert (state.current, state.best) == (3, 3)
    assert shown_streak(state, settled_day=dt.date(2026, 3, 30)) == 3


def test_missed_quiz_day_breaks_the_streak_but_best_is_kept() -> None:
    """Skipping a scheduled Tuesday restarts the streak at 1; the best stays."""
    days = [dt.date(2026, 3, 23), dt.date(2026, 3, 25)]
    state = _streak_after(WEEKDAYS, days)
    assert (state.current, state.best) == (1, 1)
    state = _streak_after(WEEKDAYS, [dt.date(2026, 3, 16 + i) for i in range(5)])
    state = extend_streak(
        state,
        day=dt.date(2026, 3, 24),
        previous_quiz_day=dt.date(2026, 3, 23),
    )
    assert (state.current, state.best) == (1, 5)


def test_streak_is_shown_as_lost_once_a_missed_day_has_closed() -> None:
    """A member who missed the latest closed quiz day sees 0, and their best is unchanged."""
    state = _streak_after(WEEKDAYS, [dt.date(2026, 3, 23), dt.date(2026, 3, 24)])
    assert shown_streak(state, settled_day=dt.date(2026, 3, 24)) == 2
    assert shown_streak(state, settled_day=dt.date(2026, 3, 25)) == 0
    assert state.best == 2


def test_two_correct_answers_on_one_day_count_once() -> None:
    """Several questions on one day extend the streak by one day only."""
    day = dt.date(2026, 3, 23)
    state = _streak_after(WEEKDAYS, [day, day, day])
    assert state.current == 1


def test_milestones_are_reported_once_when_crossed() -> None:
    """Reaching 3, 7 or 30 days is announced exactly when it happens."""
    assert milestones_crossed(2, 3) == [3]
    assert milestones_crossed(3, 4) == []
    assert milestones_crossed(0, 30) == list(STREAK_MILESTONES)


def test_periods_start_on_monday_and_the_first_of_the_month() -> None:
    """Weekly boards run Monday to Sunday; monthly boards follow the calendar month."""
    sunday = dt.date(2026, 3, 29)
    assert period_start("week", sunday) == dt.date(2026, 3, 23)
    assert period_start("month", sunday) == dt.date(2026, 3, 1)
    with pytest.raises(ValueError, match="unknown period"):
        period_start("year", sunday)


ZONES = ["Europe/Berlin", "America/New_York", "Asia/Seoul", "Australia/Lord_Howe"]


@settings(max_examples=150, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    hour=st.sampled_from([0, 2, 9, 23]),
    weekdays=st.frozensets(st.integers(0, 6), min_size=1),
    start=st.sampled_from(
        [dt.date(2026, 3, 20), dt.date(2026, 10, 20), dt.date(2026, 3, 30), dt.date(2026, 4, 1)]
    ),
    answered=st.lists(st.booleans(), min_size=1, max_size=40),
)
def test_streak_equals_consecutive_correct_quiz_days_across_dst(
    zone: str, hour: int, weekdays: frozenset[int], start: dt.date, answered: list[bool]
) -> None:
    """Across DST changes the streak is the run of correct scheduled days up to the latest one."""
    schedule = Schedule(dt.time(hour, 30), zone, weekdays)
    quiz_days: list[dt.date] = []
    day = start
    while len(quiz_days) < len(answered):
        if is_quiz_day(schedule, day):
            quiz_days.append(day)
        day += dt.timedelta(days=1)
    state = StreakState()
    for quiz_day, correct in zip(quiz_days, answered, strict=True):
        # The day is worked out from the slot's UTC instant, as the services do.
        slot_day = local_day(slot_on(schedule, quiz_day), zone)
        assert slot_day == quiz_day
        if correct:
            state = extend_streak(
                state, day=slot_day, previous_quiz_day=previous_quiz_day(schedule, slot_day)
            )
    expected_current = 0
    for correct in reversed(answered):
        if not correct:
            break
        expected_current += 1
    longest = run = 0
    for correct in answered:
        run = run + 1 if correct else 0
        longest = max(longest, run)
    assert shown_streak(state, settled_day=quiz_days[-1]) == expected_current
    assert state.best == longest
