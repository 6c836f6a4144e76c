"""Cover the leaderboard filters in the board indexes so a board is built from the index alone

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 23:59:23.123338
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("member_periods", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_periods_accuracy"))
        batch_op.create_index(
            "ix_member_periods_accuracy",
            ["guild_id", "period_kind", "period_start", "accuracy", "member_id", "answered"],
            unique=False,
        )
        batch_op.drop_index(batch_op.f("ix_member_periods_points"))
        batch_op.create_index(
            "ix_member_periods_points",
            ["guild_id", "period_kind", "period_start", "points", "member_id", "answered"],
            unique=False,
        )

    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_members_best_streak"))
        batch_op.drop_index(batch_op.f("ix_members_accuracy"))
        batch_op.create_index(
            "ix_members_accuracy", ["guild_id", "accuracy", "member_id", "answered"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_members_current_streak"))
        batch_op.create_index(
            "ix_members_current_streak",
            [
                "guild_id",
                "current_streak",
                "member_id",
                "answered",
                "streak_channel_id",
                "last_quiz_day",
            ],
            unique=False,
        )
        batch_op.drop_index(batch_op.f("ix_members_points"))
        batch_op.create_index(
            "ix_members_points", ["guild_id", "points", "member_id", "answered"], unique=False
        )


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index("ix_members_points")
        batch_op.create_index(
            batch_op.f("ix_members_points"), ["guild_id", "points", "member_id"], unique=False
        )
        batch_op.drop_index("ix_members_current_streak")
        batch_op.create_index(
            batch_op.f("ix_members_current_streak"),
            ["guild_id", "current_streak", "member_id"],
            unique=False,
        )
        batch_op.drop_index("ix_members_accuracy")
        batch_op.create_index(
            batch_op.f("ix_members_accuracy"), ["guild_id", "accuracy", "member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_members_best_streak"),
            ["guild_id", "best_streak", "member_id"],
            unique=False,
        )

    with op.batch_alter_table("member_periods", schema=None) as batch_op:
        batch_op.drop_index("ix_member_periods_points")
        batch_op.create_index(
            batch_op.f("ix_member_periods_points"),
            ["guild_id", "period_kind", "period_start", "points", "member_id"],
            unique=False,
        )
        batch_op.drop_index("ix_member_periods_accuracy")
        batch_op.create_index(
            batch_op.f("ix_member_periods_accuracy"),
            ["guild_id", "period_kind", "period_start", "accuracy", "member_id"],
            unique=False,
        )
