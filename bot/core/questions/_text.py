"""Text helpers for questions: strip markup, count letters, shorten, mask names, find needles.

Names are found with plain string search rather than one compiled regex per name
(a book has thousands of terms). The memoised helpers are emptied by
:func:`clear_caches` once a book is done.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core._distractors import compact, is_hangul
from bot.core._html import HTML_TAG
from bot.core._templates import BLANK

__all__ = [
    "CODE",
    "GLOSS_AFTER_BLANK",
    "HTML_TAG",
    "MENTION",
    "body_letters",
    "clean",
    "clear_caches",
    "contains",
    "ends_word",
    "has_letters",
    "is_latin_edge",
    "letters",
    "mask",
    "name_parts",
    "name_words",
    "replace_spans",
    "shares_stem",
    "shorten",
    "shorten_lines",
    "spelled_out",
    "starts_word",
    "word_prefix_in",
]

# Texts, names and needles are looked at many times while one book is turned into
# questions; the memos are emptied when it is done.
_CACHE_SIZE = 1 << 18

_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
# No bracket inside brackets and no space or parenthesis inside a URL: each scan stops at
# the next "[" or "(", so "[[[[…" or "](](…" is read in linear time.
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\s]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_WIKILINK = re.compile(r"!?\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*|(?<![_\w])__(?!_)(.+?)(?<!_)__(?![_\w(])")  # not __init__()
_HIGHLIGHT = re.compile(r"==(\S(?:.*?\S)?)==")
CODE = re.compile(r"`+([^`]+?)`+")
_SPACES = re.compile(r"[ \t]+")


#: Discord mention syntax: a member, a role, a channel, everyone.
MENTION = re.compile(r"<@[!&]?\d{1,20}>|<#\d{1,20}>|@(?:everyone|here)\b")
_MENTION_WORDS = {"<@&": "@role", "<#": "#channel", "<@": "@member"}


def _quiet_mention(match: re.Match[str]) -> str:
    """A mention as plain words: ``<@123>`` → ``@member``, ``@everyone`` → ``everyone``."""
    text = match.group(0)
    if text.startswith("@"):
        return text[1:]
    for prefix, word in _MENTION_WORDS.items():
        if text.startswith(prefix):
            return word
    return ""


@functools.lru_cache(maxsize=_CACHE_SIZE)
def clean(text: str) -> str:
    """``text`` without Markdown/HTML markup: links keep their text, code its content.

    Discord mentions (``<@123>``, ``<@&1>``, ``<#1>``, ``@everyone``) become plain words,
    so no question can ping anyone even where mentions are allowed.
    """
    # Each pattern runs only on a text holding the character it starts with: most
    # lines have no markup at all.
    if "<" in text:
        text = _HTML_COMMENT.sub(" ", text)
    if "[" in text:
        text = _IMAGE.sub(" ", text)
        text = _WIKILINK.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = HTML_TAG.sub(" ", text)
    if "`" in text:
        text = CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    if "==" in text:
        text = _HIGHLIGHT.sub(r"\1", text)
    text = text.replace("**", "").replace("`", "")
    if "@" in text or "<" in text:
        text = MENTION.sub(_quiet_mention, text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


#: Parts of names too common to point at one of them.
_COMMON_PARTS = frozenset(
    [
        "get",
        "set",
        "new",
        "old",
        "max",
        "min",
        "use",
        "run",
        "file",
        "name",
        "type",
        "list",
        "data",
        "info",
        "config",
        "default",
    ]
)


_CAMEL_JOINT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NAME_JOINT = re.compile(_CAMEL_JOINT.pattern + r"|[_\-.]+")


def spelled_out(name: str) -> str | None:
    """A CamelCase name as words (``tcpSocket`` → ``tcp Socket``), or ``None`` when it
    has no CamelCase joint: a stem that shows those words spells the name out."""
    spelled = _CAMEL_JOINT.sub(" ", name)
    return spelled if spelled != name else None


def name_parts(name: str) -> tuple[str, ...]:
    """The distinctive parts of a code name: ``timeout`` and ``Seconds`` of
    ``timeoutSeconds``, ``BUILDKIT`` of ``DOCKER_BUILDKIT``, none of ``kubectl``."""
    if " " in name:
        return ()
    parts = [part for part in _NAME_JOINT.split(name) if part]
    if len(parts) < 2:
        return ()
    return tuple(
        p for p in parts if len(p) >= 4 and p.isalpha() and p.casefold() not in _COMMON_PARTS
    )


def word_prefix_in(text: str, name: str) -> str | None:
    """A word of ``text`` that a short Latin ``name`` begins ("retrieve" for ``retr``,
    "delete" for ``dele``), or ``None``: such a word points at the name among choices."""
    if not (3 <= len(name) <= 8 and name.isascii() and name.isalpha()):
        return None
    folded = name.casefold()
    for word in re.findall(r"[A-Za-z]+", text):
        if len(word) > len(name) and word.casefold().startswith(folded):
            return word
    return None


def name_words(name: str) -> set[str]:
    """The words of a name, its CamelCase or snake_case parts too, lower-cased."""
    return {part.casefold() for part in (*name_parts(name), *re.findall(r"\w+", name))}


def letters(text: str) -> int:
    """How many letters and digits ``text`` holds."""
    return sum(map(str.isalnum, text))


def body_letters(text: str) -> int:
    return letters(text.replace(BLANK, " "))


def has_letters(text: str, least: int) -> bool:
    """Whether ``text`` holds at least ``least`` letters and digits (a blank holds none).

    Reads only as far as it needs: most texts reach the count in their first words.
    """
    if sum(map(str.isalnum, text[: 4 * least])) >= least:
        return True
    return body_letters(text) >= least


# A full stop that ends a sentence, not the one of "i.e." or "e.g.".
_SENTENCE_STOP = re.compile(r"(?<![\s.]\w)[.!?。](?=\s)")


#: The shortest leading sentence a shortened text may end with instead of a clause.
_WHOLE_SENTENCE = 24


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters: cut after a sentence or before a clause
    (a comma, a dash) when one ends past half the limit, else at a word boundary with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    ends = [m.end() for m in _SENTENCE_STOP.finditer(text[: limit + 1])]
    if ends and ends[-1] > limit // 2:
        return text[: ends[-1]]
    clauses = [m.start() for m in re.finditer(r"[,;](?=\s)|\s[-–—]\s", text[: limit + 1])]
    if clauses and clauses[-1] > limit // 2:
        if ends and ends[-1] >= max(_WHOLE_SENTENCE, limit // 3):
            # a clause of a later sentence would read as a fragment ("… = b op a.
            # Together with associativity"): the sentences before it stand alone
            return text[: ends[-1]]
        return re.sub(r",?\s*\b(?:i\.e|e\.g|cf)\.?$", "", text[: clauses[-1]])
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—(") + "…"


def shorten_lines(text: str, limit: int) -> str:
    """Whole lines of ``text`` up to ``limit`` characters (the first line shortened if alone)."""
    kept: list[str] = []
    total = 0
    for line in text.splitlines():
        if total + len(line) + 1 > limit:
            if not kept:
                kept.append(shorten(line, limit))
            break
        kept.append(line)
        total += len(line) + 1
    return "\n".join(kept)


def is_latin_edge(char: str) -> bool:
    return char.isascii() and char.isalnum()


# Names are found with plain string search rather than one compiled regex per name:
# a book has thousands of terms and compiling a pattern for each was the slowest step.
#
# A Latin name is a whole word: "CRI" is not found in "CRI-O" or "OCI2", but is in
# "CRI를" (Hangul right after a Latin name is a particle, not more of the word) and in
# a dotted path ("metadata.ownerReferences" shows ownerReferences).
# A Latin name ending in a letter also matches its plural or singular: "Liveness
# Probe" hides "liveness probes", "Container images" hides "container image".


def _ascii_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def starts_word(text: str, at: int) -> bool:
    if at > 0 and _ascii_word(text[at - 1]):
        return False
    if at > 1 and text[at - 1] == "." and _ascii_word(text[at - 2]):
        # metadata.ownerReferences names the field: the name starts after the dot
        return at < len(text) and not text[at].isdigit()
    return not (at > 1 and text[at - 1] == "-" and _ascii_word(text[at - 2]))


def ends_word(text: str, at: int) -> bool:
    if at < len(text) and _ascii_word(text[at]):
        return False
    return not (at + 1 < len(text) and text[at] in "-." and _ascii_word(text[at + 1]))


def _plural_stem(word: str) -> tuple[str, bool]:
    """An English word (singular when it looks plural) and whether to accept "s"/"es" after it."""
    if len(word) > 3 and word[-1:] in "sS" and word[-2:-1].isalpha() and word[-2:-1] not in "sS":
        return word[:-1], True
    return word, word[-1:].isascii() and word[-1:].isalpha()


@dataclass(frozen=True, slots=True)
class _Spelling:
    """One way a name is written, ready for :func:`_spans`."""

    text: str  # lower-cased
    latin_start: bool
    latin_end: bool
    plural: bool


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _spellings(name: str) -> tuple[_Spelling, ...]:
    words = name.split()
    if not words:
        return ()
    stem, plural = _plural_stem(words[-1])
    latin_start, latin_end = is_latin_edge(name[0]), is_latin_edge(name[-1])
    joined = [" ".join([*words[:-1], stem])]
    if len(words) > 1:
        joined.append("".join([*words[:-1], stem]))  # "컨테이너런타임" for "컨테이너 런타임"
    return tuple(_Spelling(text.lower(), latin_start, latin_end, plural) for text in joined)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _ordered_spellings(names: tuple[str, ...]) -> tuple[_Spelling, ...]:
    """The spellings of ``names``, longest first (the same few names are masked again
    and again: hashing their spellings into a set each time was a hot spot)."""
    spellings = {spelling for name in names for spelling in _spellings(name)}
    return tuple(sorted(spellings, key=lambda spelling: -len(spelling.text)))


def _spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where the names occur in ``text``, longest names first, without overlaps."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters change length when lower-cased
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    spellings = _ordered_spellings(tuple(names))
    taken: list[tuple[int, int]] = []  # disjoint and sorted: an overlap is found by bisection
    for spelling in spellings:
        start = lowered.find(spelling.text)
        while start != -1:
            end = start + len(spelling.text)
            if spelling.plural:
                for suffix in ("es", "s"):
                    if lowered.startswith(suffix, end) and ends_word(lowered, end + len(suffix)):
                        end += len(suffix)
                        break
            fits = (not spelling.latin_start or starts_word(lowered, start)) and (
                not spelling.latin_end or ends_word(lowered, end)
            )
            if fits:
                at = bisect.bisect_left(taken, (start, end))
                if (at == 0 or taken[at - 1][1] <= start) and (
                    at == len(taken) or end <= taken[at][0]
                ):
                    taken.insert(at, (start, end))
            start = lowered.find(spelling.text, start + 1)
    return taken


def replace_spans(text: str, spans: list[tuple[int, int]]) -> str:
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.extend((text[last:start], BLANK))
        last = end
    parts.append(text[last:])
    return "".join(parts)


# "컨테이너 런타임(Container Runtime)" is masked as one blank, not "____(____)".
_DOUBLE_BLANK = re.compile(re.escape(BLANK) + r"\s*\(\s*" + re.escape(BLANK) + r"\s*\)")
# "어근 분석(stemming)", "ACK (확인 응답)": the other name in parentheses after the hidden
# one translates it, so it goes with it
GLOSS_AFTER_BLANK = re.compile(
    re.escape(BLANK) + r" ?\((?!" + re.escape(BLANK) + r")[^()\n]{2,40}\)"
)


# Particles whose form depends on the last syllable of the hidden word: show both
# forms so the blank does not give the word's ending away.
_PARTICLE = re.compile(
    BLANK + r"(?P<space> ?)(?P<particle>이라는|라는|이라고|라고|이라|라|이란|란|이며|며|이다|다|"
    r"이나|나|으로|로|은|는|이|가|을|를|와|과)(?P<after>서|써)?(?![가-힣])"
)
_NEUTRAL = {
    "은": "은(는)",
    "는": "은(는)",
    "이": "이(가)",
    "가": "이(가)",
    "을": "을(를)",
    "를": "을(를)",
    "와": "와(과)",
    "과": "와(과)",
    "으로": "(으)로",
    "로": "(으)로",
    "이란": "(이)란",
    "란": "(이)란",
    "이다": "(이)다",
    "다": "(이)다",
    "이며": "(이)며",
    "며": "(이)며",
    "이라는": "(이)라는",
    "라는": "(이)라는",
    "이라고": "(이)라고",
    "라고": "(이)라고",
    "이라": "(이)라",
    "라": "(이)라",
    "이나": "(이)나",
    "나": "(이)나",
}
_SPACED_PARTICLES = frozenset("은는을를와과가")


def _neutral_particle(match: re.Match[str]) -> str:
    particle, space = match.group("particle"), match.group("space")
    if space and particle not in _SPACED_PARTICLES:
        return match.group(0)
    return BLANK + space + _NEUTRAL[particle] + (match.group("after") or "")


# "an ____" fits only a choice that starts with a vowel: the article says "a(n)"
_ARTICLE_BEFORE_BLANK = re.compile(r"(^|\s)([Aa])n? " + re.escape(BLANK))


def _neutral_article(match: re.Match[str]) -> str:
    article = "A(n)" if match.group(2) == "A" else "a(n)"
    return f"{match.group(1)}{article} {BLANK}"


def mask(text: str, names: Iterable[str]) -> str:
    """``text`` with every spelling in ``names`` replaced by a blank.

    Latin names match whole words only; a Korean particle after a blank is shown in
    both forms (``____은(는)``) and an English article before it as ``a(n)``, so that
    neither hints at the hidden word.
    """
    spans = _spans(text, names)
    if not spans:
        return text
    masked = _DOUBLE_BLANK.sub(BLANK, replace_spans(text, spans))
    masked = GLOSS_AFTER_BLANK.sub(BLANK, masked)
    masked = _ARTICLE_BEFORE_BLANK.sub(_neutral_article, masked)
    return _PARTICLE.sub(_neutral_particle, masked)


def _latin_only(text: str) -> bool:
    return text.isascii() or not any(is_hangul(ch) for ch in text)


_PUNCT_IN_WORD = re.compile(r"(?<=\w)[-_./+#](?=\w)")


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _spaced(text: str) -> str:
    folded = _PUNCT_IN_WORD.sub("", text.casefold())
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` appears in ``haystack`` once both are normalised.

    Korean is compared without spaces; a Latin needle must match whole words, so
    "AP" is not found in "application"; numbers keep their dots and slashes, so
    "1.3" is not found in "1/3".
    """
    mode, probe = _needle(needle)
    if mode == "compact":
        return probe in compact(haystack)  # type: ignore[operator]
    if mode == "number":
        return _contains_number(haystack.casefold(), probe)  # type: ignore[arg-type]
    if mode == "words":
        return bool(_spans(_spaced(haystack), (probe,)))  # type: ignore[arg-type]
    return False


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _needle(needle: str) -> tuple[str, str | re.Pattern[str]]:
    """How :func:`contains` looks for ``needle``: compact text, a number or whole words."""
    key = compact(needle)
    if not key:
        return "never", ""
    if not _latin_only(needle) or not key.isascii():
        return "compact", key
    if any(ch.isdigit() for ch in needle):
        return "number", needle.casefold()
    words = _spaced(needle)
    # Whole words, the last one in singular or plural: "liveness probe(s)".
    return ("words", words) if words else ("never", "")


def _contains_number(text: str, needle: str) -> bool:
    """``needle`` in ``text`` with no digit glued on either side (directly or by "." or "/")."""
    start = text.find(needle)
    while start != -1:
        end = start + len(needle)
        before_ok = start == 0 or not (
            text[start - 1].isdigit()
            or (start > 1 and text[start - 1] in "./" and text[start - 2].isdigit())
        )
        after_ok = end == len(text) or not (
            text[end].isdigit()
            or (end + 1 < len(text) and text[end] in "./" and text[end + 1].isdigit())
        )
        if before_ok and after_ok:
            return True
        start = text.find(needle, start + 1)
    return False


# ---------------------------------------------------------------------------
# Ids and defects


def clear_caches() -> None:
    """Forget the memos of this module (they only pay off within one book)."""
    for cached in (clean, _spellings, _ordered_spellings, _spaced, _needle):
        cached.cache_clear()


_STEM_WORD = re.compile(r"[\uac00-\ud7a3]{3,}|[A-Za-z]{6,}")


def shares_stem(label: str, answer: str) -> bool:
    """Whether a word of ``label`` and a word of ``answer`` share their stem: the first two
    syllables of Korean words of three or more (불변성 and 불변형), the first five letters
    of longer Latin words (immutability and immutable), the words themselves differing
    (a shared 커넥션 is a shared word, which the choices share too). A label that shares
    a stem with the hidden answer points at it."""
    words = {word.casefold() for word in _STEM_WORD.findall(answer)}
    stems = {_stem(word) for word in words}
    return any(
        _stem(word) in stems and word.casefold() not in words for word in _STEM_WORD.findall(label)
    )


def _stem(word: str) -> str:
    return word[:2] if "\uac00" <= word[0] <= "\ud7a3" else word[:5].casefold()
