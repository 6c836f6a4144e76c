"""Pieces every Discord feature shares: private replies, restart-proof buttons, paging, checks.

- :func:`reply_private` answers an interaction ephemerally, as a followup when it was
  already acknowledged, with mentions disabled and cut to Discord's 2000 characters;
  :func:`send_private` and :func:`report_failure` do the same on error paths and
  never raise.
- :class:`PersistentButton` is the base of every ``DynamicItem`` button: it rebuilds
  itself from the ``custom_id`` of a click on any message (also one posted before a
  restart) and turns any failure into a private answer instead of silence.
- :func:`answer_publicly` posts a public answer, deferring only when the work is slow.
- :func:`paging_view` builds the Previous/Next pair, disabled at either end.
- :func:`checked_schedule` and :func:`timezone_choices` serve the ``setup`` commands
  of the quiz and the reading reminders: one validation, one time zone autocomplete.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import zoneinfo
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Self
from zoneinfo import ZoneInfo

import discord
from discord import app_commands

from bot.core.errors import QuizbotError, ScheduleError
from bot.core.schedule import ALL_DAYS, parse_time_of_day, parse_timezone, parse_weekdays
from bot.exts.quiz._render import MESSAGE_LIMIT, clip
from bot.i18n import language_of, text

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = [
    "NO_MENTIONS",
    "PersistentButton",
    "answer_publicly",
    "bot_of",
    "checked_schedule",
    "missing_post_permissions",
    "paging_view",
    "reply_private",
    "report_failure",
    "require_manage_guild",
    "send_private",
    "timezone_choices",
]

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()

#: Seconds of work after which a public answer is deferred (Discord allows 3).
DEFER_AFTER = 2.0
#: What the bot needs in a channel to post quizzes and reminders there.
POST_PERMISSIONS = ("view_channel", "send_messages", "embed_links")
#: Time zones offered first when the member has typed nothing (or they match).
PREFERRED_ZONES = ("Asia/Seoul", "UTC", "Europe/Berlin", "America/New_York")


def bot_of(interaction: discord.Interaction) -> QuizBot:
    """The bot that received ``interaction``."""
    return interaction.client  # type: ignore[return-value]


async def reply_private(
    interaction: discord.Interaction, message: str, *, view: discord.ui.View | None = None
) -> None:
    """Answer ``interaction`` ephemerally (a followup when already deferred), pinging nobody.

    ``view`` adds buttons under the answer.
    """
    message = clip(message, MESSAGE_LIMIT)
    extra: dict[str, Any] = {"view": view} if view is not None else {}
    if interaction.response.is_done():
        await interaction.followup.send(
            message, ephemeral=True, allowed_mentions=NO_MENTIONS, **extra
        )
    else:
        await interaction.response.send_message(
            message, ephemeral=True, allowed_mentions=NO_MENTIONS, **extra
        )


async def answer_publicly(
    interaction: discord.Interaction, work: Awaitable[dict[str, Any]]
) -> None:
    """Post the message ``work`` builds (``send`` keyword arguments) for the whole channel.

    Quick work is answered directly, so that a failure can still be answered
    privately by the tree's error handler; work slower than :data:`DEFER_AFTER` is
    deferred ("thinking…") to stay within Discord's 3 seconds. ``None`` values are
    left out and mentions are off unless the message says otherwise.
    """
    task = asyncio.ensure_future(work)
    try:
        await asyncio.wait_for(asyncio.shield(task), DEFER_AFTER)
    except TimeoutError:
        await interaction.response.defer(thinking=True)
    except BaseException:
        task.cancel()
        raise
    message = {key: value for key, value in (await task).items() if value is not None}
    message.setdefault("allowed_mentions", NO_MENTIONS)
    if interaction.response.is_done():
        await interaction.followup.send(**message)
    else:
        await interaction.response.send_message(**message)


async def send_private(interaction: discord.Interaction, message: str) -> None:
    """Like :func:`reply_private`, but never raises: for error paths.

    When the answer fails (the first response already failed or expired) it is tried
    once more as a followup, then only logged.
    """
    try:
        await reply_private(interaction, message)
        return
    except discord.HTTPException as exc:
        log.warning("could not answer the interaction (%s); trying a followup", exc)
    try:
        await interaction.followup.send(
            clip(message, MESSAGE_LIMIT), ephemeral=True, allowed_mentions=NO_MENTIONS
        )
    except discord.HTTPException as exc:
        log.warning("could not answer the interaction at all: %s", exc)


async def report_failure(interaction: discord.Interaction, error: Exception) -> None:
    """Log a failed button or modal and tell the member privately instead of leaving silence."""
    custom_id = (interaction.data or {}).get("custom_id", "?")
    log.error("interaction %s failed", custom_id, exc_info=error)
    lang = language_of(interaction)
    message = str(error) if isinstance(error, QuizbotError) else text("error.generic", lang)
    await send_private(interaction, message)


def require_manage_guild(interaction: discord.Interaction) -> None:
    """Refuse (privately, through the tree's error handler) members without Manage Server.

    For the part of a command everyone may use whose other part is for admins.
    """
    if not interaction.permissions.manage_guild:
        raise app_commands.MissingPermissions(["manage_guild"])


def missing_post_permissions(channel: discord.TextChannel, lang: str = "en") -> list[str]:
    """The permissions (as Discord names them in ``lang``) the bot lacks to post embeds in
    ``channel``; empty when it may."""
    permissions = channel.permissions_for(channel.guild.me)
    return [
        text(f"perm.{name}", lang) for name in POST_PERMISSIONS if not getattr(permissions, name)
    ]


async def checked_schedule(
    interaction: discord.Interaction,
    channel: discord.TextChannel,
    *,
    time: str,
    timezone: str,
    days: str | None,
) -> tuple[ZoneInfo, dt.time, frozenset[int]] | None:
    """The time zone, time of day and weekdays of a ``setup`` command, once all are valid
    and the bot may post in ``channel``; else ``None`` after telling the member why."""
    try:
        zone = parse_timezone(timezone)
        time_of_day = parse_time_of_day(time)
        weekdays = parse_weekdays(days) if days else ALL_DAYS
    except ScheduleError as exc:
        await reply_private(interaction, str(exc))
        return None
    lang = language_of(interaction)
    missing = missing_post_permissions(channel, lang)
    if missing:
        await reply_private(
            interaction,
            text("setup.no_permission", lang, channel=channel.mention, missing=", ".join(missing)),
        )
        return None
    return zone, time_of_day, weekdays


def timezone_choices(current: str) -> list[app_commands.Choice[str]]:
    """Up to 25 IANA zones containing what the member typed, common ones first."""
    wanted = current.strip().lower().replace(" ", "_")
    names = sorted(zoneinfo.available_timezones())
    matches = [name for name in names if wanted in name.lower()] if wanted else names
    matches.sort(
        key=lambda name: (name not in PREFERRED_ZONES, not name.lower().startswith(wanted))
    )
    return [app_commands.Choice(name=name, value=name) for name in matches[:25]]


class PersistentButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"(?!)",  # matches nothing: only subclasses are registered
):
    """A button whose ``custom_id`` carries everything its click needs.

    Subclasses give a ``template`` with named groups, build themselves in
    :meth:`from_match` and do their work in :meth:`handle`; a failure there is logged
    and answered privately.
    """

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
