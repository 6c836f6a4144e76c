"""Pure functions turning service results into Discord embeds and text, cut to Discord's limits.

Nothing here talks to Discord or the database: each function takes plain values
(``RunView``, ``Reveal``, ``LeaderboardPage`` …) and returns an embed or a string, so
it can be tested without a bot. Text from notes and members is cut to the limits
(2000 characters per message, 4096 per embed description, 1024 per field).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import discord

from bot.core.model import Question, QuestionKind, Source
from bot.i18n import text
from bot.services.types import MemberRef, Reveal, RunView

__all__ = [
    "BUTTON_LABEL_LIMIT",
    "DESCRIPTION_LIMIT",
    "EMBED_TOTAL_LIMIT",
    "FIELD_LIMIT",
    "FOOTER_LIMIT",
    "MESSAGE_LIMIT",
    "TITLE_LIMIT",
    "add_explanation_and_source",
    "choice_labels",
    "clip",
    "fit",
    "local_datetime",
    "local_time",
    "milestone_messages",
    "question_embed",
    "reveal_embed",
    "source_file",
]

MESSAGE_LIMIT = 2000
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
TITLE_LIMIT = 256
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
BUTTON_LABEL_LIMIT = 80
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "ko": ("월", "화", "수", "목", "금", "토", "일"),
}


def clip(value: str, limit: int) -> str:
    """``value`` cut to at most ``limit`` characters, ending in ``…`` when cut."""
    if len(value) <= limit:
        return value
    return value[: max(limit - 1, 0)] + "…"


def fit(embed: discord.Embed) -> discord.Embed:
    """Shorten the description so the whole embed stays within Discord's 6000 characters."""
    excess = len(embed) - EMBED_TOTAL_LIMIT
    if excess > 0 and embed.description:
        embed.description = clip(embed.description, max(len(embed.description) - excess, 1))
    return embed


def local_time(instant: dt.datetime, timezone: str) -> str:
    """``HH:MM`` of ``instant`` in ``timezone``."""
    return instant.astimezone(ZoneInfo(timezone)).strftime("%H:%M")


def local_datetime(instant: dt.datetime, timezone: str, lang: str = "en") -> str:
    """``Mon 2026-01-05 09:00 (Asia/Seoul)`` for ``instant`` in ``timezone``."""
    local = instant.astimezone(ZoneInfo(timezone))
    day = _WEEKDAYS.get(lang, _WEEKDAYS["en"])[local.weekday()]
    return f"{day} {local:%Y-%m-%d %H:%M} ({timezone})"


def choice_labels(question: Question) -> list[str]:
    """Button labels: the choice itself for true/false (O/X, True/False), else A, B, C …"""
    choices = question.choices or ()
    if question.kind is QuestionKind.TRUE_FALSE:
        return [clip(choice, BUTTON_LABEL_LIMIT) for choice in choices]
    return [_LETTERS[index % len(_LETTERS)] for index in range(len(choices))]


def _chapter_label(question: Question) -> str:
    title = question.chapter_title or question.book
    if question.chapter is not None and str(question.chapter) not in title:
        title = f"{question.chapter}. {title}"
    return title


def _names(members: Sequence[MemberRef], limit: int = FIELD_LIMIT) -> str:
    shown: list[str] = []
    used = 0
    for index, member in enumerate(members):
        name = discord.utils.escape_markdown(member.display_name)
        rest = len(members) - index - 1
        extra = f" +{rest}" if rest else ""
        if used + len(name) + 2 + len(extra) + 8 > limit:
            shown.append(f"+{len(members) - index}")
            break
        shown.append(name)
        used += len(name) + 2
    return ", ".join(shown)


def question_embed(run: RunView, timezone: str) -> discord.Embed:
    """The posted quiz: chapter, question, the choices (lettered) and when results come."""
    question = run.question
    lang = question.language
    lines = [question.prompt]
    if question.choices and question.kind is not QuestionKind.TRUE_FALSE:
        lines.append("")
        for label, choice in zip(choice_labels(question), question.choices, strict=True):
            lines.append(f"**{label}.** {choice}")
    footer_key = "run.footer_choices" if question.choices else "run.footer_typed"
    embed = discord.Embed(
        title=clip(text("run.title", lang, chapter=_chapter_label(question)), TITLE_LIMIT),
        description=clip("\n".join(lines), DESCRIPTION_LIMIT),
        colour=discord.Colour.blurple(),
    )
    embed.set_footer(
        text=clip(
            text(
                footer_key,
                lang,
                time=local_time(run.closes_at, timezone),
                timezone=timezone,
            ),
            FOOTER_LIMIT,
        )
    )
    return fit(embed)


