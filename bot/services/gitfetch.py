"""Fetching a server's notes from a Git repository with the ``git`` command.

Each fetch is a fresh shallow clone of one branch into a folder beside the checkout in
use; only a clone that passed every check replaces it, so a failed fetch (network, a
missing branch, too large, too many files, no notes, too slow) leaves the last good
notes in place. The size cap holds while git runs: the clone's folder is measured as
the history arrives (git is stopped past the cap), and the files are checked out only
once their sizes, listed from the tree, fit. Git runs without hooks, submodules,
prompts or the system's and user's configuration, and only over ``https`` (plus
``file`` when the deployment allows it). Messages never hold the URL's credentials
(:func:`bot.core.sources.redact`).
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import stat
import uuid
from dataclasses import dataclass
from pathlib import Path

from bot.core.errors import NotesSourceError
from bot.core.sources import NOTE_SUFFIXES, check_branch, check_folder, check_git_url, redact

__all__ = ["Checkout", "fetch_repository", "note_files"]

log = logging.getLogger(__name__)

#: How often a running git's folder is measured against the size cap.
WATCH_SECONDS = 0.1


@dataclass(frozen=True, slots=True)
class Checkout:
    """A verified checkout: where its notes are, the commit, and what it holds."""

    root: Path
    notes: Path
    commit: str
    files: int
    size: int


def note_files(folder: Path) -> list[Path]:
    """The notes files under ``folder`` (``.git`` left out), sorted."""
    found = [
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in NOTE_SUFFIXES
        and ".git" not in path.relative_to(folder).parts
        and path.is_file()
        and not path.is_symlink()
    ]
    return sorted(found)


def _size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (links not followed); files and folders that
    vanish meanwhile (git at work) count 0."""
    total = 0
    for parent, _folders, files in os.walk(folder):  # os.walk skips what it cannot list
        for name in files:
            try:
                status = os.lstat(os.path.join(parent, name))
            except OSError:
                continue
            if stat.S_ISREG(status.st_mode):
                total += status.st_size
    return total


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_ASKPASS="/bin/false",
        SSH_ASKPASS="/bin/false",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_LFS_SKIP_SMUDGE="1",
    )
    return env


