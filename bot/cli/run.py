"""``quizbot run``: the Discord bot, or the terminal quiz when ``DISCORD_TOKEN`` is not set.

A bad setting stops start-up with one line on stderr (exit code 2). The mode is
announced in one line; the token itself is never printed or logged. In Discord mode
the database is opened and upgraded before the gateway connects: one that cannot be
opened (or was written by a newer quizbot) stops start-up with one line (exit code 1).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys

from bot.config import Settings, SettingsError, load_settings
from bot.log import setup_logging

__all__ = ["TERMINAL_MODE_LINE", "run_command"]

log = logging.getLogger(__name__)

TERMINAL_MODE_LINE = (
    "DISCORD_TOKEN is not set: starting the terminal quiz. "
    "To connect to Discord, set DISCORD_TOKEN in .env and run again."
)


def run_command(args: argparse.Namespace) -> int:
    """Start the bot (or the terminal quiz without a token); returns the exit code."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    if settings.shard_ids and settings.shard_count is None:
        print(
            "invalid settings: QUIZBOT_SHARD_IDS needs QUIZBOT_SHARD_COUNT as well",
            file=sys.stderr,
        )
        return 2
    if settings.shard_ids and settings.shard_count is not None:
        outside = [i for i in settings.shard_ids if not 0 <= i < settings.shard_count]
        if outside:
            print(
                f"invalid settings: QUIZBOT_SHARD_IDS {outside} are outside "
                f"0..{settings.shard_count - 1} (QUIZBOT_SHARD_COUNT={settings.shard_count})",
                file=sys.stderr,
            )
            return 2

    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        print(TERMINAL_MODE_LINE, file=sys.stderr)
        level = max(logging.WARNING, logging.getLevelName(settings.log_level))
        setup_logging(logging.getLevelName(level))
        from bot.console import play

        return asyncio.run(
            play(
                settings,
                member=None,
                chapter=None,
                questions=None,
                stdin=sys.stdin,
                stdout=sys.stdout,
            )
        )

    print("Starting the Discord bot (DISCORD_TOKEN is set).", file=sys.stderr)
    # Before logging is set up and before the gateway: a database that cannot be used
    # is one line, not a log of the migration machinery and a traceback.
    problem = asyncio.run(_database_problem(settings))
    if problem is not None:
        print(f"cannot start the bot: {problem}", file=sys.stderr)
        return 1
    setup_logging(settings.log_level)
    return asyncio.run(_run_bot(settings))


async def _database_problem(settings: Settings) -> str | None:
    """Why the bot's database cannot be used (one line), or ``None`` once it is upgraded."""
    from sqlalchemy.engine import make_url

    from bot.db import Database
    from bot.db.session import describe_failure

    db = Database.from_url(settings.database_url, connect_timeout=settings.database_connect_timeout)
    try:
        await db.upgrade()
    except Exception as exc:
        shown = make_url(settings.database_url).render_as_string(hide_password=True)
        return f"database {shown}: {describe_failure(exc, settings.database_url)}"
    finally:
        await db.dispose()
    return None


async def _run_bot(settings: Settings) -> int:
    import discord

    from bot.client import QuizBot

    token = settings.discord_token.get_secret_value() if settings.discord_token else ""
    bot = QuizBot(settings)
    # ``docker stop`` sends SIGTERM: close the bot as Ctrl-C does, so the answers still
    # queued are stored and the database is closed instead of the process being killed.
    loop = asyncio.get_running_loop()
    closing: set[asyncio.Task[None]] = set()

    def stop() -> None:
        task = loop.create_task(bot.close())
        closing.add(task)
        task.add_done_callback(closing.discard)

    with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
        loop.add_signal_handler(signal.SIGTERM, stop)
    try:
        async with bot:
            await bot.start(token)
            # start() returns as soon as the gateway closes; the close begun by the
            # signal is still storing answers and closing the database: let it finish
            # before the loop ends (asyncio.run would cancel it half-way).
            if closing:
                await asyncio.gather(*list(closing))
    except discord.LoginFailure:
        print("Discord rejected DISCORD_TOKEN: check the token in .env.", file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print("Discord refused the gateway intents this bot asks for.", file=sys.stderr)
        return 1
    return 0
