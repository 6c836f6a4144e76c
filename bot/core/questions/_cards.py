"""Questions from the explicit cards (flashcards, ==cloze== spans, trivia): typed answers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.core._templates import BLANK, TRUTH, TRUTH_ALIASES, quote, template
from bot.core.model import Card, Chapter, Question, QuestionKind
from bot.core.questions._context import Context, make
from bot.core.questions._defects import MAX_PROMPT_CHARS, MAX_QUOTE_CHARS
from bot.core.questions._text import clean, has_letters, shorten

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


# "Which statement is correct?", "What's true about Anonymous Volumes?", "다음 중 옳은 것은?":
# the card's answer is one statement among others it does not show
_STATEMENT_PICK = re.compile(
    r"^(?:(?:which|what)\s+(?:of\s+the\s+following\s+|of\s+these\s+)?"
    r"(?:(?:statement|sentence|one|claim)s?\s+)?(?:is|are)"
    r"|what(?:'s|\s+is)(?=\s+(?:not\s+)?(?:true|false|correct|incorrect|wrong)\s+about\s))"
    r"\s+(?P<truth>(?:not\s+)?(?:true|correct|right)|false|incorrect|wrong)"
    r"(?:\s+about\s+(?P<about>.+?))?\s*[?？]?$"
    r"|^(?:다음\s*중\s*)?(?:(?P<about_ko>.+?)(?:에\s*대한|에\s*관한)\s*(?:설명으로\s*)?)?"
    r"(?P<truth_ko>옳은|맞는|바른|옳지\s*않은|틀린|잘못된|맞지\s*않는)\s*(?:것|설명)(?:은|을)?"
    r"(?:\s*(?:무엇인가요|무엇일까요|고르시오|고르세요))?\s*[?？.]?$",
    re.IGNORECASE,
)
#: Words a statement has at least, to be shown as one.
STATEMENT_WORDS = 3
#: Longest question read as a pick among statements (such a question is short; the bound
#: keeps the match linear).
PICK_CHARS = 200


def _statement_pick(prompt: str) -> tuple[bool, str] | None:
    """``(true, subject)`` when the card asks to pick a true (or a false) statement, the
    subject being what the statements are about (often none); else ``None``."""
    match = _STATEMENT_PICK.match(prompt.strip()) if len(prompt) <= PICK_CHARS else None
    if match is None:
        return None
    truth = (match.group("truth") or match.group("truth_ko") or "").casefold()
    false = (
        truth.startswith("not")
        or truth in ("false", "incorrect", "wrong")
        or any(word in truth for word in ("않", "틀린", "잘못"))
    )
    about = (match.group("about") or match.group("about_ko") or "").strip(" \"'“”‘’")
    return not false, about


def _is_statement(text: str) -> bool:
    """Whether an answer reads as a statement to judge, not a letter or a word."""
    return len(text.split()) >= STATEMENT_WORDS and has_letters(text, 12)


def _statements(
    ctx: Context, card: Card, prompt: str, answers: list[str], chapter: Chapter | None
) -> list[Question]:
    """The card's statements, each to be judged true or false as its question says (two
    cards that ask "Which of the following statements is true?" are one card of two);
    none when the card asks no such thing or its answer is no statement."""
    pick = _statement_pick(prompt)
    if pick is None:
        return []
    is_true, about = pick
    lang = ctx.book.language
    true_choice, false_choice = TRUTH.get(lang, TRUTH["en"])
    answer = true_choice if is_true else false_choice
    wording = "statement_about" if about else "statement"
    found = []
    for index, statement in enumerate(answers):
        if not _is_statement(statement):
            break
        shown = template(lang, wording).format(
            subject=about, quote=quote(shorten(statement, MAX_QUOTE_CHARS))
        )
        found.append(
            make(
                ctx,
                kind=QuestionKind.TRUE_FALSE,
                chapter=chapter,
                subject=card.prompt,
                key=statement if index else "",  # the first keeps the card's id
                prompt=shown,
                answer=answer,
                accepted=TRUTH_ALIASES.get(answer, (answer,)),
                explanation=f"{prompt} → {statement}",
                line=card.line,
                choices=[true_choice, false_choice],
                shuffle=False,
                origin="card",
                id_kind=card.kind,  # the card keeps its id (and members' progress)
            )
        )
    return found


def cards(ctx: Context) -> Iterator[Question]:
    for card in ctx.book.cards:
        yield from _card(ctx, card)


def _card(ctx: Context, card: Card) -> list[Question]:
    prompt = clean(card.prompt)
    answers = [clean(str(answer)) for answer in card.answers]
    answers = [answer for answer in answers if answer]
    if not prompt or not answers:
        return []
    chapter = ctx.chapter_for(card.line, card.chapter)
    if card.kind is QuestionKind.FLASHCARD and (
        statements := _statements(ctx, card, prompt, answers, chapter)
    ):
        # "Which statement is NOT true? - docker-compose removes images": only its
        # statements can be shown, so each is judged true or false
        return statements
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
    return [
        make(
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
    ]
