"""Questions from hand-built books: each kind, wording, distractors, ids and defect checks."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.answers import is_correct, normalize
from bot.core.formats.flashcards import parse_cards
from bot.core.model import (
    Book,
    Card,
    Chapter,
    Item,
    ItemKind,
    Question,
    QuestionKind,
    Section,
    Source,
    Term,
)
from bot.core.notes import parse_notes
from bot.core.questions import (
    MAX_CHOICE_CHARS,
    contains,
    find_defects,
    generate,
    generate_questions,
    mask,
)

K = QuestionKind


def term(
    name: str,
    line: int,
    *definition: str,
    aliases: tuple[str, ...] = (),
    notes: tuple[str, ...] = (),
    examples: tuple[str, ...] = (),
) -> Term:
    """A term as the notes parser would produce it, lines counted from ``line``."""
    return Term(
        name,
        line,
        aliases,
        [Item(text, line + 1 + i, ItemKind.DEFINITION) for i, text in enumerate(definition)],
        [Item(text, line + 20 + i, ItemKind.NOTE) for i, text in enumerate(notes)],
        [Item(text, line + 30 + i, ItemKind.EXAMPLE) for i, text in enumerate(examples)],
    )


def chapter(number: int | None, title: str, line: int, *terms: Term, items=()) -> Chapter:
    """A chapter holding one section with the given terms and fact items."""
    return Chapter(
        number, title, line, False, [Section(title, line + 1, 2, list(terms), list(items))]
    )


def k8s_book() -> Book:
    """The first chapters of the group's notes, written out by hand."""
    ch1 = chapter(
        1,
        "쿠버네티스 소개",
        8,
        term(
            "선언형 컨피그레이션",
            19,
            "원하는 서버 상태에 대한 정의서",
            "원하는 상태(Desired state) 에 맞춰 실제 상태(Actual state) 관리하는 것이 "
            "쿠버네티스의 역할",
            notes=("참고) 명령형 컨피그레이션 - 행위에 대한 정의서",),
        ),
        term(
            "프로비저닝",
            24,
            "프로비저닝은 IT 인프라를 생성하고 설정하는 프로세스로서,",
            "다양한 리소스에 대한 사용자 및 시스템 액세스를 관리하는 데 필요한 단계를 포함합니다.",
        ),
        term("불변형 인프라", 14, "서비스를 이미지 등으로 새롭게 만든 뒤 배포하는 방식"),
    )
    ch2 = chapter(
        2,
        "컨테이너 생성 및 실행",
        30,
        term(
            "컨테이너",
            31,
            "환경 제한 없이 실행하기 위해 필요한 모든 요소를 포함하는 소프트웨어 패키지",
            aliases=("Container",),
        ),
        term(
            "컨테이너 런타임",
            35,
            "컨테이너를 사용할 때 필요한 도구",
            "컨테이너를 레지스트리에서 다운로드 받거나 공유 및 구동할 수 있도록 도와주는 도구",
            aliases=("Container Runtime",),
            notes=(
                "참고) 도커는 CRI 를 준수하지 않아 22년 5월 Kubernetes v1.24 부터 "
                "지원이 중단되었습니다.",
            ),
            examples=("예) 도커, 컨테이너d, CRI-O, MCR(Mirantis Container Runtime)",),
        ),
        term("OCI", 42, "컨테이너 런타임 표준 규격", aliases=("Open Container Initiative",)),
        term(
            "CRI",
            47,
            "kubelet 코드를 수정하지 않고 다양한 컨테이너 런타임을 지원하기 위해 등장한 개념",
            "컨테이너 런타임은 CRI 스펙에 맞춰 컴포넌트를 구현한다.",
            aliases=("Container Runtime Interface",),
        ),
        term("CRI-O", 55, "OCI 스펙을 준수한 CRI 의 구현체"),
        term(
            "kubelet",
            62,
            "쿠버네티스 마스터 노드(Control plane)에서 전달되는 명령을 워커 노드에서 처리하는 객체",
        ),
        term(
            "비잔틴 장애 케이스",
            72,
            "비잔틴 장애 허용 - 장애가 전체의 1/3 이하라면, 시스템이 정상 작동하도록 허용하는 "
            "합의 알고리즘",
        ),
    )
    return Book("notes/k8s.md", "k8s", "ko", "완독", [], [ch1, ch2])


def en_book() -> Book:
    """A small English book with a few glossary terms."""
    return Book(
        "notes/ds.md",
        "Distributed systems",
        "en",
        None,
        [],
        [
            chapter(
                None,
                "Glossary",
                1,
                term(
                    "backpressure", 3, "A mechanism that signals upstream components to slow down."
                ),
                term("buffer", 6, "A temporary storage area that holds data while it is moved."),
                term("cache miss", 9, "A failure to find requested data in a cache."),
                term(
                    "idempotence",
                    12,
                    "The property that applying an operation twice changes nothing.",
                ),
                term("quorum", 15, "The minimum number of nodes that must agree on a decision."),
            )
        ],
    )


def by_kind(questions: list[Question], kind: QuestionKind) -> list[Question]:
    """Only the questions of one kind."""
    return [q for q in questions if q.kind is kind]


def about(questions: list[Question], kind: QuestionKind, answer: str) -> Question:
    """The single question of ``kind`` whose answer is ``answer``."""
    found = [q for q in by_kind(questions, kind) if q.answer == answer]
    assert len(found) == 1, [q.answer for q in by_kind(questions, kind)]
    return found[0]


# --- masking ----------------------------------------------------------------


