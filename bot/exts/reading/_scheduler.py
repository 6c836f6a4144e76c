"""The background task that posts reading reminders, driven by the database.

Each wake-up reads the reminder schedules, claims each channel's due slot (also one
missed while the bot was down, within :data:`~bot.services.reading.REMINDER_WINDOW`)
and posts it. The claim is unique per (channel, slot), so a restart or a second
process never posts a slot twice; a reminder claimed but never posted (a crash in
between, a refused post) is posted a minute later; a deleted channel's reminders
stop. Like the quiz scheduler, it sleeps until the next slot and is poked when a
schedule changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from typing import TYPE_CHECKING

import discord

from bot.core.schedule import due_slot, next_slot
from bot.exts.reading._render import reminder_content, reminder_embeds
from bot.exts.reading._views import reminder_view
from bot.services import reading
from bot.services.reading import ReminderView

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = ["ReminderScheduler"]

log = logging.getLogger(__name__)

MAX_SLEEP = dt.timedelta(days=1)
RETRY_AFTER = dt.timedelta(minutes=1)
ORPHAN_AFTER = dt.timedelta(minutes=1)
#: Discord's error code for a deleted channel.
UNKNOWN_CHANNEL = 10003


class ReminderScheduler:
    """Posts reading reminders at their local times; one per bot process."""

    def __init__(self, bot: QuizBot) -> None:
        self.bot = bot
        self._task: asyncio.Task[None] | None = None
        self._sleeping = False
        self._poked = False
        self._lock = asyncio.Lock()

    def start(self) -> None:
        """Start the background task (called from ``cog_load``)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="reading-reminders")

    async def stop(self) -> None:
        """Cancel the background task and wait for it (called from ``cog_unload``)."""
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def poke(self) -> None:
        """Re-plan now: a schedule changed."""
        if self._task is None or self._task.done():
            return
        if self._sleeping:
            self._task.cancel()
            self._sleeping = False
            self._task = asyncio.create_task(self._run(), name="reading-reminders")
        else:
            self._poked = True

    async def _run(self) -> None:
        while True:
            now = discord.utils.utcnow()
            try:
                wake_at = await self.tick(now)
            except Exception:
                log.exception("reading reminder tick failed; retrying in %s", RETRY_AFTER)
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

    async def tick(self, now: dt.datetime) -> dt.datetime:
        """Post what is due; returns when to look again."""
        async with self._lock:
            db = self.bot.db
            wake_at = now + MAX_SLEEP
            owned = [
                rs
                for rs in await reading.list_reminder_schedules(db)
                if self.bot.owns_guild(rs.guild_id)
            ]
            configured = {rs.channel_id for rs in owned}
            for reminder in await reading.unposted_reminders(db):
                if reminder.channel_id not in configured:
                    continue
                if now - reminder.slot > reading.REMINDER_WINDOW:
                    continue  # too late to remind anyone of that slot
                if now - reminder.claimed_at >= ORPHAN_AFTER:
                    if not await self.post(reminder):
                        wake_at = min(wake_at, now + RETRY_AFTER)
                else:
                    wake_at = min(wake_at, reminder.claimed_at + ORPHAN_AFTER)
            for rs in owned:
                slot = due_slot(rs.schedule, now)
                if slot is not None:
                    try:
                        reminder, created = await reading.claim_reminder(
                            db, guild_id=rs.guild_id, channel_id=rs.channel_id, slot=slot, now=now
                        )
                        if created and not await self.post(reminder):
                            wake_at = min(wake_at, now + RETRY_AFTER)
                    except Exception:
                        log.exception("reminder in channel %s failed; retrying", rs.channel_id)
                        wake_at = min(wake_at, now + RETRY_AFTER)
                wake_at = min(wake_at, next_slot(rs.schedule, now))
            return wake_at

    def _language(self) -> str:
        library = self.bot.library
        if library is not None and library.books:
            return "ko" if library.books[0].language == "ko" else "en"
        return "en"

    async def post(self, reminder: ReminderView) -> bool:
        """Send the reminder and remember its message; ``False`` when Discord refused."""
        db = self.bot.db
        data = await reading.reminder_data(db, reminder=reminder)
        chapters = await reading.list_chapters(db)
        lang = self._language()
        channel = self.bot.get_channel(reminder.channel_id)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            channel = self.bot.get_partial_messageable(  # type: ignore[assignment]
                reminder.channel_id, guild_id=reminder.guild_id
            )
        view = reminder_view(reminder.chapter, lang)
        try:
            message = await channel.send(  # type: ignore[union-attr]
                content=reminder_content(data, lang),
                embeds=reminder_embeds(data, lang, chapters),
                allowed_mentions=discord.AllowedMentions(
                    everyone=False,
                    roles=False,
                    replied_user=False,
                    users=[discord.Object(id=member) for member in data.pinged],
                ),
                **({"view": view} if view is not None else {}),
            )
        except discord.HTTPException as exc:
            log.warning("could not post reminder %s: %s", reminder.id, exc)
            if exc.code == UNKNOWN_CHANNEL:
                # The channel was deleted: stop its reminders instead of retrying.
                await reading.remove_reminders(
                    db, guild_id=reminder.guild_id, channel_id=reminder.channel_id
                )
                log.warning("channel %s is gone; its reminders stop", reminder.channel_id)
            return False
        await reading.set_reminder_message(db, reminder_id=reminder.id, message_id=message.id)
        log.info("posted reading reminder %s in channel %s", reminder.id, reminder.channel_id)
        return True
