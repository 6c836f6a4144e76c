"""Choosing wrong answers that look right: ranking candidates for multiple choice.

A good distractor is of the same kind as the answer: a sibling first (a term of the
same section, list or card deck), else another term of the same chapter, of the
same shape (a command with commands, a ``CamelCase`` API object with its kind, an
acronym with acronyms), in the same script (Hangul or Latin) and of a similar length.
A term named in a 참고/Note line next to the answer ("명령형 컨피그레이션" beside
"선언형 컨피그레이션") is the best of all; next comes a term whose definition says it is
the same kind of thing (two "A scheduling strategy …", two "…하는 도구"), and one whose
name and definition share words with the answer's (two consistency models).
A candidate that the question itself mentions is a giveaway and comes last.
Ties are broken by a hash of the question's seed, so the choice is deterministic.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from bot.core.answers import normalize

__all__ = [
    "CACHED",
    "Candidate",
    "compact",
    "definition_kind",
    "is_hangul",
    "pick",
    "script",
    "shape",
]

RELATED_BONUS = 100.0
SAME_KIND_BONUS = 16.0
SHARED_WORD_BONUS = 5.0  # a word the two definitions share (up to SHARED_WORDS_COUNTED)
SHARED_WORDS_COUNTED = 3
RARE_WORDS_SHARED = 2  # rare words two terms share to be related where siblings say nothing
SIBLING_BONUS = 14.0
SAME_CHAPTER_BONUS = 10.0
SAME_SHAPE_BONUS = 6.0
SAME_SCRIPT_BONUS = 8.0
MENTIONED_PENALTY = 40.0
MENTIONED_KEY = 4  # a mentioned candidate this long (normalised) is left out, not just ranked low
LENGTH_WEIGHT = 12.0  # the penalty for a candidate twice or half the answer's length


# Text made only of ASCII, Hangul syllables and common punctuation normalises to its
# lower-cased letters and digits; anything else goes through answers.normalize.
_SIMPLE_TEXT = re.compile(r"[\x00-\x7f\uac00-\ud7a3\u00b7\u2013\u2014\u2018\u2019\u201c\u201d]*")


@functools.lru_cache(maxsize=1 << 18)
def compact(text: str) -> str:
    """:func:`bot.core.answers.normalize`, faster for plain text and remembered: the
    same names and definitions are compared many times while choosing distractors."""
    if _SIMPLE_TEXT.fullmatch(text):
        # What removing every run of [\W_] leaves (a word character of a regex is an
        # alphanumeric one or "_"), without a regex: the letters and digits.
        return "".join(filter(str.isalnum, text.lower()))
    return normalize(text)


_HANGUL_RANGES = (("\uac00", "\ud7a3"), ("\u1100", "\u11ff"), ("\u3130", "\u318f"))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible wrong choice: the text shown and where it came from."""

    text: str
    chapter: object = None  # the chapter key (number or title) it belongs to
    related: bool = False  # named in a note next to the answer
    group: int = 0  # its section, list or deck: candidates of the answer's group are siblings
    kind: str = ""  # what its definition says it is ("strategy", "도구"), when it says
    topic: frozenset[str] = frozenset()  # the content words of its name and definition
    # What ranking needs of the text, worked out once (a candidate is ranked for many
    # questions of its chapter), and the fields ranking reads, in one tuple that the
    # ranking loop unpacks at once rather than reading each attribute.
    features: tuple[str, bool, int, int, str, bool, str, frozenset[str], object, int, str] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "features",
            (
                *_features(self.text),
                self.related,
                self.kind,
                self.topic,
                self.chapter,
                self.group,
                self.text,
            ),
        )


def is_hangul(char: str) -> bool:
    """Whether ``char`` is a Hangul syllable or jamo."""
    return (
        "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"
    )


@functools.lru_cache(maxsize=1 << 18)
def script(text: str) -> str:
    """``"hangul"`` when ``text`` has any Hangul, else ``"latin"``."""
    return "hangul" if any(is_hangul(ch) for ch in text) else "latin"


