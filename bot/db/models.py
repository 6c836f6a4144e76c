"""The tables, as typed SQLAlchemy models.

Every row belongs to a guild (``guild_id``) except the question catalogue, which is
the content itself and is shared. Running totals (``members``, ``member_periods``)
are kept up to date when a run closes so that leaderboards are indexed reads, never
aggregates over every answer.

Datetimes are stored with their time zone and always come back as aware UTC values:
:class:`UTCDateTime` is the one place that normalises them (SQLite returns naive
values).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

__all__ = [
    "NAMING_CONVENTION",
    "Answer",
    "Base",
    "Checkin",
    "Guild",
    "Member",
    "MemberPeriod",
    "NoteSource",
    "PracticeCard",
    "PracticeReminder",
    "PracticeReview",
    "QuestionHold",
    "QuestionReport",
    "QuestionRow",
    "QuizChannel",
    "QuizRun",
    "ReadingChannel",
    "ReadingChapter",
    "ReadingMember",
    "ReadingReminder",
    "ReviewDecision",
    "UTCDateTime",
    "UploadedNote",
    "as_utc",
]

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def as_utc(value: dt.datetime) -> dt.datetime:
    """``value`` as an aware UTC datetime; naive values are taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp with time zone that refuses naive input and always returns aware UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise ValueError(f"aware datetime expected, got {value!r}")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            # Stored naive (always UTC) so that SQL comparisons of text values sort right.
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return as_utc(value)


class Base(AsyncAttrs, DeclarativeBase):
    """Base of every model; the naming convention keeps migrations stable."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012
        dt.datetime: UTCDateTime(),
        int: BigInteger(),
        str: String(),
        dict[str, Any]: JSON(),
    }


class Guild(Base):
    """A Discord server (or the terminal's pretend guild) and its settings."""

    __tablename__ = "guilds"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(8), default="ko", server_default="ko")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # The desired retention of members' practice schedules (0.80–0.95).
    practice_retention: Mapped[float] = mapped_column(Float, server_default=text("0.9"))
    # When the organiser was last told that questions wait for review (``/quiz status``).
    review_notice_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class QuizChannel(Base):
    """A channel with a quiz schedule. ``weekdays`` is a bitmask: bit 0 = Monday.

    ``active_since`` is when the schedule was last set up or resumed: slots at or before
    it are never posted, so catching up only covers slots missed while the bot was down.
    """

    __tablename__ = "quiz_channels"

    channel_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    guild_id: Mapped[int] = mapped_column(ForeignKey("guilds.guild_id", ondelete="CASCADE"))
    time_of_day: Mapped[dt.time] = mapped_column(Time)
    timezone: Mapped[str] = mapped_column(String(64))
    weekdays: Mapped[int] = mapped_column(Integer)
    questions_per_run: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    window_seconds: Mapped[int] = mapped_column(Integer)
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    chapters: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)
    active_since: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index(None, "guild_id"),)


