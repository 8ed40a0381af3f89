"""Near-miss matching of names (hook names, platform file names, object fields).

A near miss (docs/spec.md §2): the same name after lower-casing and dropping ``_``/``-``, or an
edit distance of at most 2 (3 for names over 20 characters), and closer to that name than to
any other candidate. Hook names also match without their ``async_`` prefix
(``get_authorization_server``), a slip the catalogue names explicitly.

The standard library has no edit distance (``difflib`` ranks by ratio, which does not give the
catalogue's "at most 2 edits"), so the few lines of optimal-string-alignment distance live here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable


@functools.lru_cache(maxsize=64)
def _floor(target: str) -> int:
    """No name shorter than this can be a near miss of ``target`` (by any clause)."""
    return min(len(_squash(target)), len(target) - _limit(target))


def _squash(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "")


def edit_distance(a: str, b: str, bound: int | None = None) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, transpositions.

    With ``bound``, stops early and returns ``bound + 1`` once the distance must exceed it.
    """
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if bound is not None and min(cur) > bound:
            return bound + 1
        prev2, prev = prev, cur
    return prev[-1]


def _limit(target: str) -> int:
    return 3 if len(target) > 20 else 2


def _score(name: str, target: str, allow_prefix: str | None) -> int | None:
    """0 for a squash match, else the edit distance when within the limit, else None."""
    if name == target or len(name) < _floor(target) - 6:
        return None  # cheap: most names in a folder are nowhere near (sensor, const, ...)
    if _squash(name) == _squash(target):
        return 0
    if allow_prefix and target.startswith(allow_prefix) and name == target[len(allow_prefix) :]:
        return 0
    limit = _limit(target)
    if abs(len(name) - len(target)) > limit:
        return None  # cheap: most names in a folder are nowhere near (sensor.py, ...)
    distance = edit_distance(name.lower(), target.lower(), bound=limit)
    return distance if distance <= limit else None


def near_miss(name: str, targets: Iterable[str], allow_prefix: str | None = None) -> str | None:
    """The one target ``name`` is a near miss of, or None (no match, or a tie)."""
    scored: list[tuple[int, str]] = []
    for target in targets:
        score = _score(name, target, allow_prefix)
        if score is not None:
            scored.append((score, target))
    if not scored:
        return None
    scored.sort()
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]
