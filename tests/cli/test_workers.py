"""Worker processes (devcreds_lint/processes/pool.py) and the choice of executor
(devcreds_lint/parallel.py): the same findings as a serial run whether the workers are forked
before the walk, after it, spawned, or die on the way; and no worker outlives the run."""

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

from devcreds_lint.check_options import CheckOptions
from devcreds_lint.contracts import PROFILES
from devcreds_lint.discovery import discover
from devcreds_lint.model import Diagnostic
from devcreds_lint.parallel import FORK_THRESHOLD, PER_WORKER, SPAWN_THRESHOLD, choose, job_count
from devcreds_lint.processes import Check, Executor, InProcess
from devcreds_lint.processes.forked import fork_context
from devcreds_lint.processes.pool import ForkedWorkers, SpawnedWorkers
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


def request_for(tree: Path) -> Check:
    return Check(tuple(discover([str(tree)], PROFILES).integrations), CheckOptions())


def found_by(executor: Executor, tree: Path) -> list[list[Diagnostic]]:
    return [found for _key, found in executor.check(request_for(tree))]


def serial_findings(tree: Path) -> list[list[Diagnostic]]:
    return found_by(InProcess(), tree)


def forked(count: int) -> ForkedWorkers:
    context = fork_context()
    assert context is not None
    return ForkedWorkers(context, count)


def test_a_dead_worker_costs_time_not_findings(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, 8)
    workers = forked(2)
    try:
        workers._engines.kill_first()  # the first worker, which forks the others
        assert found_by(workers, tree) == serial_findings(tree)
    finally:
        workers.close()


def test_a_chunk_that_fails_in_a_worker_is_checked_again_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = make_tree(tmp_path, 8)
    import devcreds_lint.engine as engine

    real = engine.check_integration
    parent = os.getpid()

    def fails_in_workers(*args: object, **kwargs: object) -> list[Diagnostic]:
        if os.getpid() != parent:
            raise RuntimeError("only in a worker")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check_integration", fails_in_workers)
    workers = forked(2)
    try:
        assert found_by(workers, tree) == serial_findings(tree)
    finally:
        workers.close()


def test_no_worker_outlives_the_run(tmp_path: Path) -> None:
    workers = forked(2)
    first = workers._engines._proc
    assert first is not None
    workers.close()  # at once, while the first worker may still be importing
    assert not first.is_alive()
    assert len(workers) == 0


def test_spawned_workers_find_what_a_serial_run_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The executor of macOS and Windows, forced here by the setting that tests it on Linux.
    tree = make_tree(tmp_path, 8)
    monkeypatch.setenv("DEVCREDS_LINT_START_METHOD", "spawn")
    chosen = choose(options_for(tree), pending=SPAWN_THRESHOLD)
    assert isinstance(chosen, SpawnedWorkers)
    try:
        assert found_by(chosen, tree) == serial_findings(tree)
    finally:
        chosen.close()


