"""A server's notes from a real local Git repository: sync, push, failures, limits."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.db import Database
from bot.log import setup_logging
from bot.services import gitfetch, notes, runs, sources
from bot.services.catalogue import sync_catalogue
from tests.services.conftest import question

NOW = dt.datetime(2026, 3, 23, 0, 0, tzinfo=dt.UTC)
RAFT = """\
What elects a leader in Raft?:
  - an election
What does a follower become after a timeout?:
  - a candidate
How many votes does a candidate need?:
  - a majority
"""
PAXOS = """\
Who proposes values in Paxos?:
  - a proposer
Who accepts values in Paxos?:
  - an acceptor
"""


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def _commit(repo: Path, files: dict[str, str], message: str = "notes") -> str:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", message)
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A local repository on branch ``main`` with one trivia file of three questions."""
    path = tmp_path / "repo"
    path.mkdir()
    _git(path, "init", "-q", "-b", "main")
    _commit(path, {"distributed/raft.yaml": RAFT})
    return path


def _limits(tmp_path: Path, **changes: object) -> notes.NotesLimits:
    values: dict[str, object] = {"data_dir": tmp_path / "data", "allow_local": True}
    values.update(changes)
    return notes.NotesLimits(**values)  # type: ignore[arg-type]


async def _choose(db: Database, repo: Path, guild: int = 2, **extra: str) -> sources.NotesChoice:
    return await sources.choose_git(
        db, guild_id=guild, url=repo.as_uri(), allow_local=True, now=NOW, **extra
    )


async def _answers(db: Database, guild: int) -> set[str]:
    found: set[str] = set()
    for day in range(6):
        slot = NOW + dt.timedelta(days=day)
        run, _ = await runs.claim_run(
            db, guild_id=guild, channel_id=guild * 10, slot=slot, now=slot
        )
        found.add(run.question.answer)
    return found


async def test_a_server_on_a_repository_is_quizzed_from_it(
    db: Database, repo: Path, tmp_path: Path
) -> None:
    """Guild 2 gets the repository's questions; guild 1 keeps the default folder's."""
    await sync_catalogue(db, [question("d1")])
    choice = await _choose(db, repo)
    outcome = await notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=NOW)
    assert outcome.ok, outcome.error
    assert outcome.change is not None
    assert outcome.change.added == 3
    assert await _answers(db, 2) == {"an election", "a candidate", "a majority"}
    assert await _answers(db, 1) == {"Pod"}
    shown = await sources.notes_choice(db, guild_id=2)
    assert (shown.sync_ok, shown.commit) == (True, _git(repo, "rev-parse", "HEAD"))
    assert {q.source.file for q in outcome.library.questions} == {"distributed/raft.yaml"}


async def test_a_push_and_a_sync_bring_new_questions_with_the_old_ids_kept(
    db: Database, repo: Path, tmp_path: Path
) -> None:
    """A new file pushed to the repository adds its questions; the others keep their ids."""
    choice = await _choose(db, repo)
    first = await notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=NOW)
    head = _commit(repo, {"distributed/paxos.yaml": PAXOS}, "paxos")
    second = await notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=NOW)
    assert second.ok
    assert second.commit == head
    assert second.change is not None
    assert (second.change.added, second.change.retired) == (2, 0)
    assert {q.id for q in first.library.questions} <= {q.id for q in second.library.questions}
    assert (await runs.question_pool(db, guild_id=2, channel_id=20)).total == 5


async def test_a_renamed_file_and_a_force_push_retire_only_what_vanished(
    db: Database, repo: Path, tmp_path: Path
) -> None:
    """History rewritten to one file fewer retires that file's questions, nothing else."""
    choice = await _choose(db, repo)
    _commit(repo, {"distributed/paxos.yaml": PAXOS})
    await notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=NOW)
    _git(repo, "reset", "-q", "--hard", "HEAD~1")
    _git(repo, "mv", "distributed/raft.yaml", "raft.yaml")
    _git(repo, "-c", "user.name=t", "commit", "-q", "--amend", "-m", "rewritten")
    outcome = await notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=NOW)
    assert outcome.ok
    assert outcome.change is not None
    assert (outcome.change.retired, outcome.change.total) == (2, 3)


async def test_a_broken_sync_keeps_the_last_good_notes_and_says_why(
    db: Database, repo: Path, tmp_path: Path
) -> None:
    """A deleted branch fails the sync; the questions stay and the error is recorded."""
    _git(repo, "checkout", "-q", "-b", "notes")
    choice = await _choose(db, repo, branch="notes")
    good = await notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=NOW)
    _git(repo, "checkout", "-q", "main")
    _git(repo, "branch", "-q", "-D", "notes")
    later = NOW + dt.timedelta(hours=1)
    broken = await notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=later)
    assert not broken.ok
    assert broken.error is not None
    assert broken.error.reason == "fetch_failed"
    assert (await runs.question_pool(db, guild_id=2, channel_id=20)).total == 3
    shown = await sources.notes_choice(db, guild_id=2)
    assert (shown.sync_ok, shown.commit, shown.synced_at) == (False, good.commit, later)
    assert (tmp_path / "data" / "notes" / choice.source / "distributed" / "raft.yaml").is_file()


