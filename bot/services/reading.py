"""The reading group: check-ins with progress and streaks, the board, reminders, quiz scope.

Both front doors call these. Check-ins themselves are stored by
:mod:`bot.services.checkins`; this module adds what a reading group sees: the
chapters of the notes (kept in the database by :func:`sync_chapters`), each member's
progress and check-in streak, the group's board, reminder schedules per channel (a
reminder is claimed once per (channel, slot), like a quiz run) and the weekly summary.

It also decides the default quiz scope, "the chapters the group has reached"
(:func:`scope_in`), which :mod:`bot.services.runs` uses for a channel whose chapters
were never chosen. The rules themselves live in :mod:`bot.core.reading`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.errors import QuizbotError, UnknownChapter
from bot.core.model import Chapter
from bot.core.reading import (
    ACTIVE_DAYS,
    chapter_of_the_week,
    checkin_streak,
    is_reached,
    match_chapter,
    members_needed,
    reached_chapters,
    week_of,
)
from bot.core.schedule import Schedule, local_day
from bot.db.models import (
    Checkin,
    Guild,
    ReadingChannel,
    ReadingChapter,
    ReadingMember,
    ReadingReminder,
)
from bot.db.queries import insert_for, mask_to_weekdays, weekdays_to_mask
from bot.db.session import Database
from bot.services import checkins
from bot.services.types import CheckinStatus, CheckinView, LeaderboardRow, MemberRef

__all__ = [
    "REMINDER_WINDOW",
    "BoardChapter",
    "BoardMember",
    "ChapterInfo",
    "CheckinResult",
    "MemberProgress",
    "ProgressBoard",
    "QuizScope",
    "ReminderData",
    "ReminderSchedule",
    "ReminderView",
    "WeeklySummary",
    "board",
    "chapter_named",
    "checkin",
    "claim_reminder",
    "configure_reminders",
    "get_reminder_schedule",
    "guild_timezone",
    "list_chapters",
    "list_reminder_schedules",
    "member_progress",
    "quiz_scope",
    "reminder_data",
    "remove_reminders",
    "scope_in",
    "set_remind",
    "set_reminder_message",
    "streak",
    "sync_chapters",
    "undo",
    "unposted_reminders",
    "weekly_summary",
]

log = logging.getLogger(__name__)

#: A reminder missed while the bot was down is still posted within this time of its slot.
REMINDER_WINDOW = dt.timedelta(hours=12)
#: How many quiz players the weekly summary names.
TOP_OF_WEEK = 3


# ----------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class ChapterInfo:
    """A numbered chapter of the notes; ``read`` is its mark in the table of contents."""

    number: int
    title: str
    read: bool


@dataclass(frozen=True, slots=True)
class MemberProgress:
    """How far one member has read, and their check-in streak (in weeks)."""

    member_id: int
    display_name: str
    done: tuple[int, ...]
    reading: tuple[int, ...]
    total_chapters: int
    last_checkin: dt.datetime | None
    current_streak: int
    best_streak: int


@dataclass(frozen=True, slots=True)
class CheckinResult:
    """A stored check-in and the member's progress after it."""

    checkin: CheckinView
    chapter: ChapterInfo
    updated: bool
    progress: MemberProgress


@dataclass(frozen=True, slots=True)
class BoardChapter:
    """One chapter on the board: who finished it and who is reading it."""

    chapter: ChapterInfo
    done: list[MemberRef]
    reading: list[MemberRef]
    reached: bool


@dataclass(frozen=True, slots=True)
class BoardMember:
    """One member on the board: finished chapters, the chapter they are on, last check-in."""

    member: MemberRef
    done: int
    on: int | None
    last_checkin: dt.date | None


@dataclass(frozen=True, slots=True)
class ProgressBoard:
    """The group's board; ``common`` is the chapter most members are on."""

    chapters: list[BoardChapter]
    members: list[BoardMember]
    common: int | None
    timezone: str


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


@dataclass(frozen=True, slots=True)
class ReminderSchedule:
    """A channel's reading reminder schedule."""

    guild_id: int
    channel_id: int
    schedule: Schedule


@dataclass(frozen=True, slots=True)
class ReminderView:
    """A claimed reminder: its slot, chapter of the week, and the week it summarises."""

    id: int
    guild_id: int
    channel_id: int
    slot: dt.datetime
    chapter: int | None
    summary_week: dt.date | None
    message_id: int | None
    claimed_at: dt.datetime


