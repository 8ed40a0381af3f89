"""``devcreds-lint server``: a language server over stdio (pygls 2, optional extra ``[lsp]``).

What it does
    * Publishes the findings of an integration per file URI (the platform module, a misspelled
      one, ``manifest.json``, ``config_flow.py``, ``__init__.py``, ``strings.json``,
      ``const.py``) when one of those files is opened, changed (the unsaved buffers of every
      open file of the integration are checked, through ``overrides``) or saved. A file whose
      findings are gone gets an empty list; a closed file's diagnostics are cleared.
    * Converts the engine's 1-based code-point positions to 0-based positions in the
      negotiated position encoding (UTF-16 unless the client offers UTF-8 or UTF-32).
    * Offers a quick fix per fixable finding (unsafe ones marked "(unsafe)", safe ones
      preferred), DC101's file rename as a ``RenameFile`` operation when the client supports
      it, and a ``source.fixAll.devcreds-lint`` action applying every safe fix to a document.
    * Fix-on-save, when the client opts in with ``initializationOptions: {"fixOnSave": true}``:
      ``textDocument/willSaveWaitUntil`` answers the safe fixes, so the saved text is the fixed
      text (never by default: VS Code sends it on every save to a server that advertises it).
    * Re-checks the open files when a configuration file (``pyproject.toml``,
      ``.devcreds-lint.toml``), ``.gitignore`` or a sibling file of an open integration
      (``manifest.json``, ``strings.json``, ...) changes on disk: through
      ``workspace/didChangeWatchedFiles``, registered dynamically when the client supports it,
      and through ``didSave`` of those files when the client attaches the server to them.

Nothing else in the package imports this module: pygls is only needed for the server. The
checking engine (libcst) is imported when the first document is checked, not at start-up:
start-up is the import of pygls and lsprotocol (``benchmarks/server_startup.py``).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from devcreds_lint import __version__
from devcreds_lint import text as text_lines
from devcreds_lint.contracts import INTEGRATION_FILES, PROFILES, profiles_named
from devcreds_lint.discovery import Integration, is_generated_listing
from devcreds_lint.model import (
    Applicability,
    Diagnostic,
    Edit,
    Location,
    Severity,
    url_for,
)
from devcreds_lint.parsing.reading import Unreadable, read_source
from devcreds_lint.processes.checker import Checker
from devcreds_lint.workspace.buffers import integration_for
from devcreds_lint.workspace.config import CONFIG_FILES, Config, ConfigError, resolve
from devcreds_lint.workspace.files import Excluder
from devcreds_lint.workspace.options import check_options

if TYPE_CHECKING:  # the engine (libcst) is imported when the first document is checked
    from devcreds_lint.check_options import CheckOptions

SOURCE = "devcreds-lint"
FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.{SOURCE}"
SUPPORTED_ENCODINGS = ("utf-16", "utf-8", "utf-32")
WATCHERS_ID = "devcreds-lint-watched-files"
# Files whose change on disk changes the findings of the open files: the configuration (and
# .gitignore, which `exclude` honours) affects every open file; an integration's own files and
# platform modules affect that integration.
SETTINGS_FILES = (*CONFIG_FILES, ".gitignore")
SIBLING_FILES = (*INTEGRATION_FILES, *sorted({p.platform_file for p in PROFILES}))
INTEGRATION_FOLDERS = ("*components/*", "*components/*/translations")

logger = logging.getLogger(__name__)
T = TypeVar("T")


# --- positions ------------------------------------------------------------------------------


def code_units(text: str, encoding: str) -> int:
    """The length of ``text`` in the code units of a position encoding."""
    if encoding == lsp.PositionEncodingKind.Utf8.value:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == lsp.PositionEncodingKind.Utf32.value:
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class LineIndex(text_lines.LineIndex):
    """Lines of a text (split as the engine splits them) with LSP positions."""

    def position(self, loc: Location, encoding: str) -> lsp.Position:
        """A 1-based code-point location as a 0-based LSP position (clamped to the text)."""
        if loc.row < 1:
            return lsp.Position(line=0, character=0)
        if loc.row > len(self.starts):
            return self.end(encoding)
        line = self.line(loc.row)
        column = min(max(loc.column - 1, 0), len(line))
        return lsp.Position(line=loc.row - 1, character=code_units(line[:column], encoding))

    def end(self, encoding: str) -> lsp.Position:
        last = len(self.starts)
        return lsp.Position(line=last - 1, character=code_units(self.line(last), encoding))


def lsp_range(index: LineIndex | None, start: Location, end: Location, encoding: str) -> lsp.Range:
    if index is None:  # text unknown (unreadable file): columns are the best guess
        return lsp.Range(
            start=lsp.Position(line=max(start.row - 1, 0), character=max(start.column - 1, 0)),
            end=lsp.Position(line=max(end.row - 1, 0), character=max(end.column - 1, 0)),
        )
    first = index.position(start, encoding)
    last = index.position(end, encoding) if end >= start else first
    return lsp.Range(start=first, end=last)


def _key(position: lsp.Position) -> tuple[int, int]:
    return position.line, position.character


def ranges_touch(a: lsp.Range, b: lsp.Range) -> bool:
    """Whether two ranges overlap or touch (an empty range at a finding's edge counts)."""
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def kind_requested(kind: str, only: Sequence[str] | None) -> bool:
    """``only`` is a list of kind prefixes (``source.fixAll`` matches ``source.fixAll.x``)."""
    if not only:
        return True
    return any(kind == want or kind.startswith(want + ".") for want in only)


# --- the checked unit -----------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What checking one open document means: its integration, settings and open buffers."""

    path: str
    integration: Integration
    options: CheckOptions
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


# --- the server -----------------------------------------------------------------------------


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


class DevcredsLanguageServer(LanguageServer):
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
            target.integration, target.options, target.overrides, self._prepare_messages
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

    # --- diagnostics -----------------------------------------------------------------------

    def to_lsp(self, diag: Diagnostic, index: LineIndex | None, message: str) -> lsp.Diagnostic:
        # Only the (already redacted) message and the rule's identity leave the server: no
        # source text, no fix content, no extra data.
        return lsp.Diagnostic(
            range=lsp_range(index, diag.start, diag.end, self.encoding),
            severity=(
                lsp.DiagnosticSeverity.Error
                if diag.severity is Severity.ERROR
                else lsp.DiagnosticSeverity.Warning
            ),
            code=diag.code,
            code_description=lsp.CodeDescription(href=url_for(diag.code)),
            source=SOURCE,
            message=message,
        )

    def check_and_publish(self, path: str, skip_uri: str | None = None) -> None:
        """Check the integration of ``path`` and publish its findings per file."""
        target = self.target_for(path)
        if target is None:
            return
        diagnostics = self.findings(target)
        documents = self.open_documents()
        folder = os.path.normpath(target.integration.folder)
        redactor = _redactor(diagnostics, lambda p: self.text_of(p, documents))
        by_uri: dict[str, list[lsp.Diagnostic]] = {}
        indexes: dict[str, LineIndex | None] = {}
        versions: dict[str, int | None] = {}
        for diag in diagnostics:
            norm = os.path.normpath(diag.path)
            uri = self.uri_for(norm, documents)
            if norm not in indexes:
                text = self.text_of(norm, documents)
                indexes[norm] = LineIndex(text) if text is not None else None
            doc = documents.get(norm)
            versions[uri] = doc.version if doc is not None else None
            by_uri.setdefault(uri, []).append(
                self.to_lsp(diag, indexes[norm], redactor.scrub(diag.message))
            )
        for doc_path, doc in documents.items():
            if os.path.dirname(doc_path) == folder and self._shows(doc_path, target.integration):
                by_uri.setdefault(doc.uri, [])
                versions[doc.uri] = doc.version
        previous = self.published.get(folder, set())
        for uri in previous - set(by_uri):
            by_uri[uri] = []
        if skip_uri is not None:
            by_uri.pop(skip_uri, None)
        for uri, items in sorted(by_uri.items()):
            self.publish(uri, items, versions.get(uri))
        open_uris = {doc.uri for doc in documents.values()}
        self.published[folder] = {uri for uri, items in by_uri.items() if items or uri in open_uris}

    @staticmethod
    def _shows(path: str, integration: Integration) -> bool:
        return is_relevant(path, integration) and not is_generated_listing(path)

    def publish(self, uri: str, items: list[lsp.Diagnostic], version: int | None = None) -> None:
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=version)
        )

    def closed(self, uri: str) -> None:
        """Clear a closed document's diagnostics; re-check what is still open beside it."""
        self.publish(uri, [])
        path = to_fs_path(uri)
        if path is None:
            return
        folder = os.path.dirname(os.path.normpath(path))
        self.last_check.pop(folder, None)
        still_open = sorted(p for p in self.open_documents() if os.path.dirname(p) == folder)
        for candidate in still_open:
            if self.target_for(candidate) is not None:
                self.check_and_publish(candidate, skip_uri=uri)
                return
        for other in sorted(self.published.pop(folder, set()) - {uri}):
            self.publish(other, [])

    def recheck_all(self) -> None:
        """Re-check every open document's integration (after a configuration change)."""
        self.last_check.clear()
        seen: set[str] = set()
        for path in sorted(self.open_documents()):
            folder = os.path.dirname(path)
            if folder in seen:
                continue
            if self.target_for(path) is not None:
                seen.add(folder)
                self.check_and_publish(path)

    def recheck_folders(self, folders: set[str]) -> None:
        """Re-check the open documents of these integration folders (a sibling file changed)."""
        for folder in folders:
            self.last_check.pop(folder, None)
        seen: set[str] = set()
        for path in sorted(self.open_documents()):
            folder = os.path.dirname(path)
            if folder in folders and folder not in seen and self.target_for(path) is not None:
                seen.add(folder)
                self.check_and_publish(path)

    # --- watched files ---------------------------------------------------------------------

    def supports_watched_files(self) -> bool:
        caps = self.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps is not None else None
        return bool(watched is not None and watched.dynamic_registration)

    def register_watchers(self) -> None:
        """Ask the client to report changes of the files that affect findings."""
        if not self.supports_watched_files():
            self.log(
                "devcreds-lint: the client cannot watch files (no dynamic registration of "
                "workspace/didChangeWatchedFiles); a configuration change on disk takes effect "
                "when a file is opened, edited or saved in the editor"
            )
            return
        patterns = [f"**/{name}" for name in (*SETTINGS_FILES, *SIBLING_FILES)]
        # The integration folders themselves: a client that watches only the folders whose
        # path matches a pattern (Neovim's fallback watcher on Linux, without inotifywait)
        # would otherwise never look inside custom_components/<domain>/. Events for these
        # folders are ignored (files_changed looks at file names).
        patterns += [f"**/{folder}" for folder in INTEGRATION_FOLDERS]
        options = lsp.DidChangeWatchedFilesRegistrationOptions(
            watchers=[lsp.FileSystemWatcher(glob_pattern=pattern) for pattern in patterns]
        )
        registration = lsp.Registration(
            id=WATCHERS_ID,
            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        self.client_register_capability(lsp.RegistrationParams(registrations=[registration]))

    def files_changed(self, changes: Sequence[lsp.FileEvent]) -> None:
        """Files changed on disk: re-check what they affect."""
        folders: set[str] = set()
        documents = self.open_documents()
        for change in changes:
            path = to_fs_path(change.uri)
            if path is None or not change.uri.startswith("file:"):
                continue
            path = os.path.normpath(path)
            if os.path.basename(path) in SETTINGS_FILES:
                self.recheck_all()  # settings may have changed for every open file
                return
            if path in documents and change.type != lsp.FileChangeType.Deleted:
                continue  # the open buffer is what is checked, not the disk
            for name in SIBLING_FILES:
                suffix = os.sep + os.path.normpath(name)
                if path.endswith(suffix):
                    folders.add(path[: -len(suffix)])
        if folders:
            self.recheck_folders(folders)

    # --- fix on save -----------------------------------------------------------------------

    def will_save_edits(self, params: lsp.WillSaveTextDocumentParams) -> list[lsp.TextEdit]:
        """The safe fixes of a document about to be saved, as edits of its text."""
        if params.reason == lsp.TextDocumentSaveReason.AfterDelay:
            return []  # auto-save while typing: fixing then would rewrite under the cursor
        uri = params.text_document.uri
        path = to_fs_path(uri)
        if path is None or not uri.startswith("file:"):
            return []
        path = os.path.normpath(path)
        doc = self.open_documents().get(path)
        if doc is None:
            return []
        target = self.target_for(path)
        if target is None:
            return []
        fixed = self.fixed_text(target, doc)
        if fixed is None:
            return []
        return [minimal_edit(doc.source, fixed, self.encoding)]

    # --- code actions ----------------------------------------------------------------------

    def supports_rename(self) -> bool:
        caps = self.client_capabilities.workspace
        edit = caps.workspace_edit if caps is not None else None
        operations = (edit.resource_operations if edit is not None else None) or []
        return any(op == lsp.ResourceOperationKind.Rename for op in operations)

    def supports_document_changes(self) -> bool:
        caps = self.client_capabilities.workspace
        edit = caps.workspace_edit if caps is not None else None
        return bool(edit is not None and edit.document_changes)

    def text_edit(self, doc: TextDocument, edits: Sequence[lsp.TextEdit]) -> lsp.WorkspaceEdit:
        if self.supports_document_changes():
            return lsp.WorkspaceEdit(
                document_changes=[
                    lsp.TextDocumentEdit(
                        text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                            uri=doc.uri, version=doc.version
                        ),
                        edits=list(edits),
                    )
                ]
            )
        return lsp.WorkspaceEdit(changes={doc.uri: list(edits)})

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        documents = self.open_documents()
        path = to_fs_path(uri)
        if path is None:
            return None
        path = os.path.normpath(path)
        doc = documents.get(path)
        if doc is None:
            return None
        target = self.target_for(path)
        if target is None:
            return None
        only = [k.value if isinstance(k, Enum) else str(k) for k in params.context.only or ()]
        actions: list[lsp.CodeAction] = []
        if kind_requested(lsp.CodeActionKind.QuickFix.value, only):
            actions.extend(self.quick_fixes(target, doc, params.range))
        if kind_requested(FIX_ALL_KIND, only):
            fix_all = self.fix_all(target, doc)
            if fix_all is not None:
                actions.append(fix_all)
        return actions

    def quick_fixes(
        self, target: Target, doc: TextDocument, wanted: lsp.Range
    ) -> list[lsp.CodeAction]:
        diagnostics = self.findings(target)
        documents = self.open_documents()
        redactor = _redactor(diagnostics, lambda p: self.text_of(p, documents))
        index = LineIndex(doc.source)
        actions: list[lsp.CodeAction] = []
        for diag in diagnostics:
            fix = diag.fix
            if fix is None or os.path.normpath(diag.path) != target.path:
                continue
            shown = self.to_lsp(diag, index, redactor.scrub(diag.message))
            # A rename is about the whole file: offered wherever the cursor is (DC101).
            anywhere = fix.rename is not None
            if not (anywhere or ranges_touch(shown.range, wanted)) or redactor.reveals(fix.edits):
                continue
            unsafe = fix.applicability is Applicability.UNSAFE
            title = redactor.scrub(fix.message) + (" (unsafe)" if unsafe else "")
            new_name = fix.rename.new_name if fix.rename else None
            edit = self.fix_edit(doc, target.path, fix.edits, new_name, index)
            if edit is None:
                continue
            actions.append(
                lsp.CodeAction(
                    title=f"{title} ({diag.code})",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[shown],
                    is_preferred=not unsafe,
                    edit=edit,
                )
            )
        return actions

    def fix_edit(
        self,
        doc: TextDocument,
        path: str,
        edits: Sequence[Edit],
        new_name: str | None,
        index: LineIndex,
    ) -> lsp.WorkspaceEdit | None:
        text_edits = [
            lsp.TextEdit(range=lsp_range(index, e.start, e.end, self.encoding), new_text=e.content)
            for e in edits
        ]
        if new_name is None:
            return self.text_edit(doc, text_edits) if text_edits else None
        new_path = os.path.join(os.path.dirname(path), new_name)
        # Resource operations exist only in `documentChanges`, so a client that declares
        # `resourceOperations: ["rename"]` accepts that form even without `documentChanges:
        # true` (Neovim declares only the former).
        if not self.supports_rename():
            return None  # the client cannot rename files
        if os.path.lexists(new_path) or os.path.normpath(new_path) in self.open_documents():
            return None  # never over an existing file
        changes: list[lsp.TextDocumentEdit | lsp.CreateFile | lsp.RenameFile | lsp.DeleteFile] = []
        if text_edits:
            changes.append(
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                        uri=doc.uri, version=doc.version
                    ),
                    edits=list(text_edits),
                )
            )
        changes.append(
            lsp.RenameFile(
                old_uri=doc.uri,
                new_uri=from_fs_path(new_path) or "file://" + new_path,
                # Only `overwrite: false`: Neovim 0.7 reads `ignoreIfExists: true` as "the
                # target exists" and refuses. The server never offers a rename over an
                # existing file (checked above), so no option is needed for that.
                options=lsp.RenameFileOptions(overwrite=False),
            )
        )
        return lsp.WorkspaceEdit(document_changes=changes)

    def fixed_text(self, target: Target, doc: TextDocument) -> str | None:
        """This document's text with every safe fix applied (None: nothing to fix)."""
        fixed = self.checker.fixed_text(
            target.integration, target.options, target.overrides, target.path
        )
        return None if fixed is None or fixed == doc.source else fixed

    def fix_all(self, target: Target, doc: TextDocument) -> lsp.CodeAction | None:
        """Every safe fix applied to this document's text (renames stay quick fixes)."""
        fixed = self.fixed_text(target, doc)
        if fixed is None:
            return None
        index = LineIndex(doc.source)
        whole = lsp.Range(start=lsp.Position(line=0, character=0), end=index.end(self.encoding))
        return lsp.CodeAction(
            title="devcreds-lint: fix all auto-fixable problems",
            kind=FIX_ALL_KIND,
            edit=self.text_edit(doc, [lsp.TextEdit(range=whole, new_text=fixed)]),
        )


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their line endings; the last one has none (may be empty)."""
    starts = text_lines.line_starts(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def minimal_edit(old: str, new: str, encoding: str) -> lsp.TextEdit:
    """One edit turning ``old`` into ``new`` that spans only the lines between their common
    first and last lines (marks, folds and the cursor elsewhere stay where they are)."""
    old_lines, new_lines = _lines(old), _lines(new)
    if old == new:
        return lsp.TextEdit(
            range=lsp.Range(
                start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)
            ),
            new_text="",
        )
    shortest = min(len(old_lines), len(new_lines))
    head = 0
    while head < shortest and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    if tail:
        end = lsp.Position(line=len(old_lines) - tail, character=0)
    else:  # the change reaches the end of the text
        end = lsp.Position(line=len(old_lines) - 1, character=code_units(old_lines[-1], encoding))
    replacement = "".join(new_lines[head : len(new_lines) - tail])
    return lsp.TextEdit(
        range=lsp.Range(start=lsp.Position(line=head, character=0), end=end),
        new_text=replacement,
    )


class Scrubber(Protocol):
    """The part of ``report._redaction.Redactor`` the server uses."""

    def scrub(self, text: str) -> str: ...

    def reveals(self, edits: Iterable[Edit]) -> bool: ...


class _NoSecrets:
    def scrub(self, text: str) -> str:
        return text

    def reveals(self, edits: Iterable[Edit]) -> bool:
        return False


def _redactor(
    diagnostics: Sequence[Diagnostic], source_of: Callable[[str], str | None]
) -> Scrubber:
    """A second guard for secrets, as in the reports: scrub messages, hide revealing fixes."""
    if not any(d.redacted or d.secrets for d in diagnostics):
        return _NoSecrets()
    from devcreds_lint.redaction import Redactor, Sources

    return Redactor(diagnostics, Sources(source_of))


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
