"""Personal practice: each member's spaced-repetition schedule of the server's questions.

Every channel-quiz answer is also a review in the answering member's schedule
(:func:`record_quiz_reviews_in`, called by :func:`bot.services.runs.close_run` in the
transaction that scores the run). A practice session asks one question at a time
(:func:`next_question`): the member's due questions, most overdue first, then new
questions from the chapters the member has reached, never beyond (their own
check-ins, else the server's quiz scope). :func:`record_practice` stores a practice
answer: it changes the schedule and the practice streak only, never points, boards
or quiz streaks.

A schedule belongs to the question's answer: once the notes change the answer, the
question is new again for everyone; a new wording of the same answer keeps it.
Questions a server may practise are chosen by one filter, :func:`practicable`.
Members may ask to be reminded once a day when practice is due
(:func:`set_reminder`, :func:`list_reminders`, :func:`claim_reminder`).

The rules (ratings, FSRS, streaks) live in :mod:`bot.core.practice`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ColumnElement

from bot.core.answers import is_correct
from bot.core.errors import (
    ChapterNotReached,
    CountOutOfRange,
    NoSuchChapter,
    NothingToPractice,
)
from bot.core.model import Question
from bot.core.practice import (
    DEFAULT_COUNT,
    DEFAULT_RETENTION,
    FORECAST_DAYS,
    LEARNING,
    MAX_COUNT,
    MISSES_DAYS,
    CardState,
    Rating,
    check_retention,
    days_until,
    practice_streak,
    rating_for,
    retrievability,
    review,
)
from bot.db.models import (
    Checkin,
    Guild,
    PracticeCard,
    PracticeReminder,
    PracticeReview,
    QuestionRow,
)
from bot.db.queries import insert_for, question_from_row
from bot.db.session import Database
from bot.services.types import RunView

__all__ = [
    "PracticeAnswer",
    "PracticeMode",
    "PracticeQuestion",
    "PracticeReminderView",
    "PracticeStats",
    "check_session",
    "claim_reminder",
    "due_count",
    "list_reminders",
    "member_practice_streak",
    "next_question",
    "practicable",
    "practice_question",
    "practice_stats",
    "record_practice",
    "record_quiz_reviews_in",
    "set_reminder",
    "set_retention",
]

log = logging.getLogger(__name__)

#: How far back the practice streak is read (a longer streak shows as this long).
STREAK_LOOKBACK_DAYS = 400


class PracticeMode(StrEnum):
    """What a session asks: due then new questions, or only recent misses."""

    DUE = "due"
    MISSES = "misses"


@dataclass(frozen=True, slots=True)
class PracticeQuestion:
    """The next question of a session; ``due`` is ``None`` for a question never reviewed."""

    question: Question
    due: dt.datetime | None


@dataclass(frozen=True, slots=True)
class PracticeAnswer:
    """What a practice answer did.

    ``recorded`` is ``False`` when the question was already answered since it was shown
    (a double click): the schedule is unchanged and ``correct`` is the stored review's.
    ``next_due`` is when the question comes back, ``days`` how many local days away.
    """

    question: Question
    correct: bool
    recorded: bool
    next_due: dt.datetime
    days: int


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


@dataclass(frozen=True, slots=True)
class PracticeStats:
    """A member's practice in one server.

    ``forecast[i]`` is how many questions fall due on the local day ``i`` days from
    today (overdue ones count today). ``retention`` is the mean FSRS retrievability of
    the reviewed questions now, ``None`` before any review.
    """

    due_today: int
    due_week: int
    reviewed: int
    retention: float | None
    forecast: tuple[int, ...]
    streak: int
    next_due: dt.datetime | None


# ---------------------------------------------------------------------- the filters


def practicable(guild_id: int) -> ColumnElement[bool]:
    """The one filter of the questions members of ``guild_id`` may practise.

    Retired questions (their notes are gone) are skipped. Questions a server retires
    or holds back for itself belong here too, so that every practice query skips them.
    """
    del guild_id  # nothing is held back per server yet
    return QuestionRow.retired_at.is_(None)


def _current() -> ColumnElement[bool]:
    """A schedule still applies: the question's answer is the one it was reviewed with."""
    return PracticeCard.answer == QuestionRow.answer


