"""Shared test helpers: lay out small integrations, run the checker and the fixer on them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

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
    write_tree(folder, {**default_files(profile), **files})
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


@dataclass
class CliResult:
    """What one CLI run gave: exit code, standard output, standard error."""

    code: int
    out: str
    err: str

    def findings(self) -> set[tuple[str, str]]:
        """(code, filename) of each finding in ``--output-format json`` output."""
        return {(d["code"], d["filename"].replace(os.sep, "/")) for d in json.loads(self.out)}


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> tuple[int, str, str]:
    """Run the real entry point of this checkout in a subprocess (exit codes and stderr
    exactly as users see them)."""
    proc = subprocess.run(
        [sys.executable, "-m", "devcreds_lint", *args],
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
    )
    return proc.returncode, proc.stdout, proc.stderr
