"""Labels, list headings and fragments in notes never become terms; real terms next to them do."""

from __future__ import annotations

import pytest

from bot.core._labels import definition_reason, label_reason, lists_reasons
from bot.core.answers import is_correct
from bot.core.model import Book
from bot.core.notes import parse_notes
from bot.core.questions import generate_questions
from bot.core.questions._defects import question_id
from tests.core._books import terms_of, with_cards


@pytest.mark.parametrize(
    "name",
    [
        "장점",
        "Pros",
        "Goal:",
        "HTTP 트랜잭션 지연 원인",
        "IP 패킷 구성 요소",
        "Three phases of transfer",
        "네이글 알고리즘과 TCP_NODELAY",
        "Persistent vs. Non-Persistent HTTP",
        "Redis, Couchbase",
        "Idea 1",
        "LEC-24",
        "위 그림에서 점선",
        "프로세스 뺏기 시 starvation 우려",
        "Uses TCP",
        "User sets browser",
        "Try the SMTP Interaction for Yourself",
        "Comparison with HTTP",
        "transferring context: 2B",
        "통신사업자 내부에서 TDM(시분할 다중화",
        "노드 추가 및 파드 재배치",
    ],
)
def test_labels_and_fragments_are_not_terms(name: str) -> None:
    """Generic labels, list headings, joined topics, numbers and fragments are labels."""
    assert label_reason(name) is not None


@pytest.mark.parametrize(
    "name",
    [
        "컨테이너 런타임",
        "파드",
        "Pod",
        "HTTP 2.0",
        "Web 2.0",
        "IPv4",
        "2-gram",
        "-f",
        "hold and wait",
        "멀티 밸류 인덱스",
        "Read replica",
        "HTTP/1.1",
        "데드락 탐지 및 recovery",
    ],
)
def test_real_terms_are_not_labels(name: str) -> None:
    """Names of concepts, versions, flags and short phrases stay terms."""
    assert label_reason(name) is None


def test_reason_and_role_parents_are_recognised() -> None:
    """Headings and parents that list reasons or roles are told apart from kinds of things."""
    assert lists_reasons("etcd가 쿠버네티스에서 하는 역할")
    assert lists_reasons("4. 왜 컨테이너를 직접 안 쓰고 파드를 쓰나요?")
    assert lists_reasons("Why web caching?")
    assert lists_reasons("Advantages")
    assert not lists_reasons("컨테이너 런타임 종류")
    assert not lists_reasons("Kinds of volumes")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([("https://kubernetes.io/docs", ())], "only a link"),
        ([("socket() → connect() → close()", ("socket()", "connect()", "close()"))], "only code"),
        ([("VoltDB, MemSQL, Oracle TimesTen", ())], "only lists names"),
        ([("관계형 데이터를 메모리에 두는 DB이다.", ())], None),
        ([("GET, POST and HEAD are the methods of HTTP/1.0.", ())], None),
    ],
)
def test_definitions_that_only_point_elsewhere(
    lines: list[tuple[str, tuple[str, ...]]], expected: str | None
) -> None:
    """A link, a code sequence or a list of names is not a definition; a sentence is."""
    reason = definition_reason(lines)
    assert (reason is None) if expected is None else (expected in (reason or ""))


KOREAN = """\
# 2장 - 파드

## 파드
- 쿠버네티스가 컨테이너를 묶어 관리하는 가장 작은 배포 단위이다.

## 왜 컨테이너 대신 파드를 쓰나요?
1. **자원 공유의 편의성**: 여러 컨테이너가 한 서버처럼 파일을 나눠 쓸 수 있게 해 준다.
2. **오케스트레이션의 유연성**: 특정 런타임에 묶이지 않는 관리 체계를 갖기 위함이다.

## 장점
- 배포가 단순해진다.

- 문서 : https://kubernetes.io/docs/concepts/workloads/pods/
- 위 그림에서 점선: 파드 사이의 네트워크를 뜻한다.
- etcd가 쿠버네티스에서 하는 역할
  - 클러스터 상태 저장: 노드, 파드, 서비스, 네트워크 설정
  - 직렬화(Serialization): 상태를 바이트로 바꾸는 작업이며 이런 작업을 직렬화라고 한다.
- 노드(Node): 파드가 실제로 실행되는 서버 한 대이다.
"""

