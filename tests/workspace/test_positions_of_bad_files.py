"""DC604 and DC900 are placed where the problem is, as their messages say (issue 16 point 9)."""

from __future__ import annotations

from pathlib import Path

from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import check_paths, make_integration

APP = "application_credentials.py"


def test_dc604_is_at_the_json_error(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: GOOD_SERVER})
    (folder / "manifest.json").write_text('{\n  "domain": "example",\n}\n', encoding="utf-8")
    (found,) = [d for d in check_paths(folder) if d.code == "DC604"]
    assert "line 3 column 1" in found.message
    assert (found.start.row, found.start.column) == (3, 1)


def test_dc900_is_at_the_byte_that_is_not_utf8(tmp_path: Path) -> None:
    # Line 2 starts at byte 7 (after CRLF); `é` takes two bytes and one column.
    folder = make_integration(tmp_path, {APP: "x = 1\r\ny = 'é".encode() + b"\xff'\n"})
    (found,) = [d for d in check_paths(folder) if d.code == "DC900"]
    assert "byte 14" in found.message
    assert (found.start.row, found.start.column) == (2, 7)


def test_dc900_is_at_the_first_nul_byte(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: b"x = 1\ny = 2\x00\n"})
    (found,) = [d for d in check_paths(folder) if d.code == "DC900"]
    assert (found.start.row, found.start.column) == (2, 6)
