"""``quizbot db upgrade`` and ``quizbot health`` on a fresh SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "quiz.db"
    monkeypatch.setenv("QUIZBOT_DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    return path


def test_upgrade_creates_the_database_and_says_so_in_one_line(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``db upgrade`` creates the file (and its folder), migrates it, prints one line."""
    assert main(["db", "upgrade"]) == 0
    out = capsys.readouterr().out
    assert out == f"database is up to date: sqlite+aiosqlite:///{database}\n"
    assert database.is_file()
    assert main(["db", "upgrade"]) == 0  # running it again is harmless


def test_health_fails_without_a_database_and_passes_after_upgrade(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``health`` exits 1 with a reason until the database is migrated, then 0."""
    assert main(["health"]) == 1
    assert "unhealthy: no database file" in capsys.readouterr().err
    assert not database.exists()  # the probe does not create the database

    database.parent.mkdir(parents=True)
    database.touch()
    assert main(["health"]) == 1
    assert "unhealthy: the database has no schema yet" in capsys.readouterr().err

    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()
    assert main(["health"]) == 0
    assert capsys.readouterr().out.startswith("ok: database at revision ")


def test_bad_settings_are_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad setting makes both commands fail with one clear line."""
    monkeypatch.setenv("QUIZBOT_LOG_LEVEL", "LOUD")
    assert main(["db", "upgrade"]) == 2
    assert main(["health"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 2
    assert err.count("LOG_LEVEL") == 2