ENGLISH = """\
# Chapter 5 - Web caches

## Web Cache
A web cache is a server that answers requests on behalf of the origin server.

- Conditional GET: the cache asks for the object only if it has changed since its copy.

**Pros:**
- Reduces the response time for a client request.

**Goal:** satisfy the client request without involving the origin server.

- Uses TCP: the client opens a connection to port 80.
- Documentation: https://example.org/caching
- Three major components
  - user agents
  - mail servers
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (KOREAN, {"파드", "직렬화", "노드"}),
        (ENGLISH, {"Web Cache", "Conditional GET"}),
    ],
    ids=["ko", "en"],
)
def test_notes_written_with_labels_give_only_real_terms(text: str, expected: set[str]) -> None:
    """Label bullets, link lines, narrative lines and reason lists yield no term."""
    book = parse_notes(text, "notes.md")
    assert {term.name for term in terms_of(book).values()} == expected
    asked = {q.term for q in generate_questions(book) if q.term is not None}
    assert asked <= expected


def test_a_heading_explained_by_its_bullets_is_a_term() -> None:
    """A concept heading whose bullets describe it is a term, also without a formal definition."""
    text = (
        "# 멀티 프로세스와 멀티 스레드\n\n## 멀티 프로세스\n"
        "* 프로세스 각자가 자신의 메모리 영역을 가진다.\n* 문맥 교환이 느리다.\n\n"
        "## The Pod Manifest\n- Kubernetes reads it to create the Pod.\n\n"
        "## 정리\n- 두 방식 모두 장단점이 있다.\n\n"
        "## 그림\n- 이 그림은 메모리 구조를 보여 준다.\n"
    )
    names = {term.name for term in terms_of(parse_notes(text, "os.md")).values()}
    assert names == {"멀티 프로세스", "Pod Manifest"}


def test_a_colon_inside_inline_code_does_not_cut_a_term() -> None:
    """A colon inside inline code is code; a reference such as [RFC 2821] is not in a name."""
    text = (
        "## 커넥션\n\n- 요청 시 `Connection: Keep-Alive` 헤더 포함\n"
        "- SMTP [RFC 2821]: 메일을 보내는 프로토콜이다.\n"
    )
    names = {term.name for term in terms_of(parse_notes(text, "http.md")).values()}
    assert names == {"커넥션", "SMTP"}


def test_a_file_named_like_a_folder_label_is_not_a_term() -> None:
    """Text before any heading is not a term named after a file such as day40-notes.md."""
    text = "Logical address is generated by the CPU.\n\n- It is also called a virtual address.\n"
    assert terms_of(parse_notes(text, "wilfcs-day40.md")) == {}


CARDS = """\
# Workloads

What is a Pod?::The smallest deployable unit of computing in Kubernetes.
What does "Isolation" mean in the context of containers?::Containers share no state by default.
파드란 무엇인가?::쿠버네티스에서 배포할 수 있는 가장 작은 단위.

- A ==StatefulSet== gives each of its Pods a sticky identity and its own storage.
- A ==Deployment== replaces Pods of a ReplicaSet by a rolling update.
- Rolling updates replace the Pods ==one== at a time.
- The controller compares the ==desired== state with the observed one.
- To delete the set, ==scale the StatefulSet down to 0== first.
"""


def load_path_text(text: str) -> Book:
    return with_cards(text, "cards.md")


def test_terms_that_cards_define_are_asked_as_terms() -> None:
    """A cloze's hidden name and the X of "What is X?" cards become term questions."""
    book = load_path_text(CARDS)
    asked = {q.term for q in generate_questions(book) if q.term is not None}
    assert asked == {"Pod", "Isolation", "파드", "StatefulSet", "Deployment"}
    kinds = {q.kind for q in generate_questions(book) if q.term == "StatefulSet"}
    assert "term_from_definition" in kinds


def test_numbered_plain_text_lines_with_bullets_are_terms() -> None:
    """Plain-text notes number their terms (``1.1 bean Factory``); the number is not the name."""
    text = (
        "※ 정리\n\n"
        " 1 IoC컨테이너 : 오브젝트의 생성과 관계설정을 대신 맡는 컨테이너\n\n"
        "  1.1 bean Factory\n"
        "    - 오브젝트 사이의 런타임 관계를 설정하는 DI 관점의 컨테이너\n\n"
        "  1-3. bean\n"
        "    - 스프링 컨테이너가 관리하는 오브젝트\n\n"
        "  11-2. scope 의 정의\n"
        "    - 빈이 존재할 수 있는 범위\n\n"
        "a. Logical Address\n"
        "   - the address the CPU generates while a program runs\n"
    )
    names = {term.name for term in terms_of(parse_notes(text, "spring.md")).values()}
    assert names == {"IoC컨테이너", "bean Factory", "bean", "scope", "Logical Address"}


