"""One ``--fix`` at a time per integration: an advisory lock file in the integration's folder,
held from the first read of its files to the last write.

Two runs that fix the same integration at once (pre-commit and an editor's fix-on-save, two
terminals) would otherwise both compute fixes from the same old text: the second to write
finds the file changed and leaves it alone, but only a lock closes the moment between its
comparison and its rename. The run that finds the lock taken waits for it (and says so);
after :data:`LOCK_TIMEOUT` seconds it gives up on that integration.

The lock is ``fcntl.flock`` on ``.devcreds-lint.lock``: the system drops it when its process
ends, however it ends, so a killed run never leaves an integration locked. The file is removed
when the lock is released; a run that locked a file removed meanwhile takes a new one. Where
there is no ``fcntl`` (Windows), or the file cannot be made (a read-only tree, where nothing
can be written anyway), fixes go ahead unlocked, still never over a changed file.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass

LOCK_NAME = ".devcreds-lint.lock"
LOCK_TIMEOUT = 60.0
_POLL = 0.05


class LockTimeout(Exception):
    """Another run held the integration's lock for :data:`LOCK_TIMEOUT` seconds."""


@dataclass
class Lock:
    """``waited``: whether another run held the lock when this one asked for it."""

    path: str
    waited: bool = False


@contextlib.contextmanager
def integration_lock(folder: str, timeout: float | None = None) -> Iterator[Lock]:
    """Hold the lock of the integration in ``folder`` for the ``with`` block.

    Raises :class:`LockTimeout` when another run holds it for ``timeout`` seconds (default
    :data:`LOCK_TIMEOUT`)."""
    lock = Lock(os.path.join(folder, LOCK_NAME))
    fd = _acquire(lock, LOCK_TIMEOUT if timeout is None else timeout)
    try:
        yield lock
    finally:
        if fd is not None:
            # Removed while still held: a run waiting on this file sees it gone and makes
            # a new one (see _acquire), so no two runs ever hold two different files.
            with contextlib.suppress(OSError):
                os.unlink(lock.path)
            os.close(fd)


def _acquire(lock: Lock, timeout: float) -> int | None:
    try:
        import fcntl
    except ImportError:  # Windows
        return None
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    deadline = None
    while True:
        try:
            fd = os.open(lock.path, flags, 0o644)
        except OSError:
            return None  # not ours to make: nothing can be written in this folder either
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            now = time.monotonic()
            if deadline is None:
                lock.waited = True
                deadline = now + timeout
            if now >= deadline:
                raise LockTimeout(lock.path) from None
            time.sleep(_POLL)
            continue
        except OSError:  # a file system without locks
            os.close(fd)
            return None
        try:
            held, named = os.fstat(fd), os.stat(lock.path)
            current = (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)
        except OSError:
            current = False
        if current:
            return fd
        os.close(fd)  # the run before removed the file it held: lock the one there now
