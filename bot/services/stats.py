"""Leaderboards and member statistics, read from the running totals.

Totals are kept per member (all time) and per member and period (local weeks starting
Monday, calendar months), so the rows of a leaderboard are indexed reads. Ranks follow
competition ranking: members with the same value share a rank and are listed by
member id; the next different value gets the rank of its position.

Ranks and page offsets are what a B-tree cannot give cheaply (counting 100,000 index
entries takes milliseconds). Totals only change when a run closes, so each process
keeps a board's *histogram* (:class:`_Board`: each distinct value and how many members
are ahead of it) keyed by the guild's *board version*: the number and latest close
time of its closed runs. Any close, by any process, changes the version and the next
read rebuilds the histogram with one ``GROUP BY`` over the board's covering index;
the database does that scan and the event loop receives a few hundred rows, so a
rebuild never stalls the bot (see :func:`_build`); concurrent readers share one
rebuild. A rank is then a bisect of the histogram; a page is an index seek on the few
values it spans, skipping within the first of them (:func:`_page`) from the nearest
member id the board has noted at a known position of that value; the rows shown (and
the asking member's) are one primary-key lookup. Statements are built once per board.
"""

from __future__ import annotations

import asyncio
import bisect
import datetime as dt
import math
from array import array
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    Integer,
    and_,
    bindparam,
    case,
    func,
    literal,
    not_,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ColumnElement, Select

from bot.core.schedule import ALL_DAYS, Schedule, is_quiz_day, local_day, previous_quiz_day
from bot.core.scoring import MIN_ANSWERS_FOR_ACCURACY, period_start
from bot.db.models import Answer, Guild, Member, MemberPeriod, QuestionRow, QuizChannel, QuizRun
from bot.db.queries import mask_to_weekdays
from bot.db.session import Database
from bot.services.types import (
    ChapterStats,
    LeaderboardPage,
    LeaderboardRow,
    MemberStats,
    RunStatus,
)

__all__ = ["METRICS", "PERIODS", "leaderboard", "member_stats"]

PERIODS = ("all", "week", "month")
METRICS = ("points", "streak", "accuracy")
#: How many boards a process keeps (each a few hundred values and counts).
MAX_CACHED_BOARDS = 64
#: How many page starts a board remembers per value (ids, for seeking to later pages).
MAX_ANCHORS_PER_VALUE = 1024
#: On a board read through a join (week and month streaks), a page further than this
#: from a known position maps the whole board once: every ``ANCHOR_STEP``-th member.
DEEP_WALK = 16
ANCHOR_STEP = 4


# ------------------------------------------------------------------ the guild's state


@dataclass(frozen=True, slots=True)
class _GuildState:
    timezone: str
    settled: dict[int, dt.date]  # channel -> latest quiz day whose runs have all closed
    version: tuple[int, str]  # changes whenever a run of the guild closes


def _aware(value: Any) -> dt.datetime:
    # Aggregates (max/min) bypass the column type on SQLite and come back as text.
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


_GUILD = bindparam("guild_id", type_=BigInteger())
_ZONE_OF_GUILD = select(Guild.timezone).where(Guild.guild_id == _GUILD).scalar_subquery()
_CHANNEL = and_(QuizChannel.guild_id == _GUILD, QuizChannel.channel_id == QuizRun.channel_id)
#: Built once: the statement a board read starts with (only its parameter changes).
_GUILD_RUNS = (
    select(
        QuizRun.channel_id,
        QuizRun.status,
        func.count(),
        func.max(QuizRun.slot),
        func.min(QuizRun.slot),
        func.max(QuizRun.closed_at),
        _ZONE_OF_GUILD,
        select(QuizChannel.timezone).where(_CHANNEL).scalar_subquery(),
        select(QuizChannel.weekdays).where(_CHANNEL).scalar_subquery(),
    )
    .where(QuizRun.guild_id == _GUILD)
    .group_by(QuizRun.status, QuizRun.channel_id)
)
_GUILD_ZONE = select(_ZONE_OF_GUILD)
#: How many guilds' derived states a process remembers.
MAX_CACHED_STATES = 256


