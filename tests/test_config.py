"""Settings: sane defaults, one clear line for a bad value, the token never shown."""

from __future__ import annotations

import pytest

from bot.config import DEFAULT_DATABASE_URL, SettingsError, load_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for name in ("DISCORD_TOKEN", "QUIZBOT_DATABASE_URL", "QUIZBOT_LOG_LEVEL", "QUIZBOT_SHARD_IDS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults_use_embedded_sqlite_and_no_token() -> None:
    """Without any environment the bot uses the embedded SQLite file and has no token."""
    settings = load_settings()
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.discord_token is None


def test_token_is_read_but_never_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    """DISCORD_TOKEN is read from the environment and hidden in reprs."""
    monkeypatch.setenv("DISCORD_TOKEN", "secret-token-value")
    settings = load_settings()
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "secret-token-value"
    assert "secret-token-value" not in repr(settings)


def test_bad_log_level_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong log level stops start-up with a single line naming the setting."""
    monkeypatch.setenv("QUIZBOT_LOG_LEVEL", "LOUD")
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert "LOG_LEVEL" in message
    assert "\n" not in message


def test_shard_ids_accept_a_comma_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """QUIZBOT_SHARD_IDS=0,2 selects shards 0 and 2."""
    monkeypatch.setenv("QUIZBOT_SHARD_IDS", "0,2")
    assert load_settings().shard_ids == [0, 2]


def test_a_single_shard_id_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    """QUIZBOT_SHARD_IDS=1 (one number, read as JSON) selects shard 1."""
    monkeypatch.setenv("QUIZBOT_SHARD_IDS", "1")
    assert load_settings().shard_ids == [1]


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("QUIZBOT_SHARD_COUNT", "0", "SHARD_COUNT"),
        ("QUIZBOT_SHARD_IDS", "one,two", "shard numbers separated by commas"),
        ("QUIZBOT_DATABASE_URL", "sqlite+aiosqlite://", "in-memory SQLite"),
        ("QUIZBOT_DATABASE_URL", "sqlite+aiosqlite:///:memory:", "in-memory SQLite"),
        ("QUIZBOT_DATABASE_URL", "nonsense://", "unknown database driver 'nonsense'"),
        ("QUIZBOT_DATABASE_URL", "mysql+foo://u:p@x/y", "unknown database driver 'mysql+foo'"),
        ("QUIZBOT_DATABASE_URL", "postgresql://u:p@x/y", "unknown database driver 'postgresql'"),
        ("QUIZBOT_DATABASE_URL", "not a url", "not a database URL"),
        ("QUIZBOT_DATABASE_URL", "postgresql+asyncpg://u:p@h:port/d", "port is not a number"),
        ("QUIZBOT_DATABASE_CONNECT_TIMEOUT", "0", "DATABASE_CONNECT_TIMEOUT"),
    ],
)
def test_settings_that_cannot_work_are_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, says: str
) -> None:
    """Shard settings, database URLs and a connect timeout that cannot work are refused."""
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)