def _mine(guild_id: int, member_id: int) -> tuple[ColumnElement[bool], ...]:
    return (PracticeCard.guild_id == guild_id, PracticeCard.member_id == member_id)


_QUESTION = tuple(
    getattr(QuestionRow, name).label(f"q_{name}")
    for name in (
        "id",
        "kind",
        "language",
        "book",
        "chapter",
        "chapter_title",
        "prompt",
        "choices",
        "answer",
        "accepted",
        "explanation",
        "source_file",
        "source_line",
    )
)


def _state(row: Any) -> CardState:
    return CardState(
        state=row.state,
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=row.due,
        last_review=row.last_review,
        reviews=row.reviews,
        lapses=row.lapses,
    )


def _card_values(
    guild_id: int, member_id: int, question_id: str, answer: str, state: CardState
) -> dict[str, Any]:
    return {
        "guild_id": guild_id,
        "member_id": member_id,
        "question_id": question_id,
        "answer": answer,
        "state": state.state,
        "step": state.step,
        "stability": state.stability,
        "difficulty": state.difficulty,
        "due": state.due,
        "last_review": state.last_review,
        "reviews": state.reviews,
        "lapses": state.lapses,
    }


async def _upsert_cards(conn: AsyncConnection, dialect: str, rows: list[dict[str, Any]]) -> None:
    upsert = insert_for(dialect, PracticeCard)
    kept = ("answer", "state", "step", "stability", "difficulty", "due", "last_review")
    await conn.execute(
        upsert.on_conflict_do_update(
            index_elements=["guild_id", "member_id", "question_id"],
            set_={
                **{name: getattr(upsert.excluded, name) for name in kept},
                "reviews": upsert.excluded.reviews,
                "lapses": upsert.excluded.lapses,
            },
        ),
        rows,
    )


async def _retention_in(conn: AsyncConnection, guild_id: int) -> float:
    found = (
        await conn.execute(select(Guild.practice_retention).where(Guild.guild_id == guild_id))
    ).scalar_one_or_none()
    return float(found) if found is not None else DEFAULT_RETENTION


async def _settings_in(conn: AsyncConnection, guild_id: int) -> tuple[ZoneInfo, float]:
    """The server's time zone (UTC by default) and desired retention, in one read."""
    found = (
        await conn.execute(
            select(Guild.timezone, Guild.practice_retention).where(Guild.guild_id == guild_id)
        )
    ).first()
    if found is None:
        return ZoneInfo("UTC"), DEFAULT_RETENTION
    return ZoneInfo(found.timezone or "UTC"), float(found.practice_retention)


async def _timezone_in(conn: AsyncConnection, guild_id: int) -> ZoneInfo:
    return (await _settings_in(conn, guild_id))[0]


# ------------------------------------------------------------------ channel answers


async def record_quiz_reviews_in(
    conn: AsyncConnection,
    dialect: str,
    run: RunView,
    answers: Sequence[tuple[int, bool, dt.datetime]],
) -> None:
    """Review ``run``'s question in each answering member's schedule, on ``conn``.

    ``answers`` are ``(member_id, correct, answered_at)``; the rating comes from
    correctness and speed within the run's window (:func:`bot.core.practice.rating_for`).
    """
    if not answers:
        return
    question = run.question
    start = run.started_at
    window = run.closes_at - start
    retention = await _retention_in(conn, run.guild_id)
    members = sorted({member for member, _, _ in answers})
    # FOR UPDATE (PostgreSQL): a practice answer to the same question waits, never lost.
    found = await conn.execute(
        select(PracticeCard.__table__)
        .where(
            PracticeCard.guild_id == run.guild_id,
            PracticeCard.member_id.in_(members),
            PracticeCard.question_id == question.id,
        )
        .order_by(PracticeCard.member_id)
        .with_for_update()
    )
    cards = {row.member_id: _state(row) for row in found if row.answer == question.answer}
    values: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    for member_id, correct, answered_at in sorted(answers):
        before = cards.get(member_id)
        at = answered_at
        if before is not None and before.last_review is not None:
            at = max(at, before.last_review)
        rating = rating_for(correct=correct, elapsed=answered_at - start, window=window)
        after = review(before, rating, at=at, retention=retention)
        values.append(_card_values(run.guild_id, member_id, question.id, question.answer, after))
        reviews.append(
            _review_values(run.guild_id, member_id, question.id, "quiz", rating, correct, after)
        )
    await _upsert_cards(conn, dialect, values)
    await conn.execute(insert_for(dialect, PracticeReview), reviews)


