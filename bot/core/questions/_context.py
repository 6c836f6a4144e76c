"""What the notes hold, flattened for the question builders.

:class:`Entry` is a term with its cleaned definition lines, related notes and
examples; :class:`Context` holds the book's entries and finds the ones near a
chapter (where distractors come from). :func:`make` assembles a question with its
stable id and a shuffle seeded by that id.
"""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from bot.core import _mdtext as mt
from bot.core._distractors import (
    Candidate,
    compact,
    definition_kind,
    is_measure,
    script,
    topic_words,
)
from bot.core._labels import answer_reason
from bot.core._templates import BLANK
from bot.core.model import (
    Book,
    Chapter,
    Item,
    ItemKind,
    Question,
    QuestionKind,
    Section,
    Source,
    Term,
)
from bot.core.questions._defects import (
    MAX_CHOICE_CHARS,
    MAX_EXPLANATION_CHARS,
    MIN_CHOICE_LETTERS,
    question_id,
)
from bot.core.questions._naming import MAY_NAME, footnoted_in, glossed_in, named_in, sentences
from bot.core.questions._text import clean, contains, has_letters, letters, mask, shorten

__all__ = [
    "EXAMPLE_PREFIX",
    "MODIFIER",
    "NEARBY_CANDIDATES",
    "NOTE_PREFIX",
    "Context",
    "Entry",
    "definition_choice",
    "entries_of",
    "is_modifier_word",
    "line_keys",
    "make",
    "seeded_rng",
    "shares_text",
    "walk",
]


@dataclass(slots=True)
class Entry:
    """A term with everything the generators need (or a related term from a note)."""

    name: str
    aliases: tuple[str, ...]
    lines: list[str]  # cleaned definition lines
    chapter: Chapter | None
    line: int
    subject: bool = True  # False for a term only named in a 참고/Note line
    related: list[str] = field(default_factory=list)
    examples: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # cleaned 참고/Note lines
    group: int = 0  # terms of the same section, list or card deck are siblings
    # Known only from a sentence that names or hides it (a cloze card, "…를 X라고 한다"):
    # asked only as the term that fills the blank, never shown as a description.
    blank_only: bool = False
    # Known only as the answer of a card's question ("How to find the permissions of a
    # file?::ls -l"): asked as the card's question with its deck's answers as choices,
    # never shown as a description either.
    question_only: bool = False
    end: int = 0  # the last line of what the notes say under it (its block)
    _keys: tuple[str, ...] | None = None
    _line_keys: tuple[str, ...] | None = None
    _definition: str | None = None
    _joined: str | None = None
    _joined_own: str | None = None
    _kind: str | None = None
    _topic: frozenset[str] | None = None
    _masked: str | None = None
    _names: tuple[str, ...] | None = None
    _explanation: str | None = None
    _example_letters: str | None = None

    @property
    def topic(self) -> frozenset[str]:
        """The content words of the name and the first definition lines."""
        if self._topic is None:
            self._topic = topic_words(" ".join([self.name, *self.lines[:2]]))
        return self._topic

    @property
    def kind(self) -> str:
        """What the definition says the term is (``strategy``, ``도구``), or empty."""
        if self._kind is None:
            self._kind = (
                _kind_after(self.name, self.lines)
                if self.blank_only
                else ""
                if self.question_only or not self.lines
                else definition_kind(self.lines[0])
            )
        return self._kind

    @property
    def names(self) -> tuple[str, ...]:
        if self._names is None:
            self._names = (self.name, *self.aliases)
        return self._names

    @property
    def display(self) -> str:
        if self.aliases and letters(self.aliases[0]):
            return f"{self.name}({self.aliases[0]})"
        return self.name

    @property
    def definition(self) -> str:
        """The definition lines as one text."""
        if self._definition is None:
            self._definition = "\n".join(self.lines)
        return self._definition

    @property
    def masked_definition(self) -> str:
        """The definition with the term's names blanked (asked and shown more than once)."""
        if self._masked is None:
            self._masked = mask(self.definition, self.names)
        return self._masked

    @property
    def explanation(self) -> str:
        """``name(alias): definition``, shown once a question about the term is answered."""
        if self._explanation is None:
            self._explanation = f"{self.display}: " + " ".join(self.lines)
        return self._explanation

    @property
    def own_keys(self) -> tuple[str, ...]:
        """The normalised lines of everything the notes say under this term."""
        if self._keys is None:
            texts = [*self.lines, *self.notes, *(clean(item.text) for item in self.examples)]
            self._keys = line_keys(texts)
        return self._keys

    @property
    def line_keys(self) -> tuple[str, ...]:
        """The normalised definition lines."""
        if self._line_keys is None:
            self._line_keys = line_keys(self.lines)
        return self._line_keys

    @property
    def joined_lines(self) -> str:
        """:attr:`line_keys` joined by NUL, for one substring search over all of them."""
        if self._joined is None:
            self._joined = "\x00".join(self.line_keys)
        return self._joined

    @property
    def example_letters(self) -> str:
        """The example lines as one normalised text: a name whose letters are not in it
        is not among the examples, found with one substring search."""
        if self._example_letters is None:
            self._example_letters = compact(" ".join(item.text for item in self.examples))
        return self._example_letters

    @property
    def joined_own(self) -> str:
        """:attr:`own_keys` joined by NUL."""
        if self._joined_own is None:
            self._joined_own = "\x00".join(self.own_keys)
        return self._joined_own

    @property
    def short(self) -> str:
        """The first definition line (or its first sentence when that reads alone)."""
        return self.lines[0] if self.lines else ""


