"""The one forked-engine primitive: :class:`Engines`, processes forked from this one that
import the engine (libcst and every rule) while this process goes on with its own work, then
answer typed requests (:class:`~devcreds_lint.processes.Request`) over a pipe each until the
pipe closes. The command line's workers (:mod:`.pool`) and the language server's checker
(:mod:`.checker`) are both made of it.

The speed trick it holds: the first process imports the engine once and then forks the others
from itself, so that they start with it imported (one import of libcst in all, ~0.3 s, beside
whatever the parent does meanwhile: walking a tree, importing pygls). Only where ``fork`` is
available and safe (Linux). Nothing here changes what is found: a request runs the same
function on the same arguments; a request that fails or cannot be answered comes back as
:class:`Failed`, and the caller runs it itself.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext
    from multiprocessing.process import BaseProcess

    from devcreds_lint.processes import Request

T = TypeVar("T")

# How often (seconds) a process waiting for an answer looks whether the other one is stopped.
STOPPED_CHECK = 0.5


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


@dataclass(frozen=True)
class Failed:
    """No answer: the request raised in the process (``reason`` says what), the answer could
    not be sent, or the process is gone (``gone``: then nothing more can be asked of it)."""

    reason: str
    gone: bool = False


def _serve(conn: Connection) -> None:
    """Answer each request with what its ``run`` returns, until the pipe closes (or None)."""
    while True:
        try:
            request: Request[Any] | None = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            answer: object = request.run()
        except Exception as exc:  # the caller runs it again and sees the error there
            answer = Failed(f"{type(exc).__name__}: {exc}")
        try:
            conn.send(answer)
        except Exception:  # an answer that cannot be pickled: the caller runs it itself
            try:
                conn.send(Failed("the answer could not be sent"))
            except (OSError, ValueError):
                return


def _first(conns: list[Connection], others: list[Connection]) -> None:
    """The first process: import the engine, fork the others from itself, serve ``conns[0]``.
    ``others``: the parent's ends of the pipes, inherited by the fork; closed here so that a
    process sees the end of its pipe when the parent is gone."""
    # Ctrl-C reaches the whole process group: the parent stops these itself. Standard input
    # and output belong to the parent (the language server's are the editor's).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    for conn in others:
        conn.close()
    import libcst

    from devcreds_lint.rules import all_rules

    all_rules()  # every rule module imported before the first request arrives
    libcst.parse_module("")
    forked: list[int] = []
    for index in range(1, len(conns)):
        pid = os.fork()
        if pid == 0:  # a further process, serving its own pipe only
            for k, conn in enumerate(conns):
                if k != index:
                    conn.close()
            try:
                _serve(conns[index])
            finally:
                os._exit(0)  # never back into the first process's code
        forked.append(pid)
        conns[index].close()

    def ended(*_: object) -> None:
        # Ended by the parent (end_process): the processes it forked end with it, even
        # stopped ones, which would otherwise outlive the run.
        for pid in forked:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        os._exit(1)

    signal.signal(signal.SIGTERM, ended)
    _serve(conns[0])
    # Wait for the others (their pipes closed with this one's): no orphans, and their CPU
    # time counts to this process, so to the parent's.
    for pid in forked:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


class Engines:
    """``count`` processes with the engine imported, forked now; one pipe each
    (:attr:`conns`). Call it with no thread running, before the imports it should overlap."""

    def __init__(self, context: ForkContext, count: int) -> None:
        # A buffered line would be written again by each child when it exits.
        sys.stdout.flush()
        sys.stderr.flush()
        pairs = [context.Pipe() for _ in range(count)]
        self.conns: list[Connection] = [mine for mine, _ in pairs]
        theirs = [end for _, end in pairs]
        proc = context.Process(target=_first, args=(theirs, self.conns), daemon=True)
        proc.start()
        for end in theirs:
            end.close()
        self._proc: BaseProcess | None = proc

    def send(self, conn: Connection, request: Request[Any]) -> bool:
        """Hand ``request`` to the process at ``conn``; False when it is gone."""
        try:
            conn.send(request)
        except (OSError, ValueError):
            return False
        return True

    def receive(self, conn: Connection, request: Request[T]) -> T | Failed:
        """The answer to ``request``, sent on ``conn`` before. A stopped process never
        answers: one that is (looked at every :data:`STOPPED_CHECK` seconds) counts as gone."""
        try:
            while not conn.poll(STOPPED_CHECK):
                if self.stopped():
                    return Failed("the process is stopped", gone=True)
            answer = conn.recv()
        except (EOFError, OSError) as exc:
            return Failed(f"the process is gone ({type(exc).__name__})", gone=True)
        return answer if isinstance(answer, Failed) else cast("T", answer)

    def stopped(self) -> bool:
        """Whether one of the processes is stopped (or all are gone)."""
        return self._proc is None or family_stopped(self._proc.pid or 0)

    def kill_first(self) -> None:
        """Kill the first process (tests: a process that dies)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.join()

    def close(self, wait: float) -> None:
        """Stop them all: closing their pipes ends them; the first one waits for the others.
        ``wait``: seconds to let the first one do so before it is ended (0: at once, e.g.
        while it may still be importing); a stopped one is killed (:func:`end_process`)."""
        for conn in self.conns:
            conn.close()
        self.conns = []
        if self._proc is not None:
            end_process(self._proc, 0 if self.stopped() else wait)
            self._proc = None
