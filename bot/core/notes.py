"""Markdown reading notes → :class:`~bot.core.model.Book` (goal, contents, chapters, terms).

The file is parsed with markdown-it-py (CommonMark + tables, front matter and
definition lists); this module walks the block tree and decides what each block
means. Every node keeps its 1-based source line.

Shape of the result
-------------------
* ``# 목표`` / ``# Goal`` → ``book.goal``; ``# 목차`` / ``# Contents`` → ``book.toc``
  (``[X]``/``[ ]`` marks set ``Chapter.read``, matched by number, else by title).
* Chapter headings: ``# 1장 - 제목``, ``# 01장 제목``, ``# Chapter 6 - Labels``,
  ``# Chapter 6: Labels``, ``# 5. Replication`` (``Chapter.title`` is the part after
  the number). Other H1s after a chapter are sections of it. A file without chapter
  headings is one chapter named after its first heading (or the file name), with
  number ``None`` unless the file name says ``chapter-4``/``ch4``.
* ``book.title``: front matter ``title``, else an H1 before the first chapter that
  is not a chapter, else the first heading of a one-chapter file, else the file
  name without extension. ``book.language`` is ``"ko"`` when the prose (code
  excluded) has at least one Hangul syllable per three Latin letters, else ``"en"``.
* Each heading opens a :class:`Section`; text under a chapter heading goes to a
  section named like the chapter. A bold-only line opens a sub-section (until the
  next heading or ``---``).
* A term heading (``## 용어 - 컨테이너(Container)``, ``## X란?``) or a short heading
  whose first paragraph or bullet defines it (``## 선언형 컨피그레이션`` then
  ``- 원하는 서버 상태에 대한 정의서``) makes the whole section that term's
  definition: plain bullets become ``term.definition`` items (kind DEFINITION,
  their nested bullets ``Item.children``), ``참고)``/``Note:`` lines go to
  ``term.notes`` and ``예)``/``e.g.`` lines to ``term.examples``, the label removed
  (``예) 도커, CRI-O`` → ``"도커, CRI-O"``). A trailing label keeps the whole text
  (``서비스 예: EKS, AKS``). Label lines nested right under a definition
  bullet go to the term too; deeper ones stay children of the bullet they explain.
* Terms also come from bullets and paragraphs (``**T**: def``, ``T - def``,
  ``` `T` - def ```, ``T`` with indented definition lines or child bullets),
  two-column tables and definition lists. Everything else is a ``FACT`` item of
  its section, nested bullets as ``Item.children``.
* Bullets that stop mid-sentence (``…프로세스로서,``) are joined with the next one;
  a soft line break continues an item, a hard one (two trailing spaces) starts a
  new item unless the line stopped mid-sentence.
* Terms that end up without a definition are dropped with a warning.

Code, raw HTML, images, embeds, front matter and flashcard lines (``Q::A``) give
no items. Problems are reported as :class:`ContentWarning` with their line; only
an unreadable file raises :class:`~bot.core.errors.ContentError`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import yaml
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from bot.core import _mdblocks as mb
from bot.core import _mdtext as mt
from bot.core._collector import without_cycle_collection
from bot.core._decoding import decode, read_bytes
from bot.core._labels import (
    TASK,
    definition_reason,
    generic_label,
    label_reason,
    lists_reasons,
    property_subject,
    role_label,
)
from bot.core._notes_parts import CALLOUT, QUESTION_TERM, WHAT_IS, WORD, ReaderParts
from bot.core._outline import indent_outline
from bot.core.model import (
    Book,
    Chapter,
    ContentWarning,
    Item,
    ItemKind,
    Section,
    Term,
)

__all__ = ["decode", "parse_notes", "read_notes"]

log = logging.getLogger(__name__)

# --- reading bytes ---------------------------------------------------------------------


def read_notes(path: Path) -> Book:
    """Read and parse one notes file; :class:`ContentError` when it cannot be read."""
    file = str(path)
    return parse_notes(decode(read_bytes(path), file), file)


# --- headings ----------------------------------------------------------------------------

_GOAL = re.compile(r"^(?:목표|goal|goals|objective|objectives)\s*:?$", re.I)
_TOC = re.compile(r"^(?:목차|차례|contents|table of contents|toc)\s*:?$", re.I)
_TERM_HEADING = re.compile(r"^(?:용어|term|개념|키워드|keyword)\s*(?:[-–—:：]|\)\s*)\s*(.+)$", re.I)
# A file named like wilfcs-day40 or README names no concept (an Obsidian note "Generators" does)
_MADE_UP_STEM = re.compile(r"[-_\d]|^(?:readme|index|notes?)$", re.IGNORECASE)
# a list of at least this many would-be terms is judged as a whole
_LIST_JUDGED = 4
# a field's value is this short: "communication: HTTP", "format: most commonly used JSON"
_FIELD_WORDS = 4
_SUMMARY_TOPIC = re.compile(
    r"\s*<details\b[^>]*>\s*<summary\b[^>]*>(.*?)</summary>\s*$", re.I | re.S
)
_DETAILS_END = re.compile(r"\s*</details>\s*", re.I)
_FILE_CHAPTER = re.compile(r"(?:chapter|chap|ch)[-_ .]?0*(\d+)", re.I)


# --- the walk ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Place:
    """Where content goes: a section, maybe owned by a term heading."""

    section: Section
    owner: Term | None = None
    candidate: tuple[str, tuple[str, ...]] | None = None  # a heading that may be a term
    last_term: Term | None = None


def _inline(term: Term) -> bool:
    """Whether the term's definition starts on its own line (``전체 끊기: …``)."""
    return bool(term.definition) and term.definition[0].line == term.line


