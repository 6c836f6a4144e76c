"""How fast personal practice reads and writes: 10,000 members x 500 questions of review state.

Fills a file SQLite database (and PostgreSQL when ``QUIZBOT_TEST_POSTGRES_URL`` is set,
in a schema of its own that is dropped afterwards) through the migrations and then in
bulk, with one ``INSERT … SELECT`` in the database rather than through the services:
500 questions, one schedule row per (member, question) with due times spread over 30
days either side of now (so about half of each member's questions are due), and the
members' quiz totals for a leaderboard.

Then times, through the real services and on random members:

- ``next_due``: :func:`bot.services.practice.next_question`, the member's most overdue
  question (with the reach check it makes first);
- ``record``: :func:`bot.services.practice.record_practice`, one review stored (the
  schedule row and its log entry, one transaction);
- ``leaderboard``: :func:`bot.services.stats.leaderboard`, the all-time points board's
  first page with the asking member's rank, the bot's hottest read, as the yardstick.

Prints p50 and p95 in milliseconds and each practice p95 divided by the leaderboard's
p95 in the same process, whether the due query's plan uses the (guild, member, due)
index, and ends with one line of JSON. Usage: ``python bench/practice.py
[--members 10000] [--questions 500] [--repeat 200] [--no-postgres]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text

from bench._measure import pct
from bench._schema import on_both
from bot.db import Database
from bot.db.models import Guild, Member, QuestionRow
from bot.services import practice, stats

GUILD = 1
ZONE = "Asia/Seoul"
NOW = dt.datetime(2026, 11, 20, 6, 0, tzinfo=dt.UTC)
SPREAD_S = 30 * 86_400  # due times within 30 days either side of NOW
CHUNK = 20_000


async def _bulk(db: Database, model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        async with db.engine.begin() as conn:
            await conn.execute(insert(model), rows[start : start + CHUNK])


def _cards_sql(dialect: str) -> str:
    """One statement making every member's schedule of every question, in the database."""
    columns = (
        "guild_id, member_id, question_id, answer, state, step, stability, difficulty,"
        " due, last_review, reviews, lapses"
    )
    offset = "((m.id * 7919 + q.source_line * 104729) % (2 * :spread)) - :spread"
    if dialect == "sqlite":
        return (
            "WITH RECURSIVE m(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM m WHERE id < :n) "
            f"INSERT INTO practice_cards ({columns}) "
            "SELECT :g, m.id, q.id, q.answer, 2, NULL, 3.0 + (m.id % 20), 5.0, "
            f"strftime('%Y-%m-%d %H:%M:%S.000000', :now, ({offset}) || ' seconds'), "
            f"strftime('%Y-%m-%d %H:%M:%S.000000', :now, ({offset} - 86400 * 3) || ' seconds'), "
            "3, 0 FROM m CROSS JOIN questions q"
        )
    return (
        f"INSERT INTO practice_cards ({columns}) "
        "SELECT :g, m.id, q.id, q.answer, 2, NULL, 3.0 + (m.id % 20), 5.0, "
        f"CAST(:now AS timestamptz) + make_interval(secs => {offset}), "
        f"CAST(:now AS timestamptz) + make_interval(secs => {offset} - 86400 * 3), "
        "3, 0 FROM generate_series(1, :n) AS m(id) CROSS JOIN questions q"
    )


