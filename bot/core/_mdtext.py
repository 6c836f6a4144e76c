"""Plain text out of markdown-it inline tokens, and the small judgements the notes parser makes.

``notes.py`` walks the block structure; this module answers questions about one
line of text at a time: what does it say without markup, does it start with a
bold or code term, is it a ``참고)`` / ``예)`` line, does it look like a term name
or like the definition of one. Regexes here only ever look at the text of one
heading, line or table cell, never at the raw file.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from markdown_it.token import Token

from bot.core._html import is_html_tag
from bot.core._labels import TASK, label_reason
from bot.core.model import ItemKind

__all__ = [
    "Line",
    "clean_heading",
    "continues",
    "copula_end",
    "defines",
    "describes",
    "inline_lines",
    "is_generic",
    "label_of",
    "split_alias",
    "split_term",
    "term_like",
]

# --- plain text -------------------------------------------------------------------------

# No bracket inside the brackets: "[[[[…" is scanned once, not once per "[" (linear time)
_EMBED = re.compile(r"!\[\[[^\[\]]*\]\]")
_WIKILINK_ALIAS = re.compile(r"\[\[([^\[\]|]*)\|([^\[\]]*)\]\]")
_WIKILINK = re.compile(r"\[\[([^\[\]]*)\]\]")
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_BROKEN_TAG = re.compile(
    r"</?(?:span|a|div|p|b|i|em|strong|code|sup|sub|br|font|u|mark|small)\b[^<>]*>?"
    r"|/(?:span|a|div|p|b|i|em|strong|code|sup|sub|font|u|mark|small)>",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"\*\*|__|~~|`")
# the mark a line of plain text starts with to say it is a sub-item: "ㄴ 스프링 2.5부터 적용"
_SUB_ITEM = re.compile(r"^\s*(?:ㄴ|└|↳)\s+")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def _clean_text(text: str) -> str:
    """Remove markup that markdown-it left in a text token (Obsidian syntax, broken HTML)."""
    text = _EMBED.sub("", text)
    text = _WIKILINK_ALIAS.sub(r"\2", text)
    text = _WIKILINK.sub(lambda m: m.group(1).split("#")[0] or m.group(1), text)
    text = _HIGHLIGHT.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _BROKEN_TAG.sub("", text)
    return _MARKUP.sub("", text)


# the space before a Korean particle that follows a code span: "`오프셋` 을 저장"
_APART_PARTICLE = re.compile(
    r"^ +(?=(?:을|를|은|는|의|에|에서|와|과|로|으로|도|만)(?:[\s.,:;)]|$))"
)


@dataclass(slots=True)
class Line:
    """One source line of an inline run, as segments of (kind, text).

    ``kind`` is ``"text"``, ``"code"`` (inline code, kept verbatim) or ``"strong"``.
    """

    line: int
    segments: list[tuple[str, str]] = field(default_factory=list)
    hard: bool = False  # the line follows a hard break (two trailing spaces, ``<br>``)
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The line without markup, spaces collapsed (read once its segments are complete)."""
        if self._text is None:
            parts = []
            after_code = False
            for kind, text in self.segments:
                if after_code and kind == "text":
                    # `불변형 인프라` 로: a particle written apart from a code span joins it
                    text = _APART_PARTICLE.sub("", text, count=1)
                parts.append(text)
                after_code = kind == "code"
            self._text = _SPACES.sub(" ", "".join(parts)).strip()
        return self._text

    def lead(self) -> tuple[str, str, str] | None:
        """``(kind, term, rest)`` when the line starts with a bold or code span."""
        segments = [(k, t) for k, t in self.segments if t.strip() or k != "text"]
        if not segments or segments[0][0] not in ("strong", "code"):
            return None
        kind = segments[0][0]
        index = 0
        parts = []
        while index < len(segments) and segments[index][0] == kind:
            parts.append(segments[index][1])
            index += 1
            if kind == "code":
                break
        rest = "".join(t for _, t in segments[index:])
        term = _SPACES.sub(" ", "".join(parts)).strip()
        return kind, term, _SPACES.sub(" ", rest).strip()


