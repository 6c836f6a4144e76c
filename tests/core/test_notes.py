"""The Markdown notes parser: each recognised pattern on a small snippet of notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.errors import ContentError
from bot.core.model import Book, ItemKind
from bot.core.notes import decode, parse_notes, read_notes
from tests.core._books import all_items, terms_of

MARKUP = re.compile(r"\*\*|`|</?[A-Za-z][\w-]*[ >/]|\]\(|\[\[|\\[()\[\]*_#]|^#+ |!\[")


def _texts(book: Book) -> list[str]:
    return [item.text for item in all_items(book)]


# --- terms: one snippet per pattern ---------------------------------------------------------

TERM_SNIPPETS = [
    pytest.param(
        "# 1장 - 소개\n## 용어 - 컨테이너 런타임(Container Runtime)\n"
        "* 컨테이너를 사용할 때 필요한 도구\n",
        "컨테이너 런타임",
        ("Container Runtime",),
        "컨테이너를 사용할 때 필요한 도구",
        2,
        id="용어 heading with alias",
    ),
    pytest.param(
        "## 용어 - CRI-O\n* OCI 스펙을 준수한 CRI 의 구현체\n",
        "CRI-O",
        (),
        "OCI 스펙을 준수한 CRI 의 구현체",
        1,
        id="용어 heading with hyphenated name",
    ),
    pytest.param(
        "# 2장\n### 파드 (pod)\n\n쿠버네티스가 컨테이너를 관리하는 단위를 말한다.\n\n- 수단.\n",
        "파드",
        ("pod",),
        "쿠버네티스가 컨테이너를 관리하는 단위를 말한다.",
        2,
        id="heading then defining paragraph",
    ),
    pytest.param(
        "## 개념\n\n- **최소 배포 단위**: 쿠버네티스가 관리하는 가장 작은 오브젝트이다.\n",
        "최소 배포 단위",
        (),
        "쿠버네티스가 관리하는 가장 작은 오브젝트이다.",
        3,
        id="bold term colon bullet",
    ),
    pytest.param(
        "## Notes\n\n**Sidecar** - a helper container that runs next to the main one\n",
        "Sidecar",
        (),
        "a helper container that runs next to the main one",
        3,
        id="bold term dash paragraph",
    ),
    pytest.param(
        "## 유지보수성\n- 원칙들\n  - 운용성 : 운영팀이 시스템을 쉽게 운영하게 만들어라\n",
        "운용성",
        (),
        "운영팀이 시스템을 쉽게 운영하게 만들어라",
        3,
        id="spaced colon bullet",
    ),
    pytest.param(
        "## Kinds\n- pod: the smallest deployable unit\n",
        "pod",
        (),
        "the smallest deployable unit",
        2,
        id="term colon definition bullet",
    ),
    pytest.param(
        "## Resources\n- Metrics:\n\t- `resource requests` - the minimum amount of resource\n",
        "resource requests",
        (),
        "the minimum amount of resource",
        3,
        id="code term dash bullet",
    ),
    pytest.param(
        "## 신뢰성\n- 결함 (fault)\n"
        "    - 사양에서 벗어난 시스템의 한 구성 요소를 결함이라 부른다.\n",
        "결함",
        ("fault",),
        "사양에서 벗어난 시스템의 한 구성 요소를 결함이라 부른다.",
        2,
        id="term bullet with indented definition",
    ),
    pytest.param(
        "#### 1.Cluster\n\n| 용어 | 설명 |\n| :--- | :--- |\n"
        "| Persistent Volumes\\(PV\\) | 외부 저장소\\(NFS\\) |\n",
        "Persistent Volumes",
        ("PV",),
        "외부 저장소(NFS)",
        5,
        id="two-column table with escapes",
    ),
    pytest.param(
        "| Word | Meaning |\n|---|---|\n| lease | A time-limited grant of a lock |\n",
        "lease",
        (),
        "A time-limited grant of a lock",
        3,
        id="two-column table any header",
    ),
    pytest.param(
        '# Glossary\n\n<span id="crdt">conflict-free replicated data type</span> (CRDT)\n'
        ":   A data structure that merges\n    without coordination.\n",
        "conflict-free replicated data type",
        ("CRDT",),
        "A data structure that merges without coordination.",
        3,
        id="definition list with span and acronym",
    ),
    pytest.param(
        '## C\n\n<span id="consumer-group">consumer group/span>\n:   A set of subscribers.\n',
        "consumer group",
        (),
        "A set of subscribers.",
        3,
        id="definition list with broken span",
    ),
    pytest.param(
        '## W\n\n<span id="ws">work stealing</a>\n:   Idle workers take tasks.\n',
        "work stealing",
        (),
        "Idle workers take tasks.",
        3,
        id="definition list with mismatched tag",
    ),
    pytest.param(
        "## D\n\nbackpressure\n:   Slowing producers down.\n",
        "backpressure",
        (),
        "Slowing producers down.",
        3,
        id="definition list plain term",
    ),
    pytest.param(
        "## 용어들\n\n**사이드카**\n보조 기능을 하는 컨테이너.\n",
        "사이드카",
        (),
        "보조 기능을 하는 컨테이너.",
        3,
        id="bold line followed by definition",
    ),
    pytest.param(
        "# 1장 - 소개\n#### etcd\n\n"
        "**분산형 Key-Value 저장소**로, 쿠버네티스의 핵심 구성 요소다.\n",
        "etcd",
        (),
        "분산형 Key-Value 저장소로, 쿠버네티스의 핵심 구성 요소다.",
        2,
        id="heading then noun-phrase paragraph",
    ),
    pytest.param(
        "# 1장 - 소개\n#### 1.Cluster\n\nCluster는 노드를 묶은 논리적 단위이다.\n",
        "Cluster",
        (),
        "Cluster는 노드를 묶은 논리적 단위이다.",
        2,
        id="numbered heading then X는 paragraph",
    ),
    pytest.param(
        "# 1장 - 소개\n## 선언형 컨피그레이션\n  - 원하는 서버 상태에 대한 정의서\n",
        "선언형 컨피그레이션",
        (),
        "원하는 서버 상태에 대한 정의서",
        2,
        id="heading defined by its first bullet",
    ),
    pytest.param(
        "# 1장 - 소개\n## 핵심 사상\n  - 불변형 인프라\n"
        "    서비스를 새로 만든 뒤 배포하는 방식  \n    상태가 변하지 않는다.\n",
        "불변형 인프라",
        (),
        "서비스를 새로 만든 뒤 배포하는 방식",
        3,
        id="term line then definition lines",
    ),
    pytest.param(
        "## 사상\n- 불변성의 가치 - `변경 가능한 인프라` > `불변형 인프라` 로 변화함\n",
        "불변성의 가치",
        (),
        "변경 가능한 인프라 > 불변형 인프라로 변화함",
        2,
        id="plain term dash bullet keeps inline code text, the particle joined",
    ),
    pytest.param(
        "## 용어 - 프로비저닝\n  * 프로비저닝은 인프라를 생성하는 프로세스로서, \n"
        "  * 필요한 단계를 포함합니다. \n",
        "프로비저닝",
        (),
        "프로비저닝은 인프라를 생성하는 프로세스로서, 필요한 단계를 포함합니다.",
        1,
        id="definition split over bullets is joined",
    ),
    pytest.param(
        "## 1. 파드(Pod)란?\n\n쿠버네티스에서 컨테이너를 묶어 관리하는 단위를 파드라고 부른다.\n",
        "파드",
        ("Pod",),
        "쿠버네티스에서 컨테이너를 묶어 관리하는 단위를 파드라고 부른다.",
        1,
        id="question heading X란?",
    ),
    pytest.param(
        "## Q&A\n\n> [!NOTE]  \n> **Readiness Probe**란?  \n"
        "> 파드가 준비되었는지 확인하는 메커니즘.  \n",
        "Readiness Probe",
        (),
        "파드가 준비되었는지 확인하는 메커니즘.",
        4,
        id="callout X란? then lines",
    ),
    pytest.param(
        "## 배경\n\n> [!NOTE]\n> 컨테이너(Container)는 앱을 격리된 환경에서 실행하는 기술이다.\n",
        "컨테이너",
        ("Container",),
        "컨테이너(Container)는 앱을 격리된 환경에서 실행하는 기술이다.",
        4,
        id="callout X(Y)는 …이다",
    ),
    pytest.param(
        "## 성능\n- 특이 값과 상위 백분위\n"
        "  - 특이 값이란 가끔 오래 걸리는 응답 시간을 의미한다.\n",
        "특이 값",
        (),
        "특이 값이란 가끔 오래 걸리는 응답 시간을 의미한다.",
        3,
        id="X이란 … 의미한다 sentence",
    ),
    pytest.param(
        "## Container images\n> A *container image* is a binary package that holds  \n"
        "> all the files of an application.\n",
        "Container images",
        (),
        "A container image is a binary package that holds all the files of an application.",
        1,
        id="heading then quoted English definition",
    ),
    pytest.param(
        "# 용어\n- **Pending**: 스케줄링 중인 상태.\n  이미지를 받는 중일 수도 있다.\n",
        "Pending",
        (),
        "스케줄링 중인 상태. 이미지를 받는 중일 수도 있다.",
        2,
        id="lazy continuation line joins the definition",
    ),
]


@pytest.mark.parametrize(("text", "name", "aliases", "definition", "line"), TERM_SNIPPETS)
def test_term_patterns(
    text: str, name: str, aliases: tuple[str, ...], definition: str, line: int
) -> None:
    """Every term form of the corpus gives the term, its aliases, definition and line."""
    book = parse_notes(text, "notes.md")
    terms = terms_of(book)
    assert name in terms, sorted(terms)
    term = terms[name]
    assert term.aliases == aliases
    assert term.definition[0].text == definition
    assert term.definition[0].kind == ItemKind.DEFINITION
    assert term.line == line
    for item in all_items(book):
        assert not MARKUP.search(item.text), item.text


NOT_TERMS = [
    pytest.param("## 무엇을 했나?\n- 10:30 - 회의 시작\n", id="time"),
    pytest.param("## 무엇을 읽었나?\n- https://example.com: 예제 사이트\n", id="url"),
    pytest.param(
        "## 문장\n- 이 문장은 꽤 길어서 용어라고 보기 어려운 긴 설명 문장입니다: 그렇다\n",
        id="sentence",
    ),
    pytest.param("## 카드\n질문::답\n\n질문2:::답2\n", id="flashcards"),
    pytest.param("## 카드\n무엇이 파드인가\n?\n가장 작은 배포 단위\n", id="multi-line card"),
    pytest.param("## 참고\n- 참고) 명령형 컨피그레이션 - 행위에 대한 정의서\n", id="note line"),
    pytest.param("## Steps\n- Run this:\n  - first step\n", id="lead-in line"),
    pytest.param(
        "## 소개\n\n**주요 개념**\n\n- 쿠버네티스는 2014년에 발표되었다.\n", id="bold sub-heading"
    ),
    pytest.param(
        "## 예\n- 소프트웨어 오류의 예\n  - 모든 서버가 죽는 버그\n", id="example lead-in"
    ),
]


@pytest.mark.parametrize("text", NOT_TERMS)
def test_lines_that_are_not_terms(text: str) -> None:
    """Times, URLs, sentences, flashcards and 참고 lines never become terms."""
    book = parse_notes(text, "notes.md")
    assert terms_of(book) == {}


def test_flashcard_lines_are_neither_definitions_nor_facts() -> None:
    """`Q::A` and multi-line `?` cards are left to the flashcard reader."""
    book = parse_notes(
        "# Cards\n질문::답\n\nQ:::A\n\n무엇인가\n?\n이것\n\nplain fact here\n", "c.md"
    )
    assert _texts(book) == ["plain fact here"]
    assert book.cards == []


def test_bold_only_line_is_a_section_title() -> None:
    """A bold-only line used as a sub-heading opens a section named after it."""
    book = parse_notes("## 소개\n\n**주요 개념**\n\n- 쿠버네티스는 2014년에 발표되었다.\n", "n.md")
    sections = [section.title for section in book.chapters[0].sections]
    assert "주요 개념" in sections
    section = next(s for s in book.chapters[0].sections if s.title == "주요 개념")
    assert [item.text for item in section.items] == ["쿠버네티스는 2014년에 발표되었다."]


# --- notes and examples --------------------------------------------------------------------

LABELS = [
    pytest.param(
        "* 참고) 도커는 v1.24 부터 빠졌다.", ItemKind.NOTE, "도커는 v1.24 부터 빠졌다.", id="참고)"
    ),
    pytest.param("* 참고: 도커는 빠졌다.", ItemKind.NOTE, "도커는 빠졌다.", id="참고:"),
    pytest.param("* Note: docker was removed.", ItemKind.NOTE, "docker was removed.", id="Note:"),
    pytest.param("* NOTE docker was removed.", ItemKind.NOTE, "docker was removed.", id="NOTE"),
    pytest.param("* 예) 도커, CRI-O", ItemKind.EXAMPLE, "도커, CRI-O", id="예)"),
    pytest.param("* 예시: Docker, containerd", ItemKind.EXAMPLE, "Docker, containerd", id="예시:"),
    pytest.param("* e.g. Docker, containerd", ItemKind.EXAMPLE, "Docker, containerd", id="e.g."),
    pytest.param("* ex) 웹 서버, 캐시", ItemKind.EXAMPLE, "웹 서버, 캐시", id="ex)"),
    pytest.param(
        "* 도구다.\n  `예) 도커, 컨테이너d, CRI-O, MCR(Mirantis Container Runtime)`",
        ItemKind.EXAMPLE,
        "도커, 컨테이너d, CRI-O, MCR(Mirantis Container Runtime)",
        id="code example line under a bullet",
    ),
]


@pytest.mark.parametrize(("line", "kind", "text"), LABELS)
def test_note_and_example_lines_attach_to_the_term(line: str, kind: ItemKind, text: str) -> None:
    """참고/Note lines become term.notes, 예/e.g. lines term.examples, never the definition."""
    book = parse_notes(f"## 용어 - 컨테이너 런타임\n* 컨테이너를 돌리는 도구\n{line}\n", "n.md")
    term = terms_of(book)["컨테이너 런타임"]
    found = term.notes if kind == ItemKind.NOTE else term.examples
    assert [item.text for item in found] == [text]
    assert all(item.kind == kind for item in found)
    assert text not in [item.text for item in term.definition]


def test_callout_note_outside_a_term_is_a_section_note() -> None:
    """`> [!NOTE]` that defines nothing becomes a NOTE item of its section."""
    book = parse_notes("## 배경\n\n> [!NOTE]\n> 이 장은 길다.\n", "n.md")
    items = book.chapters[0].sections[0].items
    assert [(item.kind, item.text, item.line) for item in items] == [
        (ItemKind.NOTE, "이 장은 길다.", 4)
    ]


def test_note_after_heading_term_names_the_contrasting_term() -> None:
    """`참고) 명령형 …` under 선언형 stays a note of the declared term, not a term."""
    text = (
        "## 선언형 컨피그레이션\n  - 원하는 서버 상태에 대한 정의서\n"
        "  - 참고) 명령형 컨피그레이션 - 행위에 대한 정의서\n"
    )
    term = terms_of(parse_notes(text, "n.md"))["선언형 컨피그레이션"]
    assert [item.text for item in term.notes] == ["명령형 컨피그레이션 - 행위에 대한 정의서"]
    assert term.notes[0].line == 3


# --- chapters, contents, goal, language --------------------------------------------------

CHAPTERS = [
    pytest.param("# 1장 - 쿠버네티스 소개", 1, "쿠버네티스 소개", id="N장 -"),
    pytest.param("# 01장 신뢰할 수 있는 애플리케이션", 1, "신뢰할 수 있는 애플리케이션", id="0N장"),
    pytest.param("# Chapter 6 - Labels", 6, "Labels", id="Chapter N -"),
    pytest.param("# Chapter 6: Labels", 6, "Labels", id="Chapter N:"),
    pytest.param("# Chapter 01. 쿠버네티스 이해하기", 1, "쿠버네티스 이해하기", id="Chapter 0N."),
    pytest.param("# 5. Replication", 5, "Replication", id="N."),
    pytest.param("## 3장: 파드", 3, "파드", id="H2 N장"),
]


@pytest.mark.parametrize(("heading", "number", "title"), CHAPTERS)
def test_chapter_headings(heading: str, number: int, title: str) -> None:
    """Chapter headings in every corpus style give the chapter number and title."""
    book = parse_notes(f"{heading}\n\n- 내용이다.\n", "n.md")
    assert [(c.number, c.title, c.line) for c in book.chapters] == [(number, title, 1)]


def test_later_h1_that_is_not_a_chapter_is_a_section() -> None:
    """`# The Docker Container Runtime` after `# Chapter 2: …` is a section of chapter 2."""
    text = "# Chapter 2: Containers\nIntro text.\n\n# The Docker Container Runtime\nDocker runs.\n"
    book = parse_notes(text, "n.md")
    assert [c.number for c in book.chapters] == [2]
    assert [s.title for s in book.chapters[0].sections] == [
        "Containers",
        "The Docker Container Runtime",
    ]


def test_file_without_chapter_heading_is_one_chapter() -> None:
    """No chapter heading: one chapter named after the first heading, number from the file name."""
    book = parse_notes(
        "## Pods in Kubernetes\n- A pod groups containers.\n## More\n- x y z.\n",
        "notes/chapter-4-pods.md",
    )
    assert [(c.number, c.title) for c in book.chapters] == [(4, "Pods in Kubernetes")]
    assert [s.title for s in book.chapters[0].sections] == ["Pods in Kubernetes", "More"]
    assert book.title == "Pods in Kubernetes"


def test_file_without_heading_is_named_after_the_file() -> None:
    """A file with no heading at all is one chapter named after the file, number None."""
    book = parse_notes("- a fact about pods.\n", "dir/Generators.md")
    assert [(c.number, c.title) for c in book.chapters] == [(None, "Generators")]


NOTES = """# 목표
Kubernetes Up&Running 1회 완독

