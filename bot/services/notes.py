"""A server's library from its own notes: sync a Git repository or uploaded files into
the catalogue under the source's key, and check an upload before it is kept.

Servers that chose nothing read the deployment's folder, loaded and synced by the
client as before. A sync that fails (see :mod:`bot.services.gitfetch`) keeps the last
good checkout and catalogue, and records the error for every server reading the source.
Parsed libraries are kept per source in a bounded cache (:class:`LibraryCache`), so two
servers on one repository share one parsed copy; nothing is parsed at start, a
server's notes are read on first use (:func:`library_for`), and the periodic pulls
(:func:`pull_due`) fetch each repository once per pass. A sync holds its source's
lock file (:func:`folder_lock`) against other processes sharing the data folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import fcntl
import logging
import os
import shutil
import tempfile
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bot.core.content import Library, load_library
from bot.core.errors import NotesSourceError
from bot.core.model import ContentWarning, Source
from bot.core.sources import NOTE_SUFFIXES
from bot.db.session import Database
from bot.services import sources
from bot.services.catalogue import sync_catalogue
from bot.services.gitfetch import fetch_repository
from bot.services.loading import LoaderFailed, load_elsewhere
from bot.services.reading.chapters import sync_chapters
from bot.services.sources import NotesChoice
from bot.services.types import CatalogueChange

__all__ = [
    "MAX_UPLOAD_BYTES",
    "LibraryCache",
    "NotesLimits",
    "PendingUpload",
    "SyncOutcome",
    "check_upload",
    "due_pulls",
    "folder_lock",
    "library_for",
    "pull_due",
    "sync_choice",
]

log = logging.getLogger(__name__)

#: The largest file ``/notes upload`` takes.
MAX_UPLOAD_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class NotesLimits:
    """The deployment's limits and folders for servers' notes."""

    data_dir: Path
    max_mb: float = 20.0
    max_files: int = 500
    fetch_seconds: float = 60.0
    allow_local: bool = False
    max_note_mb: float = 5.0


@dataclass(frozen=True, slots=True)
class PendingUpload:
    """A checked file to add to (or replace in) a server's uploads, not stored yet."""

    name: str
    text: str
    by: int


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """How one sync of a source went; on failure the last good notes stay in use."""

    source: str
    ok: bool
    library: Library | None = None
    change: CatalogueChange | None = None
    commit: str | None = None
    error: NotesSourceError | None = None


class LibraryCache:
    """The parsed libraries of the most recently used sources, at most ``size`` of them."""

    def __init__(self, size: int = 50) -> None:
        self.size = size
        self._libraries: OrderedDict[str, Library] = OrderedDict()

    def get(self, source: str) -> Library | None:
        """The library of ``source`` if it is cached (it becomes the most recent)."""
        library = self._libraries.get(source)
        if library is not None:
            self._libraries.move_to_end(source)
        return library

    def put(self, source: str, library: Library) -> None:
        """Keep ``library`` for ``source``, forgetting the least recently used beyond ``size``."""
        self._libraries[source] = library
        self._libraries.move_to_end(source)
        while len(self._libraries) > self.size:
            self._libraries.popitem(last=False)

    def __contains__(self, source: object) -> bool:
        return source in self._libraries

    def __len__(self) -> int:
        return len(self._libraries)


def _relative(file: str, root: Path) -> str:
    try:
        return PurePosixPath(Path(file).relative_to(root)).as_posix()
    except ValueError:
        return file


def _rooted(library: Library, root: Path) -> Library:
    """``library`` with its files named relative to ``root`` (the repository's paths)."""
    root = root.resolve()
    library.questions = [
        dataclasses.replace(
            q, source=Source(_relative(str(Path(q.source.file).resolve()), root), q.source.line)
        )
        for q in library.questions
    ]
    library.warnings = [
        ContentWarning(_relative(str(Path(w.file).resolve()), root), w.line, w.message)
        for w in library.warnings
    ]
    library.errors = [(_relative(str(Path(f).resolve()), root), why) for f, why in library.errors]
    return library


