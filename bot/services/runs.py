"""Quiz runs: claim a scheduled slot, take answers, close and reveal.

``claim_run`` makes posting idempotent: the run of a (channel, slot, seq) is created
once, by whichever process gets there first (a unique key decides). ``record_answer``
takes a member's first answer only; ``close_run`` closes a run exactly once and, in
the same transaction, scores the answers (each keeps its points), updates totals,
period totals and streaks, and reviews the question in each answering member's
practice schedule (:mod:`bot.services.practice`).

Answers go through a group-commit writer owned by the :class:`Database` (see
:mod:`bot.db.writer`): one task per database takes every answer waiting at that moment
and stores them in one transaction with a few set-based statements, then reports each
result. An answer is committed before its result is returned; a double click is
stored once; ``db.dispose()`` commits the answers still queued before closing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    Float,
    and_,
    bindparam,
    case,
    cast,
    func,
    or_,
    select,
    tuple_,
    type_coerce,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.answers import is_correct
from bot.core.errors import NoQuestions
from bot.core.model import Question
from bot.core.schedule import local_day, previous_quiz_day
from bot.core.scoring import (
    StreakState,
    accuracy,
    extend_streak,
    milestones_crossed,
    period_start,
    points_for,
)
from bot.db.models import (
    Answer,
    Member,
    MemberPeriod,
    QuestionRow,
    QuizRun,
    UTCDateTime,
)
from bot.db.queries import (
    channel_schedule_in,
    in_notes_of,
    insert_for,
    not_held_back,
    rows_in_steps,
    run_select,
    run_view,
)
from bot.db.session import Database
from bot.db.writer import group_commit
from bot.services.practice import record_quiz_reviews_in
from bot.services.types import (
    AnswerResult,
    AnswerStatus,
    MemberRef,
    PoolStatus,
    Reveal,
    RunStatus,
    RunView,
)

__all__ = [
    "ANSWER_WRITER",
    "DEFAULT_WINDOW",
    "JUST_POSTED",
    "claim_now",
    "claim_run",
    "close_run",
    "get_run",
    "open_runs",
    "question_pool",
    "record_answer",
    "set_message",
]

log = logging.getLogger(__name__)

#: The answer window of a run in a channel without a stored schedule (the terminal).
DEFAULT_WINDOW = dt.timedelta(hours=12)
#: The most answers stored in one transaction by the group-commit writer.
MAX_ANSWER_BATCH = 500
#: The name of the answers' group-commit writer (see :meth:`Database.start`).
ANSWER_WRITER = "answers"
#: A ``/quiz now`` this soon after the channel's last quiz was claimed claims nothing new.
JUST_POSTED = dt.timedelta(minutes=1)


# --------------------------------------------------------------------------- reading


async def get_run(db: Database, *, run_id: int) -> RunView | None:
    """The run with this id, or ``None``."""
    async with db.read() as conn:
        row = (await conn.execute(run_select().where(QuizRun.id == run_id))).mappings().first()
    return run_view(row) if row is not None else None


async def open_runs(db: Database, *, guild_ids: Collection[int] | None = None) -> list[RunView]:
    """Runs still taking answers (of ``guild_ids`` when given), soonest deadline first."""
    query = run_select().where(QuizRun.status == RunStatus.OPEN.value)
    if guild_ids is not None:
        query = query.where(QuizRun.guild_id.in_(list(guild_ids)))
    async with db.read() as conn:
        return await rows_in_steps(conn, query.order_by(QuizRun.closes_at, QuizRun.id), run_view)


async def set_message(db: Database, *, run_id: int, message_id: int, at: dt.datetime) -> None:
    """Remember the Discord message that shows the run, sent at ``at``: the speed bonus
    counts from then, not from the claim (a refused post may go out much later)."""
    async with db.write() as conn:
        await conn.execute(
            update(QuizRun).where(QuizRun.id == run_id).values(message_id=message_id, posted_at=at)
        )


# --------------------------------------------------------------------- choosing questions


def _spread(channel_id: int, question_id: str) -> bytes:
    """A stable per-channel order of questions: channels differ, reruns repeat."""
    return hashlib.sha256(f"{channel_id}:{question_id}".encode()).digest()


@dataclass(slots=True)
class _Usage:
    asked: int = 0
    answered: int = 0
    correct: int = 0
    last_asked: dt.datetime | None = None


def _asked_here(guild_id: int) -> Any:
    """The questions the server may be asked: live in the notes, and neither held back
    after reports nor retired by the server (:func:`not_held_back`, one index probe each),
    and of the server's own notes (:func:`in_notes_of`)."""
    return and_(QuestionRow.retired_at.is_(None), in_notes_of(guild_id), not_held_back(guild_id))


