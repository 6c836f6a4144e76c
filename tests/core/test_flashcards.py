"""Flashcards written inside notes: Q::A, Q:::A, multi-line ? cards, ==cloze==, HTML blanks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.formats.flashcards import BLANK, parse_cards
from bot.core.model import QuestionKind
from bot.core.notes import parse_notes
from bot.core.questions import generate, generate_questions
from tests.core._books import with_cards

FLASH = QuestionKind.FLASHCARD
CLOZE = QuestionKind.CLOZE


def cards_of(text: str) -> list[tuple[int, QuestionKind, str, tuple[str, ...]]]:
    cards, _ = parse_cards(text, "notes.md")
    return [(card.line, card.kind, card.prompt, card.answers) for card in cards]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "What is a pod?::The smallest deployable unit",
            [(1, FLASH, "What is a pod?", ("The smallest deployable unit",))],
        ),
        (
            "- **Pod** means?:: a group of `containers` <!--SR:!2023-09-30,57,311-->",
            [(1, FLASH, "Pod means?", ("a group of containers",))],
        ),
        (
            "intro\n\nfirst?::one\nsecond?::two\n",
            [(3, FLASH, "first?", ("one",)), (4, FLASH, "second?", ("two",))],
        ),
        (
            "> Quoted?::Answer",
            [(1, FLASH, "Quoted?", ("Answer",))],
        ),
        (
            "[Pod](https://kubernetes.io)::A *set* of _containers_",
            [(1, FLASH, "Pod", ("A set of containers",))],
        ),
        (
            "파드란?::쿠버네티스에서 배포할 수 있는 가장 작은 단위",
            [(1, FLASH, "파드란?", ("쿠버네티스에서 배포할 수 있는 가장 작은 단위",))],
        ),
    ],
)
def test_single_line_cards(text: str, expected: list[tuple[object, ...]]) -> None:
    """`Question::Answer` lines become one flashcard each, as plain text."""
    assert cards_of(text) == expected


def test_flashcards_and_clozes_share_a_paragraph() -> None:
    """Card lines and highlighted lines in one paragraph each give their own card and line."""
    text = "Q::A\nthe ==cloze== line\nQ2::A2 with a==b kept\nmore ==text== here"
    assert cards_of(text) == [
        (1, FLASH, "Q", ("A",)),
        (2, CLOZE, f"the {BLANK} line", ("cloze",)),
        (3, FLASH, "Q2", ("A2 with a==b kept",)),
        (4, CLOZE, f"more {BLANK} here", ("text",)),
    ]


def test_triple_colon_gives_a_card_each_way() -> None:
    """`Q:::A` asks the answer from the question and the question from the answer."""
    assert cards_of("Pod:::파드") == [(1, FLASH, "Pod", ("파드",)), (1, FLASH, "파드", ("Pod",))]


def test_inline_code_alternatives_are_each_accepted() -> None:
    """An answer listing commands as `a` or `b` accepts the whole text and each command."""
    [(_, _, _, answers)] = cards_of("Show permissions?::`ls -l file` or `ll file`")
    assert answers == ("ls -l file or ll file", "ls -l file", "ll file")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "intro\n\nWhat are\nthe phases?\n?\nPending and\nRunning\n\nafter",
            [(3, FLASH, "What are the phases?", ("Pending and Running",))],
        ),
        (
            "Term\n??\nDefinition",
            [(1, FLASH, "Term", ("Definition",)), (1, FLASH, "Definition", ("Term",))],
        ),
        ("Q\n?\nA\n# Heading\nmore", [(1, FLASH, "Q", ("A",))]),
        ("Q\n?\nA\n<!--SR:!2023-12-04,107,305-->\n", [(1, FLASH, "Q", ("A",))]),
        (
            "Name two kinds:\n?\n- Deployment\n- StatefulSet\n\nNext",
            [(1, FLASH, "Name two kinds:", ("Deployment; StatefulSet",))],
        ),
        (
            "- Nested question\n  ?\n  nested answer",
            [(1, FLASH, "Nested question", ("nested answer",))],
        ),
    ],
)
def test_multi_line_cards(text: str, expected: list[tuple[object, ...]]) -> None:
    """Lines, a `?` line, then answer lines up to a blank line or heading make one card."""
    assert cards_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- can be created with ==generator functions==",
            [(1, CLOZE, f"can be created with {BLANK}", ("generator functions",))],
        ),
        (
            "A ==Pod== groups ==containers== on a node. Another sentence.",
            [
                (1, CLOZE, f"A {BLANK} groups containers on a node.", ("Pod",)),
                (1, CLOZE, f"A Pod groups {BLANK} on a node.", ("containers",)),
            ],
        ),
        (
            "파드는 ==컨테이너==의 묶음이다.",
            [(1, CLOZE, f"파드는 {BLANK}의 묶음이다.", ("컨테이너",))],
        ),
        (
            "First line\nand the ==second== line.",
            [(2, CLOZE, f"First line and the {BLANK} line.", ("second",))],
        ),
        (
            "**==Bold cloze==** stays readable",
            [(1, CLOZE, f"{BLANK} stays readable", ("Bold cloze",))],
        ),
        ("Run ==`kubectl`== first", [(1, CLOZE, f"Run {BLANK} first", ("kubectl",))]),
    ],
)
def test_cloze_cards(text: str, expected: list[tuple[object, ...]]) -> None:
    """Each ==highlight== hides itself in its sentence; other highlights stay as text."""
    assert cards_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "see [[== HTML ==|HTML]] for markup",
        "see [[==note==]] for more",
        "compare with `a==b==c` in code",
        "math: a==b and a==b==c hold",
        "spaced x == y == z is not a highlight",
        "triple ===z=== is not one either",
        "escaped \\==word== stays text",
        "```\nQ::A\n==hidden== here\n?\n```\nafter",
        "text\n\n```python\nQ::A\n==never closed==\n",
        "    indented::code block",
        "use `std::vector` for lists",
        "---\nq:: front matter\n---\n",
        "# Heading::not a card",
        "| a::b | ==c== |\n|---|---|\n| d | e |",
        "::: note\nA fenced div\n:::",
        "<details><summary>Click to expand</summary>hidden text</details>",
        "Just a note with no cards at all.",
        "localhost answers on ::1 and fe80::1",
        "Really\n\n?\n\nyes",
    ],
)
def test_no_card_from_code_links_math_or_markup(text: str) -> None:
    """Code, wikilinks, math, headings and front matter never produce cards or warnings."""
    cards, warnings = parse_cards(text, "notes.md")
    assert cards == []
    assert warnings == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("ok?::yes\n\nEmpty answer?::\n", 3, "no answer"),
        ("ok?::yes\n\n::Empty question\n", 3, "no question"),
        ("ok?::yes\n\nQuestion\n?\n\n", 3, "no answer"),
        ("ok?::yes\n\n==Alone==\n", 3, "no sentence"),
    ],
)
def test_empty_sides_are_skipped_with_a_warning(text: str, line: int, message: str) -> None:
    """A card with nothing to ask or answer is skipped, and the warning says where."""
    cards, warnings = parse_cards(text, "notes.md")
    assert [card.prompt for card in cards] == ["ok?"]
    assert [(w.file, w.line) for w in warnings] == [("notes.md", line)]
    assert message in warnings[0].message


DETAILS = """\
<details>
\t<summary>
\t\tA _____ runs the containers of a node's _____.
\t</summary>
\t\tkubelet
</details>

