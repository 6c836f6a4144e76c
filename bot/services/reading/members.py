"""The reading group's members and time zone: names, reminder opt-in, the guild's local weeks."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.models import Guild, ReadingChannel, ReadingMember
from bot.db.queries import insert_for
from bot.db.session import Database
from bot.services.types import MemberRef

__all__ = [
    "channel_timezone_in",
    "guild_timezone",
    "names_in",
    "ref",
    "remember",
    "set_remind",
    "timezone_in",
]


async def remember(
    conn: AsyncConnection, dialect: str, guild_id: int, member_id: int, name: str
) -> None:
    """Store (or rename) a member of the reading group on ``conn``."""
    upsert = insert_for(dialect, ReadingMember).values(
        guild_id=guild_id, member_id=member_id, display_name=name
    )
    await conn.execute(
        upsert.on_conflict_do_update(
            index_elements=["guild_id", "member_id"], set_={"display_name": name}
        )
    )


async def set_remind(
    db: Database, *, guild_id: int, member_id: int, display_name: str, remind: bool
) -> None:
    """Turn pings in reminders on or off for a member."""
    async with db.write() as conn:
        await remember(conn, db.dialect, guild_id, member_id, display_name)
        await conn.execute(
            update(ReadingMember)
            .where(ReadingMember.guild_id == guild_id, ReadingMember.member_id == member_id)
            .values(remind=remind)
        )


async def timezone_in(conn: AsyncConnection, guild_id: int) -> str:
    """The guild's time zone read on ``conn``; UTC when it has none."""
    zone = (
        await conn.execute(select(Guild.timezone).where(Guild.guild_id == guild_id))
    ).scalar_one_or_none()
    return zone or "UTC"


async def channel_timezone_in(conn: AsyncConnection, guild_id: int, channel_id: int) -> str:
    """The time zone of a channel's reminders, else the guild's."""
    zone = (
        await conn.execute(
            select(ReadingChannel.timezone).where(ReadingChannel.channel_id == channel_id)
        )
    ).scalar_one_or_none()
    return zone or await timezone_in(conn, guild_id)


async def guild_timezone(db: Database, *, guild_id: int) -> str:
    """The guild's time zone (set by ``/quiz setup`` or ``/reading setup``), UTC by default."""
    async with db.read() as conn:
        return await timezone_in(conn, guild_id)


async def names_in(conn: AsyncConnection, guild_id: int) -> dict[int, str]:
    """Display names of the guild's reading members, by member id."""
    rows = await conn.execute(
        select(ReadingMember.member_id, ReadingMember.display_name).where(
            ReadingMember.guild_id == guild_id
        )
    )
    return {int(row[0]): row[1] for row in rows}


def ref(names: dict[int, str], member_id: int) -> MemberRef:
    """A member named from ``names`` (the id when the name is unknown)."""
    return MemberRef(member_id, names.get(member_id, str(member_id)))