@dataclass(frozen=True, slots=True)
class WeeklySummary:
    """A local week: who finished which chapters and the quiz top 3."""

    week_start: dt.date
    finished: list[tuple[MemberRef, tuple[int, ...]]]
    top: list[LeaderboardRow]


@dataclass(frozen=True, slots=True)
class ReminderData:
    """Everything a reminder shows; ``pinged`` are the members to mention (opted in)."""

    reminder: ReminderView
    chapter: ChapterInfo | None
    missing: list[MemberRef]
    pinged: list[int]
    summary: WeeklySummary | None
    timezone: str


# --------------------------------------------------------------------------- chapters


async def sync_chapters(db: Database, chapters: Iterable[Chapter]) -> int:
    """Keep the database's chapter list equal to the notes' numbered chapters; returns the count.

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
    rows = [found[number] for number in sorted(found)]
    async with db.write() as conn:
        current = {
            (row.number, row.title, bool(row.read))
            for row in await conn.execute(select(ReadingChapter.__table__))
        }
        if current == {(r["number"], r["title"], r["read"]) for r in rows}:
            return len(rows)
        await conn.execute(delete(ReadingChapter))
        if rows:
            await conn.execute(insert_for(db.dialect, ReadingChapter), rows)
    log.info("reading chapters: %d", len(rows))
    return len(rows)


async def _chapters(conn: AsyncConnection) -> list[ChapterInfo]:
    rows = await conn.execute(select(ReadingChapter.__table__).order_by(ReadingChapter.number))
    return [ChapterInfo(row.number, row.title, bool(row.read)) for row in rows]


async def list_chapters(db: Database) -> list[ChapterInfo]:
    """The numbered chapters of the loaded notes, by number."""
    async with db.read() as conn:
        return await _chapters(conn)


def _known(chapters: Sequence[ChapterInfo]) -> str:
    listed = ", ".join(f"{c.number}. {c.title}" for c in chapters[:20])
    if len(chapters) > 20:
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


# --------------------------------------------------------------------------- members


async def _remember(
    conn: AsyncConnection, dialect: str, guild_id: int, member_id: int, name: str
) -> None:
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
        await _remember(conn, db.dialect, guild_id, member_id, display_name)
        await conn.execute(
            update(ReadingMember)
            .where(ReadingMember.guild_id == guild_id, ReadingMember.member_id == member_id)
            .values(remind=remind)
        )


async def guild_timezone(db: Database, *, guild_id: int) -> str:
    """The guild's time zone (set by ``/quiz setup`` or ``/reading setup``), UTC by default."""
    async with db.read() as conn:
        return await _timezone(conn, guild_id)


async def _timezone(conn: AsyncConnection, guild_id: int) -> str:
    zone = (
        await conn.execute(select(Guild.timezone).where(Guild.guild_id == guild_id))
    ).scalar_one_or_none()
    return zone or "UTC"


async def _names(conn: AsyncConnection, guild_id: int) -> dict[int, str]:
    rows = await conn.execute(
        select(ReadingMember.member_id, ReadingMember.display_name).where(
            ReadingMember.guild_id == guild_id
        )
    )
    return {int(row[0]): row[1] for row in rows}


def _ref(names: dict[int, str], member_id: int) -> MemberRef:
    return MemberRef(member_id, names.get(member_id, str(member_id)))


# -------------------------------------------------------------------------- check-ins


def _streak(views: Iterable[CheckinView], timezone: str, now: dt.datetime) -> tuple[int, int]:
    days = [local_day(at, timezone) for v in views for at in {v.created_at, v.updated_at}]
    return checkin_streak(days, today=local_day(now, timezone))


async def member_progress(
    db: Database, *, guild_id: int, member_id: int, now: dt.datetime
) -> MemberProgress:
    """A member's finished and in-progress chapters, last check-in and check-in streak."""
    views = await checkins.checkins_by_member(db, guild_id=guild_id, member_id=member_id)
    async with db.read() as conn:
        timezone = await _timezone(conn, guild_id)
        names = await _names(conn, guild_id)
        total = len(await _chapters(conn))
    current, best = _streak(views, timezone, now)
    return MemberProgress(
        member_id=member_id,
        display_name=names.get(member_id, str(member_id)),
        done=tuple(v.chapter for v in views if v.status is CheckinStatus.DONE),
        reading=tuple(v.chapter for v in views if v.status is CheckinStatus.READING),
        total_chapters=total,
        last_checkin=max((v.updated_at for v in views), default=None),
        current_streak=current,
        best_streak=best,
    )


