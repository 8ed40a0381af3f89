"""The pre-commit hooks: the manifest, its ``files`` pattern, what the CLI does with the files
pre-commit passes, and (marked ``installs``: ``pytest -m installs``, a CI step of its own) the
hooks run for real by pre-commit.

The real runs install this checkout into a fresh virtualenv (pip, from PyPI for the
dependencies), so they need the network. ``pre-commit try-repo`` only sees a repository's
committed files plus tracked modifications, never untracked files, so the hook repository is a
snapshot of the working tree (tracked and untracked, minus ignored files) committed to a
temporary git repository: the tests check what is on disk, and never touch the checkout's git
state.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from devcreds_lint.contracts import PROFILES
from devcreds_lint.naming import near_miss
from devcreds_lint.rules.examples import CONFIG_FLOW as DEFAULT_CONFIG_FLOW
from tests.helpers import CliResult

REPO = Path(__file__).resolve().parents[2]
HOOKS_FILE = REPO / ".pre-commit-hooks.yaml"

pre_commit = pytest.importorskip("pre_commit")
from pre_commit.clientlib import load_manifest  # noqa: E402

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def hooks() -> dict[str, dict]:  # type: ignore[type-arg]
    return {hook["id"]: hook for hook in load_manifest(str(HOOKS_FILE))}


# --- the manifest ---------------------------------------------------------------------------------


def test_manifest_is_valid_and_has_both_hooks() -> None:
    found = hooks()
    assert set(found) == {"devcreds-lint", "devcreds-lint-fix"}
    check, fix = found["devcreds-lint"], found["devcreds-lint-fix"]
    assert check["entry"] == "devcreds-lint check --force-exclude"
    # A fix hook fails the commit whenever it changed or renamed anything, as pre-commit's
    # own fixers do, so that the changes are looked at and staged.
    assert fix["entry"] == "devcreds-lint check --fix --exit-non-zero-on-fix --force-exclude"
    for hook in (check, fix):
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True
        assert hook["args"] == []
    # One process sees every file: pre-commit's parallel batches would each report the
    # whole integration (each finding printed once, whatever the batching).
    assert check["require_serial"] is True
    # Two processes fixing one integration at once could race on its files.
    assert fix["require_serial"] is True
    assert check["files"] == fix["files"]


def test_entry_points_at_the_console_script() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'devcreds-lint = "devcreds_lint.launch:main"' in text


def files_pattern() -> re.Pattern[str]:
    # pre-commit compiles `files` with re and uses search() on repo-relative, /-separated paths.
    return re.compile(hooks()["devcreds-lint"]["files"])


TRIGGERS = [
    # platform modules, in core and custom integrations
    "custom_components/acme/application_credentials.py",
    "custom_components/acme/developer_credentials.py",
    "homeassistant/components/acme/application_credentials.py",
    "application_credentials.py",
    # near misses of the platform file names (DC101)
    "custom_components/acme/developer_credentails.py",
    "custom_components/acme/developer_credential.py",
    "custom_components/acme/Developer_Credentials.py",
    "custom_components/acme/DEVELOPER_CREDENTIALS.py",
    "custom_components/acme/developer-credentials.py",
    "custom_components/acme/developercredentials.py",
    "custom_components/acme/application_credential.py",
    "custom_components/acme/application-credentials.py",
    "custom_components/acme/Application_Credentials.py",
    "custom_components/acme/aplication_credentials.py",
    "custom_components/acme/applicaton_credentails.py",
    "custom_components/acme/devloper_credentials.py",
    "custom_components/acme/eveloper_credentials.py",
    "custom_components/acme/developer_redentials.py",
    # the files a platform's findings depend on
    "custom_components/acme/manifest.json",
    "custom_components/acme/strings.json",
    "custom_components/acme/translations/en.json",
    "custom_components/acme/config_flow.py",
    "custom_components/acme/const.py",
    "custom_components/acme/__init__.py",
    "manifest.json",
    "__init__.py",
]

NOT_TRIGGERS = [
    "custom_components/acme/sensor.py",
    "custom_components/acme/coordinator.py",
    "custom_components/acme/api.py",
    "custom_components/acme/credentials.py",
    "custom_components/acme/oauth.py",
    "custom_components/acme/services.yaml",
    "custom_components/acme/translations/de.json",
    "custom_components/acme/my_translations/en.json",
    "custom_components/acme/my_manifest.json",
    "custom_components/acme/manifest.json.orig",
    "custom_components/acme/Manifest.json",
    "custom_components/acme/strings.yaml",
    "custom_components/acme/my_const.py",
    "custom_components/acme/constants.py",
    "custom_components/acme/config_flow.pyi",
    "custom_components/acme/__init__.pyc",
    "custom_components/acme/application_credentials.pyc",
    "custom_components/acme/application_credentials.py.bak",
    "custom_components/acme/application_credentials.md",
    "custom_components/application_credentials.py/README.md",
    "docs/developer_credentials.md",
    "README.md",
    "setup.py",
    "pyproject.toml",
]


@pytest.mark.parametrize("path", TRIGGERS)
def test_files_pattern_triggers(path: str) -> None:
    assert files_pattern().search(path), path


@pytest.mark.parametrize("path", NOT_TRIGGERS)
def test_files_pattern_does_not_trigger(path: str) -> None:
    assert not files_pattern().search(path), path


def _single_edits(word: str) -> Iterator[str]:
    letters = sorted(set(word.lower()) | {"_", "-"})
    for i in range(len(word) + 1):
        for letter in letters:
            yield word[:i] + letter + word[i:]  # insertion
        if i < len(word):
            yield word[:i] + word[i + 1 :]  # deletion
            yield word[:i] + word[i].upper() + word[i + 1 :]  # case
            for letter in letters:
                yield word[:i] + letter + word[i + 1 :]  # substitution
        if i < len(word) - 1:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # transposition


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_files_pattern_covers_every_single_edit_near_miss(profile) -> None:  # type: ignore[no-untyped-def]
    """Every one-edit misspelling that discovery treats as the platform (DC101) triggers the hook."""
    stems = {p.platform_stem: p for p in PROFILES}
    pattern = files_pattern()
    checked = 0
    for name in set(_single_edits(profile.platform_stem)):
        if name == profile.platform_stem or near_miss(name, stems) != profile.platform_stem:
            continue
        checked += 1
        assert pattern.search(f"custom_components/acme/{name}.py"), name
    assert checked > 500


# --- what the CLI does with the files pre-commit passes ----------------------------------------

CONFIG_FLOW = DEFAULT_CONFIG_FLOW  # the clean OAuth2 config flow the rule examples use

# The draft document's example: misspelled file name, imports without `import`, `self`.
BROKEN_PLATFORM = '''\
"""Developer credentials for Broken."""

from homeassistant.core import HomeAssistant
from homeassistant.components.developer_credentials.AuthorizationServer


async def async_get_authorization_server(self, hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://broken.acme-api.io/authorize",
        token_url="https://broken.acme-api.io/token",
    )
'''

FIXED_PLATFORM = '''\
"""Developer credentials for Broken."""

from homeassistant.core import HomeAssistant
from homeassistant.components.developer_credentials import AuthorizationServer


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://broken.acme-api.io/authorize",
        token_url="https://broken.acme-api.io/token",
    )
'''

CLEAN_PLATFORM = '''\
"""Application credentials for Clean."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://clean.acme-api.io/authorize",
        token_url="https://clean.acme-api.io/token",
    )
