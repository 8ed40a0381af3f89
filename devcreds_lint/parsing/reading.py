"""Reading files safely: size limit, NUL bytes, UTF-8 (with or without BOM), line endings.

Every checked file goes through :func:`read_source`; a file that cannot be used becomes a
:class:`Unreadable` (reported as DC900), never an exception.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from devcreds_lint.settings import DEFAULT_MAX_BYTES
from devcreds_lint.text import BOM, detect_newline


@dataclass(frozen=True)
class SourceText:
    """A decoded file. ``text`` has no BOM; ``raw`` is exactly what was read."""

    path: str
    raw: bytes
    text: str
    bom: bool
    newline: str

    def encode(self, text: str) -> bytes:
        """Bytes for ``text`` written back with this file's BOM."""
        return (BOM + text if self.bom else text).encode("utf-8")


@dataclass(frozen=True)
class Unreadable:
    """A file that cannot be used, and why; ``at`` is the 1-based (line, column) of the
    offending byte when there is one (not UTF-8, a NUL byte)."""

    path: str
    reason: str
    at: tuple[int, int] | None = None


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte ``offset``: lines end at LF, CRLF
    or a lone CR, as everywhere else."""
    before = raw[:offset]
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    row = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    column = len(before[line_start:].decode("utf-8", "replace").removeprefix(BOM)) + 1
    return row, column


def decode(path: str, raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText | Unreadable:
    if len(raw) > max_bytes:
        return Unreadable(path, f"file is {len(raw)} bytes, over the {max_bytes}-byte limit")
    if b"\x00" in raw:
        nul = raw.index(b"\x00")
        return Unreadable(path, "file contains NUL bytes", _position_of_byte(raw, nul))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Unreadable(
            path, f"file is not valid UTF-8 (byte {exc.start})", _position_of_byte(raw, exc.start)
        )
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    return SourceText(path, raw, text, bom, detect_newline(text))


# Opening a FIFO for reading waits for a writer; O_NONBLOCK makes it return at once, and
# then fstat shows it is no regular file. (Regular files ignore the flag.)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText | Unreadable:
    """Read and decode ``path`` (see :func:`read_bytes`)."""
    raw = read_bytes(path, max_bytes)
    return raw if isinstance(raw, Unreadable) else decode(path, raw, max_bytes)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | Unreadable:
    """The bytes of a regular file of at most ``max_bytes``. Never blocks (a FIFO, a device)
    and never reads more than ``max_bytes + 1`` bytes, whatever the file claims its size is."""
    if os.path.isdir(path):
        return Unreadable(path, "is a directory, not a file")
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return Unreadable(path, _open_error(path, exc))
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                return Unreadable(path, "is a directory, not a file")
            if not stat.S_ISREG(info.st_mode):
                return Unreadable(path, "is not a regular file (a pipe, socket or device)")
            if info.st_size > max_bytes:
                return Unreadable(
                    path, f"file is {info.st_size} bytes, over the {max_bytes}-byte limit"
                )
            # Asking for the size (not the limit) spares a buffer of the limit's size per
            # read (~40 us of a small file's ~60); a file that grew since fstat is read on.
            want = min(info.st_size, max_bytes) + 1
            raw = handle.read(want)
            if len(raw) == want and want <= max_bytes:
                raw += handle.read(max_bytes + 1 - want)
    except OSError as exc:
        return Unreadable(path, f"cannot be read: {exc.strerror or exc}")
    if len(raw) > max_bytes:
        return Unreadable(path, f"file is over the {max_bytes}-byte limit")
    return raw


def _open_error(path: str, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "is a symbolic link loop"
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        try:
            return f"is a broken symbolic link (to {os.readlink(path)}, which does not exist)"
        except OSError:
            return "is a broken symbolic link"
    return f"cannot be read: {exc.strerror or exc}"


Reader = Callable[[str], "SourceText | Unreadable"]


class Snapshot:
    """Files read from disk once each and remembered: whoever reads a path through the same
    snapshot gets the same bytes, whatever happens on disk meanwhile. So a fix is applied to
    the very bytes its finding was computed from, and the cache stores findings under the key
    of the bytes they came from (``fixing/rounds.py``, ``cache.py``)."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._raw: dict[str, bytes | Unreadable] = {}
        self._sources: dict[str, SourceText | Unreadable] = {}

    def raw(self, path: str) -> bytes | Unreadable:
        """The bytes of ``path`` as first read (see :func:`read_bytes`)."""
        key = os.path.normpath(path)
        if key not in self._raw:
            self._raw[key] = read_bytes(path, self.max_bytes)
        return self._raw[key]

    def __call__(self, path: str) -> SourceText | Unreadable:
        """``path`` decoded, from the bytes first read (see :func:`read_source`)."""
        key = os.path.normpath(path)
        if key not in self._sources:
            raw = self.raw(path)
            self._sources[key] = (
                raw if isinstance(raw, Unreadable) else decode(path, raw, self.max_bytes)
            )
        return self._sources[key]


def make_reader(
    overrides: Mapping[str, str] | None, max_bytes: int, disk: Reader | None = None
) -> Reader:
    """Read files from ``disk`` (by default, read each time it is asked), except those given
    in ``overrides`` (editor buffers, stdin)."""
    texts = {os.path.normpath(k): v for k, v in (overrides or {}).items()}

    def read(path: str) -> SourceText | Unreadable:
        override = texts.get(os.path.normpath(path))
        if override is not None:
            return decode(path, override.encode("utf-8", "surrogatepass"), max_bytes)
        if disk is not None:
            return disk(path)
        return read_source(path, max_bytes)

    return read
