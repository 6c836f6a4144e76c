"""give the answers of quizzes closed before the points they earned

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 14:00:00.000000

``answers.points`` is written when a quiz closes; quizzes closed before that was done
left it 0 although the members' totals counted the answer. Each right answer of a
closed quiz whose points are 0 gets the points its close added to the totals: 10 plus
the speed bonus of that time, timed from the post (the claim for runs posted before
``posted_at`` existed). The rule is copied here as it stood, so later changes to the
scoring leave this revision as it was. Nothing is undone on downgrade.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000


def _points(elapsed: dt.timedelta, window: dt.timedelta) -> int:
    """10 points and a bonus of 5 at once, falling linearly to 0 at half the window."""
    fade = window * 0.5
    if elapsed <= dt.timedelta(0):
        return 15
    if fade <= dt.timedelta(0) or elapsed >= fade:
        return 10
    return 10 + max(0, min(5, math.floor(5 * (1 - elapsed / fade) + 0.5)))


def upgrade() -> None:
    """Apply this revision."""
    stamp = sa.DateTime(timezone=True)
    runs = sa.table(
        "quiz_runs",
        sa.column("id"),
        sa.column("status"),
        *(sa.column(name, stamp) for name in ("opened_at", "posted_at", "closes_at")),
    )
    answers = sa.table(
        "answers",
        sa.column("run_id"),
        sa.column("member_id"),
        sa.column("correct", sa.Boolean()),
        sa.column("points"),
        sa.column("answered_at", stamp),
    )
    found = op.get_bind().execute(
        sa.select(
            answers.c.run_id,
            answers.c.member_id,
            answers.c.answered_at,
            sa.func.coalesce(runs.c.posted_at, runs.c.opened_at),
            runs.c.closes_at,
        )
        .join_from(answers, runs, answers.c.run_id == runs.c.id)
        .where(runs.c.status == "closed", answers.c.correct.is_(True), answers.c.points == 0)
    )
    earned = [
        {"b_run": run_id, "b_member": member_id, "b_points": _points(at - start, closes - start)}
        for run_id, member_id, at, start, closes in found
    ]
    update = (
        answers.update()
        .where(answers.c.run_id == sa.bindparam("b_run"))
        .where(answers.c.member_id == sa.bindparam("b_member"))
        .values(points=sa.bindparam("b_points"))
    )
    for first in range(0, len(earned), BATCH):
        op.get_bind().execute(update, earned[first : first + BATCH])


def downgrade() -> None:
    """Undo this revision: the points stay, as the code before it ignored them."""
