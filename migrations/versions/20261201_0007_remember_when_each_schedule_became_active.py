"""remember when each schedule became active, so slots from before it are never posted

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 13:00:00.000000

Quiz and reading reminder schedules get ``active_since``: the moment they were last set
up (or resumed), before which no slot is posted. Schedules that exist already count as
active since 1970: they were set up by a version that had already posted every slot due
then, so the only slots this leaves to catch up are those missed while the bot was down
for the upgrade, as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("quiz_channels", "reading_channels")
#: ``active_since`` of the schedules stored before this revision.
ALWAYS = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def upgrade() -> None:
    """Apply this revision."""
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("active_since", sa.DateTime(timezone=True), nullable=True)
            )
        table = sa.table(name, sa.column("active_since", sa.DateTime(timezone=True)))
        # SQLite keeps times naive (always UTC), PostgreSQL with their zone.
        value = ALWAYS.replace(tzinfo=None) if op.get_context().dialect.name == "sqlite" else ALWAYS
        op.execute(table.update().values(active_since=value))
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.alter_column(
                "active_since", existing_type=sa.DateTime(timezone=True), nullable=False
            )


def downgrade() -> None:
    """Undo this revision."""
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("active_since")
