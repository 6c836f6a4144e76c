"""The database's answer writer: started explicitly, drained on dispose, closed after."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.db import Database, DatabaseClosed
from bot.services import runs
from bot.services.catalogue import sync_catalogue
from tests.db.conftest import DatabaseFactory
from tests.services.conftest import question

SLOT = dt.datetime(2026, 3, 23, 0, 0, tzinfo=dt.UTC)


async def _open_run(db: Database) -> runs.RunView:
    await sync_catalogue(db, [question("q1")])
    run, _ = await runs.claim_run(db, guild_id=1, channel_id=2, slot=SLOT, now=SLOT)
    return run


async def _answer(db: Database, run: runs.RunView, member: int) -> runs.AnswerResult:
    return await runs.record_answer(
        db,
        run_id=run.id,
        member_id=member,
        display_name=f"m{member}",
        choice=run.question.answer,
        at=run.opened_at,
    )


async def test_start_runs_the_writer_before_any_answer(db: Database) -> None:
    """After start() the answer writer is already running, and starting twice is harmless."""
    await db.start()
    await db.start()
    writer = db.writer(runs.ANSWER_WRITER)
    assert writer.running
    run = await _open_run(db)
    assert (await _answer(db, run, 1)).status is runs.AnswerStatus.CORRECT
    assert db.writer(runs.ANSWER_WRITER) is writer


async def test_dispose_commits_every_answer_in_flight(make_db: DatabaseFactory) -> None:
    """Shutting down while 300 answers are queued stores and reports every one of them."""
    db = make_db()
    await db.upgrade()
    await db.start()
    run = await _open_run(db)
    clicks = [asyncio.create_task(_answer(db, run, member)) for member in range(300)]
    await asyncio.sleep(0)  # every click is queued, few (if any) are committed yet
    await db.dispose()
    results = await asyncio.gather(*clicks)
    assert {r.status for r in results} == {runs.AnswerStatus.CORRECT}
    reopened = make_db()
    reveal = await runs.close_run(reopened, run_id=run.id, at=run.closes_at)
    assert reveal is not None
    assert sorted(reveal.points) == list(range(300))


async def test_an_answer_after_dispose_is_refused_clearly(db: Database) -> None:
    """An answer sent to a closed database fails with a message, instead of hanging."""
    run = await _open_run(db)
    await _answer(db, run, 1)
    await db.dispose()
    with pytest.raises(DatabaseClosed, match="closed"):
        await _answer(db, run, 2)
    with pytest.raises(DatabaseClosed, match="closed"):
        await db.start()
    await db.dispose()  # twice is harmless


async def test_dispose_without_any_answer_is_quick(db: Database) -> None:
    """A database that never took an answer (a terminal command) closes without a writer."""
    await db.dispose()
    assert db.closed
