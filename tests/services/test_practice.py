"""Personal practice: schedules from quiz answers, session order, reach, no effect on points."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
import sqlalchemy as sa

from bot.core.errors import ChapterNotReached, CountOutOfRange, NothingToPractice, UnknownChapter
from bot.core.schedule import Schedule
from bot.db import Database
from bot.db.models import PracticeReview
from bot.services import checkins, practice, runs, schedules, stats
from bot.services.catalogue import sync_catalogue
from bot.services.practice import PracticeMode
from tests.db.conftest import DatabaseFactory
from tests.services.conftest import question

UTC = dt.UTC
GUILD, CHANNEL = 100, 200
SLOT = dt.datetime(2026, 3, 23, 0, 0, tzinfo=UTC)  # no channel schedule: a 12-hour window
DAY = dt.timedelta(days=1)
CATALOGUE = [question(f"c{c}q{i}", chapter=c) for c in (1, 2, 3) for i in range(3)]


async def _quiz(db: Database, answers: dict[int, tuple[bool, dt.timedelta]], slot=SLOT) -> str:
    """Post a channel quiz at ``slot``, answer it (member -> right?, after), close it."""
    run, _ = await runs.claim_run(db, guild_id=GUILD, channel_id=CHANNEL, slot=slot, now=slot)
    for member, (right, after) in answers.items():
        choice = run.question.answer if right else "Node"
        await runs.record_answer(
            db,
            run_id=run.id,
            member_id=member,
            display_name=f"m{member}",
            choice=choice,
            at=slot + after,
        )
    await runs.close_run(db, run_id=run.id, at=run.closes_at)
    return run.question.id


async def _next(db: Database, member: int, now: dt.datetime, **kwargs: object) -> str:
    found = await practice.next_question(db, guild_id=GUILD, member_id=member, now=now, **kwargs)
    return found.question.id


async def _practise(
    db: Database, member: int, qid: str, *, right: bool, at: dt.datetime
) -> practice.PracticeAnswer:
    answer = "Pod" if right else "Node"
    result = await practice.record_practice(
        db, guild_id=GUILD, member_id=member, question_id=qid, choice=answer, at=at, shown_at=at
    )
    assert result is not None
    return result


@pytest.fixture
async def catalogue(db: Database) -> Database:
    """A migrated database with three questions in each of chapters 1 to 3."""
    await sync_catalogue(db, CATALOGUE)
    return db


async def test_channel_answers_schedule_the_question_by_speed(catalogue: Database) -> None:
    """Wrong and slow answers come back tomorrow, a quick one later, a very quick one latest."""
    hour = dt.timedelta(hours=1)
    qid = await _quiz(
        catalogue, {1: (False, hour), 2: (True, 8 * hour), 3: (True, 3 * hour), 4: (True, hour / 2)}
    )
    due_in: dict[int, int] = {}
    for member in (1, 2, 3, 4):
        result = await practice.practice_stats(
            catalogue, guild_id=GUILD, member_id=member, now=SLOT + hour * 13
        )
        assert result.reviewed == 1
        due_in[member] = result.forecast.index(1)
    assert due_in[1] == due_in[2] == 1  # Again and Hard: the next day
    assert 1 < due_in[3] < due_in[4]  # Good, then Easy further out
    tomorrow = SLOT + DAY + hour
    assert await _next(catalogue, 1, tomorrow) == qid
    assert await _next(catalogue, 4, tomorrow) != qid  # not due: a new question instead


async def test_due_questions_come_most_overdue_first_then_new_ones(catalogue: Database) -> None:
    """The question missed first comes first; once both are done, new questions follow."""
    minute = dt.timedelta(minutes=1)
    first = await _quiz(catalogue, {1: (False, minute)})
    second = await _quiz(catalogue, {1: (False, minute)}, slot=SLOT + DAY)
    later = SLOT + 5 * DAY
    assert await _next(catalogue, 1, later) == first
    await _practise(catalogue, 1, first, right=True, at=later)
    assert await _next(catalogue, 1, later) == second
    await _practise(catalogue, 1, second, right=True, at=later)
    fresh = await practice.next_question(catalogue, guild_id=GUILD, member_id=1, now=later)
    assert fresh.due is None
    assert fresh.question.id not in (first, second)


async def test_new_questions_never_come_from_beyond_the_members_reading(
    catalogue: Database,
) -> None:
    """A member who checked in chapter 2 gets chapters 1–2 only; chapter 3 is refused clearly."""
    await checkins.record_checkin(catalogue, guild_id=GUILD, member_id=1, chapter=2, at=SLOT)
    seen = set()
    now = SLOT
    for _ in range(6):
        found = await practice.next_question(catalogue, guild_id=GUILD, member_id=1, now=now)
        seen.add(found.question.chapter)
        await _practise(catalogue, 1, found.question.id, right=True, at=now)
    assert seen == {1, 2}
    with pytest.raises(NothingToPractice) as nothing:
        await practice.next_question(catalogue, guild_id=GUILD, member_id=1, now=now)
    assert nothing.value.next_due is not None
    with pytest.raises(ChapterNotReached):
        await practice.next_question(catalogue, guild_id=GUILD, member_id=1, now=now, chapter=3)
    with pytest.raises(UnknownChapter):
        await practice.check_session(catalogue, guild_id=GUILD, member_id=1, chapter=9)
    with pytest.raises(CountOutOfRange):
        await practice.check_session(catalogue, guild_id=GUILD, member_id=1, count=0)
    # A member who never checked in follows the server's scope: every chapter here.
    other = await practice.next_question(catalogue, guild_id=GUILD, member_id=2, now=now, chapter=3)
    assert other.question.chapter == 3


async def test_practice_answers_never_change_points_boards_or_quiz_streaks(
    catalogue: Database,
) -> None:
    """Farming practice earns nothing on the channel's board; it builds a practice streak."""
    qid = await _quiz(catalogue, {1: (True, dt.timedelta(minutes=1))})
    before = await stats.member_stats(catalogue, guild_id=GUILD, member_id=1, now=SLOT + DAY)
    board = await stats.leaderboard(catalogue, guild_id=GUILD, now=SLOT + DAY)
    for day in range(3):
        at = SLOT + (day + 1) * DAY
        await _practise(catalogue, 1, qid, right=True, at=at)
        found = await practice.next_question(catalogue, guild_id=GUILD, member_id=1, now=at)
        await _practise(catalogue, 1, found.question.id, right=True, at=at)
    now = SLOT + 3 * DAY + dt.timedelta(hours=1)
    after = await stats.member_stats(catalogue, guild_id=GUILD, member_id=1, now=now)
    assert after == before
    assert await stats.leaderboard(catalogue, guild_id=GUILD, now=now) == board
    streak = await practice.member_practice_streak(catalogue, guild_id=GUILD, member_id=1, now=now)
    assert streak == 3
    assert await stats.member_stats(catalogue, guild_id=GUILD, member_id=2, now=now) is None