_COMMAND = re.compile(r"^(?:[a-z][\w.-]*\s+-{0,2}[\w.:/=-]+.*|-{1,2}\w[\w-]*|[@$]\w.*|\w+\(\))$")
_CAMEL = re.compile(r"^[A-Z]?[a-z]+(?:[A-Z][a-z0-9]+)+$|^[A-Z][a-z]+[A-Z]\w*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9/.\-]{1,7}$")
# a word of prose, which no command line has: "hold and wait", "time to live", "no preemption"
_PROSE_WORD = re.compile(
    r"(?:^|\s)(?:and|or|of|the|to|for|with|in|on|by|after|before|no|not)(?=\s)"
)


def shape(text: str) -> str:
    """What kind of name a text is: a command or flag, a CamelCase name, an acronym,
    a Hangul name or another Latin one."""
    text = text.strip()
    if script(text) == "hangul":
        return "hangul"
    if _COMMAND.match(text) and _PROSE_WORD.search(text) is None:
        return "command"
    if _CAMEL.match(text):
        return "camel"
    if _ACRONYM.match(text):
        return "acronym"
    return "latin"


@functools.lru_cache(maxsize=1 << 18)
def _features(text: str) -> tuple[str, bool, int, int, str]:
    """What ranking needs of a text: normalised key, Hangul or not, length, key checksum,
    shape."""
    key = compact(text)
    return (
        key,
        script(text) == "hangul",
        max(1, len(text)),
        zlib.crc32(key.encode()),
        shape(text),
    )


_ARTICLE_EN = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)
# where the name of what a definition says its term is ends: "A scheduling strategy in which"
_KIND_END_EN = re.compile(
    r"\s(?:that|which|who|whose|where|when|in|of|for|to|used|with|by|from|on|at|as|and|or)\b"
    r"|[,;:(.]"
)
_COPULA_KO = re.compile(r"(?:이다|입니다|이에요|예요|임|이며|이고|이자)?[.。!]*$")
_VERB_END_KO = re.compile(r"(?:다|함|음|됨|요|듯|게|지|며|고|서|면|니|까)$")


@functools.lru_cache(maxsize=1 << 16)
def definition_kind(definition: str) -> str:
    """What a definition says its term is: ``strategy`` of "A scheduling strategy in
    which …", ``도구`` of "컨테이너를 실행하는 도구이다"; empty when it does not say.

    English definitions say it after their article; Korean ones in their last word,
    before the copula. A term of the same kind makes the most plausible wrong choice.
    """
    text = definition.strip()
    if not text:
        return ""
    if script(text) == "latin":
        article = _ARTICLE_EN.match(text)
        if article is None:
            return ""
        rest = text[article.end() :]
        end = _KIND_END_EN.search(rest)
        words = (rest[: end.start()] if end else rest).split()
        if not words or len(words) > 4 or not words[-1].isalpha():
            return ""
        head = words[-1].casefold()
        return head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    sentence = re.split(r"(?<=[.!?。])\s", text, maxsplit=1)[0]
    words = sentence.split()
    if len(words) < 2:
        return ""
    head = _COPULA_KO.sub("", words[-1])
    if not head or len(head) > 8 or _VERB_END_KO.search(head) or not re.search(r"\w", head):
        return ""
    return head.casefold()


_TOPIC_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{3,}|[\uac00-\ud7a3]{2,}")
_KO_ENDING = re.compile(
    r"(?:에서는|에서|으로|에게|까지|부터|이라는|라는|이다|하는|되는|했다|한다|은|는|이|가|을|를|의"
    r"|에|로|와|과|도|만|한|된)$"
)
_TOPIC_STOP = frozenset(
    re.findall(
        r"\S+",
        """
        that which with from this these those their there where when what into over used
        uses using such more than each other also only most some them they have been being
        about between without within allows allow provides provide makes make gives give
        like same many much very just well does done data value values type types thing
        things part parts form used 있는 없는 하는 되는 때문 경우 사용 사용하는 통해 위해 대한 같은
        """,
    )
)