def _review_values(
    guild_id: int,
    member_id: int,
    question_id: str,
    source: str,
    rating: Rating,
    correct: bool,
    after: CardState,
) -> dict[str, Any]:
    return {
        "guild_id": guild_id,
        "member_id": member_id,
        "question_id": question_id,
        "source": source,
        "rating": int(rating),
        "correct": correct,
        "reviewed_at": after.last_review,
        "due_after": after.due,
    }


# -------------------------------------------------------------------- the reach


async def _live_chapters(conn: AsyncConnection, guild_id: int) -> set[int]:
    found = await conn.execute(
        select(QuestionRow.chapter)
        .where(practicable(guild_id), QuestionRow.chapter.is_not(None))
        .distinct()
    )
    return {int(chapter) for chapter in found.scalars()}


async def _reach_in(conn: AsyncConnection, guild_id: int, member_id: int) -> tuple[int, ...] | None:
    """The chapters the member may practise new questions from (``None``: every chapter).

    Every chapter up to the furthest one the member checked in (reading or done);
    a member who never checked in follows the server's quiz scope.
    """
    furthest = (
        await conn.execute(
            select(func.max(Checkin.chapter)).where(
                Checkin.guild_id == guild_id, Checkin.member_id == member_id
            )
        )
    ).scalar_one_or_none()
    if furthest is not None:
        known = await _live_chapters(conn, guild_id)
        return tuple(sorted(c for c in known if c <= furthest)) or (int(furthest),)
    from bot.services.reading import scope_in

    return (await scope_in(conn, guild_id=guild_id)).chapters


async def _checked_chapter(
    conn: AsyncConnection, guild_id: int, member_id: int, chapter: int | None
) -> tuple[int, ...] | None:
    """The reach, narrowed to ``chapter`` once it is known and reached."""
    reach = await _reach_in(conn, guild_id, member_id)
    if chapter is None:
        return reach
    known = await _live_chapters(conn, guild_id)
    if chapter not in known:
        raise NoSuchChapter(chapter, tuple(sorted(known)))
    if reach is not None and chapter not in reach:
        raise ChapterNotReached(chapter)
    return (chapter,)


def _in_chapters(chapters: tuple[int, ...] | None, *, exact: bool) -> ColumnElement[bool]:
    """Questions of ``chapters``; questions outside any chapter stay in a reach."""
    if chapters is None:
        return QuestionRow.id.is_not(None)
    if exact:
        return QuestionRow.chapter.in_(list(chapters))
    return or_(QuestionRow.chapter.in_(list(chapters)), QuestionRow.chapter.is_(None))


async def check_session(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    chapter: int | None = None,
    count: int = DEFAULT_COUNT,
) -> None:
    """Refuse a session of a bad ``count`` or an unknown or unreached ``chapter``."""
    if not 1 <= count <= MAX_COUNT:
        raise CountOutOfRange(count, MAX_COUNT)
    async with db.read() as conn:
        await _checked_chapter(conn, guild_id, member_id, chapter)


# -------------------------------------------------------------------- the session


