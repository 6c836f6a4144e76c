"""``quizbot play``: the quiz in a terminal, against the bot's own database and notes."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.cli._settings import settings_or_none

__all__ = ["play_command"]


def play_command(args: argparse.Namespace) -> int:
    """Run one terminal game with the options of ``quizbot play``; returns the exit code."""
    settings = settings_or_none(terminal=True)
    if settings is None:
        return 2

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
