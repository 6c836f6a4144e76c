"""The daily quiz in a simulated Discord: setup, posting, answers, close, scores, restarts."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import discord
import pytest
from simcord.actors import MemberActor
from simcord.backend.errors import SetupError
from simcord.builders import ChannelHandle, GuildHandle
from simcord.env import Env

from bot.exts._scheduling import DatabaseScheduler
from bot.services import runs, schedules
from tests.discord.conftest import EPOCH, BotFactory

HOUR = 3600


@dataclass
class World:
    env: Env
    guild: GuildHandle
    channel: ChannelHandle
    admin: MemberActor
    alice: MemberActor
    bob: MemberActor
    carol: MemberActor


def make_world(env: Env) -> World:
    guild = env.create_guild("Reading group")
    channel = guild.create_text_channel("quiz")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    admin = guild.add_member(env.create_user("admin"), roles=[admins])
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    carol = guild.add_member(env.create_user("carol"))
    return World(env, guild, channel, admin, alice, bob, carol)


@pytest.fixture
def world(simcord_env: Env) -> World:
    """A guild with a #quiz channel, an admin and three members."""
    return make_world(simcord_env)


def quiz_messages(channel: ChannelHandle) -> list[discord.Message]:
    return [m for m in channel.history() if m.embeds and m.components]


def custom_ids(message: discord.Message) -> list[str]:
    ids = []
    for row in message.components:
        for child in getattr(row, "children", []):
            ids.append(child.custom_id)
    return ids


def buttons(message: discord.Message) -> list[Any]:
    return [child for row in message.components for child in getattr(row, "children", [])]


async def choice_ids(bot: Any, message: discord.Message) -> tuple[str, str]:
    """The custom ids of the right and of a wrong button of a posted quiz."""
    ids = custom_ids(message)
    run_id = int(ids[0].split(":")[1])
    run = await runs.get_run(bot.db, run_id=run_id)
    assert run is not None
    assert run.question.choices is not None
    right = run.question.choices.index(run.question.answer)
    wrong = next(i for i in range(len(run.question.choices)) if i != right)
    return f"quiz:{run_id}:{right}", f"quiz:{run_id}:{wrong}"


async def setup_quiz(w: World, **options: Any) -> Any:
    values = {"channel": w.channel, "time": "10:00", "timezone": "Asia/Seoul"}
    values.update(options)
    return await w.admin.slash(w.channel, "quiz setup", **values)


def reply_text(result: Any) -> str:
    """What the member saw: the response or its first followup."""
    if result.followups:
        return result.followups[0].content
    return result.response.content if result.response is not None else ""


# ------------------------------------------------------------------------ setup


async def test_setup_schedules_the_channel_and_says_when(world: World, simcord_env: Env) -> None:
    """An admin's /quiz setup stores the schedule and privately confirms the next local time."""
    result = await setup_quiz(world, days="mon-fri", questions=2, window=6)
    assert result.ephemeral
    text = reply_text(result)
    assert "10:00 Asia/Seoul" in text
    assert "2026-01-01 10:00 (Asia/Seoul)" in text  # Thursday: the first run is today
    stored = await schedules.get_schedule(
        simcord_env.bot.db, guild_id=world.guild.id, channel_id=world.channel.id
    )
    assert stored is not None
    assert stored.schedule.weekdays == frozenset(range(5))
    assert stored.questions_per_run == 2
    assert stored.schedule.window == dt.timedelta(hours=6)


async def test_setup_after_today_s_time_posts_tomorrow_as_the_reply_says(
    world: World, simcord_env: Env
) -> None:
    """Set up at 11:00 for 10:00: nothing is posted now; the quiz comes at the time named."""
    env = simcord_env
    await env.advance_time(2 * HOUR)  # 11:00 Seoul
    text = reply_text(await setup_quiz(world))
    assert "Next quiz: Fri 2026-01-02 10:00 (Asia/Seoul)" in text
    await env.advance_time(HOUR)
    assert quiz_messages(world.channel) == []
    await env.advance_time(21 * HOUR)  # 09:00 Seoul the next day
    assert quiz_messages(world.channel) == []
    await env.advance_time(HOUR)  # 2026-01-02 01:00 UTC = 10:00 Seoul
    (posted,) = quiz_messages(world.channel)
    assert posted.created_at == dt.datetime(2026, 1, 2, 1, tzinfo=dt.UTC)


