"""Terms named in running prose ("…를 X라고 한다", "… called a Pod") are found and asked."""

from __future__ import annotations

import pytest

from bot.core.notes import parse_notes
from bot.core.questions import generate_questions
from bot.core.questions._naming import glossed_in, named_in


@pytest.mark.parametrize(
    ("sentence", "name", "aliases"),
    [
        ("가입자에게 대역폭을 보장해주는 서비스를 대부분 전용 회선이라 한다.", "전용 회선", ()),
        (
            "7계층 로드밸런서를 별도로 ADC(Application Delivery Controller) 라고도 부른다.",
            "ADC",
            ("Application Delivery Controller",),
        ),
        ("컨테이너가 오브젝트의 제어권을 가져서 IoC라고 부름", "IoC", ()),
        ("Kubernetes groups containers into a single atomic unit called a Pod.", "Pod", ()),
        (
            "The leftover space inside a partition is called internal fragmentation.",
            "internal fragmentation",
            (),
        ),
    ],
)
def test_a_sentence_that_names_a_term(sentence: str, name: str, aliases: tuple[str, ...]) -> None:
    """The name a sentence gives, with the other name in parentheses."""
    naming = named_in(sentence)
    assert naming is not None
    assert (naming.name, naming.aliases) == (name, aliases)


@pytest.mark.parametrize(
    "sentence",
    [
        "그는 내일 온다고 한다.",
        "IoC라고 부른다.",
        "This is called a day.",
        "컨테이너 런타임(Container Runtime)",
        "도커는 가장 많이 쓰이는 컨테이너 런타임 (2024년 기준)",
        "이 방식은 InnoDB 테이블에서 쓸 수 있다 (InnoDB 만 사용 가능)",
        "We call it whatever we like, really, without naming anything here",
    ],
)
def test_sentences_that_name_nothing(sentence: str) -> None:
    """Reported speech, a bare naming and a pointer without a sentence before it name nothing."""
    assert named_in(sentence) is None


def test_a_pointer_names_what_the_sentence_before_said() -> None:
    """ "이걸 memtable이라고 함" takes its definition from the sentence before."""
    naming = named_in("이걸 memtable이라고 함.", "쓰기가 들어오면 인메모리 균형 트리에 추가한다.")
    assert naming is not None
    assert naming.name == "memtable"
    assert naming.sentence.startswith("쓰기가 들어오면")


NOTES = """\
# 2장 - 네트워크

## 회선
- 가입자에게 대역폭을 보장해주는 서비스를 전용 회선이라 한다.
- 여러 가입자가 대역폭을 나눠 쓰는 서비스를 인터넷 회선이라 한다.
- 회선은 통신사업자의 망에 연결된다.
- 7계층에서 동작하는 로드밸런서를 별도로 ADC라고도 부른다.

## Pods
Kubernetes groups containers into a single atomic unit called a Pod.
"""


def test_named_terms_become_term_questions() -> None:
    """Terms named in prose are asked, with the other named term as a distractor."""
    questions = generate_questions(parse_notes(NOTES, "net.md"))
    terms = {q.term for q in questions if q.term is not None}
    assert {"전용 회선", "인터넷 회선", "ADC"} <= terms
    asked = next(q for q in questions if q.kind == "term_from_definition" and q.term == "전용 회선")
    assert "전용 회선" not in asked.prompt
    assert asked.choices is not None
    assert "인터넷 회선" in asked.choices