_locks: dict[str, asyncio.Lock] = {}

#: The shortest a sync waits for another process's sync of the same source.
MIN_LOCK_WAIT = 120.0
_LOCK_POLL = 0.05


@contextlib.asynccontextmanager
async def folder_lock(data_dir: Path, source: str, wait: float) -> AsyncIterator[None]:
    """Hold ``source``'s lock file in ``data_dir/locks`` (``fcntl.flock``), so that two
    processes sharing the data folder never fetch into or read one checkout at once.

    Raises ``NotesSourceError``: ``timeout`` when another process held it ``wait``
    seconds, ``not_stored`` when the lock file cannot be made. The kernel releases the
    lock of a process that dies.
    """
    path = data_dir / "locks" / f"{source}.lock"

    def open_lock() -> int:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    try:
        fd = await asyncio.to_thread(open_lock)
    except OSError as exc:
        raise NotesSourceError("not_stored", exc.strerror or type(exc).__name__) from None
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if loop.time() >= deadline:
                    raise NotesSourceError("timeout", f"{wait:.0f} s") from None
                await asyncio.sleep(_LOCK_POLL)
        yield
    finally:
        os.close(fd)  # and with it the lock


async def _load(folder: Path, root: Path, max_note_mb: float) -> Library:
    try:
        library = await load_elsewhere([folder], max_mb=max_note_mb)
    except LoaderFailed as exc:
        raise NotesSourceError("fetch_failed", str(exc)) from None
    library = _rooted(library, root)
    if not library.questions:
        raise NotesSourceError("no_notes", "no questions")
    return library


async def _fetch(choice: NotesChoice, limits: NotesLimits) -> tuple[Library, str | None, Path]:
    if choice.kind == sources.GIT:
        url = choice.fetch_url
        assert url is not None
        checkout = await fetch_repository(
            url,
            into=limits.data_dir / "notes" / choice.source,
            branch=choice.branch,
            folder=choice.folder,
            allow_local=limits.allow_local,
            time_limit=limits.fetch_seconds,
            max_mb=limits.max_mb,
            max_files=limits.max_files,
        )
        library = await _load(checkout.notes, checkout.root, limits.max_note_mb)
        return library, checkout.commit, checkout.root
    raise NotesSourceError("no_notes", choice.kind)


async def _load_uploads(files: dict[str, str], folder: Path, max_note_mb: float) -> Library:
    """Load ``files`` from a fresh folder that replaces ``folder`` only once they loaded."""
    fresh = folder.parent / f".{folder.name}.{uuid.uuid4().hex[:8]}"

    def write() -> None:
        fresh.mkdir(parents=True)
        for name, text in files.items():
            (fresh / name).write_text(text, encoding="utf-8")

    def swap() -> None:
        old = folder.parent / f".{folder.name}.old-{uuid.uuid4().hex[:8]}"
        if folder.exists():
            folder.rename(old)
        fresh.rename(folder)
        shutil.rmtree(old, ignore_errors=True)

    try:
        try:
            await asyncio.to_thread(write)
        except OSError as exc:  # a full disk, a data folder that is not one
            raise NotesSourceError("not_stored", exc.strerror or type(exc).__name__) from None
        library = await _load(fresh, fresh, max_note_mb)
        try:
            await asyncio.to_thread(swap)
        except OSError:
            log.warning("the loaded uploads of %s stay in a fresh folder", folder.name)
    finally:
        await asyncio.to_thread(shutil.rmtree, fresh, ignore_errors=True)
    return library


