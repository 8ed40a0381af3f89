"""Faults around a run (issue 17): standard output full or closed, Ctrl-C before the command
line has started, a file replaced by a named pipe while the report is printed or a fix is
written, a cache that cannot be written. Each ends with a clear message or goes on; none
hangs, leaks a temporary file or says "internal error"."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from devcreds_lint.cache import Cache
from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import ROOT, make_integration

APP = "application_credentials.py"
SYNC = GOOD_SERVER.replace("async def", "def")


def _devcreds(
    *args: str, cwd: Path, code: str | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """The command (or ``code`` run before it, in the same process), with a deadline: a hang
    fails the test instead of stopping the suite."""
    prelude = code or ""
    program = f"{prelude}\nfrom devcreds_lint.launch import main\nmain()\n"
    streams: dict[str, object] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", program, *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        text=True,
        timeout=60,
        **{**streams, **kwargs},
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_standard_output_is_an_error_like_a_full_output_file(tmp_path: Path) -> None:
    make_integration(tmp_path, {APP: SYNC})
    with open("/dev/full", "w") as full:
        proc = _devcreds("check", "--no-cache", ".", cwd=tmp_path, stdout=full)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "devcreds-lint: error: cannot write to standard output: No space left on device"
    ]
    as_file = _devcreds("check", "--no-cache", "-o", "/dev/full", ".", cwd=tmp_path)
    assert (as_file.returncode, as_file.stderr) == (
        2,
        "devcreds-lint: error: cannot write /dev/full: No space left on device\n",
    )


def _close_stdout() -> None:
    os.close(1)


def test_a_closed_standard_output(tmp_path: Path) -> None:
    """``devcreds-lint check >&-``: said before anything is done, whose report would be lost."""
    make_integration(tmp_path, {APP: SYNC})
    closed: dict[str, object] = {"stdout": None, "preexec_fn": _close_stdout}
    proc = _devcreds("check", "--no-cache", "--fix", ".", cwd=tmp_path, **closed)
    assert proc.returncode == 2
    assert proc.stderr == (
        "devcreds-lint: error: cannot write to standard output: it is closed; use -o FILE\n"
    )
    assert (tmp_path / "custom_components/example" / APP).read_text() == SYNC  # nothing done
    report = tmp_path / "report.txt"
    proc = _devcreds("check", "--no-cache", "-o", str(report), ".", cwd=tmp_path, **closed)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert "DC203" in report.read_text()


def test_ctrl_c_before_the_command_line_has_started(tmp_path: Path) -> None:
    """A real SIGINT while the command line is being imported (the first ~60 ms)."""
    interrupt = """
import builtins, os, signal
_import = builtins.__import__
def _interrupting(name, *args, **kwargs):
    if name == "devcreds_lint.cli":
        os.kill(os.getpid(), signal.SIGINT)
    return _import(name, *args, **kwargs)
builtins.__import__ = _interrupting
"""
    proc = _devcreds("check", ".", cwd=tmp_path, code=interrupt)
    assert (proc.returncode, proc.stderr) == (130, "devcreds-lint: aborted\n")


REPLACE_WITH_FIFO = """
import os
import devcreds_lint.runner as runner
_run = runner.run
def _run_then_replace(options):
    result = _run(options)
    path = os.path.join("custom_components", "example", "application_credentials.py")
    os.unlink(path)
    os.mkfifo(path)
    return result
runner.run = _run_then_replace
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_file_replaced_by_a_pipe_before_the_report_is_printed(tmp_path: Path) -> None:
    make_integration(tmp_path, {APP: SYNC})
    proc = _devcreds("check", "--no-cache", ".", cwd=tmp_path, code=REPLACE_WITH_FIFO)
    assert proc.returncode == 1, proc.stderr
    assert "DC203" in proc.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_file_replaced_by_a_pipe_before_its_fix_is_written(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: SYNC})
    program = f"""
import os
from devcreds_lint.contracts import PROFILES
from devcreds_lint.discovery import discover
from devcreds_lint.engine import CheckOptions
from devcreds_lint.fixing.rounds import fix_integration
from devcreds_lint.fixing.writing import write_changes
integration = discover([{str(folder)!r}], PROFILES).integrations[0]
result = fix_integration(integration, CheckOptions())
os.unlink({str(folder / APP)!r})
os.mkfifo({str(folder / APP)!r})
print(write_changes(result))
"""
    proc = subprocess.run(
        [sys.executable, "-c", program],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "not written: is not a regular file" in proc.stdout


def _cache(tmp_path: Path) -> Cache:
    cache = Cache(str(tmp_path / "cache"), "0" * 64)
    cache.put("key", [])
    return cache


def _leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in (tmp_path / "cache").iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left"), KeyboardInterrupt()])
def test_a_cache_that_cannot_be_written_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    def failing_dump(*_: object, **__: object) -> None:
        raise error

    monkeypatch.setattr(json, "dump", failing_dump)
    cache = _cache(tmp_path)
    if isinstance(error, OSError):
        cache.save()  # only costs speed
    else:
        with pytest.raises(KeyboardInterrupt):
            cache.save()
    assert _leftovers(tmp_path) == []


def test_temporary_files_of_killed_runs_are_removed_by_the_next_save(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    # A process that is gone, an older name without one, and this (running) process's.
    for name in (".results-999999999-abcd1234.tmp", ".results-abcd1234.tmp"):
        (folder / name).write_text("{")
    running = folder / f".results-{os.getpid()}-abcd1234.tmp"
    running.write_text("{")
    _cache(tmp_path).save()
    assert _leftovers(tmp_path) == [running.name]
