"""Fixtures for the Discord layer: a QuizBot on a temporary SQLite file and a small notes folder.

simcord (``simcord_env``) runs the real bot against a simulated Discord under
virtual time. Its clock starts at 2026-01-01 00:00 UTC (09:00 in Seoul).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.client import QuizBot
from bot.config import Settings
from bot.db import Database

NOTES = """\
# 목표
테스트 모임 노트

# 목차
1. [X] 1장 - 네트워크 기초
2. [X] 2장 - 저장 장치
3. [X] 3장 - 복습 카드

# 1장 - 네트워크 기초
## 용어 - 라우터(Router)
* 서로 다른 네트워크 사이에서 패킷이 갈 길을 정해 넘겨 주는 장비

## 용어 - 스위치(Switch)
* 같은 네트워크 안에서 MAC 주소를 보고 프레임을 넘겨 주는 장비

## 용어 - 방화벽(Firewall)
* 미리 정한 규칙에 따라 드나드는 트래픽을 허용하거나 막는 장치

## 용어 - 로드 밸런서(Load Balancer)
* 들어오는 요청을 여러 서버에 고르게 나누어 보내는 장치

## 용어 - 게이트웨이(Gateway)
* 내부 네트워크가 바깥 네트워크로 나가는 출입구 역할을 하는 장비

# 2장 - 저장 장치
## 용어 - 블록 스토리지(Block Storage)
* 데이터를 일정한 크기의 블록으로 나누어 저장하는 방식의 저장소

## 용어 - 오브젝트 스토리지(Object Storage)
* 데이터를 메타데이터와 함께 객체 단위로 저장하고 키로 찾는 저장소

## 용어 - 파일 스토리지(File Storage)
* 데이터를 폴더와 파일의 계층 구조로 저장하고 경로로 찾는 저장소

## 용어 - 스냅샷(Snapshot)
* 특정 시점의 디스크 상태를 그대로 떠 둔 읽기 전용 사본

# 3장 - 복습 카드
라우터가 일하는 계층은?::네트워크 계층
스위치가 보는 주소는?::MAC 주소
"""

#: The simulated clock's start: 2026-01-01 00:00 UTC, a Thursday.
EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def content_dir_path(tmp_path: Path) -> Path:
    """A content folder holding one notes file written for these tests."""
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "network.md").write_text(NOTES, encoding="utf-8")
    return folder


@pytest.fixture
def settings(tmp_path: Path, content_dir_path: Path) -> Settings:
    """Settings for a bot on a temporary SQLite file, ignoring any .env."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'quiz.db'}",
        content_dir=content_dir_path,
        shard_count=1,
    )


class BotFactory:
    """Builds QuizBots on the same database file, as restarts of one process would."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.databases: list[Database] = []

    async def __call__(self, **changes: Any) -> QuizBot:
        settings = self.settings.model_copy(update=changes) if changes else self.settings
        db = Database.from_url(settings.database_url)
        await db.upgrade()
        # Start the database's long-lived answer writer here, outside the bot, so that
        # simcord does not count its idle wait as unfinished bot work.
        await db.start()
        self.databases.append(db)
        return QuizBot(settings, db=db)

    async def dispose(self) -> None:
        for db in self.databases:
            await db.dispose()


@pytest.fixture
async def make_bot(settings: Settings) -> AsyncIterator[BotFactory]:
    """A factory of bots sharing the test database (for restarts)."""
    factory = BotFactory(settings)
    yield factory
    await factory.dispose()


@pytest.fixture
async def simcord_bot(make_bot: BotFactory) -> QuizBot:
    """The bot simcord runs."""
    return await make_bot()


@pytest.fixture
def admin_permissions() -> discord.Permissions:
    """What a server admin holds: Manage Server."""
    return discord.Permissions(manage_guild=True)
