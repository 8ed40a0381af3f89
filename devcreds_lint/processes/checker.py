"""The language server's checker: a process forked when the server starts, before it imports
pygls and lsprotocol, that imports libcst and every rule meanwhile and then checks and fixes
for the server.

The speed trick behind the ``server start -> diagnostics`` row of ``benchmarks/run.py``: the
server's own imports (pygls, lsprotocol: ~0.6 s) and the engine's (libcst and the rules:
~0.35 s) run on two cores at once instead of one after the other, so the first diagnostics
come about 0.3 s sooner. The checker also keeps what it learnt between checks (the facts of
unchanged modules, ``facts/by_text.py``).

Nothing here changes what is found: the checker runs the same functions on the same
arguments. When it cannot answer (no ``fork`` on this platform, the process died, an answer
that cannot be sent), the server runs them itself, as it did before, from then on.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from devcreds_lint.check_options import CheckOptions
from devcreds_lint.discovery import Integration
from devcreds_lint.model import Diagnostic
from devcreds_lint.processes import end_process, fork_context, stopped

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from devcreds_lint.cache import Keyed, Keying


def findings(
    integration: Integration, options: CheckOptions, overrides: Mapping[str, str]
) -> list[Diagnostic]:
    """Every finding of the integration, open buffers' texts in ``overrides``."""
    from devcreds_lint.engine import check_integration

    return check_integration(integration, options, overrides)


def keyed_findings(integration: Integration, options: CheckOptions, keying: Keying | None) -> Keyed:
    """The cache key and findings of the integration on disk, from one read of each file."""
    from devcreds_lint.cache import check_keyed

    return check_keyed(integration, options, keying)


def fixed_text(
    integration: Integration, options: CheckOptions, overrides: Mapping[str, str], path: str
) -> str | None:
    """The text of ``path`` with every safe fix of the integration applied (no renames)."""
    from devcreds_lint.fixing.rounds import fix_integration

    result = fix_integration(
        integration, options, unsafe=False, overrides=dict(overrides), renames=False
    )
    state = result.files.get(result.new_path(path))
    return None if state is None else state.text


_JOBS: dict[str, Callable[..., Any]] = {
    "findings": findings,
    "keyed_findings": keyed_findings,
    "fixed_text": fixed_text,
}


def _serve(conn: Connection, others: list[Connection]) -> None:
    """The checker: import the engine, then answer (job, arguments) until the pipe closes."""
    # The editor's stdin and stdout belong to the server; Ctrl-C and the editor's signals
    # too. The server's end of the pipe is closed here, so the checker sees the server go.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    for other in others:
        other.close()
    import libcst

    from devcreds_lint.rules import all_rules

    all_rules()
    libcst.parse_module("")
    while True:
        try:
            job, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[bool, Any] = (True, _JOBS[job](*args))
        except Exception as exc:  # the server runs the job itself and sees the error there
            answer = (False, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(answer)
        except Exception:  # an answer that cannot be pickled: the server runs the job itself
            try:
                conn.send((False, "the answer could not be sent"))
            except (OSError, ValueError):
                return


_prestarted: Checker | None = None
# How often (seconds) the server waiting for an answer looks whether the checker is stopped.
_STOPPED_CHECK = 0.5


class Checker:
    """Runs :func:`findings` and :func:`fixed_text` in the checker process when there is one,
    else here."""

    @classmethod
    def prestart(cls) -> None:
        """Fork this process's checker now, for :meth:`take` to hand to the run that needs it
        (``launch.py``: before the command line is even imported)."""
        global _prestarted
        if _prestarted is None:
            _prestarted = cls.start()

    @staticmethod
    def take() -> Checker | None:
        """The checker :meth:`prestart` forked, once (None: there is none, or it was taken)."""
        global _prestarted
        taken, _prestarted = _prestarted, None
        return taken if taken is not None and taken.forked else None

    def __init__(self) -> None:
        self._conn: Connection | None = None
        self._proc: BaseProcess | None = None

    @classmethod
    def start(cls) -> Checker:
        """A checker with its process forked now (where ``fork`` is available): call it before
        the server's own imports, with no thread running."""
        checker = cls()
        context = fork_context()
        if context is None:
            return checker
        sys.stdout.flush()
        sys.stderr.flush()
        mine, theirs = context.Pipe()
        proc = context.Process(target=_serve, args=(theirs, [mine]), daemon=True)
        proc.start()
        theirs.close()
        checker._conn, checker._proc = mine, proc
        return checker

    @property
    def forked(self) -> bool:
        """Whether jobs still go to the checker process."""
        return self._conn is not None

    def findings(
        self,
        integration: Integration,
        options: CheckOptions,
        overrides: Mapping[str, str],
        meanwhile: Callable[[], None] | None = None,
    ) -> list[Diagnostic]:
        """``meanwhile``: what the server can do while the checker checks (run here first
        when there is no checker process)."""
        answer = self._ask("findings", (integration, options, dict(overrides)), meanwhile)
        if isinstance(answer, list):
            return answer
        return findings(integration, options, overrides)

    def keyed_findings(
        self, integration: Integration, options: CheckOptions, keying: Keying | None
    ) -> Keyed:
        answer = self._ask("keyed_findings", (integration, options, keying))
        if isinstance(answer, tuple):
            return answer
        return keyed_findings(integration, options, keying)

    def fixed_text(
        self,
        integration: Integration,
        options: CheckOptions,
        overrides: Mapping[str, str],
        path: str,
    ) -> str | None:
        args = (integration, options, dict(overrides), path)
        answer = self._ask("fixed_text", args)
        if answer is None or isinstance(answer, str):
            return answer
        return fixed_text(integration, options, overrides, path)

    def _ask(
        self, job: str, args: tuple[Any, ...], meanwhile: Callable[[], None] | None = None
    ) -> Any:
        """The checker's answer, or :data:`NotImplemented` when it gave none: then the job
        runs here, now and from then on (a checker that failed once is not trusted again)."""
        if self._conn is None:
            if meanwhile is not None:
                meanwhile()
            return NotImplemented
        try:
            self._conn.send((job, args))
            if meanwhile is not None:
                meanwhile()
            # A stopped checker never answers: the server must not wait for it for ever.
            while not self._conn.poll(_STOPPED_CHECK):
                if self._proc is None or stopped(self._proc.pid or 0):
                    raise TimeoutError("the checker is stopped")
            ok, answer = self._conn.recv()
        except Exception:
            ok, answer = False, None
        if ok:
            return answer
        self.close()
        return NotImplemented

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            end_process(self._proc, 0)
            self._proc = None
