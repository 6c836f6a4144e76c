"""give each server its own notes: a Git repository or uploaded files

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 17:00:00.000000

``questions.source`` names the notes a question comes from; every question stored so
far comes from the deployment's folder (``default``), so nothing asked or answered
changes meaning. ``note_sources`` holds each server's choice of notes (the default
folder, a Git repository or uploaded files), the last sync's result, the channel that
hears about syncs and the role that may upload. ``uploaded_notes`` holds the files a
server uploaded, so they survive restarts and serve every process.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    stamp = sa.DateTime(timezone=True)
    # A plain ADD COLUMN keeps every stored question (and what points at it) in place.
    op.add_column(
        "questions",
        sa.Column("source", sa.String(length=64), server_default="default", nullable=False),
    )
    op.create_index(op.f("ix_questions_source_retired_at"), "questions", ["source", "retired_at"])
    op.create_table(
        "note_sources",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=8), server_default="default", nullable=False),
        sa.Column("source", sa.String(length=64), server_default="default", nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("branch", sa.String(length=255), nullable=True),
        sa.Column("folder", sa.Text(), nullable=True),
        sa.Column("synced_at", stamp, nullable=True),
        sa.Column("sync_ok", sa.Boolean(), nullable=True),
        sa.Column("sync_error", sa.Text(), nullable=True),
        sa.Column("commit", sa.String(length=64), nullable=True),
        sa.Column("announce_channel_id", sa.BigInteger(), nullable=True),
        sa.Column("uploaders_role_id", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", stamp, nullable=False),
        sa.PrimaryKeyConstraint("guild_id", name=op.f("pk_note_sources")),
    )
    op.create_index(op.f("ix_note_sources_source"), "note_sources", ["source"])
    op.create_table(
        "uploaded_notes",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", stamp, nullable=False),
        sa.Column("uploaded_by", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", "name", name=op.f("pk_uploaded_notes")),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("uploaded_notes")
    op.drop_index(op.f("ix_note_sources_source"), table_name="note_sources")
    op.drop_table("note_sources")
    op.drop_index(op.f("ix_questions_source_retired_at"), table_name="questions")
    op.drop_column("questions", "source")  # SQLite 3.35+ drops in place, keeping the rows
