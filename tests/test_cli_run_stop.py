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


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_closes_the_bot_and_exits_zero(tmp_path: Path) -> None:
    """``docker stop`` closes the bot (answers stored, database closed) instead of killing it."""
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, f"sqlite+aiosqlite:///{tmp_path / 'quiz.db'}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "started"
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert "closed" in out, err
    assert process.returncode == 0, err
