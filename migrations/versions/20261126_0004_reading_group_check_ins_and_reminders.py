"""reading group: chapters of the notes, members' reminder opt-in, reminder schedules

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 00:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "reading_chapters",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("read", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_reading_chapters")),
    )
    op.create_table(
        "reading_members",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("member_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("remind", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", "member_id", name=op.f("pk_reading_members")),
    )
    op.create_table(
        "reading_channels",
        sa.Column("channel_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("time_of_day", sa.Time(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("weekdays", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["guild_id"],
            ["guilds.guild_id"],
            name=op.f("fk_reading_channels_guild_id_guilds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("channel_id", name=op.f("pk_reading_channels")),
    )
    with op.batch_alter_table("reading_channels", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reading_channels_guild_id"), ["guild_id"], unique=False
        )
    op.create_table(
        "reading_reminders",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("slot", sa.DateTime(timezone=True), nullable=False),
        sa.Column("chapter", sa.Integer(), nullable=True),
        sa.Column("summary_week", sa.Date(), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reading_reminders")),
        sa.UniqueConstraint(
            "channel_id", "slot", name=op.f("uq_reading_reminders_channel_id_slot")
        ),
    )
    with op.batch_alter_table("reading_reminders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reading_reminders_guild_id_slot"), ["guild_id", "slot"], unique=False
        )


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("reading_reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reading_reminders_guild_id_slot"))
    op.drop_table("reading_reminders")
    with op.batch_alter_table("reading_channels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reading_channels_guild_id"))
    op.drop_table("reading_channels")
    op.drop_table("reading_members")
    op.drop_table("reading_chapters")
