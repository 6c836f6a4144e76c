"""User-facing text: every sentence in English and Korean with the same blanks to fill."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.i18n import KO_DESCRIPTIONS, MESSAGES, QuizTranslator, text


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_sentence_exists_in_both_languages_with_the_same_blanks(key: str) -> None:
    """A Korean member never gets an English fallback or a sentence missing a value."""
    entry = MESSAGES[key]
    assert set(entry) == {"en", "ko"}
    assert _fields(entry["en"]) == _fields(entry["ko"])


def test_unknown_language_falls_back_to_english() -> None:
    """A language the bot does not speak gets English."""
    assert text("answer.closed", "fr") == MESSAGES["answer.closed"]["en"]


async def test_translator_gives_korean_descriptions_only_to_korean_clients() -> None:
    """Korean clients see Korean descriptions; names stay English so commands stay typeable."""
    translator = QuizTranslator()
    description = app_commands.TranslationContext(
        app_commands.TranslationContextLocation.command_description, None
    )
    name = app_commands.TranslationContext(
        app_commands.TranslationContextLocation.command_name, None
    )
    source = app_commands.locale_str("List every command")
    assert (
        await translator.translate(source, discord.Locale.korean, description)
        == (KO_DESCRIPTIONS["List every command"])
    )
    assert await translator.translate(source, discord.Locale.french, description) is None
    assert (
        await translator.translate(app_commands.locale_str("help"), discord.Locale.korean, name)
        is None
    )


def _sentences_asked_for() -> tuple[set[str], set[str]]:
    """Sentence keys in the Discord layer's source: whole keys, and f-string key prefixes."""
    root = Path(__file__).resolve().parents[2] / "bot"
    files = [root / "client.py", *sorted((root / "exts").rglob("*.py"))]
    prefixes = {key.split(".")[0] for key in MESSAGES}
    shape = re.compile(rf"^({'|'.join(map(re.escape, prefixes))})\.[a-z_.]*$")
    whole = re.compile(r"[a-z_]$")  # an f-string's first part ends with "."
    keys: set[str] = set()
    starts: set[str] = set()
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and shape.match(str(first.value)):
                    starts.add(str(first.value))
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and shape.match(node.value)
                and whole.search(node.value)
            ):
                keys.add(node.value)
    return keys, starts


def test_every_sentence_the_bot_asks_for_exists() -> None:
    """No reply fails at run time because its sentence is missing from the one text table."""
    keys, starts = _sentences_asked_for()
    assert "answer.locked" in keys  # the scan sees the source
    assert keys - set(MESSAGES) == set()
    assert all(any(key.startswith(start) for key in MESSAGES) for start in starts), starts
