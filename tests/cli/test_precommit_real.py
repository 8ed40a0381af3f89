"""The hooks of ``.pre-commit-hooks.yaml`` driven by the real ``git commit`` and ``pre-commit``
in a real git repository: a broken integration's commit is blocked with each finding printed
once, the fix hook fixes and renames and says to stage the new file, the staged fixes commit,
and a commit of unrelated files skips the hook.

Fast: the hooks are ``repo: local`` copies of the manifest's hooks (same ``files``,
``require_serial``, ``pass_filenames`` and arguments) with ``language: system`` and the entry
run by this interpreter on this checkout, so nothing is installed; ``PRE_COMMIT_HOME`` is one
folder for the session. (tests/cli/test_precommit.py installs the hook repository as users do,
from a git snapshot of the checkout, and is marked slow.)
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from devcreds_lint.rules.examples import CONFIG_FLOW

REPO = Path(__file__).resolve().parents[2]

pytest.importorskip("pre_commit")
yaml = pytest.importorskip("yaml")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

DOMAIN = "custom_components/acme"

# The draft document's mistakes, all of them fixable: the misspelled file name (DC101), an import
# without `import` (DC102), `self` on a module-level hook (DC205), the manifest's missing
# dependency (DC601). Five files: pre-commit's parallel batches hold at most four.
BROKEN = {
    f"{DOMAIN}/manifest.json": json.dumps(
        {
            "domain": "acme",
            "name": "Acme",
            "codeowners": [],
            "config_flow": True,
            "dependencies": [],
            "documentation": "https://github.com/acme/acme",
            "iot_class": "cloud_polling",
            "requirements": [],
            "version": "1.0.0",
        },
        indent=2,
    )
    + "\n",
    f"{DOMAIN}/__init__.py": '"""The Acme integration."""\n',
    f"{DOMAIN}/const.py": '"""Constants for Acme."""\n\nDOMAIN = "acme"\n',
    f"{DOMAIN}/config_flow.py": CONFIG_FLOW,
    f"{DOMAIN}/developer_credentails.py": '''\
"""Developer credentials for Acme."""

from homeassistant.core import HomeAssistant
from homeassistant.components.developer_credentials.AuthorizationServer


async def async_get_authorization_server(self, hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://auth.acme-cloud.net/authorize",
        token_url="https://auth.acme-cloud.net/token",
    )
''',
}
FINDINGS = {
    ("DC101", f"{DOMAIN}/developer_credentails.py"),
    ("DC102", f"{DOMAIN}/developer_credentails.py"),
    ("DC205", f"{DOMAIN}/developer_credentails.py"),
    ("DC601", f"{DOMAIN}/manifest.json"),
}
FINDING_LINE = re.compile(r"^(\S+?):\d+:\d+: (DC\d{3}) ", re.MULTILINE)


def manifest_hooks() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def local_config(*hook_ids: str) -> str:
    """``.pre-commit-config.yaml`` with the manifest's hooks as local hooks run by this checkout."""
    python = shlex.quote(sys.executable)
    hooks = []
    for hook_id in hook_ids:
        hook = dict(manifest_hooks()[hook_id])
        entry = shlex.split(hook["entry"])
        assert entry[0] == "devcreds-lint"
        hook["entry"] = " ".join([python, "-m", "devcreds_lint", *map(shlex.quote, entry[1:])])
        hook["language"] = "system"
        hook.pop("minimum_pre_commit_version", None)
        hooks.append(hook)
    return json.dumps({"repos": [{"repo": "local", "hooks": hooks}]}, indent=2) + "\n"


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


class Repo:
    def __init__(self, path: Path, pre_commit_home: Path) -> None:
        self.path = path
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
        self.env.update(
            GIT_CONFIG_NOSYSTEM="1",
            GIT_TERMINAL_PROMPT="0",
            PRE_COMMIT_HOME=str(pre_commit_home),
            PRE_COMMIT_COLOR="never",
            NO_COLOR="1",
            PYTHONPATH=str(REPO),
        )
        self.env.pop("SKIP", None)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            args,
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"{args} failed:\n{proc.stdout}{proc.stderr}")
        return proc

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("git", *args, check=check)

    def write(self, files: dict[str, str]) -> None:
        for name, text in files.items():
            path = self.path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def commit(self, message: str) -> tuple[int, str]:
        proc = self.git("commit", "-m", message, check=False)
        return proc.returncode, proc.stdout + proc.stderr

    def tracked(self) -> set[str]:
        return set(self.git("ls-files").stdout.split())


