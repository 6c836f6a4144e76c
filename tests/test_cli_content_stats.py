"""``quizbot content check --stats``: each question's statistics and flags from the database."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from bot.db import Database
from bot.services import catalogue, runs
from tests.services.conftest import question
from tests.test_cli_content import notes, run

__all__ = ["notes"]

SLOT = dt.datetime(2026, 3, 23, tzinfo=dt.UTC)


async def _seed(url: str) -> str:
    """One quiz of one question answered right by 10 members of server 7: too easy."""
    db = Database.from_url(url)
    try:
        await db.upgrade()
        await catalogue.sync_catalogue(db, [question("only")])
        run_, _ = await runs.claim_run(db, guild_id=7, channel_id=70, slot=SLOT, now=SLOT)
        for member in range(10):
            await runs.record_answer(
                db,
                run_id=run_.id,
                member_id=member,
                display_name=f"m{member}",
                choice="Pod",
                at=SLOT,
            )
        await runs.close_run(db, run_id=run_.id, at=run_.closes_at)
        return run_.question.id
    finally:
        await db.dispose()


def test_check_stats_prints_each_server_s_questions_with_flags(
    capsys: pytest.CaptureFixture[str],
    notes: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """--stats reads the configured database: asked, answers, share right and the flags."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'stats.db'}"
    monkeypatch.setenv("QUIZBOT_DATABASE_URL", url)
    qid = asyncio.run(_seed(url))
    code, out, err = run(capsys, "content", "check", "--stats", str(notes))
    assert code == 0, err
    assert "terms: 4" in out  # the usual check comes first
    assert "statistics: server 7: 1 questions" in out
    assert f"{qid} notes/k8s.md:14 [too easy]" in out
    assert "asked 1 · answers 10 · right 100%" in out
    assert "wrong choices: Node 0%, Service 0%, Volume 0%" in out


def test_check_stats_on_an_empty_database_says_so(
    capsys: pytest.CaptureFixture[str],
    notes: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without any answer yet, --stats says there is nothing to count."""
    monkeypatch.setenv("QUIZBOT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    code, out, err = run(capsys, "content", "check", "--stats", str(notes))
    assert code == 0, err
    assert "statistics: no answers in the database yet" in out
