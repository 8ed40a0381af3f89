"""The language server, driven over stdio the way an editor drives it, one scenario per test.

One server (``python -m devcreds_lint server``, see ``client.py``) serves the scenarios of this
module: each opens its own integration, so none sees another's buffers, and every wait matches
its own document URI (and version). The scenarios that need a server of their own (another
position encoding, shutdown) start one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")
pytest.importorskip("lsprotocol")

from tests.lsp.client import (
    BROKEN,
    CLEAN_PLATFORM,
    DEADLINE,
    FIXED,
    MANIFEST,
    SAFE_FIXED,
    Client,
    by_code,
    initialize,
    integration,
    only_edit,
    open_doc,
    stop,
)


@dataclass
class Server:
    client: Client
    init: dict[str, Any]
    root: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the module, initialized as an editor offering UTF-16."""
    root = tmp_path_factory.mktemp("lsp")
    client = Client(root)
    try:
        yield Server(client, initialize(client, root, ["utf-16"]), root)
    finally:
        stop(client)


def open_broken(server: Server, name: str) -> tuple[Path, str, dict[str, dict[str, Any]]]:
    """Open the broken platform module of a new integration ``name``: (path, uri, findings)."""
    platform = integration(server.root, name, "application_credentials.py", BROKEN)
    uri = open_doc(server.client, platform, BROKEN)
    return platform, uri, by_code(server.client.diagnostics(uri, version=1))


def test_initialize_negotiates_utf16_and_offers_fix_all(server: Server) -> None:
    assert server.init["capabilities"]["positionEncoding"] == "utf-16"
    assert (
        "source.fixAll.devcreds-lint"
        in server.init["capabilities"]["codeActionProvider"]["codeActionKinds"]
    )


@pytest.mark.parametrize(
    "command",
    [
        # The entry point's fast path (launch.py), as the console script runs it.
        ("-m", "devcreds_lint", "server", "--stdio"),
        # The command line's `server` command (click), which a longer command line reaches.
        ("-c", "from devcreds_lint.cli import main; main()", "server", "--stdio"),
    ],
    ids=["entry-point", "command-line"],
)
def test_server_accepts_stdio_flag(tmp_path: Path, command: tuple[str, ...]) -> None:
    """vscode-languageclient appends ``--stdio`` to the server's command line."""
    client = Client(tmp_path, command)
    try:
        init = initialize(client, tmp_path, ["utf-16"])
        assert (
            "source.fixAll.devcreds-lint"
            in init["capabilities"]["codeActionProvider"]["codeActionKinds"]
        )
        platform = integration(tmp_path, "stdio", "application_credentials.py", BROKEN)
        uri = open_doc(client, platform, BROKEN)
        assert "DC203" in by_code(client.diagnostics(uri, version=1))
    finally:
        stop(client)


def test_open_publishes_diagnostics_with_utf16_columns(server: Server) -> None:
    """A broken platform module: diagnostics, 0-based, UTF-16 columns."""
    _, _, found = open_broken(server, "acme")
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


