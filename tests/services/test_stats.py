"""Leaderboards and member stats: periods, metrics, ties, paging, own row, guild isolation."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import insert

from bot.core.schedule import Schedule, slot_on
from bot.db import Database
from bot.db.models import Member, MemberPeriod
from bot.services import runs, schedules, stats
from tests.db.conftest import DatabaseFactory

GUILD, OTHER = 1, 2
CHANNEL, OTHER_CHANNEL = 10, 20
SEOUL = Schedule(dt.time(9, 0), "Asia/Seoul", frozenset(range(5)), dt.timedelta(hours=12))
WINDOW_HALF = dt.timedelta(hours=6)  # answers this late earn no speed bonus: points are 10


async def _play(
    db: Database,
    day: dt.date,
    answers: dict[int, bool],
    *,
    guild: int = GUILD,
    channel: int = CHANNEL,
) -> None:
    """One run on ``day`` in which each member answers right (True) or wrong (False)."""
    slot = slot_on(SEOUL, day)
    run, _ = await runs.claim_run(db, guild_id=guild, channel_id=channel, slot=slot, now=slot)
    for member, right in answers.items():
        choice = run.question.answer if right else "Nope"
        await runs.record_answer(
            db,
            run_id=run.id,
            member_id=member,
            display_name=f"member {member}",
            choice=choice,
            at=slot + WINDOW_HALF,
        )
    assert await runs.close_run(db, run_id=run.id, at=run.closes_at) is not None


@pytest.fixture
async def league(stocked: Database) -> Database:
    """Twelve members over two Mon–Fri weeks: member m is right on the first m quiz days."""
    await schedules.configure_channel(stocked, guild_id=GUILD, channel_id=CHANNEL, schedule=SEOUL)
    await schedules.configure_channel(
        stocked, guild_id=OTHER, channel_id=OTHER_CHANNEL, schedule=SEOUL
    )
    days = [dt.date(2026, 3, 16) + dt.timedelta(days=i) for i in range(14)]
    quiz_days = [d for d in days if d.weekday() < 5]  # 10 days: Mar 16-20 and 23-27
    for index, day in enumerate(quiz_days):
        await _play(stocked, day, {m: index < m for m in range(1, 13)})
    await _play(stocked, quiz_days[-1], {99: True}, guild=OTHER, channel=OTHER_CHANNEL)
    return stocked


NOW = dt.datetime(2026, 3, 27, 23, 0, tzinfo=dt.UTC)  # Saturday morning in Seoul


async def test_points_board_ranks_ties_together_and_pages(league: Database) -> None:
    """Equal scores share a rank (listed by member id); pages hold page_size rows."""
    first = await stats.leaderboard(league, guild_id=GUILD, page_size=5, now=NOW)
    assert (first.total_members, first.pages) == (12, 3)
    # members 10, 11, 12 all answered all 10 days right: 100 points each, rank 1.
    assert [(r.rank, r.member_id, r.points) for r in first.rows] == [
        (1, 10, 100),
        (1, 11, 100),
        (1, 12, 100),
        (4, 9, 90),
        (5, 8, 80),
    ]
    second = await stats.leaderboard(league, guild_id=GUILD, page=2, page_size=5, now=NOW)
    assert [(r.rank, r.member_id) for r in second.rows] == [(6, 7), (7, 6), (8, 5), (9, 4), (10, 3)]
    beyond = await stats.leaderboard(league, guild_id=GUILD, page=9, page_size=5, now=NOW)
    assert beyond.page == 3
    assert [r.member_id for r in beyond.rows] == [2, 1]


async def test_own_row_is_shown_even_off_the_page(league: Database) -> None:
    """The asking member sees their own rank below the top of the board."""
    board = await stats.leaderboard(league, guild_id=GUILD, page_size=3, member_id=1, now=NOW)
    assert board.me is not None
    assert (board.me.rank, board.me.points, board.me.answered) == (12, 10, 10)
    outsider = await stats.leaderboard(league, guild_id=GUILD, member_id=99, now=NOW)
    assert outsider.me is None


async def test_guilds_never_see_each_other(league: Database) -> None:
    """A member of another server is not on this server's board and vice versa."""
    mine = await stats.leaderboard(league, guild_id=GUILD, page_size=50, now=NOW)
    theirs = await stats.leaderboard(league, guild_id=OTHER, page_size=50, now=NOW)
    assert 99 not in {r.member_id for r in mine.rows}
    assert [r.member_id for r in theirs.rows] == [99]


