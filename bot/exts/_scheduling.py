"""The database-driven background loop shared by the quiz and the reading-reminder schedulers.

A :class:`DatabaseScheduler` runs one task per bot process: each wake-up ("tick")
asks :meth:`~DatabaseScheduler.plan` to read what is due from the database, do it,
and say when to look again; the task then sleeps until that instant (at most
:data:`MAX_SLEEP`). :meth:`~DatabaseScheduler.poke` re-plans at once when a
schedule changes, :meth:`~DatabaseScheduler.stop` cancels cleanly on unload, and a
failed tick is tried again after :data:`RETRY_AFTER`. Nothing is kept in memory
between ticks: after a restart the first tick finds whatever is due or was missed.

A post and the record of its message (or a close and its reveal) run through
:meth:`~DatabaseScheduler.finish`: a stop that comes between the two waits for the
second instead of cutting it off, so no message is left posted but unrecorded (which
the next process would post again).
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

import discord

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = [
    "MAX_SLEEP",
    "ORPHAN_AFTER",
    "ORPHAN_HISTORY",
    "RETRY_AFTER",
    "STOP_GRACE_SECONDS",
    "UNKNOWN_CHANNEL",
    "DatabaseScheduler",
    "messageable",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The longest the task sleeps without looking at the database again.
MAX_SLEEP = dt.timedelta(days=1)
#: How long to wait after a failure (or a post Discord refused) before trying again.
RETRY_AFTER = dt.timedelta(minutes=1)
#: A claim without a posted message older than this was orphaned by a crash: post it.
ORPHAN_AFTER = dt.timedelta(minutes=1)
#: How many of a channel's latest messages are searched for a post whose record was lost.
ORPHAN_HISTORY = 50
#: Discord's error code for a deleted channel.
UNKNOWN_CHANNEL = 10003
#: How long a stop waits for posts and closes already under way.
STOP_GRACE_SECONDS = 15.0


def messageable(bot: QuizBot, channel_id: int, guild_id: int) -> discord.abc.Messageable:
    """The channel to post in: the cached one, else a partial one (no fetch needed)."""
    channel = bot.get_channel(channel_id)
    if isinstance(channel, discord.TextChannel | discord.Thread):
        return channel
    return bot.get_partial_messageable(channel_id, guild_id=guild_id)


class DatabaseScheduler(abc.ABC):
    """A background task that does due work read from the database, then sleeps."""

    #: The task's name, also used in log lines.
    name = "scheduler"

    def __init__(self, bot: QuizBot) -> None:
        self.bot = bot
        self._task: asyncio.Task[None] | None = None
        self._sleeping = False
        self._poked = False
        self._lock = asyncio.Lock()
        self._finishing: set[asyncio.Task[Any]] = set()

    async def finish(self, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` to its end even when the caller is cancelled; :meth:`stop` waits.

        For a post and the record of its message: both happen, or the post never starts.
        """
        task = asyncio.ensure_future(work)
        self._finishing.add(task)
        task.add_done_callback(self._finishing.discard)
        return await asyncio.shield(task)

    async def notes_language(self, guild_id: int) -> str:
        """The language of the notes ``guild_id`` reads (its own, or the deployment's):
        what the bot says unasked in that server is said in it."""
        try:
            library = await self.bot.library_for(guild_id) or self.bot.library
        except Exception:  # its notes fail to load: the deployment's language will do
            log.warning("%s: notes of server %s do not load", self.name, guild_id, exc_info=True)
            library = self.bot.library
        if library is not None and library.books:
            return "ko" if library.books[0].language == "ko" else "en"
        return "en"

    @abc.abstractmethod
    async def plan(self, now: dt.datetime) -> dt.datetime:
        """Do what is due at ``now``; return when to look again (called under the lock)."""

    @abc.abstractmethod
    async def channel_gone(self, *, guild_id: int, channel_id: int) -> None:
        """The channel was deleted: stop scheduling work for it instead of retrying daily."""

    async def send(
        self, what: str, *, guild_id: int, channel_id: int, **message: Any
    ) -> discord.Message | None:
        """Post ``message`` in the channel; ``None`` when Discord refused (tried again later).

        A deleted channel calls :meth:`channel_gone`. ``what`` names the post in log lines.
        """
        channel = messageable(self.bot, channel_id, guild_id)
        try:
            return await channel.send(**message)
        except discord.HTTPException as exc:
            log.warning("could not post %s in channel %s: %s", what, channel_id, exc)
            if exc.code == UNKNOWN_CHANNEL:
                await self.channel_gone(guild_id=guild_id, channel_id=channel_id)
                log.warning("channel %s is gone; %s stops scheduling there", channel_id, self.name)
            return None

    async def find_own(
        self, what: str, *, guild_id: int, channel_id: int, after: dt.datetime, prefix: str
    ) -> discord.Message | None:
        """The bot's own message posted since ``after`` whose buttons' ids start with
        ``prefix``, among the channel's :data:`ORPHAN_HISTORY` latest; ``None`` when there is
        none or the history cannot be read (then the post is sent again)."""
        channel = messageable(self.bot, channel_id, guild_id)
        me = self.bot.user
        try:
            async for message in channel.history(
                limit=ORPHAN_HISTORY, after=after - dt.timedelta(seconds=1)
            ):
                if me is not None and message.author.id != me.id:
                    continue
                for row in message.components:
                    for item in getattr(row, "children", ()):
                        if str(getattr(item, "custom_id", "") or "").startswith(prefix):
                            return message
        except discord.HTTPException as exc:  # no Read Message History: post again
            log.warning("could not read channel %s for %s: %s", channel_id, what, exc)
        return None

    async def tick(self, now: dt.datetime) -> dt.datetime:
        """One wake-up: :meth:`plan` under the lock, so it never overlaps other work."""
        async with self._lock:
            return await self.plan(now)

    def start(self) -> None:
        """Start the background task (called from ``cog_load``)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name=self.name)

    async def stop(self) -> None:
        """Cancel the background task and wait for it (called from ``cog_unload``).

        Posts and closes already under way are finished first (for at most
        :data:`STOP_GRACE_SECONDS`), so each one is recorded.
        """
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._finishing:
            done, pending = await asyncio.wait(self._finishing, timeout=STOP_GRACE_SECONDS)
            if pending:
                log.warning("%s: %d posts still under way at stop", self.name, len(pending))
            for finished in done:
                if not finished.cancelled() and finished.exception() is not None:
                    log.error(
                        "%s: work under way at stop failed",
                        self.name,
                        exc_info=finished.exception(),
                    )

    @property
    def sleeping(self) -> bool:
        """Whether the task waits for its next wake-up, no tick under way."""
        return self._sleeping

    def poke(self) -> None:
        """Re-plan now: a schedule or a piece of due work changed."""
        if self._task is None or self._task.done():
            return
        if self._sleeping:
            # Interrupt the sleep by replacing the task; nothing else is in flight.
            self._task.cancel()
            self._sleeping = False
            self._task = asyncio.create_task(self._run(), name=self.name)
        else:
            self._poked = True

    async def _run(self) -> None:
        while True:
            now = discord.utils.utcnow()
            try:
                wake_at = await self.tick(now)
            except Exception:
                log.exception("%s tick failed; retrying in %s", self.name, RETRY_AFTER)
                wake_at = now + RETRY_AFTER
            if self._poked:
                self._poked = False
                continue
            delay = (wake_at - discord.utils.utcnow()).total_seconds()
            self._sleeping = True
            try:
                await asyncio.sleep(max(delay, 0.01))
            finally:
                self._sleeping = False
