"""Hostile platform modules (issue #6): bad encodings, syntax errors, new syntax, deep nesting
and sizes get a clear finding (DC100/DC900) in bounded time, the rest is still checked, and
--fix never damages what it cannot parse.

Cases that could kill the interpreter (deep nesting reaching libcst's native parser) run
the real command line in a subprocess, so a regression fails a test instead of the session.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from devcreds_lint.model import Diagnostic
from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import (
    ROOT,
    check_paths,
    codes,
    make_integration,
    no_traceback,
    read_tree,
    run_cli,
)

APP = "application_credentials.py"
DEV = "developer_credentials.py"
# A valid module whose one defect is a sync hook (DC203 at line 7, fixed by adding `async `).
SYNC = GOOD_SERVER.replace("async def", "def")
SYNC_LINE = 7


def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> tuple[int, str, str]:
    """The real entry point in a subprocess: exit codes and stderr exactly as users see (output
    decoded with errors="replace": some of these cases print names that are not UTF-8)."""
    return run_cli(*args, cwd=cwd, timeout=timeout, errors="replace")


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
        f"example{os.sep}{APP}:1:1: DC900 error: {APP}: file is {len(SYNC)} bytes, over the 300-byte limit"
        in out
    )
    assert f"small{os.sep}{APP}:1:1: DC201 error:" in out
    # A sibling over the limit is not used either.
    assert f"small{os.sep}config_flow.py:1:1: DC900 error: config_flow.py: file is" in out
    before = read_tree(folder)
    run("check", "--fix", "--no-cache", str(tmp_path))
    assert read_tree(folder) == before


@pytest.mark.skipif("x\U00013441".isidentifier(), reason="this Python reads U+13441 in names")
@pytest.mark.parametrize("text", ["x\U00013441 = 1\n", "\U00013441\n"])
def test_a_name_this_python_cannot_read_is_dc100_at_1_1(tmp_path: Path, text: str) -> None:
    """Python 3.11 does not know U+13441 as an identifier character (3.12 does); libcst
    raised CSTValidationError, and the run ended with "internal error" (issue 16)."""
    make_integration(tmp_path, {APP: GOOD_SERVER + text})
    found = [d for d in check_paths(tmp_path) if d.code in ("DC000", "DC100")]
    assert [(d.code, d.start.row, d.start.column) for d in found] == [("DC100", 1, 1)]
    assert "the running Python" in found[0].message


def test_any_libcst_error_for_one_file_is_dc100(tmp_path: Path, monkeypatch: Any) -> None:
    import libcst

    def refuse(text: str, *args: object, **kwargs: object) -> libcst.Module:
        raise libcst.CSTValidationError("Name 'x' is not a valid identifier.")

    monkeypatch.setattr(libcst, "parse_module", refuse)
    make_integration(tmp_path, {APP: GOOD_SERVER.replace("Example", "Example 1")})
    found = [d for d in check_paths(tmp_path) if d.code in ("DC000", "DC100")]
    assert [(d.code, d.start.row, d.start.column) for d in found] == [("DC100", 1, 1)]
    assert "cannot read a name in this module (Name 'x' is not a valid identifier.)" in (
        found[0].message
    )


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("def async_get_authorization_server(:  # noqa\n", "DC100"),
        ("def async_get_authorization_server(:  # noqa: DC100\n", "DC100"),
        ("from homeassistant.components.application_credentials.X  # noqa\n", "DC102"),
    ],
)
def test_a_noqa_on_the_line_never_hides_a_module_that_does_not_parse(
    line: str, code: str, tmp_path: Path
) -> None:
    """As Ruff: the comments of a file that does not parse cannot be trusted, and a hidden
    parse failure would leave the module with no finding (Hypothesis found the bare case)."""
    folder = make_integration(tmp_path, {"application_credentials.py": GOOD_SERVER + line})
    assert code in {d.code for d in check_paths(folder)}
    # A file-level directive is deliberate, and still applies.
    make_integration(
        tmp_path / "b",
        {"application_credentials.py": f"# devcreds-lint: noqa: {code}\n" + GOOD_SERVER + line},
    )
    assert code not in {d.code for d in check_paths(tmp_path / "b")}
