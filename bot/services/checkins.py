"""Reading check-ins, stored: record, undo the last one, list by chapter or member.

A member has at most one check-in per chapter; checking in again updates it (status,
note, time). Undo removes the member's most recently changed check-in. Every check-in
is also kept as an event (weekly streaks count weeks with one), written in the same
transaction as the check-in, and undo removes that check-in's latest event with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, func, select

from bot.core.errors import QuizbotError
from bot.db.models import Checkin, CheckinEvent
from bot.db.queries import insert_for
from bot.db.session import Database
from bot.services.types import CheckinStatus, CheckinView

__all__ = [
    "MAX_NOTE_LENGTH",
    "NoteTooLong",
    "checkins_by_chapter",
    "checkins_by_member",
    "list_checkins",
    "record_checkin",
    "undo_last_checkin",
]

#: The longest note a check-in keeps, in characters.
MAX_NOTE_LENGTH = 500


class NoteTooLong(QuizbotError):
    """A check-in note is longer than :data:`MAX_NOTE_LENGTH` characters."""


def _view(row: Mapping[str, Any]) -> CheckinView:
    return CheckinView(
        guild_id=row["guild_id"],
        member_id=row["member_id"],
        chapter=row["chapter"],
        status=CheckinStatus(row["status"]),
        note=row["note"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


async def record_checkin(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    chapter: int,
    status: CheckinStatus = CheckinStatus.DONE,
    note: str | None = None,
    at: dt.datetime,
) -> CheckinView:
    """Record (or update) the member's check-in for ``chapter``."""
    if note is not None:
        note = note.strip() or None
    if note is not None and len(note) > MAX_NOTE_LENGTH:
        raise NoteTooLong(
            f"The note has {len(note)} characters; keep it to {MAX_NOTE_LENGTH} or fewer."
        )
    status = CheckinStatus(status)
    upsert = insert_for(db.dialect, Checkin).values(
        guild_id=guild_id,
        member_id=member_id,
        chapter=chapter,
        status=status.value,
        note=note,
        created_at=at,
        updated_at=at,
    )
    async with db.write() as conn:
        await conn.execute(
            upsert.on_conflict_do_update(
                index_elements=["guild_id", "member_id", "chapter"],
                set_={"status": status.value, "note": note, "updated_at": at},
            )
        )
        row = (
            (
                await conn.execute(
                    select(Checkin.__table__).where(
                        Checkin.guild_id == guild_id,
                        Checkin.member_id == member_id,
                        Checkin.chapter == chapter,
                    )
                )
            )
            .mappings()
            .one()
        )
        await conn.execute(
            insert_for(db.dialect, CheckinEvent).values(
                guild_id=guild_id,
                member_id=member_id,
                chapter=chapter,
                status=status.value,
                at=row["updated_at"],
            )
        )
    return _view(row)


async def undo_last_checkin(db: Database, *, guild_id: int, member_id: int) -> CheckinView | None:
    """Remove the member's most recently changed check-in; ``None`` when there is none."""
    async with db.write() as conn:
        row = (
            (
                await conn.execute(
                    select(Checkin.__table__)
                    .where(Checkin.guild_id == guild_id, Checkin.member_id == member_id)
                    .order_by(Checkin.updated_at.desc(), Checkin.id.desc())
                    .limit(1)
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        await conn.execute(
            delete(Checkin).where(Checkin.guild_id == guild_id, Checkin.id == row["id"])
        )
        mine = (
            CheckinEvent.guild_id == guild_id,
            CheckinEvent.member_id == member_id,
            CheckinEvent.chapter == row["chapter"],
        )
        last = select(func.max(CheckinEvent.id)).where(*mine).scalar_subquery()
        await conn.execute(delete(CheckinEvent).where(*mine, CheckinEvent.id == last))
    return _view(row)


async def _list(db: Database, *conditions: Any) -> list[CheckinView]:
    async with db.read() as conn:
        rows = (
            await conn.execute(
                select(Checkin.__table__)
                .where(*conditions)
                .order_by(Checkin.chapter, Checkin.updated_at, Checkin.member_id)
            )
        ).mappings()
        return [_view(row) for row in rows]


async def checkins_by_chapter(db: Database, *, guild_id: int, chapter: int) -> list[CheckinView]:
    """Everyone's check-ins for one chapter, earliest first."""
    return await _list(db, Checkin.guild_id == guild_id, Checkin.chapter == chapter)


async def checkins_by_member(db: Database, *, guild_id: int, member_id: int) -> list[CheckinView]:
    """One member's check-ins, by chapter."""
    return await _list(db, Checkin.guild_id == guild_id, Checkin.member_id == member_id)


async def list_checkins(db: Database, *, guild_id: int) -> list[CheckinView]:
    """Every check-in of the guild, by chapter then time."""
    return await _list(db, Checkin.guild_id == guild_id)
