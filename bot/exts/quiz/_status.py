"""Pure functions describing a channel's quiz set-up: chapter scope, next quiz, ``/quiz status``.

Like :mod:`bot.exts.quiz._render`, nothing here talks to Discord or the database: the
cog reads schedules, question pools, open runs and the group's reached chapters from
the services and passes them in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import discord

from bot.core.schedule import format_weekdays, next_slot
from bot.exts.quiz._render import (
    EMBED_TOTAL_LIMIT,
    FIELD_LIMIT,
    TITLE_LIMIT,
    clip,
    local_datetime,
)
from bot.i18n import text
from bot.services.reading import QuizScope
from bot.services.types import ChannelSchedule, PoolStatus, RunView

__all__ = ["MAX_STATUS_CHANNELS", "next_text", "scope_text", "status_embed"]

#: The most channels ``/quiz status`` describes (an embed holds 25 fields).
MAX_STATUS_CHANNELS = 20


def _label(number: int, titles: Mapping[int, str]) -> str:
    return f"{number} {titles[number]}" if number in titles else str(number)


def scope_text(
    chapters: tuple[int, ...] | None,
    titles: Mapping[int, str],
    lang: str,
    reached: QuizScope | None = None,
) -> str:
    """The chapters a channel asks: a list, all of them, or (``None``) those reached."""
    if chapters is None and reached is not None:
        return _reached_text(reached, titles, lang)
    if not chapters:
        return text("chapters.scope_all", lang)
    return ", ".join(_label(number, titles) for number in chapters)


def _reached_text(scope: QuizScope, titles: Mapping[int, str], lang: str) -> str:
    """The default scope: the chapters reached, the fallback, and what joins next."""
    if scope.chapters is None:
        return text("chapters.scope_unlisted", lang)
    listed = scope_text(scope.chapters, titles, lang)
    key = "chapters.scope_fallback" if scope.fallback else "chapters.scope_reached"
    shown = text(key, lang, chapters=listed, chapter=listed)
    if scope.next_chapter is not None:
        label = _label(scope.next_chapter, titles)
        shown += text("chapters.scope_next", lang, chapter=label, needed=scope.needed)
    return shown


def next_text(cs: ChannelSchedule, lang: str, now: dt.datetime) -> str:
    """When the channel's next quiz comes, in its local time ("paused" when paused)."""
    if cs.paused:
        return text("status.paused", lang)
    return local_datetime(next_slot(cs.schedule, now), cs.schedule.timezone, lang)


def status_embed(
    configured: Sequence[tuple[ChannelSchedule, PoolStatus, str]],
    open_runs: Sequence[RunView],
    *,
    titles: Mapping[int, str],
    reached: QuizScope | None,
    lang: str,
    now: dt.datetime,
) -> discord.Embed:
    """``/quiz status``: each channel (schedule, next quiz, scope, pool) and the open quizzes.

    ``configured`` holds each schedule with its question pool and the channel's name.
    Channels are dropped (the open quizzes kept) until the embed fits Discord's limit.
    """
    embed = discord.Embed(title=text("status.title", lang), colour=discord.Colour.blurple())
    for cs, pool, name in configured[:MAX_STATUS_CHANNELS]:
        schedule = cs.schedule
        value = text(
            "status.channel",
            lang,
            days=format_weekdays(schedule.weekdays, lang),
            time=schedule.time_of_day.strftime("%H:%M"),
            timezone=schedule.timezone,
            questions=cs.questions_per_run,
            window=round(schedule.window.total_seconds() / 3600, 1),
            next=next_text(cs, lang, now),
            scope=scope_text(cs.chapters, titles, lang, reached),
            unasked=pool.unasked,
            total=pool.total,
        )
        embed.add_field(name=clip(name, TITLE_LIMIT), value=clip(value, FIELD_LIMIT), inline=False)
    zones = {cs.channel_id: cs.schedule.timezone for cs, _pool, _name in configured}
    lines = []
    for run in open_runs:
        link = (
            f"https://discord.com/channels/{run.guild_id}/{run.channel_id}/{run.message_id}"
            if run.message_id is not None
            else f"<#{run.channel_id}>"
        )
        when = local_datetime(run.closes_at, zones.get(run.channel_id, "UTC"), lang)
        lines.append(text("status.open_run", lang, link=link, time=when))
    if lines:
        embed.add_field(
            name=text("status.open_runs", lang),
            value=clip("\n".join(lines), FIELD_LIMIT),
            inline=False,
        )
    while len(embed) > EMBED_TOTAL_LIMIT and len(embed.fields) > 1:
        embed.remove_field(len(embed.fields) - 2)  # keep the open runs, drop channels
    return embed
