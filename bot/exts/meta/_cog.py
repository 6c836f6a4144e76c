"""``/help``: every slash command with its description, in the member's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.quiz._render import DESCRIPTION_LIMIT, clip
from bot.i18n import KO_DESCRIPTIONS, language_of, text

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = ["MetaCog", "command_lines"]

#: How a command's (English) description says it needs Manage Server.
ADMIN_MARK = "(Manage Server)"


def command_lines(tree: app_commands.CommandTree, lang: str) -> list[str]:
    """``/name — description`` for every slash command and subcommand, sorted; those whose
    description ends with "(Manage Server)" are marked with a lock."""
    lines: list[tuple[str, str]] = []

    def visit(command: app_commands.Command | app_commands.Group) -> None:
        if isinstance(command, app_commands.Group):
            for child in command.commands:
                visit(child)
            return
        name = command.qualified_name
        description = command.description
        lock = " 🔒" if description.endswith(ADMIN_MARK) else ""
        if lang == "ko":
            description = KO_DESCRIPTIONS.get(description, description)
        lines.append((name, f"`/{name}`{lock} — {description}"))

    for command in tree.get_commands(type=discord.AppCommandType.chat_input):
        visit(command)  # type: ignore[arg-type]
    return [line for _name, line in sorted(lines)]


class MetaCog(commands.Cog):
    """Help for every command."""

    def __init__(self, bot: QuizBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="List every command")
    async def help_command(self, interaction: discord.Interaction) -> None:
        """A private list of every command with its description."""
        lang = language_of(interaction)
        body = "\n".join([text("help.intro", lang), "", *command_lines(self.bot.tree, lang)])
        embed = discord.Embed(
            title=text("help.title", lang),
            description=clip(body, DESCRIPTION_LIMIT),
            colour=discord.Colour.blurple(),
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)
