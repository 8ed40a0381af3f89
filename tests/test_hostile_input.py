"""Hostile input (issue #6): bad files and bad trees get a clear finding or message, the rest
is still checked, nothing crashes, and --fix never damages what it cannot read.

Cases that could kill the interpreter (deep nesting reaching libcst's native parser) run
the real command line in a subprocess, so a regression fails a test instead of the session.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from devcreds_lint import discovery
from devcreds_lint.cli import cli
from devcreds_lint.contracts import PROFILES
from devcreds_lint.engine import CheckOptions, check_integration
from devcreds_lint.model import Diagnostic
from devcreds_lint.parsing import reading as source
from devcreds_lint.rules.examples import GOOD_SERVER, MANIFEST_TEMPLATE
from devcreds_lint.rules.hooks import SyncPlatformHook
from devcreds_lint.rules.internal import ISSUES_URL
from tests.helpers import check_paths, codes, make_integration, read_tree, write_tree

ROOT = Path(__file__).resolve().parent.parent
APP = "application_credentials.py"
DEV = "developer_credentials.py"
# A valid module whose one defect is a sync hook (DC203 at line 7, fixed by adding `async `).
SYNC = GOOD_SERVER.replace("async def", "def")
SYNC_LINE = 7


def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> tuple[int, str, str]:
    """The real entry point in a subprocess: exit codes and stderr exactly as users see."""
    proc = subprocess.run(
        [sys.executable, "-m", "devcreds_lint", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
    )
    return proc.returncode, proc.stdout, proc.stderr


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert "internal error" not in stderr


def domain(diag: Diagnostic) -> str:
    """The integration folder a diagnostic is in."""
    return Path(diag.path).parent.name


def only(diagnostics: list[Diagnostic], name: str) -> list[str]:
    return [d.code for d in diagnostics if domain(d) == name]


# --- Bad platform modules ----------------------------------------------------------------

TEXT_CASES: dict[str, tuple[str | bytes, set[str], str]] = {
    # name: (platform module, the codes it must get, a text the first message contains)
    "empty": ("", {"DC201"}, "defines no"),
    "only-comments": ("# a comment\n# another one\n", {"DC201"}, "defines no"),
    "python-2": ('print "x"\n', {"DC100"}, "Missing parentheses"),
    "merge-conflict": (
        "<<<<<<< HEAD\n" + GOOD_SERVER + "=======\n" + SYNC + ">>>>>>> other\n",
        {"DC100"},
        "syntax error",
    ),
    "latin-1": (GOOD_SERVER.encode().replace(b"Return the", b"R\xe9turn the"), {"DC900"}, "UTF-8"),
    "nul-bytes": (GOOD_SERVER.encode() + b"\x00\n", {"DC900"}, "NUL"),
    "bom": (b"\xef\xbb\xbf" + SYNC.encode(), {"DC203"}, "async def"),
    "crlf": (SYNC.replace("\n", "\r\n"), {"DC203"}, "async def"),
    "cr-only": (SYNC.replace("\n", "\r"), {"DC203"}, "async def"),
    "tabs": (SYNC.replace("    ", "\t"), {"DC203"}, "async def"),
}


@pytest.mark.parametrize("name", sorted(TEXT_CASES))
def test_bad_platform_module_gets_a_clear_finding(tmp_path: Path, name: str) -> None:
    content, expected, needle = TEXT_CASES[name]
    make_integration(tmp_path, {APP: content}, domain="bad")
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    found = check_paths(tmp_path)
    bad = [d for d in found if domain(d) == "bad"]
    assert {d.code for d in bad} == expected
    assert needle in bad[0].message
    # The rest is still checked.
    assert only(found, "good") == ["DC203"]


def test_bad_modules_through_the_command_line(tmp_path: Path) -> None:
    for name, (content, _, _) in TEXT_CASES.items():
        make_integration(tmp_path, {APP: content}, domain=name)
    make_integration(tmp_path, {APP: SYNC}, domain="zz_good")
    code, out, err = run("check", "--no-cache", "--output-format", "concise", str(tmp_path))
    assert code == 1
    no_traceback(err)
    assert f"zz_good{os.sep}{APP}:{SYNC_LINE}:5: DC203" in out
    for name in TEXT_CASES:
        assert f"{name}{os.sep}{APP}:" in out


@pytest.mark.parametrize(
    "extra",
    [
        "type Alias = int\n",
        "def identity[T](value: T) -> T:\n    return value\n",
        "class Box[T]:\n    item: T\n",
        "def pair[K, V: str](key: K, value: V) -> tuple[K, V]:\n    return key, value\n",
    ],
    ids=["type-alias", "generic-def", "generic-class", "bounded-type-params"],
)
def test_pep_695_syntax_is_parsed_and_checked(tmp_path: Path, extra: str) -> None:
    """Python 3.12 syntax parses with libcst on every Python we run on (3.10 and 3.11 cannot
    compile it themselves) and the module is checked as usual."""
    make_integration(tmp_path, {APP: SYNC + "\n\n" + extra})
    found = check_paths(tmp_path)
    assert codes(found) == ["DC203"]
    assert found[0].start.row == SYNC_LINE


def test_pep_758_except_without_parentheses_is_parsed(tmp_path: Path) -> None:
    """What is true today: libcst parses Python 3.14's `except A, B:`, so the module is
    checked as usual (on Pythons before 3.14, Python itself would reject it)."""
    extra = "\n\ndef handle():\n    try:\n        pass\n    except ValueError, TypeError:\n        pass\n"
    make_integration(tmp_path, {APP: SYNC + extra})
    assert codes(check_paths(tmp_path)) == ["DC203"]


def test_the_first_syntax_error_is_reported_with_python_s_message(tmp_path: Path) -> None:
    make_integration(tmp_path, {APP: "def f(:\n    pass\n"})
    (diag,) = check_paths(tmp_path)
    assert diag.code == "DC100"
    assert diag.start.row == 1


# --- Size and nesting: DC900 / DC100 in bounded time, never a crash ------------------------

DEEP = {
    "parentheses-5000": "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n",
    "lists-100000": "x = " + "[" * 100000 + "]" * 100000 + "\n",
    "unary-100000": "x = " + "-" * 100000 + "1\n",
    "attributes-20000": "x = a" + ".b" * 20000 + "\n",
    "calls-20000": "x = f" + "()" * 20000 + "\n",
    "lambdas-10000": "x = " + "lambda: " * 10000 + "1\n",
    "conditionals-10000": "x = " + "1 if 1 else " * 10000 + "1\n",
    "and-chain-5000": "x = " + "a and " * 5000 + "b\n",
    "concatenated-strings-5000": "x = " + '"a" ' * 5000 + "\n",
    "nested-subscripts-150": "x = " + "a[" * 150 + "0" + "]" * 150 + "\n",
    "blocks-150": "".join("    " * i + "if x:\n" for i in range(150)) + "    " * 150 + "pass\n",
    # Python rejects the first line before 3.12, so only the token screen guards libcst here.
    "new-syntax-then-parentheses": "type X = int\nx = " + "(" * 5000 + ")" * 5000 + "\n",
    "new-syntax-then-unary": "type X = int\nx = " + "-" * 100000 + "1\n",
    "new-syntax-then-many-chains": "type X = int\n" + ("x = a" + "[0]" * 140 + "\n") * 300,
}


def test_deep_nesting_is_dc100_in_bounded_time(tmp_path: Path) -> None:
    for name, text in DEEP.items():
        make_integration(tmp_path, {APP: SYNC + "\n" + text}, domain=name)
    make_integration(tmp_path, {APP: SYNC}, domain="zz_good")
    started = time.monotonic()
    code, out, err = run("check", "--no-cache", "--output-format", "concise", str(tmp_path))
    elapsed = time.monotonic() - started
    assert code == 1, err  # not -11 (SIGSEGV), not 2
    no_traceback(err)
    for name in DEEP:
        lines = [line for line in out.splitlines() if f"{os.sep}{name}{os.sep}" in line]
        assert lines, name
        assert all(": DC100 " in line for line in lines), (name, lines)
    assert f"zz_good{os.sep}{APP}:{SYNC_LINE}:5: DC203" in out
    assert elapsed < 30  # bounded; typically about 2 seconds for all of them together


@pytest.mark.parametrize("name", ["parentheses-5000", "lists-100000", "unary-100000"])
def test_deep_nesting_through_fix_changes_nothing(tmp_path: Path, name: str) -> None:
    folder = make_integration(tmp_path, {APP: SYNC + "\n" + DEEP[name]})
    before = (folder / APP).read_bytes()
    code, out, err = run(
        "check", "--fix", "--no-cache", "--output-format", "concise", str(tmp_path)
    )
    assert code == 1
    no_traceback(err)
    assert "DC100" in out
    assert (folder / APP).read_bytes() == before


def test_nesting_python_accepts_is_checked_normally(tmp_path: Path) -> None:
    """The limits sit well above real code: 40 levels of brackets is still checked."""
    deep = "x = " + "[" * 40 + "]" * 40 + "\n"
    make_integration(tmp_path, {APP: SYNC + "\n" + deep})
    assert codes(check_paths(tmp_path)) == ["DC203"]


def test_file_over_the_default_size_limit_is_dc900_quickly(tmp_path: Path) -> None:
    big = SYNC + "x = 1\n" * (2 * 1024 * 1024 // 6 + 10)
    make_integration(tmp_path, {APP: big})
    started = time.monotonic()
    (diag,) = check_paths(tmp_path)
    assert diag.code == "DC900"
    assert "over the 2097152-byte limit" in diag.message
    assert time.monotonic() - started < 2


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.devcreds-lint]\nmax-file-size = 300\n")
    folder = make_integration(tmp_path, {APP: SYNC})
    make_integration(tmp_path, {APP: "# small\n"}, domain="small")
    code, out, err = run("check", "--no-cache", "--output-format", "concise", str(tmp_path))
    assert code == 1
    no_traceback(err)
    assert (
        f"example{os.sep}{APP}:1:1: DC900 {APP}: file is {len(SYNC)} bytes, over the 300-byte limit"
        in out
    )
    assert f"small{os.sep}{APP}:1:1: DC201" in out
    # A sibling over the limit is not used either.
    assert f"small{os.sep}config_flow.py:1:1: DC900 config_flow.py: file is" in out
    before = read_tree(folder)
    run("check", "--fix", "--no-cache", str(tmp_path))
    assert read_tree(folder) == before


# --- --fix and encodings: never rewrite what cannot be decoded; keep what can ------------


@pytest.mark.parametrize(
    "content",
    [
        SYNC.encode().replace(b"Return the", b"R\xe9turn the"),
        SYNC.encode() + b"\x00",
        b"\xff\xfe" + SYNC.encode("utf-16-le"),
    ],
    ids=["latin-1", "nul", "utf-16"],
)
def test_undecodable_files_are_never_rewritten(tmp_path: Path, content: bytes) -> None:
    folder = make_integration(
        tmp_path, {APP: content, "manifest.json": MANIFEST_TEMPLATE % "other"}
    )
    code, out, err = run("check", "--fix", "--unsafe-fixes", "--no-cache", str(tmp_path))
    assert code == 1
    no_traceback(err)
    assert "DC900" in out
    assert (folder / APP).read_bytes() == content
    # The integration's other files are still fixed.
    assert (
        "application_credentials"
        in json.loads((folder / "manifest.json").read_text())["dependencies"]
    )


def _sync_fixed(data: bytes) -> bytes:
    return data.replace(
        b"def async_get_authorization_server", b"async def async_get_authorization_server"
    )


MIXED = "".join(
    line + ("\r\n" if i % 3 == 1 else "\r" if i % 3 == 2 else "\n")
    for i, line in enumerate(SYNC.split("\n")[:-1])
)


@pytest.mark.parametrize(
    "content",
    [
        b"\xef\xbb\xbf" + SYNC.encode(),
        SYNC.replace("\n", "\r\n").encode(),
        SYNC.replace("\n", "\r").encode(),
        MIXED.encode(),
        b"\xef\xbb\xbf" + MIXED.encode(),
        SYNC.replace("    ", "\t").encode(),
        SYNC.rstrip("\n").encode(),
    ],
    ids=["bom", "crlf", "cr", "mixed", "bom-mixed", "tabs", "no-final-newline"],
)
def test_fix_keeps_bom_line_endings_and_tabs(tmp_path: Path, content: bytes) -> None:
    """Only the fixed span changes: every other byte, each line's own ending included, stays."""
    folder = make_integration(tmp_path, {APP: content})
    code, _, err = run("check", "--fix", "--no-cache", str(tmp_path))
    assert code == 0, err
    assert (folder / APP).read_bytes() == _sync_fixed(content)


