"""Writing the fixer's results to disk: atomically (temporary file, then rename), keeping the
file's bytes it did not mean to change (BOM, line endings, permissions), never through a
symbolic link, never over a file changed since it was read, never renaming over a file.

A process killed at any moment leaves every file exactly as before or exactly as fixed;
stale temporary files are removed by the next run.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Any

from devcreds_lint.fixing.leftovers import TEMP_PREFIX, TEMP_SUFFIX, remove_stale_temp_files
from devcreds_lint.fixing.rounds import FixError, FixResult, is_valid, link_message
from devcreds_lint.parsing.reading import SourceText, Unreadable, read_bytes


def write_changes(result: FixResult) -> list[str]:
    """Perform renames, then write fixed files atomically. Returns error messages
    (:func:`write_results` also says which files were not written)."""
    return write_results(result).errors


@dataclass
class Written:
    """What :func:`write_results` could not do: ``errors``, one message each, and ``failed``,
    the paths (as fixed: a renamed file under its new name) left as they were on disk."""

    errors: list[str] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)

    def fail(self, path: str, message: str) -> None:
        self.errors.append(message)
        self.failed.add(path)


def write_results(result: FixResult) -> Written:
    """Perform renames, then write fixed files atomically.

    A renamed file is renamed first (atomically, never over an existing file) and then
    rewritten under its new name: killed in between, a run leaves the file renamed but with
    its old text, which the next run fixes; the file is never lost, duplicated or half-written.
    A file that cannot be written (a full disk, a read-only tree, a changed file) is left as
    it was and named in ``failed``; the others are still written.
    """
    written = Written()
    if result.integration is not None:
        remove_stale_temp_files(result.integration.folder, result.integration.names)
    blocked = {new for _old, new in result.renames if os.path.lexists(new)}
    for new in sorted(blocked):
        written.fail(new, f"{new}: exists; neither it nor the file to be renamed to it was touched")
    renamed = {new: old for old, new in result.renames}
    for old, new in result.renames:
        if new in blocked:
            continue
        try:
            rename_no_clobber(old, new)
        except FixError as exc:
            written.fail(new, str(exc))
    for path, state in sorted(result.files.items()):
        if path in written.failed:
            continue
        if not is_valid(path, state.text):
            written.fail(
                path, f"{renamed.get(path, path)}: not written: the fixed text would not parse"
            )
            continue
        try:
            write_atomic(path, state.source, state.text)
        except FixError as exc:
            written.fail(path, str(exc))
    return written


def write_atomic(path: str, source: SourceText, text: str) -> None:
    """Replace ``path`` with ``text`` (keeping BOM and permission bits), only if unchanged.

    The text goes to a temporary file in the same folder, is flushed to disk, and replaces
    ``path`` in one rename: a reader (or a run killed at any moment) sees the old file or the
    new one, never a part of either. A symbolic link is never written through or replaced.
    """
    if os.path.islink(path):
        raise FixError(link_message(path))
    # Read as every file is read (never blocking on a FIFO put in its place); a file longer
    # than what was read has changed.
    current = read_bytes(path, len(source.raw))
    if isinstance(current, Unreadable) and not current.reason.startswith("file is"):
        raise FixError(f"{path}: not written: {current.reason}")
    if current != source.raw:
        raise FixError(
            f"{path}: changed while fixing; run again (it changed on disk after it was read, "
            "so it was not written)"
        )
    data = source.encode(text)
    folder = os.path.dirname(path) or "."
    temp = None
    try:
        info = os.stat(path)
        fd, temp = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown"):
            with contextlib.suppress(OSError):
                os.chown(temp, info.st_uid, info.st_gid)  # works for root and the owner
        os.replace(temp, path)
    except OSError as exc:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise FixError(f"{path}: not written: {exc.strerror or exc}") from exc


def rename_no_clobber(old: str, new: str) -> None:
    """Rename without ever replacing an existing file.

    One atomic ``renameat2(RENAME_NOREPLACE)`` where the system has it (Linux); elsewhere a
    hard link (which fails if ``new`` exists) and the removal of ``old``.
    """
    if os.path.islink(old):
        raise FixError(f"{old}: not renamed: it is a symbolic link")
    if _rename_noreplace(old, new):
        return
    try:
        os.link(old, new)
    except FileExistsError as exc:
        raise FixError(f"{old}: not renamed: {new} exists") from exc
    except OSError:
        if os.path.lexists(new):
            raise FixError(f"{old}: not renamed: {new} exists") from None
        try:
            os.rename(old, new)
        except OSError as exc:
            raise FixError(f"{old}: not renamed: {exc.strerror}") from exc
        return
    os.unlink(old)


def _rename_noreplace(old: str, new: str) -> bool:
    """``renameat2(old, new, RENAME_NOREPLACE)``: True when done, False when unavailable."""
    function = _renameat2()
    if function is None:
        return False
    import ctypes

    at_fdcwd, rename_noreplace = -100, 1
    result = function(at_fdcwd, os.fsencode(old), at_fdcwd, os.fsencode(new), rename_noreplace)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error == errno.EEXIST:
        raise FixError(f"{old}: not renamed: {new} exists")
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False  # the kernel or the file system cannot: fall back
    raise FixError(f"{old}: not renamed: {os.strerror(error)}")


@functools.cache
def _renameat2() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError, ImportError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function
