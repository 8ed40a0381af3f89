"""One integration in, diagnostics out: parse each file once, run every enabled rule,
apply suppressions, sort.

This is the one core API; the CLI, the fixer, stdin mode and the language server all call
:func:`check_integration`. Its options (:class:`CheckOptions`, :class:`Selection`) live in
``check_options.py``, which imports no libcst.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import traceback
from collections.abc import Mapping
from dataclasses import replace

from devcreds_lint.check_options import CheckOptions, Selection, code_matches
from devcreds_lint.discovery import Integration, leftover_platform_files
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.noqa import FileDirectives, is_suppressed, parse_directives
from devcreds_lint.model import Diagnostic, Edit, Location
from devcreds_lint.parsing.reading import Reader, SourceText, make_reader
from devcreds_lint.redaction import MIN_SECRET_LENGTH, scrub_texts
from devcreds_lint.rules import all_rules
from devcreds_lint.rules.base import Reporter
from devcreds_lint.rules.internal import ISSUES_URL, InternalError
from devcreds_lint.rules.unused_noqa import UnusedNoqa
from devcreds_lint.text import LineIndex

__all__ = ["CheckOptions", "Selection", "check_integration", "code_matches"]


def check_integration(
    integration: Integration,
    options: CheckOptions,
    overrides: Mapping[str, str] | None = None,
    disk: Reader | None = None,
) -> list[Diagnostic]:
    """Every finding for one integration, suppressions applied, sorted. ``disk``: how files
    not in ``overrides`` are read (a :class:`~devcreds_lint.parsing.reading.Snapshot`, to
    read each file once across several checks); by default from disk, now."""
    reader = make_reader(overrides, options.settings.max_bytes, disk)
    reporter = Reporter(options.selection.enabled)
    ctx = IntegrationFacts(integration, options.profiles, options.settings, reader)
    for rule_class in all_rules():
        if not options.selection.enabled(rule_class.code) or rule_class is InternalError:
            continue
        try:
            rule_class(reporter).check(ctx)
        except Exception as exc:
            reporter.diagnostics.append(_internal_error(rule_class.code, integration, exc))
    diagnostics = _after_repair(ctx, reporter.diagnostics)
    diagnostics = _apply_suppressions(ctx, diagnostics, options)
    diagnostics = _with_secrets(ctx, diagnostics)
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def _with_secrets(ctx: IntegrationFacts, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each finding carries the integration's secrets (RULES.md section 4: whatever rule
    reports them, or none), and no message holds one: what is cached or sent on is clean."""
    if not diagnostics:
        return diagnostics
    try:
        from devcreds_lint.facts.secrets import integration_secrets

        secrets = integration_secrets(ctx)
    except Exception:
        # Nothing certain is known: each secret finding masks its own range (redaction.py).
        return diagnostics
    if not secrets.spans and not secrets.texts:
        return diagnostics

    texts = sorted(secrets.texts, key=lambda t: (-len(t), t))
    result = []
    for diag in diagnostics:
        fix = diag.fix
        if fix is not None:
            edits = tuple(_narrowed_edit(ctx, diag.path, e, texts) for e in fix.edits)
            fix = replace(fix, message=scrub_texts(fix.message, texts), edits=edits)
        result.append(
            replace(
                diag,
                message=scrub_texts(diag.message, texts),
                fix=fix,
                secrets=secrets.spans,
            )
        )
    return result


def _narrowed_edit(ctx: IntegrationFacts, path: str, edit: Edit, secrets: list[str]) -> Edit:
    """An edit that would write a secret out (DC305 rewrites a whole URL literal) as the
    smallest edit with the same result (``http`` -> ``https``), so that neither the cache
    nor a report holds the secret's characters."""
    if not any(secret in edit.content for secret in secrets if len(secret) >= MIN_SECRET_LENGTH):
        return edit
    text = _source_text(ctx, path)
    if text is None:
        return edit
    lines = LineIndex(text)
    if not (edit.start <= edit.end and edit.end.row <= len(lines.starts)):
        return edit
    begin, end = lines.offset(edit.start), lines.offset(edit.end)
    old, new = text[begin:end], edit.content
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return Edit(
        lines.location(begin + head),
        lines.location(end - tail),
        new[head : len(new) - tail],
    )


