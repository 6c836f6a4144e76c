"""Quiz runs: claiming slots, answering, closing exactly once, points and streaks."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import replace

import pytest

from bot.core.errors import NoQuestions
from bot.core.model import Source
from bot.core.schedule import Schedule, slot_on
from bot.core.scoring import BASE_POINTS, MAX_SPEED_BONUS
from bot.db import Database
from bot.services import runs, schedules, stats
from bot.services.catalogue import sync_catalogue
from bot.services.types import AnswerStatus, RunStatus
from tests.db.conftest import DatabaseFactory
from tests.services.conftest import question

UTC = dt.UTC
GUILD, CHANNEL = 100, 200
SLOT = dt.datetime(2026, 3, 23, 0, 0, tzinfo=UTC)  # 09:00 in Seoul, a Monday
SEOUL = Schedule(dt.time(9, 0), "Asia/Seoul", frozenset(range(5)), dt.timedelta(hours=12))


async def _claim(db: Database, slot: dt.datetime = SLOT, seq: int = 0) -> runs.RunView:
    run, _ = await runs.claim_run(
        db, guild_id=GUILD, channel_id=CHANNEL, slot=slot, seq=seq, now=slot
    )
    return run


async def _answer(
    db: Database, run_id: int, member: int, choice: str, at: dt.datetime
) -> runs.AnswerResult:
    return await runs.record_answer(
        db, run_id=run_id, member_id=member, display_name=f"m{member}", choice=choice, at=at
    )


async def test_claim_returns_the_same_run_for_the_same_slot(stocked: Database) -> None:
    """Posting a slot twice (a restart) reuses the first run instead of asking again."""
    first, created = await runs.claim_run(
        stocked, guild_id=GUILD, channel_id=CHANNEL, slot=SLOT, now=SLOT
    )
    again, created_again = await runs.claim_run(
        stocked, guild_id=GUILD, channel_id=CHANNEL, slot=SLOT, now=SLOT
    )
    assert (created, created_again) == (True, False)
    assert again == first
    assert first.status is RunStatus.OPEN
    assert first.closes_at == SLOT + dt.timedelta(hours=12)


async def test_two_processes_racing_for_a_slot_create_one_run(
    make_db: DatabaseFactory,
) -> None:
    """Two bot processes on one database post a scheduled slot exactly once."""
    first, second = make_db(), make_db()
    await first.upgrade()
    await sync_catalogue(first, [question(f"q{i}") for i in range(5)])
    for _ in range(5):
        results = await asyncio.gather(
            *(
                runs.claim_run(database, guild_id=GUILD, channel_id=CHANNEL, slot=SLOT, now=SLOT)
                for database in (first, second, first, second)
            )
        )
        assert sum(created for _, created in results) <= 1
        assert len({run.id for run, _ in results}) == 1
    assert len(await runs.open_runs(first)) == 1


async def test_two_processes_closing_and_clicking_count_everything_once(
    make_db: DatabaseFactory,
) -> None:
    """Two bot processes: a double click through both is stored once, the close scores once."""
    first, second = make_db(), make_db()
    await first.upgrade()
    await sync_catalogue(first, [question("q1")])
    run, _ = await runs.claim_run(first, guild_id=GUILD, channel_id=CHANNEL, slot=SLOT, now=SLOT)
    answer = run.question.answer
    clicks = await asyncio.gather(
        *(
            _answer(database, run.id, member, answer, run.opened_at + dt.timedelta(seconds=1))
            for member in range(20)
            for database in (first, second)
        )
    )
    statuses = [click.status for click in clicks]
    assert statuses.count(AnswerStatus.CORRECT) == 20
    assert statuses.count(AnswerStatus.ALREADY_ANSWERED) == 20
    reveals = await asyncio.gather(
        runs.close_run(first, run_id=run.id, at=run.closes_at),
        runs.close_run(second, run_id=run.id, at=run.closes_at),
    )
    assert sum(reveal is not None for reveal in reveals) == 1
    board = await stats.leaderboard(second, guild_id=GUILD, page_size=50, now=run.closes_at)
    assert board.total_members == 20
    assert {(row.answered, row.correct, row.points) for row in board.rows} == {
        (1, 1, BASE_POINTS + MAX_SPEED_BONUS)
    }


async def test_new_questions_come_before_repeats_then_most_missed(stocked: Database) -> None:
    """A channel is not asked the same question twice until its pool is used up."""
    await schedules.configure_channel(stocked, guild_id=GUILD, channel_id=CHANNEL, schedule=SEOUL)
    await schedules.set_chapters(stocked, guild_id=GUILD, channel_id=CHANNEL, chapters=(2,))
    asked = []
    for day in range(3):
        run = await _claim(stocked, SLOT + dt.timedelta(days=day))
        asked.append(run.question.id)
        if run.question.id == "c2q1":
            await _answer(stocked, run.id, 1, "Node", run.opened_at)  # the group misses this one
        else:
            await _answer(stocked, run.id, 1, "Pod", run.opened_at)
        await runs.close_run(stocked, run_id=run.id, at=run.closes_at)
    assert sorted(asked) == ["c2q0", "c2q1", "c2q2"]
    pool = await runs.question_pool(stocked, guild_id=GUILD, channel_id=CHANNEL)
    assert (pool.total, pool.unasked, pool.chapters) == (3, 0, (2,))
    repeat = await _claim(stocked, SLOT + dt.timedelta(days=3))
    assert repeat.question.id == "c2q1"


async def test_every_term_is_asked_once_before_a_second_question_on_it(db: Database) -> None:
    """Two questions on one note line are not asked back to back while other lines wait."""
    on_line = {"pods": 10, "nodes": 20, "services": 30}
    await sync_catalogue(
        db,
        [
            replace(question(f"{term}-{kind}"), source=Source("notes/k8s.md", line))
            for term, line in on_line.items()
            for kind in ("term", "definition", "true-false")
        ],
    )
    await schedules.configure_channel(db, guild_id=GUILD, channel_id=CHANNEL, schedule=SEOUL)
    asked = [(await _claim(db, SLOT + dt.timedelta(days=day))).question for day in range(6)]
    lines = [q.source.line for q in asked]
    assert sorted(lines[:3]) == [10, 20, 30]  # every line once first
    assert sorted(lines[3:]) == [10, 20, 30]  # then every line a second time
    assert len({q.id for q in asked}) == 6


async def test_an_empty_scope_says_there_is_nothing_to_ask(stocked: Database) -> None:
    """Choosing a chapter without questions gives a clear NoQuestions error."""
    await schedules.configure_channel(stocked, guild_id=GUILD, channel_id=CHANNEL, schedule=SEOUL)
    await schedules.set_chapters(stocked, guild_id=GUILD, channel_id=CHANNEL, chapters=(9,))
    with pytest.raises(NoQuestions, match="no questions"):
        await _claim(stocked)


async def test_every_answer_status(stocked: Database) -> None:
    """Right, wrong, second, late and missing-run clicks each get their own answer."""
    run = await _claim(stocked)
    at = run.opened_at + dt.timedelta(minutes=1)
    right = await _answer(stocked, run.id, 1, run.question.answer, at)
    wrong = await _answer(stocked, run.id, 2, "Node", at)
    again = await _answer(stocked, run.id, 1, "Node", at)
    late = await _answer(stocked, run.id, 3, run.question.answer, run.closes_at)
    missing = await _answer(stocked, 999_999, 1, "Pod", at)
    assert (right.status, right.choice) == (AnswerStatus.CORRECT, run.question.answer)
    assert (wrong.status, wrong.choice) == (AnswerStatus.WRONG, "Node")
    assert (again.status, again.choice) == (AnswerStatus.ALREADY_ANSWERED, run.question.answer)
    assert late.status is AnswerStatus.CLOSED
    assert (missing.status, missing.run) == (AnswerStatus.UNKNOWN_RUN, None)
    assert right.run is not None
    assert right.run.id == run.id
    await runs.close_run(stocked, run_id=run.id, at=run.closes_at)
    after = await _answer(stocked, run.id, 4, run.question.answer, at)
    assert after.status is AnswerStatus.CLOSED


async def test_typed_answers_are_matched_loosely(stocked: Database) -> None:
    """A typed answer with different case or spacing still counts as right."""
    await schedules.configure_channel(stocked, guild_id=GUILD, channel_id=CHANNEL, schedule=SEOUL)
    await sync_catalogue(stocked, [question("typed", typed=True, answer="Kubelet")])
    run = await _claim(stocked)
    assert run.question.choices is None
    ok = await _answer(stocked, run.id, 1, "  kubelet ", run.opened_at)
    bad = await _answer(stocked, run.id, 2, "scheduler", run.opened_at)
    assert (ok.status, bad.status) == (AnswerStatus.CORRECT, AnswerStatus.WRONG)


async def test_close_happens_exactly_once_and_reveals_everything(stocked: Database) -> None:
    """Two closers at once: one reveal, one None; points, counts and fastest are right."""
    run = await _claim(stocked)
    answer = run.question.answer
    await _answer(stocked, run.id, 1, answer, run.opened_at + dt.timedelta(seconds=30))
    await _answer(stocked, run.id, 2, answer, run.opened_at + dt.timedelta(hours=3))
    await _answer(stocked, run.id, 3, "Node", run.opened_at + dt.timedelta(seconds=5))
    await _answer(stocked, run.id, 1, "Node", run.opened_at + dt.timedelta(seconds=40))
    first, second = await asyncio.gather(
        runs.close_run(stocked, run_id=run.id, at=run.closes_at),
        runs.close_run(stocked, run_id=run.id, at=run.closes_at),
    )
    reveals = [r for r in (first, second) if r is not None]
    assert len(reveals) == 1
    reveal = reveals[0]
    assert reveal.run.status is RunStatus.CLOSED
    assert (reveal.answer, reveal.source) == (answer, run.question.source)
    assert reveal.counts == {answer: 2, "Node": 1, "Service": 0, "Volume": 0}
    assert [m.member_id for m in reveal.correct] == [1, 2]
    assert [m.member_id for m in reveal.wrong] == [3]
    assert reveal.fastest is not None
    assert reveal.fastest.member_id == 1
    assert reveal.fastest_seconds == pytest.approx(30.0)
    # 30 s of a 12 h window: nearly the full bonus; 3 h = a quarter: half the bonus (2.5 → 3).
    assert reveal.points == {1: BASE_POINTS + MAX_SPEED_BONUS, 2: BASE_POINTS + 3, 3: 0}
    assert await runs.close_run(stocked, run_id=run.id, at=run.closes_at) is None
    board = await stats.leaderboard(stocked, guild_id=GUILD, now=run.closes_at)
    assert [(r.member_id, r.points, r.answered, r.correct) for r in board.rows] == [
        (1, 15, 1, 1),
        (2, 13, 1, 1),
        (3, 0, 1, 0),
    ]


async def test_each_answer_keeps_the_points_it_earned(stocked: Database) -> None:
    """After the close every stored answer holds its points; they add up to the boards,
    the week's board and each member's stats, over two quizzes."""
    from sqlalchemy import select

    from bot.db.models import Answer

    earned: dict[int, int] = {}
    for day, slot in enumerate((SLOT, SLOT + dt.timedelta(days=1))):
        run = await _claim(stocked, slot)
        answer = run.question.answer
        await _answer(stocked, run.id, 1, answer, slot + dt.timedelta(seconds=30 + day))
        await _answer(stocked, run.id, 2, answer, slot + dt.timedelta(hours=3 + day))
        await _answer(stocked, run.id, 3, "Node", slot + dt.timedelta(seconds=5))
        reveal = await runs.close_run(stocked, run_id=run.id, at=run.closes_at)
        assert reveal is not None
        async with stocked.read() as conn:
            stored = dict(
                (
                    await conn.execute(
                        select(Answer.member_id, Answer.points).where(Answer.run_id == run.id)
                    )
                ).all()
            )
        assert stored == reveal.points
        for member, points in stored.items():
            earned[member] = earned.get(member, 0) + points
    assert earned == {1: 30, 2: 13 + 12, 3: 0}  # 3 h, then 4 h of the bonus's 6 h
    now = SLOT + dt.timedelta(days=2)
    for period in ("all", "week"):
        board = await stats.leaderboard(stocked, guild_id=GUILD, period=period, now=now)
        assert {r.member_id: r.points for r in board.rows} == earned
    for member, points in earned.items():
        me = await stats.member_stats(stocked, guild_id=GUILD, member_id=member, now=now)
        assert me is not None
        assert me.points == points


async def test_many_concurrent_answers_count_each_member_once(stocked: Database) -> None:
    """500 clicks at once from 200 members (with double clicks): each member counted once."""
    run = await _claim(stocked)
    answer = run.question.answer
    clicks = [(m, answer if m % 3 else "Node") for m in range(200)]
    clicks += [(m % 200, "Volume") for m in range(300)]  # second clicks by the same members
    results = await asyncio.gather(
        *(
            _answer(stocked, run.id, member, choice, run.opened_at + dt.timedelta(seconds=i))
            for i, (member, choice) in enumerate(clicks)
        )
    )
    statuses = [r.status for r in results]
    assert statuses.count(AnswerStatus.ALREADY_ANSWERED) == 300
    assert statuses.count(AnswerStatus.CORRECT) + statuses.count(AnswerStatus.WRONG) == 200
    reveal = await runs.close_run(stocked, run_id=run.id, at=run.closes_at)
    assert reveal is not None
    right = sum(1 for m in range(200) if m % 3)
    assert len(reveal.correct) == right
    assert len(reveal.wrong) == 200 - right
    assert sum(reveal.counts.values()) == 200
    board = await stats.leaderboard(stocked, guild_id=GUILD, page_size=500, now=run.closes_at)
    assert board.total_members == 200
    assert sum(r.answered for r in board.rows) == 200
    assert sum(r.correct for r in board.rows) == right


async def test_streak_survives_the_weekend_and_breaks_on_a_missed_day(stocked: Database) -> None:
    """Thu, Fri, Mon right is a 3-day streak (milestone); missing Tue shows 0 afterwards."""
    await schedules.configure_channel(stocked, guild_id=GUILD, channel_id=CHANNEL, schedule=SEOUL)
    days = [dt.date(2026, 3, 26), dt.date(2026, 3, 27), dt.date(2026, 3, 30)]
    milestones = []
    for day in days:
        run = await _claim(stocked, slot_on(SEOUL, day))
        await _answer(stocked, run.id, 1, run.question.answer, run.opened_at)
        reveal = await runs.close_run(stocked, run_id=run.id, at=run.closes_at)
        assert reveal is not None
        milestones += reveal.milestones
    assert [(m.member_id, n) for m, n in milestones] == [(1, 3)]
    me = await stats.member_stats(stocked, guild_id=GUILD, member_id=1, now=run.closes_at)
    assert me is not None
    assert (me.current_streak, me.best_streak) == (3, 3)
    tuesday = await _claim(stocked, slot_on(SEOUL, dt.date(2026, 3, 31)))
    await _answer(stocked, tuesday.id, 2, tuesday.question.answer, tuesday.opened_at)
    await runs.close_run(stocked, run_id=tuesday.id, at=tuesday.closes_at)
    me = await stats.member_stats(stocked, guild_id=GUILD, member_id=1, now=tuesday.closes_at)
    assert me is not None
    assert (me.current_streak, me.best_streak) == (0, 3)


async def test_an_extra_quiz_on_a_day_off_breaks_no_streak(stocked: Database) -> None:
    """Skipping a Saturday `/quiz now` keeps a Mon–Fri streak; answering it counts."""
    await schedules.configure_channel(stocked, guild_id=GUILD, channel_id=CHANNEL, schedule=SEOUL)
    friday = await _claim(stocked, slot_on(SEOUL, dt.date(2026, 3, 27)))
    for member in (1, 2):
        await _answer(stocked, friday.id, member, friday.question.answer, friday.opened_at)
    await runs.close_run(stocked, run_id=friday.id, at=friday.closes_at)
    saturday = await _claim(stocked, slot_on(SEOUL, dt.date(2026, 3, 28)))
    await _answer(stocked, saturday.id, 2, saturday.question.answer, saturday.opened_at)
    await runs.close_run(stocked, run_id=saturday.id, at=saturday.closes_at)
    skipped = await stats.member_stats(stocked, guild_id=GUILD, member_id=1, now=saturday.closes_at)
    played = await stats.member_stats(stocked, guild_id=GUILD, member_id=2, now=saturday.closes_at)
    assert skipped is not None
    assert played is not None
    assert (skipped.current_streak, played.current_streak) == (1, 2)


async def test_streak_across_a_dst_change(stocked: Database) -> None:
    """A 09:00 Europe/Berlin quiz keeps a streak going over the spring DST switch."""
    berlin = Schedule(dt.time(9, 0), "Europe/Berlin")
    await schedules.configure_channel(stocked, guild_id=GUILD, channel_id=CHANNEL, schedule=berlin)
    for day in (dt.date(2026, 3, 28), dt.date(2026, 3, 29), dt.date(2026, 3, 30)):
        run = await _claim(stocked, slot_on(berlin, day))
        await _answer(stocked, run.id, 1, run.question.answer, run.opened_at)
        await runs.close_run(stocked, run_id=run.id, at=run.closes_at)
    me = await stats.member_stats(stocked, guild_id=GUILD, member_id=1, now=run.closes_at)
    assert me is not None
    assert me.current_streak == 3


async def test_retired_questions_keep_old_answers_meaningful(stocked: Database) -> None:
    """A question removed from the notes is no longer asked, but past runs still show it."""
    run = await _claim(stocked)
    await _answer(stocked, run.id, 1, run.question.answer, run.opened_at)
    await runs.close_run(stocked, run_id=run.id, at=run.closes_at)
    change = await sync_catalogue(stocked, [question("fresh")])
    assert change.added == 1
    assert change.retired == 10
    assert change.total == 1
    old = await runs.get_run(stocked, run_id=run.id)
    assert old is not None
    assert old.question == run.question
    nxt = await _claim(stocked, SLOT + dt.timedelta(days=1))
    assert nxt.question.id == "fresh"
    me = await stats.member_stats(stocked, guild_id=GUILD, member_id=1, now=run.closes_at)
    assert me is not None
    assert me.points > 0


async def test_set_message_and_open_runs(stocked: Database) -> None:
    """The posted message is remembered so the bot can edit it after a restart."""
    run = await _claim(stocked)
    posted = SLOT + dt.timedelta(minutes=3)
    await runs.set_message(stocked, run_id=run.id, message_id=123456789012345678, at=posted)
    (again,) = await runs.open_runs(stocked, guild_ids=[GUILD])
    assert again.message_id == 123456789012345678
    assert (again.opened_at, again.posted_at, again.started_at) == (SLOT, posted, posted)
    assert await runs.open_runs(stocked, guild_ids=[GUILD + 1]) == []


async def test_answers_racing_the_close_are_scored_or_refused(stocked: Database) -> None:
    """An answer accepted while the quiz closes is always scored; none is lost in between."""
    run = await _claim(stocked)
    answer = run.question.answer

    async def click(member: int) -> runs.AnswerResult:
        await asyncio.sleep(0.001 * (member % 30))
        return await _answer(stocked, run.id, member, answer, run.opened_at)

    async def close() -> runs.Reveal | None:
        await asyncio.sleep(0.01)
        return await runs.close_run(stocked, run_id=run.id, at=run.closes_at)

    *results, reveal = await asyncio.gather(*(click(m) for m in range(150)), close())
    assert reveal is not None
    accepted = {m for m, r in enumerate(results) if r.status is AnswerStatus.CORRECT}
    refused = {m for m, r in enumerate(results) if r.status is AnswerStatus.CLOSED}
    assert accepted | refused == set(range(150))
    assert set(reveal.points) == accepted
    board = await stats.leaderboard(stocked, guild_id=GUILD, page_size=200, now=run.closes_at)
    assert {r.member_id for r in board.rows} == accepted


async def test_one_bad_answer_does_not_sink_the_others(stocked: Database) -> None:
    """An answer the database refuses fails alone; the answers batched with it are kept."""
    run = await _claim(stocked)

    async def bad() -> runs.AnswerResult:
        return await runs.record_answer(
            stocked,
            run_id=run.id,
            member_id=666,
            display_name=None,  # type: ignore[arg-type]  # refused: names are required
            choice=run.question.answer,
            at=run.opened_at,
        )

    results = await asyncio.gather(
        *(_answer(stocked, run.id, m, run.question.answer, run.opened_at) for m in range(5)),
        bad(),
        return_exceptions=True,
    )
    assert [getattr(r, "status", None) for r in results[:5]] == [AnswerStatus.CORRECT] * 5
    assert isinstance(results[5], Exception)
    reveal = await runs.close_run(stocked, run_id=run.id, at=run.closes_at)
    assert reveal is not None
    assert sorted(reveal.points) == [0, 1, 2, 3, 4]


async def test_the_best_new_questions_are_asked_first(db: Database) -> None:
    """Among questions never asked, a channel gets the higher-scored ones before weaker ones."""
    weak = [replace(question(f"w{i}"), score=0.55, source=Source(f"w{i}.md", 1)) for i in range(4)]
    good = [replace(question(f"g{i}"), score=0.95, source=Source(f"g{i}.md", 1)) for i in range(4)]
    await sync_catalogue(db, [*weak, *good])
    await schedules.configure_channel(db, guild_id=GUILD, channel_id=CHANNEL, schedule=SEOUL)
    asked = []
    for day in range(8):
        run = await _claim(db, SLOT + dt.timedelta(days=day))
        asked.append(run.question.id)
        await runs.close_run(db, run_id=run.id, at=run.closes_at)
    assert {qid[0] for qid in asked[:4]} == {"g"}
    assert {qid[0] for qid in asked[4:]} == {"w"}


async def test_runs_posted_before_the_upgrade_keep_their_speed_bonus(stocked: Database) -> None:
    """A run posted before `posted_at` existed still times answers from its claim, as then."""
    import sqlalchemy as sa

    await stocked.downgrade("0007")
    stamp = sa.DateTime(timezone=True)
    table = sa.table(
        "quiz_runs",
        *(sa.column(name) for name in ("guild_id", "channel_id", "seq", "question_id")),
        sa.column("message_id"),
        *(sa.column(name, stamp) for name in ("slot", "opened_at", "closes_at")),
    )
    async with stocked.write() as conn:
        for message_id, slot in ((555, SLOT), (None, SLOT + dt.timedelta(days=1))):
            await conn.execute(
                table.insert().values(
                    guild_id=GUILD,
                    channel_id=CHANNEL,
                    seq=0,
                    question_id="c1q0",
                    message_id=message_id,
                    slot=slot,
                    opened_at=slot,
                    closes_at=slot + dt.timedelta(hours=12),
                )
            )
    await stocked.upgrade()
    posted, unposted = await runs.open_runs(stocked)
    assert (posted.posted_at, unposted.posted_at) == (SLOT, None)
    await _answer(stocked, posted.id, 1, posted.question.answer, SLOT + dt.timedelta(hours=3))
    reveal = await runs.close_run(stocked, run_id=posted.id, at=posted.closes_at)
    assert reveal is not None
    assert reveal.points == {1: BASE_POINTS + 3}  # 3 h of the bonus's 6 h: 2.5 rounds up


async def test_quiz_now_twice_within_a_minute_gives_the_first_run(make_db: DatabaseFactory) -> None:
    """/quiz now again within a minute of a channel's last quiz, also from a second
    process in the same second, claims nothing new; after a minute it does."""
    first, second = make_db(), make_db()
    await first.upgrade()
    await sync_catalogue(first, [question(f"q{i}") for i in range(4)])
    await schedules.configure_channel(
        first, guild_id=GUILD, channel_id=CHANNEL, schedule=SEOUL, now=SLOT
    )
    now = SLOT + dt.timedelta(hours=1, microseconds=250_000)
    (a, made_a), (b, made_b) = await asyncio.gather(
        runs.claim_now(first, guild_id=GUILD, channel_id=CHANNEL, now=now),
        runs.claim_now(second, guild_id=GUILD, channel_id=CHANNEL, now=now),
    )
    assert sorted([made_a, made_b]) == [False, True]
    assert a.id == b.id
    later = now + dt.timedelta(seconds=59)
    again, made = await runs.claim_now(first, guild_id=GUILD, channel_id=CHANNEL, now=later)
    assert (again.id, made) == (a.id, False)
    fresh, made = await runs.claim_now(
        first, guild_id=GUILD, channel_id=CHANNEL, now=later + dt.timedelta(seconds=2)
    )
    assert made
    assert fresh.id != a.id
    assert len(await runs.open_runs(first)) == 2


async def test_quiz_now_from_two_processes_seconds_apart_posts_once(
    make_db: DatabaseFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes' /quiz now three seconds apart, neither seeing the other's claim
    yet, still claim one run: they meet on the minute's slot."""
    first, second = make_db(), make_db()
    await first.upgrade()
    await sync_catalogue(first, [question(f"q{i}") for i in range(4)])
    await schedules.configure_channel(
        first, guild_id=GUILD, channel_id=CHANNEL, schedule=SEOUL, now=SLOT
    )
    at = SLOT + dt.timedelta(hours=1, seconds=20)
    # Each looked before the other's claim was stored: neither finds a recent run.
    monkeypatch.setattr(runs, "JUST_POSTED", dt.timedelta(0))
    a, made_a = await runs.claim_now(first, guild_id=GUILD, channel_id=CHANNEL, now=at)
    b, made_b = await runs.claim_now(
        second, guild_id=GUILD, channel_id=CHANNEL, now=at + dt.timedelta(seconds=3)
    )
    assert (made_a, made_b) == (True, False)
    assert a.id == b.id


