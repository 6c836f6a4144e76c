"""``quizbot play``: the quiz in a terminal, against the bot's own database and notes."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.config import SettingsError, load_settings
from bot.log import setup_logging

__all__ = ["play_command"]


def play_command(args: argparse.Namespace) -> int:
    """Run one terminal game with the options of ``quizbot play``; returns the exit code."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    # The game talks on stdout; only warnings and errors go to the log (stderr).
    level = max(logging.WARNING, logging.getLevelName(settings.log_level))
    setup_logging(logging.getLevelName(level))

    from bot.console import play

    return asyncio.run(
        play(
            settings,
            member=args.member,
            chapter=args.chapter,
            questions=args.questions,
            stdin=sys.stdin,
            stdout=sys.stdout,
        )
    )
