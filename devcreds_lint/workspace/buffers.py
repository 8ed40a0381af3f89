"""The integration a path belongs to, when its text comes from somewhere other than the disk
(standard input with ``--stdin-filename``, an unsaved editor buffer): one answer for the
command line and the language server."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable

from devcreds_lint.contracts import MANIFEST, Profile
from devcreds_lint.discovery import (
    Integration,
    integration_at,
    is_generated_listing,
    package_modules,
    platform_files,
)


def integration_for(
    path: str, profiles: tuple[Profile, ...], extra_names: Iterable[str] = ()
) -> Integration | None:
    """The integration ``path`` belongs to, with ``path`` counted as present; ``extra_names``
    are other files of its folder open in an editor that may not exist on disk yet.

    A file in a folder without ``manifest.json`` is an integration of its own only when it is
    itself a platform module (docs/spec.md: naming the file counts). None: nothing to check.
    """
    if is_generated_listing(path):
        return None
    folder = os.path.dirname(path) or "."
    found = integration_at(folder, profiles) if os.path.isdir(folder) else None
    names = (found.names if found else frozenset()) | {os.path.basename(path), *extra_names}
    platforms = tuple(platform_files(folder, names, profiles))
    if found is None:
        base = os.path.basename(path)
        platforms = tuple(p for p in platforms if os.path.basename(p.path) == base)
        if not platforms:
            return None
        manifest = os.path.join(folder, MANIFEST)
        return Integration(
            folder,
            manifest if os.path.isfile(manifest) else None,
            platforms,
            names,
            *package_modules(folder, names),
        )
    return dataclasses.replace(found, platforms=platforms, names=names)