async def _guild_state(db: Database, conn: AsyncConnection, guild_id: int) -> _GuildState:
    """The guild's time zone, settled quiz days and board version, in one statement.

    The state is worked out in Python from the statement's few rows; the same rows (no
    close, no new run) give the same state, which is then reused as it is.
    """
    runs = tuple(tuple(row) for row in await conn.execute(_GUILD_RUNS, {"guild_id": guild_id}))
    known: OrderedDict[int, tuple[Any, _GuildState]] = db.extras.setdefault(
        "guild_states", OrderedDict()
    )
    seen = known.get(guild_id)
    if seen is not None and seen[0] == runs:
        return seen[1]
    state = await _derive_state(conn, guild_id, runs)
    if not runs:
        return state  # the time zone then comes from another statement: read it anew
    known[guild_id] = (runs, state)
    known.move_to_end(guild_id)
    while len(known) > MAX_CACHED_STATES:
        known.popitem(last=False)
    return state


async def _derive_state(
    conn: AsyncConnection, guild_id: int, runs: tuple[tuple[Any, ...], ...]
) -> _GuildState:
    if not runs:
        zone = (
            await conn.execute(_GUILD_ZONE, {"guild_id": guild_id})
        ).scalar_one_or_none() or "UTC"
        return _GuildState(timezone=zone, settled={}, version=(0, ""))
    zone = runs[0][6] or "UTC"
    closed = {row[0]: row for row in runs if row[1] == RunStatus.CLOSED.value}
    first_open = {row[0]: _aware(row[4]) for row in runs if row[1] == RunStatus.OPEN.value}
    settled: dict[int, dt.date] = {}
    for channel_id, row in closed.items():
        channel_zone = row[7] or zone
        weekdays = mask_to_weekdays(row[8]) if row[8] else ALL_DAYS
        schedule = Schedule(dt.time(0), channel_zone, weekdays)
        day: dt.date | None = local_day(_aware(row[3]), channel_zone)
        if day is not None and not is_quiz_day(schedule, day):
            # An extra quiz on a day off never breaks a streak.
            day = previous_quiz_day(schedule, day)
        opened = first_open.get(channel_id)
        if day is not None and opened is not None and local_day(opened, channel_zone) <= day:
            # That day still has an open run: members can still keep their streak.
            day = previous_quiz_day(schedule, day)
        if day is not None:
            settled[channel_id] = day
    closes = sum(row[2] for row in closed.values())
    latest = max((str(_aware(row[5])) for row in closed.values()), default="")
    return _GuildState(timezone=zone, settled=settled, version=(closes, latest))


def _lost(settled: Mapping[int, dt.date]) -> list[ColumnElement[bool]]:
    return [
        and_(Member.streak_channel_id == channel, Member.last_quiz_day < literal(day, Date()))
        for channel, day in sorted(settled.items())
    ]


def _shown_streak(settled: Mapping[int, dt.date]) -> ColumnElement[int]:
    """SQL for the displayed current streak (0 once a settled quiz day was missed)."""
    lost = _lost(settled)
    if not lost:
        return Member.current_streak
    return case((or_(*lost), 0), else_=Member.current_streak)


# ------------------------------------------------------------------------ the boards


