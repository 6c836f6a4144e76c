"""The database handle: one async engine, its session factory, and migrations.

``Database.from_url`` accepts ``sqlite+aiosqlite:///path`` (the default, a file under
``data/``) and ``postgresql+asyncpg://…``. On SQLite every connection gets the pragmas
quizbot relies on (WAL, a busy timeout, foreign keys) and transactions are started
explicitly, so that a writer can ask for ``BEGIN IMMEDIATE`` and wait for the lock
instead of failing with "database is locked" halfway through.

``upgrade()`` runs Alembic's ``upgrade head`` on one of the engine's own connections,
so it works inside a running event loop (the bot and ``quizbot db upgrade`` call it).
A database whose schema revision this code does not know (a newer quizbot wrote it)
is never touched: :class:`NewerSchema`. PostgreSQL connections give up after a
connect timeout (a few seconds, not asyncpg's minute), and :func:`describe_failure`
turns a failure to open the database into one line for a terminal.

The handle also owns the group-commit writers of hot write paths (see
:mod:`bot.db.writer`): ``start()`` starts them, ``dispose()`` commits what they hold
and stops them before closing the connections. A program's life is::

    db = Database.from_url(url)
    await db.upgrade()
    await db.start()
    ...                     # serve
    await db.dispose()      # queued answers are committed, then connections close
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.db.writer import DatabaseClosed, GroupCommit, registered

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "MIGRATIONS_DIR",
    "Database",
    "DatabaseClosed",
    "NewerSchema",
    "alembic_config",
    "describe_failure",
    "known_revisions",
]

log = logging.getLogger(__name__)


def _find_migrations() -> Path:
    """``migrations/`` beside the ``bot`` package (a checkout), else in the working folder.

    An installed copy of the package (``pip install .``, the Docker image) has no
    ``migrations/`` beside it in site-packages; the image keeps it in its working
    folder, ``/app``.
    """
    candidates = (Path(__file__).resolve().parents[2] / "migrations", Path.cwd() / "migrations")
    for candidate in candidates:
        if (candidate / "env.py").is_file():
            return candidate
    return candidates[0]


#: Where the Alembic scripts live.
MIGRATIONS_DIR = _find_migrations()

#: Seconds a PostgreSQL connection may take to open (asyncpg waits 60 by default).
DEFAULT_CONNECT_TIMEOUT = 5.0

#: How long a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 5000

_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
)

# Execution option read by the SQLite "begin" hook: "" (deferred) or "IMMEDIATE".
_SQLITE_BEGIN = "quizbot_sqlite_begin"
_NO_BEGIN = "NONE"


def alembic_config(url: str | None = None) -> Any:
    """An Alembic ``Config`` pointing at ``migrations/`` (and at ``url`` when given)."""
    from alembic.config import Config

    ini = MIGRATIONS_DIR.parent / "alembic.ini"
    cfg = Config(str(ini)) if ini.is_file() else Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class NewerSchema(Exception):
    """The database is at a schema revision this code does not know: a newer quizbot wrote it."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"the database was written by a newer quizbot (schema revision {revision}); "
            "upgrade quizbot to use it"
        )
        self.revision = revision


