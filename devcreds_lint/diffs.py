"""Unified diffs of what ``--fix`` would change, git-style for renames."""

from __future__ import annotations

import difflib
import os

from devcreds_lint.fixes import FixResult


def _display(path: str) -> str:
    from devcreds_lint.report import display_path

    return display_path(path).replace(os.sep, "/")


def unified_diff(result: FixResult) -> list[str]:
    """One diff text per changed or renamed file, sorted by path."""
    renamed_to = dict(result.renames)
    renamed_from = {new: old for old, new in result.renames}
    paths = sorted(set(result.files) | set(renamed_to.values()))
    texts: list[str] = []
    for path in paths:
        old_path = renamed_from.get(path, path)
        old, new = _display(old_path), _display(path)
        state = result.files.get(path)
        header = [f"diff --git a/{old} b/{new}\n"]
        if old_path != path:
            header += [f"rename from {old}\n", f"rename to {new}\n"]
        body: list[str] = []
        if state is not None and state.changed:
            body = list(
                difflib.unified_diff(
                    state.source.text.splitlines(keepends=True),
                    state.text.splitlines(keepends=True),
                    fromfile=f"a/{old}",
                    tofile=f"b/{new}",
                )
            )
            body = [
                line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                for line in body
            ]
        texts.append("".join(header + body))
    return texts
