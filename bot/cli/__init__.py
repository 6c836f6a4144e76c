"""The command line: ``quizbot run | play | practice | checkin | progress | content | db | health``.

This module builds the argument parser and runs the chosen command; each command
group lives in its own module of this package and is imported when used, so
``quizbot content ...`` never loads discord.py.

Failures around a command are one line on stderr, never a traceback: a name or note
that is not valid UTF-8 (exit 2), a closed standard output (exit 1), Ctrl-C (exit
130). A reader that goes away (``quizbot … | head``) ends the command quietly (exit 0).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence

from bot.cli._loop import LookupSafePolicy

__all__ = ["build_parser", "main"]

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
#: Free-text arguments (their ``dest`` and how they are spelt) that must be valid text.
_TEXT_ARGUMENTS = (("member", "--as"), ("note", "--note"), ("chapter", "CHAPTER"))


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

    practice = commands.add_parser(
        "practice", help="review your own questions, spaced out (due first, then new)"
    )
    practice.add_argument("--as", dest="member", default=None, help="practise as this member")
    practice.add_argument("--chapter", type=int, default=None, help="only this chapter")
    practice.add_argument("--count", type=int, default=None, help="how many questions (1-20)")
    practice.add_argument(
        "--misses", action="store_true", help="only questions answered wrong in 30 days"
    )
    practice.add_argument("--stats", action="store_true", help="show your practice figures")
    practice.set_defaults(handler="bot.cli.practice:practice_command")

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
    check.add_argument(
        "--stats",
        action="store_true",
        help="also print each question's statistics and flags per server, from the database",
    )
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


def _texts(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    for dest, spelling in _TEXT_ARGUMENTS:
        value = getattr(args, dest, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                yield spelling, item


def _not_text(args: argparse.Namespace) -> str | None:
    """The first free-text argument that is not valid UTF-8 (bytes a shell passed as is)."""
    for spelling, value in _texts(args):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return spelling
    return None


def _say_error(line: str) -> None:
    if sys.stderr is not None:
        print(line, file=sys.stderr)


def _quiet_after_closed_pipe() -> int:
    """The reader of stdout went away: stop quietly, like ``cat`` into ``head``.

    Whatever is still buffered would fail again when Python flushes stdout at exit, so
    stdout is pointed at the null device first.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; returns the process exit code."""
    import importlib

    args = build_parser().parse_args(argv)
    spelling = _not_text(args)
    if spelling is not None:
        _say_error(f"quizbot: {spelling} is not valid UTF-8 text")
        return EXIT_USAGE
    if sys.stdout is None:
        _say_error("quizbot: standard output is closed: nowhere to print")
        return EXIT_FAILED
    module_name, _, func_name = args.handler.partition(":")
    handler = getattr(importlib.import_module(module_name), func_name)
    previous = asyncio.get_event_loop_policy()
    asyncio.set_event_loop_policy(LookupSafePolicy())
    try:
        return int(handler(args) or 0)
    except BrokenPipeError:
        return _quiet_after_closed_pipe()
    except KeyboardInterrupt:
        _say_error("interrupted")
        return EXIT_INTERRUPTED
    finally:
        asyncio.set_event_loop_policy(previous)