# 목차
1. [X] 1장 - 쿠버네티스 소개
2. [ ] 2장 - 컨테이너 생성 및 실행
3. [x] Labels
4. [ ] 9장 - 없는 장

# 1장 - 쿠버네티스 소개
## 용어 - 파드
* 가장 작은 배포 단위

# 2장 - 컨테이너 생성 및 실행
## 용어 - 컨테이너
* 소프트웨어 패키지

# 3장 - Labels
- 라벨은 키와 값이다.
"""


def test_goal_and_contents_marks() -> None:
    """`# 목표` fills the goal; `[X]`/`[x]` marks in `# 목차` set chapter.read."""
    book = parse_notes(NOTES, "n.md")
    assert book.goal == "Kubernetes Up&Running 1회 완독"
    assert [(e.number, e.title, e.read, e.line) for e in book.toc] == [
        (1, "쿠버네티스 소개", True, 5),
        (2, "컨테이너 생성 및 실행", False, 6),
        (3, "Labels", True, 7),
        (9, "없는 장", False, 8),
    ]
    assert [(c.number, c.read) for c in book.chapters] == [(1, True), (2, False), (3, True)]


def test_contents_line_without_chapter_is_warned() -> None:
    """A contents line naming a chapter that is not in the notes gives a warning with its line."""
    book = parse_notes(NOTES, "n.md")
    assert [(w.file, w.line) for w in book.warnings] == [("n.md", 8)]
    assert "없는 장" in book.warnings[0].message


def test_contents_match_by_title() -> None:
    """A contents entry matches the chapter of the same title, whatever its list number."""
    text = (
        "# Contents\n1. [x] Labels\n2. [ ] Pods\n\n"
        "# Chapter 6 - Labels\n- x is y.\n\n# Chapter 7 - Pods\n- p.\n"
    )
    book = parse_notes(text, "n.md")
    assert [(c.title, c.read) for c in book.chapters] == [("Labels", True), ("Pods", False)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "# 1장 - 소개\n- 쿠버네티스는 컨테이너 오케스트레이션 도구이다 (Kubernetes, k8s).\n",
            "ko",
        ),
        ("# Chapter 1 - Intro\n- Kubernetes orchestrates containers (쿠버네티스).\n", "en"),
    ],
)
def test_language(text: str, language: str) -> None:
    """The book's language is Korean when Hangul dominates its letters, else English."""
    assert parse_notes(text, "n.md").language == language