async def test_week_and_month_boards_use_the_local_calendar(league: Database) -> None:
    """This week's board counts only this (Seoul) week's answers; the month counts March."""
    week = await stats.leaderboard(league, guild_id=GUILD, period="week", page_size=20, now=NOW)
    by_member = {r.member_id: r for r in week.rows}
    # second week: days with index 5..9; member m is right on days < m.
    assert by_member[12].points == 50
    assert by_member[7].points == 20
    assert by_member[3].points == 0
    assert by_member[3].answered == 5
    month = await stats.leaderboard(league, guild_id=GUILD, period="month", now=NOW)
    assert month.rows[0].points == 100
    april = await stats.leaderboard(
        league, guild_id=GUILD, period="month", now=NOW + dt.timedelta(days=7)
    )
    assert (april.total_members, april.rows) == (0, [])


async def test_accuracy_board_needs_enough_answers(league: Database) -> None:
    """Accuracy ranks only members with at least the minimum number of answers."""
    board = await stats.leaderboard(league, guild_id=GUILD, metric="accuracy", now=NOW)
    assert board.total_members == 12
    assert [r.accuracy for r in board.rows[:4]] == [1.0, 1.0, 1.0, 0.9]
    strict = await stats.leaderboard(
        league, guild_id=GUILD, metric="accuracy", min_answers=11, now=NOW
    )
    assert strict.total_members == 0
    week = await stats.leaderboard(
        league, guild_id=GUILD, period="week", metric="accuracy", min_answers=5, now=NOW
    )
    assert week.rows[0].accuracy == 1.0


async def test_streak_board_lists_running_streaks(league: Database) -> None:
    """Only members whose streak is still alive are on the streak board, longest first."""
    board = await stats.leaderboard(league, guild_id=GUILD, metric="streak", page_size=20, now=NOW)
    # Members 10-12 were right every day; members below 10 missed the last day.
    assert [(r.member_id, r.current_streak) for r in board.rows] == [(10, 10), (11, 10), (12, 10)]
    me = await stats.member_stats(league, guild_id=GUILD, member_id=5, now=NOW)
    assert me is not None
    assert (me.current_streak, me.best_streak) == (0, 5)


async def test_member_stats_count_answers_per_chapter(league: Database) -> None:
    """/stats shows totals, rank and how a member did in each chapter."""
    me = await stats.member_stats(league, guild_id=GUILD, member_id=12, now=NOW)
    assert me is not None
    assert (me.points, me.answered, me.correct, me.rank) == (100, 10, 10, 1)
    assert sum(c.answered for c in me.chapters) == 10
    assert all(c.title.startswith("Chapter") for c in me.chapters)
    assert await stats.member_stats(league, guild_id=OTHER, member_id=12, now=NOW) is None


async def test_unknown_period_or_metric_is_refused(league: Database) -> None:
    """A typo in the period or metric gives a message naming the valid choices."""
    with pytest.raises(ValueError, match="week"):
        await stats.leaderboard(league, guild_id=GUILD, period="year", now=NOW)
    with pytest.raises(ValueError, match="accuracy"):
        await stats.leaderboard(league, guild_id=GUILD, metric="speed", now=NOW)


async def test_board_follows_closes_made_by_another_process(
    league: Database, make_db: DatabaseFactory
) -> None:
    """A leaderboard read again after another bot process closed a quiz shows the new scores."""
    before = await stats.leaderboard(league, guild_id=GUILD, member_id=1, now=NOW)
    assert before.me is not None
    assert before.me.rank == 12
    other = make_db()
    monday = dt.date(2026, 3, 30)
    for _ in range(2):
        await _play(other, monday, {1: True}, channel=CHANNEL + 1)
        monday += dt.timedelta(days=1)
    after = await stats.leaderboard(league, guild_id=GUILD, member_id=1, now=NOW)
    assert after.me is not None
    assert (after.me.points, after.me.rank) == (before.me.points + 20, 10)


