"""What a practice session looks like: the question, the result after an answer, the summary.

Every message is private (ephemeral) and in the member's language; the question's own
text stays in the language of the notes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import discord

from bot.core.errors import ChapterNotReached, CountOutOfRange, NoSuchChapter, NothingToPractice
from bot.core.model import Question, QuestionKind
from bot.core.practice import MISSES_DAYS, days_until
from bot.exts.quiz._render import (
    DESCRIPTION_LIMIT,
    FIELD_LIMIT,
    FOOTER_LIMIT,
    TITLE_LIMIT,
    add_explanation_and_source,
    choice_labels,
    clip,
    fit,
)
from bot.i18n import text
from bot.services.practice import PracticeAnswer, PracticeStats

__all__ = [
    "answer_embed",
    "error_text",
    "next_review_text",
    "question_embed",
    "stats_embed",
    "summary_embed",
]


def _chapter(question: Question) -> str:
    title = question.chapter_title or question.book
    if question.chapter is not None and str(question.chapter) not in title:
        title = f"{question.chapter}. {title}"
    return title


def next_review_text(due: dt.datetime | None, *, now: dt.datetime, timezone: str, lang: str) -> str:
    """ "in 3 days" / "3일 후", "tomorrow", "today", or "nothing scheduled"."""
    if due is None:
        return text("practice.nothing_next", lang)
    zone = ZoneInfo(timezone)
    days = days_until(due, today=now.astimezone(zone).date(), timezone=zone)
    if days == 0:
        return text("practice.today", lang)
    if days == 1:
        return text("practice.tomorrow", lang)
    return text("practice.in_days", lang, days=days)


def question_embed(
    question: Question, *, number: int, count: int, new: bool, lang: str
) -> discord.Embed:
    """The question of a session: its chapter, the prompt and the lettered choices."""
    lines = [question.prompt]
    if question.choices and question.kind is not QuestionKind.TRUE_FALSE:
        lines.append("")
        for label, choice in zip(choice_labels(question), question.choices, strict=True):
            lines.append(f"**{label}.** {choice}")
    key = "practice.title_new" if new else "practice.title"
    embed = discord.Embed(
        title=clip(
            text(key, lang, number=number, count=count, chapter=_chapter(question)), TITLE_LIMIT
        ),
        description=clip("\n".join(lines), DESCRIPTION_LIMIT),
        colour=discord.Colour.dark_teal(),
    )
    embed.set_footer(text=clip(text("practice.footer", lang), FOOTER_LIMIT))
    return fit(embed)


def _shown_answer(question: Question, choice: str) -> str:
    if question.choices and question.kind is not QuestionKind.TRUE_FALSE:
        for label, option in zip(choice_labels(question), question.choices, strict=True):
            if option == choice:
                return f"{label}. {choice}"
    return choice


def answer_embed(
    result: PracticeAnswer,
    choice: str,
    *,
    number: int,
    count: int,
    now: dt.datetime,
    timezone: str,
    lang: str,
    root: Path | None,
) -> discord.Embed:
    """The result of one answer: right or not, the answer, why, the source, the next review."""
    question = result.question
    if not result.recorded:
        headline = text("practice.already", lang)
    elif result.correct:
        headline = text("practice.right", lang)
    else:
        given = discord.utils.escape_markdown(_shown_answer(question, choice))
        headline = text("practice.wrong", lang, choice=clip(given, 300))
    embed = discord.Embed(
        title=clip(
            text("practice.title", lang, number=number, count=count, chapter=_chapter(question)),
            TITLE_LIMIT,
        ),
        description=clip(f"{question.prompt}\n\n{headline}", DESCRIPTION_LIMIT),
        colour=discord.Colour.green() if result.correct else discord.Colour.red(),
    )
    embed.add_field(
        name=text("reveal.answer", lang),
        value=clip(_shown_answer(question, question.answer), FIELD_LIMIT),
        inline=False,
    )
    add_explanation_and_source(embed, question.explanation, question.source, root, lang)
    embed.add_field(
        name=text("practice.next_review", lang),
        value=next_review_text(result.next_due, now=now, timezone=timezone, lang=lang),
    )
    embed.set_footer(text=clip(text("practice.footer", lang), FOOTER_LIMIT))
    return fit(embed)


def summary_embed(
    *,
    right: int,
    answered: int,
    due: int,
    next_due: dt.datetime | None,
    now: dt.datetime,
    timezone: str,
    lang: str,
) -> discord.Embed:
    """The end of a session: how many were right, how many are still due, the next review."""
    return discord.Embed(
        title=text("practice.summary_title", lang),
        description=text(
            "practice.summary",
            lang,
            right=right,
            answered=answered,
            due=due,
            next=next_review_text(next_due, now=now, timezone=timezone, lang=lang),
        ),
        colour=discord.Colour.dark_teal(),
    )


def stats_embed(stats: PracticeStats, name: str, lang: str) -> discord.Embed:
    """``/practice stats``: due today and this week, reviewed, retention, streak, forecast."""
    embed = discord.Embed(
        title=clip(
            text("practice.stats_title", lang, name=discord.utils.escape_markdown(name)),
            TITLE_LIMIT,
        ),
        colour=discord.Colour.dark_teal(),
    )
    embed.add_field(name=text("practice.due_today", lang), value=str(stats.due_today))
    embed.add_field(name=text("practice.due_week", lang), value=str(stats.due_week))
    embed.add_field(name=text("practice.reviewed", lang), value=str(stats.reviewed))
    retention = (
        f"{stats.retention * 100:.0f}%"
        if stats.retention is not None
        else text("practice.retention_none", lang)
    )
    embed.add_field(name=text("practice.retention", lang), value=retention)
    embed.add_field(
        name=text("practice.streak", lang),
        value=text("practice.streak_value", lang, days=stats.streak),
    )
    peak = max(stats.forecast) or 1
    bars = [
        f"`+{day:>2}` {'█' * round(8 * n / peak) if n else '·'} {n}"
        for day, n in enumerate(stats.forecast)
    ]
    embed.add_field(
        name=text("practice.forecast", lang), value=clip("\n".join(bars), FIELD_LIMIT), inline=False
    )
    return fit(embed)


def error_text(
    error: Exception, lang: str, *, misses: bool = False, now: dt.datetime, timezone: str
) -> str | None:
    """The member's message for a practice session that cannot start, or ``None``."""
    if isinstance(error, NothingToPractice):
        if misses:
            return text("practice.no_misses", lang, days=MISSES_DAYS)
        when = next_review_text(error.next_due, now=now, timezone=timezone, lang=lang)
        return text("practice.nothing", lang, next=when)
    if isinstance(error, ChapterNotReached):
        return text("practice.not_reached", lang, chapter=error.chapter)
    if isinstance(error, CountOutOfRange):
        return text("practice.bad_count", lang, most=error.most)
    if isinstance(error, NoSuchChapter):
        listed = ", ".join(str(c) for c in error.known) or "-"
        return text("practice.unknown_chapter", lang, chapter=error.chapter, chapters=listed)
    return None