def _internal_error(code: str, integration: Integration, exc: BaseException) -> Diagnostic:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {os.path.basename(where.filename)}:{where.lineno}" if where else ""
    path = integration.platforms[0].path if integration.platforms else integration.folder
    return InternalError.finding(
        path,
        f"rule {code} crashed on this integration ({type(exc).__name__}{at}); this is a bug "
        f"in devcreds-lint, please report it at {ISSUES_URL}",
    )


def _after_repair(ctx: IntegrationFacts, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Findings in a module checked after repairing malformed imports (DC102) in memory:
    fixes that touch a repaired line are recomputed in the next round, positions on those
    lines are kept inside the original line."""
    repaired = {p.path: p for p in ctx.platforms if p.malformed}
    if not repaired:
        return diagnostics
    result = []
    for diag in diagnostics:
        module = repaired.get(diag.path)
        if module is None or diag.code == "DC102":
            result.append(diag)
            continue
        rows = module.repaired_rows
        fix = diag.fix
        if fix is not None and any(e.start.row in rows or e.end.row in rows for e in fix.edits):
            fix = None
        result.append(
            replace(diag, fix=fix, start=_clamp(module, diag.start), end=_clamp(module, diag.end))
        )
    return result


def _clamp(module: ModuleFacts, loc: Location) -> Location:
    if loc.row not in module.repaired_rows:
        return loc
    lines = (module.original_text or "").splitlines()
    width = len(lines[loc.row - 1]) + 1 if loc.row <= len(lines) else 1
    return Location(loc.row, min(loc.column, width))


def _source_text(ctx: IntegrationFacts, path: str) -> str | None:
    for module in ctx.platforms:
        if module.path == path:
            return module.original_text
    name = os.path.basename(path)
    if os.path.dirname(path) == ctx.integration.folder or ctx.integration.sibling(name) == path:
        source = ctx.sibling(name)
        return source.text if isinstance(source, SourceText) else None
    return None


def _apply_suppressions(
    ctx: IntegrationFacts, diagnostics: list[Diagnostic], options: CheckOptions
) -> list[Diagnostic]:
    directives: dict[str, FileDirectives] = {}
    texts: dict[str, str] = {}

    def directives_for(path: str) -> FileDirectives:
        if path not in directives:
            text = _source_text(ctx, path) if path.endswith(".py") else None
            if text is not None:
                texts[path] = text
            directives[path] = parse_directives(text) if text is not None else FileDirectives()
        return directives[path]

    for module in ctx.platforms:
        directives_for(module.path)
    kept = []
    for diag in diagnostics:
        if diag.code == InternalError.code:
            kept.append(diag)
            continue
        if _ignored_for_file(diag, options):
            continue
        if not is_suppressed(diag, directives_for(diag.path)):
            kept.append(diag)
    if options.selection.enabled(UnusedNoqa.code):
        enabled = _enabled_codes(options.selection)
        # In a module that does not parse, the rules could not look: no noqa is "unused".
        unparsed = {p.path for p in ctx.platforms if p.module is None}
        # Nor in a leftover beside the platform module (DC103): no rule looks at its lines.
        unparsed.update(
            os.path.join(ctx.integration.folder, name)
            for name, _ in leftover_platform_files(ctx.integration.names, ctx.profiles)
        )
        for path, found in directives.items():
            if path in texts and path not in unparsed:
                unused = Reporter(options.selection.enabled)
                UnusedNoqa(unused).check_directives(path, texts[path], found, enabled)
                for diag in unused.diagnostics:
                    if not _ignored_for_file(diag, options) and not is_suppressed(
                        diag, FileDirectives(file_codes=found.file_codes)
                    ):
                        kept.append(diag)
    return kept


@functools.lru_cache(maxsize=64)
def _enabled_codes(selection: Selection) -> frozenset[str]:
    return frozenset(r.code for r in all_rules() if selection.enabled(r.code))


def _ignored_for_file(diag: Diagnostic, options: CheckOptions) -> bool:
    if not options.per_file_ignores:
        return False
    relative = os.path.relpath(os.path.abspath(diag.path), os.path.abspath(options.root))
    relative = relative.replace(os.sep, "/")
    for pattern, codes in options.per_file_ignores:
        if (
            fnmatch.fnmatch(relative, pattern)
            or fnmatch.fnmatch(os.path.basename(diag.path), pattern)
        ) and code_matches(diag.code, codes):
            return True
    return False