def test_mask_shows_both_particle_forms_so_the_blank_does_not_hint() -> None:
    """A masked Korean term keeps a readable particle that fits any hidden word."""
    assert mask("프로비저닝은 프로세스다", ["프로비저닝"]) == "____은(는) 프로세스다"
    assert mask("도커가 있다", ["도커"]) == "____이(가) 있다"
    assert mask("CRI 를 준수", ["CRI"]) == "____ 을(를) 준수"
    assert mask("gRPC로 통신", ["gRPC"]) == "____(으)로 통신"
    assert mask("도커와 쿠버네티스", ["도커"]) == "____와(과) 쿠버네티스"
    assert mask("OCI의 규격", ["OCI"]) == "____의 규격"
    assert mask("구성 요소를 결함이라 부른다", ["결함"]) == "구성 요소를 ____(이)라 부른다"
    assert mask("도커나 CRI-O", ["도커"]) == "____(이)나 CRI-O"


def test_mask_hides_term_with_alias_in_parentheses_as_one_blank() -> None:
    """ "term(alias)" becomes a single blank, and Latin names match whole words only."""
    text = "컨테이너 런타임(Container Runtime)은 도구이며 CRI-O와 다르다"
    masked = mask(text, ["컨테이너 런타임", "Container Runtime", "CRI"])
    assert masked == "____은(는) 도구이며 CRI-O와 다르다"
    assert mask("An AP system is not an application", ["AP"]) == (
        "A(n) ____ system is not an application"
    )


# --- term_from_definition -------------------------------------------------------


def test_term_from_definition_masks_term_and_offers_its_siblings() -> None:
    """The definition is shown without its term; the choices are the terms of its own
    section (three choices of its kind, no filler from the next chapter), the term among
    them once."""
    questions = generate_questions(k8s_book())
    question = about(questions, K.TERM_FROM_DEFINITION, "프로비저닝")
    assert "프로비저닝" not in question.prompt
    assert "____은(는) IT 인프라" in question.prompt
    assert question.choices is not None
    assert len(question.choices) == 3
    assert set(question.choices) <= {"프로비저닝", "명령형 컨피그레이션", "불변형 인프라"}
    assert question.choices.count("프로비저닝") == 1
    assert "프로비저닝" in question.explanation
    assert question.source == Source("notes/k8s.md", 24)


def test_term_from_definition_prefers_the_term_named_in_a_note() -> None:
    """A 참고 note "명령형 컨피그레이션 - …" makes 명령형 컨피그레이션 a distractor."""
    question = about(generate_questions(k8s_book()), K.TERM_FROM_DEFINITION, "선언형 컨피그레이션")
    assert question.choices is not None
    assert "명령형 컨피그레이션" in question.choices


def test_term_from_definition_prefers_same_chapter_and_script() -> None:
    """Distractors for a Latin term of chapter 2 are Latin terms of chapter 2 when there are."""
    question = about(generate_questions(k8s_book()), K.TERM_FROM_DEFINITION, "OCI")
    assert question.choices is not None
    others = [c for c in question.choices if c != "OCI"]
    assert all(c.isascii() for c in others), others
    assert "프로비저닝" not in question.choices


def test_term_from_definition_accepts_aliases_when_typed() -> None:
    """The English alias of a term counts as a correct typed answer."""
    question = about(generate_questions(k8s_book()), K.TERM_FROM_DEFINITION, "컨테이너 런타임")
    assert "Container Runtime" in question.accepted
    assert is_correct("container runtime", question.accepted)


def test_few_terms_fall_back_to_three_choices_then_typed() -> None:
    """With three terms a book gets three choices; with two, a typed answer."""
    three = Book(
        "t.md",
        "t",
        "ko",
        chapters=[
            chapter(
                1,
                "장",
                1,
                term("파드", 2, "쿠버네티스가 컨테이너를 관리하는 가장 작은 단위"),
                term("노드", 5, "컨테이너가 실제로 실행되는 서버 한 대"),
                term("클러스터", 8, "여러 대의 노드로 구성된 하나의 논리적 단위"),
            )
        ],
    )
    question = about(generate_questions(three), K.TERM_FROM_DEFINITION, "파드")
    assert question.choices is not None
    assert len(question.choices) == 3
    two = dataclasses.replace(three, chapters=[chapter(1, "장", 1, *three.chapters[0].terms[:2])])
    question = about(generate_questions(two), K.TERM_FROM_DEFINITION, "파드")
    assert question.choices is None
    assert is_correct("파드", question.accepted)


# --- definition_from_term ------------------------------------------------------


def test_definition_from_term_offers_definitions_of_other_terms() -> None:
    """ "What is X?" shows X's own definition among other terms' definitions."""
    book = k8s_book()
    question = about(generate_questions(book), K.DEFINITION_FROM_TERM, "컨테이너 런타임 표준 규격")
    assert "OCI" in question.prompt
    assert question.choices is not None
    assert len(question.choices) == 4
    definitions = {normalize(t.definition[0].text) for c in book.chapters for t in c.terms} | {
        normalize("행위에 대한 정의서")
    }
    assert all(normalize(choice) in definitions for choice in question.choices)


def test_definition_from_term_uses_note_definition_as_distractor() -> None:
    """The definition from a 참고 note is offered against the term it contrasts with."""
    questions = generate_questions(k8s_book())
    question = about(questions, K.DEFINITION_FROM_TERM, "원하는 서버 상태에 대한 정의서")
    assert question.choices is not None
    assert "행위에 대한 정의서" in question.choices


def test_long_definitions_are_cut_at_a_sentence_or_not_mid_phrase() -> None:
    """A long definition is cut after a sentence; one cut mid-phrase is never shown unmarked."""
    sentence = "긴용어는 아주 오래 걸리는 작업을 나누어 처리하는 방법이다. "
    unbroken = "아주 " * 60 + "긴 설명"
    book = dataclasses.replace(
        k8s_book(),
        chapters=[
            *k8s_book().chapters,
            chapter(3, "셋", 90, term("긴용어", 91, sentence + "그 뒤로 " * 40 + "이어진다.")),
            chapter(4, "넷", 95, term("끝없는용어", 96, unbroken)),
        ],
    )
    questions = by_kind(generate_questions(book), K.DEFINITION_FROM_TERM)
    [cut] = [q for q in questions if "긴용어" in q.prompt]
    assert len(cut.answer) <= MAX_CHOICE_CHARS
    assert cut.answer.endswith("방법이다.")
    for question in questions:
        marked = [choice.endswith("…") for choice in question.choices or ()]
        assert all(marked) or not any(marked), question.choices


