"""Temporary files a killed run of ours left behind, and their removal: the fixer's beside the
files it writes (``.devcreds-lint-PID-….tmp``), the cache's in its folder
(``.results-PID-….tmp``). A file whose process still runs is left alone: it may be a run going
on in parallel. Imports nothing heavy: the cache uses it on warm runs.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Iterable

TEMP_PREFIX = ".devcreds-lint-"
TEMP_SUFFIX = ".tmp"
# Our temporary files are named .devcreds-lint-<pid>-<random>.tmp.
_TEMP_NAME = re.compile(r"^\.devcreds-lint-(?:(\d+)-)?[A-Za-z0-9_]*\.tmp$")
# The cache's: .results-<pid>-<random>.tmp (before issue 17 without the pid: then any age).
CACHE_TEMP_PREFIX = ".results-"
CACHE_TEMP_NAME = re.compile(r"^\.results-(?:(\d+)-)?[A-Za-z0-9_]*\.tmp$")


def remove_stale_temp_files(
    folder: str, names: Iterable[str] | None = None, pattern: re.Pattern[str] = _TEMP_NAME
) -> list[str]:
    """Remove temporary files that a killed run of ours left in ``folder``.

    Only files named like ours (``pattern``, whose first group is the process id) whose
    process is gone are removed (a file from a run still going on in parallel is left
    alone). ``names`` is the folder's listing, when known. Returns the paths removed.
    """
    if names is None:
        try:
            names = os.listdir(folder)
        except OSError:
            return []
    removed = []
    for name in names:
        match = pattern.match(name)
        if match is None:
            continue
        path = os.path.join(folder, name)
        if match.group(1) is not None and _running(int(match.group(1)), path):
            continue
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            os.unlink(path)
        except OSError:
            continue
        removed.append(path)
    return removed


def _running(pid: int, path: str) -> bool:
    """Whether the process that made a temporary file may still be writing it."""
    if pid == os.getpid():
        return True
    if os.name != "posix":  # no safe liveness check: trust files older than an hour are stale
        try:
            return time.time() - os.lstat(path).st_mtime < 3600
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True