@functools.lru_cache(maxsize=1 << 16)
def topic_words(text: str) -> frozenset[str]:
    """The content words of a name or definition, to tell what it is about: longer Latin
    words (lower-cased, a plural ``s`` dropped) and Hangul words without their particle."""
    words = set()
    for word in _TOPIC_WORD.findall(text[:400]):
        if word.isascii():
            word = word.casefold()
            if word.endswith("s") and len(word) > 4 and not word.endswith("ss"):
                word = word[:-1]
        else:
            word = _KO_ENDING.sub("", word)
        if len(word) >= 2 and word not in _TOPIC_STOP:
            words.add(word)
    return _interned(frozenset(words))


@functools.lru_cache(maxsize=1 << 16)
def _interned(words: frozenset[str]) -> frozenset[str]:
    """The first set seen equal to ``words``: terms described in the same words share
    one set, which ranking recognises without intersecting it."""
    return words


# A number or a Korean count word (수, 수십, 몇) with its unit: "100Mbps", "수십 Mbps",
# "50%", "1500 바이트", "3초"; not the "1" of "1인스턴스인 경우".
_HANGUL = "\uac00-\ud7a3"
_QUANTITY = re.compile(
    rf"(?:\d[\d.,]*|(?<![{_HANGUL}])(?:수[십백천만억]|몇))\s*"
    rf"(?:%|[A-Za-z]{{1,5}}\b|[{_HANGUL}]{{1,3}}(?![{_HANGUL}]))"
    rf"|(?<![{_HANGUL}])수\s*[A-Za-z]{{1,5}}\b"  # "수 Mbps", not "할 수 있는"
)
_MEASURE_WORDS = 4


@functools.lru_cache(maxsize=1 << 16)
def is_measure(definition: str) -> bool:
    """Whether a definition is a quantity ("수백 ~ 수십 Mbps", "1500 bytes", "50%")
    rather than a description: a few words holding a number.

    A quantity among descriptions (or a description among quantities) is a wrong choice
    of another kind, plainly wrong to anyone who skimmed.
    """
    words = definition.split()
    return 0 < len(words) <= _MEASURE_WORDS and _QUANTITY.search(definition) is not None


@functools.lru_cache(maxsize=1 << 16)
def _number_forms(key: str) -> tuple[str, ...]:
    """A normalised name and its singular or plural (``pod``/``pods``): the same choice twice."""
    if not key.isascii() or len(key) < 3:
        return (key,)
    if key.endswith("es"):
        return (key, key[:-1], key[:-2])
    if key.endswith("s"):
        return (key, key[:-1])
    return (key, key + "s", key + "es")


#: The memos of this module, emptied by ``questions.generate`` after each book.
CACHED = (
    compact,
    script,
    _features,
    definition_kind,
    topic_words,
    _interned,
    is_measure,
    _number_forms,
)


