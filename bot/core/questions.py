"""Book → quiz questions: the kinds, their wording, distractors, stable ids and defect checks.

:func:`generate_questions` turns one :class:`~bot.core.model.Book` into questions of
each kind the notes support:

``term_from_definition``
    the definition with the term masked; pick the term among four.
``definition_from_term``
    "what is X?"; pick the definition among other terms' definitions.
``cloze``
    a sentence with one key token blanked (a version, a date, a fraction, inline
    code, an English name in parentheses).
``true_false``
    a definition shown under its own term or under another one.
``odd_one_out``
    from an example list (``예) 도커, 컨테이너d, CRI-O``): which one is not an example.
``flashcard`` / ``trivia`` / ``cloze``
    the explicit cards written by people, answered by typing.

Output is deterministic (shuffles are seeded by the question id) and ids are
derived from the book title, the chapter, the subject (term or card text), the kind
and a distinguishing key, never from line numbers, so an unrelated edit of the
notes keeps every id. A question that fails :func:`find_defects` is never emitted.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from bot.core import _distractors
from bot.core._distractors import Candidate, compact, is_hangul, pick
from bot.core._templates import BLANK, TRUTH, TRUTH_ALIASES, quote, template
from bot.core.model import (
    Book,
    Card,
    Chapter,
    Item,
    ItemKind,
    Question,
    QuestionKind,
    Source,
    Term,
)

__all__ = [
    "MAX_CHOICE_CHARS",
    "MAX_PROMPT_CHARS",
    "Generation",
    "contains",
    "find_defects",
    "generate",
    "generate_questions",
    "mask",
]

log = logging.getLogger(__name__)

# Texts, names and needles are looked at many times while one book is turned into
# questions; the memos are emptied when it is done.
_CACHE_SIZE = 1 << 18

#: Discord shows a prompt in an embed; keep it short enough to read.
MAX_PROMPT_CHARS = 1000
#: Discord button labels hold 80 characters.
MAX_CHOICE_CHARS = 80
#: Longest quoted definition or sentence in a prompt.
MAX_QUOTE_CHARS = 600
#: A quoted text needs at least this many letters besides the blanks to mean anything.
MIN_BODY_LETTERS = 10
#: A definition shown as a choice needs at least this many letters.
MIN_CHOICE_LETTERS = 5
#: A prompt needs at least this many letters at all.
MIN_PROMPT_LETTERS = 6
#: Longest definition shown to ask for its term (the first lines say the most).
DEFINITION_QUOTE_CHARS = 450
#: Longest definition shown in a true/false statement (short statements are harder to rule out).
TRUE_FALSE_QUOTE_CHARS = 200
#: Longest explanation shown at the reveal.
MAX_EXPLANATION_CHARS = 1000
#: Clozes made from one sentence at most.
MAX_CLOZES_PER_SENTENCE = 2
#: Example-list entries longer than this are sentences, not names.
MAX_EXAMPLE_CHARS = 40

# ---------------------------------------------------------------------------
# Text helpers


_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_WIKILINK = re.compile(r"!?\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*|(?<![_\w])__(?!_)(.+?)(?<!_)__(?![_\w])")
_HIGHLIGHT = re.compile(r"==(\S(?:.*?\S)?)==")
_CODE = re.compile(r"`+([^`]+?)`+")
_SPACES = re.compile(r"[ \t]+")

_MARKUP_DEFECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bold markup", re.compile(r"\*\*")),
    ("backtick", re.compile(r"`")),
    ("html tag", _HTML_TAG),
    ("html comment", re.compile(r"<!--")),
    ("link syntax", re.compile(r"\]\(")),
    ("wikilink syntax", re.compile(r"\[\[|\]\]")),
)
_ANY_MARKUP = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _MARKUP_DEFECTS))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def clean(text: str) -> str:
    """``text`` without Markdown/HTML markup: links keep their text, code its content."""
    text = _HTML_COMMENT.sub(" ", text)
    text = _IMAGE.sub(" ", text)
    text = _WIKILINK.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _CODE.sub(r"\1", text)
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _HIGHLIGHT.sub(r"\1", text)
    text = text.replace("**", "").replace("`", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _letters(text: str) -> int:
    """How many letters and digits ``text`` holds."""
    return sum(map(str.isalnum, text))


def _body_letters(text: str) -> int:
    return _letters(text.replace(BLANK, " "))


# A full stop that ends a sentence, not the one of "i.e." or "e.g.".
_SENTENCE_STOP = re.compile(r"(?<![\s.]\w)[.!?。](?=\s)")


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
        return re.sub(r",?\s*\b(?:i\.e|e\.g|cf)\.?$", "", text[: clauses[-1]])
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—(") + "…"


def _shorten_lines(text: str, limit: int) -> str:
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


def _is_latin_edge(char: str) -> bool:
    return char.isascii() and char.isalnum()


# Names are found with plain string search rather than one compiled regex per name:
# a book has thousands of terms and compiling a pattern for each was the slowest step.
#
# A Latin name is a whole word: "CRI" is not found in "CRI-O" or "OCI2", but is in
# "CRI를" (Hangul right after a Latin name is a particle, not more of the word).
# A Latin name ending in a letter also matches its plural or singular: "Liveness
# Probe" hides "liveness probes", "Container images" hides "container image".


def _ascii_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def _starts_word(text: str, at: int) -> bool:
    if at > 0 and _ascii_word(text[at - 1]):
        return False
    return not (at > 1 and text[at - 1] in "-." and _ascii_word(text[at - 2]))


def _ends_word(text: str, at: int) -> bool:
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
    latin_start, latin_end = _is_latin_edge(name[0]), _is_latin_edge(name[-1])
    joined = [" ".join([*words[:-1], stem])]
    if len(words) > 1:
        joined.append("".join([*words[:-1], stem]))  # "컨테이너런타임" for "컨테이너 런타임"
    return tuple(_Spelling(text.lower(), latin_start, latin_end, plural) for text in joined)


def _spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where the names occur in ``text``, longest names first, without overlaps."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters change length when lower-cased
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    spellings = sorted(
        {spelling for name in names for spelling in _spellings(name)},
        key=lambda spelling: -len(spelling.text),
    )
    taken: list[tuple[int, int]] = []
    for spelling in spellings:
        start = lowered.find(spelling.text)
        while start != -1:
            end = start + len(spelling.text)
            if spelling.plural:
                for suffix in ("es", "s"):
                    if lowered.startswith(suffix, end) and _ends_word(lowered, end + len(suffix)):
                        end += len(suffix)
                        break
            fits = (not spelling.latin_start or _starts_word(lowered, start)) and (
                not spelling.latin_end or _ends_word(lowered, end)
            )
            if fits and all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
            start = lowered.find(spelling.text, start + 1)
    return sorted(taken)


def _replace_spans(text: str, spans: list[tuple[int, int]]) -> str:
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.extend((text[last:start], BLANK))
        last = end
    parts.append(text[last:])
    return "".join(parts)


# "컨테이너 런타임(Container Runtime)" is masked as one blank, not "____(____)".
_DOUBLE_BLANK = re.compile(re.escape(BLANK) + r"\s*\(\s*" + re.escape(BLANK) + r"\s*\)")


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


def mask(text: str, names: Iterable[str]) -> str:
    """``text`` with every spelling in ``names`` replaced by a blank.

    Latin names match whole words only; a Korean particle after a blank is shown in
    both forms (``____은(는)``) so that it does not hint at the hidden word.
    """
    spans = _spans(text, names)
    if not spans:
        return text
    masked = _DOUBLE_BLANK.sub(BLANK, _replace_spans(text, spans))
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


def question_id(book: str, chapter: object, kind: str, subject: str, key: str = "") -> str:
    """A stable id: ``q-`` and 12 hex digits of a hash of what the question is about."""
    parts = (" ".join(book.split()), str(chapter), kind, compact(subject), compact(key))
    return "q-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def find_defects(question: Question) -> list[str]:
    """Everything wrong with ``question`` that would embarrass the bot; empty when fine."""
    defects: list[str] = []
    prompt = question.prompt
    if not prompt.strip():
        return ["empty prompt"]
    if len(prompt) > MAX_PROMPT_CHARS:
        defects.append(f"prompt longer than {MAX_PROMPT_CHARS} characters")
    if _body_letters(prompt) < MIN_PROMPT_LETTERS:
        defects.append("prompt too short")
    if not question.answer.strip() or not compact(question.answer):
        defects.append("empty answer")
    if not question.accepted or question.accepted[0] != question.answer:
        defects.append("accepted answers do not start with the answer")
    texts = [("prompt", prompt), ("answer", question.answer)]
    texts += [("choice", choice) for choice in question.choices or ()]
    for where, text in texts:
        if _ANY_MARKUP.search(text) is None:  # the common case: one search, not six
            continue
        for name, pattern in _MARKUP_DEFECTS:
            if pattern.search(text):
                defects.append(f"{name} left in the {where}")
    if question.kind is not QuestionKind.TRUE_FALSE:
        for accepted in question.accepted:
            if contains(prompt, accepted):
                defects.append(f"prompt contains its answer {accepted!r}")
                break
    if question.choices is not None:
        defects.extend(_choice_defects(question))
    return defects


def _choice_defects(question: Question) -> list[str]:
    choices = question.choices or ()
    defects: list[str] = []
    minimum = 2 if question.kind is QuestionKind.TRUE_FALSE else 3
    if len(choices) < minimum:
        defects.append(f"fewer than {minimum} choices")
    keys = [compact(choice) for choice in choices]
    if any(not key for key in keys):
        defects.append("empty choice")
    if len({key for key in keys if key}) < len([key for key in keys if key]):
        defects.append("duplicate choices")
    count = choices.count(question.answer)
    if count == 0:
        defects.append("answer missing from the choices")
    elif count > 1:
        defects.append("answer present twice in the choices")
    if any(len(choice) > MAX_CHOICE_CHARS for choice in choices):
        defects.append(f"choice longer than {MAX_CHOICE_CHARS} characters")
    return defects


# ---------------------------------------------------------------------------
# What the notes hold, flattened for the generators


@dataclass(slots=True)
class _Entry:
    """A term with everything the generators need (or a related term from a note)."""

    name: str
    aliases: tuple[str, ...]
    lines: list[str]  # cleaned definition lines
    chapter: Chapter | None
    line: int
    subject: bool = True  # False for a term only named in a 참고/Note line
    related: list[str] = field(default_factory=list)
    examples: list[Item] = field(default_factory=list)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def display(self) -> str:
        if self.aliases and _letters(self.aliases[0]):
            return f"{self.name}({self.aliases[0]})"
        return self.name

    @property
    def definition(self) -> str:
        return "\n".join(self.lines)

    @property
    def short(self) -> str:
        """The first definition line (or its first sentence when that reads alone)."""
        return self.lines[0] if self.lines else ""


_NOTE_PREFIX = re.compile(r"^\s*(?:참고\s*[):：]|note\s*[:)]|n\.b\.?\s*[:)]?)\s*", re.I)
_EXAMPLE_PREFIX = re.compile(
    r"^\s*(?:예시?\s*[):：]|예를 들어[,:]?|ex\s*[):.]|e\.g\.?,?|examples?\s*[:)]"
    r"|for example[,:])\s*",
    re.I,
)
_RELATED_NOTE = re.compile(r"^(?P<name>[^,.;:()\[\]]{2,40}?)\s+[-–—:]\s+(?P<text>.{4,})$")


#: Distractors are drawn from the same chapter and then the nearest chapters, up to
#: this many candidates, so that a huge book stays fast and choices stay on topic.
NEARBY_CANDIDATES = 30


@dataclass(slots=True)
class _Context:
    book: Book
    entries: list[_Entry]
    chapter_of_line: list[tuple[int, Chapter]]
    cache: dict[tuple[str, int], list] = field(default_factory=dict)  # per-chapter candidates
    _nearby: dict[int, list[_Entry]] = field(default_factory=dict)
    _by_chapter: dict[int, list[_Entry]] = field(default_factory=dict)
    _order: list[int] = field(default_factory=list)
    _index: dict[int, int] = field(default_factory=dict)
    _choice: dict[int, str | None] = field(default_factory=dict)

    def nearby(self, chapter: Chapter | None) -> list[_Entry]:
        """Entries of ``chapter`` first, then of the nearest chapters (bounded)."""
        key = id(chapter)
        if key not in self._nearby:
            if not self._by_chapter:
                for entry in self.entries:
                    self._by_chapter.setdefault(id(entry.chapter), []).append(entry)
            if not self._order:
                self._order = [id(c) for c in self.book.chapters]
                self._index = {chapter: i for i, chapter in enumerate(self._order)}
            order = self._order
            here = self._index.get(key, 0)
            found = list(self._by_chapter.get(key, []))
            for distance in range(1, len(order)):
                if len(found) >= NEARBY_CANDIDATES:
                    break
                for index in (here - distance, here + distance):
                    if 0 <= index < len(order):
                        found.extend(self._by_chapter.get(order[index], []))
            same = len(self._by_chapter.get(key, []))
            self._nearby[key] = found[: max(same, NEARBY_CANDIDATES)]
        return self._nearby[key]

    def definition_choice(self, entry: _Entry) -> str | None:
        """The entry's definition as a choice (cached)."""
        key = id(entry)
        if key not in self._choice:
            self._choice[key] = _definition_choice(entry)
        return self._choice[key]

    def chapter_key(self, chapter: Chapter | None) -> object:
        if chapter is None:
            return self.book.title
        return chapter.number if chapter.number is not None else chapter.title

    def chapter_for(self, line: int, number: int | None = None) -> Chapter | None:
        if number is not None:
            for chapter in self.book.chapters:
                if chapter.number == number:
                    return chapter
        found: Chapter | None = None
        for start, chapter in self.chapter_of_line:
            if start <= line:
                found = chapter
        if found is None and self.book.chapters:
            return self.book.chapters[0]
        return found