async def test_a_second_click_on_the_same_question_is_recorded_once(catalogue: Database) -> None:
    """Clicking twice (or a second device) does not review the question twice."""
    shown = SLOT
    first = await practice.record_practice(
        catalogue, guild_id=GUILD, member_id=1, question_id="c1q0", choice="Node",
        at=shown, shown_at=shown,
    )  # fmt: skip
    again = await practice.record_practice(
        catalogue, guild_id=GUILD, member_id=1, question_id="c1q0", choice="Pod",
        at=shown + dt.timedelta(seconds=2), shown_at=shown,
    )  # fmt: skip
    assert first is not None
    assert again is not None
    assert (first.recorded, first.correct) == (True, False)
    assert (again.recorded, again.correct) == (False, False)
    assert again.next_due == first.next_due
    result = await practice.practice_stats(catalogue, guild_id=GUILD, member_id=1, now=shown)
    assert result.reviewed == 1


async def test_retired_questions_are_skipped(catalogue: Database) -> None:
    """A question whose notes disappeared is never asked again, even when it is due."""
    qid = await _quiz(catalogue, {1: (False, dt.timedelta(minutes=1))})
    await sync_catalogue(catalogue, [q for q in CATALOGUE if q.id != qid])
    later = SLOT + 3 * DAY
    assert await _next(catalogue, 1, later) != qid
    result = await practice.practice_stats(catalogue, guild_id=GUILD, member_id=1, now=later)
    assert result.reviewed == 0
    gone = await practice.record_practice(
        catalogue, guild_id=GUILD, member_id=1, question_id=qid, choice="Pod",
        at=later, shown_at=later,
    )  # fmt: skip
    assert gone is None