def test_only_the_answer_never_has_a_blank() -> None:
    """A definition that names its term is offered beside other blanked ones, or not at all."""
    book = dataclasses.replace(
        k8s_book(),
        chapters=[
            *k8s_book().chapters,
            chapter(
                3,
                "셋",
                90,
                term(
                    "레플리카셋", 91, "파드 수를 유지하는 객체로, 레플리카셋은 선언형으로 관리한다"
                ),
                term("데몬셋", 93, "노드마다 파드를 하나씩 실행하는 객체"),
                term("잡", 95, "한 번 실행하고 끝나는 작업을 맡는 객체"),
                term("크론잡", 97, "정해진 시각마다 잡을 만드는 객체"),
            ),
        ],
    )
    for question in by_kind(generate_questions(book), K.DEFINITION_FROM_TERM):
        blanked = ["____" in choice for choice in question.choices or ()]
        assert all(blanked) or not any(blanked), question.choices


def test_a_choice_form_that_gives_the_answer_away_is_a_defect() -> None:
    """Only the answer with a blank, or only the answer cut short, is reported."""
    base = Question(
        id="q-1",
        kind=K.DEFINITION_FROM_TERM,
        language="ko",
        book="b",
        chapter=1,
        chapter_title="t",
        prompt="'파드'에 대한 설명으로 알맞은 것은?",
        answer="____은(는) 가장 작은 배포 단위",
        accepted=("____은(는) 가장 작은 배포 단위",),
        explanation="",
        source=Source("f.md", 1),
        choices=("____은(는) 가장 작은 배포 단위", "노드마다 하나씩 도는 것", "시간마다 도는 작업"),
    )
    assert "only the answer has a blank or is cut short" in find_defects(base)
    cut = dataclasses.replace(
        base,
        answer="가장 작은 배포…",
        accepted=("가장 작은 배포…",),
        choices=("가장 작은 배포…", "노드마다 하나씩 도는 것", "시간마다 도는 작업"),
    )
    assert "only the answer has a blank or is cut short" in find_defects(cut)
    fine = dataclasses.replace(
        base,
        choices=(
            "____은(는) 가장 작은 배포 단위",
            "____이(가) 노드마다 도는 것",
            "시간마다 도는 작업",
        ),
    )
    assert find_defects(fine) == []


def byzantine_book() -> Book:
    """A term whose definition holds another term's definition, and nested terms."""
    return Book(
        file="b.md",
        title="분산 시스템",
        chapters=[
            chapter(
                1,
                "하나",
                1,
                term(
                    "비잔틴 장애 케이스",
                    2,
                    "비잔틴 장애 허용에 해당하는 케이스",
                    "비잔틴 장애 허용 - 장애가 전체의 1/3 이하라면, "
                    "시스템이 정상 작동하도록 허용하는 합의 알고리즘",
                    "동일 내용을 노드로 나눠 관리하는 블록체인에서 사용되는 개념",
                ),
                term(
                    "비잔틴 장애 허용",
                    3,
                    "장애가 전체의 1/3 이하라면, 시스템이 정상 작동하도록 허용하는 합의 알고리즘",
                ),
                term("불변성의 가치", 6, "변경 가능한 인프라 > 불변형 인프라 로 패러다임이 변화함"),
                term(
                    "변경 가능한 인프라", 7, "기존 서비스에 수정사항을 덮어씌워 업데이트하는 방식"
                ),
                term("불변형 인프라", 9, "서비스를 이미지 등으로 새롭게 만든 뒤 배포하는 방식"),
                term("컨테이너 이미지", 12, "서버 프로그램과 라이브러리를 묶는 형태"),
                term("프로비저닝", 14, "IT 인프라를 생성하고 설정하는 프로세스"),
            )
        ],
    )


def test_a_false_statement_is_never_part_of_the_terms_own_notes() -> None:
    """'X' is never the answer for a text the notes write under the asked term itself."""
    book = byzantine_book()
    own = {t.name: " ".join(i.text for i in t.definition) for t in book.chapters[0].terms}
    # Under many titles, so that every term gets a false statement at least once.
    false_ones = 0
    for n in range(40):
        titled = dataclasses.replace(book, title=f"분산 시스템 {n}")
        for question in by_kind(generate_questions(titled), K.TRUE_FALSE):
            if question.answer != "X":
                continue
            false_ones += 1
            asked = question.prompt.split("'")[1]
            statement = question.prompt.split("\n> ", 1)[1]
            assert normalize(statement) not in normalize(own[asked]), question.prompt
            # a part of the asked term (named in its definition) is not "another" term
            assert not any(
                name in own[asked] for name in own if name != asked and name in question.explanation
            ), question.prompt
    assert false_ones > 20


def test_terms_sharing_a_definition_line_are_not_each_others_distractors() -> None:
    """Neither the term nor the definition choices offer a second right answer."""
    for n in range(20):
        book = dataclasses.replace(byzantine_book(), title=f"분산 {n}")
        questions = generate_questions(book)
        tfd = about(questions, K.TERM_FROM_DEFINITION, "비잔틴 장애 허용")
        assert "비잔틴 장애 케이스" not in (tfd.choices or ())
        dft = [q for q in by_kind(questions, K.DEFINITION_FROM_TERM) if "케이스" in q.prompt]
        for question in dft:
            assert not any("1/3" in choice for choice in question.choices or ())


# --- cloze ----------------------------------------------------------------------


