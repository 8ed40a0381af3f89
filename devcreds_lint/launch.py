"""The command's entry point. ``devcreds-lint server`` (and ``server --stdio``, what
vscode-languageclient runs) goes straight to the language server (row ``server start ->
diagnostics`` of ``benchmarks/run.py``), without importing the command line (click and the
command modules: ~50 ms of its start-up); everything else is the command line's."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        _main()
    except KeyboardInterrupt:
        # Ctrl-C before the command line took over (its imports: the first ~60 ms): as after.
        sys.stderr.write("devcreds-lint: aborted\n")
        sys.exit(130)


def _main() -> None:
    if sys.argv[1:] in (["server"], ["server", "--stdio"]):
        # Without the lsp extra the command line says what is missing; stdio is the only
        # transport.
        from devcreds_lint.serving import serve

        if serve() is None:
            return
    from devcreds_lint.cli import main as cli_main

    cli_main()
