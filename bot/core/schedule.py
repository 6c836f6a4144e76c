"""When quizzes run: a local time of day in an IANA time zone on chosen weekdays.

A :class:`Schedule` says "09:00 Asia/Seoul, Mon–Fri, answers open for 12 hours".
The functions here turn it into UTC instants ("slots") and answer the questions the
scheduler asks: when is the next run, which run is due now (also after downtime),
which local day is it, which quiz day came before this one.

Rules for the two awkward hours of daylight saving time (they follow ``zoneinfo``'s
``fold=0`` arithmetic, and are applied the same way every time):

* A local time that does not exist (spring forward, e.g. 02:30 in New York on
  2026-03-08) fires at that time shifted forward by the size of the gap (03:30 local),
  i.e. the instant a clock that did not jump would have shown 02:30.
* A local time that happens twice (fall back, e.g. 02:30 in Berlin on 2026-10-25)
  fires once, at its first occurrence (the summer-time one).

Days are numbered like :meth:`datetime.date.weekday`: 0 = Monday … 6 = Sunday.
All instants taken and returned are timezone-aware; returned instants are in UTC.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, available_timezones

from rapidfuzz import fuzz, process, utils

from bot.core.errors import InvalidTime, InvalidTimezone, InvalidWeekdays, ScheduleError

__all__ = [
    "ALL_DAYS",
    "DEFAULT_WINDOW",
    "WEEKDAYS",
    "WEEKENDS",
    "Schedule",
    "due_slot",
    "format_weekdays",
    "is_quiz_day",
    "latest_slot",
    "local_day",
    "next_slot",
    "parse_time_of_day",
    "parse_timezone",
    "parse_weekdays",
    "previous_quiz_day",
    "slot_on",
]

UTC = dt.UTC
ALL_DAYS: frozenset[int] = frozenset(range(7))
WEEKDAYS: frozenset[int] = frozenset(range(5))
WEEKENDS: frozenset[int] = frozenset({5, 6})
DEFAULT_WINDOW = dt.timedelta(hours=12)

# How far the slot searches look: one full week plus the day on either side.
_SEARCH_DAYS = 8
# Below this similarity (0–100) a time zone suggestion would confuse more than help.
_SUGGESTION_CUTOFF = 80.0


# --------------------------------------------------------------------------- time zones


@functools.cache
def _zone_names() -> dict[str, str]:
    """Every IANA time zone name known to zoneinfo, keyed by its casefolded spelling."""
    names = available_timezones() | {"UTC"}
    return {name.casefold(): name for name in sorted(names)}


def parse_timezone(name: str) -> ZoneInfo:
    """The IANA time zone called ``name`` (any letter case), e.g. ``asia/seoul``.

    Raises :class:`InvalidTimezone` with the closest known name as a suggestion.
    """
    text = unicodedata.normalize("NFKC", name).strip()
    canonical = _zone_names().get(text.casefold())
    if canonical is not None:
        return ZoneInfo(canonical)
    if not text:
        raise InvalidTimezone("Give a time zone such as Asia/Seoul or Europe/Berlin.")
    match = process.extractOne(
        text,
        list(_zone_names().values()),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=_SUGGESTION_CUTOFF,
    )
    hint = f" Did you mean {match[0]}?" if match else " Use a name such as Asia/Seoul."
    raise InvalidTimezone(f"Unknown time zone '{_shown(text)}'.{hint}")


@functools.cache
def _zone(name: str) -> ZoneInfo:
    return parse_timezone(name)


# --------------------------------------------------------------------------- time of day

_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")


def parse_time_of_day(text: str) -> dt.time:
    """A 24-hour ``H:MM`` or ``HH:MM`` time such as ``9:00``, ``09:00`` or ``21:30``.

    Raises :class:`InvalidTime` for anything else (``9am``, ``24:00``, ``12:60``).
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    found = _TIME.fullmatch(cleaned)
    if found is None:
        raise InvalidTime(
            f"'{_shown(cleaned)}' is not a time of day: use 24-hour HH:MM, e.g. 09:00 or 21:30."
        )
    hour, minute = int(found[1]), int(found[2])
    if hour > 23:
        raise InvalidTime(f"'{cleaned}': the hour must be 0 to 23 (midnight is 00:00).")
    if minute > 59:
        raise InvalidTime(f"'{cleaned}': the minutes must be 00 to 59.")
    return dt.time(hour, minute)


# --------------------------------------------------------------------------- weekdays

_EN_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_KO_NAMES = ("월", "화", "수", "목", "금", "토", "일")

