"""Unified diffs of what ``--fix`` would change, git-style for renames."""

from __future__ import annotations

import difflib
import os

from devcreds_lint.fixing.rounds import FixResult
from devcreds_lint.paths import display_path


def _display(path: str) -> str:
    return display_path(path).replace(os.sep, "/").lstrip("/")


def secrets_in(result: FixResult) -> set[str]:
    """The text of every redacted finding (hard-coded secrets), to keep it out of diffs."""
    from devcreds_lint.parsing.reading import read_source
    from devcreds_lint.text import line_starts

    found: set[str] = set()
    for diag in result.remaining:
        if not diag.redacted:
            continue
        state = result.files.get(diag.path)
        if state is not None:
            text = state.text
        else:
            source = read_source(diag.path)
            text = getattr(source, "text", "")
        starts = line_starts(text)
        if diag.start.row > len(starts) or diag.end.row > len(starts):
            continue
        begin = starts[diag.start.row - 1] + diag.start.column - 1
        end = starts[diag.end.row - 1] + diag.end.column - 1
        value = text[begin:end]
        if value.strip():
            found.add(value)
    return found


def _scrub(text: str, secrets: set[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def unified_diff(result: FixResult) -> list[str]:
    """One diff text per changed or renamed file, sorted by path. A hard-coded secret in a
    context line is shown as ``***``, as in every report."""
    secrets = secrets_in(result)
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
        texts.append(_scrub("".join(header + body), secrets))
    return texts
