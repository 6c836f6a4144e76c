"""bot/core stays pure: importing it never loads discord or sqlalchemy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import bot.core

CORE = Path(bot.core.__file__).parent


def test_core_imports_neither_discord_nor_sqlalchemy() -> None:
    """Every bot/core module imports without pulling in discord or sqlalchemy."""
    modules = sorted(
        "bot.core." + ".".join(path.relative_to(CORE).with_suffix("").parts)
        for path in CORE.rglob("*.py")
        if path.name != "__init__.py"
    )
    assert modules, "no core modules found"
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'discord', 'sqlalchemy'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"bot/core pulled in: {out}"
