"""Schedules: parsing what admins type, and firing at the right local time (DST included)."""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.errors import InvalidTime, InvalidTimezone, InvalidWeekdays, ScheduleError
from bot.core.schedule import (
    ALL_DAYS,
    Schedule,
    due_slot,
    format_weekdays,
    is_quiz_day,
    latest_slot,
    local_day,
    next_slot,
    parse_time_of_day,
    parse_timezone,
    parse_weekdays,
    previous_quiz_day,
    slot_on,
)

UTC = dt.UTC
MON_FRI = frozenset(range(5))


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def local(instant: dt.datetime, zone: str) -> dt.datetime:
    return instant.astimezone(ZoneInfo(zone))


# --------------------------------------------------------------------------- time zones


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Asia/Seoul", "Asia/Seoul"),
        ("asia/seoul", "Asia/Seoul"),
        ("  EUROPE/BERLIN ", "Europe/Berlin"),
        ("america/new_york", "America/New_York"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
    ],
)
def test_parse_timezone_accepts_iana_names_in_any_case(typed: str, canonical: str) -> None:
    """Admins may type a time zone in any letter case and get the canonical zone."""
    assert parse_timezone(typed).key == canonical


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("Asia/Seol", "Asia/Seoul"), ("Europe/Berln", "Europe/Berlin"), ("new york", "New_York")],
)
def test_parse_timezone_suggests_the_closest_name(typed: str, suggestion: str) -> None:
    """A misspelt time zone is refused with a 'did you mean' suggestion."""
    with pytest.raises(InvalidTimezone) as caught:
        parse_timezone(typed)
    message = str(caught.value)
    assert f"'{typed}'" in message
    assert "Did you mean" in message
    assert suggestion in message


@pytest.mark.parametrize("typed", ["", "   ", "KST", "../../etc/passwd", "x" * 500])
def test_parse_timezone_refuses_non_zones_clearly(typed: str) -> None:
    """Abbreviations, paths and junk are refused with an InvalidTimezone, not a crash."""
    with pytest.raises(InvalidTimezone) as caught:
        parse_timezone(typed)
    assert "time zone" in str(caught.value)
    assert len(str(caught.value)) < 200


@given(st.text(max_size=40))
@settings(max_examples=150, deadline=None)
def test_parse_timezone_never_crashes(text: str) -> None:
    """Any typed text gives a zone or an InvalidTimezone, never another exception."""
    try:
        zone = parse_timezone(text)
    except InvalidTimezone:
        return
    assert zone.key.casefold() == unicodedata.normalize("NFKC", text).strip().casefold()


# --------------------------------------------------------------------------- time of day


@pytest.mark.parametrize(
    ("typed", "hour", "minute"),
    [("9:00", 9, 0), ("09:00", 9, 0), ("21:30", 21, 30), ("0:05", 0, 5), (" 23:59 ", 23, 59)],
)
def test_parse_time_of_day_accepts_hh_mm(typed: str, hour: int, minute: int) -> None:
    """24-hour H:MM and HH:MM times are understood."""
    assert parse_time_of_day(typed) == dt.time(hour, minute)


def test_parse_time_of_day_accepts_full_width_digits() -> None:
    """Times typed with a Korean/Japanese IME (full-width digits and colon) work."""
    assert parse_time_of_day("０９：３０") == dt.time(9, 30)


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("24:00", "0 to 23"),
        ("12:60", "00 to 59"),
        ("9am", "HH:MM"),
        ("9", "HH:MM"),
        ("9:5", "HH:MM"),
        ("", "HH:MM"),
        ("09:00:00", "HH:MM"),
    ],
)
def test_parse_time_of_day_explains_bad_times(typed: str, hint: str) -> None:
    """A time that is not a valid 24-hour HH:MM gets a message saying what to type."""
    with pytest.raises(InvalidTime) as caught:
        parse_time_of_day(typed)
    assert hint in str(caught.value)


@given(st.text(max_size=20))
def test_parse_time_of_day_never_crashes(text: str) -> None:
    """Any typed text gives a time or an InvalidTime, never another exception."""
    try:
        parsed = parse_time_of_day(text)
    except InvalidTime:
        return
    hour, minute = unicodedata.normalize("NFKC", text).strip().split(":")
    assert parsed == dt.time(int(hour), int(minute))