def _parallel_kinds(terms: list[Term]) -> set[int]:
    """The ``id`` of each ``name: definition`` term of a section whose name ends in the
    same word as another such term's: ``전체 끊기`` beside ``절반 끊기`` are two kinds of
    one thing, not two tasks, though a lone ``컨테이너 만들기`` is a task."""
    by_last: dict[str, list[Term]] = {}
    for term in terms:
        words = term.name.split()
        if len(words) > 1 and _inline(term):
            by_last.setdefault(words[-1].casefold(), []).append(term)
    return {id(term) for same in by_last.values() if len(same) > 1 for term in same}


class _Reader(ReaderParts):
    """One pass over the block tree of one file."""

    def __init__(self, file: str, warnings: list[ContentWarning]) -> None:
        self.file = file
        stem = Path(file).stem or file
        self.book = Book(file=file, title=stem, warnings=warnings)
        self.stem = stem
        self.chapter: Chapter | None = None
        self.place: _Place | None = None
        self.mode: tuple[str, int] | None = None  # ("goal"|"toc", heading level)
        self.goal: list[str] = []
        self.chapter_mode = False
        self.title_set = False
        self.pseudo_parent: _Place | None = None  # the section a bold sub-heading interrupted
        self.details: _Place | None = None  # the section a <details> topic interrupted
        self.in_card = False  # inside the answer of a <details> card
        self.dropped: set[tuple[str, int]] = set()
        self.prose: list[str] = []  # text of every inline run, to judge the language
        self.implicit: set[int] = set()  # chapters made up for text outside any chapter
        # terms of lists whose items are not names, by identity (held, so no id is reused)
        self.unnamed: dict[int, Term] = {}

    # warnings --------------------------------------------------------------------------

    def warn(self, line: int, message: str) -> None:
        self.book.warnings.append(ContentWarning(self.file, line, message))

    # top level -------------------------------------------------------------------------

    def run(self, root: SyntaxTreeNode, tokens: list[Token]) -> Book:
        # The language is judged on all prose, flashcards included, code excluded. The
        # flat token list holds the inline runs in document order, as a walk of the
        # tree would find them, without visiting every node.
        self.prose = [
            child.content
            for token in tokens
            if token.type == "inline"
            for child in token.children or []
            if child.type == "text"
        ]
        blocks = list(root.children)
        self.chapter_mode = any(
            block.type == "heading"
            and mb.chapter_of(mb.inline_text(block), int(block.tag[1])) is not None
            for block in blocks
        )
        first_content = next(
            (b for b in blocks if b.type not in ("front_matter", "html_block", "hr")), None
        )
        skip: SyntaxTreeNode | None = None
        for index, block in enumerate(blocks):
            if block is skip:
                continue
            if block.type == "heading":
                self.heading(block, first=block is first_content)
            elif block.type == "front_matter":
                self.front_matter(block)
            elif self.mode is not None:
                self.special(block)
            elif (after := blocks[index + 1] if index + 1 < len(blocks) else None) and (
                self.term_over_list(block, after)
            ):
                skip = after
            else:
                self.block(block)
        self.close_section()
        self.finish()
        return self.book

    def front_matter(self, node: SyntaxTreeNode) -> None:
        try:
            data = yaml.safe_load(node.token.content if node.token else "")
        except yaml.YAMLError:
            self.warn(mb.line_of(node), "front matter is not valid YAML; ignored")
            return
        except RecursionError:  # thousands of nested [ or {: the parser recurses per level
            self.warn(mb.line_of(node), "front matter is nested too deeply; ignored")
            return
        if isinstance(data, dict) and isinstance(data.get("title"), str | int | float):
            title = str(data["title"]).strip()
            if title:
                self.book.title = title
                self.title_set = True

    def heading(self, node: SyntaxTreeNode, *, first: bool) -> None:
        text = mb.inline_text(node)
        level = int(node.tag[1]) if node.tag[1:].isdigit() else 1
        line = mb.line_of(node)
        if self.mode is not None and level <= self.mode[1]:
            self.mode = None
        bare = mt.clean_heading(text)
        if _GOAL.match(bare):
            self.mode = ("goal", level)
            return
        if _TOC.match(bare):
            self.mode = ("toc", level)
            return
        if self.mode is not None:
            return  # a sub-heading inside the goal or contents
        chapter = mb.chapter_of(text, level) if self.chapter_mode else None
        if chapter is not None:
            self.close_section()
            number, title = chapter
            self.chapter = Chapter(number=number, title=title, line=line)
            self.book.chapters.append(self.chapter)
            self.open_section(title, line, level, candidate=False)
            return
        if self.chapter is None:
            if self.chapter_mode:
                if level == 1 and not self.title_set:
                    self.book.title = text
                    self.title_set = True
                    return
            elif first:
                match = _FILE_CHAPTER.search(self.stem)
                self.chapter = Chapter(
                    number=int(match.group(1)) if match else None, title=text, line=line
                )
                self.book.chapters.append(self.chapter)
                if not self.title_set:
                    self.book.title = text
                    self.title_set = True
        self.close_section()
        self.ensure_chapter(line)
        self.open_section(text, line, level, candidate=True)

    def ensure_chapter(self, line: int) -> Chapter:
        """The chapter content goes to, made up when the file has no chapter heading yet."""
        if self.chapter is None:
            match = None if self.chapter_mode else _FILE_CHAPTER.search(self.stem)
            title = self.book.title
            self.chapter = Chapter(
                number=int(match.group(1)) if match else None, title=title, line=line
            )
            self.book.chapters.append(self.chapter)
            self.implicit.add(id(self.chapter))
        return self.chapter

    def open_section(self, title: str, line: int, level: int, *, candidate: bool) -> None:
        chapter = self.ensure_chapter(line)
        section = Section(title=title, line=line, level=level)
        chapter.sections.append(section)
        self.place = _Place(section)
        if not candidate:
            return
        bare = mt.clean_heading(title)
        explicit = _TERM_HEADING.match(bare)
        question = QUESTION_TERM.match(bare) or WHAT_IS.match(bare)
        if explicit and WORD.search(mt.split_alias(explicit.group(1))[0]):
            self.place.owner = self.new_term(explicit.group(1), line)
        elif question and mt.term_like(question.group(1)) and not bare.startswith("Q"):
            self.place.owner = self.new_term(question.group(1), line)
        elif mt.term_like(bare) and not mt.is_generic(mt.split_alias(bare)[0]):
            name, aliases = mt.split_alias(bare)
            self.place.candidate = (name, aliases)
        elif mt.term_like(bare) and (subject := property_subject(mt.split_alias(bare)[0])):
            self.place.candidate = (subject, ())

    def new_term(self, text: str, line: int, place: _Place | None = None) -> Term:
        name, aliases = mt.split_alias(text)
        term = Term(name=name, line=line, aliases=aliases)
        target = place or self.place
        if target is not None:
            target.section.terms.append(term)
        return term

    def current(self, line: int) -> _Place:
        if self.place is None:
            title = self.chapter.title if self.chapter is not None else self.book.title
            chapter = self.ensure_chapter(line)
            self.open_section(
                title, line, 1, candidate=chapter.line == line and not self.chapter_mode
            )
        assert self.place is not None
        return self.place

    def close_section(self) -> None:
        """Finish the current section (and the one a bold sub-heading interrupted)."""
        for place in (self.place, self.pseudo_parent):
            self.finalize(place)
        self.place = self.pseudo_parent = self.details = None
        self.in_card = False

    def finalize(self, place: _Place | None) -> None:
        """Drop the terms of a finished section that got no definition, with a warning.

        A term named like a label (``지연 원인``, ``Idea 1``) or whose "definition" is
        only a link, code or a list of names is not a term: its lines stay in the
        section as facts.
        """
        if place is None:
            return
        kept = []
        kinds = _parallel_kinds(place.section.terms)
        for term in place.section.terms:
            label = label_reason(term.name)
            if label == TASK and id(term) in kinds:
                label = None  # 전체 끊기: …, 절반 끊기: … side by side: two kinds of closing
            reason = (
                "the file's own name"
                if term.name.casefold() == self.stem.casefold() and _MADE_UP_STEM.search(self.stem)
                else "listed among lines that are not names"
                if id(term) in self.unnamed
                else label
                or definition_reason([(item.text, item.code) for item in term.definition])
            )
            if term.definition and reason is not None:
                log.debug("%s:%d: %r is not a term: %s", self.file, term.line, term.name, reason)
                for index, item in enumerate(term.definition):
                    item.kind = ItemKind.FACT
                    if index == 0 and item.line == term.line:
                        # "Fibre: about 1 Gbps" is still a fact about Fibre
                        item.text = f"{term.name}: {item.text}"
                place.section.items.extend(term.definition)
                continue
            if term.definition:
                kept.append(term)
            elif (self.file, term.line) not in self.dropped:
                self.dropped.add((self.file, term.line))
                self.warn(term.line, f"term '{term.name}' has no definition; skipped")
        place.section.terms = kept

    # blocks ------------------------------------------------------------------------------

    def block(self, node: SyntaxTreeNode) -> None:
        kind = node.type
        if kind == "hr" and self.pseudo_parent is not None:
            # a rule ends the box a bold sub-heading opened: back to the heading's section
            self.finalize(self.place)
            self.place, self.pseudo_parent = self.pseudo_parent, None
            return
        if kind == "html_block":
            self.html(node)
            return
        if self.in_card:
            return
        if kind in ("fence", "code_block", "hr"):
            return
        place = self.current(mb.line_of(node))
        if place.candidate is not None and not _only_images(node):
            self.decide(node, place)  # a diagram under a heading is no definition either way
        if kind == "paragraph":
            self.paragraph(node, place)
        elif kind in ("bullet_list", "ordered_list"):
            self.emit_list(mb.list_bullets(node), place, place.section.items)
            place.last_term = None
        elif kind == "blockquote":
            self.quote(node, place)
        elif kind == "table":
            self.table(node, place)
        elif kind == "dl":
            self.deflist(node, place)

    def term_over_list(self, node: SyntaxTreeNode, after: SyntaxTreeNode) -> bool:
        """A one-line paragraph right above a list it heads: a term the list explains.

        Plain-text notes write ``0 컨테이너의 개념`` and then ``- 무언가를 담는 그릇`` on the
        next line, which Markdown reads as a paragraph and a list. Taken together they
        are a term line with its bullets; anything else is read block by block.
        """
        if (
            node.type != "paragraph"
            or after.type not in ("bullet_list", "ordered_list")
            or not node.map
            or not after.map
            or node.map[1] != after.map[0]
        ):
            return False
        bullet = mb.split_pseudo(mb.lines_of(node), mb.line_of(node))
        if len(bullet.lines) != 1 or bullet.children or mb.is_card(bullet.lines):
            return False
        lead = bullet.lines[0].lead()
        if lead is not None and lead[0] == "strong" and not lead[2]:
            return False  # a bold sub-heading has its own rules
        bullet.children = mb.list_bullets(after)
        if mb.term_match(bullet) is None:
            return False
        place = self.current(mb.line_of(node))
        if place.candidate is not None and not _only_images(node):
            self.decide(node, place)  # a diagram under a heading is no definition either way
        self.emit(bullet, place, place.section.items, paragraph=True)
        place.last_term = None
        return True

    def decide(self, node: SyntaxTreeNode, place: _Place) -> None:
        """Is a short heading a term the lines under it explain (``## 선언형 컨피그레이션``)?"""
        assert place.candidate is not None
        name, aliases = place.candidate
        place.candidate = None
        first: mb.Bullet | None = None
        if node.type == "paragraph":
            first = mb.split_pseudo(mb.lines_of(node), mb.line_of(node))
            lead = first.lines[0].lead() if first.lines else None
            if lead is not None and lead[0] == "strong" and not lead[2]:
                return  # a bold sub-heading, not a definition
            match = mb.term_match(first, allow_term_line=False)
            if match is not None and not _same_name(match.name, (name, *aliases)):
                return
        elif node.type in ("bullet_list", "ordered_list"):
            bullets = mb.list_bullets(node)
            first = bullets[0] if bullets else None
            if first is not None and mb.term_match(first) is not None:
                return
        elif node.type == "blockquote":
            inner = mb.quote_bullets(node)
            first = inner[0] if inner else None
            if first and first.lines and CALLOUT.match(first.lines[0].text):
                return
            match = mb.term_match(first, allow_term_line=False) if first and first.lines else None
            if match is not None and not _same_name(match.name, (name, *aliases)):
                return  # > 전문 검색이란? …: the quote defines a term of its own
        if first is None or not first.lines or mb.is_card(first.lines):
            return
        groups = mb.group_lines(first.lines)
        # The section a file's first text opens is named after the file: only a real
        # definition makes that name a term (an Obsidian note "Generators.md").
        judge = mt.defines if name == self.stem else mt.describes
        if (
            groups
            and groups[0].label is None
            and not generic_label(groups[0].text)
            and judge(groups[0].text, (name, *aliases))
        ):
            if mt.IT_IS_A.match(groups[0].text) and (singular := _singular(name)):
                name, aliases = singular, (name, *aliases)  # "## Dockerfiles" / "It is a file"
            term = Term(name=name, line=place.section.line, aliases=aliases)
            place.section.terms.insert(0, term)
            place.owner = term

    def sub_heading(self, title: str, line: int, place: _Place) -> None:
        """Open a section under the current heading for a bold line or a ``<summary>``."""
        parent = self.pseudo_parent or place
        if place is not parent:
            self.finalize(place)
        self.open_section(title, line, parent.section.level + 1, candidate=True)
        self.pseudo_parent = parent

    def html(self, node: SyntaxTreeNode) -> None:
        """A ``<details>`` whose ``<summary>`` names a topic opens a sub-section.

        Notes fold each topic into ``<details><summary>Load balancer</summary>``; its
        ``</details>`` goes back to the heading's section. A summary that asks a question
        is a card, read with the flashcards: its answer is no part of the notes.
        """
        content = node.content
        if _DETAILS_END.fullmatch(content):
            if self.details is not None and self.pseudo_parent is self.details:
                self.finalize(self.place)
                self.place, self.pseudo_parent = self.pseudo_parent, None
            self.details = None
            self.in_card = False
            return
        match = _SUMMARY_TOPIC.match(content)
        if match is None:
            return
        topic = " ".join(unescape(re.sub(r"<[^>]*>", " ", match.group(1))).split())
        if not topic or not mt.term_like(topic) or topic.casefold().startswith("q"):
            self.in_card = True  # its answer, up to </details>, is the card's, not notes
            return
        line = mb.line_of(node) + content[: match.start(1)].count("\n")
        place = self.current(line)
        self.sub_heading(topic, line, place)
        self.details = self.pseudo_parent

    def paragraph(self, node: SyntaxTreeNode, place: _Place) -> None:
        bullet = mb.split_pseudo(mb.lines_of(node), mb.line_of(node))
        if not bullet.lines or mb.is_card(bullet.lines):
            return
        asked = [i for i, line in enumerate(bullet.lines) if mb.ASKED_INLINE.match(line.text)]
        if len(asked) >= 2 and asked[0] == 0 and not bullet.children:
            # "전문 검색이란? …" / "전문 검색 인덱스란 ? …": one term a line
            for start, end in zip(asked, [*asked[1:], len(bullet.lines)], strict=True):
                part = mb.Bullet(bullet.lines[start].line, bullet.lines[start:end])
                self.emit(part, place, place.section.items, paragraph=True)
                place.last_term = None
            return
        first = bullet.lines[0]
        lead = first.lead()
        if lead is not None and lead[0] == "strong" and not lead[2]:
            # a bold-only line works as a sub-heading
            self.sub_heading(lead[1].rstrip(":： "), first.line, place)
            rest = mb.Bullet(bullet.line, bullet.lines[1:], bullet.children)
            if rest.lines or rest.children:
                new_place = self.current(first.line)
                if new_place.candidate is not None and rest.lines:
                    groups = mb.group_lines(rest.lines)
                    name, aliases = new_place.candidate
                    new_place.candidate = None
                    if (
                        groups
                        and groups[0].label is None
                        and not generic_label(groups[0].text)
                        and mt.describes(groups[0].text, (name, *aliases))
                    ):
                        term = Term(name=name, line=first.line, aliases=aliases)
                        new_place.section.terms.insert(0, term)
                        new_place.owner = term
                self.emit(rest, new_place, new_place.section.items, paragraph=True)
            return
        self.emit(bullet, place, place.section.items, paragraph=True)
        place.last_term = None

    def emit_list(self, bullets: list[mb.Bullet], place: _Place, target: list[Item]) -> None:
        """Place a list's bullets; a list whose would-be terms are mostly not names
        (the lines of a build log, each explained) gives no terms at all."""
        place.last_term = None
        before = len(place.section.terms)
        for bullet in bullets:
            self.emit(bullet, place, target)
        self.judge_siblings(bullets, place.section.terms[before:])

    def judge_siblings(
        self, bullets: list[mb.Bullet], made: list[Term], parent: str | None = None
    ) -> None:
        """Mark the terms ``made`` from sibling ``bullets`` that are not terms after all.

        A list whose leads are mostly not names (the lines of a build log, each
        explained) gives no terms at all; in a list naming two parties of an exchange
        (``Client: …`` / ``Server: …``) the parties are roles, not terms; under a name
        that opens a list (``Mobile app:``), fields each given a short value
        (``communication: HTTP``) describe that thing, they are not terms.
        """
        if not made:
            return
        if (
            parent is not None
            and parent.endswith((":", "："))
            and mt.term_like(parent.rstrip(":： "))
            and len(made) >= 2
            and all(
                len(term.definition) == 1 and len(term.definition[0].text.split()) <= _FIELD_WORDS
                for term in made
            )
        ):
            self.unnamed.update((id(term), term) for term in made)
            return
        leads = [name for name in map(mb.lead_name, bullets) if name is not None]
        unnamed = sum(not mt.term_like(name) or mt.is_generic(name) for name in leads)
        if len(leads) >= _LIST_JUDGED and 2 * unnamed >= len(leads):
            self.unnamed.update((id(term), term) for term in made)
        elif sum(role_label(name) for name in leads) >= 2:
            self.unnamed.update((id(term), term) for term in made if role_label(term.name))

    def emit(
        self,
        bullet: mb.Bullet,
        place: _Place,
        target: list[Item],
        *,
        paragraph: bool = False,
        nested: bool = False,
        parent: str | None = None,
    ) -> None:
        """Place one bullet: a term, a note/example, or a fact (children follow).

        ``nested`` bullets are children of an item: their notes and facts stay in
        ``target`` (the parent's children) instead of going to the section's term.
        ``parent`` is the text of the item they hang under. Under a heading or parent
        that lists reasons, roles or steps (``etcd가 하는 역할``), a ``X: …`` bullet is
        a fact about the subject, not a term.
        """
        if mb.is_card(bullet.lines):
            return
        groups = mb.group_lines(bullet.lines)
        if groups and groups[0].label is not None:
            items = self.items(groups, bullet.children, place)
            owner = place.owner
            under_definition = owner is not None and any(
                target is item.children for item in owner.definition
            )
            if nested and not under_definition:
                target.extend(items)  # 예) under a fact is about that fact
                return
            for item in items:
                self.attach(item, owner or place.last_term, target)
            return
        match = mb.term_match(bullet, allow_term_line=not paragraph)
        if (
            match is not None
            and lists_reasons(parent or place.section.title)
            and not _named_as_term(match)
        ):
            match = None
        if (
            match is not None
            and place.owner is not None
            and _same_name(match.name, (place.owner.name, *place.owner.aliases))
        ):
            match = None  # "## Web Cache" / "A web cache is …": the heading's own definition
        if match is not None:
            term = self.new_term(match.name, bullet.lines[0].line, place)
            self.fill(term, match.definition, bullet.children, place)
            if place.owner is not None and place.owner is not term:
                whole = " ".join(group.text for group in groups)
                code = mb.code_in(whole, (span for group in groups for span in group.code))
                if nested:
                    target.append(Item(whole, bullet.line, code=code))
                else:
                    place.owner.definition.append(
                        Item(whole, bullet.line, ItemKind.DEFINITION, code=code)
                    )
            place.last_term = term
            return
        place.last_term = None
        items = self.items(groups, [], place)
        if nested:
            target.extend(items)
        else:
            for item in items:
                self.attach(item, place.owner, target)
        children_target = items[-1].children if items else target
        parent_text = items[-1].text if items else parent
        before = len(place.section.terms)
        for child in bullet.children:
            self.emit(
                child, place, children_target, nested=bool(items) or nested, parent=parent_text
            )
        self.judge_siblings(bullet.children, place.section.terms[before:], parent_text)
        place.last_term = None

    def items(
        self,
        groups: list[mb.Group],
        children: list[mb.Bullet],
        place: _Place,
        kind: ItemKind = ItemKind.FACT,
    ) -> list[Item]:
        """Groups → items (labels decide the kind); children hang under the last one."""
        items = [g.item(kind) for g in groups if g.text]
        if items:
            for child in children:
                items[-1].children.extend(self.child_items(child, items[-1].kind))
        return items

    def child_items(self, bullet: mb.Bullet, kind: ItemKind) -> list[Item]:
        if mb.is_card(bullet.lines):
            return []
        groups = mb.group_lines(bullet.lines)
        inherited = kind if kind in (ItemKind.NOTE, ItemKind.EXAMPLE) else ItemKind.FACT
        items = [g.item(inherited) for g in groups if g.text]
        nested = [item for child in bullet.children for item in self.child_items(child, kind)]
        if items:
            items[-1].children.extend(nested)
            return items
        return nested

    def attach(self, item: Item, owner: Term | None, target: list[Item]) -> None:
        if owner is not None:
            if item.kind == ItemKind.NOTE:
                owner.notes.append(item)
                return
            if item.kind == ItemKind.EXAMPLE:
                owner.examples.append(item)
                return
            item.kind = ItemKind.DEFINITION
            owner.definition.append(item)
            return
        target.append(item)

    def fill(
        self, term: Term, groups: list[mb.Group], children: list[mb.Bullet], place: _Place
    ) -> None:
        """A bullet term's definition: its own text, then child bullets (terms stay terms)."""
        for item in self.items(groups, [], place, ItemKind.DEFINITION):
            self.attach(item, term, [])
        for child in children:
            if child.lines and mb.term_match(child) is not None:
                saved = place.last_term
                self.emit(child, _Place(place.section), place.section.items)
                place.last_term = saved
                continue
            for item in self.items(mb.group_lines(child.lines), child.children, place):
                self.attach(item, term, [])


