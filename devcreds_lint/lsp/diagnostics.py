"""Publishing findings as diagnostics per file, clearing them, and re-checking what a change on
disk affects (:class:`Publishing`); the second guard for secrets in what is shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from lsprotocol import types as lsp
from pygls.uris import to_fs_path

from devcreds_lint.discovery import Integration, is_generated_listing
from devcreds_lint.lsp.documents import (
    INTEGRATION_FOLDERS,
    OWN_MODULES,
    SETTINGS_FILES,
    SIBLING_FILES,
    SOURCE,
    WATCHERS_ID,
    DocumentState,
    is_relevant,
)
from devcreds_lint.lsp.positions import LineIndex, lsp_range
from devcreds_lint.model import (
    Diagnostic,
    Edit,
    Severity,
    url_for,
)


class Publishing(DocumentState):
    """Findings published as diagnostics, per file, and kept in step with changes."""

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
        redactor = scrubber_for(diagnostics, lambda p: self.text_of(p, documents))
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
        # Any module of an integration, sub-packages too: the flow facts follow imports into
        # them (facts/own_modules.py), so an edit there changes the findings. Events for the
        # other files inside are ignored (files_changed looks at names and suffixes).
        patterns.append(OWN_MODULES)
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
            if path.endswith(".py"):
                # A module the open platform module's integration may import (``oauth.py``,
                # ``api/client.py``): that integration's folder holds it.
                folders.update(
                    folder
                    for folder in {os.path.dirname(open_path) for open_path in documents}
                    if path.startswith(folder + os.sep)
                )
        if folders:
            self.recheck_folders(folders)


class Scrubber(Protocol):
    """The part of ``report._redaction.Redactor`` the server uses."""

    def scrub(self, text: str) -> str: ...

    def reveals(self, edits: Iterable[Edit]) -> bool: ...


class _NoSecrets:
    def scrub(self, text: str) -> str:
        return text

    def reveals(self, edits: Iterable[Edit]) -> bool:
        return False


def scrubber_for(
    diagnostics: Sequence[Diagnostic], source_of: Callable[[str], str | None]
) -> Scrubber:
    """A second guard for secrets, as in the reports: scrub messages, hide revealing fixes."""
    if not any(d.redacted or d.secrets for d in diagnostics):
        return _NoSecrets()
    from devcreds_lint.redaction import Redactor, Sources

    return Redactor(diagnostics, Sources(source_of))