async def test_a_repository_over_the_size_cap_is_refused(
    db: Database, repo: Path, tmp_path: Path
) -> None:
    """A huge file pushed to the repository is refused and the notes in use stay."""
    choice = await _choose(db, repo)
    await notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=NOW)
    (repo / "huge.bin").write_bytes(b"\x00" * (2 * 1024 * 1024))
    _commit(repo, {}, "huge")
    outcome = await notes.sync_choice(
        db, choice, readers=[2], limits=_limits(tmp_path, max_mb=1), now=NOW
    )
    assert outcome.error is not None
    assert outcome.error.reason == "too_large"
    assert (await runs.question_pool(db, guild_id=2, channel_id=20)).total == 3


def _peak_size(folder: Path, stop: threading.Event, peak: list[int]) -> None:
    """Measure ``folder`` until ``stop``, keeping the largest size seen in ``peak[0]``."""
    while not stop.is_set():
        size = 0
        for parent, _folders, files in os.walk(folder):
            for name in files:
                try:
                    size += os.lstat(os.path.join(parent, name)).st_size
                except OSError:
                    continue
        peak[0] = max(peak[0], size)
        time.sleep(0.005)


async def test_a_huge_file_is_refused_before_it_is_written(
    db: Database, repo: Path, tmp_path: Path
) -> None:
    """A 100 MB file pushed to the repository is refused as too large while the fetch
    runs: the data folder never holds it, and the notes in use stay."""
    choice = await _choose(db, repo)
    await notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=NOW)
    with (repo / "huge.bin").open("wb") as huge:
        huge.truncate(100 * 1024 * 1024)
    _commit(repo, {}, "huge")
    data = tmp_path / "data"
    before = sum(p.stat().st_size for p in data.rglob("*") if p.is_file())
    stop, peak = threading.Event(), [0]
    watcher = threading.Thread(target=_peak_size, args=(data, stop, peak))
    watcher.start()
    try:
        outcome = await notes.sync_choice(
            db, choice, readers=[2], limits=_limits(tmp_path, max_mb=1), now=NOW
        )
    finally:
        stop.set()
        watcher.join()
    assert outcome.error is not None
    assert outcome.error.reason == "too_large"
    assert peak[0] < before + 5 * 1024 * 1024
    assert (await runs.question_pool(db, guild_id=2, channel_id=20)).total == 3
    assert sorted(p.name for p in (data / "notes").iterdir()) == [choice.source]


async def test_a_repository_over_the_file_cap_is_refused(
    db: Database, repo: Path, tmp_path: Path
) -> None:
    """Notes of more files than the deployment allows are refused with that reason."""
    _commit(repo, {f"more/{i}.yaml": PAXOS for i in range(3)})
    choice = await _choose(db, repo)
    outcome = await notes.sync_choice(
        db, choice, readers=[2], limits=_limits(tmp_path, max_files=2), now=NOW
    )
    assert outcome.error is not None
    assert outcome.error.reason == "too_many_files"


async def test_a_folder_of_the_repository_is_read_alone(
    db: Database, repo: Path, tmp_path: Path
) -> None:
    """With a folder set, only the notes under it become questions."""
    _commit(repo, {"other/paxos.yaml": PAXOS})
    choice = await _choose(db, repo, folder="other")
    outcome = await notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=NOW)
    assert outcome.ok
    assert {q.answer for q in outcome.library.questions} == {"a proposer", "an acceptor"}


async def test_local_repositories_need_the_deployment_s_permission(
    db: Database, repo: Path, tmp_path: Path
) -> None:
    """Without the deployment's setting a file:// repository is never fetched."""
    choice = await _choose(db, repo)
    outcome = await notes.sync_choice(
        db, choice, readers=[2], limits=_limits(tmp_path, allow_local=False), now=NOW
    )
    assert outcome.error is not None
    assert outcome.error.reason == "not_https"