def test_cloze_blanks_versions_dates_and_fractions_with_same_type_choices() -> None:
    """v1.24, 22년 5월 and 1/3 are blanked; the choices are values of the same shape."""
    questions = by_kind(generate_questions(k8s_book()), K.CLOZE)
    answers = {q.answer: q for q in questions}
    version, date, fraction = answers["v1.24"], answers["22년 5월"], answers["1/3"]
    assert version.choices is not None
    assert all(c.startswith("v1.") for c in version.choices)
    assert "1.24" in version.accepted
    assert date.choices is not None
    assert all("년" in c and "월" in c for c in date.choices)
    assert fraction.choices is not None
    assert all("/" in c for c in fraction.choices)
    assert "v1.24" not in version.prompt
    assert "____" in version.prompt
    assert "22년 5월" in version.prompt  # only one token is blanked


def test_cloze_blanks_inline_code_but_not_an_english_gloss() -> None:
    """An inline code word becomes a blank; the English name after a Korean word does not,
    since the Korean beside the blank translates it (원하는 상태(____) → Desired state)."""
    items = [
        Item(
            "불변성의 가치 - 변경 가능한 인프라 > 불변형 인프라 로 패러다임이 변화함",
            10,
            code=("변경 가능한 인프라", "불변형 인프라"),
        )
    ]
    book = dataclasses.replace(
        k8s_book(),
        chapters=[*k8s_book().chapters, chapter(3, "셋", 80, items=items)],
    )
    questions = by_kind(generate_questions(book), K.CLOZE)
    answers = {q.answer: q for q in questions}
    assert "Desired state" not in answers
    assert not any(re.search(r"[가-힣]\s?\(____\)", q.prompt.split("\n", 1)[1]) for q in questions)
    code = answers["변경 가능한 인프라"]
    assert "`" not in code.prompt
    assert "____ > 불변형 인프라" in code.prompt


def test_code_cloze_choices_are_code_of_the_same_shape() -> None:
    """A command is offered among commands, a flag among flags; too few of them: typed."""
    items = [
        Item(
            "You can see the status of the Pod by running kubectl get pods",
            81,
            code=("kubectl get pods",),
        ),
        Item(
            "The simplest way to create a Pod is via the kubectl run command.",
            82,
            code=("kubectl run",),
        ),
        Item(
            "We can run kubectl logs kuard to download the current logs",
            83,
            code=("kubectl logs kuard",),
        ),
        Item("We can get an interactive session by adding the -it flag", 84, code=("-it",)),
        Item("The Pod is stored in etcd by the API server before it runs", 85, code=("etcd",)),
    ]
    book = Book(
        file="p.md", title="Pods", language="en", chapters=[chapter(4, "Pods", 80, items=items)]
    )
    answers = {q.answer: q for q in by_kind(generate_questions(book), K.CLOZE)}
    command = answers["kubectl get pods"]
    assert command.choices is not None
    assert set(command.choices) == {"kubectl get pods", "kubectl run", "kubectl logs kuard"}
    assert "You can see the status of the Pod by running ____" in command.prompt
    assert answers["-it"].choices is None  # no other flag to offer
    assert "etcd" in answers


def test_python_dunder_names_keep_their_underscores() -> None:
    """``__iter__()`` is shown as written, not as bold ``iter()``, and can be blanked."""
    items = [
        Item(
            "A generator automatically implements the __iter__() and __next__() methods for you.",
            81,
            code=("__iter__()", "__next__()"),
        )
    ]
    book = Book(
        file="g.md", title="Gen", language="en", chapters=[chapter(1, "G", 80, items=items)]
    )
    answers = {q.answer: q for q in by_kind(generate_questions(book), K.CLOZE)}
    assert "__iter__()" in answers
    assert "the ____ and __next__() methods" in answers["__iter__()"].prompt


def test_cloze_from_term_lines_names_the_term_for_context() -> None:
    """A sentence that does not name its term is shown with the term in brackets."""
    question = about(generate_questions(k8s_book()), K.CLOZE, "1/3")
    assert "[비잔틴 장애 케이스]" in question.prompt


# --- true_false -----------------------------------------------------------------


def test_true_false_uses_o_x_in_korean_and_true_false_in_english() -> None:
    """Korean notes get O/X choices, English notes True/False."""
    ko = by_kind(generate_questions(k8s_book()), K.TRUE_FALSE)
    en = by_kind(generate_questions(en_book()), K.TRUE_FALSE)
    assert ko
    assert en
    assert all(q.choices == ("O", "X") for q in ko)
    assert all(q.choices == ("True", "False") for q in en)


def test_true_false_mixes_true_and_false_statements() -> None:
    """Some statements are true and some false, and a false one says whose definition it is."""
    questions = by_kind(generate_questions(k8s_book()), K.TRUE_FALSE)
    answers = Counter(q.answer for q in questions)
    assert answers["O"] > 0
    assert answers["X"] > 0
    for question in questions:
        if question.answer == "X":
            assert "에 대한 것입니다" in question.explanation


# --- odd_one_out ------------------------------------------------------------------


def test_odd_one_out_picks_something_that_is_not_in_the_example_list() -> None:
    """Three listed examples of 컨테이너 런타임 and one thing that is not one."""
    questions = by_kind(generate_questions(k8s_book()), K.ODD_ONE_OUT)
    assert len(questions) == 1
    question = questions[0]
    listed = {"도커", "컨테이너d", "CRI-O", "MCR(Mirantis Container Runtime)"}
    assert "컨테이너 런타임" in question.prompt
    assert question.choices is not None
    assert len(question.choices) == 4
    assert question.answer not in listed
    assert sum(choice in listed for choice in question.choices) == 3


