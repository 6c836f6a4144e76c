"""Pure functions turning leaderboard pages and member stats into embeds."""

from __future__ import annotations

from typing import Any

import discord

from bot.exts.quiz._render import DESCRIPTION_LIMIT, FIELD_LIMIT, FOOTER_LIMIT, TITLE_LIMIT, clip
from bot.i18n import text
from bot.services.types import LeaderboardPage, LeaderboardRow, MemberStats

__all__ = ["leaderboard_embed", "stats_embed", "stats_message"]


def _row_text(row: LeaderboardRow, lang: str) -> str:
    return text(
        "lb.row",
        lang,
        rank=row.rank,
        name=discord.utils.escape_markdown(row.display_name),
        points=row.points,
        correct=row.correct,
        answered=row.answered,
        streak=row.current_streak,
    )


def leaderboard_embed(
    page: LeaderboardPage, lang: str, *, caller: str | None = None
) -> discord.Embed:
    """One leaderboard page with a member's own rank below.

    Without ``caller`` the page is private and the rank is "yours"; with it the page is
    public, so the rank below names whose it is and the footer says the buttons show
    each member their own pages.
    """
    title = text(
        "lb.title",
        lang,
        period=text(f"lb.period.{page.period}", lang),
        metric=text(f"lb.metric.{page.metric}", lang),
    )
    if page.rows:
        body = "\n".join(_row_text(row, lang) for row in page.rows)
    else:
        body = text("lb.empty", lang)
    embed = discord.Embed(
        title=clip(title, TITLE_LIMIT),
        description=clip(body, DESCRIPTION_LIMIT),
        colour=discord.Colour.gold(),
    )
    if caller is None:
        name = text("lb.me", lang)
        me = _row_text(page.me, lang) if page.me is not None else text("lb.me_none", lang)
    else:
        caller = discord.utils.escape_markdown(caller)
        name = text("lb.me_of", lang, name=caller)
        me = (
            _row_text(page.me, lang)
            if page.me is not None
            else text("lb.me_none_of", lang, name=caller)
        )
    embed.add_field(name=clip(name, TITLE_LIMIT), value=clip(me, FIELD_LIMIT), inline=False)
    footer = text(
        "lb.footer", lang, page=page.page, pages=max(page.pages, 1), members=page.total_members
    )
    if caller is not None and page.pages > 1:
        footer += text("lb.footer_public", lang)
    embed.set_footer(text=clip(footer, FOOTER_LIMIT))
    return embed


def stats_embed(stats: MemberStats, lang: str) -> discord.Embed:
    """A member's points, accuracy, streaks, rank and answers per chapter."""
    embed = discord.Embed(
        title=clip(
            text("stats.title", lang, name=discord.utils.escape_markdown(stats.display_name)),
            TITLE_LIMIT,
        ),
        colour=discord.Colour.teal(),
    )
    embed.add_field(name=text("stats.points", lang), value=str(stats.points))
    embed.add_field(
        name=text("stats.accuracy", lang),
        value=text(
            "stats.accuracy_value",
            lang,
            percent=stats.accuracy * 100,
            correct=stats.correct,
            answered=stats.answered,
        ),
    )
    embed.add_field(
        name=text("stats.streak", lang),
        value=text(
            "stats.streak_value", lang, current=stats.current_streak, best=stats.best_streak
        ),
    )
    if stats.rank is not None:
        embed.add_field(name=text("stats.rank", lang), value=f"#{stats.rank}")
    if stats.chapters:
        rows = [
            text(
                "stats.chapter_row",
                lang,
                title=discord.utils.escape_markdown(chapter.title),
                correct=chapter.correct,
                answered=chapter.answered,
            )
            for chapter in stats.chapters
        ]
        embed.add_field(
            name=text("stats.chapters", lang),
            value=clip("\n".join(rows), FIELD_LIMIT),
            inline=False,
        )
    return embed


def stats_message(
    stats: MemberStats | None,
    name: str,
    checkin_streak: tuple[int, int],
    lang: str,
    *,
    practice_streak: int = 0,
) -> dict[str, Any]:
    """``/stats`` as ``send`` arguments: the stats embed with the check-in and practice
    streaks next to the quiz streak, or a line saying ``name`` has not played (with the
    other streaks when there are some)."""
    current, best = checkin_streak
    streak = text("progress.streak_value", lang, current=current, best=best)
    practised = text("practice.streak_value", lang, days=practice_streak)
    if stats is None:
        message = text("stats.none", lang, name=discord.utils.escape_markdown(name))
        if best:
            message += f"\n{text('stats.checkin_streak', lang)}: {streak}"
        if practice_streak:
            message += f"\n{text('practice.streak', lang)}: {practised}"
        return {"content": message}
    embed = stats_embed(stats, lang)
    # Next to the quiz streak (points, accuracy, streak come first).
    embed.insert_field_at(3, name=text("stats.checkin_streak", lang), value=streak)
    embed.insert_field_at(4, name=text("practice.streak", lang), value=practised)
    return {"embed": embed}