# --- what is skipped -------------------------------------------------------------------------

SKIPPED = [
    pytest.param("```yaml:kuard-pod.yaml\nsecret: value\n```\n", id="fence with file info"),
    pytest.param("- step\n  ```bash\n\tsecret --flag\n\t```\n", id="fence in list with tab"),
    pytest.param("    secret indented code\n", id="indented code"),
    pytest.param("<details>\n<summary>secret</summary>\n</details>\n", id="raw html"),
    pytest.param("![secret](images/a.png)\n", id="image"),
    pytest.param("![[secret.png]]\n", id="obsidian embed"),
    pytest.param("---\ntitle: t\ntags: [secret]\n---\n", id="front matter"),
    pytest.param("<!--SR:!2023-09-30,57,311 secret-->\n", id="spaced repetition comment"),
    pytest.param("```mermaid\ngraph TD\n  secret --> x\n```\n", id="mermaid"),
]


@pytest.mark.parametrize("snippet", SKIPPED)
def test_skipped_blocks(snippet: str) -> None:
    """Code, raw HTML, images, embeds, front matter and comments give no text."""
    book = parse_notes(f"## 섹션\n\n{snippet}\n- 남는 문장이다.\n", "n.md")
    texts = _texts(book)
    assert "남는 문장이다." in texts
    assert not any("secret" in text for text in texts), texts