def pick(
    answer: str,
    candidates: Iterable[Candidate],
    *,
    chapter: object,
    group: int = 0,
    exclude: Sequence[str] = (),
    mentioned_in: str = "",
    boost: Collection[str] = (),
    kind: str = "",
    topic: frozenset[str] = frozenset(),
    seed: str,
    count: int = 3,
    related_only: bool = False,
    rare: frozenset[str] = frozenset(),
    enough_siblings: int = 0,
    accept: Callable[[str], bool] | None = None,
) -> list[str]:
    """Up to ``count`` distractor texts for ``answer``, best first.

    Candidates equal (normalised, singular or plural) to the answer, to anything in
    ``exclude`` or to an earlier pick are dropped, as are empty ones. Candidates whose
    normalised text is in ``boost`` count as related to the answer; those of the
    answer's ``kind`` come next, and each word of the answer's ``topic`` a candidate
    shares (up to three) counts in its favour. With ``related_only`` (an answer with
    no siblings, such as a term of an alphabetical glossary) only candidates related, of
    the answer's kind or sharing two of the ``rare`` words of its topic (words few terms
    of the book use: "lock", not "system") are offered: fewer choices beat a random
    neighbour. With ``enough_siblings``, an answer that has at least that many siblings
    among the candidates gets only siblings and related candidates: WAN among LAN and
    MAN, not among VPN and ADC from elsewhere in the chapter (a term of the chapter that
    shares one of the ``rare`` words of the answer's topic is related enough).
    With ``accept``, only the texts it accepts count towards ``count`` (it is asked in
    ranking order, and no further than needed).
    """
    banned = {form for text in (answer, *exclude) for form in _number_forms(compact(text))}
    if enough_siblings and group:
        candidates = tuple(candidates)
        siblings: set[str] = set()
        for c in candidates:
            if c.group == group and c.chapter == chapter and c.features[0] not in banned:
                siblings.add(c.features[0])
                if len(siblings) >= enough_siblings:
                    break
        else:
            enough_siblings = 0
    mention_key = compact(mentioned_in) if mentioned_in else ""
    _, answer_hangul, answer_length, _, answer_shape = _features(answer)
    seed_crc = zlib.crc32(seed.encode())
    # Sorted by (length penalty - bonuses, tie-break, text): best first. The bonuses are
    # whole numbers, so adding them in any order gives the same score.
    scored: list[tuple[float, int, str, str]] = []
    taken = set(banned)  # the forms of the answer and of the choices picked
    seen = banned
    seen.add("")
    append, add, disjoint = scored.append, seen.add, topic.isdisjoint
    for candidate in candidates:
        (
            key,
            hangul,
            length,
            checksum,
            form,
            related,
            other_kind,
            other_topic,
            other_chapter,
            other_group,
            text,
        ) = candidate.features
        if key in seen:
            continue
        add(key)
        related = related or key in boost
        score = RELATED_BONUS if related else 0.0
        if kind and other_kind == kind:
            score += SAME_KIND_BONUS
            related = True
        if other_topic is topic and topic:
            # the same words (see _interned): all of them shared
            shared = len(topic)
            score += SHARED_WORD_BONUS * (
                shared if shared < SHARED_WORDS_COUNTED else SHARED_WORDS_COUNTED
            )
            related = related or len(rare & other_topic) >= RARE_WORDS_SHARED
        elif other_topic and topic and not disjoint(other_topic):
            shared = len(topic & other_topic)
            score += SHARED_WORD_BONUS * (
                shared if shared < SHARED_WORDS_COUNTED else SHARED_WORDS_COUNTED
            )
            related = related or len(rare & other_topic) >= RARE_WORDS_SHARED
        if related_only and not related:
            continue
        if other_chapter == chapter:
            score += SAME_CHAPTER_BONUS
            if group and other_group == group:
                score += SIBLING_BONUS
            elif enough_siblings and not related and rare.isdisjoint(other_topic):
                continue  # neither a sibling nor about the answer's rarer words
        elif enough_siblings and not related:
            continue
        if form == answer_shape:
            score += SAME_SHAPE_BONUS
        if hangul == answer_hangul:
            score += SAME_SCRIPT_BONUS
        if mention_key and key in mention_key:
            if len(key) >= MENTIONED_KEY:
                continue  # "인터넷 전용 회선과는 다르다": the stem rules it out
            score -= MENTIONED_PENALTY
        # Twice or half the answer's length costs LENGTH_WEIGHT.
        ratio = length / answer_length if length > answer_length else answer_length / length
        # Ties are broken by a mix of the seed and the candidate: stable, yet not alphabetical.
        append(
            (
                LENGTH_WEIGHT * (ratio - 1.0) - score,
                ((checksum ^ seed_crc) * 2654435761) & 0xFFFFFFFF,
                text,
                key,
            )
        )
    scored.sort()
    # "selector" and "selectors" are one choice: the better ranked of the two stays.
    picked: list[str] = []
    for _, _, text, key in scored:
        forms = _number_forms(key)
        if not taken.isdisjoint(forms):
            continue
        taken.update(forms)
        if accept is not None and not accept(text):
            continue
        picked.append(text)
        if len(picked) == count:
            break
    return picked
