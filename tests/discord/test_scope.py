"""Reading the chapter scope an admin types in ``/quiz chapters``."""

from __future__ import annotations

import pytest

from bot.exts.quiz._cog import parse_chapter_scope
from bot.services.types import ALL_CHAPTERS


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("all", ALL_CHAPTERS),
        ("전체", ALL_CHAPTERS),
        ("default", None),
        ("기본", None),
        ("3", (3,)),
        ("1,3", (1, 3)),
        ("2-4", (2, 3, 4)),
        ("4, 1-2", (1, 2, 4)),
        ("1장, 3장", (1, 3)),
    ],
)
def test_scopes_are_read(given: str, expected: tuple[int, ...] | None) -> None:
    """All, default (follow the reading), single chapters, lists and ranges (also 장) are read."""
    assert parse_chapter_scope(given) == expected


@pytest.mark.parametrize("given", ["", "one", "3-1", "1-", "1,,x"])
def test_unreadable_scopes_are_refused(given: str) -> None:
    """Anything else is refused, so nothing half-understood is saved."""
    with pytest.raises(ValueError, match="chapter scope"):
        parse_chapter_scope(given)