def make_repo(tmp_path: Path, pre_commit_home: Path, *hook_ids: str) -> Repo:
    repo = Repo(tmp_path / "config", pre_commit_home)
    repo.path.mkdir()
    repo.git("init", "-q")
    repo.git("config", "user.email", "tests@example.com")
    repo.git("config", "user.name", "devcreds-lint tests")
    repo.git("config", "commit.gpgsign", "false")
    repo.write({".pre-commit-config.yaml": local_config(*hook_ids), "README.md": "# config\n"})
    repo.git("add", "-A")
    repo.git("commit", "-q", "--no-verify", "-m", "start")
    repo.run(sys.executable, "-m", "pre_commit", "install")
    return repo


def findings_in(output: str) -> Counter[tuple[str, str]]:
    return Counter((code, path) for path, code in FINDING_LINE.findall(output))


def test_commit_is_blocked_with_each_finding_once(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = make_repo(tmp_path, pre_commit_home, "devcreds-lint")
    repo.write(BROKEN)
    repo.git("add", "-A")
    code, output = repo.commit("Add the Acme integration")
    print(output)
    assert code != 0, output
    assert re.search(r"^devcreds-lint\.+Failed$", output, re.MULTILINE), output
    counted = findings_in(output)
    assert set(counted) == FINDINGS, output
    # Once each, however pre-commit batched the five files.
    assert all(n == 1 for n in counted.values()), counted
    assert output.count("Found 4 errors.") == 1, output
    assert repo.git("rev-list", "--count", "HEAD").stdout.strip() == "1"  # nothing committed


def test_fix_hook_fails_names_the_rename_and_the_staged_fixes_commit(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    repo = make_repo(tmp_path, pre_commit_home, "devcreds-lint-fix")
    repo.write(BROKEN)
    repo.git("add", "-A")
    code, output = repo.commit("Add the Acme integration")
    print(output)
    assert code != 0, output
    assert re.search(r"^devcreds-lint \(fix\)\.+Failed$", output, re.MULTILINE), output
    assert "- files were modified by this hook" in output
    # The hook itself fails (--exit-non-zero-on-fix), not only pre-commit's diff check.
    assert "- exit code: 1" in output, output
    new = f"{DOMAIN}/developer_credentials.py"
    renames = [line for line in output.splitlines() if line.startswith("Renamed ")]
    assert renames == [
        f"Renamed {DOMAIN}/developer_credentails.py to developer_credentials.py; "
        f"stage the rename and the fixes beside it: git add -A {DOMAIN}"
    ], output
    assert not (repo.path / DOMAIN / "developer_credentails.py").exists()
    assert "self" not in (repo.path / new).read_text(encoding="utf-8")
    # The advice, followed to the letter, and nothing else: then the commit goes through.
    (advice,) = [line.partition(": ")[2] for line in renames]
    repo.run(*shlex.split(advice))
    code, output = repo.commit("Add the Acme integration")
    print(output)
    assert code == 0, output
    assert re.search(r"^devcreds-lint \(fix\)\.+Passed$", output, re.MULTILINE), output
    # The commit's tree holds exactly one platform module: the broken original is not in it.
    tree = repo.git("ls-tree", "-r", "--name-only", "HEAD").stdout.split()
    modules = [p for p in tree if p.startswith(f"{DOMAIN}/developer_cred")]
    assert modules == [new], tree


def test_commit_of_unrelated_files_skips_the_hook(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = make_repo(tmp_path, pre_commit_home, "devcreds-lint", "devcreds-lint-fix")
    repo.write({"README.md": "# config\n\nNotes.\n", "automations/sensor.py": "X = 1\n"})
    repo.git("add", "-A")
    code, output = repo.commit("Notes")
    print(output)
    assert code == 0, output
    assert re.search(r"^devcreds-lint\.+\(no files to check\)Skipped$", output, re.MULTILINE)
    assert re.search(r"^devcreds-lint \(fix\)\.+\(no files to check\)Skipped$", output, re.M)
