"""``/help``: every command with its description."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import QuizBot


async def setup(bot: QuizBot) -> None:
    """Load the help cog."""
    from bot.exts.meta._cog import MetaCog

    await bot.add_cog(MetaCog(bot))