def _walk(items: Iterable[Item]) -> Iterator[Item]:
    for item in items:
        yield item
        yield from _walk(item.children)


def _entries(book: Book) -> list[_Entry]:
    entries: list[_Entry] = []
    for chapter in book.chapters:
        for section in chapter.sections:
            for term in section.terms:
                entries.extend(_term_entries(term, chapter))
    return entries


def _term_entries(term: Term, chapter: Chapter) -> list[_Entry]:
    name = clean(term.name)
    aliases = tuple(alias for alias in (clean(a) for a in term.aliases) if alias and alias != name)
    lines: list[str] = []
    notes: list[Item] = list(term.notes)
    examples: list[Item] = list(term.examples)
    for item in _walk(term.definition):
        nested = item not in term.definition
        if item.kind is ItemKind.NOTE or _NOTE_PREFIX.match(item.text):
            if not nested:
                notes.append(item)
        elif item.kind is ItemKind.EXAMPLE or _EXAMPLE_PREFIX.match(clean(item.text)):
            # A nested example list explains the bullet above it, not the term.
            if not nested:
                examples.append(item)
        else:
            text = clean(item.text)
            if text:
                lines.append(text)
    entry = _Entry(name, aliases, lines, chapter, term.line, examples=examples)
    result = [entry]
    for note in notes:
        text = _NOTE_PREFIX.sub("", clean(note.text))
        match = _RELATED_NOTE.match(text)
        if not match:
            continue
        related = match.group("name").strip()
        if len(related.split()) > 5 or compact(related) in {compact(n) for n in entry.names}:
            continue
        entry.related.append(related)
        result.append(
            _Entry(related, (), [match.group("text").strip()], chapter, note.line, subject=False)
        )
    return result


