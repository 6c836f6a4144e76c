"""The reading group: check-ins with progress and streaks, the board, reminders, quiz scope.

Both front doors call these; every public name is importable from here. The work is
split by responsibility:

- :mod:`~bot.services.reading.chapters`: the notes' chapters kept in the database;
- :mod:`~bot.services.reading.members`: member names, reminder opt-in, time zones;
- :mod:`~bot.services.reading.progress`: check in, undo, a member's progress and streak;
- :mod:`~bot.services.reading.board`: the group's progress board;
- :mod:`~bot.services.reading.scope`: the default quiz scope, "the chapters the group
  has reached", which :mod:`bot.services.runs` uses for channels whose chapters were
  never chosen;
- :mod:`~bot.services.reading.reminders` and :mod:`~bot.services.reading.summary`:
  reminder schedules, claimed reminders and the weekly summary they carry.

Check-ins themselves are stored by :mod:`bot.services.checkins`; the rules live in
:mod:`bot.core.reading`.
"""

from __future__ import annotations

from bot.services.reading.board import BoardChapter, BoardMember, ProgressBoard, board
from bot.services.reading.chapters import (
    ChapterInfo,
    chapter_named,
    list_chapters,
    sync_chapters,
)
from bot.services.reading.members import guild_timezone, set_remind
from bot.services.reading.progress import (
    CheckinResult,
    MemberProgress,
    checkin,
    member_progress,
    streak,
    undo,
)
from bot.services.reading.reminders import (
    REMINDER_WINDOW,
    ReminderData,
    ReminderSchedule,
    ReminderView,
    claim_reminder,
    configure_reminders,
    get_reminder_schedule,
    list_reminder_schedules,
    reminder_data,
    remove_reminders,
    set_reminder_message,
    unposted_reminders,
)
from bot.services.reading.scope import QuizScope, quiz_scope, scope_in
from bot.services.reading.summary import WeeklySummary, weekly_summary

__all__ = [
    "REMINDER_WINDOW",
    "BoardChapter",
    "BoardMember",
    "ChapterInfo",
    "CheckinResult",
    "MemberProgress",
    "ProgressBoard",
    "QuizScope",
    "ReminderData",
    "ReminderSchedule",
    "ReminderView",
    "WeeklySummary",
    "board",
    "chapter_named",
    "checkin",
    "claim_reminder",
    "configure_reminders",
    "get_reminder_schedule",
    "guild_timezone",
    "list_chapters",
    "list_reminder_schedules",
    "member_progress",
    "quiz_scope",
    "reminder_data",
    "remove_reminders",
    "scope_in",
    "set_remind",
    "set_reminder_message",
    "streak",
    "sync_chapters",
    "undo",
    "unposted_reminders",
    "weekly_summary",
]
