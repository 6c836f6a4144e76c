"""The reading group's services on SQLite and PostgreSQL: check-ins, board, scope, reminders."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.errors import UnknownChapter
from bot.core.model import Chapter
from bot.core.schedule import Schedule
from bot.db import Database
from bot.services import checkins, reading, runs, schedules
from bot.services.catalogue import sync_catalogue
from bot.services.checkins import NoteTooLong, list_checkins
from bot.services.types import ALL_CHAPTERS, CheckinStatus
from tests.services.conftest import question

UTC = dt.UTC
#: A Monday, 10:00 UTC.
MONDAY = dt.datetime(2026, 11, 23, 10, tzinfo=UTC)
GUILD = 7
CHANNEL = 70

CHAPTERS = [
    Chapter(1, "Kubernetes intro", 1, read=True),
    Chapter(2, "Containers", 10),
    Chapter(3, "Deploying a cluster", 20),
    Chapter(None, "Appendix", 30),
]


@pytest.fixture
async def group(db: Database) -> Database:
    """Chapters 1-3 (1 read in the notes) with questions in each, and a quiz channel."""
    await sync_catalogue(
        db,
        [question(f"c{c}q{i}", chapter=c) for c in (1, 2, 3) for i in range(2)]
        + [question("trivia", chapter=None)],
    )
    await reading.sync_chapters(db, CHAPTERS)
    await schedules.configure_channel(
        db, guild_id=GUILD, channel_id=CHANNEL, schedule=Schedule(dt.time(9), "Asia/Seoul")
    )
    return db


async def check(db: Database, member: int, chapter: str | int, **kwargs: object) -> object:
    values: dict[str, object] = {"status": CheckinStatus.DONE, "at": MONDAY}
    values.update(kwargs)
    return await reading.checkin(
        db,
        guild_id=GUILD,
        member_id=member,
        display_name=f"member{member}",
        chapter=chapter,
        **values,  # type: ignore[arg-type]
    )


async def asked_chapters(db: Database, times: int) -> set[int | None]:
    found = set()
    for n in range(times):
        run, _ = await runs.claim_run(
            db,
            guild_id=GUILD,
            channel_id=CHANNEL,
            slot=MONDAY + dt.timedelta(days=n),
            now=MONDAY + dt.timedelta(days=n),
        )
        found.add(run.question.chapter)
    return found


async def test_sync_keeps_numbered_chapters_only(group: Database) -> None:
    """The chapter list follows the notes: numbered chapters with their read marks."""
    chapters = await reading.list_chapters(group, guild_id=GUILD)
    assert [(c.number, c.title, c.read) for c in chapters] == [
        (1, "Kubernetes intro", True),
        (2, "Containers", False),
        (3, "Deploying a cluster", False),
    ]
    await reading.sync_chapters(group, CHAPTERS[:2])
    assert [c.number for c in await reading.list_chapters(group, guild_id=GUILD)] == [1, 2]


async def test_checkin_by_number_or_title_and_again_updates(group: Database) -> None:
    """A chapter is named by number or a rough title; a second check-in updates the first."""
    first = await check(group, 1, "containers", status=CheckinStatus.READING, note="  slow  ")
    assert first.chapter.number == 2  # type: ignore[attr-defined]
    assert not first.updated  # type: ignore[attr-defined]
    assert first.checkin.note == "slow"  # type: ignore[attr-defined]
    assert first.progress.reading == (2,)  # type: ignore[attr-defined]
    second = await check(group, 1, "2장", at=MONDAY + dt.timedelta(hours=1))
    assert second.updated  # type: ignore[attr-defined]
    assert second.progress.done == (2,)  # type: ignore[attr-defined]
    assert second.progress.reading == ()  # type: ignore[attr-defined]
    assert second.progress.total_chapters == 3  # type: ignore[attr-defined]
    stored = await list_checkins(group, guild_id=GUILD)
    assert [(c.chapter, c.status) for c in stored] == [(2, CheckinStatus.DONE)]


async def test_unknown_chapter_and_long_note_store_nothing(group: Database) -> None:
    """A chapter the notes lack is refused listing the chapters; so is a note over 500."""
    with pytest.raises(UnknownChapter, match=r"1\. Kubernetes intro, 2\. Containers"):
        await check(group, 1, "quantum physics")
    with pytest.raises(NoteTooLong):
        await check(group, 1, 1, note="x" * 501)
    assert await list_checkins(group, guild_id=GUILD) == []
    assert (await reading.board(group, guild_id=GUILD, now=MONDAY)).members == []


async def test_undo_removes_the_last_checkin(group: Database) -> None:
    """Undo removes the most recent check-in only, then says there is nothing left."""
    await check(group, 1, 1)
    await check(group, 1, 2, at=MONDAY + dt.timedelta(minutes=5))
    removed = await reading.undo(group, guild_id=GUILD, member_id=1)
    assert removed is not None
    assert removed.chapter == 2
    assert [c.chapter for c in await list_checkins(group, guild_id=GUILD)] == [1]
    assert await reading.undo(group, guild_id=GUILD, member_id=1) is not None
    assert await reading.undo(group, guild_id=GUILD, member_id=1) is None


async def test_streak_counts_consecutive_local_weeks(group: Database) -> None:
    """Check-ins in three weeks running make a 3-week streak; a skipped week starts over."""
    await check(group, 1, 1, at=MONDAY - dt.timedelta(days=14))
    await check(group, 1, 2, at=MONDAY - dt.timedelta(days=7))
    await check(group, 1, 3, at=MONDAY)
    assert await reading.streak(group, guild_id=GUILD, member_id=1, now=MONDAY) == (3, 3)
    # Next week is not over: the streak still stands; a week later it is lost.
    later = MONDAY + dt.timedelta(days=8)
    assert await reading.streak(group, guild_id=GUILD, member_id=1, now=later) == (3, 3)
    gone = MONDAY + dt.timedelta(days=15)
    assert await reading.streak(group, guild_id=GUILD, member_id=1, now=gone) == (0, 3)


async def test_streak_weeks_are_the_guilds_local_weeks(group: Database) -> None:
    """Sunday 20:00 UTC is already Monday in Seoul: two check-ins that close are two weeks."""
    sunday_night = dt.datetime(2026, 11, 22, 20, tzinfo=UTC)  # Mon 05:00 in Seoul
    saturday = dt.datetime(2026, 11, 21, 12, tzinfo=UTC)
    await check(group, 1, 1, at=saturday)
    await check(group, 1, 2, at=sunday_night)
    streak = await reading.streak(group, guild_id=GUILD, member_id=1, now=sunday_night)
    assert streak == (2, 2)


async def test_default_scope_follows_the_reading(group: Database) -> None:
    """Quizzes ask chapters read in the notes plus those half the readers finished."""
    scope = await reading.quiz_scope(group, guild_id=GUILD)
    assert scope.chapters == (1,)
    assert not scope.fallback
    assert await asked_chapters(group, 3) <= {1, None}
    await check(group, 1, 2)
    await check(group, 2, 1)
    await check(group, 3, 1)
    scope = await reading.quiz_scope(group, guild_id=GUILD)
    assert scope.chapters == (1,)
    assert (scope.next_chapter, scope.needed) == (2, 1)  # 1 of 3 finished 2: one more
    await check(group, 2, 2)
    assert (await reading.quiz_scope(group, guild_id=GUILD)).chapters == (1, 2)
    pool = await runs.question_pool(group, guild_id=GUILD, channel_id=CHANNEL)
    assert pool.total == 5  # chapters 1 and 2, plus the question outside any chapter


async def test_no_chapter_reached_falls_back_to_the_first(db: Database) -> None:
    """With nothing read or finished, the first chapter is asked so the quiz never stops."""
    await sync_catalogue(db, [question(f"c{c}", chapter=c) for c in (1, 2)])
    await reading.sync_chapters(db, [Chapter(1, "One", 1), Chapter(2, "Two", 5)])
    await schedules.configure_channel(
        db, guild_id=GUILD, channel_id=CHANNEL, schedule=Schedule(dt.time(9), "UTC")
    )
    scope = await reading.quiz_scope(db, guild_id=GUILD)
    assert scope.chapters == (1,)
    assert scope.fallback
    assert await asked_chapters(db, 2) == {1}


async def test_all_chapters_is_distinct_from_the_default(group: Database) -> None:
    """An admin's explicit 'all' asks every chapter, whatever the group has read."""
    stored = await schedules.set_chapters(
        group, guild_id=GUILD, channel_id=CHANNEL, chapters=ALL_CHAPTERS
    )
    assert stored.chapters == ALL_CHAPTERS
    assert await asked_chapters(group, 7) == {1, 2, 3, None}
    back = await schedules.set_chapters(group, guild_id=GUILD, channel_id=CHANNEL, chapters=None)
    assert back.chapters is None