# ---------------------------------------------------------------------------
# Generation


@dataclass(slots=True)
class Generation:
    """The questions of one book, and the candidates rejected with their defects."""

    questions: list[Question] = field(default_factory=list)
    rejected: list[tuple[Question, list[str]]] = field(default_factory=list)


def generate_questions(book: Book) -> list[Question]:
    """Every good question the book supports, in a deterministic order with stable ids."""
    return generate(book).questions


def generate(book: Book) -> Generation:
    """Like :func:`generate_questions`, also reporting the rejected candidates."""
    try:
        return _generate(book)
    finally:
        # The memos only pay off within one book; a long-running bot should not keep them.
        for cached in (clean, _spellings, _spaced, _needle, *_distractors.CACHED):
            cached.cache_clear()


def _generate(book: Book) -> Generation:
    chapter_lines = sorted(((c.line, c) for c in book.chapters), key=lambda pair: pair[0])
    context = _Context(book, _entries(book), chapter_lines)
    result = Generation()
    seen: set[str] = set()
    for question in _candidates(context):
        if question.id in seen:
            continue
        defects = find_defects(question)
        if defects:
            log.debug("rejected %s (%s): %s", question.id, question.kind, "; ".join(defects))
            result.rejected.append((question, defects))
            continue
        seen.add(question.id)
        result.questions.append(question)
    return result