async def next_question(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    now: dt.datetime,
    chapter: int | None = None,
    mode: PracticeMode = PracticeMode.DUE,
    since: dt.datetime | None = None,
) -> PracticeQuestion:
    """The member's next practice question at ``now``.

    Due questions first, most overdue first; then (``DUE`` mode) a new question from the
    member's reach, in the notes' order. ``MISSES`` asks only questions answered wrong
    in the last :data:`MISSES_DAYS` days and not reviewed since ``since`` (the session's
    start). Raises :class:`NothingToPractice` (with the next due time) when none is left,
    :class:`NoSuchChapter` or :class:`ChapterNotReached` for a bad ``chapter``.
    """
    async with db.read() as conn:
        reach = await _checked_chapter(conn, guild_id, member_id, chapter)
        exact = chapter is not None
        if mode is PracticeMode.MISSES:
            found = await _next_miss(conn, guild_id, member_id, now, reach, exact, since)
        else:
            found = await _next_due(conn, guild_id, member_id, now, reach, exact)
            if found is None:
                found = await _next_new(conn, guild_id, member_id, reach, exact)
        if found is not None:
            return found
        raise NothingToPractice(await _next_due_at(conn, guild_id, member_id))


def _card_select() -> Any:
    return select(*_QUESTION, PracticeCard.due).join_from(
        PracticeCard, QuestionRow, PracticeCard.question_id == QuestionRow.id
    )


async def _next_due(
    conn: AsyncConnection,
    guild_id: int,
    member_id: int,
    now: dt.datetime,
    reach: tuple[int, ...] | None,
    exact: bool,
) -> PracticeQuestion | None:
    conditions = [*_mine(guild_id, member_id), PracticeCard.due <= now]
    conditions += [practicable(guild_id), _current()]
    if exact:
        conditions.append(_in_chapters(reach, exact=True))
    row = (
        await conn.execute(
            _card_select()
            .where(*conditions)
            .order_by(PracticeCard.due, PracticeCard.question_id)
            .limit(1)
        )
    ).first()
    if row is None:
        return None
    return PracticeQuestion(question_from_row(row._mapping, "q_"), row.due)


async def _next_new(
    conn: AsyncConnection,
    guild_id: int,
    member_id: int,
    reach: tuple[int, ...] | None,
    exact: bool,
) -> PracticeQuestion | None:
    scheduled = set(
        (
            await conn.execute(
                select(PracticeCard.question_id)
                .join_from(PracticeCard, QuestionRow, PracticeCard.question_id == QuestionRow.id)
                .where(*_mine(guild_id, member_id), _current())
            )
        ).scalars()
    )
    rows = await conn.execute(
        select(*_QUESTION)
        .where(practicable(guild_id), _in_chapters(reach, exact=exact))
        .order_by(
            QuestionRow.chapter.is_(None),
            QuestionRow.chapter,
            QuestionRow.source_file,
            QuestionRow.source_line,
            QuestionRow.id,
        )
    )
    for row in rows:
        if row.q_id not in scheduled:
            return PracticeQuestion(question_from_row(row._mapping, "q_"), None)
    return None


async def _next_miss(
    conn: AsyncConnection,
    guild_id: int,
    member_id: int,
    now: dt.datetime,
    reach: tuple[int, ...] | None,
    exact: bool,
    since: dt.datetime | None,
) -> PracticeQuestion | None:
    missed = (
        select(PracticeReview.question_id)
        .where(
            PracticeReview.guild_id == guild_id,
            PracticeReview.member_id == member_id,
            PracticeReview.reviewed_at >= now - dt.timedelta(days=MISSES_DAYS),
            PracticeReview.correct.is_(False),
        )
        .distinct()
    )
    conditions = [*_mine(guild_id, member_id), PracticeCard.question_id.in_(missed)]
    conditions += [practicable(guild_id), _current()]
    if since is not None:
        conditions.append(or_(PracticeCard.last_review.is_(None), PracticeCard.last_review < since))
    if exact:
        conditions.append(_in_chapters(reach, exact=True))
    row = (
        await conn.execute(
            _card_select()
            .where(*conditions)
            .order_by(PracticeCard.due, PracticeCard.question_id)
            .limit(1)
        )
    ).first()
    if row is None:
        return None
    return PracticeQuestion(question_from_row(row._mapping, "q_"), row.due)