async def test_setup_is_refused_without_manage_server(world: World, simcord_env: Env) -> None:
    """A member without Manage Server gets a private refusal and nothing is scheduled."""
    result = await world.alice.slash(
        world.channel, "quiz setup", channel=world.channel, time="09:00", timezone="Asia/Seoul"
    )
    assert result.ephemeral
    assert "Manage Server" in reply_text(result)
    assert [type(e).__name__ for e in simcord_env.errors] == ["MissingPermissions"]
    assert await schedules.list_schedules(simcord_env.bot.db) == []


async def test_setup_explains_a_bad_time_zone(world: World, simcord_env: Env) -> None:
    """A misspelt time zone gets a private message suggesting the right one; nothing is saved."""
    result = await setup_quiz(world, timezone="Asia/Seol")
    assert result.ephemeral
    assert "Asia/Seoul" in reply_text(result)
    assert await schedules.list_schedules(simcord_env.bot.db) == []


async def test_setup_explains_a_bad_time(world: World, simcord_env: Env) -> None:
    """A time that is not HH:MM gets a private explanation; nothing is saved."""
    result = await setup_quiz(world, time="25:99")
    assert result.ephemeral
    assert reply_text(result)
    assert await schedules.list_schedules(simcord_env.bot.db) == []


async def test_setup_refuses_a_channel_the_bot_cannot_post_in(
    world: World, simcord_env: Env
) -> None:
    """A channel where the bot may not send or embed is refused with the missing permissions."""
    me = simcord_env.bot.get_guild(world.guild.id).me
    closed = world.guild.create_text_channel(
        "closed", overwrites={me: discord.PermissionOverwrite(embed_links=False)}
    )
    result = await setup_quiz(world, channel=closed)
    assert result.ephemeral
    assert "Embed Links" in reply_text(result)
    assert await schedules.list_schedules(simcord_env.bot.db) == []


# ------------------------------------------------------------- a whole quiz day


async def test_a_quiz_day_posts_takes_answers_closes_and_scores(
    world: World, simcord_env: Env
) -> None:
    """Posted at 10:00 Seoul, three members answer privately, the close reveals, scores follow."""
    env, bot = simcord_env, simcord_env.bot
    await setup_quiz(world)  # 10:00 Asia/Seoul = 01:00 UTC, answers open 12 h
    await world.admin.slash(world.channel, "quiz chapters", chapters="1-2")  # multiple choice

    await env.advance_time(HOUR - 60)
    assert quiz_messages(world.channel) == []
    await env.advance_time(60)
    (posted,) = quiz_messages(world.channel)
    assert env.now() == EPOCH + dt.timedelta(hours=1)
    assert "22:00" in posted.embeds[0].footer.text  # results at 22:00 Seoul time

    right, wrong = await choice_ids(bot, posted)
    first = await world.alice.click(posted, custom_id=right)
    second = await world.bob.click(posted, custom_id=wrong)
    third = await world.carol.click(posted, custom_id=right)
    again = await world.carol.click(posted, custom_id=wrong)
    for result in (first, second, third, again):
        assert result.ephemeral
    assert "Locked in" in reply_text(first)
    assert "22:00 (Asia/Seoul)" in reply_text(first)
    assert "Locked in" in reply_text(second)  # no hint whether it was right
    assert "already answered" in reply_text(again)
    # nobody else sees an answer before the close
    (still,) = quiz_messages(world.channel)
    assert still.embeds[0].to_dict() == posted.embeds[0].to_dict()
    assert all(not b.disabled for b in buttons(still))

    await env.advance_time(12 * HOUR)
    (closed,) = [m for m in world.channel.history() if m.id == posted.id]
    assert all(b.disabled for b in buttons(closed) if not b.custom_id.endswith(":report"))
    fields = {f.name: f.value for f in closed.embeds[0].fields}
    assert any(name.startswith("정답자") and "alice" in value for name, value in fields.items())
    assert "carol" in next(v for n, v in fields.items() if n.startswith("정답자"))
    assert "bob" not in next(v for n, v in fields.items() if n.startswith("정답자"))
    assert fields["출처"].startswith("network.md, ")  # relative to the content folder

    with pytest.raises(SetupError):  # a disabled button cannot be clicked any more
        await world.bob.click(closed, custom_id=right)

    board = await world.bob.slash(world.channel, "leaderboard")
    embed = (board.followups[0] if board.followups else board.response).embeds[0]
    lines = (embed.description or "").splitlines()
    assert "alice" in lines[0] or "carol" in lines[0]
    assert "bob" in lines[-1]
    assert "bob" in embed.fields[0].value  # own rank below

    stats = await world.bob.slash(world.channel, "stats", member=world.alice)
    fields = {f.name: f.value for f in (stats.followups or [stats.response])[0].embeds[0].fields}
    assert fields["Accuracy"].startswith("100%")
    mine = await world.bob.slash(world.channel, "stats")
    fields = {f.name: f.value for f in (mine.followups or [mine.response])[0].embeds[0].fields}
    assert fields["Accuracy"].startswith("0%")