def test_odd_one_out_is_a_thing_like_the_examples_not_a_state() -> None:
    """The odd one is another named thing of the book, never a state or a kind of the subject."""
    answers = Counter()
    for n in range(20):
        book = Book(
            file="r.md",
            title=f"런타임 {n}",
            chapters=[
                chapter(
                    2,
                    "파드",
                    1,
                    term(
                        "컨테이너 런타임",
                        2,
                        "컨테이너를 실행하는 도구",
                        examples=("예) Docker, containerd, CRI-O",),
                    ),
                    term("Running", 3, "파드가 노드에 할당되어 컨테이너가 실행중인 상태."),
                    term("Pending", 4, "파드가 스케줄링 중인 상태"),
                    term("runc", 5, "OCI 규격을 따르는 저수준 컨테이너 런타임"),
                    term("kubelet", 6, "노드에서 파드를 실행하는 에이전트"),
                    term("etcd", 7, "클러스터의 상태를 저장하는 키-값 저장소"),
                ),
            ],
        )
        [question] = by_kind(generate_questions(book), K.ODD_ONE_OUT)
        answers[question.answer] += 1
    assert set(answers) <= {"kubelet", "etcd"}, answers


# --- cards ----------------------------------------------------------------------


def test_cards_become_typed_questions_accepting_every_answer() -> None:
    """Flashcards, trivia and cloze cards are asked as written; every answer counts."""
    book = dataclasses.replace(
        en_book(),
        cards=[
            Card("How to list permissions of a file?", ("`ls -l file`",), 20, K.FLASHCARD),
            Card("A computer on the network is a...?", ("Node", "Host"), 21, K.TRIVIA),
            Card("Pods in ____ state await scheduling.", ("Pending",), 22, K.CLOZE),
        ],
    )
    questions = generate_questions(book)
    flash = about(questions, K.FLASHCARD, "ls -l file")
    assert flash.choices is None
    assert flash.prompt == "How to list permissions of a file?"
    trivia = about(questions, K.TRIVIA, "Node")
    assert trivia.accepted == ("Node", "Host")
    cloze = about(questions, K.CLOZE, "Pending")
    assert "Pods in ____ state" in cloze.prompt
    assert "Pods in Pending state" in cloze.explanation
    assert all(q.chapter_title == "Glossary" for q in (flash, trivia, cloze))


def test_card_chapter_follows_its_place_in_the_file() -> None:
    """A card without a chapter number belongs to the chapter above it."""
    book = dataclasses.replace(
        k8s_book(),
        cards=[Card("Which runtime did Kubernetes drop?", ("dockershim",), 33, K.FLASHCARD)],
    )
    question = about(generate_questions(book), K.FLASHCARD, "dockershim")
    assert question.chapter == 2


# --- whole-book properties -------------------------------------------------------


def test_every_kind_supported_by_the_notes_is_generated_without_defects() -> None:
    """The hand-built notes give every kind, each term a question, and no defects."""
    generation = generate(k8s_book())
    kinds = {q.kind for q in generation.questions}
    assert {
        K.TERM_FROM_DEFINITION,
        K.DEFINITION_FROM_TERM,
        K.CLOZE,
        K.TRUE_FALSE,
        K.ODD_ONE_OUT,
    } <= kinds
    assert all(find_defects(q) == [] for q in generation.questions)
    asked = {q.answer for q in by_kind(generation.questions, K.TERM_FROM_DEFINITION)}
    assert asked == {t.name for c in k8s_book().chapters for t in c.terms}
    assert {q.chapter for q in generation.questions} == {1, 2}


def test_generation_is_deterministic() -> None:
    """The same notes give the same questions, choices and order every time."""
    assert generate_questions(k8s_book()) == generate_questions(k8s_book())


def test_ids_are_unique_and_shaped() -> None:
    """Every id is "q-" and 12 hex digits, and no two questions share one."""
    questions = generate_questions(k8s_book())
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))
    assert all(len(i) == 14 and i.startswith("q-") and int(i[2:], 16) >= 0 for i in ids)


def _shift_lines(book: Book, by: int) -> Book:
    def items(values: list[Item]) -> list[Item]:
        return [
            dataclasses.replace(i, line=i.line + by, children=items(i.children)) for i in values
        ]

    chapters = []
    for ch in book.chapters:
        sections = []
        for s in ch.sections:
            terms = [
                dataclasses.replace(
                    t,
                    line=t.line + by,
                    definition=items(t.definition),
                    notes=items(t.notes),
                    examples=items(t.examples),
                )
                for t in s.terms
            ]
            sections.append(
                dataclasses.replace(s, line=s.line + by, terms=terms, items=items(s.items))
            )
        chapters.append(dataclasses.replace(ch, line=ch.line + by, sections=sections))
    return dataclasses.replace(book, chapters=chapters)


def test_ids_survive_unrelated_edits() -> None:
    """Moving every line and adding an unrelated section keeps the id of every question."""
    before = {q.id: q for q in generate_questions(k8s_book())}
    edited = _shift_lines(k8s_book(), 7)
    edited.chapters[0].sections.insert(
        0, Section("새 메모", 9, 2, [], [Item("회의는 매주 목요일에 합니다.", 10)])
    )
    after = {q.id: q for q in generate_questions(edited)}
    assert set(before) <= set(after)
    for qid, question in before.items():
        assert after[qid].answer == question.answer
        assert after[qid].source.line == question.source.line + 7


def test_rejected_candidates_are_reported_not_emitted() -> None:
    """A card whose prompt gives its answer away is rejected with the reason."""
    book = dataclasses.replace(
        en_book(), cards=[Card("Is Paris the capital of France?", ("Paris",), 30, K.FLASHCARD)]
    )
    generation = generate(book)
    assert not by_kind(generation.questions, K.FLASHCARD)
    assert any("contains its answer" in d for _, defects in generation.rejected for d in defects)


# --- find_defects ---------------------------------------------------------------


def _question(**changes: object) -> Question:
    base = Question(
        id="q-000000000000",
        kind=K.TERM_FROM_DEFINITION,
        language="en",
        book="b",
        chapter=1,
        chapter_title="c",
        prompt="Which term does this describe?\n> A temporary storage area for data in transit.",
        answer="buffer",
        accepted=("buffer",),
        explanation="buffer: a temporary storage area",
        source=Source("b.md", 1),
        choices=("buffer", "queue", "cache", "socket"),
    )
    return dataclasses.replace(base, **changes)


