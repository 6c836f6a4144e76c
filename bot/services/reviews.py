"""Keeping a server's questions good: reports, holds, review decisions and statistics.

- :func:`report_question`: a member reports the question of a run (one report per
  member and question; a second one updates it). Once ``threshold`` members report
  the same version of a question, the server holds it back: it is not asked there
  (nor practised) until an admin reviews it. Nothing is deleted and answers keep
  their points.
- :func:`review_queue`: what waits for review in a server, most reported first:
  held and reported questions, and those the statistics call misleading. Reports and
  holds of a question whose notes changed since are cleared first, and the queue
  says which questions came back that way.
- :func:`decide`: Retire (never asked again in the server), Keep (reports cleared,
  asked again) or Restore (a retired question back in the pool), stored with who and
  when.
- :func:`question_stats`: per question, computed in SQL from the stored answers.

Every statement names its server.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Float,
    and_,
    case,
    cast,
    delete,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.model import Question
from bot.core.review import (
    COMMENT_MAX,
    Decision,
    Flag,
    QuestionStats,
    ReportReason,
    discrimination,
)
from bot.db.models import (
    Answer,
    Guild,
    QuestionHold,
    QuestionReport,
    QuestionRow,
    QuizRun,
    ReviewDecision,
)
from bot.db.queries import HELD, RETIRED, insert_for, question_columns, question_from_row
from bot.db.session import Database

__all__ = [
    "DEFAULT_REPORTS_TO_HOLD",
    "REVIEW_PAGE",
    "Changed",
    "Report",
    "ReportOutcome",
    "ReviewItem",
    "ReviewPage",
    "decide",
    "decisions",
    "question_stats",
    "report_question",
    "retired_questions",
    "review_notice",
    "review_queue",
    "server_statistics",
    "servers_with_answers",
]

log = logging.getLogger(__name__)

#: How many members' reports hold a question back when the settings say nothing.
DEFAULT_REPORTS_TO_HOLD = 2
#: Questions per page of the review list.
REVIEW_PAGE = 1

_QUESTION_COLUMNS = question_columns()


@dataclass(frozen=True, slots=True)
class ReportOutcome:
    """What a report did: ``updated`` when it replaced the member's earlier report;
    ``reports`` the question's current reports in the server; ``held`` whether the
    server now holds it back."""

    question: Question
    updated: bool
    reports: int
    held: bool


@dataclass(frozen=True, slots=True)
class Report:
    """One member's report, as shown to the admins."""

    member_id: int
    reason: ReportReason
    comment: str | None
    reported_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A question waiting for review (or retired), with its reports and statistics."""

    question: Question
    held: bool
    retired: bool
    reports: tuple[Report, ...]
    stats: QuestionStats

    @property
    def flags(self) -> frozenset[Flag]:
        """The flags of the question's statistics and reports."""
        return self.stats.flags


@dataclass(frozen=True, slots=True)
class Changed:
    """A question whose notes changed since it was reported: back in the pool, reports gone."""

    question_id: str
    prompt: str


@dataclass(frozen=True, slots=True)
class ReviewPage:
    """One page of the review list (``page`` from 1) and the questions that came back."""

    items: tuple[ReviewItem, ...]
    page: int
    pages: int
    total: int
    changed: tuple[Changed, ...] = field(default_factory=tuple)


# ------------------------------------------------------------------------- reporting


