"""``/leaderboard`` and ``/stats``: scores read from the stats service, shown as embeds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts._common import answer_publicly
from bot.exts.leaderboard._render import leaderboard_embed, stats_message
from bot.exts.leaderboard._views import fetch_page, leaderboard_view
from bot.i18n import language_of
from bot.services import practice, reading, stats

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = ["LeaderboardCog"]


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
        await answer_publicly(
            interaction,
            self._first_page(
                interaction,
                period.value if period is not None else "all",
                metric.value if metric is not None else "points",
            ),
        )

    async def _first_page(
        self, interaction: discord.Interaction, period: str, metric: str
    ) -> dict[str, Any]:
        page = await fetch_page(interaction, period, metric, 1)
        lang = language_of(interaction)
        return {
            "embed": leaderboard_embed(page, lang, caller=interaction.user.display_name),
            "view": leaderboard_view(page, lang),
        }

    @app_commands.command(
        name="stats", description="Points, accuracy, streaks and answers per chapter"
    )
    @app_commands.describe(member="Member to show (default: you)")
    @app_commands.guild_only()
    async def stats_command(
        self, interaction: discord.Interaction, member: discord.Member | None = None
    ) -> None:
        """One member's points, accuracy, current and best streak, answers per chapter."""
        await answer_publicly(interaction, self._stats(interaction, member or interaction.user))

    async def _stats(
        self, interaction: discord.Interaction, target: discord.abc.User
    ) -> dict[str, Any]:
        assert interaction.guild_id is not None
        now = discord.utils.utcnow()
        result = await stats.member_stats(
            self.bot.db, guild_id=interaction.guild_id, member_id=target.id, now=now
        )
        streak = await reading.streak(
            self.bot.db, guild_id=interaction.guild_id, member_id=target.id, now=now
        )
        practised = await practice.member_practice_streak(
            self.bot.db, guild_id=interaction.guild_id, member_id=target.id, now=now
        )
        return stats_message(
            result, target.display_name, streak, language_of(interaction), practice_streak=practised
        )
