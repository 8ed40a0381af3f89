"""The server: its class, the handlers of each message, and its start on stdio."""

from __future__ import annotations

import os
import sys
from typing import Any

from lsprotocol import types as lsp
from pygls.uris import to_fs_path

from devcreds_lint.lsp.actions import FIX_ALL_KIND, CodeActions
from devcreds_lint.lsp.documents import SETTINGS_FILES
from devcreds_lint.processes.checker import Checker


class DevcredsLanguageServer(CodeActions):
    """The language server (``devcreds-lint server``)."""


def _opted_in(options: Any, name: str) -> bool:
    """Whether ``initializationOptions`` set ``name`` to true (anything else: no)."""
    return isinstance(options, dict) and options.get(name) is True


def create_server(checker: Checker | None = None) -> DevcredsLanguageServer:
    server = DevcredsLanguageServer(checker)

    def path_of(uri: str) -> str | None:
        path = to_fs_path(uri)
        return os.path.normpath(path) if path is not None and uri.startswith("file:") else None

    def refresh(ls: DevcredsLanguageServer, uri: str) -> None:
        path = path_of(uri)
        if path is not None:
            ls.check_and_publish(path)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: DevcredsLanguageServer, params: lsp.InitializeParams) -> None:
        # pygls computes the server capabilities after this handler from the features
        # registered by then: willSaveWaitUntil is advertised only to a client that opted in.
        ls.fix_on_save = _opted_in(params.initialization_options, "fixOnSave")
        if ls.fix_on_save and lsp.TEXT_DOCUMENT_WILL_SAVE_WAIT_UNTIL not in ls.protocol.fm.features:

            @ls.feature(lsp.TEXT_DOCUMENT_WILL_SAVE_WAIT_UNTIL)
            def will_save_wait_until(
                ls: DevcredsLanguageServer, params: lsp.WillSaveTextDocumentParams
            ) -> list[lsp.TextEdit]:
                return ls.guarded("willSaveWaitUntil", lambda: ls.will_save_edits(params), [])

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: DevcredsLanguageServer, params: lsp.InitializedParams) -> None:
        ls.guarded("initialized", ls.register_watchers, None)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: DevcredsLanguageServer, params: lsp.DidChangeWatchedFilesParams
    ) -> None:
        ls.guarded("didChangeWatchedFiles", lambda: ls.files_changed(params.changes), None)

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: DevcredsLanguageServer, *_: object) -> None:
        ls.shutdown_requested = True

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: DevcredsLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.guarded("didOpen", lambda: refresh(ls, params.text_document.uri), None)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: DevcredsLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.guarded("didChange", lambda: refresh(ls, params.text_document.uri), None)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: DevcredsLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
        def saved() -> None:
            path = path_of(params.text_document.uri)
            if path is not None and os.path.basename(path) in SETTINGS_FILES:
                ls.recheck_all()  # settings may have changed for every open file
                return
            ls.last_check.clear()  # files on disk changed
            refresh(ls, params.text_document.uri)

        ls.guarded("didSave", saved, None)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DevcredsLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.guarded("didClose", lambda: ls.closed(params.text_document.uri), None)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[
                lsp.CodeActionKind.QuickFix,
                lsp.CodeActionKind.SourceFixAll,
                FIX_ALL_KIND,
            ],
            resolve_provider=False,
        ),
    )
    def code_action(
        ls: DevcredsLanguageServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        return ls.guarded("codeAction", lambda: ls.code_actions(params), None)

    return server


def start(checker: Checker | None = None) -> None:
    """Run the language server on stdin/stdout until the client says ``exit``. ``checker``:
    one started before this module was imported (``Checker.start``), else checks run here."""
    server = create_server(checker)
    try:
        server.start_io()
    finally:
        server.checker.close()
    # `exit` without `shutdown` first, or a client that vanished: LSP asks for exit code 1.
    if not server.shutdown_requested:
        sys.exit(1)
