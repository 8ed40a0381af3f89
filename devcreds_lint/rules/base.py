"""What a rule is: its public identity, its documentation, its examples, and how it reports.

A rule's ``VALID`` and ``INVALID`` examples are its tests (``tests/rules/test_rule_examples.py``
generates one test per example) and its documentation (``devcreds-lint rule CODE`` renders
them). An example is a small integration: the files given, laid over a clean default
integration of the example's profile (:func:`devcreds_lint.rules.examples.default_files`).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from devcreds_lint.model import (
    FILE_START,
    Applicability,
    Diagnostic,
    Fix,
    FixAvailability,
    Location,
    Severity,
)

if TYPE_CHECKING:
    import libcst as cst

    from devcreds_lint.facts.integration import IntegrationFacts
    from devcreds_lint.facts.module import ModuleFacts


@dataclass(frozen=True)
class Example:
    """A small integration for a rule's docs and tests.

    ``files`` maps a path inside the integration folder to its text; a plain string in
    ``VALID``/``INVALID`` means the platform module of ``profile``. ``fixed`` (for an invalid
    example) is what ``--fix`` must turn the changed files into (a renamed file appears under
    its new name; a file mapped to None must be gone). ``unsafe`` applies unsafe fixes too.
    ``line`` is where the finding must start, when the example wants to pin it; ``at``
    pins the whole reported range as ``"row:col-row:col"`` (1-based, end exclusive).
    """

    files: Mapping[str, str]
    profile: str = "application_credentials"
    fixed: Mapping[str, str | None] | None = None
    unsafe: bool = False
    line: int | None = None
    at: str | None = None
    count: int = 1
    title: str = ""


ExampleLike = Example | str


class Reporter:
    """Collects the diagnostics of one integration's check; asks the selection once per code."""

    def __init__(self, enabled: Callable[[str], bool]) -> None:
        self._is_enabled = enabled
        self._answers: dict[str, bool] = {}
        self.diagnostics: list[Diagnostic] = []

    def enabled(self, code: str) -> bool:
        answer = self._answers.get(code)
        if answer is None:
            answer = self._answers[code] = self._is_enabled(code)
        return answer


NO_FIX_SAFETY = "This rule has no automatic fix."


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement :meth:`check`,
    reporting each finding with one call of :meth:`report` (or :meth:`report_file`).

    ``fix`` declares whether findings carry a fix (never, sometimes, always); a test holds
    the declaration against the rule's examples. ``fix_safety`` explains it in the docs.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str]
    why: ClassVar[str]
    fix: ClassVar[FixAvailability] = FixAvailability.NEVER
    # How its fixes apply by default: UNSAFE ones only with --unsafe-fixes (DC305).
    fix_applicability: ClassVar[Applicability] = Applicability.SAFE
    fix_safety: ClassVar[str] = NO_FIX_SAFETY
    # The README table's fix column for a rule that fixes only some findings ("when missing").
    fix_when: ClassVar[str | None] = None
    # Top-level settings that shape this rule (documented on its page).
    settings: ClassVar[Mapping[str, str]] = {}
    # Its options (``[tool.devcreds-lint.rule-options.CODE]``, each a list of strings): name
    # -> what it does. scripts/gen_docs.py copies them to catalogue.RULE_OPTIONS.
    options: ClassVar[Mapping[str, str]] = {}
    profile: ClassVar[str] = "application_credentials"
    VALID: ClassVar[tuple[ExampleLike, ...]] = ()
    INVALID: ClassVar[tuple[ExampleLike, ...]] = ()

    def __init__(self, reporter: Reporter) -> None:
        self._reporter = reporter

    def check(self, ctx: IntegrationFacts) -> None:
        """Look at the integration and report what is wrong (the base rule finds nothing)."""

    @property
    def enabled(self) -> bool:
        return self._reporter.enabled(self.code)

    def report(
        self,
        module: ModuleFacts,
        node: cst.CSTNode,
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
        redacted: bool = False,
    ) -> None:
        """Report ``node`` of ``module`` (its position is computed only now)."""
        if not self.enabled:
            return
        start, end = module.range(node)
        self.report_at(
            module.path, start, end, message, fix=fix, severity=severity, redacted=redacted
        )

    def report_file(
        self, path: str, message: str, *, fix: Fix | None = None, severity: Severity | None = None
    ) -> None:
        """Report a whole file (no line of Python: ``noqa`` cannot reach it)."""
        self.report_at(
            path, FILE_START, FILE_START, message, fix=fix, severity=severity, file_level=True
        )

    def report_at(
        self,
        path: str,
        start: Location,
        end: Location,
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
        redacted: bool = False,
        file_level: bool = False,
    ) -> None:
        """Report a range given by position (text that did not parse, JSON files)."""
        if not self.enabled:
            return
        self._reporter.diagnostics.append(
            self.finding(
                path,
                message,
                start=start,
                end=end,
                fix=fix,
                severity=severity,
                redacted=redacted,
                file_level=file_level,
            )
        )

    @classmethod
    def finding(
        cls,
        path: str,
        message: str,
        *,
        start: Location = FILE_START,
        end: Location = FILE_START,
        fix: Fix | None = None,
        severity: Severity | None = None,
        redacted: bool = False,
        file_level: bool = True,
    ) -> Diagnostic:
        """A diagnostic of this rule: the one place one is made (also for the engine's DC000
        and the runner's DC900 on folders, which no rule instance reports)."""
        return Diagnostic(
            code=cls.code,
            name=cls.name,
            severity=severity or cls.severity,
            message=message,
            path=path,
            start=start,
            end=end,
            fix=fix,
            redacted=redacted,
            file_level=file_level,
        )

    @classmethod
    def examples(cls, which: str) -> Iterator[Example]:
        items = cls.VALID if which == "valid" else cls.INVALID
        for item in items:
            if isinstance(item, str):
                profile = cls.profile
                filename = f"{profile}.py"
                yield Example(files={filename: item}, profile=profile)
            else:
                yield item


def family_rules(package: str, path: Iterable[str]) -> tuple[type[Rule], ...]:
    """Every rule of a family: the :class:`Rule` classes with a ``code`` of their own defined
    in the modules of the family's package (``package``, its ``__path__``), as Fixit finds the
    rules of a package. A rule is one module: nothing else declares it."""
    found: list[type[Rule]] = []
    for info in sorted(pkgutil.iter_modules(path), key=lambda info: info.name):
        module = importlib.import_module(f"{package}.{info.name}")
        found.extend(
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, Rule)
            and value.__module__ == module.__name__
            and "code" in vars(value)
        )
    return tuple(found)
