"""Configuration end to end through the CLI: every key of ``[tool.devcreds-lint]``, where the
file is found, ``--config``, ``--isolated``, ``devcreds-lint config`` and the error exits.

Every test lays out a small project in ``tmp_path`` and runs ``devcreds_lint.cli.main`` in
process, as the ``devcreds-lint`` console script does (so usage errors go through the same
one-line ``devcreds-lint: error: ...`` path and exit 2).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest

from devcreds_lint.rules.examples import CONFIG_FLOW as DEFAULT_CONFIG_FLOW
from tests.helpers import CliResult

# --- a small project, written inline --------------------------------------------------------

CONFIG_FLOW = DEFAULT_CONFIG_FLOW  # the clean OAuth2 config flow the rule examples use

APP_PLATFORM = '''\
"""Application credentials platform."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


{sync}def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="{authorize_url}",
        token_url="https://auth.acme-api.io/token",
    )
'''

DEV_PLATFORM = '''\
"""Developer credentials platform."""

from homeassistant.components.developer_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


{sync}def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://auth.acme-api.io/authorize",
        token_url="https://auth.acme-api.io/token",
    )
'''


def manifest(domain: str, dependencies: list[str]) -> str:
    return (
        json.dumps(
            {
                "domain": domain,
                "name": domain.title(),
                "codeowners": [],
                "config_flow": True,
                "dependencies": dependencies,
                "documentation": "https://acme-api.io",
                "iot_class": "cloud_polling",
                "version": "1.0.0",
            },
            indent=2,
        )
        + "\n"
    )


def write(root: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def integration(
    root: Path,
    domain: str,
    *,
    profile: str = "application_credentials",
    platform_name: str | None = None,
    sync: bool = False,
    authorize_url: str = "https://auth.acme-api.io/authorize",
    dependencies: list[str] | None = None,
    parent: str = "custom_components",
) -> Path:
    """One integration under ``root/parent/domain``; clean unless told otherwise."""
    template = APP_PLATFORM if profile == "application_credentials" else DEV_PLATFORM
    platform = template.format(sync="" if sync else "async ", authorize_url=authorize_url)
    folder = root / parent / domain
    write(
        folder,
        {
            "manifest.json": manifest(domain, [profile] if dependencies is None else dependencies),
            "__init__.py": f'"""The {domain} integration."""\n',
            "const.py": f'"""Constants."""\n\nDOMAIN = "{domain}"\n',
            "config_flow.py": CONFIG_FLOW,
            platform_name or f"{profile}.py": platform,
        },
    )
    return folder


def project(root: Path) -> Path:
    """Four integrations with one finding each (and one clean):

    - ``lan``: DC305, ``http://hub.local`` (DC305 error)
    - ``sync``: DC203, a ``def`` hook
    - ``nodeps``: DC601, manifest without the dependency
    - ``oldstyle`` (developer_credentials profile): DC203
    - ``clean``: nothing
    """
    integration(root, "lan", authorize_url="http://hub.local/auth")
    integration(root, "sync", sync=True)
    integration(root, "nodeps", dependencies=[])
    integration(root, "oldstyle", profile="developer_credentials", sync=True)
    integration(root, "clean")
    return root


ALL = {
    ("DC305", "custom_components/lan/application_credentials.py"),
    ("DC203", "custom_components/sync/application_credentials.py"),
    ("DC601", "custom_components/nodeps/manifest.json"),
    ("DC203", "custom_components/oldstyle/developer_credentials.py"),
}


def pyproject(root: Path, body: str, name: str = "pyproject.toml") -> Path:
    path = root / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


# --- running the CLI --------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project folder, also the current directory."""
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def check_json(cli, *args: str) -> CliResult:  # type: ignore[no-untyped-def]
    return cli("check", "--output-format", "json", "--no-cache", *args)


# --- defaults ---------------------------------------------------------------------------------


def test_defaults_without_configuration(cli, root: Path) -> None:
    project(root)
    result = check_json(cli)
    assert result.code == 1
    assert result.findings() == ALL


# --- select / extend-select / ignore ------------------------------------------------------------


def test_select(cli, root: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nselect = ["DC2"]\n')
    assert check_json(cli).findings() == {f for f in ALL if f[0] == "DC203"}


def test_extend_select_adds_to_select(cli, root: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nselect = ["DC2"]\nextend-select = ["DC601"]\n')
    assert check_json(cli).findings() == {f for f in ALL if f[0] in {"DC203", "DC601"}}


def test_cli_select_replaces_config_select_but_keeps_extend_select(cli, root: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nselect = ["DC2"]\nextend-select = ["DC601"]\n')
    assert check_json(cli, "--select", "DC305").findings() == {
        f for f in ALL if f[0] in {"DC305", "DC601"}
    }


def test_ignore(cli, root: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nignore = ["DC203", "DC6"]\n')
    assert check_json(cli).findings() == {f for f in ALL if f[0] == "DC305"}


def test_ignore_everything_exits_zero(cli, root: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nignore = ["DC"]\n')
    result = check_json(cli)
    assert (result.code, result.findings()) == (0, set())


# --- per-file-ignores -----------------------------------------------------------------------


def test_per_file_ignores_silences_dc601_in_manifests(cli, root: Path) -> None:
    project(root)
    pyproject(
        root,
        """
        [tool.devcreds-lint.per-file-ignores]
        "*/manifest.json" = ["DC601"]
        """,
    )
    assert check_json(cli).findings() == ALL - {("DC601", "custom_components/nodeps/manifest.json")}


def test_per_file_ignores_silences_dc101_for_one_file(cli, root: Path) -> None:
    integration(root, "typo", platform_name="application_credential.py")
    integration(
        root, "typo2", platform_name="developer_credentails.py", profile="developer_credentials"
    )
    before = check_json(cli).findings()
    assert ("DC101", "custom_components/typo/application_credential.py") in before
    assert ("DC101", "custom_components/typo2/developer_credentails.py") in before
    pyproject(
        root,
        """
        [tool.devcreds-lint.per-file-ignores]
        "custom_components/typo/application_credential.py" = ["DC101"]
        """,
    )
    after = check_json(cli).findings()
    assert after == before - {("DC101", "custom_components/typo/application_credential.py")}


def test_per_file_ignores_glob_is_relative_to_the_config_file(
    cli, root: Path, tmp_path: Path
) -> None:
    project(root)
    pyproject(
        root,
        """
        [tool.devcreds-lint.per-file-ignores]
        "custom_components/sync/*" = ["DC2"]
        """,
    )
    # Run from outside the project: the glob still applies relative to the project.
    os.chdir(tmp_path)
    found = {
        (code, os.path.relpath(path, "project").replace(os.sep, "/"))
        for code, path in check_json(cli, "project").findings()
    }
    assert found == ALL - {("DC203", "custom_components/sync/application_credentials.py")}


# --- exclude / extend-exclude / --force-exclude ----------------------------------------------


def test_extend_exclude(cli, root: Path) -> None:
    project(root)
    integration(root, "vendored", sync=True, parent="third_party")
    assert ("DC203", "third_party/vendored/application_credentials.py") in check_json(
        cli
    ).findings()
    pyproject(root, '[tool.devcreds-lint]\nextend-exclude = ["third_party"]\n')
    assert check_json(cli).findings() == ALL


def test_exclude_glob_on_a_folder_name(cli, root: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nexclude = ["sync", "old*"]\n')
    assert check_json(cli).findings() == {
        f for f in ALL if "/sync/" not in f[1] and "/oldstyle/" not in f[1]
    }


def test_exclude_glob_on_a_relative_path(cli, root: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nexclude = ["custom_components/lan"]\n')
    assert check_json(cli).findings() == {f for f in ALL if "/lan/" not in f[1]}


def test_exclude_replaces_the_defaults_and_extend_exclude_keeps_them(cli, root: Path) -> None:
    pyproject(root, '[tool.devcreds-lint]\nexclude = ["mine"]\n')
    shown = json.loads(cli("config").out)
    assert shown["exclude"] == ["mine"]
    pyproject(root, '[tool.devcreds-lint]\nextend-exclude = ["mine"]\n')
    shown = json.loads(cli("config").out)
    assert "node_modules" in shown["exclude"] and shown["extend-exclude"] == ["mine"]


def test_force_exclude_applies_exclusions_to_named_paths(cli, root: Path) -> None:
    integration(root, "vendored", sync=True, parent="third_party")
    pyproject(root, '[tool.devcreds-lint]\nextend-exclude = ["third_party"]\n')
    named = "third_party/vendored/manifest.json"
    # Named on the command line, an excluded file is checked (as Ruff does)...
    result = check_json(cli, named)
    assert result.findings() == {("DC203", "third_party/vendored/application_credentials.py")}
    # ...unless --force-exclude, which pre-commit hooks use.
    result = check_json(cli, "--force-exclude", named)
    assert (result.code, result.findings()) == (0, set())
    # Folders named on the command line are excluded too.
    result = check_json(cli, "--force-exclude", "third_party/vendored")
    assert (result.code, result.findings()) == (0, set())
    # A pattern naming the folder by its path covers the files in it.
    pyproject(root, '[tool.devcreds-lint]\nextend-exclude = ["third_party/vendored"]\n')
    result = check_json(cli, "--force-exclude", named, "third_party/vendored/const.py")
    assert (result.code, result.findings()) == (0, set())
    # Paths that are not excluded are still checked with --force-exclude.
    integration(root, "sync", sync=True)
    result = check_json(cli, "--force-exclude", named, "custom_components/sync/const.py")
    assert result.findings() == {("DC203", "custom_components/sync/application_credentials.py")}


# --- respect-gitignore ----------------------------------------------------------------------


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@needs_git
def test_respect_gitignore_default_and_off(cli, root: Path) -> None:
    git(root, "init", "-q")
    project(root)
    integration(root, "generated", sync=True, parent="build_output")
    integration(root, "local", sync=True, parent="scratch")
    (root / ".gitignore").write_text("build_output/\n", encoding="utf-8")
    (root / ".git" / "info").mkdir(parents=True, exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("scratch\n", encoding="utf-8")
    assert check_json(cli).findings() == ALL
    # With --force-exclude, an ignored file named on the command line is skipped too.
    result = check_json(cli, "--force-exclude", "build_output/generated/manifest.json")
    assert (result.code, result.findings()) == (0, set())

    pyproject(root, "[tool.devcreds-lint]\nrespect-gitignore = false\n")
    assert check_json(cli).findings() == ALL | {
        ("DC203", "build_output/generated/application_credentials.py"),
        ("DC203", "scratch/local/application_credentials.py"),
    }


@needs_git
def test_gitignore_of_a_repository_in_a_subfolder(cli, root: Path) -> None:
    """The configuration sits above the repository; the repository's .gitignore still counts."""
    pyproject(root, "[tool.devcreds-lint]\n")
    repo = root / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    integration(repo, "kept", sync=True)
    integration(repo, "ignored", sync=True)
    (repo / ".gitignore").write_text("custom_components/ignored/\n", encoding="utf-8")
    os.chdir(repo)
    assert check_json(cli).findings() == {
        ("DC203", "custom_components/kept/application_credentials.py")
    }


@needs_git
def test_gitignore_applies_when_checking_a_repository_from_outside(
    cli, root: Path, tmp_path: Path
) -> None:
    git(root, "init", "-q")
    integration(root, "kept", sync=True)
    integration(root, "ignored", sync=True, parent="vendored")
    (root / ".gitignore").write_text("vendored/\n", encoding="utf-8")
    os.chdir(tmp_path)
    found = check_json(cli, "project").findings()
    assert found == {("DC203", "project/custom_components/kept/application_credentials.py")}


# --- profiles ---------------------------------------------------------------------------------


def test_profiles(cli, root: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nprofiles = ["application_credentials"]\n')
    assert check_json(cli).findings() == {f for f in ALL if "oldstyle" not in f[1]}
    pyproject(root, '[tool.devcreds-lint]\nprofiles = ["developer_credentials"]\n')
    assert check_json(cli).findings() == {
        ("DC203", "custom_components/oldstyle/developer_credentials.py")
    }


# --- output-format ------------------------------------------------------------------------------


def test_output_format_from_config_and_cli_override(cli, root: Path) -> None:
    integration(root, "sync", sync=True)
    pyproject(root, '[tool.devcreds-lint]\noutput-format = "concise"\n')
    result = cli("check", "--no-cache")
    assert result.code == 1
    first = result.out.splitlines()[0]
    platform = os.path.join("custom_components", "sync", "application_credentials.py")
    assert re.match(re.escape(platform) + r":7:\d+: DC203 ", first), first
    result = cli("check", "--no-cache", "--output-format", "github")
    assert result.out.startswith(
        "::error file=custom_components/sync/application_credentials.py,line=7,"
    )


# --- max-file-size --------------------------------------------------------------------------------


def test_max_file_size(cli, root: Path) -> None:
    integration(root, "clean")
    assert check_json(cli).findings() == set()
    pyproject(root, "[tool.devcreds-lint]\nmax-file-size = 100\n")
    result = check_json(cli)
    assert ("DC900", "custom_components/clean/application_credentials.py") in result.findings()
    assert result.code == 1


# --- cache-dir ------------------------------------------------------------------------------------


def test_cache_dir(cli, root: Path) -> None:
    integration(root, "sync", sync=True)
    pyproject(root, '[tool.devcreds-lint]\ncache-dir = "cache-here"\n')
    first = cli("check", "--output-format", "json")
    assert first.findings() == {("DC203", "custom_components/sync/application_credentials.py")}
    assert list((root / "cache-here").iterdir()), "the configured cache folder holds the cache"
    assert not (root / ".devcreds_lint_cache").exists()
    second = cli("check", "--output-format", "json")
    assert second.out == first.out


# --- rule-options ---------------------------------------------------------------------------------


def test_rule_options_reach_dc305(cli, root: Path) -> None:
    integration(root, "lan", authorize_url="http://hub.local/auth")
    integration(root, "other", authorize_url="http://other-apis.io/auth")
    both = {
        ("DC305", "custom_components/lan/application_credentials.py"),
        ("DC305", "custom_components/other/application_credentials.py"),
    }
    assert check_json(cli).findings() == both
    pyproject(
        root,
        """
        [tool.devcreds-lint.rule-options.DC305]
        allowed-http-hosts = ["hub.local"]
        """,
    )
    assert check_json(cli).findings() == {
        ("DC305", "custom_components/other/application_credentials.py")
    }
    # The cache keys on the options: a cached run agrees.
    assert cli("check", "--output-format", "json").findings() == {
        ("DC305", "custom_components/other/application_credentials.py")
    }


# --- where the configuration comes from ---------------------------------------------------------


def test_discovered_upwards_from_the_checked_path(cli, root: Path, tmp_path: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nignore = ["DC2"]\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    result = check_json(cli, str(root / "custom_components" / "sync"))
    assert (result.code, result.findings()) == (0, set())
    result = check_json(cli, str(root / "custom_components" / "nodeps" / "manifest.json"))
    assert {code for code, _ in result.findings()} == {"DC601"}


def test_pyproject_without_our_table_is_skipped(cli, root: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nignore = ["DC2"]\n')
    # A nested pyproject.toml without [tool.devcreds-lint] does not hide the outer settings.
    pyproject(root / "custom_components", '[project]\nname = "x"\n')
    result = check_json(cli, "custom_components")
    assert {code for code, _ in result.findings()} == {"DC305", "DC601"}
    shown = json.loads(cli("config", "custom_components").out)
    assert shown["config-file"] == str(root / "pyproject.toml")


def test_nearest_configuration_wins(cli, root: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nignore = ["DC2"]\n')
    pyproject(root / "custom_components", '[tool.devcreds-lint]\nignore = ["DC3"]\n')
    result = check_json(cli, "custom_components")
    assert {code for code, _ in result.findings()} == {"DC203", "DC601"}


def test_devcreds_lint_toml(cli, root: Path) -> None:
    project(root)
    # Top-level keys in .devcreds-lint.toml; it wins over pyproject.toml in the same folder.
    pyproject(root, 'ignore = ["DC2", "DC3"]\n', name=".devcreds-lint.toml")
    pyproject(root, '[tool.devcreds-lint]\nignore = ["DC6"]\n')
    assert {code for code, _ in check_json(cli).findings()} == {"DC601"}
    # The [tool.devcreds-lint] table form works there too.
    pyproject(root, '[tool.devcreds-lint]\nignore = ["DC6", "DC3"]\n', name=".devcreds-lint.toml")
    assert {code for code, _ in check_json(cli).findings()} == {"DC203"}


def test_config_option_names_the_file(cli, root: Path, tmp_path: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nignore = ["DC2"]\n')
    other = pyproject(tmp_path, '[tool.devcreds-lint]\nignore = ["DC3", "DC6"]\n', name="ci.toml")
    result = check_json(cli, "--config", str(other))
    assert {code for code, _ in result.findings()} == {"DC203"}
    shown = json.loads(cli("config", "--config", str(other)).out)
    assert shown["config-file"] == str(other)
    assert shown["ignore"] == ["DC3", "DC6"]


def test_isolated_ignores_every_configuration_file(cli, root: Path) -> None:
    project(root)
    pyproject(root, '[tool.devcreds-lint]\nignore = ["DC"]\nunknown-key = 1\n')
    result = check_json(cli, "--isolated")
    assert result.findings() == ALL
    shown = json.loads(cli("config", "--isolated").out)
    assert shown["config-file"] is None and shown["ignore"] == []


# --- devcreds-lint config -------------------------------------------------------------------------


def test_config_command_shows_resolved_settings(cli, root: Path) -> None:
    path = pyproject(
        root,
        """
        [tool.devcreds-lint]
        select = ["DC2", "DC3"]
        extend-select = ["DC601"]
        ignore = ["dc209"]
        extend-exclude = ["third_party"]
        respect-gitignore = false
        profiles = ["application_credentials"]
        output-format = "github"
        max-file-size = 4096
        cache-dir = ".cache/devcreds"

        [tool.devcreds-lint.per-file-ignores]
        "*/manifest.json" = ["DC601"]

        [tool.devcreds-lint.rule-options.DC305]
        allowed-http-hosts = ["hub.local"]
        """,
    )
    (root / "sub").mkdir()
    result = cli("config", "sub")
    assert result.code == 0, result.err
    shown = json.loads(result.out)
    assert shown == {
        "config-file": str(path),
        "select": ["DC2", "DC3"],
        "extend-select": ["DC601"],
        "ignore": ["DC209"],
        "per-file-ignores": {"*/manifest.json": ["DC601"]},
        "exclude": shown["exclude"],
        "extend-exclude": ["third_party"],
        "respect-gitignore": False,
        "profiles": ["application_credentials"],
        "output-format": "github",
        "max-file-size": 4096,
        "rule-options": {"DC305": {"allowed-http-hosts": ["hub.local"]}},
        "cache-dir": shown["cache-dir"],
    }
    assert ".git" in shown["exclude"]
    assert root / shown["cache-dir"] == root / ".cache" / "devcreds"


def test_config_command_without_any_file(cli, root: Path) -> None:
    shown = json.loads(cli("config").out)
    assert shown["config-file"] is None
    assert shown["select"] == ["DC"] and shown["respect-gitignore"] is True
    assert shown["output-format"] == "full"


# --- errors ---------------------------------------------------------------------------------------

BAD_CONFIGS = [
    ("unknown = 1", "unknown"),
    ('selct = ["DC2"]', "selct"),
    ('select = ["DC999"]', "select"),
    ('select = "DC2"', "select"),
    ('extend-select = ["XX1"]', "extend-select"),
    ('ignore = ["DC2O3"]', "ignore"),
    ("ignore = [1]", "ignore"),
    ('exclude = "build"', "exclude"),
    ("extend-exclude = [1]", "extend-exclude"),
    ('respect-gitignore = "yes"', "respect-gitignore"),
    ('profiles = ["oauth"]', "profiles"),
    ('output-format = "xml"', "output-format"),
    ("max-file-size = -1", "max-file-size"),
    ('max-file-size = "2MB"', "max-file-size"),
    ("cache-dir = 1", "cache-dir"),
    ('per-file-ignores = ["DC601"]', "per-file-ignores"),
    ('per-file-ignores = {"*.json" = ["DC6x"]}', "per-file-ignores"),
    ("rule-options = {DC201 = {x = 1}}", "DC201"),
    ('rule-options = {DC305 = {allowed-hosts = ["a"]}}', "allowed-hosts"),
    ('rule-options = {DC305 = {allowed-http-hosts = "hub.local"}}', "allowed-http-hosts"),
    ('rule-options = {DC305 = ["hub.local"]}', "DC305"),
]


@pytest.mark.parametrize(("body", "key"), BAD_CONFIGS, ids=[key for _, key in BAD_CONFIGS])
@pytest.mark.parametrize("command", ["check", "config"])
def test_bad_configuration_is_a_usage_error(
    cli, root: Path, body: str, key: str, command: str
) -> None:
    project(root)
    path = pyproject(root, f"[tool.devcreds-lint]\n{body}\n")
    result = cli(command)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("devcreds-lint: error: ")
    assert str(path) in lines[0] and key in lines[0]
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("body", "hint"),
    [("ignor = []", "did you mean `ignore`?"), ('exlude = ["x"]', "did you mean `exclude`?")],
)
def test_a_misspelled_key_gets_the_nearest_one(cli, root: Path, body: str, hint: str) -> None:
    project(root)
    pyproject(root, f"[tool.devcreds-lint]\n{body}\n")
    result = cli("check")
    assert result.code == 2 and result.err.rstrip().endswith(hint), result.err


def test_bad_named_config_and_bad_toml(cli, root: Path) -> None:
    project(root)
    result = cli("check", "--config", "missing.toml")
    assert result.code == 2 and "missing.toml" in result.err and len(result.err.splitlines()) == 1
    pyproject(root, "[tool.devcreds-lint\nselect = [", name=".devcreds-lint.toml")
    result = cli("check")
    assert (
        result.code == 2
        and ".devcreds-lint.toml" in result.err
        and len(result.err.splitlines()) == 1
    )
    assert "Traceback" not in result.err


def test_broken_pyproject_is_an_error(cli, root: Path) -> None:
    project(root)
    path = pyproject(root, '[tool.devcreds-lint\nignore = ["DC"]\n')
    result = cli("check")
    assert result.code == 2
    assert str(path) in result.err and len(result.err.splitlines()) == 1


def test_pyproject_table_that_is_not_a_table(cli, root: Path) -> None:
    project(root)
    path = pyproject(root, '[tool]\ndevcreds-lint = "yes"\n')
    result = cli("check")
    assert result.code == 2 and str(path) in result.err and "[tool.devcreds-lint]" in result.err


@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
def test_unknown_code_on_the_command_line(cli, root: Path, option: str) -> None:
    project(root)
    result = cli("check", option, "DC2,DC777")
    assert result.code == 2
    assert option in result.err and "DC777" in result.err
    assert len(result.err.splitlines()) == 1


def test_errors_as_the_installed_script_prints_them(root: Path) -> None:
    """The same through a real process: one line on stderr, exit 2, no traceback."""
    project(root)
    pyproject(root, "[tool.devcreds-lint]\nrule-options = {DC305 = {allowed-http-hosts = [1]}}\n")
    proc = subprocess.run(
        [sys.executable, "-m", "devcreds_lint", "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1
    assert "rule-options.DC305.allowed-http-hosts" in proc.stderr
    assert str(root / "pyproject.toml") in proc.stderr


def test_relative_cache_dir_is_relative_to_the_config_file(cli, root: Path, tmp_path: Path) -> None:
    integration(root, "sync", sync=True)
    pyproject(root, '[tool.devcreds-lint]\ncache-dir = "cache-here"\n')
    os.chdir(tmp_path)
    assert cli("check", "project").code == 1
    assert (root / "cache-here").is_dir()
    assert not (tmp_path / "cache-here").exists()


# --- the documentation ----------------------------------------------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def test_every_key_and_rule_option_is_documented() -> None:
    from devcreds_lint.catalogue import RULE_OPTIONS
    from devcreds_lint.workspace.config import KNOWN_KEYS

    text = DOCS.read_text(encoding="utf-8")
    for key in KNOWN_KEYS:
        assert f"### `{key}`" in text, key
    for code, options in RULE_OPTIONS.items():
        for option in options:
            assert code in text and f"`{option}`" in text, (code, option)


def test_documented_examples_are_valid_configurations(cli, root: Path) -> None:
    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) >= 10
    for block in blocks:
        path = pyproject(root, block)
        result = cli("config", "--config", str(path))
        assert result.code == 0, (block, result.err)
