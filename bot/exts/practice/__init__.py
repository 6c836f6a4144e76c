"""Personal practice: ``/practice`` sessions, misses, stats, and their restart-proof buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import QuizBot


async def setup(bot: QuizBot) -> None:
    """Load the practice cog."""
    from bot.exts.practice._cog import PracticeCog

    await bot.add_cog(PracticeCog(bot))
