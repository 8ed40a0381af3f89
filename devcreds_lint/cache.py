"""The result cache (``.devcreds_lint_cache/``, ignoring itself like Ruff's).

An integration's findings are stored under a key made of the tool version and build, the resolved
settings, the folder, the names in it, and the bytes of every file a finding can depend on.
Nothing here imports libcst: a warm run over unchanged files never parses anything.

The cache is one JSON file per settings; it is read once, merged and replaced atomically at
the end of a run, so two runs at once never corrupt it (the last one wins). A file that is
not ours, or is damaged, is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from devcreds_lint import __version__
from devcreds_lint.contracts import INTEGRATION_FILES
from devcreds_lint.discovery import Integration
from devcreds_lint.fixing.leftovers import (
    CACHE_TEMP_NAME,
    CACHE_TEMP_PREFIX,
    remove_stale_temp_files,
)
from devcreds_lint.model import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    Location,
    Rename,
    Severity,
    Span,
)
from devcreds_lint.parsing.reading import Snapshot, Unreadable
from devcreds_lint.settings import DEFAULT_MAX_BYTES
from devcreds_lint.workspace.options import RunOptions

if TYPE_CHECKING:
    from devcreds_lint.check_options import CheckOptions

FORMAT = 2  # 2: findings carry their secrets' spans ("k"), messages scrubbed
MAX_ENTRIES = 50_000
DEFAULT_DIR = ".devcreds_lint_cache"
# Files besides the platform modules whose contents can change an integration's findings.


def _loc(loc: Location) -> list[int]:
    return [loc.row, loc.column]


def dump(diag: Diagnostic) -> dict[str, Any]:
    fix = None
    if diag.fix is not None:
        fix = {
            "a": diag.fix.applicability.value,
            "m": diag.fix.message,
            "e": [[_loc(e.start), _loc(e.end), e.content] for e in diag.fix.edits],
            "r": diag.fix.rename.new_name if diag.fix.rename else None,
        }
    return {
        "c": diag.code,
        "n": diag.name,
        "s": diag.severity.value,
        "m": diag.message,
        "p": diag.path,
        "b": _loc(diag.start),
        "e": _loc(diag.end),
        "f": fix,
        "x": diag.redacted,
        "l": diag.file_level,
        # Where the secrets are, never what they are.
        "k": [[s.path, _loc(s.start), _loc(s.end)] for s in diag.secrets],
    }


def load(data: dict[str, Any]) -> Diagnostic:
    fix = None
    if data["f"] is not None:
        f = data["f"]
        fix = Fix(
            Applicability(f["a"]),
            f["m"],
            tuple(Edit(Location(*s), Location(*e), c) for s, e, c in f["e"]),
            Rename(f["r"]) if f["r"] else None,
        )
    return Diagnostic(
        code=data["c"],
        name=data["n"],
        severity=Severity(data["s"]),
        message=data["m"],
        path=data["p"],
        start=Location(*data["b"]),
        end=Location(*data["e"]),
        fix=fix,
        redacted=data["x"],
        file_level=data["l"],
        secrets=tuple(Span(p, Location(*b), Location(*e)) for p, b, e in data.get("k", ())),
    )


def _results_file(folder: str, settings_key: str) -> str:
    return os.path.join(folder, f"results-{settings_key[:16]}.json")


def code_build(package: str = os.path.dirname(os.path.abspath(__file__))) -> str:
    """What identifies the code that makes the findings, beyond its version: each module of
    the package by name, size and modification time. An install from git, or an edited
    checkout, keeps the version while its rules change; without this its cache would hand
    back the previous code's findings. A ``stat`` per module (~140), no reading."""
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _location(options: RunOptions) -> tuple[str, str]:
    """(the cache's folder, the key of these settings)."""
    config = options.config
    folder = options.cache_dir or config.cache_dir or os.path.join(config.root, DEFAULT_DIR)
    selection = options.check_options.selection
    settings = json.dumps(
        [
            __version__,
            code_build(),
            FORMAT,
            sorted(selection.select),
            sorted(selection.ignore),
            [p.name for p in options.profiles],
            config.max_file_size,
            {k: dict(v) for k, v in config.rule_options.items()},
            [[g, list(c)] for g, c in config.per_file_ignores],
            os.path.abspath(config.root),
        ],
        sort_keys=True,
        default=str,
    )
    return folder, hashlib.sha256(settings.encode()).hexdigest()


