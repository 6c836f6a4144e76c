"""Quiz flow at the edges: long answers in the notes, a quiz Discord refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from simcord.env import Env

from tests.discord.test_quiz_flow import (
    World,
    custom_ids,
    make_world,
    quiz_messages,
    reply_text,
    setup_quiz,
)

#: A card whose answer is a whole sentence, longer than a short answer box holds.
LONG_ANSWER = (
    "The scheduler compares the requested resources of every pending pod with the "
    "allocatable capacity of each node, filters out the nodes that cannot fit it, "
    "scores the remaining ones by spreading and affinity rules, and binds the pod "
    "to the highest scoring node"
)

NOTES = f"""\
# 1장 - 카드
스케줄러는 파드를 어떻게 노드에 배치하나?::{LONG_ANSWER}
"""


@pytest.fixture
def content_dir_path(tmp_path: Path) -> Path:
    """A content folder whose only question is the long card."""
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "cards.md").write_text(NOTES, encoding="utf-8")
    return folder


@pytest.fixture
def world(simcord_env: Env) -> World:
    """A guild with a #quiz channel, an admin and three members."""
    return make_world(simcord_env)


async def test_a_long_accepted_answer_can_be_typed_in_full(world: World, simcord_env: Env) -> None:
    """A member can type the whole accepted answer of a long card and have it locked in."""
    assert len(LONG_ANSWER) > 200  # longer than a short answer box
    await setup_quiz(world)
    await world.admin.slash(world.channel, "quiz now")
    (posted,) = quiz_messages(world.channel)
    (answer_id,) = custom_ids(posted)
    shown = await world.alice.click(posted, custom_id=answer_id)
    assert shown.modal is not None
    result = await world.alice.submit_modal(shown, {"answer": LONG_ANSWER})
    assert "Locked in" in reply_text(result)


async def test_now_refused_by_discord_is_not_reported_as_posted(
    world: World, simcord_env: Env
) -> None:
    """/quiz now says when Discord refused the quiz instead of claiming it was posted."""
    env = simcord_env
    await setup_quiz(world)
    env.inject_error(
        "POST", f"/channels/{world.channel.id}/messages", status=403, code=50013, times=1
    )
    result = await world.admin.slash(world.channel, "quiz now")
    assert quiz_messages(world.channel) == []
    assert "Posted" not in reply_text(result)
    assert "permission" in reply_text(result).lower()
    await env.advance_time(60)
    assert len(quiz_messages(world.channel)) == 1  # tried again, as the reply says
