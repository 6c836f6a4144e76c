"""Many servers over many repositories: nothing is parsed to start, and a server's notes
are parsed when it first needs them, within ``QUIZBOT_CONTENT_CACHE``."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from bot.core.content import Library
from bot.db import Database
from bot.services import notes, reading, sources
from bot.services.gitfetch import fetch_repository

NOW = dt.datetime(2026, 3, 23, 0, 0, tzinfo=dt.UTC)
SOURCES, SERVERS = 50, 500
OVERDUE = (7, 21, 42)  # repositories never pulled yet: the first pass after a start takes them
EVERY = dt.timedelta(minutes=30)


def _notes(group: int) -> str:
    return (
        f"# Goal\nReading group {group}\n\n"
        "# 1장 - Raft\n#### Leader\n\nThe leader is the node that takes every write.\n\n"
        "# 2장 - Paxos\n#### Proposer\n\nThe proposer is the node that offers a value.\n"
    )


def _repository(path: Path, group: int) -> None:
    path.mkdir(parents=True)
    (path / "notes.md").write_text(_notes(group), encoding="utf-8")
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "n"],
    ):
        subprocess.run(["git", *args], cwd=path, check=True, capture_output=True)


def _source_of(guild: int) -> int:
    return guild % SOURCES


class Fleet:
    """500 servers reading 50 local repositories, each fetched before a restart."""

    def __init__(self, db: Database, data_dir: Path) -> None:
        self.db = db
        self.limits = notes.NotesLimits(data_dir=data_dir, allow_local=True)
        self.keys: dict[int, str] = {}

    async def choice(self, guild: int) -> sources.NotesChoice:
        return await sources.notes_choice(self.db, guild_id=guild)


@pytest.fixture
async def fleet(db: Database, tmp_path: Path) -> Fleet:
    """Every repository checked out in the data folder and synced 5 minutes ago, except
    those ``OVERDUE``; 10 servers on each. Nothing parsed (this is what a restart finds)."""
    found = Fleet(db, tmp_path / "data")
    for group in range(SOURCES):
        repo = tmp_path / "repos" / f"group-{group}"
        _repository(repo, group)
        chosen = await sources.choose_git(
            db, guild_id=group, url=repo.as_uri(), allow_local=True, now=NOW
        )
        found.keys[group] = chosen.source
        if group not in OVERDUE:
            await fetch_repository(
                repo.as_uri(), into=tmp_path / "data" / "notes" / chosen.source, allow_local=True
            )
    for guild in range(SOURCES, SERVERS):
        repo = tmp_path / "repos" / f"group-{_source_of(guild)}"
        await sources.choose_git(db, guild_id=guild, url=repo.as_uri(), allow_local=True, now=NOW)
    for group, key in found.keys.items():
        if group not in OVERDUE:
            readers = [g for g in range(SERVERS) if _source_of(g) == group]
            at = NOW - dt.timedelta(minutes=5)
            await sources.record_sync(db, guild_ids=readers, source=key, ok=True, at=at)
    return found


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[list[Path]]:
    """Every parse of a server's notes (each a worker process), as it happens."""
    seen: list[list[Path]] = []
    real = notes.load_elsewhere

    async def counted(paths: list[Path], *, max_mb: float) -> Library:
        seen.append(paths)
        return await real(paths, max_mb=max_mb)

    monkeypatch.setattr(notes, "load_elsewhere", counted)
    return seen


async def test_a_start_parses_only_the_repositories_an_interval_behind(
    fleet: Fleet, parsed: list[list[Path]]
) -> None:
    """Before connecting the bot only reads the servers' choices; its first pull pass
    then parses the three repositories never pulled, not the 47 others."""
    assert len(await sources.git_choices(fleet.db)) == SERVERS  # what the notes cog reads
    assert parsed == []
    cache = notes.LibraryCache(size=5)
    outcomes = await notes.pull_due(
        fleet.db,
        owns=lambda guild: True,
        limits=fleet.limits,
        now=NOW,
        every=EVERY,
        overdue_only=True,
        cache=cache,
    )
    assert sorted(o.source for o in outcomes) == sorted(fleet.keys[g] for g in OVERDUE)
    assert all(o.ok for o in outcomes)
    assert len(parsed) == len(OVERDUE)
    shown = await sources.notes_choice(fleet.db, guild_id=OVERDUE[0] + SOURCES * 3)
    assert shown.sync_ok is True  # recorded for every server on the repository


async def test_a_server_s_notes_are_parsed_on_first_use_within_the_cache_bound(
    fleet: Fleet, parsed: list[list[Path]]
) -> None:
    """The first use of a server parses its repository's checkout (its goal and chapters
    known from then on); a server on a source in the cache parses nothing; the cache
    never holds more sources than its bound, and a source it dropped is parsed again."""
    cache = notes.LibraryCache(size=3)
    used = [group for group in range(10) if group not in OVERDUE][:6]
    for count, group in enumerate(used, start=1):
        guild = group + SOURCES * 4  # a server that is not the first on its repository
        library = await notes.library_for(
            fleet.db, await fleet.choice(guild), limits=fleet.limits, cache=cache, now=NOW
        )
        assert library is not None
        assert [book.goal for book in library.books] == [f"Reading group {group}"]
        titles = [c.title for c in await reading.list_chapters(fleet.db, guild_id=guild)]
        assert titles == ["Raft", "Paxos"]
        assert len(parsed) == count
        assert len(cache) == min(count, 3)
    neighbour = used[-1] + SOURCES * 7  # another server on the last repository used
    await notes.library_for(
        fleet.db, await fleet.choice(neighbour), limits=fleet.limits, cache=cache, now=NOW
    )
    assert len(parsed) == len(used)
    await notes.library_for(
        fleet.db, await fleet.choice(used[0]), limits=fleet.limits, cache=cache, now=NOW
    )
    assert len(parsed) == len(used) + 1
    assert len(cache) == 3
