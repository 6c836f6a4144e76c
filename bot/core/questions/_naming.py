"""Terms that the notes name in running prose: "…를 전용 회선이라 한다", "… called a Pod".

Notes often define a term inside a sentence instead of giving it a heading or a bullet
of its own: ``대역폭을 보장해주는 서비스를 전용 회선이라 한다``, ``7계층 로드밸런서를
ADC라고 부른다``, ``Kubernetes groups containers into a single unit called a Pod``, or a
short description closed by its name in parentheses (``값비싼 수행 결과를 기억(캐시)``).
:func:`named_in` finds such a naming in one sentence and returns the name and the
sentence, which then serves as the term's definition.

Every pattern is anchored to the naming verb and bounded in length, and only one
sentence is read at a time, so the work stays linear in the size of the notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["MAY_NAME", "Naming", "footnoted_in", "glossed_in", "named_in", "sentences"]

#: Longest sentence read for a naming (longer ones are paragraphs, not definitions).
MAX_SENTENCE_CHARS = 400

_NAME = r"[^\s,.;:()'\"“”]{1,30}?"
# 한다, 부른다, 불렀다 …: the verbs that give a name (하며/하고 only after an object)
_NAMING_VERB_ALONE = (
    r"(?:한다|합니다|함|부른다|부릅니다|부름|부르며|불렀다|불렀습니다|불린다|불립니다"
    r"|칭한다|칭함|일컫는다)"
)
_NAMING_VERB = _NAMING_VERB_ALONE[:-1] + "|하며|하고)"
# 대역폭을 보장해주는 서비스를 전용 회선이라 한다 / …을 memtable이라고 함
_KO_OBJECT = re.compile(
    rf"(?:을|를)\s+(?P<name>{_NAME}(?:\s{_NAME}){{0,2}}?)\s*(?:\((?P<alias>[^()]{{1,40}})\))?"
    r"\s*(?:이)?\s?라(?:고)?(?:도)?\s*" + _NAMING_VERB
)
# 제어권을 컨테이너가 가져서 IoC라고 부름: one word right before the naming verb
_KO_WORD = re.compile(
    rf"(?:^|\s)(?P<name>{_NAME})\s*(?:\((?P<alias>[^()]{{1,40}})\))?"
    r"\s*(?:이)?\s?라(?:고)?(?:도)?\s*" + _NAMING_VERB_ALONE
)
# … a single atomic unit called a `Pod` / is referred to as Logical Address Space.
_EN = re.compile(
    r"\b(?:called|known\s+as|referred\s+to\s+as|termed)\s+(?:an?\s+|the\s+)?"
    r"(?P<name>[A-Za-z][\w\-/.]{0,30}?(?:\s[A-Za-z][\w\-/]{0,30}?){0,3}?)"
    r"\s*(?:\((?P<alias>[^()]{1,40})\))?\s*(?:[.,;:!]|$)"
)
# TCP는 IP 패킷이라고 불리는 작은 조각 / 세그먼트라는 단위: a name, then what kind of thing it is
_KO_CALLED = re.compile(
    rf"(?:^|\s)(?P<name>{_NAME}(?:\s{_NAME}){{0,2}}?)\s*(?:\((?P<alias>[^()]{{1,40}})\))?"
    r"\s*(?:이)?\s?라(?:고\s*불리는|는)\s+(?P<kind>[\uac00-\ud7a3]{1,8}(?:\s[\uac00-\ud7a3]{1,8})?)"
)
_PARTICLE = re.compile(r"(?:으로|에서|로|를|을|이|가|은|는|의|에|와|과|도)$")
#: The kinds of thing "X라는 …" introduces as a name (not 말, 점, 뜻: "X라는 말은").
_KINDS = frozenset(
    re.findall(
        r"\S+",
        """
        조각 단위 형태 헤더 개념 기술 기능 방식 구조 프로토콜 값 파일 명령 명령어 도구 패킷
        플래그 객체 컴포넌트 리소스 자원 서비스 방법 기법 알고리즘 자료구조 과정 단계 상태
        레이어 계층 영역 공간 모델 패턴 원칙 옵션 필드 속성 메서드 함수 클래스 인터페이스 용어
        장치 프로그램 프로세스 번호 주소 기준 규칙 정책 메커니즘 현상 문제 오류 에러 표준 형식
        포맷 설정 변수 키 테이블
        """,
    )
)
# 결함은 … 멈추는 상황인 장애(failure)와 다르다: a Korean name glossed in English, mid-sentence
_KO_EN_GLOSS = re.compile(
    r"(?P<name>[\uac00-\ud7a3]{1,12}(?:\s[\uac00-\ud7a3]{1,12}){0,2})\s?"
    r"\((?P<alias>[a-z][a-z\-]{3,24}(?:\s[a-z][a-z\-]{0,24}){0,3})(?:,[^()]{0,60})?\)"
)
# a word that ends in a particle or a verb form is not the start of a name
_NOT_NAME_START = re.compile(
    r"[\uac00-\ud7a3A-Za-z0-9)`](?:은|는|이|가|을|를|의|에|로|와|과|도|만|서|고|며|면|게|인|한|된|던"
    r"|하여|해|적|도록|려고|위해|지만|는데|니까)$"
)
# words that end a clause before a name without a particle: 아닌 데이터 중심, 나눈 뒤 압축
_NOT_IN_NAME = frozenset(
    re.findall(r"\S+", "아닌 같은 다른 있는 없는 큰 작은 많은 새로운 뒤 후 때 중 및 또는 첫 각")
)
# 대부분 전용 회선이라 한다: the adverb is not part of the name
_LEADING_ADVERB = re.compile(
    r"^(?:(?:대부분|보통|흔히|주로|별도로|따로|또는|이를|이것을|그것을|이런|그런|일반적으로|통틀어|줄여서|간단히)\s+)+"
)
_VERB_FORM = re.compile(r"[\uac00-\ud7a3](?:서|고|며|면|니|게|도록|는|은|던|한|된|인|하여|해)$")
# 값비싼 수행 결과를 기억(캐시): a short description closed by the name it gives
_KO_GLOSS = re.compile(r"^(?P<lead>[^()]{6,80}?[\uac00-\ud7a3])\s?\((?P<name>[^()]{1,20})\)[.。]?$")
# a Korean noun phrase: Hangul first, no digits, no predicate ending (있음, 가능, 하니)
_GLOSS_NAME = re.compile(r"[\uac00-\ud7a3][\uac00-\ud7a3A-Za-z ]{0,19}(?<![음함됨능니다요고])")
_SENTENCE = re.compile(r"(?<=[.!?。])\s+|(?<=다\.)\s*|(?<=함\.)\s*|(?<=음\.)\s*")


@dataclass(frozen=True, slots=True)
class Naming:
    """A term named in a sentence: its name, other name in parentheses, and the sentence."""

    name: str
    aliases: tuple[str, ...]
    sentence: str


#: A cheap look for a naming verb before a text is cleaned and split into sentences.
MAY_NAME = re.compile(
    r"라(?:고)?(?:도)?\s*(?:한다|합니다|함|하며|하고|부르|부른|부릅|부름|불렀|불린|불립|칭|일컫)|called|known\s+as|referred|termed"
    r"|[\uac00-\ud7a3]\s?\([^()]{1,20}\)[.。]?\s*$|라(?:고\s*불리|는\s)|[\uac00-\ud7a3]\s?\([A-Za-z]",
    re.IGNORECASE,
)


def sentences(text: str) -> Iterator[str]:
    """The sentences of one item's text."""
    for part in _SENTENCE.split(text):
        part = part.strip()
        if part:
            yield part