def test_inline_markup_is_removed() -> None:
    """Inline code, links, wikilinks, bold and escapes keep their text without markup; a
    particle written apart from a code span joins it (``kubectl과``)."""
    text = (
        "## 섹션\n- `kubectl` 과 [문서](https://x.io), [[Page|위키]], [[Other]], "
        "**굵게**, ==강조==, \\(괄호\\), <b>태그</b> 를 쓴다.\n"
    )
    assert _texts(parse_notes(text, "n.md")) == [
        "kubectl과 문서, 위키, Other, 굵게, 강조, (괄호), 태그 를 쓴다."
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param(
            "## 섹션\n- `kubectl` 과 `kubectl get pods` 를 쓴다.\n",
            ("kubectl", "kubectl get pods"),
            id="fact bullet",
        ),
        pytest.param(
            "## 용어 - 파드\n* `kubectl run` 으로 만드는\n  가장 작은 단위\n",
            ("kubectl run",),
            id="term definition over two lines",
        ),
        pytest.param(
            "- **Pod**: created with `kubectl run`\n", ("kubectl run",), id="bold term bullet"
        ),
        pytest.param(
            "- `etcd` - stores the `spec` of every object\n",
            ("spec",),
            id="code term dash bullet keeps only the definition's code",
        ),
        pytest.param(
            "etcd\n:   stores the `spec` of every object\n", ("spec",), id="definition list"
        ),
        pytest.param("## 섹션\n- no code here, only text\n", (), id="none"),
    ],
)
def test_inline_code_spans_are_recorded(text: str, code: tuple[str, ...]) -> None:
    """Inline code stays plain text in the item and is listed in its code spans."""
    items = all_items(parse_notes(text, "n.md"))
    assert tuple(span for item in items for span in item.code) == code
    for item in items:
        assert "`" not in item.text
        assert all(span in item.text for span in item.code)


