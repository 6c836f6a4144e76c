"""Database fixtures: every storage test runs on a real SQLite file and on PostgreSQL.

PostgreSQL runs when ``QUIZBOT_TEST_POSTGRES_URL`` is set; each test gets a schema of
its own, dropped afterwards. In CI (``CI=true``) a missing URL fails the test instead
of skipping it, so the PostgreSQL half can never be silently lost.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
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


@asynccontextmanager
async def postgres_schema(url: str) -> AsyncIterator[str]:
    """A fresh PostgreSQL schema for one test, dropped with everything in it afterwards."""
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_async_engine(url)
    try:
        async with admin.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield schema
        finally:
            async with admin.begin() as conn:
                await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        await admin.dispose()


def _schema_engine_options(schema: str) -> dict[str, Any]:
    return {"connect_args": {"server_settings": {"search_path": schema}}}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def make_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[DatabaseFactory]:
    """A factory of ``Database`` handles that all open the same fresh, empty database."""
    async with AsyncExitStack() as stack:
        kwargs: dict[str, Any] = {}
        if request.param == "sqlite":
            url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'quizbot.db'}"
        else:
            url = postgres_url()
            kwargs = _schema_engine_options(await stack.enter_async_context(postgres_schema(url)))
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


@pytest.fixture
async def db(make_db: DatabaseFactory) -> Database:
    """A migrated, empty database."""
    database = make_db()
    await database.upgrade()
    return database
