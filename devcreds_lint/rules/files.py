"""Rules about the platform file itself: its name, whether it can be read and parsed."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import ClassVar

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.model import Edit, FixAvailability, Location, safe_fix
from devcreds_lint.parsing.parse import ParseFailure
from devcreds_lint.parsing.reading import Unreadable
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER
from devcreds_lint.text import LineIndex


def _clamp(pctx: ModuleFacts, row: int, column: int) -> Location:
    """A location in the original file (parse errors may point into a repaired line)."""
    text = pctx.original_text or ""
    lines = text.splitlines() or [""]
    row = min(max(row, 1), len(lines))
    return Location(row, min(max(column, 1), len(lines[row - 1]) + 1))


class SyntaxError_(Rule):
    code = "DC100"
    name = "syntax-error"
    summary = "The platform module does not parse."
    why = (
        "Home Assistant imports the platform module; a syntax error makes the import fail and "
        "the integration cannot be set up with user credentials. Reported at the parser's "
        "position; not reported where DC102 explains the failure."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={APP: GOOD_SERVER.replace("-> AuthorizationServer:", "-> AuthorizationServer")},
            line=7,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx in ctx.platforms:
            failure = pctx.parsed
            if isinstance(failure, ParseFailure):
                where = _clamp(pctx, failure.row, failure.column)
                self.report_at(
                    pctx.path,
                    where,
                    where,
                    failure.message
                    if getattr(failure, "too_deep", False)
                    else f"syntax error: {failure.message}",
                )


class MisspelledPlatformFile(Rule):
    code = "DC101"
    fix = FixAvailability.ALWAYS
    name = "misspelled-platform-file"
    summary = (
        "A file's name is a near miss of the platform file name, and the right file is absent."
    )
    why = (
        "Home Assistant imports the platform by its exact module name. "
        "`developer_credentails.py` or `application_credential.py` is never loaded, so the "
        "integration silently has no credentials platform."
    )
    fix_safety = (
        "Safe: the file is renamed; never over an existing file. Imports of the old module "
        "name elsewhere would need the same change (platform modules are not imported by "
        "other code in practice)."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={"application_credential.py": GOOD_SERVER},
            fixed={"application_credential.py": None, APP: GOOD_SERVER},
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx in ctx.platforms:
            if not pctx.platform.misspelled:
                continue
            wanted = pctx.profile.platform_file
            actual = os.path.basename(pctx.path)
            self.report_file(
                pctx.path,
                f"`{actual}` is never loaded by Home Assistant; the {pctx.profile.name} platform "
                f"must be named `{wanted}`",
                fix=safe_fix(f"Rename to `{wanted}`", rename=wanted),
            )


class MalformedImport(Rule):
    code = "DC102"
    fix = FixAvailability.ALWAYS
    name = "malformed-import"
    summary = "`from a.b.Name` with the `import` keyword missing."
    why = (
        "The line is a syntax error, so the module cannot be imported at all. It is the "
        "mistake in the seed document's own example; it is found without parsing and "
        "reported instead of DC100, and the rest of the module is still checked."
    )
    fix_safety = "Safe: the line becomes `from a.b import Name`."
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: GOOD_SERVER.replace(
                    "from homeassistant.core import HomeAssistant",
                    "from homeassistant.core.HomeAssistant",
                )
            },
            fixed={APP: GOOD_SERVER},
            line=4,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx in ctx.platforms:
            text = pctx.original_text
            if text is None:
                continue
            lines = LineIndex(text)
            for item in pctx.malformed:
                start = lines.location(item.start)
                end = lines.location(item.end)
                self.report_at(
                    pctx.path,
                    start,
                    end,
                    f"`from {item.module}.{item.name}` is missing `import`; write "
                    f"`{item.replacement}`",
                    fix=safe_fix(f"Write `{item.replacement}`", Edit(start, end, item.replacement)),
                )


class UnreadableFile(Rule):
    code = "DC900"
    name = "unreadable-file"
    summary = (
        "A file cannot be read or decoded (permissions, not UTF-8, NUL bytes, over the size limit)."
    )
    why = (
        "What cannot be read cannot be checked, and Home Assistant (which reads Python "
        "source and JSON as UTF-8) would likely fail on it too. Such files are never rewritten."
    )
    options: ClassVar[Mapping[str, str]] = {
        "max-file-size": "largest file read, in bytes (default 2 MiB)"
    }
    VALID = (GOOD_SERVER,)
    INVALID = (Example(files={APP: GOOD_SERVER.replace("Return the", "Return th\udcff")}),)

    def check(self, ctx: IntegrationFacts) -> None:
        seen: set[str] = set()
        problems = [p.source for p in ctx.platforms if isinstance(p.source, Unreadable)]
        for problem in [*problems, *ctx.unreadable]:
            assert isinstance(problem, Unreadable)
            if problem.path in seen:
                continue
            seen.add(problem.path)
            self.report_file(problem.path, f"{os.path.basename(problem.path)}: {problem.reason}")


RULES: tuple[type[Rule], ...] = (
    SyntaxError_,
    MisspelledPlatformFile,
    MalformedImport,
    UnreadableFile,
)
