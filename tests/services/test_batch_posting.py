"""Many channels due in the same minute: each gets its quiz exactly once, whatever happens.

The real quiz scheduler is ticked by hand under a fake clock (as in test_scheduling),
with a stand-in for Discord that can refuse a channel, lose one, or hold every post
after the first few, as a stop in the middle of a burst would find them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from types import SimpleNamespace
from typing import Any

import discord
import pytest
from sqlalchemy import delete

from bot.core.model import Chapter
from bot.core.schedule import Schedule
from bot.db import Database
from bot.db.models import QuizRun
from bot.exts.quiz._scheduler import QuizScheduler
from bot.services import checkins, claims, reading, runs, schedules
from tests.db.conftest import DatabaseFactory
from tests.services.conftest import question
from tests.services.test_scheduling import DAILY, TODAY, _Bot, _Channel

UTC = dt.UTC
MINUTE = dt.timedelta(minutes=1)
#: 40 channels in 10 guilds, all at 10:00 Seoul.
CHANNELS = {1000 + n: 100 + n // 4 for n in range(40)}
#: Chapter 1 is read in the notes; chapter 2 joins once half the members finish it.
CHAPTERS = [Chapter(1, "One", 1, read=True), Chapter(2, "Two", 10), Chapter(3, "Three", 20)]


class _Fickle(_Channel):
    """A channel that can fail (``error``) or keep posts waiting once ``bot.gate`` closes."""

    def __init__(self, bot: _BurstBot) -> None:
        super().__init__(bot)
        self.error: Exception | None = None

    async def send(self, **message: Any) -> Any:
        bot = self.bot
        assert isinstance(bot, _BurstBot)
        if self.error is not None:
            raise self.error
        bot.started += 1
        if bot.started > bot.free + 5:
            bot.held.set()
        if bot.gate is not None and bot.started > bot.free:
            await bot.gate.wait()  # on its way to Discord when the bot stops
        return await super().send(**message)


class _BurstBot(_Bot):
    """A stand-in bot with :class:`_Fickle` channels; posts after ``free`` wait for ``gate``."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.channels.default_factory = lambda: _Fickle(self)
        self.gate: asyncio.Event | None = None
        self.free = 0
        self.started = 0
        self.held = asyncio.Event()  # set: a few posts wait for the gate


def _error(status: int, code: int) -> discord.HTTPException:
    response = SimpleNamespace(status=status, reason="refused")
    kind = discord.NotFound if status == 404 else discord.Forbidden
    return kind(response, {"code": code, "message": "refused"})


async def _stock(db: Database) -> None:
    from bot.services.catalogue import sync_catalogue

    await sync_catalogue(
        db,
        [question(f"c{c}q{i}", chapter=c) for c in (1, 2, 3) for i in range(4)]
        + [question("loose", chapter=None)],
    )
    await reading.sync_chapters(db, CHAPTERS)


async def _configure(db: Database, *, questions: int = 1) -> None:
    for channel, guild in CHANNELS.items():
        await schedules.configure_channel(
            db,
            guild_id=guild,
            channel_id=channel,
            schedule=DAILY,
            questions_per_run=2 if channel % 5 == 0 else questions,
            now=TODAY - dt.timedelta(hours=1),
        )
        if channel % 3 == 0:
            await schedules.set_chapters(db, guild_id=guild, channel_id=channel, chapters=(3,))


def _expected(channel: int) -> int:
    return 2 if channel % 5 == 0 else 1


def _posts(bot: _Bot) -> Counter[int]:
    return Counter({channel: len(bot.channels[channel].sent) for channel in CHANNELS})


@pytest.fixture
async def burst_db(db: Database) -> Database:
    """A database with questions, chapters and 40 channels due at 10:00 Seoul."""
    await _stock(db)
    await _configure(db)
    return db


async def test_a_batch_tick_posts_every_channel_once(burst_db: Database) -> None:
    """Every due channel gets its quiz once, its questions from its own scope, recorded."""
    bot = _BurstBot(burst_db)
    scheduler = QuizScheduler(bot)  # type: ignore[arg-type]
    await bot.tick(scheduler, TODAY)
    await bot.tick(scheduler, TODAY + 2 * MINUTE)
    assert _posts(bot) == Counter({channel: _expected(channel) for channel in CHANNELS})
    opened = await runs.open_runs(burst_db)
    assert len(opened) == sum(_expected(channel) for channel in CHANNELS)
    assert all(run.message_id is not None and run.posted_at == TODAY for run in opened)
    for channel in CHANNELS:
        chapters = {run.question.chapter for run in opened if run.channel_id == channel}
        # Chapter 1 is the only one reached; a channel set to chapter 3 asks chapter 3.
        assert chapters <= ({3} if channel % 3 == 0 else {1, None})
        asked = [run.question.id for run in opened if run.channel_id == channel]
        assert len(set(asked)) == len(asked)


