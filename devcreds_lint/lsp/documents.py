"""The document state: the open documents, what checking one means (:class:`Target`: its
integration, settings and unsaved buffers), the findings of the last check per integration,
and the server's own state (:class:`DocumentState`, the base of the server's class).
"""

from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from devcreds_lint import __version__
from devcreds_lint.contracts import INTEGRATION_FILES, PROFILES, profiles_named
from devcreds_lint.discovery import Integration, is_generated_listing
from devcreds_lint.model import Diagnostic
from devcreds_lint.parsing.reading import Unreadable, read_source
from devcreds_lint.processes.checker import Checker
from devcreds_lint.workspace.buffers import integration_for
from devcreds_lint.workspace.config import CONFIG_FILES, Config, ConfigError, resolve
from devcreds_lint.workspace.files import Excluder
from devcreds_lint.workspace.options import check_options

if TYPE_CHECKING:  # the engine (libcst) is imported when the first document is checked
    from devcreds_lint.check_options import CheckOptions


SOURCE = "devcreds-lint"
SUPPORTED_ENCODINGS = ("utf-16", "utf-8", "utf-32")
WATCHERS_ID = "devcreds-lint-watched-files"
# Files whose change on disk changes the findings of the open files: the configuration (and
# .gitignore, which `exclude` honours) affects every open file; an integration's own files and
# platform modules affect that integration.
SETTINGS_FILES = (*CONFIG_FILES, ".gitignore")
SIBLING_FILES = (*INTEGRATION_FILES, *sorted({p.platform_file for p in PROFILES}))
INTEGRATION_FOLDERS = ("*components/*", "*components/*/translations")
OWN_MODULES = "**/*components/*/**"
"""Everything inside an integration folder, its sub-packages' folders and modules too: the flow
facts follow imports there, and a client that watches only the folders matching a glob
(Neovim's fallback watcher on Linux) must watch ``api/`` to see ``api/client.py`` change."""

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Target:
    """What checking one open document means: its integration, settings and open buffers."""

    path: str
    integration: Integration
    check_options: CheckOptions
    overrides: dict[str, str]


def _excluded(config: Config, path: str) -> bool:
    """``exclude``/``extend-exclude`` and ``.gitignore`` apply to open files, as with
    ``check --force-exclude``."""
    try:
        return Excluder(config)(path)
    except ImportError:  # .gitignore support needs pathspec; without it, patterns only
        return Excluder(replace(config, respect_gitignore=False))(path)


