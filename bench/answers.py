"""How fast answers are stored: the real services against raw sqlite3, in one process.

Sets up a file SQLite database through the migrations, loads 50 questions and claims
50 runs, then 1,000 members send 20,000 answers (a few double clicks included) from
200 concurrent tasks through ``record_answer``. Each answer is committed before its
result comes back.

The baseline, measured in the same process on a database with the same schema and
pragmas: plain ``sqlite3`` doing one INSERT of the answer, one UPSERT of the member
and a commit per answer.

Prints answers/s, p50/p99 latency per answer, the ratio (quizbot answers/s divided
by baseline answers/s; the target is >= 0.25 with p99 < 50 ms) and ends with one
line of JSON. Usage: ``python bench/answers.py [--answers 20000] [--tasks 200]``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._measure import pct
from bot.core.model import Question, QuestionKind, Source
from bot.db import Database
from bot.services import runs
from bot.services.catalogue import sync_catalogue
from bot.services.types import AnswerStatus

GUILD = 1
START = dt.datetime(2026, 3, 2, 0, 0, tzinfo=dt.UTC)


def _questions(count: int) -> list[Question]:
    return [
        Question(
            id=f"bench-{i}",
            kind=QuestionKind.TERM_FROM_DEFINITION,
            language="en",
            book="Bench",
            chapter=i % 10 + 1,
            chapter_title=f"Chapter {i % 10 + 1}",
            prompt=f"Which term is number {i}?",
            answer=f"Term {i}",
            accepted=(f"Term {i}",),
            explanation="Because.",
            source=Source("bench.md", i + 1),
            choices=(f"Term {i}", "Other A", "Other B", "Other C"),
        )
        for i in range(count)
    ]


def _workload(answers: int, members: int, run_ids: list[int], seed: int = 7) -> list[tuple]:
    rng = random.Random(seed)
    per_run = answers // len(run_ids)
    work = []
    for run_id in run_ids:
        chosen = rng.sample(range(1, members + 1), min(members, per_run))
        for member in chosen:
            choice = rng.choice(["right", "Other A", "Other B"])
            work.append((run_id, member, choice))
    rng.shuffle(work)
    return work[:answers]


async def _quizbot(path: Path, answers: int, members: int, tasks: int, runs_n: int) -> dict:
    db = Database.from_url(f"sqlite+aiosqlite:///{path}")
    await db.upgrade()
    await sync_catalogue(db, _questions(runs_n))
    run_views = []
    for index in range(runs_n):
        slot = START + dt.timedelta(days=index)
        run, _ = await runs.claim_run(
            db, guild_id=GUILD, channel_id=100 + index % 5, slot=slot, now=slot
        )
        run_views.append(run)
    by_id = {run.id: run for run in run_views}
    work = _workload(answers, members, list(by_id))
    # 2% double clicks, as people do.
    rng = random.Random(11)
    work += [rng.choice(work) for _ in range(answers // 50)]
    rng.shuffle(work)
    queue: asyncio.Queue[tuple] = asyncio.Queue()
    for item in work:
        queue.put_nowait(item)
    latencies: list[float] = []
    statuses: dict[str, int] = {}

    async def worker() -> None:
        while True:
            try:
                run_id, member, choice = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            run = by_id[run_id]
            text = run.question.answer if choice == "right" else choice
            began = time.perf_counter()
            result = await runs.record_answer(
                db,
                run_id=run_id,
                member_id=member,
                display_name=f"member {member}",
                choice=text,
                at=run.opened_at + dt.timedelta(minutes=5),
            )
            latencies.append(time.perf_counter() - began)
            statuses[result.status.value] = statuses.get(result.status.value, 0) + 1

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(tasks)))
    elapsed = time.perf_counter() - began
    await db.dispose()
    stored = statuses.get(AnswerStatus.CORRECT.value, 0) + statuses.get(AnswerStatus.WRONG.value, 0)
    return {
        "calls": len(work),
        "stored": stored,
        "statuses": statuses,
        "seconds": elapsed,
        "answers_per_s": len(work) / elapsed,
        "p50_ms": pct(latencies, 0.50) * 1000,
        "p99_ms": pct(latencies, 0.99) * 1000,
    }


def _baseline(path: Path, work: list[tuple]) -> dict:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA busy_timeout=5000",
        "PRAGMA foreign_keys=ON",
        "PRAGMA synchronous=NORMAL",
    ):
        conn.execute(pragma)
    at = (START + dt.timedelta(minutes=5)).replace(tzinfo=None).isoformat(" ")
    began = time.perf_counter()
    for run_id, member, choice in work:
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO answers (run_id, member_id, guild_id, choice, correct, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, member_id) DO NOTHING",
            (run_id, member, GUILD, choice, choice == "right", at),
        )
        conn.execute(
            "INSERT INTO members (guild_id, member_id, display_name) VALUES (?, ?, ?)"
            " ON CONFLICT (guild_id, member_id) DO UPDATE SET display_name = excluded.display_name",
            (GUILD, member, f"member {member}"),
        )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - began
    conn.close()
    return {"seconds": elapsed, "answers_per_s": len(work) / elapsed}


async def _prepare_baseline(path: Path, runs_n: int) -> list[int]:
    db = Database.from_url(f"sqlite+aiosqlite:///{path}")
    await db.upgrade()
    await sync_catalogue(db, _questions(runs_n))
    ids = []
    for index in range(runs_n):
        slot = START + dt.timedelta(days=index)
        run, _ = await runs.claim_run(db, guild_id=GUILD, channel_id=100, slot=slot, now=slot)
        ids.append(run.id)
    await db.dispose()
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--tasks", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quizbot-bench-") as tmp:
        folder = Path(tmp)
        base_ids = asyncio.run(_prepare_baseline(folder / "baseline.db", args.runs))
        baseline = _baseline(
            folder / "baseline.db", _workload(args.answers, args.members, base_ids)
        )
        ours = asyncio.run(
            _quizbot(folder / "quizbot.db", args.answers, args.members, args.tasks, args.runs)
        )
    ratio = ours["answers_per_s"] / baseline["answers_per_s"]
    print(
        f"answers: {ours['calls']} calls ({ours['stored']} stored) from {args.members} members,"
        f" {args.runs} runs, {args.tasks} concurrent tasks, file SQLite"
    )
    print(f"  statuses        {ours['statuses']}")
    print(f"  quizbot         {ours['answers_per_s']:10.0f} answers/s  ({ours['seconds']:.2f} s)")
    print(
        f"  latency         p50 {ours['p50_ms']:.2f} ms   p99 {ours['p99_ms']:.2f} ms"
        "   (target p99 < 50 ms)"
    )
    print(
        f"  raw sqlite3     {baseline['answers_per_s']:10.0f} answers/s"
        "  (INSERT + UPSERT + commit per answer)"
    )
    print(f"  ratio           {ratio:10.3f}  (target >= 0.25)")
    print(
        json.dumps(
            {
                "bench": "answers",
                "answers": ours["calls"],
                "stored": ours["stored"],
                "members": args.members,
                "runs": args.runs,
                "tasks": args.tasks,
                "answers_per_s": round(ours["answers_per_s"], 1),
                "p50_ms": round(ours["p50_ms"], 3),
                "p99_ms": round(ours["p99_ms"], 3),
                "baseline_answers_per_s": round(baseline["answers_per_s"], 1),
                "ratio": round(ratio, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
