"""The result cache: same findings warm and cold, no libcst import when nothing changed,
invalidated by any change a finding depends on, and a damaged cache is rebuilt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXTURES

APP = "application_credentials.py"


def run(*args: str, cwd: Path, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, "-m", "devcreds_lint", "check", "--output-format", "json", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "f")
    return tmp_path


def test_warm_run_gives_the_same_findings_without_libcst(tree: Path) -> None:
    cold = run("f", cwd=tree)
    assert cold.returncode == 1
    assert (tree / ".devcreds_lint_cache" / ".gitignore").read_text().strip().endswith("*")
    warm = run("f", cwd=tree, importtime=True)
    assert warm.stdout == cold.stdout
    assert " libcst" not in warm.stderr, "a warm run must not import libcst"
    nocache = run("--no-cache", "f", cwd=tree)
    assert nocache.stdout == cold.stdout


def test_a_change_in_any_dependency_invalidates(tree: Path) -> None:
    run("f", cwd=tree)
    manifest = tree / "f" / "seed" / "custom_components" / "seed_example" / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"http"', '"http", "developer_credentials"'))
    warm = run("f", cwd=tree)
    assert '"DC601"' not in warm.stdout
    const = tree / "f" / "clean_app" / "custom_components" / "acme_impl" / "const.py"
    const.write_text(const.read_text().replace("https://", "http://"))
    assert '"DC305"' in run("f", cwd=tree).stdout


def test_damaged_or_foreign_cache_is_ignored(tree: Path) -> None:
    cold = run("f", cwd=tree)
    cache = tree / ".devcreds_lint_cache"
    for path in cache.glob("results-*.json"):
        path.write_text("{not json")
    assert run("f", cwd=tree).stdout == cold.stdout
    for path in cache.glob("results-*.json"):
        path.write_text('{"tool": "other", "entries": {}}')
    assert run("f", cwd=tree).stdout == cold.stdout


def test_cache_dir_option(tree: Path) -> None:
    run("--cache-dir", "elsewhere", "f", cwd=tree)
    assert (tree / "elsewhere").is_dir()
    assert not (tree / ".devcreds_lint_cache").exists()


def test_settings_are_part_of_the_key(tree: Path) -> None:
    run("f", cwd=tree)
    narrowed = run("--select", "DC601", "f", cwd=tree)
    codes = {
        line.split('"code": ')[1].strip(' ",')
        for line in narrowed.stdout.splitlines()
        if '"code"' in line
    }
    assert codes == {"DC601"}


def test_two_runs_at_once_leave_a_valid_cache(tree: Path) -> None:
    env = dict(os.environ)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "devcreds_lint", "check", "--output-format", "json", "f"],
            cwd=tree,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert outputs[0] == outputs[1]
    assert run("f", cwd=tree).stdout == outputs[0]
    assert not list((tree / ".devcreds_lint_cache").glob(".results-*.tmp"))


def test_a_file_changed_between_the_key_and_the_check_never_poisons_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue-17 poisoning: the key read a DC203 file, the check read the clean text an
    editor saved meanwhile; when the file came back (`git stash`, an undo), the cache gave the
    clean text's findings for it. Key and findings now come from one read."""
    from devcreds_lint.cache import Cache
    from devcreds_lint.cli import main
    from devcreds_lint.rules.examples import GOOD_SERVER
    from tests.helpers import make_integration

    sync = GOOD_SERVER.replace("async def", "def")
    module = make_integration(tmp_path, {APP: sync}) / APP
    get = Cache.get

    def get_then_edit(self: Cache, key: str) -> object:
        found = get(self, key)
        module.write_text(GOOD_SERVER)  # saved between the lookup and the check
        return found

    def check() -> int:
        with pytest.raises(SystemExit) as exit_:
            main(["check", "--cache-dir", str(tmp_path / "cache"), str(tmp_path)])
        return int(exit_.value.code or 0)

    monkeypatch.setenv("DEVCREDS_LINT_JOBS", "1")
    monkeypatch.setattr(Cache, "get", get_then_edit)
    check()
    monkeypatch.setattr(Cache, "get", get)
    module.write_text(sync)  # back to the text that was keyed
    capsys.readouterr()
    assert check() == 1
    assert "DC203" in capsys.readouterr().out


def test_the_key_changes_with_the_code_that_makes_the_findings(tmp_path: Path) -> None:
    """An install from git or an edited checkout keeps its version while its rules change:
    the key follows the package's modules too (a stale cache handed back DC101 as unsafe
    after the fix that made it safe)."""
    from devcreds_lint.cache import code_build

    (tmp_path / "rules").mkdir()
    module = tmp_path / "rules" / "a_rule.py"
    module.write_text("X = 1\n")
    (tmp_path / "notes.txt").write_text("not code")
    before = code_build(str(tmp_path))
    assert code_build(str(tmp_path)) == before
    (tmp_path / "notes.txt").write_text("still not code")
    assert code_build(str(tmp_path)) == before
    module.write_text("X = 2\n")
    os.utime(module, ns=(1, 1))
    assert code_build(str(tmp_path)) != before