def test_unclosed_fence_is_warned_and_does_not_swallow_the_rest() -> None:
    """An unclosed code fence is reported at its line; later headings are still read."""
    text = "## A\n- fact one.\n\n```yaml\nkind: Pod\n# comment\n\n## B\n- fact two.\n"
    book = parse_notes(text, "n.md")
    assert [w.line for w in book.warnings] == [4]
    assert "fact two." in _texts(book)
    assert "kind: Pod" not in " ".join(_texts(book))


def test_unclosed_fence_in_a_list_ends_with_the_list_item() -> None:
    """A fence left open inside a list item ends with the item and is reported."""
    text = "## A\n- make a pod:\n  ```yaml\n\tkind: Pod\n\n- The next bullet.\n"
    book = parse_notes(text, "n.md")
    assert [w.line for w in book.warnings] == [3]
    assert "The next bullet." in _texts(book)


def test_term_without_definition_is_warned_and_skipped() -> None:
    """A `용어` heading with nothing under it is reported with its line and left out."""
    book = parse_notes("# 1장 - 소개\n\n## 용어 - 빈 용어\n\n## 다음\n- 사실이다.\n", "n.md")
    assert "빈 용어" not in terms_of(book)
    assert [(w.line, "빈 용어" in w.message) for w in book.warnings] == [(3, True)]