def test_find_defects_accepts_a_good_question() -> None:
    """A well-formed question has no defect."""
    assert find_defects(_question()) == []


def test_find_defects_names_each_problem() -> None:
    """Each kind of broken question is reported with a readable reason."""
    cases = {
        "contains its answer": _question(prompt="Which term? > a buffer stores data in transit"),
        "duplicate choices": _question(choices=("buffer", "Queue", "queue", "cache")),
        "answer missing": _question(choices=("queue", "cache", "socket")),
        "present twice": _question(choices=("buffer", "buffer", "cache", "socket")),
        "empty choice": _question(choices=("buffer", " ", "cache", "socket")),
        "bold markup": _question(prompt="Which **term** does this describe? storage"),
        "backtick": _question(choices=("buffer", "`queue`", "cache")),
        "html tag": _question(prompt="Which <span id=x>term</span> is a storage area?"),
        "link syntax": _question(prompt="Which [term](http://x) is a storage area?"),
        "too short": _question(prompt="Which?"),
        f"longer than {MAX_CHOICE_CHARS}": _question(
            choices=("buffer", "q" * (MAX_CHOICE_CHARS + 1), "cache")
        ),
        "fewer than 3": _question(choices=("buffer", "cache")),
    }
    for reason, question in cases.items():
        defects = find_defects(question)
        assert any(reason in d for d in defects), (reason, defects)


def test_find_defects_matches_latin_answers_as_whole_words() -> None:
    """ "AP" inside "application" is no leak, but "ap" as a word is."""
    assert find_defects(_question(answer="AP", accepted=("AP",), choices=("AP", "CP", "CA"))) == []
    leaky = _question(
        prompt="Which system? > an ap system stays up", answer="AP", accepted=("AP",), choices=None
    )
    assert any("contains its answer" in d for d in find_defects(leaky))


def test_leak_check_keeps_numbers_whole() -> None:
    """ "1.3" is not found in "1/3" nor "1.24" in "11.24", but "1.24" is found in "v1.24"."""

    assert contains("Kubernetes v1.24 부터", "1.24")
    assert not contains("장애가 전체의 1/3 이하", "1.3")
    assert contains("장애가 전체의 1/3 이하", "1/3")
    assert not contains("version 11.24", "1.24")
    assert not contains("1.245 release", "1.24")


_text = st.text(
    alphabet=st.sampled_from(list("가나다라마바사 컨테이너파드 abcXYZ-()`*[]<>/:,.12345\n")),
    min_size=0,
    max_size=60,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_text, _text, _text), min_size=0, max_size=6), st.sampled_from(["ko", "en"])
)
def test_generation_never_raises_and_never_emits_defects(terms, language) -> None:
    """Whatever the terms and definitions, generation finishes and every question is clean."""
    book = Book(
        "x.md",
        "x",
        language,
        chapters=[
            chapter(
                1,
                "c",
                1,
                *(term(name, 10 * i + 2, d1, d2) for i, (name, d1, d2) in enumerate(terms)),
                items=[Item(d2, 99) for _, _, d2 in terms],
            )
        ],
    )
    for question in generate_questions(book):
        assert find_defects(question) == []


def test_discord_mentions_in_notes_never_reach_a_question() -> None:
    """``<@123>``, ``<@&1>``, ``<#1>`` and ``@everyone`` in notes become plain words."""
    text = (
        "## 용어 - 파드(Pod)\n* <@123> 이 정리한 쿠버네티스의 가장 작은 배포 단위, @everyone 공지\n"
        "## 용어 - 노드(Node)\n* 파드가 실행되는 서버 한 대이며 <#456> 채널에서 다룬다\n"
        "## 용어 - 서비스(Service)\n* <@&789> 역할이 관리하는 파드 앞의 고정 주소\n"
        "무엇이 파드를 실행하나요? <@123>::kubelet @here\n"
    )
    book = parse_notes(text, "n.md")
    book.cards.extend(parse_cards(text, "n.md")[0])
    questions = generate_questions(book)
    assert questions
    for question in questions:
        for shown in (question.prompt, question.answer, *(question.choices or ())):
            assert not re.search(r"<[@#]|@everyone|@here", shown), shown


SIBLINGS = """\
# 3장 - 운영

## 저장 계층
- 캐시: 자주 읽는 데이터를 빠른 장치에 복사해 두는 저장 공간
- 버퍼: 장치 사이에서 데이터를 잠시 담아 두는 메모리 영역
- 레지스터: CPU 안에서 가장 빠르게 읽히는 작은 저장 공간
- 디스크: 전원이 꺼져도 데이터가 남는 느린 저장 장치

## 테인트와 톨러레이션
- NoSchedule: 톨러레이션 없는 파드를 그 노드에 배치하지 않는 효과
- NoExecute: 이미 실행 중인 파드까지 노드에서 내보내는 효과
- PreferNoSchedule: 가능하면 그 노드를 피해 파드를 배치하는 효과

## 명령
- kubectl get: 리소스 목록을 보여 주는 명령
- kubectl apply: 매니페스트를 클러스터에 적용하는 명령
- kubectl delete: 리소스를 지우는 명령
"""


def test_wrong_choices_are_siblings_of_the_answer() -> None:
    """A data store is offered next to data stores, never next to a taint effect or a command."""
    questions = generate_questions(parse_notes(SIBLINGS, "ops.md"))
    groups = [
        {"캐시", "버퍼", "레지스터", "디스크"},
        {"NoSchedule", "NoExecute", "PreferNoSchedule"},
        {"kubectl get", "kubectl apply", "kubectl delete"},
    ]
    asked = [q for q in questions if q.kind == "term_from_definition" and q.choices]
    assert len(asked) >= 8
    for question in asked:
        [group] = [g for g in groups if question.answer in g]
        assert set(question.choices or ()) <= group, question.choices


