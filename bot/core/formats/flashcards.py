"""Find the flashcards a person wrote inside Markdown notes.

Recognised forms (the syntax of Obsidian's Spaced Repetition plugin, an HTML deck form, and
the ways people write questions with their answers in study notes):

``Question::Answer``
    one flashcard; ``Question:::Answer`` gives two, one each way.
``Question;;Answer``
    the same as ``::`` with semicolons (``Question;;;Answer`` gives two cards), when
    both sides hold words and the ``;;`` is not inside parentheses (``for(;;)``).
``Question`` / ``?`` / ``Answer``
    a multi-line card: question lines, a line holding only ``?`` (``??`` for both
    ways), answer lines, up to a blank line or heading. A list right after the ``?``
    line is the answer too.
``==hidden text==``
    a cloze card per highlighted span: the sentence around it with the span blanked
    (``____``), other spans of the sentence shown as plain text. A span must start after
    a space, punctuation or line start, end before one (or a Korean particle), and have
    no space just inside its ``==``: ``a==b``, ``a==b==c`` and ``x == y`` are not cloze.
``<details><summary>sentence with _____</summary>answer</details>``
    a fill-in-the-blank card (each run of underscores becomes ``____``); a sentence
    quoted CSV-style (``"… ""x"" …"``) is unquoted.
``<details><summary>Q. question</summary>answer</details>``
    an interview card: a summary that is labelled (``Q.``, ``Q:``, ``Q)``, ``Q1.``,
    ``질문:``) or ends as a question (``?``, ``…까``, ``…나요``) asks, and the body (Markdown,
    often inside ``<div markdown="1">``) is the answer as plain text. A summary that only
    names a topic (``<summary>Database</summary>``) is not a card.
``**Question?**`` then an answer
    a paragraph that is only a bold question (or bold lines, each a question followed by
    answer lines), answered by the lines under it, else by the next paragraph or list
    (a paragraph ending in ``:`` takes the list after it too). When the question points
    at something (``this command``, ``다음 코드``), a short code block or a numbered list
    between it and a bullet answer is what it asks about, so the prompt shows it. A
    rule, heading, another bold line, a question or the end of the enclosing list item
    or quote before any text answer means no card: a code block is never an answer.
``## Q. Question`` then the section
    a heading labelled like an interview summary asks, and its section (up to the next
    heading of the same or a higher level) is the answer: paragraphs, lists and quotes
    as plain text, code and tables left out (a section of only code makes no card). A
    heading that only ends with ``?`` is a section title, not a card.

The prompts of interview cards, bold questions and ``Q.`` headings lose their label and
decorations: emoji, stars (``⭐⭐``) and bracketed tags at either end (``[심화]``). Their
answers lose a leading ``A.`` / ``답:`` label or arrow (``→``).

Nothing inside code (fenced, indented or inline), wikilinks ``[[…]]``, front matter or
headings (but a ``Q.`` heading) makes a card. ``<!--SR:…-->`` scheduling comments and
Obsidian block ids (`` ^63d7e2`` ending a line) are dropped. Prompts and answers are
plain text: Markdown emphasis, links and backticks are removed (the text of inline code
is kept). An answer made of inline code alternatives (`` `a` or `b` ``) also accepts
each alternative. Cards that ask the very same prompt become one card that accepts every
answer given to it. A card with an empty side, or whose answer is only an image, is
skipped with a warning.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from bot.core._collector import without_cycle_collection
from bot.core._mdblocks import label_guard_plugin, reuse_tokens
from bot.core.model import Card, ContentWarning, QuestionKind

__all__ = ["BLANK", "parse_cards"]

log = logging.getLogger(__name__)

BLANK = "____"

_MD = MarkdownIt("commonmark").use(front_matter_plugin).use(label_guard_plugin).enable("table")

_HOLE = "\ue000"  # stands for the blank while the sentence is cleaned
_MASK = "\ue001"  # hides code, wikilinks and comments from the card syntax
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Scheduling data the spaced-repetition plugin writes; never content, even inside code.
_SR_COMMENT = re.compile(r"<!--SR:.*?-->", re.DOTALL)
_WIKILINK = re.compile(r"!?\[\[([^\[\]\n]*)\]\]")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_COLONS = re.compile(r":{2,}")
_SPACES = re.compile(r"\s+")
_UNDERSCORES = re.compile(r"_{3,}")
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+(?=[\"'(\[A-Z0-9\u3131-\u318e\uac00-\ud7a3])")
_ALTERNATIVE_SEPARATOR = re.compile(r"^(?:\s|,|;|/|\bor\b|또는|혹은)*$", re.IGNORECASE)
_TASK_MARK = re.compile(r"^\s*\[[ xX]\]\s+")
_IPV6 = re.compile(r"^[0-9A-Fa-f:.]*::[0-9A-Fa-f:.]*(?:/\d+|%\w+)?$")
_SEMICOLONS = re.compile(r";{2,}")
# An Obsidian block id ending a line: `text ^63d7e2`; never part of a card's text.
_BLOCK_ID = re.compile(r"(?:^|(?<=[ \t]))\^[A-Za-z0-9][A-Za-z0-9-]{2,40}[ \t]*$", re.MULTILINE)
_EMOJI = re.compile("[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(|!\[\[|<img\b", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_HTML_ONLY_LINE = re.compile(r"^[ \t]*(?:</?[A-Za-z][^<>]*>[ \t]*)+$")
_CALLOUT = re.compile(r"^[ \t]*\[![\w-]+\][+-]?[ \t]*")
# The label of a written question: Q. Q: Q) Q1. Q 2) Question 3: 질문: 질문1.
_QUESTION_LABEL = re.compile(
    r"(?:Q(?:uestion)?|질문)[ \t]*[-#]?[ \t]*\d{0,3}[ \t]*[.:)\uff0e\uff1a][ \t]*", re.IGNORECASE
)
_LABEL_TAG = re.compile(r"(?:Q(?:uestion)?|질문)[ \t]*\d{0,3}", re.IGNORECASE)
_ANSWER_LABEL = re.compile(
    r"(?:A(?:nswer)?|답|정답)[ \t]*\d{0,3}[ \t]*[.:)\uff0e\uff1a][ \t]+"
    r"|(?:→|->|=>|⇒|➡\ufe0f?)[ \t]*",
    re.IGNORECASE,
)
_EDGE_TAG = re.compile(r"^[\[【]([^\[\]【】\n]{1,20})[\]】]|[\[【]([^\[\]【】\n]{1,20})[\]】]$")
_QUESTION_END = re.compile(r"(?:[?\uff1f][!?.…)\"'」]*|까|나요|[는은던]가|[는은던인한]가요)$")
# Cheap test before parsing: text without any of these holds no card.
# A paragraph with none of these holds no inline card, cloze or bold question.
_MAY_BE_CARD_LINE = re.compile(r"::|;;|==|\*\*|__")
_MAY_HOLD_CARDS = re.compile(
    r"::|;;|==|<details|^[ \t>*+-]*\?\??[ \t]*$|(?:\*\*|__)[ \t]*(?:\^[\w-]+[ \t]*)?$"
    r"|^[ \t>]*#{1,6}[ \t][^\n]{0,12}?(?:Q|질문)",
    re.MULTILINE | re.IGNORECASE,
)
_SEPARATOR_LINES = {"?": False, "??": True}  # the multi-line separator → both ways?


# ---------------------------------------------------------------- masking


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Ranges of inline code spans (backticks included), by CommonMark's backtick rule."""
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char != "`":
            index += 1
            continue
        end = index
        while end < len(text) and text[end] == "`":
            end += 1
        run = end - index
        search = end
        closing = None
        while (found := text.find("`" * run, search)) != -1:
            stop = found
            while stop < len(text) and text[stop] == "`":
                stop += 1
            if stop - found == run:
                closing = stop
                break
            search = stop
        if closing is None:
            index = end
        else:
            spans.append((index, closing))
            index = closing
    return spans


