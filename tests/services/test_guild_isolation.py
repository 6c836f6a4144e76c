"""Servers never see each other: every statement the services run is scoped to one guild."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from bot.core.model import Chapter
from bot.core.review import Decision, ReportReason
from bot.core.schedule import Schedule
from bot.db import Database
from bot.services import (
    checkins,
    claims,
    practice,
    reading,
    reviews,
    runs,
    schedules,
    sources,
    stats,
)
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
    "question_reports",
    "question_holds",
    "review_decisions",
    "note_sources",
    "uploaded_notes",
)
# Content kept per source of notes: each read names the source (or the guild's choice).
SOURCE_TABLES = ("reading_chapters",)
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


def _scoped(clause: str) -> bool:
    """A WHERE clause names a guild or row, or only opens a subquery (whose own WHERE,
    the next clause, is checked in turn) without reading guild rows itself."""
    if any(key in clause for key in ROW_KEYS):
        return True
    head, *subquery = re.split(r"\(\s*SELECT\b", clause, flags=re.IGNORECASE)
    return bool(subquery) and not any(re.search(rf"\b{t}\.", head) for t in GUILD_TABLES)


def _without_source(statement: str) -> bool:
    """``statement`` reads or deletes a source's content without naming the source."""
    if not any(re.search(rf"\b{table}\b", statement) for table in SOURCE_TABLES):
        return False
    if statement.lstrip().upper().startswith("INSERT"):
        return False  # the values carry their source
    clauses = re.split(r"\bWHERE\b", statement, flags=re.IGNORECASE)[1:]
    return not any("source" in clause for clause in clauses)


def _unscoped(statement: str) -> list[str]:
    """The WHERE clauses of ``statement`` that read guild rows without naming a guild or row."""
    if not any(re.search(rf"\b{table}\b", statement) for table in GUILD_TABLES):
        return []
    upper = statement.lstrip().upper()
    if upper.startswith("INSERT") and (" WHERE " not in upper or " ON CONFLICT " in upper):
        return []  # the values carry their guild (a conflict's WHERE is about that row)
    clauses = re.split(r"\bWHERE\b", statement, flags=re.IGNORECASE)[1:]
    if not clauses and not upper.startswith("INSERT"):
        return [statement]  # a whole-table read
    return [clause for clause in clauses if not _scoped(clause)]


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
    for member in (1, 2):  # enough to hold the question back in this guild
        await reviews.report_question(
            db,
            guild_id=guild,
            member_id=member,
            run_id=run.id,
            reason=ReportReason.UNCLEAR,
            comment="?",
            at=later,
            threshold=2,
        )
    await reviews.review_notice(db, guild_id=guild, now=later)
    await reviews.question_stats(db, guild_id=guild)
    await reviews.question_stats(db, guild_id=guild, question_ids=[run.question.id])
    await reviews.review_queue(db, guild_id=guild)
    await runs.question_pool(db, guild_id=guild, channel_id=channel)
    await runs.claim_run(db, guild_id=guild, channel_id=channel, slot=later, now=later)
    for decision in (Decision.KEEP, Decision.RETIRE):
        await reviews.decide(
            db,
            guild_id=guild,
            question_id=run.question.id,
            decision=decision,
            member_id=1,
            at=later,
        )
    await reviews.retired_questions(db, guild_id=guild)
    await practice.next_question(db, guild_id=guild, member_id=1, now=later)
    await reviews.decide(
        db,
        guild_id=guild,
        question_id=run.question.id,
        decision=Decision.RESTORE,
        member_id=1,
        at=later,
    )
    await reviews.decisions(db, guild_id=guild, question_id=run.question.id)
    await sources.set_announce_channel(db, guild_id=guild, channel_id=channel, now=later)
    await sources.set_uploaders_role(db, guild_id=guild, role_id=guild, now=later)
    await sources.store_upload(db, guild_id=guild, name="a.md", text="# A", by=1, at=later)
    await sources.uploads(db, guild_id=guild)
    await sources.uploaded_files(db, guild_id=guild)
    await sources.remove_upload(db, guild_id=guild, name="a.md")
    await sources.notes_choice(db, guild_id=guild)
    await sources.notes_counts(db, guild_id=guild)
    await sources.choose_default(db, guild_id=guild, now=later)
    await sources.servers_reading(db, guild_ids=[guild], source="default")
    await sources.record_sync(db, guild_ids=[guild], source="default", ok=True, at=later)
    await reading.sync_chapters(db, [Chapter(1, "One", 1), Chapter(2, "Two", 5)])
    await reading.list_chapters(db, guild_id=guild)
    await reading.checkin(db, guild_id=guild, member_id=1, display_name="m", chapter=2, at=later)
    await reading.member_progress(db, guild_id=guild, member_id=1, now=later)
    await reading.board(db, guild_id=guild, now=later)
    await reading.quiz_scope(db, guild_id=guild)
    await reading.configure_reminders(db, guild_id=guild, channel_id=channel, schedule=SEOUL)
    reminder, _ = await reading.claim_reminder(
        db, guild_id=guild, channel_id=channel, slot=later, now=later
    )
    await reading.reminder_data(db, reminder=reminder)


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
    assert any("reading_chapters" in statement for statement in seen)
    assert [statement for statement in seen if _without_source(statement)] == []


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