@dataclass(slots=True)
class _Board:
    """A board as its distinct values, best first, and how many members are ahead of each.

    ``keys`` are the negated values (ascending, for bisect); ``ahead[i]`` is how many
    members have a better value than ``values[i]``; ``ahead[-1]`` is everyone. A board
    of 100,000 members holds a few hundred values, whatever the member count.
    """

    values: tuple[Any, ...]
    keys: array[float]
    ahead: array[int]
    #: Per value (its index): member ids seen at positions within it, as sorted
    #: positions and the member at each, so a later page there seeks instead of walking.
    anchors: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)
    #: Whether every :data:`ANCHOR_STEP`-th member of every value is among the anchors.
    mapped: bool = False

    @property
    def total(self) -> int:
        """How many members are on the board."""
        return self.ahead[-1]

    def rank_of(self, value: float) -> int:
        """Competition rank of ``value``: 1 + how many members have a better value."""
        return self.ahead[bisect.bisect_left(self.keys, -float(value))] + 1

    def span(self, offset: int, size: int) -> tuple[list[Any], int]:
        """The values held by positions ``offset`` to ``offset + size - 1``, and how many
        members of the first of them come before ``offset`` (listed by member id)."""
        first = bisect.bisect_right(self.ahead, offset) - 1
        values = []
        index = first
        while index < len(self.values) and self.ahead[index] < offset + size:
            values.append(self.values[index])
            index += 1
        return values, offset - self.ahead[first]

    def anchor(self, value_index: int, skip: int) -> tuple[int, int | None]:
        """The nearest known position at or before ``skip`` within a value, and its member."""
        known = self.anchors.get(value_index)
        if known is None:
            return 0, None
        at = bisect.bisect_right(known[0], skip) - 1
        return (known[0][at], known[1][at]) if at >= 0 else (0, None)

    def remember(self, value_index: int, position: int, member_id: int) -> None:
        """Note that ``member_id`` is at ``position`` within a value (a later page's anchor)."""
        positions, members = self.anchors.setdefault(value_index, ([], []))
        at = bisect.bisect_left(positions, position)
        if at < len(positions) and positions[at] == position:
            return
        if len(positions) >= MAX_ANCHORS_PER_VALUE:
            return  # bounded memory: later pages of this value walk from the nearest
        positions.insert(at, position)
        members.insert(at, member_id)

    def index_of(self, offset: int) -> int:
        """The index of the value at position ``offset`` of the board."""
        return bisect.bisect_right(self.ahead, offset) - 1


@dataclass(frozen=True, slots=True)
class _Query:
    base: Select[Any]  # the board's rows, joined with the members' names and streaks
    ranking: Select[Any]  # the same rows, from the board's covering index alone
    value: ColumnElement[Any]
    member: ColumnElement[int]
    columns: tuple[ColumnElement[Any], ...]
    #: Whether ranking reads two tables (walking a value's members is then costly).
    joined: bool
    #: The page statements built so far, by shape (see :func:`_page_statement`).
    pages: dict[tuple[bool, bool, bool], Select[Any]] = field(default_factory=dict)


def _cached_query(
    db: Database,
    guild_id: int,
    period: str,
    metric: str,
    start: dt.date | None,
    state: _GuildState,
    minimum: int,
) -> _Query:
    """:func:`_query`, built once per board and guild state (statements are immutable)."""
    key = (guild_id, period, metric, start, tuple(sorted(state.settled.items())), minimum)
    cache: OrderedDict[tuple[Any, ...], _Query] = db.extras.setdefault(
        "board_queries", OrderedDict()
    )
    query = cache.get(key)
    if query is None:
        query = cache[key] = _query(guild_id, period, metric, start, state, minimum)
        while len(cache) > MAX_CACHED_BOARDS:
            cache.popitem(last=False)
    cache.move_to_end(key)
    return query


def _query(
    guild_id: int, period: str, metric: str, start: dt.date | None, state: _GuildState, minimum: int
) -> _Query:
    shown = _shown_streak(state.settled)
    if period == "all":
        points, answered, correct, ratio = (
            Member.points,
            Member.answered,
            Member.correct,
            Member.accuracy,
        )
        member: Any = Member.member_id
        base = select().select_from(Member).where(Member.guild_id == guild_id)
    else:
        points, answered, correct, ratio = (
            MemberPeriod.points,
            MemberPeriod.answered,
            MemberPeriod.correct,
            MemberPeriod.accuracy,
        )
        member = MemberPeriod.member_id
        period_rows = (
            MemberPeriod.guild_id == guild_id,
            MemberPeriod.period_kind == period,
            MemberPeriod.period_start == start,
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
            .where(*period_rows)
        )
    value: ColumnElement[Any]
    if metric in ("points", "accuracy"):
        value = points if metric == "points" else ratio
        enough = answered > 0 if metric == "points" else answered >= max(1, minimum)
        base = base.where(enough)
        if period == "all":
            ranking = base
        else:
            ranking = select().select_from(MemberPeriod).where(*period_rows, enough)
    else:
        value = Member.current_streak
        lost = _lost(state.settled)
        alive = [not_(or_(*lost))] if lost else []
        base = base.where(answered > 0, Member.current_streak > 0, *alive)
        ranking = base
        # Walk the streak index in its own member order (the same member in a period).
        member = Member.member_id
    columns = (
        member.label("member_id"),
        Member.display_name,
        points.label("points"),
        answered.label("answered"),
        correct.label("correct"),
        ratio.label("accuracy"),
        shown.label("current_streak"),
        Member.best_streak,
        value.label("value"),
    )
    return _Query(
        base=base,
        ranking=ranking,
        value=value,
        member=member,
        columns=columns,
        joined=metric == "streak" and period != "all",
    )


