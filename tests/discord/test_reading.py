"""The reading group in a simulated Discord: check-ins, the board, reminders, quiz scope.

The notes here mark only chapter 3 (the review cards) read in the table of contents,
so quizzes start there and grow as the group finishes chapters.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import discord
import pytest
from simcord.builders import ChannelHandle
from simcord.env import Env

from bot.services import checkins, reading, runs
from bot.services.types import CheckinStatus
from tests.discord.conftest import EPOCH, NOTES, BotFactory
from tests.discord.test_quiz_flow import (
    HOUR,
    World,
    buttons,
    custom_ids,
    make_world,
    quiz_messages,
    reply_text,
)

READING_NOTES = (
    NOTES.replace("1. [X] 1장", "1. [ ] 1장")
    .replace("2. [X] 2장", "2. [ ] 2장")
    .replace("# 목표\n테스트 모임 노트", "# 목표\n네트워크 책 완독")
)


@pytest.fixture
def content_dir_path(tmp_path: Path) -> Path:
    """Notes whose table of contents marks only chapter 3 read."""
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "network.md").write_text(READING_NOTES, encoding="utf-8")
    return folder


@pytest.fixture
def world(simcord_env: Env) -> World:
    """A guild with a #quiz channel, an admin and three members."""
    return make_world(simcord_env)


def reminders(channel: ChannelHandle) -> list[discord.Message]:
    return [
        m
        for m in channel.history()
        if any(cid.startswith("reading:") for cid in custom_ids(m)) or "체크인" in m.content
    ]


def posts_to(env: Env, channel: ChannelHandle) -> list[Any]:
    return [
        r
        for r in env.http_requests
        if r.method == "POST" and r.path == f"/channels/{channel.id}/messages"
    ]


async def test_chapter_autocomplete_matches_number_and_title(world: World) -> None:
    """Typing a number or part of a title offers the matching chapters with their titles."""
    everything = await world.alice.autocomplete(world.channel, "checkin set", "chapter", "")
    assert [c["value"] for c in everything] == ["1", "2", "3"]
    assert everything[0]["name"] == "1. 네트워크 기초"
    by_title = await world.alice.autocomplete(world.channel, "checkin set", "chapter", "저장")
    assert by_title[0]["value"] == "2"
    by_number = await world.alice.autocomplete(world.channel, "checkin set", "chapter", "3장")
    assert by_number[0]["value"] == "3"


async def test_checkin_update_undo_and_streak_in_stats(world: World, simcord_env: Env) -> None:
    """A check-in replies privately with progress and streak; again updates; undo removes."""
    env = simcord_env
    first = await world.alice.slash(
        world.channel, "checkin set", chapter="2", status="reading", note="@everyone 재밌다"
    )
    assert first.ephemeral
    assert "Checked in: **2. 저장 장치**, still reading" in reply_text(first)
    assert "Note: @everyone 재밌다" in reply_text(first)
    assert "Check-in streak: 1 week(s)" in reply_text(first)
    followups = [r for r in env.http_requests if r.path.startswith("/webhooks/")]
    assert followups[-1].json["allowed_mentions"]["parse"] == []  # the note pings nobody

    again = await world.alice.slash(world.channel, "checkin set", chapter="저장 장치")
    assert "Updated your check-in: **2. 저장 장치**, done" in reply_text(again)
    assert "1 of 3 chapter(s) done" in reply_text(again)
    stored = await checkins.checkins_by_member(
        env.bot.db, guild_id=world.guild.id, member_id=world.alice.id
    )
    assert [(c.chapter, c.status) for c in stored] == [(2, CheckinStatus.DONE)]

    stats = await world.alice.slash(world.channel, "stats")
    assert "Check-in streak: 1 week(s) now, best 1" in reply_text(stats)

    undone = await world.alice.slash(world.channel, "checkin undo")
    assert undone.ephemeral
    assert "Removed your check-in for **2. 저장 장치**" in reply_text(undone)
    nothing = await world.alice.slash(world.channel, "checkin undo")
    assert "no check-in to undo" in reply_text(nothing)