# --------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("Mon–Fri", {0, 1, 2, 3, 4}),
        ("Mon - Fri", {0, 1, 2, 3, 4}),
        ("weekdays", {0, 1, 2, 3, 4}),
        ("weekends", {5, 6}),
        ("daily", set(range(7))),
        ("everyday", set(range(7))),
        ("every day", set(range(7))),
        ("all", set(range(7))),
        ("mon,wed,fri", {0, 2, 4}),
        ("mon wed fri", {0, 2, 4}),
        ("Mon, Wed, Fri", {0, 2, 4}),
        ("monday", {0}),
        ("Tuesday, THURSDAY", {1, 3}),
        ("fri-mon", {4, 5, 6, 0}),
        ("sun-sun", {6}),
        ("mon-wed, sat", {0, 1, 2, 5}),
        ("월-금", {0, 1, 2, 3, 4}),
        ("월~금", {0, 1, 2, 3, 4}),
        ("월수금", {0, 2, 4}),
        ("월요일-금요일", {0, 1, 2, 3, 4}),
        ("화, 목", {1, 3}),
        ("평일", {0, 1, 2, 3, 4}),
        ("주말", {5, 6}),
        ("매일", set(range(7))),
        ("토-월", {5, 6, 0}),
    ],
)
def test_parse_weekdays_understands_common_spellings(typed: str, days: set[int]) -> None:
    """Day lists typed in English or Korean, as ranges, lists or words, are understood."""
    assert parse_weekdays(typed) == frozenset(days)


@pytest.mark.parametrize("typed", ["", "  ", ", ,", "-"])
def test_parse_weekdays_refuses_an_empty_list(typed: str) -> None:
    """No days at all is refused with an example of what to type."""
    with pytest.raises(InvalidWeekdays, match="mon-fri"):
        parse_weekdays(typed)


@pytest.mark.parametrize("typed", ["mon-funday", "someday", "mon-tue-wed", "mon-"])
def test_parse_weekdays_names_the_word_it_does_not_know(typed: str) -> None:
    """An unknown day word or broken range is refused, quoting the offending text."""
    with pytest.raises(InvalidWeekdays) as caught:
        parse_weekdays(typed)
    assert "'" in str(caught.value)


@given(st.text(max_size=30))
def test_parse_weekdays_never_crashes(text: str) -> None:
    """Any typed text gives a non-empty day set or an InvalidWeekdays."""
    try:
        days = parse_weekdays(text)
    except InvalidWeekdays:
        return
    assert days
    assert days <= ALL_DAYS


@pytest.mark.parametrize(
    ("days", "english", "korean"),
    [
        (range(5), "Mon–Fri", "월–금"),
        (range(7), "every day", "매일"),
        ({0, 2, 4}, "Mon, Wed, Fri", "월·수·금"),
        ({5, 6}, "Sat, Sun", "토·일"),
        ({4, 5, 6, 0}, "Fri–Mon", "금–월"),
        ({0, 1, 2, 4}, "Mon–Wed, Fri", "월–수·금"),
        ({6, 0, 2}, "Mon, Wed, Sun", "월·수·일"),
        ({3}, "Thu", "목"),
    ],
)
def test_format_weekdays_reads_naturally(days: set[int], english: str, korean: str) -> None:
    """Day sets are shown as ranges and short lists in English and Korean."""
    assert format_weekdays(frozenset(days), "en") == english
    assert format_weekdays(frozenset(days), "ko") == korean


@given(st.frozensets(st.integers(0, 6), min_size=1), st.sampled_from(["en", "ko"]))
def test_formatted_weekdays_parse_back(days: frozenset[int], language: str) -> None:
    """What the bot shows can be typed back and means the same days."""
    assert parse_weekdays(format_weekdays(days, language)) == days


# --------------------------------------------------------------------------- Schedule


def test_schedule_stores_the_canonical_zone_name() -> None:
    """A schedule given 'asia/seoul' remembers 'Asia/Seoul'."""
    schedule = Schedule(dt.time(9), "asia/seoul")
    assert schedule.timezone == "Asia/Seoul"
    assert schedule.zone == ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"timezone": "Mars/Olympus"}, InvalidTimezone),
        ({"weekdays": frozenset()}, InvalidWeekdays),
        ({"weekdays": frozenset({7})}, InvalidWeekdays),
        ({"window": dt.timedelta(0)}, ScheduleError),
        ({"time_of_day": dt.time(9, tzinfo=UTC)}, InvalidTime),
    ],
)
def test_schedule_refuses_invalid_settings(kwargs: dict[str, object], error: type) -> None:
    """An impossible schedule is refused when made, not when it should fire."""
    values: dict[str, object] = {"time_of_day": dt.time(9), "timezone": "Asia/Seoul"}
    values.update(kwargs)
    with pytest.raises(error):
        Schedule(**values)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- slots and DST


