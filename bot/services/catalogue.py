"""The question catalogue: the questions of the loaded content, kept in the database.

Runs and answers point at catalogue rows by the question's stable id. A sync adds new
questions, updates changed ones and retires questions that vanished from the notes;
nothing is deleted, so old answers keep their meaning. A changed question that is on
screen in an open quiz keeps its stored text and choices until a sync after that quiz
has closed (the next reload or start), so a click always means what the message showed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import bindparam, select, update

from bot.core.model import Question
from bot.db.models import QuestionRow, QuizRun
from bot.db.session import Database
from bot.services.types import CatalogueChange, RunStatus

__all__ = ["content_hash", "sync_catalogue"]

log = logging.getLogger(__name__)


#: What the export says about a question that a member never sees: not in the hash.
_UNSHOWN = ("term", "origin", "score")


def content_hash(question: Question) -> str:
    """A fingerprint of everything shown about a question (so edits are noticed)."""
    shown = {k: v for k, v in question.to_json().items() if k not in _UNSHOWN}
    payload = json.dumps(shown, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _values(question: Question, digest: str, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": question.id,
        "kind": str(question.kind),
        "language": question.language,
        "book": question.book,
        "chapter": question.chapter,
        "chapter_title": question.chapter_title,
        "prompt": question.prompt,
        "choices": list(question.choices) if question.choices is not None else None,
        "answer": question.answer,
        "accepted": list(question.accepted),
        "explanation": question.explanation,
        "source_file": question.source.file,
        "source_line": question.source.line,
        "content_hash": digest,
        "score": question.score,
        "updated_at": now,
        "retired_at": None,
    }


async def sync_catalogue(
    db: Database, questions: Sequence[Question], *, unreadable: Collection[str] = ()
) -> CatalogueChange:
    """Make the catalogue hold exactly ``questions`` (retiring, never deleting, the rest).

    A load that found no question at all (a missing or wrong content folder) changes
    nothing and says so (``kept``); questions of the files in ``unreadable`` (files that
    failed to load this time) are not retired (``spared``).
    """
    now = dt.datetime.now(dt.UTC)
    wanted: dict[str, Question] = {}
    for question in questions:
        if question.id in wanted:
            log.warning("question id %s appears twice; keeping the first", question.id)
            continue
        wanted[question.id] = question
    async with db.write() as conn:
        stored: dict[str, tuple[str, dt.datetime | None]] = {}
        scores: dict[str, float] = {}
        for row in await conn.execute(
            select(
                QuestionRow.id, QuestionRow.content_hash, QuestionRow.retired_at, QuestionRow.score
            )
        ):
            stored[row.id] = (row.content_hash, row.retired_at)
            scores[row.id] = row.score
        # Open quizzes of every server read these rows: their questions wait (see above).
        on_screen = set(
            (
                await conn.execute(
                    select(QuizRun.question_id).where(QuizRun.status == RunStatus.OPEN.value)
                )
            ).scalars()
        )
        added: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        rescored: list[dict[str, Any]] = []  # the same question, judged anew: not a change
        deferred = 0
        for qid, question in wanted.items():
            digest = content_hash(question)
            if qid not in stored:
                added.append(_values(question, digest, now))
            elif qid in on_screen and stored[qid][0] != digest:
                deferred += 1
            elif stored[qid] != (digest, None):
                values = _values(question, digest, now)
                values["b_id"] = values.pop("id")
                changed.append(values)
            elif abs(scores[qid] - question.score) > 1e-6:
                rescored.append({"b_id": qid, "score": question.score})
        live = [qid for qid, (_, retired) in stored.items() if retired is None]
        if not wanted and live:
            log.warning(
                "the notes gave no questions: keeping the %d questions in the catalogue", len(live)
            )
            return CatalogueChange(added=0, updated=0, retired=0, total=len(live), kept=True)
        vanished = [qid for qid in live if qid not in wanted]
        spared = 0
        if unreadable and vanished:
            files = dict(
                (
                    await conn.execute(
                        select(QuestionRow.id, QuestionRow.source_file).where(
                            QuestionRow.id.in_(vanished)
                        )
                    )
                ).all()
            )
            keep = {qid for qid in vanished if files.get(qid) in set(unreadable)}
            spared = len(keep)
            vanished = [qid for qid in vanished if qid not in keep]
            if spared:
                log.warning("%d questions of unreadable files are kept, not retired", spared)
        if added:
            await conn.execute(QuestionRow.__table__.insert(), added)
        if changed:
            table = QuestionRow.__table__
            await conn.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values({key: bindparam(key) for key in changed[0] if key != "b_id"}),
                changed,
            )
        if rescored:
            table = QuestionRow.__table__
            await conn.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(score=bindparam("score")),
                rescored,
            )
        if vanished:
            await conn.execute(
                update(QuestionRow)
                .where(QuestionRow.id.in_(vanished))
                .values(retired_at=now)
                .execution_options(synchronize_session=False)
            )
    change = CatalogueChange(
        added=len(added),
        updated=len(changed),
        retired=len(vanished),
        total=len(wanted) + spared,
        deferred=deferred,
        spared=spared,
    )
    log.info("catalogue: %s", change)
    return change