async def test_bad_chapter_or_note_is_explained_and_nothing_saved(
    world: World, simcord_env: Env
) -> None:
    """An unknown chapter lists the chapters; a note over 500 characters is refused."""
    unknown = await world.bob.slash(world.channel, "checkin set", chapter="양자 역학")
    assert unknown.ephemeral
    assert "1. 네트워크 기초, 2. 저장 장치, 3. 복습 카드" in reply_text(unknown)
    long = await world.bob.slash(world.channel, "checkin set", chapter="1", note="가" * 501)
    assert long.ephemeral
    assert "501 characters" in reply_text(long)
    assert await checkins.list_checkins(simcord_env.bot.db, guild_id=world.guild.id) == []


async def test_progress_board_and_one_member(world: World) -> None:
    """/progress shows the goal, bars, finishers and who is where; with a member, theirs."""
    await world.alice.slash(world.channel, "checkin set", chapter="1")
    await world.bob.slash(world.channel, "checkin set", chapter="1")
    await world.bob.slash(world.channel, "checkin set", chapter="2", status="reading")
    board = await world.carol.slash(world.channel, "progress")
    assert not board.ephemeral
    embed = (board.followups or [board.response])[0].embeds[0]
    body = embed.description or ""
    assert "Goal: 네트워크 책 완독" in body
    assert "✅ 1. 네트워크 기초  `██████████` 2/2 · done: alice, bob" in body
    assert "Most members are on **2. 저장 장치**." in body
    assert "bob: 1 done, on 2. 저장 장치, last check-in 2026-01-01" in body
    one = await world.carol.slash(world.channel, "progress", member=world.bob)
    shown = (one.followups or [one.response])[0].embeds[0]
    fields = {f.name: f.value for f in shown.fields}
    assert fields["Done"] == "1. 네트워크 기초"
    assert fields["Reading"] == "2. 저장 장치"
    assert (shown.description or "").startswith("bob's progress: 1 of")
    mine = await world.bob.slash(world.channel, "progress", member=world.bob)
    own = (mine.followups or [mine.response])[0].embeds[0]
    assert (own.description or "").startswith("Your progress: 1 of")
    none = await world.alice.slash(world.channel, "progress", member=world.carol)
    assert "carol has not checked in yet" in reply_text(none)


async def test_reminder_posts_at_local_time_pings_only_opted_in_and_clicks_check_in(
    world: World, simcord_env: Env, make_bot: BotFactory
) -> None:
    """At 19:00 Seoul the reminder names the chapter of the week with buttons; only members
    who opted in are pinged; a click checks in; a restart never posts the slot again."""
    env = simcord_env
    await world.alice.slash(world.channel, "reading remind", state="on")
    await world.bob.slash(world.channel, "reading remind", state="off")
    await world.carol.slash(world.channel, "checkin set", chapter="1")
    refused = await world.bob.slash(
        world.channel,
        "reading setup",
        channel=world.channel,
        day="mon,thu",
        time="19:00",
        timezone="Asia/Seoul",
    )
    assert "Manage Server" in reply_text(refused)
    assert [type(e).__name__ for e in env.errors] == ["MissingPermissions"]
    bad = await world.admin.slash(
        world.channel,
        "reading setup",
        channel=world.channel,
        day="someday",
        time="19:00",
        timezone="Asia/Seoul",
    )
    assert bad.ephemeral
    assert "mon-fri" in reply_text(bad)
    done = await world.admin.slash(
        world.channel,
        "reading setup",
        channel=world.channel,
        day="mon,thu",
        time="19:00",
        timezone="Asia/Seoul",
    )
    assert "2026-01-01 19:00 (Asia/Seoul)" in reply_text(done)

    await env.advance_time(10 * HOUR - 60)  # 18:59 Seoul
    assert reminders(world.channel) == []
    await env.advance_time(60)
    (posted,) = reminders(world.channel)
    assert env.now() == EPOCH + dt.timedelta(hours=10)
    assert "**2. 저장 장치**" in posted.embeds[0].description  # carol finished 1: 2 is next
    assert f"<@{world.alice.id}>" in posted.content
    assert "bob" in posted.content
    assert f"<@{world.bob.id}>" not in posted.content
    assert "carol" not in posted.content  # she checked in
    (request,) = posts_to(env, world.channel)
    mentions = request.json["allowed_mentions"]
    assert mentions["parse"] == []
    assert [int(user) for user in mentions["users"]] == [world.alice.id]

    clicked = await world.bob.click(posted, custom_id="reading:2:done")
    assert clicked.ephemeral
    assert "Checked in: **2. 저장 장치**, done" in reply_text(clicked)

    await env.restart_bot(await make_bot())
    await env.advance_time(HOUR)
    assert len(posts_to(env, world.channel)) == 1  # the slot is never posted twice
    later = await world.alice.click(posted, custom_id="reading:2:reading")  # after restart
    assert "still reading" in reply_text(later)

    # Monday 19:00 Seoul: the first reminder of a new week carries last week's summary.
    await env.advance_time((dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC) - env.now()).total_seconds())
    monday = max(reminders(world.channel), key=lambda m: m.id)
    assert monday.id != posted.id
    assert len(monday.embeds) == 2
    summary = {f.name: f.value for f in monday.embeds[1].fields}
    assert "bob: 2. 저장 장치" in summary["완독"]
    assert "carol: 1. 네트워크 기초" in summary["완독"]