async def _next_due_at(conn: AsyncConnection, guild_id: int, member_id: int) -> dt.datetime | None:
    row = (
        await conn.execute(
            select(PracticeCard.due)
            .join_from(PracticeCard, QuestionRow, PracticeCard.question_id == QuestionRow.id)
            .where(*_mine(guild_id, member_id), practicable(guild_id), _current())
            .order_by(PracticeCard.due)
            .limit(1)
        )
    ).first()
    return row.due if row is not None else None


async def due_count(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    now: dt.datetime,
    chapter: int | None = None,
) -> tuple[int, dt.datetime | None]:
    """How many questions are due at ``now`` (of ``chapter``), and the next due time."""
    conditions = [*_mine(guild_id, member_id), PracticeCard.due <= now]
    conditions += [practicable(guild_id), _current()]
    if chapter is not None:
        conditions.append(QuestionRow.chapter == chapter)
    async with db.read() as conn:
        count = (
            await conn.execute(
                select(func.count())
                .select_from(PracticeCard)
                .join(QuestionRow, PracticeCard.question_id == QuestionRow.id)
                .where(*conditions)
            )
        ).scalar_one()
        return int(count), await _next_due_at(conn, guild_id, member_id)


async def practice_question(db: Database, *, guild_id: int, question_id: str) -> Question | None:
    """The question as stored now, if members of ``guild_id`` may still practise it."""
    async with db.read() as conn:
        row = (
            await conn.execute(
                select(*_QUESTION).where(QuestionRow.id == question_id, practicable(guild_id))
            )
        ).first()
    return question_from_row(row._mapping, "q_") if row is not None else None


def _judge(question: Question, choice: str) -> bool:
    if question.choices is not None:
        return choice == question.answer
    return is_correct(choice, question.accepted)


async def record_practice(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    question_id: str,
    choice: str,
    at: dt.datetime,
    shown_at: dt.datetime,
) -> PracticeAnswer | None:
    """Store a practice answer to a question shown at ``shown_at``; ``None`` if it is gone.

    Only the first answer after the question was shown counts (a second click is not
    recorded again). Right → Good, wrong → Again.
    """
    if at.tzinfo is None or shown_at.tzinfo is None:
        raise ValueError("practice times must be timezone-aware")
    async with db.write() as conn:
        row = (
            await conn.execute(
                select(*_QUESTION).where(QuestionRow.id == question_id, practicable(guild_id))
            )
        ).first()
        if row is None:
            return None
        question = question_from_row(row._mapping, "q_")
        # A row to lock even for a first review, so that two answers at once (PostgreSQL)
        # take turns and the second sees the first; it is overwritten below.
        unreviewed = CardState(LEARNING, 0, None, None, at, None)
        await conn.execute(
            insert_for(db.dialect, PracticeCard)
            .values(_card_values(guild_id, member_id, question_id, question.answer, unreviewed))
            .on_conflict_do_nothing(index_elements=["guild_id", "member_id", "question_id"])
        )
        found = (
            await conn.execute(
                select(PracticeCard.__table__)
                .where(*_mine(guild_id, member_id), PracticeCard.question_id == question_id)
                .with_for_update()
            )
        ).one()
        before = (
            _state(found)
            if found.answer == question.answer and found.last_review is not None
            else None
        )
        zone, retention = await _settings_in(conn, guild_id)
        today = at.astimezone(zone).date()
        if before is not None and before.last_review is not None and before.last_review >= shown_at:
            last = (
                await conn.execute(
                    select(PracticeReview.correct)
                    .where(
                        PracticeReview.guild_id == guild_id,
                        PracticeReview.member_id == member_id,
                        PracticeReview.question_id == question_id,
                    )
                    .order_by(PracticeReview.reviewed_at.desc(), PracticeReview.id.desc())
                    .limit(1)
                )
            ).scalar_one_or_none()
            return PracticeAnswer(
                question,
                bool(last),
                False,
                before.due,
                days_until(before.due, today=today, timezone=zone),
            )
        correct = _judge(question, choice)
        rating = Rating.GOOD if correct else Rating.AGAIN
        when = max(at, before.last_review) if before and before.last_review else at
        after = review(before, rating, at=when, retention=retention)
        await _upsert_cards(
            conn,
            db.dialect,
            [_card_values(guild_id, member_id, question_id, question.answer, after)],
        )
        await conn.execute(
            insert_for(db.dialect, PracticeReview).values(
                _review_values(guild_id, member_id, question_id, "practice", rating, correct, after)
            )
        )
    return PracticeAnswer(
        question, correct, True, after.due, days_until(after.due, today=today, timezone=zone)
    )


