"""Shared test helpers: lay out small integrations, run the checker and the fixer on them."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devcreds_lint.contracts import PROFILES
from devcreds_lint.discovery import discover
from devcreds_lint.engine import CheckOptions, Selection, check_integration
from devcreds_lint.fixing.rounds import fix_integration
from devcreds_lint.fixing.writing import write_changes
from devcreds_lint.model import Diagnostic
from devcreds_lint.rules.examples import default_files


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Write files (text via UTF-8 with surrogateescape, so lone surrogates become raw bytes)."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogateescape")
        path.write_bytes(data)


def make_integration(
    root: Path,
    files: Mapping[str, str | bytes],
    profile: str = "application_credentials",
    domain: str = "example",
) -> Path:
    folder = root / "custom_components" / domain
    defaults = default_files(profile)
    # The manifest names the folder's domain (DC609 reports a mismatch).
    defaults["manifest.json"] = defaults["manifest.json"].replace(
        '"domain": "example"', f'"domain": {json.dumps(domain)}'
    )
    write_tree(folder, {**defaults, **files})
    return folder


def check_paths(*paths: Path | str, options: CheckOptions | None = None) -> list[Diagnostic]:
    found = discover([str(p) for p in paths], PROFILES)
    result: list[Diagnostic] = []
    for integration in found.integrations:
        result.extend(check_integration(integration, options or CheckOptions()))
    return sorted(result, key=Diagnostic.sort_key)


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def fix_paths(
    *paths: Path | str, unsafe: bool = False, only: str | None = None
) -> list[Diagnostic]:
    """Run the fixer and write; returns what remains."""
    options = CheckOptions(selection=Selection(frozenset({only}))) if only else CheckOptions()
    remaining: list[Diagnostic] = []
    for integration in discover([str(p) for p in paths], PROFILES).integrations:
        result = fix_integration(integration, options, unsafe=unsafe)
        assert write_changes(result) == []
        remaining.extend(result.remaining)
    return remaining


def read_tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)).replace(os.sep, "/"): p.read_bytes().decode(
            "utf-8", errors="surrogateescape"
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@dataclass
class CliResult:
    """What one CLI run gave: exit code, standard output, standard error."""

    code: int
    out: str
    err: str

    def findings(self) -> set[tuple[str, str]]:
        """(code, filename) of each finding in ``--output-format json`` output."""
        return {(d["code"], d["filename"].replace(os.sep, "/")) for d in json.loads(self.out)}


def run_cli(
    *args: str,
    cwd: Path | None = None,
    stdin: str | None = None,
    timeout: float = 120,
    errors: str = "strict",
) -> tuple[int, str, str]:
    """Run the real entry point of this checkout in a subprocess (exit codes and stderr
    exactly as users see them). ``errors="replace"`` for output that may not be UTF-8."""
    proc = subprocess.run(
        [sys.executable, "-m", "devcreds_lint", *args],
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        errors=errors,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
    )
    return proc.returncode, proc.stdout, proc.stderr


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert "internal error" not in stderr


def sync_fixed(data: bytes) -> bytes:
    """A module with a sync hook, as DC203's fix leaves it (``async `` added)."""
    return data.replace(
        b"def async_get_authorization_server", b"async def async_get_authorization_server"
    )


def deny(monkeypatch: Any, module: object, name: str, denied: Path) -> None:
    """Make ``module.name`` (os.open, os.scandir) fail with EACCES for one path, as for a
    user without read permission (tests run as root, where chmod 000 does not stop reads)."""
    real = getattr(os, name)

    def fake(path: object, *args: object, **kwargs: object) -> object:
        if os.path.abspath(os.fspath(path)) == str(denied):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(module, "os", _OsProxy(name, fake))


class _OsProxy:
    """``os`` with one function replaced (monkeypatching os itself would affect pytest too)."""

    def __init__(self, name: str, function: object) -> None:
        self._name = name
        self._function = function

    def __getattr__(self, attribute: str) -> object:
        return self._function if attribute == self._name else getattr(os, attribute)


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux: ``/proc``)."""
    found: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
            found.extend(int(child) for child in handle.read().split())
    return found


def process_gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie not yet reaped has ended too)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except OSError:
        return True
