"""``quizbot run``: one-line refusals, terminal mode without a token, the token never shown."""

from __future__ import annotations

import argparse
import io
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import discord
import pytest

from bot.cli.run import TERMINAL_MODE_LINE, run_command
from bot.log import setup_logging

SECRET = "MTIz.secret-token-value.never-printed"


@pytest.fixture
def environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content_dir_path: Path
) -> Iterator[None]:
    """A clean environment in an empty folder (no .env) with a test database and notes."""
    for name in (
        "DISCORD_TOKEN",
        "QUIZBOT_DISCORD_TOKEN",
        "QUIZBOT_SHARD_COUNT",
        "QUIZBOT_SHARD_IDS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QUIZBOT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'run.db'}")
    monkeypatch.setenv("QUIZBOT_CONTENT_DIR", str(content_dir_path))
    root = logging.getLogger()
    level = root.level
    yield
    # The command configures logging for the whole process: drop the handlers it added
    # (pytest's own capture handlers come and go by themselves).
    for handler in root.handlers[:]:
        if type(handler) is logging.StreamHandler:
            root.removeHandler(handler)
    root.setLevel(level)


def test_a_bad_setting_stops_with_one_line(
    environment: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid setting stops start-up with exit code 2 and one clear line on stderr."""
    monkeypatch.setenv("QUIZBOT_LOG_LEVEL", "LOUD")
    assert run_command(argparse.Namespace()) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1
    assert "LOG_LEVEL" in captured.err


def test_settings_are_read_from_a_dot_env_file(
    environment: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A .env file in the working folder is read: its bad value stops start-up in one line."""
    (tmp_path / ".env").write_text("QUIZBOT_LOG_LEVEL=LOUD\n", encoding="utf-8")
    assert run_command(argparse.Namespace()) == 2
    assert "LOG_LEVEL" in capsys.readouterr().err


def test_shard_ids_without_a_count_are_refused(
    environment: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """QUIZBOT_SHARD_IDS alone cannot say which guilds are ours: refused in one line."""
    monkeypatch.setenv("QUIZBOT_SHARD_IDS", "0,1")
    assert run_command(argparse.Namespace()) == 2
    assert "QUIZBOT_SHARD_COUNT" in capsys.readouterr().err


def test_without_a_token_the_terminal_quiz_starts(
    environment: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without DISCORD_TOKEN, one line says the terminal quiz starts and how to use Discord."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert run_command(argparse.Namespace()) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == TERMINAL_MODE_LINE
    assert "DISCORD_TOKEN" in TERMINAL_MODE_LINE
    assert ".env" in TERMINAL_MODE_LINE
    assert captured.out.strip()  # the first question was shown


def test_the_token_is_never_printed_or_logged(
    environment: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A rejected token ends with a one-line hint; the token appears in no output or log."""
    monkeypatch.setenv("DISCORD_TOKEN", SECRET)
    monkeypatch.setenv("QUIZBOT_LOG_LEVEL", "DEBUG")

    async def rejected(self: discord.Client, token: str, *, reconnect: bool = True) -> None:
        assert token == SECRET  # the bot is given the token…
        raise discord.LoginFailure("Improper token has been passed.")

    def logging_kept_in_view(level: str) -> None:
        setup_logging(level)
        logging.getLogger().addHandler(caplog.handler)

    monkeypatch.setattr("bot.client.QuizBot.start", rejected)
    monkeypatch.setattr("bot.cli.run.setup_logging", logging_kept_in_view)
    assert run_command(argparse.Namespace()) == 1
    captured = capsys.readouterr()
    assert "check the token" in captured.err
    assert SECRET not in captured.out + captured.err  # …but never shows it
    assert any(record.name.startswith("bot.") for record in caplog.records)  # logs were seen
    assert SECRET not in caplog.text
