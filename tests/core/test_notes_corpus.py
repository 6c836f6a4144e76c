"""The notes parser on real notes: every corpus Markdown file and the group's own notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.model import Book, ItemKind
from bot.core.notes import read_notes
from tests.core._books import all_items, terms_of

pytestmark = pytest.mark.corpus

# leftover Markdown or HTML: bold markers (x**2 inside inline code is Python, not markup),
# backticks, tags, link syntax, escapes, wikilinks, highlights
MARKUP = re.compile(
    r"(?<![\w)])\*\*(?=\S)|(?<=\S)\*\*(?![\w(])|`|</?(?:span|a|div|p|br|b|i|em|strong|img|details|summary|code)\b[^>]*>"
    r"|\]\(|\[\[|\]\]|\\[()\[\]*_#`]|^#+\s|!\[|==\S"
)


def _corpus_files(corpus_dir: Path) -> list[Path]:
    files = sorted(corpus_dir.rglob("*.md"))
    assert files, f"no Markdown files in {corpus_dir}"
    return files


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> dict[str, Book]:
    """Every corpus Markdown file parsed once, by file name."""
    return {path.name: read_notes(path) for path in _corpus_files(corpus_dir)}


@pytest.fixture(scope="module")
def notes(content_dir: Path) -> Book:
    """The group's own notes."""
    return read_notes(content_dir / "kubernetes-up-and-running.md")


def test_every_corpus_file_parses_with_sane_lines(
    corpus_dir: Path, corpus: dict[str, Book]
) -> None:
    """Each corpus file parses; every line number points into its file."""
    for path in _corpus_files(corpus_dir):
        book = corpus[path.name]
        count = path.read_text(encoding="utf-8").count("\n") + 1
        lines = [item.line for item in all_items(book)] + [w.line for w in book.warnings]
        for chapter in book.chapters:
            lines += [chapter.line] + [term.line for term in chapter.terms]
        assert all(1 <= line <= count for line in lines), path.name


def test_no_item_or_term_keeps_markup(corpus: dict[str, Book], notes: Book) -> None:
    """No item text or term name holds Markdown or HTML markup."""
    for name, book in [*corpus.items(), ("notes", notes)]:
        for item in all_items(book):
            assert item.text.strip(), (name, item)
            assert not MARKUP.search(item.text), (name, item.line, item.text)
        for term in terms_of(book).values():
            assert term.name, name
            assert not MARKUP.search(term.name), (name, term.name)
            # a slash is text (HTTP/1.1, TCP/IP); a tag's brackets are not
            assert not re.search(r"[<>]|^/|/$", term.name), (name, term.name)
            assert term.definition, (name, term.name)


def test_notes_goal_contents_and_chapters(notes: Book) -> None:
    """The group's notes: goal, two chapters, chapter 1 read and chapter 2 not."""
    assert notes.goal == "Kubernetes Up&Running 1회 완독"
    assert notes.language == "ko"
    assert [(c.number, c.title, c.read) for c in notes.chapters] == [
        (1, "쿠버네티스 소개", True),
        (2, "컨테이너 생성 및 실행", False),
    ]
    assert notes.warnings == []


def test_notes_terms(notes: Book) -> None:
    """Every 용어 heading of the notes is a term with its English alias and definition."""
    terms = terms_of(notes)
    expected = {
        "프로비저닝": (),
        "컨테이너": ("Container",),
        "컨테이너 런타임": ("Container Runtime",),
        "OCI": ("Open Container Initiative",),
        "CRI": ("Container Runtime Interface",),
        "CRI-O": (),
        "kubelet": (),
        "gRPC": (),
        "비잔틴 장애 케이스": (),
        "컨테이너 이미지": (),
        "선언형 컨피그레이션": (),
        "변경 가능한 인프라": (),
        "불변형 인프라": (),
    }
    for name, aliases in expected.items():
        assert name in terms, name
        assert terms[name].aliases == aliases, name
        assert terms[name].definition, name
    chapter_two = {term.name for term in notes.chapters[1].terms}
    assert {"컨테이너", "컨테이너 런타임", "OCI", "CRI", "gRPC"} <= chapter_two


def test_notes_provisioning_bullets_are_joined_into_sentences(notes: Book) -> None:
    """프로비저닝's four half-sentence bullets read as whole sentences."""
    definition = terms_of(notes)["프로비저닝"].definition
    assert definition[0].text.startswith(
        "프로비저닝은 IT 인프라를 생성하고 설정하는 프로세스로서, 다양한"
    )
    assert all(item.text.endswith(".") for item in definition)
    assert len(definition) == 2


def test_notes_runtime_example_and_note(notes: Book) -> None:
    """컨테이너 런타임 keeps its 예) list as an example and the v1.24 line as a note."""
    term = terms_of(notes)["컨테이너 런타임"]
    assert [item.text for item in term.examples] == [
        "도커, 컨테이너d, CRI-O, MCR(Mirantis Container Runtime)"
    ]
    assert len(term.notes) == 1
    assert "v1.24" in term.notes[0].text
    assert all("예)" not in item.text and "v1.24" not in item.text for item in term.definition)


