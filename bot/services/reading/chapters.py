"""The notes' numbered chapters, kept in the database so every process follows the same list.

Each source of notes (see :mod:`bot.services.sources`) has its own list: the bot and the
terminal call :func:`sync_chapters` after loading the default folder, and a server's own
notes sync theirs under their source's key. Everything else of the reading group reads
the list of the notes a server reads (:func:`chapters_in`); every statement names that
server or source.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.errors import UnknownChapter
from bot.core.model import Chapter
from bot.core.reading import match_chapter
from bot.core.sources import DEFAULT_SOURCE
from bot.db.models import ReadingChapter
from bot.db.queries import insert_for, source_of
from bot.db.session import Database

__all__ = [
    "ChapterInfo",
    "chapter_named",
    "chapters_in",
    "chapters_of_sources",
    "list_chapters",
    "sync_chapters",
]

log = logging.getLogger(__name__)

#: How many chapters an "unknown chapter" message lists before counting the rest.
LISTED_CHAPTERS = 20


@dataclass(frozen=True, slots=True)
class ChapterInfo:
    """A numbered chapter of the notes; ``read`` is its mark in the table of contents."""

    number: int
    title: str
    read: bool


async def sync_chapters(
    db: Database, chapters: Iterable[Chapter], *, source: str = DEFAULT_SOURCE
) -> int:
    """Keep ``source``'s chapter list equal to its notes' numbered chapters; returns the count.

    A number found in several books keeps its first title; it counts as read when any
    table of contents marks it so.
    """
    found: dict[int, dict[str, object]] = {}
    for chapter in chapters:
        if chapter.number is None:
            continue
        entry = found.setdefault(
            chapter.number, {"number": chapter.number, "title": chapter.title, "read": False}
        )
        entry["read"] = bool(entry["read"]) or chapter.read
    rows = [{**found[number], "source": source} for number in sorted(found)]
    async with db.write() as conn:
        current = {
            (row.number, row.title, bool(row.read))
            for row in await conn.execute(
                select(ReadingChapter.__table__).where(ReadingChapter.source == source)
            )
        }
        if current == {(r["number"], r["title"], r["read"]) for r in rows}:
            return len(rows)
        await conn.execute(delete(ReadingChapter).where(ReadingChapter.source == source))
        if rows:
            await conn.execute(insert_for(db.dialect, ReadingChapter), rows)
    log.info("reading chapters of %s: %d", source, len(rows))
    return len(rows)


async def chapters_in(conn: AsyncConnection, *, guild_id: int) -> list[ChapterInfo]:
    """The chapters of the notes ``guild_id`` reads, by number, read on ``conn``."""
    rows = await conn.execute(
        select(ReadingChapter.__table__)
        .where(ReadingChapter.source == source_of(guild_id))
        .order_by(ReadingChapter.number)
    )
    return [ChapterInfo(row.number, row.title, bool(row.read)) for row in rows]


async def chapters_of_sources(
    conn: AsyncConnection, *, sources: Collection[str]
) -> dict[str, list[ChapterInfo]]:
    """The chapters of each of ``sources``, by number, with one statement (for a batch)."""
    found: defaultdict[str, list[ChapterInfo]] = defaultdict(list)
    if not sources:
        return {}
    rows = await conn.execute(
        select(ReadingChapter.__table__)
        .where(ReadingChapter.source.in_(sorted(set(sources))))
        .order_by(ReadingChapter.source, ReadingChapter.number)
    )
    for row in rows:
        found[row.source].append(ChapterInfo(row.number, row.title, bool(row.read)))
    return {source: found.get(source, []) for source in sources}


async def list_chapters(db: Database, *, guild_id: int) -> list[ChapterInfo]:
    """The numbered chapters of the notes ``guild_id`` reads, by number."""
    async with db.read() as conn:
        return await chapters_in(conn, guild_id=guild_id)


def _known(chapters: Sequence[ChapterInfo]) -> str:
    listed = ", ".join(f"{c.number}. {c.title}" for c in chapters[:LISTED_CHAPTERS])
    if len(chapters) > LISTED_CHAPTERS:
        listed += f", … ({len(chapters)} in all)"
    return listed or "none (no notes are loaded)"


def chapter_named(chapters: Sequence[ChapterInfo], given: str | int) -> ChapterInfo:
    """The chapter ``given`` names (number or title, fuzzily); :class:`UnknownChapter` listing
    the known chapters otherwise."""
    number = match_chapter([(c.number, c.title) for c in chapters], str(given))
    for chapter in chapters:
        if chapter.number == number:
            return chapter
    raise UnknownChapter(f"There is no chapter {str(given)[:100]!r}. Chapters: {_known(chapters)}.")
