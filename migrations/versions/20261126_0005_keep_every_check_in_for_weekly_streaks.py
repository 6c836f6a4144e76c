"""keep every check-in (not only the latest per chapter) for weekly check-in streaks

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 00:40:00.000000

Existing check-ins are copied in as one event at their creation and, when it differs,
one at their last update: the weeks the streak counted before this revision.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "checkin_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=False),
        sa.Column("chapter", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_events")),
    )
    with op.batch_alter_table("checkin_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checkin_events_guild_id_member_id_at"),
            ["guild_id", "member_id", "at"],
            unique=False,
        )
    op.execute(
        "INSERT INTO checkin_events (guild_id, member_id, chapter, status, at) "
        "SELECT guild_id, member_id, chapter, status, created_at FROM checkins"
    )
    op.execute(
        "INSERT INTO checkin_events (guild_id, member_id, chapter, status, at) "
        "SELECT guild_id, member_id, chapter, status, updated_at FROM checkins "
        "WHERE updated_at <> created_at"
    )


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("checkin_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkin_events_guild_id_member_id_at"))
    op.drop_table("checkin_events")
