"""keep members' reports of questions, held and retired questions, and review decisions

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 16:30:00.000000

``question_reports`` holds one report per (server, question, member) with the
question's content hash at report time. ``question_holds`` holds the questions a
server does not ask (``held`` after enough reports, ``retired`` by an admin), keyed by
(server, question) so that leaving them out of a pool is an index probe.
``review_decisions`` logs every decision with who made it and when.
``guilds.review_notice_at`` remembers when the organiser was told that questions wait.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    stamp = sa.DateTime(timezone=True)
    # A plain ADD COLUMN, never a copy of ``guilds`` (its schedules cascade on SQLite).
    op.add_column("guilds", sa.Column("review_notice_at", stamp, nullable=True))
    op.create_table(
        "question_reports",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("question_id", sa.String(length=128), nullable=False),
        sa.Column("member_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.String(length=300), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("reported_at", stamp, nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_question_reports_question_id_questions"),
        ),
        sa.PrimaryKeyConstraint(
            "guild_id", "question_id", "member_id", name=op.f("pk_question_reports")
        ),
    )
    op.create_table(
        "question_holds",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("question_id", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("since", stamp, nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_question_holds_question_id_questions"),
        ),
        sa.PrimaryKeyConstraint("guild_id", "question_id", name=op.f("pk_question_holds")),
    )
    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("question_id", sa.String(length=128), nullable=False),
        sa.Column("decision", sa.String(length=8), nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("decided_at", stamp, nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_review_decisions_question_id_questions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_decisions")),
    )
    op.create_index(
        op.f("ix_review_decisions_guild_id_question_id_decided_at"),
        "review_decisions",
        ["guild_id", "question_id", "decided_at"],
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index(
        op.f("ix_review_decisions_guild_id_question_id_decided_at"), table_name="review_decisions"
    )
    op.drop_table("review_decisions")
    op.drop_table("question_holds")
    op.drop_table("question_reports")
    op.drop_column("guilds", "review_notice_at")  # SQLite 3.35+ drops in place