def _mask(text: str) -> str:
    """``text`` with code spans, wikilinks and HTML comments blanked out (same length)."""
    chars = list(text)

    def hide(start: int, stop: int) -> None:
        chars[start:stop] = _MASK * (stop - start)

    for start, stop in _code_spans(text):
        hide(start, stop)
    masked = "".join(chars)
    for pattern in (_COMMENT, _WIKILINK):
        for match in pattern.finditer(masked):
            hide(*match.span())
        masked = "".join(chars)
    return masked


# ---------------------------------------------------------------- plain text


class _PlainText:
    """Renders a piece of Markdown inline text as plain text."""

    @staticmethod
    def _wikilink(match: re.Match[str]) -> str:
        if match.group(0).startswith("!"):
            return ""  # an embed shows another note, not words
        target, _, alias = match.group(1).partition("|")
        return alias or target.split("#", 1)[0]

    @classmethod
    def render(cls, text: str) -> str:
        # Highlight markers go first (their content stays), then comments, breaks and
        # wikilinks outside code; markdown-it then resolves emphasis, links and escapes.
        text = _BLOCK_ID.sub("", _SR_COMMENT.sub("", _TASK_MARK.sub("", text)))
        spans = _cloze_spans(_mask(text))
        for start, stop in reversed(spans):
            text = text[:start] + text[start + 2 : stop - 2] + text[stop:]
        pieces: list[str] = []
        start = 0
        for code_start, code_stop in [*_code_spans(text), (len(text), len(text))]:
            piece = _COMMENT.sub("", text[start:code_start])
            piece = _BREAK_TAG.sub(" ", piece)
            pieces.append(_WIKILINK.sub(cls._wikilink, piece))
            pieces.append(text[code_start:code_stop])
            start = code_stop
        words: list[str] = []
        for token in _MD.parseInline("".join(pieces))[0].children or []:
            if token.type == "text":
                # A ** CommonMark could not pair (`**상태(Phase)**를`) is markup, not text.
                words.append(token.content.replace("**", ""))
            elif token.type == "code_inline":
                words.append(token.content)
            elif token.type in {"softbreak", "hardbreak", "image"}:
                words.append(" ")
        return _SPACES.sub(" ", unescape("".join(words))).strip()


