"""The helpers the other tests rely on."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import write_tree


def test_write_tree_helper_round_trips_raw_bytes(tmp_path: Path) -> None:
    """The helpers the other tests rely on write text with surrogateescape, bytes as is."""
    write_tree(tmp_path, {"a.py": "x = '\udcff'\n", "b.py": b"\xff\x00"})
    assert (tmp_path / "a.py").read_bytes() == b"x = '\xff'\n"
    assert (tmp_path / "b.py").read_bytes() == b"\xff\x00"
