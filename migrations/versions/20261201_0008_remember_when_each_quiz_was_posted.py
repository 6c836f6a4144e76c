"""remember when each quiz was posted, so the speed bonus counts from the post

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 13:30:00.000000

``quiz_runs.posted_at`` is when the run's message was sent; a post Discord refused
goes out later than the claim (``opened_at``). Runs posted already get their claim
time, which is what their speed bonus counted from.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("quiz_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("posted_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE quiz_runs SET posted_at = opened_at WHERE message_id IS NOT NULL")


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("quiz_runs", schema=None) as batch_op:
        batch_op.drop_column("posted_at")
