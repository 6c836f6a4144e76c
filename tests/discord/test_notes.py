"""A server's own notes through the Discord layer: a repository, uploads, refusals."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from discord import app_commands
from simcord.env import Env

from bot.client import QuizBot
from bot.services import runs, sources
from tests.discord.conftest import EPOCH, BotFactory
from tests.discord.test_quiz_flow import World, make_world, reply_text, setup_quiz

TRIVIA = (
    "What elects a leader in Raft?:\n  - an election\nWho proposes in Paxos?:\n  - a proposer\n"
)


@pytest.fixture
async def simcord_bot(make_bot: BotFactory, tmp_path: Path) -> QuizBot:
    """A bot whose deployment allows local repositories (the tests' own)."""
    return await make_bot(content_allow_local=True, data_dir=tmp_path / "data")


@pytest.fixture
def world(simcord_env: Env) -> World:
    """A guild with a #quiz channel, an admin and three members."""
    return make_world(simcord_env)


def _commit_all(path: Path) -> None:
    """Commit every file of the repository ``path``."""
    for args in (
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "n"],
    ):
        subprocess.run(["git", *args], cwd=path, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A local Git repository holding one trivia file of two questions."""
    path = tmp_path / "repo"
    path.mkdir()
    (path / "consensus.yaml").write_text(TRIVIA, encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=path, check=True)
    _commit_all(path)
    return path


async def _answer_asked(world: World, bot: QuizBot) -> str:
    run, _ = await runs.claim_run(
        bot.db,
        guild_id=world.guild.id,
        channel_id=world.channel.id,
        slot=EPOCH,
        now=EPOCH,
    )
    return run.question.answer


async def test_an_admin_points_the_server_at_a_repository(
    world: World, simcord_env: Env, repo: Path
) -> None:
    """/notes source git fetches the repository, says what it holds, and quizzes from it."""
    result = await world.admin.slash(world.channel, "notes source git", url=repo.as_uri())
    assert result.ephemeral
    said = reply_text(result)
    assert "2 questions" in said or "문제 2개" in said
    assert await _answer_asked(world, simcord_env.bot) in {"an election", "a proposer"}
    shown = reply_text(await world.alice.slash(world.channel, "notes show"))
    assert repo.as_uri() in shown
    assert "1 files, 2 questions" in shown or "파일 1개, 문제 2개" in shown


async def test_a_plain_http_url_is_refused_and_nothing_changes(
    world: World, simcord_env: Env
) -> None:
    """A non-https URL gets a clear private refusal without its password; the notes stay."""
    url = "http://me:hunter2@example.com/notes.git"
    result = await world.admin.slash(world.channel, "notes source git", url=url)
    said = reply_text(result)
    assert result.ephemeral
    assert "https://" in said
    assert "hunter2" not in said
    choice = await sources.notes_choice(simcord_env.bot.db, guild_id=world.guild.id)
    assert choice.kind == sources.DEFAULT


async def test_a_member_without_permission_cannot_point_the_server_elsewhere(
    world: World, simcord_env: Env, repo: Path
) -> None:
    """Only Manage Server changes where the notes come from."""
    result = await world.alice.slash(world.channel, "notes source git", url=repo.as_uri())
    assert "Manage Server" in reply_text(result) or "서버 관리" in reply_text(result)
    assert [type(e) for e in simcord_env.errors] == [app_commands.MissingPermissions]
    choice = await sources.notes_choice(simcord_env.bot.db, guild_id=world.guild.id)
    assert choice.kind == sources.DEFAULT


async def test_an_upload_is_checked_kept_and_quizzed_from(world: World, simcord_env: Env) -> None:
    """An admin's .yaml upload shows its questions, is listed, and becomes the quiz's notes."""
    data = ("consensus.yaml", TRIVIA.encode())
    result = await world.admin.slash(world.channel, "notes upload", file=data)
    said = reply_text(result)
    assert result.ephemeral
    assert "consensus.yaml" in said
    assert "trivia 2" in said
    listed = reply_text(await world.alice.slash(world.channel, "notes list"))
    assert "consensus.yaml" in listed
    assert await _answer_asked(world, simcord_env.bot) in {"an election", "a proposer"}


async def test_a_failed_replacement_upload_keeps_the_old_file(
    world: World, simcord_env: Env, tmp_path: Path
) -> None:
    """A file that replaces one of the same name but cannot be synced (the data folder
    cannot be written) is refused privately; the old file and its questions stay."""
    await world.admin.slash(world.channel, "notes upload", file=("consensus.yaml", TRIVIA.encode()))
    uploads = tmp_path / "data" / "uploads"
    for child in uploads.iterdir():
        shutil.rmtree(child)
    uploads.rmdir()
    uploads.write_text("not a folder", encoding="utf-8")
    replacement = b"Who votes in Raft?:\n  - the followers\n"
    result = await world.admin.slash(
        world.channel, "notes upload", file=("consensus.yaml", replacement)
    )
    said = reply_text(result)
    assert result.ephemeral
    assert "data folder" in said or "데이터 폴더" in said
    db = simcord_env.bot.db
    assert await sources.uploaded_files(db, guild_id=world.guild.id) == {"consensus.yaml": TRIVIA}
    assert await _answer_asked(world, simcord_env.bot) in {"an election", "a proposer"}


async def test_a_bad_upload_is_refused_and_a_member_cannot_upload(
    world: World, simcord_env: Env
) -> None:
    """A .txt file is refused with a reason; a member without the role is refused too."""
    refused = await world.admin.slash(world.channel, "notes upload", file=("a.txt", b"hi"))
    assert ".md" in reply_text(refused)
    member = await world.alice.slash(world.channel, "notes upload", file=("a.md", b"# A"))
    assert member.ephemeral
    assert await sources.uploads(simcord_env.bot.db, guild_id=world.guild.id) == []


async def test_quiz_reload_pulls_a_push_and_says_what_changed(
    world: World, simcord_env: Env, repo: Path
) -> None:
    """After a push, /quiz reload fetches the repository and reports the new question."""
    await world.admin.slash(world.channel, "notes source git", url=repo.as_uri())
    (repo / "more.yaml").write_text("Who votes in Raft?:\n  - the followers\n", encoding="utf-8")
    _commit_all(repo)
    said = reply_text(await world.admin.slash(world.channel, "quiz reload"))
    assert "1 new" in said or "새 문제 1개" in said
    pool = await runs.question_pool(
        simcord_env.bot.db, guild_id=world.guild.id, channel_id=world.channel.id
    )
    assert pool.total == 3


async def test_a_periodic_pull_tells_the_announce_channel_what_changed(
    world: World, simcord_env: Env, repo: Path
) -> None:
    """A push is pulled on the next interval and its new question announced in the channel,
    in the server's language (English here)."""
    news = world.guild.create_text_channel("notes-news")
    await world.admin.slash(world.channel, "notes announce", channel=news)
    await world.admin.slash(world.channel, "notes source git", url=repo.as_uri())
    (repo / "more.yaml").write_text("Who votes in Raft?:\n  - the followers\n", encoding="utf-8")
    _commit_all(repo)
    await simcord_env.advance_time(31 * 60)
    (posted,) = [m.content for m in news.history()]
    assert "1" in posted
    assert "The notes changed (commit" in posted
    pool = await runs.question_pool(
        simcord_env.bot.db, guild_id=world.guild.id, channel_id=world.channel.id
    )
    assert pool.total == 3


async def test_a_failed_pull_keeps_the_questions_and_shows_why(
    world: World, simcord_env: Env, repo: Path
) -> None:
    """A repository that vanished fails the pull; the quiz keeps its questions and
    /notes show says the last sync failed."""
    await world.admin.slash(world.channel, "notes source git", url=repo.as_uri())
    (repo / ".git").rename(repo.parent / "gone")
    await simcord_env.advance_time(31 * 60)
    shown = reply_text(await world.alice.slash(world.channel, "notes show"))
    assert "failed" in shown or "실패" in shown
    pool = await runs.question_pool(
        simcord_env.bot.db, guild_id=world.guild.id, channel_id=world.channel.id
    )
    assert pool.total == 2


async def test_quiz_status_shows_a_failed_sync(world: World, simcord_env: Env, repo: Path) -> None:
    """After a failed pull, /quiz status says the newest notes could not be taken."""
    await setup_quiz(world)
    await world.admin.slash(world.channel, "notes source git", url=repo.as_uri())
    (repo / ".git").rename(repo.parent / "gone")
    await world.admin.slash(world.channel, "quiz reload")
    result = await world.alice.slash(world.channel, "quiz status")
    embed = (result.followups or [result.response])[0].embeds[0]
    fields = {f.name: f.value for f in embed.fields}
    shown = fields.get("Notes") or fields.get("노트") or ""
    assert "failed" in shown or "실패" in shown


async def _restart_after_a_push(
    world: World, simcord_env: Env, make_bot: BotFactory, repo: Path, tmp_path: Path, ago: float
) -> int:
    """Choose ``repo``, pretend its last pull was ``ago`` minutes back, push a question,
    restart the bot and give it a few seconds: the questions its catalogue then holds."""
    await world.admin.slash(world.channel, "notes source git", url=repo.as_uri())
    db = simcord_env.bot.db
    choice = await sources.notes_choice(db, guild_id=world.guild.id)
    await sources.record_sync(
        db,
        guild_ids=[world.guild.id],
        source=choice.source,
        ok=True,
        at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=ago),
        commit=choice.commit,
    )
    (repo / "more.yaml").write_text("Who votes in Raft?:\n  - the followers\n", encoding="utf-8")
    _commit_all(repo)
    fresh = await make_bot(content_allow_local=True, data_dir=tmp_path / "data")
    await simcord_env.restart_bot(fresh)
    await simcord_env.advance_time(5)
    pool = await runs.question_pool(fresh.db, guild_id=world.guild.id, channel_id=world.channel.id)
    return pool.total


