"""The reading-group rules: reached chapters, chapter of the week, streaks, chapter names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.reading import (
    chapter_of_the_week,
    checkin_streak,
    is_reached,
    match_chapter,
    members_needed,
    progress_bar,
    reached_chapters,
    suggest_chapters,
)

CHAPTERS = [(1, "쿠버네티스 소개"), (2, "컨테이너 생성 및 실행"), (3, "Deploying a Cluster")]
MONDAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("done", "members", "reached", "needed"),
    [(0, 0, False, 1), (1, 2, True, 0), (1, 3, False, 1), (2, 3, True, 0), (1, 4, False, 1)],
)
def test_half_of_the_members_reach_a_chapter(
    done: int, members: int, reached: bool, needed: int
) -> None:
    """A chapter is reached when at least half the members finished it; the rest is counted."""
    assert is_reached(done, members) is reached
    assert members_needed(done, members) == needed


def test_reached_chapters_join_table_of_contents_and_finishers() -> None:
    """Chapters marked read count, and so do chapters half the members finished."""
    assert reached_chapters([1, 2, 3], read={1}, done={3: 2}, members=4) == (1, 3)
    assert reached_chapters([1, 2, 3], read=set(), done={}, members=0) == ()


def test_chapter_of_the_week_is_the_first_not_finished_by_half() -> None:
    """The first chapter fewer than half of the active members finished; none when all did."""
    assert chapter_of_the_week([1, 2, 3], done={1: 2, 2: 1}, active=3) == 2
    assert chapter_of_the_week([1, 2], done={1: 2, 2: 2}, active=2) is None
    assert chapter_of_the_week([2, 1], done={}, active=0) == 1
    assert chapter_of_the_week([], done={}, active=3) is None


@pytest.mark.parametrize(
    ("weeks_ago", "today_offset", "expected"),
    [
        ([], 0, (0, 0)),
        ([0], 0, (1, 1)),
        ([2, 1, 0], 0, (3, 3)),
        ([2, 1], 0, (2, 2)),  # this week is not over: the streak stands
        ([3, 2], 0, (0, 2)),  # last week was missed: broken
        ([5, 4, 3, 1, 0], 0, (2, 3)),
    ],
)
def test_checkin_streak_counts_consecutive_weeks(
    weeks_ago: list[int], today_offset: int, expected: tuple[int, int]
) -> None:
    """Consecutive Monday-start weeks with a check-in make the streak; the best is kept."""
    days = [MONDAY - dt.timedelta(weeks=w) + dt.timedelta(days=3) for w in weeks_ago]
    today = MONDAY + dt.timedelta(days=today_offset)
    assert checkin_streak(days, today=today) == expected


def test_a_sunday_and_the_next_monday_are_two_weeks() -> None:
    """Weeks start on Monday: Sunday then Monday is a streak of two weeks."""
    sunday = MONDAY - dt.timedelta(days=1)
    assert checkin_streak([sunday, MONDAY], today=MONDAY) == (2, 2)
    assert checkin_streak([MONDAY, MONDAY + dt.timedelta(days=6)], today=MONDAY) == (1, 1)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("2", 2),
        ("2장", 2),
        ("Chapter 3", 3),
        ("컨테이너", 2),
        ("쿠버네티스 소개", 1),
        ("deploying cluster", 3),
        ("9", None),
        ("양자역학", None),
        ("", None),
    ],
)
def test_chapters_are_named_by_number_or_title(typed: str, number: int | None) -> None:
    """A number, a Korean or English title (roughly) names a chapter; nonsense names none."""
    assert match_chapter(CHAPTERS, typed) == number


def test_suggestions_list_every_chapter_then_the_best_matches() -> None:
    """An empty box offers every chapter in order; typed text puts the match first."""
    assert suggest_chapters(CHAPTERS, "") == CHAPTERS
    assert suggest_chapters(CHAPTERS, "컨테이너")[0] == (2, "컨테이너 생성 및 실행")
    assert suggest_chapters(CHAPTERS, "3")[0][0] == 3
    assert len(suggest_chapters([(n, f"장 {n}") for n in range(40)], "")) == 25


def test_progress_bar_fills_in_proportion() -> None:
    """Half done fills half the bar; nobody in the group shows an empty bar."""
    assert progress_bar(1, 2) == "█████░░░░░"
    assert progress_bar(0, 0) == "░" * 10
    assert progress_bar(3, 3, width=4) == "████"


@given(st.text(max_size=60))
def test_naming_a_chapter_never_crashes(typed: str) -> None:
    """Whatever a member types, naming a chapter gives a known number or None."""
    assert match_chapter(CHAPTERS, typed) in {None, 1, 2, 3}
    assert all(pair in CHAPTERS for pair in suggest_chapters(CHAPTERS, typed))


@given(st.lists(st.integers(min_value=0, max_value=400), max_size=30), st.integers(0, 400))
def test_checkin_streak_is_bounded_by_the_weeks_checked_in(offsets: list[int], today: int) -> None:
    """The current streak never beats the best, and neither beats the weeks checked in."""
    start = dt.date(2025, 1, 1)
    days = [start + dt.timedelta(days=n) for n in offsets]
    on = start + dt.timedelta(days=max(offsets, default=0) + today)
    current, best = checkin_streak(days, today=on)
    weeks = {day - dt.timedelta(days=day.weekday()) for day in days}
    assert 0 <= current <= best <= len(weeks)
    assert (best == 0) == (not days)
