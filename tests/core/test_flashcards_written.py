"""Questions people write with their answers: <details> Q&A, ;; cards, **bold?** and Q. headings."""

from __future__ import annotations

import pytest

from bot.core.formats.flashcards import parse_cards
from bot.core.model import QuestionKind
from bot.core.notes import parse_notes
from bot.core.questions import generate

FLASH = QuestionKind.FLASHCARD


def cards_of(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    cards, _ = parse_cards(text, "notes.md")
    assert {card.kind for card in cards} <= {FLASH}
    return [(card.line, card.prompt, card.answers) for card in cards]


def warnings_of(text: str) -> list[tuple[int, str]]:
    _, warnings = parse_cards(text, "notes.md")
    return [(warning.line, warning.message) for warning in warnings]


# ---------------------------------------------------------------- <details> interview cards

INTERVIEW_KO = """\
# 멀티 스레드

<details>
<summary>Q. ⭐⭐ 스레드와 프로세스의 차이는?</summary>
<div markdown="1">

> 스레드는 프로세스 안에서 **메모리를 공유**한다.
>
> - 스택은 따로 가진다

</div>
</details>

<details>
<summary>Q. [심화] 컨텍스트 스위칭이 빠른 이유는 무엇인가?</summary>
<div markdown="1">

캐시를 비울 필요가 없기 때문이다

`IPC`보다 통신 비용이 적다.

</div>
</details>
"""


def test_details_interview_cards_in_korean() -> None:
    """A `Q.` summary asks without its label, stars or tag; the Markdown body is plain text."""
    assert cards_of(INTERVIEW_KO) == [
        (
            4,
            "스레드와 프로세스의 차이는?",
            ("스레드는 프로세스 안에서 메모리를 공유한다. 스택은 따로 가진다",),
        ),
        (
            15,
            "컨텍스트 스위칭이 빠른 이유는 무엇인가?",
            ("캐시를 비울 필요가 없기 때문이다. IPC보다 통신 비용이 적다.",),
        ),
    ]


@pytest.mark.parametrize(
    ("summary", "prompt"),
    [
        ("Q1. What does a kubelet do?", "What does a kubelet do?"),
        ("Q: What does a kubelet do", "What does a kubelet do"),
        ("Q) What does a kubelet do 🤔", "What does a kubelet do"),
        ("질문: 큐블릿이 하는 일", "큐블릿이 하는 일"),
        ("What does a kubelet do?", "What does a kubelet do?"),
        ("큐블릿은 무슨 일을 하나요", "큐블릿은 무슨 일을 하나요"),
        ("큐블릿은 무슨 일을 할까", "큐블릿은 무슨 일을 할까"),
        ("<strong>Q.</strong> What does a <em>kubelet</em> do?", "What does a kubelet do?"),
    ],
)
def test_details_summary_that_asks_is_a_card(summary: str, prompt: str) -> None:
    """A labelled summary, or one ending like a question, is a card in English and Korean."""
    text = f"<details>\n<summary>{summary}</summary>\n\nRuns the pods of its node.\n\n</details>\n"
    assert cards_of(text) == [(2, prompt, ("Runs the pods of its node.",))]


@pytest.mark.parametrize(
    "summary",
    [
        "<strong>Goal</strong>",
        "Database",
        "인증과 인가",
        "Load balancer (Web Tier)",
        "Click to expand",
        "정답",
    ],
)
def test_details_topic_summary_is_not_a_card(summary: str) -> None:
    """A collapsible section named after a topic gives no card and no warning."""
    text = f"<details>\n  <summary>{summary}</summary>\n\n- Use SQL\n- 복제한다\n\n</details>\n"
    assert parse_cards(text, "notes.md") == ([], [])


def test_nested_details_keep_their_own_answers() -> None:
    """A question inside another question's body is its own card, not part of the outer answer."""
    text = (
        "<details><summary>Q. What is a pod?</summary>\n\nA group of containers.\n\n"
        "<details><summary>Q. 파드의 IP는 몇 개인가?</summary>\n\n하나\n\n</details>\n"
        "</details>\n"
    )
    assert cards_of(text) == [
        (1, "What is a pod?", ("A group of containers.",)),
        (5, "파드의 IP는 몇 개인가?", ("하나",)),
    ]


def test_details_body_without_blank_lines_is_still_plain() -> None:
    """A body whose HTML wrapper touches the Markdown is read without tags or markers."""
    text = '<details>\n<summary>Q. 장점은?</summary>\n<div markdown="1">\n**빠르다**\n</div>\n'
    text += "</details>"
    assert cards_of(text) == [(2, "장점은?", ("빠르다",))]


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


# ---------------------------------------------------------------- **bold?** cards

QUIZ_EN = """\
## Quiz

**What is an image?**
- A blueprint for containers.

---

**What does this command do?**

```bash
docker build .
```
- It builds an image.

---

**What's the result of these commands?**

1. `docker run --name web nginx`
2. `docker stop web`

- A container starts, then stops.

---

**What does this print?**

```python
print(1)
```

---

**Which file lists the services?**
- `compose.yaml`
"""


def test_bold_question_cards_in_a_quiz_deck() -> None:
    """Bold questions with bullet answers between rules are cards; code they point at is shown."""
    assert cards_of(QUIZ_EN) == [
        (3, "What is an image?", ("A blueprint for containers.",)),
        (8, "What does this command do? docker build .", ("It builds an image.",)),
        (
            17,
            "What's the result of these commands? docker run --name web nginx; docker stop web",
            ("A container starts, then stops.",),
        ),
        (34, "Which file lists the services?", ("compose.yaml",)),
    ]
    assert warnings_of(QUIZ_EN) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "**키가 계속 늘어나면?**\n\n→ 세그먼트로 나눠 압축한다.\n\n    들여쓴 코드\n",
            [(1, "키가 계속 늘어나면?", ("세그먼트로 나눠 압축한다.",))],
        ),
        (
            "**왜 쓰나요?**\n\n이유는 다음과 같다:\n\n- 빠르다\n- 싸다\n\n다른 문단\n",
            [(1, "왜 쓰나요?", ("이유는 다음과 같다: 빠르다; 싸다",))],
        ),
        (
            "**어떻게 정렬을 유지할까**\n- 균형 트리를 쓴다\n",
            [(1, "어떻게 정렬을 유지할까", ("균형 트리를 쓴다",))],
        ),
        (
            "**First?**\nanswer one\n**Second?**\nanswer two\n",
            [(1, "First?", ("answer one",)), (3, "Second?", ("answer two",))],
        ),
        (
            "- **What is a node?**\n  - A machine\n- **What is a pod?**\n",
            [(1, "What is a node?", ("A machine",))],
        ),
        ("**질문: 파드란?**\n\nA: 가장 작은 단위\n", [(1, "파드란?", ("가장 작은 단위",))]),
    ],
)
def test_bold_question_cards(text: str, expected: list[tuple[object, ...]]) -> None:
    """A bold question is answered by its own lines, else the next paragraph or list."""
    assert cards_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "**What does this print?**\n\n```\nprint(1)\n```\n\nLater notes about printing.\n",
        "**How do I list pods?**\n\n```\nkubectl get pods\n```\n",
        "**Why a pod?**\n\n# Pods\n\nA pod is a group.\n",
        "**Why a pod?**\n\n---\n\n- unrelated\n",
        "**Note**\n- pods are small\n",
        "**Assume the pod crashed:**\n\nWhat happens next?\n",
        "- **Why a pod?**\n- **Why a node?**\n",
    ],
)
def test_bold_line_without_a_text_answer_is_not_a_card(text: str) -> None:
    """A bold question answered only by code, or before a heading, rule or question, is no card."""
    assert parse_cards(text, "notes.md") == ([], [])