def _candidates(ctx: _Context) -> Iterator[Question]:
    subjects = [entry for entry in ctx.entries if entry.subject and entry.lines]
    for entry in subjects:
        yield from _optional(_term_from_definition(ctx, entry))
        yield from _optional(_definition_from_term(ctx, entry))
        yield from _optional(_true_false(ctx, entry))
    yield from _clozes(ctx)
    yield from _odd_ones(ctx)
    yield from _cards(ctx)


def _optional(question: Question | None) -> list[Question]:
    return [] if question is None else [question]


def _rng(question_id: str) -> random.Random:
    return random.Random(int(question_id[2:], 16))


def _make(
    ctx: _Context,
    *,
    kind: QuestionKind,
    chapter: Chapter | None,
    subject: str,
    key: str = "",
    prompt: str,
    answer: str,
    accepted: Sequence[str],
    explanation: str,
    line: int,
    choices: Sequence[str] | None = None,
    shuffle: bool = True,
) -> Question:
    chapter_key = ctx.chapter_key(chapter)
    qid = question_id(ctx.book.title, chapter_key, str(kind), subject, key)
    ordered: tuple[str, ...] | None = None
    if choices is not None:
        options = list(choices)
        if shuffle:
            _rng(qid).shuffle(options)
        ordered = tuple(options)
    unique_accepted: list[str] = []
    keys: set[str] = set()
    for text in (answer, *accepted):
        text_key = compact(text)
        if text_key and text_key not in keys:
            keys.add(text_key)
            unique_accepted.append(text)
    return Question(
        id=qid,
        kind=kind,
        language=ctx.book.language,
        book=ctx.book.title,
        chapter=chapter.number if chapter is not None else None,
        chapter_title=chapter.title if chapter is not None else ctx.book.title,
        prompt=prompt,
        answer=answer,
        accepted=tuple(unique_accepted) or (answer,),
        explanation=shorten(explanation, MAX_EXPLANATION_CHARS),
        source=Source(ctx.book.file, line),
        choices=ordered,
    )


def _quoted_definition(
    entry: _Entry, limit: int = DEFINITION_QUOTE_CHARS, least: int = MIN_BODY_LETTERS
) -> str | None:
    body = _shorten_lines(mask(entry.definition, entry.names), limit)
    if _body_letters(body) < least:
        return None
    return body


def _explain(entry: _Entry) -> str:
    return f"{entry.display}: " + " ".join(entry.lines)


def _term_candidates(ctx: _Context, entry: _Entry) -> list[Candidate]:
    key = ("names", id(entry.chapter))
    if key not in ctx.cache:
        ctx.cache[key] = [
            Candidate(other.name, ctx.chapter_key(other.chapter))
            for other in ctx.nearby(entry.chapter)
        ]
    return ctx.cache[key]