async def _git(
    *args: str,
    cwd: Path | None,
    limit: float,
    url: str,
    watch: Path | None = None,
    max_bytes: float | None = None,
) -> str:
    """Run git; its output, or ``NotesSourceError`` (``timeout``, ``fetch_failed``).

    With ``watch``, git is stopped as soon as that folder holds more than ``max_bytes``
    (``too_large``): a repository over the cap never fills the disk before it is refused.
    """
    process = await asyncio.create_subprocess_exec(
        "git",
        *args,
        cwd=cwd,
        env=_environment(),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    talking = asyncio.ensure_future(process.communicate())
    try:
        while True:
            left = deadline - loop.time()
            if left <= 0:
                raise NotesSourceError("timeout", f"{limit:.0f} s")
            done, _ = await asyncio.wait({talking}, timeout=min(left, WATCH_SECONDS))
            if done:
                break
            if watch is not None and max_bytes is not None:
                size = await asyncio.to_thread(_size, watch)
                if size > max_bytes:
                    raise NotesSourceError("too_large", _over(size, max_bytes, running=True))
    except BaseException:
        if process.returncode is None:
            process.kill()
        talking.cancel()
        await process.wait()
        raise
    out, err = talking.result()
    if process.returncode != 0:
        lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        # git's own verdict ("fatal: …") says more than its trailing hints.
        verdicts = [line for line in lines if line.startswith(("fatal:", "error:"))]
        said = (verdicts or lines or [f"git exited with {process.returncode}"])[0]
        detail = redact(said, url)
        raise NotesSourceError("fetch_failed", detail[:300])
    return out.decode("utf-8", "replace").strip()


def _over(size: float, max_bytes: float, *, running: bool = False) -> str:
    """The detail of ``too_large``: how big, against the cap."""
    cap = f"{max_bytes / 1024 / 1024:g} MB"
    if running:
        return f"over {cap}: {size / 1024 / 1024:.1f} MB when the fetch was stopped"
    return f"{size / 1024 / 1024:.1f} MB > {cap}"


def _tree_size(listing: str) -> int:
    """Bytes the files of ``git ls-tree -r -l`` output take once checked out."""
    total = 0
    for line in listing.splitlines():
        meta, _, _path = line.partition("\t")
        fields = meta.split()
        if len(fields) == 4 and fields[1] == "blob" and fields[3].isdigit():
            total += int(fields[3])
    return total


async def fetch_repository(
    url: str,
    *,
    into: Path,
    branch: str | None = None,
    folder: str | None = None,
    allow_local: bool = False,
    time_limit: float = 60.0,
    max_mb: float = 20.0,
    max_files: int = 500,
) -> Checkout:
    """Clone ``url`` shallowly and, once every check passed, make ``into`` that clone.

    Raises :class:`NotesSourceError` (``into`` then stays as it was): ``not_https``,
    ``timeout``, ``fetch_failed``, ``too_large``, ``too_many_files``, ``no_notes``.
    """
    url = check_git_url(url, allow_local=allow_local)
    branch, folder = check_branch(branch), check_folder(folder)
    fresh = into.parent / f".{into.name}.{uuid.uuid4().hex[:8]}"
    await asyncio.to_thread(into.parent.mkdir, parents=True, exist_ok=True)
    protocols = ["-c", "protocol.allow=never", "-c", "protocol.https.allow=always"]
    if allow_local:
        protocols += ["-c", "protocol.file.allow=always"]
    safe = ["-c", "core.hooksPath=/dev/null", "-c", "core.symlinks=false", *protocols]
    clone = [
        *safe,
        "clone",
        "--quiet",
        "--depth=1",
        "--single-branch",
        "--no-tags",
        "--no-recurse-submodules",
        "--no-checkout",
    ]
    if branch:
        clone += ["--branch", branch]
    max_bytes = max_mb * 1024 * 1024
    started = asyncio.get_running_loop().time()

    def left() -> float:
        return max(0.0, time_limit - (asyncio.get_running_loop().time() - started))

    try:
        # The history arrives first, watched: git stops once it passes the cap.
        await _git(
            *clone,
            "--",
            url,
            str(fresh),
            cwd=None,
            limit=left(),
            url=url,
            watch=fresh,
            max_bytes=max_bytes,
        )
        commit = await _git("rev-parse", "HEAD", cwd=fresh, limit=left(), url=url)
        # The files are counted before they are written, so a huge file never lands.
        listing = await _git("ls-tree", "-r", "-l", "HEAD", cwd=fresh, limit=left(), url=url)
        size = _tree_size(listing) + await asyncio.to_thread(_size, fresh)
        if size > max_bytes:
            raise NotesSourceError("too_large", _over(size, max_bytes))
        await _git(
            *safe,
            "checkout",
            "--quiet",
            "--force",
            commit,
            cwd=fresh,
            limit=left(),
            url=url,
            watch=fresh,
            max_bytes=max_bytes,
        )
        checkout = await asyncio.to_thread(_verify, fresh, folder, commit, max_mb, max_files)
        await asyncio.to_thread(_swap, fresh, into)
    finally:
        await asyncio.to_thread(shutil.rmtree, fresh, ignore_errors=True)
    log.info("fetched %d notes files at %s", checkout.files, commit[:12])
    return Checkout(
        root=into,
        notes=into / folder if folder else into,
        commit=commit,
        files=checkout.files,
        size=checkout.size,
    )


def _swap(fresh: Path, into: Path) -> None:
    """Put the verified clone ``fresh`` where ``into`` was, then drop the old one."""
    old = into.parent / f".{into.name}.old-{uuid.uuid4().hex[:8]}"
    if into.exists():
        into.rename(old)
    fresh.rename(into)
    shutil.rmtree(old, ignore_errors=True)


def _verify(root: Path, folder: str | None, commit: str, max_mb: float, max_files: int) -> Checkout:
    """The checks a fresh clone passes before it is used (in a thread)."""
    size = _size(root)
    if size > max_mb * 1024 * 1024:
        raise NotesSourceError("too_large", _over(size, max_mb * 1024 * 1024))
    notes = root / folder if folder else root
    if not notes.is_dir() or notes.resolve().is_relative_to(root.resolve()) is False:
        raise NotesSourceError("no_notes", folder or "/")
    files = note_files(notes)
    if len(files) > max_files:
        raise NotesSourceError("too_many_files", f"{len(files)} > {max_files}")
    if not files:
        raise NotesSourceError("no_notes", folder or "/")
    return Checkout(root=root, notes=notes, commit=commit, files=len(files), size=size)
