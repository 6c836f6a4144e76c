"""Block-level helpers of the notes parser: markdown-it setup, bullets, line groups, term forms.

``notes.py`` decides what each block of a notes file means; this module turns
markdown-it nodes into the small shapes it reasons about (:class:`Bullet` with
its lines and children, :class:`Group` of lines that form one item), recognises
the bullet-level term forms (``**T**: def``, ``T - def``, a term line followed by
its definition lines) and repairs code fences that would swallow the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline, image, link
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from bot.core import _mdtext as mt
from bot.core.model import ContentWarning, Item, ItemKind

__all__ = [
    "MD",
    "Bullet",
    "Group",
    "TermMatch",
    "chapter_of",
    "close_runaway_fences",
    "code_in",
    "group_lines",
    "inline_text",
    "is_card",
    "label_guard_plugin",
    "line_of",
    "lines_of",
    "list_bullets",
    "quote_bullets",
    "reuse_tokens",
    "split_pseudo",
    "term_match",
]

# The text and position of the last "]" of the inline text parsed last: one entry, so
# at most one paragraph's text is held.
_last_closer: tuple[str, int] = ("", -1)


def _closed_later(state: StateInline, start: int) -> bool:
    """Whether a "]" follows ``start`` in the inline text (found once per text)."""
    global _last_closer
    src, end = _last_closer
    if src is not state.src:
        src, end = state.src, state.src.rfind("]")
        _last_closer = (src, end)
    return end > start


def _guarded_link(state: StateInline, silent: bool) -> bool:
    return _closed_later(state, state.pos) and link(state, silent)


def _guarded_image(state: StateInline, silent: bool) -> bool:
    return _closed_later(state, state.pos + 1) and image(state, silent)


def label_guard_plugin(md: MarkdownIt) -> None:
    """Skip the link and image rules at a "[" that no "]" follows.

    Such a "[" can open no link label, but markdown-it looks for its end through every
    later "[" (up to its nesting limit), so a line of thousands of "[" took most of a
    load. The rules run unchanged wherever a "]" follows, so the tokens are the same.
    """
    md.inline.ruler.at("link", _guarded_link)
    md.inline.ruler.at("image", _guarded_image)


MD = (
    MarkdownIt("commonmark")
    .enable(["table", "strikethrough"])
    .use(front_matter_plugin)
    .use(deflist_plugin)
    .use(label_guard_plugin)
)

_CHAPTER_KO = re.compile(r"^제?\s*0*(\d+)\s*장(?![가-힣])\s*(?:[-–—:.)]\s*)?(.*)$")
_CHAPTER_EN = re.compile(r"^(?:chapter|chap\.?|ch\.)\s*0*(\d+)\b\s*(?:[-–—:.)]\s*)?(.*)$", re.I)
_CHAPTER_NUM = re.compile(r"^0*(\d+)\.\s+(.*[^\W\d_].*)$")


def chapter_of(text: str, level: int) -> tuple[int, str] | None:
    """``(number, title)`` when a heading names a chapter."""
    if level <= 2:
        for pattern in (_CHAPTER_KO, _CHAPTER_EN):
            match = pattern.match(text)
            if match:
                return int(match.group(1)), match.group(2).strip() or text
    if level == 1:
        match = _CHAPTER_NUM.match(text)
        if match:
            return int(match.group(1)), match.group(2).strip()
    return None


def inline_text(node: SyntaxTreeNode) -> str:
    """The plain text of a heading/paragraph node, lines joined by spaces."""
    for child in node.children:
        if child.type == "inline":
            return " ".join(line.text for line in mt.inline_lines(child.token)).strip()
    return ""


def lines_of(node: SyntaxTreeNode) -> list[mt.Line]:
    for child in node.children:
        if child.type == "inline":
            return mt.inline_lines(child.token)
    return []


def line_of(node: SyntaxTreeNode) -> int:
    return node.map[0] + 1 if node.map else 1


# --- bullets ---------------------------------------------------------------------------


@dataclass(slots=True)
class Bullet:
    """A list item (or a paragraph) reduced to its lines and child bullets."""

    line: int
    lines: list[mt.Line]
    children: list[Bullet] = field(default_factory=list)


_PSEUDO_BULLET = re.compile(r"^[-*+]\s+")


def split_pseudo(lines: list[mt.Line], line: int) -> Bullet:
    """A paragraph whose later lines start with ``- `` (lazy bullets) → bullet with children.

    When plain lines numbered like an outline (``6-1.``, ``6-3-1.``) come before the
    bullets, the bullets belong to the last of them.
    """
    head: list[mt.Line] = []
    children: list[Bullet] = []
    for current in lines:
        first = current.segments[0] if current.segments else ("code", "")
        if first[0] != "code" and _PSEUDO_BULLET.match(current.text) and (head or children):
            stripped = _strip_marker(current)
            children.append(Bullet(current.line, [stripped]))
        elif children:
            children[-1].lines.append(current)
        else:
            head.append(current)
    if children and len(head) >= 2 and _OUTLINE_NUMBER.match(head[-1].text):
        # 6-2. XML 자동와이어링 / 6-3-1. @Resource / - …: the bullets are the last line's
        return Bullet(line, head[:-1], [Bullet(head[-1].line, [head[-1]], children)])
    return Bullet(line, head, children)


_OUTLINE_NUMBER = re.compile(r"^\d{1,3}(?:[-.]\d{1,3})+[.)]?\s+\S")


def _strip_marker(line: mt.Line) -> mt.Line:
    segments = list(line.segments)
    while segments and not segments[0][1].strip():
        segments.pop(0)
    if segments:
        kind, text = segments[0]
        segments[0] = (kind, _PSEUDO_BULLET.sub("", text.lstrip(), count=1))
    return mt.Line(line.line, segments)


_TASK_MARK = re.compile(r"^\[[ xX✓✔]\]\s+")


def _strip_task_mark(lines: list[mt.Line]) -> list[mt.Line]:
    """A task-list item (``- [ ] 불용어 처리``) without its check box."""
    if not lines or not _TASK_MARK.match(lines[0].text):
        return lines
    segments = list(lines[0].segments)
    while segments and not segments[0][1].strip():
        segments.pop(0)
    if segments and segments[0][0] != "code":
        kind, text = segments[0]
        segments[0] = (kind, _TASK_MARK.sub("", text.lstrip(), count=1))
    return [mt.Line(lines[0].line, segments, lines[0].hard), *lines[1:]]


def list_bullets(list_node: SyntaxTreeNode) -> list[Bullet]:
    """The items of a list, with nested lists and extra paragraphs as children.

    A task-list check box (``[ ]``, ``[x]``) is not part of an item's text.
    """
    result = []
    for item in list_node.children:
        if item.type != "list_item":
            continue
        bullet = Bullet(line_of(item), [])
        for child in item.children:
            if child.type == "paragraph":
                lines = lines_of(child)
                if not bullet.lines and not bullet.children:
                    lines = _strip_task_mark(lines)
                    split = split_pseudo(lines, line_of(child))
                    bullet.lines, bullet.children = split.lines, split.children
                elif lines:
                    bullet.children.append(split_pseudo(lines, line_of(child)))
            elif child.type in ("bullet_list", "ordered_list"):
                bullet.children.extend(list_bullets(child))
            elif child.type == "blockquote":
                bullet.children.extend(quote_bullets(child))
        result.append(bullet)
    return _merge_fragments(result)


def quote_bullets(node: SyntaxTreeNode) -> list[Bullet]:
    result = []
    for child in node.children:
        if child.type == "paragraph":
            result.append(split_pseudo(lines_of(child), line_of(child)))
        elif child.type in ("bullet_list", "ordered_list"):
            result.extend(list_bullets(child))
        elif child.type == "blockquote":
            result.extend(quote_bullets(child))
    return result


def _merge_fragments(bullets: list[Bullet]) -> list[Bullet]:
    """Join sibling bullets that continue one sentence (프로비저닝은 …로서, / …를 포함합니다.)."""
    merged: list[Bullet] = []
    for bullet in bullets:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.lines
            and bullet.lines
            and not previous.children
            and mt.continues(previous.lines[-1].text)
            and mt.label_of(bullet.lines[0].text) is None
        ):
            last = previous.lines[-1]
            joined = mt.Line(last.line, [*last.segments, ("text", " "), *bullet.lines[0].segments])
            previous.lines[-1] = joined
            previous.lines.extend(bullet.lines[1:])
            previous.children = bullet.children
        else:
            merged.append(bullet)
    return merged


@dataclass(slots=True)
class Group:
    """A run of lines that form one item."""

    line: int
    text: str
    label: ItemKind | None = None
    code: tuple[str, ...] = ()  # inline code spans of its lines

    def item(self, kind: ItemKind) -> Item:
        """The group as an item of ``kind`` (its label wins), with the code spans it shows."""
        return Item(self.text, self.line, self.label or kind, code=code_in(self.text, self.code))


def code_in(text: str, spans: Iterable[str]) -> tuple[str, ...]:
    """The distinct ``spans`` that ``text`` shows, in order."""
    found: list[str] = []
    for span in spans:
        span = " ".join(span.split())
        if span and span in text and span not in found:
            found.append(span)
    return tuple(found)


def _code_of(line: mt.Line) -> tuple[str, ...]:
    return tuple(text for kind, text in line.segments if kind == "code")


def group_lines(lines: list[mt.Line]) -> list[Group]:
    """Lines → items: wrapped lines join, ``예)``/``참고)`` lines and finished lines split.

    A soft line break continues the item; after a hard break (two trailing spaces)
    a new item starts unless the previous line stopped mid-sentence.
    """
    groups: list[Group] = []
    for line in lines:
        text = line.text
        if not text:
            continue
        label = mt.label_of(text)
        joins = not line.hard or mt.continues(groups[-1].text) if groups else False
        if groups and label is None and (joins or re.match(r"[a-z]", text)):
            groups[-1].text = f"{groups[-1].text} {text}".strip()
            groups[-1].code += _code_of(line)
            continue
        if label is not None:
            groups.append(Group(line.line, label[1], label[0], _code_of(line)))
        else:
            groups.append(Group(line.line, text, code=_code_of(line)))
    return [group for group in groups if group.text or group.label is not None]


_SEMI_CARD = re.compile(r"(?<![;(]);{2,3}(?![;)])")


def is_card(lines: list[mt.Line]) -> bool:
    """Flashcard syntax (``Q::A``, ``Q;;A``, a lone ``?``/``??`` line) is not a definition."""
    for line in lines:
        plain = "".join(text for kind, text in line.segments if kind != "code")
        if "::" in plain or _SEMI_CARD.search(plain) or line.text in ("?", "??"):
            return True
    return False


@dataclass(slots=True)
class TermMatch:
    name: str
    definition: list[Group]


_DEFINED_AS = re.compile(r"^(.{1,40}?[^\s(])(?:\s*\([^()]{1,40}\))?(?:이란|란)\s")
# A sidecar is a helper container that … / `alpine` as mentioned above is a minimal …
_DEFINED_EN = re.compile(
    r"^(?:an?\s+|the\s+)?(?P<name>[A-Za-z][\w\-./]{0,30}(?:\s[\w\-./]{1,30}){0,3}?)"
    r"(?:\s*\([^()]{1,40}\))?(?:,?\s+as\s+[^,]{1,40}?,?)?\s+(?:is|are)\s+(?:an?|the|one)\s+\w",
    re.IGNORECASE,
)
#: "전문 검색이란? 문서의 내용에서 키워드를 찾는 검색": a term asked and answered on one line
ASKED_INLINE = re.compile(r"^(?P<name>[^?？]{1,30}?)\s*(?:이란|란)\s*[?？]\s*(?P<rest>\S.{4,})$")
# after a code name: "health check which …", "volume that …" (the kind, then what it does)
_KIND_WHICH = re.compile(r"(?:[a-z][\w-]*\s+){1,2}(?:which|that)\s+[a-z]")
_DETERMINER_EN = re.compile(
    r"^(?:each|every|some|any|all|both|one|no|such|other|another|most|many)\b", re.I
)


# ACK (확인 응답)은 크기가 작아서 … / TCP는 신뢰할 만한 통신을 제공: a Latin name as the topic
_LATIN_TOPIC = re.compile(
    r"^(?P<name>[A-Z][A-Za-z0-9/_.+-]{1,20}(?:\s[A-Z][A-Za-z0-9/_.+-]{1,20})?)"
    r"\s?(?:\([\uac00-\ud7a3][^()]{0,30}\))?(?:은|는)\s\S.{8,}"
)
# a whole line in parentheses holding one "X: …" (no other parenthesis inside)
_WRAPPED = re.compile(r"\([^()]{1,40}?[:：]\s[^()]{4,}\)")
# "Server": receiving mail server — a short lead before a colon
_PLAIN_LEAD = re.compile(r"^([^:：`]{1,60}?)\s*[:：]\s")


def _described(text: str) -> bool:
    """Is an English line of four words or more a description (``Deletes file specified
    in URL field``) rather than a name?"""
    return text.isascii() and len(text.split()) >= 4 and not text.istitle()


def _defines_subject(name: str) -> bool:
    """May the subject of a defining sentence ("X is a …") be a term?"""
    return mt.term_like(name) and not mt.is_generic(name) and not _DETERMINER_EN.match(name)


_LEAD_SEPARATOR = re.compile(r"^(?:[:：]|[-–—=](?=\s))\s*")


def _separated_lead(line: mt.Line) -> tuple[str, str, str] | None:
    """``(kind, name, definition)`` of a line led by ``**X**:`` or `` `X` - ``, any X."""
    lead = line.lead()
    if lead is None:
        return None
    kind, term, rest = lead
    separated = _LEAD_SEPARATOR.match(rest)
    if not term.endswith((":", "：")) and not separated:
        return None
    return kind, term.rstrip(":： "), rest[separated.end() :] if separated else rest


def lead_name(bullet: Bullet) -> str | None:
    """The X of a ``**X**: …`` or ``X: …`` bullet, whether or not X names a term."""
    if not bullet.lines:
        return None
    first = bullet.lines[0]
    if first.lead() is not None:
        separated = _separated_lead(first)
        return separated[1] if separated else None
    plain = _PLAIN_LEAD.match(first.text)
    return plain.group(1).strip() if plain else None


def term_match(bullet: Bullet, *, allow_term_line: bool = True) -> TermMatch | None:
    """The term patterns of one bullet or paragraph, first line first."""
    if not bullet.lines:
        return None
    first = bullet.lines[0]
    separated = _separated_lead(first)
    if separated is not None:
        kind, name, definition = separated
        if mt.term_like(name) and not mt.is_generic(mt.split_alias(name)[0]):
            head = [mt.Line(first.line, [("text", definition)])] if definition else []
            groups = group_lines(head + bullet.lines[1:])
            if head and groups:
                groups[0].code = _code_of(first)[1 if kind == "code" else 0 :] + groups[0].code
            if groups or bullet.children:
                return TermMatch(name, groups)
    groups = group_lines(bullet.lines)
    if groups and groups[0].label is None and _WRAPPED.fullmatch(groups[0].text):
        # (동기화문제: 여러 스레드가 한 자원에 동시에 접근하는 문제이다.) as an aside
        aside = Group(groups[0].line, groups[0].text[1:-1].strip(), code=groups[0].code)
        groups = [aside, *groups[1:]]
    if groups and groups[0].label is None:
        split = mt.split_term(groups[0].text, groups[0].code)
        if split is not None and not mt.is_generic(mt.split_alias(split[0])[0]):
            head = Group(groups[0].line, split[1], code=groups[0].code)
            return TermMatch(split[0], [head, *groups[1:]])
        first_sentence = re.split(r"(?<=[.!?])\s", groups[0].text)[0]
        defined = _DEFINED_AS.match(groups[0].text)
        if (
            defined is not None
            and mt.term_like(defined.group(1))
            and not mt.is_generic(defined.group(1))
            and mt.copula_end(first_sentence)
        ):
            return TermMatch(defined.group(1), groups)
        latin = _LATIN_TOPIC.match(first_sentence)
        if latin is not None and not mt.is_generic(latin.group("name")):
            return TermMatch(latin.group("name"), groups)
        asked = ASKED_INLINE.match(groups[0].text)
        if asked is not None and mt.term_like(asked.group("name")):
            head = Group(groups[0].line, asked.group("rest"), code=groups[0].code)
            return TermMatch(asked.group("name"), [head, *groups[1:]])
        english = _DEFINED_EN.match(first_sentence)
        if english is not None and _defines_subject(english.group("name")):
            return TermMatch(english.group("name"), groups)
        lead = first.lead()
        if lead is not None and lead[0] == "code" and _KIND_WHICH.match(lead[2]):
            return TermMatch(lead[1], groups)  # `tcpSocket` health check which opens …
    if allow_term_line and len(bullet.lines) >= 2:
        head, nxt = bullet.lines[0].text, bullet.lines[1].text
        if (
            mt.term_like(head)
            and not mt.is_generic(mt.split_alias(head)[0])
            and mt.label_of(head) is None
            and not re.match(r"[a-z]", nxt)
        ):
            return TermMatch(head, group_lines(bullet.lines[1:]))
    # One line with bullets under it is a term line also in a paragraph whose bullets
    # follow without a blank line (``1.1 bean Factory`` / ``    - DI 관점의 컨테이너``).
    if (
        len(bullet.lines) == 1
        and bullet.children
        and not first.text.endswith((":", "："))
        and mt.term_like(first.text)
        and not mt.is_generic(mt.split_alias(first.text)[0])
        and mt.label_of(first.text) is None
        and _children_describe(bullet.children)
    ):
        return TermMatch(first.text, [])
    return None


def _children_describe(children: list[Bullet]) -> bool:
    """Do the bullets under a bare line say what it is, rather than list what it holds?

    The first child describing it is enough (``- Relational DB`` / ``- relational
    database management system …``). A first child that is another name (a synonym:
    ``- NoSQL database``) still leaves it a term when a later child describes it and
    names are not most of the children; a list of names is a category's members.
    """
    if not children[0].lines:
        return False

    def describing(text: str) -> bool:
        return (not mt.term_like(text) or _described(text)) and mt.label_of(text) is None

    first = children[0].lines[0].text
    if describing(first):
        return term_match(children[0]) is None
    read = children[:_CHILDREN_READ]
    if mt.label_of(first) is not None or any(term_match(child) is not None for child in read):
        return False
    texts = [child.lines[0].text for child in read if child.lines]
    names = sum(mt.term_like(text) and not _described(text) for text in texts)
    return any(map(describing, texts[1:])) and 2 * names <= len(texts)


#: How many children of a bare line are read to tell a term from a category.
_CHILDREN_READ = 8


# --- unclosed fences -------------------------------------------------------------------

_HEADING_LINE = re.compile(r"^(#{1,6})\s+(\S.*)$")


def _fence_closed(lines: list[str], token: Token) -> bool:
    assert token.map is not None
    start, end = token.map
    if end - 1 <= start or end - 1 >= len(lines):
        return False
    closing = lines[end - 1].lstrip(" \t>")
    char = token.markup[:1] or "`"
    return closing.startswith(token.markup) and not closing.strip().strip(char)


def close_runaway_fences(text: str, file: str) -> tuple[str, list[Token], list[ContentWarning]]:
    """Warn about unclosed code fences; end one that would swallow the rest of the file.

    A fence that is never closed runs to the end of the file. It is closed before
    the first later heading that follows a blank line (and is not a ``#`` comment
    of the code), by turning that blank line into a closing fence: line numbers stay.
    """
    warnings: dict[int, ContentWarning] = {}
    original = text
    for _ in range(50):
        tokens = MD.parse(text)
        lines = text.split("\n")
        last = len(lines)
        while last > 0 and not lines[last - 1].strip():
            last -= 1
        repaired = False
        for token in tokens:
            if token.type != "fence" or token.map is None or _fence_closed(lines, token):
                continue
            start, end = token.map
            if start + 1 not in warnings:
                warnings[start + 1] = ContentWarning(
                    file, start + 1, "code block is never closed; it ends where its block ends"
                )
            if token.level != 0 or end < last:
                continue
            for index in range(start + 2, end):
                match = _HEADING_LINE.match(lines[index])
                if match is None or lines[index - 1].strip():
                    continue
                if len(match.group(1)) >= 2 or chapter_of(match.group(2), 1) is not None:
                    lines[index - 1] = token.markup
                    warnings[start + 1] = ContentWarning(
                        file,
                        start + 1,
                        f"code block is never closed; treated as closed at line {index}",
                    )
                    text = "\n".join(lines)
                    repaired = True
                    break
            if repaired:
                break
        if not repaired:
            if text is original:
                _remember(text, tokens)
            return text, tokens, sorted(warnings.values(), key=lambda w: w.line)
    return text, MD.parse(text), sorted(warnings.values(), key=lambda w: w.line)


# --- one parse for notes and flashcards --------------------------------------------------

# Definition lists are the only block syntax MD reads that the flashcard parser's
# markdown-it does not; they need a line (inside any quote or list marker) starting
# with ``:`` or ``~`` and a space. Strikethrough only changes inline children, which
# the flashcard parser does not read.
_MAYBE_DEFLIST = re.compile(r"^[ \t>*+\-\d.)]*[:~][ \t]", re.MULTILINE)

# The tokens of the last file parsed, until the flashcard parser takes them: one entry,
# so a book's tokens are never kept beyond the next parse.
_last: tuple[str, list[Token]] | None = None


def _remember(text: str, tokens: list[Token]) -> None:
    global _last
    _last = (text, tokens) if _MAYBE_DEFLIST.search(text) is None else None


def reuse_tokens(text: str) -> list[Token] | None:
    """The block tokens of ``text`` if the notes parser just read it, and forget them.

    Parsing a 10 MB book is most of the time markdown-it takes; the flashcard parser
    reads the same file right after the notes parser, and without definition lists the
    block tokens of both parsers' settings are the same.
    """
    global _last
    last, _last = _last, None
    if last is not None and last[0] == text:
        return last[1]
    return None
