"""Loading the settings for a command: one line on stderr when a setting is bad.

Every command that needs the settings starts here, so a bad value reads the same
whichever command met it.
"""

from __future__ import annotations

import logging
import sys

from bot.config import Settings, SettingsError, load_settings
from bot.log import setup_logging

__all__ = ["settings_or_none"]


def settings_or_none(*, terminal: bool = False) -> Settings | None:
    """The settings, or ``None`` after printing why they are invalid (one line).

    ``terminal`` is for commands that talk on stdout: only warnings and errors go to
    the log (stderr) so that they do not mix with the conversation.
    """
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return None
    if terminal:
        level = max(logging.WARNING, logging.getLevelName(settings.log_level))
        setup_logging(logging.getLevelName(level))
    return settings
