"""store each question's quality score, so a channel asks the best new questions first

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 12:00:00.000000

Questions already in the catalogue get the full score (1) until the next sync writes
the score of the loaded notes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("score", sa.Float(), server_default=sa.text("1"), nullable=False)
        )


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_column("score")