def test_two_names_joined_by_a_slash_are_no_term() -> None:
    """``@Autowired / @Inject`` names two annotations, not one term."""
    assert label_reason("@Autowired / @Inject") is not None
    assert label_reason("TCP/IP") is None


def test_a_term_known_only_from_a_blanked_sentence_is_asked_as_the_blank() -> None:
    """A cloze's hidden term fills its blank; its sentence never stands as a description."""
    questions = generate_questions(load_path_text(CARDS))
    about = [q for q in questions if q.term == "StatefulSet"]
    assert {q.kind for q in about} == {"term_from_definition"}
    assert "fills the blank" in about[0].prompt
    for question in questions:
        if question.kind in ("true_false", "definition_from_term"):
            assert "____" not in question.prompt
            assert not any("____" in choice for choice in question.choices or ())


def test_a_latin_word_with_a_korean_particle_is_part_of_a_clause() -> None:
    """``Dockerfile을 활용한 …`` and ``WAL대신 … 사용`` are clauses, not names."""
    assert label_reason("WAL대신 copy-on-write schema 사용") is not None
    assert label_reason("리셋 에러 방지") is not None
    assert label_reason("최적화") is not None
    book = parse_notes(
        "## Dockerfile을 활용한 다양한 이미지 생성\n- 여러 이미지를 만든다.\n", "d.md"
    )
    assert terms_of(book) == {}


def test_a_log_explained_line_by_line_gives_no_terms() -> None:
    """Lines of a tool's output, each explained in a numbered list, are not terms."""
    text = (
        "# 빌드\n\n## 빌드 로그\n"
        "1. **`resolving base image`**: 베이스 이미지의 주소를 찾는다.\n"
        "2. **`copying files: 12kB`**: 빌드 컨텍스트의 파일을 복사한다.\n"
        "3. **`running setup script`**: 설치 스크립트를 실행한다.\n"
        "4. **`writing cache`**: 다음 빌드에 쓸 캐시를 남긴다.\n"
        "5. **`tagging result`**: 완성된 이미지에 이름을 붙인다.\n\n"
        "## 레이어\n- **읽기 전용 레이어**: 이미지를 이루며 바뀌지 않는 층이다.\n"
    )
    names = {term.name for term in terms_of(parse_notes(text, "build.md")).values()}
    assert not names & {"resolving base image", "writing cache", "tagging result"}
    assert "읽기 전용 레이어" in names


def test_the_parties_of_an_exchange_are_not_terms() -> None:
    """``Client: …`` and ``Server: …`` in one list describe roles, not terms."""
    text = (
        "# Caching\n\n## Validation\n"
        "- Revalidation: asking the origin whether a stored copy is still fresh.\n"
        "- Client: sends the date of its copy in the request.\n"
        "- Server: answers with no body when the copy is fresh.\n\n"
        "## Relays\n- relays forward mail between hosts\n"
        "  - Client: the relay that sends\n"
        '  - "Server": the relay that receives\n'
    )
    names = {term.name for term in terms_of(parse_notes(text, "cache.md")).values()}
    assert names == {"Revalidation", "Relays"}


def test_a_diagram_between_a_heading_and_its_bullets_keeps_the_heading_a_term() -> None:
    """``### 스위치`` / an image / bullets: the bullets still explain the heading."""
    text = (
        "# 2장 - 장비\n\n### 스위치\n\n![](https://example.org/switch.png)\n\n"
        "- 같은 네트워크 안에서 MAC 주소를 보고 프레임을 전달하는 장비이다.\n"
        "- 포트마다 충돌 도메인이 나뉜다.\n"
    )
    names = {term.name for term in terms_of(parse_notes(text, "net.md")).values()}
    assert names == {"스위치"}


def test_an_english_sentence_of_the_form_x_is_a_y_defines_x() -> None:
    """ "A *sidecar* is a helper container …" defines sidecar; "Each pod is a …" does not."""
    text = (
        "# Chapter 3 - Pods\n\n## Patterns\n\nSome words about the patterns come first.\n\n"
        "A *sidecar* is a helper container that runs next to the main one.\n\n"
        "`busybox`, as used in the examples, is a tiny image with common shell tools.\n\n"
        "- Each pod is a unit of scheduling in this example.\n"
        "- This is a good place to start.\n"
    )
    names = {term.name for term in terms_of(parse_notes(text, "pods.md")).values()}
    assert {"sidecar", "busybox"} <= names
    assert not names & {"Each pod", "This", "pod"}


