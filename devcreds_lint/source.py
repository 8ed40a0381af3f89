"""Reading files safely: size limit, NUL bytes, UTF-8 (with or without BOM), line endings.

Every checked file goes through :func:`read_source`; a file that cannot be used becomes a
:class:`Unreadable` (reported as DC900), never an exception.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

BOM = "\ufeff"
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
_NEWLINE = re.compile(r"\r\n|\r|\n")


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
    path: str
    reason: str


def detect_newline(text: str) -> str:
    match = _NEWLINE.search(text)
    return match.group(0) if match else "\n"


def decode(path: str, raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText | Unreadable:
    if len(raw) > max_bytes:
        return Unreadable(path, f"file is {len(raw)} bytes, over the {max_bytes}-byte limit")
    if b"\x00" in raw:
        return Unreadable(path, "file contains NUL bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Unreadable(path, f"file is not valid UTF-8 (byte {exc.start})")
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    return SourceText(path, raw, text, bom, detect_newline(text))


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText | Unreadable:
    try:
        if os.path.isdir(path):
            return Unreadable(path, "is a directory, not a file")
        size = os.path.getsize(path)
        if size > max_bytes:
            return Unreadable(path, f"file is {size} bytes, over the {max_bytes}-byte limit")
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        return Unreadable(path, f"cannot be read: {exc.strerror or exc}")
    return decode(path, raw, max_bytes)


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins (Python's notion of lines: LF, CRLF, CR)."""
    starts = [0]
    starts.extend(m.end() for m in _NEWLINE.finditer(text))
    return starts
