"""``check --watch``: what to poll. A snapshot is the integrations the paths hold and, for each
of their files, its size and modification time; a new integration, a new, removed, renamed or
edited file changes it. Polling (stdlib only): a walk and a few ``stat`` calls per interval."""

from __future__ import annotations

import os

from devcreds_lint.discovery import discover
from devcreds_lint.workspace.files import Excluder
from devcreds_lint.workspace.options import RunOptions

Snapshot = frozenset[tuple[str, int, int]]


def snapshot(options: RunOptions) -> Snapshot:
    """(path, size, mtime in ns) of every file of every integration under the paths, and of
    every path named (a named file that is not yet part of an integration counts too)."""
    found = discover(options.paths, options.profiles, Excluder(options.config))
    files = set(options.paths)
    for integration in found.integrations:
        modules = integration.names | integration.packages
        files.update(os.path.join(integration.folder, name) for name in modules)
    stats: set[tuple[str, int, int]] = set()
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            continue
        stats.add((path, info.st_size, info.st_mtime_ns))
    return frozenset(stats)
