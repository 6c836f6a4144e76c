"""Reading the notes folder in a worker process, so the bot's event loop stays free.

Parsing a large folder allocates millions of short-lived objects. In the bot's own
process that costs more than the parsing: the garbage collector's full passes stop
every thread, the event loop included, for hundreds of milliseconds at a time, and
clicks wait. :func:`load_elsewhere` runs :func:`~bot.core.content.load_library` in a
fresh process and brings back only what the bot keeps (questions, chapters, warnings),
in small pickled pieces that are unpacked one at a time in a thread, so no single step
holds the interpreter for long.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import pickle
import struct
import sys
from pathlib import Path

from bot.core.content import Library, load_library
from bot.core.errors import QuizbotError

__all__ = ["LoaderFailed", "load_elsewhere", "load_pieces", "main"]

log = logging.getLogger(__name__)

#: Questions per pickled piece: each piece is unpacked in well under a millisecond.
PIECE = 200
_LENGTH = struct.Struct(">Q")


class LoaderFailed(QuizbotError):
    """The worker process that reads the notes stopped without an answer."""


def load_pieces(paths: list[str], max_mb: float) -> list[bytes]:
    """Load the notes and pickle the part the bot keeps, in pieces (in the worker).

    The bot keeps the questions, the chapters' numbers and titles, the books' language
    and goal, and the warnings and errors; the parsed sections and cards stay behind.
    """
    library = load_library([Path(path) for path in paths], max_mb=max_mb)
    for book in library.books:
        book.cards = []
        for chapter in book.chapters:
            chapter.sections = []
    parts = {"questions": library.questions, "rejected": library.rejected, "held": library.held}
    library.questions, library.rejected, library.held = [], [], []
    pieces = [pickle.dumps(library, protocol=pickle.HIGHEST_PROTOCOL)]
    for name, items in parts.items():
        for start in range(0, len(items), PIECE):
            piece = (name, items[start : start + PIECE])
            pieces.append(pickle.dumps(piece, protocol=pickle.HIGHEST_PROTOCOL))
    return pieces


def _assemble(pieces: list[bytes]) -> Library:
    """Unpack the pieces (in a thread), then set the library aside from the collector.

    The library lives until the next reload and is freed by reference counts, so the
    collector's full passes need not walk its objects, and none runs while it is built.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        library: Library = pickle.loads(pieces[0])
        for piece in pieces[1:]:
            name, items = pickle.loads(piece)
            getattr(library, name).extend(items)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    return library


async def _read_pieces(stream: asyncio.StreamReader) -> list[bytes]:
    pieces = []
    while header := await stream.read(_LENGTH.size):
        if len(header) < _LENGTH.size:
            header += await stream.readexactly(_LENGTH.size - len(header))
        (length,) = _LENGTH.unpack(header)
        pieces.append(await stream.readexactly(length))
    return pieces


async def load_elsewhere(paths: list[Path], *, max_mb: float) -> Library:
    """:func:`load_library` of ``paths``, run in a worker process.

    Raises :class:`LoaderFailed` when the worker dies (killed, out of memory) or
    answers nothing; the notes in use then stay as they are.
    """
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        __name__,
        str(max_mb),
        *(str(path) for path in paths),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    try:
        pieces, errors = await asyncio.gather(_read_pieces(process.stdout), process.stderr.read())
        code = await process.wait()
    except asyncio.IncompleteReadError:
        code = await process.wait()
        pieces, errors = [], b""
    except BaseException:
        if process.returncode is None:
            process.kill()  # a cancelled reload leaves no worker behind
            await process.wait()
        raise
    if code != 0 or not pieces:
        last = errors.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {code}"]
        raise LoaderFailed(f"the notes loader stopped: {last[0]}")
    library = await asyncio.to_thread(_assemble, pieces)
    log.debug("loaded %d questions in a worker process", len(library.questions))
    return library


def main(argv: list[str] | None = None) -> int:
    """The worker: ``python -m bot.services.loading MAX_MB PATH...``, pieces on stdout."""
    args = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    out = sys.stdout.buffer
    for piece in load_pieces(args[1:], float(args[0])):
        out.write(_LENGTH.pack(len(piece)))
        out.write(piece)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
