"""Each server's reading group follows the chapters of the notes it reads, on both databases."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from bot.core.errors import UnknownChapter
from bot.core.model import Chapter
from bot.core.schedule import Schedule
from bot.db import Database
from bot.services import claims, notes, reading, schedules, sources
from bot.services.catalogue import sync_catalogue
from bot.services.types import CheckinStatus
from tests.services.conftest import question

MONDAY = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
OWN, ON_DEFAULT = 5, 6  # a server on its uploaded notes, a server on the deployment's folder
SEOUL = Schedule(dt.time(9), "Asia/Seoul")
CONSENSUS = (
    "# 1장 - Raft\n#### Leader\n\nThe leader is the node that takes every write.\n\n"
    "# 2장 - Paxos\n#### Proposer\n\nThe proposer is the node that offers a value.\n"
)
DEFAULT_CHAPTERS = [
    Chapter(1, "Kubernetes intro", 1, read=True),
    Chapter(2, "Containers", 10),
    Chapter(3, "Deploying a cluster", 20),
]


@pytest.fixture
async def library(db: Database, tmp_path: Path) -> Database:
    """The default folder's three chapters, and server ``OWN`` synced to its uploaded notes."""
    await sync_catalogue(db, [question(f"c{c}", chapter=c) for c in (1, 2, 3)])
    await reading.sync_chapters(db, DEFAULT_CHAPTERS)
    await sources.store_upload(
        db, guild_id=OWN, name="consensus.md", text=CONSENSUS, by=1, at=MONDAY
    )
    choice = await sources.choose_uploads(db, guild_id=OWN, now=MONDAY)
    outcome = await notes.sync_choice(
        db, choice, readers=[OWN], limits=notes.NotesLimits(data_dir=tmp_path), now=MONDAY
    )
    assert outcome.ok
    return db


async def _titles(db: Database, guild: int) -> list[str]:
    return [c.title for c in await reading.list_chapters(db, guild_id=guild)]


async def test_a_server_on_its_own_notes_sees_only_their_chapters(library: Database) -> None:
    """The uploaded notes' chapters are the server's; a server on the default keeps those."""
    assert await _titles(library, OWN) == ["Raft", "Paxos"]
    assert await _titles(library, ON_DEFAULT) == [
        "Kubernetes intro",
        "Containers",
        "Deploying a cluster",
    ]


async def test_check_ins_and_progress_use_the_servers_chapters(library: Database) -> None:
    """A check-in by title finds the server's chapter; progress counts its chapters."""
    result = await reading.checkin(
        library, guild_id=OWN, member_id=1, display_name="m", chapter="paxos", at=MONDAY
    )
    assert result.chapter.number == 2
    progress = await reading.member_progress(library, guild_id=OWN, member_id=1, now=MONDAY)
    assert progress.total_chapters == 2
    other = await reading.checkin(
        library, guild_id=ON_DEFAULT, member_id=1, display_name="m", chapter=3, at=MONDAY
    )
    assert other.chapter.title == "Deploying a cluster"
    assert (
        await reading.member_progress(library, guild_id=ON_DEFAULT, member_id=1, now=MONDAY)
    ).total_chapters == 3


async def test_a_chapter_of_other_notes_is_refused_with_the_servers_list(
    library: Database,
) -> None:
    """Naming a default chapter on a server with its own notes lists that server's chapters."""
    with pytest.raises(UnknownChapter, match=r"Chapters: 1\. Raft, 2\. Paxos\.") as caught:
        await reading.checkin(
            library, guild_id=OWN, member_id=1, display_name="m", chapter=3, at=MONDAY
        )
    assert "Containers" not in str(caught.value)
    assert (await reading.board(library, guild_id=OWN, now=MONDAY)).members == []