_DAY_WORDS: dict[str, int] = {}
for _number, _words in enumerate(
    (
        ("mon", "monday", "mo"),
        ("tue", "tues", "tuesday", "tu"),
        ("wed", "weds", "wednesday", "we"),
        ("thu", "thur", "thurs", "thursday", "th"),
        ("fri", "friday", "fr"),
        ("sat", "saturday", "sa"),
        ("sun", "sunday", "su"),
    )
):
    for _word in _words:
        _DAY_WORDS[_word] = _number
for _number, _name in enumerate(_KO_NAMES):
    _DAY_WORDS[_name] = _number
    _DAY_WORDS[_name + "요일"] = _number

_GROUP_WORDS: dict[str, frozenset[int]] = {
    "daily": ALL_DAYS,
    "everyday": ALL_DAYS,
    "all": ALL_DAYS,
    "alldays": ALL_DAYS,
    "매일": ALL_DAYS,
    "매일매일": ALL_DAYS,
    "weekdays": WEEKDAYS,
    "weekday": WEEKDAYS,
    "평일": WEEKDAYS,
    "weekends": WEEKENDS,
    "weekend": WEEKENDS,
    "주말": WEEKENDS,
}

_DASHES = re.compile(r"\s*[-‐‑‒–—―~〜～]\s*")
_SEPARATORS = re.compile(r"[\s,;/·・+&、]+")
_KOREAN_RUN = re.compile(r"(?:[월화수목금토일](?:요일)?)+")
_DAY_FORMS = "mon-fri, weekdays, daily, mon,wed,fri or 월-금"
_EXAMPLES = f"e.g. {_DAY_FORMS}"


def _day(word: str) -> int:
    number = _DAY_WORDS.get(word)
    if number is None:
        raise InvalidWeekdays(f"Unknown day '{_shown(word)}'. Write days like {_DAY_FORMS}.")
    return number


def _day_range(first: int, last: int) -> frozenset[int]:
    """Days from ``first`` to ``last`` inclusive, wrapping past Sunday (fri-mon)."""
    length = (last - first) % 7 + 1
    return frozenset((first + step) % 7 for step in range(length))


def _token_days(token: str) -> frozenset[int]:
    group = _GROUP_WORDS.get(token)
    if group is not None:
        return group
    if "-" in token:
        ends = token.split("-")
        if len(ends) != 2 or not all(ends):
            raise InvalidWeekdays(
                f"'{_shown(token)}' is not a range of days: write it like mon-fri or 월-금."
            )
        return _day_range(_day(ends[0]), _day(ends[1]))
    if token in _DAY_WORDS:
        return frozenset({_DAY_WORDS[token]})
    if _KOREAN_RUN.fullmatch(token):  # 월수금, 월요일수요일
        return frozenset(_DAY_WORDS[char] for char in token.replace("요일", ""))
    return frozenset({_day(token)})


def parse_weekdays(text: str) -> frozenset[int]:
    """The days named in ``text``: ``mon-fri``, ``Mon–Fri``, ``weekdays``, ``weekends``,
    ``daily``, ``mon,wed,fri``, ``mon wed fri``, ``fri-mon`` (wraps), ``월-금``, ``월수금``,
    ``평일``, ``주말``, ``매일``, full names such as ``monday``.

    Raises :class:`InvalidWeekdays` when a word is not a day or nothing is given.
    """
    cleaned = unicodedata.normalize("NFKC", text).casefold().strip()
    cleaned = _DASHES.sub("-", cleaned)
    for phrase in ("every day", "all days"):
        cleaned = cleaned.replace(phrase, phrase.replace(" ", ""))
    days: set[int] = set()
    for token in _SEPARATORS.split(cleaned):
        if token and token != "and":
            days |= _token_days(token)
    if not days:
        raise InvalidWeekdays(f"Give at least one day, {_EXAMPLES}.")
    return frozenset(days)


def format_weekdays(days: frozenset[int], language: str = "en") -> str:
    """Days for people: ``Mon–Fri``, ``Mon, Wed, Fri``, ``every day``; ``월–금``, ``월·수·금``.

    Three or more consecutive days are shown as a range, also across Sunday (``Fri–Mon``).
    """
    korean = language == "ko"
    names = _KO_NAMES if korean else _EN_NAMES
    if days >= ALL_DAYS:
        return "매일" if korean else "every day"
    if not days:
        return "요일 없음" if korean else "no days"
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    if len(runs) > 1 and runs[0][0] == 0 and runs[-1][-1] == 6:
        wrapped = runs[-1] + runs[0]
        if len(wrapped) >= 3:
            runs = [*runs[1:-1], wrapped]
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            parts.extend(names[day] for day in run)
    return ("·" if korean else ", ").join(parts)


# --------------------------------------------------------------------------- schedules