async def test_notes_without_chapters_ask_everything(db: Database) -> None:
    """Trivia lists without chapters are asked in full under the default scope."""
    await sync_catalogue(db, [question("t1", chapter=None), question("t2", chapter=None)])
    await schedules.configure_channel(
        db, guild_id=GUILD, channel_id=CHANNEL, schedule=Schedule(dt.time(9), "UTC")
    )
    assert (await reading.quiz_scope(db, guild_id=GUILD)).chapters is None
    assert (await runs.question_pool(db, guild_id=GUILD, channel_id=CHANNEL)).total == 2


async def test_board_lists_finishers_common_chapter_and_last_checkins(group: Database) -> None:
    """The board shows who finished each chapter, the chapter most are on, last dates."""
    await check(group, 1, 1)
    await check(group, 2, 1)
    await check(group, 2, 2, status=CheckinStatus.READING)
    await check(group, 3, 2, status=CheckinStatus.READING, at=MONDAY - dt.timedelta(days=3))
    board = await reading.board(group, guild_id=GUILD, now=MONDAY)
    first, second, third = board.chapters
    assert [m.display_name for m in first.done] == ["member1", "member2"]
    assert [row.reached for row in (first, second, third)] == [True, False, False]
    assert [m.display_name for m in second.reading] == ["member3", "member2"]  # earliest first
    assert board.common == 2
    last = {m.member.display_name: m.last_checkin for m in board.members}
    assert last["member3"] == dt.date(2026, 11, 20)
    # Most chapters done first, then by name.
    assert [m.member.display_name for m in board.members] == ["member1", "member2", "member3"]