async def test_the_reminders_chapter_of_the_week_is_the_servers(library: Database) -> None:
    """With chapter 1 finished, the reminder names the server's own chapter 2, titled."""
    for guild in (OWN, ON_DEFAULT):
        await reading.configure_reminders(
            library, guild_id=guild, channel_id=guild * 10, schedule=SEOUL
        )
        await reading.checkin(
            library, guild_id=guild, member_id=1, display_name="m", chapter=1, at=MONDAY
        )
    own, _ = await reading.claim_reminder(
        library, guild_id=OWN, channel_id=OWN * 10, slot=MONDAY, now=MONDAY
    )
    data = await reading.reminder_data(library, reminder=own)
    assert own.chapter == 2
    assert data.chapter is not None
    assert data.chapter.title == "Paxos"
    default, _ = await reading.claim_reminder(
        library, guild_id=ON_DEFAULT, channel_id=ON_DEFAULT * 10, slot=MONDAY, now=MONDAY
    )
    assert default.chapter == 2
    data = await reading.reminder_data(library, reminder=default)
    assert data.chapter is not None
    assert data.chapter.title == "Containers"


async def test_the_quiz_scope_follows_each_servers_chapters(library: Database) -> None:
    """The default scope, alone and in a scheduler's batch, reads each server's chapters."""
    for guild in (OWN, ON_DEFAULT):
        await reading.checkin(
            library, guild_id=guild, member_id=1, display_name="m", chapter=2, at=MONDAY
        )
    # the default folder marks chapter 1 read; the uploaded notes mark none
    assert (await reading.quiz_scope(library, guild_id=OWN)).chapters == (2,)
    assert (await reading.quiz_scope(library, guild_id=ON_DEFAULT)).chapters == (1, 2)
    due = []
    for guild in (OWN, ON_DEFAULT):
        await schedules.configure_channel(
            library, guild_id=guild, channel_id=guild * 10, schedule=SEOUL
        )
        await schedules.set_paused(library, guild_id=guild, channel_id=guild * 10, paused=False)
        cs = await schedules.get_schedule(library, guild_id=guild, channel_id=guild * 10)
        assert cs is not None
        due.append((cs, MONDAY))
    claimed = await claims.claim_slots(library, due, now=MONDAY)
    asked = {c.schedule.guild_id: run.question for c in claimed for run in c.created}
    assert asked[OWN].source.file == "consensus.md"
    assert asked[OWN].chapter == 2
    assert asked[ON_DEFAULT].chapter in {1, 2}


async def test_switching_a_servers_notes_switches_its_chapters(library: Database) -> None:
    """Back on the default folder, the server sees and checks in to the default's chapters."""
    await sources.choose_default(library, guild_id=OWN, now=MONDAY)
    assert await _titles(library, OWN) == [c.title for c in DEFAULT_CHAPTERS]
    result = await reading.checkin(
        library,
        guild_id=OWN,
        member_id=1,
        display_name="m",
        chapter="containers",
        status=CheckinStatus.READING,
        at=MONDAY,
    )
    assert result.chapter.number == 2
    await sources.choose_uploads(library, guild_id=OWN, now=MONDAY)
    assert await _titles(library, OWN) == ["Raft", "Paxos"]


async def test_after_an_upgrade_a_server_on_its_own_notes_has_their_chapters(
    db: Database,
) -> None:
    """Notes synced before chapters were kept per notes give the server their chapters on
    upgrade, before any new sync: a member checks in to one by title."""
    await sync_catalogue(db, [question(f"d{c}", chapter=c) for c in (1, 2, 3)])
    await reading.sync_chapters(db, DEFAULT_CHAPTERS)
    choice = await sources.choose_uploads(db, guild_id=OWN, now=MONDAY)
    own = [
        dataclasses.replace(question("raft", chapter=1), chapter_title="Raft"),
        dataclasses.replace(question("paxos", chapter=2), chapter_title="Paxos"),
        question("trivia", chapter=None),
    ]
    await sync_catalogue(db, own, source=choice.source)
    await db.downgrade("0013")  # the schema those notes were synced under, chapters and all
    await db.upgrade()
    assert await _titles(db, OWN) == ["Raft", "Paxos"]
    assert await _titles(db, ON_DEFAULT) == [c.title for c in DEFAULT_CHAPTERS]
    result = await reading.checkin(
        db, guild_id=OWN, member_id=1, display_name="m", chapter="Paxos", at=MONDAY
    )
    assert result.chapter.number == 2
