"""The quality score: each item-writing cue costs points, and a bad question is held back."""

from __future__ import annotations

from bot.core.model import Chapter, Question, QuestionKind, Source
from bot.core.questions._quality import HOLD_BELOW, assess

ONE = Chapter(1, "하나", 1)
TWO = Chapter(2, "둘", 50)


def _question(kind: QuestionKind, prompt: str, answer: str, choices: tuple[str, ...], line=5):
    return Question(
        id="q-000000000001",
        kind=kind,
        language="ko",
        book="b",
        chapter=1,
        chapter_title="하나",
        prompt=prompt,
        answer=answer,
        accepted=(answer,),
        explanation="",
        source=Source("b.md", line),
        choices=choices,
        term="캐시",
    )


def _typed_term(definition: str, answer: str) -> Question:
    """A typed question asking for ``answer`` by its English ``definition``."""
    prompt = f"Which term does this describe?\n> {definition}"
    return _question(QuestionKind.TERM_FROM_DEFINITION, prompt, answer, None)


def _score(question: Question) -> tuple[float, list[str]]:
    names = {"버퍼": ONE, "페이지": ONE, "pod": TWO, "node": TWO}
    return assess(question, names.get, lambda line: ONE if line < 50 else TWO, ONE)


def test_a_clean_question_keeps_full_marks() -> None:
    """Same script, same chapter, a real definition: nothing to take off."""
    question = _question(
        QuestionKind.TERM_FROM_DEFINITION,
        "다음 설명에 해당하는 용어는?\n> 자주 읽는 데이터를 빠른 저장 장치에 복사해 두는 기법",
        "캐시",
        ("캐시", "버퍼", "페이지"),
    )
    assert _score(question) == (1.0, [])


def test_each_cue_costs_points_with_its_reason() -> None:
    """Foreign-script choices from another chapter and a pointing definition lose points."""
    question = _question(
        QuestionKind.TERM_FROM_DEFINITION,
        "다음 설명에 해당하는 용어는?\n> 이는 그것이다",
        "캐시",
        ("캐시", "Pod", "Node"),
    )
    score, reasons = _score(question)
    assert score < HOLD_BELOW
    assert reasons == [
        "choices in another script",
        "wrong terms from another chapter",
        "the definition says too little",
        "the definition points at something not shown",
    ]


def test_a_false_statement_from_another_chapter_is_held_back() -> None:
    """True/false whose statement comes from an unrelated chapter gives the answer away."""
    question = _question(
        QuestionKind.TRUE_FALSE,
        "다음은 '캐시'에 대한 설명입니다.\n> 노드에서 실행되는 컨테이너의 묶음을 관리하는 단위",
        "X",
        ("O", "X"),
        line=60,
    )
    score, reasons = _score(question)
    assert reasons == ["the statement comes from another chapter"]
    assert score < 1.0


def test_the_key_that_is_by_far_the_longest_choice_loses_points() -> None:
    """The answer twice as long as every other choice is a cue."""
    question = _question(
        QuestionKind.DEFINITION_FROM_TERM,
        "'캐시'에 대한 설명으로 알맞은 것은?",
        "자주 읽는 데이터를 빠른 저장 장치에 복사해 두어 다음 읽기를 빠르게 하는 기법",
        (
            "자주 읽는 데이터를 빠른 저장 장치에 복사해 두어 다음 읽기를 빠르게 하는 기법",
            "메모리 영역",
            "나눈 단위",
        ),
    )
    assert _score(question)[1] == ["the answer is by far the longest choice"]


