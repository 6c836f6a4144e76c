"""The synced slash commands: every command and option documented, in English and Korean."""

from __future__ import annotations

from typing import Any

from simcord.env import Env

from bot.i18n import KO_DESCRIPTIONS


def _walk(command: dict[str, Any]) -> list[dict[str, Any]]:
    """The command and every subcommand and option below it."""
    found = [command]
    for option in command.get("options") or []:
        found.extend(_walk(option))
    return found


async def test_every_command_and_option_is_described_in_english_and_korean(
    simcord_env: Env,
) -> None:
    """Each synced command and option has a description and a Korean one for Korean clients."""
    synced = simcord_env.backend.commands.get(None, {})
    names = {name for name, _type in synced}
    assert {"quiz", "leaderboard", "stats", "help"} <= names
    for command in synced.values():
        for node in _walk(command):
            assert node.get("description"), node["name"]
            localized = (node.get("description_localizations") or {}).get("ko")
            assert localized, f"no Korean description for {node['name']}"
            assert localized != node["description"]


async def test_every_choice_has_a_korean_name_and_no_translation_is_left_over(
    simcord_env: Env,
) -> None:
    """Korean clients see Korean choice names too, and every Korean text belongs to a command."""
    synced = simcord_env.backend.commands.get(None, {})
    english: set[str] = set()
    for command in synced.values():
        for node in _walk(command):
            english.add(node["description"])
            for choice in node.get("choices") or []:
                english.add(choice["name"])
                localized = (choice.get("name_localizations") or {}).get("ko")
                assert localized, f"no Korean name for the choice {choice['name']}"
                assert localized != choice["name"]
    assert set(KO_DESCRIPTIONS) <= english, set(KO_DESCRIPTIONS) - english


async def test_quiz_subcommands_are_all_there(simcord_env: Env) -> None:
    """/quiz offers setup, now, pause, resume, status, reload, chapters and review."""
    quiz = simcord_env.backend.find_command("quiz", None)
    assert quiz is not None
    subcommands = {option["name"] for option in quiz["options"]}
    assert subcommands == {
        "setup",
        "now",
        "pause",
        "resume",
        "status",
        "reload",
        "chapters",
        "review",
    }