async def report_question(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    run_id: int,
    reason: ReportReason,
    comment: str | None,
    at: dt.datetime,
    threshold: int = DEFAULT_REPORTS_TO_HOLD,
) -> ReportOutcome | None:
    """Store the member's report of the run's question; ``None`` for a run that is not
    this server's (or does not exist).

    A second report by the same member replaces the first. When ``threshold`` members
    have reported the question as it is now, the server holds it back.
    """
    cleaned = (comment or "").strip() or None
    if cleaned is not None and len(cleaned) > COMMENT_MAX:
        raise ValueError(f"a report's comment holds at most {COMMENT_MAX} characters")
    if at.tzinfo is None:
        raise ValueError("report times must be timezone-aware")
    async with db.write() as conn:
        found = (
            (
                await conn.execute(
                    select(*_QUESTION_COLUMNS, QuestionRow.content_hash)
                    .join_from(QuizRun, QuestionRow, QuizRun.question_id == QuestionRow.id)
                    .where(QuizRun.id == run_id, QuizRun.guild_id == guild_id)
                )
            )
            .mappings()
            .first()
        )
        if found is None:
            return None
        question = question_from_row(found)
        digest = found["content_hash"]
        key = (
            QuestionReport.guild_id == guild_id,
            QuestionReport.question_id == question.id,
        )
        earlier = (
            await conn.execute(
                select(QuestionReport.content_hash).where(
                    *key, QuestionReport.member_id == member_id
                )
            )
        ).scalar_one_or_none()
        values = {
            "reason": reason.value,
            "comment": cleaned,
            "content_hash": digest,
            "run_id": run_id,
            "reported_at": at,
        }
        upsert = insert_for(db.dialect, QuestionReport).values(
            guild_id=guild_id, question_id=question.id, member_id=member_id, **values
        )
        await conn.execute(
            upsert.on_conflict_do_update(
                index_elements=["guild_id", "question_id", "member_id"], set_=values
            )
        )
        reports = (
            await conn.execute(
                select(func.count()).where(*key, QuestionReport.content_hash == digest)
            )
        ).scalar_one()
        held = False
        if reports >= threshold:
            hold = insert_for(db.dialect, QuestionHold).values(
                guild_id=guild_id,
                question_id=question.id,
                status=HELD,
                content_hash=digest,
                since=at,
            )
            # A retired question stays retired; a hold of older notes is renewed.
            await conn.execute(
                hold.on_conflict_do_update(
                    index_elements=["guild_id", "question_id"],
                    set_={"status": HELD, "content_hash": digest, "since": at},
                    where=QuestionHold.status != RETIRED,
                )
            )
            held = True
    if held:
        log.info("question %s held back in guild %s (%d reports)", question.id, guild_id, reports)
    return ReportOutcome(question=question, updated=earlier is not None, reports=reports, held=held)


# ------------------------------------------------------------------------- statistics


async def question_stats(
    db: Database, *, guild_id: int, question_ids: Collection[str] | None = None
) -> dict[str, QuestionStats]:
    """The statistics of the server's questions (of ``question_ids`` when given)."""
    async with db.read() as conn:
        return await _stats_in(conn, guild_id, question_ids)


