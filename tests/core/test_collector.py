"""The cycle collector is paused only while a book is read, and always resumed."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bot.core._collector import without_cycle_collection
from bot.core.formats.flashcards import parse_cards
from bot.core.notes import parse_notes
from bot.core.questions import generate

NOTES = "# 1장 - 시작\n\n## 용어 - 컨테이너(Container)\n* 애플리케이션을 격리해 실행하는 단위\n"


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_reading_a_book_leaves_the_collector_on(collector_on: None) -> None:
    """Parsing notes and cards and generating questions resume the collector after."""
    book = parse_notes(NOTES, "notes.md")
    book.cards.extend(parse_cards(NOTES, "notes.md")[0])
    generate(book)
    assert gc.isenabled()


def test_the_collector_is_off_while_working_and_back_on_after_an_error(
    collector_on: None,
) -> None:
    """The work runs with the collector paused, and an error still resumes it."""
    seen: list[bool] = []

    @without_cycle_collection
    def fail() -> None:
        seen.append(gc.isenabled())
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        fail()
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off(collector_on: None) -> None:
    """Whoever turned the collector off keeps it off: the pause does not turn it on."""
    gc.disable()
    try:
        parse_notes(NOTES, "notes.md")
        assert not gc.isenabled()
    finally:
        gc.enable()
