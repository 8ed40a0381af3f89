"""Worker processes (devcreds_lint/processes/pool.py, parallel.py): the same findings as a serial run
whether the workers are started before the walk, after it, or die on the way; and no worker
outlives the run."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devcreds_lint.contracts import PROFILES
from devcreds_lint.discovery import discover
from devcreds_lint.model import Diagnostic
from devcreds_lint.parallel import FORK_THRESHOLD, start_workers
from devcreds_lint.processes import fork_context
from devcreds_lint.processes.pool import Workers
from devcreds_lint.workspace.config import Config
from devcreds_lint.workspace.options import RunOptions
from tests.helpers import children, make_integration, process_gone

pytestmark = pytest.mark.skipif(fork_context() is None, reason="forked workers: Linux only")

REPO = Path(__file__).resolve().parents[2]

# Hand-written variants, one defect each (or none), repeated under many domains.
SYNC_HOOK = """\
from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize", token_url="https://acme-api.io/token"
    )
"""
PLAIN_HTTP = """\
from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    return AuthorizationServer(
        authorize_url="http://acme-api.io/authorize", token_url="https://acme-api.io/token"
    )
"""
CLEAN = PLAIN_HTTP.replace("http://", "https://")
VARIANTS = (SYNC_HOOK, PLAIN_HTTP, CLEAN, "async def async_get_authorization_server(:\n")


def make_tree(root: Path, count: int) -> Path:
    for n in range(count):
        make_integration(
            root,
            {"application_credentials.py": VARIANTS[n % len(VARIANTS)]},
            domain=f"acme{n:03d}",
        )
    return root


def run_cli(tree: Path, *args: str, jobs: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("DEVCREDS_LINT_JOBS", None)
    if jobs is not None:
        env["DEVCREDS_LINT_JOBS"] = jobs
    return subprocess.run(
        [sys.executable, "-m", "devcreds_lint", "check", ".", "--output-format", "json", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_workers_find_what_a_serial_run_finds(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree", 2 * FORK_THRESHOLD)
    serial = run_cli(tree, "--no-cache", jobs="1")
    assert serial.returncode == 1, serial.stderr
    found = json.loads(serial.stdout)
    codes = sorted({d["code"] for d in found})
    assert codes == ["DC100", "DC203", "DC305"], codes
    # Before the walk (no cache), and after it (a cache file exists, every entry misses).
    prestarted = run_cli(tree, "--no-cache", jobs="2")
    assert (prestarted.returncode, prestarted.stdout) == (1, serial.stdout), prestarted.stderr
    cache = tmp_path / "cache"
    first = run_cli(tree, "--cache-dir", str(cache), jobs="2")
    assert first.stdout == serial.stdout
    for folder in sorted((tree / "custom_components").iterdir()):
        module = folder / "application_credentials.py"
        module.write_text(module.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    after_walk = run_cli(tree, "--cache-dir", str(cache), jobs="2")
    assert after_walk.stdout == serial.stdout, after_walk.stderr
    assert not (tree / ".devcreds_lint_cache").exists()


def options_for(tree: Path, jobs: int = 2) -> RunOptions:
    return RunOptions(paths=(str(tree),), config=Config(root=str(tree)), use_cache=False, jobs=jobs)


def serial_findings(tree: Path) -> list[list[Diagnostic]]:
    from devcreds_lint.engine import CheckOptions, check_integration

    return [
        check_integration(i, CheckOptions()) for i in discover([str(tree)], PROFILES).integrations
    ]


def test_a_dead_worker_costs_time_not_findings(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, 8)
    integrations = list(discover([str(tree)], PROFILES).integrations)
    context = fork_context()
    assert context is not None
    workers = Workers(context, 2, options_for(tree), PROFILES)
    try:
        for proc in workers._procs:  # the first worker, which forks the others
            proc.kill()
            proc.join()
        assert [found for _key, found in workers.check(integrations)] == serial_findings(tree)
    finally:
        workers.close()


def test_a_chunk_that_fails_in_a_worker_is_checked_again_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = make_tree(tmp_path, 8)
    integrations = list(discover([str(tree)], PROFILES).integrations)
    import devcreds_lint.engine as engine

    real = engine.check_integration
    parent = os.getpid()

    def fails_in_workers(*args: object, **kwargs: object) -> list[Diagnostic]:
        if os.getpid() != parent:
            raise RuntimeError("only in a worker")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check_integration", fails_in_workers)
    context = fork_context()
    assert context is not None
    workers = Workers(context, 2, options_for(tree), PROFILES)
    try:
        assert [found for _key, found in workers.check(integrations)] == serial_findings(tree)
    finally:
        workers.close()


def test_no_worker_outlives_the_run(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, 3)
    context = fork_context()
    assert context is not None
    workers = Workers(context, 2, options_for(tree), PROFILES)
    first = workers._procs[0]
    workers.close()  # at once, while the first worker may still be importing
    assert not first.is_alive()
    assert len(workers) == 0


def test_workers_start_only_when_the_run_is_surely_cold(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree", 2)
    cold = options_for(tree)
    started = start_workers(cold, PROFILES)
    assert started is not None
    started.close()
    assert start_workers(options_for(tree, jobs=1), PROFILES) is None
    named = RunOptions(
        paths=(str(tree / "custom_components/acme000/application_credentials.py"),),
        config=Config(root=str(tree)),
        use_cache=False,
        jobs=2,
    )
    assert start_workers(named, PROFILES) is None  # named files: pre-commit's few modules
    cached = RunOptions(paths=(str(tree),), config=Config(root=str(tree)), jobs=2)
    from devcreds_lint.cache import Cache

    started = start_workers(cached, PROFILES)
    assert started is not None  # no cache file yet: cold
    started.close()
    cache_file = Path(Cache.file_for(cached, PROFILES))
    cache_file.parent.mkdir(parents=True)
    cache_file.write_text("{}", encoding="utf-8")
    assert start_workers(cached, PROFILES) is None  # may be warm: libcst must not be imported


def test_the_heaviest_integrations_are_handed_out_first(tmp_path: Path) -> None:
    from devcreds_lint.processes.pool import heaviest_first

    for n, padding in enumerate((10, 5000, 200)):
        make_integration(
            tmp_path,
            {"application_credentials.py": CLEAN, "__init__.py": "#" * padding + "\n"},
            domain=f"acme{n}",
        )
    integrations = list(discover([str(tmp_path)], PROFILES).integrations)
    assert [i.domain for i in integrations] == ["acme0", "acme1", "acme2"]
    assert heaviest_first(integrations) == [1, 2, 0]


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc")
def test_a_stopped_worker_costs_time_not_findings(tmp_path: Path) -> None:
    """SIGSTOP (Ctrl-Z on the wrong process, a debugger) on a worker: the run checks its
    share itself, and the stopped worker is killed at the end, never left behind."""
    tree = make_tree(tmp_path, 2 * FORK_THRESHOLD)
    integrations = list(discover([str(tree)], PROFILES).integrations)
    context = fork_context()
    assert context is not None
    workers = Workers(context, 2, options_for(tree), PROFILES)
    first = workers._procs[0].pid
    assert first is not None
    try:
        os.kill(first, signal.SIGSTOP)  # while it imports: it never answers
        began = time.monotonic()
        assert [found for _key, found in workers.check(integrations)] == serial_findings(tree)
        workers.close()
        assert time.monotonic() - began < 30
        assert process_gone(first)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(first, signal.SIGKILL)


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc")
def test_ctrl_c_with_a_stopped_worker_ends_the_run(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group; the run ends at once, says it was aborted
    (no traceback), and leaves no worker behind, stopped or not."""
    tree = make_tree(tmp_path / "tree", 4 * FORK_THRESHOLD)
    env = dict(os.environ, PYTHONPATH=str(REPO), DEVCREDS_LINT_JOBS="2")
    proc = subprocess.Popen(
        [sys.executable, "-m", "devcreds_lint", "check", "--no-cache", "."],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 20
        while not workers and time.monotonic() < deadline:
            workers = children(proc.pid)
            time.sleep(0.005)
        assert workers, "no worker was started"
        for pid in workers:
            os.kill(pid, signal.SIGSTOP)
        time.sleep(0.3)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        assert "Traceback" not in err and "devcreds-lint: aborted" in err
        assert all(process_gone(pid) for pid in workers)
    finally:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
