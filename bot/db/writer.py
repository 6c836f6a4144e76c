"""Group commit: one task per database stores everything waiting in one transaction.

A hot write path (a quiz's answers) registers its batch function with
:func:`group_commit`. Callers :meth:`GroupCommit.submit` one item and wait; the
writer task takes every item queued at that moment, hands the batch to the function
(which runs one transaction) and gives each caller its own result. A result is only
returned after its transaction committed, so an answer is durable before the member
is told it counted.

Lifecycle (owned by :class:`bot.db.Database`):

- ``await db.start()`` starts a writer for every registered batch function. A writer
  not started explicitly starts with its first item, so scripts may skip ``start()``;
  long-running programs call it once at start-up so the task exists before any
  request is handled.
- ``await db.dispose()`` stops taking new items, lets the writer commit everything
  already queued (nothing submitted before ``dispose()`` is lost), then ends the
  task. A submit after that raises :class:`DatabaseClosed`.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from bot.db.session import Database

__all__ = ["WRITER_MODULES", "DatabaseClosed", "GroupCommit", "group_commit", "registered"]

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

#: A batch function: stores ``items`` in one transaction, one result per item, in order.
StoreBatch = Callable[["Database", Sequence[Any]], Awaitable[list[Any]]]


class DatabaseClosed(RuntimeError):
    """A write was submitted to a database that has been disposed of."""


@dataclass(frozen=True, slots=True)
class _Registration:
    store: StoreBatch
    max_batch: int


_REGISTRY: dict[str, _Registration] = {}


def group_commit(name: str, *, max_batch: int) -> Callable[[StoreBatch], StoreBatch]:
    """Register a batch function as the group-commit writer ``name`` of every database."""

    def register(store: StoreBatch) -> StoreBatch:
        _REGISTRY[name] = _Registration(store, max_batch)
        return store

    return register


#: The modules that register writers; imported by :func:`registered` so that
#: ``Database.start()`` starts every writer whatever was imported before it.
WRITER_MODULES = ("bot.services.runs",)


def registered() -> dict[str, tuple[StoreBatch, int]]:
    """The registered writers: name -> (batch function, largest batch)."""
    for module in WRITER_MODULES:
        importlib.import_module(module)
    return {name: (reg.store, reg.max_batch) for name, reg in _REGISTRY.items()}


@dataclass(slots=True)
class _Item(Generic[T, R]):
    value: T
    future: asyncio.Future[R] = field(repr=False)


_STOP = object()  # queued by aclose(): everything before it is stored first


class GroupCommit(Generic[T, R]):
    """A queue and the task that empties it in batches, one transaction per batch."""

    def __init__(self, db: Database, name: str, store: StoreBatch, max_batch: int) -> None:
        self.db = db
        self.name = name
        self._store = store
        self._max_batch = max_batch
        self._queue: asyncio.Queue[Any] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closing = False
        self._stored = 0  # items committed so far

    @property
    def running(self) -> bool:
        """Whether the writer task is alive on the running event loop."""
        return (
            self._task is not None
            and not self._task.done()
            and self._loop is asyncio.get_running_loop()
        )

    def start(self) -> None:
        """Start the writer task on the running loop (no-op when it already runs)."""
        if self._closing:
            raise DatabaseClosed(f"the database is closed: the {self.name} writer has stopped")
        if self.running:
            return
        self._loop = asyncio.get_running_loop()
        # A queue made on an earlier loop cannot be awaited on this one.
        self._queue = asyncio.Queue()
        self._task = self._loop.create_task(self._run(), name=f"quizbot-{self.name}-writer")

    async def submit(self, value: T) -> R:
        """Store ``value`` with whatever else is waiting; its result once committed."""
        if self._closing:
            raise DatabaseClosed(
                f"the database is closed: this {self.name.rstrip('s')} was not stored"
            )
        self.start()
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Item(value, future))
        return await future

    async def aclose(self) -> int:
        """Refuse new items, commit every queued one, then end the task.

        Returns how many items were stored while closing (those still waiting).
        """
        if self._closing:
            return 0
        self._closing = True
        task = self._task
        if task is None or task.done():
            return 0
        if self._loop is not asyncio.get_running_loop():
            task.cancel()  # its loop is gone or elsewhere: nothing can be awaited here
            return 0
        before = self._stored
        self._queue.put_nowait(_STOP)
        try:
            await task
        except asyncio.CancelledError:
            if not task.cancelled():
                raise  # we were cancelled ourselves
        log.debug("%s writer stopped", self.name)
        return self._stored - before

    async def _run(self) -> None:
        stopping = False
        while not stopping:
            first = await self._queue.get()
            if first is _STOP:
                break
            batch: list[_Item[T, R]] = [first]
            while len(batch) < self._max_batch and not self._queue.empty():
                item = self._queue.get_nowait()
                if item is _STOP:
                    stopping = True
                    break
                batch.append(item)
            try:
                await self._commit(batch)
            except asyncio.CancelledError:
                _fail(batch, DatabaseClosed("the database was closed while storing this"))
                self._fail_queued()
                raise

    async def _commit(self, batch: list[_Item[T, R]]) -> None:
        try:
            results = await self._store(self.db, [item.value for item in batch])
        except Exception as exc:
            if len(batch) == 1:
                log.exception("storing one %s item failed", self.name)
                _fail(batch, exc)
                return
            # One bad item must not sink the others: retry them one by one.
            log.warning("a batch of %d %s failed; retrying one by one", len(batch), self.name)
            for item in batch:
                try:
                    (result,) = await self._store(self.db, [item.value])
                except Exception as one:
                    _fail([item], one)
                else:
                    _resolve(item, result)
                    self._stored += 1
            return
        for item, result in zip(batch, results, strict=True):
            _resolve(item, result)
        self._stored += len(batch)

    def _fail_queued(self) -> None:
        while not self._queue.empty():
            item = self._queue.get_nowait()
            if item is not _STOP:
                _fail([item], DatabaseClosed("the database was closed before this was stored"))


def _resolve(item: _Item[Any, Any], result: Any) -> None:
    if not item.future.done():
        item.future.set_result(result)


def _fail(items: Sequence[_Item[Any, Any]], exc: BaseException) -> None:
    for item in items:
        if not item.future.done():
            item.future.set_exception(exc)
