"""Regenerate devcreds_lint/component_names.py: the names `from
homeassistant.components.application_credentials import X` can import (DC403's data), and the
modules `homeassistant.helpers.*` and `homeassistant.components.application_credentials[.*]`
that exist (DC405's data).

For each Home Assistant version, downloads the ``homeassistant`` wheel from PyPI into a
temporary folder (never into this repository), reads
``homeassistant/components/application_credentials/__init__.py`` straight from the wheel with
Python's ``ast`` (the code is never imported or run, and none of it is copied: only the names
it binds at module level) and the names of the modules under ``homeassistant/helpers/`` and
the component's package, and writes the union over the versions, noting which names and
modules only some versions have.

    python scripts/gen_component_names.py [VERSION ...] [--tree VERSION=DIR ...] [--check]

``--tree 2026.2.3=/work/ha/2026.2.3`` reads an already unpacked wheel instead of downloading
it. ``--check`` writes nothing and exits 1 when the module is out of date.

A name counts when an import of it cannot fail: a module-level ``def``/``class``, an assignment
target, an ``import``/``from ... import`` (``vol``, ``override``: importable, though they only
re-export another library), names bound under a module-level ``if``/``try``/``with`` (either
branch may have run), and a sub-module of the package. Not ``__all__``: it lists three names
while ``AuthImplementation`` is importable and widely imported.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import os
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from collections.abc import Iterable

# One download for both scripts (this folder may not be on sys.path when loaded by file path).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_home_assistant import download

DEFAULT_VERSIONS = ("2026.2.3", "2026.11.0")
PACKAGE = "homeassistant/components/application_credentials/"
HELPERS = "homeassistant/helpers/"
MODULE_ROOTS = (HELPERS, PACKAGE)
INIT = PACKAGE + "__init__.py"
TARGET = os.path.join(os.path.dirname(__file__), "..", "devcreds_lint", "component_names.py")


def _wheel_sources(wheel: str) -> tuple[str, list[str], list[str]]:
    """(the component's ``__init__.py`` text, the package's member paths, the member paths
    under the module roots) from a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        members = [m for m in names if m.startswith(PACKAGE)]
        with archive.open(INIT) as handle:
            text = io.TextIOWrapper(handle, encoding="utf-8").read()
    return text, members, [m for m in names if m.startswith(MODULE_ROOTS)]


def _tree_sources(root: str) -> tuple[str, list[str], list[str]]:
    """The same from an unpacked wheel (``root`` holds ``homeassistant/``)."""
    package = os.path.join(root, PACKAGE)
    with open(os.path.join(root, INIT), encoding="utf-8") as handle:
        text = handle.read()
    members = [PACKAGE + name for name in os.listdir(package)]
    below: list[str] = []
    for prefix in MODULE_ROOTS:
        for folder, _dirs, files in os.walk(os.path.join(root, prefix)):
            relative = os.path.relpath(folder, root).replace(os.sep, "/")
            below.extend(f"{relative}/{name}" for name in files)
    return text, members, below


def modules_of(members: Iterable[str]) -> set[str]:
    """The dotted names of the Python modules and packages among ``members`` (paths)."""
    found: set[str] = set()
    for member in members:
        if not member.endswith(".py") or "__pycache__" in member:
            continue
        parts = member[: -len(".py")].split("/")
        if parts[-1] == "__init__":
            parts.pop()
        if all(p.isidentifier() for p in parts):
            found.add(".".join(parts))
    return found


def _bound(body: Iterable[ast.stmt]) -> set[str]:
    """Names a module body binds at module level (every branch counted)."""
    found: set[str] = set()
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(stmt.name)
        elif isinstance(stmt, ast.Import):
            found.update((a.asname or a.name).split(".")[0] for a in stmt.names)
        elif isinstance(stmt, ast.ImportFrom):
            found.update(a.asname or a.name for a in stmt.names if a.name != "*")
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                found.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(stmt, ast.If):
            found |= _bound(stmt.body) | _bound(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            found |= _bound(stmt.body) | _bound(stmt.orelse) | _bound(stmt.finalbody)
            for handler in stmt.handlers:
                found |= _bound(handler.body)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            found |= _bound(stmt.body)
        if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr, ast.If)):
            for node in ast.walk(stmt):
                if isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
                    found.add(node.target.id)
    return found


def names_of(text: str, members: list[str]) -> set[str]:
    """Everything ``from homeassistant.components.application_credentials import X`` finds."""
    found = _bound(ast.parse(text).body)
    for member in members:
        rest = member[len(PACKAGE) :].split("/")[0]
        if rest.endswith(".py") and rest != "__init__.py":
            found.add(rest[:-3])
        elif rest and "." not in rest and rest != "__pycache__" and member.endswith("/__init__.py"):
            found.add(rest)
    return found