def test_bold_question_does_not_take_the_next_cards_answer() -> None:
    """A bold question right before another one leaves that question its answer."""
    text = "**First asked?**\n\n**두 번째 질문은?**\n- 두 번째 답\n"
    assert cards_of(text) == [(3, "두 번째 질문은?", ("두 번째 답",))]


# ---------------------------------------------------------------- Q. headings

HEADINGS = """\
# 파드

## Q. 왜 wait를 따로 해야 하는가?

`run`은 생성만 한다.

```
kubectl wait --for=condition=Ready pod web
```

- Pending 상태일 수 있다
- 준비를 기다린다

> [!NOTE]
> Ready는 probe가 성공한 상태.

### 더 보기

| a | b |
|---|---|
| 1 | 2 |

세부 설명

## Q1) What runs the containers?

- The container runtime, not Kubernetes

## 다음 절

not an answer
"""


def test_question_headings_take_their_section_as_the_answer() -> None:
    """A `Q.` heading is answered by its section's text, without code, tables or markers."""
    assert cards_of(HEADINGS) == [
        (
            3,
            "왜 wait를 따로 해야 하는가?",
            (
                "run은 생성만 한다. Pending 상태일 수 있다; 준비를 기다린다. "
                "Ready는 probe가 성공한 상태. 세부 설명",
            ),
        ),
        (25, "What runs the containers?", ("The container runtime, not Kubernetes",)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "## What is a pod?\n\nThe smallest unit.\n",
        "### 왜 컨테이너 대신 파드를 쓰나요?\n\n- 묶어서 관리한다\n",
        "## Q. Show the command\n\n```\nkubectl get pods\n```\n## Next\n",
        "## Quick start\n\nRun it.\n",
    ],
)
def test_headings_without_a_label_or_text_are_not_cards(text: str) -> None:
    """A heading that only ends with `?`, or a `Q.` one answered only by code, is no card."""
    assert parse_cards(text, "notes.md") == ([], [])


