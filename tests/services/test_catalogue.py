"""Catalogue sync: new, changed and vanished questions; nothing is ever deleted."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import gc
import sys
import time
from pathlib import Path

from bot.core.model import Source
from bot.db import Database
from bot.services import runs
from bot.services.catalogue import sync_catalogue
from tests.services.conftest import question


async def test_sync_adds_updates_and_retires(db: Database) -> None:
    """Reloading notes reports what changed; a removed question is retired, not deleted."""
    first = await sync_catalogue(db, [question("a"), question("b"), question("c")])
    assert (first.added, first.updated, first.retired, first.total) == (3, 0, 0, 3)
    same = await sync_catalogue(db, [question("a"), question("b"), question("c")])
    assert (same.added, same.updated, same.retired) == (0, 0, 0)
    edited = dataclasses.replace(question("b"), explanation="A better explanation.")
    second = await sync_catalogue(db, [question("a"), edited, question("d")])
    assert (second.added, second.updated, second.retired, second.total) == (1, 1, 1, 3)
    back = await sync_catalogue(db, [question("a"), edited, question("c"), question("d")])
    assert (back.added, back.updated, back.retired, back.total) == (0, 1, 0, 4)


async def test_duplicate_ids_are_stored_once(db: Database) -> None:
    """Two questions with one id (a content mistake) do not break the sync."""
    change = await sync_catalogue(db, [question("a"), question("a", answer="Other")])
    assert (change.added, change.total) == (1, 1)


async def test_a_question_in_an_open_quiz_keeps_its_choices_until_it_closes(db: Database) -> None:
    """Reloading notes mid-quiz never changes the choices members are clicking."""
    await sync_catalogue(db, [question("a")])
    now = dt.datetime(2026, 3, 23, tzinfo=dt.UTC)
    run, _ = await runs.claim_run(db, guild_id=1, channel_id=2, slot=now, now=now)
    reordered = dataclasses.replace(question("a"), choices=("Service", "Pod", "Node", "Volume"))

    during = await sync_catalogue(db, [reordered])
    assert (during.updated, during.deferred) == (0, 1)
    shown = await runs.get_run(db, run_id=run.id)
    assert shown is not None
    assert shown.question.choices == question("a").choices

    await runs.close_run(db, run_id=run.id, at=run.closes_at)
    after = await sync_catalogue(db, [reordered])
    assert after.updated == 1
    closed = await runs.get_run(db, run_id=run.id)
    assert closed is not None
    assert closed.question.choices == reordered.choices


async def test_a_new_quality_score_is_not_a_change(db: Database) -> None:
    """Rescoring questions (their score, term or origin) does not report them as changed."""
    await sync_catalogue(db, [question("a")])
    rescored = dataclasses.replace(question("a"), score=0.25, term="Pod", origin="card")
    change = await sync_catalogue(db, [rescored])
    assert (change.added, change.updated, change.retired) == (0, 0, 0)


async def test_the_catalogue_keeps_each_question_s_score(db: Database) -> None:
    """A sync stores the quality score and a rescoring updates it without reporting a change."""
    from sqlalchemy import select

    from bot.db.models import QuestionRow

    await sync_catalogue(db, [dataclasses.replace(question("a"), score=0.75), question("b")])
    await sync_catalogue(db, [dataclasses.replace(question("a"), score=0.5), question("b")])
    async with db.read() as conn:
        scores = dict((await conn.execute(select(QuestionRow.id, QuestionRow.score))).all())
    assert scores == {"a": 0.5, "b": 1.0}


async def test_questions_stored_before_scores_existed_keep_full_marks(db: Database) -> None:
    """Upgrading a database whose catalogue predates scores keeps every question, scored 1."""
    from sqlalchemy import text

    await db.downgrade("0005")
    await sync_catalogue_at_0005(db)
    await db.upgrade()
    async with db.read() as conn:
        rows = (await conn.execute(text("SELECT id, score FROM questions ORDER BY id"))).all()
    assert [tuple(row) for row in rows] == [("a", 1.0), ("b", 1.0)]


async def sync_catalogue_at_0005(db: Database) -> None:
    """Two catalogue rows written as revision 0005 stores them (no score column)."""
    from sqlalchemy import text

    now = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    async with db.write() as conn:
        for qid in ("a", "b"):
            await conn.execute(
                text(
                    "INSERT INTO questions (id, kind, language, book, chapter, chapter_title,"
                    " prompt, choices, answer, accepted, explanation, source_file, source_line,"
                    " content_hash, updated_at) VALUES (:id, 'flashcard', 'en', 'b', 1, 'c',"
                    " 'p', NULL, 'x', '[\"x\"]', 'e', 'f.md', 1, 'h', :now)"
                ),
                {"id": qid, "now": now},
            )


async def test_a_load_that_found_nothing_keeps_the_catalogue(db: Database) -> None:
    """A missing or wrong content folder (no questions at all) retires nothing."""
    await sync_catalogue(db, [question("a"), question("b")])
    change = await sync_catalogue(db, [])
    assert change.kept
    assert (change.retired, change.total) == (0, 2)
    again = await sync_catalogue(db, [question("a"), question("b")])
    assert (again.added, again.updated, again.retired) == (0, 0, 0)


async def test_questions_of_a_file_that_failed_to_load_are_not_retired(db: Database) -> None:
    """A file that used to load and now cannot be read keeps its questions in the pool."""
    other = dataclasses.replace(question("b"), source=Source("notes/other.md", 3))
    await sync_catalogue(db, [question("a"), other])
    change = await sync_catalogue(db, [question("a")], unreadable=["notes/other.md"])
    assert (change.retired, change.spared, change.total) == (0, 1, 2)
    gone = await sync_catalogue(db, [question("a")])
    assert gone.retired == 1


async def test_other_writes_get_in_while_a_large_catalogue_syncs(db: Database) -> None:
    """During a sync of 20,000 questions, other writes get in, nearly all within a second."""
    from sqlalchemy import text

    questions = [question(f"bulk{i}") for i in range(20_000)]
    sync = asyncio.create_task(sync_catalogue(db, questions))
    waits: list[float] = []
    while not sync.done():
        asked = time.perf_counter()
        async with db.write() as conn:
            await conn.execute(text("SELECT 1"))
        waits.append(time.perf_counter() - asked)
        await asyncio.sleep(0.01)
    change = await sync
    assert change.added == 20_000
    assert len(waits) >= 3, "no other write got in while the sync ran"
    assert sorted(waits)[int(len(waits) * 0.95)] < 1.0


async def test_a_row_another_process_added_meanwhile_is_kept(db: Database) -> None:
    """Two syncs of the same new questions at once store each question once, no error."""
    fresh = [question(f"n{i}") for i in range(1200)]
    first, second = await asyncio.gather(sync_catalogue(db, fresh), sync_catalogue(db, fresh))
    assert first.total == second.total == 1200
    again = await sync_catalogue(db, fresh)
    assert (again.added, again.updated, again.retired) == (0, 0, 0)


async def test_answers_during_a_sync_of_100k_questions_are_all_stored_quickly(
    db: Database,
) -> None:
    """Members keep answering while 100,000 questions sync: every answer is stored, p99 < 1 s."""
    from bot.core.schedule import Schedule
    from bot.services import schedules
    from bot.services.types import AnswerStatus

    await sync_catalogue(db, [question("live")])
    await schedules.configure_channel(
        db, guild_id=1, channel_id=2, schedule=Schedule(dt.time(10), "Asia/Seoul")
    )
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    run, _ = await runs.claim_run(db, guild_id=1, channel_id=2, slot=now, now=now)
    loaded = [question("live")] + [question(f"big{i}") for i in range(100_000)]
    gc.freeze()  # as the bot sets a loaded library aside from the collector
    sync = asyncio.create_task(sync_catalogue(db, loaded))
    waits: list[float] = []
    member = 0
    while not sync.done():
        member += 1
        asked = time.perf_counter()
        result = await runs.record_answer(
            db,
            run_id=run.id,
            member_id=member,
            display_name=f"m{member}",
            choice=run.question.answer,
            at=dt.datetime.now(dt.UTC),
        )
        waits.append(time.perf_counter() - asked)
        assert result.status is AnswerStatus.CORRECT
        await asyncio.sleep(0.02)
    assert (await sync).added == 100_000
    gc.unfreeze()
    assert member >= 10, "no answer was taken while the sync ran"
    waits.sort()
    assert waits[int(len(waits) * 0.99) - 1] < 1.0
    reveal = await runs.close_run(db, run_id=run.id, at=run.closes_at)
    assert reveal is not None
    assert len(reveal.correct) == member


_REPO = Path(__file__).resolve().parents[2]
_SYNC_IN_ANOTHER_PROCESS = """
import asyncio, sys
from bot.db import Database
from bot.services.catalogue import sync_catalogue
from tests.services.conftest import question