def _lines(names: Iterable[str], indent: str = "        ") -> str:
    return "".join(f'{indent}"{n}",\n' for n in sorted(names))


def _differences(by_version: dict[str, set[str]]) -> dict[str, set[str]]:
    versions = list(by_version)
    return {
        v: by_version[v] - set().union(*(by_version[o] for o in versions if o != v))
        for v in versions
    }


def render(
    by_version: dict[str, set[str]], modules_by_version: dict[str, set[str]], command: str
) -> str:
    versions = list(by_version)
    modules = set().union(*modules_by_version.values())
    module_notes = "".join(
        textwrap.fill(
            f"only in {v}: {', '.join(sorted(m)) or '(none)'}",
            width=96,
            initial_indent="#   ",
            subsequent_indent="#     ",
            break_on_hyphens=False,
        )
        + "\n"
        for v, m in _differences(modules_by_version).items()
    )
    union = set().union(*by_version.values())
    only = {
        v: by_version[v] - set().union(*(by_version[o] for o in versions if o != v))
        for v in versions
    }
    notes = "".join(
        f"#   only in {v}: {', '.join(sorted(only[v])) or '(none)'}\n" for v in versions
    )
    only_lines = "".join(
        f'    "{v}": frozenset(\n        {{\n{_lines(only[v], " " * 12)}        }}\n    ),\n'
        if only[v]
        else f'    "{v}": frozenset(),\n'
        for v in versions
    )
    return f'''"""Names the credential components define, as data (DC403 unknown-contract-import),
and the Home Assistant modules that exist (DC405 unknown-homeassistant-module).

GENERATED by scripts/gen_component_names.py: do not edit by hand. Regenerate with

    {command}

``APPLICATION_CREDENTIALS_NAMES`` is every name ``from
homeassistant.components.application_credentials import X`` can import in at least one of
the Home Assistant versions in ``APPLICATION_CREDENTIALS_VERSIONS``: the module-level
definitions, assignments and imports of the component's ``__init__.py`` (read with ``ast``
from the released wheels, never imported), not ``__all__`` (three names, while
``AuthImplementation`` is importable). Names that only re-export another library (``vol``,
``override``) count: importing them does not fail. ``HOMEASSISTANT_MODULES`` is every
module and package under ``homeassistant.helpers`` and the component's package in at least
one of the versions, from the wheels' file names. Only the names were taken, no code.
"""

from __future__ import annotations

# Version differences (an import of these works on some of the versions only):
{notes}
APPLICATION_CREDENTIALS_VERSIONS: tuple[str, ...] = ({", ".join(f'"{v}"' for v in versions)},)

APPLICATION_CREDENTIALS_NAMES: frozenset[str] = frozenset(
    {{
{_lines(union)}    }}
)

APPLICATION_CREDENTIALS_ONLY_IN: dict[str, frozenset[str]] = {{
{only_lines}}}
"""For each version, the names no other version in the table defines."""

# Modules (DC405): every module and package under ``homeassistant.helpers`` and
# ``homeassistant.components.application_credentials`` in at least one of the versions.
# Version differences (an import of these works on some of the versions only):
{module_notes}
HOMEASSISTANT_MODULES: frozenset[str] = frozenset(
    {{
{_lines(modules)}    }}
)
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("versions", nargs="*", default=list(DEFAULT_VERSIONS))
    parser.add_argument("--tree", action="append", default=[], metavar="VERSION=DIR")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    trees = dict(item.split("=", 1) for item in args.tree)
    by_version: dict[str, set[str]] = {}
    modules_by_version: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as temp:
        for version in args.versions:
            if version in trees:
                text, members, below = _tree_sources(trees[version])
            else:
                folder = os.path.join(temp, version)
                os.makedirs(folder)
                text, members, below = _wheel_sources(download(version, folder))
            by_version[version] = names_of(text, members)
            modules_by_version[version] = modules_of(below)
    command = "python scripts/gen_component_names.py " + " ".join(args.versions)
    rendered = render(by_version, modules_by_version, command)
    with contextlib.suppress(OSError, subprocess.CalledProcessError):  # else unformatted
        rendered = subprocess.run(
            [sys.executable, "-m", "ruff", "format", "-"],
            input=rendered,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    if args.check:
        with open(TARGET, encoding="utf-8") as handle:
            current = handle.read()
        if current != rendered:
            raise SystemExit(f"{TARGET} is out of date; run: {command}")
        return
    with open(TARGET, "w", encoding="utf-8") as handle:
        handle.write(rendered)
    count = len(set().union(*by_version.values()))
    modules = len(set().union(*modules_by_version.values()))
    print(f"wrote {os.path.normpath(TARGET)}: {count} names, {modules} modules")


if __name__ == "__main__":
    main()