NOTE_PREFIX = re.compile(r"^\s*(?:참고\s*[):：]|note\s*[:)]|n\.b\.?\s*[:)]?)\s*", re.I)
EXAMPLE_PREFIX = re.compile(
    r"^\s*(?:예시?\s*[):：]|예를 들어[,:]?|ex\s*[):.]|e\.g\.?,?|examples?\s*[:)]"
    r"|for example[,:])\s*",
    re.I,
)
_RELATED_NOTE = re.compile(r"^(?P<name>[^,.;:()\[\]]{2,40}?)\s+[-–—:]\s+(?P<text>.{4,})$")


#: Distractors are drawn from the same chapter and then the nearest chapters, up to
#: this many candidates, so that a huge book stays fast and choices stay on topic.
NEARBY_CANDIDATES = 30
#: In a long chapter, how many neighbours on each side, terms of the same kind and terms
#: sharing words a term's distractors are drawn from.
NEARBY_EXTRA = 10
#: A topic word is rare when at most this share of a book's terms (and RARE_MIN) use it.
RARE_SHARE = 0.05
RARE_MIN = 3


@dataclass(slots=True)
class Context:
    book: Book
    entries: list[Entry]
    chapter_of_line: list[tuple[int, Chapter]]
    cache: dict[tuple[str, object], list] = field(default_factory=dict)  # candidates by pool
    # Each entry's name and definition as candidates, by id(entry), made once per book.
    name_choices: dict[int, Candidate] = field(default_factory=dict)
    definition_choices: dict[int, tuple[Entry, Candidate, tuple[bool, bool], str] | None] = field(
        default_factory=dict
    )
    _nearby: dict[int, list[Entry]] = field(default_factory=dict)
    _by_chapter: dict[int, list[Entry]] = field(default_factory=dict)
    _order: list[int] = field(default_factory=list)
    _index: dict[int, int] = field(default_factory=dict)
    _choice: dict[int, str | None] = field(default_factory=dict)
    _position: dict[int, int] = field(default_factory=dict)
    _kinds: dict[int, dict[str, list[Entry]]] = field(default_factory=dict)
    _words: dict[int, dict[str, list[Entry]]] = field(default_factory=dict)
    _around: dict[int, tuple[tuple[object, ...], list[Entry]]] = field(default_factory=dict)
    _frequency: dict[str, int] | None = None
    _starts: list[int] = field(default_factory=list)
    # A pool that is a stretch of its chapter (and a few more), by id(entry):
    # (chapter key, start, stop, the others), so candidate lists can be sliced.
    _stretches: dict[int, tuple[int, int, int, list[Entry]]] = field(default_factory=dict)
    # The entries of each definition choice's text (filled as choices are made).
    definition_texts: dict[str, list[Entry]] = field(default_factory=dict)
    _traits: dict[int, tuple[bool, int, str, bool]] = field(default_factory=dict)
    _rare: dict[int, frozenset[str]] = field(default_factory=dict)
    # Each entry's definition as a true/false statement, by id(entry) (None: not one).
    statements: dict[int, str | None] = field(default_factory=dict)

    def nearby(self, chapter: Chapter | None) -> list[Entry]:
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

    def around(self, entry: Entry) -> tuple[tuple[object, ...], list[Entry]]:
        """A cache key and the entries that may give ``entry`` its distractors.

        That is :meth:`nearby` of its chapter, except in a chapter of more than
        ``NEARBY_CANDIDATES`` entries: there, the entries around this one in the notes
        (its section and its neighbours), a few of the same kind (:attr:`Entry.kind`) and
        a few sharing its words (:attr:`Entry.topic`), so each question looks at a bounded
        number of candidates and a chapter of thousands of terms loads in linear time.
        """
        known = self._around.get(id(entry))
        if known is not None:
            return known
        known = self._around[id(entry)] = self._around_of(entry)
        return known

    def stretch(self, entry: Entry) -> tuple[int, int, int, list[Entry]] | None:
        """``(chapter key, start, stop, others)`` when the pool of :meth:`around` is
        ``chapter_entries(chapter key)[start:stop] + others``, else ``None``."""
        self.around(entry)
        return self._stretches.get(id(entry))

    def chapter_entries(self, chapter_key: int) -> list[Entry]:
        """The entries of the chapter with this key (``id`` of the chapter), in order."""
        return self._by_chapter.get(chapter_key, [])

    def _around_of(self, entry: Entry) -> tuple[tuple[object, ...], list[Entry]]:
        chapter_key = id(entry.chapter)
        found = self.nearby(entry.chapter)
        same = self._by_chapter.get(chapter_key, [])
        if len(same) <= NEARBY_CANDIDATES:
            return (chapter_key, -1), found
        if not self._position:
            for entries in self._by_chapter.values():
                for index, other in enumerate(entries):
                    self._position[id(other)] = index
        half = NEARBY_CANDIDATES // 2
        block = self._position.get(id(entry), 0) // half
        start, stop = max(0, (block - 1) * half), (block + 2) * half
        window = same[start:stop]
        # A glossary's neighbours are alphabetical, not alike: add the entries whose
        # definitions say they are the same kind of thing, then those that share the
        # most words with this one, from the whole chapter.
        position = self._position.get(id(entry), 0)
        first, last = max(0, position - NEARBY_EXTRA), position + NEARBY_EXTRA + 1
        near = same[first:last]
        inside = {id(other) for other in near}
        # The first few not already in: the list of a common kind is long, and a chapter
        # of thousands of terms of one kind looks it over for every term.
        alike = list(
            islice(
                (
                    other
                    for other in self._of_kind(chapter_key, same, entry.kind)
                    if id(other) not in inside
                ),
                NEARBY_EXTRA,
            )
        )
        inside.update(id(other) for other in alike)
        topical = [
            other
            for other in self._sharing_words(chapter_key, same, entry)
            if id(other) not in inside
        ][:NEARBY_EXTRA]
        if not alike and not topical:
            self._stretches[id(entry)] = (chapter_key, start, stop, [])
            return (chapter_key, block, ""), window
        # the closest neighbours (often its section), then the alike: no more than a window
        self._stretches[id(entry)] = (chapter_key, first, last, alike + topical)
        return (chapter_key, block, id(entry)), near + alike + topical

    def _of_kind(self, chapter_key: int, same: list[Entry], kind: str) -> list[Entry]:
        """Up to ``NEARBY_CANDIDATES`` entries of the chapter whose definitions are of ``kind``."""
        if not kind:
            return []
        kinds = self._kinds.get(chapter_key)
        if kinds is None:
            kinds = self._kinds[chapter_key] = {}
            for other in same:
                if other.kind and len(kinds.setdefault(other.kind, [])) < NEARBY_CANDIDATES:
                    kinds[other.kind].append(other)
        return kinds.get(kind, [])

    def _sharing_words(self, chapter_key: int, same: list[Entry], entry: Entry) -> list[Entry]:
        """The chapter's entries sharing words of :attr:`Entry.topic` with ``entry``, most
        first. Words found in more than ``NEARBY_CANDIDATES`` entries say nothing and are
        not indexed, so the search stays bounded."""
        index = self._words.get(chapter_key)
        if index is None:
            index = {}
            for other in same:
                for word in other.topic:
                    index.setdefault(word, []).append(other)
            index = {w: found for w, found in index.items() if len(found) <= NEARBY_CANDIDATES}
            self._words[chapter_key] = index
        shared: dict[int, list] = {}
        for word in entry.topic:
            for other in index.get(word, ()):
                if other is not entry:
                    shared.setdefault(id(other), [0, other])[0] += 1
        # Ties keep the chapter's order: the words come from a set, whose order changes
        # from one process to the next, and the questions must not.
        position = self._position
        ranked = sorted(shared.values(), key=lambda pair: (-pair[0], position[id(pair[1])]))
        return [other for _count, other in ranked]

    def rare_topic(self, entry: Entry) -> frozenset[str]:
        """The words of the entry's topic that few entries of the book share (at most
        ``RARE_SHARE`` of them, and never more than ``NEARBY_CANDIDATES``): what ties
        two terms of a glossary together, unlike "system" or "data"."""
        known = self._rare.get(id(entry))
        if known is not None:
            return known  # asked for each of the term's questions
        if self._frequency is None:
            counts: dict[str, int] = {}
            for other in self.entries:
                for word in other.topic:
                    counts[word] = counts.get(word, 0) + 1
            self._frequency = counts
        limit = min(NEARBY_CANDIDATES, max(RARE_MIN, int(len(self.entries) * RARE_SHARE)))
        counts = self._frequency
        known = self._rare[id(entry)] = frozenset(
            word for word in entry.topic if 1 < counts.get(word, 0) <= limit
        )
        return known

    def definition_choice(self, entry: Entry) -> str | None:
        """The entry's definition as a choice (cached); none for a blank-only entry."""
        key = id(entry)
        if key not in self._choice:
            self._choice[key] = (
                None if entry.blank_only or entry.question_only else definition_choice(entry)
            )
        return self._choice[key]

    def partner_traits(self, entry: Entry) -> tuple[bool, int, str, bool]:
        """What makes ``entry`` a true/false partner, worked out once: whether its
        definition may be shown, its group, its kind and whether its definition choice is
        a quantity. Each term of a chapter looks over the same neighbours."""
        key = id(entry)
        found = self._traits.get(key)
        if found is None:
            if entry.lines and not entry.blank_only and not entry.question_only:
                measure = is_measure(self.definition_choice(entry) or "")
                found = (True, entry.group, entry.kind, measure)
            else:
                found = (False, 0, "", False)  # never a partner: the rest is not needed
            self._traits[key] = found
        return found

    def chapter_key(self, chapter: Chapter | None) -> object:
        if chapter is None:
            return self.book.title
        return chapter.number if chapter.number is not None else chapter.title

    def chapter_for(self, line: int, number: int | None = None) -> Chapter | None:
        if number is not None:
            return _chapter_at(self.chapter_of_line, line, number, self.book)
        # Asked for every true/false statement: bisect the start lines, kept once.
        if len(self._starts) != len(self.chapter_of_line):
            self._starts = [start for start, _ in self.chapter_of_line]
        index = bisect.bisect_right(self._starts, line)
        if index:
            return self.chapter_of_line[index - 1][1]
        return self.book.chapters[0] if self.book.chapters else None


