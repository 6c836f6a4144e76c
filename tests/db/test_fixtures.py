"""The database test fixtures themselves: PostgreSQL is never silently skipped in CI, and
every PostgreSQL test leaves the server as it found it."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests.db.conftest import POSTGRES_ENV, postgres_schema, postgres_url


def test_ci_without_the_postgres_url_fails_instead_of_skipping(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In CI a missing QUIZBOT_TEST_POSTGRES_URL fails the PostgreSQL tests loudly."""
    monkeypatch.delenv(POSTGRES_ENV, raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=POSTGRES_ENV):
        postgres_url()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match=POSTGRES_ENV):
        postgres_url()


@pytest.mark.postgres
async def test_a_postgres_test_leaves_nothing_behind_even_when_it_fails() -> None:
    """A failing PostgreSQL test still drops its schema, tables and rows."""
    url = postgres_url()
    used: list[str] = []

    async def failing_test() -> None:
        async with postgres_schema(url) as schema:
            used.append(schema)
            engine = create_async_engine(url)
            try:
                async with engine.begin() as conn:
                    await conn.execute(text(f'CREATE TABLE "{schema}".leftover (id int)'))
                    await conn.execute(text(f'INSERT INTO "{schema}".leftover VALUES (1)'))
            finally:
                await engine.dispose()
            raise RuntimeError("the test failed")

    with pytest.raises(RuntimeError, match="the test failed"):
        await failing_test()
    (schema,) = used
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            found = await conn.execute(
                text("SELECT count(*) FROM information_schema.schemata WHERE schema_name = :s"),
                {"s": schema},
            )
            assert found.scalar_one() == 0
    finally:
        await engine.dispose()