async def streak(
    db: Database, *, guild_id: int, member_id: int, now: dt.datetime
) -> tuple[int, int]:
    """A member's ``(current, best)`` check-in streak in weeks."""
    progress = await member_progress(db, guild_id=guild_id, member_id=member_id, now=now)
    return progress.current_streak, progress.best_streak


async def checkin(
    db: Database,
    *,
    guild_id: int,
    member_id: int,
    display_name: str,
    chapter: str | int,
    status: CheckinStatus = CheckinStatus.DONE,
    note: str | None = None,
    at: dt.datetime,
) -> CheckinResult:
    """Check a member in for a chapter named by number or title (again: updates it).

    Raises :class:`UnknownChapter` (listing the chapters) or :class:`~bot.services.
    checkins.NoteTooLong`; nothing is stored then.
    """
    chapters = await list_chapters(db)
    found = chapter_named(chapters, chapter)
    before = await checkins.checkins_by_member(db, guild_id=guild_id, member_id=member_id)
    async with db.write() as conn:
        await _remember(conn, db.dialect, guild_id, member_id, display_name)
    view = await checkins.record_checkin(
        db,
        guild_id=guild_id,
        member_id=member_id,
        chapter=found.number,
        status=status,
        note=note,
        at=at,
    )
    progress = await member_progress(db, guild_id=guild_id, member_id=member_id, now=at)
    updated = any(v.chapter == found.number for v in before)
    return CheckinResult(checkin=view, chapter=found, updated=updated, progress=progress)


async def undo(db: Database, *, guild_id: int, member_id: int) -> CheckinView | None:
    """Remove the member's last check-in; ``None`` when there was none."""
    return await checkins.undo_last_checkin(db, guild_id=guild_id, member_id=member_id)


# ----------------------------------------------------------------------------- board


def _on(views: Sequence[CheckinView], numbers: Sequence[int]) -> int | None:
    """The chapter a member is on: their latest check-in if reading, else the next unfinished
    chapter after it (or the first unfinished one); ``None`` when every chapter is done."""
    if not views:
        return None
    latest = max(views, key=lambda v: v.updated_at)
    if latest.status is CheckinStatus.READING:
        return latest.chapter
    done = {v.chapter for v in views if v.status is CheckinStatus.DONE}
    unfinished = [n for n in numbers if n not in done]
    later = [n for n in unfinished if n > latest.chapter]
    return (later or unfinished or [None])[0]


async def board(db: Database, *, guild_id: int, now: dt.datetime) -> ProgressBoard:
    """The group's board: every chapter with who finished it, every member's progress."""
    views = await checkins.list_checkins(db, guild_id=guild_id)
    async with db.read() as conn:
        chapters = await _chapters(conn)
        names = await _names(conn, guild_id)
        timezone = await _timezone(conn, guild_id)
    numbers = [c.number for c in chapters]
    by_member: dict[int, list[CheckinView]] = {}
    for view in views:
        by_member.setdefault(view.member_id, []).append(view)
    members = len(by_member)
    rows = []
    for chapter in chapters:
        done = [
            _ref(names, v.member_id)
            for v in views
            if v.chapter == chapter.number and v.status is CheckinStatus.DONE
        ]
        reading = [
            _ref(names, v.member_id)
            for v in views
            if v.chapter == chapter.number and v.status is CheckinStatus.READING
        ]
        rows.append(
            BoardChapter(
                chapter=chapter,
                done=done,
                reading=reading,
                reached=chapter.read or is_reached(len(done), members),
            )
        )
    people = []
    for member_id, mine in by_member.items():
        people.append(
            BoardMember(
                member=_ref(names, member_id),
                done=sum(1 for v in mine if v.status is CheckinStatus.DONE),
                on=_on(mine, numbers),
                last_checkin=local_day(max(v.updated_at for v in mine), timezone),
            )
        )
    people.sort(key=lambda m: (-m.done, m.member.display_name.casefold(), m.member.member_id))
    counts = Counter(m.on for m in people if m.on is not None)
    common = min(counts, key=lambda n: (-counts[n], n)) if counts else None
    return ProgressBoard(chapters=rows, members=people, common=common, timezone=timezone)


