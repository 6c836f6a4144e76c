"""keep the reading chapters of each server's notes apart

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 17:30:00.000000

``reading_chapters.source`` names the notes a chapter is in, as ``questions.source`` does
for questions; every chapter stored so far is the deployment folder's (``default``), so
servers on the default notes keep their chapters, check-ins and scope. The primary key
becomes ``(source, number)``: two servers' notes may both have a chapter 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _unkeyed(*, with_source: bool) -> sa.Table:
    """``reading_chapters`` as stored, without its primary key: SQLite copies the rows
    from it into a table with the new key."""
    columns = [
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("read", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    ]
    if with_source:
        source = sa.Column("source", sa.String(64), server_default="default", nullable=False)
        columns.insert(0, source)
    return sa.Table("reading_chapters", sa.MetaData(), *columns)


def upgrade() -> None:
    """Apply this revision."""
    source = sa.Column("source", sa.String(length=64), server_default="default", nullable=False)
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot change a primary key in place: the table is copied, rows and all.
        with op.batch_alter_table(
            "reading_chapters", recreate="always", copy_from=_unkeyed(with_source=False)
        ) as batch:
            batch.add_column(source, insert_before="number")
            batch.create_primary_key("pk_reading_chapters", ["source", "number"])
        return
    op.add_column("reading_chapters", source)
    op.drop_constraint(op.f("pk_reading_chapters"), "reading_chapters", type_="primary")
    op.create_primary_key(op.f("pk_reading_chapters"), "reading_chapters", ["source", "number"])


def downgrade() -> None:
    """Undo this revision (only the default notes' chapters stay)."""
    op.execute(sa.text("DELETE FROM reading_chapters WHERE source <> 'default'"))
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table(
            "reading_chapters", recreate="always", copy_from=_unkeyed(with_source=True)
        ) as batch:
            batch.drop_column("source")
            batch.create_primary_key("pk_reading_chapters", ["number"])
        return
    op.drop_constraint(op.f("pk_reading_chapters"), "reading_chapters", type_="primary")
    op.create_primary_key(op.f("pk_reading_chapters"), "reading_chapters", ["number"])
    op.drop_column("reading_chapters", "source")
