"""``quizbot run`` stops cleanly on SIGTERM (``docker stop``), storing the answers it holds."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

#: Runs the bot's start-up with a stand-in for the Discord connection that waits forever
#: and reports whether the bot was closed (which stores the answers still queued).
SCRIPT = """
import asyncio, sys
import bot.client
from bot.cli import run
from bot.config import Settings

class StandIn:
    def __init__(self, settings):
        pass
    async def __aenter__(self):
        return self
    async def __aexit__(self, *exc):
        await self.close()
    async def start(self, token):
        self.stopped = asyncio.Event()
        print("started", flush=True)
        await self.stopped.wait()
    async def close(self):
        print("closed", flush=True)
        self.stopped.set()

bot.client.QuizBot = StandIn
settings = Settings(_env_file=None, discord_token="token", database_url=sys.argv[1])
sys.exit(asyncio.run(run._run_bot(settings)))
"""


def _stopped_by_sigterm(script: str, *args: str, timeout: float) -> tuple[int, str, str]:
    """Run ``script`` until it prints "started", send SIGTERM: exit code, stdout, stderr."""
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "started"
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    return process.returncode, out, err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_closes_the_bot_and_exits_zero(tmp_path: Path) -> None:
    """``docker stop`` closes the bot (answers stored, database closed) instead of killing it."""
    code, out, err = _stopped_by_sigterm(
        SCRIPT, f"sqlite+aiosqlite:///{tmp_path / 'quiz.db'}", timeout=30
    )
    assert "closed" in out, err
    assert code == 0, err


#: The bot's start-up with a stand-in Discord connection that, like the real client,
#: closes the gateway before the database: answers arrive, then ``docker stop``.
ANSWERING = """
import asyncio, datetime as dt, sys
import bot.client
from bot.cli import run
from bot.config import Settings
from bot.core.model import Question, QuestionKind, Source
from bot.db import Database
from bot.services import catalogue, runs, schedules
from bot.core.schedule import Schedule
from bot.log import setup_logging

N = int(sys.argv[2])

class StandIn:
    def __init__(self, settings):
        self.db = Database.from_url(settings.database_url)
    async def __aenter__(self):
        return self
    async def __aexit__(self, *exc):
        await self.close()
    async def start(self, token):
        self.stopped = asyncio.Event()
        await self.db.upgrade()
        question = Question(
            id="q-000000000001", kind=QuestionKind.FLASHCARD, language="en", book="b",
            chapter=1, chapter_title="c", prompt="What runs a Pod?", answer="kubelet",
            accepted=("kubelet",), explanation="", source=Source("b.md", 1),
        )
        await catalogue.sync_catalogue(self.db, [question])
        await schedules.configure_channel(
            self.db, guild_id=1, channel_id=2, schedule=Schedule(dt.time(9), "UTC")
        )
        now = dt.datetime.now(dt.UTC)
        self.run, _ = await runs.claim_run(self.db, guild_id=1, channel_id=2, slot=now, now=now)
        self.pending = [
            asyncio.ensure_future(runs.record_answer(
                self.db, run_id=self.run.id, member_id=member, display_name=f"m{member}",
                choice="kubelet", at=now,
            ))
            for member in range(1, N + 1)
        ]
        print("started", flush=True)
        await self.stopped.wait()
    async def close(self):
        self.stopped.set()
        await asyncio.sleep(0.2)  # the gateway takes a moment to close
        await self.db.dispose()

bot.client.QuizBot = StandIn
setup_logging("INFO")
settings = Settings(_env_file=None, discord_token="token", database_url=sys.argv[1])
sys.exit(asyncio.run(run._run_bot(settings)))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_stores_every_answer_already_received(tmp_path: Path) -> None:
    """``docker stop`` while thousands of answers wait in the writer stores all of them."""
    import sqlite3

    database = tmp_path / "quiz.db"
    answers = 3000
    code, _out, err = _stopped_by_sigterm(
        ANSWERING, f"sqlite+aiosqlite:///{database}", str(answers), timeout=60
    )
    assert code == 0, err
    with sqlite3.connect(database) as conn:
        (stored,) = conn.execute("SELECT COUNT(*) FROM answers").fetchone()
    assert stored == answers, err
    assert "closing: stored the" in err
