"""A generated glossary is the same in every process, whatever the string hash seed."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

VOCABULARY = [
    f"{stem}{tail}"
    for stem in ("alpha", "brio", "cinder", "delta", "ember")
    for tail in ("gate", "mesh", "port", "rail", "sync", "vault", "wire", "yard")
]


def _glossary() -> str:
    """A hundred definitions drawn from a small vocabulary: many candidates tie."""
    rng = random.Random(7)
    lines = ["# Glossary", ""]
    for number in range(100):
        words = " ".join(rng.sample(VOCABULARY, 8))
        lines.append(f"- **term{number:03d}**: A component that joins {words} together.")
    return "\n".join(lines) + "\n"


def _export(path: Path, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "content", "export", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return done.stdout


def test_questions_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Two processes with different hash seeds export the very same questions."""
    notes = tmp_path / "glossary.md"
    notes.write_text(_glossary(), encoding="utf-8")
    outputs = {_export(notes, seed) for seed in ("1", "2", "3", "4")}
    assert len(outputs) == 1
    assert '"choices": [' in outputs.pop()