async def _fill(db: Database, members: int, questions: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    await _bulk(db, Guild, [{"guild_id": GUILD, "language": "ko", "timezone": ZONE}])
    await _bulk(
        db,
        QuestionRow,
        [
            {
                "id": f"q-{i:012x}",
                "kind": "term_from_definition",
                "language": "ko",
                "book": "Bench",
                "chapter": None,
                "chapter_title": "",
                "prompt": f"Question {i}?",
                "choices": [f"answer {i}", "b", "c", "d"],
                "answer": f"answer {i}",
                "accepted": [f"answer {i}"],
                "explanation": "",
                "source_file": "bench.md",
                "source_line": i,
                "content_hash": "x",
                "updated_at": NOW,
            }
            for i in range(questions)
        ],
    )
    await _bulk(
        db,
        Member,
        [
            {
                "guild_id": GUILD,
                "member_id": m,
                "display_name": f"member {m}",
                "points": (p := rng.randint(0, 3000)),
                "answered": (a := rng.randint(max(1, p // 15), max(1, p // 10) + 5)),
                "correct": (c := min(a, p // 10)),
                "accuracy": c / a,
            }
            for m in range(1, members + 1)
        ],
    )
    now: Any = NOW.replace(tzinfo=None).isoformat(sep=" ") if db.is_sqlite else NOW
    async with db.engine.begin() as conn:
        await conn.execute(
            text(_cards_sql(db.dialect)),
            {"g": GUILD, "n": members, "now": now, "spread": SPREAD_S},
        )
        await conn.execute(text("ANALYZE"))
        cards = (await conn.execute(text("SELECT count(*) FROM practice_cards"))).scalar_one()
    return {"members": members, "questions": questions, "cards": int(cards)}


async def _due_plan_uses_index(db: Database) -> bool:
    """Whether the database answers "due now for a member" from the (guild, member, due) index."""
    query = (
        "SELECT question_id, due FROM practice_cards "
        "WHERE guild_id = 1 AND member_id = 42 AND due <= {now} ORDER BY due LIMIT 1"
    )
    async with db.engine.connect() as conn:
        if db.is_sqlite:
            rows = await conn.execute(
                text("EXPLAIN QUERY PLAN " + query.format(now="'2026-11-20 06:00:00.000000'"))
            )
            plan = " ".join(str(row[-1]) for row in rows)
        else:
            rows = await conn.execute(
                text("EXPLAIN " + query.format(now="'2026-11-20 06:00:00+00'::timestamptz"))
            )
            plan = " ".join(str(row[0]) for row in rows)
    return "ix_practice_cards_due" in plan


async def _time(repeat: int, call: Any) -> dict[str, float]:
    for _ in range(3):
        await call()  # warm the statement caches and pools
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - began) * 1000)
    return {"p50_ms": round(pct(samples, 0.5), 3), "p95_ms": round(pct(samples, 0.95), 3)}


async def _measure(db: Database, members: int, questions: int, repeat: int) -> dict[str, Any]:
    rng = random.Random(11)
    moment = [NOW]

    async def next_due() -> Any:
        return await practice.next_question(
            db, guild_id=GUILD, member_id=rng.randint(1, members), now=NOW
        )

    async def record() -> Any:
        moment[0] += dt.timedelta(milliseconds=1)
        return await practice.record_practice(
            db,
            guild_id=GUILD,
            member_id=rng.randint(1, members),
            question_id=f"q-{rng.randrange(questions):012x}",
            choice="b",
            at=moment[0],
            shown_at=moment[0],
        )

    async def board() -> Any:
        return await stats.leaderboard(
            db, guild_id=GUILD, member_id=rng.randint(1, members), now=NOW
        )

    timings = {
        "leaderboard": await _time(repeat, board),
        "next_due": await _time(repeat, next_due),
        "record": await _time(repeat, record),
    }
    base = max(timings["leaderboard"]["p95_ms"], 1e-6)
    return {
        "timings": timings,
        "next_due_vs_leaderboard_p95": round(timings["next_due"]["p95_ms"] / base, 2),
        "record_vs_leaderboard_p95": round(timings["record"]["p95_ms"] / base, 2),
    }


async def _run_on(url: str, args: argparse.Namespace, **engine: Any) -> dict[str, Any]:
    db = Database.from_url(url, **engine)
    try:
        await db.upgrade()
        began = time.perf_counter()
        size = await _fill(db, args.members, args.questions)
        fill_s = time.perf_counter() - began
        uses_index = await _due_plan_uses_index(db)
        measured = await _measure(db, args.members, args.questions, args.repeat)
    finally:
        await db.dispose()
    return {"fill_s": round(fill_s, 1), **size, "due_uses_index": uses_index, **measured}


def _report(name: str, result: dict[str, Any]) -> None:
    print(
        f"{name}: {result['members']} members x {result['questions']} questions ="
        f" {result['cards']} schedules (filled in {result['fill_s']} s);"
        f" due query on ix_practice_cards_due: {result['due_uses_index']}"
    )
    print(f"  {'operation':34} {'p50 ms':>8} {'p95 ms':>8} {'p95 / board':>12}")
    ratios = {
        "next_due": result["next_due_vs_leaderboard_p95"],
        "record": result["record_vs_leaderboard_p95"],
        "leaderboard": 1.0,
    }
    labels = {
        "next_due": "next due question for a member",
        "record": "recording a review",
        "leaderboard": "leaderboard read (all/points p1)",
    }
    for key, figures in result["timings"].items():
        print(
            f"  {labels[key]:34} {figures['p50_ms']:8.2f} {figures['p95_ms']:8.2f}"
            f" {ratios[key]:12.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    summary = on_both("practice", _run_on, args, _report, file="practice.db")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
