"""Where a server's notes come from, as pure rules: which repository URLs are taken,
how credentials are kept out of sight, the catalogue key of a source, and links back
to a line of the notes on the well-known hosts.

A URL typed in Discord must be ``https://``; local paths and ``file://`` URLs are only
taken when the deployment allows them (for its own tests). Credentials in a URL
(``https://user:token@host/...``) are used for fetching, the first time and every
later pull (:func:`credential_of` keeps them apart, :func:`with_credential` puts them
back), but never shown or logged: :func:`public_url` drops them and :func:`redact`
scrubs them from any text.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit, urlunsplit

from bot.core.errors import NotesSourceError

__all__ = [
    "DEFAULT_SOURCE",
    "NOTE_SUFFIXES",
    "blob_link",
    "check_branch",
    "check_folder",
    "check_git_url",
    "credential_of",
    "git_source_key",
    "public_url",
    "redact",
    "upload_source_key",
    "with_credential",
]

#: The catalogue key of the deployment's own notes folder.
DEFAULT_SOURCE = "default"
#: The files read as notes.
NOTE_SUFFIXES = (".md", ".yaml", ".yml")
#: Hosts whose web pages show a file at a commit as ``/blob/<commit>/<path>#L<line>``.
_BLOB_HOSTS = {
    "github.com": "/blob/{commit}/{path}#L{line}",
    "gitlab.com": "/-/blob/{commit}/{path}#L{line}",
    "codeberg.org": "/src/commit/{commit}/{path}#L{line}",
    "gitea.com": "/src/commit/{commit}/{path}#L{line}",
}
_BRANCH = re.compile(r"^(?!-)(?!.*\.\.)[A-Za-z0-9._/\-]{1,200}$")


def public_url(url: str) -> str:
    """``url`` without any user name or password (what is stored and shown)."""
    parts = urlsplit(url)
    if not parts.scheme or parts.scheme == "file" or "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def credential_of(url: str) -> str | None:
    """The ``user:password`` (or token) part of ``url``, kept to fetch it again later."""
    parts = urlsplit(url)
    if not parts.scheme or parts.scheme == "file" or "@" not in parts.netloc:
        return None
    return parts.netloc.rsplit("@", 1)[0] or None


def with_credential(url: str, credential: str | None) -> str:
    """``url`` (stored without credentials) with ``credential`` put back, to fetch it."""
    if not credential:
        return url
    parts = urlsplit(public_url(url))
    netloc = f"{credential}@{parts.netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def redact(text: str, url: str) -> str:
    """``text`` with the credentials of ``url`` (and any ``user:pass@`` in URLs) removed."""
    parts = urlsplit(url)
    if "@" in parts.netloc:
        secret = parts.netloc.rsplit("@", 1)[0]
        for piece in {secret, *secret.split(":")}:
            if piece:
                text = text.replace(piece, "***")
    return re.sub(r"(://)[^/@\s]+@", r"\1", text)


def check_git_url(url: str, *, allow_local: bool = False) -> str:
    """The URL to clone, after the rules above; raises ``NotesSourceError("not_https")``.

    The error's detail shows the URL without credentials.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname and not url.startswith("https://-"):
        return url
    if allow_local and (parts.scheme == "file" or (not parts.scheme and url.startswith("/"))):
        return url
    raise NotesSourceError("not_https", public_url(url))


def check_branch(branch: str | None) -> str | None:
    """A branch name git takes as such (never an option); raises ``bad_branch``."""
    if branch is None or branch == "":
        return None
    if not _BRANCH.match(branch):
        raise NotesSourceError("bad_branch", branch[:100])
    return branch


def check_folder(folder: str | None) -> str | None:
    """A folder inside the repository (relative, no ``..``); raises ``bad_folder``."""
    if folder is None or folder.strip("/ ") == "":
        return None
    path = PurePosixPath(folder.strip().strip("/"))
    if path.is_absolute() or ".." in path.parts:
        raise NotesSourceError("bad_folder", folder[:100])
    return str(path)


def git_source_key(url: str, branch: str | None, folder: str | None) -> str:
    """The catalogue key of a repository's notes: every server reading the same URL,
    branch and folder shares it (credentials play no part)."""
    spec = "\x1f".join(
        (public_url(url).rstrip("/").removesuffix(".git"), branch or "", folder or "")
    )
    return "git-" + hashlib.sha256(spec.encode("utf-8")).hexdigest()[:16]


def upload_source_key(guild_id: int) -> str:
    """The catalogue key of a server's uploaded files: its own."""
    return f"upload-{guild_id}"


def blob_link(url: str, commit: str, path: str, line: int) -> str | None:
    """A link to ``path:line`` at ``commit`` when the repository is on a known host."""
    parts = urlsplit(public_url(url))
    template = _BLOB_HOSTS.get((parts.hostname or "").lower())
    if parts.scheme != "https" or template is None:
        return None
    base = parts.path.rstrip("/").removesuffix(".git")
    tail = template.format(commit=commit, path=path.lstrip("/"), line=line)
    return urlunsplit(("https", parts.netloc, base + tail, "", ""))
