"""The Markdown notes parser: each recognised pattern on a small snippet of notes."""

from __future__ import annotations

from bot.core.model import Book, ItemKind, Term
from bot.core.notes import parse_notes


def _terms(book: Book) -> dict[str, Term]:
    return {term.name: term for chapter in book.chapters for term in chapter.terms}


def test_term_heading_with_alias_and_bullets() -> None:
    """`## 용어 - X(Y)` gives term X with alias Y, its bullets as the definition."""
    book = parse_notes("# 1장 - 소개\n## 용어 - 컨테이너 런타임(Container Runtime)\n* 도구\n", "n.md")
    term = _terms(book)["컨테이너 런타임"]
    assert term.aliases == ("Container Runtime",)
    assert [item.text for item in term.definition] == ["도구"]
    assert term.definition[0].kind == ItemKind.DEFINITION
    assert term.line == 2
