"""Applying fixes safely: in rounds to a fixpoint, re-parsed before anything is written,
written atomically, and never over a file that changed since it was read.

The fixer works on an in-memory overlay of the integration (texts and renames); files on disk
change only in :func:`devcreds_lint.fixing.writing.write_changes`, after every check has passed.
Every file is read once (a :class:`~devcreds_lint.parsing.reading.Snapshot`): the checks that
find what to fix and the fixes themselves see the same bytes, and those are the bytes the
writer compares the file on disk with before replacing it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from devcreds_lint.contracts import PROFILES, Profile
from devcreds_lint.discovery import Integration, PlatformFile
from devcreds_lint.engine import CheckOptions, check_integration
from devcreds_lint.model import Diagnostic, Edit, Fix, Location
from devcreds_lint.parsing.malformed import find_malformed_imports, repair
from devcreds_lint.parsing.parse import parses
from devcreds_lint.parsing.reading import Snapshot, SourceText, Unreadable, decode
from devcreds_lint.text import LineIndex

MAX_ROUNDS = 10


class FixError(Exception):
    """A file that could not be written; carries the path."""


@dataclass
class FileState:
    """A file as read from disk (``original``) and as fixed so far (``text``)."""

    path: str
    source: SourceText
    text: str

    @property
    def changed(self) -> bool:
        return self.text != self.source.text


@dataclass
class FixResult:
    remaining: list[Diagnostic]
    applied: list[Diagnostic] = field(default_factory=list)
    files: dict[str, FileState] = field(default_factory=dict)
    renames: list[tuple[str, str]] = field(default_factory=list)  # (old path, new path)
    dropped: list[str] = field(default_factory=list)  # messages about fixes not applied
    integration: Integration | None = None
    # The secrets found in any round's text, which a diff of the files must not show.
    secret_texts: set[str] = field(default_factory=set)

    def new_path(self, path: str) -> str:
        for old, new in self.renames:
            if old == path:
                return new
        return path


def applicable(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and fix.applies(unsafe)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (positions refer to ``text``)."""
    lines = LineIndex(text)

    def offset(row: int, column: int) -> int:
        if row > len(lines.starts):
            return len(text)
        return min(lines.offset(Location(row, column)), len(text))

    ordered = sorted(edits, key=lambda e: (e.start.row, e.start.column, e.end.row, e.end.column))
    result: list[str] = []
    last = 0
    for edit in ordered:
        begin = offset(edit.start.row, edit.start.column)
        end = offset(edit.end.row, edit.end.column)
        if begin < last:
            raise ValueError("overlapping edits")
        result.append(text[last:begin])
        result.append(edit.content)
        last = end
    result.append(text[last:])
    return "".join(result)


def _span(edit: Edit) -> tuple[tuple[int, int], tuple[int, int]]:
    return (edit.start.row, edit.start.column), (edit.end.row, edit.end.column)


def _overlaps(a: Edit, b: Edit) -> bool:
    (a0, a1), (b0, b1) = _span(a), _span(b)
    if a0 == a1 == b0 == b1:
        return True  # two insertions at one point: order would be arbitrary
    return (a0 < b1 and b0 < a1) or (a0 == b0 and (a0 == a1 or b0 == b1))


def is_valid(path: str, text: str) -> bool:
    """Whether ``text`` may be written to ``path``: Python parses, JSON loads."""
    if path.endswith(".py"):
        return parses(text)
    if path.endswith(".json"):
        try:
            json.loads(text)
        except (ValueError, RecursionError):
            return False
    return True


def _repairable(path: str, text: str) -> bool:
    """Valid, or valid once malformed imports (DC102) are completed."""
    if is_valid(path, text):
        return True
    return path.endswith(".py") and is_valid(path, repair(text, find_malformed_imports(text)))


@dataclass(frozen=True)
class RenameRefused:
    """Why the fixer may not rename a file."""

    reason: str


