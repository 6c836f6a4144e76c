"""Scores: ``/leaderboard`` with paging buttons and ``/stats``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import QuizBot


async def setup(bot: QuizBot) -> None:
    """Load the leaderboard cog."""
    from bot.exts.leaderboard._cog import LeaderboardCog

    await bot.add_cog(LeaderboardCog(bot))
