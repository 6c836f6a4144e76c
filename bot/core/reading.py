"""Reading-group rules: chapters reached, the chapter of the week, check-in streaks.

Pure functions of counts, chapter lists and local dates; the services feed them what
the database holds.

Reached chapters (the default quiz scope)
    Chapters marked read in the notes' table of contents (``[X]``), plus chapters that
    at least half of the members who ever checked in have marked done
    (:func:`is_reached`). When none is reached yet, the first chapter is asked so the
    quiz never goes silent.

Chapter of the week (named by reminders)
    The first chapter, by number, that fewer than half of the *active* members have
    finished. Active members checked in within :data:`ACTIVE_DAYS` days; when nobody
    did, every member who ever checked in counts.

Check-in streak
    Consecutive local weeks (weeks start on Monday, in the guild's time zone) with at
    least one check-in. The current week does not break a streak before it ends: a
    member who checked in last week but not yet this week keeps their streak.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process, utils

__all__ = [
    "ACTIVE_DAYS",
    "chapter_of_the_week",
    "checkin_streak",
    "is_reached",
    "match_chapter",
    "members_needed",
    "progress_bar",
    "reached_chapters",
    "suggest_chapters",
    "week_of",
]

#: Members who checked in within this many days count as active for the chapter of the week.
ACTIVE_DAYS = 28
#: The lowest fuzzy score (0-100) at which a typed title names a chapter.
TITLE_CUTOFF = 60.0

_NUMBER = re.compile(
    r"^\s*(?:chapter|ch\.?|제)?\s*0*(\d+)\s*(?:장|\.|:|-|–)?\s*(?P<rest>.*)$", re.I
)


def is_reached(done: int, members: int) -> bool:
    """Whether ``done`` of ``members`` finishing a chapter is at least half of them."""
    return members > 0 and 2 * done >= members


def members_needed(done: int, members: int) -> int:
    """How many more members must finish a chapter for it to be reached (0 when it is)."""
    return max(0, -(-members // 2) - done) if members > 0 else 1


def reached_chapters(
    chapters: Sequence[int],
    *,
    read: Collection[int],
    done: Mapping[int, int],
    members: int,
) -> tuple[int, ...]:
    """The chapters (of ``chapters``) marked read in the notes or done by half the members."""
    return tuple(
        sorted(
            number
            for number in set(chapters)
            if number in read or is_reached(done.get(number, 0), members)
        )
    )


def chapter_of_the_week(
    chapters: Sequence[int], *, done: Mapping[int, int], active: int
) -> int | None:
    """The first chapter fewer than half of ``active`` members finished; ``None`` when all are.

    With no active member the first chapter is the chapter of the week.
    """
    ordered = sorted(set(chapters))
    if not ordered:
        return None
    if active <= 0:
        return ordered[0]
    for number in ordered:
        if not is_reached(done.get(number, 0), active):
            return number
    return None


def progress_bar(done: int, total: int, width: int = 10) -> str:
    """``███░░░░░░░``: ``done`` of ``total`` as a bar of ``width`` cells."""
    filled = 0 if total <= 0 else round(width * min(done, total) / total)
    return "█" * filled + "░" * (width - filled)


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def checkin_streak(weeks: Iterable[dt.date], *, today: dt.date) -> tuple[int, int]:
    """``(current, best)`` streak of consecutive weeks among ``weeks`` (any day of each week).

    The current streak ends this week or last week (this week is not over yet).
    """
    starts = sorted({week_of(day) for day in weeks})
    if not starts:
        return 0, 0
    week = dt.timedelta(days=7)
    best = run = 0
    previous: dt.date | None = None
    for start in starts:
        run = run + 1 if previous is not None and start - previous == week else 1
        best = max(best, run)
        previous = start
    this_week = week_of(today)
    current = run if previous is not None and this_week - previous <= week else 0
    return current, best


def match_chapter(chapters: Sequence[tuple[int, str]], given: str) -> int | None:
    """The chapter number ``given`` names: a number (``2``, ``2장``, ``Chapter 2``) or a title.

    Titles match exactly (ignoring case and spacing) first, then fuzzily; ``None`` when
    nothing matches well enough.
    """
    wanted = given.strip()
    if not wanted:
        return None
    numbers = {number for number, _ in chapters}
    found = _NUMBER.match(wanted)
    if found and int(found.group(1)) in numbers:
        return int(found.group(1))
    key = utils.default_process(wanted)
    for number, title in chapters:
        if utils.default_process(title) == key:
            return number
    best = process.extractOne(
        wanted,
        dict(chapters),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=TITLE_CUTOFF,
    )
    return best[2] if best is not None else None


def suggest_chapters(
    chapters: Sequence[tuple[int, str]], typed: str, *, limit: int = 25
) -> list[tuple[int, str]]:
    """Chapters for an autocomplete list: all (in order) when nothing is typed, else the best
    matches of the number or the title first."""
    ordered = sorted(chapters)
    wanted = typed.strip()
    if not wanted:
        return ordered[:limit]
    found = _NUMBER.match(wanted)
    exact = [pair for pair in ordered if found and pair[0] == int(found.group(1))]
    scored = process.extract(
        wanted,
        {number: f"{number} {title}" for number, title in ordered},
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=TITLE_CUTOFF - 10,
        limit=None,
    )
    titles = dict(ordered)
    rest = [(key, titles[key]) for _text, _score, key in scored if (key, titles[key]) not in exact]
    return (exact + rest)[:limit]