async def test_a_click_after_restart_still_counts_and_the_close_happens_once(
    world: World, simcord_env: Env, make_bot: BotFactory
) -> None:
    """A run open across a restart takes clicks on the old message and is revealed exactly once."""
    env = simcord_env
    await setup_quiz(world)
    await world.admin.slash(world.channel, "quiz chapters", chapters="1-2")  # multiple choice
    await env.advance_time(HOUR)
    (posted,) = quiz_messages(world.channel)

    fresh = await make_bot()
    await env.restart_bot(fresh)
    right, _wrong = await choice_ids(fresh, posted)
    result = await world.alice.click(posted, custom_id=right)
    assert result.ephemeral
    assert "Locked in" in reply_text(result)

    await env.advance_time(12 * HOUR)
    edits = [
        r
        for r in env.http_requests
        if r.method == "PATCH" and r.path.endswith(f"/messages/{posted.id}")
    ]
    assert len(edits) == 1
    (closed,) = [m for m in world.channel.history() if m.id == posted.id]
    assert all(b.disabled for b in buttons(closed) if not b.custom_id.endswith(":report"))
    assert len(quiz_messages(world.channel)) == 1  # the slot was not posted again


async def test_a_slot_missed_while_down_is_posted_on_start(
    world: World, simcord_env: Env, make_bot: BotFactory
) -> None:
    """A slot that passed while the bot was down is posted at start, if its window is still open."""
    env = simcord_env
    late = world.guild.create_text_channel("late")
    gone = world.guild.create_text_channel("gone")
    # Configured behind the running bot's back, as if before the downtime:
    # 08:00 Seoul was an hour ago (open 12 h); 20:00 Seoul yesterday closed at 08:00.
    from bot.core.schedule import Schedule

    db = env.bot.db
    before = EPOCH - dt.timedelta(days=1)
    await schedules.configure_channel(
        db,
        guild_id=world.guild.id,
        channel_id=late.id,
        schedule=Schedule(dt.time(8), "Asia/Seoul"),
        now=before,
    )
    await schedules.configure_channel(
        db,
        guild_id=world.guild.id,
        channel_id=gone.id,
        schedule=Schedule(dt.time(20), "Asia/Seoul"),
        now=before,
    )
    await env.restart_bot(await make_bot())
    (posted,) = quiz_messages(late)
    assert "20:00" in posted.embeds[0].footer.text  # still closes 12 h after 08:00
    assert quiz_messages(gone) == []


