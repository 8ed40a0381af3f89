"""Paths -> integrations: which folders are integrations and which platform modules they hold.

Discovery lists folders and file names and never parses a file. A folder is an integration
when it holds a ``manifest.json``; a platform file named directly by the user counts even
without one (docs/spec.md §1). An integration without a platform module (or a near miss of one)
is kept only when it may need one (DC607): a byte search of its ``manifest.json`` and
``config_flow.py`` decides (:func:`may_need_platform`), so a tree of 1,400 integrations costs
1,400 ``scandir`` calls and about 2,400 small reads. Only a folder kept as an integration has
its sub-packages listed (:func:`package_modules`, bounded): the few dozen of such a tree.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from devcreds_lint.contracts import (
    CONFIG_FLOW,
    INTEGRATION_FILES,
    MANIFEST,
    OAUTH2_FLOW_HANDLER,
    PROFILES,
    Profile,
)
from devcreds_lint.naming import near_miss
from devcreds_lint.settings import DEFAULT_MAX_BYTES

# Never walked into, whatever the configuration says (hidden folders neither). Everything else
# that is usually skipped (venv, build, node_modules, ...) is config.DEFAULT_EXCLUDE, which a
# user may replace.
SKIP_DIRS = frozenset({"__pycache__", "site-packages", "env"})


@dataclass(frozen=True)
class PlatformFile:
    """A platform module of ``profile``; ``misspelled`` when its name is a near miss (DC101);
    ``unsafe_rename`` when its rename to ``profile``'s file is not certain (facts/rename_target)."""

    path: str
    profile: Profile
    misspelled: bool = False
    unsafe_rename: bool = False


@dataclass(frozen=True)
class Integration:
    """``names``: the folder's listing, plus the integration files of sub-folders that exist
    (``translations/en.json``), so that :meth:`sibling` answers for both.

    ``packages``: the Python modules of its sub-packages, relative to the folder
    (``api/__init__.py``, ``api/client.py``), which an import in its own modules may name
    (facts/own_modules.py follows them); ``packages_complete``: False when the listing stopped
    at its bounds (:func:`package_modules`), so a module not in it may still exist."""

    folder: str
    manifest: str | None
    platforms: tuple[PlatformFile, ...]
    names: frozenset[str]
    packages: frozenset[str] = frozenset()
    packages_complete: bool = True

    @property
    def domain(self) -> str:
        return os.path.basename(os.path.normpath(self.folder))

    @property
    def modules(self) -> list[str]:
        """Its Python modules, relative to the folder: the top-level ones (hidden ones left
        out), then those of its sub-packages (``api/auth.py``), each in name order."""
        top = sorted(
            n for n in self.names if n.endswith(".py") and "/" not in n and not n.startswith(".")
        )
        return [*top, *sorted(self.packages)]

    def sibling(self, name: str) -> str | None:
        if name in self.names or name in self.packages:
            return os.path.join(self.folder, name)
        return None


def is_generated_listing(path: str) -> bool:
    """``homeassistant/generated/application_credentials.py`` lists domains; it is no platform."""
    parts = os.path.normpath(os.path.abspath(path)).split(os.sep)
    return len(parts) >= 3 and parts[-3] == "homeassistant" and parts[-2] == "generated"


def _list_names(folder: str) -> frozenset[str] | None:
    try:
        with os.scandir(folder) as entries:
            return frozenset(entry.name for entry in entries)
    except OSError:
        return None


def platform_files(
    folder: str, names: frozenset[str], profiles: tuple[Profile, ...]
) -> tuple[PlatformFile, ...]:
    """The platform modules in a folder, exact names first, then near misses (DC101)."""
    found: list[PlatformFile] = []
    present = {p.platform_file for p in profiles if p.platform_file in names}
    for profile in profiles:
        if profile.platform_file in names:
            found.append(PlatformFile(os.path.join(folder, profile.platform_file), profile))
    stems = {p.platform_stem: p for p in profiles}
    names_of_stems = tuple(stems)
    near = [
        (name, target)
        for name in names
        if name.endswith(".py") and name not in present and name[:-3] not in stems
        for target in (_near_stem(name[:-3], names_of_stems),)
        if target is not None
    ]
    for name, target in sorted(near):
        profile = stems[target]
        if profile.platform_file in present:
            continue
        found.append(PlatformFile(os.path.join(folder, name), profile, misspelled=True))
    return tuple(found)


