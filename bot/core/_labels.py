"""The words that label a part of the notes instead of naming a concept, in Korean and English.

Notes are full of names that look like terms but are not: generic labels (``장점``,
``Pros:``, ``Goal``), headings that name a list (``HTTP 트랜잭션 지연 원인``, ``Three
phases of transfer``), two topics joined (``네이글 알고리즘과 TCP_NODELAY``), section
numbers (``Idea 1``, ``LEC-24``), pointers at a figure (``위 그림에서 점선``) and
sentence fragments (``Uses TCP``, ``프로세스 뺏기 시 starvation 우려``). A question about
one of them tests nothing, and its "definition" makes a poor choice elsewhere.

:func:`label_reason` says why a name is such a label (``None`` when it may be a term);
:func:`lists_reasons` tells the headings and parent bullets whose items are reasons,
roles or properties of something rather than terms (``etcd가 하는 역할``, ``왜 파드를
쓰나요?``). Every curated list lives here, one per language, so the parser's rules
stay readable and a new label is one line.
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "TASK",
    "answer_reason",
    "definition_reason",
    "generic_label",
    "label_reason",
    "lists_reasons",
    "property_subject",
    "role_label",
]


def _entries(text: str) -> frozenset[str]:
    return frozenset(entry.strip() for entry in text.split(",") if entry.strip())


#: Names that are a label on their own (compared casefolded).
GENERIC_KO = _entries(
    """
    특징, 주요 특징, 장점, 단점, 장단점, 역할, 종류, 방법, 목적, 정리, 요약, 참고, 예시, 예, 예제,
    결론, 개요, 의미, 정의, 특성, 문제점, 문제, 배경, 원인, 결과, 실습, 핵심 사상, 핵심, 용어,
    용어 정리, 단계, 순서, 절차, 상황, 기타, 이유, 한계, 한계점, 차이, 차이점, 비교, 주의, 주의점,
    주의사항, 제약 사항, 제약사항, 제한사항, 제한 사항, 구성, 구성 요소, 구성요소, 동작 방식,
    동작 원리, 원리, 구조, 흐름, 과정, 설명, 내용, 목표, 목차, 요구사항, 해결, 해결책, 해결 방법,
    사용법, 사용 방법, 활용, 질문, 답변, 정답, 느낀 점, 느낀점, 회고, 후기, 소감, 생각, 메모,
    할 일, 공부할 것, 키워드, 핵심 키워드, 핵심 개념, 개념, 기능, 주요 기능, 효과, 이점, 비고,
    출처, 링크, 문서, 자료, 참고 자료, 참고자료, 레퍼런스, 경로, 옵션, 명령어, 사용 예, 예시 코드,
    섹션, 장, 절, 부록, 본문, 서론, 본론, 최적화, 개선, 개선점, 성능 개선, 트러블슈팅
    """
)
GENERIC_EN = _entries(
    """
    summary, overview, features, feature, advantages, advantage, disadvantages, disadvantage, pros,
    cons, notes, note, examples, example, key points, introduction, conclusion, glossary,
    references, reference, cleanup, setup, steps, step, goal, goals, objective, objectives,
    purpose, usage, uses, used for, used in, status, idea, ideas, problem, problems, issue,
    issues, solution, solutions, background, context, motivation, definition, definitions,
    description, details, properties, characteristics, benefits, benefit, drawbacks,
    limitations, comparison, differences, why, how, what, key takeaways, takeaways, tips, tip,
    warning, caution, important, todo, questions, question, answer, answers, result, results,
    output, input, people, privacy, intro, outline, agenda, recap, review, exercise, exercises,
    range,
    practice, resources, links, link, source, sources, further reading, see also, new features,
    settings, configuration, installation, requirements, prerequisites, contents, table of contents,
    section, chapter, appendix, part, lecture, lesson, unit, module, topic, topics,
    optimization, optimizations, improvements, troubleshooting
    """
)

#: Last words that make a name the heading of a list (``HTTP 트랜잭션 지연 원인``).
TAILS_KO = (
    "원인",
    "순서",
    "사항",
    "방법",
    "과정",
    "이유",
    "목적",
    "장점",
    "단점",
    "장단점",
    "특징",
    "역할",
    "구성 요소",
    "구성요소",
    "종류",
    "유형",
    "차이",
    "차이점",
    "비교",
    "문제",
    "문제점",
    "한계",
    "주의점",
    "흐름",
    "절차",
    "단계",
    "정리",
    "요약",
    "예시",
    "예제",
    "실습",
    "살펴보기",
    "알아보기",
    "개요",
    "기법",
    "기능",
    "효과",
    "이점",
    "방안",
    "전략",
    "팁",
    "방식",
    "동작",
    "구분",
    "기반",
    "고려",
    "고려사항",
    "생각",
    "개념",
    "용어",
    "기준",
    "방지",
)
TAILS_EN = (
    "issues",
    "problems",
    "features",
    "advantages",
    "disadvantages",
    "benefits",
    "drawbacks",
    "components",
    "steps",
    "examples",
    "commands",
    "responses",
    "phases",
    "reasons",
    "goals",
    "uses",
    "types",
    "kinds",
    "tips",
    "overview",
    "summary",
    "comparison",
    "differences",
    "limitations",
    "properties",
    "characteristics",
    "services",
    "for yourself",
    "takeaways",
)
#: Parent headings or bullets whose items are reasons, roles, properties or steps, not terms.
_REASON_TAILS_KO = (
    "역할",
    "이유",
    "장점",
    "단점",
    "장단점",
    "특징",
    "효과",
    "이점",
    "목적",
    "기능",
)
_REASON_TAILS_EN = (
    "advantages",
    "disadvantages",
    "benefits",
    "drawbacks",
    "features",
    "reasons",
    "roles",
    "pros",
    "cons",
    "goals",
)

# Words (any but the last) ending like a clause, not a name: 에서, 으면, 하고, 시, 대신 …
_CLAUSE_WORD_KO = re.compile(
    r"[\uac00-\ud7a3A-Za-z0-9)](?:에|에서|에게|으로써|로써|으면|하면|려면|라면|이면|지만|는데|거나|하고|하며|고|도|만|까지"
    r"|부터|처럼|보다|대신|위해|위한|통해|통한|따라|따른|의한|의해)$"
)
_CLAUSE_ALONE_KO = frozenset(
    {
        "시",
        "때",
        "경우",
        "후",
        "전",
        "중",
        "대신",
        "위해",
        "통해",
        "대한",
        "관한",
        "in",
        "with",
        "for",
    }
)
#: Why 컨테이너 만들기 is no term: a task ("making …"), not a thing.
TASK = "a task, not a thing"
# 만들기, 끊기, 살펴보기: a task ("making …"), not a thing
_TASK_KO = re.compile(r"(?:하기|보기|만들기|끊기|알기|배우기|쓰기|읽기)$")
# 인덱스의 가용성, 자원 공유의 편의성: a property of something named before
_PROPERTY_KO = re.compile(r"[\uac00-\ud7a3A-Za-z0-9]의\s+\S*성$")
# Creating a Pod, Optimising Image Sizes: an activity
_GERUND_EN = re.compile(r"^[a-z]{3,}ing\s+(?:(?:a|an|the|more|your|our|with)\s|\S+\s+\S)", re.I)
_JOINED_KO = re.compile(r"[\uac00-\ud7a3A-Za-z0-9)](?:와|과|랑|하고)\s+\S")
_JOINED_EN = re.compile(r"\s(?:vs\.?|versus|&|\+|/)\s", re.IGNORECASE)
# "and"/"or" joins two topics in a longer heading; "hold and wait" is one name
_JOINED_LONG_EN = re.compile(r"^\S+(?:\s+\S+)+\s(?:and|or)\s\S+(?:\s+\S+)+$", re.IGNORECASE)
# 요청 감시 및 트래픽 관리: two topics of two words each; 데드락 탐지 및 recovery shares one
_JOINED_LONG_KO = re.compile(r"^\S+(?:\s+\S+)+\s(?:및|또는|혹은)\s\S+(?:\s+\S+)+$")
_JOINED = (_JOINED_KO, _JOINED_EN, _JOINED_LONG_EN, _JOINED_LONG_KO)
_FIGURE_KO = re.compile(
    r"^(?:위|아래|다음|앞|옆|이전)\s*(?:의\s*)?(?:그림|표|예시|예제|코드|내용|사진|이미지)"
    r"|^(?:그림|표|사진|figure|fig\.?|table)\s*\d",
    re.IGNORECASE,
)
_FIGURE_EN = re.compile(
    r"\b(?:the|this|above|below)\s+(?:figure|image|picture|diagram|table)\b", re.I
)
_NUMBERED = re.compile(r"^(?:\d+(?:[-.]\d+)*[.)]?\s|[A-Za-z]+[- ]\d+$|[※*#>•·▶►■□◆◇○●]|\d+$)")
_COUNTED_EN = re.compile(
    r"^(?:two|three|four|five|six|seven|several|many|some|various|main|major|key|new|other|"
    r"basic|common|different|important)\s+\w+s\b",
    re.IGNORECASE,
)
_ABOUT_EN = re.compile(
    r"^(?:comparison|differences?|introduction|overview|summary|history|examples?|types|kinds|"
    r"(?:dis)?advantages?|benefits?|limitations?|drawbacks?|problems?|issues?|uses?)"
    r"\s+(?:with|of|between|to|for|over|in)\b",
    re.IGNORECASE,
)
_COUNTED_KO = re.compile(r"(?:^|\s)(?:[두세네]|다섯|여러|몇)\s*가지")
_ENGLISH_VERBS = _entries(
    """
    uses, keeps, sets, allows, provides, makes, needs, requires, takes, gives, gets, runs, sends,
    stores, creates, returns, supports, helps, lets, means, contains, includes, replaced, removed,
    added, changed, used, made, built, sent, became, consists, handles, checks, starts, stops,
    moves, reads, writes, defines, describes, try, trying
    """
)


# the parties of an exchange: "Client: sending mail server", "Server: response contains …"
ROLES = _entries(
    """
    client, server, cache, proxy, browser, user, host, sender, receiver, caller, callee,
    producer, consumer, publisher, subscriber, master, slave, leader, follower, primary,
    replica, 클라이언트, 서버, 캐시, 프록시, 브라우저, 사용자, 호스트, 송신자, 수신자, 생산자,
    소비자, 발행자, 구독자, 리더, 팔로워
    """
)


def role_label(name: str) -> bool:
    """Is ``name`` only a party of an exchange (``Client``, ``"Server"``, ``서버``)?"""
    return name.strip(" \"'“”‘’*`").casefold() in ROLES


def generic_label(text: str) -> bool:
    """Is a whole line only a generic label (``※ 정리``, ``Summary:``)?"""
    bare = text.strip().strip("※*•·-–—:：#>[]() ").casefold()
    return bare in GENERIC_KO or bare in GENERIC_EN


@functools.lru_cache(maxsize=1 << 14)  # the same names are judged again and again
def label_reason(name: str) -> str | None:
    """Why ``name`` labels a part of the notes instead of naming a concept, or ``None``."""
    name = " ".join(name.split())
    folded = name.casefold().rstrip(":：?？ ")
    if len(folded) <= 1:
        return "too short to name anything"
    if folded in GENERIC_KO or folded in GENERIC_EN:
        return "a generic label"
    words = folded.split()
    # Each tail is looked for only when the name ends in one of them at all.
    if folded.endswith(TAILS_KO) and (
        len(words) > 1 or not re.fullmatch(r"[\uac00-\ud7a3]+", folded)
    ):
        for tail in TAILS_KO:
            if folded.endswith(" " + tail) or (
                folded.endswith(tail) and len(folded) > len(tail) and " " in folded
            ):
                return f"names a list of {tail}"
    for tail in TAILS_EN if len(words) > 1 and folded.endswith(TAILS_EN) else ():
        if folded.endswith(" " + tail):
            return f"names a list of {tail}"
    if _ABOUT_EN.match(folded):
        return "names a part of the notes"
    if _COUNTED_EN.match(folded) or _COUNTED_KO.search(folded):
        return "names a counted list"
    if any(p.search(name) for p in _JOINED) or ", " in name:
        return "joins two topics"
    if _NUMBERED.match(name):
        return "a section number or marker"
    if _FIGURE_KO.match(name) or _FIGURE_EN.search(name):
        return "points at a figure"
    if any(_CLAUSE_WORD_KO.search(word) or word in _CLAUSE_ALONE_KO for word in words[1:-1]):
        return "a clause, not a name"
    if len(words) > 1 and (_CLAUSE_WORD_KO.search(words[0]) or words[0] in ("위", "이", "그")):
        return "a clause, not a name"
    if len(words) > 1 and _TASK_KO.search(words[-1]) and len(words[-1]) <= 4:
        return TASK
    if _PROPERTY_KO.search(name):
        return "a property of something else"
    if _GERUND_EN.match(name):
        return "an activity, not a thing"
    if re.fullmatch(r"\[[^\]]*\]", name):
        return "a bracketed label"
    if words[0] in _ENGLISH_VERBS and len(words) > 1:
        return "starts with a verb"
    if len(words) >= 3 and any(word in _ENGLISH_VERBS for word in words[1:-1]):
        return "a sentence, not a name"
    if name.count("(") != name.count(")"):
        return "an unbalanced parenthesis"
    if re.search(r"\S:\s", name):
        return "a key and its value, not a name"
    return None


_URL = re.compile(r"^(?:<)?(?:https?://|www\.)\S+$", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*(?:[,、/●•·▪]|\s-\s)\s*")
_PREDICATE = re.compile(
    r"(?:다|요|함|음|됨|임|짐|냄|봄|줌|옴|늠|있음|없음)[.!]?$|[.!?。]$|\s(?:is|are|was|were|has|have)\s",
    re.IGNORECASE,
)
_CODE_GLUE = re.compile(r"^[\s→←↔⇒=>\-–—,;|+/()\[\]]*$")


def definition_reason(texts: list[tuple[str, tuple[str, ...]]]) -> str | None:
    """Why the lines given as a term's definition do not define it, or ``None``.

    ``texts`` holds each definition line with the inline code spans it shows. A line
    that is only a link (``문서 : https://…``), only code joined by arrows (``socket() →
    connect()``) or only a list of names (``VoltDB, MemSQL, TimesTen``) says what the
    term points at or includes, not what it is.
    """
    if not texts:
        return None
    if all(_URL.match(text.strip()) for text, _ in texts):
        return "its definition is only a link"
    first, code = texts[0]
    rest = first
    for span in code:
        rest = rest.replace(span, " ")
    if code and _CODE_GLUE.match(rest):
        return "its definition is only code"
    parts = [part for part in _LIST_SPLIT.split(first.strip()) if part]
    if (
        len(texts) == 1
        and len(parts) >= 2
        and all(len(part.split()) <= 3 for part in parts)
        and not _PREDICATE.search(first.strip())
    ):
        return "its definition only lists names"
    return None


@functools.lru_cache(maxsize=1 << 12)  # asked for every bullet under the same title
def lists_reasons(title: str) -> bool:
    """Does a heading or parent bullet introduce reasons, roles or properties?

    Their items (``클러스터 상태 저장: …`` under ``etcd가 하는 역할``) say what something
    does or why; they are facts about it, not terms of their own.
    """
    folded = " ".join(title.casefold().split()).rstrip(":：.。 ")
    folded = re.sub(r"^(?:\d+[.)]?\s*)+", "", folded)
    if re.match(r"^(?:왜|why)\b", folded) or re.search(r"(?:이유|까닭)\s*\??$", folded):
        return True
    bare = folded.rstrip("?？ ")
    if bare.endswith(_REASON_TAILS_KO):
        return True
    return any(bare == tail or bare.endswith(" " + tail) for tail in _REASON_TAILS_EN)


#: Tails of a heading that lists what something has (``Non-Persistent HTTP Issues``).
_PROPERTY_TAILS = _entries(
    """
    issues, problems, features, advantages, disadvantages, benefits, drawbacks, limitations,
    properties, characteristics, 장점, 단점, 장단점, 특징, 문제점, 한계, 이점
    """
)


def property_subject(name: str) -> str | None:
    """What a heading listing properties is about: ``Non-Persistent HTTP`` of
    ``Non-Persistent HTTP Issues``, ``컨테이너`` of ``컨테이너의 특징``; else ``None``.

    Its bullets say what the subject is like, so they can ask for the subject.
    """
    words = name.split()
    if len(words) < 2 or words[-1].casefold() not in _PROPERTY_TAILS:
        return None
    subject = " ".join(words[:-1])
    if re.search(r"[\uac00-\ud7a3]의$", subject):
        subject = subject[:-1]
    if not re.search(r"\w", subject) or label_reason(subject) is not None:
        return None
    return subject


#: Everyday English words that a cloze may hide but that name no concept.
COMMON_WORDS_EN = _entries(
    """
    one, two, three, four, five, six, seven, eight, nine, ten, zero, first, second, last, next,
    all, any, none, some, many, more, most, less, few, each, every, both, either, neither, only,
    current, desired, actual, random, new, old, same, different, other, another, default,
    true, false, yes, no, always, never, often, sometimes, before, after, up, down, in, out,
    on, off, high, low, fast, slow, large, small, big, little, full, empty, open, closed, local,
    remote, public, private, static, dynamic, manual, automatic, add, delete, create, update,
    remove, change, get, put, set, run, stop, start, read, write, keep, use, make, scale, wait,
    retry, restart, replace, return, send, receive, allow, deny, enable, disable
    """
)
_BASE_VERBS_EN = _entries(
    """
    scale, add, delete, create, update, remove, change, set, run, stop, start, keep, use, make,
    wait, retry, restart, replace, return, send, allow, enable, disable, increase, decrease,
    move, copy, check, specify, define, mount, expose, list, describe
    """
)


def answer_reason(name: str) -> str | None:
    """Why the hidden word of a person's cloze card is no term to ask about, or ``None``.

    A cloze may hide any word (``current``, ``doubled``, ``scale the StatefulSet down
    to 0``); only a name makes a term question.
    """
    reason = label_reason(name)
    if reason is not None:
        return reason
    folded = " ".join(name.casefold().split())
    words = folded.split()
    if folded in COMMON_WORDS_EN:
        return "an everyday word"
    if len(words) == 1 and re.fullmatch(r"[a-z]+(?:ly|ed)", folded) and name == folded:
        return "an adverb or participle"
    if words[0] in ("the", "a", "an") or "'s " in folded or folded.endswith("'s"):
        return "a phrase, not a name"
    if words[0] in _BASE_VERBS_EN and len(words) > 1:
        return "an instruction, not a name"
    if re.fullmatch(r"[\d.,%]+\w{0,3}", folded):
        return "a number"
    return None