#: Lines shorter than this (normalised) are too common to say two terms share a text.
_SHARED_KEY = 8


def line_keys(lines: Iterable[str]) -> tuple[str, ...]:
    """The normalised ``lines`` long enough to compare."""
    return tuple(key for key in map(compact, lines) if len(key) >= _SHARED_KEY)


#: Nouns that say what kind of thing the word before them names: the "phase" of
#: "the Pending phase", the "field" of "the replicas field", the 상태 of "Running 상태".
KIND_NOUNS = frozenset(
    [
        "phase",
        "state",
        "status",
        "field",
        "object",
        "resource",
        "controller",
        "policy",
        "command",
        "flag",
        "option",
        "class",
        "method",
        "function",
        "value",
        "condition",
        "type",
        "mode",
        "probe",
        "strategy",
        "algorithm",
        "protocol",
        "header",
        "annotation",
        "label",
        "parameter",
        "setting",
        "event",
        "error",
        "단계",
        "상태",
        "필드",
        "객체",
        "리소스",
        "컨트롤러",
        "정책",
        "명령",
        "명령어",
        "옵션",
        "플래그",
        "클래스",
        "메서드",
        "함수",
        "값",
        "조건",
        "유형",
        "모드",
        "프로브",
        "전략",
        "알고리즘",
        "프로토콜",
        "헤더",
        "설정",
        "이벤트",
        "오류",
    ]
)
#: Kind nouns that name the same kind: a Pod's "Pending state" is its "Pending phase".
_SAME_KIND = {"state": "phase", "status": "phase", "상태": "단계"}
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+|[\uac00-\ud7a3]+)")


