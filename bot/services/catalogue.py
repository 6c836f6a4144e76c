"""The question catalogue: the questions of the loaded content, kept in the database.

Runs and answers point at catalogue rows by the question's stable id. A sync adds new
questions, updates changed ones and retires questions that vanished from the notes;
nothing is deleted, so old answers keep their meaning. A changed question that is on
screen in an open quiz keeps its stored text and choices until a sync after that quiz
has closed (the next reload or start), so a click always means what the message showed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.core.model import Question
from bot.db.models import QuestionRow, QuizRun
from bot.db.queries import DEFAULT_SOURCE
from bot.db.session import Database
from bot.services.types import CatalogueChange, RunStatus

__all__ = ["catalogue_id", "content_hash", "sync_catalogue"]

log = logging.getLogger(__name__)


#: What the export says about a question that a member never sees: not in the hash.
_UNSHOWN = ("term", "origin", "score")


def content_hash(question: Question) -> str:
    """A fingerprint of everything shown about a question (so edits are noticed)."""
    shown = {k: v for k, v in question.to_json().items() if k not in _UNSHOWN}
    payload = json.dumps(shown, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def catalogue_id(source: str, question_id: str) -> str:
    """The catalogue's id of a question of ``source``: the notes' stable id, behind the
    source's key for every source but the deployment's folder (whose ids stay as they were).
    """
    return question_id if source == DEFAULT_SOURCE else f"{source}:{question_id}"


def _values(question: Question, digest: str, now: dt.datetime, source: str) -> dict[str, Any]:
    return {
        "id": catalogue_id(source, question.id),
        "source": source,
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


#: Rows written per transaction: between batches, answers get the write lock.
BATCH_ROWS = 500
#: Rows read per round trip while the stored catalogue is compared.
READ_ROWS = 2000
#: Questions hashed and compared between two chances for other tasks to run.
PLAN_STEP = 250


#: A stored row: content hash, retired at, quality score, source file.
_Stored = tuple[str, dt.datetime | None, float, str]


@dataclass(slots=True)
class _Plan:
    """What a sync writes, worked out in steps between which other tasks run."""

    added: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    rescored: list[dict[str, Any]] = field(default_factory=list)  # judged anew: no change
    vanished: list[str] = field(default_factory=list)
    deferred: int = 0
    spared: int = 0
    source: str = DEFAULT_SOURCE

    def compare(
        self,
        questions: Iterable[Question],
        stored: dict[str, _Stored],
        on_screen: set[str],
        now: dt.datetime,
    ) -> None:
        """Hash ``questions`` and note which are new, changed or only rescored."""
        for question in questions:
            qid = catalogue_id(self.source, question.id)
            digest = content_hash(question)
            row = stored.get(qid)
            if row is None:
                self.added.append(_values(question, digest, now, self.source))
            elif qid in on_screen and row[0] != digest:
                self.deferred += 1
            elif (row[0], row[1]) != (digest, None):
                values = _values(question, digest, now, self.source)
                values["b_id"] = values.pop("id")
                self.changed.append(values)
            elif abs(row[2] - question.score) > 1e-6:
                self.rescored.append({"b_id": qid, "score": question.score})

    def retire(
        self, wanted: Collection[str], stored: dict[str, _Stored], unreadable: Collection[str]
    ) -> None:
        """Note the live rows no longer wanted: retired, or spared if their file failed."""
        unreadable_files = set(unreadable)
        for qid, row in stored.items():
            if row[1] is not None or qid in wanted:
                continue
            if row[3] in unreadable_files:
                self.spared += 1
            else:
                self.vanished.append(qid)


async def _plan(
    wanted: dict[str, Question],
    stored: dict[str, _Stored],
    on_screen: set[str],
    unreadable: Collection[str],
    now: dt.datetime,
    source: str,
) -> _Plan:
    """Compare the loaded questions with the stored rows, ``PLAN_STEP`` at a time.

    Other tasks run between the steps. Hashing in a thread would share the interpreter
    lock with the loop and the database driver's thread, and every round trip of an
    answer would wait for it; small steps on the loop keep each wait short.
    """
    plan = _Plan(source=source)
    questions = list(wanted.values())
    for start in range(0, len(questions), PLAN_STEP):
        plan.compare(questions[start : start + PLAN_STEP], stored, on_screen, now)
        await asyncio.sleep(0)
    plan.retire(wanted, stored, unreadable)
    return plan


def _batches(rows: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), BATCH_ROWS):
        yield rows[start : start + BATCH_ROWS]


async def sync_catalogue(
    db: Database,
    questions: Sequence[Question],
    *,
    unreadable: Collection[str] = (),
    source: str = DEFAULT_SOURCE,
) -> CatalogueChange:
    """Make the catalogue of ``source`` hold exactly ``questions`` (retiring, never
    deleting, the rest); other sources' questions are left alone.

    The questions are stored under :func:`catalogue_id`, so two sources never share a
    row, and every server that reads ``source`` shares its rows.

    A load that found no question at all (a missing or wrong content folder) changes
    nothing and says so (``kept``); questions of the files in ``unreadable`` (files that
    failed to load this time) are not retired (``spared``).

    The stored rows are read in partitions, hashing and comparing run in steps of
    ``PLAN_STEP`` questions, and the changes are written in transactions of
    ``BATCH_ROWS`` rows, so answers keep being stored during the sync of a large
    catalogue and the event loop stays free.
    A new row that another process inserted meanwhile is left as it is.
    """
    now = dt.datetime.now(dt.UTC)
    wanted: dict[str, Question] = {}
    for question in questions:
        qid = catalogue_id(source, question.id)
        if qid in wanted:
            log.warning("question id %s appears twice; keeping the first", question.id)
            continue
        wanted[qid] = question
    stored: dict[str, _Stored] = {}
    async with db.read() as conn:
        result = await conn.stream(
            select(
                QuestionRow.id,
                QuestionRow.content_hash,
                QuestionRow.retired_at,
                QuestionRow.score,
                QuestionRow.source_file,
            ).where(QuestionRow.source == source)
        )
        async for rows in result.partitions(READ_ROWS):
            for row in rows:
                stored[row.id] = (row.content_hash, row.retired_at, row.score, row.source_file)
        # Open quizzes of every server read these rows: their questions wait (see above).
        on_screen = set(
            (
                await conn.execute(
                    select(QuizRun.question_id).where(QuizRun.status == RunStatus.OPEN.value)
                )
            ).scalars()
        )
    live = sum(row[1] is None for row in stored.values())
    if not wanted and live:
        log.warning("the notes gave no questions: keeping the %d questions in the catalogue", live)
        return CatalogueChange(added=0, updated=0, retired=0, total=live, kept=True)
    plan = await _plan(wanted, stored, on_screen, unreadable, now, source)
    if plan.spared:
        log.warning("%d questions of unreadable files are kept, not retired", plan.spared)
    table = QuestionRow.__table__
    insert = (sqlite_insert if db.is_sqlite else postgresql_insert)(table).on_conflict_do_nothing(
        index_elements=[table.c.id]
    )
    for batch in _batches(plan.added):
        async with db.write() as conn:
            await conn.execute(insert, list(batch))
    if plan.changed:
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values({key: bindparam(key) for key in plan.changed[0] if key != "b_id"})
        )
        for batch in _batches(plan.changed):
            async with db.write() as conn:
                await conn.execute(statement, list(batch))
    rescore = update(table).where(table.c.id == bindparam("b_id")).values(score=bindparam("score"))
    for batch in _batches(plan.rescored):
        async with db.write() as conn:
            await conn.execute(rescore, list(batch))
    for batch in _batches(plan.vanished):
        async with db.write() as conn:
            await conn.execute(
                update(QuestionRow)
                .where(QuestionRow.id.in_(list(batch)))
                .values(retired_at=now)
                .execution_options(synchronize_session=False)
            )
    change = CatalogueChange(
        added=len(plan.added),
        updated=len(plan.changed),
        retired=len(plan.vanished),
        total=len(wanted) + plan.spared,
        deferred=plan.deferred,
        spared=plan.spared,
    )
    log.info("catalogue: %s", change)
    return change
