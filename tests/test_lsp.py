"""The language server, driven over stdio the way an editor drives it.

`python -m devcreds_lint server` runs as a subprocess; the test speaks JSON-RPC with
Content-Length framing itself, so what is checked is the bytes a real client sees. Every read
has a deadline: a hang fails the test instead of blocking it.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")
pytest.importorskip("lsprotocol")

DEADLINE = 20.0
REPO = Path(__file__).resolve().parent.parent

MANIFEST = """{
  "domain": "acme",
  "name": "Acme",
  "config_flow": true,
  "dependencies": ["application_credentials"],
  "version": "1.0.0"
}
"""
CONFIG_FLOW = '''"""Config flow."""
from homeassistant.helpers import config_entry_oauth2_flow


class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain="acme"):
    """Link an account."""
'''
# Line 8 (0-based 7) has a non-BMP character before the http:// URL: column 58 in code
# points is character 58 (0-based) in UTF-16, because the rocket takes two code units.
BROKEN = '''"""Acme credentials."""
from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the server."""
    return AuthorizationServer("https://acme.example/\U0001f680", "http://acme.example/token")
'''
FIXED = BROKEN.replace("def async_get", "async def async_get").replace(
    "http://acme", "https://acme"
)
SAFE_FIXED = BROKEN.replace("def async_get", "async def async_get")
CLEAN_PLATFORM = '''"""Platform."""
from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the server."""
    return AuthorizationServer("https://acme.example/a", "https://acme.example/t")
'''


class Client:
    """A minimal LSP client: framing, requests with ids, notifications kept in order."""

    def __init__(self, cwd: Path) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "devcreds_lint", "server"],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.pending: list[dict[str, Any]] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        # Drain stderr so a chatty server can never block on a full pipe.
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.stderr: list[bytes] = []

    def _drain_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line)

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            assert length is not None, "a message without Content-Length"
            body = stream.read(length)
            self.inbox.put(json.loads(body.decode("utf-8")))

    def send(self, message: dict[str, Any]) -> None:
        message = {"jsonrpc": "2.0", **message}
        body = json.dumps(message).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any] | None = None) -> None:
        self.send(
            {"method": method, "params": params} if params is not None else {"method": method}
        )

    def _next(self, deadline: float) -> dict[str, Any]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError("timed out waiting for the server")
        try:
            message = self.inbox.get(timeout=remaining)
        except queue.Empty:
            raise AssertionError(
                "timed out waiting for the server; stderr:\n" + b"".join(self.stderr).decode()
            ) from None
        if message is None:
            raise AssertionError(
                "the server closed its output; stderr:\n" + b"".join(self.stderr).decode()
            )
        if "method" in message and "id" in message:  # a request from the server
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + DEADLINE
        while True:
            message = self._next(deadline)
            if message.get("id") == ident and "method" not in message:
                assert "error" not in message, message["error"]
                return message.get("result")
            self.pending.append(message)

    def wait_for(self, method: str, match: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        for index, message in enumerate(self.pending):
            if message.get("method") == method and match(message["params"]):
                del self.pending[index]
                return dict(message["params"])
        deadline = time.monotonic() + DEADLINE
        while True:
            message = self._next(deadline)
            if message.get("method") == method and match(message["params"]):
                return dict(message["params"])
            self.pending.append(message)

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict[str, Any]]:
        def match(params: dict[str, Any]) -> bool:
            return params["uri"] == uri and (version is None or params.get("version") == version)

        return list(self.wait_for("textDocument/publishDiagnostics", match)["diagnostics"])


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    lsp = Client(tmp_path)
    try:
        yield lsp
    finally:
        if lsp.proc.poll() is None:
            lsp.proc.kill()
            lsp.proc.wait(timeout=DEADLINE)


def integration(root: Path, name: str, platform_name: str, platform: str) -> Path:
    folder = root / "custom_components" / name
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(MANIFEST.replace("acme", name), encoding="utf-8")
    (folder / "config_flow.py").write_text(CONFIG_FLOW, encoding="utf-8")
    (folder / "__init__.py").write_text('"""Init."""\n', encoding="utf-8")
    (folder / platform_name).write_text(platform, encoding="utf-8")
    return folder / platform_name


def open_doc(client: Client, path: Path, text: str, language: str = "python") -> str:
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
    )
    return uri


def by_code(diagnostics: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {d["code"]: d for d in diagnostics}


def only_edit(action: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    changes = action["edit"]["documentChanges"]
    assert len(changes) == 1
    return changes[0]["textDocument"], changes[0]["edits"]


def test_language_server_over_stdio(client: Client, tmp_path: Path) -> None:
    init = client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": tmp_path.as_uri(),
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "workspace": {
                    "workspaceEdit": {
                        "documentChanges": True,
                        "resourceOperations": ["rename", "create", "delete"],
                    }
                },
                "textDocument": {
                    "codeAction": {
                        "codeActionLiteralSupport": {
                            "codeActionKind": {"valueSet": ["quickfix", "source.fixAll"]}
                        }
                    }
                },
            },
        },
    )
    assert init["capabilities"]["positionEncoding"] == "utf-16"
    assert (
        "source.fixAll.devcreds-lint"
        in init["capabilities"]["codeActionProvider"]["codeActionKinds"]
    )
    client.notify("initialized", {})

    # -- a broken platform module: diagnostics, 0-based, UTF-16 columns ------------------------
    platform = integration(tmp_path, "acme", "application_credentials.py", BROKEN)
    uri = open_doc(client, platform, BROKEN)
    found = by_code(client.diagnostics(uri, version=1))
    assert sorted(found) == ["DC203", "DC305"]
    sync = found["DC203"]
    assert sync["range"] == {
        "start": {"line": 5, "character": 4},
        "end": {"line": 5, "character": 34},
    }
    assert sync["severity"] == 1
    assert sync["source"] == "devcreds-lint"
    assert sync["codeDescription"]["href"].endswith("#dc203")
    insecure = found["DC305"]
    # Column 58 (1-based code points) after a non-BMP character: 57 + 1 UTF-16 code units.
    assert insecure["range"]["start"] == {"line": 7, "character": 58}
    assert insecure["range"]["end"] == {"line": 7, "character": 85}
    line = BROKEN.splitlines()[7]
    start = insecure["range"]["start"]["character"]
    assert line.encode("utf-16-le")[2 * start :].decode("utf-16-le").startswith('"http://')

    # -- quick fixes in the requested range --------------------------------------------------
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 5, "character": 10}, "end": {"line": 5, "character": 10}},
            "context": {"diagnostics": [sync], "only": ["quickfix"]},
        },
    )
    assert len(actions) == 1
    (add_async,) = actions
    assert add_async["kind"] == "quickfix"
    assert add_async["isPreferred"] is True
    assert add_async["diagnostics"][0]["code"] == "DC203"
    document, edits = only_edit(add_async)
    assert document == {"uri": uri, "version": 1}
    assert edits == [
        {
            "range": {"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 0}},
            "newText": "async ",
        }
    ]

    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": insecure["range"],
            "context": {"diagnostics": [insecure]},
        },
    )
    unsafe = [a for a in actions if a["kind"] == "quickfix"]
    assert len(unsafe) == 1
    assert "(unsafe)" in unsafe[0]["title"]
    assert unsafe[0]["isPreferred"] is False
    _, edits = only_edit(unsafe[0])
    assert edits[0]["range"] == insecure["range"]
    assert edits[0]["newText"] == '"https://acme.example/token"'

    # -- fix all: the safe fixes only, as one whole-document edit ----------------------------
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        },
    )
    assert [a["kind"] for a in actions] == ["source.fixAll.devcreds-lint"]
    _, edits = only_edit(actions[0])
    assert edits == [
        {
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 0}},
            "newText": SAFE_FIXED,
        }
    ]

    # -- the unsaved buffer is what is checked: fixed text clears the diagnostics -------------
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": FIXED}]},
    )
    assert client.diagnostics(uri, version=2) == []

    # manifest.json of the same integration gets its own findings, from its unsaved buffer
    manifest = platform.parent / "manifest.json"
    broken_manifest = MANIFEST.replace('["application_credentials"]', '["http"]')
    manifest_uri = open_doc(client, manifest, broken_manifest, "json")
    assert [d["code"] for d in client.diagnostics(manifest_uri, version=1)] == ["DC601"]
    client.notify("textDocument/didClose", {"textDocument": {"uri": manifest_uri}})
    assert client.diagnostics(manifest_uri) == []

    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []

    # -- DC101: renaming a misspelled platform file, never over another file ------------------
    misspelled = integration(tmp_path, "typo", "application_credential.py", CLEAN_PLATFORM)
    typo_uri = open_doc(client, misspelled, CLEAN_PLATFORM)
    (rename_diag,) = client.diagnostics(typo_uri, version=1)
    assert rename_diag["code"] == "DC101"
    assert rename_diag["range"]["start"] == {"line": 0, "character": 0}
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": typo_uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [rename_diag], "only": ["quickfix"]},
        },
    )
    assert len(actions) == 1
    assert actions[0]["isPreferred"] is True
    assert actions[0]["edit"]["documentChanges"] == [
        {
            "kind": "rename",
            "oldUri": typo_uri,
            "newUri": (misspelled.parent / "application_credentials.py").as_uri(),
            "options": {"overwrite": False, "ignoreIfExists": True},
        }
    ]

    # -- a bad configuration is shown, never fatal, and publishes nothing ---------------------
    bad = integration(tmp_path / "badcfg", "acme", "application_credentials.py", BROKEN)
    (tmp_path / "badcfg" / ".devcreds-lint.toml").write_text("bogus-key = 1\n", encoding="utf-8")
    open_doc(client, bad, BROKEN)
    shown = client.wait_for("window/showMessage", lambda p: "bogus-key" in p["message"])
    assert shown["type"] == 1

    # the server is still alive and answers
    assert (
        client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": typo_uri},
                "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
                "context": {"diagnostics": []},
            },
        )
        == []
    )
    assert not any(
        m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == bad.as_uri()
        for m in client.pending
    )

    assert client.request("shutdown", None) is None
    client.notify("exit")
    assert client.proc.wait(timeout=DEADLINE) == 0


# -- in-process checks of the pieces the stdio test cannot reach cheaply -------------------------


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
