"""Reports, holds, review decisions and per-question statistics, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest
import sqlalchemy as sa

from bot.core.errors import NothingToPractice
from bot.core.review import Decision, Flag, ReportReason
from bot.core.schedule import Schedule
from bot.db import Database
from bot.db.models import Answer, QuizRun
from bot.services import claims, practice, reviews, runs, schedules
from bot.services.catalogue import sync_catalogue
from bot.services.types import RunView
from tests.services.conftest import question

UTC = dt.UTC
GUILD, OTHER = 100, 101
CHANNEL = GUILD * 10
SLOT = dt.datetime(2026, 3, 23, 0, 0, tzinfo=UTC)
DAY = dt.timedelta(days=1)
CATALOGUE = [question(f"c1q{i}", chapter=1) for i in range(3)]
_SEQ = itertools.count()


@pytest.fixture
async def catalogue(db: Database) -> Database:
    """A migrated database with three questions of chapter 1."""
    await sync_catalogue(db, CATALOGUE)
    return db


async def _run(db: Database, guild: int = GUILD, slot: dt.datetime = SLOT) -> RunView:
    run, _ = await runs.claim_run(db, guild_id=guild, channel_id=guild * 10, slot=slot, now=slot)
    return run


async def _report(
    db: Database,
    run_id: int,
    member: int,
    reason: ReportReason = ReportReason.WRONG,
    *,
    guild: int = GUILD,
    comment: str | None = None,
) -> reviews.ReportOutcome | None:
    return await reviews.report_question(
        db,
        guild_id=guild,
        member_id=member,
        run_id=run_id,
        reason=reason,
        comment=comment,
        at=SLOT + dt.timedelta(hours=13),
        threshold=2,
    )


async def _pool_ids(db: Database, guild: int = GUILD) -> set[str]:
    """Every question the next quizzes of the guild's channel may pick (3 claims)."""
    picked = set()
    for day in range(1, 4):
        run = await _run(db, guild, SLOT + day * DAY)
        picked.add(run.question.id)
        await runs.close_run(db, run_id=run.id, at=run.closes_at)
    return picked


async def test_a_second_report_by_the_same_member_updates_the_first(catalogue: Database) -> None:
    """A member who reports twice has one report: the reason and comment of the second."""
    run = await _run(catalogue)
    first = await _report(catalogue, run.id, 1)
    second = await _report(catalogue, run.id, 1, ReportReason.UNCLEAR, comment="  Which pod?  ")
    assert first is not None
    assert second is not None
    assert (first.updated, second.updated) == (False, True)
    assert (second.reports, second.held) == (1, False)
    page = await reviews.review_queue(catalogue, guild_id=GUILD)
    (item,) = page.items
    assert item.question.id == run.question.id
    assert [(r.member_id, r.reason, r.comment) for r in item.reports] == [
        (1, ReportReason.UNCLEAR, "Which pod?")
    ]
    assert Flag.REPORTED in item.flags


async def test_the_threshold_holds_a_question_back_and_no_quiz_or_practice_asks_it(
    catalogue: Database,
) -> None:
    """Two members' reports hold the question: no later quiz and no practice session asks it."""
    run = await _run(catalogue)
    await runs.close_run(catalogue, run_id=run.id, at=run.closes_at)
    await _report(catalogue, run.id, 1)
    outcome = await _report(catalogue, run.id, 2, ReportReason.CHOICES)
    assert outcome is not None
    assert outcome.held
    held = run.question.id
    pool = await runs.question_pool(catalogue, guild_id=GUILD, channel_id=CHANNEL)
    assert pool.total == len(CATALOGUE) - 1
    assert held not in await _pool_ids(catalogue)
    for member in (1, 2, 3):
        try:
            found = await practice.next_question(
                catalogue, guild_id=GUILD, member_id=member, now=SLOT + 5 * DAY
            )
        except NothingToPractice:
            continue
        assert found.question.id != held
    (item,) = (await reviews.review_queue(catalogue, guild_id=GUILD)).items
    assert (item.question.id, item.held, len(item.reports)) == (held, True, 2)