async def test_a_restart_pulls_at_once_a_repository_an_interval_behind(
    world: World, simcord_env: Env, make_bot: BotFactory, repo: Path, tmp_path: Path
) -> None:
    """A repository last pulled longer ago than the sync interval is pulled right after a
    restart, not a whole interval later."""
    assert await _restart_after_a_push(world, simcord_env, make_bot, repo, tmp_path, ago=45) == 3


async def test_a_restart_leaves_a_recently_pulled_repository_to_its_interval(
    world: World, simcord_env: Env, make_bot: BotFactory, repo: Path, tmp_path: Path
) -> None:
    """A repository pulled within the interval is not fetched again by a restart."""
    assert await _restart_after_a_push(world, simcord_env, make_bot, repo, tmp_path, ago=5) == 2


async def _pool(world: World, bot: QuizBot) -> int:
    pool = await runs.question_pool(bot.db, guild_id=world.guild.id, channel_id=world.channel.id)
    return pool.total


async def test_an_admin_switches_between_the_uploads_and_the_default_notes(
    world: World, simcord_env: Env
) -> None:
    """/notes source default leaves the uploaded files stored; /notes source uploads makes
    the server quiz from them alone again and says what they hold."""
    bot = simcord_env.bot
    await world.admin.slash(world.channel, "notes upload", file=("consensus.yaml", TRIVIA.encode()))
    assert await _pool(world, bot) == 2
    await world.admin.slash(world.channel, "notes source default")
    assert await _pool(world, bot) > 2
    result = await world.admin.slash(world.channel, "notes source uploads")
    said = reply_text(result)
    assert result.ephemeral
    assert "uploaded files only" in said or "올린 파일 1개로만" in said
    assert "trivia 2" in said
    assert await _pool(world, bot) == 2
    shown = reply_text(await world.alice.slash(world.channel, "notes show"))
    assert "files uploaded here" in shown or "이 서버에 올린 파일" in shown


