"""Orchestrates one run over many paths: config -> exclusions -> discovery -> checks (cached,
parallel above a threshold) -> fixes. The CLI only parses flags and prints what this returns.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from devcreds_lint.contracts import MANIFEST, Profile
from devcreds_lint.discovery import Integration, discover, integration_at, platform_files
from devcreds_lint.model import Diagnostic
from devcreds_lint.workspace.buffers import integration_for
from devcreds_lint.workspace.files import Excluder, named_path_excluded
from devcreds_lint.workspace.options import RunOptions

if TYPE_CHECKING:
    from devcreds_lint.fixing.noqa_adding import NoqaResult
    from devcreds_lint.processes import Executor

# Engine imports pull in libcst; they happen inside functions, only when a file must be checked.


@dataclass
class RunResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fixed: list[Diagnostic] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stdin_output: str | None = None
    # Integrations checked, and platform modules among their files.
    checked: int = 0
    platform_modules: int = 0
    # Why nothing was checked (no integration found, no rule selected); None when something was.
    nothing_checked: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    # Files --fix renamed (old path, new path): the new file must be staged (`git add`).
    renames: list[tuple[str, str]] = field(default_factory=list)
    # --fix did not do all it set out to (a file not written, another run fixing the same
    # integration): said in ``errors``; the command exits 1 whatever is left.
    incomplete: bool = False


def find_integrations(
    options: RunOptions,
) -> tuple[list[Integration], list[str], list[tuple[str, str]]]:
    """(integrations, named files that belong to none, folders that cannot be listed)."""
    excluded = Excluder(options.config)
    paths = list(options.paths)
    if options.force_exclude:
        paths = [p for p in paths if not named_path_excluded(p, excluded, options.config.root)]
    paths += _platforms_of_named_folders(paths, options.profiles, excluded)
    found = discover(paths, options.profiles, excluded)
    return list(found.integrations), list(found.ignored), list(found.unreadable)


def _platforms_of_named_folders(
    paths: list[str], profiles: tuple[Profile, ...], excluded: Excluder
) -> list[str]:
    """The platform modules (and near misses) directly in a named folder without a
    ``manifest.json``: naming a folder names its files, so ``check folder`` and
    ``check folder/application_credentials.py`` give the same verdict (docs/spec.md §1).
    Folders met while walking still need a ``manifest.json`` to count."""
    extra: list[str] = []
    for path in paths:
        if not os.path.isdir(path) or os.path.exists(os.path.join(path, MANIFEST)):
            continue
        try:
            names = frozenset(os.listdir(path))
        except OSError:
            continue  # the walk reports the folder as unreadable
        extra.extend(p.path for p in platform_files(path, names, profiles) if not excluded(p.path))
    return extra


def _no_rule_selected(options: RunOptions, found: bool) -> bool:
    """Whether the selection enables no rule at all (``--select ''``, ``--select DC2 --ignore
    DC2``). ``found``: whether the run found anything (then some rule ran). The catalogue
    (no libcst) is imported only to decide a run that found nothing with a narrowed
    selection."""
    selection = options.check_options.selection
    if not selection.select:
        return True
    if found or (selection.select == frozenset({"DC"}) and not selection.ignore):
        return False
    from devcreds_lint.catalogue import CODES

    return not any(selection.enabled(code) for code in CODES if code != "DC000")


NO_RULE = "no rule is selected"


def _unreadable_folders(options: RunOptions, folders: list[tuple[str, str]]) -> list[Diagnostic]:
    """DC900 for each folder that could not be listed: nothing in it was checked, which must
    not look like a clean run."""
    if not folders:
        return []  # the common case: no rule module (and libcst) imported for nothing
    from devcreds_lint.rules.files.unreadable_file import UnreadableFile

    if not options.check_options.selection.enabled(UnreadableFile.code):
        return []
    return [
        UnreadableFile.finding(
            folder, f"folder cannot be read: {reason}; nothing in it was checked"
        )
        for folder, reason in folders
    ]


def run(options: RunOptions) -> RunResult:
    """One run: discover, then check (from the cache, through the executor
    :func:`~devcreds_lint.parallel.choose` picks) or fix."""
    if options.stdin_filename is not None and options.stdin_text is not None:
        return _run_stdin(options)
    executor: Executor | None = None
    if not (options.fix or options.diff or options.selects_nothing):
        from devcreds_lint.parallel import choose

        # Forked workers, when the run is surely cold, start before the walk.
        executor = choose(options, pending=None)
    try:
        return _run(options, executor)
    finally:
        if executor is not None:
            executor.close()


def _run(options: RunOptions, executor: Executor | None) -> RunResult:
    integrations, _ignored, unreadable = find_integrations(options)
    result = RunResult(
        checked=len(integrations),
        platform_modules=sum(len(i.platforms) for i in integrations),
    )
    result.diagnostics = _unreadable_folders(options, unreadable)
    if not integrations:
        result.nothing_checked = "no integration found"
        return result
    if options.selects_nothing and not result.diagnostics:
        result.nothing_checked = NO_RULE
        return result
    if options.fix or options.diff:
        _run_fix(options, integrations, result)
    else:
        result.diagnostics.extend(_check(options, integrations, executor))
        result.diagnostics.sort(key=Diagnostic.sort_key)
    if _no_rule_selected(options, found=bool(result.diagnostics or result.fixed)):
        result.nothing_checked = NO_RULE
    return result


def _check(
    options: RunOptions, integrations: list[Integration], executor: Executor | None
) -> list[Diagnostic]:
    """Every finding of ``integrations``: cached ones from the cache, the others through
    ``executor`` (started before the walk) or the one :func:`~devcreds_lint.parallel.choose`
    picks now that it knows how many are left."""
    from devcreds_lint.cache import Cache
    from devcreds_lint.processes import Check

    cache = Cache.open(options)
    results: list[Diagnostic] = []
    pending: list[Integration] = []
    for integration in integrations:
        key = cache.key(integration) if cache else None
        cached = cache.get(key) if cache and key else None
        if cached is not None:
            results.extend(cached)
            continue
        pending.append(integration)
    if pending:
        chosen = executor
        if chosen is None:
            from devcreds_lint.parallel import choose

            chosen = choose(options, pending=len(pending))
        assert chosen is not None
        # Stored under the key of the bytes they were found in (read once where they are
        # checked), which a file changed since the lookup above makes another key.
        request = Check(
            tuple(pending), options.check_options, keying=cache.keying if cache else None
        )
        try:
            found = chosen.check(request)
        finally:
            if chosen is not executor:
                chosen.close()
        for key, diagnostics in found:
            results.extend(diagnostics)
            if cache and key:
                cache.put(key, diagnostics)
    if cache:
        cache.save()
    return results


def run_add_noqa(options: RunOptions) -> tuple[RunResult, NoqaResult]:
    """Check, then suppress every finding with a ``# noqa`` comment where one can go."""
    from devcreds_lint.fixing.noqa_adding import add_noqa

    result = run(options)
    # An unused noqa comment (DC901) is removed by --fix, not suppressed by another one.
    return result, add_noqa([d for d in result.diagnostics if d.code != "DC901"])