async def test_quizzes_follow_the_chapters_the_group_reached(
    world: World, simcord_env: Env
) -> None:
    """Quizzes start with the chapter read in the notes; once half the readers finish
    chapter 1 the next quiz asks it, and /quiz status shows the wider scope."""
    env = simcord_env
    await world.admin.slash(
        world.channel, "quiz setup", channel=world.channel, time="10:00", timezone="Asia/Seoul"
    )
    status = await world.bob.slash(world.channel, "quiz status")
    body = "\n".join(f.value for f in (status.followups or [status.response])[0].embeds[0].fields)
    assert "the chapters the group has reached: 3 복습 카드" in body

    async def next_chapter() -> int | None:
        await env.advance_time(60)  # /quiz now posts one quiz per second
        await world.admin.slash(world.channel, "quiz now")
        newest = max(quiz_messages(world.channel), key=lambda m: m.id)
        run = await runs.get_run(env.bot.db, run_id=int(custom_ids(newest)[0].split(":")[1]))
        assert run is not None
        return run.question.chapter

    assert [await next_chapter(), await next_chapter()] == [3, 3]
    await world.alice.slash(world.channel, "checkin set", chapter="1")
    await world.bob.slash(world.channel, "checkin set", chapter="2", status="reading")
    status = await world.bob.slash(world.channel, "quiz status")
    body = "\n".join(f.value for f in (status.followups or [status.response])[0].embeds[0].fields)
    assert "the chapters the group has reached: 1 네트워크 기초, 3 복습 카드" in body
    assert await next_chapter() == 1  # never-asked questions of the new chapter come first

    everything = await world.admin.slash(world.channel, "quiz chapters", chapters="all")
    assert "all chapters" in reply_text(everything)
    default = await world.admin.slash(world.channel, "quiz chapters", chapters="default")
    assert "the chapters the group has reached" in reply_text(default)


async def test_help_lists_the_reading_commands(world: World) -> None:
    """/help lists the reading commands, with the reminder setup marked for admins."""
    result = await world.bob.slash(world.channel, "help")
    body = result.response.embeds[0].description
    for name in ("/checkin set", "/checkin undo", "/progress", "/reading remind"):
        assert name in body
    assert "`/reading setup` 🔒" in body


async def test_a_long_board_is_paged_with_buttons(world: World, simcord_env: Env) -> None:
    """Sixteen readers fill two pages; Next shows the last one, Previous goes back."""
    players = [world.guild.add_member(simcord_env.create_user(f"player{i:02}")) for i in range(16)]
    for player in players:
        await player.slash(world.channel, "checkin set", chapter="1")
    shown = await world.alice.slash(world.channel, "progress")
    message = (shown.followups or [shown.response])[0]
    assert "Page 1 of 2" in message.embeds[0].footer.text
    assert "player14:" in (message.embeds[0].description or "")
    assert "player15:" not in (message.embeds[0].description or "")
    previous, following = buttons(message.message)
    assert previous.disabled
    await world.bob.click(message, custom_id=following.custom_id)
    page_two = next(m for m in world.channel.history() if m.id == message.id)
    assert "Page 2 of 2" in page_two.embeds[0].footer.text
    assert "player15:" in (page_two.embeds[0].description or "")
    await world.bob.click(page_two, custom_id=buttons(page_two)[0].custom_id)
    back = next(m for m in world.channel.history() if m.id == message.id)
    assert "Page 1 of 2" in back.embeds[0].footer.text


