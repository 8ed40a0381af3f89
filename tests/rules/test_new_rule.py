"""scripts/new_rule.py scaffolds a rule that registers itself: run in a copy of the package,
its module is found by its family, the catalogue is regenerated with it, and the example
tests stay red until the rule has invalid examples."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def copy_of_the_repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "devcreds_lint", root / "devcreds_lint", ignore=ignore)
    shutil.copytree(ROOT / "scripts", root / "scripts", ignore=ignore)
    (root / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "spec.md", root / "docs" / "spec.md")
    return root


def run(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run(
        [sys.executable, *argv], cwd=root, env=env, capture_output=True, text=True, check=False
    )


def test_a_scaffolded_rule_registers_itself(tmp_path: Path) -> None:
    root = copy_of_the_repository(tmp_path)
    made = run(root, "scripts/new_rule.py", "DC299", "hook-in-a-hurry", "hooks", "--no-docs")
    assert made.returncode == 0, made.stderr
    module = root / "devcreds_lint" / "rules" / "hooks" / "hook_in_a_hurry.py"
    assert 'code = "DC299"' in module.read_text(encoding="utf-8")
    assert '"DC299": ("hook-in-a-hurry", "error")' in (
        root / "devcreds_lint" / "catalogue.py"
    ).read_text(encoding="utf-8")
    spec = (root / "docs" / "spec.md").read_text(encoding="utf-8")
    assert spec.index("| DC209 |") < spec.index("| DC299 | hook-in-a-hurry | error |")
    assert spec.index("| DC299 |") < spec.index("| DC301 |")
    probe = (
        "from devcreds_lint.rules import rule_by_code\n"
        "from devcreds_lint.rules.families import catalogue_mismatches\n"
        "rule = rule_by_code('DC299')\n"
        "print(rule.__name__, rule.name, rule.severity.value, len(rule.INVALID))\n"
        "print(catalogue_mismatches())\n"
    )
    found = run(root, "-c", probe)
    assert found.stdout.splitlines() == ["HookInAHurry hook-in-a-hurry error 0", "[]"], found.stderr
    # The generated module is clean code: the linters of the repository accept it.
    lint = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", str(module)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout


def test_taken_codes_and_names_are_refused(tmp_path: Path) -> None:
    root = copy_of_the_repository(tmp_path)
    taken = run(root, "scripts/new_rule.py", "DC203", "something-new", "hooks", "--no-docs")
    assert taken.returncode == 2 and "DC203 is taken by sync-platform-hook" in taken.stderr
    name = run(root, "scripts/new_rule.py", "DC299", "sync-platform-hook", "hooks", "--no-docs")
    assert name.returncode == 2 and "sync-platform-hook is taken" in name.stderr
    family = run(root, "scripts/new_rule.py", "DC299", "something-new", "nope", "--no-docs")
    assert family.returncode == 2 and "nope: no such family" in family.stderr
