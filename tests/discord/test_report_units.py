"""Report and review buttons driven by real ``discord.Interaction`` objects: bad input.

A double click, an unknown run, another server's quiz, a missing permission or a too
long comment each get a clear private answer and store nothing (and lose nothing).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import discord

from bot.client import QuizBot
from bot.core.review import ReportReason
from bot.core.schedule import Schedule
from bot.exts.quiz._report import ReportButton
from bot.exts.quiz._review import WAITING, ReviewButton, review_message
from bot.services import reviews, runs, schedules
from tests.discord.test_interactions import (
    CHANNEL,
    EPHEMERAL,
    GUILD,
    MEMBER,
    NOW,
    RecordingAdapter,
    adapter,
    bot,
    closed_run,
    interaction_payload,
)

__all__ = ["adapter", "bot"]


def _form(run_id: int, reason: str | None, comment: str) -> dict[str, Any]:
    """A submitted report form, as Discord sends it (a select and a text input in labels)."""
    components: list[dict[str, Any]] = [
        {"type": 18, "component": {"type": 4, "custom_id": "comment", "value": comment}}
    ]
    if reason is not None:
        components.insert(
            0, {"type": 18, "component": {"type": 3, "custom_id": "reason", "values": [reason]}}
        )
    return {"custom_id": f"quiz:{run_id}:reportform", "components": components}


async def test_a_report_form_submitted_after_a_restart_is_stored(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """A report form this process never opened is still stored, and the member thanked."""
    run = await closed_run(bot)
    form = discord.Interaction(
        data=interaction_payload(5, _form(run.id, "wrong", "B is right too")), state=bot._connection
    )
    await bot.on_interaction(form)
    ((reply, flags),) = adapter.messages()
    assert reply.startswith("Thank you")
    assert flags & EPHEMERAL
    (item,) = (await reviews.review_queue(bot.db, guild_id=GUILD)).items
    assert [(r.member_id, r.reason, r.comment) for r in item.reports] == [
        (MEMBER, ReportReason.WRONG, "B is right too")
    ]


async def test_a_too_long_comment_is_refused_and_the_earlier_report_kept(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """A comment over 300 characters is refused privately; the member's report stays as it was."""
    run = await closed_run(bot)
    for interaction_id, comment in ((1, "first"), (2, "x" * 301)):
        form = discord.Interaction(
            data=interaction_payload(
                5, _form(run.id, "unclear", comment), interaction_id=interaction_id
            ),
            state=bot._connection,
        )
        await bot.on_interaction(form)
    replies = [content for content, _flags in adapter.messages()]
    assert "301 characters" in replies[-1]
    assert "Nothing was stored" in replies[-1]
    (item,) = (await reviews.review_queue(bot.db, guild_id=GUILD)).items
    assert [r.comment for r in item.reports] == ["first"]


async def test_a_form_without_a_reason_stores_nothing(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """A submission that carries no reason asks for one and stores nothing."""
    run = await closed_run(bot)
    form = discord.Interaction(
        data=interaction_payload(5, _form(run.id, None, "hm")), state=bot._connection
    )
    await bot.on_interaction(form)
    assert adapter.messages() == [
        ("Please pick a reason for the report; nothing was stored.", EPHEMERAL)
    ]
    assert (await reviews.review_queue(bot.db, guild_id=GUILD)).total == 0


async def test_the_report_button_of_an_unknown_or_foreign_run_opens_no_form(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """Report on a run that is gone, or of another server, says so privately; no form opens."""
    other_guild, other_channel = GUILD + 1, CHANNEL + 1
    await schedules.configure_channel(
        bot.db,
        guild_id=other_guild,
        channel_id=other_channel,
        schedule=Schedule(dt.time(10), "UTC"),
    )
    foreign, _ = await runs.claim_run(
        bot.db, guild_id=other_guild, channel_id=other_channel, slot=NOW, now=NOW
    )
    for interaction_id, run_id in ((1, 999), (2, foreign.id)):
        click = discord.Interaction(
            data=interaction_payload(
                3,
                {"custom_id": f"quiz:{run_id}:report", "component_type": 2},
                interaction_id=interaction_id,
            ),
            state=bot._connection,
        )
        await ReportButton(run_id).callback(click)
    assert adapter.messages() == [("This quiz no longer exists.", EPHEMERAL)] * 2
    assert all(call[2].get("type") != 9 for call in adapter.calls)  # no modal
    # A form for the foreign run submitted here is refused too.
    form = discord.Interaction(
        data=interaction_payload(5, _form(foreign.id, "wrong", ""), interaction_id=3),
        state=bot._connection,
    )
    await bot.on_interaction(form)
    assert adapter.messages()[-1] == ("This quiz no longer exists.", EPHEMERAL)
    assert (await reviews.review_queue(bot.db, guild_id=other_guild)).total == 0


async def test_a_member_without_manage_server_cannot_decide(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """A Retire click by a member without Manage Server is refused and changes nothing."""
    run = await closed_run(bot)
    await reviews.report_question(
        bot.db,
        guild_id=GUILD,
        member_id=7,
        run_id=run.id,
        reason=ReportReason.WRONG,
        comment=None,
        at=NOW,
    )
    qid = run.question.id
    click = discord.Interaction(
        data=interaction_payload(
            3, {"custom_id": f"review:{WAITING}:retire:1:{qid}", "component_type": 2}
        ),
        state=bot._connection,
    )
    await ReviewButton(WAITING, "retire", 1, qid).callback(click)
    assert adapter.messages() == [
        ("Only members with the **Manage Server** permission can do this.", EPHEMERAL)
    ]
    assert await reviews.decisions(bot.db, guild_id=GUILD, question_id=qid) == []
    assert (await reviews.review_queue(bot.db, guild_id=GUILD)).total == 1


def test_the_review_list_says_which_questions_came_back_after_their_notes_changed() -> None:
    """A question whose notes changed is named above the list, in the admin's language."""
    page = reviews.ReviewPage(
        items=(), page=1, pages=1, total=0, changed=(reviews.Changed("q-1", "What is a Pod?"),)
    )
    content, embed, view = review_message(page, WAITING, "en")
    assert "1 question(s) came back" in content
    assert "What is a Pod?" in content
    assert "No question waits for review" in content
    assert (embed, view) == (None, None)
    korean, _embed, _view = review_message(page, WAITING, "ko")
    assert "노트가 바뀌어" in korean