'''


def manifest(domain: str, dependencies: list[str]) -> str:
    data = {
        "domain": domain,
        "name": domain.title(),
        "codeowners": [],
        "config_flow": True,
        "dependencies": dependencies,
        "documentation": "https://acme-api.io",
        "iot_class": "cloud_polling",
        "version": "1.0.0",
    }
    return json.dumps(data, indent=2) + "\n"


def integration_files(domain: str, platform: str, source: str, deps: list[str]) -> dict[str, str]:
    return {
        f"custom_components/{domain}/manifest.json": manifest(domain, deps),
        f"custom_components/{domain}/__init__.py": f'"""The {domain} integration."""\n',
        f"custom_components/{domain}/const.py": f'"""Constants."""\n\nDOMAIN = "{domain}"\n',
        f"custom_components/{domain}/config_flow.py": CONFIG_FLOW,
        f"custom_components/{domain}/sensor.py": '"""A sensor."""\n',
        f"custom_components/{domain}/{platform}": source,
    }


BROKEN = integration_files("broken", "developer_credentails.py", BROKEN_PLATFORM, ["http"])
CLEAN = integration_files(
    "clean", "application_credentials.py", CLEAN_PLATFORM, ["application_credentials"]
)
# A second broken integration: must not show up when only `broken`'s files are passed.
OTHER = integration_files("other", "developer_credentails.py", BROKEN_PLATFORM, ["http"])
PLAIN_PACKAGE = {
    "tools/__init__.py": '"""Not an integration."""\n',
    "tools/const.py": 'CLIENT_SECRET = "not-checked"\n',
    "tools/helpers/__init__.py": "",
    "homeassistant/generated/application_credentials.py": 'APPLICATION_CREDENTIALS = ["acme"]\n',
}


def write(root: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    write(root, {**BROKEN, **CLEAN, **OTHER, **PLAIN_PACKAGE})
    monkeypatch.chdir(root)
    return root


def hook_check(cli, *files: str) -> CliResult:  # type: ignore[no-untyped-def]
    """What the check hook runs, with the files pre-commit would pass."""
    pattern = files_pattern()
    passed = [f for f in files if pattern.search(f)]
    return cli("check", "--force-exclude", "--output-format", "json", "--no-cache", *passed)


BROKEN_FINDINGS = {
    ("DC101", "custom_components/broken/developer_credentails.py"),
    ("DC102", "custom_components/broken/developer_credentails.py"),
    ("DC205", "custom_components/broken/developer_credentails.py"),
    ("DC601", "custom_components/broken/manifest.json"),
}


@pytest.mark.parametrize(
    "changed",
    [
        "manifest.json",
        "strings.json",
        "config_flow.py",
        "const.py",
        "__init__.py",
        "developer_credentails.py",
    ],
)
def test_one_changed_file_checks_its_whole_integration(cli, tree: Path, changed: str) -> None:
    if changed == "strings.json":
        write(tree, {"custom_components/broken/strings.json": "{}\n"})
    result = hook_check(cli, f"custom_components/broken/{changed}")
    assert result.code == 1
    assert result.findings() == BROKEN_FINDINGS  # and nothing from `other`


def test_files_of_one_integration_report_it_once(cli, tree: Path) -> None:
    result = hook_check(cli, *sorted(BROKEN))
    assert result.code == 1
    reported = [(d["code"], d["filename"]) for d in json.loads(result.out)]
    assert len(reported) == len(set(reported)) == len(BROKEN_FINDINGS)


def test_files_of_several_integrations(cli, tree: Path) -> None:
    result = hook_check(cli, *sorted({**BROKEN, **CLEAN, **PLAIN_PACKAGE}))
    assert result.findings() == BROKEN_FINDINGS


def test_unrelated_files_do_not_trigger(cli, tree: Path) -> None:
    assert not files_pattern().search("custom_components/broken/sensor.py")


@pytest.mark.parametrize("files", [sorted(PLAIN_PACKAGE), sorted(CLEAN)])
def test_files_outside_broken_integrations_pass_silently(cli, tree: Path, files: list[str]) -> None:
    # Files of no integration at all are not an error; the run says it checked nothing (on
    # stderr, which pre-commit shows only when a hook fails).
    nothing = (
        "devcreds-lint: warning: no integration found; nothing was checked\n"
        if files == sorted(PLAIN_PACKAGE)
        else ""
    )
    result = hook_check(cli, *files)
    assert (result.code, result.findings(), result.err) == (0, set(), nothing)
    full = cli("check", "--force-exclude", "--no-cache", *files)
    assert full.code == 0
    assert "DC" not in full.out and full.err == nothing


def test_force_exclude_skips_excluded_files_pre_commit_names(cli, tree: Path) -> None:
    (tree / "pyproject.toml").write_text(
        '[tool.devcreds-lint]\nextend-exclude = ["custom_components/other"]\n', encoding="utf-8"
    )
    result = hook_check(cli, *sorted(OTHER))
    assert (result.code, result.findings()) == (0, set())
    # Without --force-exclude, naming the files checks them anyway.
    named = cli("check", "--output-format", "json", "--no-cache", *sorted(OTHER))
    assert named.code == 1 and named.findings()


def test_fix_from_one_changed_file_fixes_the_integration(cli, tree: Path) -> None:
    result = cli("check", "--fix", "--force-exclude", "custom_components/broken/manifest.json")
    assert result.code == 0, result.out + result.err
    folder = tree / "custom_components" / "broken"
    assert not (folder / "developer_credentails.py").exists()
    assert (folder / "developer_credentials.py").read_text(encoding="utf-8") == FIXED_PLATFORM
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["dependencies"] == [
        "http",
        "developer_credentials",
    ]
    # `other` was not passed, so it is untouched.
    assert (tree / "custom_components" / "other" / "developer_credentails.py").exists()


# --- the hooks run for real by pre-commit (network: pip installs this checkout) ---------------


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env=git_env()
    )
    return proc.stdout


def git_env() -> dict[str, str]:
    # Run as if outside any hook or repository the test session itself may be in.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0")
    return env


def init_repo(path: Path) -> None:
    git(path, "init", "-q")
    git(path, "config", "user.email", "tests@example.com")
    git(path, "config", "user.name", "devcreds-lint tests")
    git(path, "config", "commit.gpgsign", "false")


def snapshot_of_checkout(target: Path) -> str:
    """Commit the checkout's working tree (tracked and untracked, not ignored) to ``target``."""
    target.mkdir()
    if (REPO / ".git").exists() and shutil.which("git"):
        listing = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        names = sorted({name for name in listing.split("\0") if name})
        for name in names:
            source = REPO / name
            if source.is_file():  # deleted-but-tracked files are skipped
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
    else:  # an unpacked source tree
        shutil.copytree(
            REPO,
            target,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(
                ".git", "*.egg-info", "__pycache__", ".*_cache", ".venv", "build", "dist"
            ),
        )
    init_repo(target)
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot of the devcreds-lint working tree")
    return git(target, "rev-parse", "HEAD").strip()


@dataclass(frozen=True)
class HookRepo:
    path: Path
    rev: str
    env: dict[str, str]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> HookRepo:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    base = tmp_path_factory.mktemp("precommit")
    path = base / "devcreds-lint"
    rev = snapshot_of_checkout(path)
    env = git_env()
    # One pre-commit store for the module: `pre-commit run` installs the hook environment once.
    # (`try-repo` always uses a throwaway store of its own.)
    env["PRE_COMMIT_HOME"] = str(base / "pre-commit-home")
    env["PRE_COMMIT_COLOR"] = "never"
    env.pop("SKIP", None)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return HookRepo(path, rev, env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git repository with a broken, a clean and an unrelated integration, all staged."""
    root = tmp_path / "ha-config"
    root.mkdir()
    init_repo(root)
    write(root, {**BROKEN, **CLEAN, **OTHER, **PLAIN_PACKAGE})
    git(root, "add", "-A")
    return root


def pre_commit_cmd(hook_repo: HookRepo, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=hook_repo.env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def try_repo(
    hook_repo: HookRepo, cwd: Path, hook: str, *files: str
) -> subprocess.CompletedProcess[str]:
    return pre_commit_cmd(
        hook_repo, cwd, "try-repo", str(hook_repo.path), hook, "--verbose", "--files", *files
    )


BROKEN_CHANGED = [
    "custom_components/broken/manifest.json",
    "custom_components/broken/sensor.py",
    "tools/__init__.py",
    "tools/const.py",
    "homeassistant/generated/application_credentials.py",
]


@pytest.mark.installs
@needs_git
def test_try_repo_check_hook(hook_repo: HookRepo, project: Path) -> None:
    before = {name: (project / name).read_text(encoding="utf-8") for name in BROKEN}
    proc = try_repo(hook_repo, project, "devcreds-lint", *BROKEN_CHANGED)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert re.search(r"^devcreds-lint\.+Failed$", output, re.MULTILINE), output
    assert "- exit code: 1" in output
    for code, path in BROKEN_FINDINGS:
        assert re.search(rf"^{re.escape(path)}:\d+:\d+: {code} ", output, re.MULTILINE), (
            code,
            output,
        )
    assert "custom_components/other/" not in output
    assert "custom_components/clean/" not in output
    assert "tools/" not in output and "generated" not in output.split("Using config:")[-1]
    assert "files were modified by this hook" not in output
    assert {name: (project / name).read_text(encoding="utf-8") for name in BROKEN} == before


@pytest.mark.installs
@needs_git
def test_try_repo_fix_hook(hook_repo: HookRepo, project: Path) -> None:
    proc = try_repo(
        hook_repo,
        project,
        "devcreds-lint-fix",
        "custom_components/broken/developer_credentails.py",
        "custom_components/clean/const.py",
    )
    output = proc.stdout + proc.stderr
    # Fixing modifies files, so pre-commit fails the hook (the user reviews and re-adds).
    assert proc.returncode == 1, output
    assert re.search(r"^devcreds-lint \(fix\)\.+Failed$", output, re.MULTILINE), output
    assert "files were modified by this hook" in output
    folder = project / "custom_components" / "broken"
    assert not (folder / "developer_credentails.py").exists()
    assert (folder / "developer_credentials.py").read_text(encoding="utf-8") == FIXED_PLATFORM
    deps = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["dependencies"]
    assert deps == ["http", "developer_credentials"]
    # Files of integrations that were not passed are untouched.
    for name, text in {**OTHER, **CLEAN}.items():
        assert (project / name).read_text(encoding="utf-8") == text


@pytest.mark.installs
@needs_git
def test_pre_commit_config_as_users_write_it(hook_repo: HookRepo, project: Path) -> None:
    """`.pre-commit-config.yaml` naming the hook repository, with settings in pyproject.toml."""
    (project / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_repo.path.as_posix()}\n"
        f"    rev: {hook_repo.rev}\n"
        "    hooks:\n"
        "      - id: devcreds-lint\n",
        encoding="utf-8",
    )
    # Known-broken integrations are excluded; --force-exclude applies that to named files.
    (project / "pyproject.toml").write_text(
        '[tool.devcreds-lint]\nextend-exclude = ["custom_components/broken", "other"]\n',
        encoding="utf-8",
    )
    git(project, "add", "-A")
    proc = pre_commit_cmd(hook_repo, project, "run", "--all-files")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert re.search(r"^devcreds-lint\.+Passed$", output, re.MULTILINE), output

    # Break the clean integration's manifest: the commit-time run (staged files) fails.
    manifest_path = project / "custom_components" / "clean" / "manifest.json"
    manifest_path.write_text(manifest("clean", []), encoding="utf-8")
    git(project, "add", "custom_components/clean/manifest.json")
    proc = pre_commit_cmd(hook_repo, project, "run")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "custom_components/clean/manifest.json:1:1: DC601 " in output
    assert "broken" not in output and "other" not in output