async def test_dst_keeps_the_local_time(world: World, simcord_env: Env) -> None:
    """A 09:00 Europe/Berlin quiz fires at 09:00 local on both sides of the spring DST change."""
    env = simcord_env
    await jump_to(env, dt.datetime(2026, 3, 28, 7, tzinfo=dt.UTC))
    await setup_quiz(world, time="09:00", timezone="Europe/Berlin", window=2)
    await env.advance_time(HOUR)  # 08:00 UTC = 09:00 CET
    assert len(quiz_messages(world.channel)) == 1
    assert env.now() == dt.datetime(2026, 3, 28, 8, tzinfo=dt.UTC)
    await env.advance_time(22 * HOUR)  # 2026-03-29 06:00 UTC = 08:00 CEST
    assert len(quiz_messages(world.channel)) == 1
    await env.advance_time(HOUR)  # 07:00 UTC = 09:00 CEST
    messages = quiz_messages(world.channel)
    assert len(messages) == 2
    newest = max(messages, key=lambda m: m.id)
    assert newest.created_at == dt.datetime(2026, 3, 29, 7, tzinfo=dt.UTC)


async def jump_to(env: Env, when: dt.datetime) -> None:
    """Move the clock months ahead quickly: the schedulers are unloaded meanwhile (as in a
    downtime), so they do not wake once a day on the way, and loaded again after."""
    scheduling = ("bot.exts.quiz", "bot.exts.reading", "bot.exts.practice")
    for extension in scheduling:
        await env.bot.unload_extension(extension)
    await env.advance_time((when - env.now()).total_seconds())
    for extension in scheduling:
        await env.bot.load_extension(extension)
    # Their tasks were started from the test, where the simulated clock does not wait
    # for them: let each first pass end, so a command's re-plan starts a task it waits for.
    schedulers = [
        value
        for cog in env.bot.cogs.values()
        for value in vars(cog).values()
        if isinstance(value, DatabaseScheduler)
    ]
    for _ in range(2000):  # ten seconds at most
        if all(s.sleeping for s in schedulers):
            break
        await asyncio.sleep(0.005)
    assert all(s.sleeping for s in schedulers), "a scheduler's first pass did not end"


async def _posts_at_each_slot(
    w: World, env: Env, *, timezone: str, setup_at: dt.datetime, slots: list[dt.datetime]
) -> None:
    """Set up a 09:00 quiz at ``setup_at`` and check one quiz appears at each slot, not before."""
    await jump_to(env, setup_at)
    await setup_quiz(w, time="09:00", timezone=timezone, window=2)
    for count, slot in enumerate(slots, start=1):
        await env.advance_time((slot - env.now()).total_seconds() - 60)
        assert len(quiz_messages(w.channel)) == count - 1, slot
        await env.advance_time(60)
        messages = quiz_messages(w.channel)
        assert len(messages) == count, slot
        assert max(messages, key=lambda m: m.id).created_at == slot


async def test_dst_autumn_keeps_the_local_time(world: World, simcord_env: Env) -> None:
    """A 09:00 Europe/Berlin quiz fires at 09:00 local on both sides of the autumn change
    (2026-10-25: 09:00 CEST is 07:00 UTC the day before, 09:00 CET is 08:00 UTC)."""
    await _posts_at_each_slot(
        world,
        simcord_env,
        timezone="Europe/Berlin",
        setup_at=dt.datetime(2026, 10, 23, 12, tzinfo=dt.UTC),
        slots=[
            dt.datetime(2026, 10, 24, 7, tzinfo=dt.UTC),
            dt.datetime(2026, 10, 25, 8, tzinfo=dt.UTC),
            dt.datetime(2026, 10, 26, 8, tzinfo=dt.UTC),
        ],
    )