def test_a_definition_that_names_part_of_the_answer_gets_siblings_that_share_it() -> None:
    """컨테이너를 … → 컨테이너 런타임 is offered beside other 컨테이너 terms, or typed."""
    from bot.core.notes import parse_notes
    from bot.core.questions import generate_questions

    text = (
        "## 용어 - 컨테이너 런타임\n* 컨테이너를 레지스트리에서 받아 실행하는 도구\n"
        "## 용어 - 컨테이너 이미지\n* 실행에 필요한 파일을 층으로 묶은 읽기 전용 묶음\n"
        "## 용어 - 노드\n* 파드가 실제로 실행되는 서버 한 대\n"
        "## 용어 - 파드\n* 쿠버네티스가 관리하는 가장 작은 배포 단위\n"
        "## 용어 - 서비스 어카운트\n* 파드 안의 프로세스가 API에 쓰는 신원\n"
    )
    [question] = [
        q
        for q in generate_questions(parse_notes(text, "k.md"))
        if q.kind == "term_from_definition" and q.answer == "컨테이너 런타임"
    ]
    assert question.choices is not None
    assert "컨테이너 이미지" in question.choices
    alone = "## 용어 - 컨테이너 런타임\n* 컨테이너를 받아 실행하는 도구\n" + text.split("\n", 2)[2]
    alone = alone.replace(
        "## 용어 - 컨테이너 이미지\n* 실행에 필요한 파일을 층으로 묶은 읽기 전용 묶음\n", ""
    )
    [typed] = [
        q
        for q in generate_questions(parse_notes(alone, "k.md"))
        if q.kind == "term_from_definition" and q.answer == "컨테이너 런타임"
    ]
    assert typed.choices is None


def test_an_answer_whose_words_the_definition_shows_is_held_back() -> None:
    """A term of three words (or CamelCase parts) that the definition shows whole,
    plurals and short forms included ("asynchronous" for async), is copied rather than
    recalled: held back. One word left for the member to recall keeps the question."""
    copied = [
        (
            "Which term does this describe?\n> Variables that store context information "
            "tied to the current asynchronous execution context.",
            "async context variables",
        ),
        (
            "다음 설명에 해당하는 용어는 무엇일까요?\n> 통신 사업자가 직접 가입자를 구분하는 "
            "VPN 기술",
            "통신 사업자 VPN",
        ),
    ]
    for prompt, answer in copied:
        question = _question(QuestionKind.TERM_FROM_DEFINITION, prompt, answer, None)
        score, reasons = _score(question)
        assert score < HOLD_BELOW
        assert "the definition spells the answer out" in reasons
    # a CamelCase name spells its parts, among choices too
    camel = _question(
        QuestionKind.TERM_FROM_DEFINITION,
        "Which term fills the blank (____)?\n> The ____ object runs a control loop whose "
        "period is set by --horizontal-pod-autoscaler-sync-period.",
        "HorizontalPodAutoscaler",
        ("HorizontalPodAutoscaler", "PodDisruptionBudget", "OwnerReferences"),
    )
    assert "the definition spells the answer out" in _score(camel)[1]
    recalled = _typed_term(
        "A CRDT that replicates by broadcasting individual operations to all replicas.",
        "operation-based CRDT",
    )
    assert _score(recalled)[0] >= HOLD_BELOW


def test_an_answer_inside_a_hyphenated_word_of_its_definition_is_held_back() -> None:
    """ "used in delta-based CRDTs" shows delta, which the blank cannot hide: held back,
    while a definition that does not show it keeps the question."""
    shown = _typed_term(
        "A record of the change between two states, used in delta-based CRDTs to send only "
        "recent changes.",
        "delta",
    )
    score, reasons = _score(shown)
    assert score < HOLD_BELOW
    assert "the definition shows the answer inside a longer word" in reasons
    hidden = _typed_term(
        "A record of the change between two states, sent instead of the full state.", "delta"
    )
    assert _score(hidden)[0] >= HOLD_BELOW


def test_a_card_that_asks_to_pick_among_statements_it_does_not_show_is_held_back() -> None:
    """ "Which of the following statements is true?" or "다음 중 옳은 것은?" with only its
    answer typed has no answer a member could type: held back, with its reason. A card
    that asks about one thing keeps full marks."""
    for prompt in (
        "Which of the following statements is true?",
        "What's true about Anonymous Volumes?",
        "다음 중 컨테이너 런타임에 대해 옳은 것은?",
    ):
        card = _question(QuestionKind.FLASHCARD, prompt, "They survive container removal.", None)
        score, reasons = _score(card)
        assert score < HOLD_BELOW, prompt
        assert reasons == ["it asks to pick among statements not shown"]
    asked = _question(
        QuestionKind.FLASHCARD, "What's the advantage of named volumes?", "They survive.", None
    )
    assert _score(asked) == (1.0, [])
