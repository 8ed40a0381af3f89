"""read_bytes: reads what a file holds up to the limit, whatever its size claims to be."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devcreds_lint.parsing.reading import Unreadable, read_bytes


def test_a_small_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "const.py"
    path.write_bytes(b'DOMAIN = "acme"\n')
    assert read_bytes(str(path)) == b'DOMAIN = "acme"\n'


def test_the_limit_holds(tmp_path: Path) -> None:
    path = tmp_path / "const.py"
    path.write_bytes(b"x" * 101)
    assert isinstance(read_bytes(str(path), max_bytes=100), Unreadable)
    path.write_bytes(b"x" * 100)
    assert read_bytes(str(path), max_bytes=100) == b"x" * 100


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_a_file_longer_than_its_size_says_is_read_on() -> None:
    # /proc files are regular files whose size reads as 0: the text is all there is.
    raw = read_bytes("/proc/self/status")
    assert isinstance(raw, bytes)
    assert b"Name:" in raw and raw.endswith(b"\n") and len(raw) > 100
    assert isinstance(read_bytes("/proc/self/status", max_bytes=10), Unreadable)
