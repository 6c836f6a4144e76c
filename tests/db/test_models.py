"""Stored times are always aware UTC, whatever the database returns."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import StatementError

from bot.db import Database
from bot.db.models import Checkin

SEOUL = ZoneInfo("Asia/Seoul")


async def test_times_come_back_as_aware_utc(db: Database) -> None:
    """A time written in Seoul time reads back as the same instant in UTC."""
    local = dt.datetime(2026, 3, 29, 9, 30, tzinfo=SEOUL)
    async with db.write() as conn:
        await conn.execute(
            insert(Checkin).values(
                guild_id=1,
                member_id=2,
                chapter=3,
                status="done",
                created_at=local,
                updated_at=local,
            )
        )
    async with db.read() as conn:
        stored = (await conn.execute(select(Checkin.created_at))).scalar_one()
    assert stored == local
    assert stored.tzinfo == dt.UTC
    assert stored.hour == 0


async def test_naive_times_are_refused(db: Database) -> None:
    """A time without a zone is a bug; it is refused instead of being stored ambiguously."""
    naive = dt.datetime(2026, 3, 29, 9, 30)
    with pytest.raises(StatementError, match="aware datetime expected"):
        async with db.write() as conn:
            await conn.execute(
                insert(Checkin).values(
                    guild_id=1,
                    member_id=2,
                    chapter=3,
                    status="done",
                    created_at=naive,
                    updated_at=naive,
                )
            )
