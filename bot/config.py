"""The one settings object, read from the environment and an optional ``.env`` file.

Every setting has the ``QUIZBOT_`` prefix except ``DISCORD_TOKEN``. The token has no
default: without it ``quizbot run`` falls back to the terminal quiz.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.core.errors import InvalidTimezone
from bot.core.schedule import parse_timezone

__all__ = [
    "DATABASE_DRIVERS",
    "DEFAULT_DATABASE_URL",
    "Settings",
    "SettingsError",
    "load_settings",
]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/quizbot.db"
#: The database drivers quizbot runs on (``dialect+driver`` of the URL).
DATABASE_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")
_URL_FORMS = "sqlite+aiosqlite:///data/quizbot.db or postgresql+asyncpg://user:pass@host/db"


class SettingsError(Exception):
    """A setting is invalid; the message is one line fit for a terminal."""


class Settings(BaseSettings):
    """quizbot's configuration."""

    model_config = SettingsConfigDict(
        env_prefix="QUIZBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    discord_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("DISCORD_TOKEN", "QUIZBOT_DISCORD_TOKEN"),
    )
    database_url: str = DEFAULT_DATABASE_URL
    #: Seconds to wait for PostgreSQL to accept a connection before giving up.
    database_connect_timeout: float = Field(default=5.0, gt=0, le=300)
    content_dir: Path = Path("content")
    #: Notes files larger than this many megabytes are skipped with a warning.
    max_note_mb: float = Field(default=5.0, gt=0, le=1000)
    #: Where the bot keeps what it fetches (the servers' Git repositories).
    data_dir: Path = Path("data")
    #: A server's repository (or the notes folder in it) larger than this is refused.
    content_max_mb: float = Field(default=20.0, gt=0, le=10_000)
    #: A server's notes of more files than this are refused.
    content_max_files: int = Field(default=500, ge=1, le=100_000)
    #: Minutes between two pulls of each server's repository.
    content_sync_minutes: float = Field(default=30.0, gt=0, le=7 * 24 * 60)
    #: Seconds one fetch of a repository may take before it is stopped.
    content_fetch_seconds: float = Field(default=60.0, gt=0, le=3600)
    #: How many servers' parsed notes (sources) one process keeps in memory.
    content_cache: int = Field(default=50, ge=1, le=100_000)
    #: Also take local paths and ``file://`` repositories (only ever set by the deployment).
    content_allow_local: bool = False
    log_level: str = "INFO"
    dev_guild_id: int | None = None
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: list[int] | None = None
    #: The terminal's time zone: its days (quiz streaks) and weeks (check-in streaks).
    timezone: str = "UTC"
    min_accuracy_answers: int = Field(default=5, ge=1)
    #: How many members' reports hold a question back in their server until reviewed.
    reports_to_hold: int = Field(default=2, ge=1, le=1000)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            return parse_timezone(value).key
        except InvalidTimezone as exc:
            raise ValueError(str(exc)) from None

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            return [value]  # QUIZBOT_SHARD_IDS=1 reads as the number 1
        if isinstance(value, str):
            try:
                return [int(part) for part in value.replace(" ", "").split(",") if part]
            except ValueError:
                raise ValueError("must be shard numbers separated by commas, e.g. 0,1") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _lasting_database(cls, value: str) -> str:
        # The messages never repeat the URL: it may hold a password.
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(f"not a database URL; give one such as {_URL_FORMS}") from None
        except ValueError:  # a port that is not a number
            raise ValueError(f"the port is not a number; give a URL such as {_URL_FORMS}") from None
        if url.drivername not in DATABASE_DRIVERS:
            raise ValueError(
                f"unknown database driver {url.drivername!r}; give a URL such as {_URL_FORMS}"
            )
        bare = value.split("?", 1)[0]
        if bare.startswith("sqlite") and (bare.endswith("://") or ":memory:" in bare):
            raise ValueError(
                "an in-memory SQLite database loses every score when the bot stops; "
                "give a file, e.g. sqlite+aiosqlite:///data/quizbot.db"
            )
        return value


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one clear line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']).upper() or 'settings'}: {err['msg']}"
            for err in exc.errors()
        )
        raise SettingsError(f"invalid settings: {problems}") from None
