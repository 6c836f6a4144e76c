"""Wrong choices of the answer's kind: a speed is no choice for what a network is, and a
description no choice for how fast a line is."""

from __future__ import annotations

import re

from bot.core._distractors import is_measure
from bot.core.model import QuestionKind
from bot.core.notes import parse_notes
from bot.core.questions import generate_questions
from tests.core._books import with_cards

K = QuestionKind

NETWORKS_KO = """\
# 2장 - 네트워크

## 연결 구분
- **LAN(Local Area Network)**: 사용자 내부 네트워크
- **MAN(Metro Area Network)**: 한 도시 정도를 연결하고 관리하는 네트워크
- **WAN(Wide Area Network)**: 멀리 떨어진 LAN을 연결해주는 네트워크

## 인터넷 회선
- 일반 인터넷 회선의 종류는 다음과 같다.
  - 광랜(이더넷): 기가 ~ 100Mbps
  - 동축 케이블 인터넷: 수백 ~ 수십 Mbps
  - xDSL(ADSL, VDSL 등): 수십 ~ 수 Mbps
"""

NETWORKS_EN = """\
# Chapter 2 - Networks

## Scope
- **LAN**: A network inside one building or home
- **MAN**: A network that connects one city and is run by one operator
- **WAN**: A network that joins distant LANs across countries

## Access lines
- **Fibre**: about 1 Gbps
- **Cable**: up to 500 Mbps
- **DSL**: up to 50 Mbps
"""

SPEED = re.compile(r"bps")


def test_a_description_is_never_offered_among_speeds_or_a_speed_among_descriptions() -> None:
    """What a network is has no speed among its choices; how fast a line is, no
    description."""
    for text in (NETWORKS_KO, NETWORKS_EN):
        questions = generate_questions(parse_notes(text, "networks.md"))
        asked = [q for q in questions if q.kind is K.DEFINITION_FROM_TERM]
        assert {bool(SPEED.search(q.answer)) for q in asked} == {True, False}
        for question in asked:
            speed = bool(SPEED.search(question.answer))
            assert all(bool(SPEED.search(c)) == speed for c in question.choices or ()), (
                question.choices
            )


def test_a_false_statement_is_of_the_same_kind_as_the_true_one() -> None:
    """True or false about a network never shows a line's speed as its statement."""
    for text in (NETWORKS_KO, NETWORKS_EN):
        questions = generate_questions(parse_notes(text, "networks.md"))
        for question in questions:
            if question.kind is K.TRUE_FALSE and (question.term or "").startswith(("LAN", "MAN")):
                assert not SPEED.search(question.prompt), question.prompt


def test_quantities_are_told_from_descriptions() -> None:
    """Numbers with units are quantities; a sentence with a number or "할 수" is not."""
    for quantity in ("기가 ~ 100Mbps", "수십 ~ 수 Mbps", "50%", "1500 bytes", "3초"):
        assert is_measure(quantity), quantity
    for description in (
        "자원당 1인스턴스인 경우",
        "존재할 수 있는 범위.",
        "클라이언트의 연결 요청을 수락",
        "Requires 2 RTTs per object and a new connection",
    ):
        assert not is_measure(description), description


INDEX_GLOSSARY = """\
# Glossary

## L

- **latency**: The time a request spends travelling from a client to a server and back.
- **lease**: A lock grant that expires unless its holder renews it before a deadline.
- **load balancer**: A proxy that spreads incoming requests over several servers.

## M

- **marshalling**: Turning an object in memory into bytes to send over a network.
- **mutex**: A lock that lets one thread at a time into a critical section.
- **microservice**: A small service deployed on its own and owning its data.

## S

- **semaphore**: A lock with a counter that lets a fixed number of threads in at once.
- **sharding**: Splitting a database into parts that live on different servers.
- **spinlock**: A lock whose waiting thread loops until the lock is free.
"""


