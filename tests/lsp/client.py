"""A minimal LSP client for the tests: the language server runs as a subprocess
(``python -m devcreds_lint server``) and the client speaks JSON-RPC with Content-Length framing
itself, so what is checked is the bytes a real client sees. Every read has a deadline: a hang
fails the test instead of blocking it. Also the small integrations the scenarios open."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DEADLINE = 20.0
REPO = Path(__file__).resolve().parents[2]


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
    return AuthorizationServer("https://acme-apis.io/\U0001f680", "http://acme-apis.io/token")
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
    return AuthorizationServer("https://acme-apis.io/a", "https://acme-apis.io/t")
'''


class Client:
    """A minimal LSP client: framing, requests with ids, notifications kept in order."""

    def __init__(
        self, cwd: Path, command: Sequence[str] = ("-m", "devcreds_lint", "server")
    ) -> None:
        """Start the server: ``python`` with ``command`` as its arguments."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        self.proc = subprocess.Popen(
            [sys.executable, *command],
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


CAPABILITIES: dict[str, Any] = {
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
}


def initialize(client: Client, root: Path, encodings: list[str]) -> dict[str, Any]:
    """``initialize`` (offering ``encodings``) and ``initialized``; the server's answer."""
    init = client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "capabilities": {"general": {"positionEncodings": encodings}, **CAPABILITIES},
        },
    )
    client.notify("initialized", {})
    return dict(init)


def stop(client: Client) -> None:
    if client.proc.poll() is None:
        client.proc.kill()
        client.proc.wait(timeout=DEADLINE)
