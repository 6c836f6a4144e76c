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
└── NoQuestions             nothing left to ask in the chosen scope
"""

from __future__ import annotations

__all__ = [
    "AlreadyAnswered",
    "ContentError",
    "InvalidTime",
    "InvalidTimezone",
    "InvalidWeekdays",
    "NoQuestions",
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
