"""The migrations build exactly the schema the models describe, and undo cleanly."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from bot.db import Database
from bot.db.models import Base


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection,
        opts={"compare_type": True, "compare_server_default": True, "render_as_batch": True},
    )
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_upgrade_builds_the_schema_of_the_models(db: Database) -> None:
    """After `quizbot db upgrade` the database has every table and index the code expects."""
    async with db.engine.connect() as conn:
        assert await conn.run_sync(_differences) == []
        tables = await conn.run_sync(_tables)
    assert set(Base.metadata.tables) <= tables


async def test_upgrade_twice_changes_nothing(db: Database) -> None:
    """Starting the bot again on an up-to-date database is harmless."""
    await db.upgrade()
    async with db.engine.connect() as conn:
        assert await conn.run_sync(_differences) == []


async def test_downgrade_to_base_removes_every_table(db: Database) -> None:
    """Migrations can be undone completely, leaving only Alembic's own bookkeeping."""
    await db.downgrade("base")
    async with db.engine.connect() as conn:
        tables = await conn.run_sync(_tables)
    assert tables <= {"alembic_version"}
    await db.upgrade()
    async with db.engine.connect() as conn:
        assert await conn.run_sync(_differences) == []


async def test_sqlite_file_and_folder_are_created(tmp_path: Path) -> None:
    """A fresh install needs no setup: the SQLite folder and file appear, in WAL mode."""
    path = tmp_path / "new" / "folder" / "quizbot.db"
    database = Database.from_url(f"sqlite+aiosqlite:///{path}")
    try:
        await database.upgrade()
        async with database.read() as conn:
            mode = (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar()
            keys = (await conn.exec_driver_sql("PRAGMA foreign_keys")).scalar()
            wait = (await conn.exec_driver_sql("PRAGMA busy_timeout")).scalar()
    finally:
        await database.dispose()
    assert path.is_file()
    assert (mode, keys, wait) == ("wal", 1, 5000)


async def test_upgrade_keeps_stored_chapters_with_the_default_notes(db: Database) -> None:
    """Chapters stored before servers had their own notes stay the default folder's chapters."""
    await db.downgrade("0012")
    async with db.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO reading_chapters (number, title, read) "
                "VALUES (1, 'One', true), (2, 'Two', false)"
            )
        )
    await db.upgrade()
    async with db.engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT source, number, title, read FROM reading_chapters ORDER BY number")
        )
        assert [tuple(row) for row in rows] == [
            ("default", 1, "One", True),
            ("default", 2, "Two", False),
        ]
        assert await conn.run_sync(_differences) == []
    async with db.engine.begin() as conn:  # another server's notes may number a chapter 1 too
        await conn.execute(
            text("INSERT INTO reading_chapters (source, number, title) VALUES ('git:x', 1, 'Uno')")
        )
