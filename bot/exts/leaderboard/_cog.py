"""``/leaderboard`` and ``/stats``: scores read from the stats service, shown as embeds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.leaderboard._render import leaderboard_embed, stats_embed
from bot.exts.leaderboard._views import fetch_page, leaderboard_view
from bot.i18n import language_of, text
from bot.services import reading, stats

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = ["LeaderboardCog"]

_NONE = discord.AllowedMentions.none()


class LeaderboardCog(commands.Cog):
    """Ranks and per-member statistics of one server."""

    def __init__(self, bot: QuizBot) -> None:
        self.bot = bot

    @app_commands.command(name="leaderboard", description="Ranks of this server's quiz players")
    @app_commands.describe(
        period="Time span: all, week or month",
        metric="Rank by points, streak or accuracy",
    )
    @app_commands.choices(
        period=[
            app_commands.Choice(name="all time", value="all"),
            app_commands.Choice(name="this week", value="week"),
            app_commands.Choice(name="this month", value="month"),
        ],
        metric=[
            app_commands.Choice(name="points", value="points"),
            app_commands.Choice(name="streak", value="streak"),
            app_commands.Choice(name="accuracy", value="accuracy"),
        ],
    )
    @app_commands.guild_only()
    async def leaderboard_command(
        self,
        interaction: discord.Interaction,
        period: app_commands.Choice[str] | None = None,
        metric: app_commands.Choice[str] | None = None,
    ) -> None:
        """The first page for everyone, with the caller's rank below under their name."""
        await interaction.response.defer()
        page = await fetch_page(
            interaction,
            period.value if period is not None else "all",
            metric.value if metric is not None else "points",
            1,
        )
        lang = language_of(interaction)
        await interaction.followup.send(
            embed=leaderboard_embed(page, lang, caller=interaction.user.display_name),
            view=leaderboard_view(page, lang),
            allowed_mentions=_NONE,
        )

    @app_commands.command(
        name="stats", description="Points, accuracy, streaks and answers per chapter"
    )
    @app_commands.describe(member="Member to show (default: you)")
    @app_commands.guild_only()
    async def stats_command(
        self, interaction: discord.Interaction, member: discord.Member | None = None
    ) -> None:
        """One member's points, accuracy, current and best streak, answers per chapter."""
        await interaction.response.defer()
        lang = language_of(interaction)
        target = member or interaction.user
        assert interaction.guild_id is not None
        now = discord.utils.utcnow()
        result = await stats.member_stats(
            self.bot.db, guild_id=interaction.guild_id, member_id=target.id, now=now
        )
        current, best = await reading.streak(
            self.bot.db, guild_id=interaction.guild_id, member_id=target.id, now=now
        )
        reading_streak = text("progress.streak_value", lang, current=current, best=best)
        if result is None:
            message = text(
                "stats.none", lang, name=discord.utils.escape_markdown(target.display_name)
            )
            if best:
                message += f"\n{text('stats.checkin_streak', lang)}: {reading_streak}"
            await interaction.followup.send(message, allowed_mentions=_NONE)
            return
        embed = stats_embed(result, lang)
        # Next to the quiz streak (points, accuracy, streak come first).
        embed.insert_field_at(3, name=text("stats.checkin_streak", lang), value=reading_streak)
        await interaction.followup.send(embed=embed, allowed_mentions=_NONE)
