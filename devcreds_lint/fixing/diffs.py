"""Unified diffs of what ``--fix`` would change, git-style for renames."""

from __future__ import annotations

import difflib
import os

from devcreds_lint.fixing.rounds import FixResult
from devcreds_lint.parsing.reading import SourceText, read_source
from devcreds_lint.paths import display_path
from devcreds_lint.redaction import Redactor, Sources


def _display(path: str) -> str:
    return display_path(path).replace(os.sep, "/").lstrip("/")


def _redactor(result: FixResult) -> Redactor:
    """The hard-coded secrets among the remaining findings, to keep them out of diffs."""

    def text_of(path: str) -> str | None:
        state = result.files.get(path)
        if state is not None:
            return state.text
        source = read_source(path)
        return source.text if isinstance(source, SourceText) else None

    return Redactor(result.remaining, Sources(text_of), result.secret_texts)


def unified_diff(result: FixResult) -> list[str]:
    """One diff text per changed or renamed file, sorted by path. A hard-coded secret in a
    context line is shown as ``***``, as in every report."""
    redactor = _redactor(result)
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
        # Only the lines of code can hold a secret; paths are shown as they are.
        texts.append("".join(header) + redactor.scrub("".join(body)))
    return texts