def test_an_alphabetical_glossary_draws_choices_from_the_topic_not_the_letter() -> None:
    """Under "## M", marshalling and microservice are neighbours by spelling only: the
    wrong choices for a lock are the other locks, and a false statement about a lock
    is never the definition of a letter-neighbour of another kind."""
    questions = generate_questions(parse_notes(INDEX_GLOSSARY, "glossary.md"))
    locks = {"lease", "mutex", "semaphore", "spinlock"}
    asked = next(q for q in questions if q.kind is K.TERM_FROM_DEFINITION and q.term == "mutex")
    assert asked.choices is not None
    assert set(asked.choices) <= locks
    for question in questions:
        if question.kind is K.TRUE_FALSE and question.term in locks:
            assert "bytes to send" not in question.prompt
            assert "own and owning" not in question.prompt


def _card(summary: str, answer: str) -> str:
    return f"<details><summary>{summary}</summary>{answer}</details>\n\n"


PHASE_DECK = "".join(
    [
        _card("A Pod is in its lifecycle's _____ phase while an image still downloads.", "Pending"),
        _card("A Pod is in its lifecycle's _____ phase once a container runs.", "Running"),
        _card("A Pod is in its lifecycle's _____ phase when a container exits in error.", "Failed"),
        _card(
            "A Pod is in its lifecycle's _____ phase when all containers ended well.", "Succeeded"
        ),
        _card("Containers within a single _____ share an IP address and port space.", "Pod"),
        _card("A(n) _____ keeps a set number of identical Pods running.", "ReplicaSet"),
        _card("A(n) _____ runs one copy of a Pod on every node of the cluster.", "DaemonSet"),
        _card("A(n) _____ load balances traffic across the Pods it selects.", "Service"),
    ]
)


def test_a_card_blank_that_says_its_kind_takes_choices_of_that_kind() -> None:
    """ "the ____ phase" asks for a phase: its wrong choices are other phases, and a Pod
    is never offered among phases nor a phase among objects."""
    book = with_cards(PHASE_DECK, "deck.md")
    phases = {"Pending", "Running", "Failed", "Succeeded"}
    asked = {
        q.term: q
        for q in generate_questions(book)
        if q.kind is K.TERM_FROM_DEFINITION and q.choices is not None
    }
    assert phases & set(asked)
    for term, question in asked.items():
        if term in phases:
            assert set(question.choices) <= phases, question.choices
        else:
            assert not phases & set(question.choices), question.choices


SOCKET_NOTES = """\
# 3장 - TCP

## 소켓 호출
- 클라이언트: `socket()` → `connect()` → `write()` → `close()` 순서로 부른다
- 서버: `socket()` → `bind()` → `listen()` → `accept()` 순서로 부른다
- 파이프라인 커넥션은 `지속 커넥션(keep-alive)` 위에서 여러 요청을 보낸다

## 소켓 함수
- `bind()`: 소켓에 로컬 포트 번호를 붙이는 함수
- `listen()`: 서버가 연결을 기다리게 하는 함수
- `accept()`: 클라이언트의 연결 요청을 받아들이는 함수
- TIME_WAIT: 연결이 끝난 뒤에도 같은 포트로 새 연결을 막으려고 잠시 유지하는 상태
"""


def test_a_call_is_offered_among_calls_and_a_state_not_among_calls() -> None:
    """A blank in a chain of calls offers calls, never "지속 커넥션(keep-alive)"; a TCP
    state offered only beside function calls would be the one of its kind: it is typed."""
    questions = generate_questions(parse_notes(SOCKET_NOTES, "tcp.md"))
    for question in questions:
        if question.kind is K.CLOZE and question.answer.endswith("()"):
            assert "지속 커넥션(keep-alive)" not in (question.choices or ()), question.choices
        if question.kind is K.TERM_FROM_DEFINITION and question.term == "TIME_WAIT":
            calls = [c for c in question.choices or () if c != "TIME_WAIT"]
            assert not calls or not all(c.endswith("()") for c in calls), question.choices


FIELDS = """\
# Chapter 4 - Pods

## Liveness probe fields
- The `timeoutSeconds` says the probe must respond with a timeout value of 1s.
- The `periodSeconds` says how many seconds pass between two probes.
- The `failureThreshold` says how many failed probes restart the container.
"""


def test_a_part_of_a_name_in_its_sentence_is_no_clue_only_when_choices_share_it() -> None:
    """ "a timeout value" points at `timeoutSeconds` among names that lack "timeout": typed;
    "seconds" does not single out `periodSeconds` beside `timeoutSeconds`."""
    clozes = {
        q.answer: q for q in generate_questions(parse_notes(FIELDS, "pods.md")) if q.kind is K.CLOZE
    }
    assert clozes["timeoutSeconds"].choices is None
    assert clozes["periodSeconds"].choices is not None