async def test_seoul_has_no_dst_and_keeps_09_00(world: World, simcord_env: Env) -> None:
    """A 09:00 Asia/Seoul quiz fires at 00:00 UTC every day, also across the day Europe
    changes its clocks (2026-03-29): Seoul keeps no daylight saving time."""
    await _posts_at_each_slot(
        world,
        simcord_env,
        timezone="Asia/Seoul",
        setup_at=dt.datetime(2026, 3, 27, 12, tzinfo=dt.UTC),
        slots=[
            dt.datetime(2026, 3, 28, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 3, 29, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 3, 30, 0, tzinfo=dt.UTC),
        ],
    )


async def test_pause_skips_slots_and_resume_brings_them_back(
    world: World, simcord_env: Env
) -> None:
    """A paused channel gets no quiz; after resume the next slot is posted."""
    env = simcord_env
    await setup_quiz(world, window=2)
    paused = await world.admin.slash(world.channel, "quiz pause")
    assert paused.ephemeral
    assert "paused" in reply_text(paused)
    await env.advance_time(4 * HOUR)  # past 10:00 Seoul and its 2 h window
    assert quiz_messages(world.channel) == []
    resumed = await world.admin.slash(world.channel, "quiz resume")
    assert "2026-01-02 10:00" in reply_text(resumed)
    assert quiz_messages(world.channel) == []
    await env.advance_time(21 * HOUR)  # 2026-01-02 01:00 UTC = 10:00 Seoul
    assert len(quiz_messages(world.channel)) == 1


async def test_pause_and_now_need_manage_server(world: World, simcord_env: Env) -> None:
    """Members without Manage Server cannot pause or post; they are told so privately."""
    await setup_quiz(world)
    for command in ("quiz pause", "quiz now", "quiz reload"):
        result = await world.bob.slash(world.channel, command)
        assert result.ephemeral
        assert "Manage Server" in reply_text(result)
    assert len(simcord_env.errors) == 3
    stored = await schedules.get_schedule(
        simcord_env.bot.db, guild_id=world.guild.id, channel_id=world.channel.id
    )
    assert stored is not None
    assert not stored.paused


async def test_now_posts_at_once_and_status_shows_it(world: World, simcord_env: Env) -> None:
    """/quiz now posts a quiz immediately; /quiz status lists the schedule and the open run."""
    unconfigured = await world.admin.slash(world.channel, "quiz now")
    assert "/quiz setup" in reply_text(unconfigured)
    await setup_quiz(world)
    result = await world.admin.slash(world.channel, "quiz now")
    assert result.ephemeral
    assert len(quiz_messages(world.channel)) == 1
    status = await world.bob.slash(world.channel, "quiz status")
    assert status.ephemeral
    embed = (status.followups or [status.response])[0].embeds[0]
    body = "\n".join(f.value for f in embed.fields)
    assert "2026-01-01 10:00 (Asia/Seoul)" in body
    assert "discord.com/channels" in body  # the open run's link
    pool = re.search(r"Questions never asked here: (\d+) of (\d+)", body)
    assert pool is not None
    assert int(pool[1]) == int(pool[2]) - 1  # the question just posted is used up


async def test_a_second_quiz_now_right_after_the_first_says_so_and_posts_nothing(
    world: World, simcord_env: Env
) -> None:
    """Two /quiz now in the same second (a double submit, two admins) post one quiz; the
    second is told a quiz was just posted, with its link. A minute later one posts again."""
    await setup_quiz(world)
    first = await world.admin.slash(world.channel, "quiz now")
    second = await world.admin.slash(world.channel, "quiz now")
    assert "Posted a quiz" in reply_text(first)
    (posted,) = quiz_messages(world.channel)
    assert second.ephemeral
    assert "just posted" in reply_text(second)
    assert f"/channels/{world.guild.id}/{world.channel.id}/{posted.id}" in reply_text(second)
    await simcord_env.advance_time(30)
    assert "just posted" in reply_text(await world.admin.slash(world.channel, "quiz now"))
    assert len(quiz_messages(world.channel)) == 1
    await simcord_env.advance_time(31)
    assert "Posted a quiz" in reply_text(await world.admin.slash(world.channel, "quiz now"))
    assert len(quiz_messages(world.channel)) == 2