def test_nested_bullets_keep_their_lines() -> None:
    """Nested bullets become children with their own source lines."""
    text = (
        "## 섹션\n- 데이터 중심 애플리케이션은 다음을 필요로 한다.\n"
        "    - 데이터를 저장\n  - 캐시를 사용\n"
    )
    items = parse_notes(text, "n.md").chapters[0].sections[0].items
    assert [(i.text, i.line) for i in items] == [
        ("데이터 중심 애플리케이션은 다음을 필요로 한다.", 2)
    ]
    assert [(c.text, c.line) for c in items[0].children] == [
        ("데이터를 저장", 3),
        ("캐시를 사용", 4),
    ]


def test_hard_line_breaks_split_items_unless_the_sentence_goes_on() -> None:
    """Two trailing spaces end an item, except when the line stops mid-sentence."""
    text = (
        "## 용어 - CRI\n* 스펙으로 되어있으며,  \n  컴포넌트를 구현한다.\n"
        "* 런타임 종류가 늘어남에 따라 구현체도 많아지는 단점이 발생  \n  OCI 가 제정되었다.\n"
    )
    term = terms_of(parse_notes(text, "n.md"))["CRI"]
    assert [item.text for item in term.definition] == [
        "스펙으로 되어있으며, 컴포넌트를 구현한다.",
        "런타임 종류가 늘어남에 따라 구현체도 많아지는 단점이 발생",
        "OCI 가 제정되었다.",
    ]


# --- reading bytes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "# 용어 - 파드\n* 단위\n".encode(),
        "\ufeff# 용어 - 파드\n* 단위\n".encode(),
        "# 용어 - 파드\n* 단위\n".encode("cp949"),
        "용어".encode("cp949"),
    ],
    ids=["utf-8", "utf-8 bom", "cp949", "cp949 short"],
)
def test_decode_detects_korean_encodings(data: bytes) -> None:
    """UTF-8 (with or without BOM) and CP949 Korean notes decode to the same text."""
    text = decode(data, "n.md")
    assert text.lstrip("\ufeff").startswith(("# 용어 - 파드", "용어"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text file"),
        (bytes(range(256)) * 8, "not a text file"),
        (bytes(range(1, 9)) * 100, "not a text file"),
        (bytes(range(128, 256)) * 8, "cannot detect the text encoding"),
    ],
    ids=["png", "every byte", "control characters", "high bytes"],
)
def test_decode_rejects_binary(data: bytes, reason: str) -> None:
    """Binary files stop with a one-line ContentError naming the file."""
    with pytest.raises(ContentError) as error:
        decode(data, "pic.md")
    assert error.value.file == "pic.md"
    assert error.value.reason == reason
    assert "\n" not in str(error.value)


def test_read_notes_reports_missing_and_directory(tmp_path: Path) -> None:
    """Missing files and directories give a ContentError, not a traceback."""
    with pytest.raises(ContentError, match="no such file"):
        read_notes(tmp_path / "missing.md")
    with pytest.raises(ContentError, match="directory"):
        read_notes(tmp_path)


def test_read_notes_reads_cp949_file(tmp_path: Path) -> None:
    """A CP949 notes file is read like its UTF-8 twin."""
    path = tmp_path / "cp.md"
    path.write_bytes("# 1장 - 소개\n## 용어 - 파드(Pod)\n* 가장 작은 배포 단위\n".encode("cp949"))
    book = read_notes(path)
    assert terms_of(book)["파드"].aliases == ("Pod",)
    assert book.file == str(path)


# --- never a traceback -----------------------------------------------------------------------


def _check_lines(book: Book, text: str) -> None:
    count = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1  # CR, LF, CRLF end lines
    lines = [item.line for item in all_items(book)]
    lines += [w.line for w in book.warnings] + [e.line for e in book.toc]
    for chapter in book.chapters:
        lines.append(chapter.line)
        for section in chapter.sections:
            lines.append(section.line)
            lines += [term.line for term in section.terms]
    assert all(1 <= line <= count for line in lines), (lines, count)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parse_never_raises_on_any_text(text: str) -> None:
    """Arbitrary text parses without error and every line number lies in the file."""
    _check_lines(parse_notes(text, "x.md"), text)


_PIECES = (
    *"#-*`|:>[]\n \t()!=_~<>/xX1.?가용어참고예장",
    *("\n", "  \n", "    ", "```", "**", "용어 - ", "1장 - ", "예) ", "참고) ", "[!NOTE]"),
    *(":   ", "<span id=x>", "</span>", "| a | b |\n|---|---|\n", "[X] ", "::"),
)
MARKDOWNISH = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH)
def test_parse_never_raises_on_markdownish_text(text: str) -> None:
    """Markdown-heavy noise (headings, lists, fences, tables, Hangul) never breaks the parser."""
    _check_lines(parse_notes(text, "x.md"), text)