def _plain(text: str) -> str:
    return _PlainText.render(text)


def _has_words(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def _is_decoration(char: str) -> bool:
    """Emoji, stars and other pictures that dress a prompt up but say nothing."""
    return (
        char.isspace()
        or unicodedata.category(char) in {"So", "Cf"}
        or "\ufe00" <= char <= "\ufe0f"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
    )


def _trim(text: str) -> tuple[str, bool]:
    """``text`` without decorations, bracketed tags and a question label at its ends.

    Also says whether a label (``Q.``, ``[Q1]``, ``질문:``) was there.
    """
    labelled = False
    while True:
        start, stop = 0, len(text)
        while start < stop and _is_decoration(text[start]):
            start += 1
        while stop > start and _is_decoration(text[stop - 1]):
            stop -= 1
        trimmed = text[start:stop]
        label = _QUESTION_LABEL.match(trimmed)
        if label:
            labelled = True
            trimmed = trimmed[label.end() :]
        tag = _EDGE_TAG.search(trimmed)
        if tag:
            labelled = labelled or bool(
                _LABEL_TAG.fullmatch((tag.group(1) or tag.group(2)).strip())
            )
            trimmed = trimmed[: tag.start()] + trimmed[tag.end() :]
        if trimmed == text:
            return text, labelled
        text = trimmed


def _question(plain: str) -> tuple[str, bool]:
    """The prompt of a written question and whether the text reads as one.

    It reads as a question when it was labelled (``Q.``) or ends like a question. Emoji
    go wherever they are; other pictures only at the ends.
    """
    prompt, labelled = _trim(_SPACES.sub(" ", _EMOJI.sub(" ", plain)))
    return prompt, labelled or _reads_as_question(prompt)


def _reads_as_question(plain: str) -> bool:
    return bool(_QUESTION_END.search(plain))


def _answer(plain: str) -> str:
    """An answer without a leading ``A.`` / ``답:`` label or arrow."""
    plain = plain.strip()
    label = _ANSWER_LABEL.match(plain)
    return plain[label.end() :].strip() if label else plain


def _alternatives(raw_answer: str, answer: str) -> tuple[str, ...]:
    """``answer`` plus each inline-code alternative when the answer is `a` or `b`."""
    spans = _code_spans(raw_answer)
    if len(spans) < 2:
        return (answer,)
    between = [raw_answer[: spans[0][0]]]
    between += [raw_answer[a[1] : b[0]] for a, b in itertools.pairwise(spans)]
    between.append(raw_answer[spans[-1][1] :])
    if not all(_ALTERNATIVE_SEPARATOR.match(_COMMENT.sub("", part)) for part in between):
        return (answer,)
    options = [_plain(raw_answer[start:stop]) for start, stop in spans]
    return tuple(dict.fromkeys([answer, *(option for option in options if option)]))


# ---------------------------------------------------------------- cloze spans


def _delimiter_before(char: str) -> bool:
    return char.isspace() or (unicodedata.category(char)[0] in "PS" and char not in "=\\")


def _delimiter_after(char: str) -> bool:
    return _delimiter_before(char) or "\uac00" <= char <= "\ud7a3"  # Korean particles


def _cloze_spans(masked: str) -> list[tuple[int, int]]:
    """Ranges ``(start, stop)`` of ``==…==`` spans, the ``==`` included."""
    spans: list[tuple[int, int]] = []
    index = 0
    while (opening := masked.find("==", index)) != -1:
        inner = opening + 2
        closing = masked.find("==", inner + 1)
        after = closing + 2
        if (
            (opening == 0 or _delimiter_before(masked[opening - 1]))
            and inner < len(masked)
            and not masked[inner].isspace()
            and masked[inner] != "="
            and closing != -1
            and "\n" not in masked[inner:closing]
            and not masked[closing - 1].isspace()
            and masked[closing - 1] != "="
            and (after == len(masked) or _delimiter_after(masked[after]))
        ):
            spans.append((opening, after))
            index = after
        else:
            index = opening + 1
    return spans


# ---------------------------------------------------------------- the walk


@dataclass(slots=True)
class _Collector:
    file: str
    cards: list[Card]
    warnings: list[ContentWarning]

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ContentWarning(self.file, line, message))

    def pair(
        self,
        line: int,
        question: str,
        raw_answer: str,
        *,
        both_ways: bool,
    ) -> None:
        answer = _plain(raw_answer)
        self.card(
            line,
            _plain(question),
            _alternatives(raw_answer, answer),
            has_image=bool(_IMAGE.search(raw_answer)),
            both_ways=both_ways,
        )

    def card(
        self,
        line: int,
        prompt: str,
        answers: tuple[str, ...],
        *,
        has_image: bool = False,
        both_ways: bool = False,
    ) -> None:
        """A flashcard of plain ``prompt`` and ``answers`` (the first is revealed)."""
        if not _has_words(prompt):
            self.warn(line, "flashcard has no question; skipped")
        elif not answers or not _has_words(answers[0]):
            if has_image:
                self.warn(
                    line, f"flashcard {prompt[:60]!r} has only an image as its answer; skipped"
                )
            else:
                self.warn(line, f"flashcard {prompt[:60]!r} has no answer; skipped")
        else:
            self.cards.append(Card(prompt, answers, line, QuestionKind.FLASHCARD))
            if both_ways:
                self.cards.append(Card(answers[0], (prompt,), line, QuestionKind.FLASHCARD))

    def cloze(self, line: int, sentence: str, hidden: str) -> None:
        answer = _plain(hidden)
        prompt = _plain(sentence).replace(_HOLE, BLANK)
        if not _has_words(answer):
            self.warn(line, "cloze card hides no text; skipped")
        elif not _has_words(prompt.replace(BLANK, "")):
            self.warn(line, f"cloze {answer[:60]!r} has no sentence around it; skipped")
        else:
            self.cards.append(Card(prompt, (answer,), line, QuestionKind.CLOZE))


