"""Reading check-in storage: record, update, undo, list; guilds stay apart."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.db import Database
from bot.services import checkins
from bot.services.types import CheckinStatus

GUILD = 7
T0 = dt.datetime(2026, 4, 1, 12, 0, tzinfo=dt.UTC)


async def test_checking_in_twice_for_a_chapter_updates_it(db: Database) -> None:
    """A second check-in for the same chapter changes status and note, keeping one row."""
    first = await checkins.record_checkin(
        db, guild_id=GUILD, member_id=1, chapter=2, status=CheckinStatus.READING, at=T0
    )
    later = T0 + dt.timedelta(days=1)
    second = await checkins.record_checkin(
        db, guild_id=GUILD, member_id=1, chapter=2, note=" finally ", at=later
    )
    assert first.status is CheckinStatus.READING
    assert (second.status, second.note) == (CheckinStatus.DONE, "finally")
    assert (second.created_at, second.updated_at) == (T0, later)
    assert await checkins.checkins_by_member(db, guild_id=GUILD, member_id=1) == [second]


async def test_undo_removes_only_the_last_check_in(db: Database) -> None:
    """Undo takes back the most recent check-in and nothing else; a second undo the next."""
    for offset, chapter in enumerate((1, 2, 3)):
        await checkins.record_checkin(
            db,
            guild_id=GUILD,
            member_id=1,
            chapter=chapter,
            at=T0 + dt.timedelta(hours=offset),
        )
    undone = await checkins.undo_last_checkin(db, guild_id=GUILD, member_id=1)
    assert undone is not None
    assert undone.chapter == 3
    left = await checkins.checkins_by_member(db, guild_id=GUILD, member_id=1)
    assert [c.chapter for c in left] == [1, 2]
    assert await checkins.undo_last_checkin(db, guild_id=GUILD, member_id=2) is None


async def test_lists_by_chapter_never_mix_guilds(db: Database) -> None:
    """A chapter's board shows only this guild's members."""
    await checkins.record_checkin(db, guild_id=GUILD, member_id=1, chapter=4, at=T0)
    await checkins.record_checkin(db, guild_id=GUILD, member_id=2, chapter=4, at=T0)
    await checkins.record_checkin(db, guild_id=GUILD + 1, member_id=3, chapter=4, at=T0)
    board = await checkins.checkins_by_chapter(db, guild_id=GUILD, chapter=4)
    assert [c.member_id for c in board] == [1, 2]
    assert len(await checkins.list_checkins(db, guild_id=GUILD + 1)) == 1


async def test_overlong_note_is_refused_and_nothing_is_stored(db: Database) -> None:
    """A note over 500 characters gets a clear message and the check-in is not half-saved."""
    with pytest.raises(checkins.NoteTooLong, match="500"):
        await checkins.record_checkin(
            db, guild_id=GUILD, member_id=1, chapter=1, note="x" * 501, at=T0
        )
    assert await checkins.list_checkins(db, guild_id=GUILD) == []