def _scope_filter(guild_id: int, chapters: tuple[int, ...] | None) -> Any:
    """Questions of ``chapters`` the server may be asked (every chapter when ``None`` or
    empty)."""
    live = _asked_here(guild_id)
    if not chapters:
        return live
    return and_(live, QuestionRow.chapter.in_(list(chapters)))


async def _effective_scope(
    conn: AsyncConnection, guild_id: int, chapters: tuple[int, ...] | None
) -> Any:
    """The filter of a channel's scope; the default (``None``) follows the group's reading.

    Questions outside any chapter (trivia lists) stay in the default scope.
    """
    if chapters is not None:
        return _scope_filter(guild_id, chapters)
    from bot.services.reading import scope_in

    reached = (await scope_in(conn, guild_id=guild_id)).chapters
    if reached is None:
        return _scope_filter(guild_id, None)
    return and_(
        _asked_here(guild_id),
        or_(QuestionRow.chapter.in_(list(reached)), QuestionRow.chapter.is_(None)),
    )


async def _usage(conn: AsyncConnection, guild_id: int, channel_id: int) -> dict[str, _Usage]:
    in_channel = (QuizRun.guild_id == guild_id, QuizRun.channel_id == channel_id)
    asked = await conn.execute(
        select(
            QuizRun.question_id,
            func.count(),
            # An aggregate loses the column type; keep it so SQLite returns datetimes too.
            type_coerce(func.max(QuizRun.slot), UTCDateTime()),
        )
        .where(*in_channel)
        .group_by(QuizRun.question_id)
    )
    usage = {qid: _Usage(asked=n, last_asked=last) for qid, n, last in asked}
    answered = await conn.execute(
        select(
            QuizRun.question_id,
            func.count(),
            func.sum(case((Answer.correct, 1), else_=0)),
        )
        .join_from(Answer, QuizRun, Answer.run_id == QuizRun.id)
        .where(Answer.guild_id == guild_id, *in_channel)
        .group_by(QuizRun.question_id)
    )
    for qid, n, right in answered:
        entry = usage.setdefault(qid, _Usage())
        entry.answered, entry.correct = n, int(right or 0)
    return usage


def _pick(
    channel_id: int,
    candidates: Mapping[str, tuple[str, int]],
    usage: dict[str, _Usage],
    exclude: set[str],
    quality: Mapping[str, float] | None = None,
) -> str:
    """Never-asked questions first, then the most missed.

    ``candidates`` maps each question to its place in the notes. Among never-asked
    questions, those from the places asked least so far come first, so every term is
    asked once before a second question on it gives the first one's answer away; then
    the better ones (``quality``, the stored score to one decimal); the order among
    equals is stable per channel.
    """
    quality = quality or {}
    fresh = [qid for qid in candidates if qid not in usage]
    if fresh:
        asked_at = Counter[tuple[str, int]]()
        for qid, entry in usage.items():
            if qid in candidates:
                asked_at[candidates[qid]] += entry.asked
        return min(
            fresh,
            key=lambda qid: (
                asked_at[candidates[qid]],
                -round(quality.get(qid, 1.0), 1),
                _spread(channel_id, qid),
            ),
        )
    pool = [qid for qid in candidates if qid not in exclude] or list(candidates)

    def missed_most(qid: str) -> tuple[float, int, dt.datetime, bytes]:
        entry = usage[qid]
        ratio = entry.correct / entry.answered if entry.answered else 0.0
        oldest = entry.last_asked or dt.datetime.min.replace(tzinfo=dt.UTC)
        return (ratio, entry.asked, oldest, _spread(channel_id, qid))

    return min(pool, key=missed_most)


