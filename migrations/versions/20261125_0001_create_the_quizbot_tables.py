"""create the quizbot tables

Revision ID: 0001
Revises:
Create Date: 2026-11-25 23:42:41.137832
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""

    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=False),
        sa.Column("chapter", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
        sa.UniqueConstraint(
            "guild_id", "member_id", "chapter", name=op.f("uq_checkins_guild_id_member_id_chapter")
        ),
    )
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checkins_guild_id_chapter"), ["guild_id", "chapter"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_checkins_guild_id_member_id_updated_at"),
            ["guild_id", "member_id", "updated_at"],
            unique=False,
        )

    op.create_table(
        "guilds",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(length=8), server_default="ko", nullable=False),
        sa.Column("timezone", sa.String(length=64), server_default="UTC", nullable=False),
        sa.PrimaryKeyConstraint("guild_id", name=op.f("pk_guilds")),
    )
    op.create_table(
        "member_periods",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("period_kind", sa.String(length=8), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("member_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("points", sa.Integer(), server_default="0", nullable=False),
        sa.Column("answered", sa.Integer(), server_default="0", nullable=False),
        sa.Column("correct", sa.Integer(), server_default="0", nullable=False),
        sa.Column("accuracy", sa.Float(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint(
            "guild_id", "period_kind", "period_start", "member_id", name=op.f("pk_member_periods")
        ),
    )
    with op.batch_alter_table("member_periods", schema=None) as batch_op:
        batch_op.create_index(
            "ix_member_periods_accuracy",
            ["guild_id", "period_kind", "period_start", "accuracy", "member_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_member_periods_points",
            ["guild_id", "period_kind", "period_start", "points", "member_id"],
            unique=False,
        )

    op.create_table(
        "members",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("member_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("points", sa.Integer(), server_default="0", nullable=False),
        sa.Column("answered", sa.Integer(), server_default="0", nullable=False),
        sa.Column("correct", sa.Integer(), server_default="0", nullable=False),
        sa.Column("accuracy", sa.Float(), server_default="0", nullable=False),
        sa.Column("current_streak", sa.Integer(), server_default="0", nullable=False),
        sa.Column("best_streak", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_quiz_day", sa.Date(), nullable=True),
        sa.Column("streak_channel_id", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("guild_id", "member_id", name=op.f("pk_members")),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index(
            "ix_members_accuracy", ["guild_id", "accuracy", "member_id"], unique=False
        )
        batch_op.create_index(
            "ix_members_best_streak", ["guild_id", "best_streak", "member_id"], unique=False
        )
        batch_op.create_index(
            "ix_members_current_streak", ["guild_id", "current_streak", "member_id"], unique=False
        )
        batch_op.create_index(
            "ix_members_points", ["guild_id", "points", "member_id"], unique=False
        )

    op.create_table(
        "questions",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("book", sa.Text(), nullable=False),
        sa.Column("chapter", sa.Integer(), nullable=True),
        sa.Column("chapter_title", sa.Text(), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("accepted", sa.JSON(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_questions_retired_at_chapter"), ["retired_at", "chapter"], unique=False
        )

    op.create_table(
        "quiz_channels",
        sa.Column("channel_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("time_of_day", sa.Time(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("weekdays", sa.Integer(), nullable=False),
        sa.Column("questions_per_run", sa.Integer(), server_default="1", nullable=False),
        sa.Column("window_seconds", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), server_default=sa.text("(false)"), nullable=False),
        sa.Column("chapters", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["guild_id"],
            ["guilds.guild_id"],
            name=op.f("fk_quiz_channels_guild_id_guilds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("channel_id", name=op.f("pk_quiz_channels")),
    )
    with op.batch_alter_table("quiz_channels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quiz_channels_guild_id"), ["guild_id"], unique=False)

    op.create_table(
        "quiz_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("slot", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seq", sa.Integer(), server_default="0", nullable=False),
        sa.Column("question_id", sa.String(length=128), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=8), server_default="open", nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name=op.f("fk_quiz_runs_question_id_questions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quiz_runs")),
        sa.UniqueConstraint(
            "channel_id", "slot", "seq", name=op.f("uq_quiz_runs_channel_id_slot_seq")
        ),
    )
    with op.batch_alter_table("quiz_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quiz_runs_channel_id_question_id"),
            ["channel_id", "question_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_quiz_runs_guild_id_channel_id_closed_at"),
            ["guild_id", "channel_id", "closed_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_quiz_runs_status_closes_at"), ["status", "closes_at"], unique=False
        )

    op.create_table(
        "answers",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("choice", sa.Text(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("points", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["quiz_runs.id"],
            name=op.f("fk_answers_run_id_quiz_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", "member_id", name=op.f("pk_answers")),
    )
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_answers_guild_id_member_id"), ["guild_id", "member_id"], unique=False
        )


def downgrade() -> None:
    """Undo this revision."""

    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answers_guild_id_member_id"))

    op.drop_table("answers")
    with op.batch_alter_table("quiz_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quiz_runs_status_closes_at"))
        batch_op.drop_index(batch_op.f("ix_quiz_runs_guild_id_channel_id_closed_at"))
        batch_op.drop_index(batch_op.f("ix_quiz_runs_channel_id_question_id"))

    op.drop_table("quiz_runs")
    with op.batch_alter_table("quiz_channels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quiz_channels_guild_id"))

    op.drop_table("quiz_channels")
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_questions_retired_at_chapter"))

    op.drop_table("questions")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index("ix_members_points")
        batch_op.drop_index("ix_members_current_streak")
        batch_op.drop_index("ix_members_best_streak")
        batch_op.drop_index("ix_members_accuracy")

    op.drop_table("members")
    with op.batch_alter_table("member_periods", schema=None) as batch_op:
        batch_op.drop_index("ix_member_periods_points")
        batch_op.drop_index("ix_member_periods_accuracy")

    op.drop_table("member_periods")
    op.drop_table("guilds")
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkins_guild_id_member_id_updated_at"))
        batch_op.drop_index(batch_op.f("ix_checkins_guild_id_chapter"))

    op.drop_table("checkins")