async def sync_choice(
    db: Database,
    choice: NotesChoice,
    *,
    readers: Collection[int],
    limits: NotesLimits,
    now: dt.datetime,
    cache: LibraryCache | None = None,
    upload: PendingUpload | None = None,
) -> SyncOutcome:
    """Fetch and load the notes of ``choice`` and sync them into its source's catalogue.

    ``readers`` are the servers of this process that read the source: the result is
    recorded for each. Never raises :class:`NotesSourceError`: a failure is returned
    (and recorded) and the last good notes stay in use. Syncs of one source take turns.

    ``upload`` (for uploaded files) is a file to add or replace: it is stored only when
    the server's files load with it, so a failed replacement keeps the file it would
    have replaced.
    """
    readers = sorted({*readers, choice.guild_id})
    lock = _locks.setdefault(choice.source, asyncio.Lock())
    async with lock, contextlib.AsyncExitStack() as held:
        try:
            # Other processes on the same data folder wait too, for the whole sync.
            wait = max(2 * limits.fetch_seconds, MIN_LOCK_WAIT)
            await held.enter_async_context(folder_lock(limits.data_dir, choice.source, wait))
            if choice.kind == sources.UPLOAD:
                files = await sources.uploaded_files(db, guild_id=choice.guild_id)
                if upload is not None:
                    files[upload.name] = upload.text
                if not files:
                    raise NotesSourceError("no_notes", "no uploaded files")
                folder = limits.data_dir / "uploads" / choice.source
                library = await _load_uploads(files, folder, limits.max_note_mb)
                if upload is not None:  # kept only now that every file loaded with it
                    await sources.store_upload(
                        db,
                        guild_id=choice.guild_id,
                        name=upload.name,
                        text=upload.text,
                        by=upload.by,
                        at=now,
                    )
                commit = None
            else:
                library, commit, _root = await _fetch(choice, limits)
        except NotesSourceError as exc:
            log.warning("notes of %s not synced: %s", choice.source, exc)
            await sources.record_sync(
                db, guild_ids=readers, source=choice.source, ok=False, at=now, error=str(exc)
            )
            return SyncOutcome(source=choice.source, ok=False, error=exc)
        change = await sync_catalogue(
            db,
            library.questions,
            unreadable=[file for file, _ in library.errors],
            source=choice.source,
        )
        if not change.kept:  # notes that gave nothing leave the source's chapters as they are
            chapters = (chapter for _book, chapter in library.chapters())
            await sync_chapters(db, chapters, source=choice.source)
        await sources.record_sync(
            db, guild_ids=readers, source=choice.source, ok=True, at=now, commit=commit
        )
        if cache is not None:
            cache.put(choice.source, library)
    log.info("notes of %s synced: %s", choice.source, change)
    return SyncOutcome(source=choice.source, ok=True, library=library, change=change, commit=commit)


def due_pulls(
    choices: Iterable[NotesChoice], *, now: dt.datetime, every: dt.timedelta, overdue_only: bool
) -> list[tuple[NotesChoice, list[int]]]:
    """The repositories to pull, each once: the choice to fetch it with and the servers
    (among ``choices``) that read it.

    ``overdue_only`` (the first pull after a start) keeps the sources whose last sync,
    by any server reading them, is older than ``every`` or never happened: those the
    process would otherwise leave a whole interval behind.
    """
    groups: dict[str, list[NotesChoice]] = {}
    for choice in choices:
        groups.setdefault(choice.source, []).append(choice)
    due = []
    for group in groups.values():
        last = max((c.synced_at for c in group if c.synced_at is not None), default=None)
        if overdue_only and last is not None and now - last < every:
            continue
        # A server that gave a credential with the URL fetches it for all (a private one).
        fetcher = min(group, key=lambda c: c.credential is None)
        due.append((fetcher, sorted(c.guild_id for c in group)))
    return due


async def pull_due(
    db: Database,
    *,
    owns: Callable[[int], bool],
    limits: NotesLimits,
    now: dt.datetime,
    every: dt.timedelta,
    overdue_only: bool,
    cache: LibraryCache | None = None,
) -> list[SyncOutcome]:
    """One pass of the periodic pulls: sync, one after another, each repository that the
    servers ``owns`` accepts read (see :func:`due_pulls`); their outcomes.

    Nothing is parsed before a pass: a process starting with many servers reads one
    list of choices, and its first pass (``overdue_only``) parses only the sources an
    interval behind.
    """
    choices = [c for c in await sources.git_choices(db) if owns(c.guild_id)]
    outcomes = []
    for choice, readers in due_pulls(choices, now=now, every=every, overdue_only=overdue_only):
        try:
            outcomes.append(
                await sync_choice(db, choice, readers=readers, limits=limits, now=now, cache=cache)
            )
        except Exception:
            log.exception("the pull of %s failed", choice.source)
    return outcomes