def test_quick_fix_in_the_requested_range(server: Server) -> None:
    _, uri, found = open_broken(server, "quickfix")
    sync = found["DC203"]
    actions = server.client.request(
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


def test_unsafe_quick_fix_is_offered_but_not_preferred(server: Server) -> None:
    _, uri, found = open_broken(server, "unsafe")
    insecure = found["DC305"]
    actions = server.client.request(
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
    assert edits[0]["newText"] == '"https://acme-apis.io/token"'


def test_fix_all_applies_the_safe_fixes_as_one_edit(server: Server) -> None:
    _, uri, _ = open_broken(server, "fixall")
    actions = server.client.request(
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


def test_change_checks_the_unsaved_buffer(server: Server) -> None:
    """The unsaved buffer is what is checked: fixed text clears the diagnostics."""
    _, uri, found = open_broken(server, "changed")
    assert found
    server.client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": FIXED}]},
    )
    assert server.client.diagnostics(uri, version=2) == []


def test_close_clears_the_diagnostics(server: Server) -> None:
    _, uri, found = open_broken(server, "closed")
    assert found
    server.client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert server.client.diagnostics(uri) == []


def test_manifest_buffer_gets_its_own_findings(server: Server) -> None:
    """manifest.json of an integration gets its own findings, from its unsaved buffer."""
    platform, _, _ = open_broken(server, "withmanifest")
    client = server.client
    manifest = platform.parent / "manifest.json"
    broken_manifest = MANIFEST.replace("acme", "withmanifest").replace(
        '["application_credentials"]', '["http"]'
    )
    manifest_uri = open_doc(client, manifest, broken_manifest, "json")
    assert [d["code"] for d in client.diagnostics(manifest_uri, version=1)] == ["DC601"]
    client.notify("textDocument/didClose", {"textDocument": {"uri": manifest_uri}})
    assert client.diagnostics(manifest_uri) == []


def open_misspelled(server: Server, name: str) -> tuple[Path, str, dict[str, Any]]:
    misspelled = integration(server.root, name, "application_credential.py", CLEAN_PLATFORM)
    uri = open_doc(server.client, misspelled, CLEAN_PLATFORM)
    (rename_diag,) = server.client.diagnostics(uri, version=1)
    return misspelled, uri, rename_diag


def test_rename_action_for_a_misspelled_platform_file(server: Server) -> None:
    """DC101: renaming a misspelled platform file, never over another file."""
    misspelled, typo_uri, rename_diag = open_misspelled(server, "typo")
    assert rename_diag["code"] == "DC101"
    assert rename_diag["range"]["start"] == {"line": 0, "character": 0}
    actions = server.client.request(
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
            "options": {"overwrite": False},
        }
    ]


def test_bad_configuration_is_shown_never_fatal(server: Server) -> None:
    """A bad configuration is shown, never fatal, and publishes nothing."""
    client = server.client
    _, typo_uri, _ = open_misspelled(server, "typo_badcfg")
    bad = integration(server.root / "badcfg", "acme", "application_credentials.py", BROKEN)
    (server.root / "badcfg" / ".devcreds-lint.toml").write_text("bogus-key = 1\n", encoding="utf-8")
    open_doc(client, bad, BROKEN)
    shown = client.wait_for("window/showMessage", lambda p: "bogus-key" in p["message"])
    assert shown["type"] == 1

    # the server is still alive and answers: the file's rename is offered anywhere in it
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": typo_uri},
            "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
            "context": {"diagnostics": []},
        },
    )
    assert [a["title"] for a in actions] == ["Rename to `application_credentials.py` (DC101)"]
    assert not any(
        m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == bad.as_uri()
        for m in client.pending
    )


# -- scenarios with a server of their own ----------------------------------------------------


@pytest.fixture
def own_client(tmp_path: Path) -> Iterator[Client]:
    client = Client(tmp_path)
    try:
        yield client
    finally:
        stop(client)


def test_utf8_position_encoding_when_the_client_offers_it(
    own_client: Client, tmp_path: Path
) -> None:
    init = initialize(own_client, tmp_path, ["utf-8", "utf-16"])
    assert init["capabilities"]["positionEncoding"] == "utf-8"
    platform = integration(tmp_path, "acme", "application_credentials.py", BROKEN)
    uri = open_doc(own_client, platform, BROKEN)
    insecure = by_code(own_client.diagnostics(uri, version=1))["DC305"]
    line = BROKEN.splitlines()[7]
    column = line.index('"http://')  # 0-based, in code points
    start = insecure["range"]["start"]
    # The rocket before the URL is 4 UTF-8 bytes: 3 more than its one code point.
    assert start == {"line": 7, "character": column + 3}
    assert start["character"] == len(line[:column].encode("utf-8"))
    assert line.encode("utf-8")[start["character"] :].decode("utf-8").startswith('"http://')


def test_shutdown_and_exit(own_client: Client, tmp_path: Path) -> None:
    initialize(own_client, tmp_path, ["utf-16"])
    platform = integration(tmp_path, "acme", "application_credentials.py", BROKEN)
    uri = open_doc(own_client, platform, BROKEN)
    assert by_code(own_client.diagnostics(uri, version=1))
    assert own_client.request("shutdown", None) is None
    own_client.notify("exit")
    assert own_client.proc.wait(timeout=DEADLINE) == 0


def test_a_change_to_a_document_never_opened_is_ignored(tmp_path: Path) -> None:
    """A client's bug (or a change racing didClose): no "Error in server: KeyError" shown to
    the user, and the server goes on."""
    client = Client(tmp_path)
    try:
        initialize(client, tmp_path, ["utf-16"])
        platform = integration(tmp_path, "acme", "application_credentials.py", BROKEN)
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": platform.as_uri(), "version": 2},
                "contentChanges": [{"text": BROKEN}],
            },
        )
        uri = open_doc(client, platform, BROKEN)
        assert "DC203" in {d["code"] for d in client.diagnostics(uri, version=1)}
        client.request("shutdown", None)
        shown = [m for m in client.pending if m.get("method") == "window/showMessage"]
        assert not shown, shown
        assert "KeyError" not in b"".join(client.stderr).decode()
    finally:
        stop(client)
