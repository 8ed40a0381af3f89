"""Orchestrates one run over many paths: config -> exclusions -> discovery -> checks (cached,
parallel above a threshold) -> fixes. The CLI only parses flags and prints what this returns.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from devcreds_lint.contracts import Profile, profiles_named
from devcreds_lint.discovery import Integration, discover
from devcreds_lint.model import Diagnostic
from devcreds_lint.workspace.config import Config

if TYPE_CHECKING:
    from devcreds_lint.engine import CheckOptions

# Engine imports pull in libcst; they happen inside functions, only when a file must be checked.


@dataclass(frozen=True)
class RunOptions:
    paths: tuple[str, ...]
    config: Config
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    force_exclude: bool = False
    use_cache: bool = True
    cache_dir: str | None = None
    stdin_text: str | None = None
    stdin_filename: str | None = None
    jobs: int | None = None


@dataclass
class RunResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fixed: list[Diagnostic] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stdin_output: str | None = None
    checked: int = 0
    sources: dict[str, str] = field(default_factory=dict)


class Excluder:
    """Whether a path is excluded by ``exclude``/``extend-exclude`` or ``.gitignore``.

    A pattern without ``/`` matches any single path component (``venv``, ``*.egg-info``);
    one with ``/`` matches the path relative to the configuration's folder.
    """

    def __init__(self, config: Config) -> None:
        patterns = config.exclude + config.extend_exclude
        names = [p for p in patterns if "/" not in p]
        paths = [p for p in patterns if "/" in p]
        self.name_re = re.compile("|".join(fnmatch.translate(p) for p in names)) if names else None
        self.path_re = re.compile("|".join(fnmatch.translate(p) for p in paths)) if paths else None
        self.root = os.path.abspath(config.root)
        self.gitignored = _GitIgnored() if config.respect_gitignore else None

    def __call__(self, path: str) -> bool:
        absolute = os.path.abspath(path)
        relative = os.path.relpath(absolute, self.root).replace(os.sep, "/")
        if self.name_re is not None and any(
            self.name_re.match(part) for part in relative.split("/") if part not in ("..", ".")
        ):
            return True
        return self._by_path(absolute, relative)

    def child(self, path: str) -> bool:
        """The same for a folder met while walking, whose parents were already checked: only
        its own name can match a name pattern (a cheaper test on large trees)."""
        if self.name_re is not None and self.name_re.match(os.path.basename(path)):
            return True
        if self.path_re is None and self.gitignored is None:
            return False
        absolute = os.path.abspath(path)
        return self._by_path(absolute, os.path.relpath(absolute, self.root).replace(os.sep, "/"))

    def _by_path(self, absolute: str, relative: str) -> bool:
        if self.path_re is not None and (
            self.path_re.match(relative) or self.path_re.match(absolute)
        ):
            return True
        return self.gitignored is not None and self.gitignored(absolute)


def make_excluder(config: Config) -> Excluder:
    return Excluder(config)


class _GitIgnored:
    """Whether a path is ignored by the ``.gitignore`` and ``.git/info/exclude`` of the git
    repository it lies in, found from the path upwards (not from the configuration's folder:
    ``devcreds-lint check ../repo`` and a repository below the configuration file count too)."""

    def __init__(self) -> None:
        self._tops: dict[str, str | None] = {}
        self._specs: dict[str, Any] = {}

    def _repository(self, folder: str) -> str | None:
        if folder not in self._tops:
            if os.path.exists(os.path.join(folder, ".git")):
                self._tops[folder] = folder
            else:
                parent = os.path.dirname(folder)
                self._tops[folder] = None if parent == folder else self._repository(parent)
        return self._tops[folder]

    def _spec(self, top: str) -> Any:
        if top not in self._specs:
            lines: list[str] = []
            for name in (".gitignore", os.path.join(".git", "info", "exclude")):
                try:
                    with open(
                        os.path.join(top, name), encoding="utf-8", errors="replace"
                    ) as handle:
                        lines.extend(handle.read().splitlines())
                except OSError:
                    continue
            import pathspec

            self._specs[top] = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        return self._specs[top]

    def __call__(self, absolute: str) -> bool:
        top = self._repository(os.path.dirname(absolute))
        spec = self._spec(top) if top is not None else None
        if spec is None:
            return False
        relative = os.path.relpath(absolute, top).replace(os.sep, "/")
        return bool(spec.match_file(relative + ("/" if os.path.isdir(absolute) else "")))


def selection_for(options: RunOptions) -> tuple[frozenset[str], frozenset[str]]:
    config = options.config
    select = options.select if options.select is not None else config.select
    extend = config.extend_select + options.extend_select
    ignore = config.ignore + options.ignore
    return frozenset(select + extend), frozenset(ignore)


def check_options(options: RunOptions, profiles: tuple[Profile, ...]) -> CheckOptions:
    from devcreds_lint.engine import CheckOptions, Selection
    from devcreds_lint.settings import Settings

    select, ignore = selection_for(options)
    config = options.config
    return CheckOptions(
        profiles=profiles,
        selection=Selection(select, ignore),
        settings=Settings(max_bytes=config.max_file_size, rule_options=config.rule_options),
        per_file_ignores=tuple((glob, frozenset(codes)) for glob, codes in config.per_file_ignores),
        root=config.root,
    )


def _named_path_excluded(path: str, excluded: Callable[[str], bool], root: str) -> bool:
    """Whether a path named on the command line, or a folder above it (up to the configuration
    root), is excluded: ``exclude = ["custom_components/vendored"]`` covers the files pre-commit
    names in that folder, not only the folder itself."""
    current = os.path.abspath(path)
    top = os.path.abspath(root)
    while current != top:  # the root itself is never excluded
        if excluded(current):
            return True
        parent = os.path.dirname(current)
        if parent == current or os.path.commonpath([parent, top]) != top:
            break
        current = parent
    return False


def find_integrations(
    options: RunOptions, profiles: tuple[Profile, ...]
) -> tuple[list[Integration], list[str], list[tuple[str, str]]]:
    """(integrations, named files that belong to none, folders that cannot be listed)."""
    excluded = make_excluder(options.config)
    paths = list(options.paths)
    if options.force_exclude:
        paths = [p for p in paths if not _named_path_excluded(p, excluded, options.config.root)]
    found = discover(paths, profiles, excluded)
    return list(found.integrations), list(found.ignored), list(found.unreadable)


def _unreadable_folders(
    options: RunOptions, profiles: tuple[Profile, ...], folders: list[tuple[str, str]]
) -> list[Diagnostic]:
    """DC900 for each folder that could not be listed: nothing in it was checked, which must
    not look like a clean run."""
    if not folders:
        return []  # the common case: no rule module (and libcst) imported for nothing
    from devcreds_lint.model import FILE_START
    from devcreds_lint.rules.files import UnreadableFile

    if not check_options(options, profiles).selection.enabled(UnreadableFile.code):
        return []
    return [
        Diagnostic(
            code=UnreadableFile.code,
            name=UnreadableFile.name,
            severity=UnreadableFile.severity,
            message=f"folder cannot be read: {reason}; nothing in it was checked",
            path=folder,
            start=FILE_START,
            end=FILE_START,
            file_level=True,
        )
        for folder, reason in folders
    ]


def run(options: RunOptions) -> RunResult:
    profiles = profiles_named(options.config.profiles)
    if options.stdin_filename is not None and options.stdin_text is not None:
        return _run_stdin(options, profiles)
    integrations, _ignored, unreadable = find_integrations(options, profiles)
    result = RunResult(checked=len(integrations))
    result.diagnostics = _unreadable_folders(options, profiles, unreadable)
    if not integrations:
        return result
    if options.fix or options.diff:
        return _run_fix(options, profiles, integrations, result)
    from devcreds_lint.parallel import check_all

    result.diagnostics.extend(check_all(integrations, options, profiles))
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


def _run_fix(
    options: RunOptions,
    profiles: tuple[Profile, ...],
    integrations: list[Integration],
    result: RunResult,
) -> RunResult:
    from devcreds_lint.fixing.diffs import unified_diff
    from devcreds_lint.fixing.rounds import fix_integration, write_changes

    check = check_options(options, profiles)
    for integration in integrations:
        fixed = fix_integration(integration, check, unsafe=options.unsafe_fixes)
        result.errors.extend(fixed.dropped)
        if options.diff:
            result.diffs.extend(unified_diff(fixed))
            # Nothing is written: report what remains as if the fixes were applied.
            result.diagnostics.extend(fixed.remaining)
            result.fixed.extend(fixed.applied)
            continue
        errors = write_changes(fixed)
        result.errors.extend(errors)
        result.fixed.extend(fixed.applied)
        result.diagnostics.extend(fixed.remaining)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


def _run_stdin(options: RunOptions, profiles: tuple[Profile, ...]) -> RunResult:
    """Check (or fix) text from standard input as if it were the file ``stdin_filename``."""
    from devcreds_lint.discovery import integration_at, is_generated_listing, platform_files
    from devcreds_lint.engine import check_integration
    from devcreds_lint.fixing.rounds import fix_integration

    assert options.stdin_filename is not None and options.stdin_text is not None
    path = options.stdin_filename
    result = RunResult(stdin_output=options.stdin_text if options.fix else None)
    if is_generated_listing(path):
        return result
    if options.force_exclude and _named_path_excluded(
        path, make_excluder(options.config), options.config.root
    ):
        return result
    folder = os.path.dirname(path) or "."
    integration = integration_at(folder, profiles) if os.path.isdir(folder) else None
    names = integration.names if integration else frozenset()
    names = names | {os.path.basename(path)}
    platforms = tuple(p for p in platform_files(folder, names, profiles))
    if integration is None:
        platforms = tuple(
            p for p in platforms if os.path.basename(p.path) == os.path.basename(path)
        )
        if not platforms:
            return result
        manifest = os.path.join(folder, "manifest.json")
        integration = Integration(
            folder, manifest if os.path.isfile(manifest) else None, platforms, names
        )
    else:
        integration = Integration(integration.folder, integration.manifest, platforms, names)
    check = check_options(options, profiles)
    overrides = {path: options.stdin_text}
    result.checked = 1
    result.sources[path] = options.stdin_text
    if options.fix:
        fixed = fix_integration(
            integration, check, unsafe=options.unsafe_fixes, overrides=overrides, renames=False
        )
        state = fixed.files.get(path)
        result.stdin_output = state.text if state else options.stdin_text
        result.fixed = [d for d in fixed.applied if d.path == path]
        result.diagnostics = [d for d in fixed.remaining if d.path == path]
        return result
    result.diagnostics = [
        d for d in check_integration(integration, check, overrides) if d.path == path
    ]
    return result
