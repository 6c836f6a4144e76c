"""Each server's own notes: the ``/notes`` commands and the periodic pulls."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import QuizBot


async def setup(bot: QuizBot) -> None:
    """Load the notes cog (which starts the periodic pulls of servers' repositories)."""
    from bot.exts.notes._cog import NotesCog

    await bot.add_cog(NotesCog(bot))
