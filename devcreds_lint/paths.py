"""Paths as people read them: relative to the working folder when they lie under it."""

from __future__ import annotations

import os


def display_path(path: str, cwd: str | None = None) -> str:
    """``path`` relative to ``cwd`` when it lies under it, otherwise as given.

    A relative path is taken to be relative to ``cwd`` already and is only normalized.
    Separators are the operating system's; see :func:`posix_path` for URIs.
    """
    if not os.path.isabs(path):
        return os.path.normpath(path)
    base = os.path.abspath(cwd if cwd is not None else os.getcwd())
    for root, target in ((base, os.path.normpath(path)), (_real(base), _real(path))):
        try:
            inside = os.path.normcase(os.path.commonpath([root, target])) == os.path.normcase(root)
        except ValueError:  # different drives on Windows
            continue
        if inside and os.path.normcase(root) != os.path.normcase(target):
            return os.path.relpath(target, root)
    return path


def _real(path: str) -> str:
    try:
        return os.path.realpath(path)
    except OSError:
        return os.path.abspath(path)
