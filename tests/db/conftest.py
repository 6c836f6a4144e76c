"""Database fixtures: every storage test runs on a real SQLite file and on PostgreSQL.

PostgreSQL runs when ``QUIZBOT_TEST_POSTGRES_URL`` is set; each test gets a schema of
its own, dropped afterwards. In CI (``CI=true``) a missing URL fails the test instead
of skipping it, so the PostgreSQL half can never be silently lost.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.db import Database

POSTGRES_ENV = "QUIZBOT_TEST_POSTGRES_URL"


def postgres_url() -> str:
    """The PostgreSQL test URL, or skip (fail in CI) when it is not configured."""
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"{POSTGRES_ENV} is not set: CI must run the PostgreSQL tests")
    pytest.skip(f"{POSTGRES_ENV} is not set")
    raise AssertionError("unreachable")


DatabaseFactory = Callable[[], Database]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def make_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[DatabaseFactory]:
    """A factory of ``Database`` handles that all open the same fresh, empty database."""
    kwargs: dict[str, Any] = {}
    schema: str | None = None
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'quizbot.db'}"
    else:
        url = postgres_url()
        schema = f"test_{uuid.uuid4().hex[:16]}"
        admin = create_async_engine(url)
        async with admin.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        await admin.dispose()
        kwargs["connect_args"] = {"server_settings": {"search_path": schema}}
    opened: list[Database] = []

    def make() -> Database:
        database = Database.from_url(url, **kwargs)
        opened.append(database)
        return database

    try:
        yield make
    finally:
        for database in opened:
            await database.dispose()
        if schema is not None:
            admin = create_async_engine(url)
            async with admin.begin() as conn:
                await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            await admin.dispose()


@pytest.fixture
async def db(make_db: DatabaseFactory) -> Database:
    """A migrated, empty database."""
    database = make_db()
    await database.upgrade()
    return database