def _kind_after(name: str, lines: list[str]) -> str:
    """The kind noun most lines put right after a hidden ``name`` ("the ____ phase"), or
    empty: what the blank of a card stands for, for choices of the same kind."""
    seen: dict[str, int] = {}
    for line in lines:
        at = line.find(name)
        if at == -1:
            continue
        after = _WORD_AFTER.match(line, at + len(name))
        word = after.group(1).casefold() if after else ""
        if word not in KIND_NOUNS and word not in _SAME_KIND:
            word = word.removesuffix("s")  # "the replicas fields" is a field too
        word = _SAME_KIND.get(word, word)
        if word in KIND_NOUNS:
            seen[word] = seen.get(word, 0) + 1
    if not seen:
        return MODIFIER if _modifies(name, lines) else ""
    best = max(seen, key=lambda word: (seen[word], word))
    return best if 2 * seen[best] >= len(lines) else ""


#: The kind of a hidden lower-case word that qualifies the noun after it: the
#: "voluntary" of "from ____ disruptions", the "cascading" of "a(n) ____ deletion".
MODIFIER = "(modifier)"
# A lower-case word that reads as an adjective or a participle by its ending.
_MODIFIER_WORD = re.compile(
    r"[a-z][a-z-]*(?:ing|ed|ary|ive|al|ous|ful|less|able|ible|ic|ory|ular|ar)"
)
# Words after a hidden word that make it a noun or a verb's object, not a modifier.
_NOT_NOUN_AFTER = frozenset(
    re.findall(
        r"\S+",
        """is are was were be been can cannot could will would should must may might do does did
    has have had and or of to in on at for by with from as that which who whose when where
    than then so but if into onto over under about via per""",
    )
)


def is_modifier_word(text: str) -> bool:
    """Whether ``text`` is one lower-case word that reads as an adjective or participle
    ("voluntary", "cascading"): a fair wrong choice for a hidden modifier."""
    return _MODIFIER_WORD.fullmatch(text) is not None


def _modifies(name: str, lines: list[str]) -> bool:
    """Whether a hidden lower-case word stands before the noun it qualifies in every
    line that hides it ("____ Pod disruptions"): its wrong choices are such words too,
    never a plural noun ("selectors") or a name ("Pod Overhead")."""
    if not is_modifier_word(name):
        return False
    found = False
    for line in lines:
        at = line.find(name)
        if at == -1:
            continue
        after = _WORD_AFTER.match(line, at + len(name))
        if after is None or after.group(1).casefold() in _NOT_NOUN_AFTER:
            return False
        found = True
    return found


