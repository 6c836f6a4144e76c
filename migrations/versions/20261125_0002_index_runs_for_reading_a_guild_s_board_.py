"""Index runs by guild and status so reading a guild's board state is a short index scan

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 23:52:57.735202
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("quiz_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quiz_runs_guild_id_channel_id_closed_at"))
        batch_op.create_index(
            batch_op.f("ix_quiz_runs_guild_id_status_channel_id_slot_closed_at"),
            ["guild_id", "status", "channel_id", "slot", "closed_at"],
            unique=False,
        )


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("quiz_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quiz_runs_guild_id_status_channel_id_slot_closed_at"))
        batch_op.create_index(
            batch_op.f("ix_quiz_runs_guild_id_channel_id_closed_at"),
            ["guild_id", "channel_id", "closed_at"],
            unique=False,
        )
