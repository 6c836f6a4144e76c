"""Reading reminders: schedules per channel, one claimed reminder per (channel, slot), and
what a reminder shows (the chapter of the week, who has not checked in, whom to ping).

A reminder is claimed like a quiz run: the unique (channel, slot) key makes posting it
idempotent across restarts and processes. The first reminder of a local week also
carries the summary of the week before (:mod:`bot.services.reading.summary`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.errors import QuizbotError
from bot.core.reading import ACTIVE_DAYS, chapter_of_the_week, week_of
from bot.core.schedule import Schedule, local_day
from bot.db.models import Checkin, Guild, ReadingChannel, ReadingMember, ReadingReminder
from bot.db.queries import insert_for, mask_to_weekdays, weekdays_to_mask
from bot.db.session import Database
from bot.services.reading.chapters import ChapterInfo, chapters_in
from bot.services.reading.members import channel_timezone_in
from bot.services.reading.summary import WeeklySummary, weekly_summary
from bot.services.types import CheckinStatus, MemberRef

__all__ = [
    "REMINDER_WINDOW",
    "ReminderData",
    "ReminderSchedule",
    "ReminderView",
    "claim_reminder",
    "configure_reminders",
    "get_reminder_schedule",
    "list_reminder_schedules",
    "reminder_data",
    "remove_reminders",
    "set_reminder_message",
    "unposted_reminders",
]

log = logging.getLogger(__name__)

#: A reminder missed while the bot was down is still posted within this time of its slot.
REMINDER_WINDOW = dt.timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class ReminderSchedule:
    """A channel's reading reminder schedule."""

    guild_id: int
    channel_id: int
    schedule: Schedule
    #: When the schedule was last set up: no reminder for a slot at or before it.
    active_since: dt.datetime


@dataclass(frozen=True, slots=True)
class ReminderView:
    """A claimed reminder: its slot, chapter of the week, and the week it summarises."""

    id: int
    guild_id: int
    channel_id: int
    slot: dt.datetime
    chapter: int | None
    summary_week: dt.date | None
    message_id: int | None
    claimed_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ReminderData:
    """Everything a reminder shows; ``pinged`` are the members to mention (opted in)."""

    reminder: ReminderView
    chapter: ChapterInfo | None
    missing: list[MemberRef]
    pinged: list[int]
    summary: WeeklySummary | None
    timezone: str


def _reminder_schedule(row: Any) -> ReminderSchedule:
    return ReminderSchedule(
        guild_id=row.guild_id,
        channel_id=row.channel_id,
        schedule=Schedule(
            time_of_day=row.time_of_day,
            timezone=row.timezone,
            weekdays=mask_to_weekdays(row.weekdays),
            window=REMINDER_WINDOW,
        ),
        active_since=row.active_since,
    )


async def configure_reminders(
    db: Database,
    *,
    guild_id: int,
    channel_id: int,
    schedule: Schedule,
    now: dt.datetime | None = None,
) -> ReminderSchedule:
    """Post reading reminders in ``channel_id`` on the schedule (replacing its old one).

    The schedule's time zone also becomes the guild's (weeks for streaks and summaries).
    It is active from ``now`` (default: the current time): the first reminder is the
    first slot after it, never one of earlier today.
    """
    if not schedule.weekdays:
        raise QuizbotError("Choose at least one day for the reminders.")
    values = {
        "guild_id": guild_id,
        "time_of_day": schedule.time_of_day,
        "timezone": schedule.timezone,
        "weekdays": weekdays_to_mask(schedule.weekdays),
        "active_since": now if now is not None else dt.datetime.now(tz=dt.UTC),
    }
    async with db.write() as conn:
        guild = insert_for(db.dialect, Guild).values(guild_id=guild_id, timezone=schedule.timezone)
        await conn.execute(
            guild.on_conflict_do_update(
                index_elements=[Guild.guild_id], set_={"timezone": schedule.timezone}
            )
        )
        channel = insert_for(db.dialect, ReadingChannel).values(channel_id=channel_id, **values)
        await conn.execute(
            channel.on_conflict_do_update(index_elements=[ReadingChannel.channel_id], set_=values)
        )
    found = await get_reminder_schedule(db, channel_id=channel_id)
    assert found is not None
    return found