def shares_text(asked: Entry, other: Entry, *, notes: bool = True) -> bool:
    """Whether a definition line of ``other`` stands in what the notes say of ``asked``
    (its definition, and with ``notes`` its notes and examples), or holds a line of it.

    "비잔틴 장애 허용 - 장애가 전체의 1/3 이하라면 …" is a line of 비잔틴 장애 케이스:
    the definition of 비잔틴 장애 허용 also describes 비잔틴 장애 케이스. So does a term
    defined in a bullet under the other's lines.
    """
    if (
        asked.chapter is other.chapter
        and (asked.line < other.line <= asked.end or other.line < asked.line <= other.end)
        and other.name not in asked.related
        and asked.name not in other.related
    ):
        # "- 빌드 컨텍스트: …" / "    - Dockerfile은 …": a term defined inside another's
        # lines is part of what the notes say of it (one its note names as a related
        # term, "참고) 명령형 컨피그레이션 - …", is its counterpart)
        return True
    # The keys are read from the entries' memos when made: this runs for every pair of
    # a term and a candidate it might be confused with.
    theirs = other._line_keys
    if theirs is None:
        theirs = other.line_keys
    if not theirs:
        return False
    if notes:
        ours = asked._keys if asked._keys is not None else asked.own_keys
        joined = asked._joined_own if asked._joined_own is not None else asked.joined_own
    else:
        ours = asked._line_keys if asked._line_keys is not None else asked.line_keys
        joined = asked._joined if asked._joined is not None else asked.joined_lines
    # One search per line, in the other side's lines joined by a character no key holds.
    other_joined = other._joined if other._joined is not None else other.joined_lines
    for key in ours:
        if key in other_joined:
            return True
    for key in theirs:  # noqa: SIM110 (a loop: any() of a generator costs more, called often)
        if key in joined:
            return True
    return False


def walk(items: Iterable[Item]) -> Iterator[Item]:
    for item in items:
        yield item
        yield from walk(item.children)


# a heading that is only a letter or a range of them: "A", "ㄱ", "A-C", "0-9", "#"
_LETTER = r"[A-Za-z0-9#\u3131-\u314e]"
_INDEX_HEADING = re.compile(rf"^{_LETTER}(?:\s*[-–~]\s*{_LETTER})?$")


def entries_of(book: Book) -> list[Entry]:
    """The terms of the notes, the terms their prose names, and those the cards ask about."""
    entries: list[Entry] = []
    first = 0
    bullets: set[int] = set()  # entries of a bullet, not of a heading
    for chapter in book.chapters:
        ancestors: list[Section] = []
        for section in chapter.sections:
            while ancestors and ancestors[-1].level >= section.level:
                ancestors.pop()
            # `## 용어 - 캐시`, `## 용어 - 버퍼`: terms that head sections of one parent
            # are siblings, as the bullets of one list are.
            parent = id(ancestors[-1]) if ancestors else id(chapter)
            headed = hash((parent, section.level))
            ancestors.append(section)
            # A glossary's "## A", "## B" sort its terms by their first letter: terms
            # under one letter are no more alike than any two of the glossary.
            index = _INDEX_HEADING.match(clean(section.title)) is not None
            for term in section.terms:
                group = 0 if index else headed if term.line == section.line else id(section)
                made = _term_entries(term, chapter, group)
                if term.line != section.line:
                    bullets.update(map(id, made))
                entries.extend(made)
        _mark_restated(entries[first:], bullets)
        first = len(entries)
    known = {compact(n) for e in entries for n in e.names}
    named = _named_entries(book, known)
    known.update(compact(n) for e in named for n in e.names)
    entries.extend(named)
    entries.extend(_card_entries(book, known))
    return entries


def _mark_restated(chapter_entries: list[Entry], bullets: set[int]) -> None:
    """A term a chapter defines once and names again as a bullet of another section
    ("hold and wait 보유대기: …" among deadlock's conditions, then "hold and wait: …" under
    Deadlock prevention) speaks there of that section's subject (how to prevent it), not
    of the term: the later bullet is no subject of questions, only a line of the notes.
    A heading that names the term again (``### LAN`` after "LAN: …") is its own section
    about it and stays."""
    # The groups of the names seen so far, by their words, and of the two-word-or-longer
    # names by their words without a last word in another script (a translation), so
    # that each bullet is looked up once, not compared with every earlier name.
    seen: dict[tuple[str, ...], set[int]] = {}
    translated: dict[tuple[str, ...], set[int]] = {}
    for entry in chapter_entries:
        words = tuple(entry.name.casefold().split())
        if id(entry) in bullets:
            groups = seen.get(words, set()) | translated.get(words, set())
            if groups - {entry.group}:
                entry.subject = False
        for name in entry.names:
            named = tuple(name.casefold().split())
            seen.setdefault(named, set()).add(entry.group)
            # "hold and wait 보유대기" names "hold and wait"; "TCP 커넥션" does not name TCP
            if len(named) >= 3 and script(named[-1]) != script(" ".join(named[:-1])):
                translated.setdefault(named[:-1], set()).add(entry.group)