def _debug_logs(caplog: pytest.LogCaptureFixture) -> None:
    """Log at DEBUG as ``quizbot run`` does with ``QUIZBOT_LOG_LEVEL=DEBUG``, into caplog."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="aiosqlite")  # restored after the test
    caplog.set_level(logging.DEBUG, logger="discord")
    setup_logging("DEBUG")
    logging.getLogger().addHandler(caplog.handler)


async def test_credentials_never_appear_in_errors_or_logs(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A fetch with a token in the URL fails without the token in the error or the log."""
    _debug_logs(caplog)
    url = "https://quizbot:s3cr3t-token@127.0.0.1:9/none.git"
    choice = await sources.choose_git(db, guild_id=2, url=url, now=NOW)
    # What a server typed is stored without its credentials; fetch with them anyway.
    with_secret = sources.NotesChoice(guild_id=2, kind=sources.GIT, source=choice.source, url=url)
    outcome = await notes.sync_choice(
        db, with_secret, readers=[2], limits=_limits(tmp_path, fetch_seconds=20), now=NOW
    )
    assert not outcome.ok
    shown = await sources.notes_choice(db, guild_id=2)
    assert "s3cr3t" not in str(outcome.error)
    assert "s3cr3t" not in (shown.sync_error or "") + (shown.url or "")
    assert "s3cr3t" not in caplog.text


async def test_two_servers_on_one_repository_share_one_parsed_copy(
    db: Database, repo: Path, tmp_path: Path
) -> None:
    """A second server on the same repository reads the same catalogue rows and library."""
    cache = notes.LibraryCache(size=2)
    first = await _choose(db, repo, guild=2)
    second = await _choose(db, repo, guild=3)
    assert first.source == second.source
    await notes.sync_choice(
        db, first, readers=[2, 3], limits=_limits(tmp_path), now=NOW, cache=cache
    )
    assert cache.get(second.source) is not None
    assert (await sources.notes_choice(db, guild_id=3)).sync_ok is True
    assert await _answers(db, 3) == await _answers(db, 2)


async def test_a_private_repository_s_later_pulls_keep_its_credential(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The token given with the URL is what every later pull fetches with (also for a
    second server on the same repository without one), and shows up nowhere."""
    _debug_logs(caplog)
    url = "https://quizbot:s3cr3t-token@127.0.0.1:9/private.git"
    await sources.choose_git(db, guild_id=2, url=url, now=NOW)
    await sources.choose_git(db, guild_id=3, url="https://127.0.0.1:9/private.git", now=NOW)
    fetched: list[str] = []

    async def fetch_repository(url: str, **options: object) -> object:
        fetched.append(url)
        return await gitfetch.fetch_repository(url, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(notes, "fetch_repository", fetch_repository)
    stored = await sources.git_choices(db)
    ((choice, readers),) = notes.due_pulls(
        stored, now=NOW, every=dt.timedelta(minutes=30), overdue_only=False
    )
    assert readers == [2, 3]
    outcome = await notes.sync_choice(
        db, choice, readers=readers, limits=_limits(tmp_path, fetch_seconds=20), now=NOW
    )
    assert fetched == [url]
    assert not outcome.ok
    shown = [await sources.notes_choice(db, guild_id=guild) for guild in (2, 3)]
    seen = [str(outcome.error), repr(choice), *map(repr, stored), *map(repr, shown)]
    seen += [c.url or "" for c in shown] + [c.sync_error or "" for c in shown]
    assert all("s3cr3t" not in text for text in seen)
    assert "s3cr3t" not in caplog.text


#: Another process on the same data folder in the middle of a sync of the source: it
#: holds the source's lock file until told.
OTHER_PROCESS = """
import fcntl, sys
from pathlib import Path

path = Path(sys.argv[1]) / "locks" / (sys.argv[2] + ".lock")
path.parent.mkdir(parents=True, exist_ok=True)
with path.open("a") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    print("held", flush=True)
    sys.stdin.readline()
"""


async def test_a_sync_waits_while_another_process_syncs_the_same_repository(
    db: Database, repo: Path, tmp_path: Path
) -> None:
    """Two processes sharing the data folder never work on one checkout at once: while the
    other holds it, this sync waits and the notes stay as they are; then it goes ahead."""
    choice = await _choose(db, repo)
    first = await notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=NOW)
    head = _commit(repo, {"distributed/paxos.yaml": PAXOS}, "paxos")
    other = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        OTHER_PROCESS,
        str(tmp_path / "data"),
        choice.source,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert other.stdin is not None
    assert other.stdout is not None
    try:
        assert await asyncio.wait_for(other.stdout.readline(), 30) == b"held\n"
        syncing = asyncio.create_task(
            notes.sync_choice(db, choice, readers=[2], limits=_limits(tmp_path), now=NOW)
        )
        await asyncio.sleep(1.5)
        assert not syncing.done()
        assert (await sources.notes_choice(db, guild_id=2)).commit == first.commit
        assert (await runs.question_pool(db, guild_id=2, channel_id=20)).total == 3
        other.stdin.write(b"done\n")
        await other.stdin.drain()
        assert await other.wait() == 0
        second = await asyncio.wait_for(syncing, 60)
    finally:
        if other.returncode is None:
            other.kill()
            await other.wait()
    assert second.ok, second.error
    assert second.commit == head
    assert (await runs.question_pool(db, guild_id=2, channel_id=20)).total == 5
