"""How fast a burst of due quizzes goes out: N channels due in the same minute.

For each N (100, 1,000 and 5,000 by default) a fresh database (a SQLite file, and
PostgreSQL when ``QUIZBOT_TEST_POSTGRES_URL`` is set, in a schema of its own that is
dropped afterwards) gets a catalogue of 200 questions in 10 chapters, N channels in
N/4 servers all scheduled for 09:00 Seoul (a third with chosen chapters, the rest
following the reading, with check-ins), and three past quizzes per channel. After a
tick at 08:59 (nothing due: the bot has been running), one tick of the real quiz
scheduler runs at 09:00, with Discord's send replaced by a local stand-in that
answers after a round trip (``--rtt``, default 80 ms, as over the internet) and lets
at most 50 posts in per second; beyond that it answers 429 and the sender waits
``retry_after`` before sending again, as discord.py does. Meanwhile members click:
an answer every 20 ms on a quiz already posted.

Prints, per database and N: seconds from the tick to the first, median and last post,
the ratio of the last post to N/50 s (the time Discord's limit allows; goal <= 1.1 at
1,000 and 5,000), SQL statements per channel (goal <= 3; the clicks' own statements
are not counted), 429s answered, the longest event-loop stall during the burst (goal
< 100 ms) beside the longest in an idle second before it, and the click latency;
checks every channel was posted exactly once. Ends with one line of JSON. Usage:
``python bench/fanout.py [--channels 100,1000,5000] [--rtt 0.08] [--no-postgres]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import contextvars
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, insert

from bench._measure import LoopWatch, pct
from bench._schema import in_schema
from bot.core.model import Chapter, Question, QuestionKind, Source
from bot.db import Database
from bot.db.models import Checkin, Guild, QuizChannel, QuizRun
from bot.exts.quiz._scheduler import QuizScheduler
from bot.services import reading, runs
from bot.services.catalogue import sync_catalogue

#: Discord's global limit on message creations per second.
RATE = 50
#: 09:00 in Seoul on a Monday: the slot every channel is due at.
SLOT = dt.datetime(2026, 3, 2, 0, 0, tzinfo=dt.UTC)
CHAPTERS = 10
QUESTIONS = 200
CHANNELS_PER_GUILD = 4
PAST_RUNS = 3
CLICK_EVERY = 0.02
#: Set in the scheduler's tick (and the tasks it starts): its statements are counted.
_SCHEDULING = contextvars.ContextVar("scheduling", default=False)


def _questions() -> list[Question]:
    return [
        Question(
            id=f"fan-{i}",
            kind=QuestionKind.TERM_FROM_DEFINITION,
            language="en",
            book="Bench",
            chapter=i % CHAPTERS + 1,
            chapter_title=f"Chapter {i % CHAPTERS + 1}",
            prompt=f"Which term is number {i}?",
            answer=f"Term {i}",
            accepted=(f"Term {i}",),
            explanation="Because.",
            source=Source("bench.md", i + 1),
            choices=(f"Term {i}", "Other A", "Other B", "Other C"),
        )
        for i in range(QUESTIONS)
    ]


async def _fill(db: Database, n: int) -> None:
    """The catalogue, the notes' chapters, N channels in N/4 guilds, history, check-ins."""
    await sync_catalogue(db, _questions())
    await reading.sync_chapters(
        db, [Chapter(c, f"Chapter {c}", c * 10, read=c <= 2) for c in range(1, CHAPTERS + 1)]
    )
    guilds = [1_000 + g for g in range((n + CHANNELS_PER_GUILD - 1) // CHANNELS_PER_GUILD)]
    channels = []
    for index in range(n):
        channels.append(
            {
                "channel_id": 100_000 + index,
                "guild_id": guilds[index // CHANNELS_PER_GUILD],
                "time_of_day": dt.time(9, 0),
                "timezone": "Asia/Seoul",
                "weekdays": 0b1111111,
                "questions_per_run": 1,
                "window_seconds": 12 * 3600,
                "paused": False,
                "chapters": [1, 2, 3] if index % 3 == 0 else None,
                "active_since": SLOT - dt.timedelta(days=30),
            }
        )
    past = [
        {
            "guild_id": ch["guild_id"],
            "channel_id": ch["channel_id"],
            "slot": SLOT - dt.timedelta(days=day),
            "seq": 0,
            "question_id": f"fan-{(ch['channel_id'] + day * 7) % 20}",
            "message_id": 1,
            "opened_at": SLOT - dt.timedelta(days=day),
            "closes_at": SLOT - dt.timedelta(days=day) + dt.timedelta(hours=12),
            "closed_at": SLOT - dt.timedelta(days=day) + dt.timedelta(hours=12),
            "status": "closed",
            "posted_at": SLOT - dt.timedelta(days=day),
        }
        for ch in channels
        for day in range(1, PAST_RUNS + 1)
    ]
    checkins = [
        {
            "guild_id": guild,
            "member_id": member,
            "chapter": chapter,
            "status": "done",
            "created_at": SLOT - dt.timedelta(days=2),
            "updated_at": SLOT - dt.timedelta(days=2),
        }
        for guild in guilds
        for member in range(1, 4)
        for chapter in (1, 2, 3)
    ]
    async with db.write() as conn:
        for model, rows in (
            (Guild, [{"guild_id": g, "timezone": "Asia/Seoul"} for g in guilds]),
            (QuizChannel, channels),
            (QuizRun, past),
            (Checkin, checkins),
        ):
            for start in range(0, len(rows), 2_000):
                await conn.execute(insert(model), rows[start : start + 2_000])


class _Discord:
    """The stand-in for Discord: a round trip per call, at most RATE posts in per second.

    A post beyond the limit is answered 429 with ``retry_after``; the sender then holds
    every send until that moment and sends again, as discord.py's global lock does.
    """

    def __init__(self, rtt: float) -> None:
        self.rtt = rtt
        self.admitted: list[float] = []  # perf_counter of each post let in
        self.window: list[float] = []
        self.refused = 0
        self.locked_until = 0.0
        self.posted: Counter[int] = Counter()
        self.run_ids: list[int] = []
        self.began = 0.0  # perf_counter when the tick started
        self._next_id = 10**15

    async def post(self, channel_id: int, message: dict[str, Any]) -> Any:
        while True:
            wait = self.locked_until - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            await asyncio.sleep(self.rtt / 2)  # the request travels
            now = time.perf_counter()
            self.window = [t for t in self.window if t > now - 1.0]
            if len(self.window) < RATE:
                self.window.append(now)
                self.admitted.append(now)
                break
            retry_after = self.window[0] + 1.0 - now
            self.refused += 1
            await asyncio.sleep(self.rtt / 2)  # the 429 travels back
            self.locked_until = max(self.locked_until, time.perf_counter() + retry_after)
        self.posted[channel_id] += 1
        view = message.get("view")
        for item in view.children if view is not None else ():
            custom_id = str(getattr(item, "custom_id", "") or "")
            if custom_id.startswith("quiz:"):
                self.run_ids.append(int(custom_id.split(":")[1]))
                break
        self._next_id += 1
        created = SLOT + dt.timedelta(seconds=now - self.began)
        await asyncio.sleep(self.rtt / 2)  # the answer travels back
        return SimpleNamespace(id=self._next_id, created_at=created, components=[])


class _Channel:
    def __init__(self, discord_: _Discord, channel_id: int) -> None:
        self._discord = discord_
        self.id = channel_id

    async def send(self, **message: Any) -> Any:
        return await self._discord.post(self.id, message)


class _Bot:
    """Just enough of the bot for the scheduler; every channel posts to the stand-in."""

    def __init__(self, db: Database, discord_: _Discord) -> None:
        self.db = db
        self.discord = discord_
        self.user = SimpleNamespace(id=4242)
        self.library = None
        self.settings = SimpleNamespace(content_dir=Path("content"))

    def owns_guild(self, guild_id: int) -> bool:
        return True

    def get_channel(self, channel_id: int) -> None:
        return None

    def get_partial_messageable(self, channel_id: int, *, guild_id: int | None = None) -> Any:
        return _Channel(self.discord, channel_id)


async def _click(db: Database, stand_in: _Discord, latencies: list[float]) -> None:
    """A member's answer every CLICK_EVERY seconds on a quiz already posted."""
    rng = random.Random(5)
    member = 0
    while True:
        await asyncio.sleep(CLICK_EVERY)
        if not stand_in.run_ids:
            continue
        member += 1
        began = time.perf_counter()
        await runs.record_answer(
            db,
            run_id=rng.choice(stand_in.run_ids),
            member_id=member,
            display_name=f"member {member}",
            choice="Other A",
            at=SLOT + dt.timedelta(minutes=1),
        )
        latencies.append(time.perf_counter() - began)


async def _burst(url: str, n: int, rtt: float, **engine: Any) -> dict[str, Any]:
    db = Database.from_url(url, **engine)
    try:
        await db.upgrade()
        await _fill(db, n)
        await db.start()
        stand_in = _Discord(rtt)
        scheduler = QuizScheduler(_Bot(db, stand_in))  # type: ignore[arg-type]
        statements = 0

        def count(*_args: Any) -> None:
            nonlocal statements
            if _SCHEDULING.get():  # not the clicks' answers
                statements += 1

        async def tick() -> None:
            _SCHEDULING.set(True)
            await scheduler.tick(SLOT)

        # The bot has been running: a tick a minute before, with nothing due yet.
        await scheduler.tick(SLOT - dt.timedelta(minutes=1))
        async with LoopWatch() as idle:  # the machine's noise floor, nothing running
            await asyncio.sleep(1.0)
        latencies: list[float] = []
        clicks = asyncio.create_task(_click(db, stand_in, latencies))
        async with LoopWatch() as watch:
            event.listen(db.engine.sync_engine, "before_cursor_execute", count)
            began = stand_in.began = time.perf_counter()
            await asyncio.create_task(tick())
            event.remove(db.engine.sync_engine, "before_cursor_execute", count)
        clicks.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await clicks
        await scheduler.stop()
        recorded = sum(run.message_id is not None for run in await runs.open_runs(db))
    finally:
        await db.dispose()
    times = [t - began for t in stand_in.admitted]
    ideal = n / RATE
    return {
        "channels": n,
        "posted": sum(stand_in.posted.values()),
        "exactly_once": len(stand_in.posted) == n and set(stand_in.posted.values()) == {1},
        "recorded": recorded,
        "first_s": round(min(times), 3),
        "median_s": round(statistics.median(times), 3),
        "last_s": round(max(times), 3),
        "ideal_s": ideal,
        "ratio": round(max(times) / ideal, 3),
        "statements": statements,
        "statements_per_channel": round(statements / n, 3),
        "refused_429": stand_in.refused,
        "longest_stall_ms": round(watch.longest_ms, 1),
        "idle_stall_ms": round(idle.longest_ms, 1),
        "clicks": len(latencies),
        "click_p50_ms": round(pct(latencies, 0.5) * 1000, 2),
        "click_p99_ms": round(pct(latencies, 0.99) * 1000, 2),
        "click_max_ms": round(max(latencies, default=0.0) * 1000, 2),
    }


async def _postgres_burst(url: str, n: int, rtt: float) -> dict[str, Any]:
    return await in_schema(url, lambda connect_args: _burst(url, n, rtt, connect_args=connect_args))


def _report(name: str, result: dict[str, Any]) -> None:
    print(
        f"  {name:10} {result['channels']:6d} {result['first_s']:8.2f} {result['median_s']:8.2f}"
        f" {result['last_s']:8.2f} {result['ideal_s']:7.1f} {result['ratio']:6.3f}"
        f" {result['statements_per_channel']:8.3f} {result['refused_429']:5d}"
        f" {result['longest_stall_ms']:8.1f} {result['idle_stall_ms']:6.1f}"
        f" {result['click_p99_ms']:8.1f}"
        f"  {'yes' if result['exactly_once'] else 'NO'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", default="100,1000,5000")
    parser.add_argument("--rtt", type=float, default=0.08, help="round trip in seconds")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.channels.split(",")]
    postgres = os.environ.get("QUIZBOT_TEST_POSTGRES_URL")
    print(
        f"fanout: channels due at one minute, {QUESTIONS} questions, round trip"
        f" {args.rtt * 1000:.0f} ms, Discord lets {RATE} posts/s in"
    )
    print(
        f"  {'database':10} {'N':>6} {'first s':>8} {'median s':>8} {'last s':>8}"
        f" {'N/50 s':>7} {'ratio':>6} {'SQL/ch':>8} {'429s':>5} {'stall ms':>8} {'idle':>6}"
        f" {'click99':>8}  once"
    )
    summary: dict[str, Any] = {"bench": "fanout", "rtt_s": args.rtt, "rate": RATE}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="quizbot-bench-") as tmp:
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'fanout.db'}"
            result = asyncio.run(_burst(url, n, args.rtt))
        _report("SQLite", result)
        summary.setdefault("sqlite", {})[str(n)] = result
        if postgres and not args.no_postgres:
            result = asyncio.run(_postgres_burst(postgres, n, args.rtt))
            _report("PostgreSQL", result)
            summary.setdefault("postgresql", {})[str(n)] = result
    print("  (times from the tick to each post let in; ratio = last post / (N/50 s),")
    print("   goal <= 1.1 at 1,000 and 5,000; SQL/ch = statements per channel, goal <= 3;")
    print("   stall = the longest the event loop was held during the burst, goal < 100 ms,")
    print("   idle = the same for a second before it, the machine's noise floor;")
    print("   click99 = p99 of a member's answer during the burst, in ms)")
    results = [r for db in ("sqlite", "postgresql") for r in summary.get(db, {}).values()]
    summary["worst_ratio_1000_up"] = max(
        (r["ratio"] for r in results if r["channels"] >= 1000), default=None
    )
    summary["worst_statements_per_channel"] = max(r["statements_per_channel"] for r in results)
    summary["longest_stall_ms"] = max(r["longest_stall_ms"] for r in results)
    summary["all_exactly_once"] = all(r["exactly_once"] for r in results)
    print(json.dumps(summary))
    return 0 if summary["all_exactly_once"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