async def question_pool(db: Database, *, guild_id: int, channel_id: int) -> PoolStatus:
    """How many questions the channel's scope holds and how many it has never asked."""
    async with db.read() as conn:
        channel = await channel_schedule_in(conn, guild_id=guild_id, channel_id=channel_id)
        chapters = channel.chapters if channel is not None else None
        scope = await _effective_scope(conn, guild_id, chapters)
        total = (
            await conn.execute(select(func.count()).select_from(QuestionRow).where(scope))
        ).scalar_one()
        asked = (
            await conn.execute(
                select(func.count(func.distinct(QuizRun.question_id)))
                .join_from(QuizRun, QuestionRow, QuizRun.question_id == QuestionRow.id)
                .where(QuizRun.guild_id == guild_id, QuizRun.channel_id == channel_id, scope)
            )
        ).scalar_one()
    return PoolStatus(total=total, unasked=total - asked, chapters=chapters)


# ------------------------------------------------------------------------------ claiming


async def claim_run(
    db: Database,
    *,
    guild_id: int,
    channel_id: int,
    slot: dt.datetime,
    seq: int = 0,
    now: dt.datetime,
) -> tuple[RunView, bool]:
    """The run of (channel, slot, seq): created now (``True``) or already there (``False``).

    The question comes from the channel's chapter scope (by default the chapters the
    group has reached): questions never asked in the channel first, then those the
    group missed most. Raises :class:`NoQuestions` when the scope is empty.
    """
    key = (
        QuizRun.guild_id == guild_id,
        QuizRun.channel_id == channel_id,
        QuizRun.slot == slot,
        QuizRun.seq == seq,
    )
    async with db.read() as conn:
        row = (await conn.execute(run_select().where(*key))).mappings().first()
        if row is not None:
            return run_view(row), False
        channel = await channel_schedule_in(conn, guild_id=guild_id, channel_id=channel_id)
        chapters = channel.chapters if channel is not None else None
        window = channel.schedule.window if channel is not None else DEFAULT_WINDOW
        scope = await _effective_scope(conn, guild_id, chapters)
        places = select(
            QuestionRow.id, QuestionRow.source_file, QuestionRow.source_line, QuestionRow.score
        )
        candidates: dict[str, tuple[str, int]] = {}
        quality: dict[str, float] = {}
        for qid, file, line, score in await conn.execute(places.where(scope)):
            candidates[qid] = (file, line)
            quality[qid] = score
        if not candidates:
            where = "the chosen chapters" if chapters else "the loaded notes"
            raise NoQuestions(f"There are no questions to ask from {where}.")
        usage = await _usage(conn, guild_id, channel_id)
        same_slot = set(
            (
                await conn.execute(
                    select(QuizRun.question_id).where(
                        QuizRun.guild_id == guild_id,
                        QuizRun.channel_id == channel_id,
                        QuizRun.slot == slot,
                    )
                )
            ).scalars()
        )
    question_id = _pick(channel_id, candidates, usage, same_slot, quality)
    async with db.write() as conn:
        result = await conn.execute(
            insert_for(db.dialect, QuizRun)
            .values(
                guild_id=guild_id,
                channel_id=channel_id,
                slot=slot,
                seq=seq,
                question_id=question_id,
                opened_at=now,
                closes_at=slot + window,
                status=RunStatus.OPEN.value,
            )
            .on_conflict_do_nothing(index_elements=["channel_id", "slot", "seq"])
        )
        created = result.rowcount == 1
        row = (await conn.execute(run_select().where(*key))).mappings().one()
    if created:
        log.info("run %s claimed: channel %s slot %s #%s", row["id"], channel_id, slot, seq)
    return run_view(row), created


