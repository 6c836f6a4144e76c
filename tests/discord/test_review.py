"""Keeping questions good in a simulated Discord: report, hold, review, retire, restore."""

from __future__ import annotations

import re
from typing import Any

import discord
import pytest
from simcord.env import Env

from bot.services import reviews, runs
from tests.discord.test_quiz_flow import (
    HOUR,
    World,
    buttons,
    choice_ids,
    custom_ids,
    make_world,
    quiz_messages,
    reply_text,
    setup_quiz,
)


@pytest.fixture
def world(simcord_env: Env) -> World:
    """A guild with a #quiz channel, an admin and three members."""
    return make_world(simcord_env)


def _ids(message: Any) -> list[str]:
    """The custom ids of a message's buttons (a channel message or an interaction reply)."""
    found: list[str] = []
    stack = list(message.components)
    while stack:
        component = stack.pop(0)
        if isinstance(component, dict):
            if component.get("custom_id"):
                found.append(component["custom_id"])
            stack.extend(component.get("components", []))
        else:
            found.extend(child.custom_id for child in getattr(component, "children", []))
    return found


def _message(result: Any) -> Any:
    """The message the member was shown: the first followup or the response."""
    return result.followups[0] if result.followups else result.response


async def _posted_quiz(world: World, simcord_env: Env) -> tuple[discord.Message, int]:
    await setup_quiz(world)
    await world.admin.slash(world.channel, "quiz chapters", chapters="1-2")  # multiple choice
    await world.admin.slash(world.channel, "quiz now")
    (posted,) = quiz_messages(world.channel)
    run_id = int(custom_ids(posted)[0].split(":")[1])
    return posted, run_id


async def _report(member: Any, message: Any, run_id: int, values: dict[str, Any]) -> Any:
    """Click the Report button of ``message`` and submit the form with ``values``."""
    shown = await member.click(message, custom_id=f"quiz:{run_id}:report")
    assert shown.modal is not None
    values = {k: [v] if k == "reason" else v for k, v in values.items()}
    return await member.submit_modal(shown, values)


async def _answered(member: Any, posted: Any, simcord_env: Env) -> Any:
    """Answer the open quiz; the private "locked in" reply (with its Report button)."""
    right, _wrong = await choice_ids(simcord_env.bot, posted)
    return _message(await member.click(posted, custom_id=right))


async def test_members_report_from_the_locked_in_reply_and_the_reveal_and_it_is_held(
    world: World, simcord_env: Env
) -> None:
    """A report from the "locked in" reply and one from the reveal hold the question back:
    each member is thanked privately, and no later quiz in the server asks it."""
    env, bot = simcord_env, simcord_env.bot
    posted, run_id = await _posted_quiz(world, env)
    guild, channel = world.guild.id, world.channel.id
    before = (await runs.question_pool(bot.db, guild_id=guild, channel_id=channel)).total
    right, _wrong = await choice_ids(bot, posted)
    locked = await world.alice.click(posted, custom_id=right)
    assert f"quiz:{run_id}:report" in _ids(_message(locked))
    first = await _report(
        world.alice, _message(locked), run_id, {"reason": "unclear", "comment": "Which one?"}
    )
    assert first.ephemeral
    assert "Thank you" in reply_text(first)
    assert "2 members" in reply_text(first)  # what happens next

    await env.advance_time(13 * HOUR)  # the quiz closes and is revealed
    (closed,) = [m for m in world.channel.history() if m.id == posted.id]
    report = next(b for b in buttons(closed) if b.custom_id == f"quiz:{run_id}:report")
    assert not report.disabled
    assert all(b.disabled for b in buttons(closed) if b is not report)
    second = await _report(world.bob, closed, run_id, {"reason": "wrong"})
    assert second.ephemeral
    assert "no longer asked here" in reply_text(second)
    pool = await runs.question_pool(bot.db, guild_id=guild, channel_id=channel)
    assert pool.total == before - 1

    run = await runs.get_run(bot.db, run_id=run_id)
    assert run is not None
    held = run.question.id
    for _ in range(4):
        await env.advance_time(61)
        await world.admin.slash(world.channel, "quiz now")
    asked = [int(custom_ids(m)[0].split(":")[1]) for m in quiz_messages(world.channel)]
    later = [await runs.get_run(bot.db, run_id=r) for r in asked if r != run_id]
    assert len(later) >= 4
    assert all(r is not None and r.question.id != held for r in later)