# 이걸 memtable이라고 함: the sentence before says what "this" is
_POINTER = re.compile(
    r"^(?:이걸|이것을|이를|이것은|이런\s*것을|그걸|그것을|그를|"
    r"(?:this|these|that|it|they)(?:\s+is|\s+are|[’']s|[’']re)?|(?:we\s+use\s+)?what[’']s)$",
    re.IGNORECASE,
)


def named_in(sentence: str, previous: str = "") -> Naming | None:
    """The term a sentence names ("…를 X라고 한다", "… called X"), or ``None``.

    When the sentence only points back (``이걸 memtable이라고 함``), ``previous`` (the
    sentence before it) is what it names, and the two together define the term.
    """
    if len(sentence) > MAX_SENTENCE_CHARS:
        return None
    gloss = _KO_GLOSS.match(sentence)
    if (
        gloss is not None
        and len(gloss.group("lead").split()) >= 3
        and _GLOSS_NAME.fullmatch(gloss.group("name").strip())
    ):
        # the name in parentheses is what the description before it is called
        return Naming(gloss.group("name").strip(), (), sentence)
    for pattern in (_KO_OBJECT, _KO_WORD, _EN):
        match = pattern.search(sentence)
        if match is None:
            continue
        name = _LEADING_ADVERB.sub("", match.group("name").strip()).strip("`*")
        if any(_VERB_FORM.search(word) for word in name.split()[:-1]):
            continue  # 제어권을 가져서 IoC라고 부름: "가져서" is no part of the name
        lead = sentence[: match.start()].strip()
        alias = (match.group("alias") or "").strip()
        aliases = (alias,) if alias else ()
        if _POINTER.match(lead):
            if 6 <= len(previous) <= MAX_SENTENCE_CHARS:
                return Naming(name, aliases, f"{previous} {sentence}")
            continue
        if len(lead) < 6:
            continue  # "X라고 부른다" with nothing said about X
        return Naming(name, aliases, sentence)
    return None