SCOPES_AND_DEVICES_EN = """\
# Chapter 2 - Networks

## Scope
- **LAN**: A network inside one building or home
- **MAN**: A network that connects one city and is run by one operator
- **WAN**: A network that joins distant sites across countries

## Devices
- **VPN**: Encrypts traffic between two offices over the public internet
- **ADC**: Balances requests over servers by reading the application protocol
- **NAT**: Rewrites private addresses into one public address
"""

SCOPES_AND_DEVICES_KO = """\
# 2장 - 네트워크

## 연결 구분
- **근거리 통신망**: 한 건물이나 집 안의 네트워크
- **도시권 통신망**: 한 도시를 연결하고 관리하는 네트워크
- **광역 통신망**: 멀리 떨어진 지사들을 나라를 넘어 연결하는 네트워크

## 장비
- **가상 사설망**: 공용 인터넷 위에서 두 지점 사이의 트래픽을 암호화한다
- **로드 밸런서**: 애플리케이션 프로토콜을 읽어 요청을 서버들에 나눈다
- **주소 변환기**: 사설 IP를 하나의 공인 IP로 바꾼다
"""


def test_a_term_with_enough_siblings_takes_its_wrong_choices_from_them_alone() -> None:
    """WAN is asked among LAN and MAN (three choices of its kind), never with a device
    of the next section filling a fourth place; the devices keep among themselves."""
    for text, scopes, devices in (
        (SCOPES_AND_DEVICES_EN, {"LAN", "MAN", "WAN"}, {"VPN", "ADC", "NAT"}),
        (
            SCOPES_AND_DEVICES_KO,
            {"근거리 통신망", "도시권 통신망", "광역 통신망"},
            {"가상 사설망", "로드 밸런서", "주소 변환기"},
        ),
    ):
        questions = generate_questions(parse_notes(text, "networks.md"))
        asked = [
            q
            for q in questions
            if q.kind in (K.TERM_FROM_DEFINITION, K.DEFINITION_FROM_TERM) and q.choices
        ]
        assert {q.term for q in asked} >= scopes | devices
        definitions = {q.term: q.answer for q in asked if q.kind is K.DEFINITION_FROM_TERM}
        for question in asked:
            own = scopes if question.term in scopes else devices
            if question.kind is K.TERM_FROM_DEFINITION:
                assert set(question.choices) <= own, question.choices
            else:
                allowed = {definitions[term] for term in own if term in definitions}
                assert set(question.choices) <= allowed, question.choices


MODIFIER_DECK = "".join(
    [
        _card("A budget limits how many Pods go down at once from _____ disruptions.", "voluntary"),
        _card("A budget cannot prevent _____ Pod disruptions such as a node crash.", "involuntary"),
        _card("Deleting an owner with its dependents is a(n) _____ deletion.", "cascading"),
        _card("Label _____ pick the Pods a policy applies to.", "selectors"),
        _card("The extra resources a Pod takes beyond its containers: _____.", "Pod Overhead"),
        _card("Pods of a lower _____ are evicted first when a node is full.", "Priority"),
        _card("A(n) _____ keeps a set number of identical Pods running.", "ReplicaSet"),
    ]
)


def test_a_blank_that_qualifies_the_next_noun_takes_words_of_that_kind() -> None:
    """ "from ____ disruptions" asks for a word that qualifies disruptions: its wrong
    choices are such words (involuntary, cascading), never a plural noun or a name, and
    those words are not offered where a noun is hidden."""
    book = with_cards(MODIFIER_DECK, "deck.md")
    modifiers = {"voluntary", "involuntary", "cascading"}
    asked = {
        q.term: q
        for q in generate_questions(book)
        if q.kind is K.TERM_FROM_DEFINITION and q.choices is not None
    }
    assert modifiers <= set(asked)
    for term, question in asked.items():
        if term in modifiers:
            assert set(question.choices) <= modifiers, question.choices
        else:
            assert not modifiers & set(question.choices), question.choices