# ------------------------------------------------------------------------ quiz scope


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
    chapters = await _chapters(conn)
    if not chapters:
        return QuizScope(chapters=None, fallback=False, next_chapter=None, needed=0)
    done, members = await _done_counts(conn, guild_id)
    numbers = [c.number for c in chapters]
    reached = reached_chapters(
        numbers, read={c.number for c in chapters if c.read}, done=done, members=members
    )
    waiting = [n for n in numbers if n not in reached]
    next_chapter = waiting[0] if waiting else None
    needed = members_needed(done.get(next_chapter, 0), members) if next_chapter else 0
    if not reached:
        return QuizScope(
            chapters=(numbers[0],), fallback=True, next_chapter=next_chapter, needed=needed
        )
    return QuizScope(chapters=reached, fallback=False, next_chapter=next_chapter, needed=needed)


async def quiz_scope(db: Database, *, guild_id: int) -> QuizScope:
    """The chapters a channel with the default scope asks: those the group has reached."""
    async with db.read() as conn:
        return await scope_in(conn, guild_id=guild_id)


# ------------------------------------------------------------------------- reminders


def _reminder_schedule(row: object) -> ReminderSchedule:
    return ReminderSchedule(
        guild_id=row.guild_id,  # type: ignore[attr-defined]
        channel_id=row.channel_id,  # type: ignore[attr-defined]
        schedule=Schedule(
            time_of_day=row.time_of_day,  # type: ignore[attr-defined]
            timezone=row.timezone,  # type: ignore[attr-defined]
            weekdays=mask_to_weekdays(row.weekdays),  # type: ignore[attr-defined]
            window=REMINDER_WINDOW,
        ),
    )


async def configure_reminders(
    db: Database, *, guild_id: int, channel_id: int, schedule: Schedule
) -> ReminderSchedule:
    """Post reading reminders in ``channel_id`` on the schedule (replacing its old one).

    The schedule's time zone also becomes the guild's (weeks for streaks and summaries).
    """
    if not schedule.weekdays:
        raise QuizbotError("Choose at least one day for the reminders.")
    values = {
        "guild_id": guild_id,
        "time_of_day": schedule.time_of_day,
        "timezone": schedule.timezone,
        "weekdays": weekdays_to_mask(schedule.weekdays),
    }
    async with db.write() as conn:
        guild = insert_for(db.dialect, Guild).values(guild_id=guild_id, timezone=schedule.timezone)
        await conn.execute(
            guild.on_conflict_do_update(
                index_elements=[Guild.guild_id], set_={"timezone": schedule.timezone}
            )
        )
        channel = insert_for(db.dialect, ReadingChannel).values(channel_id=channel_id, **values)
        await conn.execute(
            channel.on_conflict_do_update(index_elements=[ReadingChannel.channel_id], set_=values)
        )
    found = await get_reminder_schedule(db, channel_id=channel_id)
    assert found is not None
    return found


async def remove_reminders(db: Database, *, guild_id: int, channel_id: int) -> bool:
    """Stop a channel's reading reminders; ``False`` when it had none."""
    async with db.write() as conn:
        result = await conn.execute(
            delete(ReadingChannel).where(
                ReadingChannel.guild_id == guild_id, ReadingChannel.channel_id == channel_id
            )
        )
    return result.rowcount == 1


async def get_reminder_schedule(db: Database, *, channel_id: int) -> ReminderSchedule | None:
    """The channel's reminder schedule, or ``None``."""
    async with db.read() as conn:
        row = (
            await conn.execute(
                select(ReadingChannel.__table__).where(ReadingChannel.channel_id == channel_id)
            )
        ).first()
    return _reminder_schedule(row) if row is not None else None


async def list_reminder_schedules(
    db: Database, *, guild_ids: Collection[int] | None = None
) -> list[ReminderSchedule]:
    """Every reminder schedule (of ``guild_ids`` when given)."""
    query = select(ReadingChannel.__table__).order_by(
        ReadingChannel.guild_id, ReadingChannel.channel_id
    )
    if guild_ids is not None:
        query = query.where(ReadingChannel.guild_id.in_(list(guild_ids)))
    async with db.read() as conn:
        return [_reminder_schedule(row) for row in await conn.execute(query)]


