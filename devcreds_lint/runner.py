"""Orchestrates one run over many paths: config -> exclusions -> discovery -> checks (cached,
parallel above a threshold) -> fixes. The CLI only parses flags and prints what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devcreds_lint.contracts import Profile, profiles_named
from devcreds_lint.discovery import Integration, discover
from devcreds_lint.model import Diagnostic
from devcreds_lint.workspace.buffers import integration_for
from devcreds_lint.workspace.files import Excluder, named_path_excluded
from devcreds_lint.workspace.options import RunOptions, run_check_options

# Engine imports pull in libcst; they happen inside functions, only when a file must be checked.


@dataclass
class RunResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fixed: list[Diagnostic] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stdin_output: str | None = None
    checked: int = 0
    sources: dict[str, str] = field(default_factory=dict)


def find_integrations(
    options: RunOptions, profiles: tuple[Profile, ...]
) -> tuple[list[Integration], list[str], list[tuple[str, str]]]:
    """(integrations, named files that belong to none, folders that cannot be listed)."""
    excluded = Excluder(options.config)
    paths = list(options.paths)
    if options.force_exclude:
        paths = [p for p in paths if not named_path_excluded(p, excluded, options.config.root)]
    found = discover(paths, profiles, excluded)
    return list(found.integrations), list(found.ignored), list(found.unreadable)


def _unreadable_folders(
    options: RunOptions, profiles: tuple[Profile, ...], folders: list[tuple[str, str]]
) -> list[Diagnostic]:
    """DC900 for each folder that could not be listed: nothing in it was checked, which must
    not look like a clean run."""
    if not folders:
        return []  # the common case: no rule module (and libcst) imported for nothing
    from devcreds_lint.rules.files import UnreadableFile

    if not run_check_options(options, profiles).selection.enabled(UnreadableFile.code):
        return []
    return [
        UnreadableFile.finding(
            folder, f"folder cannot be read: {reason}; nothing in it was checked"
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
    from devcreds_lint.fixing.rounds import fix_integration
    from devcreds_lint.fixing.writing import write_changes

    check = run_check_options(options, profiles)
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
    from devcreds_lint.engine import check_integration
    from devcreds_lint.fixing.rounds import fix_integration

    assert options.stdin_filename is not None and options.stdin_text is not None
    path = options.stdin_filename
    result = RunResult(stdin_output=options.stdin_text if options.fix else None)
    if options.force_exclude and named_path_excluded(
        path, Excluder(options.config), options.config.root
    ):
        return result
    integration = integration_for(path, profiles)
    if integration is None:
        return result
    check = run_check_options(options, profiles)
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
