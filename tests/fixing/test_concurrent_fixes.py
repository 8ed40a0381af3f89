"""Two writers meet (issue 17): ``--fix`` runs at once on one tree, and a file changed while a
run fixes it. A fix is applied only to the bytes it was computed from; one run at a time fixes
an integration (its lock); the run that waited or lost says so and exits 1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devcreds_lint.cli import main
from devcreds_lint.fixing import rounds
from devcreds_lint.fixing.locking import LOCK_NAME, integration_lock
from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import ROOT, make_integration, read_tree

APP = "application_credentials.py"
# The defects of the issue: a DC102-broken import and a manifest without the dependency
# (DC601); both fixed by editing text that the other run edits too.
BROKEN = GOOD_SERVER.replace(
    "from homeassistant.core import HomeAssistant", "from homeassistant.core.HomeAssistant"
)
MANIFEST = """{
  "domain": "DOMAIN",
  "name": "Example",
  "config_flow": true,
  "dependencies": [],
  "documentation": "https://acme-api.io",
  "iot_class": "cloud_polling"
}
"""
INTEGRATIONS = 16


def broken_tree(root: Path, count: int = INTEGRATIONS) -> Path:
    for i in range(count):
        domain = f"d{i:02d}"
        files = {APP: BROKEN, "manifest.json": MANIFEST.replace("DOMAIN", domain)}
        if i % 4 == 1:  # and a hook that is not async (DC203), fixed in a later round
            files[APP] = BROKEN.replace("async def", "def")
        make_integration(root, files, domain=domain)
    return root


def fix_command(tree: Path) -> list[str]:
    return [sys.executable, "-m", "devcreds_lint", "check", "--fix", "--no-cache", str(tree)]


def start_fix(tree: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        fix_command(tree), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(the broken tree, every file as one run leaves it)."""
    original = broken_tree(tmp_path_factory.mktemp("concurrent") / "original")
    reference = original.parent / "reference"
    shutil.copytree(original, reference)
    proc = start_fix(reference)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    fixed = read_tree(reference)
    assert "from homeassistant.core import HomeAssistant\n" in fixed[f"custom_components/d00/{APP}"]
    return original, fixed


@pytest.mark.parametrize(("runs", "trials"), [(2, 2), (4, 1)])
def test_concurrent_fix_runs_leave_what_one_run_leaves(
    tmp_path: Path, trees: tuple[Path, dict[str, str]], runs: int, trials: int
) -> None:
    original, fixed = trees
    for trial in range(trials):
        tree = tmp_path / f"trial{trial}"
        shutil.copytree(original, tree)
        procs = [start_fix(tree) for _ in range(runs)]
        outcomes = [(p.wait(timeout=120), p.communicate()[1].decode()) for p in procs]
        assert read_tree(tree) == fixed  # every file, and no lock or temporary file left
        for code, err in outcomes:
            assert "internal error" not in err
            assert code in (0, 1), err
            if code == 1:  # lost the race, or waited: says so
                assert "another devcreds-lint --fix" in err or "changed while fixing" in err, err


def test_a_run_that_finds_the_integration_locked_waits_and_says_so(
    tmp_path: Path, trees: tuple[Path, dict[str, str]]
) -> None:
    original, fixed = trees
    tree = tmp_path / "tree"
    shutil.copytree(original, tree)
    last = f"custom_components/d{INTEGRATIONS - 1:02d}/{APP}"
    others = [name for name in fixed if name.endswith(APP) and name != last]
    with integration_lock(str(tree / os.path.dirname(last))):
        proc = start_fix(tree)
        # It fixes the others (in order, the locked one last), then waits for the lock.
        deadline = time.monotonic() + 60
        while any((tree / name).read_text() != fixed[name] for name in others):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(1)
        assert proc.poll() is None
        assert (tree / last).read_text() == (original / last).read_text()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "another devcreds-lint --fix was fixing this integration" in err.decode()
    assert read_tree(tree) == fixed


def test_the_lock_file_goes_with_its_lock(tmp_path: Path) -> None:
    folder = tmp_path / "integration"
    folder.mkdir()
    with integration_lock(str(folder)) as lock:
        assert (folder / LOCK_NAME).exists() and not lock.waited
    assert not (folder / LOCK_NAME).exists()
    # One left by a killed run is taken over, then removed.
    (folder / LOCK_NAME).write_text("")
    with integration_lock(str(folder)) as lock:
        assert not lock.waited
    assert not (folder / LOCK_NAME).exists()


def test_a_run_gives_up_on_an_integration_locked_too_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from devcreds_lint.fixing import locking

    tree = broken_tree(tmp_path / "tree", 2)
    monkeypatch.setattr(locking, "LOCK_TIMEOUT", 0.3)
    with integration_lock(str(tree / "custom_components" / "d00")), pytest.raises(SystemExit) as e:
        main(["check", "--fix", "--no-cache", str(tree)])
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert "d00: not fixed: another devcreds-lint --fix has been fixing" in err
    assert (tree / "custom_components" / "d00" / APP).read_text() == BROKEN  # left alone
    assert "import HomeAssistant" in (tree / "custom_components" / "d01" / APP).read_text()


def test_a_file_changed_between_check_and_write_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor saves while the fixer works: the fixes were computed on the old bytes, so
    they are not applied to the new ones (which would corrupt them), and nothing is written
    over the new ones. Both the module and the manifest."""
    folder = make_integration(
        tmp_path, {APP: BROKEN, "manifest.json": MANIFEST.replace("DOMAIN", "example")}
    )
    saved_app = '"""Saved by an editor."""\n\n' + BROKEN
    saved_manifest = MANIFEST.replace("DOMAIN", "example").replace(
        '"dependencies": []', '"dependencies": ["application_credentials"]'
    )
    checks = 0
    check = rounds.check_integration

    def check_then_edit(*args: object, **kwargs: object) -> object:
        nonlocal checks
        found = check(*args, **kwargs)  # type: ignore[arg-type]
        checks += 1
        if checks == 1:  # after the first check, before any fix is applied
            (folder / APP).write_text(saved_app)
            (folder / "manifest.json").write_text(saved_manifest)
        return found

    monkeypatch.setattr(rounds, "check_integration", check_then_edit)
    with pytest.raises(SystemExit) as e:
        main(["check", "--fix", "--no-cache", str(tmp_path)])
    assert checks >= 1
    assert (folder / APP).read_text() == saved_app
    assert (folder / "manifest.json").read_text() == saved_manifest
    out, err = capsys.readouterr()
    assert f"{folder / APP}: changed while fixing; run again" in err
    assert "manifest.json: changed while fixing; run again" in err
    assert e.value.code == 1
    # What is on disk is reported: the saved module still has the broken import.
    assert "DC102" in out and "DC601" not in out
