"""DC000: a bug in devcreds-lint itself, reported as a finding instead of a crash."""

from __future__ import annotations

from devcreds_lint.rules.base import Rule

ISSUES_URL = "https://github.com/devcreds-lint/devcreds-lint/issues"


class InternalError(Rule):
    code = "DC000"
    name = "internal-error"
    summary = "A rule crashed on this file: a bug in devcreds-lint, not in your code."
    why = (
        "One rule failing must not hide the findings of the others, so the crash is reported "
        "on the file it happened on, the run goes on, and the exit code is 2. Please report "
        f"it at {ISSUES_URL} with the file (or a reduced copy) and the message."
    )
    VALID = ()
    INVALID = ()