async def _stats_in(
    conn: AsyncConnection, guild_id: int, question_ids: Collection[str] | None
) -> dict[str, QuestionStats]:
    """Times asked, answers, right, wrong choices, discrimination and reports, in SQL."""
    only: list[Any] = [] if question_ids is None else [QuizRun.question_id.in_(list(question_ids))]
    asked = dict(
        (
            await conn.execute(
                select(QuizRun.question_id, func.count())
                .where(QuizRun.guild_id == guild_id, *only)
                .group_by(QuizRun.question_id)
            )
        ).all()
    )
    # Each answer with its question, in the server.
    answer = (
        select(
            Answer.member_id.label("member_id"),
            QuizRun.question_id.label("question_id"),
            Answer.choice.label("choice"),
            case((Answer.correct, 1), else_=0).label("right"),
        )
        .join_from(Answer, QuizRun, Answer.run_id == QuizRun.id)
        .where(Answer.guild_id == guild_id, QuizRun.guild_id == guild_id)
        .cte("server_answers")
    )
    member = (
        select(
            answer.c.member_id,
            func.count().label("n"),
            func.sum(answer.c.right).label("c"),
        )
        .group_by(answer.c.member_id)
        .cte("member_totals")
    )
    per_question = (
        select(
            answer.c.member_id,
            answer.c.question_id,
            func.count().label("n"),
            func.sum(answer.c.right).label("c"),
        )
        .group_by(answer.c.member_id, answer.c.question_id)
        .cte("member_question")
    )
    # The member's accuracy on the other questions (no value without other answers).
    elsewhere = cast(member.c.c - per_question.c.c, Float) / (member.c.n - per_question.c.n)
    other = case((member.c.n > per_question.c.n, elsewhere), else_=None)
    joined = (
        select(
            answer.c.question_id.label("question_id"),
            answer.c.right.label("right"),
            other.label("other"),
        )
        .join_from(answer, member, member.c.member_id == answer.c.member_id)
        .join(
            per_question,
            and_(
                per_question.c.member_id == answer.c.member_id,
                per_question.c.question_id == answer.c.question_id,
            ),
        )
        .cte("answer_elsewhere")
    )
    with_other = joined.c.other.is_not(None)
    sums = select(
        joined.c.question_id,
        func.count(),
        func.sum(joined.c.right),
        func.count(joined.c.other),
        func.sum(case((with_other, joined.c.right), else_=0)),
        func.coalesce(func.sum(joined.c.other), 0.0),
        func.coalesce(func.sum(joined.c.right * joined.c.other), 0.0),
        func.coalesce(func.sum(joined.c.other * joined.c.other), 0.0),
    ).group_by(joined.c.question_id)
    # Every member's accuracy elsewhere needs all the server's answers: the sums cover
    # every question, and only the wanted ones are kept.
    figures: dict[str, tuple[int, int, float | None]] = {}
    for qid, n, right, n_other, right_other, s_other, s_both, s_sq in await conn.execute(sums):
        if question_ids is not None and qid not in question_ids:
            continue
        figures[qid] = (
            int(n),
            int(right or 0),
            discrimination(int(n_other), float(right_other or 0), s_other, s_both, s_sq),
        )
    chosen = (
        select(QuizRun.question_id, Answer.choice, func.count())
        .join_from(Answer, QuizRun, Answer.run_id == QuizRun.id)
        .where(Answer.guild_id == guild_id, QuizRun.guild_id == guild_id, *only)
        .group_by(QuizRun.question_id, Answer.choice)
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for qid, choice, n in await conn.execute(chosen):
        counts[qid][choice] = int(n)
    report_filter = [
        QuestionReport.guild_id == guild_id,
        QuestionReport.content_hash == QuestionRow.content_hash,
    ]
    if question_ids is not None:
        report_filter.append(QuestionReport.question_id.in_(list(question_ids)))
    reports = dict(
        (
            await conn.execute(
                select(QuestionReport.question_id, func.count())
                .join_from(
                    QuestionReport, QuestionRow, QuestionReport.question_id == QuestionRow.id
                )
                .where(*report_filter)
                .group_by(QuestionReport.question_id)
            )
        ).all()
    )
    wanted = set(asked) | set(figures) | set(reports)
    choices = await _choices_in(conn, wanted)
    result: dict[str, QuestionStats] = {}
    for qid in wanted:
        n, right, disc = figures.get(qid, (0, 0, None))
        options = choices.get(qid)
        wrong: dict[str, float] = {}
        if options and n:
            answer_text = options[1]
            wrong = {
                option: counts[qid].get(option, 0) / n
                for option in options[0]
                if option != answer_text
            }
        result[qid] = QuestionStats(
            question_id=qid,
            asked=int(asked.get(qid, 0)),
            answers=n,
            right=right,
            wrong_choices=wrong,
            discrimination=disc,
            reports=int(reports.get(qid, 0)),
        )
    return result


async def _choices_in(
    conn: AsyncConnection, question_ids: Collection[str]
) -> dict[str, tuple[list[str], str]]:
    """The options and answer of the multiple-choice questions among ``question_ids``."""
    if not question_ids:
        return {}
    rows = await conn.execute(
        select(QuestionRow.id, QuestionRow.choices, QuestionRow.answer).where(
            QuestionRow.id.in_(list(question_ids)), QuestionRow.choices.is_not(None)
        )
    )
    return {qid: (list(options), answer) for qid, options, answer in rows if options}


# ---------------------------------------------------------------------------- reviewing


async def _clear_changed(db: Database, guild_id: int) -> tuple[Changed, ...]:
    """Drop the server's reports and holds made for notes that changed since.

    Looked for in a read; the write (and its lock) happens only when there is any.
    """
    async with db.read() as conn:
        found = await _changed_in(conn, guild_id)
    if not found:
        return ()
    async with db.write() as conn:
        for qid, _prompt, digest in found:
            await conn.execute(
                delete(QuestionReport).where(
                    QuestionReport.guild_id == guild_id,
                    QuestionReport.question_id == qid,
                    QuestionReport.content_hash != digest,
                )
            )
            await conn.execute(
                delete(QuestionHold).where(
                    QuestionHold.guild_id == guild_id,
                    QuestionHold.question_id == qid,
                    QuestionHold.status == HELD,
                    QuestionHold.content_hash != digest,
                )
            )
    log.info(
        "guild %s: %d questions changed since reported, back in the pool", guild_id, len(found)
    )
    return tuple(Changed(qid, prompt) for qid, prompt, _digest in found)


async def _changed_in(conn: AsyncConnection, guild_id: int) -> list[Any]:
    """(id, prompt, hash) of the server's questions reported or held for older notes."""
    stale_report = and_(
        QuestionReport.guild_id == guild_id,
        QuestionReport.content_hash != QuestionRow.content_hash,
    )
    stale_hold = and_(
        QuestionHold.guild_id == guild_id,
        QuestionHold.status == HELD,
        QuestionHold.content_hash != QuestionRow.content_hash,
    )
    found = (
        await conn.execute(
            select(QuestionRow.id, QuestionRow.prompt, QuestionRow.content_hash)
            .where(
                or_(
                    exists().where(stale_report, QuestionReport.question_id == QuestionRow.id),
                    exists().where(stale_hold, QuestionHold.question_id == QuestionRow.id),
                )
            )
            .order_by(QuestionRow.id)
        )
    ).all()
    return list(found)


async def _items(
    conn: AsyncConnection,
    guild_id: int,
    question_ids: Sequence[str],
    stats: dict[str, QuestionStats],
    status: dict[str, str],
) -> list[ReviewItem]:
    if not question_ids:
        return []
    rows = (
        (await conn.execute(select(*_QUESTION_COLUMNS).where(QuestionRow.id.in_(question_ids))))
        .mappings()
        .all()
    )
    questions = {row["id"]: question_from_row(row) for row in rows}
    found = await conn.execute(
        select(
            QuestionReport.question_id,
            QuestionReport.member_id,
            QuestionReport.reason,
            QuestionReport.comment,
            QuestionReport.reported_at,
        )
        .where(
            QuestionReport.guild_id == guild_id,
            QuestionReport.question_id.in_(question_ids),
        )
        .order_by(QuestionReport.reported_at, QuestionReport.member_id)
    )
    reports: dict[str, list[Report]] = defaultdict(list)
    for qid, member, reason, comment, at in found:
        reports[qid].append(Report(member, ReportReason(reason), comment, at))
    return [
        ReviewItem(
            question=questions[qid],
            held=status.get(qid) == HELD,
            retired=status.get(qid) == RETIRED,
            reports=tuple(reports.get(qid, ())),
            stats=stats.get(qid) or QuestionStats(qid),
        )
        for qid in question_ids
        if qid in questions
    ]


def _page_of(total: int, page: int) -> tuple[int, int]:
    pages = max((total + REVIEW_PAGE - 1) // REVIEW_PAGE, 1)
    return min(max(page, 1), pages), pages


async def review_queue(db: Database, *, guild_id: int, page: int = 1) -> ReviewPage:
    """The server's questions waiting for review, most reported first (then held, then
    misleading ones), ``REVIEW_PAGE`` per page."""
    changed = await _clear_changed(db, guild_id)
    async with db.read() as conn:
        status = dict(
            (
                await conn.execute(
                    select(QuestionHold.question_id, QuestionHold.status).where(
                        QuestionHold.guild_id == guild_id
                    )
                )
            ).all()
        )
        stats = await _stats_in(conn, guild_id, None)
        kept = set(
            (
                await conn.execute(
                    select(ReviewDecision.question_id)
                    .join_from(
                        ReviewDecision,
                        QuestionRow,
                        ReviewDecision.question_id == QuestionRow.id,
                    )
                    .where(
                        ReviewDecision.guild_id == guild_id,
                        ReviewDecision.decision == Decision.KEEP.value,
                        ReviewDecision.content_hash == QuestionRow.content_hash,
                    )
                )
            ).scalars()
        )
        live = set(
            (
                await conn.execute(
                    select(QuestionRow.id).where(
                        QuestionRow.id.in_(list(stats) + list(status)),
                        QuestionRow.retired_at.is_(None),
                    )
                )
            ).scalars()
        )
        waiting = [
            qid
            for qid in live
            if status.get(qid) != RETIRED
            and (
                status.get(qid) == HELD
                or (qid in stats and stats[qid].reports)
                or (qid in stats and Flag.MISLEADING in stats[qid].flags and qid not in kept)
            )
        ]
        waiting.sort(
            key=lambda qid: (
                -(stats[qid].reports if qid in stats else 0),
                status.get(qid) != HELD,
                qid,
            )
        )
        page, pages = _page_of(len(waiting), page)
        shown = waiting[(page - 1) * REVIEW_PAGE : page * REVIEW_PAGE]
        items = await _items(conn, guild_id, shown, stats, status)
    return ReviewPage(tuple(items), page, pages, len(waiting), changed)


async def retired_questions(db: Database, *, guild_id: int, page: int = 1) -> ReviewPage:
    """The questions the server retired, most recently retired first."""
    async with db.read() as conn:
        retired = list(
            (
                await conn.execute(
                    select(QuestionHold.question_id)
                    .where(QuestionHold.guild_id == guild_id, QuestionHold.status == RETIRED)
                    .order_by(QuestionHold.since.desc(), QuestionHold.question_id)
                )
            ).scalars()
        )
        page, pages = _page_of(len(retired), page)
        shown = retired[(page - 1) * REVIEW_PAGE : page * REVIEW_PAGE]
        stats = await _stats_in(conn, guild_id, shown)
        items = await _items(conn, guild_id, shown, stats, dict.fromkeys(shown, RETIRED))
    return ReviewPage(tuple(items), page, pages, len(retired))


async def decide(
    db: Database,
    *,
    guild_id: int,
    question_id: str,
    decision: Decision,
    member_id: int,
    at: dt.datetime,
) -> bool:
    """Store an admin's decision about a question of the server; ``False`` (nothing
    stored) for a question the catalogue does not hold, a Retire of a retired question
    or a Restore of a question the server has not retired (a double click).

    Retire: never asked again in the server. Keep: its reports are cleared and it is
    asked again (a misleading one leaves the list until its notes change). Restore: a
    retired question is asked again, its old reports cleared.
    """
    if at.tzinfo is None:
        raise ValueError("decision times must be timezone-aware")
    async with db.write() as conn:
        digest = (
            await conn.execute(
                select(QuestionRow.content_hash).where(QuestionRow.id == question_id)
            )
        ).scalar_one_or_none()
        if digest is None:
            return False
        held = (QuestionHold.guild_id == guild_id, QuestionHold.question_id == question_id)
        reports = (
            QuestionReport.guild_id == guild_id,
            QuestionReport.question_id == question_id,
        )
        if decision is Decision.RETIRE:
            hold = insert_for(db.dialect, QuestionHold).values(
                guild_id=guild_id,
                question_id=question_id,
                status=RETIRED,
                content_hash=digest,
                since=at,
            )
            retired = await conn.execute(
                hold.on_conflict_do_update(
                    index_elements=["guild_id", "question_id"],
                    set_={"status": RETIRED, "content_hash": digest, "since": at},
                    where=QuestionHold.status != RETIRED,
                )
            )
            if retired.rowcount != 1:
                return False  # already retired (a double click)
        elif decision is Decision.KEEP:
            await conn.execute(delete(QuestionHold).where(*held, QuestionHold.status == HELD))
            await conn.execute(delete(QuestionReport).where(*reports))
        else:
            restored = await conn.execute(
                delete(QuestionHold).where(*held, QuestionHold.status == RETIRED)
            )
            if restored.rowcount != 1:
                return False
            await conn.execute(delete(QuestionReport).where(*reports))
        await conn.execute(
            insert_for(db.dialect, ReviewDecision).values(
                guild_id=guild_id,
                question_id=question_id,
                decision=decision.value,
                member_id=member_id,
                content_hash=digest,
                decided_at=at,
            )
        )
    log.info("guild %s: %s question %s (by %s)", guild_id, decision, question_id, member_id)
    return True


async def decisions(db: Database, *, guild_id: int, question_id: str) -> list[tuple[str, int]]:
    """The server's decisions about a question, oldest first: (decision, member)."""
    async with db.read() as conn:
        rows = await conn.execute(
            select(ReviewDecision.decision, ReviewDecision.member_id)
            .where(ReviewDecision.guild_id == guild_id, ReviewDecision.question_id == question_id)
            .order_by(ReviewDecision.decided_at, ReviewDecision.id)
        )
        return [(decision, member) for decision, member in rows]


async def servers_with_answers(db: Database) -> list[int]:
    """The servers whose members answered anything (for ``content check --stats``)."""
    async with db.read() as conn:
        found = await conn.execute(
            select(Answer.guild_id).group_by(Answer.guild_id).order_by(Answer.guild_id)
        )
        return [guild for (guild,) in found]


async def server_statistics(db: Database, *, guild_id: int) -> list[tuple[Question, QuestionStats]]:
    """Every question the server asked or reported, with its statistics: flagged ones
    first, then the most answered."""
    async with db.read() as conn:
        stats = await _stats_in(conn, guild_id, None)
        if not stats:
            return []
        rows = (
            (await conn.execute(select(*_QUESTION_COLUMNS).where(QuestionRow.id.in_(list(stats)))))
            .mappings()
            .all()
        )
    found = [(question_from_row(row), stats[row["id"]]) for row in rows]
    found.sort(key=lambda pair: (not pair[1].flags, -pair[1].answers, pair[0].id))
    return found


# --------------------------------------------------------------------------- the notice


async def review_notice(db: Database, *, guild_id: int, now: dt.datetime) -> int:
    """How many questions wait for review, counted once: the questions reported (or
    held) since the organiser was last told; 0 when nothing new waits.

    Telling is remembered: the next call returns 0 until a new report comes in.
    """
    async with db.read() as conn:
        told = (
            await conn.execute(select(Guild.review_notice_at).where(Guild.guild_id == guild_id))
        ).scalar_one_or_none()
        newer = [QuestionReport.guild_id == guild_id]
        if told is not None:
            newer.append(QuestionReport.reported_at > told)
        fresh = (await conn.execute(select(func.count()).where(*newer))).scalar_one()
        if not fresh:
            return 0
        waiting = (
            await conn.execute(
                select(func.count(func.distinct(QuestionReport.question_id))).where(
                    QuestionReport.guild_id == guild_id
                )
            )
        ).scalar_one()
    async with db.write() as conn:
        # Only the first of two admins at once moves the mark, and only that one is told.
        guild = insert_for(db.dialect, Guild).values(guild_id=guild_id, review_notice_at=now)
        moved = await conn.execute(
            guild.on_conflict_do_update(
                index_elements=[Guild.guild_id],
                set_={"review_notice_at": now},
                where=(
                    Guild.review_notice_at.is_(None)
                    if told is None
                    else Guild.review_notice_at == told
                ),
            )
        )
    return int(waiting) if moved.rowcount == 1 else 0