async def test_a_new_wording_keeps_the_schedule_but_a_new_answer_restarts_it(
    catalogue: Database,
) -> None:
    """Editing a question's text keeps its schedule; changing its answer makes it new again."""
    await _practise(catalogue, 1, "c1q0", right=False, at=SLOT)
    reworded = question("c1q0", chapter=1, prompt="Which object runs containers?")
    await sync_catalogue(catalogue, [reworded, *CATALOGUE[1:]])
    tomorrow = SLOT + DAY
    due = await practice.next_question(catalogue, guild_id=GUILD, member_id=1, now=tomorrow)
    assert (due.question.id, due.question.prompt) == ("c1q0", reworded.prompt)
    assert due.due is not None
    changed = question("c1q0", chapter=1, answer="Deployment")
    await sync_catalogue(catalogue, [changed, *CATALOGUE[1:]])
    fresh = await practice.next_question(catalogue, guild_id=GUILD, member_id=1, now=tomorrow)
    assert (fresh.question.id, fresh.due) == ("c1q0", None)


async def test_misses_are_only_the_recent_wrong_answers(catalogue: Database) -> None:
    """`misses` asks what the member got wrong in the last 30 days, each once per session."""
    await _practise(catalogue, 1, "c1q0", right=False, at=SLOT)
    await _practise(catalogue, 1, "c1q1", right=True, at=SLOT)
    await _practise(catalogue, 1, "c2q0", right=False, at=SLOT + DAY)
    await _practise(catalogue, 1, "c3q0", right=False, at=SLOT - 40 * DAY)
    now = SLOT + 2 * DAY
    asked = []
    for _ in range(2):
        qid = await _next(catalogue, 1, now, mode=PracticeMode.MISSES, since=now)
        asked.append(qid)
        await _practise(catalogue, 1, qid, right=True, at=now + dt.timedelta(seconds=1))
    assert asked == ["c1q0", "c2q0"]
    with pytest.raises(NothingToPractice):
        await _next(catalogue, 1, now, mode=PracticeMode.MISSES, since=now)


async def test_stats_count_due_questions_and_estimate_retention(catalogue: Database) -> None:
    """Stats show what is due today and this week, a forecast, and a retention estimate."""
    assert (await practice.practice_stats(catalogue, guild_id=GUILD, member_id=1, now=SLOT)) == (
        practice.PracticeStats(0, 0, 0, None, (0,) * 14, 0, None)
    )
    for qid in ("c1q0", "c1q1"):
        await _practise(catalogue, 1, qid, right=False, at=SLOT)
    await _practise(catalogue, 1, "c1q2", right=True, at=SLOT)
    result = await practice.practice_stats(catalogue, guild_id=GUILD, member_id=1, now=SLOT + DAY)
    assert result.reviewed == 3
    assert result.due_today == 2
    assert result.due_week == 3
    assert sum(result.forecast) == 3
    assert result.retention is not None
    assert 0.0 < result.retention < 1.0
    assert result.streak == 1
    count, _next_due = await practice.due_count(
        catalogue, guild_id=GUILD, member_id=1, now=SLOT + DAY
    )
    assert count == 2


async def test_the_servers_desired_retention_changes_the_intervals(catalogue: Database) -> None:
    """A server asking for higher retention sees questions come back sooner."""
    with pytest.raises(ValueError, match="between"):
        await practice.set_retention(catalogue, guild_id=GUILD, retention=0.99)
    first = await _practise(catalogue, 1, "c1q0", right=True, at=SLOT)
    again = await _practise(catalogue, 1, "c1q0", right=True, at=first.next_due)
    await practice.set_retention(catalogue, guild_id=GUILD, retention=0.95)
    other_first = await _practise(catalogue, 2, "c1q0", right=True, at=SLOT)
    other = await _practise(catalogue, 2, "c1q0", right=True, at=other_first.next_due)
    assert other.next_due - other_first.next_due < again.next_due - first.next_due


