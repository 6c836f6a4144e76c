"""Leaderboards and member statistics, read from the running totals.

Totals are kept per member (all time) and per member and period (local weeks starting
Monday, calendar months), so a leaderboard page is an indexed read. Ranks follow
competition ranking: members with the same value share a rank and are listed by
member id; the next different value gets the rank of its position.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Date, and_, case, false, func, literal, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ColumnElement, Select

from bot.core.schedule import local_day, previous_quiz_day
from bot.core.scoring import MIN_ANSWERS_FOR_ACCURACY, period_start
from bot.db.models import Answer, Guild, Member, MemberPeriod, QuestionRow, QuizChannel, QuizRun
from bot.db.queries import channel_schedule
from bot.db.session import Database
from bot.services.types import (
    ChapterStats,
    LeaderboardPage,
    LeaderboardRow,
    MemberStats,
    RunStatus,
)

__all__ = ["METRICS", "PERIODS", "guild_timezone", "leaderboard", "member_stats"]

PERIODS = ("all", "week", "month")
METRICS = ("points", "streak", "accuracy")


async def guild_timezone(conn: AsyncConnection, guild_id: int) -> str:
    """The guild's time zone name (``UTC`` until a channel is set up)."""
    zone = (
        await conn.execute(select(Guild.timezone).where(Guild.guild_id == guild_id))
    ).scalar_one_or_none()
    return zone or "UTC"


async def _settled_days(conn: AsyncConnection, guild_id: int) -> dict[int, dt.date]:
    """Per channel, the latest quiz day whose runs have all closed (see core.scoring)."""
    closed = (
        await conn.execute(
            select(QuizRun.channel_id, func.max(QuizRun.slot))
            .where(QuizRun.guild_id == guild_id, QuizRun.status == RunStatus.CLOSED.value)
            .group_by(QuizRun.channel_id)
        )
    ).all()
    if not closed:
        return {}
    opened = dict(
        (
            await conn.execute(
                select(QuizRun.channel_id, func.min(QuizRun.slot))
                .where(QuizRun.guild_id == guild_id, QuizRun.status == RunStatus.OPEN.value)
                .group_by(QuizRun.channel_id)
            )
        ).all()
    )
    channels = {
        row["channel_id"]: channel_schedule(row)
        for row in (
            await conn.execute(
                select(QuizChannel.__table__).where(QuizChannel.guild_id == guild_id)
            )
        ).mappings()
    }
    settled: dict[int, dt.date] = {}
    for channel_id, last_slot in closed:
        channel = channels.get(channel_id)
        zone = channel.schedule.timezone if channel is not None else "UTC"
        day = local_day(_aware(last_slot), zone)
        first_open = opened.get(channel_id)
        if first_open is not None and local_day(_aware(first_open), zone) <= day:
            # That day still has an open run: members can still save their streak.
            earlier = (
                previous_quiz_day(channel.schedule, day)
                if channel is not None
                else day - dt.timedelta(days=1)
            )
            if earlier is None:
                continue
            day = earlier
        settled[channel_id] = day
    return settled


def _aware(value: dt.datetime) -> dt.datetime:
    # Aggregates (max/min) bypass the column type on SQLite and come back naive or as text.
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _shown_streak(settled: Mapping[int, dt.date]) -> ColumnElement[int]:
    """SQL for the displayed current streak (0 once a settled quiz day was missed)."""
    lost = [
        and_(Member.streak_channel_id == channel, Member.last_quiz_day < literal(day, Date()))
        for channel, day in settled.items()
    ]
    if not lost:
        return Member.current_streak
    return case((or_(*lost), 0), else_=Member.current_streak)


def _shown_alive(settled: Mapping[int, dt.date]) -> ColumnElement[bool]:
    lost = [
        and_(Member.streak_channel_id == channel, Member.last_quiz_day < literal(day, Date()))
        for channel, day in settled.items()
    ]
    alive = not_(or_(*lost)) if lost else not_(false())
    return and_(Member.current_streak > 0, alive)