def test_a_singular_and_its_plural_are_never_two_wrong_choices() -> None:
    """ "selector" and "selectors" are one choice: a question never offers both, so a
    member is never left to pick between two spellings of one wrong answer."""
    deck = MODIFIER_DECK + "".join(
        [
            _card("A label _____ matches Pods by their labels.", "selector"),
            _card("A(n) _____ keeps one Pod per node running.", "DaemonSet"),
            _card("A(n) _____ runs Pods to completion.", "Job"),
        ]
    )
    questions = generate_questions(with_cards(deck, "deck.md"))
    offered = [q for q in questions if q.choices and q.term not in ("selector", "selectors")]
    assert any({"selector", "selectors"} & set(q.choices) for q in offered)
    for question in offered:
        assert not {"selector", "selectors"} <= set(question.choices), question.choices


KINDS_OF_EN = """\
# Chapter 4 - Databases

## Stores
- **DB**: An organised collection of data kept by a server program
- **Relational DB**: Keeps rows in tables joined by keys and queried with SQL
- **Non-relational DB**: Keeps documents or key-value pairs without a fixed schema
- **Cache**: Keeps recent answers in memory to serve them again quickly
- **Queue**: Holds messages until a consumer takes them in order
"""

KINDS_OF_KO = """\
# 2장 - 컨테이너

## 실행 도구
- **컨테이너 런타임**: 이미지를 내려받아 실행하는 도구
  - 예) 도커, containerd, CRI-O
- **CRI-O**: OCI 스펙을 지키는 가벼운 구현체
- **레지스트리**: 이미지를 저장하고 나눠 주는 서버
- **오케스트레이터**: 여러 노드에 걸쳐 워크로드를 배치하고 복구하는 시스템
- **이미지**: 파일 시스템과 실행 설정을 묶은 읽기 전용 패키지
"""


def _descriptions(text: str) -> dict[str, tuple[str, ...]]:
    questions = generate_questions(parse_notes(text, "kinds.md"))
    return {
        q.term: q.choices
        for q in questions
        if q.kind is K.DEFINITION_FROM_TERM and q.choices is not None and q.term
    }


def test_what_a_broader_term_or_a_kind_it_belongs_to_is_never_a_wrong_description() -> None:
    """Relational DB is a DB, so "an organised collection of data …" is no wrong choice
    for it (nor the other way round); CRI-O is one of the examples of a container runtime,
    so "a tool that runs containers" is no wrong choice for CRI-O. A term and its
    negation stay each other's best wrong choice."""
    en = _descriptions(KINDS_OF_EN)
    db = "An organised collection of data kept by a server program"
    relational = "Keeps rows in tables joined by keys and queried with SQL"
    assert db not in en["Relational DB"]
    assert relational not in en["DB"]
    assert relational in en["Non-relational DB"]
    ko = _descriptions(KINDS_OF_KO)
    assert "이미지를 내려받아 실행하는 도구" not in ko["CRI-O"]
    assert "OCI 스펙을 지키는 가벼운 구현체" not in ko["컨테이너 런타임"]


HEADS_EN = """\
# Chapter 5 - Messaging

## Guarantees
- **at-most-once delivery**: Messages arrive zero or one time and may be lost
- **at-least-once delivery**: Messages arrive one or more times and may repeat
- **exactly-once delivery**: Messages arrive one time, neither lost nor repeated
- **last-write-wins register**: Keeps the value with the latest timestamp on conflict
- **vector clock**: Orders events across nodes by counting each node's steps
"""

HEADS_KO = """\
# 4장 - HTTP 커넥션

## 커넥션 다루기
- **병렬 커넥션**: 여러 TCP 연결을 동시에 열어 객체를 함께 내려받는 방식
- **지속 커넥션**: 처리 뒤에도 연결을 끊지 않고 다음 요청에 다시 쓰는 방식
- **파이프라인 커넥션**: 응답을 기다리지 않고 여러 요청을 연달아 보내는 방식
- **핸드셰이크 지연**: 새 연결을 맺으려고 패킷을 주고받느라 걸리는 시간
- **느린 시작**: 처음엔 전송 속도를 낮게 두고 성공할수록 높여 가는 혼잡 제어
"""


