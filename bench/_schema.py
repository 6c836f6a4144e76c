"""Benchmarks on PostgreSQL run in a schema of their own, dropped afterwards.

``in_schema(url, run)`` creates a fresh schema, calls ``run`` with the engine options
that put it first on the search path, and drops it with everything in it, so a
benchmark never touches the tables of the database it is pointed at.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
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
