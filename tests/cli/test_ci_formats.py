"""The CI output formats end to end through the CLI: secrets never printed (in any format, nor
in the cache), SARIF that code scanning accepts, ``--output-file``.

The unit tests of each renderer are in ``tests/report/test_formats.py``; here the whole pipeline runs
(discovery, rules, cache, rendering) on a copy of ``tests/fixtures/secrets`` plus an integration
with credentials in its URLs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import pytest

from devcreds_lint.catalogue import CODES
from tests.helpers import FIXTURES

# Every secret of the tree: the fixture's three, and a password and a query parameter in URLs.
SECRETS = (
    "super-secret-value",
    "another-secret",
    "my-client-id",
    "hunter2-password",
    "url-secret-value",
)
FORMATS = ("full", "concise", "json", "github", "sarif", "junit", "gitlab")

URLCREDS_PLATFORM = '''\
"""Credentials in URLs."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant

TOKEN_URL = "https://auth.acme-api.io/token?client_secret=url-secret-value&scope=all"


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://robot:hunter2-password@auth.acme-api.io/authorize",
        token_url=TOKEN_URL,
    )
'''

# (code, path, line) of every finding in the tree.
EXPECTED = {
    ("DC501", "custom_components/leaky/__init__.py", 23),
    ("DC502", "custom_components/leaky/application_credentials.py", 19),
    ("DC501", "custom_components/leaky/application_credentials.py", 20),
    ("DC503", "custom_components/urlcreds/application_credentials.py", 12),
    ("DC503", "custom_components/urlcreds/application_credentials.py", 13),
}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the ``secrets`` fixture plus ``urlcreds``; also the current directory."""
    root = tmp_path / "tree"
    shutil.copytree(FIXTURES / "secrets", root)
    leaky = root / "custom_components" / "leaky"
    urlcreds = root / "custom_components" / "urlcreds"
    urlcreds.mkdir()
    for name in ("config_flow.py", "const.py"):
        shutil.copy(leaky / name, urlcreds / name)
    manifest = json.loads((leaky / "manifest.json").read_text(encoding="utf-8"))
    manifest.update(domain="urlcreds", name="URL creds")
    (urlcreds / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    (urlcreds / "__init__.py").write_text('"""URL creds."""\n', encoding="utf-8")
    (urlcreds / "application_credentials.py").write_text(URLCREDS_PLATFORM, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked in {where}"


def files_under(folder: Path) -> dict[str, str]:
    return {
        str(path): path.read_bytes().decode("utf-8", "replace")
        for path in folder.rglob("*")
        if path.is_file()
    }


# --- secrets ----------------------------------------------------------------------------------


def test_tree_has_the_expected_findings(cli, tree: Path) -> None:
    """Guards the redaction tests against passing vacuously."""
    result = cli("check", "--output-format", "json", "--no-cache")
    assert result.code == 1
    found = {
        (d["code"], d["filename"].replace(os.sep, "/"), d["location"]["row"])
        for d in json.loads(result.out)
    }
    assert found == EXPECTED
    for secret in SECRETS:
        assert secret in "".join(files_under(tree / "custom_components").values())


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "extra",
    [(), ("--unsafe-fixes", "--show-fixes"), ("--color", "always")],
    ids=["plain", "unsafe-fixes", "color"],
)
def test_no_format_prints_a_secret(cli, tree: Path, fmt: str, extra: tuple[str, ...]) -> None:
    result = cli("check", "--output-format", fmt, *extra)
    assert result.code == 1
    assert result.out.strip(), "the report is not empty"
    for code in {"DC501", "DC502", "DC503"}:
        assert code in result.out
    assert_no_secret(result.out, f"stdout of --output-format {fmt}")
    assert_no_secret(result.err, f"stderr of --output-format {fmt}")
    cache = files_under(tree / ".devcreds_lint_cache")
    assert cache, "the run wrote its cache"
    for path, text in cache.items():
        assert_no_secret(text, path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_secret_in_output_file_or_custom_cache_dir(
    cli, tree: Path, tmp_path: Path, fmt: str
) -> None:
    report = tmp_path / "out" / f"report.{fmt}"
    cache_dir = tmp_path / "cache"
    result = cli("check", "--output-format", fmt, "-o", str(report), "--cache-dir", str(cache_dir))
    assert result.code == 1
    assert_no_secret(report.read_text(encoding="utf-8"), str(report))
    # A second run is served from the cache: still redacted.
    again = cli("check", "--output-format", fmt, "--cache-dir", str(cache_dir))
    assert_no_secret(again.out, f"cached run, {fmt}")
    assert files_under(cache_dir)
    for path, text in files_under(cache_dir).items():
        assert_no_secret(text, path)


def test_full_format_shows_stars_where_the_secret_was(cli, tree: Path) -> None:
    out = cli("check", "--no-cache").out
    # The characters inside the quotes, nothing else (RULES.md section 4).
    assert 'client_secret="***"' in out
    assert 'client_id="***"' in out


def test_real_process_github_format(tree: Path) -> None:
    """The console script in a real process, as a CI job runs it."""
    proc = subprocess.run(
        [sys.executable, "-m", "devcreds_lint", "check", "--output-format", "github"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert_no_secret(proc.stdout + proc.stderr, "github output of a real process")
    lines = proc.stdout.splitlines()
    assert len(lines) == len(EXPECTED)
    assert (
        "::error file=custom_components/leaky/application_credentials.py,line=20,col=23,"
        "endLine=20,endColumn=43,title=DC501 hardcoded-client-secret::" in proc.stdout
    )
    assert (
        "::warning file=custom_components/leaky/application_credentials.py,line=19," in proc.stdout
    )


# --- each machine format, parsed ----------------------------------------------------------------


def test_github_workflow_commands(cli, tree: Path) -> None:
    result = cli("check", "--output-format", "github", "--no-cache")
    lines = result.out.splitlines()
    assert len(lines) == len(EXPECTED)
    found = set()
    for line in lines:
        kind, rest = line.split(" ", 1)
        assert kind in {"::error", "::warning"}
        props, message = rest.split("::", 1)
        fields = dict(item.split("=", 1) for item in props.split(","))
        assert set(fields) == {"file", "line", "col", "endLine", "endColumn", "title"}
        code = fields["title"].split(" ")[0]
        assert (kind == "::warning") == (code == "DC502")
        assert message
        found.add((code, fields["file"], int(fields["line"])))
    assert found == EXPECTED


def _sarif(cli, *args: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    result = cli("check", "--output-format", "sarif", "--no-cache", *args)
    log = json.loads(result.out)
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"]
    assert len(log["runs"]) == 1
    return log["runs"][0]  # type: ignore[no-any-return]


def test_sarif_lists_every_rule(cli, tree: Path) -> None:
    run = _sarif(cli)
    driver = run["tool"]["driver"]
    assert driver["name"] == "devcreds-lint"
    descriptors = driver["rules"]
    assert {rule["id"] for rule in descriptors} == set(CODES)
    assert len(descriptors) == len(CODES)
    for rule in descriptors:
        assert rule["name"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in descriptors}
    assert levels["DC501"] == "error" and levels["DC502"] == "warning"


def test_sarif_results_have_relative_uris(cli, tree: Path) -> None:
    run = _sarif(cli)
    rules = run["tool"]["driver"]["rules"]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file://") and base.endswith("/")
    assert Path(urlparse(base).path).resolve() == tree.resolve()
    found = set()
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning"}
        assert result["message"]["text"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        uri = artifact["uri"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert not urlparse(uri).scheme and not uri.startswith("/") and "\\" not in uri
        assert (tree / uri).is_file()
        region = location["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        found.add((result["ruleId"], uri, region["startLine"]))
    assert found == EXPECTED


def test_sarif_uris_relative_to_the_working_directory_when_checking_a_subfolder(
    cli, tree: Path
) -> None:
    os.chdir(tree / "custom_components")
    run = _sarif(cli, "leaky")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"leaky/__init__.py", "leaky/application_credentials.py"}


def test_sarif_fixes(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text fixes appear as SARIF fixes with relative artifact uris."""
    root = tmp_path / "seed"
    shutil.copytree(FIXTURES / "seed", root)
    monkeypatch.chdir(root)
    run = _sarif(cli)
    with_fixes = [r for r in run["results"] if "fixes" in r]
    assert {r["ruleId"] for r in with_fixes} >= {"DC102", "DC205"}
    for result in with_fixes:
        for fix in result["fixes"]:
            assert fix["description"]["text"]
            for change in fix["artifactChanges"]:
                uri = change["artifactLocation"]["uri"]
                assert not urlparse(uri).scheme and not uri.startswith("/")
                for replacement in change["replacements"]:
                    assert replacement["deletedRegion"]["startLine"] >= 1


def test_junit(cli, tree: Path) -> None:
    out = cli("check", "--output-format", "junit", "--no-cache").out
    suites = ET.fromstring(out)
    failures = suites.findall(".//testcase/failure")
    assert len(failures) == len(EXPECTED)
    # One test case per file; a file with findings is one failed case.
    cases = suites.findall(".//testcase")
    assert int(suites.get("failures", "0")) == len(cases) == 3
    assert {f.get("type") for f in failures} == {"DC501", "DC502", "DC503"}
    files = {case.get("name", "").replace(os.sep, "/") for case in suites.iter("testcase")}
    assert files == {path for _, path, _ in EXPECTED}


def test_gitlab_code_quality(cli, tree: Path) -> None:
    issues = json.loads(cli("check", "--output-format", "gitlab", "--no-cache").out)
    assert isinstance(issues, list) and len(issues) == len(EXPECTED)
    found = set()
    for issue in issues:
        assert issue["description"] and issue["check_name"] in CODES
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert len(issue["fingerprint"]) >= 16
        path = issue["location"]["path"]
        assert not path.startswith("/") and (tree / path).is_file()
        lines = issue["location"].get("lines") or issue["location"]["positions"]
        begin = lines["begin"] if isinstance(lines["begin"], int) else lines["begin"]["line"]
        found.add((issue["check_name"], path, begin))
    assert found == EXPECTED
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_clean_tree_in_every_format(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "clean"
    shutil.copytree(FIXTURES / "clean_app", root)
    monkeypatch.chdir(root)
    for fmt in FORMATS:
        result = cli("check", "--output-format", fmt, "--no-cache")
        assert result.code == 0, (fmt, result.out, result.err)
    assert json.loads(cli("check", "--output-format", "json").out) == []
    assert json.loads(cli("check", "--output-format", "gitlab").out) == []
    assert cli("check", "--output-format", "github").out == ""
    assert json.loads(cli("check", "--output-format", "sarif").out)["runs"][0]["results"] == []
    junit = ET.fromstring(cli("check", "--output-format", "junit").out)
    assert junit.findall(".//failure") == []


# --- --output-file ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file(cli, tree: Path, tmp_path: Path, fmt: str) -> None:
    printed = cli("check", "--output-format", fmt, "--no-cache")
    target = tmp_path / "reports" / "nested" / f"devcreds.{fmt}"
    written = cli("check", "--output-format", fmt, "--no-cache", "--output-file", str(target))
    assert written.code == printed.code == 1
    assert written.out == ""
    assert target.read_text(encoding="utf-8") == printed.out


def test_output_file_short_option_and_exit_zero(cli, tree: Path) -> None:
    result = cli("check", "--output-format", "sarif", "-o", "results.sarif", "--exit-zero")
    assert result.code == 0
    run = json.loads((tree / "results.sarif").read_text(encoding="utf-8"))["runs"][0]
    assert len(run["results"]) == len(EXPECTED)


def test_output_file_that_cannot_be_written(cli, tree: Path) -> None:
    (tree / "blocker").write_text("a file, not a folder", encoding="utf-8")
    result = cli("check", "--output-format", "json", "-o", "blocker/report.json")
    assert result.code == 2
    assert "blocker/report.json" in result.err and len(result.err.splitlines()) == 1


def test_output_format_from_configuration(cli, tree: Path) -> None:
    (tree / "pyproject.toml").write_text(
        '[tool.devcreds-lint]\noutput-format = "gitlab"\n', encoding="utf-8"
    )
    issues = json.loads(cli("check", "--no-cache").out)
    assert len(issues) == len(EXPECTED)


# --- the GitHub Action (action.yml) -------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def action() -> dict:  # type: ignore[type-arg]
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_action_definition() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    inputs = spec["inputs"]
    assert {name: inputs[name]["default"] for name in inputs} == {
        "args": "check",
        "paths": ".",
        "version": "",
        "output-format": "github",
    }
    install, _run = spec["runs"]["steps"]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"$ACTION_PATH"' in install["run"] and "pip install" in install["run"]
    for step in spec["runs"]["steps"]:
        assert step["shell"] == "bash"
        # Inputs reach the scripts through the environment, never pasted into them.
        assert "${{" not in step["run"]


def run_action_step(
    workspace: Path, shim_dir: Path, inputs: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    spec = action()
    step = spec["runs"]["steps"][1]
    defaults = {name: value["default"] for name, value in spec["inputs"].items()}
    values = {**defaults, **inputs}
    env = dict(os.environ)
    env["PATH"] = f"{shim_dir}{os.pathsep}{env['PATH']}"
    for key, expression in step["env"].items():
        name = expression.removeprefix("${{ inputs.").removesuffix(" }}")
        env[key] = values[name]
    return subprocess.run(
        ["bash", "-c", step["run"]],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def shim(tmp_path: Path) -> Path:
    """A `devcreds-lint` on PATH that runs this checkout with this interpreter."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "devcreds-lint"
    script.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -m devcreds_lint "$@"\n', encoding="utf-8"
    )
    script.chmod(0o755)
    return folder


@needs_bash
def test_action_run_step_defaults(tree: Path, shim: Path) -> None:
    proc = run_action_step(tree, shim, {})
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "devcreds-lint check --output-format github ."
    assert len(lines) == 1 + len(EXPECTED)
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines[1:])
    assert_no_secret(proc.stdout + proc.stderr, "the action's output")


@needs_bash
def test_action_run_step_inputs(tree: Path, shim: Path) -> None:
    proc = run_action_step(
        tree,
        shim,
        {
            "args": "check --exit-zero -o results.sarif",
            "output-format": "sarif",
            "paths": "custom_components/leaky  custom_components/urlcreds/manifest.json",
        },
    )
    assert proc.returncode == 0, proc.stderr
    run = json.loads((tree / "results.sarif").read_text(encoding="utf-8"))["runs"][0]
    assert len(run["results"]) == len(EXPECTED)
    # An explicit --output-format in args wins; `paths` with a glob is not expanded.
    proc = run_action_step(
        tree, shim, {"args": "check --output-format=concise", "paths": "custom_components/lea*"}
    )
    assert proc.returncode == 2
    assert "path does not exist: custom_components/lea*" in proc.stderr
    # Other commands get neither the format nor the paths.
    proc = run_action_step(tree, shim, {"args": "rule DC501"})
    assert proc.returncode == 0, proc.stderr
    assert "hardcoded-client-secret" in proc.stdout


@pytest.mark.installs
@needs_bash
def test_action_installs_from_its_own_path(tree: Path, tmp_path: Path) -> None:
    """Both steps as the runner runs them: a venv, pip install of the action's copy, then check
    (needs the network for the dependencies)."""
    action_path = tmp_path / "action"
    shutil.copytree(
        REPO,
        action_path,
        ignore=shutil.ignore_patterns(
            ".git", "*.egg-info", "__pycache__", ".*_cache", ".venv", "build", "dist", "benchmarks"
        ),
    )
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    github_path = tmp_path / "github-path"
    github_path.write_text("", encoding="utf-8")
    install = action()["runs"]["steps"][0]
    env = dict(os.environ)
    env.update(
        ACTION_PATH=str(action_path),
        INPUT_VERSION="",
        RUNNER_TEMP=str(runner_temp),
        GITHUB_PATH=str(github_path),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    env["PATH"] = os.pathsep.join(
        p for p in env["PATH"].split(os.pathsep) if not Path(p, "devcreds-lint").exists()
    )
    proc = subprocess.run(
        ["bash", "-c", install["run"]],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().startswith("devcreds-lint, version")
    (bin_dir,) = github_path.read_text(encoding="utf-8").split()
    assert Path(bin_dir).is_relative_to(runner_temp)
    proc = run_action_step(tree, Path(bin_dir), {})
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stdout.splitlines()) == 1 + len(EXPECTED)
    assert_no_secret(proc.stdout + proc.stderr, "the action's output")


# --- docs/ci.md -------------------------------------------------------------------------------

CI_DOC = REPO / "docs" / "ci.md"


def test_ci_doc_workflows_are_valid_yaml_and_use_the_action_inputs() -> None:
    yaml = pytest.importorskip("yaml")
    text = CI_DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert len(blocks) >= 4
    inputs = set(action()["inputs"])
    used_action = uploads_sarif = False
    for block in blocks:
        data = yaml.safe_load(block)
        if not isinstance(data, dict) or "jobs" not in data:
            continue
        triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
        assert "pull_request" in triggers
        for job in data["jobs"].values():
            for step in job["steps"]:
                uses = step.get("uses", "")
                if uses.startswith("devcreds-lint/devcreds-lint@"):
                    used_action = True
                    assert set(step.get("with", {})) <= inputs
                if uses.startswith("github/codeql-action/upload-sarif@"):
                    uploads_sarif = True
                    assert data["permissions"]["security-events"] == "write"
    assert used_action and uploads_sarif
    assert "--output-format sarif -o results.sarif" in text and "--exit-zero" in text
    assert "codequality: gl-code-quality-report.json" in text
