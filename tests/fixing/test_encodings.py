"""--fix and encodings (issue #6): never rewrite what cannot be decoded; keep the BOM, each
line's own ending, tabs and a missing final newline; a crashing fixer changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from devcreds_lint.cli import cli
from devcreds_lint.rules.examples import GOOD_SERVER, MANIFEST_TEMPLATE
from tests.helpers import (
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
    assert (folder / APP).read_bytes() == sync_fixed(content)


def test_inserted_lines_take_the_file_s_line_ending(tmp_path: Path) -> None:
    text = SYNC.replace("from homeassistant.core import HomeAssistant\n", "")
    folder = make_integration(tmp_path, {APP: text.replace("\n", "\r\n")})
    code, _, err = run("check", "--fix", "--no-cache", str(tmp_path))
    assert code == 0, err
    data = (folder / APP).read_bytes()
    assert b"import HomeAssistant\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


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