def test_an_english_article_before_a_blank_does_not_point_at_a_choice() -> None:
    """``an ____`` would fit only a choice starting with a vowel: it reads ``a(n) ____``."""
    assert mask("It is called an overlay filesystem.", ["overlay filesystem"]) == (
        "It is called a(n) ____."
    )
    assert mask("A Pod runs one or more containers.", ["Pod"]) == (
        "A(n) ____ runs one or more containers."
    )


def _term_question(questions: list[Question], answer: str) -> Question:
    """The term-from-definition question whose answer is ``answer``."""
    return next(
        q for q in questions if q.kind is QuestionKind.TERM_FROM_DEFINITION and q.answer == answer
    )


def test_a_definition_says_what_kind_of_thing_its_term_is() -> None:
    """``A scheduling strategy in which …`` is a strategy; ``…하는 도구이다`` a 도구."""
    from bot.core._distractors import definition_kind

    assert definition_kind("A scheduling strategy in which each worker takes a turn.") == (
        "strategy"
    )
    assert definition_kind("Design patterns that restrict a class.") == ""
    assert definition_kind("컨테이너를 실행할 때 필요한 도구이다.") == "도구"
    assert definition_kind("결함을 견디는 시스템을 내결함성이라 한다.") == ""


def _glossary(count: int) -> str:
    """A glossary of ``count`` terms, alphabetical, three of them retry strategies."""
    lines = ["# Glossary", ""]
    strategies = {5: "backoff", 60: "jitter", 110: "hedging"}
    for index in range(count):
        name = strategies.get(index, f"term{index:03d}")
        if index in strategies:
            body = f"A retry strategy that spaces attempts by rule {index}."
        else:
            body = f"A data structure number {index} that stores values in slots."
        lines += [f"- **{name}**: {body}"]
    return "\n".join(lines) + "\n"


def test_wrong_choices_in_a_long_glossary_are_of_the_same_kind() -> None:
    """In a glossary of 120 terms, a retry strategy's wrong choices are the other
    strategies, even though they are not its neighbours."""
    questions = generate_questions(parse_notes(_glossary(120), "glossary.md"))
    asked = _term_question(questions, "backoff")
    assert asked.choices is not None
    assert {"jitter", "hedging"} <= set(asked.choices)


def test_a_false_statement_comes_from_a_sibling_or_none_is_made() -> None:
    """True or false shows a sibling's definition as the false one; a term alone in its
    section, with no term of its kind, gets no true-or-false question."""
    text = (
        "# Chapter 1 - Networking\n\n## Transport\n"
        "- **TCP**: A protocol that delivers a reliable ordered byte stream.\n"
        "- **UDP**: A protocol that sends datagrams without a connection.\n"
        "- **QUIC**: A protocol that runs multiplexed streams over UDP.\n\n"
        "## Tools\n"
        "- **tcpdump**: captures the packets seen on an interface for reading later.\n"
    )
    questions = generate_questions(parse_notes(text, "net.md"))
    statements = [q for q in questions if q.kind is QuestionKind.TRUE_FALSE]
    assert all(q.term != "tcpdump" for q in statements)
    for question in statements:
        assert "packets seen on an interface" not in question.prompt


def test_terms_heading_sections_of_one_chapter_are_siblings() -> None:
    """``## 용어 - 캐시`` and ``## 용어 - 버퍼`` are siblings: a false statement about one
    shows the other's definition, never one from another chapter."""
    text = (
        "# 1장 - 저장소\n\n"
        "## 용어 - 캐시(Cache)\n* 자주 읽는 데이터를 빠른 장치에 복사해 두는 기법\n\n"
        "## 용어 - 버퍼(Buffer)\n"
        "* 장치 사이에서 데이터를 잠시 담아 두는 메모리 영역\n\n"
        "# 2장 - 네트워크\n\n"
        "## 용어 - 소켓(Socket)\n* 프로세스가 네트워크로 데이터를 주고받는 끝점\n"
    )
    questions = generate_questions(parse_notes(text, "os.md"))
    statements = {q.term: q for q in questions if q.kind is QuestionKind.TRUE_FALSE}
    assert {"캐시", "버퍼"} <= set(statements)
    assert "소켓" not in statements
    for term, other in (("캐시", "버퍼"), ("버퍼", "캐시")):
        if statements[term].answer == "X":
            assert other in statements[term].explanation


def test_a_name_in_a_dotted_path_is_hidden_too() -> None:
    """``metadata.ownerReferences`` shows the field asked about: it is blanked."""
    text = (
        "## Owners\n\n- **ownerReferences**: the field that links a Pod to its controller.\n"
        "  - The controller finds its Pods via metadata.ownerReferences on each of them.\n"
        "- **selector**: the labels a controller matches to adopt a Pod.\n"
        "- **finalizers**: keys that must be cleared before an object is deleted.\n"
    )
    questions = generate_questions(parse_notes(text, "owners.md"))
    asked = _term_question(questions, "ownerReferences")
    assert "ownerReferences" not in asked.prompt


def test_an_acronym_spelled_out_in_its_definition_is_hidden_and_accepted() -> None:
    """``DNSSEC`` / "DNS Security Extensions, a suite …": the expansion gives the answer
    away, so it is blanked, and typing it counts."""
    text = (
        "## Glossary\n\n"
        "- **DNSSEC**: DNS Security Extensions, a suite of protocols that sign DNS records.\n"
        "- **TLS**: A protocol that encrypts a stream between two programs.\n"
        "- **SSH**: A protocol for logging in to another machine securely.\n"
    )
    questions = generate_questions(parse_notes(text, "net.md"))
    asked = _term_question(questions, "DNSSEC")
    assert "Security Extensions" not in asked.prompt
    assert "DNS Security Extensions" in asked.accepted


