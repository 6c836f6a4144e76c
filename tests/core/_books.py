"""Helpers the notes tests share: a book read with its cards, every term, every item."""

from __future__ import annotations

from bot.core.formats.flashcards import parse_cards
from bot.core.model import Book, Item, Term
from bot.core.notes import parse_notes


def with_cards(text: str, name: str) -> Book:
    """The notes ``text`` read as the loader reads a file: its notes and its cards."""
    book = parse_notes(text, name)
    book.cards.extend(parse_cards(text, name)[0])
    return book


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