def test_an_aside_in_parentheses_defines_its_term() -> None:
    """A whole line ``(X: 설명)`` is a term and its definition, not a fragment."""
    text = (
        "# 1장 - 스레드\n\n## 공유\n"
        "스레드는 자원을 공유한다.\n\n"
        "(경쟁 상태: 여러 스레드가 같은 자원에 동시에 접근해"
        " 결과가 순서에 따라 달라지는 상태이다.)\n"
    )
    terms = terms_of(parse_notes(text, "os.md"))
    assert "경쟁 상태" in terms
    assert terms["경쟁 상태"].definition[0].text.startswith("여러 스레드가")


def test_a_term_that_a_note_defines_is_asked_too() -> None:
    """``참고) X - 설명`` under another term makes X a question of its own, not only a choice."""
    text = (
        "# 1장 - 설정\n\n## 용어 - 선언형 설정\n* 원하는 상태를 적어 두는 방식\n"
        "* 참고) 명령형 설정 - 해야 할 행동을 차례로 적는 방식\n\n"
        "## 용어 - 매니페스트\n* 오브젝트를 적은 파일\n"
    )
    questions = generate_questions(parse_notes(text, "cfg.md"))
    assert "명령형 설정" in {q.term for q in questions}


def test_a_bullet_with_a_described_child_is_a_term() -> None:
    """``* DELETE`` with ``* Deletes the file named in the URL`` under it is a term."""
    text = (
        "# Lecture 2\n\n## Methods\n* PUT\n  * Uploads a file to the path in the URL\n"
        "* DELETE\n  * Deletes the file named in the URL\n"
        "* Safe methods\n  * GET\n  * HEAD\n"
    )
    names = set(terms_of(parse_notes(text, "http.md")))
    assert {"PUT", "DELETE"} <= names
    assert "Safe methods" not in names


def test_a_latin_name_as_the_topic_of_a_korean_sentence_is_a_term() -> None:
    """``UDP는 연결 없이 …`` defines UDP; a Korean topic (``이것은 …``) does not."""
    text = (
        "# 3장 - 전송\n\n## 계층\n"
        "- UDP는 연결을 맺지 않고 데이터그램을 보내는 프로토콜\n"
        "- 이것은 아주 빠르게 동작한다는 뜻이다\n"
    )
    names = set(terms_of(parse_notes(text, "net.md")))
    assert "UDP" in names
    assert "이것" not in names


def test_the_name_a_card_question_quotes_is_asked_as_a_blank() -> None:
    """``What's the advantage of "Bind Mounts"?::…`` asks which term fills the quote."""
    text = (
        'What\'s the advantage of "Bind Mounts"?::They show host files inside the container.\n\n'
        'What\'s true about "Anonymous Volumes"?::They are removed with their container.\n\n'
        'Why use "Named Volumes"?::They survive the removal of the container.\n'
    )
    book = with_cards(text, "volumes.md")
    asked = [q for q in generate_questions(book) if q.term == "Bind Mounts"]
    assert asked
    assert "Bind Mounts" not in asked[0].prompt
    assert asked[0].choices is not None
    assert "Named Volumes" in asked[0].choices


def test_the_command_a_how_to_card_answers_with_is_a_term() -> None:
    """``How to …?::chown user file`` cards make ``chown`` a term, with its sibling commands;
    the options are part of the term (``ls -l`` and ``chown -R`` answer other questions)."""
    text = (
        "How to change only the user ownership of a file?::`chown user file`\n\n"
        "How to change the ownership of a folder and its content?::`chown -R user dir`\n\n"
        "How to add write access for the user?::`chmod u+w file`\n\n"
        "How to list files with their permissions?::`ls -l dir`\n\n"
        "Which files need the executable access?::Scripts and binary files\n"
    )
    book = with_cards(text, "perms.md")
    questions = generate_questions(book)
    assert {"chown", "chown -R", "chmod", "ls -l"} <= {q.term for q in questions}
    asked = next(
        q for q in questions if q.term == "chown" and q.kind.value == "term_from_definition"
    )
    assert asked.choices is not None
    assert "chmod" in asked.choices
    assert "Scripts" not in {q.term for q in questions}


HOW_TO_CARDS = (
    "How to change only the user ownership of a file?::`chown user file`\n\n"
    "How to change the ownership of a folder and its content?::`chown -R user dir`\n\n"
    "How to add write access for the user?::`chmod u+w file`\n\n"
    "How to list files with their permissions?::`ls -l dir`\n"
)


