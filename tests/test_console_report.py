"""Reporting a question from the terminal game: ``report`` (or ``신고``) after a reveal."""

from __future__ import annotations

import re

import pytest

from bot.config import Settings
from bot.core.review import ReportReason
from bot.db import Database
from bot.services import reviews
from tests.test_console import game, settings, summary, use_questions

__all__ = ["settings", "use_questions"]


async def _queue(settings: Settings) -> reviews.ReviewPage:
    db = Database.from_url(settings.database_url)
    try:
        return await reviews.review_queue(db, guild_id=0)
    finally:
        await db.dispose()


@pytest.mark.usefixtures("use_questions")
async def test_report_after_a_reveal_reports_that_question_and_asks_again(
    settings: Settings,
) -> None:
    """`report unclear …` after a reveal stores a report of the revealed question and the
    next question is still answered from the next line."""
    code, output = await game(
        settings, "alice", "A\nreport unclear two terms fit\nA\n", questions=2
    )
    assert code == 0
    assert "Thank you: your report of the last question is noted." in output
    assert summary(output) == (2, 2, summary(output)[2])  # the report cost no answer
    first = re.search(r"Which term means thing number (\d+)\?", output)
    assert first is not None
    (item,) = (await _queue(settings)).items
    assert item.question.id == f"test-en-{first[1]}"
    assert [(r.reason, r.comment) for r in item.reports] == [
        (ReportReason.UNCLEAR, "two terms fit")
    ]


@pytest.mark.usefixtures("use_questions")
async def test_report_without_a_reason_or_before_any_reveal_stores_nothing(
    settings: Settings,
) -> None:
    """A report before anything was revealed, or without a known reason, is explained and
    stores nothing; a Korean `신고` with a reason works like `report`."""
    code, output = await game(settings, "bob", "report wrong\nA\n신고\n신고 오답\nA\n", questions=2)
    assert code == 0
    assert "There is no revealed question to report yet." in output
    assert "Report with a reason" in output
    assert summary(output)[:2] == (2, 2)
    (item,) = (await _queue(settings)).items
    assert [r.reason for r in item.reports] == [ReportReason.WRONG]


@pytest.mark.usefixtures("use_questions")
async def test_the_last_question_of_a_game_can_be_reported_too(settings: Settings) -> None:
    """After the last reveal the game waits for one more line: a report of that question
    is stored, and the summary follows; without one the game ends at once."""
    code, output = await game(settings, "carol", "A\nreport wrong the key is B\n", questions=1)
    assert code == 0
    assert "That was the last question." in output
    assert "Thank you: your report of the last question is noted." in output
    assert summary(output)[:2] == (1, 1)
    (item,) = (await _queue(settings)).items
    assert [(r.reason, r.comment) for r in item.reports] == [(ReportReason.WRONG, "the key is B")]
