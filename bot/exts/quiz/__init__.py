"""Scheduled quizzes: the ``/quiz`` commands, the answer buttons and the scheduler."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import QuizBot


async def setup(bot: QuizBot) -> None:
    """Load the quiz cog (which starts the scheduler)."""
    from bot.exts.quiz._cog import QuizCog

    await bot.add_cog(QuizCog(bot))