async def remove_reminders(db: Database, *, guild_id: int, channel_id: int) -> bool:
    """Stop a channel's reading reminders; ``False`` when it had none."""
    async with db.write() as conn:
        result = await conn.execute(
            delete(ReadingChannel).where(
                ReadingChannel.guild_id == guild_id, ReadingChannel.channel_id == channel_id
            )
        )
    return result.rowcount == 1


async def get_reminder_schedule(db: Database, *, channel_id: int) -> ReminderSchedule | None:
    """The channel's reminder schedule, or ``None``."""
    async with db.read() as conn:
        row = (
            await conn.execute(
                select(ReadingChannel.__table__).where(ReadingChannel.channel_id == channel_id)
            )
        ).first()
    return _reminder_schedule(row) if row is not None else None


async def list_reminder_schedules(
    db: Database, *, guild_ids: Collection[int] | None = None
) -> list[ReminderSchedule]:
    """Every reminder schedule (of ``guild_ids`` when given)."""
    query = select(ReadingChannel.__table__).order_by(
        ReadingChannel.guild_id, ReadingChannel.channel_id
    )
    if guild_ids is not None:
        query = query.where(ReadingChannel.guild_id.in_(list(guild_ids)))
    async with db.read() as conn:
        return [_reminder_schedule(row) for row in await conn.execute(query)]


def _reminder(row: Any) -> ReminderView:
    return ReminderView(
        id=row.id,
        guild_id=row.guild_id,
        channel_id=row.channel_id,
        slot=row.slot,
        chapter=row.chapter,
        summary_week=row.summary_week,
        message_id=row.message_id,
        claimed_at=row.claimed_at,
    )


async def _chapter_of_the_week(
    conn: AsyncConnection, guild_id: int, now: dt.datetime
) -> int | None:
    chapters = await chapters_in(conn, guild_id=guild_id)
    since = now - dt.timedelta(days=ACTIVE_DAYS)
    active = set(
        (
            await conn.execute(
                select(Checkin.member_id).where(
                    Checkin.guild_id == guild_id, Checkin.updated_at >= since
                )
            )
        ).scalars()
    )
    if not active:
        active = set(
            (
                await conn.execute(select(Checkin.member_id).where(Checkin.guild_id == guild_id))
            ).scalars()
        )
    done: Counter[int] = Counter()
    if active:
        rows = await conn.execute(
            select(Checkin.chapter, Checkin.member_id).where(
                Checkin.guild_id == guild_id,
                Checkin.status == CheckinStatus.DONE.value,
                Checkin.member_id.in_(sorted(active)),
            )
        )
        done.update(chapter for chapter, _member in rows)
    return chapter_of_the_week([c.number for c in chapters], done=done, active=len(active))


