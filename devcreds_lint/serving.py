"""Starting the language server in the order that makes it quick: its checker process is
forked first (``processes/checker.py``), while nothing else runs, and imports the engine
while this process imports pygls and lsprotocol. Used by the entry point (``launch.py``) and
by the ``server`` command (``cli.py``)."""

from __future__ import annotations


def serve() -> str | None:
    """Run the language server until the client says ``exit``. Without the ``lsp`` extra,
    returns the name of the missing module (the checker is stopped) instead."""
    from devcreds_lint.processes.checker import Checker

    checker = Checker.start()  # before the server's imports, with no thread running
    try:
        from devcreds_lint.lsp import start
    except ImportError as exc:
        checker.close()
        return str(exc.name)
    start(checker)
    return None
