"""Code actions and edits: a quick fix per fixable finding, the fix-all action, DC101's rename as
a file operation, and the safe fixes as the edits of fix-on-save (:class:`CodeActions`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from enum import Enum

from lsprotocol import types as lsp
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from devcreds_lint.lsp.diagnostics import Publishing, scrubber_for
from devcreds_lint.lsp.documents import SOURCE, Target
from devcreds_lint.lsp.positions import LineIndex, lsp_range, minimal_edit, ranges_touch
from devcreds_lint.model import Applicability, Edit

FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.{SOURCE}"


def kind_requested(kind: str, only: Sequence[str] | None) -> bool:
    """``only`` is a list of kind prefixes (``source.fixAll`` matches ``source.fixAll.x``)."""
    if not only:
        return True
    return any(kind == want or kind.startswith(want + ".") for want in only)


class CodeActions(Publishing):
    """Fixes offered as code actions and as fix-on-save edits."""

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
        redactor = scrubber_for(diagnostics, lambda p: self.text_of(p, documents))
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
            target.integration, target.check_options, target.overrides, target.path
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