def test_the_board_stays_within_discord_limits() -> None:
    """Very long names and titles are cut so the board embed stays within 6000 characters."""
    from bot.exts.reading._render import board_embed
    from bot.services.reading import BoardChapter, BoardMember, ChapterInfo, ProgressBoard
    from bot.services.types import MemberRef

    people = [MemberRef(i, "@everyone " + "가" * 90) for i in range(40)]
    board = ProgressBoard(
        chapters=[
            BoardChapter(ChapterInfo(n, "제목" * 200, False), people, [], False) for n in range(12)
        ],
        members=[BoardMember(p, 3, 1, dt.date(2026, 1, 1)) for p in people],
        common=1,
        timezone="UTC",
    )
    embed = board_embed(board, "en", goal="목표" * 500, page=1)
    assert len(embed) <= 6000
    assert len(embed.description or "") <= 4096
    assert "@everyone" not in (embed.description or "")  # escaped, never a live mention


async def test_stopping_reminders_needs_manage_server_and_stops_them(
    world: World, simcord_env: Env
) -> None:
    """/reading stop (admins) ends a channel's reminders; no reminder is posted afterwards."""
    env = simcord_env
    await world.admin.slash(
        world.channel,
        "reading setup",
        channel=world.channel,
        day="thu",
        time="19:00",
        timezone="Asia/Seoul",
    )
    refused = await world.bob.slash(world.channel, "reading stop", channel=world.channel)
    assert "Manage Server" in reply_text(refused)
    assert [type(e).__name__ for e in env.errors] == ["MissingPermissions"]
    stopped = await world.admin.slash(world.channel, "reading stop", channel=world.channel)
    assert "No more reading reminders" in reply_text(stopped)
    again = await world.admin.slash(world.channel, "reading stop", channel=world.channel)
    assert "has no reading reminders" in reply_text(again)
    await env.advance_time(11 * HOUR)
    assert posts_to(env, world.channel) == []


async def test_reading_setup_after_today_s_time_reminds_first_when_the_reply_says(
    world: World, simcord_env: Env
) -> None:
    """Set up at 20:00 for 19:00: no reminder now; the first is the next one the reply names."""
    env = simcord_env
    await env.advance_time(11 * HOUR)  # 20:00 Seoul
    done = await world.admin.slash(
        world.channel,
        "reading setup",
        channel=world.channel,
        day="daily",
        time="19:00",
        timezone="Asia/Seoul",
    )
    assert "Next reminder: Fri 2026-01-02 19:00 (Asia/Seoul)" in reply_text(done)
    await env.advance_time(23 * HOUR - 60)  # 18:59 the next day
    assert reminders(world.channel) == []
    await env.advance_time(60)
    (posted,) = reminders(world.channel)
    assert posted.created_at == dt.datetime(2026, 1, 2, 10, tzinfo=dt.UTC)


async def test_a_refused_reminder_is_retried_and_a_deleted_channel_stops(
    world: World, simcord_env: Env
) -> None:
    """A reminder Discord refuses once is posted a minute later; a deleted channel's stop."""
    env = simcord_env
    gone = world.guild.create_text_channel("gone")
    for channel in (world.channel, gone):
        await world.admin.slash(
            world.channel,
            "reading setup",
            channel=channel,
            day="thu",
            time="19:00",
            timezone="Asia/Seoul",
        )
    env.inject_error(
        "POST", f"/channels/{world.channel.id}/messages", status=403, code=50013, times=1
    )
    env.inject_error(
        "POST",
        f"/channels/{gone.id}/messages",
        status=404,
        code=10003,
        message="Unknown Channel",
        times=None,
    )
    await env.advance_time(10 * HOUR)
    assert reminders(world.channel) == []
    await env.advance_time(60)
    assert len(reminders(world.channel)) == 1
    schedules = await reading.list_reminder_schedules(env.bot.db)
    assert [rs.channel_id for rs in schedules] == [world.channel.id]