def _inline_lines(token: Token) -> list[tuple[int, str]]:
    """The source lines of an inline token, numbered from 1."""
    first = token.map[0] if token.map else 0
    return [(first + offset + 1, text) for offset, text in enumerate(token.content.split("\n"))]


def _list_text(tokens: list[Token], start: int) -> tuple[str, int]:
    """The items of the list opening at ``tokens[start]`` joined as one answer, and its end."""
    depth = 0
    items: list[str] = []
    for index in range(start, len(tokens)):
        token = tokens[index]
        depth += token.nesting
        if token.type == "inline":
            items.append(token.content.replace("\n", " "))
        if depth == 0:
            return "; ".join(items), index
    return "; ".join(items), len(tokens) - 1


def _paragraph(collector: _Collector, tokens: list[Token], index: int, inline: Token) -> int | None:
    """Cards of one paragraph; returns the index of a list it used as an answer."""
    lines = _inline_lines(inline)
    separators = [i for i, (_, text) in enumerate(lines) if text.strip() in _SEPARATOR_LINES]
    if separators:
        cut = separators[0]
        both_ways = _SEPARATOR_LINES[lines[cut][1].strip()]
        question = " ".join(text for _, text in lines[:cut])
        answer = " ".join(text for _, text in lines[cut + 1 :])
        used_list = None
        if not answer.strip():
            closing = index + 2  # inline, paragraph_close, then maybe a list
            if (
                closing < len(tokens)
                and tokens[closing].type in {"bullet_list_open", "ordered_list_open"}
                and tokens[closing].map
                and inline.map
                and tokens[closing].map[0] == inline.map[1]
            ):
                answer, used_list = _list_text(tokens, closing)
        line = lines[0][0] if cut else lines[cut][0]
        if _has_words(question) or _has_words(answer):  # a lone "?" is just a "?"
            collector.pair(line, question, answer, both_ways=both_ways)
        return used_list
    if not _MAY_BE_CARD_LINE.search(inline.content):
        return None  # no separator, cloze or bold question in this paragraph
    masked_lines = [(line, text, _mask(text)) for line, text in lines]
    splits = [_inline_separator(text, masked) for _, text, masked in masked_lines]
    if not any(splits) and _bold_line(masked_lines[0][1], masked_lines[0][2]) is not None:
        return _bold_cards(collector, tokens, index, masked_lines)
    run: list[tuple[int, str, str]] = []  # consecutive lines that are not flashcards
    for (line, text, masked), split in zip(masked_lines, splits, strict=True):
        if split:
            _cloze_cards(collector, run)
            run = []
            question, answer = text[: split.start()], text[split.end() :]
            collector.pair(line, question, answer, both_ways=len(split.group()) == 3)
        else:
            run.append((line, text, masked))
    _cloze_cards(collector, run)
    return None


