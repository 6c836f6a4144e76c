"""Real flashcard decks and Red trivia lists from the shared corpus read as their authors meant."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.core.formats.flashcards import BLANK, parse_cards
from bot.core.formats.trivia import METADATA_KEYS, parse_trivia
from bot.core.model import QuestionKind

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


def _deck(corpus_dir: Path, name: str) -> tuple[str, list, list]:
    path = corpus_dir / "flashcards" / name
    text = path.read_text(encoding="utf-8")
    cards, warnings = parse_cards(text, str(path))
    return text, cards, warnings


def test_permissions_deck_gives_every_card(corpus_dir: Path) -> None:
    """Each Q::A line and the multi-line card of a real Obsidian deck become flashcards."""
    text, cards, warnings = _deck(corpus_dir, "Permissions.md")
    lines = text.splitlines()
    card_lines = [number for number, line in enumerate(lines, 1) if "::" in line]
    multi = [number - 1 for number, line in enumerate(lines, 1) if line.strip() == "?"]
    assert warnings == []
    assert {card.kind for card in cards} == {QuestionKind.FLASHCARD}
    assert [card.line for card in cards] == sorted(card_lines + multi)
    for card in cards:
        assert lines[card.line - 1].startswith(card.prompt.rstrip("?")[:20])
        for answer in card.answers:
            assert "SR:" not in answer
            assert "<!--" not in answer
            assert "`" not in answer
    multiline = next(card for card in cards if card.line in multi)
    assert multiline.answers[0] == "chmod 664 file or chmod ug=rw,o=r file"
    assert "chmod 664 file" in multiline.answers


def test_workloads_deck_gives_a_cloze_per_details_block(corpus_dir: Path) -> None:
    """Every <details> fill-in-the-blank of the HTML deck is a cloze card with its answer."""
    text, cards, warnings = _deck(corpus_dir, "workloads.md")
    assert warnings == []
    summaries = re.findall(r"<summary>(.*?)</summary>", text, re.DOTALL)
    assert len(summaries) == text.count("<details>") == 128
    assert len(cards) == len({" ".join(summary.split()) for summary in summaries})
    for card in cards:
        assert card.kind is QuestionKind.CLOZE
        assert BLANK in card.prompt
        assert "_____" not in card.prompt
        assert '""' not in card.prompt
        assert card.answers
        assert card.answers[0].strip()
        assert "<" not in card.prompt + card.answers[0]
    assert sum(card.prompt.count(BLANK) == 2 for card in cards) >= 2
    quoted = [card for card in cards if "deletion in progress" in card.prompt]
    assert quoted
    assert all('"deletion in progress"' in card.prompt for card in quoted)


def test_generators_note_gives_only_the_highlight_clozes(corpus_dir: Path) -> None:
    """==highlights== in a real note become clozes; code, links and tables give none."""
    text, cards, warnings = _deck(corpus_dir, "Generators.md")
    highlighted = text.count("==") // 2
    assert warnings == []
    assert highlighted == 2
    # Both highlights sit in the same words, so either answer fills the one blank.
    assert [(card.kind, card.prompt, card.answers) for card in cards] == [
        (
            QuestionKind.CLOZE,
            f"can be created with {BLANK}",
            ("generator functions", "generator expressions"),
        )
    ]


#: Notes that ask themselves questions: ``#### Q. …`` headings, ``**…?**`` lines.
SELF_QUESTIONS = {"piopoi-ch2.md": 3, "Maisy-readme.md": 2}


@pytest.mark.parametrize("folder", ["ko", "en"])
def test_ordinary_notes_give_no_flashcards(corpus_dir: Path, folder: str) -> None:
    """Notes without card syntax yield no cards; self-Q&A notes their questions; no warnings."""
    for path in sorted((corpus_dir / folder).glob("*.md")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        cards, warnings = parse_cards(text, str(path))
        assert warnings == [], path.name
        assert len(cards) == SELF_QUESTIONS.get(path.name, 0), path.name
        assert all(card.kind is QuestionKind.FLASHCARD for card in cards), path.name
