"""Named domain errors. Front doors turn these into friendly messages.

QuizbotError
├── ContentError            a notes file cannot be read at all
├── ScheduleError           a schedule setting is invalid
│   ├── InvalidTimezone
│   ├── InvalidTime
│   └── InvalidWeekdays
├── UnknownChapter
├── RunError
│   ├── RunNotFound
│   ├── QuizClosed
│   └── AlreadyAnswered
├── NoQuestions             nothing left to ask in the chosen scope
├── NotesSourceError        a server's notes cannot be fetched or taken (``reason`` names why)
└── PracticeError
    ├── NoSuchChapter       practice asked of a chapter the notes do not have (an UnknownChapter)
    ├── ChapterNotReached   practice asked of a chapter beyond the member's reading
    ├── CountOutOfRange     a practice session of too few or too many questions
    └── NothingToPractice   nothing due and no new question in reach
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "AlreadyAnswered",
    "ChapterNotReached",
    "ContentError",
    "CountOutOfRange",
    "InvalidTime",
    "InvalidTimezone",
    "InvalidWeekdays",
    "NoQuestions",
    "NoSuchChapter",
    "NotesSourceError",
    "NothingToPractice",
    "PracticeError",
    "QuizClosed",
    "QuizbotError",
    "RunError",
    "RunNotFound",
    "ScheduleError",
    "UnknownChapter",
]


class QuizbotError(Exception):
    """Base of every error quizbot reports to a user instead of crashing."""


class ContentError(QuizbotError):
    """A notes file cannot be read (missing, not text, undecodable)."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class ScheduleError(QuizbotError):
    """A schedule setting is invalid."""


class InvalidTimezone(ScheduleError):
    """The name is not an IANA time zone such as ``Asia/Seoul``."""


class InvalidTime(ScheduleError):
    """The time of day is not ``HH:MM``."""


class InvalidWeekdays(ScheduleError):
    """The weekday list cannot be understood."""


class UnknownChapter(QuizbotError):
    """No chapter of the loaded notes has that number or title."""


class RunError(QuizbotError):
    """Something about a quiz run prevents the action."""


class RunNotFound(RunError):
    """The quiz run does not exist (any more)."""


class QuizClosed(RunError):
    """The quiz run has closed; answers are no longer taken."""


class AlreadyAnswered(RunError):
    """The member has already answered this run; the first answer is final."""


class NoQuestions(QuizbotError):
    """There is no question to ask in the chosen scope."""


class NotesSourceError(QuizbotError):
    """A server's notes cannot be fetched or taken: a refused URL, a repository too large,
    a fetch that failed or took too long, an upload that is not notes.

    ``reason`` is a short key the front doors translate (``not_https``, ``too_large``,
    ``too_many_files``, ``timeout``, ``fetch_failed``, ``no_notes``, ``bad_file``,
    ``file_too_large``, ``no_such_file``); ``detail`` is safe to show: it never holds
    credentials.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class PracticeError(QuizbotError):
    """A practice session cannot start as asked."""


class ChapterNotReached(PracticeError):
    """The chapter exists but the member has not reached it in their reading yet."""

    def __init__(self, chapter: int) -> None:
        super().__init__(f"Chapter {chapter} is beyond your reading so far.")
        self.chapter = chapter


class CountOutOfRange(PracticeError):
    """A practice session has between 1 and ``most`` questions."""

    def __init__(self, count: int, most: int) -> None:
        super().__init__(f"A practice session has 1 to {most} questions, not {count}.")
        self.count = count
        self.most = most


class NothingToPractice(PracticeError):
    """Nothing is due and no new question is in reach; ``next_due`` is the next review."""

    def __init__(self, next_due: dt.datetime | None = None) -> None:
        super().__init__("Nothing to practise right now.")
        self.next_due = next_due


class NoSuchChapter(UnknownChapter, PracticeError):
    """Practice asked of chapter ``chapter``; the notes' chapters are ``known``."""

    def __init__(self, chapter: int, known: tuple[int, ...]) -> None:
        listed = ", ".join(str(c) for c in known) or "none"
        super().__init__(f"There is no chapter {chapter}. Chapters: {listed}.")
        self.chapter = chapter
        self.known = known