def test_inserted_lines_take_the_file_s_line_ending(tmp_path: Path) -> None:
    text = SYNC.replace("from homeassistant.core import HomeAssistant\n", "")
    folder = make_integration(tmp_path, {APP: text.replace("\n", "\r\n")})
    code, _, err = run("check", "--fix", "--no-cache", str(tmp_path))
    assert code == 0, err
    data = (folder / APP).read_bytes()
    assert b"import HomeAssistant\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


# --- Bad trees ---------------------------------------------------------------------------


def test_directory_named_like_a_platform_module(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {}, profile="developer_credentials", domain="dirmod")
    (folder / DEV).mkdir()
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    found = check_paths(tmp_path)
    (diag,) = [d for d in found if domain(d) == "dirmod"]
    assert diag.code == "DC900"
    assert diag.message == f"{DEV}: is a directory, not a file"
    assert only(found, "good") == ["DC203"]
    code, _, err = run("check", "--fix", "--no-cache", str(tmp_path))
    assert code == 1
    no_traceback(err)
    assert (folder / DEV).is_dir()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_dangling_symlink_platform_module(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {}, domain="dangling")
    os.symlink(str(tmp_path / "missing.py"), folder / APP)
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    found = check_paths(tmp_path)
    (diag,) = [d for d in found if domain(d) == "dangling"]
    assert diag.code == "DC900"
    assert "is a broken symbolic link" in diag.message
    assert only(found, "good") == ["DC203"]
    code, _, err = run("check", "--fix", "--no-cache", str(tmp_path))
    assert code == 1
    no_traceback(err)
    assert os.path.islink(folder / APP) and not (tmp_path / "missing.py").exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlink_loops_end(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    folder = make_integration(tree, {APP: SYNC}, domain="looped")
    os.symlink("..", folder / "up")  # a folder link to its parent
    os.symlink(str(tree), tree / "custom_components" / "again")  # and to the top
    os.symlink(APP, folder.parent / "self.py")  # a file link to itself
    selfloop = make_integration(tree, {}, domain="selfloop")
    os.symlink(APP, selfloop / APP)
    code, out, err = run("check", "--no-cache", "--output-format", "concise", str(tree), timeout=60)
    assert code == 1
    no_traceback(err)
    assert f"looped{os.sep}{APP}:{SYNC_LINE}:5: DC203" in out
    assert f"selfloop{os.sep}{APP}:1:1: DC900 {APP}: is a symbolic link loop" in out
    assert out.count("DC203") == 1  # each integration once, not once per way to reach it


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipe_is_dc900_not_a_hang(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {}, domain="fifo")
    os.mkfifo(folder / APP)
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    code, out, err = run(
        "check", "--no-cache", "--output-format", "concise", str(tmp_path), timeout=30
    )
    assert code == 1
    no_traceback(err)
    assert f"{APP}: is not a regular file (a pipe, socket or device)" in out
    assert f"good{os.sep}{APP}:{SYNC_LINE}:5: DC203" in out


def _deny(monkeypatch: pytest.MonkeyPatch, module: object, name: str, denied: Path) -> None:
    """Make ``module.name`` (os.open, os.scandir) fail with EACCES for one path, as for a
    user without read permission (tests run as root, where chmod 000 does not stop reads)."""
    real = getattr(os, name)

    def fake(path: object, *args: object, **kwargs: object) -> object:
        if os.path.abspath(os.fspath(path)) == str(denied):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(module, "os", _OsProxy(name, fake))


class _OsProxy:
    """``os`` with one function replaced (monkeypatching os itself would affect pytest too)."""

    def __init__(self, name: str, function: object) -> None:
        self._name = name
        self._function = function

    def __getattr__(self, attribute: str) -> object:
        return self._function if attribute == self._name else getattr(os, attribute)


def test_unreadable_platform_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_integration(tmp_path, {APP: SYNC}, domain="locked")
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    _deny(monkeypatch, source, "open", (folder / APP).resolve())
    found = check_paths(tmp_path)
    (diag,) = [d for d in found if domain(d) == "locked"]
    assert diag.code == "DC900"
    assert diag.message == f"{APP}: cannot be read: Permission denied"
    assert only(found, "good") == ["DC203"]


def test_unreadable_sibling_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_integration(tmp_path, {APP: SYNC}, domain="locked")
    _deny(monkeypatch, source, "open", (folder / "manifest.json").resolve())
    found = check_paths(tmp_path)
    assert sorted(codes(found)) == ["DC203", "DC900"]
    assert any(d.message == "manifest.json: cannot be read: Permission denied" for d in found)


def test_unreadable_folder_is_listed_and_the_rest_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = make_integration(tmp_path, {APP: SYNC}, domain="locked").parent / "vendor"
    locked.mkdir()
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    _deny(monkeypatch, discovery, "scandir", locked.resolve())
    found = discovery.discover([str(tmp_path)], PROFILES)
    assert [os.path.basename(i.folder) for i in found.integrations] == ["good", "locked"]
    assert found.unreadable == ((str(locked), "Permission denied"),)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads files whatever their permissions (covered by the tests above)",
)
def test_real_permissions(tmp_path: Path) -> None:  # pragma: no cover - not as root
    folder = make_integration(tmp_path, {APP: SYNC}, domain="locked")
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    (folder / APP).chmod(0)
    try:
        code, out, err = run("check", "--no-cache", "--output-format", "concise", str(tmp_path))
        assert code == 1
        no_traceback(err)
        assert f"{APP}: cannot be read: Permission denied" in out
        assert f"good{os.sep}{APP}:{SYNC_LINE}:5: DC203" in out
    finally:
        (folder / APP).chmod(0o644)


