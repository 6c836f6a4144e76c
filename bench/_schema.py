"""Benchmarks on PostgreSQL run in a schema of their own, dropped afterwards.

``in_schema(url, run)`` creates a fresh schema, calls ``run`` with the engine options
that put it first on the search path, and drops it with everything in it, so a
benchmark never touches the tables of the database it is pointed at. ``on_both`` runs a
benchmark on a fresh SQLite file and then, when configured, on such a schema.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

T = TypeVar("T")


async def in_schema(url: str, run: Callable[[dict[str, Any]], Awaitable[T]]) -> T:
    """``run(connect_args)`` against a throwaway schema of the database at ``url``."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(url)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        return await run({"server_settings": {"search_path": schema}})
    finally:
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def on_both(
    bench: str,
    run_on: Callable[..., Awaitable[dict[str, Any]]],
    args: Any,
    report: Callable[[str, dict[str, Any]], None],
    *,
    file: str = "bench.db",
) -> dict[str, Any]:
    """Run ``run_on(url, args)`` on a fresh SQLite file, then on PostgreSQL when
    ``QUIZBOT_TEST_POSTGRES_URL`` is set and ``args.no_postgres`` is not; report each and
    return the summary (``{"bench": …, "sqlite": …, "postgresql": …}``)."""
    summary: dict[str, Any] = {"bench": bench}
    with tempfile.TemporaryDirectory(prefix="quizbot-bench-") as tmp:
        summary["sqlite"] = asyncio.run(run_on(f"sqlite+aiosqlite:///{Path(tmp) / file}", args))
    report("SQLite", summary["sqlite"])
    url = os.environ.get("QUIZBOT_TEST_POSTGRES_URL")
    if url and not getattr(args, "no_postgres", False):
        summary["postgresql"] = asyncio.run(
            in_schema(url, lambda connect_args: run_on(url, args, connect_args=connect_args))
        )
        report("PostgreSQL", summary["postgresql"])
    return summary