def test_read_notes_rejects_a_binary_file(tmp_path: Path) -> None:
    """A binary file passed as notes stops with a one-line error naming it."""
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ContentError, match="not a text file") as error:
        read_notes(path)
    assert error.value.file == str(path)


def test_parsing_is_deterministic() -> None:
    """The same text always gives the same book."""
    assert parse_notes(NOTES, "n.md") == parse_notes(NOTES, "n.md")


def test_front_matter_title_and_repeated_term_warning() -> None:
    """Front matter names the book; a term defined twice is reported at its second line."""
    text = "---\ntitle: 쿠버네티스 스터디\n---\n# 1장 - 소개\n- 파드: 단위\n- 파드: 또 단위\n"
    book = parse_notes(text, "n.md")
    assert book.title == "쿠버네티스 스터디"
    assert [(w.line, "파드" in w.message) for w in book.warnings] == [(6, True)]


def test_contents_as_plain_lines() -> None:
    """Contents written as plain `[x]` lines (no list) still mark chapters read."""
    text = "# 목차\n[x] 1장 - 소개\n[ ] 2장 - 파드\n\n# 1장 - 소개\n- a.\n# 2장 - 파드\n- b.\n"
    book = parse_notes(text, "n.md")
    assert [(c.number, c.read) for c in book.chapters] == [(1, True), (2, False)]


@pytest.mark.parametrize(
    "text",
    ["## 용어 - ()\n- a\n", "## 용어 - \n- a\n", "| 용어 | 설명 |\n|---|---|\n| ** | x |\n"],
)
def test_nameless_terms_are_not_made(text: str) -> None:
    """A term heading or table row without a name gives no empty term."""
    assert terms_of(parse_notes(text, "n.md")) == {}


def test_repeated_chapter_and_empty_contents_line() -> None:
    """A chapter number used twice is reported; an empty contents line is ignored."""
    book = parse_notes("# 목차\n1. [X]\n\n# 1장 - a\n- x.\n# 1장 - b\n- y.\n", "n.md")
    assert book.toc == []
    assert [(w.line, "chapter 1" in w.message) for w in book.warnings] == [(6, True)]


def test_nested_example_under_a_definition_bullet_goes_to_the_term() -> None:
    """`* 예) …` nested under a definition bullet is an example of the term."""
    text = "## 용어 - 컨테이너 런타임\n* 대표적인 도구가 있다.\n  * 예) 도커, CRI-O\n"
    term = terms_of(parse_notes(text, "n.md"))["컨테이너 런타임"]
    assert [item.text for item in term.examples] == ["도커, CRI-O"]
    assert term.definition[0].children == []


def test_task_list_check_boxes_are_not_part_of_a_term() -> None:
    """A term written as a task-list item (``- [ ] 불용어 처리``) is named without its box."""
    book = parse_notes(
        "## 색인\n\n- [ ] 불용어(stop word) 처리\n  + 가치가 없는 단어를 걸러 내는 작업이다.\n"
        "- [x] Stemming\n  + Finding the root form of a search word.\n",
        "n.md",
    )
    names = {term.name: term.aliases for term in terms_of(book).values()}
    assert names == {"불용어(stop word) 처리": (), "Stemming": ()}


def test_a_bare_line_whose_later_bullets_describe_it_is_a_term() -> None:
    """A synonym as the first bullet (``- NoSQL store``) does not hide what the rest says."""
    text = (
        "## Storage\n\n"
        "- Document store\n"
        "    - JSON database\n"
        "    - e.g. MongoDB, CouchDB\n"
        "    - keeps each record as one nested document\n"
    )
    term = terms_of(parse_notes(text, "n.md"))["Document store"]
    assert "keeps each record as one nested document" in [item.text for item in term.definition]


def test_a_bare_line_over_a_list_of_names_is_no_term() -> None:
    """``- Workloads`` over ``- Deployment`` / ``- StatefulSet`` lists members, not a meaning."""
    text = "## Objects\n\n- Workloads\n    - Deployment\n    - StatefulSet\n    - DaemonSet\n"
    assert "Workloads" not in terms_of(parse_notes(text, "n.md"))


def test_a_details_summary_naming_a_topic_opens_a_section() -> None:
    """``<details><summary>Cache tier</summary>`` is a sub-heading; ``</details>`` ends it."""
    text = (
        "## Chapter notes\n\n"
        "<details>\n  <summary><strong>Cache tier</strong></summary>\n\n"
        "- keeps hot rows in memory in front of the database\n\n"
        "</details>\n\n"
        "<details>\n  <summary>Q. What does the cache tier keep?</summary>\n\n"
        "hot rows\n\n</details>\n\n"
        "- Sharding: splits one table across several servers by key\n"
    )
    book = parse_notes(text, "n.md")
    terms = terms_of(book)
    assert [item.text for item in terms["Cache tier"].definition] == [
        "keeps hot rows in memory in front of the database"
    ]
    assert not any(name.startswith("Q") for name in terms)
    sections = {section.title: section for c in book.chapters for section in c.sections}
    assert [term.name for term in sections["Chapter notes"].terms] == ["Sharding"]


