"""In-process checks of the language server's pieces the stdio scenarios cannot reach cheaply:
positions in each encoding, a failing handler."""

from __future__ import annotations

import pytest

pytest.importorskip("pygls")
pytest.importorskip("lsprotocol")


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", 9), ("utf-8", 12), ("utf-32", 8)],
)
def test_positions_in_each_encoding(encoding: str, expected: int) -> None:
    from devcreds_lint.lsp import LineIndex
    from devcreds_lint.model import Location

    # "x = '🚀é'" then the finding at code-point column 9 (1-based) on line 2, after a CRLF.
    index = LineIndex("first\r\nx = '\U0001f680\u00e9' + y\r\nlast")
    position = index.position(Location(2, 9), encoding)
    assert (position.line, position.character) == (1, expected)
    # past the end of a line or of the text: clamped, never an invalid position
    assert index.position(Location(1, 99), encoding).character == 5
    end = index.position(Location(9, 1), encoding)
    assert (end.line, end.character) == (2, 4)


class _Writer:
    def __init__(self) -> None:
        self.sent: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.sent.append(data)

    def close(self) -> None:
        pass


def test_a_failing_handler_is_logged_not_raised() -> None:
    from devcreds_lint.lsp import create_server

    server = create_server()
    writer = _Writer()
    server.protocol.set_writer(writer)

    def boom() -> str:
        raise RuntimeError("kaput")

    assert server.guarded("didOpen", boom, "fallback") == "fallback"
    sent = b"".join(writer.sent).decode("utf-8")
    assert "window/logMessage" in sent
    assert "RuntimeError: kaput" in sent
