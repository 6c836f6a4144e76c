"""Service tests use the database fixtures of tests/db and a few hand-written questions."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.model import Question, QuestionKind, Source
from bot.db import Database
from bot.services.catalogue import sync_catalogue
from tests.db.conftest import db, make_db

__all__ = ["db", "make_db", "question"]

UTC = dt.UTC


def question(
    qid: str,
    *,
    chapter: int | None = 1,
    typed: bool = False,
    answer: str = "Pod",
    prompt: str | None = None,
) -> Question:
    """A small question; multiple choice unless ``typed``."""
    return Question(
        id=qid,
        kind=QuestionKind.FLASHCARD if typed else QuestionKind.TERM_FROM_DEFINITION,
        language="en",
        book="Kubernetes in Action",
        chapter=chapter,
        chapter_title=f"Chapter {chapter}",
        prompt=prompt or f"Question {qid}?",
        answer=answer,
        accepted=(answer, answer.lower()),
        explanation=f"{answer} is the answer to {qid}.",
        source=Source("notes/k8s.md", 10 + len(qid)),
        choices=None if typed else (answer, "Node", "Service", "Volume"),
    )


@pytest.fixture
async def stocked(db: Database) -> Database:
    """A migrated database whose catalogue holds questions of chapters 1 to 3."""
    await sync_catalogue(
        db,
        [question(f"c{c}q{i}", chapter=c) for c in (1, 2, 3) for i in range(3)]
        + [question("typed", chapter=1, typed=True, answer="Kubelet")],
    )
    return db
