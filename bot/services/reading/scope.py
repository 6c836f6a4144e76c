"""The default quiz scope: the chapters the group has reached.

:mod:`bot.services.runs` asks :func:`scope_in` for a channel whose chapters were never
chosen, and a scheduler's batch of due slots asks :func:`scopes_in` once for all their
guilds; ``/quiz status`` and ``/quiz chapters`` show :func:`quiz_scope`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.reading import members_needed, reached_chapters
from bot.core.sources import DEFAULT_SOURCE
from bot.db.models import Checkin
from bot.db.queries import sources_of
from bot.db.session import Database
from bot.services.reading.chapters import ChapterInfo, chapters_in, chapters_of_sources
from bot.services.types import CheckinStatus

__all__ = ["QuizScope", "quiz_scope", "scope_in", "scopes_in"]


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
    chapters = await chapters_in(conn, guild_id=guild_id)
    if not chapters:
        return _scope(chapters, {}, 0)
    done, members = await _done_counts(conn, guild_id)
    return _scope(chapters, done, members)


async def scopes_in(
    conn: AsyncConnection,
    *,
    guild_ids: Collection[int],
    sources: Mapping[int, str] | None = None,
) -> dict[int, QuizScope]:
    """The default quiz scope of each guild of ``guild_ids``, read with at most four
    statements, each guild from the chapters of its own notes.

    ``sources`` maps the guilds that chose their notes to their source (as
    :func:`bot.db.queries.sources_of` reads it), when the caller has read it already.
    """
    guilds = sorted(set(guild_ids))
    if not guilds:
        return {}
    if sources is None:
        sources = dict((await conn.execute(sources_of(guilds))).all())
    source = {guild: sources.get(guild, DEFAULT_SOURCE) for guild in guilds}
    by_source = await chapters_of_sources(conn, sources=set(source.values()))
    chapters = {guild: by_source[source[guild]] for guild in guilds}
    if not any(chapters.values()):
        return {guild: _scope([], {}, 0) for guild in guilds}
    done: defaultdict[int, dict[int, int]] = defaultdict(dict)
    rows = await conn.execute(
        select(Checkin.guild_id, Checkin.chapter, func.count())
        .where(Checkin.guild_id.in_(guilds), Checkin.status == CheckinStatus.DONE.value)
        .group_by(Checkin.guild_id, Checkin.chapter)
    )
    for guild, chapter, count in rows:
        done[int(guild)][int(chapter)] = int(count)
    members = {
        int(guild): int(count)
        for guild, count in await conn.execute(
            select(Checkin.guild_id, func.count(func.distinct(Checkin.member_id)))
            .where(Checkin.guild_id.in_(guilds))
            .group_by(Checkin.guild_id)
        )
    }
    return {guild: _scope(chapters[guild], done[guild], members.get(guild, 0)) for guild in guilds}


def _scope(chapters: Sequence[ChapterInfo], done: Mapping[int, int], members: int) -> QuizScope:
    """The scope the notes' ``chapters`` and a guild's done counts give."""
    if not chapters:
        return QuizScope(chapters=None, fallback=False, next_chapter=None, needed=0)
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
