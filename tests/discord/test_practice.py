"""/practice in a simulated Discord: a private session, restarts, typed answers, bad input."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from simcord.env import Env

from bot.services import practice
from tests.discord.conftest import BotFactory
from tests.discord.test_quiz_flow import World, buttons, make_world


@pytest.fixture
def world(simcord_env: Env) -> World:
    """A guild with a #quiz channel, an admin and three members."""
    return make_world(simcord_env)


def shown(result: Any) -> discord.Message:
    """The private message a command or click left on the member's screen."""
    message = result.response.message if result.response is not None else None
    assert message is not None
    return message


async def right_and_wrong(bot: Any, message: discord.Message) -> tuple[str, str]:
    """The custom ids of the right and of a wrong option of a practice question."""
    ids = [b.custom_id for b in buttons(message)]
    qid = ids[0].split(":")[1]
    question = await practice.practice_question(bot.db, guild_id=0, question_id=qid)
    assert question is not None
    assert question.choices is not None
    right = question.choices.index(question.answer)
    wrong = next(i for i in range(len(question.choices)) if i != right)
    return ids[right], ids[wrong]


def fields(message: discord.Message) -> dict[str, str]:
    return {f.name: f.value for embed in message.embeds for f in embed.fields}


async def test_a_whole_session_survives_a_restart_and_ends_with_a_summary(
    world: World, simcord_env: Env, make_bot: BotFactory
) -> None:
    """Two questions, a restart between them: each answer shows when it returns; a summary ends."""
    env = simcord_env
    started = await world.alice.slash(world.channel, "practice start", chapter=1, count=2)
    assert started.ephemeral
    first = shown(started)
    assert first.embeds[0].title.startswith("Practice 1/2")
    right, _ = await right_and_wrong(env.bot, first)
    answered = await world.alice.click(first, custom_id=right)
    assert answered.response is not None
    assert answered.response.ephemeral
    result = shown(answered)
    assert "Right" in result.embeds[0].description
    assert fields(result)["Next review"] in {"tomorrow", "in 2 days", "in 3 days"}
    assert "Source" in fields(result)
    (next_button,) = buttons(result)

    fresh = await make_bot()
    await env.restart_bot(fresh)
    following = await world.alice.click(result, custom_id=next_button.custom_id)
    second = shown(following)
    assert second.embeds[0].title.startswith("Practice 2/2")
    _, wrong = await right_and_wrong(fresh, second)
    done = shown(await world.alice.click(second, custom_id=wrong))
    assert "Not quite" in done.embeds[0].description
    summary = done.embeds[-1]
    assert summary.title == "Practice done"
    assert "Right: **1/2**" in summary.description
    assert buttons(done) == []

    stats = await world.alice.slash(world.channel, "stats")
    body = (stats.followups or [stats.response])[0]
    assert "has not" in body.content  # practice earned no points: no quiz record
    assert "Practice streak: 1 day(s)" in body.content


async def test_a_question_answered_in_another_window_counts_once(
    world: World, simcord_env: Env
) -> None:
    """The same question open twice (two sessions at once) is reviewed only by the first answer."""
    first = shown(await world.alice.slash(world.channel, "practice start", chapter=1, count=3))
    other = shown(await world.alice.slash(world.channel, "practice start", chapter=1, count=3))
    right, _ = await right_and_wrong(simcord_env.bot, first)
    _, wrong = await right_and_wrong(simcord_env.bot, other)
    await world.alice.click(first, custom_id=right)
    again = shown(await world.alice.click(other, custom_id=wrong))
    assert "already answered" in again.embeds[0].description
    stats = await practice.practice_stats(
        simcord_env.bot.db,
        guild_id=world.guild.id,
        member_id=world.alice.id,
        now=discord.utils.utcnow(),
    )
    assert stats.reviewed == 1


async def test_a_typed_practice_answer_goes_through_the_form(
    world: World, simcord_env: Env, make_bot: BotFactory
) -> None:
    """A flashcard is answered in a form; a form opened before a restart is still recorded."""
    started = shown(await world.alice.slash(world.channel, "practice start", chapter=3, count=1))
    (answer,) = buttons(started)
    form = await world.alice.click(started, custom_id=answer.custom_id)
    assert form.modal is not None
    await simcord_env.restart_bot(await make_bot())
    submitted = await world.alice.submit_modal(form, {"answer": "네트워크 계층"})
    assert submitted.response is not None
    assert submitted.response.ephemeral
    message = shown(submitted)
    assert "Right" in message.embeds[0].description
    assert message.embeds[-1].title == "Practice done"
    assert "Next review" in fields(message)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"count": 0}, "1 to 20 questions"),
        ({"count": 21}, "1 to 20 questions"),
        ({"chapter": 9}, "There is no chapter 9. Chapters: 1, 2, 3."),
    ],
)
async def test_bad_input_gets_a_clear_private_message(
    world: World, options: dict[str, int], expected: str
) -> None:
    """An impossible count or an unknown chapter is refused privately with the reason."""
    result = await world.alice.slash(world.channel, "practice start", **options)
    assert result.ephemeral
    assert expected in result.response.content