<details>
\t<summary>
\t\t"In _____ deletion, the root enters a ""deletion in progress"" state."
\t</summary>
\t\tforeground
</details>

<details>
<summary>The _____ schedules pods</summary>

kube-scheduler

</details>
"""


def test_html_fill_in_the_blank_cards() -> None:
    """`<details>` blocks with a ____ summary become cloze cards with their answer."""
    assert cards_of(DETAILS) == [
        (3, CLOZE, f"A {BLANK} runs the containers of a node's {BLANK}.", ("kubelet",)),
        (
            10,
            CLOZE,
            f'In {BLANK} deletion, the root enters a "deletion in progress" state.',
            ("foreground",),
        ),
        (16, CLOZE, f"The {BLANK} schedules pods", ("kube-scheduler",)),
    ]


def test_windows_line_endings_read_the_same() -> None:
    """A file saved with CRLF line endings gives the same cards."""
    text = "Q1::A1\n\nQ\n?\nA\n\nThe ==cloze== here\n"
    assert cards_of(text.replace("\n", "\r\n")) == cards_of(text)


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            [
                "::",
                ":::",
                "?",
                "==",
                "`",
                "```",
                "[[",
                "]]",
                "\n",
                "\n\n",
                "<details>",
                "<summary>",
                "</summary>",
                "</details>",
                "_____",
                "- ",
                "> ",
                "# ",
                "<!--SR:x-->",
                ";;",
                "**",
                "Q. ",
                "## ",
                "---",
                " ^a1b2c3",
                "![](x.png)",
                '<div markdown="1">',
                "a",
                "파드",
                " ",
            ]
        )
        | st.text(max_size=5),
        max_size=40,
    ).map("".join)
)
def test_any_text_gives_clean_cards(text: str) -> None:
    """Whatever the notes hold, parsing never fails and every card has both sides."""
    cards, warnings = parse_cards(text, "any.md")
    for card in cards:
        assert card.prompt.strip()
        assert card.answers
        assert all(answer.strip() for answer in card.answers)
        assert "<!--SR" not in "".join(card.answers)
        if card.kind is CLOZE:
            assert BLANK in card.prompt
    assert all(warning.file == "any.md" for warning in warnings)


def test_unclosed_details_does_not_swallow_later_cards() -> None:
    """A <details> missing its closing tag hides no flashcard written after it."""
    text = "<details>\n<summary>The _____ x</summary>\nno close\n\nQ::A\n\nthe ==c== d\n"
    assert cards_of(text) == [(5, FLASH, "Q", ("A",)), (7, CLOZE, f"the {BLANK} d", ("c",))]


def test_details_blank_without_answer_is_reported() -> None:
    """A fill-in-the-blank with nothing to reveal is skipped with a warning."""
    cards, warnings = parse_cards("<details><summary>The _____ x</summary></details>", "d.md")
    assert cards == []
    assert [(w.line, "hides no text" in w.message) for w in warnings] == [(1, True)]


def test_task_list_marker_is_not_part_of_the_question() -> None:
    """A card written as a task list item asks the question without the checkbox."""
    assert cards_of("- [ ] Task?::done") == [(1, FLASH, "Task?", ("done",))]


def test_same_prompt_twice_accepts_both_answers() -> None:
    """Two clozes that read the same once blanked become one card accepting either answer."""
    text = "- made with ==functions==\n- made with ==expressions==\n"
    assert cards_of(text) == [(1, CLOZE, f"made with {BLANK}", ("functions", "expressions"))]


@pytest.mark.parametrize(
    "text",
    [
        "# 1장\n\nWhat is a pod?::A unit\n\n- made of ==containers==\n\n~~old~~ Q::A\n",
        "# 1장\n\nPod\n: the smallest unit::really\n\nQ::A\n\n> - Term\n>   ~ def ==x==\n",
        "# 1장\n\n```\nQ::A\n\n## not closed\n\nW::B\n",
    ],
)
def test_cards_read_after_the_notes_are_the_same(text: str) -> None:
    """The cards of a file are the same whether or not its notes were parsed just before."""
    alone = parse_cards(text, "notes.md")
    parse_notes(text, "notes.md")
    assert parse_cards(text, "notes.md") == alone


def test_a_sentence_of_many_highlights_gives_a_bounded_number_of_cards() -> None:
    """A highlighted passage gives the first dozen clozes and one warning, not hundreds."""
    text = "Kubernetes " + " ".join(f"==word{i}==" for i in range(300)) + " here.\n"
    cards, warnings = parse_cards(text, "notes.md")
    assert [card.answers for card in cards] == [(f"word{i}",) for i in range(12)]
    assert [w.message for w in warnings] == [
        "more than 12 highlights in one sentence; the rest are not asked"
    ]


def test_highlights_in_different_sentences_each_keep_their_own_sentence() -> None:
    """Each cloze shows only its own sentence, with the other highlights as text."""
    text = "A ==Pod== runs ==containers==. A ==Service== routes traffic to pods.\n"
    assert [(card.prompt, card.answers) for card in parse_cards(text, "n.md")[0]] == [
        (f"A {BLANK} runs containers.", ("Pod",)),
        (f"A Pod runs {BLANK}.", ("containers",)),
        (f"A {BLANK} routes traffic to pods.", ("Service",)),
    ]


TWO_BLANKS = """\
# Workloads