async def _read_stored(db: Database, choice: NotesChoice, limits: NotesLimits) -> Library | None:
    """The notes of ``choice`` from what is kept (the checkout, the uploaded files), without
    fetching; ``None`` when nothing is kept here (a new data folder)."""
    wait = max(2 * limits.fetch_seconds, MIN_LOCK_WAIT)
    async with folder_lock(limits.data_dir, choice.source, wait):
        if choice.kind == sources.GIT:
            root = limits.data_dir / "notes" / choice.source
            folder = root / choice.folder if choice.folder else root
            if not await asyncio.to_thread(folder.is_dir):
                return None
            return await _load(folder, root, limits.max_note_mb)
        files = await sources.uploaded_files(db, guild_id=choice.guild_id)
        if not files:
            return None
        folder = limits.data_dir / "uploads" / choice.source
        return await _load_uploads(files, folder, limits.max_note_mb)


async def library_for(
    db: Database,
    choice: NotesChoice,
    *,
    limits: NotesLimits,
    cache: LibraryCache,
    now: dt.datetime,
    readers: Collection[int] = (),
) -> Library | None:
    """The parsed notes ``choice``'s server reads, loaded on its first use.

    From ``cache`` when a server on the same source used them lately; else read from
    the checkout or the uploaded files kept (its chapters stored as it is, so they are
    known from the first load); else, when nothing is kept here, fetched and synced.
    ``None`` for the default folder and for notes that cannot be loaded (the stored
    questions keep serving the quizzes).
    """
    if choice.kind == sources.DEFAULT:
        return None
    library = cache.get(choice.source)
    if library is not None:
        return library
    lock = _locks.setdefault(choice.source, asyncio.Lock())
    try:
        async with lock:
            library = cache.get(choice.source)  # loaded meanwhile by a server on it
            if library is not None:
                return library
            library = await _read_stored(db, choice, limits)
            if library is not None:
                await sync_chapters(
                    db, (chapter for _book, chapter in library.chapters()), source=choice.source
                )
                cache.put(choice.source, library)
                log.info("notes of %s loaded on first use", choice.source)
                return library
    except NotesSourceError as exc:
        log.warning("notes of %s not loaded: %s", choice.source, exc)
        return None
    outcome = await sync_choice(db, choice, readers=readers, limits=limits, now=now, cache=cache)
    return outcome.library


async def check_upload(name: str, data: bytes, *, max_note_mb: float = 5.0) -> Library:
    """Read one uploaded file as ``quizbot content check`` would, without keeping it.

    Raises :class:`NotesSourceError`: ``bad_file`` (not ``.md``/``.yaml``, not UTF-8, a
    bad name), ``file_too_large`` (over :data:`MAX_UPLOAD_BYTES`), ``no_notes`` (no
    question in it). The library's files are named by ``name`` alone.
    """
    if (
        PurePosixPath(name).name != name
        or name.startswith(".")
        or not name.lower().endswith(NOTE_SUFFIXES)
    ):
        raise NotesSourceError("bad_file", name[:100])
    if len(data) > MAX_UPLOAD_BYTES:
        raise NotesSourceError("file_too_large", f"{len(data) / 1024 / 1024:.1f} MB > 1 MB")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotesSourceError("bad_file", f"{name}: not UTF-8 text") from None

    def load() -> Library:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            return _rooted(load_library([path], max_mb=max_note_mb), Path(folder))

    library = await asyncio.to_thread(load)
    if library.errors:
        raise NotesSourceError("bad_file", f"{name}: {library.errors[0][1]}")
    if not library.questions:
        raise NotesSourceError("no_notes", name)
    return library