class QuestionRow(Base):
    """One question of the catalogue, synced from the content by its stable id."""

    __tablename__ = "questions"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    book: Mapped[str] = mapped_column(Text)
    chapter: Mapped[int | None] = mapped_column(Integer, nullable=True)
    chapter_title: Mapped[str] = mapped_column(Text)
    prompt: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    answer: Mapped[str] = mapped_column(Text)
    accepted: Mapped[list[str]] = mapped_column(JSON)
    explanation: Mapped[str] = mapped_column(Text)
    source_file: Mapped[str] = mapped_column(Text)
    source_line: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    # The quality score (0–1) of the notes' question: new questions are asked best first.
    score: Mapped[float] = mapped_column(Float, server_default=text("1"))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The notes the question comes from (``default``: the deployment's folder).
    source: Mapped[str] = mapped_column(String(64), server_default="default")

    __table_args__ = (Index(None, "retired_at", "chapter"), Index(None, "source", "retired_at"))


class QuizRun(Base):
    """One question posted in a channel for a scheduled slot (``seq`` numbers the questions).

    ``opened_at`` is when the run was claimed, ``posted_at`` when its message was sent
    (a refused post is sent later); the speed bonus counts from the post.
    """

    __tablename__ = "quiz_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    slot: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    question_id: Mapped[str] = mapped_column(String(128), ForeignKey("questions.id"))
    message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    status: Mapped[str] = mapped_column(String(8), default="open", server_default="open")
    posted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __table_args__ = (
        UniqueConstraint("channel_id", "slot", "seq"),
        Index(None, "status", "closes_at"),
        Index(None, "channel_id", "question_id"),
        Index(None, "guild_id", "status", "channel_id", "slot", "closed_at"),
    )


class Answer(Base):
    """A member's one answer to a run. ``points`` is what it earned, written when the run
    closes (0 until then, and for a wrong answer); the members' totals add the same."""

    __tablename__ = "answers"

    run_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_runs.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    choice: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    points: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (Index(None, "guild_id", "member_id"),)


class Member(Base):
    """A member's running totals in one guild.

    ``last_quiz_day`` is the last local quiz day with a correct answer, in the time zone
    of ``streak_channel_id`` (the channel of that answer); ``current_streak`` is the
    streak as of that day. The displayed streak is worked out from these when read.
    """

    __tablename__ = "members"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    member_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    display_name: Mapped[str] = mapped_column(Text)
    points: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    answered: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    correct: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    accuracy: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    current_streak: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    best_streak: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_quiz_day: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    streak_channel_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    __table_args__ = (
        # Each board index covers the columns its board is filtered and ordered by, so
        # building a board of 100,000 members never touches the table itself.
        Index("ix_members_points", "guild_id", "points", "member_id", "answered"),
        Index(
            "ix_members_current_streak",
            "guild_id",
            "current_streak",
            "member_id",
            "answered",
            "streak_channel_id",
            "last_quiz_day",
        ),
        Index("ix_members_accuracy", "guild_id", "accuracy", "member_id", "answered"),
    )


class MemberPeriod(Base):
    """A member's totals for one week or month (``period_start`` in the local calendar)."""

    __tablename__ = "member_periods"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    period_kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    period_start: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    member_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    points: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    answered: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    correct: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    accuracy: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")

    __table_args__ = (
        Index(
            "ix_member_periods_points",
            "guild_id",
            "period_kind",
            "period_start",
            "points",
            "member_id",
            "answered",
        ),
        Index(
            "ix_member_periods_accuracy",
            "guild_id",
            "period_kind",
            "period_start",
            "accuracy",
            "member_id",
            "answered",
        ),
    )


class Checkin(Base):
    """How far a member has read: one row per member and chapter."""

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    member_id: Mapped[int] = mapped_column(BigInteger)
    chapter: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("guild_id", "member_id", "chapter"),
        Index(None, "guild_id", "chapter"),
        Index(None, "guild_id", "member_id", "updated_at"),
    )


class ReadingChapter(Base):
    """A numbered chapter of the loaded notes, kept in step with the content.

    ``read`` is the table of contents' mark (``[X]``). Quizzes follow the reading by
    default, so the database must know the chapters too, not only the bot's memory.
    ``source`` is the catalogue key of the notes the chapter is in (see :class:`NoteSource`):
    a server sees the chapters of the notes it reads only.
    """

    __tablename__ = "reading_chapters"

    source: Mapped[str] = mapped_column(String(64), primary_key=True, server_default="default")
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(Text)
    read: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))


class ReadingMember(Base):
    """A member of the reading group: the name last seen and whether reminders ping them."""

    __tablename__ = "reading_members"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    member_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    display_name: Mapped[str] = mapped_column(Text)
    remind: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))


class ReadingChannel(Base):
    """A channel with a reading reminder schedule. ``weekdays`` is a bitmask: bit 0 = Monday.

    ``active_since`` is when the schedule was last set up: no reminder for a slot before.
    """

    __tablename__ = "reading_channels"

    channel_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    guild_id: Mapped[int] = mapped_column(ForeignKey("guilds.guild_id", ondelete="CASCADE"))
    time_of_day: Mapped[dt.time] = mapped_column(Time)
    timezone: Mapped[str] = mapped_column(String(64))
    weekdays: Mapped[int] = mapped_column(Integer)
    active_since: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index(None, "guild_id"),)


class ReadingReminder(Base):
    """One reminder of a channel for a scheduled slot; the unique key makes posting idempotent.

    ``chapter`` is the chapter of the week it named; ``summary_week`` the Monday of the
    week whose summary it carried, if any.
    """

    __tablename__ = "reading_reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    slot: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    chapter: Mapped[int | None] = mapped_column(Integer, nullable=True)
    summary_week: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    claimed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("channel_id", "slot"),
        Index(None, "guild_id", "slot"),
    )


class CheckinEvent(Base):
    """One check-in as it happened (a first one or an update), kept for the weekly streak.

    ``checkins`` holds only the latest state per member and chapter; a streak needs every
    week in which a member checked in, so each check-in also lands here. Undo removes the
    event of the check-in it undoes.
    """

    __tablename__ = "checkin_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    member_id: Mapped[int] = mapped_column(BigInteger)
    chapter: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index(None, "guild_id", "member_id", "at"),)


