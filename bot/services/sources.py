"""Each server's choice of notes, and the files it uploaded, kept in the database.

A server reads the deployment's folder until it chooses a Git repository or uploaded
files (:func:`choose_git`, :func:`choose_uploads`, :func:`choose_default`). What it chose
is one row of ``note_sources`` whose ``source`` is the catalogue key its quizzes and
practice draw from (see :func:`bot.db.queries.in_notes_of`). Every statement names the
server it reads or writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select, update

from bot.core.errors import NotesSourceError
from bot.core.sources import (
    DEFAULT_SOURCE,
    check_branch,
    check_folder,
    check_git_url,
    credential_of,
    git_source_key,
    public_url,
    upload_source_key,
    with_credential,
)
from bot.db.models import NoteSource, QuestionRow, UploadedNote
from bot.db.queries import in_notes_of, insert_for
from bot.db.session import Database

__all__ = [
    "DEFAULT",
    "GIT",
    "UPLOAD",
    "NotesChoice",
    "StoredUpload",
    "choose_default",
    "choose_git",
    "choose_uploads",
    "git_choice",
    "git_choices",
    "notes_choice",
    "notes_counts",
    "record_sync",
    "remove_upload",
    "servers_reading",
    "set_announce_channel",
    "set_uploaders_role",
    "store_upload",
    "uploaded_files",
    "uploads",
    "uploads_choice",
]

DEFAULT = "default"
GIT = "git"
UPLOAD = "upload"


@dataclass(frozen=True, slots=True)
class NotesChoice:
    """Where a server's notes come from and how the last sync went.

    ``url`` is shown and holds no credentials; ``credential`` (left out of the repr) is
    what the server gave with it, put back only by :attr:`fetch_url`.
    """

    guild_id: int
    kind: str = DEFAULT
    source: str = DEFAULT_SOURCE
    url: str | None = None
    branch: str | None = None
    folder: str | None = None
    synced_at: dt.datetime | None = None
    sync_ok: bool | None = None
    sync_error: str | None = None
    commit: str | None = None
    announce_channel_id: int | None = None
    uploaders_role_id: int | None = None
    credential: str | None = field(default=None, repr=False)

    @property
    def fetch_url(self) -> str | None:
        """The URL git fetches: ``url`` with the server's credential, never to be shown."""
        return None if self.url is None else with_credential(self.url, self.credential)


@dataclass(frozen=True, slots=True)
class StoredUpload:
    """One uploaded file, without its text."""

    name: str
    size: int
    uploaded_at: dt.datetime
    uploaded_by: int


def _choice(row: Any) -> NotesChoice:
    return NotesChoice(
        guild_id=row.guild_id,
        kind=row.kind,
        source=row.source,
        url=row.url,
        branch=row.branch,
        folder=row.folder,
        synced_at=row.synced_at,
        sync_ok=row.sync_ok,
        sync_error=row.sync_error,
        commit=row.commit,
        announce_channel_id=row.announce_channel_id,
        uploaders_role_id=row.uploaders_role_id,
        credential=row.credential,
    )


async def notes_choice(db: Database, *, guild_id: int) -> NotesChoice:
    """What ``guild_id`` chose (the default folder when it chose nothing)."""
    async with db.read() as conn:
        row = (
            await conn.execute(select(NoteSource).where(NoteSource.guild_id == guild_id))
        ).first()
    return NotesChoice(guild_id=guild_id) if row is None else _choice(row)


async def _upsert(db: Database, guild_id: int, values: Mapping[str, Any], now: dt.datetime) -> None:
    values = {**values, "updated_at": now}
    insert = insert_for(db.dialect, NoteSource)
    statement = insert.values(guild_id=guild_id, **values).on_conflict_do_update(
        index_elements=[NoteSource.guild_id], set_=values
    )
    async with db.write() as conn:
        await conn.execute(statement)


_FRESH = {
    "synced_at": None,
    "sync_ok": None,
    "sync_error": None,
    "commit": None,
    "credential": None,
}


def git_choice(
    *,
    guild_id: int,
    url: str,
    branch: str | None = None,
    folder: str | None = None,
    allow_local: bool = False,
) -> NotesChoice:
    """The choice of a repository, checked but not stored (to sync before it is kept).

    Any credentials of ``url`` are kept apart, for the fetch (:attr:`NotesChoice.fetch_url`).
    Raises as :func:`choose_git`.
    """
    url = check_git_url(url, allow_local=allow_local)
    branch, folder = check_branch(branch), check_folder(folder)
    return NotesChoice(
        guild_id=guild_id,
        kind=GIT,
        source=git_source_key(url, branch, folder),
        url=public_url(url),
        branch=branch,
        folder=folder,
        credential=credential_of(url),
    )


def uploads_choice(guild_id: int) -> NotesChoice:
    """The choice of the server's uploaded files, not stored."""
    return NotesChoice(guild_id=guild_id, kind=UPLOAD, source=upload_source_key(guild_id))


async def choose_git(
    db: Database,
    *,
    guild_id: int,
    url: str,
    branch: str | None = None,
    folder: str | None = None,
    allow_local: bool = False,
    now: dt.datetime,
) -> NotesChoice:
    """Make ``guild_id`` read a Git repository; the URL is stored without credentials,
    which are kept apart for the later pulls (and never shown).

    Raises :class:`NotesSourceError` for a URL that is not ``https://`` (unless
    ``allow_local``), a branch or a folder git would not take as such.
    """
    url = check_git_url(url, allow_local=allow_local)
    branch, folder = check_branch(branch), check_folder(folder)
    key = git_source_key(url, branch, folder)
    values = {"kind": GIT, "source": key, "url": public_url(url), "branch": branch}
    fresh = {**_FRESH, "credential": credential_of(url)}
    await _upsert(db, guild_id, {**values, "folder": folder, **fresh}, now)
    return await notes_choice(db, guild_id=guild_id)