def test_question_heading_without_answer_is_reported() -> None:
    """A `Q.` heading with nothing under it is skipped with a warning at its line."""
    assert warnings_of("# Notes\n\n## Q. Unanswered?\n## Other\n") == [
        (3, "flashcard 'Unanswered?' has no answer; skipped")
    ]


# ---------------------------------------------------------------- block ids and images


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What is a pod?::A group ^63d7e2", [(1, "What is a pod?", ("A group",))]),
        ("파드란? ^abc123\n?\n묶음 ^def456", [(1, "파드란?", ("묶음",))]),
        ("**What is a pod?** ^q1x2y3\n- A group ^a1b2c3\n", [(1, "What is a pod?", ("A group",))]),
        ("## Q. 파드란? ^h1d2e3\n\n묶음\n^p0p0p0\n", [(1, "파드란?", ("묶음",))]),
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
        (
            "<details><summary>Q. What does it look like?</summary>\n\n![](x.png)\n\n</details>",
            "What does it look like?",
        ),
        ("**구조는?**\n\n![[diagram.png]]\n", "구조는?"),
        ("## Q. 구조는?\n\n![](diagram.png)\n", "구조는?"),
    ],
)
def test_image_only_answer_is_skipped_with_a_warning(text: str, prompt: str) -> None:
    """A card answered only by an image is skipped, and the warning says why."""
    cards, warnings = parse_cards(text, "notes.md")
    assert cards == []
    assert [warning.message for warning in warnings] == [
        f"flashcard {prompt!r} has only an image as its answer; skipped"
    ]


@pytest.mark.parametrize("text", [INTERVIEW_KO, QUIZ_EN, HEADINGS, "Pod;;파드\n"])
def test_written_cards_read_after_the_notes_are_the_same(text: str) -> None:
    """The new forms give the same cards whether or not the notes were parsed just before."""
    alone = parse_cards(text, "notes.md")
    parse_notes(text, "notes.md")
    assert parse_cards(text, "notes.md") == alone


PICKS = """\
# Compose

**Which statement is NOT true?**
- docker-compose removes the concept of images by only looking at containers.

---

**What's true about Anonymous Volumes?**
- They are removed when a container started with --rm is stopped.

---

**Which of the following statements is true?**
- With docker-compose, you can define volumes and add them to containers.

---

**Which of the following statements is true?**
- With docker-compose, a default network for all composed containers is created.

---

**다음 중 옳지 않은 것은?**
- 컨테이너 하나는 항상 파드 여러 개에 동시에 속한다.

---

**Which statement is correct?**
- B
"""


def test_a_card_that_asks_to_pick_a_statement_asks_it_as_true_or_false() -> None:
    """ "Which statement is NOT true? - …" shows its statement to judge (False), one per
    statement when two cards ask the same; a card whose answer is only a letter is held."""
    book = parse_notes(PICKS, "compose.md")
    book.cards.extend(parse_cards(PICKS, "compose.md")[0])
    result = generate(book)
    judged = {
        q.prompt.split("\n")[-1]: q.answer
        for q in result.questions
        if q.kind is QuestionKind.TRUE_FALSE
    }
    assert judged == {
        "> docker-compose removes the concept of images by only looking at containers.": "False",
        "> They are removed when a container started with --rm is stopped.": "True",
        "> With docker-compose, you can define volumes and add them to containers.": "True",
        "> With docker-compose, a default network for all composed containers is created.": "True",
        "> 컨테이너 하나는 항상 파드 여러 개에 동시에 속한다.": "False",
    }
    about = next(q for q in result.questions if "Anonymous Volumes" in q.prompt)
    assert about.prompt.startswith("True or false, of “Anonymous Volumes”?")
    assert all(q.origin == "card" for q in result.questions if q.kind is QuestionKind.TRUE_FALSE)
    assert [q.prompt for q, _ in result.held] == ["Which statement is correct?"]