def test_a_name_that_says_its_kind_is_asked_among_names_of_that_kind() -> None:
    """The last word of a name says what it is: a delivery guarantee is asked among
    deliveries, a kind of connection among connections, never beside a register or a
    delay that happen to be siblings."""
    for text, kind in ((HEADS_EN, "delivery"), (HEADS_KO, "커넥션")):
        questions = generate_questions(parse_notes(text, "heads.md"))
        asked = [
            q
            for q in questions
            if q.kind is K.TERM_FROM_DEFINITION and q.choices and q.term.endswith(kind)
        ]
        assert len(asked) == 3
        for question in asked:
            assert all(c.endswith(kind) for c in question.choices), question.choices


QUALITIES_KO = """\
# 1장 - 유지보수

## 설계 원칙
- **운용성**: 운영팀이 시스템을 원활하게 운영할 수 있게 쉽게 만든다
- **단순성**: 복잡도를 없애 새 엔지니어가 시스템을 이해하기 쉽게 만든다
- **발전성**: 엔지니어가 나중에 시스템을 쉽게 바꿀 수 있게 한다
- **검색 색인**: 키워드로 데이터를 찾고 걸러 내게 해 주는 구성 요소
"""


def test_a_quality_named_by_its_suffix_is_asked_among_qualities() -> None:
    """운용성, 단순성 and 발전성 name qualities by their ending: each is asked among the
    others, not beside 검색 색인, a component that shares their section."""
    questions = generate_questions(parse_notes(QUALITIES_KO, "qualities.md"))
    qualities = {"운용성", "단순성", "발전성"}
    asked = [q for q in questions if q.kind is K.TERM_FROM_DEFINITION and q.term in qualities]
    assert asked
    for question in asked:
        assert question.choices is not None
        assert set(question.choices) <= qualities, question.choices


FAILURES_GLOSSARY = {
    "en": """\
# Glossary

## C

- **cache miss**: A failure to find requested data in a cache, so it is fetched from its source.
- **checksum**: A short value computed from data to detect accidental changes to it.

## N

- **network partition**: A failure that splits a cluster into node groups that cannot talk.
- **nonce**: A number used once to tell a fresh request from a replayed one.
""",
    "ko": """\
# 용어집

## ㅁ

- **미스**: 캐시에서 요청한 데이터를 찾지 못해 원본에서 가져오는 장애
- **멱등성**: 같은 요청을 여러 번 보내도 결과가 한 번 보낸 것과 같은 성질

## ㅂ

- **분할**: 클러스터가 서로 통신할 수 없는 노드 묶음으로 나뉘는 장애
- **버전 벡터**: 복제본마다 고친 횟수를 세어 변경의 선후를 가리는 값
""",
}


def test_a_glossary_false_statement_shares_more_than_its_kind_word() -> None:
    """Under letter headings, "A failure …" alone makes no partner: true or false about a
    cache miss never shows what a network partition is, nor the other way round."""
    for language, text in FAILURES_GLOSSARY.items():
        questions = generate_questions(parse_notes(text, "glossary.md"))
        cache, partition = (
            ("cache miss", "network partition") if language == "en" else ("미스", "분할")
        )
        for question in questions:
            if question.kind is not K.TRUE_FALSE:
                continue
            statement = question.prompt.split("\n", 1)[1]
            if question.term == cache:
                assert "cluster" not in statement
                assert "클러스터" not in statement
            if question.term == partition:
                assert "cache" not in statement
                assert "캐시" not in statement


PHASES = {
    "ko": """\
# 2장 - 파드

## 파드의 상태
- **Pending**: 파드가 만들어져 이미지를 내려받는 중인 상태
- **Running**: 파드가 노드에 할당되어 컨테이너가 실행 중인 상태
- **Succeeded**: 파드의 모든 컨테이너가 정상 종료한 상태
- **Readiness Probe**: 컨테이너가 요청을 받을 준비가 됐는지 확인하는 검사
""",
    "en": """\
# Chapter 2 - Pods

## Pod lifecycle
- **Pending**: A state in which the Pod waits for its images to download
- **Running**: A state in which the Pod is bound to a node and a container runs
- **Succeeded**: A state in which every container of the Pod exited well
- **Readiness Probe**: A check that tells whether a container can take requests
""",
}