async def choose_uploads(db: Database, *, guild_id: int, now: dt.datetime) -> NotesChoice:
    """Make ``guild_id`` read the files it uploaded."""
    values = {"kind": UPLOAD, "source": upload_source_key(guild_id), "url": None}
    await _upsert(db, guild_id, {**values, "branch": None, "folder": None, **_FRESH}, now)
    return await notes_choice(db, guild_id=guild_id)


async def choose_default(db: Database, *, guild_id: int, now: dt.datetime) -> NotesChoice:
    """Make ``guild_id`` read the deployment's folder again (its other settings stay)."""
    values = {"kind": DEFAULT, "source": DEFAULT_SOURCE, "url": None, "branch": None}
    await _upsert(db, guild_id, {**values, "folder": None, **_FRESH}, now)
    return await notes_choice(db, guild_id=guild_id)


async def set_announce_channel(
    db: Database, *, guild_id: int, channel_id: int | None, now: dt.datetime
) -> None:
    """The channel told about syncs that change ``guild_id``'s notes (``None``: the quiz's)."""
    await _upsert(db, guild_id, {"announce_channel_id": channel_id}, now)


async def set_uploaders_role(
    db: Database, *, guild_id: int, role_id: int | None, now: dt.datetime
) -> None:
    """The role whose members may upload notes besides those who manage the server."""
    await _upsert(db, guild_id, {"uploaders_role_id": role_id}, now)


async def git_choices(
    db: Database, *, guild_ids: Collection[int] | None = None
) -> list[NotesChoice]:
    """The servers among ``guild_ids`` (every server when ``None``, at start) that read a
    repository: what the periodic pulls fetch."""
    query = select(NoteSource).where(NoteSource.kind == GIT)
    if guild_ids is not None:
        query = query.where(NoteSource.guild_id.in_(sorted(guild_ids)))
    async with db.read() as conn:
        rows = await conn.execute(query.order_by(NoteSource.guild_id))
        return [_choice(row) for row in rows]


async def notes_counts(db: Database, *, guild_id: int) -> tuple[int, int]:
    """``(files, questions)`` of the live catalogue ``guild_id`` is quizzed from, as stored
    (so it is right after a restart, before any notes are parsed again)."""
    async with db.read() as conn:
        row = (
            await conn.execute(
                select(func.count(func.distinct(QuestionRow.source_file)), func.count()).where(
                    QuestionRow.retired_at.is_(None), in_notes_of(guild_id)
                )
            )
        ).one()
    return int(row[0]), int(row[1])


async def servers_reading(db: Database, *, guild_ids: Collection[int], source: str) -> list[int]:
    """The servers among ``guild_ids`` that read ``source``."""
    async with db.read() as conn:
        rows = await conn.execute(
            select(NoteSource.guild_id).where(
                NoteSource.guild_id.in_(sorted(guild_ids)), NoteSource.source == source
            )
        )
        return sorted(rows.scalars())


async def record_sync(
    db: Database,
    *,
    guild_ids: Collection[int],
    source: str,
    ok: bool,
    at: dt.datetime,
    error: str | None = None,
    commit: str | None = None,
) -> None:
    """Remember how the sync of ``source`` went for the servers ``guild_ids`` reading it.

    A failed sync keeps the commit of the last good one.
    """
    values: dict[str, Any] = {"synced_at": at, "sync_ok": ok, "sync_error": error}
    if ok:
        values["commit"] = commit
    async with db.write() as conn:
        await conn.execute(
            update(NoteSource)
            .where(NoteSource.guild_id.in_(sorted(guild_ids)), NoteSource.source == source)
            .values(values)
        )


# ------------------------------------------------------------------ uploaded files


async def store_upload(
    db: Database, *, guild_id: int, name: str, text: str, by: int, at: dt.datetime
) -> None:
    """Keep ``text`` as the server's file ``name`` (replacing a file of that name)."""
    if "/" in name or "\\" in name or name.startswith(".") or len(name) > 255:
        raise NotesSourceError("bad_file", name[:100])
    size = len(text.encode("utf-8"))
    values = {"text": text, "size": size, "uploaded_at": at, "uploaded_by": by}
    insert = insert_for(db.dialect, UploadedNote)
    statement = insert.values(guild_id=guild_id, name=name, **values).on_conflict_do_update(
        index_elements=[UploadedNote.guild_id, UploadedNote.name], set_=values
    )
    async with db.write() as conn:
        await conn.execute(statement)


async def uploads(db: Database, *, guild_id: int) -> list[StoredUpload]:
    """The files ``guild_id`` uploaded, by name."""
    async with db.read() as conn:
        rows = await conn.execute(
            select(
                UploadedNote.name,
                UploadedNote.size,
                UploadedNote.uploaded_at,
                UploadedNote.uploaded_by,
            )
            .where(UploadedNote.guild_id == guild_id)
            .order_by(UploadedNote.name)
        )
        return [StoredUpload(*row) for row in rows]


async def uploaded_files(db: Database, *, guild_id: int) -> dict[str, str]:
    """Name → text of every file ``guild_id`` uploaded."""
    async with db.read() as conn:
        rows = await conn.execute(
            select(UploadedNote.name, UploadedNote.text).where(UploadedNote.guild_id == guild_id)
        )
        return dict(rows.all())


async def remove_upload(db: Database, *, guild_id: int, name: str) -> bool:
    """Forget the server's file ``name``; ``False`` when it had none of that name."""
    async with db.write() as conn:
        result = await conn.execute(
            delete(UploadedNote).where(UploadedNote.guild_id == guild_id, UploadedNote.name == name)
        )
    return bool(result.rowcount)
