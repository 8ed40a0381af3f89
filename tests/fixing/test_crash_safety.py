"""--fix killed at any moment (issue #6): every file is exactly as before or exactly as fixed,
never truncated or half-written, none is lost or doubled; the next run finishes the job and
removes the temporary files the killed one left behind."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devcreds_lint.fixing.writing import remove_stale_temp_files
from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import ROOT, make_integration, read_tree, write_tree

APP = "application_credentials.py"
SYNC = GOOD_SERVER.replace("async def", "def")
INTEGRATIONS = 120  # 15 of each variant: a run of ~1 s, long enough to be killed mid-way
# Kills per run of the suite: 6 keep it within its time budget (each is a run of the 120
# integrations); DEVCREDS_LINT_KILL_TRIALS=50 runs the long version.
ITERATIONS = int(os.environ.get("DEVCREDS_LINT_KILL_TRIALS", "6"))
TEMP = re.compile(r"(^|/)\.devcreds-lint-[^/]*\.tmp$")
# The lock of the integration a killed run was fixing: the next --fix of it removes it.
LOCK = re.compile(r"(^|/)\.devcreds-lint\.lock$")

VARIANTS: list[dict[str, str]] = [
    {APP: SYNC},  # DC203: an edit
    {APP: SYNC.replace("(hass", "(self, hass")},  # DC205
    {APP: SYNC.replace("from homeassistant.core import HomeAssistant\n", "")},  # DC401
    {"application_credential.py": SYNC},  # DC101: a rename, and an edit of the renamed file
    {"application_credential.py": GOOD_SERVER},  # DC101: a rename alone
    # DC601 (no domain: the variant serves integrations of every name, DC609 has no fix)
    {APP: GOOD_SERVER, "manifest.json": '{\n  "config_flow": true\n}\n'},
    {APP: SYNC.replace("\n", "\r\n")},
    {APP: GOOD_SERVER},  # nothing to fix
]


def _fix(tree: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "devcreds_lint", "check", "--fix", "--no-cache", str(tree)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _files(tree: Path) -> tuple[dict[str, str], list[str]]:
    """(the tree's files, the temporary files among them)."""
    files = read_tree(tree)
    temps = sorted(name for name in files if TEMP.search(name))
    return {k: v for k, v in files.items() if k not in temps and not LOCK.search(k)}, temps


def _renames(before: dict[str, str], fixed: dict[str, str]) -> dict[str, str]:
    gone = {os.path.dirname(k): k for k in set(before) - set(fixed)}
    new = {os.path.dirname(k): k for k in set(fixed) - set(before)}
    assert set(gone) == set(new)
    return {gone[folder]: new[folder] for folder in gone}


def _check_state(
    now: dict[str, str], before: dict[str, str], fixed: dict[str, str], renames: dict[str, str]
) -> tuple[int, int]:
    """Assert every file is as before or as fixed; return (files as before, files as fixed)
    among those the fix changes."""
    old_of = {new: old for old, new in renames.items()}
    seen = set()
    as_before = as_fixed = 0
    for name in sorted(set(before) | set(fixed)):
        if name in seen:
            continue
        if name in renames or name in old_of:
            old, new = (name, renames[name]) if name in renames else (old_of[name], name)
            seen.update((old, new))
            present = [n for n in (old, new) if n in now]
            assert len(present) == 1, f"{old} / {new}: {present} (lost or doubled)"
            content = now[present[0]]
            expected = {before[old], fixed[new]}
        else:
            seen.add(name)
            assert name in now, f"{name} is gone"
            content = now[name]
            expected = {before[name], fixed[name]}
        assert content in expected, f"{name} is neither as before nor as fixed: {content!r}"
        if before.get(name, before.get(old_of.get(name, ""))) != fixed.get(
            name, fixed.get(renames.get(name, ""), "")
        ):
            if content == fixed.get(name, fixed.get(renames.get(name, ""))):
                as_fixed += 1
            else:
                as_before += 1
    extra = set(now) - seen
    assert not extra, f"files that were not there before: {sorted(extra)}"
    return as_before, as_fixed


def _reset(tree: Path, before: dict[str, str]) -> None:
    """Put ``tree`` back as it was before any fix: remove what a run added (renamed modules,
    temporary files), rewrite what it changed. Much quicker than a fresh copy of every file,
    and the same bytes under the same names."""
    now = read_tree(tree)
    for name in set(now) - set(before):
        os.remove(tree / name)
    write_tree(tree, {name: text for name, text in before.items() if now.get(name) != text})
    assert read_tree(tree) == before


@pytest.mark.slow
@pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="the atomic no-clobber rename (renameat2) is Linux's; elsewhere a kill between "
    "the hard link and the unlink that replace it can leave both names",
)
def test_fix_killed_at_any_moment(tmp_path: Path) -> None:
    original = tmp_path / "original"
    for i in range(INTEGRATIONS):
        make_integration(original, VARIANTS[i % len(VARIANTS)], domain=f"i{i:03d}")
    before, _ = _files(original)
    # The fully fixed tree, and how long a full run takes.
    reference = tmp_path / "reference"
    shutil.copytree(original, reference)
    started = time.monotonic()
    proc = _fix(reference)
    _, err = proc.communicate(timeout=300)
    duration = time.monotonic() - started
    assert proc.returncode == 0, err.decode()
    fixed, temps = _files(reference)
    assert not temps
    renames = _renames(before, fixed)
    assert len(renames) == 2 * INTEGRATIONS // len(VARIANTS)
    assert sum(before[k] != fixed.get(k) for k in before) > INTEGRATIONS // 2

    rng = random.Random(6)
    interrupted = 0
    tree = tmp_path / "run"
    shutil.copytree(original, tree)
    for iteration in range(ITERATIONS):
        if iteration:
            _reset(tree, before)
        proc = _fix(tree)
        time.sleep(rng.uniform(0.05, duration))
        proc.kill()  # SIGKILL: no handler, no cleanup
        proc.wait(timeout=60)
        now, temps = _files(tree)
        as_before, as_fixed = _check_state(now, before, fixed, renames)
        interrupted += bool(as_before and as_fixed)
        # A temporary file left behind is one of ours, complete or not; the next full run
        # removes it and finishes the job.
        if temps or iteration % 3 == 0:
            proc = _fix(tree)
            _, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err.decode()
            assert read_tree(tree) == fixed  # exactly the fixed tree, no temporary file
    assert interrupted >= ITERATIONS // 3, "the kills should land in the middle of the runs"


