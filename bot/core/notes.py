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
from pathlib import Path

import yaml
from charset_normalizer import from_bytes
from markdown_it.tree import SyntaxTreeNode

from bot.core import _mdblocks as mb
from bot.core import _mdtext as mt
from bot.core.errors import ContentError
from bot.core.model import (
    Book,
    Chapter,
    ContentWarning,
    Item,
    ItemKind,
    Section,
    Term,
    TocEntry,
)

__all__ = ["decode", "parse_notes", "read_notes"]

log = logging.getLogger(__name__)

# --- reading bytes ---------------------------------------------------------------------

_KOREAN_CODECS = ("cp949", "euc_kr", "johab", "iso2022_kr")


def decode(data: bytes, file: str) -> str:
    """The text of a notes file: UTF-8 (with or without BOM), else the detected encoding.

    Raises :class:`ContentError` for binary data or an encoding that cannot be told.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _text_only(data.decode("utf-16"), file)
        except UnicodeDecodeError:
            raise ContentError(file, "cannot detect the text encoding") from None
    if b"\x00" in data:
        raise ContentError(file, "not a text file")
    try:
        return _text_only(data.decode("utf-8-sig"), file)
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ContentError(file, "cannot detect the text encoding")
    # short Korean files are often guessed as Big5 or GB18030: prefer a Korean reading
    for match in matches:
        if match.encoding in _KOREAN_CODECS and re.search(r"[\uac00-\ud7a3]", str(match)):
            best = match
            break
    log.info("%s: read as %s", file, best.encoding)
    return _text_only(str(best), file)


def _text_only(text: str, file: str) -> str:
    """Reject decoded text full of control characters (a binary file that happened to decode)."""
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise ContentError(file, "not a text file")
    return text


def read_notes(path: Path) -> Book:
    """Read and parse one notes file; :class:`ContentError` when it cannot be read."""
    file = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(file, "no such file") from None
    except IsADirectoryError:
        raise ContentError(file, "is a directory, not a notes file") from None
    except PermissionError:
        raise ContentError(file, "permission denied") from None
    except OSError as error:
        raise ContentError(file, f"cannot read the file ({error.strerror or error})") from None
    return parse_notes(decode(data, file), file)


# --- headings ----------------------------------------------------------------------------

_GOAL = re.compile(r"^(?:목표|goal|goals|objective|objectives)\s*:?$", re.I)
_TOC = re.compile(r"^(?:목차|차례|contents|table of contents|toc)\s*:?$", re.I)
_TERM_HEADING = re.compile(r"^(?:용어|term|개념|키워드|keyword)\s*(?:[-–—:：]|\)\s*)\s*(.+)$", re.I)
_QUESTION_TERM = re.compile(r"^(.{1,40}?)\s*(?:이란|란|이란\s*무엇인가|란\s*무엇인가)\s*\??$")
_WHAT_IS = re.compile(r"^what\s+(?:is|are)\s+(?:an?\s+|the\s+)?(.{1,40}?)\s*\?$", re.I)
_FILE_CHAPTER = re.compile(r"(?:chapter|chap|ch)[-_ .]?0*(\d+)", re.I)
_WORD = re.compile(r"[^\W_]")  # a name needs at least one letter or digit
_MARK = re.compile(r"^\[([ xX✓✔])\]\s*(.*)$")
_CALLOUT = re.compile(r"^\[!(\w+)\][+-]?\s*(.*)$")
_SELF_DEFINED = re.compile(r"^(.{1,40}?)\s*(?:\(([^()]{1,40})\))?\s*(?:은|는|이란|란)\s")


# --- the walk ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Place:
    """Where content goes: a section, maybe owned by a term heading."""

    section: Section
    owner: Term | None = None
    candidate: tuple[str, tuple[str, ...]] | None = None  # a heading that may be a term
    last_term: Term | None = None


class _Reader:
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
        self.dropped: set[tuple[str, int]] = set()
        self.prose: list[str] = []  # text of every inline run, to judge the language
        self.implicit: set[int] = set()  # chapters made up for text outside any chapter

    # warnings --------------------------------------------------------------------------

    def warn(self, line: int, message: str) -> None:
        self.book.warnings.append(ContentWarning(self.file, line, message))

    # top level -------------------------------------------------------------------------

    def run(self, root: SyntaxTreeNode) -> Book:
        # the language is judged on all prose, flashcards included, code excluded
        self.prose = [
            child.content
            for node in root.walk()
            if node.type == "inline" and node.token is not None
            for child in node.token.children or []
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
        for block in blocks:
            if block.type == "heading":
                self.heading(block, first=block is first_content)
            elif block.type == "front_matter":
                self.front_matter(block)
            elif self.mode is not None:
                self.special(block)
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
        question = _QUESTION_TERM.match(bare) or _WHAT_IS.match(bare)
        if explicit and _WORD.search(mt.split_alias(explicit.group(1))[0]):
            self.place.owner = self.new_term(explicit.group(1), line)
        elif question and mt.term_like(question.group(1)) and not bare.startswith("Q"):
            self.place.owner = self.new_term(question.group(1), line)
        elif mt.term_like(bare) and not mt.is_generic(mt.split_alias(bare)[0]):
            name, aliases = mt.split_alias(bare)
            self.place.candidate = (name, aliases)

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
        self.place = self.pseudo_parent = None

    def finalize(self, place: _Place | None) -> None:
        """Drop the terms of a finished section that got no definition, with a warning."""
        if place is None:
            return
        kept = []
        for term in place.section.terms:
            if term.definition:
                kept.append(term)
            elif (self.file, term.line) not in self.dropped:
                self.dropped.add((self.file, term.line))
                self.warn(term.line, f"term '{term.name}' has no definition; skipped")
        place.section.terms = kept

    # goal and contents -----------------------------------------------------------------

    def special(self, node: SyntaxTreeNode) -> None:
        kind = self.mode[0] if self.mode else ""
        if kind == "goal":
            for bullet in self.flat(node):
                text = " ".join(group.text for group in mb.group_lines(bullet.lines))
                if text:
                    self.goal.append(text)
            return
        if node.type in ("bullet_list", "ordered_list"):
            for item in node.children:
                number = item.nester_tokens.opening.info if item.nester_tokens else ""
                lines = [
                    ln for p in item.children if p.type == "paragraph" for ln in mb.lines_of(p)
                ]
                if lines:
                    ordinal = (
                        int(number) if number.isdigit() and node.type == "ordered_list" else None
                    )
                    self.toc_entry(lines[0], ordinal)
        elif node.type == "paragraph":
            for line in mb.lines_of(node):
                if _MARK.match(line.text):
                    self.toc_entry(line, None)

    def flat(self, node: SyntaxTreeNode) -> list[mb.Bullet]:
        if node.type == "paragraph":
            return [mb.Bullet(mb.line_of(node), mb.lines_of(node))]
        if node.type in ("bullet_list", "ordered_list"):
            out = []
            stack = list(mb.list_bullets(node))
            while stack:
                bullet = stack.pop(0)
                out.append(bullet)
                stack[:0] = bullet.children
            return out
        if node.type == "blockquote":
            return mb.quote_bullets(node)
        return []

    def toc_entry(self, line: mt.Line, ordinal: int | None) -> None:
        text = line.text
        mark = _MARK.match(text)
        read = bool(mark and mark.group(1) != " ")
        title = mark.group(2).strip() if mark else text
        if not _WORD.search(title):
            return  # an empty contents line names nothing
        chapter = mb.chapter_of(title, 1)
        number = chapter[0] if chapter else ordinal
        if chapter:
            title = chapter[1]
        self.book.toc.append(TocEntry(number=number, title=title, read=read, line=line.line))

    # blocks ------------------------------------------------------------------------------

    def block(self, node: SyntaxTreeNode) -> None:
        kind = node.type
        if kind == "hr" and self.pseudo_parent is not None:
            # a rule ends the box a bold sub-heading opened: back to the heading's section
            self.finalize(self.place)
            self.place, self.pseudo_parent = self.pseudo_parent, None
            return
        if kind in ("fence", "code_block", "html_block", "hr"):
            return
        place = self.current(mb.line_of(node))
        if place.candidate is not None:
            self.decide(node, place)
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

    def decide(self, node: SyntaxTreeNode, place: _Place) -> None:
        """Does the first block under a short heading define it (``## 선언형 컨피그레이션``)?"""
        assert place.candidate is not None
        name, aliases = place.candidate
        place.candidate = None
        first: mb.Bullet | None = None
        if node.type == "paragraph":
            first = mb.split_pseudo(mb.lines_of(node), mb.line_of(node))
            lead = first.lines[0].lead() if first.lines else None
            if lead is not None and lead[0] == "strong" and not lead[2]:
                return  # a bold sub-heading, not a definition
            if mb.term_match(first, allow_term_line=False) is not None:
                return
        elif node.type in ("bullet_list", "ordered_list"):
            bullets = mb.list_bullets(node)
            first = bullets[0] if bullets else None
            if first is not None and mb.term_match(first) is not None:
                return
        elif node.type == "blockquote":
            inner = mb.quote_bullets(node)
            first = inner[0] if inner else None
            if first and first.lines and _CALLOUT.match(first.lines[0].text):
                return
        if first is None or not first.lines or mb.is_card(first.lines):
            return
        groups = mb.group_lines(first.lines)
        if groups and groups[0].label is None and mt.defines(groups[0].text, (name, *aliases)):
            term = Term(name=name, line=place.section.line, aliases=aliases)
            place.section.terms.insert(0, term)
            place.owner = term

    def paragraph(self, node: SyntaxTreeNode, place: _Place) -> None:
        bullet = mb.split_pseudo(mb.lines_of(node), mb.line_of(node))
        if not bullet.lines or mb.is_card(bullet.lines):
            return
        first = bullet.lines[0]
        lead = first.lead()
        if lead is not None and lead[0] == "strong" and not lead[2]:
            # a bold-only line works as a sub-heading
            title = lead[1].rstrip(":： ")
            parent = self.pseudo_parent or place
            level = parent.section.level + 1
            if place is not parent:
                self.finalize(place)
            self.open_section(title, first.line, level, candidate=True)
            self.pseudo_parent = parent
            rest = mb.Bullet(bullet.line, bullet.lines[1:], bullet.children)
            if rest.lines or rest.children:
                new_place = self.current(first.line)
                if new_place.candidate is not None and rest.lines:
                    groups = mb.group_lines(rest.lines)
                    name, aliases = new_place.candidate
                    new_place.candidate = None
                    if groups and mt.defines(groups[0].text, (name, *aliases)):
                        term = Term(name=name, line=first.line, aliases=aliases)
                        new_place.section.terms.insert(0, term)
                        new_place.owner = term
                self.emit(rest, new_place, new_place.section.items, paragraph=True)
            return
        self.emit(bullet, place, place.section.items, paragraph=True)
        place.last_term = None

    def emit_list(self, bullets: list[mb.Bullet], place: _Place, target: list[Item]) -> None:
        place.last_term = None
        for bullet in bullets:
            self.emit(bullet, place, target)

    def emit(
        self,
        bullet: mb.Bullet,
        place: _Place,
        target: list[Item],
        *,
        paragraph: bool = False,
        nested: bool = False,
    ) -> None:
        """Place one bullet: a term, a note/example, or a fact (children follow).

        ``nested`` bullets are children of an item: their notes and facts stay in
        ``target`` (the parent's children) instead of going to the section's term.
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
        for child in bullet.children:
            self.emit(child, place, children_target, nested=bool(items) or nested)
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

    def quote(self, node: SyntaxTreeNode, place: _Place) -> None:
        bullets = mb.quote_bullets(node)
        if not bullets or not bullets[0].lines:
            for child in node.children:
                self.block(child)
            return
        callout = _CALLOUT.match(bullets[0].lines[0].text)
        if callout is None:
            for child in node.children:
                self.block(child)
            return
        kind = ItemKind.EXAMPLE if callout.group(1).casefold() == "example" else ItemKind.NOTE
        first = bullets[0]
        lines = first.lines[1:]
        if callout.group(2):
            lines = [mt.Line(first.lines[0].line, [("text", callout.group(2))]), *lines]
        rest = [mb.Bullet(first.line, lines, first.children), *bullets[1:]]
        groups = [group for bullet in rest for group in mb.group_lines(bullet.lines)]
        term = self.self_defined(groups, place)
        if term is not None:
            return
        for group in groups:
            self.attach(group.item(kind), place.owner, place.section.items)

    def self_defined(self, groups: list[mb.Group], place: _Place) -> Term | None:
        """A callout that defines something: ``X란?`` then lines, or ``X(Y)는 …이다.``"""
        if not groups:
            return None
        head = groups[0].text
        question = _QUESTION_TERM.match(head) or _WHAT_IS.match(head)
        if question and mt.term_like(question.group(1)) and len(groups) > 1:
            term = self.new_term(question.group(1), groups[0].line, place)
            for group in groups[1:]:
                self.attach(group.item(ItemKind.DEFINITION), term, [])
            return term
        match = _SELF_DEFINED.match(head)
        if match is None:
            return None
        name = match.group(1).strip()
        if not mt.term_like(name) or mt.is_generic(name) or not mt.defines(head, (name,)):
            return None
        sentence = re.split(r"(?<=[.!?])\s", head)[0]
        if not mt.copula_end(sentence):
            return None
        alias = f"({match.group(2)})" if match.group(2) else ""
        term = self.new_term(f"{name}{alias}", groups[0].line, place)
        for group in groups:
            self.attach(group.item(ItemKind.DEFINITION), term, [])
        return term

    def table(self, node: SyntaxTreeNode, place: _Place) -> None:
        rows: list[tuple[int, list[str]]] = []
        for part in node.children:
            for row in part.children:
                cells = [" ".join(ln.text for ln in mb.lines_of(cell)) for cell in row.children]
                rows.append((mb.line_of(row) if row.map else mb.line_of(part), cells))
        if len(rows) < 2 or any(len(cells) != 2 for _, cells in rows):
            return
        header, body = rows[0][1], rows[1:]
        known = {
            "용어",
            "설명",
            "정의",
            "의미",
            "뜻",
            "term",
            "terms",
            "definition",
            "meaning",
            "description",
            "옵션",
            "option",
            "개념",
            "키워드",
            "keyword",
            "name",
            "이름",
            "항목",
        }
        glossary = any(cell.strip().casefold() in known for cell in header)
        if not glossary:
            firsts = [cells[0] for _, cells in body]
            seconds = [cells[1] for _, cells in body]
            glossary = all(mt.term_like(cell) for cell in firsts) and sum(
                map(len, seconds)
            ) >= 2 * sum(map(len, firsts))
        if not glossary:
            return
        for line, (name, definition) in body:
            if not _WORD.search(mt.split_alias(name)[0]):
                continue
            term = self.new_term(name, line, place)
            if definition.strip():
                label = mt.label_of(definition)
                item = Item(
                    label[1] if label else definition,
                    line,
                    label[0] if label else ItemKind.DEFINITION,
                )
                self.attach(item, term, [])

    def deflist(self, node: SyntaxTreeNode, place: _Place) -> None:
        """``term`` / ``<span id=x>term</span>`` then ``:   definition`` lines."""
        term: Term | None = None
        for child in node.children:
            if child.type == "dt":
                text = " ".join(line.text for line in mb.lines_of(child))
                named = _WORD.search(mt.split_alias(text)[0])
                term = self.new_term(text, mb.line_of(child), place) if named else None
            elif child.type == "dd" and term is not None:
                for block in child.children:
                    self.definition_block(block, term, place)

    def definition_block(self, block: SyntaxTreeNode, term: Term, place: _Place) -> None:
        """One block of a ``:`` definition: a paragraph is one item, a list gives items."""
        if block.type == "paragraph":
            groups = mb.group_lines(mb.lines_of(block))
            plain = [group for group in groups if group.label is None]
            text = " ".join(group.text for group in plain)
            if text:
                code = mb.code_in(text, (span for group in plain for span in group.code))
                self.attach(Item(text, mb.line_of(block), ItemKind.DEFINITION, code=code), term, [])
            for group in groups:
                if group.label is not None:
                    self.attach(group.item(group.label), term, [])
        elif block.type in ("bullet_list", "ordered_list"):
            for bullet in mb.list_bullets(block):
                groups = mb.group_lines(bullet.lines)
                for item in self.items(groups, bullet.children, place):
                    self.attach(item, term, [])

    # the end -----------------------------------------------------------------------------

    def finish(self) -> None:
        book = self.book
        book.goal = "\n".join(self.goal) or None
        for chapter in book.chapters:
            chapter.sections = [
                s for s in chapter.sections if s.terms or s.items or s.line != chapter.line
            ]
        book.chapters = [c for c in book.chapters if c.sections or id(c) not in self.implicit]
        self.match_toc()
        numbers: dict[int, Chapter] = {}
        for chapter in book.chapters:
            if chapter.number is None:
                continue
            first = numbers.setdefault(chapter.number, chapter)
            if first is not chapter:
                self.warn(
                    chapter.line,
                    f"chapter {chapter.number} appears again (first at line {first.line})",
                )
        seen: dict[str, Term] = {}
        for chapter in book.chapters:
            for term in chapter.terms:
                key = term.name.casefold()
                if key in seen and seen[key] is not term:
                    self.warn(
                        term.line,
                        f"term '{term.name}' is defined again (first at line {seen[key].line})",
                    )
                else:
                    seen[key] = term
        hangul, latin = mt.hangul_share(self.prose)
        book.language = "ko" if hangul and hangul * 3 >= latin else "en"

    def match_toc(self) -> None:
        for entry in self.book.toc:
            chapter = self.chapter_for(entry)
            if chapter is None:
                self.warn(entry.line, f"contents list '{entry.title}', which is not a chapter here")
            else:
                chapter.read = chapter.read or entry.read

    def chapter_for(self, entry: TocEntry) -> Chapter | None:
        """The chapter a contents line names: same title first, else same number."""
        key = _title_key(entry.title)
        for chapter in self.book.chapters:
            if key and _title_key(chapter.title) == key:
                return chapter
        if entry.number is not None:
            for chapter in self.book.chapters:
                if chapter.number == entry.number:
                    return chapter
        return None


def _title_key(title: str) -> str:
    return re.sub(r"[\W_]+", "", title.casefold())


def parse_notes(text: str, file: str) -> Book:
    """Parse the text of one notes file into a :class:`Book` (never raises on bad Markdown)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text, tokens, warnings = mb.close_runaway_fences(text, file)
    root = SyntaxTreeNode(tokens)
    return _Reader(file, list(warnings)).run(root)