def slots(schedule: Schedule, start: dt.datetime, count: int) -> list[dt.datetime]:
    found: list[dt.datetime] = []
    after = start
    for _ in range(count):
        after = next_slot(schedule, after)
        found.append(after)
    return found


@pytest.mark.parametrize(
    ("zone", "start"),
    [
        ("Europe/Berlin", utc(2026, 3, 26)),  # CET → CEST on Sunday 2026-03-29
        ("Europe/Berlin", utc(2026, 10, 22)),  # CEST → CET on Sunday 2026-10-25
        ("Asia/Seoul", utc(2026, 3, 26)),
        ("Asia/Seoul", utc(2026, 10, 22)),
        ("America/New_York", utc(2026, 3, 5)),  # EST → EDT on Sunday 2026-03-08
        ("America/New_York", utc(2026, 10, 29)),  # EDT → EST on Sunday 2026-11-01
    ],
)
def test_nine_oclock_stays_nine_oclock_across_dst(zone: str, start: dt.datetime) -> None:
    """A 09:00 daily schedule fires at 09:00 local time on every day around a DST change."""
    schedule = Schedule(dt.time(9), zone)
    found = slots(schedule, start, 7)
    assert [local(s, zone).time() for s in found] == [dt.time(9)] * 7
    days = [local(s, zone).date() for s in found]
    assert days == [days[0] + dt.timedelta(days=i) for i in range(7)]


def test_berlin_slot_moves_one_hour_in_utc_at_the_change() -> None:
    """Berlin's 09:00 is 08:00 UTC in winter and 07:00 UTC in summer."""
    schedule = Schedule(dt.time(9), "Europe/Berlin")
    assert slot_on(schedule, dt.date(2026, 3, 28)) == utc(2026, 3, 28, 8)
    assert slot_on(schedule, dt.date(2026, 3, 29)) == utc(2026, 3, 29, 7)
    assert slot_on(schedule, dt.date(2026, 10, 24)) == utc(2026, 10, 24, 7)
    assert slot_on(schedule, dt.date(2026, 10, 25)) == utc(2026, 10, 25, 8)


def test_seoul_slot_is_midnight_utc_all_year() -> None:
    """Seoul has no DST: 09:00 KST is always 00:00 UTC."""
    schedule = Schedule(dt.time(9), "Asia/Seoul")
    for day in (dt.date(2026, 3, 29), dt.date(2026, 10, 25), dt.date(2026, 7, 1)):
        assert slot_on(schedule, day) == utc(day.year, day.month, day.day, 0)


def test_time_in_the_spring_gap_fires_shifted_forward() -> None:
    """02:30 New York on the spring-forward day (no such time) fires at 03:30 EDT."""
    schedule = Schedule(dt.time(2, 30), "America/New_York")
    slot = slot_on(schedule, dt.date(2026, 3, 8))
    assert slot == utc(2026, 3, 8, 7, 30)
    assert local(slot, "America/New_York").time() == dt.time(3, 30)
    nxt = next_slot(schedule, slot)
    assert local(nxt, "America/New_York") == dt.datetime(
        2026, 3, 9, 2, 30, tzinfo=ZoneInfo("America/New_York")
    )


def test_time_that_happens_twice_fires_once_at_the_first() -> None:
    """02:30 Berlin on the fall-back day fires once, in summer time (00:30 UTC)."""
    schedule = Schedule(dt.time(2, 30), "Europe/Berlin")
    first = next_slot(schedule, utc(2026, 10, 24, 12))
    assert first == utc(2026, 10, 25, 0, 30)
    second = next_slot(schedule, first)
    assert local(second, "Europe/Berlin").date() == dt.date(2026, 10, 26)


def test_weekday_schedule_skips_the_weekend() -> None:
    """A Mon–Fri schedule goes from Friday's slot to Monday's."""
    schedule = Schedule(dt.time(9), "Asia/Seoul", MON_FRI)
    friday = slot_on(schedule, dt.date(2026, 11, 27))
    monday = next_slot(schedule, friday)
    assert local(monday, "Asia/Seoul") == dt.datetime(
        2026, 11, 30, 9, tzinfo=ZoneInfo("Asia/Seoul")
    )
    assert not is_quiz_day(schedule, dt.date(2026, 11, 28))
    assert is_quiz_day(schedule, dt.date(2026, 11, 30))


