"""Walks over a parsed Book shared by the notes tests: every term, every item."""

from __future__ import annotations

from bot.core.model import Book, Item, Term


def terms_of(book: Book) -> dict[str, Term]:
    """Every term of the book by name."""
    return {term.name: term for chapter in book.chapters for term in chapter.terms}


def flatten(items: list[Item]) -> list[Item]:
    """The items and all their nested children, in order."""
    out = []
    for item in items:
        out.append(item)
        out.extend(flatten(item.children))
    return out


def all_items(book: Book) -> list[Item]:
    """Every item of the book: section items and terms' definitions, notes and examples."""
    out = []
    for chapter in book.chapters:
        for section in chapter.sections:
            out.extend(flatten(section.items))
            for term in section.terms:
                out.extend(flatten(term.definition + term.notes + term.examples))
    return out