def test_a_how_to_card_is_asked_as_its_question_never_shown_as_a_description() -> None:
    """The question of a how-to card asks for its command among the deck's commands; it
    is never offered as a "description", nor as a true-or-false statement."""
    book = with_cards(HOW_TO_CARDS, "perms.md")
    questions = generate_questions(book)
    kinds = {q.kind.value for q in questions if q.term in {"chown", "chown -R", "chmod"}}
    assert kinds == {"term_from_definition"}
    asked = next(q for q in questions if q.term == "chown")
    assert asked.prompt.startswith("Which of these answers the question?")
    assert "> How to change only the user ownership of a file?" in asked.prompt
    for question in questions:
        for choice in question.choices or ():
            assert not choice.startswith("How to"), question.prompt


def test_a_question_card_with_a_blank_after_it_is_a_question() -> None:
    """``Can you …? ____`` with the answer ``Yes`` asks the question; it is no blank to
    fill in the middle of the text."""
    text = (
        "<details><summary>Can you perform a rolling update on a DaemonSet? _____</summary>"
        "Yes</details>\n\n"
        "<details><summary>Pods in _____ state wait to be scheduled.</summary>"
        "Pending</details>\n"
    )
    book = with_cards(text, "cards.md")
    questions = {q.answer: q for q in generate_questions(book) if q.origin == "card"}
    assert questions["Yes"].kind.value == "flashcard"
    assert questions["Yes"].prompt == "Can you perform a rolling update on a DaemonSet?"
    assert questions["Pending"].kind.value == "cloze"
    # asked another way, the card keeps the id it had as a blank (members keep progress)
    card = next(c for c in book.cards if c.answers[0] == "Yes")
    assert questions["Yes"].id == question_id(book.title, book.title, "cloze", card.prompt, "")


def test_a_command_typed_without_its_placeholder_path_is_right() -> None:
    """``ls -la`` answers a card whose answer is ``ls -la /path/to/dir``: the path is a
    placeholder, not part of what the card teaches."""
    text = "How to see the permissions of every file in a folder?::`ls -la /path/to/dir`\n"
    book = with_cards(text, "perms.md")
    card = next(q for q in generate_questions(book) if q.kind.value == "flashcard")
    assert is_correct("ls -la", card.accepted)
    assert is_correct("ls -la /path/to/dir", card.accepted)
    assert not is_correct("ls", card.accepted)


def test_a_path_that_is_the_answer_is_not_dropped_from_it() -> None:
    """``rm -rf /`` is not answered by ``rm -rf``: only a placeholder path may be left out,
    and an answer of many flags is read at once (no backtracking)."""
    flags = " ".join(["--verbose"] * 40)
    text = f"How to wipe the root folder?::`rm -rf /`\n\nHow to be loud?::`ls {flags} x`\n"
    book = with_cards(text, "danger.md")
    cards = {q.answer: q for q in generate_questions(book) if q.kind.value == "flashcard"}
    assert cards["rm -rf /"].accepted == ("rm -rf /",)
    assert f"ls {flags} x" in cards


def test_the_setting_a_what_is_the_impact_card_asks_about_is_a_term() -> None:
    """``What is the impact of granting write(w) permission of a directory?`` is about
    ``write(w) permission``; its answer describes it."""
    text = (
        "What is the impact of granting read(r) permission of a directory?::Ability to list "
        "the files inside of it\n\n"
        "What is the impact of granting write(w) permission of a directory?::Ability to "
        "create and delete files inside it\n"
    )
    book = with_cards(text, "perms.md")
    terms = {q.term for q in generate_questions(book)}
    assert {"read(r) permission", "write(w) permission"} <= terms


CLOSING = """\
# 4장 - HTTP 커넥션

## 우아한 커넥션 끊기
- 전체 끊기: 입력과 출력 채널을 모두 끊는다 (`close()`)
- 절반 끊기: 출력 채널만 끊고 입력은 남겨 둔다 (`shutdown()`)

## 컨테이너 만들기
- 이미지를 받아 `docker run`으로 실행한다.

## 도구
- 이미지 만들기: Dockerfile을 `docker build`로 빌드한다.
- 레지스트리: 이미지를 저장하고 내려주는 서버이다.
"""


def test_tasks_side_by_side_name_kinds_but_a_lone_task_is_no_term() -> None:
    """``전체 끊기: …`` beside ``절반 끊기: …`` are two kinds of closing, asked as terms; a
    heading or a lone bullet that names a task (``컨테이너 만들기``, ``이미지 만들기``) is not."""
    names = set(terms_of(parse_notes(CLOSING, "notes.md")))
    assert {"전체 끊기", "절반 끊기", "레지스트리"} <= names
    assert "컨테이너 만들기" not in names
    assert "이미지 만들기" not in names
