"""The rules of a server's notes source: URLs taken, credentials hidden, keys, links."""

from __future__ import annotations

import pytest

from bot.core.errors import NotesSourceError
from bot.core.sources import (
    blob_link,
    check_branch,
    check_folder,
    credential_of,
    git_source_key,
    public_url,
    redact,
    upload_source_key,
    with_credential,
)


def test_credentials_are_dropped_from_what_is_shown() -> None:
    """A token in the URL is never part of the stored URL or of a scrubbed message."""
    url = "https://alice:ghp_secret@github.com/group/notes.git"
    assert public_url(url) == "https://github.com/group/notes.git"
    said = "fatal: could not read from https://alice:ghp_secret@github.com/group/notes.git"
    assert "ghp_secret" not in redact(said, url)
    assert "alice" not in redact(said, url)


@pytest.mark.parametrize(
    ("url", "credential"),
    [
        ("https://alice:ghp_secret@github.com/group/notes.git", "alice:ghp_secret"),
        ("https://ghp_token@gitlab.com/group/notes", "ghp_token"),
        ("https://github.com/group/notes", None),
        ("file:///srv/notes", None),
    ],
)
def test_a_credential_kept_apart_gives_back_the_url_to_fetch(
    url: str, credential: str | None
) -> None:
    """The shown URL and the credential kept apart make the URL the server gave again."""
    assert credential_of(url) == credential
    assert with_credential(public_url(url), credential_of(url)) == url


def test_one_repository_is_one_key_whatever_the_credentials_or_suffix() -> None:
    """The same repository, branch and folder share a key; another folder does not."""
    plain = git_source_key("https://github.com/g/notes", "main", None)
    assert git_source_key("https://x:y@github.com/g/notes.git", "main", None) == plain
    assert git_source_key("https://github.com/g/notes", "main", "ch1") != plain
    assert upload_source_key(1) != upload_source_key(2)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/g/n.git", "https://github.com/g/n/blob/abc/ch1/a.md#L7"),
        ("https://gitlab.com/g/n", "https://gitlab.com/g/n/-/blob/abc/ch1/a.md#L7"),
        ("https://codeberg.org/g/n", "https://codeberg.org/g/n/src/commit/abc/ch1/a.md#L7"),
        ("https://git.example.org/g/n", None),
    ],
)
def test_a_line_of_a_known_host_becomes_a_link(url: str, expected: str | None) -> None:
    """GitHub, GitLab and Codeberg lines link to the commit; other hosts give none."""
    assert blob_link(url, "abc", "ch1/a.md", 7) == expected


@pytest.mark.parametrize("branch", ["--upload-pack=sh", "a..b", "x y"])
def test_a_branch_that_git_would_read_as_an_option_is_refused(branch: str) -> None:
    """Branch names cannot smuggle options or ranges into the git command."""
    with pytest.raises(NotesSourceError):
        check_branch(branch)


def test_a_folder_outside_the_repository_is_refused() -> None:
    """A folder cannot climb out of the repository."""
    assert check_folder("/notes/ch1/") == "notes/ch1"
    with pytest.raises(NotesSourceError):
        check_folder("../etc")