def test_notes_declarative_config_and_its_imperative_note(notes: Book) -> None:
    """선언형 컨피그레이션 is defined by its bullets; 명령형 is a note, not its definition."""
    term = terms_of(notes)["선언형 컨피그레이션"]
    assert term.definition[0].text == "원하는 서버 상태에 대한 정의서"
    assert [(item.kind, item.text) for item in term.notes] == [
        (ItemKind.NOTE, "명령형 컨피그레이션 - 행위에 대한 정의서")
    ]


def test_acornapps_table_terms(corpus: dict[str, Book]) -> None:
    """The glossary tables give their rows as terms; escaped parentheses become aliases."""
    terms = terms_of(corpus["acornapps-kubernetes.md"])
    assert len(terms) >= 18
    assert terms["Persistent Volumes"].aliases == ("PV",)
    assert terms["Persistent Volume Claime"].aliases == ("PVC",)
    assert terms["Namespace"].definition[0].text.startswith("k8s의 가상 클러스터")
    assert terms["Namespace"].line == 7


def test_gvwilson_definition_list(corpus: dict[str, Book]) -> None:
    """The glossary's definition list gives ~90 terms with clean names and acronyms."""
    book = corpus["gvwilson-index.md"]
    terms = terms_of(book)
    assert 85 <= len(terms) <= 100
    assert "consumer group" in terms
    assert "work stealing" in terms
    assert terms["conflict-free replicated data type"].aliases == ("CRDT",)
    assert terms["time to live"].aliases == ("TTL",)
    assert terms["AP system"].definition[0].text.startswith("A distributed system that")
    assert book.language == "en"


def test_ldk_term_bullets(corpus: dict[str, Book]) -> None:
    """`결함 (fault)` bullets with indented definitions are terms with English aliases."""
    terms = terms_of(corpus["ldk980130-01.reliable-sustainable.md"])
    assert terms["결함"].aliases == ("fault",)
    assert terms["결함"].definition[0].text.startswith("잘못될 수도 있는 일")
    assert terms["처리량"].aliases == ("throughput",)
    assert terms["지연 시간"].aliases == ("latency",)
    assert "운용성" in terms
    assert corpus["ldk980130-01.reliable-sustainable.md"].chapters[0].number == 1


def test_piopoi_heading_terms(corpus: dict[str, Book]) -> None:
    """`### 파드 (pod)` then a defining line is the term 파드 with alias pod."""
    ch2 = terms_of(corpus["piopoi-ch2.md"])
    assert ch2["파드"].aliases == ("pod",)
    assert ch2["파드"].definition[0].text.startswith("쿠버네티스가 하나 또는 그 이상의 컨테이너를")
    assert ch2["컨테이너 런타임"].aliases == ("Container Runtime",)
    assert [item.text for item in ch2["컨테이너 런타임"].examples] == ["Docker, containerd, CRI-O"]
    assert "Readiness Probe" in ch2
    ch1 = terms_of(corpus["piopoi-ch1.md"])
    assert ch1["etcd"].definition[0].text.startswith("분산형 Key-Value 저장소로")
    assert ch1["컨테이너"].aliases == ("Container",)
    code = " ".join(item.text for item in all_items(corpus["piopoi-ch2.md"]))
    assert "hello-kiamol   1/1" not in code
    assert "Namespace:" not in code


def test_chapter_4_pods_unclosed_fence(corpus: dict[str, Book]) -> None:
    """The never-closed yaml fence is reported and the bullets after it are still read."""
    book = corpus["chapter-4-pods.md"]
    assert [w.line for w in book.warnings if "code block" in w.message] == [196]
    texts = [item.text for item in all_items(book)]
    assert "Mounting the host filesystem" in texts
    assert not any("apiVersion" in text for text in texts)
    terms = terms_of(book)
    assert terms["resource requests"].definition[0].text.startswith("These specify the minimum")
    assert book.chapters[0].number == 4


def test_shubheksha_later_h1_are_sections(corpus: dict[str, Book]) -> None:
    """Later `#` headings of chapter 2 stay sections of it."""
    book = corpus["shubheksha-Chapter2.md"]
    assert [(c.number, c.title) for c in book.chapters] == [(2, "Creating and Running Containers")]
    titles = [s.title for s in book.chapters[0].sections]
    assert "The Docker Container Runtime" in titles
    assert "Cleanup" in titles
    assert "Container images" in terms_of(book)


def test_muzzaiwork_bold_terms(corpus: dict[str, Book]) -> None:
    """`- **용어**: 설명` bullets are terms; the mermaid diagram gives no text."""
    book = corpus["muzzaiwork-pod_concept.md"]
    terms = terms_of(book)
    assert (
        terms["최소 배포 단위"].definition[0].text
        == "쿠버네티스가 관리하는 가장 작은 오브젝트이다."
    )
    assert terms["파드"].aliases == ("Pod",)
    assert not any("subgraph" in item.text for item in all_items(book))


def test_flashcard_files_give_no_definitions(corpus: dict[str, Book]) -> None:
    """Flashcard decks are not read as definitions (the flashcard reader owns them)."""
    assert terms_of(corpus["Permissions.md"]) == {}
    assert all_items(corpus["Permissions.md"]) == []
    assert all_items(corpus["workloads.md"]) == []