def _definition_candidates(ctx: _Context, entry: _Entry) -> list[tuple[_Entry, Candidate]]:
    key = ("definitions", id(entry.chapter))
    if key not in ctx.cache:
        ctx.cache[key] = [
            (other, Candidate(text, ctx.chapter_key(other.chapter)))
            for other in ctx.nearby(entry.chapter)
            if (text := ctx.definition_choice(other)) is not None
        ]
    return ctx.cache[key]


def _term_from_definition(ctx: _Context, entry: _Entry) -> Question | None:
    body = _quoted_definition(entry)
    if body is None:
        return None
    lang = ctx.book.language
    prompt = template(lang, "term_from_definition").format(quote=quote(body))
    chapter_key = ctx.chapter_key(entry.chapter)
    seed = question_id(ctx.book.title, chapter_key, "term_from_definition", entry.name)
    distractors = pick(
        entry.name,
        _term_candidates(ctx, entry),
        chapter=chapter_key,
        exclude=entry.aliases,
        mentioned_in=body,
        boost={compact(name) for name in entry.related},
        seed=seed,
    )
    distractors = [d for d in distractors if len(d) <= MAX_CHOICE_CHARS]
    choices = [entry.name, *distractors] if len(distractors) >= 2 else None
    return _make(
        ctx,
        kind=QuestionKind.TERM_FROM_DEFINITION,
        chapter=entry.chapter,
        subject=entry.name,
        prompt=prompt,
        answer=entry.name,
        accepted=entry.names,
        explanation=_explain(entry),
        line=entry.line,
        choices=choices,
    )


# "____은(는) IT 인프라를…" as a choice reads better as "IT 인프라를…".
_LEADING_BLANK = re.compile("^" + BLANK + r"\s*(?:은\(는\)|이\(가\)|\(이\)란|[:：-])\s*")


def _defining_sentence(entry: _Entry) -> str:
    """The first definition line, or the sentence of it that names the term.

    "도커에서는 … 컨테이너라고 불렀다. 쿠버네티스에서는 … 단위를 파드라고 부른다." defines
    파드 in its second sentence; the first one is about something else.
    """
    first = entry.short
    sentences = [part for part in _SENTENCE_SPLIT.split(first) if part.strip()]
    if len(sentences) > 1 and not any(contains(sentences[0], n) for n in entry.names):
        for sentence in sentences[1:]:
            if any(contains(sentence, name) for name in entry.names):
                return sentence
    return first


_SENTENCE_SPLIT = re.compile(r"(?<=[^\s.]\w[.!?。])\s+|(?<=[.!?。])\s+(?=[가-힣])")


def _definition_choice(entry: _Entry) -> str | None:
    text = _LEADING_BLANK.sub("", mask(_defining_sentence(entry), entry.names))
    if _body_letters(text) < MIN_CHOICE_LETTERS:
        return None
    return shorten(text, MAX_CHOICE_CHARS)


def _definition_from_term(ctx: _Context, entry: _Entry) -> Question | None:
    answer = ctx.definition_choice(entry)
    if answer is None:
        return None
    chapter_key = ctx.chapter_key(entry.chapter)
    seed = question_id(ctx.book.title, chapter_key, "definition_from_term", entry.name)
    related = {compact(name) for name in entry.related}
    own = {compact(n) for n in entry.names}
    candidates: list[Candidate] = []
    boost: set[str] = set()
    for other, candidate in _definition_candidates(ctx, entry):
        if other is entry or compact(other.name) in own:
            continue
        candidates.append(candidate)
        if compact(other.name) in related or (BLANK in answer and BLANK in candidate.text):
            # a blank only in the answer would give it away: other blanked ones first
            boost.add(compact(candidate.text))
    # A definition that names the asked term would read as its answer: skip those.
    ranked = pick(answer, candidates, chapter=chapter_key, boost=boost, seed=seed, count=8)
    distractors = [d for d in ranked if not any(contains(d, name) for name in entry.names)][:3]
    if len(distractors) < 2:
        return None
    prompt = template(ctx.book.language, "definition_from_term").format(term=entry.display)
    return _make(
        ctx,
        kind=QuestionKind.DEFINITION_FROM_TERM,
        chapter=entry.chapter,
        subject=entry.name,
        prompt=prompt,
        answer=answer,
        accepted=(answer,),
        explanation=_explain(entry),
        line=entry.line,
        choices=[answer, *distractors],
    )