def test_a_definition_that_says_its_kind_is_asked_among_terms_of_that_kind() -> None:
    """Running is "a state in which …": it is asked among the other states, not beside
    the probe that shares their section."""
    states = {"Pending", "Running", "Succeeded"}
    for language, text in PHASES.items():
        questions = generate_questions(parse_notes(text, "pods.md"))
        asked = [
            q
            for q in questions
            if q.kind is K.TERM_FROM_DEFINITION and q.term in states and q.choices
        ]
        assert asked, language
        for question in asked:
            assert set(question.choices) <= states, question.choices


TOPICAL_PARTNERS_EN = """\
# Chapter 3 - Docker

## Concepts
- **Image**: A read-only template of layers
- **Isolation**: Containers never see each other
- **Registry**: A server that stores read-only templates for download by many teams
- **Network**: Lets containers talk to each other by name
- **Volume**: Keeps data after its container is gone
- **Port mapping**: Sends host traffic on a port into a container
"""
TOPICAL_PARTNERS_KO = """\
# 3장 - 도커

## 개념
- **이미지**: 레이어로 된 읽기 전용 틀
- **격리**: 컨테이너끼리 서로 보지 못함
- **레지스트리**: 읽기 전용 틀을 여러 팀이 내려받도록 저장해 두는 서버
- **네트워크**: 컨테이너끼리 이름으로 서로 통신하게 함
- **볼륨**: 컨테이너가 사라져도 데이터를 남김
- **포트 매핑**: 호스트 포트의 트래픽을 컨테이너로 보냄
"""


def test_a_false_statement_comes_from_a_sibling_on_the_same_topic() -> None:
    """Among siblings, a false statement about a container feature (network, volume, port
    mapping) shows another container feature, not what a registry is: a partner that
    shares a word of the topic comes before any sibling."""
    for text, container, asked in (
        (TOPICAL_PARTNERS_EN, "container", {"Network", "Volume", "Port mapping"}),
        (TOPICAL_PARTNERS_KO, "컨테이너", {"네트워크", "볼륨", "포트 매핑"}),
    ):
        questions = generate_questions(parse_notes(text, "docker.md"))
        false = [
            q
            for q in questions
            if q.kind is K.TRUE_FALSE and q.term in asked and q.answer in ("False", "X")
        ]
        assert false
        for question in false:
            assert container in question.prompt.split("\n", 1)[1].casefold(), question.prompt


DEVICES_KO = """\
# 2장 - 네트워크

## 네트워크 구분
- **LAN**: 건물 하나 정도의 사용자 내부 네트워크
- **MAN**: 한 도시 정도를 연결하고 관리하는 네트워크
- **WAN**: 여러 나라의 도시를 멀리까지 이어주는 광역 네트워크
- **스위치**: 여러 장비를 연결하고 통신을 중재하는 2계층 장비
- **라우터**: 먼 거리 통신을 위해 경로를 지정하는 3계층 장비
"""

GUARANTEES_EN = """\
# Chapter 9 - Messaging

## Delivery
- **at-most-once delivery**: A delivery guarantee that sends each message zero or one time.
- **at-least-once delivery**: A delivery guarantee that sends each message one or more times.
- **exactly-once delivery**: A delivery guarantee that processes each message once.
- **LWW register**: A data type that keeps the value written with the latest timestamp.
- **G-counter**: A data type that only counts up, one count per node.
"""


def test_a_description_of_another_stated_kind_is_left_out_when_two_share_the_answers() -> None:
    """What a definition says its term is: a device ("… 2계층 장비") is no wrong description
    of a kind of network, nor a data type of a delivery guarantee, once two descriptions
    of the answer's kind are there."""
    for text, term, other_kind in (
        (DEVICES_KO, "LAN", "장비"),
        (GUARANTEES_EN, "at-most-once delivery", "A data type"),
    ):
        (asked,) = [
            q
            for q in generate_questions(parse_notes(text, "notes.md"))
            if q.kind is K.DEFINITION_FROM_TERM and q.term == term
        ]
        assert asked.choices is not None
        assert len(asked.choices) >= 3
        assert not [c for c in asked.choices if other_kind in c], asked.choices


OBJECTS_EN = """\
# Chapter 3 - Objects

## Objects
- **Service**: A service load balances traffic across multiple Pods.
- **Replicas**: The identical copies of a Pod that a workload keeps running.
- **Deployment**: An object that rolls out new versions of Pods.
- **Node**: A machine in the cluster that runs Pods.
- **Volume**: A directory that the containers of a Pod share.
"""