async def test_the_uploads_cannot_be_chosen_without_a_file_or_by_a_member(
    world: World, simcord_env: Env
) -> None:
    """Without any uploaded file the choice is refused with how to add one; a member
    without Manage Server cannot choose; the server stays on the default notes."""
    refused = await world.admin.slash(world.channel, "notes source uploads")
    assert "/notes upload" in reply_text(refused)
    member = await world.alice.slash(world.channel, "notes source uploads")
    assert "Manage Server" in reply_text(member) or "서버 관리" in reply_text(member)
    assert [type(e) for e in simcord_env.errors] == [app_commands.MissingPermissions]
    choice = await sources.notes_choice(simcord_env.bot.db, guild_id=world.guild.id)
    assert choice.kind == sources.DEFAULT


OWN_NOTES = (
    "# Goal\nFinish the consensus papers\n\n"
    "# 1장 - Raft\n#### Leader\n\nThe leader is the node that takes every write.\n\n"
    "# 2장 - Paxos\n#### Proposer\n\nThe proposer is the node that offers a value.\n"
)


async def test_progress_shows_the_goal_of_the_server_s_own_notes_after_a_restart(
    world: World, simcord_env: Env, make_bot: BotFactory, tmp_path: Path
) -> None:
    """/progress on a server quizzing from its uploads shows their goal, also after a
    restart, when its notes are read again on that first use."""
    await world.admin.slash(
        world.channel, "notes upload", file=("consensus.md", OWN_NOTES.encode())
    )
    fresh = await make_bot(content_allow_local=True, data_dir=tmp_path / "data")
    await simcord_env.restart_bot(fresh)
    assert fresh.notes_cache.get(f"upload-{world.guild.id}") is None  # nothing parsed at start
    board = await world.alice.slash(world.channel, "progress")
    body = (board.followups or [board.response])[0].embeds[0].description or ""
    assert "Finish the consensus papers" in body
    assert "Raft" in body


async def test_a_reading_reminder_speaks_the_language_of_the_server_s_own_notes(
    world: World, simcord_env: Env
) -> None:
    """A server reading its own English notes gets its reading reminder in English, while
    the deployment's notes are Korean."""
    await world.admin.slash(
        world.channel, "notes upload", file=("consensus.md", OWN_NOTES.encode())
    )
    await world.alice.slash(world.channel, "reading remind", state="on")
    await world.admin.slash(
        world.channel,
        "reading setup",
        channel=world.channel,
        day="daily",
        time="19:00",
        timezone="Asia/Seoul",
    )
    await simcord_env.advance_time(10 * 3600)  # 19:00 in Seoul
    posted = [
        m
        for m in world.channel.history()
        if m.embeds and m.embeds[0].title in ("Reading check-in", "읽기 체크인")
    ]
    assert posted
    assert posted[-1].embeds[0].title == "Reading check-in"
    assert "Chapter of the week" in (posted[-1].embeds[0].description or "")
