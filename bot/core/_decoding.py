"""Reading a content file: its bytes (or a one-line error), then its text: UTF-8
(with or without BOM), else the detected encoding.

Korean notes saved by older Windows tools are CP949; short ones are easily mistaken
for Chinese encodings, so a Korean reading is preferred when one fits.
"""

from __future__ import annotations

import logging
import re
import stat
from pathlib import Path

from charset_normalizer import from_bytes

from bot.core.errors import ContentError

__all__ = ["DEFAULT_MAX_NOTE_MB", "decode", "read_bytes"]

log = logging.getLogger(__name__)

_KOREAN_CODECS = ("cp949", "euc_kr", "johab", "iso2022_kr")


def decode(data: bytes, file: str) -> str:
    """The text of a notes file: UTF-8 (with or without BOM), else the detected encoding.

    Raises :class:`ContentError` for binary data or an encoding that cannot be told.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _text_only(data.decode("utf-16"), file)
        except UnicodeDecodeError:
            raise ContentError(file, "cannot detect the text encoding") from None
    if b"\x00" in data:
        raise ContentError(file, "not a text file")
    try:
        return _text_only(data.decode("utf-8-sig"), file)
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ContentError(file, "cannot detect the text encoding")
    # short Korean files are often guessed as Big5 or GB18030: prefer a Korean reading
    for match in matches:
        if match.encoding in _KOREAN_CODECS and re.search(r"[\uac00-\ud7a3]", str(match)):
            best = match
            break
    log.info("%s: read as %s", file, best.encoding)
    return _text_only(str(best), file)


def _text_only(text: str, file: str) -> str:
    """Reject decoded text full of control characters (a binary file that happened to decode)."""
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise ContentError(file, "not a text file")
    return text


#: Notes files larger than this are skipped (``QUIZBOT_MAX_NOTE_MB``): a chapter's notes
#: are kilobytes, and a huge file would hold the loader for long.
DEFAULT_MAX_NOTE_MB = 5.0


def read_bytes(path: Path, max_mb: float = DEFAULT_MAX_NOTE_MB) -> bytes:
    """The bytes of ``path``; :class:`ContentError` (one line naming it) when it cannot be read.

    Only regular files are read: a FIFO or a device is refused before it is opened. A
    file over ``max_mb`` megabytes is refused without being read whole.
    """
    file = str(path)
    limit = int(max_mb * 1_000_000)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) and not path.is_dir():
            # a pipe would wait for a writer forever, /dev/zero never ends
            raise ContentError(file, "not a regular file (a pipe, socket or device)")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # a file that grows while read is cut here too
        if len(data) > limit:
            raise ContentError(
                file,
                f"larger than {max_mb:g} MB (QUIZBOT_MAX_NOTE_MB); skipped",
            )
        return data
    except FileNotFoundError:
        raise ContentError(file, "no such file") from None
    except IsADirectoryError:
        raise ContentError(file, "is a directory, not a file") from None
    except PermissionError:
        raise ContentError(file, "permission denied") from None
    except OSError as exc:
        raise ContentError(file, f"cannot be read ({exc.strerror or exc})") from None