def _inline_separator(text: str, masked: str) -> re.Match[str] | None:
    """The ``::``, ``:::``, ``;;`` or ``;;;`` splitting a one-line card, if the line is one.

    ``;;`` also shows up in code written as prose (``for(;;)``), so it splits a line only
    when there are words (or an image) on both of its sides and it is not inside
    parentheses.
    """
    found: list[re.Match[str]] = []
    colons = _COLONS.search(masked)
    if colons and len(colons.group()) in (2, 3) and not _not_a_separator(masked, colons):
        found.append(colons)
    semicolons = _SEMICOLONS.search(masked)
    if (
        semicolons
        and len(semicolons.group()) in (2, 3)
        and not masked[: semicolons.start()].endswith("(")
        and not masked[semicolons.end() :].startswith(")")
        and _has_words(_plain(text[: semicolons.start()]))
        and (
            _has_words(_plain(text[semicolons.end() :]))
            or bool(_IMAGE.search(text, semicolons.end()))
        )
    ):
        found.append(semicolons)
    return min(found, key=lambda match: match.start(), default=None)


# ---------------------------------------------------------------- written questions


def _bold_line(text: str, masked: str) -> str | None:
    """The inside of a line that is only bold text (``**…**`` or ``__…__``), else None."""
    masked = _BLOCK_ID.sub("", masked).rstrip()
    start = len(masked) - len(masked.lstrip())
    masked, text = masked[start:], text[start : len(masked)]
    mark = masked[:2]
    if (
        len(masked) > 4
        and mark in ("**", "__")
        and masked.endswith(mark)
        and mark not in masked[2:-2]
        and not masked[2].isspace()
        and not masked[-3].isspace()
    ):
        return text[2:-2]
    return None


_TEXT_BLOCKS = {"paragraph_open", "bullet_list_open", "ordered_list_open", "blockquote_open"}
_CODE_BLOCKS = {"fence", "code_block"}
_LISTS = {"bullet_list_open", "ordered_list_open"}
_MAX_SHOWN_CODE_LINES = 3
# Words of a question that asks about something shown with it: "what does this do?"
_POINTS_AT = re.compile(
    r"\b(?:this|these|following|below|above)\b|다음|아래|위의|(?:^|\s)이(?:것|런)?\s", re.IGNORECASE
)
_MAX_SHOWN_CHARS = 300


def _block_at(tokens: list[Token], index: int, level: int) -> tuple[int, int] | None:
    """``(open, close)`` of the block opening at ``tokens[index]`` if it is at ``level``.

    ``None`` past the end of the tokens or of the container holding ``level``.
    """
    if index >= len(tokens) or tokens[index].level < level:
        return None
    close = index
    if tokens[index].nesting == 1:
        depth = 0
        while close < len(tokens):
            depth += tokens[close].nesting
            if depth == 0:
                break
            close += 1
    return index, min(close, len(tokens) - 1)


def _blocks_text(
    tokens: list[Token], start: int, stop: int, *, html: bool = False
) -> tuple[str, bool]:
    """The plain text of ``tokens[start:stop]`` and whether an image was in it.

    Paragraphs follow each other as sentences, list items with ``; `` (a space after an
    item ending in punctuation); code, tables and heading titles are left out, and so
    are HTML blocks unless ``html``, which keeps their text.
    """
    pieces: list[tuple[str, bool]] = []  # text, inside a list
    lists = tables = 0
    has_image = False
    for index in range(start, min(stop, len(tokens))):
        token = tokens[index]
        raw = ""
        if token.type in _LISTS:
            lists += 1
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            lists -= 1
        elif token.type in {"table_open", "table_close"}:
            tables += token.nesting
        elif token.type == "inline" and not tables and tokens[index - 1].type == "paragraph_open":
            raw = _CALLOUT.sub("", token.content)
        elif token.type == "html_block" and html:
            raw = "\n".join(_TAG.sub(" ", line) for line in token.content.split("\n"))
        if not raw:
            continue
        has_image = has_image or bool(_IMAGE.search(raw))
        text = _plain(raw)
        if _has_words(text):
            pieces.append((text, lists > 0))
    joined = ""
    for position, (text, in_list) in enumerate(pieces):
        if position:
            if in_list and pieces[position - 1][1] and joined[-1] not in ".!?。,;:…":
                joined += "; "
            elif _has_words(joined[-1]):  # a paragraph written without a full stop
                joined += ". "
            else:
                joined += " "
        joined += text
    return joined, has_image