def test_next_slot_is_strictly_after() -> None:
    """Asking at the very instant of a slot gives the following one, never the same."""
    schedule = Schedule(dt.time(9), "Asia/Seoul")
    slot = slot_on(schedule, dt.date(2026, 11, 26))
    assert next_slot(schedule, slot) == slot + dt.timedelta(days=1)
    assert next_slot(schedule, slot - dt.timedelta(microseconds=1)) == slot


def test_next_slot_refuses_naive_datetimes() -> None:
    """A naive datetime is a programming error, caught loudly."""
    schedule = Schedule(dt.time(9), "Asia/Seoul")
    with pytest.raises(ValueError, match="aware"):
        next_slot(schedule, dt.datetime(2026, 1, 1))


def test_latest_slot_includes_the_instant_itself() -> None:
    """The latest slot at a slot's instant is that slot; just before, it is the previous one."""
    schedule = Schedule(dt.time(9), "Asia/Seoul", MON_FRI)
    monday = slot_on(schedule, dt.date(2026, 11, 30))
    friday = slot_on(schedule, dt.date(2026, 11, 27))
    assert latest_slot(schedule, monday) == monday
    assert latest_slot(schedule, monday - dt.timedelta(seconds=1)) == friday


def test_due_slot_within_the_window_and_after_downtime() -> None:
    """A slot is due from its time until its window closes, so a restart catches up late."""
    schedule = Schedule(dt.time(9), "Europe/Berlin", window=dt.timedelta(hours=12))
    slot = slot_on(schedule, dt.date(2026, 3, 29))
    assert due_slot(schedule, slot) == slot
    assert due_slot(schedule, slot + dt.timedelta(hours=5)) == slot  # back up after 5 h down
    assert due_slot(schedule, slot + dt.timedelta(hours=12)) is None  # window closed
    assert due_slot(schedule, slot - dt.timedelta(seconds=1)) is None  # yesterday's closed too


def test_a_slot_before_the_schedule_became_active_is_never_due() -> None:
    """Set up (or resumed) after today's time: today's slot is skipped, the next one is due."""
    schedule = Schedule(dt.time(9), "Europe/Berlin", window=dt.timedelta(hours=12))
    slot = slot_on(schedule, dt.date(2026, 3, 29))
    since = slot + dt.timedelta(hours=1)
    assert due_slot(schedule, since, since=since) is None
    assert due_slot(schedule, slot, since=slot) is None  # at the very instant: the next one
    assert next_slot(schedule, since) == slot + dt.timedelta(days=1)
    assert due_slot(schedule, slot + dt.timedelta(days=1), since=since) == next_slot(
        schedule, since
    )
    earlier = slot - dt.timedelta(minutes=1)  # active before the slot, then down over it
    assert due_slot(schedule, slot + dt.timedelta(hours=5), since=earlier) == slot


def test_due_slot_skips_days_missed_entirely() -> None:
    """After a whole day down, only a slot whose window is still open is due."""
    schedule = Schedule(dt.time(9), "Asia/Seoul", MON_FRI, window=dt.timedelta(hours=2))
    saturday_noon = utc(2026, 11, 28, 3)
    assert due_slot(schedule, saturday_noon) is None


@pytest.mark.parametrize(
    ("weekdays", "day", "expected"),
    [
        (MON_FRI, dt.date(2026, 11, 30), dt.date(2026, 11, 27)),  # Monday → Friday
        (MON_FRI, dt.date(2026, 11, 29), dt.date(2026, 11, 27)),  # Sunday → Friday
        (MON_FRI, dt.date(2026, 11, 26), dt.date(2026, 11, 25)),  # Thursday → Wednesday
        (ALL_DAYS, dt.date(2026, 11, 30), dt.date(2026, 11, 29)),  # daily: Monday → Sunday
        (frozenset({0, 2, 4}), dt.date(2026, 11, 25), dt.date(2026, 11, 23)),  # Wed → Mon
        (frozenset({6}), dt.date(2026, 11, 29), dt.date(2026, 11, 22)),  # Sun → last Sun
    ],
)
def test_previous_quiz_day_steps_over_days_off(
    weekdays: frozenset[int], day: dt.date, expected: dt.date
) -> None:
    """The quiz day before a given day skips unscheduled days (streaks use this)."""
    schedule = Schedule(dt.time(9), "Asia/Seoul", weekdays)
    assert previous_quiz_day(schedule, day) == expected