async def main() -> None:
    db = Database.from_url(sys.argv[1])
    loaded = [question("live")] + [question(f"big{i}") for i in range(int(sys.argv[2]))]
    print("syncing", flush=True)
    result = await sync_catalogue(db, loaded)
    print("added", result.added, flush=True)
    await db.dispose()

asyncio.run(main())
"""


async def test_answers_are_stored_while_another_process_syncs_the_catalogue(
    tmp_path: Path,
) -> None:
    """A second bot process writes a large catalogue into the same SQLite file: every
    answer given meanwhile is stored, none fails with "database is locked"."""
    from bot.core.schedule import Schedule
    from bot.services import schedules
    from bot.services.types import AnswerStatus

    url = f"sqlite+aiosqlite:///{tmp_path / 'quizbot.db'}"
    db = Database.from_url(url)
    await db.upgrade()
    await sync_catalogue(db, [question("live")])
    await schedules.configure_channel(
        db, guild_id=1, channel_id=2, schedule=Schedule(dt.time(10), "Asia/Seoul")
    )
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    run, _ = await runs.claim_run(db, guild_id=1, channel_id=2, slot=now, now=now)
    other = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        _SYNC_IN_ANOTHER_PROCESS,
        url,
        "20000",
        cwd=_REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert other.stdout is not None
    assert await other.stdout.readline() == b"syncing\n"
    member = 0
    while other.returncode is None:
        member += 1
        result = await runs.record_answer(
            db,
            run_id=run.id,
            member_id=member,
            display_name=f"m{member}",
            choice=run.question.answer,
            at=dt.datetime.now(dt.UTC),
        )
        assert result.status is AnswerStatus.CORRECT
        await asyncio.sleep(0.02)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(other.wait(), timeout=0.001)
    out, err = await other.communicate()
    assert other.returncode == 0, err.decode()
    assert b"added 20000" in out
    assert member >= 5, "no answer was taken while the other process synced"
    reveal = await runs.close_run(db, run_id=run.id, at=run.closes_at)
    assert reveal is not None
    assert len(reveal.correct) == member
    await db.dispose()