async def test_upgrade_from_the_previous_schema_keeps_the_data(db: Database) -> None:
    """A database from before practice upgrades with its runs and schedules; closing a run
    then schedules its question."""
    await sync_catalogue(db, CATALOGUE)
    await schedules.configure_channel(
        db, guild_id=GUILD + 1, channel_id=CHANNEL + 1, schedule=Schedule(dt.time(9), "Asia/Seoul")
    )
    run, _ = await runs.claim_run(db, guild_id=GUILD, channel_id=CHANNEL, slot=SLOT, now=SLOT)
    await runs.record_answer(
        db, run_id=run.id, member_id=1, display_name="m1", choice="Node", at=SLOT
    )
    await db.downgrade("0009")
    async with db.write() as conn:
        await conn.execute(sa.text(f"INSERT INTO guilds (guild_id) VALUES ({GUILD})"))
    await db.upgrade()
    reveal = await runs.close_run(db, run_id=run.id, at=run.closes_at)
    assert reveal is not None
    assert reveal.wrong[0].member_id == 1
    async with db.read() as conn:
        retention = (
            (await conn.execute(sa.text("SELECT practice_retention FROM guilds"))).scalars().all()
        )
    assert retention == [0.9, 0.9]
    (kept,) = await schedules.list_schedules(db)
    assert (kept.guild_id, kept.channel_id) == (GUILD + 1, CHANNEL + 1)
    assert await _next(db, 1, SLOT + 2 * DAY) == run.question.id


async def test_answers_at_once_are_each_stored_once(make_db: DatabaseFactory) -> None:
    """Answers at once from two processes lose nothing; a double click counts once."""
    first, second = make_db(), make_db()
    await first.upgrade()
    await sync_catalogue(first, CATALOGUE)
    results = await asyncio.gather(
        *(
            practice.record_practice(
                database,
                guild_id=GUILD,
                member_id=member,
                question_id="c1q0",
                choice="Pod",
                at=SLOT,
                shown_at=SLOT,
            )
            for member in range(12)
            for database in (first, second)  # each member clicks twice, on both processes
        )
    )
    assert sum(1 for r in results if r is not None and r.recorded) == 12
    async with first.read() as conn:
        logged = (
            await conn.execute(sa.select(sa.func.count()).select_from(PracticeReview))
        ).scalar_one()
    assert logged == 12
    for member in range(12):
        figures = await practice.practice_stats(first, guild_id=GUILD, member_id=member, now=SLOT)
        assert figures.reviewed == 1


async def test_a_reminder_day_is_claimed_once_and_counts_what_is_due(catalogue: Database) -> None:
    """Only opted-in members are listed; each local day is claimed once, with its due count."""
    await _practise(catalogue, 1, "c1q0", right=False, at=SLOT)
    await practice.set_reminder(
        catalogue, guild_id=GUILD, member_id=1, channel_id=CHANNEL, time_of_day=dt.time(20)
    )
    (reminder,) = await practice.list_reminders(catalogue, guild_ids=[GUILD])
    assert (reminder.member_id, reminder.channel_id, reminder.timezone) == (1, CHANNEL, "UTC")
    day = (SLOT + DAY).date()
    until = SLOT + 2 * DAY
    claims = [
        await practice.claim_reminder(catalogue, guild_id=GUILD, member_id=1, day=day, until=until)
        for _ in range(2)
    ]
    assert claims == [1, None]
    assert (
        await practice.claim_reminder(catalogue, guild_id=GUILD, member_id=2, day=day, until=until)
        is None
    )  # never opted in
    await practice.set_reminder(
        catalogue, guild_id=GUILD, member_id=1, channel_id=CHANNEL, time_of_day=None
    )
    assert await practice.list_reminders(catalogue, guild_ids=[GUILD]) == []
