"""The weekly summary a reminder carries: who finished which chapters, and the quiz top 3."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.db.models import CheckinEvent
from bot.db.session import Database
from bot.services import stats
from bot.services.reading.members import names_in, ref
from bot.services.types import CheckinStatus, LeaderboardRow, MemberRef

__all__ = ["TOP_OF_WEEK", "WeeklySummary", "weekly_summary"]

#: How many quiz players the weekly summary names.
TOP_OF_WEEK = 3


@dataclass(frozen=True, slots=True)
class WeeklySummary:
    """A local week: who finished which chapters and the quiz top 3."""

    week_start: dt.date
    finished: list[tuple[MemberRef, tuple[int, ...]]]
    top: list[LeaderboardRow]


async def weekly_summary(
    db: Database, *, guild_id: int, week_start: dt.date, timezone: str
) -> WeeklySummary:
    """Who first marked chapters done in the local week from ``week_start``, and its quiz top 3.

    A chapter counts in the week it was first checked in as done, not in a later week
    in which its note was edited.
    """
    zone = ZoneInfo(timezone)
    start = dt.datetime.combine(week_start, dt.time(0), zone).astimezone(dt.UTC)
    end = dt.datetime.combine(week_start + dt.timedelta(days=7), dt.time(0), zone)
    end = end.astimezone(dt.UTC)
    first_done = func.min(CheckinEvent.at)
    async with db.read() as conn:
        rows = (
            await conn.execute(
                select(CheckinEvent.member_id, CheckinEvent.chapter)
                .where(
                    CheckinEvent.guild_id == guild_id,
                    CheckinEvent.status == CheckinStatus.DONE.value,
                )
                .group_by(CheckinEvent.member_id, CheckinEvent.chapter)
                .having(first_done >= start, first_done < end)
                .order_by(CheckinEvent.member_id, CheckinEvent.chapter)
            )
        ).all()
        names = await names_in(conn, guild_id)
    finished: dict[int, list[int]] = {}
    for member_id, chapter in rows:
        finished.setdefault(member_id, []).append(chapter)
    page = await stats.leaderboard(
        db,
        guild_id=guild_id,
        period="week",
        metric="points",
        page_size=TOP_OF_WEEK,
        now=start + (end - start) / 2,
    )
    return WeeklySummary(
        week_start=week_start,
        finished=sorted(
            ((ref(names, m), tuple(c)) for m, c in finished.items()),
            key=lambda item: item[0].display_name.casefold(),
        ),
        top=[row for row in page.rows if row.points > 0][:TOP_OF_WEEK],
    )