def test_a_sentence_that_only_points_at_a_link_is_left_out() -> None:
    """ "Read more [here](…)" says nothing without the link: no question shows it."""
    text = (
        "## Tools\n\n"
        "- **Makefile**: A file that tells make how to build targets. Read more "
        "[here](https://example.org/make).\n"
        "- **Dockerfile**: A file that tells Docker how to build an image.\n"
        "- **Procfile**: A file that names the processes an app runs.\n"
    )
    questions = generate_questions(parse_notes(text, "tools.md"))
    assert questions
    assert not any("Read more" in q.prompt or "Read more" in q.explanation for q in questions)


def test_no_wrong_choice_is_part_of_the_answer() -> None:
    """``전용 회선`` is never offered beside ``인터넷 전용 회선``: the longer reads as the key."""
    text = (
        "## 회선\n\n"
        "- 인터넷 전용 회선: 외부망 접속 대역폭을 보장해 주는 회선 서비스\n"
        "- 전용 회선: 두 지점을 독점적으로 연결하는 통신 회선\n"
        "- 전화 회선: 음성 통화를 위해 교환기를 거치는 회선\n"
        "- 광 회선: 빛의 신호로 데이터를 보내는 회선\n"
        "- 동축 회선: 구리 심선을 차폐해 신호를 보내는 회선\n"
    )
    questions = generate_questions(parse_notes(text, "wan.md"))
    asked = _term_question(questions, "인터넷 전용 회선")
    assert asked.choices is not None
    assert "전용 회선" not in asked.choices


def test_printed_output_is_never_a_blank() -> None:
    """``transferring context: 2B`` is what one build printed: no cloze asks for it."""
    items = [
        Item(
            "The build log shows transferring context: 2B once the context is sent",
            81,
            code=("transferring context: 2B",),
        ),
        Item(
            "The image digest sha256:3f2a9c1d names the layers exactly",
            82,
            code=("sha256:3f2a9c1d",),
        ),
        Item(
            "You can see the status of the Pod by running kubectl get pods",
            83,
            code=("kubectl get pods",),
        ),
        Item(
            "The simplest way to create a Pod is via the kubectl run command.",
            84,
            code=("kubectl run",),
        ),
    ]
    book = Book(
        file="b.md", title="Build", language="en", chapters=[chapter(4, "Build", 80, items=items)]
    )
    answers = {q.answer for q in by_kind(generate_questions(book), K.CLOZE)}
    assert "kubectl get pods" in answers
    assert not answers & {"transferring context: 2B", "sha256:3f2a9c1d"}


def test_a_word_of_the_term_repeated_in_the_answer_is_no_clue() -> None:
    """ "Priority Queue" / "… ordered by priority": a wrong choice shares the word, or no
    description question is asked."""
    text = (
        "## Queues\n\n"
        "- **Priority Queue**: A queue that serves items ordered by priority first.\n"
        "- **Ring Buffer**: A fixed array whose end wraps around to its start.\n"
        "- **Deque**: A sequence that grows and shrinks at both of its ends.\n"
        "- **Stack**: A pile where the last item pushed is the first popped.\n"
    )
    questions = generate_questions(parse_notes(text, "q.md"))
    asked = [
        q
        for q in questions
        if q.kind is QuestionKind.DEFINITION_FROM_TERM and q.term == "Priority Queue"
    ]
    assert asked == []  # no other definition says "priority" or "queue"
    assert any(q.kind is QuestionKind.DEFINITION_FROM_TERM and q.term == "Stack" for q in questions)


def _long_glossary() -> str:
    """120 unrelated terms, alphabetical, and three about caches far apart."""
    lines = ["# Glossary", ""]
    about_caches = {
        3: ("cache hit", "A lookup that finds the wanted entry already in the cache memory."),
        58: ("cache miss", "A lookup that fails to find the entry in the cache memory."),
        114: ("eviction", "Removing an entry from a full cache memory to make room."),
    }
    for index in range(120):
        name, body = about_caches.get(
            index, (f"term{index:03d}", f"Idea number {index} about subject {index * 7}.")
        )
        lines.append(f"- **{name}**: {body}")
    return "\n".join(lines) + "\n"


def test_wrong_choices_in_a_long_glossary_share_the_answers_words() -> None:
    """A cache term's wrong choices are the other cache terms, found across the glossary
    by the words their definitions share, not the alphabetical neighbours."""
    questions = generate_questions(parse_notes(_long_glossary(), "glossary.md"))
    asked = _term_question(questions, "cache hit")
    assert asked.choices is not None
    assert {"cache miss", "eviction"} <= set(asked.choices)


def test_a_hyphenated_word_of_the_term_in_the_answer_is_no_clue_either() -> None:
    """ "happens-before relation" / "… A happens-before B …": no description question."""
    text = (
        "## Ordering\n\n"
        "- **happens-before relation**: A partial order where A happens-before B if A could "
        "have influenced B.\n"
        "- **total order**: An order in which every two events are comparable.\n"
        "- **vector clock**: A list of counters that tracks causality between replicas.\n"
        "- **lamport clock**: A single counter that orders events across processes.\n"
    )
    questions = generate_questions(parse_notes(text, "order.md"))
    assert not any(
        q.kind is QuestionKind.DEFINITION_FROM_TERM and q.term == "happens-before relation"
        for q in questions
    )


def test_a_generic_label_leading_a_definition_is_not_shown_in_its_choice() -> None:
    """``역할: 이미지를 받아 컨테이너를 실행`` is offered as ``이미지를 받아 컨테이너를 실행``."""
    text = (
        "## 런타임\n\n"
        "- 컨테이너 런타임: 역할: 이미지를 받아 컨테이너 프로세스를 만들고 실행한다\n"
        "- 컨테이너 이미지: 컨테이너를 만드는 데 필요한 파일을 묶은 패키지\n"
        "- 레지스트리: 이미지를 올리고 내려받는 저장소 서비스\n"
        "- 오케스트레이터: 여러 노드의 컨테이너 배치를 자동으로 정하는 도구\n"
    )
    questions = generate_questions(parse_notes(text, "rt.md"))
    choices = [c for q in questions if q.choices for c in q.choices]
    assert choices
    assert not any(c.startswith("역할:") for c in choices)
