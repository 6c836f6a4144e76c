"""Cards people write beside the :: ones: ;; cards, block ids and image-only answers."""

from __future__ import annotations

import pytest

from bot.core.formats.flashcards import parse_cards
from bot.core.model import QuestionKind
from bot.core.notes import parse_notes

FLASH = QuestionKind.FLASHCARD


def cards_of(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    cards, _ = parse_cards(text, "notes.md")
    assert {card.kind for card in cards} <= {FLASH}
    return [(card.line, card.prompt, card.answers) for card in cards]


def warnings_of(text: str) -> list[tuple[int, str]]:
    _, warnings = parse_cards(text, "notes.md")
    return [(warning.line, warning.message) for warning in warnings]


# ---------------------------------------------------------------- ;; cards


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What is a pod?;;The smallest unit", [(1, "What is a pod?", ("The smallest unit",))]),
        ("파드란?;;가장 작은 배포 단위", [(1, "파드란?", ("가장 작은 배포 단위",))]),
        ("Pod;;;파드", [(1, "Pod", ("파드",)), (1, "파드", ("Pod",))]),
        (
            "- **Node** means?;; a `machine` <!--SR:!2024-01-01,3,250-->",
            [(1, "Node means?", ("a machine",))],
        ),
        ("[[Pod;;x]] is a note;;yes", [(1, "Pod;;x is a note", ("yes",))]),
    ],
)
def test_semicolon_cards(text: str, expected: list[tuple[object, ...]]) -> None:
    """`Question;;Answer` is one card, `;;;` one each way, masked like `::` cards."""
    assert cards_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "use `a;;b` to join",
        "```\nQ;;A\n```",
        "a loop written for(;;) runs forever",
        "<!-- Q;;A --> hidden",
        "four;;;;semicolons",
    ],
)
def test_semicolons_in_code_are_not_cards(text: str) -> None:
    """`;;` inside code, comments or parentheses, or four of them, makes no card or warning."""
    assert parse_cards(text, "notes.md") == ([], [])


# ---------------------------------------------------------------- block ids and images


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What is a pod?::A group ^63d7e2", [(1, "What is a pod?", ("A group",))]),
        ("파드란? ^abc123\n?\n묶음 ^def456", [(1, "파드란?", ("묶음",))]),
        ("Node;;A machine ^n0de01", [(1, "Node", ("A machine",))]),
        ("2^10 is?::1024", [(1, "2^10 is?", ("1024",))]),
    ],
)
def test_block_ids_are_dropped(text: str, expected: list[tuple[object, ...]]) -> None:
    """Obsidian block ids never show in a prompt or an answer."""
    assert cards_of(text) == expected


def test_block_id_alone_is_no_answer() -> None:
    """A card whose answer is only a block id is skipped as having no answer."""
    assert warnings_of("What is a pod?::^63d7e2") == [
        (1, "flashcard 'What is a pod?' has no answer; skipped")
    ]


@pytest.mark.parametrize(
    ("text", "prompt"),
    [
        ("What does a pod look like?::![pod](pod.png)", "What does a pod look like?"),
        ("파드 구조는?;;![[pod.png]]", "파드 구조는?"),
    ],
)
def test_image_only_answer_is_skipped_with_a_warning(text: str, prompt: str) -> None:
    """A card answered only by an image is skipped, and the warning says why."""
    cards, warnings = parse_cards(text, "notes.md")
    assert cards == []
    assert [warning.message for warning in warnings] == [
        f"flashcard {prompt!r} has only an image as its answer; skipped"
    ]


def test_semicolon_cards_read_after_the_notes_are_the_same() -> None:
    """`;;` cards are the same whether or not the notes were parsed just before."""
    text = "# 1장\n\nPod;;파드\n\nNode;;;노드 ^abc123\n"
    alone = parse_cards(text, "notes.md")
    parse_notes(text, "notes.md")
    assert parse_cards(text, "notes.md") == alone