class Overlay:
    """The integration as the fixer sees it: fixed texts and renames not yet on disk."""

    def __init__(self, integration: Integration, max_bytes: int) -> None:
        self.integration = integration
        self.max_bytes = max_bytes
        # What was read from disk, once: the rounds' checks read through it too.
        self.snapshot = Snapshot(max_bytes)
        self.files: dict[str, FileState] = {}
        self.renames: list[tuple[str, str]] = []
        self.unreadable: set[str] = set()
        # Files that are symbolic links: --fix never writes through one (it may point outside
        # the paths it was given) nor replaces one with a file.
        self.links: set[str] = set()
        self.reported_links: set[str] = set()

    def state(self, path: str) -> FileState | None:
        real = self.disk_path(path)
        if path not in self.files:
            if real in self.unreadable:
                return None
            if os.path.islink(real):
                self.links.add(real)
                self.unreadable.add(real)
                return None
            source = self.snapshot(real)
            if isinstance(source, Unreadable):
                self.unreadable.add(real)
                return None
            self.files[path] = FileState(path, source, source.text)
        return self.files[path]

    def disk_path(self, path: str) -> str:
        for old, new in self.renames:
            if new == path:
                return old
        return path

    def overrides(self) -> dict[str, str]:
        return {path: state.text for path, state in self.files.items()}

    def rename(self, old: str, new_name: str) -> str | RenameRefused:
        """Rename ``old`` in the overlay: the new path, or why it may not be renamed."""
        folder = os.path.dirname(old)
        new = os.path.join(folder, new_name)
        if os.path.lexists(new) or any(n == new for _, n in self.renames):
            return RenameRefused("a file of that name exists")
        if self.state(old) is None:  # never rename a file that was not read
            return RenameRefused(
                "it is a symbolic link" if old in self.links else "it cannot be read (DC900)"
            )
        self.renames.append((old, new))
        if old in self.files:
            state = self.files.pop(old)
            self.files[new] = replace(state, path=new)
        # The renamed file is the platform module of the profile whose file it now is (DC101
        # may target another profile than the old name's, facts/rename_target.py).
        platforms = tuple(
            PlatformFile(new, _profile_of(new_name, p.profile)) if p.path == old else p
            for p in self.integration.platforms
        )
        names = (self.integration.names - {os.path.basename(old)}) | {new_name}
        self.integration = replace(self.integration, platforms=platforms, names=frozenset(names))
        return new


def fix_integration(
    integration: Integration,
    options: CheckOptions,
    *,
    unsafe: bool = False,
    overrides: dict[str, str] | None = None,
    renames: bool = True,
) -> FixResult:
    """Apply applicable fixes in rounds until nothing changes (at most MAX_ROUNDS).

    ``renames=False`` leaves file renames (DC101) out: text that is not a file on disk
    (standard input, an editor buffer) cannot be renamed."""
    overlay = Overlay(integration, options.settings.max_bytes)
    for path, text in (overrides or {}).items():
        decoded = decode(path, text.encode("utf-8", "surrogatepass"), options.settings.max_bytes)
        if isinstance(decoded, SourceText):
            overlay.files[path] = FileState(path, decoded, decoded.text)
    result = FixResult(remaining=[])
    try:
        for _ in range(MAX_ROUNDS):
            diagnostics = check_integration(
                overlay.integration, options, overlay.overrides(), overlay.snapshot
            )
            result.secret_texts.update(_secret_texts(overlay, diagnostics))
            if not _apply_round(overlay, diagnostics, unsafe, result, renames):
                result.remaining = diagnostics
                break
        else:
            result.remaining = check_integration(
                overlay.integration, options, overlay.overrides(), overlay.snapshot
            )
    except Exception as exc:  # a bug in a fix: write nothing for this integration, say so
        return _abandoned(integration, options, overrides, exc)
    result.files = {p: s for p, s in overlay.files.items() if s.changed}
    result.renames = overlay.renames
    result.integration = overlay.integration
    return result


def _profile_of(file_name: str, default: Profile) -> Profile:
    return next((p for p in PROFILES if p.platform_file == file_name), default)


