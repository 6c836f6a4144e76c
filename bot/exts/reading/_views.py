"""The reading buttons: one-click check-ins under a reminder, and the board's paging.

Both are ``DynamicItem``s registered when the cog loads: the ``custom_id`` carries
everything needed (chapter and status; page), so a click works on any message, also
one posted before a restart.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.client import report_failure
from bot.core.errors import UnknownChapter
from bot.exts.reading._render import board_embed, board_pages, checkin_reply
from bot.i18n import language_of, text
from bot.services import reading
from bot.services.checkins import MAX_NOTE_LENGTH, NoteTooLong
from bot.services.types import CheckinStatus

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = [
    "NO_MENTIONS",
    "CheckinButton",
    "ProgressButton",
    "board_view",
    "check_in",
    "goal_of",
    "reminder_view",
]

NO_MENTIONS = discord.AllowedMentions.none()


def _bot(interaction: discord.Interaction) -> QuizBot:
    return interaction.client  # type: ignore[return-value]


def goal_of(bot: QuizBot) -> str | None:
    """The goal written in the notes (``# 목표``), from the first book that has one."""
    library = bot.library
    if library is None:
        return None
    return next((book.goal for book in library.books if book.goal), None)


async def check_in(
    interaction: discord.Interaction,
    chapter: str,
    status: CheckinStatus,
    note: str | None,
) -> None:
    """Record the member's check-in and answer privately with their progress (deferred)."""
    bot = _bot(interaction)
    lang = language_of(interaction)
    assert interaction.guild_id is not None
    try:
        result = await reading.checkin(
            bot.db,
            guild_id=interaction.guild_id,
            member_id=interaction.user.id,
            display_name=interaction.user.display_name,
            chapter=chapter,
            status=status,
            note=note,
            at=discord.utils.utcnow(),
        )
    except UnknownChapter:
        chapters = await reading.list_chapters(bot.db)
        if not chapters:
            message = text("checkin.no_chapters", lang)
        else:
            known = ", ".join(f"{c.number}. {c.title}" for c in chapters[:25])
            message = text(
                "checkin.unknown",
                lang,
                given=discord.utils.escape_markdown(chapter[:100]),
                known=known,
            )
    except NoteTooLong:
        message = text(
            "checkin.note_too_long", lang, length=len((note or "").strip()), limit=MAX_NOTE_LENGTH
        )
    else:
        message = checkin_reply(result, lang)
    await interaction.followup.send(message[:2000], ephemeral=True, allowed_mentions=NO_MENTIONS)


class CheckinButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"reading:(?P<chapter>[0-9]+):(?P<status>done|reading)",
):
    """ "Done" / "Still reading" for one chapter, under a reminder."""

    def __init__(self, chapter: int, status: CheckinStatus, *, label: str | None = None) -> None:
        done = status is CheckinStatus.DONE
        super().__init__(
            discord.ui.Button(
                label=label or status.value,
                style=discord.ButtonStyle.success if done else discord.ButtonStyle.secondary,
                emoji="✅" if done else "📖",
                custom_id=f"reading:{chapter}:{status.value}",
            )
        )
        self.chapter = chapter
        self.status = status

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> CheckinButton:
        """Rebuild the button from a click on any reminder (also one from before a restart)."""
        return cls(
            int(match["chapter"]),
            CheckinStatus(match["status"]),
            label=getattr(item, "label", None),
        )

    async def callback(self, interaction: discord.Interaction) -> None:
        """Check the clicking member in for the chapter."""
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await check_in(interaction, str(self.chapter), self.status, None)
        except Exception as exc:
            await report_failure(interaction, exc)


def reminder_view(chapter: int | None, lang: str) -> discord.ui.View | None:
    """The two check-in buttons for the chapter of the week (none when there is no chapter)."""
    if chapter is None:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(CheckinButton(chapter, CheckinStatus.DONE, label=text("reminder.done", lang)))
    view.add_item(
        CheckinButton(chapter, CheckinStatus.READING, label=text("reminder.reading", lang))
    )
    return view


class ProgressButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"progress:(?P<page>[0-9]+):(?P<dir>prev|next)",
):
    """Previous/next page of the group's board."""

    def __init__(self, page: int, direction: str, *, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or direction,
                style=discord.ButtonStyle.secondary,
                custom_id=f"progress:{page}:{direction}",
            )
        )
        self.page = page
        self.direction = direction

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ProgressButton:
        """Rebuild the button from a click on any board message."""
        return cls(int(match["page"]), match["dir"], label=getattr(item, "label", None))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Show the target page in place."""
        try:
            await interaction.response.defer()
            bot = _bot(interaction)
            lang = language_of(interaction)
            assert interaction.guild_id is not None
            board = await reading.board(
                bot.db, guild_id=interaction.guild_id, now=discord.utils.utcnow()
            )
            page = min(max(self.page, 1), board_pages(board))
            await interaction.edit_original_response(
                embed=board_embed(board, lang, goal=goal_of(bot), page=page),
                view=board_view(page, board_pages(board), lang),
                allowed_mentions=NO_MENTIONS,
            )
        except Exception as exc:
            await report_failure(interaction, exc)


def board_view(page: int, pages: int, lang: str) -> discord.ui.View | None:
    """Previous/next buttons, disabled at either end; none for a one-page board."""
    if pages <= 1:
        return None
    view = discord.ui.View(timeout=None)
    previous = ProgressButton(max(page - 1, 1), "prev", label=text("lb.previous", lang))
    following = ProgressButton(min(page + 1, pages), "next", label=text("lb.next", lang))
    previous.item.disabled = page <= 1
    following.item.disabled = page >= pages
    view.add_item(previous)
    view.add_item(following)
    return view
