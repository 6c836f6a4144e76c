"""Fixtures shared by every test layer: where the shared corpus and notes live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CONTENT = REPO / "content"


def _shared_dir(name: str) -> Path:
    path = SHARED / name
    if path.is_dir():
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{path} is missing: CI must run the corpus tests")
    pytest.skip(f"{path} is not here (a fresh clone without ../shared)")
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of other people's notes and trivia lists (../shared/corpus)."""
    return _shared_dir("corpus")


@pytest.fixture(scope="session")
def content_dir() -> Path:
    """The project's own content folder (the group's notes)."""
    return CONTENT
