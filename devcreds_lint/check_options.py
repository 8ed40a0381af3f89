"""What one check needs to know (:class:`CheckOptions`) and which rules it runs
(:class:`Selection`). Kept apart from the engine so that whoever only prepares a check (the
language server, the cache, the worker processes' parent) never imports libcst."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from devcreds_lint.contracts import PROFILES, Profile
from devcreds_lint.settings import Settings

INTERNAL_ERROR = "DC000"
"""A crash of a rule (``rules/internal.py``): always reported, whatever is selected."""


def code_matches(code: str, selectors: frozenset[str]) -> bool:
    return any(code.startswith(s) for s in selectors)


@dataclass(frozen=True)
class Selection:
    """Which rules run: ``select`` and ``ignore`` hold codes or prefixes (``DC2``)."""

    select: frozenset[str] = frozenset({"DC"})
    ignore: frozenset[str] = frozenset()

    def enabled(self, code: str) -> bool:
        return _enabled(self, code)


@functools.lru_cache(maxsize=4096)
def _enabled(selection: Selection, code: str) -> bool:
    if code == INTERNAL_ERROR:
        return True
    if not code_matches(code, selection.select):
        return False
    # The more specific selector wins, as in Ruff: --select DC203 --ignore DC2 keeps DC203.
    best_select = max((len(s) for s in selection.select if code.startswith(s)), default=-1)
    best_ignore = max((len(s) for s in selection.ignore if code.startswith(s)), default=-1)
    return best_select > best_ignore


@dataclass(frozen=True)
class CheckOptions:
    profiles: tuple[Profile, ...] = PROFILES
    selection: Selection = field(default_factory=Selection)
    settings: Settings = field(default_factory=Settings)
    # (glob, codes) pairs: codes ignored in files whose path matches the glob.
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    root: str = "."
