"""keep the credential given with a server's repository URL for its later pulls

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 19:30:00.000000

``note_sources.url`` is stored without credentials, so a private repository given as
``https://user:token@host/...`` was fetched once and every later pull failed.
``note_sources.credential`` keeps the ``user:token`` part apart, for fetching only.
Rows stored before have none: a private repository is given again once.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("note_sources") as batch:
        batch.add_column(sa.Column("credential", sa.Text(), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("note_sources") as batch:
        batch.drop_column("credential")