# ------------------------------------------------------------------ statistics


async def _practice_days(
    conn: AsyncConnection, guild_id: int, member_id: int, now: dt.datetime, zone: ZoneInfo
) -> set[dt.date]:
    stamps = await conn.execute(
        select(PracticeReview.reviewed_at).where(
            PracticeReview.guild_id == guild_id,
            PracticeReview.member_id == member_id,
            PracticeReview.reviewed_at >= now - dt.timedelta(days=STREAK_LOOKBACK_DAYS),
            PracticeReview.source == "practice",
        )
    )
    return {stamp.astimezone(zone).date() for stamp in stamps.scalars()}


async def member_practice_streak(
    db: Database, *, guild_id: int, member_id: int, now: dt.datetime
) -> int:
    """Consecutive local days (the server's time zone) with at least one practice answer."""
    async with db.read() as conn:
        zone = await _timezone_in(conn, guild_id)
        days = await _practice_days(conn, guild_id, member_id, now, zone)
    return practice_streak(days, today=now.astimezone(zone).date())


async def practice_stats(
    db: Database, *, guild_id: int, member_id: int, now: dt.datetime
) -> PracticeStats:
    """Due today and this week, questions reviewed, retention estimate, 14-day forecast."""
    async with db.read() as conn:
        zone, retention = await _settings_in(conn, guild_id)
        rows = (
            await conn.execute(
                select(PracticeCard.__table__)
                .join_from(PracticeCard, QuestionRow, PracticeCard.question_id == QuestionRow.id)
                .where(*_mine(guild_id, member_id), practicable(guild_id), _current())
            )
        ).all()
        days = await _practice_days(conn, guild_id, member_id, now, zone)
    today = now.astimezone(zone).date()
    forecast = [0] * FORECAST_DAYS
    states = [_state(row) for row in rows]
    for state in states:
        offset = days_until(state.due, today=today, timezone=zone)
        if offset < FORECAST_DAYS:
            forecast[offset] += 1
    reviewed = [s for s in states if s.last_review is not None]
    mean = (
        sum(retrievability(s, at=now, retention=retention) for s in reviewed) / len(reviewed)
        if reviewed
        else None
    )
    return PracticeStats(
        due_today=forecast[0],
        due_week=sum(forecast[:7]),
        reviewed=len(reviewed),
        retention=mean,
        forecast=tuple(forecast),
        streak=practice_streak(days, today=today),
        next_due=min((s.due for s in states), default=None),
    )


async def set_retention(db: Database, *, guild_id: int, retention: float) -> float:
    """Set the server's desired retention (0.80–0.95); later reviews are scheduled by it."""
    check_retention(retention)
    async with db.write() as conn:
        upsert = insert_for(db.dialect, Guild).values(
            guild_id=guild_id, practice_retention=retention
        )
        await conn.execute(
            upsert.on_conflict_do_update(
                index_elements=[Guild.guild_id], set_={"practice_retention": retention}
            )
        )
    return retention


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
                    *_mine(guild_id, member_id),
                    PracticeCard.due <= until,
                    practicable(guild_id),
                    _current(),
                )
            )
        ).scalar_one()
    return int(due)
