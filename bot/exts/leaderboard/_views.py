"""The leaderboard's paging buttons: ``DynamicItem``s, so paging works after a restart.

The ``custom_id`` carries the period, metric and target page. A click on the public
``/leaderboard`` message leaves that message alone (other members may be reading
it) and shows the clicker a private page with their own rank below; the buttons of
that private page turn its pages in place.
"""

from __future__ import annotations

import re

import discord

from bot.exts._common import NO_MENTIONS, PersistentButton, bot_of, paging_view
from bot.exts.leaderboard._render import leaderboard_embed
from bot.i18n import language_of
from bot.services import stats
from bot.services.types import LeaderboardPage

__all__ = ["PAGE_SIZE", "LeaderboardButton", "fetch_page", "leaderboard_view"]

PAGE_SIZE = 10


class LeaderboardButton(
    PersistentButton,
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
    def from_match(cls, match: re.Match[str], *, label: str | None) -> LeaderboardButton:
        """The button of the clicked leaderboard and target page."""
        return cls(match["period"], match["metric"], int(match["page"]), match["dir"], label=label)

    async def handle(self, interaction: discord.Interaction) -> None:
        """The target page with the clicker's own rank: privately, or in place when private."""
        message = interaction.message
        in_place = message is not None and message.flags.ephemeral
        if in_place:
            await interaction.response.defer()
        else:
            await interaction.response.defer(ephemeral=True, thinking=True)
        page = await fetch_page(interaction, self.period, self.metric, self.page)
        lang = language_of(interaction)
        shown = {
            "embed": leaderboard_embed(page, lang),
            "view": leaderboard_view(page, lang),
            "allowed_mentions": NO_MENTIONS,
        }
        if in_place:
            await interaction.edit_original_response(**shown)
        else:
            await interaction.followup.send(ephemeral=True, **shown)


async def fetch_page(
    interaction: discord.Interaction, period: str, metric: str, page: int
) -> LeaderboardPage:
    """The page for the interaction's guild, with the interaction user's own row."""
    assert interaction.guild_id is not None
    bot = bot_of(interaction)
    return await stats.leaderboard(
        bot.db,
        guild_id=interaction.guild_id,
        period=period,
        metric=metric,
        page=max(page, 1),
        page_size=PAGE_SIZE,
        member_id=interaction.user.id,
        now=discord.utils.utcnow(),
        min_answers=bot.settings.min_accuracy_answers,
    )


def leaderboard_view(page: LeaderboardPage, lang: str) -> discord.ui.View:
    """Previous/next buttons, disabled at either end."""
    return paging_view(
        lambda target, direction, label: LeaderboardButton(
            page.period, page.metric, target, direction, label=label
        ),
        page.page,
        page.pages,
        lang,
    )
