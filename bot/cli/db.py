"""``quizbot db upgrade`` and ``quizbot health``: the database commands of the command line.

``db upgrade`` applies the migrations to the database named by the settings and prints
one line. ``health`` is what a container's HEALTHCHECK runs: it exits 0 when the
settings load and the database answers with a migrated schema this code knows, else
prints one line saying why and exits 1 (a database written by a newer quizbot is not
healthy for this one).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.cli._settings import settings_or_none
from bot.config import Settings
from bot.db import Database
from bot.db.session import NewerSchema, describe_failure, known_revisions

__all__ = ["health_command", "upgrade_command"]


def _shown_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _open(settings: Settings) -> Database:
    return Database.from_url(
        settings.database_url, connect_timeout=settings.database_connect_timeout
    )


async def _upgrade(settings: Settings) -> None:
    db = _open(settings)
    try:
        await db.upgrade()
    finally:
        await db.dispose()


def upgrade_command(args: argparse.Namespace) -> int:
    """Upgrade the configured database to the latest schema."""
    settings = settings_or_none()
    if settings is None:
        return 2
    try:
        asyncio.run(_upgrade(settings))
    except Exception as exc:
        print(
            f"database upgrade failed: {describe_failure(exc, settings.database_url)}",
            file=sys.stderr,
        )
        return 1
    print(f"database is up to date: {_shown_url(settings.database_url)}")
    return 0


class _NoSchema(Exception):
    """The database answers but has not been migrated."""


async def _revision(settings: Settings) -> str | None:
    db = _open(settings)
    try:
        async with db.read() as conn:
            await conn.execute(text("SELECT 1"))
        async with db.read() as conn:
            try:
                result = await conn.execute(text("SELECT version_num FROM alembic_version"))
            except Exception as exc:
                raise _NoSchema from exc
            return result.scalar()
    finally:
        await db.dispose()


def health_command(args: argparse.Namespace) -> int:
    """Exit 0 when the database answers and has been migrated."""
    settings = settings_or_none()
    if settings is None:
        return 1
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).is_file():
        print(f"unhealthy: no database file at {url.database}", file=sys.stderr)
        return 1
    try:
        revision = asyncio.run(_revision(settings))
    except _NoSchema:
        revision = None
    except Exception as exc:
        problem = describe_failure(exc, settings.database_url)
        print(f"unhealthy: database does not answer: {problem}", file=sys.stderr)
        return 1
    if revision is None:
        print("unhealthy: the database has no schema yet (quizbot db upgrade)", file=sys.stderr)
        return 1
    if revision not in known_revisions():
        print(f"unhealthy: {NewerSchema(revision)}", file=sys.stderr)
        return 1
    print(f"ok: database at revision {revision}")
    return 0
