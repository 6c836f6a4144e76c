"""list the chapters of the notes servers synced before chapters were kept per notes

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 19:10:00.000000

Revision 0013 kept every stored chapter with the deployment's folder, so a server
quizzing from a repository or its uploads had no chapters (no check-ins, no
``/quiz chapters``, no chapter of the week) until its notes were synced again. Its
questions are stored with their chapter's number and title: each such source without a
chapter gets one per numbered chapter of its live questions. The table of contents'
"read" marks are not in the catalogue; the next sync of the source brings them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.execute(
        sa.text(
            "INSERT INTO reading_chapters (source, number, title, read) "
            "SELECT q.source, q.chapter, MIN(q.chapter_title), false FROM questions AS q "
            "WHERE q.source <> 'default' AND q.chapter IS NOT NULL AND q.retired_at IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM reading_chapters AS r WHERE r.source = q.source) "
            "GROUP BY q.source, q.chapter"
        )
    )


def downgrade() -> None:
    """Undo this revision: nothing to undo (the chapters are what a sync would store)."""