async def test_typed_answers_open_a_modal(world: World, simcord_env: Env) -> None:
    """A flashcard quiz has an Answer button; the modal's answer is locked in privately."""
    await setup_quiz(world)
    chosen = await world.admin.slash(world.channel, "quiz chapters", chapters="3")
    assert "3" in reply_text(chosen)
    await world.admin.slash(world.channel, "quiz now")
    (posted,) = quiz_messages(world.channel)
    (answer_id,) = custom_ids(posted)
    assert answer_id.endswith(":type")
    shown = await world.alice.click(posted, custom_id=answer_id)
    assert shown.modal is not None
    result = await world.alice.submit_modal(shown, {"answer": "네트워크 계층"})
    assert result.ephemeral
    assert "Locked in" in reply_text(result)


async def test_reload_reports_what_changed(
    world: World, simcord_env: Env, content_dir_path: Any
) -> None:
    """/quiz reload re-reads the notes and says how many questions were added."""
    notes = content_dir_path / "network.md"
    notes.write_text(
        notes.read_text(encoding="utf-8") + "\n# 4장 - 추가\n## 용어 - 캐시(Cache)\n"
        "* 자주 쓰는 데이터를 가까이 두어 빨리 읽게 하는 저장 공간\n"
        "## 용어 - 버퍼(Buffer)\n"
        "* 속도가 다른 두 장치 사이에서 데이터를 잠시 모아 두는 공간\n",
        encoding="utf-8",
    )
    result = await world.admin.slash(world.channel, "quiz reload")
    assert result.ephemeral
    # Reading the notes may be slow: the command is acknowledged (deferred) privately first.
    callback = [r for r in simcord_env.http_requests if r.path.endswith("/callback")][-1]
    assert callback.json == {"type": 5, "data": {"flags": 64}}
    text = reply_text(result)
    assert "Reloaded" in text
    assert " 0 new" not in text


async def test_reload_keeps_an_open_quiz_as_shown_and_says_so(
    world: World, simcord_env: Env, content_dir_path: Any
) -> None:
    """Notes edited while a quiz is open: /quiz reload leaves it as posted and says why."""
    await setup_quiz(world)
    await world.admin.slash(world.channel, "quiz chapters", chapters="1-2")  # multiple choice
    await world.admin.slash(world.channel, "quiz now")
    (posted,) = quiz_messages(world.channel)
    shown = [b.label for b in buttons(posted)]
    notes = content_dir_path / "network.md"
    edited = "\n".join(
        line + " (개정판)" if line.lstrip().startswith(("* ", "- ")) else line
        for line in notes.read_text(encoding="utf-8").splitlines()
    )
    notes.write_text(edited + "\n", encoding="utf-8")

    result = await world.admin.slash(world.channel, "quiz reload")
    assert "open quizzes" in reply_text(result)
    (still,) = quiz_messages(world.channel)
    assert [b.label for b in buttons(still)] == shown


async def test_help_lists_every_command(world: World, simcord_env: Env) -> None:
    """/help privately lists every command with its description, admin ones marked 🔒."""
    result = await world.bob.slash(world.channel, "help")
    assert result.ephemeral
    body = result.response.embeds[0].description
    lines = {line.split("`")[1]: line for line in body.splitlines() if line.startswith("`/")}
    available = {f"/{name}" for name in world.bob.available_commands(world.channel)}
    assert set(lines) == available
    admin = {name for name, line in lines.items() if "🔒" in line}
    assert admin == {
        "/quiz setup",
        "/quiz now",
        "/quiz pause",
        "/quiz resume",
        "/quiz reload",
        "/quiz review",
        "/reading setup",
        "/reading stop",
        "/practice retention",
        "/notes source git",
        "/notes source default",
        "/notes source uploads",
        "/notes announce",
        "/notes uploaders",
    }
    assert all(line.split(" — ", 1)[1] for line in lines.values())  # each has a description