def _run_fix(options: RunOptions, integrations: list[Integration], result: RunResult) -> RunResult:
    from devcreds_lint.fixing.diffs import unified_diff
    from devcreds_lint.fixing.rounds import fix_integration

    for integration in integrations:
        if options.diff:
            fixed = fix_integration(integration, options.check_options, unsafe=options.unsafe_fixes)
            result.errors.extend(fixed.dropped)
            result.diffs.extend(unified_diff(fixed))
            # Nothing is written: report what remains as if the fixes were applied.
            result.diagnostics.extend(fixed.remaining)
            result.fixed.extend(fixed.applied)
            continue
        _fix_and_write(integration, options, result)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


def _fix_and_write(integration: Integration, options: RunOptions, result: RunResult) -> None:
    """Fix one integration under its lock (``fixing/locking.py``), from the first read to
    the last write. What could not be written stays reported, as it is on disk."""
    from devcreds_lint.engine import check_integration
    from devcreds_lint.fixing.locking import LockTimeout, integration_lock
    from devcreds_lint.fixing.rounds import fix_integration
    from devcreds_lint.fixing.writing import write_results

    folder = integration.folder
    try:
        with integration_lock(folder) as lock:
            if lock.waited:
                result.incomplete = True
                result.errors.append(
                    f"{folder}: another devcreds-lint --fix was fixing this integration; "
                    "waited for it, then fixed what it left"
                )
            fixed = fix_integration(integration, options.check_options, unsafe=options.unsafe_fixes)
            result.errors.extend(fixed.dropped)
            written = write_results(fixed)
            result.errors.extend(written.errors)
            if not written.failed:
                result.renames.extend(fixed.renames)
                result.fixed.extend(fixed.applied)
                result.diagnostics.extend(fixed.remaining)
                return
            result.incomplete = True
            # Report the integration as it now is on disk: what was written is fixed, what
            # was not keeps its findings.
            done = [(old, new) for old, new in fixed.renames if new not in written.failed]
            result.renames.extend(done)
            result.fixed.extend(
                d for d in fixed.applied if fixed.new_path(d.path) not in written.failed
            )
            on_disk = integration_at(folder, options.profiles) if integration.manifest else None
            result.diagnostics.extend(
                check_integration(on_disk or integration, options.check_options)
            )
    except LockTimeout:
        result.incomplete = True
        result.errors.append(
            f"{folder}: not fixed: another devcreds-lint --fix has been fixing this integration "
            "for over a minute; run again"
        )
        result.diagnostics.extend(check_integration(integration, options.check_options))


def _run_stdin(options: RunOptions) -> RunResult:
    """Check (or fix) text from standard input as if it were the file ``stdin_filename``."""
    from devcreds_lint.engine import check_integration
    from devcreds_lint.fixing.diffs import unified_diff
    from devcreds_lint.fixing.rounds import fix_integration

    assert options.stdin_filename is not None and options.stdin_text is not None
    path = options.stdin_filename
    if not os.path.dirname(path):
        # A bare file name is in the current folder; the integration's files are named with
        # the folder (./application_credentials.py), and the buffer must be found among them.
        path = os.path.join(os.curdir, path)
    result = RunResult(stdin_output=options.stdin_text if options.fix else None)
    if options.force_exclude and named_path_excluded(
        path, Excluder(options.config), options.config.root
    ):
        result.nothing_checked = "the file is excluded"
        return result
    integration = integration_for(path, options.profiles)
    if integration is None:
        result.nothing_checked = "no integration found"
        return result
    check = options.check_options
    overrides = {path: options.stdin_text}
    result.checked = 1
    result.platform_modules = len(integration.platforms)
    if options.selects_nothing:
        result.nothing_checked = NO_RULE
        return result
    result.sources[path] = options.stdin_text
    if options.diff:
        # What --fix would change in this text (no renames: it is no file on disk), as a diff.
        fixed = fix_integration(
            integration, check, unsafe=options.unsafe_fixes, overrides=overrides, renames=False
        )
        fixed.files = {p: s for p, s in fixed.files.items() if p == path and s.changed}
        fixed.renames = []
        result.diffs = unified_diff(fixed)
        result.fixed = [d for d in fixed.applied if d.path == path]
        result.diagnostics = [d for d in fixed.remaining if d.path == path]
        return result
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
