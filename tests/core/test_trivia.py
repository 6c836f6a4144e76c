"""Red-DiscordBot trivia lists (YAML) become trivia cards; broken files give one clear error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.errors import ContentError
from bot.core.formats.trivia import parse_trivia
from bot.core.model import QuestionKind

LIST = """\
AUTHOR: Someone
DESCRIPTION: >-
  Questions about containers.
  Written for the reading group.
CONFIG:
  timeout: 60
  reveal_answer: true
What runs containers on a node?:
- Container runtime
- runtime
In what year was Docker released?:
- 2013
"[Acronyms]What does OCI stand for?":
- Open Container Initiative
Is a pod the smallest deployable unit?:
- yes
Do pods share nothing?:
- false
"""


def test_every_question_becomes_a_trivia_card() -> None:
    """Each non-metadata key is one question, in file order, with its own line."""
    book = parse_trivia(LIST, "containers.yaml")
    assert [card.line for card in book.cards] == [8, 11, 13, 15, 17]
    assert {card.kind for card in book.cards} == {QuestionKind.TRIVIA}
    assert all(card.chapter is None for card in book.cards)
    assert book.warnings == []


def test_first_answer_is_revealed_and_numbers_become_text() -> None:
    """The first listed answer comes first; a bare number is accepted as its digits."""
    cards = parse_trivia(LIST, "containers.yaml").cards
    assert cards[0].answers == ("Container runtime", "runtime")
    assert cards[1].answers == ("2013",)


@pytest.mark.parametrize(
    ("value", "answers"),
    [
        ("yes", ("Yes", "True", "On")),
        ("true", ("True", "Yes", "On")),
        ("On", ("On", "True", "Yes")),
        ("false", ("False", "No", "Off")),
        ("no", ("No", "False", "Off")),
        ('"yes"', ("yes",)),  # quoted: plain text
    ],
)
def test_yaml_booleans_accept_yes_true_and_on(value: str, answers: tuple[str, ...]) -> None:
    """A YAML boolean answer accepts every spelling Red accepts, the written one first."""
    book = parse_trivia(f"Q?:\n- {value}\n", "b.yaml")
    assert book.cards[0].answers == answers


def test_category_prefix_stays_readable() -> None:
    """A [Category] prefix stays in the prompt, separated from the question."""
    cards = parse_trivia(LIST, "containers.yaml").cards
    assert cards[2].prompt == "[Acronyms] What does OCI stand for?"


def test_folded_description_gives_title_and_goal() -> None:
    """The description's first sentence names the book; the whole text is its goal."""
    book = parse_trivia(LIST, "containers.yaml")
    assert book.title == "Questions about containers"
    assert book.goal == "Questions about containers. Written for the reading group."
    assert book.language == "en"


def test_title_falls_back_to_file_name() -> None:
    """A list without a description is named after its file."""
    assert parse_trivia("Q?:\n- A\n", "lists/greek.yaml").title == "greek"


def test_korean_list_is_detected() -> None:
    """A list written in Korean is marked as Korean."""
    book = parse_trivia("가장 작은 배포 단위는?:\n- 파드\n- Pod\n", "ko.yaml")
    assert book.language == "ko"


def test_answer_spelling_is_kept() -> None:
    """Answers keep the author's spelling rather than YAML's reading of them."""
    cards = parse_trivia("Hex?:\n- 0x1F\nVersion?:\n- 1.10\nWhen?:\n- 2001-02-03\n", "s.yaml").cards
    assert [card.answers for card in cards] == [("0x1F",), ("1.10",), ("2001-02-03",)]


def test_single_scalar_answer_is_accepted() -> None:
    """A question with one answer written without a list still counts."""
    assert parse_trivia("Q?: Answer\n", "s.yaml").cards[0].answers == ("Answer",)


def test_duplicate_spellings_are_kept_once() -> None:
    """Answers that differ only in spacing or case do not repeat."""
    card = parse_trivia("Q?:\n- Tahm Kench\n- tahmkench\n- Tahm\n", "s.yaml").cards[0]
    assert card.answers == ("Tahm Kench", "Tahm")


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("Good?:\n- yes\nBad?:\n  key: value\n", "not a list", 3),
        ("Good?:\n- yes\nEmpty?:\n", "no usable answer", 3),
        ("Good?:\n- yes\nEmpty?: []\n", "no usable answer", 3),
        ("Good?:\n- yes\nNested?:\n- [a, b]\n", "not text", 3),
        ("Good?:\n- yes\nPunct?:\n- '?!'\n", "cannot be typed", 3),
        ("Good?:\n- yes\nGood?:\n- no\n", "repeats line 1", 3),
        ("Good?:\n- yes\nCONFIG: [1]\n", "CONFIG", 3),
    ],
)
def test_bad_entries_are_skipped_with_a_warning(text: str, message: str, line: int) -> None:
    """A malformed entry is skipped with a warning at its line; the rest still loads."""
    book = parse_trivia(text, "w.yaml")
    assert [card.prompt for card in book.cards] == ["Good?"]
    assert len(book.warnings) == 1
    warning = book.warnings[0]
    assert (warning.file, warning.line) == ("w.yaml", line)
    assert message in warning.message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Q?:\n- [a, b\n", "line 3"),
        ("- just\n- a list\n", "top level is a list"),
        ("plain words\n", "top level is plain text"),
        ("", "empty"),
        ("a: b\n---\nc: d\n", "line 2"),
        ("a: \x00\n", "line 1"),
        ("[" * 5000, "nested too deeply"),
    ],
)
def test_unreadable_lists_raise_one_line_content_error(text: str, reason: str) -> None:
    """Text that is not a trivia list stops with a one-line error naming file and place."""
    with pytest.raises(ContentError) as caught:
        parse_trivia(text, "broken.yaml")
    assert caught.value.file == "broken.yaml"
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


@given(st.text())
def test_any_text_gives_a_book_or_a_content_error(text: str) -> None:
    """Whatever the file holds, the reader returns a book or raises ContentError only."""
    try:
        book = parse_trivia(text, "any.yaml")
    except ContentError:
        return
    assert all(card.answers and card.prompt for card in book.cards)


def test_a_bad_answer_is_dropped_and_the_question_kept() -> None:
    """One unusable answer is reported at its line; the question keeps its other answers."""
    book = parse_trivia("Q?:\n- [nested]\n- Right\n", "w.yaml")
    assert book.cards[0].answers == ("Right",)
    assert [(w.line, "not text" in w.message) for w in book.warnings] == [(2, True)]
