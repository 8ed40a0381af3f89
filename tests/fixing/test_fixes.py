"""The fixer's guarantees (issue 3): rounds to a fixpoint, re-parse before writing, atomic
writes that keep bytes we did not mean to change, never over a changed or existing file."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from devcreds_lint.contracts import PROFILES
from devcreds_lint.discovery import discover
from devcreds_lint.engine import CheckOptions
from devcreds_lint.fixing.rounds import (
    FixResult,
    Overlay,
    _apply_round,
    fix_integration,
)
from devcreds_lint.fixing.writing import write_changes
from devcreds_lint.model import Applicability, Diagnostic, Edit, Fix, Location, Severity
from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import FIXTURES, check_paths, codes, fix_paths, make_integration, read_tree

APP = "application_credentials.py"
BROKEN = GOOD_SERVER.replace("async def", "def").replace(
    "(hass: HomeAssistant)", "(self, hass: HomeAssistant)"
)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "devcreds_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_seed_example_in_one_fix_run(tmp_path: Path) -> None:
    """The seed's defects come out of one --fix run; only DC208 and the seed's placeholder
    URLs (DC309) remain: a person must write the body and the real URLs."""
    shutil.copytree(FIXTURES / "seed", tmp_path / "seed")
    folder = tmp_path / "seed" / "custom_components" / "seed_example"
    proc = cli("check", "--no-cache", "--fix", "--output-format", "concise", "seed", cwd=tmp_path)
    assert proc.returncode == 1
    assert [line.split()[1] for line in proc.stdout.splitlines() if ": DC" in line] == [
        "DC309",
        "DC309",
        "DC208",
    ]
    assert not (folder / "developer_credentails.py").exists()
    fixed = (folder / "developer_credentials.py").read_text()
    compile(fixed, "developer_credentials.py", "exec")  # parses (compiling runs nothing)
    assert "from homeassistant.components.developer_credentials import AuthorizationServer" in fixed
    assert "self" not in fixed
    assert '"developer_credentials"' in (folder / "manifest.json").read_text()
    assert codes(check_paths(tmp_path / "seed")) == ["DC309", "DC309", "DC208"]


def test_diff_writes_nothing_and_shows_rename(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "seed", tmp_path / "seed")
    before = read_tree(tmp_path / "seed")
    proc = cli("check", "--no-cache", "--diff", "seed", cwd=tmp_path)
    assert proc.returncode == 1
    assert "rename from seed/custom_components/seed_example/developer_credentails.py" in proc.stdout
    assert "rename to seed/custom_components/seed_example/developer_credentials.py" in proc.stdout
    assert (
        '+  "dependencies": ["http", "developer_credentials"],' in proc.stdout
        or '"developer_credentials"' in proc.stdout
    )
    assert read_tree(tmp_path / "seed") == before
    clean = cli("check", "--no-cache", "--diff", str(FIXTURES / "clean_app"), cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout == ""


def test_unsafe_fixes_are_held_back_and_counted(tmp_path: Path) -> None:
    files = {
        APP: GOOD_SERVER.replace("https://acme-api.io/authorize", "http://acme-api.io/authorize")
    }
    folder = make_integration(tmp_path, files)
    proc = cli("check", "--no-cache", "--fix", str(folder), cwd=tmp_path)
    assert proc.returncode == 1
    assert "hidden fix" in proc.stdout and "--unsafe-fixes" in proc.stdout
    assert "http://acme-api.io" in (folder / APP).read_text()
    proc = cli("check", "--no-cache", "--fix", "--unsafe-fixes", str(folder), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "https://acme-api.io/authorize" in (folder / APP).read_text()


def test_exit_non_zero_on_fix_and_show_fixes(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: GOOD_SERVER.replace("async def", "def")})
    proc = cli(
        "check",
        "--no-cache",
        "--fix",
        "--show-fixes",
        "--exit-non-zero-on-fix",
        str(folder),
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert "DC203 Add `async`" in proc.stdout
    assert (folder / APP).read_text() == GOOD_SERVER


@pytest.mark.parametrize(
    ("newline", "bom"), [("\n", False), ("\r\n", False), ("\r\n", True), ("\n", True)]
)
def test_line_endings_and_bom_survive(tmp_path: Path, newline: str, bom: bool) -> None:
    text = BROKEN.replace("\n", newline)
    raw = ("\ufeff" if bom else "") + text
    folder = make_integration(tmp_path, {APP: raw.encode("utf-8")})
    fix_paths(folder)
    data = (folder / APP).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == bom
    expected = (("\ufeff" if bom else "") + GOOD_SERVER.replace("\n", newline)).encode("utf-8")
    assert data == expected


def test_no_final_newline_and_permissions_kept(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: BROKEN.rstrip("\n")})
    os.chmod(folder / APP, 0o640)
    fix_paths(folder)
    assert (folder / APP).read_text() == GOOD_SERVER.rstrip("\n")
    assert stat.S_IMODE(os.stat(folder / APP).st_mode) == 0o640
    assert not [p for p in folder.iterdir() if p.name.startswith(".devcreds-lint-")]


def test_manifest_keeps_formatting(tmp_path: Path) -> None:
    manifest = '{\r\n    "domain": "example",\r\n    "name": "Example",\r\n    "config_flow": true,\r\n    "documentation": "https://acme-api.io"\r\n}'
    folder = make_integration(tmp_path, {APP: GOOD_SERVER, "manifest.json": manifest})
    fix_paths(folder)
    assert (folder / "manifest.json").read_bytes().decode() == (
        '{\r\n    "domain": "example",\r\n    "name": "Example",\r\n    "config_flow": true,\r\n'
        '    "dependencies": ["application_credentials"],\r\n    "documentation": "https://acme-api.io"\r\n}'
    )


def test_file_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: BROKEN})
    integration = discover([str(folder)], PROFILES).integrations[0]
    result = fix_integration(integration, CheckOptions())
    (folder / APP).write_text("# edited meanwhile\n")
    errors = write_changes(result)
    assert any("changed while fixing" in e for e in errors)
    assert (folder / APP).read_text() == "# edited meanwhile\n"


def test_rename_never_over_an_existing_file(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {"application_credential.py": BROKEN})
    integration = discover([str(folder)], PROFILES).integrations[0]
    result = fix_integration(integration, CheckOptions())
    assert result.renames
    (folder / APP).write_text("# appeared meanwhile\n")
    errors = write_changes(result)
    assert any("exists" in e for e in errors)
    assert (folder / APP).read_text() == "# appeared meanwhile\n"
    assert (folder / "application_credential.py").read_text() == BROKEN  # untouched as well


def test_both_names_present_means_no_rename(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {"application_credential.py": BROKEN, APP: GOOD_SERVER})
    assert "DC101" not in codes(check_paths(folder))
    fix_paths(folder)
    assert (folder / "application_credential.py").read_text() == BROKEN


def test_a_fix_that_breaks_the_file_is_dropped(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: GOOD_SERVER})
    integration = discover([str(folder)], PROFILES).integrations[0]
    overlay = Overlay(integration, 2**20)
    path = str(folder / APP)
    bad = Diagnostic(
        code="DC203",
        name="sync-platform-hook",
        severity=Severity.ERROR,
        message="x",
        path=path,
        start=Location(7, 1),
        end=Location(7, 1),
        fix=Fix(Applicability.SAFE, "break it", (Edit(Location(7, 1), Location(7, 7), "def ("),)),
    )
    result = FixResult(remaining=[])
    assert _apply_round(overlay, [bad], unsafe=False, result=result) is False
    assert result.dropped and "unparsable" in result.dropped[0]
    assert overlay.files[path].text == GOOD_SERVER


def test_overlapping_fixes_are_resolved_over_rounds(tmp_path: Path) -> None:
    """Three missing annotations each want to add the same import: one per round, all land."""
    text = '''"""Platform."""

from homeassistant.components.application_credentials import ClientCredential
from homeassistant.helpers import config_entry_oauth2_flow


async def async_get_auth_implementation(
    hass, auth_domain, credential
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return the implementation."""
    return config_entry_oauth2_flow.LocalOAuth2Implementation(
        hass, auth_domain, credential.client_id, credential.client_secret, "https://a-apis.io/a", "https://a-apis.io/t"
    )
