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

The package, one concern a module, each class built on the one before:

* ``positions.py``: engine locations as LSP positions, ranges, the smallest edit;
* ``documents.py``: the document state (``DocumentState``): open documents, what checking one
  means (``Target``), the last check per integration, the checker;
* ``diagnostics.py``: publishing and clearing findings, re-checks on changes (``Publishing``);
* ``actions.py``: quick fixes, fix-all, renames, fix-on-save edits (``CodeActions``);
* ``server.py``: the server's class, the handlers of each message, its start on stdio.

Nothing else in devcreds_lint imports this package (``serving.py`` does, to start it): pygls is
only needed for the server. The
checking engine (libcst) is imported when the first document is checked, not at start-up:
start-up is the import of pygls and lsprotocol (``benchmarks/server_startup.py``).
"""

from devcreds_lint.lsp.positions import LineIndex
from devcreds_lint.lsp.server import DevcredsLanguageServer, create_server, start

__all__ = ["DevcredsLanguageServer", "LineIndex", "create_server", "start"]