async def _board(
    db: Database, conn: AsyncConnection, key: tuple[Any, ...], query: _Query
) -> _Board:
    cache: OrderedDict[tuple[Any, ...], _Board] = db.extras.setdefault("boards", OrderedDict())
    board = cache.get(key)
    if board is not None:
        cache.move_to_end(key)
        return board
    # One build per board: readers arriving meanwhile wait for it instead of scanning too.
    building: dict[tuple[Any, ...], asyncio.Lock] = db.extras.setdefault("board_builds", {})
    lock = building.setdefault(key, asyncio.Lock())
    try:
        async with lock:
            board = cache.get(key)
            if board is None:
                board = await _build(conn, query)
                cache[key] = board
                while len(cache) > MAX_CACHED_BOARDS:
                    cache.popitem(last=False)
    finally:
        if not lock.locked() and building.get(key) is lock:
            del building[key]
    cache.move_to_end(key)
    return board


async def _build(conn: AsyncConnection, query: _Query) -> _Board:
    """Count the members per value, in one aggregate over the board's covering index.

    The database does the scan (SQLite in its own thread, PostgreSQL on the server);
    the event loop only receives one row per distinct value, so a rebuild after a close
    never holds it for long, however many members the guild has.
    """
    found = await conn.execute(
        query.ranking.with_only_columns(query.value, func.count())
        .group_by(query.value)
        .order_by(query.value.desc())
    )
    values: list[Any] = []
    keys: array[float] = array("d")
    ahead: array[int] = array("q", [0])
    for value, count in found:
        values.append(value)
        keys.append(-float(value))
        ahead.append(ahead[-1] + count)
    return _Board(values=tuple(values), keys=keys, ahead=ahead)


async def _map(conn: AsyncConnection, query: _Query, board: _Board) -> None:
    """Remember every :data:`ANCHOR_STEP`-th member of each value, in one statement.

    Once per board, on the first page read far from any known position of a board whose
    members are walked through a join: the database walks the board once (in its own
    thread or server), the event loop receives one row per step, and every later page
    of the board walks at most a step.
    """
    numbered = query.ranking.with_only_columns(
        query.value.label("value"),
        query.member.label("member_id"),
        func.row_number().over(partition_by=query.value, order_by=query.member).label("n"),
    ).subquery("numbered")
    found = await conn.execute(
        select(numbered.c.value, numbered.c.member_id, numbered.c.n).where(
            (numbered.c.n - 1) % ANCHOR_STEP == 0, numbered.c.n > 1
        )
    )
    index = {value: at for at, value in enumerate(board.values)}
    for value, member, n in found:
        at = index.get(value)
        if at is not None:
            board.remember(at, n - 1, member)
    board.mapped = True


