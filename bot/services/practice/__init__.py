"""Personal practice: each member's spaced-repetition schedule of the server's questions.

Every channel-quiz answer is also a review in the answering member's schedule
(:func:`record_quiz_reviews_in`, called by :func:`bot.services.runs.close_run` in the
transaction that scores the run). A practice session asks one question at a time
(:func:`next_question`): the member's due questions, most overdue first, then new
questions from the chapters the member has reached, never beyond (their own
check-ins, else the server's quiz scope). :func:`record_practice` stores a practice
answer: it changes the schedule and the practice streak only, never points, boards
or quiz streaks.

A schedule belongs to the question's answer: once the notes change the answer, the
question is new again for everyone; a new wording of the same answer keeps it.
Questions a server may practise are chosen by one filter, :func:`practicable`.
Members may ask to be reminded once a day when practice is due
(:func:`set_reminder`, :func:`list_reminders`, :func:`claim_reminder`).

The rules (ratings, FSRS, streaks) live in :mod:`bot.core.practice`.

The work is split by responsibility: :mod:`~bot.services.practice.reviews` (storing
reviews), :mod:`~bot.services.practice.session` (what comes next),
:mod:`~bot.services.practice.stats` (figures, streak, retention) and
:mod:`~bot.services.practice.reminders`; every public name is importable from here.
"""

from __future__ import annotations

from bot.services.practice._store import practicable
from bot.services.practice.reminders import (
    PracticeReminderView,
    claim_reminder,
    list_reminders,
    set_reminder,
)
from bot.services.practice.reviews import (
    PracticeAnswer,
    practice_question,
    record_practice,
    record_quiz_reviews_in,
)
from bot.services.practice.session import (
    PracticeMode,
    PracticeQuestion,
    check_session,
    due_count,
    next_question,
)
from bot.services.practice.stats import (
    PracticeStats,
    member_practice_streak,
    practice_stats,
    set_retention,
)

__all__ = [
    "PracticeAnswer",
    "PracticeMode",
    "PracticeQuestion",
    "PracticeReminderView",
    "PracticeStats",
    "check_session",
    "claim_reminder",
    "due_count",
    "list_reminders",
    "member_practice_streak",
    "next_question",
    "practicable",
    "practice_question",
    "practice_stats",
    "record_practice",
    "record_quiz_reviews_in",
    "set_reminder",
    "set_retention",
]