'''
    folder = make_integration(tmp_path, {APP: text})
    remaining = fix_paths(folder)
    fixed = (folder / APP).read_text()
    assert "hass: HomeAssistant, auth_domain: str, credential: ClientCredential" in fixed
    assert "from homeassistant.core import HomeAssistant\n" in fixed
    assert "DC206" not in codes(remaining)


def test_fix_twice_equals_fix_once(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "f")
    fix_paths(tmp_path / "f", unsafe=True)
    once = read_tree(tmp_path / "f")
    fix_paths(tmp_path / "f", unsafe=True)
    assert read_tree(tmp_path / "f") == once


def test_diff_never_shows_a_secret(tmp_path: Path) -> None:
    text = GOOD_SERVER.replace("async def", "def").replace(
        "\n\n\ndef", '\nSETTINGS = dict(client_secret="s3cr3t-do-not-print")\n\n\ndef'
    )
    folder = make_integration(tmp_path, {APP: text})
    proc = cli("check", "--no-cache", "--diff", str(folder), cwd=tmp_path)
    assert proc.returncode == 1 and "+async def" in proc.stdout
    assert 'SETTINGS = dict(client_secret="***")' in proc.stdout  # the characters, masked
    assert "s3cr3t-do-not-print" not in proc.stdout + proc.stderr


def test_stdin_fix_prints_the_fixed_source_and_never_renames(tmp_path: Path) -> None:
    """Standard input cannot be renamed: DC101 stays, every other fix is in the output."""
    folder = make_integration(tmp_path, {"application_credential.py": BROKEN})
    path = folder / "application_credential.py"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "devcreds_lint",
            "check",
            "--no-cache",
            "--fix",
            "--output-format",
            "concise",
            "--stdin-filename",
            str(path),
            "-",
        ],
        input=BROKEN,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.stdout == GOOD_SERVER
    assert "DC101" in proc.stderr and proc.returncode == 1
    assert path.read_text() == BROKEN and not (folder / APP).exists()