def _reminder(row: object) -> ReminderView:
    return ReminderView(
        id=row.id,  # type: ignore[attr-defined]
        guild_id=row.guild_id,  # type: ignore[attr-defined]
        channel_id=row.channel_id,  # type: ignore[attr-defined]
        slot=row.slot,  # type: ignore[attr-defined]
        chapter=row.chapter,  # type: ignore[attr-defined]
        summary_week=row.summary_week,  # type: ignore[attr-defined]
        message_id=row.message_id,  # type: ignore[attr-defined]
        claimed_at=row.claimed_at,  # type: ignore[attr-defined]
    )


async def _chapter_of_the_week(
    conn: AsyncConnection, guild_id: int, now: dt.datetime
) -> int | None:
    chapters = await _chapters(conn)
    since = now - dt.timedelta(days=ACTIVE_DAYS)
    active = set(
        (
            await conn.execute(
                select(Checkin.member_id).where(
                    Checkin.guild_id == guild_id, Checkin.updated_at >= since
                )
            )
        ).scalars()
    )
    if not active:
        active = set(
            (
                await conn.execute(select(Checkin.member_id).where(Checkin.guild_id == guild_id))
            ).scalars()
        )
    done: Counter[int] = Counter()
    if active:
        rows = await conn.execute(
            select(Checkin.chapter, Checkin.member_id).where(
                Checkin.guild_id == guild_id,
                Checkin.status == CheckinStatus.DONE.value,
                Checkin.member_id.in_(sorted(active)),
            )
        )
        done.update(chapter for chapter, _member in rows)
    return chapter_of_the_week([c.number for c in chapters], done=done, active=len(active))


async def claim_reminder(
    db: Database, *, guild_id: int, channel_id: int, slot: dt.datetime, now: dt.datetime
) -> tuple[ReminderView, bool]:
    """The reminder of (channel, slot): created now (``True``) or already there (``False``).

    A new reminder names the chapter of the week; the first reminder of a local week
    also carries the summary of the week before.
    """
    key = (ReadingReminder.channel_id == channel_id, ReadingReminder.slot == slot)
    async with db.read() as conn:
        row = (await conn.execute(select(ReadingReminder.__table__).where(*key))).first()
        if row is not None:
            return _reminder(row), False
        chapter = await _chapter_of_the_week(conn, guild_id, now)
        channel = (
            await conn.execute(
                select(ReadingChannel.timezone).where(ReadingChannel.channel_id == channel_id)
            )
        ).scalar_one_or_none()
        timezone = channel or await _timezone(conn, guild_id)
        this_week = week_of(local_day(slot, timezone))
        previous_slots = (
            await conn.execute(
                select(ReadingReminder.slot).where(
                    ReadingReminder.channel_id == channel_id,
                    ReadingReminder.slot < slot,
                    ReadingReminder.slot >= slot - dt.timedelta(days=7),
                )
            )
        ).scalars()
        same_week = any(week_of(local_day(s, timezone)) == this_week for s in previous_slots)
    summary_week = None if same_week else this_week - dt.timedelta(days=7)
    async with db.write() as conn:
        result = await conn.execute(
            insert_for(db.dialect, ReadingReminder)
            .values(
                guild_id=guild_id,
                channel_id=channel_id,
                slot=slot,
                chapter=chapter,
                summary_week=summary_week,
                claimed_at=now,
            )
            .on_conflict_do_nothing(index_elements=["channel_id", "slot"])
        )
        row = (await conn.execute(select(ReadingReminder.__table__).where(*key))).one()
    created = result.rowcount == 1
    if created:
        log.info("reminder %s claimed: channel %s slot %s", row.id, channel_id, slot)
    return _reminder(row), created


async def set_reminder_message(db: Database, *, reminder_id: int, message_id: int) -> None:
    """Remember the Discord message that shows the reminder."""
    async with db.write() as conn:
        await conn.execute(
            update(ReadingReminder)
            .where(ReadingReminder.id == reminder_id)
            .values(message_id=message_id)
        )


