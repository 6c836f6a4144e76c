"""What the schedulers post, driven by the database: the real quiz and reminder schedulers
ticked by hand under a fake clock, with a stand-in for Discord that keeps every message."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from bot.core.schedule import Schedule
from bot.core.scoring import BASE_POINTS, MAX_SPEED_BONUS
from bot.db import Database
from bot.exts._scheduling import DatabaseScheduler
from bot.exts.quiz._scheduler import QuizScheduler
from bot.exts.quiz._status import next_text
from bot.exts.reading._scheduler import ReminderScheduler
from bot.services import reading, runs, schedules, stats

UTC = dt.UTC
GUILD, CHANNEL = 300, 301
#: 10:00 Asia/Seoul every day, answers open 12 hours: 01:00 UTC.
DAILY = Schedule(dt.time(10), "Asia/Seoul", window=dt.timedelta(hours=12))
#: 2026-01-01 10:00 Seoul, today's slot; and tomorrow's.
TODAY = dt.datetime(2026, 1, 1, 1, tzinfo=UTC)
TOMORROW = TODAY + dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)


class _Channel:
    """A channel that keeps every message, stamped with the bot's clock; ``refuse`` makes
    Discord refuse posts (a missing permission)."""

    def __init__(self, bot: _Bot) -> None:
        self.bot = bot
        self.sent: list[dict[str, Any]] = []
        self.refuse = False
        self.hold: asyncio.Event | None = None  # set: a send waits for it after posting
        self.sending = asyncio.Event()
        self.edit_hold: asyncio.Event | None = None  # set: an edit waits for it
        self.editing = asyncio.Event()

    async def send(self, **message: Any) -> Any:
        if self.refuse:
            response = SimpleNamespace(status=403, reason="Forbidden")
            raise discord.Forbidden(response, {"code": 50013, "message": "Missing Permissions"})
        self.sent.append(message)
        self.sending.set()
        if self.hold is not None:
            await self.hold.wait()  # posted; the answer is still on its way back
        return self._message(len(self.sent))

    def _message(self, message_id: int) -> Any:
        view = self.sent[message_id - 1].get("view")
        ids = [getattr(item, "custom_id", None) for item in view.children] if view else []
        return SimpleNamespace(
            id=message_id,
            created_at=self.bot.clock,
            author=self.bot.user,
            components=[SimpleNamespace(children=[SimpleNamespace(custom_id=i) for i in ids])],
        )

    async def history(self, *, limit: int, after: dt.datetime) -> Any:
        for message_id in range(len(self.sent), 0, -1)[:limit]:
            yield self._message(message_id)

    def get_partial_message(self, message_id: int) -> Any:
        async def edit(**message: Any) -> None:
            self.editing.set()
            if self.edit_hold is not None:
                await self.edit_hold.wait()
            self.sent[message_id - 1] = message

        return SimpleNamespace(edit=edit)


class _Bot:
    """Just enough of the bot for a scheduler: the database and the channels."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.user = SimpleNamespace(id=4242)
        self.library = None
        self.settings = SimpleNamespace(content_dir=Path("content"))
        self.channels: defaultdict[int, _Channel] = defaultdict(lambda: _Channel(self))
        self.clock = TODAY

    async def tick(self, scheduler: DatabaseScheduler, at: dt.datetime) -> None:
        """One wake-up of ``scheduler`` at ``at`` on the fake clock."""
        self.clock = at
        await scheduler.tick(at)

    def owns_guild(self, guild_id: int) -> bool:
        return True

    def get_channel(self, channel_id: int) -> None:
        return None

    def get_partial_messageable(self, channel_id: int, *, guild_id: int | None = None) -> _Channel:
        return self.channels[channel_id]


def _posted(bot: _Bot) -> int:
    return len(bot.channels[CHANNEL].sent)


@pytest.fixture
def bot(stocked: Database) -> _Bot:
    """A stand-in bot on a database holding questions."""
    return _Bot(stocked)


