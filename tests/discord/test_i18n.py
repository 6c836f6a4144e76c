"""User-facing text: every sentence in English and Korean with the same blanks to fill."""

from __future__ import annotations

import string

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
