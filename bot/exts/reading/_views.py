"""The reading buttons: one-click check-ins under a reminder, and the board's paging.

Both are ``DynamicItem``s registered when the cog loads: the ``custom_id`` carries
everything needed (chapter and status; page), so a click works on any message, also
one posted before a restart.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord

from bot.core.errors import UnknownChapter
from bot.exts._common import NO_MENTIONS, PersistentButton, bot_of, paging_view, reply_private
from bot.exts.reading._render import board_embed, board_pages, checkin_reply
from bot.i18n import language_of, text
from bot.services import reading
from bot.services.checkins import MAX_NOTE_LENGTH, NoteTooLong
from bot.services.types import CheckinStatus

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = [
    "CheckinButton",
    "ProgressButton",
    "board_view",
    "check_in",
    "goal_of",
    "reminder_view",
]


async def goal_of(bot: QuizBot, guild_id: int) -> str | None:
    """The goal written in the server's notes (``# 목표``), from the first book that has
    one (its own notes are loaded on first use)."""
    library = await bot.library_for(guild_id)
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
    bot = bot_of(interaction)
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
        chapters = await reading.list_chapters(bot.db, guild_id=interaction.guild_id)
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
    await reply_private(interaction, message)


class CheckinButton(
    PersistentButton, template=r"reading:(?P<chapter>[0-9]+):(?P<status>done|reading)"
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
    def from_match(cls, match: re.Match[str], *, label: str | None) -> CheckinButton:
        """The check-in button of the clicked chapter and status."""
        return cls(int(match["chapter"]), CheckinStatus(match["status"]), label=label)

    async def handle(self, interaction: discord.Interaction) -> None:
        """Check the clicking member in for the chapter."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        await check_in(interaction, str(self.chapter), self.status, None)


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


class ProgressButton(PersistentButton, template=r"progress:(?P<page>[0-9]+):(?P<dir>prev|next)"):
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
    def from_match(cls, match: re.Match[str], *, label: str | None) -> ProgressButton:
        """The button of the clicked target page."""
        return cls(int(match["page"]), match["dir"], label=label)

    async def handle(self, interaction: discord.Interaction) -> None:
        """Show the target page in place (the board has nothing personal on it)."""
        await interaction.response.defer()
        bot = bot_of(interaction)
        lang = language_of(interaction)
        assert interaction.guild_id is not None
        board = await reading.board(
            bot.db, guild_id=interaction.guild_id, now=discord.utils.utcnow()
        )
        page = min(max(self.page, 1), board_pages(board))
        await interaction.edit_original_response(
            embed=board_embed(
                board, lang, goal=await goal_of(bot, interaction.guild_id), page=page
            ),
            view=board_view(page, board_pages(board), lang),
            allowed_mentions=NO_MENTIONS,
        )


def board_view(page: int, pages: int, lang: str) -> discord.ui.View | None:
    """Previous/next buttons, disabled at either end; none for a one-page board."""
    if pages <= 1:
        return None
    return paging_view(
        lambda target, direction, label: ProgressButton(target, direction, label=label),
        page,
        pages,
        lang,
    )