def _named_entries(book: Book, known: set[str]) -> list[Entry]:
    """Terms named in a sentence of the notes ("…를 전용 회선이라 한다", "… called a Pod")
    or explained in a footnote beside them (``private IPs* (*: …)``)."""
    found: dict[str, Entry] = {}
    for chapter in book.chapters:
        for section in chapter.sections:
            items = [*section.items]
            for term in section.terms:
                items += [*term.definition, *term.notes]
            before = ""  # the item before: what "이걸 X라고 함" opening an item names
            for item in walk(items):
                if "*" in item.text:
                    for name, definition in footnoted_in(item.text):
                        key = compact(name)
                        if key and key not in known and key not in found and mt.term_like(name):
                            found[key] = Entry(
                                name, (), [clean(definition)], chapter, item.line, group=id(section)
                            )
                if not MAY_NAME.search(item.text):
                    before = item.text
                    continue
                text = clean(item.text)
                previous = before
                for sentence in sentences(text):
                    naming, previous = named_in(sentence, previous), sentence
                    namings = [naming] if naming is not None else glossed_in(sentence)
                    for naming in namings:
                        key = compact(naming.name)
                        if (
                            not key
                            or key in known
                            or key in found
                            or not mt.term_like(naming.name)
                            or answer_reason(naming.name) is not None
                        ):
                            continue
                        found[key] = Entry(
                            naming.name,
                            naming.aliases,
                            [naming.sentence],
                            chapter,
                            item.line,
                            group=id(section),
                            blank_only=True,
                        )
                before = text
    return list(found.values())


#: Card answers that are no term: yes/no and true/false answers.
_NOT_TERM_ANSWERS = frozenset({"예", "아니오", "아니요", "o", "x", "맞다", "틀리다"})
_WHAT_IS_CARD = re.compile(
    r"^(?:what\s+(?:is|are|does)|what's)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:idea|purpose|point|role)\s+(?:behind|of)\s+(?:an?\s+|the\s+)?|true\s+about\s+)?"
    r"[\"“'‘]?(?P<en>[^\"”'’?]{1,40}?)[\"”'’]?"
    r"(?:\s+mean)?(?:\s+in\s+the\s+context\s+of\s+[^?]{1,40}|\s+\([^)]{0,40}\))?\s*\??$"
    r"|^(?P<ko>[^?]{1,30}?)\s*(?:이란|란)\s*(?:무엇(?:인가|일까|인가요|입니까)?)?\s*\??$",
    re.IGNORECASE,
)


# a how-to card whose answer is a command line: the command is the term it teaches
_HOW_TO = re.compile(r"^(?:how\s+(?:to|do|can|would)|which\s+command|what\s+command)\b", re.I)
_COMMAND_ANSWER = re.compile(
    r"^(?P<command>[a-z][a-z0-9_.-]{1,15}(?:\s+-{1,2}[A-Za-z][\w-]*)*)\s+[\w:/.+=~-]"
)
# What is the impact of granting read(r) permission of a directory?: a setting's effect
_EFFECT_CARD = re.compile(
    r"^what\s+(?:is|are)\s+the\s+(?:impact|effect|meaning|result)\s+of\s+"
    r"(?:granting|setting|giving|enabling|using|adding)\s+(?:an?\s+|the\s+)?"
    r"(?P<name>[^?]{1,40}?)(?:\s+(?:of|on|to|for)\s+(?:an?|the)\s+[^?]{1,30})?\s*\?$",
    re.IGNORECASE,
)
# the name a card's question quotes: "Named Volumes", `docker-compose`
_QUOTED_NAME = re.compile(r"[\"“`](?P<name>[A-Za-z][\w .\-]{1,40}?)[\"”`]")


def _card_entries(book: Book, known: set[str]) -> list[Entry]:
    """Terms a person's cards define: the hidden word of a cloze, the X of "What is X?".

    ``Pods running as part of a ____ have unique network identifiers`` with the answer
    ``StatefulSet`` says what a StatefulSet is, and ``What are "Images"?::blueprints
    for containers`` what images are; both make term questions like the notes' terms.
    Names the notes already define, yes/no answers and labels are left out.
    """
    by_name: dict[str, Entry] = {}
    starts = sorted(((c.line, c) for c in book.chapters), key=lambda pair: pair[0])
    for card in book.cards:
        asks = False
        if card.kind is QuestionKind.CLOZE:
            name, aliases = clean(card.answers[0]), card.answers[1:]
            line = card.prompt.replace(BLANK, name)  # its one answer fills every blank
        elif card.kind is QuestionKind.FLASHCARD:
            match = _WHAT_IS_CARD.match(clean(card.prompt))
            effect = _EFFECT_CARD.match(clean(card.prompt)) if match is None else None
            quoted = _QUOTED_NAME.search(card.prompt) if match is effect is None else None
            if match is not None:
                name, aliases = (match.group("en") or match.group("ko") or "").strip(), ()
                line = clean(card.answers[0])
            elif effect is not None:
                name, aliases = effect.group("name").strip(), ()
                line = clean(card.answers[0])
            elif quoted is not None:
                # What's the advantage of "Named Volumes"? They survive …: asked as the blank
                name, aliases = clean(quoted.group("name")).strip(), ()
                line = f"{clean(card.prompt)} {clean(card.answers[0])}"
            elif (
                _HOW_TO.match(card.prompt)
                and (command := _COMMAND_ANSWER.match(clean(card.answers[0]))) is not None
            ):
                # How to change only the user ownership of a file?::chown user file
                # (ls -l and ls -ld answer different questions: the options are the term's)
                name, aliases = " ".join(command.group("command").split()), ()
                line = clean(card.prompt)
                asks = True
            else:
                continue
        else:
            continue
        key = compact(name)
        if (
            not key
            or key in known
            or name.casefold() in _NOT_TERM_ANSWERS
            or not mt.term_like(name)
            or answer_reason(name) is not None
            or not has_letters(line, MIN_CHOICE_LETTERS)
        ):
            continue
        chapter = _chapter_at(starts, card.line, card.chapter, book)
        entry = by_name.get(key)
        if entry is None:
            by_name[key] = Entry(
                name,
                tuple(clean(a) for a in aliases),
                [line],
                chapter,
                card.line,
                group=id(book.cards),  # the cards of a file are one deck
                blank_only=card.kind is QuestionKind.CLOZE,
                question_only=asks,
            )
        elif line not in entry.lines:
            entry.lines.append(line)
    return list(by_name.values())


