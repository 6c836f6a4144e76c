"""The reading group: ``/checkin``, ``/progress``, ``/reading`` and the reminder scheduler."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import QuizBot


async def setup(bot: QuizBot) -> None:
    """Load the reading cog (which starts the reminder scheduler)."""
    from bot.exts.reading._cog import ReadingCog

    await bot.add_cog(ReadingCog(bot))
