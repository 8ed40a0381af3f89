"""The editor workflows of docs/editors.md at the protocol level: the DC101 rename for a client
that declares only ``resourceOperations`` (Neovim), fix-on-save through
``textDocument/willSaveWaitUntil`` (opt-in), re-checking when a configuration or sibling file
changes (``workspace/didChangeWatchedFiles``, ``didSave`` of a toml buffer), and a start-up
that does not import the checking engine. tests/lsp/test_neovim.py drives the same workflows
through a real Neovim.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")
pytest.importorskip("lsprotocol")

from tests.lsp.client import REPO, Client, integration, open_doc, stop

# 0-based line 5: DC203 (a sync hook); no other finding.
PLATFORM = '''"""Demo credentials."""
from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the server."""
    return AuthorizationServer(
        authorize_url="https://login.demo-cloud.net/authorize",
        token_url="https://login.demo-cloud.net/token",
    )
'''
FIXED = PLATFORM.replace("def async_get", "async def async_get")

NEOVIM_0_11 = {  # what Neovim 0.11 on Linux declares (no documentChanges, no watching)
    "workspace": {
        "workspaceEdit": {"resourceOperations": ["rename", "create", "delete"]},
        "didChangeWatchedFiles": {"dynamicRegistration": False, "relativePatternSupport": True},
    },
    "textDocument": {
        "synchronization": {"didSave": True, "willSave": True, "willSaveWaitUntil": True},
        "codeAction": {
            "codeActionLiteralSupport": {
                "codeActionKind": {"valueSet": ["quickfix", "source.fixAll"]}
            }
        },
    },
}
WATCHING = {
    **NEOVIM_0_11,
    "workspace": {
        **NEOVIM_0_11["workspace"],
        "didChangeWatchedFiles": {"dynamicRegistration": True},
    },
}


class Editor:
    def __init__(self, root: Path, capabilities: dict[str, Any], options: Any = None) -> None:
        self.root = root
        self.client = Client(root)
        params: dict[str, Any] = {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "capabilities": capabilities,
        }
        if options is not None:
            params["initializationOptions"] = options
        self.init = self.client.request("initialize", params)
        self.client.notify("initialized", {})

    def open_platform(self, name: str, file_name: str = "application_credentials.py") -> Path:
        path = integration(self.root, name, file_name, PLATFORM)
        open_doc(self.client, path, PLATFORM)
        return path

    def codes(self, path: Path, version: int | None = None) -> list[str]:
        return sorted(d["code"] for d in self.client.diagnostics(path.as_uri(), version))

    def registrations(self) -> list[dict[str, Any]]:
        return [
            registration
            for message in self.client.pending
            if message.get("method") == "client/registerCapability"
            for registration in message["params"]["registrations"]
        ]


@pytest.fixture
def editor_factory(tmp_path: Path) -> Iterator[Any]:
    started: list[Editor] = []

    def make(capabilities: dict[str, Any], options: Any = None) -> Editor:
        root = tmp_path / f"ws{len(started)}"
        root.mkdir()
        editor = Editor(root, capabilities, options)
        started.append(editor)
        return editor

    try:
        yield make
    finally:
        for editor in started:
            stop(editor.client)


# --- 1. the DC101 rename ------------------------------------------------------------------


def rename_actions(editor: Editor, path: Path) -> list[dict[str, Any]]:
    (found,) = editor.client.diagnostics(path.as_uri(), version=1)
    assert found["code"] == "DC101"
    actions = editor.client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": path.as_uri()},
            "range": found["range"],
            "context": {"diagnostics": [found], "only": ["quickfix"]},
        },
    )
    return [a for a in actions if "(DC101)" in a["title"]]


CLEAN = FIXED


def test_rename_offered_to_a_client_with_resource_operations_only(editor_factory: Any) -> None:
    """Neovim declares resourceOperations ["rename"] but not documentChanges: the rename is
    offered, as documentChanges, with options an old Neovim does not misread."""
    editor = editor_factory(NEOVIM_0_11)
    path = integration(editor.root, "typo", "application_credential.py", CLEAN)
    open_doc(editor.client, path, CLEAN)
    (action,) = rename_actions(editor, path)
    (rename,) = action["edit"]["documentChanges"]
    assert rename == {
        "kind": "rename",
        "oldUri": path.as_uri(),
        "newUri": path.with_name("application_credentials.py").as_uri(),
        "options": {"overwrite": False},
    }


def test_rename_never_offered_over_an_existing_file(editor_factory: Any) -> None:
    """The no-clobber guarantee is the server's: with no `ignoreIfExists` in the options, the
    rename is not offered once the target exists (here: created after the finding)."""
    editor = editor_factory(NEOVIM_0_11)
    path = integration(editor.root, "taken", "application_credential.py", CLEAN)
    open_doc(editor.client, path, CLEAN)
    assert len(rename_actions(editor, path)) == 1
    path.with_name("application_credentials.py").write_text("# mine\n", encoding="utf-8")
    found = {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}}
    actions = editor.client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": path.as_uri()},
            "range": found["range"],
            "context": {"diagnostics": [], "only": ["quickfix"]},
        },
    )
    assert not [a for a in actions or [] if "(DC101)" in a["title"]]


def test_rename_not_offered_to_a_client_that_cannot_rename(editor_factory: Any) -> None:
    no_rename = {**NEOVIM_0_11, "workspace": {"workspaceEdit": {"documentChanges": True}}}
    editor = editor_factory(no_rename)
    path = integration(editor.root, "typo", "application_credential.py", CLEAN)
    open_doc(editor.client, path, CLEAN)
    assert rename_actions(editor, path) == []


# --- 2. fix on save -------------------------------------------------------------------------


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply LSP text edits (UTF-16 positions; the texts here are ASCII) to ``text``."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: dict[str, int]) -> int:
        return starts[position["line"]] + position["character"]

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        begin, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:begin] + edit["newText"] + text[end:]
    return text


def will_save(editor: Editor, path: Path, reason: int = 1) -> Any:
    return editor.client.request(
        "textDocument/willSaveWaitUntil",
        {"textDocument": {"uri": path.as_uri()}, "reason": reason},
    )


def test_fix_on_save_is_off_by_default(editor_factory: Any) -> None:
    """A client that sends willSaveWaitUntil to any server advertising it (VS Code) must not
    get its files rewritten on save unless the user asked for it."""
    editor = editor_factory(NEOVIM_0_11)
    sync = editor.init["capabilities"]["textDocumentSync"]
    assert not sync.get("willSaveWaitUntil")


def test_fix_on_save_answers_the_safe_fixes_when_opted_in(editor_factory: Any) -> None:
    editor = editor_factory(NEOVIM_0_11, {"fixOnSave": True})
    assert editor.init["capabilities"]["textDocumentSync"]["willSaveWaitUntil"] is True
    path = editor.open_platform("fixme")
    assert editor.codes(path, version=1) == ["DC203"]
    edits = will_save(editor, path)
    assert apply_edits(PLATFORM, edits) == FIXED
    # only the changed line is replaced, not the whole text
    (edit,) = edits
    assert edit["range"]["start"]["line"] == edit["range"]["end"]["line"] - 1 == 5
    # auto-save after a delay (while typing) does not rewrite the buffer
    assert will_save(editor, path, reason=2) == []


def test_fix_on_save_with_nothing_to_fix(editor_factory: Any) -> None:
    editor = editor_factory(NEOVIM_0_11, {"fixOnSave": True})
    path = integration(editor.root, "clean", "application_credentials.py", FIXED)
    open_doc(editor.client, path, FIXED)
    assert editor.codes(path, version=1) == []
    assert will_save(editor, path) == []


@pytest.mark.parametrize("options", [{"fixOnSave": "yes"}, {"fixOnSave": 1}, ["fixOnSave"]])
def test_fix_on_save_needs_a_literal_true(editor_factory: Any, options: Any) -> None:
    editor = editor_factory(NEOVIM_0_11, options)
    assert not editor.init["capabilities"]["textDocumentSync"].get("willSaveWaitUntil")


# --- 3. configuration and sibling files -------------------------------------------------------


def test_watchers_registered_when_the_client_can_watch(editor_factory: Any) -> None:
    editor = editor_factory(WATCHING)
    path = editor.open_platform("watched")
    editor.codes(path, version=1)  # the registration is sent before the first diagnostics
    (registration,) = editor.registrations()
    assert registration["method"] == "workspace/didChangeWatchedFiles"
    globs = {w["globPattern"] for w in registration["registerOptions"]["watchers"]}
    for name in (
        "pyproject.toml",
        ".devcreds-lint.toml",
        ".gitignore",
        "manifest.json",
        "strings.json",
        "translations/en.json",
        "config_flow.py",
        "const.py",
        "__init__.py",
        "application_credentials.py",
    ):
        assert f"**/{name}" in globs
    # the integration folders, for clients that watch only matching folders (Neovim, Linux)
    assert "**/*components/*" in globs
    # every module of an integration, sub-packages too (the flow facts follow imports there)
    assert "**/*components/*/**" in globs


def test_no_watchers_registered_without_dynamic_registration(editor_factory: Any) -> None:
    editor = editor_factory(NEOVIM_0_11)
    path = editor.open_platform("unwatched")
    editor.codes(path, version=1)
    assert editor.registrations() == []


def changed(editor: Editor, path: Path, kind: int = 2) -> None:
    editor.client.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": path.as_uri(), "type": kind}]}
    )


def test_configuration_change_on_disk_rechecks_open_files(editor_factory: Any) -> None:
    editor = editor_factory(WATCHING)
    path = editor.open_platform("configured")
    assert editor.codes(path, version=1) == ["DC203"]
    pyproject = editor.root / "pyproject.toml"
    pyproject.write_text('[tool.devcreds-lint]\nignore = ["DC203"]\n', encoding="utf-8")
    changed(editor, pyproject, kind=1)
    assert editor.codes(path) == []


def test_bad_configuration_on_disk_is_reported_at_once(editor_factory: Any) -> None:
    editor = editor_factory(WATCHING)
    path = editor.open_platform("badconfig")
    editor.codes(path, version=1)
    config = editor.root / ".devcreds-lint.toml"
    config.write_text('no-such-key = "x"\n', encoding="utf-8")
    changed(editor, config, kind=1)
    shown = editor.client.wait_for("window/showMessage", lambda p: p["type"] == 1)
    assert ".devcreds-lint.toml" in shown["message"]
    assert "no-such-key" in shown["message"]


def test_sibling_file_change_on_disk_rechecks_its_integration(editor_factory: Any) -> None:
    editor = editor_factory(WATCHING)
    path = editor.open_platform("sibling")
    assert editor.codes(path, version=1) == ["DC203"]
    manifest = path.with_name("manifest.json")
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('["application_credentials"]', "[]"),
        encoding="utf-8",
    )
    changed(editor, manifest)
    found = editor.client.diagnostics(manifest.as_uri())
    assert [d["code"] for d in found] == ["DC601"]


HANDLER = """from homeassistant.helpers import config_entry_oauth2_flow

from ..const import DOMAIN


class Registered(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    \"\"\"The registered flow, kept in a sub-package.\"\"\"
"""

FLOW_USING_IT = """from homeassistant.helpers import config_entry_oauth2_flow

from .flows.handler import Registered


class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):
    \"\"\"Registered through the imported handler.\"\"\"

    REGISTERED = Registered
"""


def test_a_sub_package_module_changed_on_disk_rechecks_its_integration(
    editor_factory: Any,
) -> None:
    """The flow facts follow ``config_flow.py``'s imports into the integration's own modules,
    sub-packages too: when ``flows/handler.py`` stops registering the flow, DC608 appears on
    ``config_flow.py`` without any edit in the editor."""
    editor = editor_factory(WATCHING)
    path = editor.open_platform("subpackage")
    assert editor.codes(path, version=1) == ["DC203"]
    folder = path.parent
    (folder / "const.py").write_text('DOMAIN = "subpackage"\n', encoding="utf-8")
    (folder / "flows").mkdir()
    (folder / "flows" / "__init__.py").write_text("", encoding="utf-8")
    handler = folder / "flows" / "handler.py"
    handler.write_text(HANDLER, encoding="utf-8")
    flow = folder / "config_flow.py"
    flow.write_text(FLOW_USING_IT, encoding="utf-8")
    changed(editor, flow, kind=1)
    assert editor.codes(path) == ["DC203"]
    handler.write_text(HANDLER.replace(", domain=DOMAIN", ""), encoding="utf-8")
    changed(editor, handler)
    assert [d["code"] for d in editor.client.diagnostics(flow.as_uri())] == ["DC608"]


def test_saving_a_toml_buffer_rechecks_open_files(editor_factory: Any) -> None:
    """A client that attaches the server to toml buffers (the documented Neovim set-up)."""
    editor = editor_factory(NEOVIM_0_11)
    path = editor.open_platform("tomlsave")
    assert editor.codes(path, version=1) == ["DC203"]
    pyproject = editor.root / "pyproject.toml"
    text = '[tool.devcreds-lint]\nignore = ["DC203"]\n'
    open_doc(editor.client, pyproject, "", "toml")
    editor.client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": pyproject.as_uri(), "version": 2},
            "contentChanges": [{"text": text}],
        },
    )
    pyproject.write_text(text, encoding="utf-8")
    editor.client.notify("textDocument/didSave", {"textDocument": {"uri": pyproject.as_uri()}})
    assert editor.codes(path) == []


# --- 5. start-up ----------------------------------------------------------------------------


def test_server_module_does_not_import_the_engine() -> None:
    """Start-up is the import of pygls and lsprotocol; libcst comes with the first check."""
    code = "import sys, devcreds_lint.lsp; print(sorted(m for m in ('libcst', 'devcreds_lint.engine') if m in sys.modules))"
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert out.strip() == "[]"