def test_a_blank_after_an_article_is_never_offered_a_plural_name() -> None:
    """ "A ____ load balances traffic": ``Replicas`` does not fit that blank, so it is no
    wrong choice there, while the singular names of the list are."""
    (asked,) = [
        q
        for q in generate_questions(parse_notes(OBJECTS_EN, "notes.md"))
        if q.kind is K.TERM_FROM_DEFINITION and q.answer == "Service"
    ]
    assert "A(n) ____ load balances" in asked.prompt
    assert asked.choices is not None
    assert "Replicas" not in asked.choices
    assert len(asked.choices) >= 3


HTTP_EN = """\
# Lecture 4 - HTTP

## HTTP
- **Stateless HTTP**: In general, HTTP is stateless: the server keeps nothing about past requests.
- **Persistent HTTP**: The server leaves the connection open after sending a response.
- **Web Cache**: A proxy that answers requests from stored copies on behalf of the origin.
- **Conditional GET**: A request that asks for an object only if it changed since a date.
- **Cookie**: A small record the server asks the browser to send back with each request.
- **Status Code**: A number in the first line of a response that says how it went.
"""


def test_a_false_statement_never_shows_every_word_of_its_own_term() -> None:
    """ "In general, HTTP is stateless" says it is about Stateless HTTP: shown under
    another term it gives the answer away, so it is no false statement for one."""
    statements = [
        q
        for q in generate_questions(parse_notes(HTTP_EN, "notes.md"))
        if q.kind is K.TRUE_FALSE and q.term != "Stateless HTTP"
    ]
    assert [q for q in statements if q.answer == "False"]
    for question in statements:
        assert "HTTP is stateless" not in question.prompt, question.prompt


DEADLOCK = """\
# 7장 - 데드락

## 데드락 조건
- **Deadlock**: 프로세스들이 서로가 가진 자원을 기다리며 멈춰 있는 상태
- **hold and wait**: 자원을 가진 채로 다른 자원을 기다리는 상태
- **no preemption**: 가진 자원을 빼앗기지 않는 상태
- **circular wait**: 프로세스들이 원을 이루며 서로의 자원을 기다리는 상태
- **데드락 회피**: 안전한 상태에서만 자원을 내주어 데드락을 피하는 방법
"""


def test_names_in_words_of_prose_are_names_not_commands() -> None:
    """``hold and wait`` and ``no preemption`` are names, like ``Deadlock``: its wrong
    choices are those, not the one Korean name of the list."""
    (asked,) = [
        q
        for q in generate_questions(parse_notes(DEADLOCK, "os.md"))
        if q.kind is K.TERM_FROM_DEFINITION and q.answer == "Deadlock"
    ]
    assert asked.choices is not None
    assert len(asked.choices) >= 3
    assert "데드락 회피" not in asked.choices


UNITS_KO = """\
# 4장 - TCP

## TCP 용어
- 세그먼트: TCP는 세그먼트라는 단위로 데이터 스트림을 잘게 나누어 보낸다.
- 편승: 확인 응답을 데이터 패킷에 얹어 함께 보내는 방식
- 네이글 알고리즘: 작은 데이터를 모아 한 번에 보내는 최적화 기법
- 패킷: 네트워크 계층이 주고받는 데이터의 단위
- 데이터그램: UDP가 연결 없이 보내는 데이터의 단위
"""


def test_a_blank_the_sentence_says_the_kind_of_takes_names_of_that_kind() -> None:
    """ "TCP는 ____(이)라는 단위로 …" says the answer is a unit: its wrong choices are the
    terms whose definitions say they are units, and without two of them it is typed."""

    def asked(text: str) -> tuple[str, ...] | None:
        (question,) = [
            q
            for q in generate_questions(parse_notes(text, "tcp.md"))
            if q.kind is K.TERM_FROM_DEFINITION and q.answer == "세그먼트"
        ]
        assert "(이)라는 단위로" in question.prompt
        return question.choices

    choices = asked(UNITS_KO)
    assert choices is not None
    assert set(choices) == {"세그먼트", "패킷", "데이터그램"}
    without_units = "\n".join(line for line in UNITS_KO.splitlines() if "의 단위" not in line)
    assert asked(without_units) is None
