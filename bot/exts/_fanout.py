"""Posting many messages at once at Discord's pace: bounded sends, a shared pacer, batched records.

When a thousand channels are due in the same minute, the schedulers hand each post to
a :class:`FanOut`: at most :data:`MAX_IN_FLIGHT` sends wait for Discord at a time, so
a slow round trip does not slow the burst down, and a :class:`Pacer` shared by the
bot's schedulers starts no more than :data:`POSTS_PER_SECOND` of them in any second,
Discord's global limit, so the burst is not answered with a wall of 429s (discord.py still
handles any 429 that comes, as always). A send that fails only fails its own post.

During a burst :func:`still_heap` keeps Python's cycle collector off the objects that
were there before it: a full collection over a large bot's heap holds the event loop
for 100 ms and more, and a burst allocates enough to cause several.

A :class:`Recorder` gathers the records of a burst's posts (message ids) and stores
them a batch at a time with one call, instead of one transaction per post.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import weakref
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, Generic, TypeVar

__all__ = [
    "MAX_IN_FLIGHT",
    "POSTS_PER_SECOND",
    "RECORD_BATCH",
    "FanOut",
    "Pacer",
    "Recorder",
    "pacer_for",
    "still_heap",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Discord's global limit on a bot's requests per second.
POSTS_PER_SECOND = 50.0
#: The window that limit counts in (seconds), with a margin: requests take a little
#: more or less time to reach Discord, and one that arrives early is refused.
WINDOW = 1.03
#: Sends waiting for Discord's answer at once: enough to keep Discord's pace with a
#: round trip of up to a third of a second, few enough to stay polite.
MAX_IN_FLIGHT = 16
#: The most records stored with one statement (half a second of posts at Discord's pace).
RECORD_BATCH = 25


class Pacer:
    """Lets at most ``per_second`` requests start in any one second (a sliding window).

    Up to that many start at once; beyond them, each waits for the oldest of the last
    second's starts to be a second old.
    """

    def __init__(self, per_second: float = POSTS_PER_SECOND) -> None:
        self._limit = max(int(per_second), 1)
        self._starts: deque[float] = deque()

    async def turn(self) -> None:
        """Wait for this caller's turn to start a request."""
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            while self._starts and self._starts[0] <= now - WINDOW:
                self._starts.popleft()
            if len(self._starts) < self._limit:
                self._starts.append(now)
                return
            await asyncio.sleep(self._starts[0] + WINDOW - now)


_PACERS: weakref.WeakKeyDictionary[Any, Pacer] = weakref.WeakKeyDictionary()


def pacer_for(bot: Any) -> Pacer:
    """The pacer of ``bot``: its schedulers share Discord's global limit."""
    pacer = _PACERS.get(bot)
    if pacer is None:
        pacer = _PACERS[bot] = Pacer()
    return pacer


_still = 0


@contextlib.contextmanager
def still_heap() -> Iterator[None]:
    """Keep the cycle collector to the objects made inside (nested uses share one freeze).

    The objects from before are frozen (``gc.freeze``, which is cheap) and handed back
    to the collector at the end, so cycles among them are collected after the burst.
    """
    global _still
    if _still == 0:
        gc.freeze()
    _still += 1
    try:
        yield
    finally:
        _still -= 1
        if _still == 0:
            gc.unfreeze()


class FanOut:
    """Runs sends concurrently: at most ``in_flight`` at once, started at the pacer's pace.

    ``on_done`` is called each time a send ends (or is dropped before it started).
    """

    def __init__(
        self,
        pacer: Pacer,
        *,
        in_flight: int = MAX_IN_FLIGHT,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        self._pacer = pacer
        self._slots = asyncio.Semaphore(in_flight)
        self._on_done = on_done
        self._waiting = 0
        self._unfinished = 0
        self._started = asyncio.Event()

    @property
    def waiting(self) -> int:
        """Sends handed over and not started yet."""
        return self._waiting

    @property
    def unfinished(self) -> int:
        """Sends handed over and not finished yet (waiting, or started)."""
        return self._unfinished

    @property
    def under_way(self) -> int:
        """Sends started and not finished yet (each holds one of the ``in_flight`` slots)."""
        return self._unfinished - self._waiting

    async def run(self, send: Callable[[], Awaitable[T]]) -> T:
        """Start ``send()`` when a slot and the pacer allow; its result."""
        self._waiting += 1
        self._unfinished += 1
        started = False
        try:
            async with self._slots:
                await self._pacer.turn()
                self._waiting -= 1
                started = True
                self._started.set()
                return await send()
        finally:
            if not started:  # cancelled before its turn: it never starts
                self._waiting -= 1
                self._started.set()
            self._unfinished -= 1
            if self._on_done is not None:
                self._on_done()

    async def room(self, below: int) -> None:
        """Wait until fewer than ``below`` sends wait to start (to plan the next ones)."""
        while self._waiting >= below:
            self._started.clear()
            await self._started.wait()


class Recorder(Generic[T]):
    """Gathers the records of a burst's posts and stores them with one call per batch.

    A batch is stored once it holds ``most`` records, or as soon as every post that
    may add one next (``expected()``, the burst's sends under way) is waiting in it:
    no record waits for a post that cannot start before it is stored. Outside a burst
    (``expected()`` is 0) a record is stored at once. :meth:`record` returns once its
    record is stored, or raises what storing raised.
    """

    def __init__(
        self,
        store: Callable[[list[T]], Awaitable[None]],
        *,
        expected: Callable[[], int] = lambda: 0,
        most: int = RECORD_BATCH,
    ) -> None:
        self._store = store
        self._expected = expected
        self._most = most
        self._pending: list[tuple[T, asyncio.Future[None]]] = []
        self._flushing: set[asyncio.Task[None]] = set()

    async def record(self, item: T) -> None:
        """Store ``item`` with the others of the moment."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((item, done))
        self.check()
        await done

    def check(self) -> None:
        """Store the batch if it is full or nothing more is coming (called as posts end)."""
        if self._pending and len(self._pending) >= min(self._most, max(self._expected(), 1)):
            batch, self._pending = self._pending, []
            task = asyncio.get_running_loop().create_task(self._write(batch))
            self._flushing.add(task)
            task.add_done_callback(self._flushing.discard)

    async def _write(self, batch: list[tuple[T, asyncio.Future[None]]]) -> None:
        try:
            await self._store([item for item, _ in batch])
        except Exception as exc:
            log.exception("storing %d records failed", len(batch))
            for _, done in batch:
                if not done.done():
                    done.set_exception(exc)
            return
        for _, done in batch:
            if not done.done():
                done.set_result(None)
