"""Alembic environment: runs migrations on an async engine (SQLite or PostgreSQL).

When the application calls ``Database.upgrade()`` it hands over its own connection in
``config.attributes["connection"]``; from the ``alembic`` command line the URL comes
from ``sqlalchemy.url`` if set, else from quizbot's settings (``QUIZBOT_DATABASE_URL``).
``render_as_batch`` lets SQLite apply ALTERs by copying tables.
"""

from __future__ import annotations

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from bot.db.models import Base

config = context.config
target_metadata = Base.metadata

if config.config_file_name is not None and config.attributes.get("connection") is None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from bot.config import load_settings

    return load_settings().database_url


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        compare_server_default=True,
        **kwargs,
    )


def run_migrations_offline() -> None:
    """Print the SQL instead of running it (``alembic upgrade head --sql``)."""
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def do_run_migrations(connection: Connection) -> None:
    """Run the migrations on a synchronous view of an async connection."""
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations() -> None:
    """Open a short-lived engine for the URL and migrate through it."""
    from bot.db.session import Database

    db = Database.from_url(_url())
    try:
        async with db.engine.begin() as conn:
            await conn.run_sync(do_run_migrations)
    finally:
        await db.engine.dispose()


def run_migrations_online() -> None:
    """Migrate on the connection handed over by the application, or on a new engine."""
    connection = config.attributes.get("connection")
    if connection is None:
        asyncio.run(run_async_migrations())
    else:
        do_run_migrations(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
