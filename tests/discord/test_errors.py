"""Every slash command answers privately when it fails: never silence, never a public error."""

from __future__ import annotations

from typing import Any

import pytest
from simcord.env import Env

from bot.exts.meta import _cog as meta_cog
from bot.services import catalogue, notes, practice, reading, reviews, schedules, sources, stats
from tests.discord.test_quiz_flow import World, make_world, reply_text


def _walk(command: dict[str, Any], prefix: str = "") -> list[str]:
    name = f"{prefix}{command['name']}"
    children = [o for o in command.get("options") or [] if o.get("type") in (1, 2)]
    if not children:
        return [name]
    return [leaf for child in children for leaf in _walk(child, f"{name} ")]


def _failing_calls(w: World) -> dict[str, tuple[Any, str, dict[str, Any]]]:
    """For each command: a call it makes that is made to fail, and its options."""
    where = {
        "channel": w.channel,
        "time": "09:00",
        "timezone": "Asia/Seoul",
    }
    return {
        "quiz setup": (schedules, "configure_channel", where),
        "quiz now": (schedules, "get_schedule", {}),
        "quiz pause": (schedules, "get_schedule", {}),
        "quiz resume": (schedules, "get_schedule", {}),
        "quiz status": (schedules, "list_schedules", {}),
        "quiz reload": (catalogue, "sync_catalogue", {}),
        "quiz chapters": (schedules, "get_schedule", {}),
        "quiz review": (reviews, "review_queue", {}),
        "leaderboard": (stats, "leaderboard", {}),
        "stats": (stats, "member_stats", {}),
        "help": (meta_cog, "command_lines", {}),
        "checkin set": (reading, "checkin", {"chapter": "1"}),
        "checkin undo": (reading, "undo", {}),
        "progress": (reading, "board", {}),
        "reading setup": (reading, "configure_reminders", {**where, "day": "mon"}),
        "reading stop": (reading, "remove_reminders", {"channel": w.channel}),
        "reading remind": (reading, "set_remind", {"state": "on"}),
        "practice start": (practice, "check_session", {}),
        "practice misses": (practice, "check_session", {}),
        "practice stats": (practice, "practice_stats", {}),
        "practice retention": (practice, "set_retention", {"value": 0.9}),
        "practice remind": (practice, "set_reminder", {"state": "on"}),
        "notes show": (sources, "notes_choice", {}),
        "notes source git": (notes, "sync_choice", {"url": "https://example.com/n.git"}),
        "notes source default": (sources, "choose_default", {}),
        "notes source uploads": (sources, "uploads", {}),
        "notes upload": (sources, "notes_choice", {"file": ("a.md", b"# A")}),
        "notes list": (sources, "uploads", {}),
        "notes remove": (sources, "notes_choice", {"name": "a.md"}),
        "notes announce": (sources, "set_announce_channel", {}),
        "notes uploaders": (sources, "set_uploaders_role", {}),
    }


async def test_every_failing_command_gets_a_private_answer(
    simcord_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever breaks inside any command, the member who used it is told privately."""
    w = make_world(simcord_env)
    calls = _failing_calls(w)
    synced = simcord_env.backend.commands.get(None, {})
    leaves = {leaf for command in synced.values() for leaf in _walk(command)}
    assert leaves == set(calls)  # a new command must be added here too

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("the database went away")

    def broken_sync(*args: Any, **kwargs: Any) -> Any:
        raise OSError("the help text went away")

    for name, (module, attribute, options) in calls.items():
        with monkeypatch.context() as patch:
            patch.setattr(module, attribute, broken_sync if name == "help" else broken)
            result = await w.admin.slash(w.channel, name, **options)
        assert result.ephemeral, name
        assert reply_text(result).startswith("Something went wrong"), name
    public = [m for m in w.channel.history() if "Something went wrong" in m.content]
    assert public == []
    assert {type(error.original).__name__ for error in simcord_env.errors} == {"OSError"}
