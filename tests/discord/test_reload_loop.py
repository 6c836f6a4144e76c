"""A reload of large notes leaves the event loop free to answer clicks meanwhile."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.services import loading
from tests.discord.conftest import BotFactory

#: The longest the loop may go without running a ready task during a reload.
MAX_STALL_SECONDS = 0.1


def _large_notes(chapters: int) -> str:
    """Notes of many chapters of terms, written for this test (about 2 KB a chapter)."""
    lines = []
    for number in range(1, chapters + 1):
        lines += [f"# {number}장 - 주제 {number}", ""]
        for term in range(12):
            lines += [
                f"## 용어 - 개념{number}-{term}(Concept {number}-{term})",
                f"* {number}장의 {term}번째 개념으로, 노드와 파드 사이에서 상태를 전달하는 단위",
                f"* 참고) 버전 v1.{term + 10} 부터 기본으로 켜집니다.",
                "",
            ]
    return "\n".join(lines) + "\n"


async def test_a_reload_of_large_notes_never_stalls_the_loop(
    make_bot: BotFactory, content_dir_path: Path
) -> None:
    """While a megabyte of notes is read and synced, the loop never stalls 100 ms."""
    (content_dir_path / "big.md").write_text(_large_notes(500), encoding="utf-8")
    bot = await make_bot()
    stalls: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            stalls.append(now - last - 0.005)
            last = now

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0.02)
    library, change = await bot.reload_content()
    done.set()
    await tick
    assert change.added == len(library.questions) > 10_000
    assert max(stalls) < MAX_STALL_SECONDS, f"the loop stalled {max(stalls) * 1000:.0f} ms"


async def test_a_loader_that_dies_keeps_the_questions_in_use(
    make_bot: BotFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the worker process dies, a reload keeps the catalogue and the chapters."""
    bot = await make_bot()
    first, _ = await bot.reload_content()
    assert first.questions
    monkeypatch.setattr(loading.sys, "executable", "/bin/false")
    library, change = await bot.reload_content()
    assert change.kept
    assert library is first
    assert bot.library is first