def _code_text(token: Token) -> str:
    return " ; ".join(line.strip() for line in token.content.split("\n") if line.strip())


def _bold_cards(
    collector: _Collector, tokens: list[Token], index: int, lines: list[tuple[int, str, str]]
) -> int | None:
    """Cards of a paragraph whose first line is only bold text; returns the last token used.

    Each bold line that reads as a question is answered by the lines after it, up to the
    next bold line; the last one, when no lines follow it, by the blocks after the
    paragraph (see :func:`_answer_after`).
    """
    groups: list[tuple[int, str, list[str]]] = []  # line, bold text, answer lines
    for line, text, masked in lines:
        inner = _bold_line(text, masked)
        if inner is not None:
            groups.append((line, inner, []))
        elif not _BLOCK_ID.fullmatch(text.strip()):
            groups[-1][2].append(text)
    used = None
    for position, (line, inner, answer_lines) in enumerate(groups):
        prompt, asks = _question(_plain(inner))
        if not asks or not _has_words(prompt):
            continue
        if answer_lines:
            raw = "\n".join(answer_lines)
            answer = _answer(_plain(raw))
            collector.card(line, prompt, (answer,), has_image=bool(_IMAGE.search(raw)))
        elif position == len(groups) - 1:
            found = _answer_after(tokens, index + 1, prompt)
            if found is not None:
                shown, answer, has_image, used = found
                prompt = f"{prompt} {shown}" if shown else prompt
                collector.card(line, prompt, (answer,), has_image=has_image)
    return used


def _answer_after(
    tokens: list[Token], closing: int, question: str
) -> tuple[str, str, bool, int] | None:
    """What the bold ``question`` closed at ``tokens[closing]`` (its paragraph_close)
    shows, its answer, whether the answer held an image, and the last token of the answer.

    The answer is the next paragraph, list or quote (a paragraph ending in ``:`` takes
    the list after it too). Before it may come what a question pointing at something
    ("this command", "다음 코드") is about: short code blocks, or a numbered list followed
    by bullets; the answer after them must be a bullet list. ``None`` when a rule, heading, HTML
    block, table, bold line or the container's end comes first, when the answer would be
    a question itself, or when what the question is about is too long to show.
    """
    level = tokens[closing].level
    shown: list[str] = []
    block = _block_at(tokens, closing + 1, level)
    while block is not None:
        opening, close = block
        token = tokens[opening]
        after = _block_at(tokens, close + 1, level)
        following = tokens[after[0]] if after is not None else None
        block = after
        if token.type in _CODE_BLOCKS:
            lines = [line for line in token.content.split("\n") if line.strip()]
            if len(lines) > _MAX_SHOWN_CODE_LINES or not _POINTS_AT.search(question):
                return None  # the code answers it, and code is never an answer
            shown.append(_code_text(token))
            continue
        if token.type not in _TEXT_BLOCKS:
            return None
        if token.type == "paragraph_open":
            inline = tokens[opening + 1]
            if _bold_line(inline.content, _mask(inline.content)) is not None:
                return None
        if (
            token.type == "ordered_list_open"
            and _POINTS_AT.search(question)
            and following is not None
            and following.type == "bullet_list_open"
        ):
            shown.append(_blocks_text(tokens, opening, close + 1)[0])
            continue
        if shown and token.type != "bullet_list_open":
            return None  # prose after code talks about the code; a deck bullets its answer
        answer, has_image = _blocks_text(tokens, opening, close + 1)
        if (
            token.type == "paragraph_open"
            and answer.endswith(":")
            and after is not None
            and tokens[after[0]].type in _LISTS
        ):
            more, more_image = _blocks_text(tokens, after[0], after[1] + 1)
            answer, has_image, close = f"{answer} {more}", has_image or more_image, after[1]
        answer = _answer(answer)
        if _reads_as_question(answer) and token.type == "paragraph_open":
            return None
        text = " ".join(shown)
        if len(text) > _MAX_SHOWN_CHARS:
            return None
        return text, answer, has_image, close
    return None


def _not_a_separator(masked: str, colons: re.Match[str]) -> bool:
    """Whether the ``::`` is a fenced-div fence (``::: note``) or inside an IPv6 address."""
    if masked.lstrip().startswith(":::"):
        return True
    start = masked.rfind(" ", 0, colons.start()) + 1
    stop = masked.find(" ", colons.end())
    word = masked[start : stop if stop != -1 else len(masked)].strip("[](),.;")
    return bool(_IPV6.match(word)) and (word == "::" or any(ch.isdigit() for ch in word))


#: More highlights than this in one sentence are a highlighted passage, not cards.
MAX_CLOZES_PER_SENTENCE = 12