def known_revisions() -> frozenset[str]:
    """Every schema revision of the migrations this code carries."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


def _first_line(text: str) -> str:
    return " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""


def describe_failure(exc: BaseException, url: str) -> str:
    """Why the database at ``url`` could not be used, in one line (no password, no SQL)."""
    from sqlalchemy.exc import DBAPIError

    parsed = make_url(url)
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    if isinstance(exc, NewerSchema):
        return str(exc)
    if isinstance(exc, TimeoutError):
        return f"no answer from {where} in time (connect timeout)"
    if isinstance(exc, socket.gaierror):
        return f"cannot find the host {parsed.host!r} (name lookup failed)"
    if isinstance(exc, ConnectionRefusedError) or (
        isinstance(exc, OSError) and exc.errno == errno.ECONNREFUSED
    ):
        return f"nothing accepts connections at {where} (connection refused)"
    if isinstance(exc, OSError) and "Connect call failed" in str(exc):
        # asyncpg's summary when every address of the host refused
        return f"nothing accepts connections at {where} ({_first_line(str(exc))})"
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    detail = _first_line(str(exc))
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _install_sqlite_hooks(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy (not the driver) decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in _SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(_SQLITE_BEGIN, "")
        if mode == _NO_BEGIN:
            return  # autocommit reads: each statement sees the latest commit
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


class Database:
    """An async engine and its session factory.

    ``sessionmaker`` opens ORM sessions; ``write()`` opens a connection whose transaction
    takes the write lock at once on SQLite (``BEGIN IMMEDIATE``), so transactions that
    read before they write wait for other writers instead of failing; ``read()`` opens
    a connection for reads.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessionmaker: async_sessionmaker[AsyncSession] = async_sessionmaker(
            engine, expire_on_commit=False
        )
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._writer_engine = (
            engine.execution_options(**{_SQLITE_BEGIN: "IMMEDIATE"}) if self.is_sqlite else engine
        )
        self._reader_engine = (
            engine.execution_options(**{_SQLITE_BEGIN: _NO_BEGIN}) if self.is_sqlite else engine
        )
        # Per-process caches kept by the services (for example leaderboards).
        self.extras: dict[str, Any] = {}
        self._writers: dict[str, GroupCommit[Any, Any]] = {}
        self._closed = False
        self._disposing: asyncio.Future[None] | None = None
        self._write_turn: asyncio.Lock | None = asyncio.Lock() if self.is_sqlite else None

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        **engine_kwargs: Any,
    ) -> Database:
        """Open (lazily) the database at ``url``; for a SQLite file, create its folder.

        ``connect_timeout`` (seconds) bounds how long opening a PostgreSQL connection
        may take; SQLite waits for locks with its busy timeout instead.
        """
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database
            if database and database != ":memory:" and not database.startswith("file:"):
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        elif parsed.get_backend_name() == "postgresql":
            connect_args = dict(engine_kwargs.pop("connect_args", {}))
            connect_args.setdefault("timeout", connect_timeout)
            engine_kwargs["connect_args"] = connect_args
        engine = create_async_engine(url, **engine_kwargs)
        if engine.dialect.name == "sqlite":
            _install_sqlite_hooks(engine)
        log.debug("database %s", parsed.render_as_string(hide_password=True))
        return cls(engine)

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """A connection in a write transaction, committed on success.

        On SQLite the writers of this process take turns on a lock first: a writer
        then waits exactly as long as the one before it writes, instead of polling the
        file lock with SQLite's growing sleeps (writers of other processes still meet
        at the file lock and its busy timeout).
        """
        if self._write_turn is None:
            async with self._writer_engine.begin() as conn:
                yield conn
            return
        async with self._write_turn, self._writer_engine.begin() as conn:
            yield conn

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        """A connection for reading; on SQLite without an explicit transaction (cheaper)."""
        async with self._reader_engine.connect() as conn:
            yield conn

    async def upgrade(self, revision: str = "head") -> None:
        """Apply the Alembic migrations up to ``revision`` (default: the latest)."""
        await self._alembic("upgrade", revision)

    async def downgrade(self, revision: str = "base") -> None:
        """Undo migrations down to ``revision`` (default: an empty database)."""
        await self._alembic("downgrade", revision)

    async def _alembic(self, action: str, revision: str) -> None:
        from alembic import command

        cfg = alembic_config()

        def run(connection: Connection) -> None:
            from alembic.runtime.migration import MigrationContext

            current = MigrationContext.configure(connection).get_current_heads()
            unknown = sorted(set(current) - known_revisions())
            if unknown:
                raise NewerSchema(", ".join(unknown))
            cfg.attributes["connection"] = connection
            getattr(command, action)(cfg, revision)

        async with self.engine.begin() as conn:
            await conn.run_sync(run)
        log.info("database %s to %s", action, revision)

    @property
    def closed(self) -> bool:
        """Whether :meth:`dispose` has been called."""
        return self._closed

    async def start(self) -> None:
        """Start the group-commit writers (idempotent); call once after :meth:`upgrade`.

        Without it a writer starts with its first item; starting it here keeps the
        long-lived task out of whatever request happens to come first.
        """
        if self._closed:
            raise DatabaseClosed("the database is closed; open a new one with from_url()")
        for name in registered():
            self.writer(name).start()

    def writer(self, name: str) -> GroupCommit[Any, Any]:
        """The group-commit writer registered as ``name`` (see :mod:`bot.db.writer`)."""
        writer = self._writers.get(name)
        if writer is None:
            if self._closed:
                raise DatabaseClosed("the database is closed: nothing more can be stored")
            store, max_batch = registered()[name]
            writer = self._writers[name] = GroupCommit(self, name, store, max_batch)
        return writer

    async def dispose(self) -> None:
        """Commit what the writers hold, stop them, close every pooled connection.

        Items submitted before this call are stored; later ones raise
        :class:`DatabaseClosed`. Calling it twice is harmless.
        """
        if self._disposing is None:
            self._disposing = asyncio.ensure_future(self._dispose())
        # A second call (a second signal, a close racing another) waits for the first.
        await asyncio.shield(self._disposing)

    async def _dispose(self) -> None:
        self._closed = True
        for writer in list(self._writers.values()):
            stored = await writer.aclose()
            log.info("closing: stored the %d %s still waiting", stored, writer.name)
        await self.engine.dispose()