def _chapter_at(
    starts: list[tuple[int, Chapter]], line: int, number: int | None, book: Book
) -> Chapter | None:
    """The chapter numbered ``number``, else the one whose start (``starts``, sorted by
    line) comes last before ``line``, else the book's first chapter."""
    if number is not None:
        for chapter in book.chapters:
            if chapter.number == number:
                return chapter
    index = bisect.bisect_right(starts, line, key=lambda pair: pair[0])
    if index:
        return starts[index - 1][1]
    return book.chapters[0] if book.chapters else None


_ONLY_LINK = re.compile(r"^\s*(?:!?\[\[[^\[\]]*\]\]|\[[^\[\]]*\]\([^()\s]*\))\s*$")


#: A bullet of at most this many words over bullets of its own heads them.
SUB_HEADING_WORDS = 3


def _is_sub_heading(text: str) -> bool:
    """Whether a bullet that has bullets under it only names what they are about
    ("Authorization phase", "People: many identifiers"), rather than saying something."""
    text = text.strip()
    return len(text.split()) <= SUB_HEADING_WORDS and not text.endswith((".", "다", "다."))


def _term_entries(term: Term, chapter: Chapter, group: int = 0) -> list[Entry]:
    name = clean(term.name)
    aliases = tuple(alias for alias in (clean(a) for a in term.aliases) if alias and alias != name)
    lines: list[str] = []
    notes: list[Item] = list(term.notes)
    examples: list[Item] = list(term.examples)
    for item in walk(term.definition):
        nested = item not in term.definition
        if item.kind is ItemKind.NOTE or NOTE_PREFIX.match(item.text):
            if not nested:
                notes.append(item)
        elif item.kind is ItemKind.EXAMPLE or EXAMPLE_PREFIX.match(clean(item.text)):
            # A nested example list explains the bullet above it, not the term.
            if not nested:
                examples.append(item)
        elif _ONLY_LINK.match(item.text):
            continue  # "[[Iterator vs Iterable]]": a pointer to another page, not a line of it
        elif item.children and _is_sub_heading(item.text):
            continue  # "Authorization phase" over its own bullets: a heading, not a line
        else:
            text = _without_pointers(clean(item.text))
            if text:
                lines.append(text)
    if not aliases and lines and (expansion := _expansion(name, lines[0])):
        aliases = (expansion,)  # DNSSEC / "DNS Security Extensions, a suite …": the same name
    end = max((item.line for item in walk([*term.definition, *term.notes])), default=term.line)
    entry = Entry(name, aliases, lines, chapter, term.line, examples=examples, group=group, end=end)
    result = [entry]
    for note in notes:
        text = NOTE_PREFIX.sub("", clean(note.text))
        match = _RELATED_NOTE.match(text)
        related = match.group("name").strip() if match else ""
        if (
            not match
            or len(related.split()) > 5
            or compact(related) in {compact(n) for n in entry.names}
        ):
            # A note about the term itself; one naming another term defines that one.
            entry.notes.append(text)
            continue
        entry.related.append(related)
        result.append(
            Entry(
                related,
                (),
                [match.group("text").strip()],
                chapter,
                note.line,
                group=group,
            )
        )
    return result


# "Read more here.", "More info can be found here.", "자세한 내용은 공식 문서 참고": the
# sentence of a link, which says nothing once the link is gone
_POINTER = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:read\s+more|more\s+info(?:rmation)?|for\s+more|see\s+more"
    r"|details?)\b[^.!?]{0,60}?\b(?:here|below|there|link|docs?|documentation)\s*[.!]?\s*"
    r"|(?:^|(?<=[.!?]\s))(?:자세한|더\s+자세한)\s+(?:내용|설명)은\s+[^.!?]{0,40}?"
    r"(?:참고|참조)(?:하세요|하자|할\s+것)?\s*[.!]?\s*",
    re.IGNORECASE,
)