def _true_false(ctx: _Context, entry: _Entry) -> Question | None:
    chapter_key = ctx.chapter_key(entry.chapter)
    lang = ctx.book.language
    qid = question_id(ctx.book.title, chapter_key, "true_false", entry.name)
    rng = _rng(qid)
    is_true = rng.random() < 0.5
    shown = entry
    if not is_true:
        others = {
            other.name: other
            for other in reversed(ctx.nearby(entry.chapter))
            if other is not entry and other.lines
        }
        ranked = pick(
            entry.name,
            [c for c in _term_candidates(ctx, entry) if c.text in others],
            chapter=chapter_key,
            exclude=entry.aliases,
            seed=qid,
            count=5,
        )
        # A definition that names the term would make the statement true after all.
        partners = [
            others[name]
            for name in ranked
            if not any(contains(others[name].definition, own) for own in entry.names)
        ]
        if partners:
            shown = partners[0]
        else:
            is_true = True
    # A statement stands under the term's name, so a short one still reads well:
    # "'선언형 컨피그레이션'에 대한 설명: 행위에 대한 정의서".
    body = _quoted_definition(shown, limit=TRUE_FALSE_QUOTE_CHARS, least=MIN_CHOICE_LETTERS)
    if body is None:
        return None
    true_choice, false_choice = TRUTH.get(lang, TRUTH["en"])
    answer = true_choice if is_true else false_choice
    explanation = _explain(shown)
    if not is_true:
        explanation = template(lang, "false_explanation").format(
            term=shown.display, text=" ".join(shown.lines)
        )
    prompt = template(lang, "true_false").format(term=entry.display, quote=quote(body))
    return _make(
        ctx,
        kind=QuestionKind.TRUE_FALSE,
        chapter=entry.chapter,
        subject=entry.name,
        prompt=prompt,
        answer=answer,
        accepted=TRUTH_ALIASES.get(answer, (answer,)),
        explanation=explanation,
        line=shown.line,
        choices=[true_choice, false_choice],
        shuffle=False,
    )


# ---------------------------------------------------------------------------
# Cloze: one key token of a sentence blanked


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    kind: str  # version, date, year, fraction, percent, code, english, acronym


_VERSION = re.compile(r"(?<![\w.])v\d+(?:\.\d+)+(?![\w.])|(?<![\w.])\d+\.\d+\.\d+(?![\w.])")
_KO_DATE = re.compile(r"(?<!\d)(?:\d{2,4}년\s*\d{1,2}월(?:\s*\d{1,2}일)?|\d{4}년)(?!\d)")
_EN_YEAR = re.compile(r"(?<![\w.,/-])(?:19|20)\d{2}(?![\w.,/-]|년)")
_FRACTION = re.compile(r"(?<![\w./])\d{1,3}/\d{1,3}(?![\w./])")
_PERCENT = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d+)?%")
_PAREN_ENGLISH = re.compile(r"(?<=[가-힣])\s?\(([A-Za-z][A-Za-z0-9 .'/-]{1,38}[A-Za-z0-9])\)")
_ACRONYM = re.compile(r"\b(?:[A-Z][A-Za-z-]+\s+){1,5}[A-Z][A-Za-z-]+\s*\(([A-Z][A-Za-z0-9]{1,7})\)")
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+(?=\S)")
_SKIP_PAREN = re.compile(r"^(?:e\.?g|ex|i\.?e|etc|cf|vs)\b", re.I)


def _tokens(raw: str) -> list[_Token]:
    """The blankable tokens of ``raw`` (a line that may still hold backticks), in order."""
    found: list[tuple[int, _Token]] = []
    for match in _CODE.finditer(raw):
        code = match.group(1).strip()
        if 2 <= len(code) <= 30 and len(code.split()) <= 3 and _letters(code) >= 2:
            found.append((match.start(), _Token(code, "code")))
    text = clean(raw)
    for pattern, kind in (
        (_VERSION, "version"),
        (_KO_DATE, "date"),
        (_EN_YEAR, "year"),
        (_FRACTION, "fraction"),
        (_PERCENT, "percent"),
    ):
        for match in pattern.finditer(text):
            found.append((match.start(), _Token(match.group(0), kind)))
    for match in _PAREN_ENGLISH.finditer(text):
        inner = match.group(1).strip()
        if not _SKIP_PAREN.match(inner) and not inner.isdigit():
            found.append((match.start(1), _Token(inner, "english")))
    for match in _ACRONYM.finditer(text):
        found.append((match.start(1), _Token(match.group(1), "acronym")))
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
        if (not _is_latin_edge(token[0]) or _starts_word(sentence, start))
        and (not _is_latin_edge(token[-1]) or _ends_word(sentence, end))
    ]
    return _replace_spans(sentence, spans)


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


@dataclass(slots=True)
class _TokenPool:
    """Blankable tokens of the book by kind, per chapter and the first ones overall."""

    by_chapter: dict[tuple[str, object], list[str]] = field(default_factory=dict)
    first: dict[str, list[str]] = field(default_factory=dict)

    def add(self, token: _Token, chapter_key: object) -> None:
        self.by_chapter.setdefault((token.kind, chapter_key), []).append(token.text)
        first = self.first.setdefault(token.kind, [])
        if len(first) < NEARBY_CANDIDATES:
            first.append(token.text)

    def candidates(self, kind: str, chapter_key: object) -> list[Candidate]:
        same = self.by_chapter.get((kind, chapter_key), [])[:NEARBY_CANDIDATES]
        return [Candidate(text, chapter_key) for text in same] + [
            Candidate(text) for text in self.first.get(kind, [])
        ]