async def test_terminal_games_in_the_same_database_are_left_alone(
    world: World, simcord_env: Env
) -> None:
    """A terminal game's open run is neither posted to Discord nor closed by the bot."""
    from bot.console import TERMINAL_CHANNEL_ID, TERMINAL_GUILD_ID, terminal_schedule

    env = simcord_env
    await setup_quiz(world)
    # The terminal keeps its channel's schedule (paused) in the same database.
    await schedules.configure_channel(
        env.bot.db,
        guild_id=TERMINAL_GUILD_ID,
        channel_id=TERMINAL_CHANNEL_ID,
        schedule=terminal_schedule("UTC"),
    )
    await schedules.set_paused(
        env.bot.db, guild_id=TERMINAL_GUILD_ID, channel_id=TERMINAL_CHANNEL_ID, paused=True
    )
    terminal_run, _created = await runs.claim_run(
        env.bot.db,
        guild_id=TERMINAL_GUILD_ID,
        channel_id=TERMINAL_CHANNEL_ID,
        slot=env.now(),
        now=env.now(),
    )
    await env.advance_time(13 * HOUR)  # our run is posted and closed meanwhile
    assert not any(f"/channels/{TERMINAL_CHANNEL_ID}/" in r.path for r in env.http_requests)
    still = await runs.get_run(env.bot.db, run_id=terminal_run.id)
    assert still is not None
    assert still.status.value == "open"


async def test_several_questions_per_quiz_are_each_posted_once(
    world: World, simcord_env: Env
) -> None:
    """With questions=2 two different questions are posted at the slot, and only once."""
    await setup_quiz(world, questions=2)
    await simcord_env.advance_time(HOUR)
    posted = quiz_messages(world.channel)
    assert len(posted) == 2
    assert posted[0].embeds[0].description != posted[1].embeds[0].description
    await simcord_env.advance_time(HOUR)
    assert len(quiz_messages(world.channel)) == 2
    sent = [
        r
        for r in simcord_env.http_requests
        if r.method == "POST" and r.path == f"/channels/{world.channel.id}/messages"
    ]
    assert len(sent) == 2
    assert all(r.json["allowed_mentions"]["parse"] == [] for r in sent)  # nobody is pinged


async def test_chapter_scope_is_validated_and_admin_only(world: World, simcord_env: Env) -> None:
    """Setting chapters needs Manage Server, unknown chapters and bad input are explained."""
    await setup_quiz(world)
    shown = await world.bob.slash(world.channel, "quiz chapters")
    assert "the chapters the group has reached" in reply_text(shown)
    assert "네트워크 기초" in reply_text(shown)
    refused = await world.bob.slash(world.channel, "quiz chapters", chapters="1")
    assert "Manage Server" in reply_text(refused)
    assert len(simcord_env.errors) == 1
    unknown = await world.admin.slash(world.channel, "quiz chapters", chapters="2,9")
    assert "no chapter 9" in reply_text(unknown)
    garbled = await world.admin.slash(world.channel, "quiz chapters", chapters="one")
    assert "`one`" in reply_text(garbled)
    assert "`default`" in reply_text(garbled)  # every accepted form is named
    stored = await schedules.get_schedule(
        simcord_env.bot.db, guild_id=world.guild.id, channel_id=world.channel.id
    )
    assert stored is not None
    assert stored.chapters is None
    done = await world.admin.slash(world.channel, "quiz chapters", chapters="1-2")
    assert "네트워크 기초" in reply_text(done)
    stored = await schedules.get_schedule(
        simcord_env.bot.db, guild_id=world.guild.id, channel_id=world.channel.id
    )
    assert stored is not None
    assert stored.chapters == (1, 2)