def leftover_platform_files(
    names: frozenset[str], profiles: tuple[Profile, ...]
) -> list[tuple[str, Profile]]:
    """(file name, profile) of each near miss of a platform file name that sits beside the
    correct file (DC103): Home Assistant loads only the correct one. Sorted by name."""
    present = {p.platform_stem: p for p in profiles if p.platform_file in names}
    if not present:
        return []
    stems = tuple(p.platform_stem for p in profiles)
    found = []
    for name in sorted(names):
        if not name.endswith(".py") or name[:-3] in stems:
            continue
        target = _near_stem(name[:-3], stems)
        if target is not None and target in present:
            found.append((name, present[target]))
    return found


@functools.lru_cache(maxsize=4096)
def _near_stem(stem: str, stems: tuple[str, ...]) -> str | None:
    """:func:`~devcreds_lint.naming.near_miss`, once per module name: the same names
    (``sensor``, ``const``, ``config_flow``) fill every folder of a large tree, and measuring
    each against the platform names was ~10 % of a warm run over 1,400 integrations."""
    return near_miss(stem, stems)


NESTED_FILES = tuple(n for n in INTEGRATION_FILES if "/" in n)
"""The integration files that live in a sub-folder (``translations/en.json``)."""


def nested_files(folder: str, names: frozenset[str]) -> frozenset[str]:
    """Which :data:`NESTED_FILES` exist: one ``stat`` each, and only when the folder's
    listing holds their sub-folder."""
    return frozenset(
        n
        for n in NESTED_FILES
        if n.split("/", 1)[0] in names and os.path.isfile(os.path.join(folder, n))
    )


# Sub-folders never listed for Python modules (nor hidden ones, which are no identifiers):
# ``__pycache__`` holds no source, and ``translations`` holds JSON.
_NOT_PACKAGES = frozenset({"__pycache__", "translations"})
PACKAGE_DEPTH = 4
"""How deep :func:`package_modules` lists (``api/`` is depth 1, ``a/b/c/d/`` depth 4)."""
PACKAGE_FILES = 300
"""How many modules :func:`package_modules` lists at most (an integration has a handful)."""


def package_modules(folder: str, names: frozenset[str]) -> tuple[frozenset[str], bool]:
    """(the ``.py`` files of the folder's sub-folders, relative and ``/``-separated; whether
    the listing is complete). Sub-folders of sub-folders are listed too, down to
    :data:`PACKAGE_DEPTH` and up to :data:`PACKAGE_FILES` modules; a folder deeper, one more
    module, a folder that cannot be listed or a link to a folder makes it incomplete (an
    import into the part not seen is unknown, never "missing"). Only names that are
    identifiers are looked at (``sensor.py`` is no folder an import reaches): one ``stat``
    each."""
    found: set[str] = set()
    complete = True
    stack = [("", n) for n in sorted(names, reverse=True) if _may_be_package(n)]
    while stack:
        parent, name = stack.pop()
        relative = f"{parent}{name}"
        path = os.path.join(folder, *relative.split("/"))
        try:
            if not os.path.isdir(path):
                continue
            if os.path.islink(path) or relative.count("/") >= PACKAGE_DEPTH:
                complete = False
                continue
            with os.scandir(path) as scan:
                entries = sorted(e.name for e in scan)
        except OSError:
            complete = False
            continue
        for entry in entries:
            if entry.endswith(".py") and entry[:-3].isidentifier():
                if len(found) >= PACKAGE_FILES:
                    complete = False
                    continue
                found.add(f"{relative}/{entry}")
        # Depth first, in name order: the same files are listed every time the bound is hit.
        stack.extend((f"{relative}/", e) for e in reversed(entries) if _may_be_package(e))
    return frozenset(found), complete