def _without_pointers(text: str) -> str:
    """A definition line without the sentences that only point at a link."""
    if not _POINTER.search(text):
        return text
    return _POINTER.sub("", text).strip()


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}")
_EXPANSION = re.compile(
    r"((?:[A-Z][\w-]*|of|and|for|the|to|in|on)(?:\s+(?:[A-Z][\w-]*|of|and|for|the|to|in|on)){1,6})\s*(?:[,(:;\[]|[-–—]\s)"
)


def _expansion(name: str, line: str) -> str | None:
    """The words an acronym stands for when its definition opens with them.

    ``DNSSEC`` defined as "DNS Security Extensions, a suite of …" shows its own name
    spelled out; as an alias it is accepted and hidden like the name.
    """
    if not _ACRONYM.fullmatch(name):
        return None
    match = _EXPANSION.match(line)
    if match is None:
        return None
    phrase = match.group(1).strip()
    capitals = "".join(ch for ch in phrase if ch.isupper() or ch.isdigit())
    common = next(
        (i for i, (a, b) in enumerate(zip(capitals, name, strict=False)) if a != b),
        min(len(capitals), len(name)),
    )
    return phrase if len(capitals) >= 2 and common >= max(2, len(name) - 1) else None


def seeded_rng(question_id: str) -> random.Random:
    return random.Random(int(question_id[2:], 16))


def make(
    ctx: Context,
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
    origin: str = "notes",
    term: str | None = None,
    id_kind: QuestionKind | None = None,
) -> Question:
    """The question, with its stable id from the book, chapter, ``id_kind`` (the kind it
    was first made as, by default ``kind``), subject and key."""
    chapter_key = ctx.chapter_key(chapter)
    kind_name = str(id_kind or kind)
    # Called as the builders call it for their seeds (no key when there is none), so
    # the memo holds one entry for both and the id is hashed once.
    qid = (
        question_id(ctx.book.title, chapter_key, kind_name, subject, key)
        if key
        else question_id(ctx.book.title, chapter_key, kind_name, subject)
    )
    ordered: tuple[str, ...] | None = None
    if choices is not None:
        options = list(choices)
        if shuffle:
            seeded_rng(qid).shuffle(options)
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
        origin=origin,
        term=term,
    )


# "____은(는) IT 인프라를…" as a choice reads better as "IT 인프라를…".
_IN_THIS = re.compile(r"^In (?:this|that|such an?) \w+,\s*(?=\w)")
_LEADING_BLANK = re.compile("^" + BLANK + r"\s*(?:은\(는\)|이\(가\)|\(이\)란|[:：-])\s*")


def _defining_sentence(entry: Entry) -> str:
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


#: A sentence that only leads to what follows it ("as follows:", "다음과 같다."): a list or
#: code the question would not show.
LEAD_IN = re.compile(
    r"(?:[:：]|다음과\s*같(?:다|음|습니다|이)[.:]?|as follows[.:]?|the following[.:]?)\s*$",
    re.IGNORECASE,
)
_SENTENCE_SPLIT = re.compile(r"(?<=[^\s.]\w[.!?。])\s+|(?<=[.!?。])\s+(?=[가-힣])")


# The first sentence of a text: up to a full stop followed by a space (not i.e. or 1.24).
_FIRST_SENTENCE = re.compile(r"^.+?(?<![\s.]\w)[.!?。](?=\s)")


_LABEL_LEAD = re.compile(r"^(?P<label>[^\s:：]{1,12}(?:\s[^\s:：]{1,12})?)\s*[:：]\s+(?=\S)")


def _without_label(text: str) -> str:
    """``역할: 이미지 다운로드, …`` as a choice without its label (``역할``, ``Pros``)."""
    match = _LABEL_LEAD.match(text)
    if match is None or not mt.is_generic(match.group("label")):
        return text
    return text[match.end() :]


def definition_choice(entry: Entry) -> str | None:
    """The sentence that defines ``entry``, masked, short enough to list as a choice.

    A long one is cut after a sentence or before a clause; only when neither ends late
    enough is it cut at a word with "…", and then it is offered only next to other cut
    choices (:func:`~bot.core.questions._defects.choice_form`), so the mark gives
    nothing away.
    """
    text = _LEADING_BLANK.sub("", mask(_without_label(_defining_sentence(entry)), entry.names))
    if (scheme := _IN_THIS.match(text)) is not None:
        # "In this scheme, each process is …": among choices "this" points at nothing
        rest = text[scheme.end() :]
        text = rest[:1].upper() + rest[1:]
    if not has_letters(text, MIN_CHOICE_LETTERS):
        return None
    if len(text) > MAX_CHOICE_CHARS:
        first = _FIRST_SENTENCE.match(text)
        if first and has_letters(first.group(0), MIN_CHOICE_LETTERS * 2):
            text = first.group(0)
    text = shorten(text, MAX_CHOICE_CHARS)
    # "… 기대치는 다음과 같다.": what it leads to is not in the choice
    return None if LEAD_IN.search(text) else text