async def test_reminders_are_claimed_once_per_slot(group: Database) -> None:
    """A slot's reminder is created once; the first of a week carries last week's summary."""
    await reading.configure_reminders(
        group,
        guild_id=GUILD,
        channel_id=99,
        schedule=Schedule(dt.time(19), "Asia/Seoul", frozenset({0, 3})),
    )
    slot = MONDAY
    first, created = await reading.claim_reminder(
        group, guild_id=GUILD, channel_id=99, slot=slot, now=slot
    )
    again, created_again = await reading.claim_reminder(
        group, guild_id=GUILD, channel_id=99, slot=slot, now=slot + dt.timedelta(seconds=5)
    )
    assert (created, created_again) == (True, False)
    assert again.id == first.id
    assert first.summary_week == dt.date(2026, 11, 16)
    assert first.chapter == 1  # nobody checked in: the first chapter
    thursday = slot + dt.timedelta(days=3)
    later, _ = await reading.claim_reminder(
        group, guild_id=GUILD, channel_id=99, slot=thursday, now=thursday
    )
    assert later.summary_week is None
    assert [r.id for r in await reading.unposted_reminders(group)] == [first.id, later.id]
    await reading.set_reminder_message(group, reminder_id=first.id, message_id=5)
    assert [r.id for r in await reading.unposted_reminders(group)] == [later.id]