def _trimmed(name: str) -> str:
    """The last words of ``name`` that follow the clause before it (``TCP는 IP 패킷`` → ``IP
    패킷``, ``첫 번째 대응으로 중복`` → ``중복``)."""
    words = name.split()
    kept = [words.pop()]
    while words and not _NOT_NAME_START.search(words[-1]) and words[-1] not in _NOT_IN_NAME:
        kept.insert(0, words.pop())
    return " ".join(kept)


# … via private IPs* (*: IP addr only reachable between servers …): a footnote in place
_FOOTNOTE = re.compile(
    r"(?P<name>[A-Za-z][\w\-./]{0,30}(?:\s[A-Za-z][\w\-./]{0,30}){0,2})\*\s*"
    r"\(\s*\*\s*[:：]\s*(?P<definition>[^()]{8,300})\)"
)
#: Words a footnoted name does not start with (the sentence around it).
_BEFORE_NAME_EN = frozenset(
    re.findall(
        r"\S+",
        """
        via to the a an of for with by from in on at and or into onto is are was were be its
        their this that these those our your
        """,
    )
)


def footnoted_in(text: str) -> list[tuple[str, str]]:
    """``(name, definition)`` of the names a line explains in a footnote beside them.

    ``… connects to the web servers via private IPs* (*: IP addr only reachable between
    servers in the same network)`` defines ``private IPs``. The name is the word marked
    ``*`` and the words before it, back to a word of the sentence around it (a
    preposition, an article, a past-tense verb such as ``solved``).
    """
    found = []
    for match in _FOOTNOTE.finditer(text):
        words = match.group("name").split()
        kept = [words.pop()]
        while (
            words and words[-1].casefold() not in _BEFORE_NAME_EN and not words[-1].endswith("ed")
        ):
            kept.insert(0, words.pop())
        found.append((" ".join(kept), match.group("definition").strip()))
    return found


_QUOTE_PAIRS = {"’": "‘", "'": "'", "”": "“", '"': '"', "」": "「"}


def _quoted(sentence: str, match: re.Match[str]) -> str | None:
    """The whole quoted name of a gloss written ``‘바람직한 상태(desired-state)’``: the
    quotes, not the words, say where the name starts."""
    closing = sentence[match.end() : match.end() + 1]
    if closing not in _QUOTE_PAIRS:
        return None
    start = match.start("name")
    opening = sentence.rfind(_QUOTE_PAIRS[closing], max(0, start - 24), start + 1)
    if opening < 0:
        return None
    name = sentence[opening + 1 : match.start("alias") - 1].strip()
    if not name or len(name.split()) > 4 or any(q in name for q in "‘’“”'\"「」"):
        return None
    return name


def glossed_in(sentence: str) -> list[Naming]:
    """The names a sentence introduces in passing, with what kind of thing or which English.

    ``TCP는 IP 패킷이라고 불리는 작은 조각으로 …`` introduces ``IP 패킷``; ``… 멈추는 상황인
    장애(failure)와 …`` introduces ``장애`` (also called ``failure``). The sentence, with
    the name blanked, asks for it.
    """
    if len(sentence) > MAX_SENTENCE_CHARS:
        return []
    found: list[Naming] = []
    for match in _KO_CALLED.finditer(sentence):
        if not any(_PARTICLE.sub("", word) in _KINDS for word in match.group("kind").split()):
            continue
        name = _trimmed(_LEADING_ADVERB.sub("", match.group("name")).strip("`*"))
        if _NOT_NAME_START.search(name) or len(sentence) - len(name) < 12:
            continue
        alias = (match.group("alias") or "").strip()
        found.append(Naming(name, (alias,) if alias else (), sentence))
    for match in _KO_EN_GLOSS.finditer(sentence):
        name = _quoted(sentence, match) or _trimmed(match.group("name"))
        if _NOT_NAME_START.search(name) or len(sentence) - len(name) < 16:
            continue
        found.append(Naming(name, (match.group("alias").strip(),), sentence))
    return found
