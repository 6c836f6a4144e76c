"""Each server is quizzed from its own notes, and servers on one source share its rows."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from bot.core.errors import NotesSourceError
from bot.core.schedule import Schedule
from bot.db import Database
from bot.services import claims, practice, runs, schedules, sources
from bot.services.catalogue import sync_catalogue
from tests.services.conftest import question

SLOT = dt.datetime(2026, 3, 23, 0, 0, tzinfo=dt.UTC)
SEOUL = Schedule(dt.time(9, 0), "Asia/Seoul")
REPO = "https://github.com/reading-group/notes.git"


async def _two_libraries(db: Database) -> str:
    """The default notes ask about Pods; guild 2 reads a repository asking about Raft."""
    await sync_catalogue(db, [question(f"d{i}") for i in range(3)])
    choice = await sources.choose_git(db, guild_id=2, url=REPO, now=SLOT)
    await sync_catalogue(
        db, [question(f"r{i}", answer="Raft") for i in range(3)], source=choice.source
    )
    return choice.source


async def test_a_server_on_its_own_notes_is_asked_only_from_them(db: Database) -> None:
    """Guild 2 is asked its repository's questions; guild 1 keeps the default folder's."""
    await _two_libraries(db)
    asked: dict[int, set[str]] = {1: set(), 2: set()}
    for guild in (1, 2):
        for day in range(3):
            slot = SLOT + dt.timedelta(days=day)
            run, _ = await runs.claim_run(
                db, guild_id=guild, channel_id=guild * 10, slot=slot, now=slot
            )
            asked[guild].add(run.question.answer)
    assert asked == {1: {"Pod"}, 2: {"Raft"}}
    pool = await runs.question_pool(db, guild_id=2, channel_id=20)
    assert pool.total == 3


async def test_a_batch_of_channels_picks_each_server_s_own_notes(db: Database) -> None:
    """The scheduler's batch claims give each server a question of its own notes."""
    await _two_libraries(db)
    due = []
    for guild in (1, 2):
        await schedules.configure_channel(db, guild_id=guild, channel_id=guild * 10, schedule=SEOUL)
        cs = await schedules.get_schedule(db, guild_id=guild, channel_id=guild * 10)
        assert cs is not None
        due.append((cs, SLOT))
    claimed = await claims.claim_slots(db, due, now=SLOT)
    answers = {run.guild_id: run.question.answer for c in claimed for run in c.created}
    assert answers == {1: "Pod", 2: "Raft"}


async def test_practice_draws_from_the_server_s_own_notes(db: Database) -> None:
    """A member of guild 2 practises Raft, never the default folder's questions."""
    await _two_libraries(db)
    found = await practice.next_question(db, guild_id=2, member_id=1, now=SLOT)
    assert found.question.answer == "Raft"


async def test_two_servers_on_one_repository_share_its_catalogue(db: Database) -> None:
    """The same URL, branch and folder is one source: one set of rows for both servers."""
    key = await _two_libraries(db)
    again = await sources.choose_git(
        db, guild_id=3, url="https://token:secret@github.com/reading-group/notes", now=SLOT
    )
    assert again.source == key
    assert again.url == "https://github.com/reading-group/notes"
    async with db.read() as conn:
        rows = (
            await conn.execute(
                sa.text("SELECT count(*) FROM questions WHERE source = :s"), {"s": key}
            )
        ).scalar()
    assert rows == 3
    assert await sources.servers_reading(db, guild_ids=[1, 2, 3], source=key) == [2, 3]


async def test_syncing_one_source_retires_nothing_of_another(db: Database) -> None:
    """A repository that lost every question but one leaves the default folder's alone."""
    key = await _two_libraries(db)
    change = await sync_catalogue(db, [question("r0", answer="Raft")], source=key)
    assert change.retired == 2
    pool = await runs.question_pool(db, guild_id=1, channel_id=10)
    assert pool.total == 3


