"""Security (issue #6): checked code never runs, secrets never reach any output or the
cache, and --fix writes only inside the paths it was given, never through a link."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from devcreds_lint.rules.examples import GOOD_SERVER
from devcreds_lint.workspace.config import OUTPUT_FORMATS
from tests.helpers import ROOT, make_integration, run_cli, write_tree

APP = "application_credentials.py"
DEV = "developer_credentials.py"
SYNC = GOOD_SERVER.replace("async def", "def")

symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")


run = run_cli


def listing(root: Path, skip: str = ".devcreds_lint_cache") -> dict[str, str]:
    """Every entry under ``root``: file digests, link targets, folders."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != skip]
        for name in dirs + files:
            path = Path(folder, name)
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[key] = "link -> " + os.readlink(path)
            elif path.is_dir():
                found[key] = "dir"
            else:
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


# --- Checked code never runs ---------------------------------------------------------------


def _payload(marker: Path) -> str:
    """Top-level code that leaves a trace if it is ever imported or executed."""
    return (
        f"import os\nopen({str(marker)!r}, 'a').write(__name__ + '\\n')\n"
        f"os.system('echo ran >> {marker}')\n"
    )


def test_checked_code_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = _payload(marker)
    platform = payload + SYNC.replace(
        "from homeassistant.core import HomeAssistant", "from homeassistant.core.HomeAssistant"
    ).replace("(hass", "(self, hass")
    tree = tmp_path / "tree"
    folder = make_integration(
        tree,
        {
            "developer_credentails.py": platform.replace(
                "application_credentials", "developer_credentials"
            ),
            "__init__.py": payload + 'CONFIG_SCHEMA = {"client_id": str}\n',
            "const.py": payload + 'DOMAIN = "example"\n',
            "config_flow.py": payload + "class Flow(AbstractOAuth2FlowHandler):\n    pass\n",
        },
        profile="developer_credentials",
    )
    # Modules a careless tool might import from the folder it checks.
    write_tree(
        tree,
        {
            "conftest.py": payload,
            "setup.py": payload,
            "sitecustomize.py": payload,
            "click.py": payload,
            "libcst/__init__.py": payload,
            "devcreds_lint/__init__.py": payload,
            "custom_components/__init__.py": payload,
        },
    )
    # A copy of what the `devcreds-lint` console script runs, kept outside the tree, so the
    # checked folder can be the current folder as it is for a user.
    script = tmp_path / "devcreds-lint"
    script.write_text("import sys\nfrom devcreds_lint.cli import main\nsys.exit(main())\n")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    for args in (
        ["check", "--no-cache", "."],
        ["check", "--diff", "--no-cache", "."],
        ["check", "--cache-dir", str(tmp_path / "cache"), "."],
        ["check", "--fix", "--unsafe-fixes", "--no-cache", "."],
        ["check", "--fix", "--no-cache", "--stdin-filename", str(folder / DEV), "-"],
    ):
        proc = subprocess.run(
            [sys.executable, str(script), *args],
            cwd=tree,
            input=platform,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert proc.returncode in (0, 1), proc.stderr
        assert not marker.exists(), (args, marker.read_text())
    # The fixes were made (the files were read and rewritten, never run).
    fixed = (folder / DEV).read_text()
    assert "async def async_get_authorization_server(hass" in fixed
    assert fixed.startswith(payload)


# --- Secrets never reach an output ------------------------------------------------------------

SECRET = "s3cr3t-Qx7-9fK2zP"
CLIENT_ID = "client-id-Lm4-8811"
PASSWORD = "p4ssw0rd-Zz91"
URL_SECRET = "qs3cr3t-Tt55"
SECRETS = (SECRET, CLIENT_ID, PASSWORD, URL_SECRET)

LEAKY_PLATFORM = f'''"""Developer credentials for Example."""

from homeassistant.components.developer_credentials.AuthorizationServer
from homeassistant.components.developer_credentials import DeveloperCredential
from homeassistant.core import HomeAssistant

CLIENT_SECRET = "{SECRET}"


def async_get_authorization_server(self, hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="http://acme-api.io/authorize",
        token_url="https://user:{PASSWORD}@acme-api.io/token?client_secret={URL_SECRET}",
    )


async def async_get_developer_credential(hass: HomeAssistant) -> DeveloperCredential:
    """Return the credential."""
    return DeveloperCredential(client_id="{CLIENT_ID}", client_secret=CLIENT_SECRET)


async def async_get_other_credential(hass: HomeAssistant) -> DeveloperCredential:
    """Return another credential."""
    return DeveloperCredential("{CLIENT_ID}", "{SECRET}")
'''

LEAKY_INIT = f'''"""The Example integration."""

from homeassistant.components.developer_credentials import DeveloperCredential

CREDENTIAL = DeveloperCredential(client_id="{CLIENT_ID}", client_secret="{SECRET}")
'''


@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    make_integration(
        tree,
        {"developer_credentails.py": LEAKY_PLATFORM, "__init__.py": LEAKY_INIT},
        profile="developer_credentials",
    )
    return tree


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_no_output_format_shows_a_secret(leaky: Path, tmp_path: Path, fmt: str) -> None:
    code, out, err = run("check", "--no-cache", "--output-format", fmt, str(leaky))
    assert code == 1
    assert out
    assert_no_secret(out, err)
    for code_ in ("DC501", "DC502", "DC503"):
        assert code_ in out
    report = tmp_path / "report.out"
    code, out, err = run(
        "check", "--no-cache", "--output-format", fmt, "-o", str(report), str(leaky)
    )
    assert code == 1
    assert_no_secret(out, err, report.read_text())


def test_fix_diff_and_show_fixes_never_show_a_secret(leaky: Path) -> None:
    code, out, err = run("check", "--diff", "--no-cache", str(leaky))
    assert code == 1
    assert "+async def async_get_authorization_server" in out
    assert_no_secret(out, err)
    code, out, err = run(
        "check", "--fix", "--unsafe-fixes", "--show-fixes", "--no-cache", str(leaky)
    )
    assert "Fixed:" in out
    assert_no_secret(out, err)
    code, out, err = run("check", "--fix", "--no-cache", "--output-format", "full", str(leaky))
    assert code == 1
    assert_no_secret(out, err)


def test_stdin_mode_never_shows_a_secret(leaky: Path) -> None:
    path = leaky / "custom_components" / "example" / "developer_credentails.py"
    code, out, err = run(
        "check", "--no-cache", "--stdin-filename", str(path), "-", stdin=LEAKY_PLATFORM
    )
    assert code == 1
    assert_no_secret(out, err)


def test_the_cache_never_holds_a_secret(leaky: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for _ in range(2):  # cold, then warm (from the cache)
        code, out, err = run("check", "--cache-dir", str(cache), str(leaky))
        assert code == 1
        assert_no_secret(out, err)
    stored = [p for p in cache.rglob("*") if p.is_file()]
    assert stored
    for path in stored:
        data = path.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in data, path
    # The default cache folder (next to the configuration, or the current folder) too.
    code, _, _ = run("check", ".", cwd=leaky)
    assert code == 1
    for path in (leaky / ".devcreds_lint_cache").rglob("*"):
        if path.is_file():
            assert all(s.encode() not in path.read_bytes() for s in SECRETS), path


@symlinks
def test_error_messages_never_show_a_secret(leaky: Path, tmp_path: Path) -> None:
    """The messages --fix prints about fixes it could not make name files, never values."""
    folder = leaky / "custom_components" / "example"
    target = tmp_path / "real_platform.py"
    (folder / "developer_credentails.py").rename(target)
    os.symlink(target, folder / "developer_credentails.py")
    code, out, err = run("check", "--fix", "--unsafe-fixes", "--no-cache", str(leaky))
    assert code == 1
    assert "not renamed" in err and "not fixed" in err
    assert_no_secret(out, err)


def test_a_secret_repeated_on_a_shown_line_is_masked(tmp_path: Path) -> None:
    extra = (
        "\n\nasync def async_get_developer_credential(hass: HomeAssistant) -> ClientCredential:\n"
        f'    return ClientCredential("{CLIENT_ID}", "{SECRET}")  # was {SECRET}\n'
    )
    make_integration(tmp_path, {APP: GOOD_SERVER + extra})
    code, out, err = run("check", "--no-cache", "--output-format", "full", str(tmp_path))
    assert code == 1
    assert "DC501" in out
    assert_no_secret(out, err)


# --- --fix writes only inside the paths it was given, never through a link -------------------


@symlinks
def test_platform_module_linked_outside_is_never_written(tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "shared_platform.py"
    outside.parent.mkdir()
    outside.write_text(SYNC)
    tree = tmp_path / "tree"
    folder = make_integration(tree, {})
    os.symlink(outside, folder / APP)
    # The findings are those of the file the link points to...
    code, out, _ = run("check", "--no-cache", "--output-format", "concise", str(tree))
    assert code == 1
    assert f"{APP}:7:5: DC203" in out
    # ...but --fix leaves the link, and what it points to, alone and says why.
    code, out, err = run("check", "--fix", "--no-cache", "--output-format", "concise", str(tree))
    assert code == 1
    assert f"{folder / APP}: not fixed: it is a symbolic link (to {outside})" in err
    assert "DC203" in out
    assert outside.read_text() == SYNC
    assert os.readlink(folder / APP) == str(outside)


@symlinks
def test_misspelled_platform_link_is_not_renamed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text(GOOD_SERVER)
    folder = make_integration(tmp_path / "tree", {})
    os.symlink(outside, folder / "application_credential.py")
    before = listing(tmp_path)
    code, _, err = run("check", "--fix", "--no-cache", str(tmp_path / "tree"))
    assert code == 1
    assert "not renamed to application_credentials.py: it is a symbolic link" in err
    assert listing(tmp_path) == before


@symlinks
def test_manifest_linked_outside_is_never_written(tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text('{"domain": "example", "config_flow": true, "dependencies": []}\n')
    folder = make_integration(tmp_path / "tree", {APP: GOOD_SERVER})
    (folder / "manifest.json").unlink()
    os.symlink(outside, folder / "manifest.json")
    before = outside.read_bytes()
    code, out, err = run("check", "--fix", "--no-cache", "--output-format", "concise", str(folder))
    assert code == 1
    assert "DC601" in out
    assert "manifest.json: not fixed: it is a symbolic link" in err
    assert outside.read_bytes() == before
    assert (folder / "manifest.json").is_symlink()


@symlinks
def test_linked_folders_are_not_followed(tmp_path: Path) -> None:
    outside = make_integration(tmp_path / "outside", {APP: SYNC}, domain="elsewhere")
    tree = tmp_path / "tree"
    make_integration(tree, {APP: GOOD_SERVER})
    os.symlink(outside, tree / "custom_components" / "elsewhere")
    before = listing(tmp_path)
    code, out, err = run("check", "--fix", "--no-cache", str(tree))
    assert code == 0, (out, err)
    assert listing(tmp_path) == before


def test_fix_creates_no_files_but_the_renamed_module(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    defects = {
        "sync": {APP: SYNC},
        "self": {APP: SYNC.replace("(hass", "(self, hass")},
        "import": {APP: SYNC.replace("from homeassistant.core import HomeAssistant\n", "")},
        "manifest": {APP: GOOD_SERVER, "manifest.json": '{"domain": "x", "config_flow": true}'},
        "renamed": {"application_credential.py": SYNC},
        "seed": {"developer_credentails.py": LEAKY_PLATFORM},
    }
    for domain, files in defects.items():
        profile = "developer_credentials" if domain == "seed" else "application_credentials"
        make_integration(tree, files, profile=profile, domain=domain)
    sentinel = tmp_path / "sentinel"
    write_tree(sentinel, {"a.py": SYNC, "b/manifest.json": "{}"})
    before = listing(tmp_path)
    code, _, err = run("check", "--fix", "--unsafe-fixes", str(tree), cwd=tree)
    assert code == 1, err  # hard-coded secrets remain
    after = listing(tmp_path)
    renamed = {
        "tree/custom_components/renamed/application_credential.py": (
            "tree/custom_components/renamed/application_credentials.py"
        ),
        "tree/custom_components/seed/developer_credentails.py": (
            "tree/custom_components/seed/developer_credentials.py"
        ),
    }
    assert set(before) - set(after) == set(renamed)
    assert set(after) - set(before) == set(renamed.values())
    changed = {k for k in set(before) & set(after) if before[k] != after[k]}
    assert all(k.startswith("tree/custom_components/") for k in changed)
    assert {k: v for k, v in after.items() if k.startswith("sentinel")} == {
        k: v for k, v in before.items() if k.startswith("sentinel")
    }