def test_spawned_workers_through_the_command_line(tmp_path: Path) -> None:
    # `python -m devcreds_lint check` with spawned workers, end to end: PER_WORKER
    # integrations for each of two workers, the threshold lowered to them.
    tree = make_tree(tmp_path / "tree", 2 * PER_WORKER)
    serial = run_cli(tree, "--no-cache", jobs="1")
    probe = (
        "import devcreds_lint.parallel as p\n"
        f"p.SPAWN_THRESHOLD = {2 * PER_WORKER}\n"
        "import runpy\n"
        "runpy.run_module('devcreds_lint', run_name='__main__', alter_sys=True)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO), DEVCREDS_LINT_JOBS="2")
    env["DEVCREDS_LINT_START_METHOD"] = "spawn"
    spawned = subprocess.run(
        [sys.executable, "-c", probe, "check", ".", "--no-cache", "--output-format", "json"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (spawned.returncode, spawned.stdout) == (1, serial.stdout), spawned.stderr


def test_every_executor_finds_the_same(tmp_path: Path) -> None:
    from devcreds_lint.processes.checker import Checker

    tree = make_tree(tmp_path, 2 * PER_WORKER)
    expected = serial_findings(tree)
    assert {d.code for found in expected for d in found} == {"DC100", "DC203", "DC305"}
    executors: list[Executor] = [InProcess(), forked(2), SpawnedWorkers(2), Checker.start()]
    for executor in executors:
        try:
            assert found_by(executor, tree) == expected, type(executor).__name__
        finally:
            executor.close()


def test_the_choice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = make_tree(tmp_path / "tree", 2)
    monkeypatch.delenv("DEVCREDS_LINT_JOBS", raising=False)
    monkeypatch.delenv("DEVCREDS_LINT_START_METHOD", raising=False)
    options = options_for(tree)
    assert isinstance(choose(options, pending=FORK_THRESHOLD - 1), InProcess)
    chosen = choose(options, pending=FORK_THRESHOLD)
    assert isinstance(chosen, ForkedWorkers) and len(chosen) == 2
    chosen.close()
    # At least PER_WORKER integrations a worker.
    chosen = choose(options_for(tree, jobs=8), pending=3 * PER_WORKER)
    assert isinstance(chosen, ForkedWorkers) and len(chosen) == 3
    chosen.close()
    assert isinstance(choose(options_for(tree, jobs=1), pending=1000), InProcess)
    # Unset, the cores this process may use, and one process on a busy machine.
    unset = options_for(tree, jobs=0)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.5, 0.5, 0.5))
    assert job_count(unset) == 3
    monkeypatch.setattr(os, "getloadavg", lambda: (8.9, 1.0, 1.0))
    assert job_count(unset) == 3  # below three times the cores: workers still win
    monkeypatch.setattr(os, "getloadavg", lambda: (9.0, 1.0, 1.0))
    assert job_count(unset) == 1
    assert isinstance(choose(unset, pending=1000), InProcess)
    assert job_count(options_for(tree, jobs=2)) == 2  # asked for: kept, busy or not
    monkeypatch.setenv("DEVCREDS_LINT_JOBS", "4")
    assert job_count(unset) == 4


def test_workers_start_before_the_walk_only_when_the_run_is_surely_cold(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree", 2)
    started = choose(options_for(tree), pending=None)
    assert isinstance(started, ForkedWorkers)
    started.close()
    assert choose(options_for(tree, jobs=1), pending=None) is None
    named = RunOptions(
        paths=(str(tree / "custom_components/acme000/application_credentials.py"),),
        config=Config(root=str(tree)),
        use_cache=False,
        jobs=2,
    )
    assert choose(named, pending=None) is None  # named files: pre-commit's few modules
    cached = RunOptions(paths=(str(tree),), config=Config(root=str(tree)), jobs=2)
    from devcreds_lint.cache import Cache

    started = choose(cached, pending=None)
    assert started is not None  # no cache file yet: cold
    started.close()
    cache_file = Path(Cache.file_for(cached))
    cache_file.parent.mkdir(parents=True)
    cache_file.write_text("{}", encoding="utf-8")
    assert choose(cached, pending=None) is None  # may be warm: libcst must not be imported


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
    workers = forked(2)
    assert workers._engines._proc is not None
    first = workers._engines._proc.pid
    assert first is not None
    try:
        os.kill(first, signal.SIGSTOP)  # while it imports: it never answers
        began = time.monotonic()
        assert found_by(workers, tree) == serial_findings(tree)
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


def test_profiles_travel_to_the_processes_by_name() -> None:
    """A request's check options reach a worker with the very profiles of this process (no
    copy that an identity test would tell apart), and a profile that is not one of them
    (a test's third profile) as itself."""
    import pickle
    from dataclasses import replace

    arrived = pickle.loads(pickle.dumps(CheckOptions()))
    assert all(a is b for a, b in zip(arrived.profiles, PROFILES, strict=True))
    third = replace(PROFILES[0], name="third_credentials")
    assert pickle.loads(pickle.dumps(third)) == third