def is_relevant(path: str, integration: Integration) -> bool:
    """Whether the editor should show this integration's findings for ``path``."""
    if any(os.path.normpath(p.path) == path for p in integration.platforms):
        return True
    return os.path.basename(path) in INTEGRATION_FILES


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, except that a change to a document that was never opened (a client's
    bug, or a change racing its ``didClose``) is ignored, as the specification has servers do
    with what they cannot apply; pygls would show the user a ``KeyError``."""

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: lsp.DidChangeTextDocumentParams
    ) -> Iterator[Any]:
        if unquote(params.text_document.uri) not in self.workspace.text_documents:
            logger.info("didChange for %s, which is not open: ignored", params.text_document.uri)
            return
        yield from super().lsp_text_document__did_change(params)


class DocumentState(LanguageServer):
    """The server's state and what every part of it asks: the open documents, their
    settings, and the findings of their integration (from the checker)."""

    def __init__(self, checker: Checker | None = None) -> None:
        super().__init__(SOURCE, __version__, protocol_cls=_Protocol)
        # Checks and fixes run here, or in the process forked at start-up (processes/checker.py).
        self.checker = checker if checker is not None else Checker()
        # integration folder -> URIs that got diagnostics from it in the last publication
        self.published: dict[str, set[str]] = {}
        # integration folder -> (open buffers' versions, findings) of the last check
        self.last_check: dict[str, tuple[tuple[tuple[str, int | None], ...], list[Diagnostic]]] = {}
        self.config_error: str | None = None
        self.shutdown_requested = False
        # initializationOptions {"fixOnSave": true}: willSaveWaitUntil answers the safe fixes
        self.fix_on_save = False
        self.messages_prepared = False

    # --- helpers ---------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        value = self.workspace.position_encoding
        text = value.value if isinstance(value, lsp.PositionEncodingKind) else str(value or "")
        return text if text in SUPPORTED_ENCODINGS else lsp.PositionEncodingKind.Utf16.value

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Log) -> None:
        try:
            self.window_log_message(lsp.LogMessageParams(type=kind, message=message))
        except Exception:
            logger.exception("could not send a log message")

    def guarded(self, what: str, action: Callable[[], T], default: T) -> T:
        """Run a handler body; any exception is logged to the client, never raised."""
        try:
            return action()
        except Exception as exc:
            self.log(
                f"devcreds-lint: {what} failed ({type(exc).__name__}: {exc}); this is a bug\n"
                + traceback.format_exc(),
                lsp.MessageType.Error,
            )
            return default

    def open_documents(self) -> dict[str, TextDocument]:
        """Open documents with a file path, by normalized path."""
        result: dict[str, TextDocument] = {}
        for uri, doc in self.workspace.text_documents.items():
            path = to_fs_path(uri)
            if path is not None and uri.startswith("file:"):
                result[os.path.normpath(path)] = doc
        return result

    def uri_for(self, path: str, documents: Mapping[str, TextDocument]) -> str:
        doc = documents.get(os.path.normpath(path))
        if doc is not None:
            return doc.uri
        return from_fs_path(path) or "file://" + path

    def text_of(self, path: str, documents: Mapping[str, TextDocument]) -> str | None:
        doc = documents.get(os.path.normpath(path))
        if doc is not None:
            return doc.source
        source = read_source(path)
        return None if isinstance(source, Unreadable) else source.text

    def config_for(self, path: str) -> Config | None:
        """Settings for ``path``; a bad configuration is shown once and yields None."""
        try:
            config = resolve([path], None, False)
        except ConfigError as exc:
            message = f"devcreds-lint: {exc}"
            if message != self.config_error:
                self.config_error = message
                self.window_show_message(
                    lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message)
                )
            self.log(message, lsp.MessageType.Error)
            return None
        self.config_error = None
        return config

    def target_for(self, path: str) -> Target | None:
        """What to check for the open document at ``path`` (None: nothing to check)."""
        path = os.path.normpath(path)
        if is_generated_listing(path):
            return None
        if os.path.basename(path) not in INTEGRATION_FILES and not path.endswith(".py"):
            return None
        config = self.config_for(path)
        if config is None:
            return None
        if _excluded(config, path):
            return None
        profiles = profiles_named(config.profiles)
        folder = os.path.dirname(path)
        documents = self.open_documents()
        in_folder = {p: d for p, d in documents.items() if os.path.dirname(p) == folder}
        extra = [os.path.basename(p) for p in in_folder if p != path]
        integration = integration_for(path, profiles, extra)
        if integration is None or not is_relevant(path, integration):
            return None
        overrides = {p: d.source for p, d in in_folder.items()}
        return Target(path, integration, check_options(config, profiles), overrides)

    def findings(self, target: Target) -> list[Diagnostic]:
        """The integration's findings, reusing the last check while no open buffer changed."""
        documents = self.open_documents()
        folder = os.path.normpath(target.integration.folder)
        versions = tuple(
            sorted((p, documents[p].version) for p in target.overrides if p in documents)
        )
        cached = self.last_check.get(folder)
        if cached is not None and cached[0] == versions:
            return cached[1]
        found = self.checker.findings(
            target.integration, target.check_options, target.overrides, self._prepare_messages
        )
        self.last_check[folder] = (versions, found)
        return found

    def _prepare_messages(self) -> None:
        """Have pygls read each kind of message an editor sends while a user types, once.
        Its converter writes the code that reads a message type the first time it meets one
        (~7 ms for ``didChange``, which made the first edit the slowest); this runs while the
        checker process checks the first document, so nobody waits for it."""
        if self.messages_prepared:
            return
        self.messages_prepared = True
        document = {"uri": "file:///prepare.py", "version": 1}
        samples: list[dict[str, Any]] = [
            {
                "method": lsp.TEXT_DOCUMENT_DID_CHANGE,
                "params": {"textDocument": document, "contentChanges": [{"text": ""}]},
            },
            {"method": lsp.TEXT_DOCUMENT_DID_SAVE, "params": {"textDocument": document}},
            {
                "id": 0,
                "method": lsp.TEXT_DOCUMENT_CODE_ACTION,
                "params": {
                    "textDocument": document,
                    "range": {
                        "start": {"line": 0, "character": 0},
                        "end": {"line": 0, "character": 0},
                    },
                    "context": {"diagnostics": []},
                },
            },
        ]
        for sample in samples:
            try:
                self.protocol.structure_message({"jsonrpc": "2.0", **sample})
            except Exception:
                logger.debug("could not prepare %s", sample["method"], exc_info=True)