async def test_setup_after_today_s_time_posts_first_at_the_slot_the_reply_names(bot: _Bot) -> None:
    """Set up at 11:00 for 10:00: nothing now; the next quiz named is the first one posted."""
    scheduler = QuizScheduler(bot)  # type: ignore[arg-type]
    at = TODAY + HOUR
    cs = await schedules.configure_channel(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, schedule=DAILY, now=at
    )
    assert next_text(cs, "en", at) == "Fri 2026-01-02 10:00 (Asia/Seoul)"
    await bot.tick(scheduler, at)
    await bot.tick(scheduler, at + HOUR)
    assert _posted(bot) == 0
    await bot.tick(scheduler, TOMORROW - dt.timedelta(seconds=1))
    assert _posted(bot) == 0
    await bot.tick(scheduler, TOMORROW)
    assert _posted(bot) == 1


async def test_resume_after_today_s_time_waits_for_the_next_slot(bot: _Bot) -> None:
    """A slot that passed while paused is not posted on resume; the named next one is."""
    scheduler = QuizScheduler(bot)  # type: ignore[arg-type]
    await schedules.configure_channel(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, schedule=DAILY, now=TODAY - 2 * HOUR
    )
    await schedules.set_paused(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, paused=True, now=TODAY - HOUR
    )
    await bot.tick(scheduler, TODAY)
    resumed = await schedules.set_paused(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, paused=False, now=TODAY + HOUR
    )
    assert next_text(resumed, "en", TODAY + HOUR) == "Fri 2026-01-02 10:00 (Asia/Seoul)"
    await bot.tick(scheduler, TODAY + HOUR)
    assert _posted(bot) == 0
    await bot.tick(scheduler, TOMORROW)
    assert _posted(bot) == 1


async def test_a_slot_missed_while_down_is_still_posted_late(bot: _Bot) -> None:
    """Set up before today's time, then down over the slot: it is posted at start, once."""
    scheduler = QuizScheduler(bot)  # type: ignore[arg-type]
    await schedules.configure_channel(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, schedule=DAILY, now=TODAY - HOUR
    )
    await bot.tick(scheduler, TODAY + 2 * HOUR)
    await bot.tick(scheduler, TODAY + 3 * HOUR)
    assert _posted(bot) == 1


async def test_resuming_a_running_channel_keeps_a_slot_missed_while_down(bot: _Bot) -> None:
    """/quiz resume on a channel that was not paused changes nothing about catch-up."""
    scheduler = QuizScheduler(bot)  # type: ignore[arg-type]
    await schedules.configure_channel(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, schedule=DAILY, now=TODAY - HOUR
    )
    await schedules.set_paused(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, paused=False, now=TODAY + HOUR
    )
    await bot.tick(scheduler, TODAY + 2 * HOUR)
    assert _posted(bot) == 1


async def test_reading_setup_after_today_s_time_reminds_first_at_the_next_slot(bot: _Bot) -> None:
    """/reading setup at 20:00 for 19:00 sends no reminder now, the next one on time."""
    scheduler = ReminderScheduler(bot)  # type: ignore[arg-type]
    evening = Schedule(dt.time(19), "Asia/Seoul")  # 10:00 UTC
    slot = dt.datetime(2026, 1, 1, 10, tzinfo=UTC)
    await reading.configure_reminders(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, schedule=evening, now=slot + HOUR
    )
    await bot.tick(scheduler, slot + HOUR)
    await bot.tick(scheduler, slot + 2 * HOUR)
    assert _posted(bot) == 0
    await bot.tick(scheduler, slot + dt.timedelta(days=1))
    assert _posted(bot) == 1


