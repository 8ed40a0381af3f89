"""The command's entry point: guesses, before anything else is imported, whether this run will
check a few named files (what pre-commit and editors' format-on-save run), and if so forks the
checker process (processes/checker.py) at once so that it imports libcst and the rules while
this process imports click and reads the configuration.

``devcreds-lint server`` goes straight to the language server (row ``server start ->
diagnostics``), without importing the command line.

The speed trick behind the ``single module (pre-commit)`` row of ``benchmarks/run.py``: the
run's own start-up (click, the command line, the configuration: ~0.1 s) and libcst's import
(~0.3 s) run on two cores instead of one after the other. The guess looks at the arguments
only: ``check`` with existing files named and no folder, no ``-`` (standard input) and none of
``--fix``, ``--diff``, ``--watch``, ``--add-noqa``. A wrong guess costs a process that is
stopped unused. Named files are usually changed files, whose findings are not in the cache;
when they all are, the checker is stopped before it is used and this process never imports
libcst.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

_NOT_A_PLAIN_CHECK = frozenset({"--fix", "--diff", "--watch", "--add-noqa", "--help", "-h"})


def checks_named_files(argv: Sequence[str]) -> bool:
    """Whether ``argv`` (without the program) looks like ``check FILE...``."""
    if not argv or argv[0] != "check":
        return False
    files = 0
    for arg in argv[1:]:
        if arg == "-" or arg.split("=", 1)[0] in _NOT_A_PLAIN_CHECK:
            return False
        if arg.startswith("-"):
            continue
        if os.path.isdir(arg):
            return False
        if os.path.isfile(arg):
            files += 1
    return files > 0


def main() -> None:
    try:
        _main()
    except KeyboardInterrupt:
        # Ctrl-C before the command line took over (its imports: the first ~60 ms): as after.
        sys.stderr.write("devcreds-lint: aborted\n")
        sys.exit(130)


def _main() -> None:
    argv = sys.argv[1:]
    if argv in (["server"], ["server", "--stdio"]):
        # Straight to the server, without the command line (click and the command modules:
        # ~50 ms of its start-up); without the lsp extra the command line says what is missing.
        # `--stdio` is what vscode-languageclient appends; stdio is the only transport.
        from devcreds_lint.serving import serve

        if serve() is None:
            return
    # DEVCREDS_LINT_JOBS=1: everything in this one process (docs/configuration.md).
    if checks_named_files(argv) and os.environ.get("DEVCREDS_LINT_JOBS") != "1":
        from devcreds_lint.processes.checker import Checker

        Checker.prestart()
    from devcreds_lint.cli import main as cli_main

    cli_main()