def _page_statement(query: _Query, several: bool, anchored: bool, with_member: bool) -> Select[Any]:
    """The statement of a page of one shape, with parameters for what varies per read.

    ``first_ids``: the page's members holding its first value (an equality, so the index
    gives member order and the scan stops at the page), from ``anchor`` (a member id
    seen at a known position of that value) when ``anchored``, so a deep page seeks
    instead of walking the value's members. ``several``: the page spans more values,
    read by their range (the board's values are every value present, so the range
    between the second and the last holds exactly them). Then the shown rows (and the
    asking member's) come from primary-key lookups.
    """
    shape = (several, anchored, with_member)
    statement = query.pages.get(shape)
    if statement is not None:
        return statement
    ids = query.ranking.with_only_columns(query.member.label("member_id"))
    first = ids.where(query.value == bindparam("v0", type_=query.value.type))
    if anchored:
        first = first.where(query.member >= bindparam("anchor", type_=BigInteger()))
    first_ids = (
        first.order_by(query.value.desc(), query.member)
        .offset(bindparam("skip", type_=Integer()))
        .limit(bindparam("size", type_=Integer()))
        .subquery("first_ids")
    )
    on_page = literal(True).label("on_page")
    parts: list[Select[Any]] = [select(first_ids.c.member_id, on_page)]
    if several:
        rest_ids = (
            ids.where(
                query.value.between(
                    bindparam("v_last", type_=query.value.type),
                    bindparam("v1", type_=query.value.type),
                )
            )
            .order_by(query.value.desc(), query.member)
            .limit(bindparam("rest", type_=Integer()))
            .subquery("rest_ids")
        )
        parts.append(select(rest_ids.c.member_id, on_page))
    if with_member:
        parts.append(
            select(
                bindparam("me", type_=BigInteger()).label("member_id"),
                literal(False).label("on_page"),
            )
        )
    # A join with the (at most page size + 1) wanted ids: primary-key lookups on both
    # databases, where an OR of IN-subqueries would make PostgreSQL scan the guild.
    wanted = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery("wanted")
    statement = query.base.with_only_columns(*query.columns, wanted.c.on_page).join(
        wanted, query.member == wanted.c.member_id
    )
    query.pages[shape] = statement
    return statement


async def _page(
    conn: AsyncConnection,
    query: _Query,
    board: _Board,
    offset: int,
    size: int,
    member_id: int | None,
) -> tuple[list[Mapping[str, Any]], Mapping[str, Any] | None]:
    """The rows at positions ``offset`` onwards, in rank order, and ``member_id``'s row.

    One statement (:func:`_page_statement`). The first member of each page read is
    remembered with its position, so the same page, the next one or any later page of
    that value seeks from there instead of walking every member before it.
    """
    values, skip = board.span(offset, size)
    if not values and member_id is None:
        return [], None
    params: dict[str, Any] = {}
    anchored = False
    first = board.index_of(offset)
    if values:
        position, anchor = board.anchor(first, skip)
        if query.joined and not board.mapped and skip - position > DEEP_WALK:
            await _map(conn, query, board)
            position, anchor = board.anchor(first, skip)
        anchored = anchor is not None
        params.update(v0=values[0], skip=skip - position, size=size)
        if anchored:
            params["anchor"] = anchor
        if len(values) > 1:
            left_in_first = board.ahead[first + 1] - offset
            params.update(v1=values[1], v_last=values[-1], rest=size - left_in_first)
    else:
        # No page (an empty board): only the asking member's row, from an empty page.
        params.update(v0=0, skip=0, size=0)
    if member_id is not None:
        params["me"] = member_id
    statement = _page_statement(query, len(values) > 1, anchored, member_id is not None)
    rows = (await conn.execute(statement, params)).mappings().all()
    page = sorted((r for r in rows if r["on_page"]), key=lambda r: (-r["value"], r["member_id"]))
    me = next((r for r in rows if r["member_id"] == member_id), None)
    if page and skip > 0:
        board.remember(first, skip, page[0]["member_id"])
    return page, me


def _totals(row: Mapping[str, Any]) -> dict[str, Any]:
    """The totals a board row and a member's stats share, from a ``members`` row.

    ``current_streak`` is the displayed streak (0 once a settled quiz day was missed).
    """
    return {
        "member_id": row["member_id"],
        "display_name": row["display_name"],
        "points": row["points"],
        "answered": row["answered"],
        "correct": row["correct"],
        "accuracy": float(row["accuracy"]),
        "current_streak": int(row["current_streak"]),
        "best_streak": row["best_streak"],
    }