async def test_schedules_from_before_the_upgrade_still_catch_up_a_missed_slot(
    stocked: Database,
) -> None:
    """A quiz and a reminder schedule stored before `active_since` existed keep posting a
    slot missed while the bot was down for the upgrade, and the next ones on time."""
    import sqlalchemy as sa

    bot = _Bot(stocked)
    await stocked.downgrade("0006")
    columns = {
        "channel_id": sa.BigInteger(),
        "guild_id": sa.BigInteger(),
        "time_of_day": sa.Time(),
        "timezone": sa.String(),
        "weekdays": sa.Integer(),
    }
    quiz = sa.table(
        "quiz_channels",
        *(sa.column(name, kind) for name, kind in columns.items()),
        sa.column("window_seconds", sa.Integer()),
    )
    reminders = sa.table(
        "reading_channels", *(sa.column(name, kind) for name, kind in columns.items())
    )
    every_day = 0b1111111
    async with stocked.write() as conn:
        await conn.execute(sa.text(f"INSERT INTO guilds (guild_id) VALUES ({GUILD})"))
        await conn.execute(
            quiz.insert().values(
                channel_id=CHANNEL,
                guild_id=GUILD,
                time_of_day=dt.time(10),
                timezone="Asia/Seoul",
                weekdays=every_day,
                window_seconds=12 * 3600,
            )
        )
        await conn.execute(
            reminders.insert().values(
                channel_id=CHANNEL + 1,
                guild_id=GUILD,
                time_of_day=dt.time(10),
                timezone="Asia/Seoul",
                weekdays=every_day,
            )
        )
    await stocked.upgrade()
    (cs,) = await schedules.list_schedules(stocked)
    assert cs.schedule == DAILY
    assert cs.active_since == dt.datetime(1970, 1, 1, tzinfo=UTC)
    quizzes, reminding = QuizScheduler(bot), ReminderScheduler(bot)  # type: ignore[arg-type]
    for at in (TODAY + 2 * HOUR, TODAY + 3 * HOUR, TOMORROW):
        await bot.tick(quizzes, at)
        await bot.tick(reminding, at)
    assert _posted(bot) == 2
    assert len(bot.channels[CHANNEL + 1].sent) == 2


async def test_the_speed_bonus_counts_from_the_post_not_from_the_claim(bot: _Bot) -> None:
    """A quiz Discord refused at 10:00 and posted at 12:00: a member who answers at once
    gets the full speed bonus, and the fastest answer is timed from the post."""
    scheduler = QuizScheduler(bot)  # type: ignore[arg-type]
    await schedules.configure_channel(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, schedule=DAILY, now=TODAY - HOUR
    )
    bot.channels[CHANNEL].refuse = True
    await bot.tick(scheduler, TODAY)  # claimed, refused
    bot.channels[CHANNEL].refuse = False
    posted_at = TODAY + 2 * HOUR
    await bot.tick(scheduler, posted_at)
    assert _posted(bot) == 1
    (run,) = await runs.open_runs(bot.db)
    assert run.posted_at == posted_at
    await runs.record_answer(
        bot.db,
        run_id=run.id,
        member_id=1,
        display_name="quick",
        choice=run.question.answer,
        at=posted_at + dt.timedelta(seconds=5),
    )
    reveal = await runs.close_run(bot.db, run_id=run.id, at=run.closes_at)
    assert reveal is not None
    assert reveal.points == {1: BASE_POINTS + MAX_SPEED_BONUS}
    assert reveal.fastest_seconds == pytest.approx(5.0)
    board = await stats.leaderboard(bot.db, guild_id=GUILD, now=run.closes_at)
    assert [row.points for row in board.rows] == [BASE_POINTS + MAX_SPEED_BONUS]


async def _message_id(db: Database) -> int | None:
    (run,) = await runs.open_runs(db)
    return run.message_id


