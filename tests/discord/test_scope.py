"""Reading the chapter scope an admin types in ``/quiz chapters``."""

from __future__ import annotations

import pytest

from bot.exts.quiz._cog import parse_chapter_scope


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("all", None),
        ("전체", None),
        ("3", (3,)),
        ("1,3", (1, 3)),
        ("2-4", (2, 3, 4)),
        ("4, 1-2", (1, 2, 4)),
        ("1장, 3장", (1, 3)),
    ],
)
def test_scopes_are_read(given: str, expected: tuple[int, ...] | None) -> None:
    """All, single chapters, lists and ranges (also with 장) are understood."""
    assert parse_chapter_scope(given) == expected


@pytest.mark.parametrize("given", ["", "one", "3-1", "1-", "1,,x"])
def test_unreadable_scopes_are_refused(given: str) -> None:
    """Anything else is refused, so nothing half-understood is saved."""
    with pytest.raises(ValueError, match="chapter scope"):
        parse_chapter_scope(given)