async def test_an_admin_retires_and_restores_a_question_with_who_and_when(
    catalogue: Database,
) -> None:
    """Retire keeps a question out of the server's quizzes; Restore brings it back; both are
    stored with the admin who decided."""
    run = await _run(catalogue)
    qid = run.question.id
    await runs.close_run(catalogue, run_id=run.id, at=run.closes_at)
    await _report(catalogue, run.id, 1)
    at = SLOT + DAY
    assert await reviews.decide(
        catalogue, guild_id=GUILD, question_id=qid, decision=Decision.RETIRE, member_id=9, at=at
    )
    assert (await reviews.review_queue(catalogue, guild_id=GUILD)).items == ()
    retired = await reviews.retired_questions(catalogue, guild_id=GUILD)
    assert [(i.question.id, i.retired) for i in retired.items] == [(qid, True)]
    assert qid not in await _pool_ids(catalogue)
    assert await reviews.decide(
        catalogue, guild_id=GUILD, question_id=qid, decision=Decision.RESTORE, member_id=8, at=at
    )
    assert (await reviews.retired_questions(catalogue, guild_id=GUILD)).items == ()
    pool = await runs.question_pool(catalogue, guild_id=GUILD, channel_id=CHANNEL)
    assert pool.total == len(CATALOGUE)
    assert await reviews.decisions(catalogue, guild_id=GUILD, question_id=qid) == [
        ("retire", 9),
        ("restore", 8),
    ]
    # A second Restore (a double click) stores nothing more.
    assert not await reviews.decide(
        catalogue, guild_id=GUILD, question_id=qid, decision=Decision.RESTORE, member_id=8, at=at
    )
    assert len(await reviews.decisions(catalogue, guild_id=GUILD, question_id=qid)) == 2


async def test_a_batch_of_due_channels_never_picks_a_held_or_retired_question(
    catalogue: Database,
) -> None:
    """The scheduler's batch claim leaves out what a server holds back or retired, and only
    in that server: the other server's channel in the same batch may still ask it."""
    daily = Schedule(dt.time(9), "UTC")
    here = await schedules.configure_channel(
        catalogue, guild_id=GUILD, channel_id=CHANNEL, schedule=daily, now=SLOT - DAY
    )
    there = await schedules.configure_channel(
        catalogue, guild_id=OTHER, channel_id=OTHER * 10, schedule=daily, now=SLOT - DAY
    )
    run = await _run(catalogue)
    await _report(catalogue, run.id, 1)
    await _report(catalogue, run.id, 2)
    (other,) = [q.id for q in CATALOGUE if q.id != run.question.id][:1]
    assert await reviews.decide(
        catalogue,
        guild_id=GUILD,
        question_id=other,
        decision=Decision.RETIRE,
        member_id=9,
        at=SLOT,
    )
    asked: dict[int, set[str]] = {GUILD: set(), OTHER: set()}
    for day in range(1, 4):
        slot = SLOT + day * DAY + dt.timedelta(hours=9)
        for claim in await claims.claim_slots(catalogue, [(here, slot), (there, slot)], now=slot):
            for created in claim.created:
                asked[created.guild_id].add(created.question.id)
    assert run.question.id not in asked[GUILD]
    assert other not in asked[GUILD]
    assert asked[GUILD]  # the one question left is still asked
    assert asked[OTHER] == {q.id for q in CATALOGUE}


async def test_keep_clears_the_reports_and_the_hold(catalogue: Database) -> None:
    """Keep releases a held question: asked again, off the review list, reports gone."""
    run = await _run(catalogue)
    await _report(catalogue, run.id, 1)
    await _report(catalogue, run.id, 2)
    assert await reviews.decide(
        catalogue,
        guild_id=GUILD,
        question_id=run.question.id,
        decision=Decision.KEEP,
        member_id=9,
        at=SLOT,
    )
    assert (await reviews.review_queue(catalogue, guild_id=GUILD)).total == 0
    pool = await runs.question_pool(catalogue, guild_id=GUILD, channel_id=CHANNEL)
    assert pool.total == len(CATALOGUE)


async def test_changed_notes_bring_a_held_question_back_with_its_reports_cleared(
    catalogue: Database,
) -> None:
    """A held question whose notes change is asked again, and the review list says so."""
    run = await _run(catalogue)
    await runs.close_run(catalogue, run_id=run.id, at=run.closes_at)
    await _report(catalogue, run.id, 1)
    await _report(catalogue, run.id, 2)
    qid = run.question.id
    edited = [
        question(q.id, chapter=1, prompt="Which object runs containers?") if q.id == qid else q
        for q in CATALOGUE
    ]
    await sync_catalogue(catalogue, edited)
    pool = await runs.question_pool(catalogue, guild_id=GUILD, channel_id=CHANNEL)
    assert pool.total == len(CATALOGUE)
    page = await reviews.review_queue(catalogue, guild_id=GUILD)
    assert [(c.question_id, c.prompt) for c in page.changed] == [
        (qid, "Which object runs containers?")
    ]
    assert page.items == ()
    again = await reviews.review_queue(catalogue, guild_id=GUILD)
    assert again.changed == ()


