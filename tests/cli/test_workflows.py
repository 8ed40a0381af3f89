"""The command line as users drive it: what each run prints and how it exits (the pre-commit
fix hook's rename lines, ``--diff`` on standard input, runs that check nothing, severities
and counts, ``--help``, ``--statistics``, ``--add-noqa``, ``--watch``, ``-q``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import ROOT, make_integration, run_cli, write_tree

APP = "application_credentials.py"
SYNC = GOOD_SERVER.replace("async def", "def")  # DC203, an error with a safe fix
# DC502 (a warning, no fix): a client ID written into the code.
LEAKY = '''"""Application credentials platform."""

from homeassistant.components.application_credentials import (
    AuthImplementation,
    AuthorizationServer,
    ClientCredential,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return the implementation."""
    return AuthImplementation(
        hass,
        auth_domain,
        ClientCredential(client_id="my-client-id", client_secret=credential.client_secret),
        AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t"),
    )
'''
SEED_PLATFORM = '''\
"""Developer credentials for Seed."""

from homeassistant.core import HomeAssistant
from homeassistant.components.developer_credentials.AuthorizationServer


async def async_get_authorization_server(self, hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://auth.acme-cloud.net/authorize",
        token_url="https://auth.acme-cloud.net/token",
    )
'''


def run(*args: str, cwd: Path, stdin: str | None = None) -> tuple[int, str, str]:
    return run_cli(*args, cwd=cwd, stdin=stdin)


# --- 7. the fix hook: a rename fails the hook and says what to stage ---------------------------


def test_fix_hook_entry_fails_on_fixes() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: devcreds-lint check --fix --exit-non-zero-on-fix --force-exclude" in text


def test_a_rename_is_named_with_the_command_that_stages_it(tmp_path: Path) -> None:
    folder = make_integration(
        tmp_path, {"developer_credentails.py": SEED_PLATFORM}, "developer_credentials"
    )
    code, out, err = run(
        "check", "--no-cache", "--fix", "--exit-non-zero-on-fix", "custom_components", cwd=tmp_path
    )
    assert code == 1, out + err
    old = os.path.join("custom_components", "example", "developer_credentails.py")
    assert err.splitlines() == [
        f"Renamed {old} to developer_credentials.py; stage the rename and the fixes beside it: "
        f"git add -A {os.path.join('custom_components', 'example')}"
    ]
    assert (folder / "developer_credentials.py").is_file()
    # Only fixes, no rename: the hook still fails, and says nothing about staging.
    (folder / APP).write_text(SYNC, encoding="utf-8")
    code, out, err = run(
        "check", "--no-cache", "--fix", "--exit-non-zero-on-fix", str(folder / APP), cwd=tmp_path
    )
    assert code == 1 and "Renamed" not in err


# --- 9. --diff on standard input --------------------------------------------------------------


def test_stdin_diff_prints_the_diff_and_exits_1(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: SYNC})
    name = str(folder / APP)
    code, out, err = run(
        "check", "--no-cache", "--diff", "--stdin-filename", name, "-", cwd=tmp_path, stdin=SYNC
    )
    assert code == 1, err
    assert "-def async_get_authorization_server" in out
    assert "+async def async_get_authorization_server" in out
    assert "Would fix 1 error." in err
    assert (folder / APP).read_text(encoding="utf-8") == SYNC  # nothing written
    clean = run(
        "check",
        "--no-cache",
        "--diff",
        "--stdin-filename",
        name,
        "-",
        cwd=tmp_path,
        stdin=GOOD_SERVER,
    )
    assert clean[:2] == (0, "")


# --- 10. runs that check nothing say so -------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("empty",), "no integration found"),
        (("plain",), "no integration found"),
        (("plain/notes.txt",), "no integration found"),
        (("--select", "", "custom_components"), "no rule is selected"),
        (("--select", "DC2", "--ignore", "DC2", "custom_components"), "no rule is selected"),
    ],
)
def test_nothing_checked_is_not_all_checks_passed(
    tmp_path: Path, args: tuple[str, ...], reason: str
) -> None:
    (tmp_path / "empty").mkdir()
    write_tree(tmp_path / "plain", {"notes.txt": "notes\n", "tools/__init__.py": ""})
    make_integration(tmp_path, {APP: SYNC})
    code, out, err = run("check", "--no-cache", *args, cwd=tmp_path)
    assert code == 0
    assert "All checks passed!" not in out
    # Said once, on standard error only (issue 16 point 10).
    assert out == ""
    assert err == f"devcreds-lint: warning: {reason}; nothing was checked\n"


def test_fix_on_stdin_and_on_paths_end_with_the_same_summary(tmp_path: Path) -> None:
    """Issue 16 point 10: one wording for the summary of --fix, --show-fixes included."""
    folder = make_integration(tmp_path, {APP: SYNC})
    path = os.path.join("custom_components", "example", APP)
    stdin = subprocess.run(
        [
            *(sys.executable, "-m", "devcreds_lint", "check", "--no-cache"),
            *("--fix", "--show-fixes", "--stdin-filename", path, "-"),
        ],
        input=SYNC,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert stdin.stdout == GOOD_SERVER
    code, out, _ = run("check", "--no-cache", "--fix", "--show-fixes", path, cwd=tmp_path)
    assert (folder / APP).read_text(encoding="utf-8") == GOOD_SERVER
    assert code == stdin.returncode == 0
    assert stdin.stderr == out
    assert out.startswith(f"Fixed:\n  {path}: DC203 ")


def test_summary_says_what_was_checked(tmp_path: Path) -> None:
    make_integration(tmp_path, {APP: GOOD_SERVER}, domain="one")
    make_integration(tmp_path, {APP: GOOD_SERVER}, domain="two")
    code, out, _ = run("check", "--no-cache", "custom_components", cwd=tmp_path)
    assert (code, out) == (0, "All checks passed!\nChecked 2 platform modules in 2 integrations.\n")


def test_a_folder_without_manifest_and_its_file_give_the_same_verdict(tmp_path: Path) -> None:
    write_tree(tmp_path / "loose", {APP: SYNC})
    by_file = run("check", "--no-cache", "--output-format", "json", f"loose/{APP}", cwd=tmp_path)
    by_folder = run("check", "--no-cache", "--output-format", "json", "loose", cwd=tmp_path)
    assert by_file[0] == by_folder[0] == 1
    assert json.loads(by_file[1]) == json.loads(by_folder[1]) != []
    # A folder without manifest.json met while walking is still no integration.
    walked = run("check", "--no-cache", ".", cwd=tmp_path)
    assert (walked[1], walked[2]) == (
        "",
        "devcreds-lint: warning: no integration found; nothing was checked\n",
    )


# --- 11. severities ---------------------------------------------------------------------------


def test_each_finding_shows_its_severity_and_the_summary_counts_them_apart(tmp_path: Path) -> None:
    make_integration(
        tmp_path,
        {APP: LEAKY.replace("async def", "def")},
    )
    code, out, _ = run(
        "check", "--no-cache", "--output-format", "concise", "custom_components", cwd=tmp_path
    )
    assert code == 1
    lines = out.splitlines()
    assert any(": DC203 [*] error: " in line for line in lines), out
    assert any(": DC502 warning: " in line for line in lines), out
    assert "Found 1 error and 1 warning." in lines
    code, out, _ = run("check", "--no-cache", "custom_components", cwd=tmp_path)
    assert ": DC203 [*] error: " in out and ": DC502 warning: " in out
    code, out, _ = run("check", "--no-cache", "--fix", "custom_components", cwd=tmp_path)
    assert "Fixed 1 error.\nFound 1 warning.\n" in out


# --- 13. --help -------------------------------------------------------------------------------


def test_help_lists_whole_command_summaries(tmp_path: Path) -> None:
    code, out, _ = run("--help", cwd=tmp_path)
    assert code == 0
    commands = out.split("Commands:", 1)[1]
    assert "Explain a rule, or list them all." in commands
    assert "Run the language server over stdio." in commands
    assert "(e.g." not in commands and "..." not in commands


# --- 15. --statistics, --add-noqa, --watch, -q -------------------------------------------------


def test_statistics_counts_by_code(tmp_path: Path) -> None:
    make_integration(tmp_path, {APP: SYNC}, domain="one")
    make_integration(tmp_path, {APP: SYNC}, domain="two")
    make_integration(tmp_path, {APP: LEAKY}, domain="three")
    code, out, _ = run("check", "--no-cache", "--statistics", "custom_components", cwd=tmp_path)
    assert code == 1
    assert out.splitlines()[:2] == [
        "2  DC203  [*] error    sync-platform-hook",
        "1  DC502      warning  hardcoded-client-id",
    ]
    assert "Found 2 errors and 1 warning." in out
    code, out, _ = run(
        "check",
        "--no-cache",
        "--statistics",
        "--output-format",
        "json",
        "custom_components",
        cwd=tmp_path,
    )
    assert json.loads(out)[0] == {
        "code": "DC203",
        "name": "sync-platform-hook",
        "severity": "error",
        "count": 2,
        "fixable": True,
    }


def test_quiet_prints_findings_only(tmp_path: Path) -> None:
    make_integration(tmp_path, {APP: SYNC})
    code, out, err = run(
        "check", "--no-cache", "-q", "--output-format", "concise", "custom_components", cwd=tmp_path
    )
    assert code == 1 and err == ""
    assert len(out.splitlines()) == 1 and ": DC203 " in out
    assert run("check", "--no-cache", "--quiet", "empty-dir-does-not-exist", cwd=tmp_path)[0] == 2
    (tmp_path / "empty").mkdir()
    assert run("check", "--no-cache", "--quiet", "empty", cwd=tmp_path) == (0, "", "")


NOQA_SOURCE = (
    '"""Application credentials."""\r\n'
    "\r\n"
    "from homeassistant.components.application_credentials import (\r\n"
    "    AuthImplementation,\r\n"
    "    AuthorizationServer,\r\n"
    "    ClientCredential,\r\n"
    ")\r\n"
    "from homeassistant.core import HomeAssistant\r\n"
    "from homeassistant.helpers import config_entry_oauth2_flow\r\n"
    "\r\n"
    "\r\n"
    "def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:  # noqa: E501\r\n"
    '    """Return the authorization server."""\r\n'
    "    return AuthorizationServer(\r\n"
    '        authorize_url="https://auth.acme-cloud.net/authorize",\r\n'
    '        token_url="https://auth.acme-cloud.net/token",\r\n'
    "    )\r\n"
    "\r\n"
    "\r\n"
    "async def async_get_auth_implementation(\r\n"
    "    hass: HomeAssistant, auth_domain: str, credential: ClientCredential\r\n"
    ") -> config_entry_oauth2_flow.AbstractOAuth2Implementation:\r\n"
    '    """Return the implementation."""\r\n'
    "    return AuthImplementation(\r\n"
    "        hass,\r\n"
    "        auth_domain,\r\n"
    '        ClientCredential(client_id="my-client-id", client_secret=credential.client_secret),\r\n'
    '        AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t"),\r\n'
    "    )\r\n"
)


def test_add_noqa_suppresses_in_place_keeps_bytes_and_is_idempotent(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {})
    path = folder / APP
    path.write_bytes(b"\xef\xbb\xbf" + NOQA_SOURCE.encode("utf-8"))
    # The manifest finding (a whole file) cannot take a noqa.
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["dependencies"] = []
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = run(
        "check", "--no-cache", "--output-format", "json", "custom_components", cwd=tmp_path
    )
    assert {d["code"] for d in json.loads(before[1])} == {"DC203", "DC502", "DC601"}

    code, out, err = run("check", "--no-cache", "--add-noqa", "custom_components", cwd=tmp_path)
    assert out == "Added 2 noqa directives in 1 file.\n"
    assert "DC601 not suppressed: a finding about a whole file takes no `# noqa`" in err
    assert "per-file-ignores" in err
    assert code == 1  # not everything could be suppressed
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == NOQA_SOURCE.count("\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    text = data.decode("utf-8-sig")
    assert "AuthorizationServer:  # noqa: E501, DC203\r\n" in text
    assert "credential.client_secret),  # noqa: DC502\r\n" in text
    after = run("check", "--no-cache", "--output-format", "json", "custom_components", cwd=tmp_path)
    assert {d["code"] for d in json.loads(after[1])} == {"DC601"}

    again = run("check", "--no-cache", "--add-noqa", "custom_components", cwd=tmp_path)
    assert again[1] == "Added 0 noqa directives in 0 files.\n"
    assert path.read_bytes() == data


def test_add_noqa_never_puts_a_comment_inside_a_string(tmp_path: Path) -> None:
    source = SYNC.replace(
        "def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:",
        'X = """\ndef async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:\n"""\n'
        "def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:",
    )
    # A finding whose line ends inside a string: here the URL of a backslash-continued line.
    source += 'ODD = "a" \\\n    "b"\n'
    folder = make_integration(tmp_path, {APP: source})
    _, out, _ = run("check", "--no-cache", "--add-noqa", "custom_components", cwd=tmp_path)
    text = (folder / APP).read_text(encoding="utf-8")
    compile(text, APP, "exec")
    assert (
        '"""\ndef async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:\n"""'
        in text
    )
    assert out == "Added 1 noqa directive in 1 file.\n"


def test_add_noqa_says_once_that_a_file_does_not_parse(tmp_path: Path) -> None:
    """The seed's module has several findings (DC102, DC205 twice, ...) and does not parse:
    one notice for the file, not one error per finding (issue 16 point 8)."""
    folder = make_integration(
        tmp_path, {"developer_credentials.py": SEED_PLATFORM}, "developer_credentials"
    )
    before = (folder / "developer_credentials.py").read_bytes()
    code, out, err = run("check", "--no-cache", "--add-noqa", "custom_components", cwd=tmp_path)
    assert code == 1
    path = os.path.join("custom_components", "example", "developer_credentials.py")
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{path}: ") and lines[0].endswith(
        "findings not suppressed: the file does not parse; fix its syntax first"
    ), err
    assert out == "Added 0 noqa directives in 0 files.\n"
    assert (folder / "developer_credentials.py").read_bytes() == before


def test_watch_checks_again_when_a_file_changes(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: GOOD_SERVER})
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "PYTHONPATH": str(ROOT),
        "DEVCREDS_LINT_WATCH_INTERVAL": "0.05",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "devcreds_lint",
            "check",
            "--no-cache",
            "--watch",
            "--output-format",
            "concise",
            "custom_components",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        seen: list[str] = []

        def read_until(marker: str) -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                line = proc.stdout.readline()  # type: ignore[union-attr]
                assert line, "".join(seen)
                seen.append(line)
                if marker in line:
                    return
            raise AssertionError("".join(seen))

        read_until("Watching for file changes")
        assert "All checks passed!\n" in seen
        time.sleep(0.05)
        (folder / APP).write_text(SYNC + "\n", encoding="utf-8")
        read_until("Watching for file changes")
        assert any(": DC203 [*] error: " in line for line in seen), "".join(seen)
        assert "File change detected; checking again.\n" in seen
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.parametrize("mode", [(), ("--fix",), ("--diff",)], ids=["check", "fix", "diff"])
def test_stdin_named_by_a_bare_file_name_is_checked(tmp_path: Path, mode: tuple[str, ...]) -> None:
    """An editor that runs the linter in the file's folder may pass only its name: the buffer
    is still checked (it answered "All checks passed!" for a broken module)."""
    folder = make_integration(tmp_path, {APP: SYNC})
    code, out, err = run(
        "check", "--no-cache", *mode, "--stdin-filename", APP, "-", cwd=folder, stdin=SYNC
    )
    assert code == (0 if mode == ("--fix",) else 1), err
    if mode == ("--fix",):
        assert out == GOOD_SERVER and "1 fixed" in err
    elif mode == ("--diff",):
        assert "+async def async_get_authorization_server" in out
    else:
        assert f"{APP}:" in out and "DC203" in out