async def claim_now(
    db: Database, *, guild_id: int, channel_id: int, now: dt.datetime
) -> tuple[RunView, bool]:
    """A run to post at once (``/quiz now``): created now (``True``), or the channel's
    open run claimed less than :data:`JUST_POSTED` before ``now`` (``False``).

    A double submit or two admins at once thus post one quiz. The new run's slot is
    ``now`` to the minute, so two processes in the same minute meet on its unique key
    even when neither has seen the other's claim yet.
    """
    async with db.read() as conn:
        row = (
            (
                await conn.execute(
                    run_select()
                    .where(
                        QuizRun.guild_id == guild_id,
                        QuizRun.channel_id == channel_id,
                        QuizRun.status == RunStatus.OPEN.value,
                        QuizRun.opened_at > now - JUST_POSTED,
                    )
                    .order_by(QuizRun.opened_at.desc(), QuizRun.id.desc())
                    .limit(1)
                )
            )
            .mappings()
            .first()
        )
    if row is not None:
        return run_view(row), False
    return await claim_run(
        db,
        guild_id=guild_id,
        channel_id=channel_id,
        slot=now.replace(second=0, microsecond=0),
        now=now,
    )


# ------------------------------------------------------------------------------ answering


@dataclass(slots=True)
class _Pending:
    run_id: int
    member_id: int
    display_name: str
    choice: str
    at: dt.datetime


def _judge(question: Question, choice: str) -> bool:
    if question.choices is not None:
        return choice == question.answer
    return is_correct(choice, question.accepted)


@group_commit(ANSWER_WRITER, max_batch=MAX_ANSWER_BATCH)
async def _store_answers(db: Database, batch: Sequence[_Pending]) -> list[AnswerResult]:
    """Store a batch of answers in one transaction; results in batch order."""
    run_ids = sorted({item.run_id for item in batch})
    async with db.write() as conn:
        # FOR SHARE (PostgreSQL) keeps a concurrent close_run waiting until this commits.
        rows = await conn.execute(
            run_select().where(QuizRun.id.in_(run_ids)).with_for_update(read=True, of=QuizRun)
        )
        runs = {row["id"]: run_view(row) for row in rows.mappings()}
        results: list[AnswerResult | None] = [None] * len(batch)
        fresh: dict[tuple[int, int], int] = {}  # (run, member) -> index of the first try
        judged: dict[int, bool] = {}  # index -> whether that answer is right
        values: list[dict[str, Any]] = []
        names: dict[tuple[int, int], str] = {}
        for index, item in enumerate(batch):
            run = runs.get(item.run_id)
            if run is None:
                results[index] = AnswerResult(AnswerStatus.UNKNOWN_RUN, None, None)
                continue
            key = (item.run_id, item.member_id)
            if key in fresh:
                continue  # a double click inside the batch: decided after the insert
            if run.status is not RunStatus.OPEN or item.at >= run.closes_at:
                continue  # closed unless already answered: decided below
            fresh[key] = index
            judged[index] = _judge(run.question, item.choice)
            values.append(
                {
                    "run_id": item.run_id,
                    "member_id": item.member_id,
                    "guild_id": run.guild_id,
                    "choice": item.choice,
                    "correct": judged[index],
                    "answered_at": item.at,
                }
            )
            names[(run.guild_id, item.member_id)] = item.display_name
        inserted: set[tuple[int, int]] = set()
        if values:
            # Rows in key order, so concurrent writers lock in the same order (no deadlock).
            values.sort(key=lambda v: (v["run_id"], v["member_id"]))
            # executemany: compiled once and cached, sent as multi-row batches.
            stored = await conn.execute(
                insert_for(db.dialect, Answer)
                .on_conflict_do_nothing(index_elements=["run_id", "member_id"])
                .returning(Answer.run_id, Answer.member_id),
                values,
            )
            inserted = {(r, m) for r, m in stored}
        if inserted:
            answered = {(runs[run_id].guild_id, member) for run_id, member in inserted}
            members = [
                {"guild_id": guild, "member_id": member, "display_name": name}
                for (guild, member), name in sorted(names.items())
                if (guild, member) in answered
            ]
            upsert = insert_for(db.dialect, Member)
            await conn.execute(
                upsert.on_conflict_do_update(
                    index_elements=["guild_id", "member_id"],
                    set_={"display_name": upsert.excluded.display_name},
                ),
                members,
            )
        # Everything not inserted now: an earlier answer exists, or the run is closed.
        undecided = [
            (index, item)
            for index, item in enumerate(batch)
            if results[index] is None
            and not (
                (item.run_id, item.member_id) in inserted
                and fresh.get((item.run_id, item.member_id)) == index
            )
        ]
        earlier: dict[tuple[int, int], str] = {}
        if undecided:
            keys = {(item.run_id, item.member_id) for _, item in undecided}
            found = await conn.execute(
                select(Answer.run_id, Answer.member_id, Answer.choice).where(
                    tuple_(Answer.run_id, Answer.member_id).in_(list(keys))
                )
            )
            earlier = {(r, m): choice for r, m, choice in found}
    for index, item in enumerate(batch):
        if results[index] is not None:
            continue
        run = runs[item.run_id]
        key = (item.run_id, item.member_id)
        if key in inserted and fresh.get(key) == index:
            status = AnswerStatus.CORRECT if judged[index] else AnswerStatus.WRONG
            results[index] = AnswerResult(status, run, item.choice)
        elif key in earlier:
            results[index] = AnswerResult(AnswerStatus.ALREADY_ANSWERED, run, earlier[key])
        else:
            results[index] = AnswerResult(AnswerStatus.CLOSED, run, None)
    return [result for result in results if result is not None]