def _row(rank: int, row: Mapping[str, Any]) -> LeaderboardRow:
    return LeaderboardRow(rank=rank, **_totals(row))


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

    ``period`` is ``all``, ``week`` (the current local week, from Monday) or ``month``
    in the guild's time zone; ``metric`` is ``points``, ``streak`` (running streaks
    only) or ``accuracy`` (members with at least ``min_answers`` answers in the
    period). Only members with a scored answer appear.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; expected one of {', '.join(METRICS)}")
    page_size = max(1, page_size)
    async with db.read() as conn:
        state = await _guild_state(db, conn, guild_id)
        start = period_start(period, local_day(now, state.timezone)) if period != "all" else None
        query = _cached_query(db, guild_id, period, metric, start, state, min_answers)
        minimum = min_answers if metric == "accuracy" else None
        # Streak boards also depend on which quiz days are settled (open runs move it).
        settled = tuple(sorted(state.settled.items())) if metric == "streak" else ()
        key = (guild_id, period, start, metric, minimum, state.version, settled)
        board = await _board(db, conn, key, query)
        total = board.total
        pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), pages)
        offset = (page - 1) * page_size
        shown, mine = await _page(conn, query, board, offset, page_size, member_id)
    rows = [_row(board.rank_of(row["value"]), row) for row in shown]
    me = _row(board.rank_of(mine["value"]), mine) if mine is not None else None
    return LeaderboardPage(
        period=period,
        metric=metric,
        page=page,
        pages=pages,
        total_members=total,
        rows=rows,
        me=me,
    )


_MEMBER = bindparam("member_id", type_=BigInteger())
_CHAPTERS = (
    select(
        QuestionRow.chapter.label("chapter_number"),
        QuestionRow.chapter_title.label("chapter_title"),
        func.count().label("chapter_answered"),
        func.sum(case((Answer.correct, 1), else_=0)).label("chapter_correct"),
    )
    .select_from(Answer)
    .join(QuizRun, QuizRun.id == Answer.run_id)
    .join(QuestionRow, QuestionRow.id == QuizRun.question_id)
    .where(
        Answer.guild_id == _GUILD,
        Answer.member_id == _MEMBER,
        QuizRun.status == RunStatus.CLOSED.value,
    )
    .group_by(QuestionRow.chapter, QuestionRow.chapter_title)
    .subquery("chapters")
)
#: Built once: a member's totals with one row per chapter answered (closed runs only),
#: or one row without a chapter when there is none.
_MEMBER_STATS = (
    select(Member.__table__, _CHAPTERS)
    .select_from(Member.__table__.outerjoin(_CHAPTERS, true()))
    .where(Member.guild_id == _GUILD, Member.member_id == _MEMBER)
)


def _shown_streak_of(row: Mapping[str, Any], settled: Mapping[int, dt.date]) -> int:
    """The displayed current streak of a ``members`` row, as :func:`_shown_streak` in SQL."""
    day = settled.get(row["streak_channel_id"])
    last = row["last_quiz_day"]
    if day is not None and last is not None and last < day:
        return 0
    return int(row["current_streak"])


async def member_stats(
    db: Database, *, guild_id: int, member_id: int, now: dt.datetime
) -> MemberStats | None:
    """A member's totals, streaks, points rank and answers per chapter (closed runs only)."""
    async with db.read() as conn:
        state = await _guild_state(db, conn, guild_id)
        found = await conn.execute(_MEMBER_STATS, {"guild_id": guild_id, "member_id": member_id})
        rows = found.mappings().all()
        if not rows:
            return None
        row = {**rows[0], "current_streak": _shown_streak_of(rows[0], state.settled)}
        rank = None
        if row["answered"] > 0:
            query = _cached_query(db, guild_id, "all", "points", None, state, 0)
            key = (guild_id, "all", None, "points", None, state.version, ())
            rank = (await _board(db, conn, key, query)).rank_of(row["points"])
    per_chapter = sorted(
        (
            ChapterStats(
                chapter=r["chapter_number"],
                title=r["chapter_title"],
                answered=r["chapter_answered"],
                correct=int(r["chapter_correct"] or 0),
            )
            for r in rows
            if r["chapter_answered"] is not None
        ),
        key=lambda s: (s.chapter is None, s.chapter or 0, s.title),
    )
    return MemberStats(**_totals(row), rank=rank, chapters=per_chapter)
