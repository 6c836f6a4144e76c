"""Pieces every Discord feature shares: private replies, restart-proof buttons, paging, checks.

- :func:`reply_private` answers an interaction ephemerally, as a followup when it was
  already acknowledged, with mentions disabled and cut to Discord's 2000 characters.
- :class:`PersistentButton` is the base of every ``DynamicItem`` button: it rebuilds
  itself from the ``custom_id`` of a click on any message (also one posted before a
  restart) and turns any failure into a private answer instead of silence.
- :func:`paging_view` builds the Previous/Next pair, disabled at either end.
- :func:`missing_post_permissions` and :func:`timezone_choices` serve the ``setup``
  commands of the quiz and the reading reminders.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

import discord
from discord import app_commands

from bot.client import report_failure
from bot.exts.quiz._render import MESSAGE_LIMIT, clip
from bot.i18n import text

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = [
    "NO_MENTIONS",
    "PersistentButton",
    "bot_of",
    "missing_post_permissions",
    "paging_view",
    "reply_private",
    "require_manage_guild",
    "timezone_choices",
]

NO_MENTIONS = discord.AllowedMentions.none()

#: What the bot needs in a channel to post quizzes and reminders there.
POST_PERMISSIONS = {
    "view_channel": "View Channel",
    "send_messages": "Send Messages",
    "embed_links": "Embed Links",
}
#: Time zones offered first when the member has typed nothing (or they match).
PREFERRED_ZONES = ("Asia/Seoul", "UTC", "Europe/Berlin", "America/New_York")


def bot_of(interaction: discord.Interaction) -> QuizBot:
    """The bot that received ``interaction``."""
    return interaction.client  # type: ignore[return-value]


async def reply_private(interaction: discord.Interaction, message: str) -> None:
    """Answer ``interaction`` ephemerally (a followup when already deferred), pinging nobody."""
    message = clip(message, MESSAGE_LIMIT)
    if interaction.response.is_done():
        await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_MENTIONS)
    else:
        await interaction.response.send_message(
            message, ephemeral=True, allowed_mentions=NO_MENTIONS
        )


def require_manage_guild(interaction: discord.Interaction) -> None:
    """Refuse (privately, through the tree's error handler) members without Manage Server.

    For the part of a command everyone may use whose other part is for admins.
    """
    if not interaction.permissions.manage_guild:
        raise app_commands.MissingPermissions(["manage_guild"])


def missing_post_permissions(channel: discord.TextChannel) -> list[str]:
    """The permissions the bot lacks to post embeds in ``channel`` (empty when it may)."""
    permissions = channel.permissions_for(channel.guild.me)
    return [label for name, label in POST_PERMISSIONS.items() if not getattr(permissions, name)]


def timezone_choices(current: str) -> list[app_commands.Choice[str]]:
    """Up to 25 IANA zones containing what the member typed, common ones first."""
    wanted = current.strip().lower().replace(" ", "_")
    names = sorted(zoneinfo.available_timezones())
    matches = [name for name in names if wanted in name.lower()] if wanted else names
    matches.sort(
        key=lambda name: (name not in PREFERRED_ZONES, not name.lower().startswith(wanted))
    )
    return [app_commands.Choice(name=name, value=name) for name in matches[:25]]


class PersistentButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"(?!)"):
    """A button whose ``custom_id`` carries everything its click needs.

    Subclasses give a ``template`` with named groups, build themselves in
    :meth:`from_match` and do their work in :meth:`handle`; a failure there is logged
    and answered privately.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)

    @classmethod
    def from_match(cls, match: re.Match[str], *, label: str | None) -> Self:
        """The button for a clicked ``custom_id`` (``label`` as shown on the message)."""
        raise NotImplementedError

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        """Rebuild the button from a click on any message (also one from before a restart)."""
        return cls.from_match(match, label=getattr(item, "label", None))

    async def handle(self, interaction: discord.Interaction) -> None:
        """Answer the click."""
        raise NotImplementedError

    async def callback(self, interaction: discord.Interaction) -> None:
        """Answer the click; any failure gets a private answer, never silence."""
        try:
            await self.handle(interaction)
        except Exception as exc:
            await report_failure(interaction, exc)


def paging_view(
    button: Callable[[int, str, str], PersistentButton], page: int, pages: int, lang: str
) -> discord.ui.View:
    """Previous/next buttons made by ``button(target_page, direction, label)``."""
    view = discord.ui.View(timeout=None)
    previous = button(max(page - 1, 1), "prev", text("lb.previous", lang))
    following = button(min(page + 1, max(pages, 1)), "next", text("lb.next", lang))
    previous.item.disabled = page <= 1
    following.item.disabled = page >= pages
    view.add_item(previous)
    view.add_item(following)
    return view