async def record_answer(
    db: Database,
    *,
    run_id: int,
    member_id: int,
    display_name: str,
    choice: str,
    at: dt.datetime,
) -> AnswerResult:
    """Store a member's answer; only the first one counts.

    ``choice`` is the chosen option's text, or a typed answer (matched against the
    accepted answers). Returns CORRECT or WRONG for a stored answer, ALREADY_ANSWERED
    with the first answer, CLOSED after the deadline, UNKNOWN_RUN for a missing run.
    """
    if at.tzinfo is None:
        raise ValueError("answer times must be timezone-aware")
    pending = _Pending(run_id, member_id, display_name, choice, at)
    result: AnswerResult = await db.writer(ANSWER_WRITER).submit(pending)
    return result


# ------------------------------------------------------------------------------ closing


@dataclass(slots=True)
class _Scored:
    member: MemberRef
    choice: str
    correct: bool
    answered_at: dt.datetime
    points: int


async def close_run(db: Database, *, run_id: int, at: dt.datetime) -> Reveal | None:
    """Close the run and apply its points and streaks, once; ``None`` if already closed."""
    async with db.write() as conn:
        closed = await conn.execute(
            update(QuizRun)
            .where(QuizRun.id == run_id, QuizRun.status == RunStatus.OPEN.value)
            .values(status=RunStatus.CLOSED.value, closed_at=at)
        )
        if closed.rowcount != 1:
            return None
        run = run_view(
            (await conn.execute(run_select().where(QuizRun.id == run_id))).mappings().one()
        )
        channel = await channel_schedule_in(conn, guild_id=run.guild_id, channel_id=run.channel_id)
        schedule = channel.schedule if channel is not None else None
        timezone = schedule.timezone if schedule is not None else "UTC"
        start = run.started_at
        window = run.closes_at - start
        rows = (
            await conn.execute(
                select(
                    Answer.member_id,
                    Answer.choice,
                    Answer.correct,
                    Answer.answered_at,
                    Member.display_name,
                    Member.last_quiz_day,
                    Member.current_streak,
                    Member.best_streak,
                )
                .join_from(
                    Answer,
                    Member,
                    and_(Member.guild_id == Answer.guild_id, Member.member_id == Answer.member_id),
                )
                .where(Answer.run_id == run_id, Answer.guild_id == run.guild_id)
                .order_by(Answer.answered_at, Answer.member_id)
            )
        ).all()
        day = local_day(run.slot, timezone)
        before = (
            previous_quiz_day(schedule, day) if schedule is not None else day - dt.timedelta(days=1)
        )
        scored: list[_Scored] = []
        totals: list[dict[str, Any]] = []
        milestones: list[tuple[MemberRef, int]] = []
        for row in rows:
            ref = MemberRef(row.member_id, row.display_name)
            points = points_for(correct=row.correct, elapsed=row.answered_at - start, window=window)
            scored.append(_Scored(ref, row.choice, row.correct, row.answered_at, points))
            state = StreakState(row.last_quiz_day, row.current_streak, row.best_streak)
            if row.correct:
                after = extend_streak(state, day=day, previous_quiz_day=before)
                if after != state:
                    milestones.extend(
                        (ref, m) for m in milestones_crossed(after.current - 1, after.current)
                    )
                state = after
            totals.append(
                {
                    "b_member": row.member_id,
                    "b_points": points,
                    "b_correct": int(row.correct),
                    "b_streak": state.current,
                    "b_best": state.best,
                    "b_day": state.last_day,
                    "b_channel": run.channel_id if row.correct else None,
                }
            )
        if scored:
            totals.sort(key=lambda t: t["b_member"])  # the writers' lock order
            await _store_points(conn, run, totals)
            await _apply_totals(conn, db.dialect, run, totals, day)
            # Each answer is also a review in the member's own practice schedule.
            await record_quiz_reviews_in(
                conn,
                db.dialect,
                run,
                [(s.member.member_id, s.correct, s.answered_at) for s in scored],
            )
    counts = _counts(run.question, scored)
    right = [s for s in scored if s.correct]
    fastest = right[0] if right else None
    reveal = Reveal(
        run=replace(run, status=RunStatus.CLOSED, closed_at=at),
        answer=run.question.answer,
        explanation=run.question.explanation,
        source=run.question.source,
        counts=counts,
        correct=[s.member for s in right],
        wrong=[s.member for s in scored if not s.correct],
        fastest=fastest.member if fastest else None,
        fastest_seconds=(
            max(0.0, (fastest.answered_at - run.started_at).total_seconds()) if fastest else None
        ),
        points={s.member.member_id: s.points for s in scored},
        milestones=milestones,
    )
    log.info("run %s closed: %d answers, %d right", run_id, len(scored), len(right))
    return reveal


