#!/usr/bin/env python3
"""The floor: the least work any checker of these platform modules must do, done serially.

For every PATH: list the integration folders (one level under each ``components`` /
``custom_components`` folder found below PATH, or PATH's own children when there is none),
read each platform module (``application_credentials.py`` / ``developer_credentials.py``) and
its ``manifest.json``, and parse the module with ``libcst.parse_module``. Nothing else: no
rules, no cache, no output beyond a one-line count. A PATH that is a file is read and parsed
together with the ``manifest.json`` next to it.

    python benchmarks/floor.py PATH...
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence

import libcst

PLATFORM_FILES = ("application_credentials.py", "developer_credentials.py")
COMPONENT_DIRS = frozenset({"components", "custom_components"})


def component_dirs(root: str) -> list[str]:
    """Every components/custom_components folder below ``root``, not descending into them."""
    found: list[str] = []
    for folder, subdirs, _files in os.walk(root):
        hits = [d for d in subdirs if d in COMPONENT_DIRS]
        found += [os.path.join(folder, d) for d in hits]
        subdirs[:] = sorted(d for d in subdirs if d not in COMPONENT_DIRS and d[0] != ".")
    return found


def integration_dirs(root: str) -> Iterator[str]:
    parents = component_dirs(root) or [root]
    for parent in parents:
        with os.scandir(parent) as entries:
            yield from sorted(e.path for e in entries if e.is_dir())


def read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, NotADirectoryError):
        return None


def check_module(path: str, source: bytes) -> None:
    read(os.path.join(os.path.dirname(path), "manifest.json"))
    with contextlib.suppress(libcst.ParserSyntaxError, UnicodeDecodeError):
        libcst.parse_module(source.decode("utf-8"))


def main(argv: Sequence[str]) -> int:
    if not argv:
        print("usage: floor.py PATH...", file=sys.stderr)
        return 2
    folders = modules = 0
    for root in argv:
        if os.path.isfile(root):
            source = read(root)
            if source is not None:
                check_module(root, source)
                modules += 1
            continue
        for folder in integration_dirs(root):
            folders += 1
            for name in PLATFORM_FILES:
                path = os.path.join(folder, name)
                source = read(path)
                if source is not None:
                    check_module(path, source)
                    modules += 1
    print(f"floor: {folders} integration folders, {modules} platform modules parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
