"""The questions about terms: term from definition, definition from term, true/false."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from bot.core._distractors import Candidate, compact, is_measure, pick, shape
from bot.core._templates import BLANK, TRUTH, TRUTH_ALIASES, quote, template
from bot.core.model import Question, QuestionKind
from bot.core.questions._context import (
    LEAD_IN,
    MODIFIER,
    Context,
    Entry,
    is_modifier_word,
    make,
    seeded_rng,
    shares_text,
)
from bot.core.questions._defects import (
    MAX_CHOICE_CHARS,
    MIN_BODY_LETTERS,
    MIN_CHOICE_LETTERS,
    choice_form,
    question_id,
)
from bot.core.questions._text import (
    contains,
    has_letters,
    name_parts,
    name_words,
    shorten_lines,
    spelled_out,
    word_prefix_in,
)

__all__ = [
    "CACHED",
    "definition_from_term",
    "term_candidates",
    "term_from_definition",
    "true_false",
]

T = TypeVar("T")

_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}|[\uac00-\ud7a3]{2,}")

#: Longest definition shown to ask for its term (the first lines say the most).
DEFINITION_QUOTE_CHARS = 450
#: Longest definition shown in a true/false statement (short statements are harder to rule out).
TRUE_FALSE_QUOTE_CHARS = 200
#: A term with this many siblings (its list, section or deck) gets its wrong choices
#: only from them and from related terms: three choices of its kind beat a fourth from
#: another topic.
ENOUGH_SIBLINGS = 2


_LEAD_IN_LINE = re.compile(LEAD_IN.pattern, LEAD_IN.flags | re.MULTILINE)
# a blank right after a letter is inside a longer word: "내____성", "비____", "IoC____"
_MID_WORD_BLANK = re.compile(rf"[\uac00-\ud7a3A-Za-z0-9]{re.escape(BLANK)}")


def _quoted_definition(
    entry: Entry,
    limit: int = DEFINITION_QUOTE_CHARS,
    least: int = MIN_BODY_LETTERS,
    masked: str | None = None,
) -> str | None:
    """The definition to quote (``masked``, by default the entry's masked definition)."""
    if masked is None:
        masked = entry.masked_definition
    if _MID_WORD_BLANK.search(masked) or _LEAD_IN_LINE.search(masked):
        # "내____성" (내결함성): a blank inside a longer word reads as a broken word, and
        # "… 다음과 같다." leads to lines the quote may not show
        lines = masked.split("\n")
        kept = [line for line in lines if not _MID_WORD_BLANK.search(line)]
        masked = "\n".join([line for line in kept if not LEAD_IN.search(line)] or kept or lines)
    body = shorten_lines(masked, limit)
    if not has_letters(body, least):
        return None
    return body


_SINGULAR_BLANK = re.compile(rf"\b(?:an?|a\(n\))\s+{re.escape(BLANK)}", re.IGNORECASE)
_PLURAL_END = re.compile(r"[a-z]{2}(?<![su])s$")


def _plural(name: str) -> bool:
    """Whether an English name ends in a plural (``Replicas``, ``OwnerReferences``; not
    ``Ingress`` or ``status``)."""
    words = name.split()
    return bool(words) and words[-1].isascii() and _PLURAL_END.search(words[-1]) is not None


# "____(이)라는 단위로", "____(이)라고 하는 각각의 서버": the noun after the blank says what
# the hidden name is
_NAMED_KIND_KO = re.compile(
    re.escape(BLANK)
    + r"\(이\)(?:라는|라고\s*하는|라고\s*불리는)\s+(?:각각의\s+)?([\uac00-\ud7a3]{1,6})"
)


def _named_kind(body: str) -> str | None:
    """The kind of thing a Korean sentence says its blank is ("단위" of "____(이)라는 단위로"),
    without its particle; none when the word after the blank is no noun ("작은")."""
    match = _NAMED_KIND_KO.search(body)
    if match is None:
        return None
    word = match.group(1)
    if word.endswith(("은", "는", "운", "한", "된", "인")) and len(word) <= 3:
        return None  # "작은 조각": an adjective, the noun comes later
    return re.sub(r"(?:으로|로|을|를|이|가|은|는|의|에|와|과)$", "", word) or None


def _wording(entry: Entry, body: str) -> str:
    """How the question asks for the term: the blank a single sentence leaves ("Every
    instruction creates a cacheable ____") is to be filled, as is a term only hidden in
    a sentence; a description of several lines describes it."""
    if entry.question_only:
        return "term_from_question"
    if entry.blank_only or (BLANK in body and "\n" not in body):
        return "term_from_blank"
    return "term_from_definition"


def _clues(name: str, body: str) -> list[str]:
    """The words of ``name`` that ``body`` shows: its words, its CamelCase parts, the
    words it is spelt out in, or a prefix ("retrieve" beside retr)."""
    folded = body.casefold()
    shown = [w for w in _WORDS.findall(name) if w.casefold() in folded and contains(body, w)]
    spelled = spelled_out(name)
    if spelled is not None and contains(body, spelled):
        # "attempts to open a TCP socket" spells out tcpSocket: among choices that is
        # the one to pick, unless the wrong ones are spelt that way too
        shown.extend(spelled.split())
    # "a timeout value" beside timeoutSeconds: a part of the name in the definition
    shown.extend(part for part in name_parts(name) if contains(body, part))
    if (prefix := word_prefix_in(body, name)) is not None:
        shown.append(prefix)  # "retrieve message by number" beside retr
    return shown


def _without_clues(entry: Entry) -> str | None:
    """The definition quoted without its later lines that show a word of the term ("The
    manifest files allow …" left out of a question about Pod Manifest); none when its
    first line, the one that defines, shows one, or too little is left."""
    lines = entry.masked_definition.split("\n")
    if _clues(entry.name, lines[0]):
        return None
    plain = [line for line in lines if not _clues(entry.name, line)]
    if len(plain) == len(lines):
        return None
    return _quoted_definition(entry, masked="\n".join(plain))


def _explain(entry: Entry) -> str:
    return entry.explanation


def term_candidates(ctx: Context, entry: Entry) -> list[Candidate]:
    around, pool = ctx.around(entry)
    key = ("names", around)
    found = ctx.cache.get(key)
    if found is None:
        stretch = ctx.stretch(entry)
        if stretch is None:
            found = [_name_candidate(ctx, other) for other in pool]
        else:
            chapter, start, stop, others = stretch
            found = _in_chapter(ctx, "chapter_names", chapter, _name_candidate)[start:stop]
            found += [_name_candidate(ctx, other) for other in others]
        ctx.cache[key] = found
    return found


def _in_chapter(
    ctx: Context, what: str, chapter: int, make: Callable[[Context, Entry], T]
) -> list[T]:
    """``make`` of each entry of a long chapter, in order, once: a pool of that chapter is
    a stretch of it (sliced from this list) and a few more."""
    key = (what, chapter)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = [make(ctx, other) for other in ctx.chapter_entries(chapter)]
    return found  # type: ignore[return-value]


def _name_candidate(ctx: Context, entry: Entry) -> Candidate:
    """The entry's name as a candidate, made once (a candidate serves many pools)."""
    found = ctx.name_choices.get(id(entry))
    if found is None:
        found = ctx.name_choices[id(entry)] = Candidate(
            entry.name,
            ctx.chapter_key(entry.chapter),
            group=entry.group,
            kind=entry.kind,
            topic=entry.topic,
        )
    return found


#: A definition as a ranked choice: its entry, the candidate, its form and its name key.
_Choice = tuple[Entry, Candidate, tuple[bool, bool], str]


def _definition_of(ctx: Context, entry: Entry) -> _Choice | None:
    """The entry's definition as a ranked choice, made once; none without a definition."""
    key = id(entry)
    if key in ctx.definition_choices:
        return ctx.definition_choices[key]
    text = ctx.definition_choice(entry)
    found = (
        None
        if text is None
        else (
            entry,
            Candidate(
                text,
                ctx.chapter_key(entry.chapter),
                group=entry.group,
                kind=entry.kind,
                topic=entry.topic,
            ),
            choice_form(text),
            compact(entry.name),
        )
    )
    ctx.definition_choices[key] = found
    if text is not None:
        ctx.definition_texts.setdefault(text, []).append(entry)
    return found


@dataclass(slots=True)
class _Definitions:
    """The definition choices near a chapter, with what ranking them needs."""

    choices: list[_Choice]
    _by_text: dict[str, list[Entry]] | None = None

    def of_text(self, ctx: Context, text: str) -> list[Entry]:
        """The entries of the pool whose definition choice is ``text``.

        Most texts belong to one entry of the whole book, the one whose choice this is;
        only for a text that several share are the pool's choices indexed (once).
        """
        found = ctx.definition_texts.get(text, [])
        if len(found) <= 1:
            return found
        if self._by_text is None:
            self._by_text = {}
            for choice in self.choices:
                self._by_text.setdefault(choice[1].text, []).append(choice[0])
        return self._by_text.get(text, [])


def _definition_candidates(ctx: Context, entry: Entry) -> _Definitions:
    around, pool = ctx.around(entry)
    key = ("definitions", around)
    found = ctx.cache.get(key)
    if found is None:
        stretch = ctx.stretch(entry)
        if stretch is None:
            choices = [c for other in pool if (c := _definition_of(ctx, other)) is not None]
        else:
            chapter, start, stop, others = stretch
            near = _in_chapter(ctx, "chapter_definitions", chapter, _definition_of)[start:stop]
            choices = [c for c in near if c is not None]
            choices += [c for other in others if (c := _definition_of(ctx, other)) is not None]
        found = ctx.cache[key] = _Definitions(choices)  # type: ignore[assignment]
    return found  # type: ignore[return-value]


def _other_kind(ctx: Context, entry: Entry, name: str) -> bool:
    """Whether the card blanks that hide ``name`` say it is another kind of thing than
    ``entry``'s: "the ____ phase" asks for a phase, so Pending is no choice for Pod."""
    return any(o.blank_only and o.kind != entry.kind for o in _named(ctx, entry, name))


def _named(ctx: Context, entry: Entry, name: str) -> list[Entry]:
    """The entries near ``entry`` called ``name`` (the name of one of them)."""
    everyone = ctx.cache.get(("everyone_named", None))
    if everyone is None:
        by_name: dict[str, list[Entry]] = {}
        for other in ctx.entries:
            by_name.setdefault(other.name, []).append(other)
        everyone = ctx.cache[("everyone_named", None)] = by_name  # type: ignore[assignment]
    found: list[Entry] = everyone.get(name, [])  # type: ignore[attr-defined]
    if len(found) <= 1:
        return found  # the one entry of the book called so: the one near ``entry``
    # A name several entries share: index the pool's names (once per pool).
    around, pool = ctx.around(entry)
    key = ("by_name", around)
    by_name = ctx.cache.get(key)
    if by_name is None:
        by_name = ctx.cache[key] = {}  # type: ignore[assignment]
        for other in pool:
            by_name.setdefault(other.name, []).append(other)  # type: ignore[attr-defined]
    return by_name.get(name, [])  # type: ignore[attr-defined]


#: Words too common to point at a definition (a definition of "Web Cache" may say "web").
_PLAIN_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
        the and for with from that this into over than data type types name names value
        values 관리 사용 기능 방식 데이터 정보
        """,
    )
)


def _distinctive(word: str) -> bool:
    """Whether a word of a term is distinctive enough to be a clue when repeated."""
    return word.casefold() not in _PLAIN_WORDS and (len(word) >= 4 or not word.isascii())


def _words(name: str) -> tuple[str, ...]:
    return tuple(name.casefold().split())


# Korean endings that say what kind of word a one-word name is: 단순성 and 운용성 are
# qualities, 자동화 a process.
_KO_KIND_SUFFIX = frozenset("성화률율량법")


def _head(name: str) -> str:
    """What kind of thing a name says it is: the last word of a name of several words
    (``커넥션`` of ``파이프라인 커넥션``, ``method`` of ``POST method``), else the suffix of a
    Korean word such as ``성`` of ``유지보수성``; empty when the name does not say."""
    words = re.sub(r"\([^)]*\)", " ", name).split()
    if len(words) >= 2:
        last = words[-1].casefold()
        if len(last) < 2 or not any(ch.isalpha() for ch in last):
            return ""
        return last[:-1] if last.isascii() and last.endswith("s") and len(last) > 3 else last
    if len(words) == 1 and len(word := words[0]) >= 3 and word[-1] in _KO_KIND_SUFFIX:
        return word[-1] if all("\uac00" <= ch <= "\ud7a3" for ch in word) else ""
    return ""


@functools.lru_cache(maxsize=1 << 16)  # a name is compared with every choice of its chapter
def _name_parts(name: str) -> tuple[str, ...]:
    """The words of a name, hyphenated ones apart (``non-persistent`` is two words)."""
    return tuple(re.split(r"[\s-]+", name.casefold().strip()))


#: The memos of this module, emptied by ``questions.generate`` after each book.
CACHED = (_name_parts,)


_NEGATIONS = frozenset({"non", "not", "no", "un", "anti", "비", "무", "반"})


def _kind_of(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether one name ends in the other, so that it names a kind of it (``persistent
    HTTP`` of ``HTTP``, ``불변형 인프라`` of ``인프라``); not when the extra words negate
    (``non-relational DB`` is no relational DB), nor for a name that only starts with
    the other (a ``bean factory`` is no bean)."""
    if not one or not other or len(one) == len(other) or one[-1] != other[-1]:
        return False
    short, long = (one, other) if len(one) < len(other) else (other, one)
    if long[-len(short) :] != short:
        return False
    return _NEGATIONS.isdisjoint(long[: -len(short)])


def _example_of(entry: Entry, other: Entry) -> bool:
    """Whether ``other``'s example lines name ``entry`` (``예) 도커, CRI-O`` under
    컨테이너 런타임): ``entry`` is one of ``other``'s kind."""
    if not other.examples:
        return False
    # Most names are not even part of the examples' letters: one substring search each
    # rules them out before a word search per line.
    return any(
        compact(name) in other.example_letters
        and any(contains(item.text, name) for item in other.examples)
        for name in entry.names
    )


def _overlaps(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether the words of one choice run inside the other's (``전용 회선`` in ``인터넷 전용
    회선``); one word inside another (NoSchedule, PreferNoSchedule) is a name of its own."""
    short, long = sorted((one, other), key=len)
    if not short or len(short) == len(long):
        return short == long
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def term_from_definition(ctx: Context, entry: Entry) -> Question | None:
    body = _quoted_definition(entry)
    if body is None:
        return None
    lang = ctx.book.language
    prompt = template(lang, _wording(entry, body)).format(quote=quote(body), blank=BLANK)
    chapter_key = ctx.chapter_key(entry.chapter)
    seed = question_id(ctx.book.title, chapter_key, "term_from_definition", entry.name)
    # A word of the answer that the definition shows is no clue when wrong choices
    # share it: 컨테이너를 사용할 때 필요한 도구 → 컨테이너 런타임 beside 컨테이너 이미지.
    shown = _clues(entry.name, body)
    candidates = term_candidates(ctx, entry)
    sharing = (
        {compact(c.text) for c in candidates if any(contains(c.text, w) for w in shown)}
        if shown
        else set()
    )
    key = _words(entry.name)
    # "A(n) ____ load balances traffic": a plural name (Replicas) does not fit that blank
    singular = _SINGULAR_BLANK.search(body) is not None and not _plural(entry.name)

    def choose(enough_siblings: int, count: int = 3) -> list[str]:
        """The best wrong names, from siblings alone when there are enough."""
        ranked = pick(
            entry.name,
            candidates,
            chapter=chapter_key,
            group=entry.group,
            exclude=entry.aliases,
            mentioned_in=body,
            kind=entry.kind,
            topic=entry.topic,
            boost={compact(name) for name in entry.related} | sharing,
            seed=seed,
            count=6,
            related_only=not entry.group,
            rare=ctx.rare_topic(entry),
            enough_siblings=enough_siblings,
        )
        # A term whose definition shares a line with this one is described here too; one
        # that holds the answer or is held in it (전용 회선 / 인터넷 전용 회선) overlaps it,
        # and the longer of the two reads as the key.
        return list(
            islice(
                (
                    name
                    for name in ranked
                    if not _overlaps(_words(name), key)
                    and not any(
                        shares_text(entry, other, notes=False) for other in _named(ctx, entry, name)
                    )
                    and not (entry.blank_only and _other_kind(ctx, entry, name))
                    and (entry.kind != MODIFIER or is_modifier_word(name))
                    and not (singular and _plural(name))
                ),
                count,
            )
        )

    # What a wrong name is, as its name ("… 커넥션") or its definition ("… 상태") says.
    named = _named_kind(body)  # "TCP는 ____(이)라는 단위로 …": the sentence says it
    kinds = {c.text: c.kind for c in candidates if c.kind} if entry.kind or named else {}
    head = _head(entry.name)

    def sort_of(name: str) -> tuple[bool, bool]:
        return (
            bool(head) and _head(name) == head,
            bool(entry.kind) and kinds.get(name) == entry.kind,
        )

    ranked = choose(ENOUGH_SIBLINGS, 6)
    distractors = ranked[:3]
    if len(distractors) < 3 and (head or entry.kind):
        # Names of the answer's kind further down the ranking beat a fourth choice of
        # another kind.
        distractors += [d for d in ranked[3:] if any(sort_of(d))]
    if len(distractors) < 2:
        # Siblings that are all described here too (or overlap the key) leave the rest
        # of the chapter.
        distractors = choose(0)
    distractors = [d for d in distractors if len(d) <= MAX_CHOICE_CHARS]
    # Three choices of one kind beat four with a command among taint effects, or a delay
    # among kinds of connection (파이프라인 커넥션 beside TCP 커넥션 핸드셰이크 지연).
    for says in (0, 1):
        # the name's last word first, then what the definitions say they are: a phase
        # (… 상태) among phases, not a probe that shares their section
        if len(same := [d for d in distractors if sort_of(d)[says]]) >= 2:
            distractors = same
            break
    answer_shape = shape(entry.name)
    alike = [d for d in distractors if shape(d) == answer_shape]
    if len(alike) >= 2:
        distractors = alike
    elif not alike and len({shape(d) for d in distractors}) == 1:
        # TIME_WAIT among listen(), connect() and accept(): the one of its kind is the key
        distractors = []
    if named is not None:
        # The sentence says the answer is a unit: only names that say so too are of its
        # kind, and without two of them the term is typed.
        distractors = [
            d
            for d in ranked
            if len(d) <= MAX_CHOICE_CHARS and (_head(d) == named or kinds.get(d) == named)
        ][:3]
    choices = [entry.name, *distractors] if len(distractors) >= 2 else None
    if any(
        not any(contains(d, w) or w.casefold() in name_words(d) for d in distractors) for w in shown
    ):
        # The definition names part of the answer that no wrong choice shares: that word
        # would point at the key, among choices or typed. Its other lines may say enough
        # without it; else the term is typed.
        plain = _without_clues(entry)
        if plain is None:
            choices = None
        else:
            prompt = template(lang, _wording(entry, plain)).format(quote=quote(plain), blank=BLANK)
    return make(
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
        term=entry.name,
    )


def definition_from_term(ctx: Context, entry: Entry) -> Question | None:
    answer = ctx.definition_choice(entry)
    if answer is None or BLANK in answer:
        # A definition that names its own term shows a blank as a choice: not clean text.
        return None
    chapter_key = ctx.chapter_key(entry.chapter)
    seed = question_id(ctx.book.title, chapter_key, "definition_from_term", entry.name)
    related = {compact(name) for name in entry.related}
    own = {compact(n) for n in entry.names}
    candidates: list[Candidate] = []
    boost: set[str] = set()
    form = choice_form(answer)
    definitions = _definition_candidates(ctx, entry)
    parts = _name_parts(entry.name)
    for other, candidate, other_form, name_key in definitions.choices:
        # Every choice has the answer's form (a blank, a cut), so the form gives nothing away.
        if other is entry or name_key in own or other_form != form:
            continue
        if (
            _kind_of(_name_parts(other.name), parts)
            or _example_of(entry, other)
            or _example_of(other, entry)
        ):
            # What a broader or narrower term is (HTTP / persistent HTTP), or a kind the
            # term is an example of (CRI-O of a container runtime), is true of it too.
            continue
        candidates.append(candidate)
        if name_key in related:
            boost.add(compact(candidate.text))
    measure = is_measure(answer)

    def fits(text: str) -> bool:
        """A definition of the answer's kind (a quantity for a quantity), not sharing a
        line with the asked term's notes (right too)."""
        if is_measure(text) != measure:
            return False
        return not all(
            shares_text(entry, other)
            for other in definitions.of_text(ctx, text)
            if other is not entry and compact(other.name) not in own
        )

    def best_of(enough_siblings: int) -> list[str]:
        """Of the eight best wrong definitions, those not naming the asked term (they
        would read as its answer); from siblings alone when there are enough."""
        ranked = pick(
            answer,
            candidates,
            chapter=chapter_key,
            group=entry.group,
            boost=boost,
            kind=entry.kind,
            topic=entry.topic,
            seed=seed,
            count=8,
            related_only=not entry.group,
            rare=ctx.rare_topic(entry),
            enough_siblings=enough_siblings,
            accept=fits,
        )
        return [d for d in ranked if not any(contains(d, n) for n in entry.names)]

    best = best_of(ENOUGH_SIBLINGS)
    if len(best) < 2:
        best = best_of(0)
    if entry.kind:
        # What a definition says its term is: a switch ("… 2계층 장비이다") among kinds of
        # network, a CRDT among delivery guarantees is plainly wrong. With two of the
        # answer's kind, wrong choices of another stated kind are left out.
        kinds = {c.text: c.kind for c in candidates}
        alike = [d for d in best if kinds.get(d) == entry.kind]
        if len(alike) >= 2:
            best = [d for d in best if kinds.get(d) in ("", entry.kind)]
    # A word of the term that the answer repeats (Priority Queue → "… by priority") points
    # at it unless a wrong choice repeats it too: those come first, else no question.
    words = dict.fromkeys(
        [*_WORDS.findall(entry.name), *(w.strip("()[],.") for w in entry.name.split())]
    )
    shown = [w for w in words if w and _distinctive(w) and contains(answer, w)]
    if shown:
        sharing = [d for d in best if any(contains(d, w) for w in shown)]
        if not sharing:
            return None
        best = sharing + [d for d in best if d not in sharing]
    distractors = best[:3]
    if len(distractors) < 2:
        return None
    prompt = template(ctx.book.language, "definition_from_term").format(term=entry.display)
    return make(
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
        term=entry.name,
    )


def _statement(ctx: Context, entry: Entry) -> str | None:
    """The entry's definition as a true/false statement; none when it names its own term
    (it would need a blank, and a false one would say whose it is). Made once: a term's
    statement is tried as the false one of its neighbours too."""
    key = id(entry)
    if key in ctx.statements:
        return ctx.statements[key]
    body = _quoted_definition(entry, limit=TRUE_FALSE_QUOTE_CHARS, least=MIN_CHOICE_LETTERS)
    found = ctx.statements[key] = None if body is None or BLANK in body else body
    return found


def _fair_partner(ctx: Context, entry: Entry, other: Entry) -> bool:
    """Whether ``other``'s definition makes a fair false statement about ``entry``: not
    one that names it, nor that of a broader or narrower term (Jobs for Cron Jobs), which
    is true of it too."""
    return (
        not _kind_of(_name_parts(other.name), _name_parts(entry.name))
        and not any(contains(other.definition, own) for own in entry.names)
        and not contains(entry.definition, other.name)
        and not shares_text(entry, other)
        and (statement := _statement(ctx, other)) is not None
        and not _names_itself(other.name, statement)
    )


def _names_itself(name: str, statement: str) -> bool:
    """Whether a statement shows every word of its own term's name of two or more words
    ("In general, HTTP is stateless" of Stateless HTTP): shown as another term's, it says
    whose it is."""
    words = {w.casefold() for w in _WORDS.findall(name)}
    return len(words) >= 2 and words <= {w.casefold() for w in _clues(name, statement)}


def true_false(ctx: Context, entry: Entry) -> Question | None:
    # The false statement is a sibling's definition, or that of a term of the same kind:
    # one from another topic is plainly false. Without such a partner there is no fair
    # false statement, and a statement that is always true is no question either.
    group, kind = entry.group, entry.kind
    measure = is_measure(ctx.definition_choice(entry) or "")
    # The words of the term's topic besides its kind word. Without siblings (a glossary's
    # letter sections) "A failure …" is too wide a kind: a cache miss is no partner for a
    # network partition unless they share one of these.
    words = entry.topic - {kind}

    traits = ctx.partner_traits

    def partner_like(other: Entry) -> bool:
        if other is entry:
            return False
        shown, other_group, other_kind, other_measure = traits(other)
        return (
            shown
            and bool(
                (group and other_group == group)
                or (kind and other_kind == kind and (group or not words.isdisjoint(other.topic)))
            )
            and other_measure == measure
        )

    pool = ctx.around(entry)[1]
    if not any(map(partner_like, pool)):
        return None  # known before the statement is drawn true or false
    chapter_key = ctx.chapter_key(entry.chapter)
    lang = ctx.book.language
    qid = question_id(ctx.book.title, chapter_key, "true_false", entry.name)
    rng = seeded_rng(qid)
    is_true = rng.random() < 0.5
    shown = entry
    if not is_true:
        others = {other.name: other for other in reversed(pool) if partner_like(other)}
        # Partners that share a word of the topic (two volumes, two failovers) come
        # before any sibling: a bind mount's definition beside Isolation is plainly false.
        topical = {
            name: other for name, other in others.items() if not words.isdisjoint(other.topic)
        }
        if any(_fair_partner(ctx, entry, other) for other in topical.values()):
            others = topical
        ranked = pick(
            entry.name,
            [c for c in term_candidates(ctx, entry) if c.text in others],
            chapter=chapter_key,
            group=entry.group,
            exclude=entry.aliases,
            kind=entry.kind,
            topic=entry.topic,
            seed=qid,
            count=5,
        )
        # A definition that names the term would make the statement true after all, as
        # would one that shares a line with the term's own notes; a term named in this
        # one's definition is a part of it (불변성의 가치 → 불변형 인프라).
        partner = next(
            (others[name] for name in ranked if _fair_partner(ctx, entry, others[name])), None
        )
        if partner is None:
            return None  # answering True because no fair false one exists would teach "O"
        shown = partner
    # A statement stands under the term's name, so a short one still reads well:
    # "'선언형 컨피그레이션'에 대한 설명: 행위에 대한 정의서".
    body = _statement(ctx, shown)
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
    return make(
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
        term=entry.name,
    )


# ---------------------------------------------------------------------------
