"""The background task that reminds opted-in members of due practice, once a local day.

Each wake-up reads the practice reminders of the servers this process owns; a member
whose local reminder time has passed today, and whose day is not claimed yet, is
claimed (a conditional update, so a restart or a second process never reminds twice)
and, when questions are due by the end of that day, mentioned in a short message in
the channel where they turned the reminder on. Only those members are mentioned,
never @everyone. The task sleeps until the next reminder time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from zoneinfo import ZoneInfo

import discord

from bot.core.practice import reminder_due
from bot.exts._scheduling import MAX_SLEEP, DatabaseScheduler
from bot.i18n import text
from bot.services import practice

__all__ = ["PracticeReminders"]

log = logging.getLogger(__name__)


class PracticeReminders(DatabaseScheduler):
    """Mentions members with due practice at their chosen time; one per bot process."""

    name = "practice-reminders"

    async def plan(self, now: dt.datetime) -> dt.datetime:
        """Remind whoever is due; returns when to look again."""
        db = self.bot.db
        wake_at = now + MAX_SLEEP
        waiting: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        for reminder in await practice.list_reminders(db):
            if not self.bot.owns_guild(reminder.guild_id):
                continue
            due, today, following = reminder_due(
                time_of_day=reminder.time_of_day,
                timezone=reminder.timezone,
                now=now,
                last_sent_on=reminder.last_sent_on,
            )
            wake_at = min(wake_at, following)
            if not due:
                continue
            midnight = dt.datetime.combine(
                today + dt.timedelta(days=1), dt.time(0), tzinfo=ZoneInfo(reminder.timezone)
            )
            count = await practice.claim_reminder(
                db,
                guild_id=reminder.guild_id,
                member_id=reminder.member_id,
                day=today,
                until=midnight.astimezone(dt.UTC),
            )
            if count:
                waiting[(reminder.guild_id, reminder.channel_id)].append(
                    (reminder.member_id, count)
                )
        for (guild_id, channel_id), members in waiting.items():
            lang = await self.notes_language(guild_id)
            lines = [
                text("practice.reminder_line", lang, mention=f"<@{member}>", count=count)
                for member, count in members
            ]
            await self.send(
                "practice reminder",
                guild_id=guild_id,
                channel_id=channel_id,
                content="\n".join([text("practice.reminder_title", lang), *lines]),
                allowed_mentions=discord.AllowedMentions(
                    everyone=False,
                    roles=False,
                    replied_user=False,
                    users=[discord.Object(id=member) for member, _ in members],
                ),
            )
            log.info("practice reminder for %d member(s) in %s", len(members), channel_id)
        return wake_at

    async def channel_gone(self, *, guild_id: int, channel_id: int) -> None:
        """A deleted channel: its reminders are simply not posted (each member may set a new
        channel with ``/practice remind``)."""
