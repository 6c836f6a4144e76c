"""Logging setup, called once by the entry point. Modules use ``logging.getLogger(__name__)``."""

from __future__ import annotations

import logging

__all__ = ["setup_logging"]

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(level: str = "INFO") -> None:
    """Send log records to stderr at ``level``; quieten discord.py's chatty gateway logs.

    The SQLite driver's DEBUG trace prints every statement's parameters (uploaded notes,
    a repository's credential): it stays at INFO and above whatever ``level``.
    """
    logging.basicConfig(level=level.upper(), format=_FORMAT, force=True)
    floor = max(logging.INFO, logging.getLevelName(level.upper()))
    logging.getLogger("discord").setLevel(floor)
    logging.getLogger("aiosqlite").setLevel(floor)
    logging.getLogger("discord.gateway").setLevel(logging.WARNING)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
