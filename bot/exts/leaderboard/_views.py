"""The leaderboard's paging buttons: ``DynamicItem``s, so paging works after a restart.

The ``custom_id`` carries the period, metric and target page; whoever clicks sees
that page with their own rank below.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.client import report_failure
from bot.exts.leaderboard._render import leaderboard_embed
from bot.i18n import language_of, text
from bot.services import stats
from bot.services.types import LeaderboardPage

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = ["PAGE_SIZE", "LeaderboardButton", "fetch_page", "leaderboard_view"]

PAGE_SIZE = 10


class LeaderboardButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"lb:(?P<period>all|week|month):(?P<metric>points|streak|accuracy):"
    r"(?P<page>[0-9]+):(?P<dir>prev|next)",
):
    """Previous/next page of a leaderboard."""

    def __init__(
        self, period: str, metric: str, page: int, direction: str, *, label: str | None = None
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or direction,
                style=discord.ButtonStyle.secondary,
                custom_id=f"lb:{period}:{metric}:{page}:{direction}",
            )
        )
        self.period = period
        self.metric = metric
        self.page = page
        self.direction = direction

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> LeaderboardButton:
        """Rebuild the button from a click on any leaderboard message."""
        return cls(
            match["period"],
            match["metric"],
            int(match["page"]),
            match["dir"],
            label=getattr(item, "label", None),
        )

    async def callback(self, interaction: discord.Interaction) -> None:
        """Show the target page in place, with the clicker's own rank."""
        try:
            await self._show(interaction)
        except Exception as exc:
            await report_failure(interaction, exc)

    async def _show(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        page = await fetch_page(interaction, self.period, self.metric, self.page)
        lang = language_of(interaction)
        await interaction.edit_original_response(
            embed=leaderboard_embed(page, lang),
            view=leaderboard_view(page, lang),
            allowed_mentions=discord.AllowedMentions.none(),
        )


async def fetch_page(
    interaction: discord.Interaction, period: str, metric: str, page: int
) -> LeaderboardPage:
    """The page for the interaction's guild, with the interaction user's own row."""
    bot: QuizBot = interaction.client  # type: ignore[assignment]
    assert interaction.guild_id is not None
    return await stats.leaderboard(
        bot.db,
        guild_id=interaction.guild_id,
        period=period,
        metric=metric,
        page=max(page, 1),
        page_size=PAGE_SIZE,
        member_id=interaction.user.id,
        now=discord.utils.utcnow(),
    )


def leaderboard_view(page: LeaderboardPage, lang: str) -> discord.ui.View:
    """Previous/next buttons, disabled at either end."""
    view = discord.ui.View(timeout=None)
    previous = LeaderboardButton(
        page.period, page.metric, max(page.page - 1, 1), "prev", label=text("lb.previous", lang)
    )
    following = LeaderboardButton(
        page.period, page.metric, page.page + 1, "next", label=text("lb.next", lang)
    )
    previous.item.disabled = page.page <= 1
    following.item.disabled = page.page >= page.pages
    view.add_item(previous)
    view.add_item(following)
    return view
