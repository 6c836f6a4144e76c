"""The database handle when the database is not the one this code can use.

A schema revision written by a newer quizbot is refused before any migration runs
(SQLite and PostgreSQL); a PostgreSQL server that never answers is given up after
the connect timeout; each failure is described in one line without the password.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from bot.db import Database
from bot.db.session import NewerSchema, describe_failure, known_revisions
from tests.db.conftest import DatabaseFactory


@pytest.fixture
def black_hole() -> Iterator[int]:
    """A local port whose connections are queued but never accepted."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield server.getsockname()[1]


async def test_a_newer_schema_revision_is_refused_untouched(make_db: DatabaseFactory) -> None:
    """``upgrade()`` on a database at an unknown revision raises NewerSchema and changes nothing."""
    db = make_db()
    await db.upgrade()
    async with db.write() as conn:
        await conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeedbeef'"))
    with pytest.raises(NewerSchema) as caught:
        await db.upgrade()
    assert caught.value.revision == "f00dfeedbeef"
    assert "written by a newer quizbot" in str(caught.value)
    async with db.read() as conn:
        version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    assert version == "f00dfeedbeef"
    assert "f00dfeedbeef" not in known_revisions()


async def test_a_server_that_never_answers_is_given_up_after_the_connect_timeout(
    black_hole: int,
) -> None:
    """A PostgreSQL port that accepts no connection fails within the timeout, in one line."""
    url = f"postgresql+asyncpg://quizbot:secret@127.0.0.1:{black_hole}/quizbot"
    db = Database.from_url(url, connect_timeout=0.3)
    started = time.monotonic()
    try:
        with pytest.raises(TimeoutError) as caught:
            async with db.read() as conn:
                await conn.execute(text("SELECT 1"))
    finally:
        await db.dispose()
    assert time.monotonic() - started < 5
    line = describe_failure(caught.value, url)
    assert line == f"no answer from 127.0.0.1:{black_hole} in time (connect timeout)"


def test_a_database_error_is_described_in_one_line_without_sql() -> None:
    """SQLAlchemy's multi-line errors (SQL, parameters, a link) shrink to the driver's line."""
    from sqlalchemy.exc import OperationalError

    error = OperationalError("SELECT 1", {}, Exception("unable to open database file\nmore"))
    line = describe_failure(error, "sqlite+aiosqlite:///data/quizbot.db")
    assert line == "Exception: unable to open database file"