def _counts(question: Question, scored: Sequence[_Scored]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(question.choices or (), 0)
    for s in scored:
        counts[s.choice] = counts.get(s.choice, 0) + 1
    return counts


async def _store_points(conn: AsyncConnection, run: RunView, totals: list[dict[str, Any]]) -> None:
    """Write each answer's points on it (a wrong answer keeps its 0)."""
    earned = [t for t in totals if t["b_points"]]
    if not earned:
        return
    a = Answer.__table__.c
    await conn.execute(
        update(Answer.__table__)
        .where(
            a.run_id == run.id,
            a.guild_id == run.guild_id,
            a.member_id == bindparam("b_member"),
        )
        .values(points=bindparam("b_points")),
        earned,
    )


async def _apply_totals(
    conn: AsyncConnection,
    dialect: str,
    run: RunView,
    totals: list[dict[str, Any]],
    day: dt.date,
) -> None:
    m = Member.__table__.c
    await conn.execute(
        update(Member.__table__)
        .where(m.guild_id == run.guild_id, m.member_id == bindparam("b_member"))
        .values(
            points=m.points + bindparam("b_points"),
            answered=m.answered + 1,
            correct=m.correct + bindparam("b_correct"),
            accuracy=cast(m.correct + bindparam("b_correct"), Float) / (m.answered + 1),
            current_streak=bindparam("b_streak"),
            best_streak=bindparam("b_best"),
            last_quiz_day=bindparam("b_day"),
            streak_channel_id=func.coalesce(bindparam("b_channel"), m.streak_channel_id),
        ),
        totals,
    )
    period_rows = [
        {
            "guild_id": run.guild_id,
            "period_kind": kind,
            "period_start": period_start(kind, day),
            "member_id": t["b_member"],
            "points": t["b_points"],
            "answered": 1,
            "correct": t["b_correct"],
            "accuracy": accuracy(t["b_correct"], 1),
        }
        for kind in ("week", "month")
        for t in totals
    ]
    upsert = insert_for(dialect, MemberPeriod).values(period_rows)
    p = MemberPeriod.__table__.c
    await conn.execute(
        upsert.on_conflict_do_update(
            index_elements=["guild_id", "period_kind", "period_start", "member_id"],
            set_={
                "points": p.points + upsert.excluded.points,
                "answered": p.answered + upsert.excluded.answered,
                "correct": p.correct + upsert.excluded.correct,
                "accuracy": cast(p.correct + upsert.excluded.correct, Float)
                / (p.answered + upsert.excluded.answered),
            },
        )
    )
