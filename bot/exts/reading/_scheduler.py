"""The background task that posts reading reminders, driven by the database.

Each wake-up reads the reminder schedules, claims each channel's due slot (also one
missed while the bot was down, within :data:`~bot.services.reading.REMINDER_WINDOW`)
and posts it. The claim is unique per (channel, slot), so a restart or a second
process never posts a slot twice; a reminder claimed but never posted (a crash in
between, a refused post) is posted a minute later, unless the bot's own reminder for it
is found in the channel; a deleted channel's reminders stop. Like the quiz scheduler,
it sleeps until the next slot and is poked when a schedule changes.
"""

from __future__ import annotations

import datetime as dt
import logging

import discord

from bot.core.schedule import due_slot, next_slot
from bot.exts._scheduling import (
    MAX_SLEEP,
    ORPHAN_AFTER,
    RETRY_AFTER,
    DatabaseScheduler,
)
from bot.exts.reading._render import reminder_content, reminder_embeds
from bot.exts.reading._views import reminder_view
from bot.services import reading
from bot.services.reading import ReminderView

__all__ = ["ReminderScheduler"]

log = logging.getLogger(__name__)


class ReminderScheduler(DatabaseScheduler):
    """Posts reading reminders at their local times; one per bot process."""

    name = "reading-reminders"

    async def plan(self, now: dt.datetime) -> dt.datetime:
        """Post what is due; returns when to look again."""
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
                if not await self.post_orphan(reminder):
                    wake_at = min(wake_at, now + RETRY_AFTER)
            else:
                wake_at = min(wake_at, reminder.claimed_at + ORPHAN_AFTER)
        for rs in owned:
            slot = due_slot(rs.schedule, now, since=rs.active_since)
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

    async def channel_gone(self, *, guild_id: int, channel_id: int) -> None:
        """Remove the deleted channel's reminder schedule instead of retrying it."""
        await reading.remove_reminders(self.bot.db, guild_id=guild_id, channel_id=channel_id)

    async def post_orphan(self, reminder: ReminderView) -> bool:
        """Post a reminder claimed but never recorded as posted, unless it reached the channel.

        A process killed right after sending left no record: the bot's own message with
        this chapter's check-in buttons, posted since the claim, is taken as the reminder
        instead of sending a second one. (A reminder without a chapter has no buttons to
        recognise; it is sent again.)
        """
        if reminder.chapter is not None:
            found = await self.find_own(
                f"reminder {reminder.id}",
                guild_id=reminder.guild_id,
                channel_id=reminder.channel_id,
                after=reminder.claimed_at,
                prefix=f"reading:{reminder.chapter}:",
            )
            if found is not None:
                await reading.set_reminder_message(
                    self.bot.db, reminder_id=reminder.id, message_id=found.id
                )
                log.info(
                    "reminder %s was posted before a restart: message %s", reminder.id, found.id
                )
                return True
        return await self.post(reminder)

    async def post(self, reminder: ReminderView) -> bool:
        """Send the reminder and remember its message; ``False`` when Discord refused.

        Sending and remembering finish together even when the bot stops meanwhile.
        """
        return await self.finish(self._post(reminder))

    async def _post(self, reminder: ReminderView) -> bool:
        db = self.bot.db
        data = await reading.reminder_data(db, reminder=reminder)
        chapters = await reading.list_chapters(db, guild_id=reminder.guild_id)
        lang = await self.notes_language(reminder.guild_id)
        view = reminder_view(reminder.chapter, lang)
        message = await self.send(
            f"reminder {reminder.id}",
            guild_id=reminder.guild_id,
            channel_id=reminder.channel_id,
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
        if message is None:
            return False
        await reading.set_reminder_message(db, reminder_id=reminder.id, message_id=message.id)
        log.info("posted reading reminder %s in channel %s", reminder.id, reminder.channel_id)
        return True