async def claim_reminder(
    db: Database, *, guild_id: int, channel_id: int, slot: dt.datetime, now: dt.datetime
) -> tuple[ReminderView, bool]:
    """The reminder of (channel, slot): created now (``True``) or already there (``False``).

    A new reminder names the chapter of the week; the first reminder of a local week
    also carries the summary of the week before.
    """
    key = (ReadingReminder.channel_id == channel_id, ReadingReminder.slot == slot)
    async with db.read() as conn:
        row = (await conn.execute(select(ReadingReminder.__table__).where(*key))).first()
        if row is not None:
            return _reminder(row), False
        chapter = await _chapter_of_the_week(conn, guild_id, now)
        timezone = await channel_timezone_in(conn, guild_id, channel_id)
        this_week = week_of(local_day(slot, timezone))
        previous_slots = (
            await conn.execute(
                select(ReadingReminder.slot).where(
                    ReadingReminder.channel_id == channel_id,
                    ReadingReminder.slot < slot,
                    ReadingReminder.slot >= slot - dt.timedelta(days=7),
                )
            )
        ).scalars()
        same_week = any(week_of(local_day(s, timezone)) == this_week for s in previous_slots)
    summary_week = None if same_week else this_week - dt.timedelta(days=7)
    async with db.write() as conn:
        result = await conn.execute(
            insert_for(db.dialect, ReadingReminder)
            .values(
                guild_id=guild_id,
                channel_id=channel_id,
                slot=slot,
                chapter=chapter,
                summary_week=summary_week,
                claimed_at=now,
            )
            .on_conflict_do_nothing(index_elements=["channel_id", "slot"])
        )
        row = (await conn.execute(select(ReadingReminder.__table__).where(*key))).one()
    created = result.rowcount == 1
    if created:
        log.info("reminder %s claimed: channel %s slot %s", row.id, channel_id, slot)
    return _reminder(row), created


async def set_reminder_message(db: Database, *, reminder_id: int, message_id: int) -> None:
    """Remember the Discord message that shows the reminder."""
    async with db.write() as conn:
        await conn.execute(
            update(ReadingReminder)
            .where(ReadingReminder.id == reminder_id)
            .values(message_id=message_id)
        )


async def unposted_reminders(
    db: Database, *, guild_ids: Collection[int] | None = None
) -> list[ReminderView]:
    """Reminders claimed but never posted (a crash in between, or a refused post)."""
    query = select(ReadingReminder.__table__).where(ReadingReminder.message_id.is_(None))
    if guild_ids is not None:
        query = query.where(ReadingReminder.guild_id.in_(list(guild_ids)))
    async with db.read() as conn:
        return [_reminder(row) for row in await conn.execute(query.order_by(ReadingReminder.id))]


async def reminder_data(db: Database, *, reminder: ReminderView) -> ReminderData:
    """What the reminder shows: the chapter of the week, who has not checked in since the
    channel's previous reminder (a week before, for the first one), whom to ping, the summary."""
    async with db.read() as conn:
        found = await chapters_in(conn, guild_id=reminder.guild_id)
        chapters = {c.number: c for c in found}
        previous = (
            await conn.execute(
                select(func.max(ReadingReminder.slot)).where(
                    ReadingReminder.channel_id == reminder.channel_id,
                    ReadingReminder.slot < reminder.slot,
                )
            )
        ).scalar_one_or_none()
        since = previous or reminder.slot - dt.timedelta(days=7)
        if isinstance(since, str):  # an aggregate on SQLite comes back as text
            since = dt.datetime.fromisoformat(since)
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.UTC)
        members = (
            await conn.execute(
                select(
                    ReadingMember.member_id, ReadingMember.display_name, ReadingMember.remind
                ).where(ReadingMember.guild_id == reminder.guild_id)
            )
        ).all()
        recent = set(
            (
                await conn.execute(
                    select(Checkin.member_id).where(
                        Checkin.guild_id == reminder.guild_id, Checkin.updated_at >= since
                    )
                )
            ).scalars()
        )
        timezone = await channel_timezone_in(conn, reminder.guild_id, reminder.channel_id)
    missing = sorted(
        (MemberRef(m, name) for m, name, _remind in members if m not in recent),
        key=lambda ref: (ref.display_name.casefold(), ref.member_id),
    )
    pinged = sorted(m for m, _name, remind in members if remind and m not in recent)
    summary = None
    if reminder.summary_week is not None:
        summary = await weekly_summary(
            db, guild_id=reminder.guild_id, week_start=reminder.summary_week, timezone=timezone
        )
        if not summary.finished and not summary.top:
            summary = None
    return ReminderData(
        reminder=reminder,
        chapter=chapters.get(reminder.chapter) if reminder.chapter is not None else None,
        missing=missing,
        pinged=pinged,
        summary=summary,
        timezone=timezone,
    )