def _may_be_package(name: str) -> bool:
    """A name an import can reach as a folder: an identifier (no suffix, not hidden; a file
    with a suffix costs no ``stat``) that is not skipped."""
    return name.isidentifier() and name not in _NOT_PACKAGES


def integration_at(
    folder: str, profiles: tuple[Profile, ...], names: frozenset[str] | None = None
) -> Integration | None:
    """The integration in ``folder`` (``names``: its listing, when the caller has it)."""
    names = _list_names(folder) if names is None else names
    if names is None:
        return None
    platforms = platform_files(folder, names, profiles)
    if not platforms and not may_need_platform(folder, names, profiles):
        return None
    manifest = os.path.join(folder, MANIFEST) if MANIFEST in names else None
    packages, complete = package_modules(folder, names)
    return Integration(
        folder, manifest, platforms, names | nested_files(folder, names), packages, complete
    )


# Opening a FIFO for reading waits for a writer; O_NONBLOCK makes it return at once.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 16


def _holds(path: str, needles: tuple[bytes, ...]) -> bool:
    """Whether the file ``path`` holds one of ``needles`` in its first
    :data:`~devcreds_lint.settings.DEFAULT_MAX_BYTES`; False when it cannot be read (nothing is
    known, nothing is widened). Never blocks on a FIFO (``O_NONBLOCK``); a folder fails to read."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return False
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= DEFAULT_MAX_BYTES:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if len(chunk) < _CHUNK:
                break  # a short read of a file is its end: no call to read nothing
    except OSError:
        return False
    finally:
        os.close(fd)
    raw = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    return any(needle in raw for needle in needles)


def is_component(folder: str) -> bool:
    """Whether ``folder`` is a credentials component itself
    (``homeassistant/components/application_credentials``), not an integration using one."""
    name = os.path.basename(os.path.normpath(os.path.abspath(folder)))
    return any(p.manifest_dependency == name for p in PROFILES)


@functools.lru_cache(maxsize=16)
def _quoted_components(dependencies: tuple[str, ...]) -> tuple[bytes, ...]:
    # Keyed by the names: hashing the profiles themselves (nested frozen dataclasses) cost
    # more than building these bytes.
    # A JSON escape of an ASCII character (``"application\u005fcredentials"``) hides a name
    # from the byte search: a manifest that holds one may need a platform too (the rule reads
    # the JSON). Escapes of other characters (``\u00e9`` in a name) cannot spell a component.
    escapes = tuple(f"\\u00{digit}".encode() for digit in "234567")
    return (*(f'"{name}"'.encode() for name in dependencies), *escapes)


def may_need_platform(folder: str, names: frozenset[str], profiles: tuple[Profile, ...]) -> bool:
    """Whether an integration without a platform module may need one (DC607): its
    ``manifest.json`` names a profile's component, or its ``config_flow.py`` names the OAuth2
    flow handler. A byte search, before any parse: the rule decides on the parsed files. Not
    when it has the platform module of a profile that is not enabled: it has one."""
    if MANIFEST not in names or any(p.platform_file in names for p in PROFILES):
        return False
    dependencies = tuple(p.manifest_dependency for p in profiles)
    found = _holds(os.path.join(folder, MANIFEST), _quoted_components(dependencies)) or (
        CONFIG_FLOW in names
        and _holds(os.path.join(folder, CONFIG_FLOW), (OAUTH2_FLOW_HANDLER.encode(),))
    )
    return found and not is_component(folder)


def integration_folder_of(path: str) -> str | None:
    """The integration folder of a named file that is one of the nested integration files
    (``<folder>/translations/en.json``), else None."""
    parts = os.path.normpath(path).replace(os.sep, "/")
    for nested in NESTED_FILES:
        if parts == nested:
            return "."
        if parts.endswith("/" + nested):
            return _path_head(path, nested.count("/") + 1)
    return None


def _path_head(path: str, drop: int) -> str:
    """``path`` without its last ``drop`` parts ("." when nothing is left)."""
    head = os.path.normpath(path)
    for _ in range(drop):
        head = os.path.dirname(head)
    return head or "."


class Exclusions(Protocol):
    """Which paths the walk leaves out (``workspace/files.py`` ``Excluder``)."""

    def __call__(self, path: str) -> bool:
        """Whether ``path`` is excluded."""

    def child(self, path: str) -> bool:
        """The same for a folder met while walking, whose parents were already checked."""


class NoExclusions:
    """Nothing is excluded."""

    def __call__(self, path: str) -> bool:
        return False

    def child(self, path: str) -> bool:
        return False


NOTHING_EXCLUDED = NoExclusions()


def _walk(
    root: str,
    excluded: Exclusions,
    unreadable: list[tuple[str, str]] | None = None,
    listings: dict[str, frozenset[str]] | None = None,
) -> Iterator[str]:
    """Integration folders under ``root`` (not descending into an integration). Folders that
    cannot be listed are added to ``unreadable`` as (folder, reason). Symbolic links to
    folders are not followed, so a link loop cannot make the walk endless."""
    # A folder met while walking needs only its own name checked (Exclusions.child).
    excluded_child = excluded.child
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError as exc:
            if unreadable is not None:
                unreadable.append((folder, exc.strerror or str(exc)))
            continue
        names = frozenset(e.name for e in entries)
        if MANIFEST in names:
            if listings is not None:
                listings[folder] = names
            yield folder
            continue
        entries.sort(key=lambda e: e.name)  # only folders we descend into need an order
        subdirs = []
        for entry in entries:
            if entry.name in SKIP_DIRS or entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False) and not excluded_child(entry.path):
                    subdirs.append(entry.path)
            except OSError:
                continue
        stack.extend(reversed(subdirs))


@dataclass(frozen=True)
class Discovered:
    integrations: tuple[Integration, ...]
    # Files named by the user that belong to no integration and are not platform files.
    ignored: tuple[str, ...] = ()
    # Folders that could not be listed (permissions), with the reason: nothing in them was
    # checked, which a caller should say rather than report a clean run.
    unreadable: tuple[tuple[str, str], ...] = ()


def _folder_key(folder: str) -> str:
    """One key per folder however it was named (``custom_components/x``, ``./x``, an absolute
    path): an integration named twice is checked once, under the first name met."""
    return os.path.normcase(os.path.abspath(folder))


def discover(
    paths: Iterable[str],
    profiles: tuple[Profile, ...],
    excluded: Exclusions = NOTHING_EXCLUDED,
) -> Discovered:
    """Integrations to check for the given paths, each once, sorted by folder."""
    by_folder: dict[str, Integration] = {}
    ignored: list[str] = []
    unreadable: list[tuple[str, str]] = []
    for path in paths:
        if os.path.isdir(path):
            listings: dict[str, frozenset[str]] = {}
            for folder in _walk(path, excluded, unreadable, listings):
                key = _folder_key(folder)
                if key not in by_folder:
                    found = integration_at(folder, profiles, listings.pop(folder, None))
                    if found is not None:
                        by_folder[key] = found
            continue
        found = _integration_for_file(path, profiles)
        if found is None:
            ignored.append(path)
        else:
            key = _folder_key(found.folder)
            by_folder.setdefault(key, found)
    ordered = tuple(by_folder[key] for key in sorted(by_folder))
    return Discovered(ordered, tuple(ignored), tuple(unreadable))


def _integration_for_file(path: str, profiles: tuple[Profile, ...]) -> Integration | None:
    if is_generated_listing(path):
        return None
    outer = integration_folder_of(path)
    if outer is not None:
        # translations/en.json: its integration is the folder above, when that has a manifest.
        listing = _list_names(outer)
        return integration_at(outer, profiles, listing) if listing and MANIFEST in listing else None
    folder = os.path.dirname(path) or "."
    names = _list_names(folder)
    if names is None:
        return None
    if MANIFEST in names:
        return integration_at(folder, profiles)
    # No manifest: only a platform file (or a near miss of one) the user named itself counts.
    base = os.path.basename(path)
    platforms = [
        p for p in platform_files(folder, names, profiles) if os.path.basename(p.path) == base
    ]
    if not platforms:
        return None
    return Integration(folder, None, tuple(platforms), names, *package_modules(folder, names))