async def test_reports_in_one_server_do_not_touch_another(catalogue: Database) -> None:
    """A question held in one server is still asked in the other, whose list stays empty."""
    run = await _run(catalogue)
    other = await _run(catalogue, OTHER)
    await _report(catalogue, run.id, 1)
    await _report(catalogue, run.id, 2)
    assert (await reviews.review_queue(catalogue, guild_id=OTHER)).total == 0
    pool = await runs.question_pool(catalogue, guild_id=OTHER, channel_id=OTHER * 10)
    assert pool.total == len(CATALOGUE)
    # A run of the other server cannot be reported from this one.
    assert await _report(catalogue, other.id, 3) is None
    assert (await reviews.review_queue(catalogue, guild_id=OTHER)).total == 0


async def test_a_too_long_comment_is_refused_and_the_earlier_report_kept(
    catalogue: Database,
) -> None:
    """A comment over 300 characters stores nothing and leaves the member's report as it was."""
    run = await _run(catalogue)
    await _report(catalogue, run.id, 1, comment="first")
    with pytest.raises(ValueError, match="300"):
        await _report(catalogue, run.id, 1, ReportReason.OTHER, comment="x" * 301)
    (item,) = (await reviews.review_queue(catalogue, guild_id=GUILD)).items
    assert [(r.reason, r.comment) for r in item.reports] == [(ReportReason.WRONG, "first")]


async def test_an_unknown_run_is_not_reported(catalogue: Database) -> None:
    """A report of a run that does not exist stores nothing."""
    assert await _report(catalogue, 999, 1) is None
    assert (await reviews.review_queue(catalogue, guild_id=GUILD)).total == 0


async def test_the_organiser_is_told_once_that_questions_wait(catalogue: Database) -> None:
    """The notice counts waiting questions once, and again only after a new report."""
    assert await reviews.review_notice(catalogue, guild_id=GUILD, now=SLOT) == 0
    run = await _run(catalogue)
    await _report(catalogue, run.id, 1)
    later = SLOT + dt.timedelta(days=2)
    assert await reviews.review_notice(catalogue, guild_id=GUILD, now=later) == 1
    assert await reviews.review_notice(catalogue, guild_id=GUILD, now=later) == 0
    assert await reviews.review_notice(catalogue, guild_id=OTHER, now=later) == 0
    second = await _run(catalogue, slot=SLOT + DAY)
    await reviews.report_question(
        catalogue,
        guild_id=GUILD,
        member_id=2,
        run_id=second.id,
        reason=ReportReason.OTHER,
        comment=None,
        at=later + DAY,
    )
    assert await reviews.review_notice(catalogue, guild_id=GUILD, now=later + 2 * DAY) == 2
    assert await reviews.review_notice(catalogue, guild_id=GUILD, now=later + 2 * DAY) == 0


# ---------------------------------------------------------------------------- statistics


async def _seed(db: Database, guild: int, question_id: str, choices: list[tuple[int, str]]) -> None:
    """One closed run of ``question_id`` in ``guild`` answered by (member, choice)."""
    async with db.write() as conn:
        run_id = (
            await conn.execute(
                sa.insert(QuizRun)
                .values(
                    guild_id=guild,
                    channel_id=guild * 10,
                    slot=SLOT,
                    seq=next(_SEQ),
                    question_id=question_id,
                    opened_at=SLOT,
                    closes_at=SLOT + DAY,
                    closed_at=SLOT + DAY,
                    status="closed",
                )
                .returning(QuizRun.id)
            )
        ).scalar_one()
        await conn.execute(
            sa.insert(Answer),
            [
                {
                    "run_id": run_id,
                    "member_id": member,
                    "guild_id": guild,
                    "choice": choice,
                    "correct": choice == "Pod",
                    "answered_at": SLOT,
                }
                for member, choice in choices
            ],
        )