@pytest.mark.parametrize("metric", ["points", "accuracy"])
async def test_paging_through_a_board_with_many_ties_lists_everyone_in_rank_order(
    db: Database, metric: str
) -> None:
    """Every page, and each member's own row, agree with a ranking done by hand."""
    rng = random.Random(11)
    totals = []
    for member in range(1, 241):
        answered = rng.randint(1, 9)
        correct = rng.randint(0, answered)
        totals.append(
            {
                "guild_id": GUILD,
                "member_id": member,
                "display_name": f"member {member}",
                "points": correct * 10 + rng.choice([0, 0, 3, 5]) * min(correct, 1),
                "answered": answered,
                "correct": correct,
                "accuracy": correct / answered,
            }
        )
    stranger = {**totals[0], "guild_id": OTHER, "member_id": 999, "points": 10_000}
    async with db.write() as conn:
        await conn.execute(insert(Member), [*totals, stranger])
    listed = [t for t in totals if metric == "points" or t["answered"] >= 5]
    value = {t["member_id"]: t[metric] for t in listed}
    expected = [
        (1 + sum(v > value[m] for v in value.values()), m)
        for m in sorted(value, key=lambda m: (-value[m], m))
    ]
    seen = []
    page = 1
    while True:
        board = await stats.leaderboard(
            db, guild_id=GUILD, metric=metric, page=page, page_size=7, member_id=page, now=NOW
        )
        seen += [(row.rank, row.member_id) for row in board.rows]
        mine = next((e for e in expected if e[1] == page), None)
        assert ((board.me.rank, board.me.member_id) if board.me else None) == mine
        if page == board.pages:
            break
        page += 1
    assert board.total_members == len(expected)
    assert seen == expected


async def test_pages_read_in_any_order_and_again_list_the_same_members(db: Database) -> None:
    """Jumping between deep pages of large ties, back and forth and twice, shows the right rows."""
    rng = random.Random(23)
    totals = [
        {
            "guild_id": GUILD,
            "member_id": member,
            "display_name": f"member {member}",
            "points": rng.choice([10, 20, 20, 30, 30, 30]),
            "answered": 3,
            "correct": 1,
            "accuracy": 1 / 3,
        }
        for member in rng.sample(range(1, 10_000), 300)
    ]
    async with db.write() as conn:
        await conn.execute(insert(Member), totals)
    points = {t["member_id"]: t["points"] for t in totals}
    ranked = [
        (1 + sum(v > points[m] for v in points.values()), m)
        for m in sorted(points, key=lambda m: (-points[m], m))
    ]
    size = 7
    pages = -(-len(ranked) // size)
    order = list(range(1, pages + 1))
    rng.shuffle(order)
    for page in [*order, *reversed(order), *order]:
        board = await stats.leaderboard(
            db, guild_id=GUILD, page=page, page_size=size, member_id=ranked[-1][1], now=NOW
        )
        shown = [(row.rank, row.member_id) for row in board.rows]
        assert shown == ranked[(page - 1) * size : page * size], f"page {page}"
        assert board.me is not None
        assert (board.me.rank, board.me.member_id) == ranked[-1]


async def test_deep_pages_of_a_week_streak_board_with_large_ties_are_right(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Week streak pages, read in any order, list the week's running streaks ranked by hand."""
    monkeypatch.setattr(stats, "DEEP_WALK", 2)  # map the board after a short walk
    monkeypatch.setattr(stats, "ANCHOR_STEP", 3)
    rng = random.Random(31)
    members = rng.sample(range(1, 10_000), 400)
    streak = {m: rng.choice([0, 1, 2, 2, 3, 3, 3]) for m in members}
    this_week = {m for m in members if rng.random() < 0.4}
    async with db.write() as conn:
        await conn.execute(
            insert(Member),
            [
                {
                    "guild_id": GUILD,
                    "member_id": m,
                    "display_name": f"member {m}",
                    "points": 10,
                    "answered": 1,
                    "correct": 1,
                    "accuracy": 1.0,
                    "current_streak": streak[m],
                    "best_streak": streak[m],
                }
                for m in members
            ],
        )
        await conn.execute(
            insert(MemberPeriod),
            [
                {
                    "guild_id": GUILD,
                    "period_kind": "week",
                    "period_start": dt.date(2026, 3, 23),  # the Monday of NOW's week (UTC)
                    "member_id": m,
                    "points": 10,
                    "answered": 1,
                    "correct": 1,
                    "accuracy": 1.0,
                }
                for m in this_week
            ],
        )
    listed = {m: streak[m] for m in this_week if streak[m] > 0}
    ranked = [
        (1 + sum(v > listed[m] for v in listed.values()), m)
        for m in sorted(listed, key=lambda m: (-listed[m], m))
    ]
    size = 5
    order = list(range(1, -(-len(ranked) // size) + 1))
    rng.shuffle(order)
    for page in [*order, *order]:
        board = await stats.leaderboard(
            db, guild_id=GUILD, period="week", metric="streak", page=page, page_size=size, now=NOW
        )
        assert board.total_members == len(ranked)
        shown = [(row.rank, row.member_id) for row in board.rows]
        assert shown == ranked[(page - 1) * size : page * size], f"page {page}"