def _secret_texts(overlay: Overlay, diagnostics: list[Diagnostic]) -> list[str]:
    """The secret texts of one round's findings, read from that round's texts."""
    if not any(d.secrets or d.redacted for d in diagnostics):
        return []
    from devcreds_lint.redaction import Redactor, Sources

    def text_of(path: str) -> str | None:
        state = overlay.files.get(path)
        if state is not None:
            return state.text
        # The bytes the round was checked from (one read of each file, shared).
        source = overlay.snapshot(overlay.disk_path(path))
        return source.text if isinstance(source, SourceText) else None

    return Redactor(diagnostics, Sources(text_of)).texts


def _abandoned(
    integration: Integration,
    options: CheckOptions,
    overrides: dict[str, str] | None,
    exc: Exception,
) -> FixResult:
    """The result of a fixer that crashed: the findings as they are, and a DC000."""
    from devcreds_lint.rules.internal import ISSUES_URL, InternalError

    path = integration.platforms[0].path if integration.platforms else integration.folder
    message = (
        f"--fix crashed on this integration ({type(exc).__name__}); nothing in it was changed. "
        f"This is a bug in devcreds-lint, please report it at {ISSUES_URL}"
    )
    crash = InternalError.finding(path, message)
    remaining = check_integration(integration, options, overrides)
    return FixResult(remaining=[*remaining, crash], integration=integration)


def _apply_round(
    overlay: Overlay,
    diagnostics: list[Diagnostic],
    unsafe: bool,
    result: FixResult,
    renames: bool = True,
) -> bool:
    """Apply one round of non-conflicting fixes; True when anything changed."""
    fixable = [
        d
        for d in diagnostics
        if applicable(d.fix, unsafe) and (renames or d.fix is None or d.fix.rename is None)
    ]
    changed = False
    by_file: dict[str, list[Diagnostic]] = {}
    for diag in fixable:
        by_file.setdefault(diag.path, []).append(diag)
    for path in sorted(by_file):
        state = overlay.state(path)
        if state is None:
            link = overlay.disk_path(path)
            if link in overlay.links and link not in overlay.reported_links:
                overlay.reported_links.add(link)
                result.dropped.append(link_message(link))
            continue
        if not _repairable(path, state.text):
            # A file that does not parse (DC100) is not edited: the findings in it are
            # guesses (an "unused" noqa, say), and it could not be written anyway.
            continue
        accepted: list[Diagnostic] = []
        taken: list[Edit] = []
        for diag in by_file[path]:
            assert diag.fix is not None
            if diag.fix.rename is not None:
                continue
            if any(_overlaps(e, t) for e in diag.fix.edits for t in taken):
                continue  # next round, recomputed on the new text
            accepted.append(diag)
            taken.extend(diag.fix.edits)
        if not accepted:
            continue
        candidate = apply_edits(state.text, taken)
        if _acceptable(path, candidate):
            state.text = candidate
            result.applied.extend(accepted)
            changed = True
            continue
        # Together they break the file: try them one at a time, keep those that do not.
        for diag in accepted:
            assert diag.fix is not None
            single = apply_edits(state.text, diag.fix.edits)
            if _acceptable(path, single):
                state.text = single
                result.applied.append(diag)
                changed = True
                break  # positions of the others are stale now
            result.dropped.append(
                f"{path}: fix for {diag.code} ({diag.fix.message}) would leave the file unparsable; not applied"
            )
    for diag in fixable:
        assert diag.fix is not None
        if diag.fix.rename is not None and not diag.fix.edits:
            renamed = overlay.rename(diag.path, diag.fix.rename.new_name)
            if isinstance(renamed, RenameRefused):
                result.dropped.append(
                    f"{diag.path}: not renamed to {diag.fix.rename.new_name}: {renamed.reason}"
                )
            else:
                result.applied.append(diag)
                changed = True
    return changed


def _acceptable(path: str, after: str) -> bool:
    """Whether edits may turn a text that parses (maybe after DC102 repairs) into ``after``:
    only when that parses too."""
    return _repairable(path, after)


def link_message(path: str) -> str:
    try:
        target = f" (to {os.readlink(path)})"
    except OSError:
        target = ""
    return (
        f"{path}: not fixed: it is a symbolic link{target}; --fix never writes through a link, "
        "fix the file it points to"
    )