async def test_a_second_report_updates_the_first(world: World, simcord_env: Env) -> None:
    """A member who reports twice is told the report was updated; it counts once."""
    posted, run_id = await _posted_quiz(world, simcord_env)
    locked = await _answered(world.alice, posted, simcord_env)
    await _report(world.alice, locked, run_id, {"reason": "wrong"})
    again = await _report(world.alice, locked, run_id, {"reason": "other", "comment": "typo"})
    assert "updated" in reply_text(again)
    page = await reviews.review_queue(simcord_env.bot.db, guild_id=world.guild.id)
    (item,) = page.items
    assert (len(item.reports), item.held) == (1, False)
    assert item.reports[0].comment == "typo"


async def test_an_admin_retires_and_restores_and_a_member_cannot_review(
    world: World, simcord_env: Env
) -> None:
    """/quiz review shows the reported question to an admin, Retire and Restore work and are
    stored with who did it; a member without Manage Server is refused privately."""
    env, bot = simcord_env, simcord_env.bot
    posted, run_id = await _posted_quiz(world, env)
    guild, channel = world.guild.id, world.channel.id
    before = (await runs.question_pool(bot.db, guild_id=guild, channel_id=channel)).total
    for member, values in (
        (world.alice, {"reason": "choices", "comment": "two are right"}),
        (world.bob, {"reason": "wrong"}),
    ):
        await _report(member, await _answered(member, posted, env), run_id, values)

    refused = await world.bob.slash(world.channel, "quiz review")
    assert refused.ephemeral
    assert "Manage Server" in reply_text(refused)
    assert len(env.errors) == 1  # the refusal, answered privately

    shown = await world.admin.slash(world.channel, "quiz review")
    assert shown.ephemeral
    page = _message(shown)
    embed = page.embeds[0]
    fields = {f.name: f.value for f in embed.fields}
    assert re.match(r"network\.md:\d+$", fields["Source"])
    assert "Held back" in fields["Status"]
    assert "Bad choices ×1" in fields["Reasons"]
    assert "Wrong answer ×1" in fields["Reasons"]
    assert "two are right" in fields["Comments"]
    assert "Asked 1 time(s)" in fields["Statistics"]
    assert fields["Answer"]
    retire = next(i for i in _ids(page) if ":retire:" in i)
    done = await world.admin.click(page, custom_id=retire)
    assert "Retired" in (done.response.content if done.response else reply_text(done))
    run = await runs.get_run(bot.db, run_id=run_id)
    assert run is not None
    qid = run.question.id
    retired_pool = await runs.question_pool(bot.db, guild_id=guild, channel_id=channel)
    assert retired_pool.total == before - 1
    assert await reviews.decisions(bot.db, guild_id=world.guild.id, question_id=qid) == [
        ("retire", world.admin.id)
    ]

    retired = await world.admin.slash(world.channel, "quiz review", show="r")
    restore = next(i for i in _ids(_message(retired)) if ":restore:" in i)
    await world.admin.click(_message(retired), custom_id=restore)
    assert await reviews.decisions(bot.db, guild_id=world.guild.id, question_id=qid) == [
        ("retire", world.admin.id),
        ("restore", world.admin.id),
    ]
    pool = await runs.question_pool(bot.db, guild_id=guild, channel_id=channel)
    assert pool.total == before  # asked here again


async def test_the_organiser_is_told_once_in_the_status_reply(
    world: World, simcord_env: Env
) -> None:
    """After a report the next /quiz status of an admin says questions wait; the one after
    does not, and members never see it."""
    posted, run_id = await _posted_quiz(world, simcord_env)
    locked = await _answered(world.alice, posted, simcord_env)
    await _report(world.alice, locked, run_id, {"reason": "unclear"})
    member = await world.bob.slash(world.channel, "quiz status")
    assert "wait for review" not in (_message(member).content or "")
    first = await world.admin.slash(world.channel, "quiz status")
    assert "1 question(s) wait for review" in (_message(first).content or "")
    second = await world.admin.slash(world.channel, "quiz status")
    assert "wait for review" not in (_message(second).content or "")
