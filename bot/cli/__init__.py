"""The command line: ``quizbot run | play | checkin | progress | content … | db upgrade | health``.

This module only builds the argument parser; each command group lives in its own
module of this package and is imported when used, so ``quizbot content ...`` never
loads discord.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The full ``quizbot`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="quizbot",
        description="Daily quizzes from a reading group's Markdown notes.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = commands.add_parser(
        "run",
        help="start the Discord bot (the terminal quiz when DISCORD_TOKEN is not set)",
    )
    run.set_defaults(handler="bot.cli.run:run_command")

    play = commands.add_parser("play", help="play the quiz in the terminal")
    play.add_argument("--as", dest="member", default=None, help="play as this member name")
    play.add_argument("--chapter", type=int, default=None, help="ask only this chapter")
    play.add_argument("--questions", type=int, default=None, help="how many questions to ask")
    play.set_defaults(handler="bot.cli.play:play_command")

    checkin = commands.add_parser("checkin", help="say how far you have read (terminal guild)")
    checkin.add_argument("chapter", nargs="*", metavar="CHAPTER", help="chapter number or title")
    checkin.add_argument("--status", choices=["done", "reading"], default="done")
    checkin.add_argument("--note", default=None, help="a short note (500 characters at most)")
    checkin.add_argument("--as", dest="member", default=None, help="check in as this member name")
    checkin.add_argument("--undo", action="store_true", help="remove your last check-in")
    checkin.set_defaults(handler="bot.cli.reading:checkin_command")

    progress = commands.add_parser("progress", help="show the reading group's progress board")
    progress.add_argument("--as", dest="member", default=None, help="also show this member")
    progress.set_defaults(handler="bot.cli.reading:progress_command")

    content = commands.add_parser("content", help="read notes and show the questions")
    content_cmds = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    check = content_cmds.add_parser("check", help="summarise notes files and list warnings")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.set_defaults(handler="bot.cli.content:check_command")
    preview = content_cmds.add_parser("preview", help="show readable questions with answers")
    preview.add_argument("path", metavar="PATH")
    preview.add_argument("--chapter", type=int, default=None)
    preview.add_argument("--kind", default=None)
    preview.add_argument("--limit", type=int, default=None)
    preview.add_argument(
        "--held",
        action="store_true",
        help="show the questions held back for a low quality score, with the reasons",
    )
    preview.set_defaults(handler="bot.cli.content:preview_command")
    export = content_cmds.add_parser("export", help="print every question as JSON")
    export.add_argument("paths", nargs="+", metavar="PATH")
    export.add_argument("--format", choices=["json"], default="json")
    export.set_defaults(handler="bot.cli.content:export_command")

    db = commands.add_parser("db", help="manage the database")
    db_cmds = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_cmds.add_parser("upgrade", help="apply database migrations")
    upgrade.set_defaults(handler="bot.cli.db:upgrade_command")

    health = commands.add_parser(
        "health", help="exit 0 if the settings load and the database answers"
    )
    health.set_defaults(handler="bot.cli.db:health_command")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; returns the process exit code."""
    import importlib

    args = build_parser().parse_args(argv)
    module_name, _, func_name = args.handler.partition(":")
    handler = getattr(importlib.import_module(module_name), func_name)
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