async def test_chapter_of_the_week_is_the_first_most_have_not_finished(group: Database) -> None:
    """Chapter 1 finished by 2 of 3 active members: the reminder names chapter 2."""
    for member in (1, 2):
        await check(group, member, 1)
    await check(group, 3, 2, status=CheckinStatus.READING)
    await check(group, 4, 1, at=MONDAY - dt.timedelta(days=60))  # inactive, not counted
    reminder, _ = await reading.claim_reminder(
        group, guild_id=GUILD, channel_id=99, slot=MONDAY, now=MONDAY
    )
    assert reminder.chapter == 2


async def test_reminder_names_who_has_not_checked_in_and_pings_only_opted_in(
    group: Database,
) -> None:
    """Members silent since the last reminder are listed; only opted-in ones are pinged."""
    await reading.set_remind(group, guild_id=GUILD, member_id=1, display_name="ann", remind=True)
    await reading.set_remind(group, guild_id=GUILD, member_id=2, display_name="bo", remind=False)
    await reading.set_remind(group, guild_id=GUILD, member_id=3, display_name="cy", remind=True)
    await reading.claim_reminder(
        group, guild_id=GUILD, channel_id=99, slot=MONDAY - dt.timedelta(days=3), now=MONDAY
    )
    await check(group, 3, 1, at=MONDAY - dt.timedelta(days=1))
    reminder, _ = await reading.claim_reminder(
        group, guild_id=GUILD, channel_id=99, slot=MONDAY, now=MONDAY
    )
    data = await reading.reminder_data(group, reminder=reminder)
    assert [m.display_name for m in data.missing] == ["ann", "bo"]
    assert data.pinged == [1]
    assert data.chapter is not None
    assert data.chapter.number == 2  # the only active reader finished chapter 1


async def test_weekly_summary_lists_finishers_and_quiz_top(group: Database) -> None:
    """Last week's summary names who finished what and the quiz top scorers of that week."""
    last_week = MONDAY - dt.timedelta(days=5)
    await check(group, 1, 1, at=last_week)
    await check(group, 1, 2, at=last_week + dt.timedelta(hours=1))
    await check(group, 2, 3, at=MONDAY)  # this week: not in last week's summary
    run, _ = await runs.claim_run(
        group, guild_id=GUILD, channel_id=CHANNEL, slot=last_week, now=last_week
    )
    await runs.record_answer(
        group,
        run_id=run.id,
        member_id=5,
        display_name="quizzer",
        choice=run.question.answer,
        at=last_week + dt.timedelta(seconds=3),
    )
    await runs.close_run(group, run_id=run.id, at=last_week + dt.timedelta(hours=12))
    summary = await reading.weekly_summary(
        group, guild_id=GUILD, week_start=dt.date(2026, 11, 16), timezone="Asia/Seoul"
    )
    assert [(m.display_name, chapters) for m, chapters in summary.finished] == [("member1", (1, 2))]
    assert [row.display_name for row in summary.top] == ["quizzer"]


async def test_two_processes_claim_a_reminder_slot_once(group: Database, make_db: object) -> None:
    """Two bot processes racing for the same reminder slot create exactly one reminder."""
    import asyncio

    other = make_db()  # type: ignore[operator]
    results = await asyncio.gather(
        *(
            reading.claim_reminder(database, guild_id=GUILD, channel_id=99, slot=MONDAY, now=MONDAY)
            for database in (group, other, group, other)
        )
    )
    assert sum(created for _reminder, created in results) == 1
    assert len({reminder.id for reminder, _created in results}) == 1


async def test_reminder_schedules_are_set_changed_and_removed(group: Database) -> None:
    """Setting up again replaces a channel's schedule; stopping removes it once."""
    schedule = Schedule(dt.time(19), "Asia/Seoul", frozenset({0}))
    await reading.configure_reminders(group, guild_id=GUILD, channel_id=99, schedule=schedule)
    changed = await reading.configure_reminders(
        group,
        guild_id=GUILD,
        channel_id=99,
        schedule=Schedule(dt.time(8, 30), "Europe/Berlin", frozenset({1, 4})),
    )
    assert changed.schedule.time_of_day == dt.time(8, 30)
    assert changed.schedule.weekdays == frozenset({1, 4})
    assert [rs.channel_id for rs in await reading.list_reminder_schedules(group)] == [99]
    assert await reading.guild_timezone(group, guild_id=GUILD) == "Europe/Berlin"
    assert await reading.remove_reminders(group, guild_id=GUILD, channel_id=99)
    assert not await reading.remove_reminders(group, guild_id=GUILD, channel_id=99)
    assert await reading.get_reminder_schedule(group, channel_id=99) is None


