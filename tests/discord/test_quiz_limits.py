"""Quiz flow at Discord's limits: long answers in the notes still fit the answer box."""

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