async def test_statistics_and_flags_on_hand_worked_answers(catalogue: Database) -> None:
    """Shares, discrimination and the flags match figures worked out by hand."""
    db = catalogue
    # Guild 1, question c1q0, asked twice: members 1-5 (right on both other questions,
    # so 1.0 accuracy elsewhere) all chose Node; members 6-10 (0.0 elsewhere) all right.
    # n=10, Σx=5, Σy=5, Σxy=0, Σy²=5: r = (10·0 − 5·5) / √((50−25)(50−25)) = −1.
    await _seed(db, 1, "c1q0", [(m, "Node") for m in range(1, 6)])
    await _seed(db, 1, "c1q0", [(m, "Pod") for m in range(6, 11)])
    await _seed(
        db, 1, "c1q1", [(m, "Pod") for m in range(1, 6)] + [(m, "Node") for m in range(6, 11)]
    )
    await _seed(
        db, 1, "c1q2", [(m, "Pod") for m in range(1, 6)] + [(m, "Node") for m in range(6, 11)]
    )
    # Guild 2: c1q0 right 19 of 20 times (0.95: too easy); c1q1 chose Node 4 times out of
    # 10 and the key only 3 (a lure: misleading); c1q2 only 9 answers, all wrong: no flag.
    await _seed(db, 2, "c1q0", [(m, "Pod") for m in range(1, 20)] + [(20, "Node")])
    lure = ["Pod"] * 3 + ["Node"] * 4 + ["Service"] * 2 + ["Volume"]
    await _seed(db, 2, "c1q1", [(100 + i, c) for i, c in enumerate(lure)])
    await _seed(db, 2, "c1q2", [(200 + i, "Node") for i in range(9)])

    first = await reviews.question_stats(db, guild_id=1)
    hard = first["c1q0"]
    assert (hard.asked, hard.answers, hard.right, hard.share_right) == (2, 10, 5, 0.5)
    assert hard.wrong_choices == {"Node": 0.5, "Service": 0.0, "Volume": 0.0}
    assert hard.discrimination is not None
    assert math.isclose(hard.discrimination, -1.0)
    assert hard.flags == {Flag.MISLEADING}
    # c1q1 in guild 1: the right ones are 0.5 elsewhere (c1q0 wrong, c1q2 right), the
    # wrong ones 0.5 too (c1q0 right, c1q2 wrong): no spread, no discrimination.
    assert first["c1q1"].discrimination is None
    assert first["c1q1"].flags == frozenset()

    second = await reviews.question_stats(db, guild_id=2)
    easy, lured, few = second["c1q0"], second["c1q1"], second["c1q2"]
    assert (easy.answers, easy.share_right, easy.flags) == (20, 0.95, {Flag.TOO_EASY})
    assert math.isclose(easy.wrong_choices["Node"], 0.05)
    assert lured.wrong_choices == {"Node": 0.4, "Service": 0.2, "Volume": 0.1}
    assert lured.discrimination is None  # nobody answered anything else
    assert lured.flags == {Flag.MISLEADING}
    assert (few.answers, few.share_right, few.flags) == (9, 0.0, frozenset())

    # Misleading questions wait for review on their own, in their own server only.
    queue = await reviews.review_queue(db, guild_id=2)
    assert [item.question.id for item in queue.items] == ["c1q1"]
    assert (await reviews.review_queue(db, guild_id=1)).total == 1
    assert await reviews.decide(
        db, guild_id=2, question_id="c1q1", decision=Decision.KEEP, member_id=9, at=SLOT
    )
    assert (await reviews.review_queue(db, guild_id=2)).total == 0


async def test_upgrade_from_the_practice_schema_keeps_the_data(db: Database) -> None:
    """A database from before reports upgrades with its runs and answers, and takes reports."""
    await sync_catalogue(db, CATALOGUE)
    run = await _run(db)
    await runs.record_answer(
        db, run_id=run.id, member_id=1, display_name="m1", choice="Pod", at=SLOT
    )
    await db.downgrade("0010")
    await db.upgrade()
    reveal = await runs.close_run(db, run_id=run.id, at=run.closes_at)
    assert reveal is not None
    assert [m.member_id for m in reveal.correct] == [1]
    outcome = await _report(db, run.id, 1)
    assert outcome is not None
    assert outcome.reports == 1
    stats = await reviews.question_stats(db, guild_id=GUILD)
    assert (stats[run.question.id].answers, stats[run.question.id].reports) == (1, 1)


async def test_the_review_list_puts_the_most_reported_first_and_pages(catalogue: Database) -> None:
    """Two reported questions: the one more members reported comes first, one per page."""
    once = await _run(catalogue)
    twice = await _run(catalogue, slot=SLOT + DAY)
    await _report(catalogue, once.id, 1)
    for member in (1, 2):
        await _report(catalogue, twice.id, member)
    first = await reviews.review_queue(catalogue, guild_id=GUILD)
    second = await reviews.review_queue(catalogue, guild_id=GUILD, page=2)
    assert (first.total, first.pages) == (2, 2)
    assert [i.question.id for i in first.items + second.items] == [
        twice.question.id,
        once.question.id,
    ]
    assert (first.items[0].held, second.items[0].held) == (True, False)


async def test_a_double_retire_stores_one_decision(catalogue: Database) -> None:
    """A second Retire click of the same question changes nothing and logs nothing more."""
    run = await _run(catalogue)
    qid = run.question.id
    results = [
        await reviews.decide(
            catalogue,
            guild_id=GUILD,
            question_id=qid,
            decision=Decision.RETIRE,
            member_id=9,
            at=SLOT,
        )
        for _ in range(2)
    ]
    assert results == [True, False]
    assert await reviews.decisions(catalogue, guild_id=GUILD, question_id=qid) == [("retire", 9)]
    assert not await reviews.decide(
        catalogue, guild_id=GUILD, question_id="nope", decision=Decision.KEEP, member_id=9, at=SLOT
    )