def test_a_heading_listing_issues_asks_for_its_subject() -> None:
    """``### Polling Issues`` with its bullets describes Polling; the tail is not the name."""
    text = "### Long Polling Issues\n* Holds one connection open per waiting client\n"
    terms = terms_of(parse_notes(text, "n.md"))
    assert list(terms) == ["Long Polling"]


def test_a_name_using_an_object_is_a_name() -> None:
    """``가상 컬럼을 이용한 인덱스`` names a kind of index; a longer clause does not."""
    text = (
        "## 인덱스\n\n### 함수를 이용한 인덱스\n"
        "+ 테이블 구조를 바꾸지 않고 계산된 값을 색인한다.\n\n"
        "### 파일을 활용한 여러 이미지 생성\n+ 같은 파일로 이미지를 여러 개 만든다.\n"
    )
    assert list(terms_of(parse_notes(text, "n.md"))) == ["함수를 이용한 인덱스"]


def test_a_plural_heading_defined_as_it_is_a_is_named_in_the_singular() -> None:
    """``### Makefiles`` / ``It is a file that …``: the term is Makefile, the plural accepted."""
    text = "### Makefiles\nIt is a file that tells make how to build each target.\n"
    term = terms_of(parse_notes(text, "n.md"))["Makefile"]
    assert term.aliases == ("Makefiles",)


def test_a_bold_note_on_a_topic_names_the_topic() -> None:
    """``**Note on Copy-on-write:**`` then a line about it: the term is Copy-on-write."""
    text = (
        "## Images\n\nImages are stacked layers.\n\n"
        "**Note on Copy-on-write:**\nEach layer changes only the files it writes\n"
    )
    assert "Copy-on-write" in terms_of(parse_notes(text, "n.md"))


def test_a_code_name_followed_by_its_kind_and_which_is_a_term() -> None:
    """`` `httpGet` probe which sends a request …`` defines httpGet."""
    text = (
        "## Probes\n\n- Kubernetes supports\n"
        "  - `httpGet` probe which sends an HTTP request and checks the status code.\n"
    )
    assert "httpGet" in terms_of(parse_notes(text, "n.md"))


def test_bullets_after_outline_numbered_lines_belong_to_the_last_line() -> None:
    """``6-2. …`` / ``6-3-1. @Qualifier`` / ``- …``: the bullets explain @Qualifier only."""
    text = (
        "6. 의존관계 설정 방법\n"
        "   6-1. XML 설정\n"
        "   6-2. 애노테이션 설정\n"
        "     6-3-1. @Qualifier\n"
        "        - 같은 타입의 빈이 여럿일 때 이름으로 하나를 고르게 한다.\n"
    )
    term = terms_of(parse_notes(text, "n.md"))["@Qualifier"]
    assert [item.text for item in term.definition] == [
        "같은 타입의 빈이 여럿일 때 이름으로 하나를 고르게 한다."
    ]


def test_a_line_in_another_topics_frame_does_not_define_a_heading() -> None:
    """``### 색인 알고리즘`` / ``> 전문 검색에서는 …``: the line is about full-text search."""
    text = (
        "## 전문 검색\n\n### 색인 알고리즘\n\n"
        "> 전문 검색에서는 키워드를 분석해 색인을 만든다. 크게 두 가지로 나뉜다.\n"
    )
    assert "색인 알고리즘" not in terms_of(parse_notes(text, "n.md"))


def test_advice_under_a_heading_does_not_define_it() -> None:
    """``### Image Safety`` / ``Don't keep secrets in a layer``: a tip, not a term."""
    text = "### Image Safety\nDon't ever keep secrets in a layer of an image.\n"
    assert terms_of(parse_notes(text, "n.md")) == {}


def test_terms_asked_and_answered_on_their_own_lines_are_each_a_term() -> None:
    """``> 색인이란? …`` / ``> 역색인이란 ? …``: two terms, each with its own line."""
    text = (
        "## 8.5 검색 색인\n\n"
        "> 색인이란? 책의 단어와 그 단어가 나오는 쪽을 모은 목록을 뜻한다.\n"
        "> 역색인이란 ? 단어마다 그 단어를 담은 문서를 모아 둔 색인을 역색인이라 한다.\n"
    )
    terms = terms_of(parse_notes(text, "n.md"))
    assert [item.text for item in terms["색인"].definition] == [
        "책의 단어와 그 단어가 나오는 쪽을 모은 목록을 뜻한다."
    ]
    assert [item.text for item in terms["역색인"].definition] == [
        "단어마다 그 단어를 담은 문서를 모아 둔 색인을 역색인이라 한다."
    ]
    assert "검색 색인" not in terms