@pytest.mark.parametrize(
    ("instant", "zone", "day"),
    [
        (utc(2026, 3, 1, 14, 59, 59), "Asia/Seoul", dt.date(2026, 3, 1)),
        (utc(2026, 3, 1, 15), "Asia/Seoul", dt.date(2026, 3, 2)),
        (utc(2026, 3, 2, 3), "America/New_York", dt.date(2026, 3, 1)),
        (utc(2026, 3, 2, 5), "America/New_York", dt.date(2026, 3, 2)),
        (utc(2026, 3, 1, 23, 59), "UTC", dt.date(2026, 3, 1)),
        (dt.datetime(2026, 3, 2, 8, tzinfo=ZoneInfo("Asia/Seoul")), "UTC", dt.date(2026, 3, 1)),
    ],
)
def test_local_day_around_midnight_utc(instant: dt.datetime, zone: str, day: dt.date) -> None:
    """The local date is the group's calendar date, not the UTC one."""
    assert local_day(instant, zone) == day


# --------------------------------------------------------------------------- properties

ZONES = [
    "UTC",
    "Asia/Seoul",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",  # 30-minute DST shift
    "Asia/Kolkata",
    "America/Santiago",  # DST changes at midnight
    "Pacific/Chatham",
]

schedules = st.builds(
    Schedule,
    time_of_day=st.times(),
    timezone=st.sampled_from(ZONES),
    weekdays=st.frozensets(st.integers(0, 6), min_size=1),
    window=st.timedeltas(min_value=dt.timedelta(minutes=1), max_value=dt.timedelta(days=2)),
)
instants = st.datetimes(
    min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2035, 1, 1), timezones=st.just(UTC)
)


def in_gap(schedule: Schedule, day: dt.date) -> bool:
    """Whether the schedule's local time does not exist on that day."""
    wall = dt.datetime.combine(day, schedule.time_of_day, tzinfo=schedule.zone)
    return wall.astimezone(UTC).astimezone(schedule.zone).replace(tzinfo=None) != wall.replace(
        tzinfo=None
    )


@given(schedules, instants)
@settings(max_examples=300, deadline=None)
def test_next_slot_is_a_later_quiz_day_at_the_local_time(
    schedule: Schedule, after: dt.datetime
) -> None:
    """The next slot is after the given time, on a quiz day, at the schedule's local time."""
    slot = next_slot(schedule, after)
    assert slot > after
    assert slot.utcoffset() == dt.timedelta(0)
    wall = slot.astimezone(schedule.zone)
    day = wall.date()
    if in_gap(schedule, day):
        assert wall.time() > schedule.time_of_day
    else:
        assert wall.time() == schedule.time_of_day
        assert is_quiz_day(schedule, day)


@given(schedules, instants)
@settings(max_examples=200, deadline=None)
def test_slots_increase_and_never_skip_a_quiz_day(schedule: Schedule, start: dt.datetime) -> None:
    """Successive slots strictly increase and land on every quiz day in turn."""
    found = slots(schedule, start, 10)
    assert all(a < b for a, b in itertools.pairwise(found))
    days = [local_day(s, schedule.timezone) for s in found]
    expected = [
        day
        for offset in range((days[-1] - days[0]).days + 1)
        if is_quiz_day(schedule, day := days[0] + dt.timedelta(days=offset))
    ]
    assert days == expected
    assert latest_slot(schedule, found[-1]) == found[-1]
    assert latest_slot(schedule, found[-1] - dt.timedelta(microseconds=1)) == found[-2]


@given(schedules, instants)
@settings(max_examples=200, deadline=None)
def test_due_slot_is_the_open_latest_slot(schedule: Schedule, now: dt.datetime) -> None:
    """A due slot is at or before now with its window still open; else none is open."""
    due = due_slot(schedule, now)
    latest = latest_slot(schedule, now)
    assert latest is not None
    assert latest <= now < next_slot(schedule, latest)
    if due is None:
        assert now >= latest + schedule.window
    else:
        assert due == latest
        assert due <= now < due + schedule.window