def _cloze_cards(collector: _Collector, lines: list[tuple[int, str, str]]) -> None:
    """One cloze card per ``==span==`` in consecutive paragraph lines.

    Each card is the sentence around its highlight, with the other highlights shown as
    plain text. The text is unwrapped and split into sentences once, so the work is
    linear in the size of the paragraph however many highlights it holds.
    """
    if not any("==" in masked for _, _, masked in lines):
        return
    text = "\n".join(text for _, text, _ in lines)
    masked = "\n".join(masked for _, _, masked in lines)
    spans = _cloze_spans(masked)
    if not spans:
        return
    pieces: list[str] = []
    holes: list[tuple[int, int]] = []  # where each highlight's words land in ``plain``
    cursor = length = 0
    for start, stop in spans:
        pieces.append(text[cursor:start])
        length += start - cursor
        word = text[start + 2 : stop - 2]
        holes.append((length, length + len(word)))
        pieces.append(word)
        length += len(word)
        cursor = stop
    pieces.append(text[cursor:])
    plain = "".join(pieces)
    separators = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(plain)]
    starts = [sep_end for _, sep_end in separators]
    per_sentence: dict[int, int] = {}
    newlines = counted = 0  # newlines before ``counted``: each line is counted once
    for (start, stop), (hole_start, hole_stop) in zip(spans, holes, strict=True):
        index = bisect.bisect_right(starts, hole_start)
        begin = starts[index - 1] if index else 0
        finish = separators[index][0] if index < len(separators) else len(plain)
        newlines += text.count("\n", counted, start)
        counted = start
        line = lines[0][0] + newlines
        per_sentence[index] = per_sentence.get(index, 0) + 1
        if per_sentence[index] > MAX_CLOZES_PER_SENTENCE:
            if per_sentence[index] == MAX_CLOZES_PER_SENTENCE + 1:
                collector.warn(
                    line,
                    f"more than {MAX_CLOZES_PER_SENTENCE} highlights in one sentence;"
                    " the rest are not asked",
                )
            continue
        sentence = plain[begin:hole_start] + _HOLE + plain[hole_stop:finish]
        collector.cloze(line, _SPACES.sub(" ", sentence), text[start + 2 : stop - 2])


@dataclass(slots=True)
class _Disclosure:
    """One ``<details>`` read by :class:`_Details`."""

    start: int  # offset of "<details"
    line: int  # where the summary's text starts (1-based within the fed text)
    summary: list[str]
    body: list[str]  # the body's text, tags left out
    body_start: int = -1  # offset just after "</summary>"
    body_stop: int = -1  # offset of "</details>"
    inner: list[tuple[int, int]] | None = None  # nested <details> ranges


