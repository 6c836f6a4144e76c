"""Odd-one-out questions: from an example list, which one is not an example of X."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from bot.core._distractors import Candidate, compact, pick, script
from bot.core._templates import template
from bot.core.model import Chapter, Item, Question, QuestionKind
from bot.core.questions._context import (
    EXAMPLE_PREFIX,
    NEARBY_CANDIDATES,
    Context,
    Entry,
    make,
    seeded_rng,
    walk,
)
from bot.core.questions._defects import question_id
from bot.core.questions._text import clean, contains, has_letters

__all__ = ["odd_ones"]

#: Example-list entries longer than this are sentences, not names.
MAX_EXAMPLE_CHARS = 40


_EXAMPLE_TAIL = re.compile(r"\s*(?:등|등등|etc\.?|and so on|\.\.\.|…)\s*[.)]?\s*$", re.I)
_EXAMPLE_SUBJECT = re.compile(
    r"^(?P<subject>.{2,40}?)\s*(?:의\s*)?(?:예시|예)\s*[:)：]\s*(?P<list>.+)$"
)
_EXAMPLE_HEADER = re.compile(
    r"^(?P<subject>.{2,40}?)\s*(?:의\s*)?(?:예시|예)\s*[:.]?$|^examples? of (?P<en>.{2,40}?)\s*:?$",
    re.I,
)


def _example_list(text: str) -> list[str]:
    text = EXAMPLE_PREFIX.sub("", text)
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


def _example_groups(ctx: Context) -> list[_Examples]:
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
            for item in walk(section.items):
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


# The last noun of a definition says what kind of thing the term is.
_ABSTRACT_KIND = re.compile(
    r"(?:상태|단계|과정|프로세스|방식|형태|개념|현상|state|status|phase|stage|process|concept)"
    r"(?:이다|입니다|임|을 말한다|를 말한다|을 뜻한다|를 뜻한다)?\s*[.。]?\s*$",
    re.I,
)


def _is_abstract(definition: str) -> bool:
    """Whether a definition line says its term is a state, a stage or a way of doing."""
    return bool(_ABSTRACT_KIND.search(definition))


@dataclass(slots=True)
class _TermPool:
    """The terms near a chapter as odd-one candidates: things first, states and processes
    apart, and the entries behind each name."""

    things: list[Candidate]
    abstract: list[Candidate]
    named: dict[str, list[Entry]]


def _term_pool(ctx: Context, chapter: Chapter | None) -> _TermPool:
    key = ("odd", id(chapter))
    if key not in ctx.cache:
        pool = _TermPool([], [], {})
        for entry in ctx.nearby(chapter):
            candidate = Candidate(entry.name, ctx.chapter_key(entry.chapter))
            (pool.abstract if _is_abstract(entry.short) else pool.things).append(candidate)
            pool.named.setdefault(entry.name, []).append(entry)
        ctx.cache[key] = pool  # type: ignore[assignment]
    return ctx.cache[key]  # type: ignore[return-value]


def odd_ones(ctx: Context) -> Iterator[Question]:
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
        subject = group.subject
        if not subject or not has_letters(subject, 2):
            continue
        chapter_key = ctx.chapter_key(group.chapter)
        key = "\x1f".join(sorted(compact(text) for text in group.items))
        qid = question_id(ctx.book.title, chapter_key, "odd_one_out", subject, key)
        shown = list(group.items)
        seeded_rng(qid).shuffle(shown)
        shown = shown[:3]
        # The odd one should look like the others: written like most of them, as long.
        scripts = Counter(script(text) for text in shown)
        alike = [text for text in shown if script(text) == scripts.most_common(1)[0][0]]
        typical = sorted(alike, key=len)[(len(alike) - 1) // 2]
        # The odd one is a thing of the same kind: another term of the book first (not one
        # whose definition calls it a kind of the subject), else an item of another list.
        # A state or a process ("… 상태", "… phase") is no example of anything: last resort.
        terms = _term_pool(ctx, group.chapter)

        def offered(text: str, terms: _TermPool = terms, subject: str = subject) -> bool:
            entries = terms.named.get(text)
            return not entries or not all(contains(e.definition, subject) for e in entries)

        others = listed.get(id(group.chapter), [])[:NEARBY_CANDIDATES]
        odd: list[str] = []
        for pool in (terms.things, others, terms.abstract):
            ranked = pick(
                typical,
                pool,
                chapter=chapter_key,
                exclude=[*group.items, subject],
                mentioned_in=group.source,
                seed=qid,
                count=len(pool),
            )
            best = islice(filter(offered, ranked), 5)
            odd = [o for o in best if not contains(group.source, o) and not contains(subject, o)]
            if odd:
                break
        if not odd:
            continue
        prompt = template(lang, "odd_one_out").format(subject=subject)
        yield make(
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
