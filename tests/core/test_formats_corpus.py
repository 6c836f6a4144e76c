"""Real flashcard decks and Red trivia lists from the shared corpus read as their authors meant."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.core.formats.trivia import METADATA_KEYS, parse_trivia

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize(
    ("name", "questions"),
    [("computers.yaml", 164), ("greekmyth.yaml", 190), ("leagueults.yaml", 141)],
)
def test_red_lists_give_one_card_per_question(corpus_dir: Path, name: str, questions: int) -> None:
    """Every question of a real Red trivia list becomes a card with its answers in order."""
    path = corpus_dir / "red-trivia" / name
    text = path.read_text(encoding="utf-8")
    book = parse_trivia(text, str(path))
    assert len(book.cards) == questions
    assert book.warnings == []
    assert book.language == "en"
    raw = yaml.safe_load(text)
    firsts = [str(answers[0]) for key, answers in raw.items() if key not in METADATA_KEYS]
    assert [card.answers[0] for card in book.cards] == firsts, "the first answer is revealed"


def test_red_list_numbers_become_text(corpus_dir: Path) -> None:
    """Bare numeric answers in a Red list are accepted as their digits."""
    path = corpus_dir / "red-trivia" / "computers.yaml"
    cards = parse_trivia(path.read_text(encoding="utf-8"), str(path)).cards
    arpanet = next(card for card in cards if "ARPANET" in card.prompt)
    assert arpanet.answers == ("1969",)
    layers = next(card for card in cards if card.prompt.startswith("How many layers"))
    assert layers.answers == ("Seven", "7")
    assert all(isinstance(answer, str) for card in cards for answer in card.answers)


def test_red_list_category_prefix_is_kept(corpus_dir: Path) -> None:
    """Category-prefixed questions keep their category, spaced from the question."""
    path = corpus_dir / "red-trivia" / "computers.yaml"
    cards = parse_trivia(path.read_text(encoding="utf-8"), str(path)).cards
    assert any(card.prompt == "[Acronyms] What does CPU stand for?" for card in cards)


def test_red_list_folded_description(corpus_dir: Path) -> None:
    """A folded DESCRIPTION block names the book and is kept whole as its goal."""
    path = corpus_dir / "red-trivia" / "leagueults.yaml"
    book = parse_trivia(path.read_text(encoding="utf-8"), str(path))
    assert book.title.startswith("In this trivia, identify the name of the LoL champion")
    assert "\n" not in book.title
    assert book.goal is not None
    assert book.goal.endswith("developed and published by Riot Games.")
    tahm = next(card for card in book.cards if "Abyssal Voyage" in card.prompt)
    assert tahm.answers == ("Tahm Kench",)