@dataclass(frozen=True)
class Schedule:
    """Quizzes at ``time_of_day`` local time in ``timezone`` on ``weekdays``.

    ``window`` is how long answers are taken after a slot. The time zone name is
    stored in its canonical spelling (``asia/seoul`` becomes ``Asia/Seoul``).
    Invalid values raise a :class:`ScheduleError` subclass.
    """

    time_of_day: dt.time
    timezone: str
    weekdays: frozenset[int] = field(default=ALL_DAYS)
    window: dt.timedelta = DEFAULT_WINDOW

    def __post_init__(self) -> None:
        if self.time_of_day.tzinfo is not None:
            raise InvalidTime(
                "The time of day is local to the schedule's time zone: give it naive."
            )
        object.__setattr__(self, "time_of_day", self.time_of_day.replace(fold=0))
        object.__setattr__(self, "timezone", parse_timezone(self.timezone).key)
        weekdays = frozenset(self.weekdays)
        if not weekdays:
            raise InvalidWeekdays(f"Give at least one day, {_EXAMPLES}.")
        if not weekdays <= ALL_DAYS:
            raise InvalidWeekdays("Days are numbered 0 (Monday) to 6 (Sunday).")
        object.__setattr__(self, "weekdays", weekdays)
        if self.window <= dt.timedelta(0):
            raise ScheduleError("The answer window must be longer than zero.")

    @property
    def zone(self) -> ZoneInfo:
        """The schedule's time zone."""
        return _zone(self.timezone)


def _aware(instant: dt.datetime, name: str) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {instant!r}")


def local_day(instant: dt.datetime, timezone: str) -> dt.date:
    """The calendar date in ``timezone`` at ``instant``."""
    _aware(instant, "instant")
    return instant.astimezone(_zone(timezone)).date()


def is_quiz_day(schedule: Schedule, day: dt.date) -> bool:
    """Whether the schedule runs on the local date ``day``."""
    return day.weekday() in schedule.weekdays


def slot_on(schedule: Schedule, day: dt.date) -> dt.datetime:
    """The UTC instant of the schedule's local time on the local date ``day``.

    Does not check the weekday. In a spring-forward gap the time is shifted forward
    by the gap; a fall-back time that happens twice gives its first occurrence.
    """
    local = dt.datetime.combine(day, schedule.time_of_day, tzinfo=schedule.zone)  # fold=0
    return local.astimezone(UTC)


def next_slot(schedule: Schedule, after: dt.datetime) -> dt.datetime:
    """The first slot strictly after ``after``."""
    _aware(after, "after")
    start = local_day(after, schedule.timezone) - dt.timedelta(days=1)
    for offset in range(_SEARCH_DAYS + 2):
        day = start + dt.timedelta(days=offset)
        if is_quiz_day(schedule, day):
            slot = slot_on(schedule, day)
            if slot > after:
                return slot
    raise AssertionError(f"no slot within {_SEARCH_DAYS} days of {after}")  # pragma: no cover


def latest_slot(schedule: Schedule, at: dt.datetime) -> dt.datetime | None:
    """The last slot at or before ``at`` (looking back at most eight days)."""
    _aware(at, "at")
    start = local_day(at, schedule.timezone) + dt.timedelta(days=1)
    for offset in range(_SEARCH_DAYS + 2):
        day = start - dt.timedelta(days=offset)
        if is_quiz_day(schedule, day):
            slot = slot_on(schedule, day)
            if slot <= at:
                return slot
    return None  # pragma: no cover - a non-empty week always has a slot


def due_slot(
    schedule: Schedule, now: dt.datetime, *, since: dt.datetime | None = None
) -> dt.datetime | None:
    """The slot whose answer window is open at ``now``, if any.

    This is the latest slot at or before ``now`` when ``now`` is still inside
    ``[slot, slot + window)``: after downtime it is the run to post late; once the
    window has passed the slot is skipped. Earlier slots close before the latest does.

    ``since`` is when the schedule became active (set up or resumed): a slot at or
    before it is never due, so catching up only posts slots missed while the bot was
    down, never those from before the schedule existed. The first slot it posts is
    then ``next_slot(schedule, since)``.
    """
    if since is not None:
        _aware(since, "since")
    slot = latest_slot(schedule, now)
    if slot is None or now >= slot + schedule.window:
        return None
    if since is not None and slot <= since:
        return None
    return slot


def previous_quiz_day(schedule: Schedule, day: dt.date) -> dt.date | None:
    """The scheduled local date before ``day`` (Friday before a Monday for Mon–Fri)."""
    for offset in range(1, 8):
        earlier = day - dt.timedelta(days=offset)
        if is_quiz_day(schedule, earlier):
            return earlier
    return None  # pragma: no cover - a Schedule always has at least one day


def _shown(text: str, limit: int = 40) -> str:
    """User input shortened for an error message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