async def test_misses_without_misses_and_stats_say_so(world: World) -> None:
    """With no wrong answers `misses` says so; stats show an empty forecast privately."""
    misses = await world.alice.slash(world.channel, "practice misses")
    assert misses.ephemeral
    assert "No wrong answers" in misses.response.content
    stats = await world.alice.slash(world.channel, "practice stats")
    assert stats.ephemeral
    embed = shown(stats).embeds[0]
    values = {f.name: f.value for f in embed.fields}
    assert values["Due today"] == "0"
    assert values["Retention estimate"] == "no reviews yet"


async def test_only_admins_change_the_desired_retention(world: World, simcord_env: Env) -> None:
    """A member cannot change how often questions return; an admin can, within 0.80–0.95."""
    refused = await world.alice.slash(world.channel, "practice retention", value=0.85)
    assert "Manage Server" in refused.response.content
    assert [type(e).__name__ for e in simcord_env.errors] == ["MissingPermissions"]
    bad = await world.admin.slash(world.channel, "practice retention", value=0.99)
    assert "between 0.80 and 0.95" in bad.response.content
    done = await world.admin.slash(world.channel, "practice retention", value=0.85)
    assert "0.85" in done.response.content


def test_the_next_review_and_refusals_read_naturally_in_korean() -> None:
    """Korean members see "다음 복습: 3일 후" and Korean refusals, never English fallbacks."""
    import datetime as dt

    from bot.core.errors import CountOutOfRange, NoSuchChapter
    from bot.exts.practice._render import error_text, next_review_text
    from bot.i18n import text

    now = dt.datetime(2026, 1, 1, 3, tzinfo=dt.UTC)
    due = now + dt.timedelta(days=3)
    when = next_review_text(due, now=now, timezone="Asia/Seoul", lang="ko")
    assert f"{text('practice.next_review', 'ko')}: {when}" == "다음 복습: 3일 후"
    assert next_review_text(due, now=now, timezone="Asia/Seoul", lang="en") == "in 3 days"
    refusal = error_text(CountOutOfRange(0, 20), "ko", now=now, timezone="UTC")
    assert refusal == "복습은 한 번에 1~20문제까지예요."
    unknown = error_text(NoSuchChapter(9, (1, 2)), "ko", now=now, timezone="UTC")
    assert unknown == "9장은 없어요. 있는 장: 1, 2."


async def test_opted_in_members_are_reminded_once_a_day_when_practice_is_due(
    world: World, simcord_env: Env
) -> None:
    """Only members who turned the reminder on are mentioned, once a day, and never again
    once they turn it off."""
    import datetime as dt

    from tests.discord.conftest import EPOCH

    env = simcord_env
    db = env.bot.db
    for member in (world.alice, world.bob):  # both have a question due
        found = await practice.next_question(
            db, guild_id=world.guild.id, member_id=member.id, now=EPOCH
        )
        earlier = EPOCH - dt.timedelta(days=3)
        await practice.record_practice(
            db, guild_id=world.guild.id, member_id=member.id, question_id=found.question.id,
            choice="?", at=earlier, shown_at=earlier,
        )  # fmt: skip
    on = await world.alice.slash(world.channel, "practice remind", state="on", time="01:00")
    assert on.ephemeral
    assert "01:00 (UTC)" in on.response.content

    def reminders() -> list[Any]:
        return [
            r
            for r in env.http_requests
            if r.method == "POST" and r.path.endswith(f"/channels/{world.channel.id}/messages")
        ]

    await env.advance_time(3600 * 2)  # 02:00 UTC
    (first,) = reminders()
    assert f"<@{world.alice.id}>: 1문제" in first.json["content"]  # the notes are Korean
    assert str(world.bob.id) not in first.json["content"]
    mentions = first.json["allowed_mentions"]
    assert mentions["parse"] == []
    assert [int(user) for user in mentions["users"]] == [world.alice.id]
    await env.advance_time(3600 * 6)
    assert len(reminders()) == 1  # once a day
    await env.advance_time(3600 * 18)  # 02:00 the next day
    assert len(reminders()) == 2
    await world.alice.slash(world.channel, "practice remind", state="off")
    await env.advance_time(3600 * 24)
    assert len(reminders()) == 2