def test_path_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    tree = tmp_path / "mein baum"
    folder = make_integration(tree, {APP: SYNC}, domain="mön itör")
    code, out, err = run("check", "--no-cache", "--output-format", "concise", str(tree))
    assert code == 1
    no_traceback(err)
    assert f"mön itör{os.sep}{APP}:{SYNC_LINE}:5: DC203" in out
    code, out, err = run("check", "--fix", "--no-cache", str(folder / APP))
    assert code == 0, err
    assert b"async def async_get_authorization_server" in (folder / APP).read_bytes()


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    make_integration(tmp_path, {APP: SYNC})
    missing = tmp_path / "nowhere"
    code, out, err = run("check", "--no-cache", str(tmp_path), str(missing))
    assert code == 2
    assert out == ""
    assert err.strip() == f"devcreds-lint: error: path does not exist: {missing}"


# --- manifest.json and strings.json ----------------------------------------------------

MANIFEST = MANIFEST_TEMPLATE % "application_credentials"
HUGE = json.dumps({**json.loads(MANIFEST), "padding": "x" * (2 * 1024 * 1024)})
JSON_CASES: dict[str, tuple[str, str | bytes, str, str]] = {
    # name: (file, content, code, text in the message)
    "manifest-not-json": ("manifest.json", "{not json", "DC604", "not valid JSON"),
    "manifest-empty": ("manifest.json", "", "DC604", "not valid JSON"),
    "manifest-array": ("manifest.json", "[1, 2]", "DC604", "not a JSON object but list"),
    "manifest-string": ("manifest.json", '"hello"', "DC604", "not a JSON object but str"),
    "manifest-dependencies-string": (
        "manifest.json",
        MANIFEST.replace('["application_credentials"]', '"application_credentials"'),
        "DC604",
        "`dependencies` is not a list of strings",
    ),
    "manifest-dependencies-numbers": (
        "manifest.json",
        MANIFEST.replace('["application_credentials"]', "[1, null]"),
        "DC604",
        "`dependencies` is not a list of strings",
    ),
    "manifest-deep": ("manifest.json", "[" * 100000 + "]" * 100000, "DC604", "nested too deeply"),
    "manifest-huge": ("manifest.json", HUGE, "DC900", "over the 2097152-byte limit"),
    "manifest-latin-1": ("manifest.json", MANIFEST.encode("latin-1") + b"\xe9", "DC900", "UTF-8"),
    "strings-not-json": ("strings.json", "{oops", "DC605", "not valid JSON"),
    "strings-array": ("strings.json", "[]", "DC605", "not a JSON object"),
    "strings-deep": ("strings.json", "[" * 100000 + "]" * 100000, "DC605", "not valid JSON"),
    "strings-huge": ("strings.json", HUGE, "DC900", "over the 2097152-byte limit"),
}


