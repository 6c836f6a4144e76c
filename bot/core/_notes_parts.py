"""The parts of the notes reader apart from the main walk over sections and bullets.

:class:`ReaderParts` is mixed into the reader of :mod:`bot.core.notes`: the goal and
contents lists (with their read marks), the blocks that define terms on their own
(callouts, ``X란?`` paragraphs, two-column tables, definition lists), and the
book's final checks (empty sections, repeated chapters and terms, the language).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.tree import SyntaxTreeNode

from bot.core import _mdblocks as mb
from bot.core import _mdtext as mt
from bot.core.model import Chapter, Item, ItemKind, Term, TocEntry

if TYPE_CHECKING:
    from bot.core.notes import _Place

__all__ = ["CALLOUT", "QUESTION_TERM", "WHAT_IS", "WORD", "ReaderParts"]

QUESTION_TERM = re.compile(r"^(.{1,40}?)\s*(?:이란|란|이란\s*무엇인가|란\s*무엇인가)\s*\??$")
WHAT_IS = re.compile(r"^what\s+(?:is|are)\s+(?:an?\s+|the\s+)?(.{1,40}?)\s*\?$", re.I)
WORD = re.compile(r"[^\W_]")  # a name needs at least one letter or digit
CALLOUT = re.compile(r"^\[!(\w+)\][+-]?\s*(.*)$")
_MARK = re.compile(r"^\[([ xX✓✔])\]\s*(.*)$")
_SELF_DEFINED = re.compile(r"^(.{1,40}?)\s*(?:\(([^()]{1,40})\))?\s*(?:은|는|이란|란)\s")


class ReaderParts:
    """Methods of the notes reader that handle self-contained blocks (a mixin)."""

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
        if not WORD.search(title):
            return  # an empty contents line names nothing
        chapter = mb.chapter_of(title, 1)
        number = chapter[0] if chapter else ordinal
        if chapter:
            title = chapter[1]
        self.book.toc.append(TocEntry(number=number, title=title, read=read, line=line.line))

    def quote(self, node: SyntaxTreeNode, place: _Place) -> None:
        bullets = mb.quote_bullets(node)
        if not bullets or not bullets[0].lines:
            for child in node.children:
                self.block(child)
            return
        callout = CALLOUT.match(bullets[0].lines[0].text)
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
        question = QUESTION_TERM.match(head) or WHAT_IS.match(head)
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
            if not WORD.search(mt.split_alias(name)[0]):
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
                named = WORD.search(mt.split_alias(text)[0])
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
