"""``[tool.devcreds-lint]`` in ``pyproject.toml`` or a ``.devcreds-lint.toml``.

Found from the checked paths upwards (the first folder that has either file with our
settings wins), named with ``--config``, or ignored with ``--isolated``. Every key is
validated: an unknown key, a bad value or an unknown rule code is a :class:`ConfigError`,
which the CLI turns into exit code 2 naming the key and the file.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from devcreds_lint.catalogue import RULE_OPTIONS
from devcreds_lint.contracts import PROFILES
from devcreds_lint.settings import DEFAULT_MAX_BYTES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_FILES = (".devcreds-lint.toml", "pyproject.toml")
KNOWN_KEYS = frozenset(
    {
        "select",
        "extend-select",
        "ignore",
        "per-file-ignores",
        "exclude",
        "extend-exclude",
        "respect-gitignore",
        "profiles",
        "output-format",
        "max-file-size",
        "rule-options",
        "cache-dir",
    }
)
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    "build",
    "dist",
    ".devcreds_lint_cache",
)
OUTPUT_FORMATS = ("full", "concise", "json", "github", "sarif", "junit", "gitlab")


class ConfigError(Exception):
    """A configuration problem: the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    path: str | None = None  # the file it came from
    root: str = "."  # the folder globs are relative to
    select: tuple[str, ...] = ("DC",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    profiles: tuple[str, ...] = tuple(p.name for p in PROFILES)
    output_format: str = "full"
    max_file_size: int = DEFAULT_MAX_BYTES
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    cache_dir: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "config-file": self.path,
            "select": list(self.select),
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "per-file-ignores": {k: list(v) for k, v in self.per_file_ignores},
            "exclude": list(self.exclude),
            "extend-exclude": list(self.extend_exclude),
            "respect-gitignore": self.respect_gitignore,
            "profiles": list(self.profiles),
            "output-format": self.output_format,
            "max-file-size": self.max_file_size,
            "rule-options": {k: dict(v) for k, v in self.rule_options.items()},
            "cache-dir": self.cache_dir,
        }


def _known_codes() -> frozenset[str]:
    from devcreds_lint.catalogue import CODES

    return CODES


def validate_selector(selector: str, where: str) -> str:
    """A code or prefix that names at least one rule (``DC``, ``DC2``, ``DC203``)."""
    value = selector.strip().upper()
    if value == "ALL":
        return "DC"
    if not value or not any(code.startswith(value) for code in _known_codes()):
        raise ConfigError(f"{where}: unknown rule code or prefix {selector!r}")
    return value


def _codes(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of rule codes")
    return tuple(validate_selector(v, where) for v in value)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def parse_table(table: Mapping[str, Any], path: str | None) -> Config:
    """A :class:`Config` from the ``[tool.devcreds-lint]`` table of ``path``."""
    where = path or "<settings>"
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        close = difflib.get_close_matches(unknown[0], sorted(KNOWN_KEYS), n=1)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} in [tool.devcreds-lint]{hint}")
    values: dict[str, Any] = {}
    if path is not None:
        values["path"] = path
        values["root"] = os.path.dirname(os.path.abspath(path))
    for key in ("select", "extend-select", "ignore"):
        if key in table:
            values[key.replace("-", "_")] = _codes(table[key], f"{where}: {key}")
    for key in ("exclude", "extend-exclude", "profiles"):
        if key in table:
            values[key.replace("-", "_")] = _strings(table[key], f"{where}: {key}")
    if "profiles" in values:
        names = {p.name for p in PROFILES}
        for name in values["profiles"]:
            if name not in names:
                raise ConfigError(
                    f"{where}: profiles: unknown profile {name!r} (known: {', '.join(sorted(names))})"
                )
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f"{where}: per-file-ignores: expected a table of glob = [codes]")
        values["per_file_ignores"] = tuple(
            (glob, _codes(codes, f"{where}: per-file-ignores.{glob}"))
            for glob, codes in pfi.items()
        )
    if "respect-gitignore" in table:
        if not isinstance(table["respect-gitignore"], bool):
            raise ConfigError(f"{where}: respect-gitignore: expected true or false")
        values["respect_gitignore"] = table["respect-gitignore"]
    if "output-format" in table:
        if table["output-format"] not in OUTPUT_FORMATS:
            raise ConfigError(
                f"{where}: output-format: expected one of {', '.join(OUTPUT_FORMATS)}"
            )
        values["output_format"] = table["output-format"]
    if "max-file-size" in table:
        size = table["max-file-size"]
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise ConfigError(f"{where}: max-file-size: expected a positive number of bytes")
        values["max_file_size"] = size
    if "cache-dir" in table:
        if not isinstance(table["cache-dir"], str):
            raise ConfigError(f"{where}: cache-dir: expected a path")
        # Relative to the configuration file's folder, like every other path in it.
        values["cache_dir"] = os.path.join(values.get("root", ""), table["cache-dir"])
    if "rule-options" in table:
        values["rule_options"] = _rule_options(table["rule-options"], where)
    return Config(**values)


def _rule_options(value: Any, where: str) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: rule-options: expected a table per rule code")
    result: dict[str, dict[str, Any]] = {}
    for code, options in value.items():
        known = RULE_OPTIONS.get(code)
        if known is None:
            raise ConfigError(
                f"{where}: rule-options.{code}: rule has no options (rules with options: {', '.join(RULE_OPTIONS)})"
            )
        if not isinstance(options, dict):
            raise ConfigError(f"{where}: rule-options.{code}: expected a table")
        for key, option in options.items():
            if key not in known:
                raise ConfigError(f"{where}: rule-options.{code}: unknown option {key!r}")
            _strings(option, f"{where}: rule-options.{code}.{key}")
        result[code] = dict(options)
    return result


def load_file(path: str) -> Config:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    if os.path.basename(path) == "pyproject.toml":
        table = data.get("tool", {}).get("devcreds-lint", {})
    else:
        table = data.get("tool", {}).get("devcreds-lint", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.devcreds-lint] must be a table")
    return parse_table(table, path)


def _has_settings(path: str) -> bool:
    if os.path.basename(path) != "pyproject.toml":
        return True
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError:
        return False
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return "devcreds-lint" in data.get("tool", {})


def find_config_file(start: str) -> str | None:
    """The nearest config file at or above ``start`` that has our settings."""
    folder = os.path.abspath(start)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and _has_settings(candidate):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def resolve(paths: list[str], config_path: str | None, isolated: bool) -> Config:
    if isolated:
        return Config()
    if config_path is not None:
        return load_file(config_path)
    start = paths[0] if paths else "."
    found = find_config_file(start)
    return load_file(found) if found else Config()
