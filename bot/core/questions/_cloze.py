"""Cloze questions: a sentence of the notes with one key token blanked.

The tokens are what a reader should remember exactly: version numbers, dates,
fractions, percentages and inline code. Not the English name of a Korean term in
parentheses, nor an acronym after its words: the words beside such a blank give it away.
Choices are of the same type (other code spans of the chapter, numbers shifted by
one or two); a typed answer when there are not enough of them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bot.core._distractors import Candidate, compact, pick
from bot.core._mdtext import clean_heading
from bot.core._templates import BLANK, quote, template
from bot.core.model import Chapter, Item, ItemKind, Question, QuestionKind
from bot.core.questions._context import (
    LEAD_IN,
    NEARBY_CANDIDATES,
    NOTE_PREFIX,
    Context,
    Entry,
    make,
    walk,
)
from bot.core.questions._defects import MAX_QUOTE_CHARS, MIN_BODY_LETTERS, question_id
from bot.core.questions._text import (
    GLOSS_AFTER_BLANK,
    body_letters,
    clean,
    contains,
    ends_word,
    has_letters,
    is_latin_edge,
    name_parts,
    name_words,
    replace_spans,
    shares_stem,
    shorten,
    spelled_out,
    starts_word,
    word_prefix_in,
)

__all__ = ["clozes"]

#: Clozes made from one sentence at most.
MAX_CLOZES_PER_SENTENCE = 2


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    kind: str  # version, date, year, fraction, percent, code-…


_VERSION = re.compile(r"(?<![\w.])v\d+(?:\.\d+)+(?![\w.])|(?<![\w.])\d+\.\d+\.\d+(?![\w.])")
_KO_DATE = re.compile(r"(?<!\d)(?:\d{2,4}년\s*\d{1,2}월(?:\s*\d{1,2}일)?|\d{4}년)(?!\d)")
_EN_YEAR = re.compile(r"(?<![\w.,/-])(?:19|20)\d{2}(?![\w.,/-]|년)")
_FRACTION = re.compile(r"(?<![\w./])\d{1,3}/\d{1,3}(?![\w./])")
_PERCENT = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d+)?%")
_DIGIT = re.compile(r"\d")
#: The number-like tokens, each with a character it cannot match without (or ``None``).
_NUMBER_TOKENS = (
    (_VERSION, "version", "."),
    (_KO_DATE, "date", "년"),
    (_EN_YEAR, "year", None),
    (_FRACTION, "fraction", "/"),
    (_PERCENT, "percent", "%"),
)
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+(?=\S)")


# What one run printed (``transferring context: 2B``, ``sha256:3f2a9c1``, ``took 12ms``):
# nobody should learn it by heart
_OUTPUT = re.compile(r"\b\d+(?:\.\d+)?\s?(?:B|KB|kB|MB|GB|ms|s)\b|\b[0-9a-f]{7,}\b|\w:\s+\d|#\d+\b")


# An example value, not an idea of the chapter: an e-mail address, a URL, the name of a
# file (``bob@someschool.edu``, ``https://…``, ``data.txt``, ``kuard-pod.yaml``)
_EXAMPLE_VALUE = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:txt|md|ya?ml|json|py|js|ts|go|java|sh|conf|cfg|cnf|ini|log|csv"
    r"|xml|html?|toml|tar|gz|tgz|zip|jar|war|out|env|pem|crt|key)",
    re.IGNORECASE,
)


# a call: a name right before its parentheses ("socket()", "next(gen)"), not
# "지속 커넥션(keep-alive)", a name with its gloss
_CALL = re.compile(r"[A-Za-z_$][\w.$:]*\(.*\)")


def _code_shape(span: str) -> str:
    """The kind of an inline code span, so that its choices look alike: a flag among flags,
    a path among paths, a command among commands."""
    if span[0] in "-—–":
        return "code-flag"
    if _CALL.fullmatch(span):
        return "code-call"
    if span[0] in "/." or "/" in span:
        return "code-path"
    if any(ch.isdigit() for ch in span) and not any(ch.isalpha() for ch in span[1:]):
        return "code-number"
    if " " in span:
        return "code-command"
    return "code-name"


def _tokens(raw: str, code: tuple[str, ...] = ()) -> list[_Token]:
    """The blankable tokens of the sentence ``raw`` with its inline ``code`` spans, in order."""
    found: list[tuple[int, _Token]] = []
    text = clean(raw)
    for span in code:
        if (
            2 <= len(span) <= 30
            and len(span.split()) <= 3
            and has_letters(span, 2)
            and not _OUTPUT.search(span)
            and not _EXAMPLE_VALUE.fullmatch(span)
        ):
            at = text.find(span)
            if at != -1:
                found.append((at, _Token(span, _code_shape(span))))
    if _DIGIT.search(text):  # every number-like token has a digit
        for pattern, kind, needs in _NUMBER_TOKENS:
            if needs is not None and needs not in text:
                continue  # the pattern cannot match without this character
            for match in pattern.finditer(text):
                found.append((match.start(), _Token(match.group(0), kind)))
    # The English of a Korean name in parentheses (꼬리 지연 시간(tail latency)) and an
    # acronym after its words (Domain Name System (DNS)) are not blanked: the words beside
    # the blank translate or spell out the answer.
    found.sort(key=lambda pair: pair[0])
    tokens: list[_Token] = []
    keys: set[str] = set()
    for _, token in found:
        key = compact(token.text)
        if key and key not in keys:
            keys.add(key)
            tokens.append(token)
    return tokens


def _blank(sentence: str, token: str) -> str:
    spans = [
        (start, end)
        for start, end in _find_exact(sentence, token)
        if (not is_latin_edge(token[0]) or starts_word(sentence, start))
        and (not is_latin_edge(token[-1]) or ends_word(sentence, end))
    ]
    return replace_spans(sentence, spans)


def _find_exact(text: str, token: str) -> Iterator[tuple[int, int]]:
    start = text.find(token)
    while start != -1:
        yield start, start + len(token)
        start = text.find(token, start + len(token))


def _shift_number(text: str, rng: random.Random, *, last_only: bool = False) -> list[str]:
    """Same-shaped variants of ``text`` with one of its numbers (or the last one) changed."""
    numbers = list(re.finditer(r"\d+", text))
    if last_only:
        numbers = numbers[-1:]
    variants: list[str] = []
    for match in numbers:
        value = int(match.group(0))
        width = len(match.group(0))
        for delta in (-2, -1, 1, 2):
            new = value + delta
            if new < 0 or (new == 0 and value != 0):
                continue
            digits = str(new).zfill(width) if match.group(0).startswith("0") else str(new)
            variants.append(text[: match.start()] + digits + text[match.end() :])
    rng.shuffle(variants)
    return variants


def _fraction_variants(text: str) -> list[str]:
    numerator, denominator = (int(part) for part in text.split("/"))
    options = [
        (numerator, denominator + 1),
        (numerator + 1, denominator),
        (numerator, denominator - 1),
        (numerator - 1, denominator),
        (1, 2),
        (2, 3),
        (1, 4),
        (3, 4),
        (1, 5),
    ]
    return [f"{a}/{b}" for a, b in options if a >= 1 and b >= 2]


_SYNTHETIC = frozenset({"version", "date", "year", "fraction", "percent"})
#: Code spans whose wrong choices come from their own section only.
_LOCAL = frozenset({"code-name"})


@dataclass(slots=True)
class _TokenPool:
    """Blankable tokens of the book by kind, per chapter and the first ones overall."""

    by_chapter: dict[tuple[str, object], list[str]] = field(default_factory=dict)
    by_section: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    first: dict[str, list[str]] = field(default_factory=dict)
    # Candidates are asked for only once the pool is full, many times per chapter.
    _candidates: dict[tuple[str, object], list[Candidate]] = field(default_factory=dict)
    # The shifted numbers of a book repeat (v1.19, v1.21 …): each is made a candidate once.
    _variants: dict[str, Candidate] = field(default_factory=dict)

    def add(self, token: _Token, chapter_key: object, section: int = 0) -> None:
        self.by_chapter.setdefault((token.kind, chapter_key), []).append(token.text)
        if token.kind in _LOCAL and section:
            found = self.by_section.setdefault((token.kind, section), [])
            if len(found) < NEARBY_CANDIDATES:
                found.append(token.text)
        first = self.first.setdefault(token.kind, [])
        if len(first) < NEARBY_CANDIDATES:
            first.append(token.text)

    def candidates(self, kind: str, chapter_key: object) -> list[Candidate]:
        """The tokens of ``kind`` in the chapter, then the first ones of the book (once
        the pool is full: the list is built once per chapter and kind)."""
        key = (kind, chapter_key)
        found = self._candidates.get(key)
        if found is None:
            same = self.by_chapter.get(key, [])[:NEARBY_CANDIDATES]
            found = [Candidate(text, chapter_key) for text in same] + [
                Candidate(text) for text in self.first.get(kind, [])
            ]
            self._candidates[key] = found
        return found

    def local(self, kind: str, section: int, chapter_key: object) -> list[Candidate]:
        """The tokens of ``kind`` in one section."""
        return [Candidate(text, chapter_key) for text in self.by_section.get((kind, section), [])]

    def variant(self, text: str) -> Candidate:
        """``text`` as a candidate of no chapter (made once per book)."""
        found = self._variants.get(text)
        if found is None:
            found = self._variants[text] = Candidate(text)
        return found


def _cloze_choices(
    token: _Token, pool: _TokenPool, chapter_key: object, prompt: str, seed: str, section: int = 0
) -> list[str] | None:
    rng = random.Random(int(seed[2:], 16))
    if token.kind in _SYNTHETIC:
        if token.kind == "fraction":
            variants = _fraction_variants(token.text)
        else:
            variants = _shift_number(token.text, rng, last_only=token.kind == "version")
        candidates = [pool.variant(text) for text in variants]
    elif token.kind in _LOCAL:
        # A bare name in code (`liveness`, `MySQL`, `data.txt`) could be anything: a
        # probe, a database, a file. Names of its own section are of its kind; a chapter's
        # other names are not, and the blank is typed instead.
        candidates = pool.local(token.kind, section, chapter_key)
    else:
        candidates = pool.candidates(token.kind, chapter_key)
    picked = pick(
        token.text, candidates, chapter=chapter_key, mentioned_in=prompt, seed=seed, count=6
    )
    distractors = [d for d in picked if not contains(prompt, d)][:3]
    if len(distractors) < 2:
        return None
    return [token.text, *distractors]


def _typed_variants(token: _Token) -> list[str]:
    if token.kind == "version" and token.text.startswith("v"):
        return [token.text[1:]]
    match = re.fullmatch(r"(\d{2})년\s*(.*)", token.text)
    if token.kind == "date" and match:
        return [f"20{match.group(1)}년 {match.group(2)}".strip()]
    return []


@dataclass(frozen=True, slots=True)
class _Sentence:
    raw: str
    line: int
    chapter: Chapter | None
    subject: str  # term name or section title, for context and ids
    term: Entry | None
    code: tuple[str, ...] = ()  # its inline code spans
    section: int = 0  # the section it stands in (names of one section are alike)


def _sentences(ctx: Context) -> Iterator[_Sentence]:
    by_line = {(entry.chapter and id(entry.chapter), entry.line): entry for entry in ctx.entries}
    for chapter in ctx.book.chapters:
        for section in chapter.sections:
            place = id(section)
            for item in walk(section.items):
                yield from _split(item, chapter, clean(section.title), None, place)
            for term in section.terms:
                entry = by_line.get((id(chapter), term.line))
                items = [*term.definition, *term.notes]
                for item in walk(items):
                    yield from _split(item, chapter, clean(term.name), entry, place)


def _split(
    item: Item, chapter: Chapter, subject: str, entry: Entry | None, section: int
) -> Iterator[_Sentence]:
    if item.kind is ItemKind.EXAMPLE:
        return
    text = NOTE_PREFIX.sub("", item.text)
    for part in _SENTENCE_END.split(text):
        if part.strip():
            code = tuple(span for span in item.code if span in part) if item.code else ()
            yield _Sentence(part.strip(), item.line, chapter, subject, entry, code, section)


class SeenSentences:
    """The sentences (normalised) a token was blanked in, asked whether a new sentence
    stands inside one of them or holds one.

    A few are simply compared with each one. A token blanked in thousands of sentences of
    one chapter (``1/3`` in every line of a glossary) would make that quadratic, so past
    :data:`SCANNED` sentences they are indexed by their runs of :data:`GRAM` characters:
    a sentence inside an earlier one shares all its runs, so only the earlier ones holding
    its rarest run are compared; an earlier one inside it is filed under one of its own
    runs (the rarest when it came), so only those filed under the new sentence's runs are.
    """

    __slots__ = ("_anchored", "_exact", "_holding", "_short", "keys")

    #: How many sentences are compared one by one before they are indexed.
    SCANNED = 32
    #: The length of the runs of characters the index files sentences under.
    GRAM = 4

    def __init__(self) -> None:
        self.keys: list[str] = []
        self._exact: set[str] = set()
        self._short: list[str] = []  # keys shorter than GRAM
        self._holding: dict[str, list[int]] = {}  # run -> indexes of the keys holding it
        self._anchored: dict[str, list[str]] = {}  # run -> keys filed under it

    def __bool__(self) -> bool:
        return bool(self.keys)

    def overlaps(self, key: str) -> bool:
        """Whether ``key`` stands in an earlier sentence or an earlier one stands in it."""
        if len(self.keys) <= self.SCANNED:
            return any(key in seen or seen in key for seen in self.keys)
        if key in self._exact or any(seen in key for seen in self._short):
            return True
        runs = _runs(key)
        if any(seen in key for run in runs for seen in self._anchored.get(run, ())):
            return True
        if not runs:  # shorter than a run: compared with each earlier sentence
            return any(key in seen for seen in self.keys)
        rarest = min(runs, key=lambda run: len(self._holding.get(run, ())))
        return any(key in self.keys[index] for index in self._holding.get(rarest, ()))

    def add(self, key: str) -> None:
        self.keys.append(key)
        if len(self.keys) == self.SCANNED + 1:
            for index, seen in enumerate(self.keys):
                self._index(index, seen)
        elif len(self.keys) > self.SCANNED + 1:
            self._index(len(self.keys) - 1, key)

    def _index(self, index: int, key: str) -> None:
        self._exact.add(key)
        runs = _runs(key)
        if not runs:
            self._short.append(key)
            return
        for run in runs:
            self._holding.setdefault(run, []).append(index)
        anchor = min(runs, key=lambda run: len(self._holding[run]))
        self._anchored.setdefault(anchor, []).append(key)


def _runs(key: str) -> list[str]:
    """The distinct runs of :attr:`SeenSentences.GRAM` characters of ``key``, in order."""
    size = SeenSentences.GRAM
    return list(dict.fromkeys(key[i : i + size] for i in range(len(key) - size + 1)))


def clozes(ctx: Context) -> Iterator[Question]:
    sentences = list(_sentences(ctx))
    tokenized = [(sentence, _tokens(sentence.raw, sentence.code)) for sentence in sentences]
    pool = _TokenPool()
    for sentence, tokens in tokenized:
        for token in tokens:
            pool.add(token, ctx.chapter_key(sentence.chapter), sentence.section)
    lang = ctx.book.language
    # The same sentence can stand under two terms (a nested term repeats its parent's
    # line): blank each token of a sentence once.
    asked: dict[tuple[str, int], SeenSentences] = {}
    for sentence, tokens in tokenized:
        made = 0
        text_key = compact(sentence.raw)
        for token in tokens:
            if made >= MAX_CLOZES_PER_SENTENCE:
                break
            earlier = asked.setdefault((compact(token.text), id(sentence.chapter)), SeenSentences())
            if earlier.overlaps(text_key):
                continue
            if earlier and token.kind not in _SYNTHETIC:
                # "파드(Pod)" written five times is one question, not five.
                continue
            earlier.add(text_key)
            question = _cloze(ctx, sentence, token, pool, lang)
            if question is not None:
                made += 1
                yield question


# the ")" of a list mark: "1) 설치 2) 실행", "a) …", "가) …"
_LIST_MARK = re.compile(r"(?<!\S)(?:\d{1,2}|[A-Za-z\uac00-\ud7a3])\)")
_FLOW = re.compile(r"→|->|=>|>")
# a sentence that sets up a made-up example: "Consider …", "Suppose we had …", "가령 …"
_MADE_UP = re.compile(
    r"(?:consider|suppose|imagine|let's say|say we have|가령|예컨대)\b", re.IGNORECASE
)


def _cloze(
    ctx: Context, sentence: _Sentence, token: _Token, pool: _TokenPool, lang: str
) -> Question | None:
    if sentence.raw.rstrip().endswith(("?", "？")) or LEAD_IN.search(sentence.raw):
        # a question states no fact to blank, and "to add volumes we can add:" leads to
        # code the question does not show
        return None
    if _MADE_UP.match(clean(sentence.raw)):
        # "Consider an application that has a WordPress site": a made-up example's
        # details are no idea of the chapter
        return None
    text = GLOSS_AFTER_BLANK.sub(BLANK, _blank(clean(sentence.raw), token.text))
    bracketed = _LIST_MARK.sub(" ", text)
    if bracketed.count("(") != bracketed.count(")") or text.count("[") != text.count("]"):
        return None  # "____ of Web sites support it (Sept.": a sentence cut in a bracket
    if BLANK not in text or not has_letters(text, MIN_BODY_LETTERS + 2):
        return None
    if contains(text, token.text):  # "the --previous flag … of the previous instance"
        return None
    spelled = spelled_out(token.text)
    if spelled is not None and contains(text, spelled):
        return None  # "open a TCP socket" spells out `tcpSocket`
    # "a timeout value of 1s" beside `timeoutSeconds`, "Buildkit" beside
    # `DOCKER_BUILDKIT`: a part of the name in the sentence points at it among choices
    # that do not share it
    hints = [part for part in name_parts(token.text) if contains(text, part)]
    if word_prefix_in(text, token.text) is not None:
        hints.append(token.text)  # "____: retrieve message by number" for `retr`
    prose = text
    for span in sentence.code:
        prose = prose.replace(span, " ")
    if body_letters(prose) < MIN_BODY_LETTERS and not _FLOW.search(prose):
        # "XML ____ , <constructor-arg>": names in a row state nothing, while
        # "socket() → ____ → write()" states an order
        return None
    if (
        sentence.term is not None
        and not contains(text, sentence.term.name)
        and not contains(sentence.term.display, token.text)  # [Readiness Probe] … readiness
        and not shares_stem(sentence.term.display, token.text)  # [불변성의 가치] … 불변형
    ):
        text = f"[{sentence.term.display}] {text}"
    asks = sentence.term is None and sentence.subject.rstrip().endswith(("?", "？"))
    if asks and contains(sentence.subject, token.text):
        return None  # the question names its answer
    if asks:
        # An answer to a question the note asks ("**How do …?**" then "- By using …")
        # is answerable only with its question above it.
        room = max(MAX_QUOTE_CHARS - len(sentence.subject) - 1, MAX_QUOTE_CHARS // 2)
        text = f"{sentence.subject}\n{shorten(text, room)}"
    else:
        text = shorten(text, MAX_QUOTE_CHARS)
    if BLANK not in text:
        return None  # shortened past its blank
    prompt = template(lang, "cloze").format(blank=BLANK, quote=quote(text))
    chapter_key = ctx.chapter_key(sentence.chapter)
    key = f"{token.text}\x1f{clean(sentence.raw)}"
    seed = question_id(ctx.book.title, chapter_key, "cloze", sentence.subject, key)
    choices = _cloze_choices(token, pool, chapter_key, text, seed, sentence.section)
    wrong = [name_words(choice) for choice in choices or () if choice != token.text]
    if any(not any(hint.casefold() in parts for parts in wrong) for hint in hints):
        choices = None
    filled = clean(sentence.raw)
    section = clean_heading(sentence.subject)  # "멍청한(dumb) 프락시 문제", not "5. 멍청한 …"
    return make(
        ctx,
        kind=QuestionKind.CLOZE,
        chapter=sentence.chapter,
        subject=sentence.subject,
        key=key,
        prompt=prompt,
        answer=token.text,
        accepted=[token.text, *_typed_variants(token)],
        explanation=f"{section}: {filled}" if section else filled,
        line=sentence.line,
        choices=choices,
    )