async def test_a_post_whose_record_was_lost_is_not_posted_again(bot: _Bot) -> None:
    """Killed between sending and recording: after a restart the message is found, not re-sent."""
    from sqlalchemy import update

    from bot.db.models import QuizRun

    await schedules.configure_channel(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, schedule=DAILY, now=TODAY - HOUR
    )
    await bot.tick(QuizScheduler(bot), TODAY)  # type: ignore[arg-type]
    assert _posted(bot) == 1
    async with bot.db.write() as conn:  # the record of the message never happened
        await conn.execute(update(QuizRun).values(message_id=None))
    restarted = QuizScheduler(bot)  # type: ignore[arg-type]
    await bot.tick(restarted, TODAY + 2 * dt.timedelta(minutes=1))
    assert _posted(bot) == 1
    assert await _message_id(bot.db) == 1


async def test_a_stop_in_the_middle_of_a_post_still_records_it(bot: _Bot) -> None:
    """Cancelled after the message went out, the scheduler records it before it stops."""
    await schedules.configure_channel(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, schedule=DAILY, now=TODAY - HOUR
    )
    channel = bot.channels[CHANNEL]
    channel.hold = asyncio.Event()
    scheduler = QuizScheduler(bot)  # type: ignore[arg-type]
    tick = asyncio.create_task(bot.tick(scheduler, TODAY))
    await channel.sending.wait()
    tick.cancel()  # the bot stops while Discord's answer is on its way
    channel.hold.set()
    with pytest.raises(asyncio.CancelledError):
        await tick
    await scheduler.stop()
    assert await _message_id(bot.db) == 1
    restarted = QuizScheduler(bot)  # type: ignore[arg-type]
    await bot.tick(restarted, TODAY + 2 * dt.timedelta(minutes=1))
    assert _posted(bot) == 1


async def test_a_stop_between_closing_and_revealing_still_reveals(bot: _Bot) -> None:
    """Cancelled after the close was stored, the scheduler still edits in the reveal."""
    await schedules.configure_channel(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, schedule=DAILY, now=TODAY - HOUR
    )
    scheduler = QuizScheduler(bot)  # type: ignore[arg-type]
    await bot.tick(scheduler, TODAY)
    channel = bot.channels[CHANNEL]
    shown = channel.sent[0]
    channel.edit_hold = asyncio.Event()
    tick = asyncio.create_task(bot.tick(scheduler, TODAY + 13 * HOUR))
    await channel.editing.wait()
    tick.cancel()
    channel.edit_hold.set()
    with pytest.raises(asyncio.CancelledError):
        await tick
    await scheduler.stop()
    assert channel.sent[0] is not shown
    assert await runs.open_runs(bot.db) == []


async def test_a_reminder_whose_record_was_lost_is_not_posted_again(bot: _Bot) -> None:
    """Killed between sending a reminder and recording it: after a restart the bot finds
    its own reminder (by the chapter's check-in buttons) instead of sending a second one."""
    from sqlalchemy import select, update

    from bot.core.model import Chapter
    from bot.db.models import ReadingReminder

    await reading.sync_chapters(bot.db, [Chapter(1, "One", 1), Chapter(2, "Two", 5)])
    evening = Schedule(dt.time(19), "Asia/Seoul")  # 10:00 UTC
    slot = dt.datetime(2026, 1, 1, 10, tzinfo=UTC)
    await reading.configure_reminders(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, schedule=evening, now=slot - HOUR
    )
    await bot.tick(ReminderScheduler(bot), slot)  # type: ignore[arg-type]
    assert _posted(bot) == 1
    assert bot.channels[CHANNEL].sent[0].get("view") is not None  # it has check-in buttons
    async with bot.db.write() as conn:  # the record of the message never happened
        await conn.execute(update(ReadingReminder).values(message_id=None))
    restarted = ReminderScheduler(bot)  # type: ignore[arg-type]
    await bot.tick(restarted, slot + 2 * dt.timedelta(minutes=1))
    assert _posted(bot) == 1
    async with bot.db.read() as conn:
        assert (await conn.execute(select(ReadingReminder.message_id))).scalar_one() == 1
