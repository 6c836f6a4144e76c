"""Scores over days in a simulated Discord: leaderboard paging, streak milestones."""

from __future__ import annotations

import discord
from simcord.env import Env

from tests.discord.test_quiz_flow import (
    HOUR,
    World,
    buttons,
    choice_ids,
    make_world,
    quiz_messages,
    setup_quiz,
)


async def _answer_today(w: World, members: list, *, right: bool = True) -> discord.Message:
    posted = max(quiz_messages(w.channel), key=lambda m: m.id)
    good, bad = await choice_ids(w.env.bot, posted)
    for member in members:
        await member.click(posted, custom_id=good if right else bad)
    return posted


async def test_leaderboard_pages_privately_and_shows_each_member_their_rank(
    simcord_env: Env,
) -> None:
    """Twelve players fill two pages. The public board names whose rank is below it; a page
    button shows the clicker that page privately with their own rank and leaves the public
    message alone; the private page's buttons turn it in place."""
    w = make_world(simcord_env)
    players = [w.guild.add_member(simcord_env.create_user(f"player{i:02}")) for i in range(12)]
    await setup_quiz(w)
    await w.admin.slash(w.channel, "quiz chapters", chapters="1-2")  # multiple choice only
    await simcord_env.advance_time(HOUR)
    await _answer_today(w, players)
    await simcord_env.advance_time(12 * HOUR)

    shown = await w.alice.slash(w.channel, "leaderboard")
    message = (shown.followups or [shown.response])[0]
    assert not message.ephemeral
    embed = message.embeds[0]
    first_page = (embed.description or "").splitlines()
    assert len(first_page) == 10
    assert "Page 1 of 2" in embed.footer.text
    assert embed.fields[0].name == "Rank of alice"
    assert "alice is not ranked" in embed.fields[0].value  # alice did not play
    previous, following = buttons(message.message)
    assert previous.disabled
    assert not following.disabled

    clicked = await players[0].click(message, custom_id=following.custom_id)
    assert clicked.ephemeral
    private = (clicked.followups or [clicked.response])[0]
    assert private.ephemeral
    lines = (private.embeds[0].description or "").splitlines()
    assert len(lines) == 2
    names = {line.split(" ")[1].rstrip(":") for line in first_page + lines}
    assert names == {f"player{i:02}" for i in range(12)}
    assert "Page 2 of 2" in private.embeds[0].footer.text
    assert private.embeds[0].fields[0].name == "Your rank"
    assert "player00" in private.embeds[0].fields[0].value
    public = next(m for m in w.channel.history() if m.id == message.id)
    assert public.embeds[0].to_dict() == embed.to_dict()  # nobody else's view changed

    previous, following = buttons(private.message)
    assert following.disabled
    turned = await players[0].click(private, custom_id=previous.custom_id)
    assert turned.followups == []  # the private page turned in place, no new message
    mine = [m for m in w.channel.history(viewer=players[0]) if m.flags.ephemeral and m.embeds]
    assert [m.id for m in mine] == [private.id]
    back = next(m for m in w.channel.history(viewer=players[0]) if m.id == private.id)
    assert "Page 1 of 2" in back.embeds[0].footer.text
    assert back.embeds[0].fields[0].name == "Your rank"


async def test_three_right_days_in_a_row_post_a_streak_milestone(simcord_env: Env) -> None:
    """Right on three quiz days in a row, a member gets a 3-day streak note at the third close."""
    w = make_world(simcord_env)
    await setup_quiz(w)
    await w.admin.slash(w.channel, "quiz chapters", chapters="1-2")  # multiple choice only
    for day in range(3):
        await simcord_env.advance_time(HOUR if day == 0 else 12 * HOUR)
        await _answer_today(w, [w.alice])
        await _answer_today(w, [w.bob], right=False)
        await simcord_env.advance_time(12 * HOUR)
        notes = [m.content for m in w.channel.history() if "🔥" in m.content]
        if day < 2:
            assert notes == []
    (note,) = notes
    assert "alice" in note
    assert "3" in note
    assert "bob" not in note


async def test_accuracy_board_lists_members_with_enough_answers(simcord_env: Env) -> None:
    """The accuracy board leaves out members below QUIZBOT_MIN_ACCURACY_ANSWERS answers."""
    w = make_world(simcord_env)
    player = w.guild.add_member(simcord_env.create_user("player"))
    await setup_quiz(w)
    await w.admin.slash(w.channel, "quiz chapters", chapters="1-2")  # multiple choice only
    await simcord_env.advance_time(HOUR)
    await _answer_today(w, [player])
    await simcord_env.advance_time(12 * HOUR)

    def board_text(result) -> str:
        message = (result.followups or [result.response])[0]
        return message.embeds[0].description or ""

    shown = await player.slash(w.channel, "leaderboard", metric="accuracy")
    assert "player" not in board_text(shown)  # one answer is below the default of five

    simcord_env.bot.settings.min_accuracy_answers = 1
    shown = await player.slash(w.channel, "leaderboard", metric="accuracy")
    assert "player" in board_text(shown)
