"""Read a Red-DiscordBot trivia list (YAML) into a :class:`~bot.core.model.Book` of cards.

The format, as Red's trivia cog defines it::

    AUTHOR: JennJenn
    DESCRIPTION: A trivia about computers and their components.
    CONFIG:
      timeout: 60
    What does CPU stand for?:
    - Central Processing Unit
    - Central Processor Unit

Every key other than ``AUTHOR``, ``DESCRIPTION`` and ``CONFIG`` is a question, its
value the list of accepted answers, the first of which is revealed. Choices made here:

- Answers keep the spelling the author typed (``- 0x1F`` stays ``0x1F``; ``- 7``
  becomes ``"7"``). A YAML boolean expands as Red does: ``true``/``yes``/``on``
  accept True, Yes and On (the spelling used first), ``false``/``no``/``off`` accept
  False, No and Off. Answers that differ only in spacing or case are kept once.
- A leading category such as ``[Acronyms]`` stays in the prompt (it is part of the
  question: "[Acronyms] What does ISP stand for?"), with a space after the bracket.
- ``CONFIG`` holds settings of Red's game (delay, timeout, bot_plays …); quizbot has
  its own schedule and scoring, so they are read past. A ``CONFIG`` that is not a
  mapping is reported as a warning.
- The book's title is the first sentence of ``DESCRIPTION`` (or the file name), its
  goal the whole description.
- A question whose value is a mapping, or that has no usable answer, is skipped with a
  :class:`~bot.core.model.ContentWarning`; a repeated question keeps the first one.
- Text that is not YAML, or whose top level is not a mapping, raises
  :class:`~bot.core.errors.ContentError` with the line number; no other exception
  escapes.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePath

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.core.answers import normalize
from bot.core.errors import ContentError
from bot.core.model import Book, Card, ContentWarning, QuestionKind

__all__ = ["METADATA_KEYS", "parse_trivia"]

log = logging.getLogger(__name__)

METADATA_KEYS = frozenset({"AUTHOR", "DESCRIPTION", "CONFIG"})
TITLE_MAX_CHARS = 100

_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TRUE_WORDS = ("True", "Yes", "On")
_FALSE_WORDS = ("False", "No", "Off")
_CATEGORY = re.compile(r"^\[([^\]\n]+)\]\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s")
_SPACES = re.compile(r"\s+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _invalid(file: str, where: str, problem: str) -> ContentError:
    one_line = " ".join(problem.split())
    place = f"{where}: " if where else ""
    return ContentError(file, f"not a valid YAML trivia list ({place}{one_line})")


def _compose(text: str, file: str) -> Node | None:
    """The YAML node tree (values not constructed, so every scalar keeps its spelling)."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = error.problem or "unreadable YAML"
        if error.context:
            problem = f"{problem}, {error.context}"
        raise _invalid(file, where, problem) from None
    except yaml.YAMLError as error:
        position = getattr(error, "position", None)
        where = f"line {text.count(chr(10), 0, position) + 1}" if position is not None else ""
        reason = str(error).splitlines()[0] if str(error) else "unreadable YAML"
        raise _invalid(file, where, reason) from None
    except RecursionError:
        raise _invalid(file, "", "nested too deeply") from None


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _prompt(key: str) -> str:
    text = _clean(key)
    match = _CATEGORY.match(text)
    if match and match.end() < len(text):
        text = f"[{match.group(1).strip()}] {text[match.end() :]}"
    return text


def _answers_of(node: ScalarNode) -> list[str]:
    """The accepted answers one YAML scalar stands for."""
    if node.tag == _NULL_TAG:
        return []
    if node.tag == _BOOL_TAG:
        words = _TRUE_WORDS if node.value.casefold() in {"true", "yes", "on"} else _FALSE_WORDS
        first = [word for word in words if word.casefold() == node.value.casefold()]
        return first + [word for word in words if word not in first]
    return [_clean(node.value)]