class PracticeCard(Base):
    """A member's spaced-repetition schedule of one question, in typed FSRS columns.

    ``answer`` is the question's answer when it was last reviewed: once the notes
    change the answer, the schedule no longer applies and the question is new again
    (a changed wording with the same answer keeps it). ``state`` is 1 learning, 2
    review, 3 relearning; ``step`` the learning step (``None`` in review).
    """

    __tablename__ = "practice_cards"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    member_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    question_id: Mapped[str] = mapped_column(
        String(128), ForeignKey("questions.id"), primary_key=True
    )
    answer: Mapped[str] = mapped_column(Text)
    state: Mapped[int] = mapped_column(Integer)
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    due: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    last_review: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    reviews: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    lapses: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (
        # "Due now for member M in guild G", most overdue first: one index range scan.
        Index("ix_practice_cards_due", "guild_id", "member_id", "due"),
    )


class PracticeReview(Base):
    """One review of a member's question: a channel-quiz answer or a practice answer.

    ``source`` is ``"quiz"`` or ``"practice"``; practice reviews never touch points,
    boards or quiz streaks, and make the practice streak.
    """

    __tablename__ = "practice_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    member_id: Mapped[int] = mapped_column(BigInteger)
    question_id: Mapped[str] = mapped_column(String(128), ForeignKey("questions.id"))
    source: Mapped[str] = mapped_column(String(8))
    rating: Mapped[int] = mapped_column(Integer)
    correct: Mapped[bool] = mapped_column(Boolean)
    reviewed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    due_after: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index(None, "guild_id", "member_id", "reviewed_at"),)


class PracticeReminder(Base):
    """A member who asked to be reminded of due practice: where, at what local time.

    ``last_sent_on`` is the local day of the last reminder; claiming a day with a
    conditional update makes the reminder once a day across restarts and processes.
    """

    __tablename__ = "practice_reminders"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    member_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    time_of_day: Mapped[dt.time] = mapped_column(Time)
    last_sent_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class QuestionReport(Base):
    """A member's report of a question in one server; a second report updates it.

    ``content_hash`` is the question's hash when reported: once the notes change the
    question, the report no longer applies (it is cleared when the review list is read).
    """

    __tablename__ = "question_reports"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    question_id: Mapped[str] = mapped_column(
        String(128), ForeignKey("questions.id"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    reason: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(String(300), nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    run_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class QuestionHold(Base):
    """A question a server does not ask: ``held`` (reported enough, until reviewed) or
    ``retired`` (by an admin, until restored).

    A hold applies to the ``content_hash`` it was made for: a question whose notes
    changed comes back. A retirement stands whatever the notes say.
    """

    __tablename__ = "question_holds"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    question_id: Mapped[str] = mapped_column(
        String(128), ForeignKey("questions.id"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(8))
    content_hash: Mapped[str] = mapped_column(String(64))
    since: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ReviewDecision(Base):
    """An admin's decision about a question of one server: who, when, which version."""

    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    question_id: Mapped[str] = mapped_column(String(128), ForeignKey("questions.id"))
    decision: Mapped[str] = mapped_column(String(8))
    member_id: Mapped[int] = mapped_column(BigInteger)
    content_hash: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index(None, "guild_id", "question_id", "decided_at"),)


class NoteSource(Base):
    """Where a server's notes come from, and how the last sync went.

    ``source`` is the key of the notes in the catalogue: ``default`` for the deployment's
    folder, one key per repository (URL, branch, folder) shared by every server that
    reads it, and one per server for uploaded files. ``url`` never holds credentials:
    the ``user:password`` (or token) a server gave with it is ``credential``, used only
    to fetch the repository again, never shown.
    """

    __tablename__ = "note_sources"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(8), server_default="default")
    source: Mapped[str] = mapped_column(String(64), server_default="default")
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    credential: Mapped[str | None] = mapped_column(Text, nullable=True)
    branch: Mapped[str | None] = mapped_column(String(255), nullable=True)
    folder: Mapped[str | None] = mapped_column(Text, nullable=True)
    synced_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    sync_ok: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    sync_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    commit: Mapped[str | None] = mapped_column(String(64), nullable=True)
    announce_channel_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    uploaders_role_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index(None, "source"),)


class UploadedNote(Base):
    """A notes file a server uploaded (``.md`` or ``.yaml``), kept whole."""

    __tablename__ = "uploaded_notes"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    uploaded_by: Mapped[int] = mapped_column(BigInteger)