def test_stale_temp_files_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: SYNC})
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(dead.stdout)
    stale = f".devcreds-lint-{dead_pid}-abc_123.tmp"
    legacy = ".devcreds-lint-k2j4h5g6.tmp"  # named without a process id
    live = f".devcreds-lint-{os.getppid()}-xyz.tmp"  # a process that is still running
    mine = f".devcreds-lint-{os.getpid()}-qqq.tmp"
    unrelated = ".devcreds-lint-notes.txt"
    write_tree(folder, {n: "partial" for n in (stale, legacy, live, mine, unrelated)})
    removed = remove_stale_temp_files(str(folder))
    assert sorted(os.path.basename(p) for p in removed) == sorted([stale, legacy])
    assert {live, mine, unrelated} <= set(os.listdir(folder))


def test_the_next_run_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: GOOD_SERVER})  # nothing to fix at all
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    leftover = folder / f".devcreds-lint-{int(dead.stdout)}-abcdefgh.tmp"
    leftover.write_text(SYNC[:40])
    code = subprocess.run(
        [sys.executable, "-m", "devcreds_lint", "check", "--fix", "--no-cache", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    ).returncode
    assert code == 0
    assert not leftover.exists()
    # A check without --fix writes nothing, and so removes nothing either.
    leftover.write_text(SYNC[:40])
    subprocess.run(
        [sys.executable, "-m", "devcreds_lint", "check", "--no-cache", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert leftover.exists()


# A run of the command line that dies (os._exit: no cleanup, as for SIGKILL) at a chosen
# point of writing: the k-th call of a function the fixer uses.
DIE = """
import os, sys
from devcreds_lint.fixing import writing as fixes
from devcreds_lint.cli import main

point, k, tree = sys.argv[1], int(sys.argv[2]), sys.argv[3]
calls = 0

def dying(function):
    def wrapper(*args, **kwargs):
        global calls
        calls += 1
        if point.startswith("after-"):
            result = function(*args, **kwargs)
            if calls == k:
                os._exit(137)
            return result
        if calls == k:
            os._exit(137)
        return function(*args, **kwargs)
    return wrapper

class Os:
    def __getattr__(self, name):
        value = getattr(os, name)
        return dying(value) if point.endswith(name) else value

if point.endswith(("replace", "fsync", "chmod", "unlink", "link")):
    fixes.os = Os()
elif point.endswith("mkstemp"):
    fixes.tempfile.mkstemp = dying(fixes.tempfile.mkstemp)
else:
    setattr(fixes, point.removeprefix("after-"), dying(getattr(fixes, point.removeprefix("after-"))))
main(["check", "--fix", "--no-cache", tree])
"""


@pytest.fixture(scope="module")
def small_tree(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, str], dict[str, str], dict[str, str]]:
    """(one integration of each variant, its files, the files fixed, the renames)."""
    original = tmp_path_factory.mktemp("small") / "original"
    for i, variant in enumerate(VARIANTS):
        make_integration(original, variant, domain=f"i{i}")
    before, _ = _files(original)
    reference = original.parent / "reference"
    shutil.copytree(original, reference)
    assert _fix(reference).wait(timeout=120) == 0
    fixed, _ = _files(reference)
    return original, before, fixed, _renames(before, fixed)


@pytest.mark.parametrize(
    ("point", "k"),
    [
        ("after-mkstemp", 1),  # an empty temporary file
        ("fsync", 2),  # written, not yet flushed
        ("replace", 1),  # complete, not yet in place
        ("replace", 4),
        ("after-rename_no_clobber", 1),  # renamed, its fixes not yet written
        ("after-rename_no_clobber", 2),
        ("write_atomic", 3),
    ],
)
def test_fix_dying_at_each_step(
    tmp_path: Path,
    small_tree: tuple[Path, dict[str, str], dict[str, str], dict[str, str]],
    point: str,
    k: int,
) -> None:
    original, before, fixed, renames = small_tree
    tree = tmp_path / "tree"
    shutil.copytree(original, tree)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", DIE, point, str(k), str(tree)],
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 137, proc.stderr.decode()
    now, temps = _files(tree)
    as_before, _ = _check_state(now, before, fixed, renames)
    assert as_before  # it did die before the end
    if point in ("after-mkstemp", "fsync", "replace"):
        assert len(temps) == 1
    assert _fix(tree).wait(timeout=120) == 0
    assert read_tree(tree) == fixed
