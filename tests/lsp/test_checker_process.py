"""The language server's checker process (devcreds_lint/processes/checker.py): the same
findings and fixes as checking in the server itself, a fallback when it fails, and a server
that never imports libcst itself while the checker serves it."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import pytest

from devcreds_lint.check_options import CheckOptions
from devcreds_lint.contracts import PROFILES
from devcreds_lint.discovery import Integration
from devcreds_lint.model import Diagnostic
from devcreds_lint.processes import Check, FixText
from devcreds_lint.processes.checker import Checker
from devcreds_lint.processes.forked import fork_context
from devcreds_lint.workspace.buffers import integration_for
from tests.helpers import children, process_gone
from tests.lsp.client import BROKEN, SAFE_FIXED, Client, initialize, integration, open_doc, stop

pytestmark = pytest.mark.skipif(fork_context() is None, reason="a forked checker: Linux only")


def findings(
    integration: Integration, options: CheckOptions, overrides: dict[str, str]
) -> list[Diagnostic]:
    return Check((integration,), options, overrides).run()[0][1]


def fixed_text(
    integration: Integration, options: CheckOptions, overrides: dict[str, str], path: str
) -> str | None:
    return FixText(integration, options, overrides, path).run()


def started() -> Checker:
    checker = Checker.start()
    assert checker.forked
    return checker


def test_the_checker_finds_and_fixes_what_the_server_would(tmp_path: Path) -> None:
    platform = integration(tmp_path, "acme", "application_credentials.py", BROKEN)
    found = integration_for(str(platform), PROFILES)
    assert found is not None
    edited = BROKEN.replace('"""Acme credentials."""', '"""Acme credentials, edited."""')
    overrides = {str(platform): edited}
    checker = started()
    try:
        here = findings(found, CheckOptions(), overrides)
        assert {d.code for d in here} >= {"DC203", "DC305"}
        assert checker.findings(found, CheckOptions(), overrides) == here
        expected = SAFE_FIXED.replace('"""Acme credentials."""', '"""Acme credentials, edited."""')
        assert fixed_text(found, CheckOptions(), overrides, str(platform)) == expected
        assert checker.fixed_text(found, CheckOptions(), overrides, str(platform)) == expected
        assert checker.forked
    finally:
        checker.close()


def test_a_dead_checker_is_replaced_by_checking_here(tmp_path: Path) -> None:
    platform = integration(tmp_path, "acme", "application_credentials.py", BROKEN)
    found = integration_for(str(platform), PROFILES)
    assert found is not None
    checker = started()
    try:
        assert checker._engines is not None
        checker._engines.kill_first()
        assert checker.findings(found, CheckOptions(), {}) == findings(found, CheckOptions(), {})
        assert not checker.forked
    finally:
        checker.close()


def test_a_job_that_fails_in_the_checker_fails_here_too(tmp_path: Path) -> None:
    platform = integration(tmp_path, "acme", "application_credentials.py", BROKEN)
    found = integration_for(str(platform), PROFILES)
    assert found is not None
    checker = started()
    try:
        with pytest.raises(AttributeError):
            checker.findings(found, "not options", {})  # type: ignore[arg-type]
        assert not checker.forked  # not trusted again
    finally:
        checker.close()


def mapped(pid: int) -> str:
    with open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as handle:
        return handle.read()


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc")
def test_the_server_leaves_libcst_to_its_checker(tmp_path: Path) -> None:
    client = Client(tmp_path)
    try:
        initialize(client, tmp_path, ["utf-16"])
        platform = integration(tmp_path, "acme", "application_credentials.py", BROKEN)
        uri = open_doc(client, platform, BROKEN)
        assert {d["code"] for d in client.diagnostics(uri, version=1)} >= {"DC203", "DC305"}
        # libcst's parser is a native module: mapped into whichever process imported libcst.
        assert "libcst" not in mapped(client.proc.pid)
        assert any("libcst" in mapped(child) for child in children(client.proc.pid))
    finally:
        stop(client)


def test_a_stopped_checker_is_replaced_by_checking_here(tmp_path: Path) -> None:
    """SIGSTOP (a debugger, Ctrl-Z on the wrong process) must not freeze the server: it stops
    waiting, checks itself, and the stopped checker is killed."""
    platform = integration(tmp_path, "acme", "application_credentials.py", BROKEN)
    found = integration_for(str(platform), PROFILES)
    assert found is not None
    checker = started()
    assert checker._engines is not None and checker._engines._proc is not None
    pid = checker._engines._proc.pid
    assert pid is not None
    try:
        os.kill(pid, signal.SIGSTOP)
        began = time.monotonic()
        assert checker.findings(found, CheckOptions(), {}) == findings(found, CheckOptions(), {})
        assert time.monotonic() - began < 10
        assert not checker.forked
        assert process_gone(pid)
    finally:
        checker.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc")
def test_the_server_answers_and_shuts_down_with_its_checker_stopped(tmp_path: Path) -> None:
    client = Client(tmp_path)
    try:
        initialize(client, tmp_path, ["utf-16"])
        (checker,) = children(client.proc.pid)
        os.kill(checker, signal.SIGSTOP)
        platform = integration(tmp_path, "acme", "application_credentials.py", BROKEN)
        uri = open_doc(client, platform, BROKEN)
        assert {d["code"] for d in client.diagnostics(uri, version=1)} >= {"DC203", "DC305"}
        client.request("shutdown", None)
        client.notify("exit")
        assert client.proc.wait(timeout=20) == 0
        assert process_gone(checker)
    finally:
        stop(client)
