"""Daily practice reminders: who asked, where, at what local time; each day claimed once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select, update

from bot.db.models import (
    Guild,
    PracticeCard,
    PracticeReminder,
    QuestionRow,
)
from bot.db.queries import insert_for
from bot.db.session import Database
from bot.services.practice._store import (
    current_schedule,
    member_cards,
    practicable,
)

__all__ = ["PracticeReminderView", "claim_reminder", "list_reminders", "set_reminder"]


@dataclass(frozen=True, slots=True)
class PracticeReminderView:
    """A member's daily practice reminder: the channel it is posted in, the local time.

    ``timezone`` is the server's; ``last_sent_on`` the local day of the last reminder.
    """

    guild_id: int
    member_id: int
    channel_id: int
    time_of_day: dt.time
    timezone: str
    last_sent_on: dt.date | None


# -------------------------------------------------------------------- reminders


async def set_reminder(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    channel_id: int,
    time_of_day: dt.time | None,
) -> None:
    """Remind the member daily at ``time_of_day`` (server time) in ``channel_id``; ``None``
    turns the reminder off. Changing the time keeps today's reminder sent if it was."""
    async with db.write() as conn:
        if time_of_day is None:
            await conn.execute(
                delete(PracticeReminder).where(
                    PracticeReminder.guild_id == guild_id, PracticeReminder.member_id == member_id
                )
            )
            return
        upsert = insert_for(db.dialect, PracticeReminder).values(
            guild_id=guild_id, member_id=member_id, channel_id=channel_id, time_of_day=time_of_day
        )
        await conn.execute(
            upsert.on_conflict_do_update(
                index_elements=["guild_id", "member_id"],
                set_={"channel_id": channel_id, "time_of_day": time_of_day},
            )
        )


async def list_reminders(
    db: Database, *, guild_ids: Collection[int] | None = None
) -> list[PracticeReminderView]:
    """Every practice reminder (of ``guild_ids`` when given), with its server's time zone."""
    query = select(PracticeReminder.__table__, Guild.timezone).join_from(
        PracticeReminder, Guild, Guild.guild_id == PracticeReminder.guild_id, isouter=True
    )
    if guild_ids is not None:
        query = query.where(PracticeReminder.guild_id.in_(list(guild_ids)))
    async with db.read() as conn:
        rows = await conn.execute(query.order_by(PracticeReminder.guild_id))
        return [
            PracticeReminderView(
                guild_id=row.guild_id,
                member_id=row.member_id,
                channel_id=row.channel_id,
                time_of_day=row.time_of_day,
                timezone=row.timezone or "UTC",
                last_sent_on=row.last_sent_on,
            )
            for row in rows
        ]


async def claim_reminder(
    db: Database, *, guild_id: int, member_id: int, day: dt.date, until: dt.datetime
) -> int | None:
    """Claim the member's reminder of local ``day``: the questions due by ``until``, or
    ``None`` when the day was claimed already (by this process or another)."""
    async with db.write() as conn:
        claimed = await conn.execute(
            update(PracticeReminder)
            .where(
                PracticeReminder.guild_id == guild_id,
                PracticeReminder.member_id == member_id,
                or_(PracticeReminder.last_sent_on.is_(None), PracticeReminder.last_sent_on != day),
            )
            .values(last_sent_on=day)
        )
        if claimed.rowcount != 1:
            return None
        due = (
            await conn.execute(
                select(func.count())
                .select_from(PracticeCard)
                .join(QuestionRow, PracticeCard.question_id == QuestionRow.id)
                .where(
                    *member_cards(guild_id, member_id),
                    PracticeCard.due <= until,
                    practicable(guild_id),
                    current_schedule(),
                )
            )
        ).scalar_one()
    return int(due)
