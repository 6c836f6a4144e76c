"""Uploaded notes files: checked before they are kept, then quizzed from in their server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.content import Library
from bot.core.errors import NotesSourceError
from bot.db import Database
from bot.services import notes, runs, sources

NOW = dt.datetime(2026, 3, 23, 0, 0, tzinfo=dt.UTC)
TRIVIA = (
    b"What elects a leader in Raft?:\n  - an election\nWho proposes in Paxos?:\n  - a proposer\n"
)


async def test_a_good_upload_is_read_like_the_content_check() -> None:
    """A trivia file's questions are counted and named by the uploaded file's name."""
    library = await notes.check_upload("consensus.yaml", TRIVIA)
    assert len(library.questions) == 2
    assert {q.source.file for q in library.questions} == {"consensus.yaml"}


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("notes.txt", b"# A", "bad_file"),
        ("../x.md", b"# A", "bad_file"),
        ("big.md", b"#" * (notes.MAX_UPLOAD_BYTES + 1), "file_too_large"),
        ("latin.md", "# Caf\u00e9".encode("latin-1"), "bad_file"),
        ("empty.md", b"just a sentence\n", "no_notes"),
    ],
)
async def test_a_bad_upload_is_refused_with_its_reason(name: str, data: bytes, reason: str) -> None:
    """Other file types, paths, files over 1 MB, non-UTF-8 text and files of no question."""
    with pytest.raises(NotesSourceError) as caught:
        await notes.check_upload(name, data)
    assert caught.value.reason == reason


async def test_a_server_on_its_uploads_is_quizzed_from_them(db: Database, tmp_path: Path) -> None:
    """After an upload and a sync, the server's quiz asks the uploaded file's questions."""
    await sources.store_upload(
        db, guild_id=5, name="consensus.yaml", text=TRIVIA.decode(), by=1, at=NOW
    )
    choice = await sources.choose_uploads(db, guild_id=5, now=NOW)
    outcome = await notes.sync_choice(
        db, choice, readers=[5], limits=notes.NotesLimits(data_dir=tmp_path), now=NOW
    )
    assert outcome.ok
    run, _ = await runs.claim_run(db, guild_id=5, channel_id=50, slot=NOW, now=NOW)
    assert run.question.answer in {"an election", "a proposer"}
    assert run.question.source.file == "consensus.yaml"


def test_the_library_cache_keeps_only_the_most_recent_sources() -> None:
    """Beyond its bound, the cache forgets the source used longest ago."""
    cache = notes.LibraryCache(size=2)
    for source in ("a", "b"):
        cache.put(source, Library())
    assert cache.get("a") is not None
    cache.put("c", Library())
    assert ("a" in cache, "b" in cache, "c" in cache) == (True, False, True)


async def _uploads_quizzed(db: Database, data_dir: Path) -> sources.NotesChoice:
    """Guild 5 quizzes from its one uploaded file, ``consensus.yaml``."""
    await sources.store_upload(
        db, guild_id=5, name="consensus.yaml", text=TRIVIA.decode(), by=1, at=NOW
    )
    choice = await sources.choose_uploads(db, guild_id=5, now=NOW)
    limits = notes.NotesLimits(data_dir=data_dir)
    assert (await notes.sync_choice(db, choice, readers=[5], limits=limits, now=NOW)).ok
    return choice


#: A second upload of ``consensus.yaml``, by another member.
REPLACEMENT = notes.PendingUpload(
    name="consensus.yaml", text="Who votes in Raft?:\n  - the followers\n", by=2
)


async def _replace(db: Database, choice: sources.NotesChoice, data_dir: Path) -> notes.SyncOutcome:
    """Sync guild 5's uploads with :data:`REPLACEMENT` uploaded over its file."""
    limits = notes.NotesLimits(data_dir=data_dir)
    return await notes.sync_choice(
        db, choice, readers=[5], limits=limits, now=NOW, upload=REPLACEMENT
    )


async def test_a_replacement_that_fails_its_sync_keeps_the_old_file(
    db: Database, tmp_path: Path
) -> None:
    """A same-named file whose sync fails (the data folder cannot be written) leaves the
    stored file and the questions as they were."""
    choice = await _uploads_quizzed(db, tmp_path / "data")
    broken = tmp_path / "broken"
    (broken / "uploads").parent.mkdir()
    (broken / "uploads").write_text("not a folder", encoding="utf-8")
    outcome = await _replace(db, choice, broken)
    assert not outcome.ok
    assert outcome.error is not None
    assert outcome.error.reason == "not_stored"
    assert await sources.uploaded_files(db, guild_id=5) == {"consensus.yaml": TRIVIA.decode()}
    assert [u.uploaded_by for u in await sources.uploads(db, guild_id=5)] == [1]
    assert (await runs.question_pool(db, guild_id=5, channel_id=50)).total == 2


async def test_a_replacement_that_syncs_replaces_the_file_and_its_questions(
    db: Database, tmp_path: Path
) -> None:
    """A same-named file that loads is stored in place of the old one, questions and all."""
    choice = await _uploads_quizzed(db, tmp_path / "data")
    outcome = await _replace(db, choice, tmp_path / "data")
    assert outcome.ok
    assert await sources.uploaded_files(db, guild_id=5) == {"consensus.yaml": REPLACEMENT.text}
    run, _ = await runs.claim_run(db, guild_id=5, channel_id=50, slot=NOW, now=NOW)
    assert run.question.answer == "the followers"
