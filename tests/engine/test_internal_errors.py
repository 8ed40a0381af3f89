"""An internal error in one rule (issue #6): DC000 for that rule on that integration, every
other rule still runs, the engine never raises; where no rule could look, no noqa is unused."""

from __future__ import annotations

from pathlib import Path

import pytest

from devcreds_lint import discovery
from devcreds_lint.contracts import PROFILES
from devcreds_lint.engine import CheckOptions, check_integration
from devcreds_lint.model import Diagnostic
from devcreds_lint.rules.examples import GOOD_SERVER
from devcreds_lint.rules.hooks.sync_platform_hook import SyncPlatformHook
from devcreds_lint.rules.internal import ISSUES_URL
from tests.helpers import (
    check_paths,
    codes,
    make_integration,
    run_cli,
)

APP = "application_credentials.py"
DEV = "developer_credentials.py"
# A valid module whose one defect is a sync hook (DC203 at line 7, fixed by adding `async `).
SYNC = GOOD_SERVER.replace("async def", "def")
SYNC_LINE = 7


def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> tuple[int, str, str]:
    """The real entry point in a subprocess: exit codes and stderr exactly as users see (output
    decoded with errors="replace": some of these cases print names that are not UTF-8)."""
    return run_cli(*args, cwd=cwd, timeout=timeout, errors="replace")


def domain(diag: Diagnostic) -> str:
    """The integration folder a diagnostic is in."""
    return Path(diag.path).parent.name


def only(diagnostics: list[Diagnostic], name: str) -> list[str]:
    return [d.code for d in diagnostics if domain(d) == name]


def _break_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(self: object, ctx: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(SyncPlatformHook, "check", crash)


def test_a_crashing_rule_is_dc000_and_the_rest_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_rule(monkeypatch)
    make_integration(
        tmp_path, {APP: SYNC.replace("https://acme-api.io/token", "http://acme-api.io/token")}
    )
    make_integration(tmp_path, {APP: SYNC.replace("(hass", "(self, hass")}, domain="other")
    found = check_paths(tmp_path)
    crashes = [d for d in found if d.code == "DC000"]
    assert len(crashes) == 2  # one per integration it crashed on
    for diag in crashes:
        assert diag.path.endswith(APP)
        assert "rule DC203 crashed" in diag.message
        assert "ZeroDivisionError" in diag.message
        assert ISSUES_URL in diag.message
    # Every other rule ran.
    assert "DC305" in only(found, "example")
    assert "DC205" in only(found, "other")


def test_engine_never_raises_for_a_crashing_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_rule(monkeypatch)
    make_integration(tmp_path, {APP: SYNC})
    (integration,) = discovery.discover([str(tmp_path)], PROFILES).integrations
    found = check_integration(integration, CheckOptions())
    assert "DC000" in codes(found)


def test_a_module_that_does_not_parse_has_no_unused_noqa(tmp_path: Path) -> None:
    """Where no rule could look, no noqa is unused: the only finding is the syntax error."""
    broken = SYNC + "x = 1  # noqa: DC209\n\ndef broken(:\n    pass\n"
    make_integration(tmp_path, {APP: broken})
    assert codes(check_paths(tmp_path)) == ["DC100"]