def inline_lines(token: Token) -> list[Line]:
    """Split an ``inline`` token into its source lines (soft and hard breaks end a line)."""
    start = token.map[0] + 1 if token.map else 1
    lines = [Line(start)]
    strong = 0
    link_depth = 0
    for child in token.children or []:
        kind = child.type
        current = lines[-1]
        if kind in ("softbreak", "hardbreak"):
            lines.append(Line(current.line + 1, hard=kind == "hardbreak"))
        elif kind == "text":
            text = _clean_text(child.content)
            if not current.segments:
                text = _SUB_ITEM.sub("", text)
            current.segments.append(("strong" if strong else "text", text))
        elif kind == "code_inline":
            current.segments.append(("code", child.content))
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong = max(0, strong - 1)
        elif kind == "link_open":
            link_depth += 1
        elif kind == "link_close":
            link_depth = max(0, link_depth - 1)
        elif kind == "html_inline" and re.fullmatch(r"<br\s*/?>", child.content.strip(), re.I):
            lines.append(Line(current.line, hard=True))
        elif kind == "html_inline" and not is_html_tag(child.content):
            # "XML대신 <property>와 같은 역할": a word in angle brackets, not markup
            current.segments.append(("code", child.content))
        # images, raw HTML and emphasis markers carry no text of their own
    return [line for line in lines if line.text]


# --- judgements on one line ---------------------------------------------------------------

_NOTE_LABEL = re.compile(
    r"^\s*(?:\[!(?:note|tip|info|important|warning|caution|abstract|quote)\]|참고|주의|노트|팁"
    r"|note|notes|nb|n\.b\.|tip|warning|caution|important)"
    r"\s*(?:[):：\-–—.]+|(?=\s)|$)\s*",
    re.IGNORECASE,
)
_EXAMPLE_LABEL = re.compile(
    r"^\s*(?:\[!example\]|예시|예를\s*들(?:어|면)|예|사례|ex|e\.g\.?|eg|example|examples"
    r"|for example|for instance)\s*(?:[):：\-–—.,]+|(?=\s)|$)\s*",
    re.IGNORECASE,
)
_EXAMPLE_LIST = re.compile(r"(?:,[^,]+){1,}\s*(?:등|etc\.?)\s*$")