@pytest.mark.parametrize(
    "url",
    [
        "http://github.com/a/b",
        "git@github.com:a/b.git",
        "/srv/notes",
        "file:///srv/notes",
        "ext::sh",
    ],
)
async def test_only_https_repositories_are_taken_from_a_server(db: Database, url: str) -> None:
    """A server cannot point the bot at plain HTTP, SSH, local paths or git's helpers."""
    with pytest.raises(NotesSourceError) as caught:
        await sources.choose_git(db, guild_id=1, url=url, now=SLOT)
    assert caught.value.reason == "not_https"
    assert (await sources.notes_choice(db, guild_id=1)).kind == sources.DEFAULT


async def test_a_refused_url_never_echoes_its_password(db: Database) -> None:
    """The refusal of a URL with credentials shows the URL without them."""
    with pytest.raises(NotesSourceError) as caught:
        await sources.choose_git(db, guild_id=1, url="http://me:hunter2@example.com/n", now=SLOT)
    assert "hunter2" not in str(caught.value)


async def test_a_failed_sync_keeps_the_last_good_commit(db: Database) -> None:
    """The result of a failed sync is shown while the commit in use stays the good one."""
    key = await _two_libraries(db)
    await sources.record_sync(db, guild_ids=[2], source=key, ok=True, at=SLOT, commit="abc123")
    later = SLOT + dt.timedelta(hours=1)
    await sources.record_sync(db, guild_ids=[2], source=key, ok=False, at=later, error="timeout")
    choice = await sources.notes_choice(db, guild_id=2)
    assert (choice.commit, choice.sync_ok, choice.sync_error) == ("abc123", False, "timeout")


async def test_uploads_are_kept_per_server(db: Database) -> None:
    """A server's uploaded files are listed and removed there only."""
    await sources.store_upload(db, guild_id=1, name="ch1.md", text="# One", by=7, at=SLOT)
    await sources.store_upload(db, guild_id=2, name="ch1.md", text="# Two", by=8, at=SLOT)
    assert await sources.uploaded_files(db, guild_id=1) == {"ch1.md": "# One"}
    assert await sources.remove_upload(db, guild_id=1, name="ch1.md")
    assert not await sources.remove_upload(db, guild_id=1, name="ch1.md")
    assert [u.name for u in await sources.uploads(db, guild_id=2)] == ["ch1.md"]


async def test_upgrade_keeps_today_s_questions_runs_and_answers_on_the_default(
    db: Database,
) -> None:
    """A database of the previous schema upgrades with every question on the default notes."""
    await sync_catalogue(db, [question(f"d{i}") for i in range(3)])
    run, _ = await runs.claim_run(db, guild_id=1, channel_id=10, slot=SLOT, now=SLOT)
    await runs.record_answer(
        db, run_id=run.id, member_id=1, display_name="m", choice="Pod", at=SLOT
    )
    await db.downgrade("0011")
    await db.upgrade()
    async with db.read() as conn:
        kinds = (await conn.execute(sa.text("SELECT DISTINCT source FROM questions"))).scalars()
        assert list(kinds) == ["default"]
    reveal = await runs.close_run(db, run_id=run.id, at=run.closes_at)
    assert reveal is not None
    assert [m.member_id for m in reveal.correct] == [1]
    assert (await sources.notes_choice(db, guild_id=1)).kind == sources.DEFAULT
    assert (await runs.question_pool(db, guild_id=1, channel_id=10)).total == 3


async def test_upgrade_keeps_a_stored_repository_and_keeps_credentials_from_then_on(
    db: Database,
) -> None:
    """A repository chosen before credentials were kept upgrades as it was, without one;
    choosing it again with a token keeps the token for the pulls, out of what is shown."""
    await db.downgrade("0014")
    async with db.engine.begin() as conn:
        await conn.execute(
            sa.text(
                'INSERT INTO note_sources (guild_id, kind, source, url, "commit", updated_at) '
                "VALUES (2, 'git', 'git-1', :url, 'abc123', :at)"
            ),
            {"url": REPO, "at": SLOT},
        )
    await db.upgrade()
    (before,) = await sources.git_choices(db)
    assert (before.url, before.commit, before.fetch_url) == (REPO, "abc123", REPO)
    await sources.choose_git(
        db, guild_id=2, url=REPO.replace("https://", "https://me:tok3n@"), now=SLOT
    )
    (after,) = await sources.git_choices(db)
    assert after.fetch_url == REPO.replace("https://", "https://me:tok3n@")
    assert "tok3n" not in repr(after) + (after.url or "")