def _cloze_choices(
    token: _Token, pool: _TokenPool, chapter_key: object, prompt: str, seed: str
) -> list[str] | None:
    rng = random.Random(int(seed[2:], 16))
    if token.kind in _SYNTHETIC:
        if token.kind == "fraction":
            variants = _fraction_variants(token.text)
        else:
            variants = _shift_number(token.text, rng, last_only=token.kind == "version")
        candidates = [Candidate(text) for text in variants]
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
    raw: str  # may hold backticks
    line: int
    chapter: Chapter | None
    subject: str  # term name or section title, for context and ids
    term: _Entry | None


def _sentences(ctx: _Context) -> Iterator[_Sentence]:
    by_line = {(entry.chapter and id(entry.chapter), entry.line): entry for entry in ctx.entries}
    for chapter in ctx.book.chapters:
        for section in chapter.sections:
            for item in _walk(section.items):
                yield from _split(item, chapter, clean(section.title), None)
            for term in section.terms:
                entry = by_line.get((id(chapter), term.line))
                items = [*term.definition, *term.notes]
                for item in _walk(items):
                    yield from _split(item, chapter, clean(term.name), entry)


def _split(item: Item, chapter: Chapter, subject: str, entry: _Entry | None) -> Iterator[_Sentence]:
    if item.kind is ItemKind.EXAMPLE:
        return
    text = _NOTE_PREFIX.sub("", item.text)
    for part in _SENTENCE_END.split(text):
        if part.strip():
            yield _Sentence(part.strip(), item.line, chapter, subject, entry)


def _clozes(ctx: _Context) -> Iterator[Question]:
    sentences = list(_sentences(ctx))
    tokenized = [(sentence, _tokens(sentence.raw)) for sentence in sentences]
    pool = _TokenPool()
    for sentence, tokens in tokenized:
        for token in tokens:
            pool.add(token, ctx.chapter_key(sentence.chapter))
    lang = ctx.book.language
    # The same sentence can stand under two terms (a nested term repeats its parent's
    # line): blank each token of a sentence once.
    asked: dict[tuple[str, int], list[str]] = {}
    for sentence, tokens in tokenized:
        made = 0
        text_key = compact(sentence.raw)
        for token in tokens:
            if made >= MAX_CLOZES_PER_SENTENCE:
                break
            earlier = asked.setdefault((compact(token.text), id(sentence.chapter)), [])
            if any(text_key in seen or seen in text_key for seen in earlier):
                continue
            if earlier and token.kind not in _SYNTHETIC:
                # "파드(Pod)" written five times is one question, not five.
                continue
            earlier.append(text_key)
            question = _cloze(ctx, sentence, token, pool, lang)
            if question is not None:
                made += 1
                yield question


def _cloze(
    ctx: _Context, sentence: _Sentence, token: _Token, pool: _TokenPool, lang: str
) -> Question | None:
    text = clean(_blank(sentence.raw, token.text)) if token.kind == "code" else None
    if text is None:
        text = _blank(clean(sentence.raw), token.text)
    if BLANK not in text or _body_letters(text) < MIN_BODY_LETTERS + 2:
        return None
    if sentence.term is not None and not contains(text, sentence.term.name):
        text = f"[{sentence.term.display}] {text}"
    text = shorten(text, MAX_QUOTE_CHARS)
    prompt = template(lang, "cloze").format(blank=BLANK, quote=quote(text))
    chapter_key = ctx.chapter_key(sentence.chapter)
    key = f"{token.text}\x1f{clean(sentence.raw)}"
    seed = question_id(ctx.book.title, chapter_key, "cloze", sentence.subject, key)
    choices = _cloze_choices(token, pool, chapter_key, text, seed)
    filled = clean(sentence.raw)
    return _make(
        ctx,
        kind=QuestionKind.CLOZE,
        chapter=sentence.chapter,
        subject=sentence.subject,
        key=key,
        prompt=prompt,
        answer=token.text,
        accepted=[token.text, *_typed_variants(token)],
        explanation=f"{sentence.subject}: {filled}" if sentence.subject else filled,
        line=sentence.line,
        choices=choices,
    )


# ---------------------------------------------------------------------------
# Odd one out: which is not an example of X


_EXAMPLE_TAIL = re.compile(r"\s*(?:등|등등|etc\.?|and so on|\.\.\.|…)\s*[.)]?\s*$", re.I)
_EXAMPLE_SUBJECT = re.compile(
    r"^(?P<subject>.{2,40}?)\s*(?:의\s*)?(?:예시|예)\s*[:)：]\s*(?P<list>.+)$"
)
_EXAMPLE_HEADER = re.compile(
    r"^(?P<subject>.{2,40}?)\s*(?:의\s*)?(?:예시|예)\s*[:.]?$|^examples? of (?P<en>.{2,40}?)\s*:?$",
    re.I,
)