def _same_name(name: str, names: tuple[str, ...]) -> bool:
    """Is ``name`` one of ``names``, up to case, spacing and a plural ``s``?"""

    def key(text: str) -> str:
        return re.sub(r"\W+", "", text.casefold()).removesuffix("s")

    return key(name) in {key(other) for other in names}


def _singular(name: str) -> str | None:
    """``Dockerfiles`` → ``Dockerfile``: an English plural heading whose text says "it is a"."""
    if not name.isascii() or not re.search(r"[a-z]s$", name) or re.search(r"(?:ss|us|is)$", name):
        return None
    return name[:-1]


def _only_images(node: SyntaxTreeNode) -> bool:
    """Is a paragraph only images (``![](diagram.png)``), with no text of its own?"""
    if node.type != "paragraph" or not node.children:
        return False
    inline = node.children[0]
    return bool(inline.children) and all(
        child.type in ("image", "softbreak", "hardbreak")
        or (child.type == "text" and not child.content.strip())
        for child in inline.children
    )


def _named_as_term(match: mb.TermMatch) -> bool:
    """A bullet in a list of reasons or roles that still names a term of its own.

    ``직렬화(Serialization): … 이런 작업을 직렬화라고 함`` under ``역할`` gives the term an
    English name and names it again in its definition; ``클러스터 상태 저장: 노드, 파드``
    under ``etcd가 하는 역할`` does neither.
    """
    name, aliases = mt.split_alias(match.name)
    if aliases:
        return True
    return any(name in group.text for group in match.definition)


@without_cycle_collection
def parse_notes(text: str, file: str) -> Book:
    """Parse the text of one notes file into a :class:`Book` (never raises on bad Markdown)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = indent_outline(text)
    text, tokens, warnings = mb.close_runaway_fences(text, file)
    root = SyntaxTreeNode(tokens)
    return _Reader(file, list(warnings)).run(root, tokens)