async def test_a_batch_asks_what_a_single_claim_would(make_db: DatabaseFactory) -> None:
    """Day after day a batch-claimed channel asks new questions first, as a lone claim does."""
    batch = make_db()
    await batch.upgrade()
    await _stock(batch)
    for member in (1, 2):  # both members finished chapter 2: it is reached too
        await checkins.record_checkin(batch, guild_id=100, member_id=member, chapter=2, at=TODAY)
    cs = await schedules.configure_channel(
        batch, guild_id=100, channel_id=1001, schedule=DAILY, now=TODAY - MINUTE
    )
    asked_batch: list[str] = []
    for day in range(10):
        slot = TODAY + dt.timedelta(days=day)
        (claim,) = await claims.claim_slots(batch, [(cs, slot)], now=slot)
        asked_batch += [run.question.id for run in claim.created]
        (again,) = await claims.claim_slots(batch, [(cs, slot)], now=slot)
        assert again.created == []
    async with batch.write() as conn:  # the same database, claimed one by one instead
        await conn.execute(delete(QuizRun))
    asked_single = []
    for day in range(10):
        slot = TODAY + dt.timedelta(days=day)
        run, _ = await runs.claim_run(batch, guild_id=100, channel_id=1001, slot=slot, now=slot)
        asked_single.append(run.question.id)
    assert asked_batch == asked_single
    assert len(set(asked_batch[:9])) == 9  # chapters 1 and 2 and the loose one, all new


async def test_two_processes_post_each_channel_once(make_db: DatabaseFactory) -> None:
    """Two schedulers on two handles of one database, ticking at once, post each slot once."""
    first, second = make_db(), make_db()
    await first.upgrade()
    await _stock(first)
    await _configure(first)
    one, two = _BurstBot(first), _BurstBot(second)
    two.channels = one.channels  # one Discord: both processes post to the same channels
    a, b = QuizScheduler(one), QuizScheduler(two)  # type: ignore[arg-type]
    await asyncio.gather(one.tick(a, TODAY), two.tick(b, TODAY))
    await asyncio.gather(
        one.tick(a, TODAY + 2 * MINUTE), two.tick(b, TODAY + 2 * MINUTE + dt.timedelta(seconds=1))
    )
    assert _posts(one) == Counter({channel: _expected(channel) for channel in CHANNELS})
    assert all(run.message_id is not None for run in await runs.open_runs(first))


async def test_a_channel_failing_mid_batch_holds_up_no_other(burst_db: Database) -> None:
    """A refused and a deleted channel in the middle of the burst: every other one is
    posted at once, the refused one a minute later, the deleted one is paused."""
    bot = _BurstBot(burst_db)
    refused, deleted, broken = 1013, 1021, 1027
    bot.channels[refused].error = _error(403, 50013)
    bot.channels[deleted].error = _error(404, 10003)
    bot.channels[broken].error = RuntimeError("the connection dropped")
    scheduler = QuizScheduler(bot)  # type: ignore[arg-type]
    await bot.tick(scheduler, TODAY)
    failing = {refused, deleted, broken}
    assert _posts(bot) == Counter(
        {channel: _expected(channel) for channel in CHANNELS if channel not in failing}
    )
    (gone,) = [cs for cs in await schedules.list_schedules(burst_db) if cs.paused]
    assert gone.channel_id == deleted
    bot.channels[refused].error = bot.channels[broken].error = None
    await bot.tick(scheduler, TODAY + 2 * MINUTE)
    await bot.tick(scheduler, TODAY + 4 * MINUTE)
    assert _posts(bot) == Counter(
        {channel: _expected(channel) for channel in CHANNELS if channel != deleted}
    )


async def test_a_restart_in_the_middle_of_a_burst_posts_the_rest_once(
    make_db: DatabaseFactory,
) -> None:
    """Stopped after a few posts went out and more were on their way: those are recorded,
    and the restarted process posts every other channel once, none twice."""
    first = make_db()
    await first.upgrade()
    await _stock(first)
    await _configure(first)
    bot = _BurstBot(first)
    bot.gate, bot.free = asyncio.Event(), 10
    scheduler = QuizScheduler(bot)  # type: ignore[arg-type]
    tick = asyncio.create_task(bot.tick(scheduler, TODAY))
    await bot.held.wait()
    tick.cancel()  # the bot stops in the middle of the burst
    with pytest.raises(asyncio.CancelledError):
        await tick
    bot.gate.set()  # the posts already on their way are answered
    await scheduler.stop()
    before = sum(_posts(bot).values())
    assert bot.free < before < sum(_expected(channel) for channel in CHANNELS)
    await first.dispose()
    restarted = _BurstBot(make_db())
    restarted.channels = bot.channels
    again = QuizScheduler(restarted)  # type: ignore[arg-type]
    await restarted.tick(again, TODAY + 2 * MINUTE)
    await restarted.tick(again, TODAY + 4 * MINUTE)
    assert _posts(bot) == Counter({channel: _expected(channel) for channel in CHANNELS})
    assert all(run.message_id is not None for run in await runs.open_runs(restarted.db))


async def test_a_reading_reminder_still_posts_beside_a_quiz_burst(burst_db: Database) -> None:
    """Reminders due in the same minute as a burst of quizzes are posted once too."""
    from bot.exts.reading._scheduler import ReminderScheduler

    bot = _BurstBot(burst_db)
    await reading.configure_reminders(
        burst_db,
        guild_id=100,
        channel_id=999,
        schedule=Schedule(DAILY.time_of_day, DAILY.timezone),
        now=TODAY - MINUTE,
    )
    quizzes, reminders = QuizScheduler(bot), ReminderScheduler(bot)  # type: ignore[arg-type]
    await asyncio.gather(bot.tick(quizzes, TODAY), bot.tick(reminders, TODAY))
    await bot.tick(reminders, TODAY + 2 * MINUTE)
    assert len(bot.channels[999].sent) == 1
    assert sum(_posts(bot).values()) == sum(_expected(channel) for channel in CHANNELS)