@pytest.mark.parametrize("name", sorted(JSON_CASES))
def test_bad_json_files(tmp_path: Path, name: str) -> None:
    filename, content, code, needle = JSON_CASES[name]
    make_integration(tmp_path, {APP: SYNC, filename: content})
    found = check_paths(tmp_path)
    about = [d for d in found if d.path.endswith(filename)]
    assert [d.code for d in about] == [code]
    assert needle in about[0].message
    # One finding about the broken file; the platform module is still checked; the rules
    # that need the broken file stay silent.
    assert sorted(codes(found)) == sorted([code, "DC203"])


def test_bad_json_files_through_fix(tmp_path: Path) -> None:
    for name, (filename, content, _, _) in JSON_CASES.items():
        make_integration(tmp_path, {APP: SYNC, filename: content}, domain=name)
    before = read_tree(tmp_path)
    code, _, err = run("check", "--fix", "--no-cache", "--output-format", "concise", str(tmp_path))
    assert code == 1
    no_traceback(err)
    after = read_tree(tmp_path)
    assert set(after) == set(before)
    for name, (filename, _, _, _) in JSON_CASES.items():
        path = f"custom_components/{name}/{filename}"
        assert after[path] == before[path], path  # broken files are never rewritten
        platform = f"custom_components/{name}/{APP}"
        assert after[platform] == _sync_fixed(before[platform].encode()).decode()


