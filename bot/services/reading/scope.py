"""The default quiz scope: the chapters the group has reached.

:mod:`bot.services.runs` asks :func:`scope_in` for a channel whose chapters were never
chosen; ``/quiz status`` and ``/quiz chapters`` show :func:`quiz_scope`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.reading import members_needed, reached_chapters
from bot.db.models import Checkin
from bot.db.session import Database
from bot.services.reading.chapters import chapters_in
from bot.services.types import CheckinStatus

__all__ = ["QuizScope", "quiz_scope", "scope_in"]


@dataclass(frozen=True, slots=True)
class QuizScope:
    """The default quiz scope of a guild.

    ``chapters`` is ``None`` when the notes list no chapter (every question is asked);
    ``fallback`` says the first chapter is asked because none is reached yet;
    ``next_chapter`` is the next chapter to join, once ``needed`` more members finish it.
    """

    chapters: tuple[int, ...] | None
    fallback: bool
    next_chapter: int | None
    needed: int


async def _done_counts(conn: AsyncConnection, guild_id: int) -> tuple[dict[int, int], int]:
    done = await conn.execute(
        select(Checkin.chapter, func.count())
        .where(Checkin.guild_id == guild_id, Checkin.status == CheckinStatus.DONE.value)
        .group_by(Checkin.chapter)
    )
    members = (
        await conn.execute(
            select(func.count(func.distinct(Checkin.member_id))).where(Checkin.guild_id == guild_id)
        )
    ).scalar_one()
    return {int(row[0]): int(row[1]) for row in done}, int(members)


async def scope_in(conn: AsyncConnection, *, guild_id: int) -> QuizScope:
    """The guild's default quiz scope, read on ``conn`` (for the other services)."""
    chapters = await chapters_in(conn)
    if not chapters:
        return QuizScope(chapters=None, fallback=False, next_chapter=None, needed=0)
    done, members = await _done_counts(conn, guild_id)
    numbers = [c.number for c in chapters]
    reached = reached_chapters(
        numbers, read={c.number for c in chapters if c.read}, done=done, members=members
    )
    waiting = [n for n in numbers if n not in reached]
    next_chapter = waiting[0] if waiting else None
    needed = members_needed(done.get(next_chapter, 0), members) if next_chapter is not None else 0
    if not reached:
        return QuizScope(
            chapters=(numbers[0],), fallback=True, next_chapter=next_chapter, needed=needed
        )
    return QuizScope(chapters=reached, fallback=False, next_chapter=next_chapter, needed=needed)


async def quiz_scope(db: Database, *, guild_id: int) -> QuizScope:
    """The chapters a channel with the default scope asks: those the group has reached."""
    async with db.read() as conn:
        return await scope_in(conn, guild_id=guild_id)
