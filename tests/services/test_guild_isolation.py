"""Servers never see each other: every statement the services run is scoped to one guild."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from bot.core.schedule import Schedule
from bot.db import Database
from bot.services import checkins, claims, practice, runs, schedules, stats
from bot.services.practice import PracticeMode

SLOT = dt.datetime(2026, 3, 23, 0, 0, tzinfo=dt.UTC)  # Monday 09:00 in Seoul
SEOUL = Schedule(dt.time(9, 0), "Asia/Seoul")
CHANNELS = {1: 10, 2: 20}  # guild -> its quiz channel

# Tables whose rows belong to a guild; the catalogue and the notes' chapters are content.
GUILD_TABLES = (
    "quiz_channels",
    "quiz_runs",
    "answers",
    "members",
    "member_periods",
    "checkins",
    "practice_cards",
    "practice_reviews",
    "practice_reminders",
)
# A run's id (or an answer's run id) names a row of exactly one guild.
ROW_KEYS = ("guild_id", "quiz_runs.id", "answers.run_id")


@contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)


def _unscoped(statement: str) -> list[str]:
    """The WHERE clauses of ``statement`` that read guild rows without naming a guild or row."""
    if not any(re.search(rf"\b{table}\b", statement) for table in GUILD_TABLES):
        return []
    if statement.lstrip().upper().startswith("INSERT") and " WHERE " not in statement.upper():
        return []  # the values carry their guild
    clauses = re.split(r"\bWHERE\b", statement, flags=re.IGNORECASE)[1:]
    if not clauses and not statement.lstrip().upper().startswith("INSERT"):
        return [statement]  # a whole-table read
    return [clause for clause in clauses if not any(key in clause for key in ROW_KEYS)]


async def _play(db: Database, guild: int) -> None:
    channel = CHANNELS[guild]
    await schedules.configure_channel(db, guild_id=guild, channel_id=channel, schedule=SEOUL)
    await schedules.set_paused(db, guild_id=guild, channel_id=channel, paused=False)
    await schedules.set_chapters(db, guild_id=guild, channel_id=channel, chapters=(1, 2))
    await runs.question_pool(db, guild_id=guild, channel_id=channel)
    run, _ = await runs.claim_run(db, guild_id=guild, channel_id=channel, slot=SLOT, now=SLOT)
    for member in (1, 2, 3):  # the same member ids in both guilds
        choice = run.question.answer if member != 3 else "Node"
        await runs.record_answer(
            db,
            run_id=run.id,
            member_id=member,
            display_name=f"g{guild}m{member}",
            choice=choice,
            at=SLOT + dt.timedelta(minutes=member * guild),
        )
    await runs.set_message(db, run_id=run.id, message_id=guild * 1000, at=SLOT)
    await runs.open_runs(db, guild_ids=[guild])
    await runs.close_run(db, run_id=run.id, at=run.closes_at)
    await checkins.record_checkin(db, guild_id=guild, member_id=1, chapter=guild, at=SLOT)
    later = SLOT + dt.timedelta(days=2)
    for mode in (PracticeMode.MISSES, PracticeMode.DUE):
        found = await practice.next_question(
            db, guild_id=guild, member_id=3, now=later, mode=mode, since=later
        )
        await practice.record_practice(
            db,
            guild_id=guild,
            member_id=3,
            question_id=found.question.id,
            choice="Node",
            at=later,
            shown_at=later,
        )
    await practice.check_session(db, guild_id=guild, member_id=1, chapter=1)
    await practice.due_count(db, guild_id=guild, member_id=3, now=later)
    await practice.practice_stats(db, guild_id=guild, member_id=3, now=later)
    await practice.member_practice_streak(db, guild_id=guild, member_id=3, now=later)
    await practice.set_retention(db, guild_id=guild, retention=0.85)
    await practice.set_reminder(
        db, guild_id=guild, member_id=3, channel_id=channel, time_of_day=dt.time(20)
    )
    await practice.list_reminders(db, guild_ids=[guild])
    await practice.claim_reminder(
        db, guild_id=guild, member_id=3, day=later.date(), until=later + dt.timedelta(days=1)
    )


async def test_no_statement_reads_across_guilds(stocked: Database) -> None:
    """Each query of the quiz, board, stats, check-ins and practice reads one server's rows."""
    now = SLOT + dt.timedelta(days=1)
    with _statements(stocked) as seen:
        for guild in CHANNELS:
            await _play(stocked, guild)
        for period in stats.PERIODS:
            for metric in stats.METRICS:
                await stats.leaderboard(
                    stocked, guild_id=1, period=period, metric=metric, member_id=2, now=now
                )
        await stats.member_stats(stocked, guild_id=1, member_id=1, now=now)
        await schedules.get_schedule(stocked, guild_id=1, channel_id=10)
        await schedules.list_schedules(stocked, guild_ids=[1])
        await checkins.checkins_by_chapter(stocked, guild_id=1, chapter=1)
        await checkins.checkins_by_member(stocked, guild_id=1, member_id=1)
        await checkins.undo_last_checkin(stocked, guild_id=1, member_id=1)
        # A scheduler's batch claims slots of several guilds at once, naming each.
        due = []
        for guild, channel in CHANNELS.items():
            cs = await schedules.get_schedule(stocked, guild_id=guild, channel_id=channel)
            assert cs is not None
            due.append((cs, now))
        claimed = await claims.claim_slots(stocked, due, now=now)
        await claims.set_messages(
            stocked,
            [claims.MessageRecord(run.id, run.id, now) for c in claimed for run in c.created],
        )
    assert len(seen) > 40
    assert [clause for statement in seen for clause in _unscoped(statement)] == []


async def test_the_same_member_in_two_guilds_has_two_records(stocked: Database) -> None:
    """Points, answers and ranks earned in one server never show up in the other."""
    for guild in CHANNELS:
        await _play(stocked, guild)
    now = SLOT + dt.timedelta(days=1)
    first = await stats.member_stats(stocked, guild_id=1, member_id=1, now=now)
    second = await stats.member_stats(stocked, guild_id=2, member_id=1, now=now)
    assert first is not None
    assert second is not None
    assert (first.display_name, second.display_name) == ("g1m1", "g2m1")
    assert (first.answered, second.answered) == (1, 1)
    board = await stats.leaderboard(stocked, guild_id=2, now=now)
    assert [row.display_name for row in board.rows] == ["g2m1", "g2m2", "g2m3"]
    assert [c.chapter for c in await checkins.list_checkins(stocked, guild_id=2)] == [2]
    assert await stats.member_stats(stocked, guild_id=3, member_id=1, now=now) is None