# --- An internal error in one rule -------------------------------------------------------


def _break_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(self: object, ctx: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(SyncPlatformHook, "check", crash)


def test_a_crashing_rule_is_dc000_and_the_rest_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_rule(monkeypatch)
    make_integration(
        tmp_path, {APP: SYNC.replace("https://example.com/token", "http://example.com/token")}
    )
    make_integration(tmp_path, {APP: SYNC.replace("(hass", "(self, hass")}, domain="other")
    found = check_paths(tmp_path)
    crashes = [d for d in found if d.code == "DC000"]
    assert len(crashes) == 2  # one per integration it crashed on
    for diag in crashes:
        assert diag.path.endswith(APP)
        assert "rule DC203 crashed" in diag.message
        assert "ZeroDivisionError" in diag.message
        assert ISSUES_URL in diag.message
    # Every other rule ran.
    assert "DC305" in only(found, "example")
    assert "DC205" in only(found, "other")


def test_a_crashing_rule_exits_2_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_rule(monkeypatch)
    make_integration(tmp_path, {APP: SYNC})
    make_integration(tmp_path, {APP: SYNC.replace("(hass", "(self, hass")}, domain="other")
    runner = CliRunner()
    result = runner.invoke(
        cli, ["check", "--no-cache", "--output-format", "concise", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "DC000" in result.output
    assert ISSUES_URL in result.output
    assert "DC205" in result.output
    # --fix: the crash is reported, the other fixes are still made.
    result = runner.invoke(cli, ["check", "--fix", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2
    assert "(self, hass" not in (tmp_path / "custom_components" / "other" / APP).read_text()


def test_a_crashing_fixer_changes_nothing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from devcreds_lint.fixing import rounds as fixes

    def crash(text: str, edits: object) -> str:
        raise ValueError("simulated bug in a fix")

    monkeypatch.setattr(fixes, "apply_edits", crash)
    folder = make_integration(tmp_path, {APP: SYNC})
    before = read_tree(folder)
    result = CliRunner().invoke(cli, ["check", "--fix", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2
    assert "--fix crashed on this integration (ValueError); nothing in it was changed" in (
        result.output
    )
    assert "DC203" in result.output  # the finding is still reported
    assert read_tree(folder) == before


def test_engine_never_raises_for_a_crashing_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_rule(monkeypatch)
    make_integration(tmp_path, {APP: SYNC})
    (integration,) = discovery.discover([str(tmp_path)], PROFILES).integrations
    found = check_integration(integration, CheckOptions())
    assert "DC000" in codes(found)


def test_write_tree_helper_round_trips_raw_bytes(tmp_path: Path) -> None:
    """The helpers the other tests rely on write text with surrogateescape, bytes as is."""
    write_tree(tmp_path, {"a.py": "x = '\udcff'\n", "b.py": b"\xff\x00"})
    assert (tmp_path / "a.py").read_bytes() == b"x = '\xff'\n"
    assert (tmp_path / "b.py").read_bytes() == b"\xff\x00"


# --- Open: these need small patches to files outside this test's scope (the issue #6
# report has them). strict: once a patch is in, its test passes and the marker must go.


def test_deep_string_annotation_is_not_a_crash(tmp_path: Path) -> None:
    """A string annotation is parsed on its own; nested deeply, it must not reach libcst."""
    deep = "(" * 5000 + "dict[str, str]" + ")" * 5000
    extra = (
        f'\n\nasync def async_get_description_placeholders(hass: HomeAssistant) -> "{deep}":\n'
        "    return {}\n"
    )
    make_integration(tmp_path, {APP: SYNC + extra})
    code, out, err = run("check", "--no-cache", "--output-format", "concise", str(tmp_path))
    assert code == 1, (code, err[-500:])  # -11 is a segfault in libcst's parser
    no_traceback(err)
    assert f"{APP}:{SYNC_LINE}:5: DC203" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipe_with_the_cache_on_is_not_a_hang(tmp_path: Path) -> None:
    folder = make_integration(tmp_path / "tree", {}, domain="fifo")
    os.mkfifo(folder / APP)
    code, out, _ = run(
        "check", "--cache-dir", str(tmp_path / "cache"), str(tmp_path / "tree"), timeout=10
    )
    assert code == 1
    assert "is not a regular file" in out


def test_stdin_that_is_not_utf8_is_dc900(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: SYNC})
    command = ["check", "--no-cache", "--stdin-filename", str(folder / APP), "-"]
    proc = subprocess.run(
        [sys.executable, "-m", "devcreds_lint", *command],
        input=SYNC.encode().replace(b"Return the", b"R\xe9turn the"),
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 1, proc.stderr
    assert b"DC900" in proc.stdout
    assert b"internal error" not in proc.stderr


def test_unreadable_folder_is_reported_by_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = make_integration(tmp_path, {APP: GOOD_SERVER}, domain="ok").parent / "vendor"
    locked.mkdir()
    _deny(monkeypatch, discovery, "scandir", locked.resolve())
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(tmp_path)])
    assert str(locked) in result.output
    assert result.exit_code == 1  # not "All checks passed!": a folder was not checked


def test_a_module_that_does_not_parse_has_no_unused_noqa(tmp_path: Path) -> None:
    """Where no rule could look, no noqa is unused: the only finding is the syntax error."""
    broken = SYNC + "x = 1  # noqa: DC209\n\ndef broken(:\n    pass\n"
    make_integration(tmp_path, {APP: broken})
    assert codes(check_paths(tmp_path)) == ["DC100"]


def _odd_names(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for name in ("new\nline", "esc\x1b[31mred", "tab\tname"):
        make_integration(tree, {APP: SYNC}, domain=name)
    with contextlib.suppress(OSError):  # not UTF-8 (Linux allows any bytes but / and NUL)
        make_integration(tree, {APP: SYNC}, domain="bad\udcffname")
    return tree


@pytest.mark.parametrize(
    "fmt",
    [
        "full",
        "concise",
        "json",
        "github",
        "junit",
        "sarif",
        "gitlab",
    ],
)
def test_odd_file_names_in_every_format(tmp_path: Path, fmt: str) -> None:
    """Control characters are shown escaped, never sent to the terminal; names that are not
    UTF-8 do not break a report."""
    tree = _odd_names(tmp_path)
    code, out, err = run("check", "--no-cache", "--output-format", fmt, "tree", cwd=tmp_path)
    assert code == 1, err
    no_traceback(err)
    assert "\x1b" not in out
    if fmt in ("full", "concise"):
        assert len([line for line in out.splitlines() if ": DC203 " in line]) == len(
            os.listdir(tree / "custom_components")
        )
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)


def test_odd_file_names_are_fixed(tmp_path: Path) -> None:
    tree = _odd_names(tmp_path)
    code, _, err = run("check", "--fix", "--no-cache", str(tree))
    assert code == 0, err
    for folder in (tree / "custom_components").iterdir():
        assert b"async def async_get" in (folder / APP).read_bytes()