async def leaderboard(
    db: Database,
    *,
    guild_id: int,
    period: str = "all",
    metric: str = "points",
    page: int = 1,
    page_size: int = 10,
    member_id: int | None = None,
    now: dt.datetime,
    min_answers: int = MIN_ANSWERS_FOR_ACCURACY,
) -> LeaderboardPage:
    """One page of the guild's leaderboard, plus ``member_id``'s own row when given.

    ``period`` is ``all``, ``week`` (the current local week) or ``month``; ``metric`` is
    ``points``, ``streak`` (running streaks only) or ``accuracy`` (members with at
    least ``min_answers`` answers in the period).
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; expected one of {', '.join(METRICS)}")
    page_size = max(1, page_size)
    async with db.read() as conn:
        zone = await guild_timezone(conn, guild_id)
        settled = await _settled_days(conn, guild_id)
        shown = _shown_streak(settled)
        if period == "all":
            source: Any = Member
            points, answered, correct, ratio = (
                Member.points,
                Member.answered,
                Member.correct,
                Member.accuracy,
            )
            base = select().select_from(Member).where(Member.guild_id == guild_id)
        else:
            start = period_start(period, local_day(now, zone))
            source = MemberPeriod
            points, answered, correct, ratio = (
                MemberPeriod.points,
                MemberPeriod.answered,
                MemberPeriod.correct,
                MemberPeriod.accuracy,
            )
            base = (
                select()
                .select_from(MemberPeriod)
                .join(
                    Member,
                    and_(
                        Member.guild_id == MemberPeriod.guild_id,
                        Member.member_id == MemberPeriod.member_id,
                    ),
                )
                .where(
                    MemberPeriod.guild_id == guild_id,
                    MemberPeriod.period_kind == period,
                    MemberPeriod.period_start == start,
                )
            )
        value: ColumnElement[Any]
        if metric == "points":
            value = points
        elif metric == "accuracy":
            value = ratio
            base = base.where(answered >= min_answers)
        else:
            value = Member.current_streak
            base = base.where(_shown_alive(settled))
        member_col = source.member_id
        columns = (
            member_col.label("member_id"),
            Member.display_name,
            points.label("points"),
            answered.label("answered"),
            correct.label("correct"),
            ratio.label("accuracy"),
            shown.label("current_streak"),
            Member.best_streak,
            value.label("value"),
        )
        total = (
            await conn.execute(base.with_only_columns(func.count()).order_by(None))
        ).scalar_one()
        pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), pages)
        offset = (page - 1) * page_size
        rows = (
            (
                await conn.execute(
                    base.with_only_columns(*columns)
                    .order_by(value.desc(), member_col)
                    .limit(page_size)
                    .offset(offset)
                )
            )
            .mappings()
            .all()
        )
        ranked: list[LeaderboardRow] = []
        previous: tuple[Any, int] | None = None
        for position, row in enumerate(rows, start=offset + 1):
            if previous is not None and previous[0] == row["value"]:
                rank = previous[1]
            elif previous is None and offset > 0:
                rank = await _rank(conn, base, value, row["value"])
            else:
                rank = position
            previous = (row["value"], rank)
            ranked.append(_row(rank, row))
        me = None
        if member_id is not None:
            mine = next((r for r in ranked if r.member_id == member_id), None)
            if mine is None:
                found = (
                    (
                        await conn.execute(
                            base.with_only_columns(*columns).where(member_col == member_id)
                        )
                    )
                    .mappings()
                    .first()
                )
                if found is not None:
                    mine = _row(await _rank(conn, base, value, found["value"]), found)
            me = mine
    return LeaderboardPage(
        period=period,
        metric=metric,
        page=page,
        pages=pages,
        total_members=total,
        rows=ranked,
        me=me,
    )


async def _rank(conn: AsyncConnection, base: Select[Any], value: Any, mine: Any) -> int:
    """1 + the number of members with a strictly better value."""
    better = (
        await conn.execute(base.with_only_columns(func.count()).where(value > mine).order_by(None))
    ).scalar_one()
    return int(better) + 1


def _row(rank: int, row: Mapping[str, Any]) -> LeaderboardRow:
    return LeaderboardRow(
        rank=rank,
        member_id=row["member_id"],
        display_name=row["display_name"],
        points=row["points"],
        answered=row["answered"],
        correct=row["correct"],
        accuracy=float(row["accuracy"]),
        current_streak=int(row["current_streak"]),
        best_streak=row["best_streak"],
    )


async def member_stats(
    db: Database, *, guild_id: int, member_id: int, now: dt.datetime
) -> MemberStats | None:
    """A member's totals, streaks, points rank and answers per chapter (closed runs only)."""
    async with db.read() as conn:
        settled = await _settled_days(conn, guild_id)
        row = (
            (
                await conn.execute(
                    select(Member.__table__, _shown_streak(settled).label("shown")).where(
                        Member.guild_id == guild_id, Member.member_id == member_id
                    )
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        better = (
            await conn.execute(
                select(func.count())
                .select_from(Member)
                .where(Member.guild_id == guild_id, Member.points > row["points"])
            )
        ).scalar_one()
        chapters = (
            await conn.execute(
                select(
                    QuestionRow.chapter,
                    QuestionRow.chapter_title,
                    func.count(),
                    func.sum(case((Answer.correct, 1), else_=0)),
                )
                .select_from(Answer)
                .join(QuizRun, QuizRun.id == Answer.run_id)
                .join(QuestionRow, QuestionRow.id == QuizRun.question_id)
                .where(
                    Answer.guild_id == guild_id,
                    Answer.member_id == member_id,
                    QuizRun.status == RunStatus.CLOSED.value,
                )
                .group_by(QuestionRow.chapter, QuestionRow.chapter_title)
            )
        ).all()
    per_chapter = sorted(
        (
            ChapterStats(chapter=c, title=t, answered=n, correct=int(r or 0))
            for c, t, n, r in chapters
        ),
        key=lambda s: (s.chapter is None, s.chapter or 0, s.title),
    )
    return MemberStats(
        member_id=member_id,
        display_name=row["display_name"],
        points=row["points"],
        answered=row["answered"],
        correct=row["correct"],
        accuracy=float(row["accuracy"]),
        current_streak=int(row["shown"]),
        best_streak=row["best_streak"],
        rank=int(better) + 1 if row["answered"] > 0 else None,
        chapters=per_chapter,
    )