async def test_a_run_claimed_but_never_posted_is_posted_after_a_crash(
    world: World, simcord_env: Env, make_bot: BotFactory
) -> None:
    """A crash between claiming and posting a slot: after restart it is posted, once."""
    from bot.core.schedule import Schedule, due_slot

    env = simcord_env
    db = env.bot.db
    stored = await schedules.configure_channel(
        db,
        guild_id=world.guild.id,
        channel_id=world.channel.id,
        schedule=Schedule(dt.time(8), "Asia/Seoul"),
        now=EPOCH - dt.timedelta(days=1),  # before the crash
    )
    slot = due_slot(stored.schedule, env.now(), since=stored.active_since)
    assert slot is not None
    await runs.claim_run(
        db, guild_id=world.guild.id, channel_id=world.channel.id, slot=slot, now=env.now()
    )
    await env.restart_bot(await make_bot())
    assert quiz_messages(world.channel) == []  # maybe another process is posting it
    await env.advance_time(60)
    assert len(quiz_messages(world.channel)) == 1
    await env.advance_time(HOUR)
    assert len(quiz_messages(world.channel)) == 1


async def test_time_zone_option_suggests_zones(world: World) -> None:
    """Typing part of a city in the time zone option offers matching IANA zones."""
    choices = await world.admin.autocomplete(
        world.channel, "quiz setup", "timezone", "seoul", channel=world.channel, time="09:00"
    )
    assert [choice["value"] for choice in choices] == ["Asia/Seoul"]
    berlin = await world.admin.autocomplete(
        world.channel, "quiz setup", "timezone", "berl", channel=world.channel, time="09:00"
    )
    assert "Europe/Berlin" in [choice["value"] for choice in berlin]


async def test_a_refused_post_is_retried_without_holding_up_other_channels(
    world: World, simcord_env: Env
) -> None:
    """When Discord refuses one channel's quiz, the others still post and it is retried."""
    env = simcord_env
    other = world.guild.create_text_channel("other")
    await setup_quiz(world)
    await setup_quiz(world, channel=other)
    env.inject_error(
        "POST", f"/channels/{world.channel.id}/messages", status=403, code=50013, times=1
    )
    await env.advance_time(HOUR)
    assert quiz_messages(world.channel) == []
    assert len(quiz_messages(other)) == 1
    await env.advance_time(60)
    assert len(quiz_messages(world.channel)) == 1
    assert len(quiz_messages(other)) == 1


async def test_a_deleted_channel_pauses_its_quizzes(world: World, simcord_env: Env) -> None:
    """When the quiz channel no longer exists, its schedule is paused instead of failing daily."""
    env = simcord_env
    await setup_quiz(world)
    env.inject_error(
        "POST",
        f"/channels/{world.channel.id}/messages",
        status=404,
        code=10003,
        message="Unknown Channel",
        times=None,
    )
    await env.advance_time(HOUR)
    stored = await schedules.get_schedule(
        env.bot.db, guild_id=world.guild.id, channel_id=world.channel.id
    )
    assert stored is not None
    assert stored.paused


async def test_chapter_scope_follows_the_servers_own_notes(world: World, simcord_env: Env) -> None:
    """On its own notes a server lists and accepts their chapters, and refuses the default's."""
    from bot.core.model import Chapter
    from bot.services import reading, sources

    await setup_quiz(world)
    db = simcord_env.bot.db
    choice = await sources.choose_uploads(db, guild_id=world.guild.id, now=EPOCH)
    await reading.sync_chapters(db, [Chapter(1, "Raft consensus", 1)], source=choice.source)
    shown = await world.admin.slash(world.channel, "quiz chapters")
    assert "Raft consensus" in reply_text(shown)
    assert "네트워크 기초" not in reply_text(shown)
    refused = await world.admin.slash(world.channel, "quiz chapters", chapters="2")
    assert "no chapter 2" in reply_text(refused)
    assert "Chapters: 1." in reply_text(refused)
    accepted = await world.admin.slash(world.channel, "quiz chapters", chapters="1")
    assert "Raft consensus" in reply_text(accepted)
