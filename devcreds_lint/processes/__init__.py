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
    from multiprocessing.process import BaseProcess


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


def stopped(pid: int) -> bool:
    """Whether process ``pid`` is stopped (SIGSTOP, Ctrl-Z, a debugger): it will not answer
    until continued. Linux only (``/proc``), where the processes are forked; False elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return False
    # "pid (name) state ...": the name may hold spaces and parentheses, the state follows the
    # last ")".
    return stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] in (b"T", b"t")


def family_stopped(pid: int) -> bool:
    """Whether ``pid`` or one of its children is stopped (see :func:`stopped`)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            kids = [int(k) for k in handle.read().split()]
    except (OSError, ValueError):
        kids = []
    return any(stopped(p) for p in (pid, *kids))


def end_process(process: BaseProcess, grace: float) -> None:
    """End a child process: let it end within ``grace`` seconds, then SIGTERM, then SIGKILL,
    which also ends a stopped process (SIGTERM waits until it is continued). Never waits
    for ever: a stopped child must not hang the command or the server, nor outlive them."""
    process.join(timeout=grace)
    if process.is_alive():
        process.terminate()
        process.join(timeout=0 if stopped(process.pid or 0) else 1)
    if process.is_alive():
        process.kill()
        process.join(timeout=5)


def job_count(options: RunOptions) -> int:
    """Processes to use: ``--jobs``, else ``DEVCREDS_LINT_JOBS``, else the CPU count."""
    env = os.environ.get("DEVCREDS_LINT_JOBS")
    return options.jobs or (int(env) if env and env.isdigit() else os.cpu_count() or 1)