async def unposted_reminders(
    db: Database, *, guild_ids: Collection[int] | None = None
) -> list[ReminderView]:
    """Reminders claimed but never posted (a crash in between, or a refused post)."""
    query = select(ReadingReminder.__table__).where(ReadingReminder.message_id.is_(None))
    if guild_ids is not None:
        query = query.where(ReadingReminder.guild_id.in_(list(guild_ids)))
    async with db.read() as conn:
        return [_reminder(row) for row in await conn.execute(query.order_by(ReadingReminder.id))]


async def weekly_summary(
    db: Database, *, guild_id: int, week_start: dt.date, timezone: str
) -> WeeklySummary:
    """Who finished which chapters in the local week from ``week_start``, and its quiz top 3."""
    from zoneinfo import ZoneInfo

    from bot.services import stats

    zone = ZoneInfo(timezone)
    start = dt.datetime.combine(week_start, dt.time(0), zone).astimezone(dt.UTC)
    end = dt.datetime.combine(week_start + dt.timedelta(days=7), dt.time(0), zone).astimezone(
        dt.UTC
    )
    async with db.read() as conn:
        rows = (
            await conn.execute(
                select(Checkin.member_id, Checkin.chapter)
                .where(
                    Checkin.guild_id == guild_id,
                    Checkin.status == CheckinStatus.DONE.value,
                    Checkin.updated_at >= start,
                    Checkin.updated_at < end,
                )
                .order_by(Checkin.member_id, Checkin.chapter)
            )
        ).all()
        names = await _names(conn, guild_id)
    finished: dict[int, list[int]] = {}
    for member_id, chapter in rows:
        finished.setdefault(member_id, []).append(chapter)
    page = await stats.leaderboard(
        db,
        guild_id=guild_id,
        period="week",
        metric="points",
        page_size=TOP_OF_WEEK,
        now=start + (end - start) / 2,
    )
    return WeeklySummary(
        week_start=week_start,
        finished=sorted(
            ((_ref(names, m), tuple(c)) for m, c in finished.items()),
            key=lambda item: item[0].display_name.casefold(),
        ),
        top=[row for row in page.rows if row.points > 0][:TOP_OF_WEEK],
    )


async def reminder_data(db: Database, *, reminder: ReminderView) -> ReminderData:
    """What the reminder shows: the chapter of the week, who has not checked in since the
    channel's previous reminder (a week before, for the first one), whom to ping, the summary."""
    async with db.read() as conn:
        chapters = {c.number: c for c in await _chapters(conn)}
        previous = (
            await conn.execute(
                select(func.max(ReadingReminder.slot)).where(
                    ReadingReminder.channel_id == reminder.channel_id,
                    ReadingReminder.slot < reminder.slot,
                )
            )
        ).scalar_one_or_none()
        since = previous or reminder.slot - dt.timedelta(days=7)
        if isinstance(since, str):  # an aggregate on SQLite comes back as text
            since = dt.datetime.fromisoformat(since)
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.UTC)
        members = (
            await conn.execute(
                select(
                    ReadingMember.member_id, ReadingMember.display_name, ReadingMember.remind
                ).where(ReadingMember.guild_id == reminder.guild_id)
            )
        ).all()
        recent = set(
            (
                await conn.execute(
                    select(Checkin.member_id).where(
                        Checkin.guild_id == reminder.guild_id, Checkin.updated_at >= since
                    )
                )
            ).scalars()
        )
        schedule = (
            await conn.execute(
                select(ReadingChannel.timezone).where(
                    ReadingChannel.channel_id == reminder.channel_id
                )
            )
        ).scalar_one_or_none()
        timezone = schedule or await _timezone(conn, reminder.guild_id)
    missing = sorted(
        (MemberRef(m, name) for m, name, _remind in members if m not in recent),
        key=lambda ref: (ref.display_name.casefold(), ref.member_id),
    )
    pinged = sorted(m for m, _name, remind in members if remind and m not in recent)
    summary = None
    if reminder.summary_week is not None:
        summary = await weekly_summary(
            db, guild_id=reminder.guild_id, week_start=reminder.summary_week, timezone=timezone
        )
        if not summary.finished and not summary.top:
            summary = None
    return ReminderData(
        reminder=reminder,
        chapter=chapters.get(reminder.chapter) if reminder.chapter is not None else None,
        missing=missing,
        pinged=pinged,
        summary=summary,
        timezone=timezone,
    )
