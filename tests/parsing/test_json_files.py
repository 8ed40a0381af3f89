"""Hostile manifest.json and strings.json (issue #6): one clear finding about the broken file
(DC604/DC605/DC900), the platform module still checked, and --fix never rewrites them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devcreds_lint.rules.examples import GOOD_SERVER, MANIFEST_TEMPLATE
from tests.helpers import (
    check_paths,
    codes,
    make_integration,
    no_traceback,
    read_tree,
    run_cli,
    sync_fixed,
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
        assert after[platform] == sync_fixed(before[platform].encode()).decode()
