"""The command line on hostile input (issue #6): odd paths and file names in every format,
missing paths, unreadable folders, a crashing rule: exit codes and messages, never a traceback."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from devcreds_lint import discovery
from devcreds_lint.cli import cli
from devcreds_lint.rules.examples import GOOD_SERVER
from devcreds_lint.rules.hooks.sync_platform_hook import SyncPlatformHook
from devcreds_lint.rules.internal import ISSUES_URL
from tests.helpers import (
    deny,
    make_integration,
    no_traceback,
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


def _break_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(self: object, ctx: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(SyncPlatformHook, "check", crash)


def test_a_crashing_rule_exits_2_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_rule(monkeypatch)
    make_integration(tmp_path, {APP: SYNC})
    make_integration(tmp_path, {APP: SYNC.replace("(hass", "(self, hass")}, domain="other")
    runner = CliRunner()
    result = runner.invoke(
        cli, ["check", "--no-cache", "--output-format", "concise", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "DC000" in result.output
    assert ISSUES_URL in result.output
    assert "DC205" in result.output
    # --fix: the crash is reported, the other fixes are still made.
    result = runner.invoke(cli, ["check", "--fix", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2
    assert "(self, hass" not in (tmp_path / "custom_components" / "other" / APP).read_text()


def test_path_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    tree = tmp_path / "mein baum"
    folder = make_integration(tree, {APP: SYNC}, domain="mön itör")
    code, out, err = run("check", "--no-cache", "--output-format", "concise", str(tree))
    assert code == 1
    no_traceback(err)
    assert f"mön itör{os.sep}{APP}:{SYNC_LINE}:5: DC203" in out
    code, out, err = run("check", "--fix", "--no-cache", str(folder / APP))
    assert code == 0, err
    assert b"async def async_get_authorization_server" in (folder / APP).read_bytes()


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    make_integration(tmp_path, {APP: SYNC})
    missing = tmp_path / "nowhere"
    code, out, err = run("check", "--no-cache", str(tmp_path), str(missing))
    assert code == 2
    assert out == ""
    assert err.strip() == f"devcreds-lint: error: path does not exist: {missing}"


def test_unreadable_folder_is_reported_by_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = make_integration(tmp_path, {APP: GOOD_SERVER}, domain="ok").parent / "vendor"
    locked.mkdir()
    deny(monkeypatch, discovery, "scandir", locked.resolve())
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(tmp_path)])
    assert str(locked) in result.output
    assert result.exit_code == 1  # not "All checks passed!": a folder was not checked


def _odd_names(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for name in ("new\nline", "esc\x1b[31mred", "tab\tname"):
        make_integration(tree, {APP: SYNC}, domain=name)
    with contextlib.suppress(OSError):  # not UTF-8 (Linux allows any bytes but / and NUL)
        make_integration(tree, {APP: SYNC}, domain="bad\udcffname")
    return tree


@pytest.mark.parametrize(
    "fmt",
    [
        "full",
        "concise",
        "json",
        "github",
        "junit",
        "sarif",
        "gitlab",
    ],
)
def test_odd_file_names_in_every_format(tmp_path: Path, fmt: str) -> None:
    """Control characters are shown escaped, never sent to the terminal; names that are not
    UTF-8 do not break a report."""
    tree = _odd_names(tmp_path)
    code, out, err = run("check", "--no-cache", "--output-format", fmt, "tree", cwd=tmp_path)
    assert code == 1, err
    no_traceback(err)
    assert "\x1b" not in out
    if fmt in ("full", "concise"):
        assert len([line for line in out.splitlines() if ": DC203 " in line]) == len(
            os.listdir(tree / "custom_components")
        )
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)


def test_odd_file_names_are_fixed(tmp_path: Path) -> None:
    tree = _odd_names(tmp_path)
    code, _, err = run("check", "--fix", "--no-cache", str(tree))
    assert code == 0, err
    for folder in (tree / "custom_components").iterdir():
        assert b"async def async_get" in (folder / APP).read_bytes()
