"""Questions from the explicit cards (flashcards, ==cloze== spans, trivia): typed answers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.core._templates import BLANK, quote, template
from bot.core.model import Card, Question, QuestionKind
from bot.core.questions._context import Context, make
from bot.core.questions._defects import MAX_PROMPT_CHARS, MAX_QUOTE_CHARS
from bot.core.questions._text import clean, shorten

__all__ = ["cards"]


# a command's path argument written as a placeholder: "ls -la /path/to/dir" (not the
# "/" of "rm -rf /", which is the point of the answer)
_PLACEHOLDER_PATH = re.compile(
    r"^(?P<command>[a-z][\w.-]*(?:\s+--?\w[\w-]*)*)\s+~?/\S*(?:path|file|dir|folder)\S*$"
)


def _typed_forms(answers: list[str]) -> list[str]:
    """The answers, and each command without a placeholder path after it: a member who
    types ``ls -la`` for ``ls -la /path/to/dir`` is right."""
    forms = list(answers)
    for answer in answers:
        match = _PLACEHOLDER_PATH.match(answer)
        if match is not None and match.group("command") not in forms:
            forms.append(match.group("command"))
    return forms


# a question with the blank after it: the card asks, the blank only holds the answer
_ASKED_THEN_BLANK = re.compile(rf"^(?P<question>[^\n]*?[?？])\s*{re.escape(BLANK)}\s*$")


def cards(ctx: Context) -> Iterator[Question]:
    for card in ctx.book.cards:
        question = _card(ctx, card)
        if question is not None:
            yield question


def _card(ctx: Context, card: Card) -> Question | None:
    prompt = clean(card.prompt)
    answers = [clean(str(answer)) for answer in card.answers]
    answers = [answer for answer in answers if answer]
    if not prompt or not answers:
        return None
    chapter = ctx.chapter_for(card.line, card.chapter)
    kind = card.kind
    if kind not in (QuestionKind.FLASHCARD, QuestionKind.TRIVIA, QuestionKind.CLOZE):
        kind = QuestionKind.FLASHCARD
    made_as = kind
    if kind is QuestionKind.CLOZE and (asked := _ASKED_THEN_BLANK.match(prompt)) is not None:
        # "Can you perform a rolling update on a DaemonSet? ____": the blank is only
        # where the answer goes, so the card is a question and its answer
        kind, prompt = QuestionKind.FLASHCARD, asked.group("question")
    if kind is QuestionKind.CLOZE:
        # one answer fills every blank: "part of a ____, scheduled by the ____ controller"
        explanation = prompt.replace(BLANK, answers[0])
        short = shorten(prompt, MAX_QUOTE_CHARS)
        if BLANK not in short:  # a blank past the cut: show the text around it
            start = max(0, prompt.find(BLANK) - MAX_QUOTE_CHARS // 2)
            short = "…" + shorten(prompt[start:], MAX_QUOTE_CHARS - 1)
        shown = template(ctx.book.language, "cloze").format(blank=BLANK, quote=quote(short))
    else:
        explanation = f"{prompt} → {answers[0]}"
        shown = prompt if len(prompt) <= MAX_PROMPT_CHARS else shorten(prompt, MAX_PROMPT_CHARS)
    return make(
        ctx,
        kind=kind,
        chapter=chapter,
        subject=card.prompt,
        prompt=shown,
        answer=answers[0],
        accepted=_typed_forms(answers) if kind is QuestionKind.FLASHCARD else answers,
        explanation=explanation,
        line=card.line,
        origin="trivia" if card.kind is QuestionKind.TRIVIA else "card",
        id_kind=made_as,  # a card asked another way keeps its id (and members' progress)
    )