<details>
<summary>Pods of a ____ are placed by the ____ controller, not by the scheduler.</summary>

DaemonSet

</details>
"""


def test_the_reveal_of_a_card_whose_answer_fills_two_blanks_fills_both() -> None:
    """One answer for two blanks: the reveal shows the whole sentence, no blank left."""
    book = with_cards(TWO_BLANKS, "notes.md")
    (cloze,) = [q for q in generate_questions(book) if q.kind is CLOZE]
    assert cloze.prompt.split("\n", 1)[1].count(BLANK) == 2
    assert BLANK not in cloze.explanation
    assert "Pods of a DaemonSet are placed by the DaemonSet controller" in cloze.explanation


#: A card of its own kind beside the ones a test is about.
TAINT = """\
<details>
<summary>A _____ keeps Pods off a Node unless they tolerate it.</summary>

taint

</details>
"""

AFFINITY = (
    """\
# Scheduling

<details>
<summary>Pod _____ repels Pods: an _____ to replicas on one Node spreads them.</summary>

anti-affinity

</details>

<details>
<summary>Pod _____ attracts Pods to Nodes that already run matching Pods.</summary>

affinity

</details>

"""
    + TAINT
)


def test_a_term_from_a_card_with_two_blanks_is_explained_with_both_filled() -> None:
    """The hidden word of a card is a term; its question's explanation is the card's
    sentence with every blank filled, not one left over."""
    book = with_cards(AFFINITY, "notes.md")
    asked = [q for q in generate_questions(book) if q.answer == "anti-affinity"]
    assert asked
    for question in asked:
        assert BLANK not in question.explanation, question.explanation


SPELLED = (
    """\
# Scheduling

<details>
<summary>PreemptionPolicy defaults to _____: its Pods preempt lower-priority Pods.</summary>

PreemptLowerPriority

</details>

"""
    + TAINT
)


def test_a_card_blank_its_sentence_spells_out_is_held() -> None:
    """ "… preempt lower-priority Pods" spells out PreemptLowerPriority: typing it is
    copying the sentence, so the card is held back; the other card is asked."""
    book = with_cards(SPELLED, "notes.md")
    result = generate(book)
    assert [q.answer for q in result.questions if q.kind is CLOZE] == ["taint"]
    assert "PreemptLowerPriority" not in {q.answer for q in result.questions}
    held = [(q.kind, reasons) for q, reasons in result.held if q.answer == "PreemptLowerPriority"]
    assert (CLOZE, ["the sentence spells the answer out"]) in held