_TRAILING_LABEL = re.compile(
    r"^(?P<head>[^:：]{1,60}?)\s*(?:(?P<ex>예시|예|사례|examples?)|(?P<note>참고|notes?))\s*"
    r"(?:[:：]\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)


# The same lines and names are judged several times while a book is read (as an item,
# as a term, as a label): the pure judgements below remember their last answers.
_MEMO = 1 << 14


@functools.lru_cache(maxsize=_MEMO)
def label_of(text: str) -> tuple[ItemKind, str] | None:
    """``(NOTE, rest)`` for ``참고) …``/``Note: …``, ``(EXAMPLE, rest)`` for ``예) …``/``e.g. …``.

    A leading label is removed from the text; a trailing one (``서비스 예: EKS, AKS``,
    ``제공하는 기능 예시``) keeps the whole text, which then says what it is an example of.
    """
    for kind, pattern in ((ItemKind.EXAMPLE, _EXAMPLE_LABEL), (ItemKind.NOTE, _NOTE_LABEL)):
        match = pattern.match(text)
        if match is None:
            continue
        rest = text[match.end() :].strip()
        head = text[: match.end()].strip()
        # "Note that …" or "Example code …" are ordinary sentences, "예)" alone is a label
        if (
            head[-1:].isalpha()
            and rest
            and not head.startswith("[")
            and head.isascii()
            and not head.isupper()
        ):
            continue
        return kind, rest
    trailing = _TRAILING_LABEL.match(text)
    if (
        trailing is not None
        and len(text.split()) <= 12
        and (trailing.group("rest") is not None or not text.rstrip().endswith((".", "다")))
    ):
        kind = ItemKind.EXAMPLE if trailing.group("ex") else ItemKind.NOTE
        return kind, text
    if ":" not in text and _EXAMPLE_LIST.search(text) and len(text) < 120:
        return ItemKind.EXAMPLE, text
    return None


_SENTENCE_END = ".!?。？！:;,"
_PRONOUN = re.compile(r"\b(?:this|these|that|those|we|you|our|your|I|it|they|let's|let)\b", re.I)
_VERB_ENDING = re.compile(
    r"(?:다|요|까|죠|니다|하자|보자|하기|한|하는|된|되는|대해|대한|위해|에서|에게|으로|하고|하며|이며"
    r"|해서|하여|지만|는데|거나|을|를|은|는|에|와|및)$"
)
_NOT_TERM = re.compile(
    r"://|:\[|\b\d{1,2}:\d{2}\b|[=<>→]|->|^\$|^\d+$"
    r"|^(?:step|phase|stage|part|단계)\s*\d+$|^\d+\s*단계$"
    r"|^(?:is|are|was|were|be|can|could|has|have|had|do|does|did|will|would|should|must|may|might)\b",
    re.IGNORECASE,
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: ``가상 컬럼을 이용한 인덱스``: a kind of thing named by what it uses (one noun after).
_USING_KO = frozenset({"이용한", "사용한", "활용한"})
_LATIN = re.compile(r"[A-Za-z]")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")


_DEMONSTRATIVE = re.compile(r"(?:이|그|저|이런|그런|이러한|그러한)\s")
_TOPIC_PARTICLE = re.compile(r"[\uac00-\ud7a3A-Za-z0-9)](?:은|는|을|를)$")
_OBJECT_PARTICLE = re.compile(r"[을를]$")
_QUOTE_OR_QUESTION = re.compile(r"[\"“”‘’?]")
_EXAMPLE_TAIL_KO = re.compile(r"(?:예|예시|사례|참고)$")
_EXAMPLE_TAIL_EN = re.compile(r"\bexamples?$", re.I)


@functools.lru_cache(maxsize=_MEMO)
def term_like(text: str) -> bool:
    """A short noun phrase that can name a term: not a sentence, URL, time or command."""
    name, _aliases = split_alias(text)
    name = name.strip()
    if not name or len(name) > 40 or name[-1] in _SENTENCE_END or _NOT_TERM.search(name):
        return False
    words = name.split()
    limit = 5 if _HANGUL.search(name) else 6
    if len(words) > limit:
        return False
    last = words[-1]
    if _HANGUL.search(last) and _VERB_ENDING.search(last):
        return False
    if _DEMONSTRATIVE.match(name):
        return False  # 이 장은 …: a demonstrative starts a sentence, not a name
    if any(
        _TOPIC_PARTICLE.search(word)
        and not (_OBJECT_PARTICLE.search(word) and after in _USING_KO and index == len(words) - 3)
        for index, (word, after) in enumerate(itertools.pairwise(words))
    ):
        return False  # a topic or object particle inside: a clause, not a name
    if _QUOTE_OR_QUESTION.search(text) or name[0] in "'(":
        return False
    if _EXAMPLE_TAIL_KO.search(name) or _EXAMPLE_TAIL_EN.search(name):
        return False
    if _PRONOUN.search(name):
        return False
    return not (name.count(",") > 0 and len(words) > 2)


def is_generic(name: str) -> bool:
    """Labels such as ``특징``, ``Summary`` or ``지연 원인`` name a part of the notes.

    A task (``컨테이너 만들기``) is told apart later, when its section's other terms are
    known: ``전체 끊기`` beside ``절반 끊기`` names a kind of closing."""
    reason = label_reason(name)
    return reason is not None and reason != TASK


_ALIAS = re.compile(r"^(.*?)\s*[(（]([^()（）]+)[)）]\s*$")
# 1.1 bean Factory, 1-3. bean, a. Logical Address, iv. MMU: the number is no part of the name
_NAME_NUMBER = re.compile(r"^(?:\d+(?:[.-]\d+)*[.)]?|[a-z][.)]|[ivx]{1,4}[.)]|[①-⑳])\s+(?=\S)")
# scope 의 정의, 컨테이너의 개념, Definition of X: the name is X
_ABOUT = re.compile(
    r"\s*의\s*(?:정의|개념|의미|뜻)$|^(?:definition|meaning|concept)\s+of\s+(?=\S)"
    r"|^(?:an?\s+)?notes?\s+(?:on|about)\s+(?=\S)",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:the|an?)\s+(?=[A-Z0-9`])", re.IGNORECASE)
_REFERENCE = re.compile(r"\s*\[(?:RFC|ISO|IEEE|\d)[^\]]{0,30}\]$", re.IGNORECASE)


@functools.lru_cache(maxsize=_MEMO)
def split_alias(text: str) -> tuple[str, tuple[str, ...]]:
    """``"컨테이너 런타임(Container Runtime)"`` → ``("컨테이너 런타임", ("Container Runtime",))``.

    A long parenthesis is an explanation, not a name, and stays in the name. A leading
    article (``The Pod Manifest``) and a trailing reference (``SMTP [RFC 2821]``) are
    not part of the name, nor is a leading item number (``1.1 bean Factory``).
    """
    text = text.strip().strip("\"'“”‘’").strip()
    text = text.rstrip(":：").strip()
    bare = _ABOUT.sub("", _REFERENCE.sub("", _ARTICLE.sub("", _NAME_NUMBER.sub("", text))))
    text = bare.strip() or text
    match = _ALIAS.match(text)
    if match is None:
        return text, ()
    name, inner = match.group(1).strip(), match.group(2).strip()
    aliases = tuple(
        part.strip() for part in re.split(r"\s*[,/;]\s*", inner) if part.strip() and part != name
    )
    if not aliases or len(inner) > 40 or len(inner.split()) > 5:
        return text, ()
    if not name:
        return aliases[0], aliases[1:]
    return name, aliases


_SEPARATORS = re.compile(r"\s+[-–—]\s+|\s*[:：]\s+|\s+:\s*|\s*[:：]$")


def split_term(text: str, code: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """``"Term : def"`` / ``"term - def"`` → ``(term, def)`` when the left side names a term.

    A separator inside one of the inline ``code`` spans the text shows (``Connection:
    Keep-Alive``) is part of the code, not a separator.
    """
    inside = []
    for span in code:
        start = text.find(span)
        if start != -1:
            inside.append((start, start + len(span)))
    for match in _SEPARATORS.finditer(text):
        if any(start <= match.start() < stop for start, stop in inside):
            continue
        left, right = text[: match.start()].strip(), text[match.end() :].strip()
        if not left:
            continue
        if not right or not term_like(left) or label_of(left + ")") is not None:
            return None
        if re.search(r"\d$", left) and re.match(r"\d", right):
            return None  # a time or ratio, 10:30
        return left, right
    return None


_TOPIC = (
    r"(?:은|는|이란|란|이라\s*함은|라\s*함은|이라고|라고|:"
    r"|\s+is\b|\s+are\b|\s+refers?\s+to\b|\s+means\b)"
)
_DEFINING_END = re.compile(
    r"(?:이다|입니다|이에요|예요|말한다|말합니다|뜻한다|뜻합니다|의미한다|의미합니다|가리킨다|가리킵니다"
    r"|일컫는다|부른다|부릅니다|칭한다|지칭한다|나타낸다)$"
)
_VERB_STEMS = set("하되보주오가나르리쁘프크쓰니지기치시")


def _first_sentence(text: str) -> str:
    match = re.search(r"[.!?。](?:\s|$)", text)
    return text[: match.start() + 1] if match else text


#: "It is a file that …" (or the hurried "It a file …") under a heading defines the heading.
IT_IS_A = re.compile(r"(?:it|this)(?:\s+is|'s|’s)?\s+an?\s+\w", re.IGNORECASE)


def defines(text: str, names: tuple[str, ...]) -> bool:
    """Does this first line read as the definition of a heading named ``names``?

    Yes when it starts with the name and a topic marker (``X는 …``, ``X is …``), or,
    for Korean, when its first sentence is a noun phrase or ends like a definition
    (``…이다``, ``…을 말한다``); for English when it starts with ``A``/``An`` or
    ``It is a``.
    """
    text = text.strip()
    if not text or label_of(text) is not None:
        return False
    folded = text.casefold()
    for name in names:
        key = name.casefold().rstrip("s")
        if key and folded.startswith(key):
            rest = folded[len(key) :].lstrip("s")
            rest = re.sub(r"^\s*\([^)]*\)", "", rest)
            if re.match(_TOPIC, rest):
                return True
    sentence = _first_sentence(text).rstrip(".。!").strip()
    if not sentence or sentence.endswith("?"):
        return False
    if not _HANGUL.search(sentence):
        if re.match(r"(?:an?)\s", folded) or IT_IS_A.match(text):
            return True
        return any(
            re.match(rf"(?:the\s+)?{re.escape(n.casefold().rstrip('s'))}s?\s+(?:is|are)\b", folded)
            for n in names
            if n
        )
    last = sentence.split()[-1]
    if last.endswith("다"):
        return copula_end(sentence)  # 대표적이다 is a judgement, 요소다 a definition
    if _DEFINING_END.search(last):
        return True
    if re.search(r"(?:요|죠|까|함|음|됨|했|임)$", last):
        return False
    return bool(re.search(r"[\uac00-\ud7a3A-Za-z0-9)]$", last))


_NARRATIVE = re.compile(
    r"^(?:(?:이|그|저|이런|그런|이러한|그러한|위|아래|다음)\s|(?:this|these|that|those|it|they|we|i|you|here|there)\b)",
    re.IGNORECASE,
)


# 전문 검색에서는 …: a line set in another topic's frame tells about that topic
_FRAMED = re.compile(r"^\S+(?:\s\S+)?에서는\s")
# "Don't ever keep secrets in a layer": advice under a heading is a tip, not a meaning
_ADVICE = re.compile(
    r"^(?:don[’']?t|do\s+not|never|always|avoid|make\s+sure|be\s+sure|remember|try\s+to"
    r"|please|consider)\b",
    re.IGNORECASE,
)


def describes(text: str, names: tuple[str, ...]) -> bool:
    """Does the first line under a term-like heading explain it (a definition or a fact)?

    Under a heading that names a concept, its bullets say what it is even when they
    do not read as a formal definition (``## 멀티 프로세스`` / ``- 프로세스가 각자 메모리를
    가진다``). A line that points elsewhere (``이 문장은 …``, ``This shows …``), asks a
    question, introduces a list (ends with ``:``), is set in another topic's frame
    (``전문 검색에서는 …``), gives advice (``Don't …``) or is a label does not.
    """
    text = text.strip()
    if defines(text, names):
        return True
    if (
        not text
        or label_of(text) is not None
        or any(pattern.match(text) for pattern in (_NARRATIVE, _FRAMED, _ADVICE))
    ):
        return False
    return not text.endswith(("?", "？", ":", "：")) and len(text.split()) >= 2


def copula_end(sentence: str) -> bool:
    """Does a Korean sentence end like a definition (…이다, …을 말한다, …요소다)?"""
    words = sentence.rstrip(".。!").split()
    if not words:
        return False
    last = words[-1]
    if re.search(r"적(?:이다|입니다)$", last):
        return False
    if _DEFINING_END.search(last):
        return True
    stem = last[-2:-1] if last.endswith("다") else ""
    return bool(stem) and _is_open_syllable(stem) and stem not in _VERB_STEMS


def _is_open_syllable(char: str) -> bool:
    """A Hangul syllable without a final consonant (요소 in 요소다)."""
    code = ord(char) - 0xAC00
    return 0 <= code <= 11171 and code % 28 == 0


_CONTINUES_KO = re.compile(
    r"(?:을|를|은|는|에|에서|와|및|며|으로|으로서|로서|하고|하여|해서|지만|는데|거나|이고|이며|등을|등의)$"
)
_CONTINUES_EN = re.compile(
    r"\b(?:and|or|but|the|a|an|of|to|with|for|in|on|by|that|which|as|from)$", re.IGNORECASE
)


def continues(text: str) -> bool:
    """Does this bullet stop mid-sentence (ends in a comma or a connective)?"""
    text = text.strip()
    if not text:
        return False
    if text[-1] in ",、":
        return True
    if text[-1] in _SENTENCE_END or text[-1] in ")]\"'”’":
        return False
    last = text.split()[-1]
    if _HANGUL.search(last):
        return bool(_CONTINUES_KO.search(last))
    return bool(_CONTINUES_EN.search(text))


_NUMBERING = re.compile(r"^(?:(?:\d+\.)+\d*|\d+\)|[A-Za-z]\.|[①-⑳]|Step\s+\d+[.:])\s*")


def clean_heading(text: str) -> str:
    """A heading without leading numbers (``2.1``, ``1.``, ``①``) and emoji."""
    text = "".join(
        ch for ch in text if unicodedata.category(ch) not in ("So", "Sk", "Cs", "Co")
    ).strip()
    text = text.replace("\ufe0f", "").strip()
    previous = None
    while previous != text:
        previous = text
        text = _NUMBERING.sub("", text).strip()
    return text


def hangul_share(texts: list[str]) -> tuple[int, int]:
    """How many Hangul syllables and Latin letters the texts hold."""
    # Runs of letters, not one match per letter: a book's prose has millions of them.
    joined = "\n".join(texts)
    hangul = sum(map(len, _HANGUL_RUN.findall(joined)))
    latin = sum(map(len, _LATIN_RUN.findall(joined)))
    return hangul, latin