@dataclass(frozen=True)
class Keying:
    """How an integration's state becomes a cache key: the settings' key and the files'
    bytes. Small and picklable: worker processes key what they check."""

    settings_key: str
    max_bytes: int

    def key(self, integration: Integration, snapshot: Snapshot | None = None) -> str | None:
        """The key of the integration's files as ``snapshot`` reads them (by default, as they
        are now); None if a file cannot be read."""
        read = snapshot.raw if snapshot is not None else Snapshot(self.max_bytes).raw
        digest = hashlib.sha256(self.settings_key.encode())
        digest.update(os.path.abspath(integration.folder).encode("utf-8", "surrogateescape"))
        digest.update("\0".join(sorted(integration.names)).encode("utf-8", "surrogateescape"))
        for p in integration.platforms:
            digest.update(p.path.encode("utf-8", "surrogateescape"))
        files = [p.path for p in integration.platforms]
        files += [
            os.path.join(integration.folder, n) for n in INTEGRATION_FILES if n in integration.names
        ]
        for path in files:
            # Never blocks on a FIFO, never reads more than the size limit.
            raw = read(path)
            if isinstance(raw, Unreadable):
                return None  # unreadable files are reported fresh every time
            digest.update(b"\0" + hashlib.sha256(raw).digest())
        # Any other top-level module may call an implementation class or hold a credential
        # (IntegrationFacts.credential_modules reads it; an unreadable one is skipped there).
        platforms = {os.path.basename(p.path) for p in integration.platforms}
        modules = [
            name
            for name in sorted(integration.names)
            if name.endswith(".py")
            and "/" not in name
            and name not in INTEGRATION_FILES
            and name not in platforms
        ]
        # The modules of its sub-packages: an import in config_flow.py is followed into them
        # (facts/own_modules.py), and DC607 looks in them for a registration.
        modules += sorted(integration.packages)
        digest.update(b"\0complete" if integration.packages_complete else b"\0incomplete")
        for name in modules:
            raw = read(os.path.join(integration.folder, name))
            seen = b"unreadable" if isinstance(raw, Unreadable) else hashlib.sha256(raw).digest()
            digest.update(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0" + seen)
        return digest.hexdigest()


# (cache key, findings) of one integration.
Keyed = tuple[str | None, list[Diagnostic]]


def check_keyed(integration: Integration, options: CheckOptions, keying: Keying | None) -> Keyed:
    """(the cache key, the findings) of an integration, both from one read of each file: a
    file changed between the two reads can never store one content's findings under the
    other's key. ``keying`` None: no key."""
    from devcreds_lint.engine import check_integration

    snapshot = Snapshot(keying.max_bytes if keying else options.settings.max_bytes)
    key = keying.key(integration, snapshot) if keying is not None else None
    return key, check_integration(integration, options, disk=snapshot)


class Cache:
    def __init__(self, folder: str, settings_key: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.folder = folder
        self.settings_key = settings_key
        self.file = _results_file(folder, settings_key)
        self.keying = Keying(settings_key, max_bytes)
        self.entries: dict[str, list[dict[str, Any]]] = self._read()
        self.added: dict[str, list[dict[str, Any]]] = {}

    @classmethod
    def open(cls, options: RunOptions) -> Cache | None:
        """The cache for these options, or None when caching is off."""
        if not options.use_cache:
            return None
        folder, settings_key = _location(options)
        return cls(folder, settings_key, options.config.max_file_size)

    @staticmethod
    def file_for(options: RunOptions) -> str:
        """The file the cache for these options is kept in (whether or not it exists)."""
        folder, settings_key = _location(options)
        return _results_file(folder, settings_key)

    def _read(self) -> dict[str, list[dict[str, Any]]]:
        try:
            with open(self.file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("tool") != "devcreds-lint"
            or data.get("version") != __version__
            or data.get("format") != FORMAT
            or not isinstance(data.get("entries"), dict)
        ):
            return {}
        entries: dict[str, list[dict[str, Any]]] = data["entries"]
        return entries

    def key(self, integration: Integration, snapshot: Snapshot | None = None) -> str | None:
        """The key of an integration's current state; None if a file cannot be read."""
        return self.keying.key(integration, snapshot)

    def get(self, key: str) -> list[Diagnostic] | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            return [load(d) for d in entry]
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        if any(d.code == "DC000" for d in diagnostics):
            return  # never cache a crash
        self.added[key] = [dump(d) for d in diagnostics]

    def save(self) -> None:
        if not self.added:
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            ignore = os.path.join(self.folder, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as handle:
                    handle.write("# Automatically created by devcreds-lint.\n*\n")
            merged = {**self._read(), **self.entries, **self.added}
            if len(merged) > MAX_ENTRIES:
                merged = dict(list(merged.items())[-MAX_ENTRIES:])
            payload = {
                "tool": "devcreds-lint",
                "version": __version__,
                "format": FORMAT,
                "entries": merged,
            }
            remove_stale_temp_files(self.folder, pattern=CACHE_TEMP_NAME)
            fd, temp = tempfile.mkstemp(
                prefix=f"{CACHE_TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=self.folder
            )
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(payload, handle, separators=(",", ":"))
                os.replace(temp, self.file)
            finally:  # a disk full, an interrupt: never leave the temporary file behind
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        except OSError:
            pass  # a cache that cannot be written only costs speed