async def test_answers_closed_before_the_upgrade_get_the_points_they_earned(
    stocked: Database,
) -> None:
    """Answers of quizzes closed when no answer kept its points get them on upgrade, the
    same points the totals counted; open quizzes and wrong answers keep 0."""
    from sqlalchemy import select, update

    from bot.db.models import Answer

    closed = await _claim(stocked)
    await runs.set_message(stocked, run_id=closed.id, message_id=1, at=SLOT + dt.timedelta(hours=1))
    still_open = await _claim(stocked, SLOT + dt.timedelta(days=1))
    for run in (closed, still_open):
        await _answer(stocked, run.id, 1, run.question.answer, run.slot + dt.timedelta(hours=2))
        await _answer(stocked, run.id, 2, run.question.answer, run.slot + dt.timedelta(hours=9))
        await _answer(stocked, run.id, 3, "Node", run.slot + dt.timedelta(seconds=1))
    reveal = await runs.close_run(stocked, run_id=closed.id, at=closed.closes_at)
    assert reveal is not None
    assert reveal.points == {1: BASE_POINTS + 4, 2: BASE_POINTS, 3: 0}  # timed from the post
    await stocked.downgrade("0008")
    async with stocked.write() as conn:
        await conn.execute(update(Answer).values(points=0))  # as answers were stored then
    await stocked.upgrade()
    async with stocked.read() as conn:
        rows = (await conn.execute(select(Answer.run_id, Answer.member_id, Answer.points))).all()
    stored = {(run_id, member): points for run_id, member, points in rows}
    assert {m: p for (r, m), p in stored.items() if r == closed.id} == reveal.points
    assert {m: p for (r, m), p in stored.items() if r == still_open.id} == {1: 0, 2: 0, 3: 0}
    board = await stats.leaderboard(stocked, guild_id=GUILD, now=closed.closes_at)
    assert {r.member_id: r.points for r in board.rows} == reveal.points