async def test_updating_one_chapter_every_week_keeps_the_streak(group: Database) -> None:
    """Checking in the same chapter in three weeks running counts all three weeks."""
    for weeks_ago in (2, 1, 0):
        await check(
            group,
            1,
            1,
            status=CheckinStatus.READING,
            at=MONDAY - dt.timedelta(weeks=weeks_ago),
        )
    assert await reading.streak(group, guild_id=GUILD, member_id=1, now=MONDAY) == (3, 3)
    progress = await reading.member_progress(group, guild_id=GUILD, member_id=1, now=MONDAY)
    assert (progress.current_streak, progress.best_streak) == (3, 3)


async def test_undo_takes_back_the_week_of_the_undone_checkin(group: Database) -> None:
    """An undone check-in no longer counts for the streak; earlier weeks still do."""
    await check(group, 1, 1, at=MONDAY - dt.timedelta(weeks=2))
    await check(group, 1, 2, at=MONDAY)
    assert await reading.streak(group, guild_id=GUILD, member_id=1, now=MONDAY) == (1, 1)
    await reading.undo(group, guild_id=GUILD, member_id=1)
    assert await reading.streak(group, guild_id=GUILD, member_id=1, now=MONDAY) == (0, 1)


async def test_storage_checkins_and_undo_keep_the_streak_in_step(group: Database) -> None:
    """A check-in stored and undone through the storage service moves the weekly streak too."""
    await checkins.record_checkin(group, guild_id=GUILD, member_id=1, chapter=1, at=MONDAY)
    assert await reading.streak(group, guild_id=GUILD, member_id=1, now=MONDAY) == (1, 1)
    await checkins.undo_last_checkin(group, guild_id=GUILD, member_id=1)
    assert await reading.streak(group, guild_id=GUILD, member_id=1, now=MONDAY) == (0, 0)


async def test_a_chapter_counts_in_the_week_it_was_finished(group: Database) -> None:
    """Editing a finished chapter's note later does not move it to a later week's summary."""
    last_week = MONDAY - dt.timedelta(days=5)
    await check(group, 1, 1, at=last_week)
    await check(group, 1, 1, note="re-read the end", at=MONDAY)
    earlier = await reading.weekly_summary(
        group, guild_id=GUILD, week_start=dt.date(2026, 11, 16), timezone="Asia/Seoul"
    )
    this = await reading.weekly_summary(
        group, guild_id=GUILD, week_start=dt.date(2026, 11, 23), timezone="Asia/Seoul"
    )
    assert [(m.display_name, chapters) for m, chapters in earlier.finished] == [("member1", (1,))]
    assert this.finished == []


async def test_checkins_from_before_the_upgrade_keep_their_weeks(db: Database) -> None:
    """Check-ins stored before check-in events existed still count for the streak."""
    from sqlalchemy import insert

    from bot.db.models import Checkin

    await db.downgrade("0004")
    async with db.write() as conn:
        await conn.execute(
            insert(Checkin),
            [
                {
                    "guild_id": GUILD,
                    "member_id": 1,
                    "chapter": chapter,
                    "status": "done",
                    "note": None,
                    "created_at": created,
                    "updated_at": updated,
                }
                for chapter, created, updated in [
                    (1, MONDAY - dt.timedelta(weeks=2), MONDAY - dt.timedelta(weeks=1)),
                    (2, MONDAY, MONDAY),
                ]
            ],
        )
    await db.upgrade()
    assert await reading.streak(db, guild_id=GUILD, member_id=1, now=MONDAY) == (3, 3)
