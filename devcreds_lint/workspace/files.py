"""Which paths are left out: ``exclude``/``extend-exclude`` patterns and ``.gitignore``,
for the command line, standard input and the editor alike."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable
from typing import Any

from devcreds_lint.workspace.config import Config


class Excluder:
    """Whether a path is excluded by ``exclude``/``extend-exclude`` or ``.gitignore``.

    A pattern without ``/`` matches any single path component (``venv``, ``*.egg-info``);
    one with ``/`` matches the path relative to the configuration's folder.
    """

    def __init__(self, config: Config) -> None:
        patterns = config.exclude + config.extend_exclude
        names = [p for p in patterns if "/" not in p]
        paths = [p for p in patterns if "/" in p]
        self.name_re = re.compile("|".join(fnmatch.translate(p) for p in names)) if names else None
        self.path_re = re.compile("|".join(fnmatch.translate(p) for p in paths)) if paths else None
        self.root = os.path.abspath(config.root)
        self.gitignored = _GitIgnored() if config.respect_gitignore else None

    def __call__(self, path: str) -> bool:
        absolute = os.path.abspath(path)
        relative = os.path.relpath(absolute, self.root).replace(os.sep, "/")
        if self.name_re is not None and any(
            self.name_re.match(part) for part in relative.split("/") if part not in ("..", ".")
        ):
            return True
        return self._by_path(absolute, relative)

    def child(self, path: str) -> bool:
        """The same for a folder met while walking, whose parents were already checked: only
        its own name can match a name pattern (a cheaper test on large trees)."""
        if self.name_re is not None and self.name_re.match(os.path.basename(path)):
            return True
        if self.path_re is None and (
            self.gitignored is None or not self.gitignored.may_ignore(path)
        ):
            return False  # the common case, decided without computing any path
        absolute = os.path.abspath(path)
        return self._by_path(absolute, os.path.relpath(absolute, self.root).replace(os.sep, "/"))

    def _by_path(self, absolute: str, relative: str) -> bool:
        if self.path_re is not None and (
            self.path_re.match(relative) or self.path_re.match(absolute)
        ):
            return True
        return self.gitignored is not None and self.gitignored(absolute)


class _GitIgnored:
    """Whether a path is ignored by the ``.gitignore`` and ``.git/info/exclude`` of the git
    repository it lies in, found from the path upwards (not from the configuration's folder:
    ``devcreds-lint check ../repo`` and a repository below the configuration file count too)."""

    def __init__(self) -> None:
        self._tops: dict[str, str | None] = {}
        self._specs: dict[str, Any] = {}

    def _repository(self, folder: str) -> str | None:
        if folder not in self._tops:
            if os.path.exists(os.path.join(folder, ".git")):
                self._tops[folder] = folder
            else:
                parent = os.path.dirname(folder)
                self._tops[folder] = None if parent == folder else self._repository(parent)
        return self._tops[folder]

    def _spec(self, top: str) -> Any:
        if top not in self._specs:
            lines: list[str] = []
            for name in (".gitignore", os.path.join(".git", "info", "exclude")):
                try:
                    with open(
                        os.path.join(top, name), encoding="utf-8", errors="replace"
                    ) as handle:
                        lines.extend(handle.read().splitlines())
                except OSError:
                    continue
            import pathspec

            self._specs[top] = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        return self._specs[top]

    def may_ignore(self, path: str) -> bool:
        """Whether ``path`` lies in a git repository with ignore patterns (one cached lookup
        per folder)."""
        top = self._repository(os.path.dirname(os.path.abspath(path)))
        return top is not None and self._spec(top) is not None

    def __call__(self, absolute: str) -> bool:
        top = self._repository(os.path.dirname(absolute))
        spec = self._spec(top) if top is not None else None
        if spec is None:
            return False
        relative = os.path.relpath(absolute, top).replace(os.sep, "/")
        return bool(spec.match_file(relative + ("/" if os.path.isdir(absolute) else "")))


def named_path_excluded(path: str, excluded: Callable[[str], bool], root: str) -> bool:
    """Whether a path named on the command line, or a folder above it (up to the configuration
    root), is excluded: ``exclude = ["custom_components/vendored"]`` covers the files pre-commit
    names in that folder, not only the folder itself."""
    current = os.path.abspath(path)
    top = os.path.abspath(root)
    while current != top:  # the root itself is never excluded
        if excluded(current):
            return True
        parent = os.path.dirname(current)
        if parent == current or os.path.commonpath([parent, top]) != top:
            break
        current = parent
    return False