def _title(description: str | None, file: str) -> str:
    if description:
        first_line = description.strip().splitlines()[0]
        sentence = _SENTENCE_END.split(first_line, maxsplit=1)[0].strip().rstrip(".。")
        if len(sentence) > TITLE_MAX_CHARS:
            sentence = sentence[:TITLE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;: ") + "…"
        if sentence:
            return sentence
    return PurePath(file).stem or file


def _language(cards: list[Card]) -> str:
    text = " ".join(card.prompt + " " + " ".join(card.answers) for card in cards)
    hangul = len(_HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    # A Hangul syllable carries about as much as two or three Latin letters.
    return "ko" if hangul and hangul * 2 >= latin else "en"


class _Reader:
    """Walks the top-level mapping and collects cards and warnings."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.cards: list[Card] = []
        self.warnings: list[ContentWarning] = []
        self.description: str | None = None
        self.seen: dict[str, int] = {}

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ContentWarning(self.file, line, message))

    def metadata(self, key: str, value: Node) -> None:
        if key == "DESCRIPTION":
            if isinstance(value, ScalarNode) and value.tag != _NULL_TAG:
                self.description = value.value.strip() or None
            else:
                self.warn(_line(value), "DESCRIPTION is not text; ignored")
        elif key == "CONFIG" and not (
            isinstance(value, MappingNode) or (isinstance(value, ScalarNode) and not value.value)
        ):
            self.warn(_line(value), "CONFIG is not a mapping of settings; ignored")

    def question(self, key_node: ScalarNode, value: Node) -> None:
        line = _line(key_node)
        prompt = "" if key_node.tag == _NULL_TAG else _prompt(key_node.value)
        if not prompt:
            self.warn(line, "empty question; skipped")
            return
        if prompt in self.seen:
            self.warn(line, f"question repeats line {self.seen[prompt]}; skipped")
            return
        self.seen[prompt] = line
        if isinstance(value, SequenceNode):
            items = value.value
        elif isinstance(value, ScalarNode):
            items = [value]
        else:
            self.warn(line, f"answers of {prompt[:60]!r} are not a list; skipped")
            return
        answers: list[str] = []
        keys: set[str] = set()
        problems: list[ContentWarning] = []
        for item in items:
            if not isinstance(item, ScalarNode):
                problems.append(
                    ContentWarning(self.file, _line(item), "an answer is not text; skipped")
                )
                continue
            for answer in _answers_of(item):
                key = normalize(answer)
                if not key:
                    problems.append(
                        ContentWarning(
                            self.file, _line(item), f"answer {answer!r} cannot be typed; skipped"
                        )
                    )
                elif key not in keys:
                    keys.add(key)
                    answers.append(answer)
        if not answers:
            reason = f" ({problems[0].message.removesuffix('; skipped')})" if problems else ""
            self.warn(line, f"no usable answer for {prompt[:60]!r}{reason}; skipped")
            return
        self.warnings.extend(problems)
        self.cards.append(Card(prompt, tuple(answers), line, QuestionKind.TRIVIA))


def parse_trivia(text: str, file: str) -> Book:
    """Parse a Red trivia list; raises :class:`ContentError` when it is not one."""
    root = _compose(text, file)
    if root is None:
        raise ContentError(file, "empty trivia list (expected 'question: [answers]' lines)")
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "plain text"
        raise ContentError(
            file,
            f"not a trivia list (line {_line(root)}: the top level is {kind}, "
            "expected 'question: [answers]' entries)",
        )
    reader = _Reader(file)
    for key_node, value in root.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE_TAG:
            reader.warn(_line(key_node), "a key is not plain text; skipped")
        elif key_node.value in METADATA_KEYS:
            reader.metadata(key_node.value, value)
        else:
            reader.question(key_node, value)
    if not reader.cards:
        reader.warn(1, "no trivia questions found")
    log.debug("%s: %d trivia cards, %d warnings", file, len(reader.cards), len(reader.warnings))
    return Book(
        file=file,
        title=_title(reader.description, file),
        language=_language(reader.cards),
        goal=reader.description,
        cards=reader.cards,
        warnings=reader.warnings,
    )