def test_a_plural_is_never_a_distractor_of_its_singular() -> None:
    """ "Pods" is not offered as a wrong choice next to "Pod"."""
    text = (
        "## Workloads\n- Pod: the smallest deployable unit of Kubernetes.\n"
        "- Pods: groups of containers that share a network namespace and volumes.\n"
        "- Service: a stable address in front of a set of Pods.\n"
        "- Volume: a directory that the containers of a Pod can mount.\n"
    )
    for question in generate_questions(parse_notes(text, "k8s.md")):
        if question.kind == "term_from_definition" and question.answer == "Pod":
            assert "Pods" not in (question.choices or ())


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("UDP는 데이터그램이라고 불리는 독립된 조각으로 데이터를 보낸다.", ["데이터그램"]),
        (
            "운영체제는 파일을 다루도록 파일 디스크립터라는 번호를 프로세스에 준다.",
            ["파일 디스크립터"],
        ),
        (
            "요청이 몰리면 첫 번째 방법으로 복제(replication)를 늘리는 것이 일반적이다.",
            ["복제"],
        ),
        (
            "많은 서비스는 처리량 중심(throughput-oriented)이 아닌"
            " 지연 중심(latency-oriented)이다.",
            ["처리량 중심", "지연 중심"],
        ),
    ],
)
def test_a_name_introduced_in_passing(sentence: str, names: list[str]) -> None:
    """ "X라고 불리는 조각", "X라는 번호" and a Korean name glossed in English introduce X."""
    assert [naming.name for naming in glossed_in(sentence)] == names


@pytest.mark.parametrize(
    "sentence",
    [
        "그 사람은 늘 '괜찮다'라는 말을 한다.",
        "컨테이너는 가상 머신(VM)과 비슷해 보이지만 커널을 공유한다는 점이 다르다.",
        "도커라는 점이 중요하다.",
    ],
)
def test_passing_mentions_that_introduce_nothing(sentence: str) -> None:
    """ "X라는 말", an acronym in parentheses and "X라는 점" introduce no name."""
    assert glossed_in(sentence) == []


def test_a_name_introduced_in_passing_is_asked_with_its_gloss_hidden() -> None:
    """The blank hides the name and its English gloss, and the gloss is an accepted answer."""
    text = (
        "# 1장 - 신뢰성\n\n## 결함\n"
        "- 결함은 서비스 전체가 멈추는 상황인 장애(failure)와 같지 않다.\n"
        "- 결함: 사양에서 벗어난 구성 요소의 동작이다.\n"
    )
    questions = generate_questions(parse_notes(text, "ddia.md"))
    asked = next(q for q in questions if q.term == "장애")
    assert "장애" not in asked.prompt
    assert "failure" not in asked.prompt
    assert "failure" in asked.accepted


def test_an_english_gloss_followed_by_more_names_still_glosses() -> None:
    """``래치(latch, 가벼운 lock)``: the first English name is the gloss."""
    namings = glossed_in("동시성 제어는 잠금장치(mutex, 가벼운 lock)로 트리를 보호한다.")
    assert [(n.name, n.aliases) for n in namings] == [("잠금장치", ("mutex",))]


def test_a_name_given_in_the_past_tense_is_found() -> None:
    """ "…를 컨테이너라고 불렀다" names 컨테이너 like "…라고 부른다" does."""
    naming = named_in("도커에서는 하나의 프로그램을 실행하는 단위를 컨테이너라고 불렀다.")
    assert naming is not None
    assert naming.name == "컨테이너"


def test_a_quoted_gloss_names_the_whole_quoted_phrase() -> None:
    """``‘바람직한 상태(desired-state)’``: the quotes give the name, adjective included."""
    namings = glossed_in("이 방식으로 ‘바람직한 상태(desired-state)’ 관리가 가능해진다.")
    assert [(n.name, n.aliases) for n in namings] == [("바람직한 상태", ("desired-state",))]


def test_a_footnoted_name_is_asked_from_its_footnote() -> None:
    """``private IPs* (*: …)``: the footnote is the definition, the marked words the name."""
    text = (
        "# Chapter 1 - Scale\n\n## Load balancer\n"
        "- The balancer reaches the web servers via private IPs* (*: addresses only "
        "reachable inside the same network).\n"
        "- It solved no-failover* (*: a system that cannot switch to a backup when one "
        "server fails) issues.\n"
    )
    questions = generate_questions(parse_notes(text, "sdi.md"))
    asked = {q.term: q for q in questions if q.kind.value == "term_from_definition"}
    assert "addresses only reachable inside the same network" in asked["private IPs"].prompt
    assert "no-failover" in asked