def _example_list(text: str) -> list[str]:
    text = _EXAMPLE_PREFIX.sub("", text)
    text = _EXAMPLE_TAIL.sub("", text)
    parts = [part.strip(" .;") for part in re.split(r"[,、，]|\s+and\s+|\s+or\s+", text)]
    parts = [_EXAMPLE_TAIL.sub("", part).strip() for part in parts]
    if len(parts) < 2 or any(not part for part in parts):
        return []
    if any(len(part) > MAX_EXAMPLE_CHARS or len(part.split()) > 4 for part in parts):
        return []
    return parts


@dataclass(slots=True)
class _Examples:
    subject: str
    items: list[str]
    line: int
    chapter: Chapter | None
    source: str


def _example_groups(ctx: _Context) -> list[_Examples]:
    groups: list[_Examples] = []
    for entry in ctx.entries:
        for item in entry.examples:
            items = _example_list(clean(item.text))
            if items:
                groups.append(
                    _Examples(entry.name, items, item.line, entry.chapter, clean(item.text))
                )
    for chapter in ctx.book.chapters:
        for section in chapter.sections:
            for item in _walk(section.items):
                groups.extend(_item_examples(item, chapter))
    return groups


def _item_examples(item: Item, chapter: Chapter) -> list[_Examples]:
    text = clean(item.text)
    match = _EXAMPLE_SUBJECT.match(text)
    if match:
        items = _example_list(match.group("list"))
        if items:
            return [_Examples(match.group("subject").strip(), items, item.line, chapter, text)]
    header = _EXAMPLE_HEADER.match(text)
    if header and len(item.children) >= 2:
        items = [clean(child.text).rstrip(". ") for child in item.children]
        if all(0 < len(i) <= MAX_EXAMPLE_CHARS and len(i.split()) <= 4 for i in items):
            subject = (header.group("subject") or header.group("en") or "").strip()
            return [_Examples(subject, items, item.line, chapter, text + " " + ", ".join(items))]
    return []


def _odd_ones(ctx: _Context) -> Iterator[Question]:
    groups = _example_groups(ctx)
    if not groups:
        return
    lang = ctx.book.language
    listed: dict[int, list[Candidate]] = {}
    for group in groups:
        listed.setdefault(id(group.chapter), []).extend(
            Candidate(text, ctx.chapter_key(group.chapter)) for text in group.items
        )
    for group in groups:
        pool = [
            Candidate(entry.name, ctx.chapter_key(entry.chapter))
            for entry in ctx.nearby(group.chapter)
        ]
        pool += listed.get(id(group.chapter), [])[:NEARBY_CANDIDATES]
        subject = group.subject
        if not subject or _letters(subject) < 2:
            continue
        chapter_key = ctx.chapter_key(group.chapter)
        key = "\x1f".join(sorted(compact(text) for text in group.items))
        qid = question_id(ctx.book.title, chapter_key, "odd_one_out", subject, key)
        shown = list(group.items)
        _rng(qid).shuffle(shown)
        shown = shown[:3]
        typical = sorted(shown, key=len)[len(shown) // 2]
        odd = pick(
            typical,
            pool,
            chapter=chapter_key,
            exclude=[*group.items, subject],
            mentioned_in=group.source,
            seed=qid,
            count=5,
        )
        odd = [o for o in odd if not contains(group.source, o) and not contains(subject, o)][:1]
        if not odd:
            continue
        prompt = template(lang, "odd_one_out").format(subject=subject)
        yield _make(
            ctx,
            kind=QuestionKind.ODD_ONE_OUT,
            chapter=group.chapter,
            subject=subject,
            key=key,
            prompt=prompt,
            answer=odd[0],
            accepted=(odd[0],),
            explanation=f"{subject}: {', '.join(group.items)}",
            line=group.line,
            choices=[odd[0], *shown],
        )


# ---------------------------------------------------------------------------
# Explicit cards


def _cards(ctx: _Context) -> Iterator[Question]:
    for card in ctx.book.cards:
        question = _card(ctx, card)
        if question is not None:
            yield question


def _card(ctx: _Context, card: Card) -> Question | None:
    prompt = clean(card.prompt)
    answers = [clean(str(answer)) for answer in card.answers]
    answers = [answer for answer in answers if answer]
    if not prompt or not answers:
        return None
    chapter = ctx.chapter_for(card.line, card.chapter)
    kind = card.kind
    if kind not in (QuestionKind.FLASHCARD, QuestionKind.TRIVIA, QuestionKind.CLOZE):
        kind = QuestionKind.FLASHCARD
    if kind is QuestionKind.CLOZE:
        explanation = prompt.replace(BLANK, answers[0], 1)
        shown = template(ctx.book.language, "cloze").format(
            blank=BLANK, quote=quote(shorten(prompt, MAX_QUOTE_CHARS))
        )
    else:
        explanation = f"{prompt} → {answers[0]}"
        shown = prompt if len(prompt) <= MAX_PROMPT_CHARS else shorten(prompt, MAX_PROMPT_CHARS)
    return _make(
        ctx,
        kind=kind,
        chapter=chapter,
        subject=card.prompt,
        prompt=shown,
        answer=answers[0],
        accepted=answers,
        explanation=explanation,
        line=card.line,
    )