def add_explanation_and_source(
    embed: discord.Embed,
    explanation: str,
    source: Source,
    root: Path | None,
    lang: str,
    link: str | None = None,
) -> None:
    """The explanation (when there is one) and the ``file:line`` a revealed answer comes
    from, a link to that line when ``link`` is given (a repository on a known host)."""
    if explanation:
        embed.add_field(
            name=text("reveal.explanation", lang),
            value=clip(explanation, FIELD_LIMIT),
            inline=False,
        )
    embed.add_field(
        name=text("reveal.source", lang),
        value=clip(_source_value(source, root, lang, link), FIELD_LIMIT),
        inline=False,
    )


def _source_value(source: Source, root: Path | None, lang: str, link: str | None) -> str:
    shown = text("reveal.source_value", lang, file=source_file(source.file, root), line=source.line)
    if link is None or len(link) > FIELD_LIMIT - len(shown) - 4:
        return shown
    return f"[{discord.utils.escape_markdown(shown)}]({link})"


def source_file(file: str, root: Path | None) -> str:
    """``file`` relative to the content folder ``root`` when inside it, else as given."""
    if root is not None:
        try:
            return Path(file).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return file


def reveal_embed(
    reveal: Reveal, timezone: str, root: Path | None = None, link: str | None = None
) -> discord.Embed:
    """The closed quiz: the question again, the answer, why, the source, counts, who was right.

    ``root`` is the content folder: source files inside it are shown relative to it.
    ``link`` is the web page of the source's line, for a repository on a known host.
    """
    question = reveal.run.question
    lang = question.language
    lines = [question.prompt]
    labels = choice_labels(question)
    if question.choices and question.kind is not QuestionKind.TRUE_FALSE:
        lines.append("")
        for label, choice in zip(labels, question.choices, strict=True):
            mark = " ✅" if choice == reveal.answer else ""
            lines.append(f"**{label}.** {choice}{mark}")
    embed = discord.Embed(
        title=clip(text("reveal.title", lang, chapter=_chapter_label(question)), TITLE_LIMIT),
        description=clip("\n".join(lines), DESCRIPTION_LIMIT),
        colour=discord.Colour.green(),
    )
    answer = reveal.answer
    if question.choices and question.kind is not QuestionKind.TRUE_FALSE:
        for label, choice in zip(labels, question.choices, strict=True):
            if choice == reveal.answer:
                answer = f"{label}. {choice}"
                break
    embed.add_field(name=text("reveal.answer", lang), value=clip(answer, FIELD_LIMIT), inline=False)
    add_explanation_and_source(embed, reveal.explanation, reveal.source, root, lang, link)
    total = sum(reveal.counts.values())
    if total == 0:
        embed.add_field(name=text("reveal.counts", lang), value=text("reveal.no_answers", lang))
    else:
        if question.choices:
            count_lines = [
                f"{label}: {reveal.counts.get(choice, 0)}"
                for label, choice in zip(labels, question.choices, strict=True)
            ]
        else:
            count_lines = [
                f"{discord.utils.escape_markdown(clip(given, 80))}: {count}"
                for given, count in sorted(reveal.counts.items(), key=lambda item: -item[1])
            ]
        embed.add_field(
            name=text("reveal.counts", lang),
            value=clip("\n".join(count_lines), FIELD_LIMIT),
        )
        embed.add_field(
            name=text("reveal.right", lang, count=len(reveal.correct)),
            value=_names(reveal.correct) or text("reveal.nobody", lang),
        )
        if reveal.fastest is not None and reveal.fastest_seconds is not None:
            embed.add_field(
                name=text("reveal.fastest", lang),
                value=clip(
                    text(
                        "reveal.fastest_value",
                        lang,
                        name=discord.utils.escape_markdown(reveal.fastest.display_name),
                        seconds=reveal.fastest_seconds,
                    ),
                    FIELD_LIMIT,
                ),
            )
    embed.set_footer(text=local_datetime(reveal.run.closes_at, timezone, lang))
    return fit(embed)


def milestone_messages(reveal: Reveal) -> list[str]:
    """Streak milestone lines packed into messages of at most 2000 characters."""
    lang = reveal.run.question.language
    lines = [
        text(
            "reveal.milestone",
            lang,
            name=discord.utils.escape_markdown(member.display_name),
            days=days,
        )
        for member, days in reveal.milestones
    ]
    messages: list[str] = []
    current = ""
    for line in lines:
        line = clip(line, MESSAGE_LIMIT)
        if current and len(current) + 1 + len(line) > MESSAGE_LIMIT:
            messages.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        messages.append(current)
    return messages
