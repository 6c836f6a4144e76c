"""keep each member's spaced-repetition schedule of every question they answered

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 15:30:00.000000

``practice_cards`` holds one row per (server, member, question) with the FSRS state in
typed columns; its index on (guild, member, due) makes "due now for this member" a
range scan. ``practice_reviews`` logs every review (channel-quiz and practice answers).
``guilds.practice_retention`` is the server's desired retention;
``practice_reminders`` the members who asked to be reminded of due practice. Existing
answers are not replayed: schedules start with the next answer.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    stamp = sa.DateTime(timezone=True)
    # A plain ADD COLUMN, never a copy of the table: on SQLite, copying ``guilds`` would
    # drop the old table and cascade to every quiz and reminder schedule that names it.
    op.add_column(
        "guilds",
        sa.Column("practice_retention", sa.Float(), server_default=sa.text("0.9"), nullable=False),
    )
    op.create_table(
        "practice_cards",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("member_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("question_id", sa.String(length=128), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("state", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", stamp, nullable=False),
        sa.Column("last_review", stamp, nullable=True),
        sa.Column("reviews", sa.Integer(), server_default="0", nullable=False),
        sa.Column("lapses", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_practice_cards_question_id_questions"),
        ),
        sa.PrimaryKeyConstraint(
            "guild_id", "member_id", "question_id", name=op.f("pk_practice_cards")
        ),
    )
    op.create_index("ix_practice_cards_due", "practice_cards", ["guild_id", "member_id", "due"])
    op.create_table(
        "practice_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=False),
        sa.Column("question_id", sa.String(length=128), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("reviewed_at", stamp, nullable=False),
        sa.Column("due_after", stamp, nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_practice_reviews_question_id_questions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_reviews")),
    )
    op.create_index(
        op.f("ix_practice_reviews_guild_id_member_id_reviewed_at"),
        "practice_reviews",
        ["guild_id", "member_id", "reviewed_at"],
    )
    op.create_table(
        "practice_reminders",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("member_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("time_of_day", sa.Time(), nullable=False),
        sa.Column("last_sent_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("guild_id", "member_id", name=op.f("pk_practice_reminders")),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("practice_reminders")
    op.drop_index(
        op.f("ix_practice_reviews_guild_id_member_id_reviewed_at"), table_name="practice_reviews"
    )
    op.drop_table("practice_reviews")
    op.drop_index("ix_practice_cards_due", table_name="practice_cards")
    op.drop_table("practice_cards")
    op.drop_column("guilds", "practice_retention")  # SQLite 3.35+ drops in place
