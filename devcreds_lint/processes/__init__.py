"""Processes forked to check in parallel with what the parent does meanwhile: the command
line's workers (:mod:`.pool`) and the language server's checker (:mod:`.checker`). Each is a
speed trick whose docstring says what it buys; nothing here changes what is found.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from devcreds_lint.workspace.options import RunOptions

if TYPE_CHECKING:
    from multiprocessing.context import ForkContext


def fork_context() -> ForkContext | None:
    """The ``fork`` start method where it is available and safe (Linux), else None. macOS has
    it, but forking there is unsafe with the system's frameworks; Windows lacks it."""
    if not sys.platform.startswith("linux"):
        return None
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def job_count(options: RunOptions) -> int:
    """Processes to use: ``--jobs``, else ``DEVCREDS_LINT_JOBS``, else the CPU count."""
    env = os.environ.get("DEVCREDS_LINT_JOBS")
    return options.jobs or (int(env) if env and env.isdigit() else os.cpu_count() or 1)
