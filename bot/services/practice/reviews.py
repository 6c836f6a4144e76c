"""Reviews: every channel-quiz answer and every practice answer, stored in the schedule.

:func:`record_quiz_reviews_in` runs inside :func:`bot.services.runs.close_run`'s
transaction and rates each answer by correctness and speed; :func:`record_practice`
stores a practice answer (right → Good, wrong → Again), once per showing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.answers import is_correct
from bot.core.model import Question
from bot.core.practice import (
    LEARNING,
    CardState,
    Rating,
    days_until,
    rating_for,
    review,
)
from bot.db.models import (
    PracticeCard,
    PracticeReview,
    QuestionRow,
)
from bot.db.queries import insert_for, question_from_row
from bot.db.session import Database
from bot.services.practice._store import (
    QUESTION_COLUMNS,
    card_state,
    card_values,
    member_cards,
    practicable,
    retention_in,
    review_values,
    settings_in,
    upsert_cards,
)
from bot.services.types import RunView

__all__ = ["PracticeAnswer", "practice_question", "record_practice", "record_quiz_reviews_in"]


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
    retention = await retention_in(conn, run.guild_id)
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
    cards = {row.member_id: card_state(row) for row in found if row.answer == question.answer}
    values: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    for member_id, correct, answered_at in sorted(answers):
        before = cards.get(member_id)
        at = answered_at
        if before is not None and before.last_review is not None:
            at = max(at, before.last_review)
        rating = rating_for(correct=correct, elapsed=answered_at - start, window=window)
        after = review(before, rating, at=at, retention=retention)
        values.append(card_values(run.guild_id, member_id, question.id, question.answer, after))
        reviews.append(
            review_values(run.guild_id, member_id, question.id, "quiz", rating, correct, after)
        )
    await upsert_cards(conn, dialect, values)
    await conn.execute(insert_for(dialect, PracticeReview), reviews)


async def practice_question(db: Database, *, guild_id: int, question_id: str) -> Question | None:
    """The question as stored now, if members of ``guild_id`` may still practise it."""
    async with db.read() as conn:
        row = (
            await conn.execute(
                select(*QUESTION_COLUMNS).where(
                    QuestionRow.id == question_id, practicable(guild_id)
                )
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
                select(*QUESTION_COLUMNS).where(
                    QuestionRow.id == question_id, practicable(guild_id)
                )
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
            .values(card_values(guild_id, member_id, question_id, question.answer, unreviewed))
            .on_conflict_do_nothing(index_elements=["guild_id", "member_id", "question_id"])
        )
        found = (
            await conn.execute(
                select(PracticeCard.__table__)
                .where(*member_cards(guild_id, member_id), PracticeCard.question_id == question_id)
                .with_for_update()
            )
        ).one()
        before = (
            card_state(found)
            if found.answer == question.answer and found.last_review is not None
            else None
        )
        zone, retention = await settings_in(conn, guild_id)
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
        await upsert_cards(
            conn,
            db.dialect,
            [card_values(guild_id, member_id, question_id, question.answer, after)],
        )
        await conn.execute(
            insert_for(db.dialect, PracticeReview).values(
                review_values(guild_id, member_id, question_id, "practice", rating, correct, after)
            )
        )
    return PracticeAnswer(
        question, correct, True, after.due, days_until(after.due, today=today, timezone=zone)
    )