class _Details(HTMLParser):
    """Collects the ``<details><summary>…</summary>…</details>`` of a piece of source."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.found: list[_Disclosure] = []
        self._stack: list[_Disclosure] = []
        self._in_summary = 0
        self._line_starts = [0]
        for number, char in enumerate(source):
            if char == "\n":
                self._line_starts.append(number + 1)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _tag_end(self) -> int:
        stop = self.source.find(">", self._offset())
        return len(self.source) if stop == -1 else stop + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "details":
            self._stack.append(_Disclosure(self._offset(), self.getpos()[0], [], []))
        elif tag == "summary" and self._stack:
            self._in_summary += 1
        elif tag == "br" and self._stack:
            self.handle_data(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "summary" and self._in_summary:
            self._in_summary -= 1
            if self._stack and self._stack[-1].body_start < 0:
                self._stack[-1].body_start = self._tag_end()
        elif tag == "details" and self._stack:
            found = self._stack.pop()
            found.body_stop = self._offset()
            self.found.append(found)
            if self._stack:
                parent = self._stack[-1]
                parent.inner = [*(parent.inner or []), (found.start, self._tag_end())]

    def handle_data(self, data: str) -> None:
        if not self._stack:
            return
        found = self._stack[-1]
        if self._in_summary:
            if not "".join(found.summary).strip() and data.strip():
                leading = data[: len(data) - len(data.lstrip())]
                found.line = self.getpos()[0] + leading.count("\n")
            found.summary.append(data)
        else:
            found.body.append(data)

    def body_source(self, found: _Disclosure) -> str:
        """The Markdown source of a body, nested ``<details>`` and tag-only lines left out."""
        if found.body_start < 0:
            return ""
        pieces: list[str] = []
        cursor = found.body_start
        for start, stop in found.inner or []:
            if start >= cursor:
                pieces.append(self.source[cursor:start])
                cursor = stop
        pieces.append(self.source[cursor : max(cursor, found.body_stop)])
        lines = "".join(pieces).split("\n")
        return textwrap.dedent(
            "\n".join("" if _HTML_ONLY_LINE.match(line) else line for line in lines)
        )


def _unquote_csv(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text.replace('""', '"')


def _details_cards(collector: _Collector, source: str, first_line: int) -> None:
    parser = _Details(source)
    parser.feed(source)
    parser.close()
    for found in parser.found:
        line = first_line + found.line - 1
        sentence = _unquote_csv(_SPACES.sub(" ", "".join(found.summary)).strip())
        if _UNDERSCORES.search(sentence):
            answer = _unquote_csv(_SPACES.sub(" ", "".join(found.body)).strip())
            collector.cloze(line, _UNDERSCORES.sub(_HOLE, sentence), answer)
            continue
        prompt, asks = _question(_plain(sentence))
        if asks and _has_words(prompt):
            body = _MD.parse(parser.body_source(found))
            answer, has_image = _blocks_text(body, 0, len(body), html=True)
            collector.card(line, prompt, (_answer(answer),), has_image=has_image)


def _details_end(lines: list[str], start: int) -> int | None:
    """The index of the line after the ``</details>`` closing the one opened at ``start``.

    ``None`` when it is not closed before a code fence or the end of the file.
    """
    depth = 0
    for index in range(start, len(lines)):
        if index > start and lines[index].lstrip().startswith(("```", "~~~")):
            return None
        low = lines[index].lower()
        depth += low.count("<details") - low.count("</details")
        if depth <= 0:
            return index + 1
    return None


def _walk(collector: _Collector, text: str) -> None:
    # The notes parser has usually just parsed the same text with compatible settings.
    tokens = reuse_tokens(text)
    if tokens is None:
        tokens = _MD.parse(text)
    source_lines = text.split("\n")
    skip_until_line = 0  # lines already read as part of a <details> card
    skip_until_token = -1
    for index, token in enumerate(tokens):
        if index <= skip_until_token:
            continue
        if token.map and token.map[0] < skip_until_line:
            continue
        if token.type == "html_block" and token.map and "<details" in token.content.lower():
            # A <details> may hold blank lines; an unclosed one reads only its own block.
            end = _details_end(source_lines, token.map[0]) or token.map[1]
            _details_cards(collector, "\n".join(source_lines[token.map[0] : end]), token.map[0] + 1)
            skip_until_line = end
        elif token.type == "inline" and index and tokens[index - 1].type == "paragraph_open":
            used = _paragraph(collector, tokens, index, token)
            if used is not None:
                skip_until_token = used
        elif token.type == "heading_open":
            _heading_card(collector, tokens, index)


def _heading_card(collector: _Collector, tokens: list[Token], index: int) -> None:
    """The card of a ``Q.`` heading: its section up to a heading as high as it answers."""
    heading = tokens[index]
    prompt, labelled = _trim(_plain(tokens[index + 1].content))
    if not labelled or not _has_words(prompt):
        return
    depth = int(heading.tag[1:])
    stop = index + 3
    while stop < len(tokens) and tokens[stop].level >= heading.level:
        token = tokens[stop]
        if token.type == "heading_open" and int(token.tag[1:]) <= depth:
            break
        stop += 1
    answer, has_image = _blocks_text(tokens, index + 3, stop)
    answer = _answer(answer)
    code_only = not _has_words(answer) and any(
        token.type in _CODE_BLOCKS for token in tokens[index + 3 : stop]
    )
    if not code_only:
        line = heading.map[0] + 1 if heading.map else 1
        collector.card(line, prompt, (answer,), has_image=has_image)


def _merge_same_prompts(cards: list[Card]) -> list[Card]:
    """One card per prompt: a prompt written twice accepts the answers of both.

    ``- made with ==functions==`` and ``- made with ==expressions==`` both ask "made
    with ____"; either answer is right, so they become one card answered by both.
    """
    merged: dict[tuple[QuestionKind, str], Card] = {}
    for card in cards:
        key = (card.kind, card.prompt)
        first = merged.get(key)
        if first is None:
            merged[key] = card
        else:
            answers = tuple(dict.fromkeys(first.answers + card.answers))
            merged[key] = Card(first.prompt, answers, first.line, first.kind, first.chapter)
    return list(merged.values())


@without_cycle_collection
def parse_cards(text: str, file: str) -> tuple[list[Card], list[ContentWarning]]:
    """The flashcards and cloze cards written in ``text`` (see the module docstring)."""
    collector = _Collector(file, [], [])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MAY_HOLD_CARDS.search(text):
        _walk(collector, text)
    cards = _merge_same_prompts(sorted(collector.cards, key=lambda card: card.line))
    log.debug("%s: %d cards, %d warnings", file, len(cards), len(collector.warnings))
    return cards, sorted(collector.warnings, key=lambda warning: warning.line)
