"""The command line's worker processes: forked, they check integrations, started before the
parent knows what to check so that libcst's import (~0.3 s) overlaps the walk of the tree.

This is the speed trick behind the ``ha cold`` and ``ha-2026.11 cold`` rows of
``benchmarks/run.py``: the serial run spends about a quarter of its time importing libcst after
the walk; here the workers import it (and every rule) while the parent walks, and then share
the integrations out. On the 2-core benchmark machine the ha-like cold run (48 platform
modules) fell from about 1.0 s to 0.65 s. Only where ``fork`` is available and safe (Linux):
elsewhere :mod:`devcreds_lint.parallel` keeps its spawned pool for large trees.

Nothing here changes what is found: a worker runs the same
:func:`~devcreds_lint.engine.check_integration` with the same options, and a chunk a worker
could not return (it died, or something failed outside the rules) is checked again in the
parent, which then behaves exactly as a serial run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import TYPE_CHECKING, cast

from devcreds_lint.contracts import Profile
from devcreds_lint.discovery import Integration
from devcreds_lint.processes import end_process, family_stopped
from devcreds_lint.workspace.options import RunOptions

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext
    from multiprocessing.process import BaseProcess

    from devcreds_lint.cache import Keyed, Keying
    from devcreds_lint.check_options import CheckOptions


def _start(
    conns: list[Connection],
    others: list[Connection],
    options: RunOptions,
    profiles: tuple[Profile, ...],
) -> None:
    """The first worker: import the engine once, then fork the other workers from itself, so
    that they start with it imported (one import of libcst in all, beside the parent's walk),
    and serve ``conns[0]``. ``others``: the parent's ends of the pipes, inherited by the fork;
    closed here so that a worker sees the end of its pipe when the parent is gone."""
    # Ctrl-C reaches the whole process group: the parent stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for conn in others:
        conn.close()
    from devcreds_lint.cache import Cache
    from devcreds_lint.rules import all_rules
    from devcreds_lint.workspace.options import run_check_options

    all_rules()  # every rule module imported before the first chunk arrives
    check = run_check_options(options, profiles)
    keying = Cache.keying_for(options, profiles)
    forked: list[int] = []
    for index in range(1, len(conns)):
        pid = os.fork()
        if pid == 0:  # a further worker, serving its own pipe only
            for k, conn in enumerate(conns):
                if k != index:
                    conn.close()
            try:
                _serve(conns[index], check, keying)
            finally:
                os._exit(0)  # never back into the first worker's code
        forked.append(pid)
        conns[index].close()

    def ended(*_: object) -> None:
        # Ended by the parent (processes.end_process): the workers it forked end with it, even
        # stopped ones, which would otherwise outlive the run.
        for pid in forked:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        os._exit(1)

    signal.signal(signal.SIGTERM, ended)
    _serve(conns[0], check, keying)
    # Wait for the others (their pipes closed with this one's): no orphans, and their CPU
    # time counts to this process, so to the parent's.
    for pid in forked:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


# How often (seconds) a run waiting for its workers looks whether one is stopped.
_STOPPED_CHECK = 1.0

# Above this many integrations the order is left as it is: the tail a large module makes is
# small beside the whole run, and the sizes would cost a stat per module.
ORDERED_UP_TO = 500


def heaviest_first(pending: list[Integration]) -> list[int]:
    """Indexes of ``pending``, the integrations with the most Python first (the bytes of their
    top-level modules, which the checks read): a 48 KB ``__init__.py`` with a finding costs
    ~90 ms, and the last one handed out sets the end of the run (Home Assistant's
    teslemetry sorts near the end of the alphabet). Small runs only (:data:`ORDERED_UP_TO`)."""
    if len(pending) > ORDERED_UP_TO:
        return list(range(len(pending)))

    def weight(integration: Integration) -> int:
        total = 0
        for name in integration.names:
            if name.endswith(".py") and "/" not in name:
                with contextlib.suppress(OSError):
                    total += os.stat(os.path.join(integration.folder, name)).st_size
        return total

    weights = [weight(i) for i in pending]
    return sorted(range(len(pending)), key=lambda i: -weights[i])


def _serve(conn: Connection, check: CheckOptions, keying: Keying | None) -> None:
    """Check each chunk the parent sends until it sends None or goes away; each integration's
    findings with the cache key of the bytes they were found in."""
    from devcreds_lint.cache import check_keyed

    while True:
        try:
            chunk: list[Integration] | None = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        try:
            found: list[Keyed] | None = [check_keyed(i, check, keying) for i in chunk]
        except Exception:  # the parent checks this chunk again and reports what happens
            found = None
        try:
            conn.send(found)
        except (OSError, ValueError):
            return


class Workers:
    """``count`` worker processes, forked at once, that import the engine and then check the
    chunks :meth:`check` hands them. The first one forks the others once it has imported the
    engine (:func:`_start`); :meth:`close` ends them all by closing their pipes."""

    def __init__(
        self,
        context: ForkContext,
        count: int,
        options: RunOptions,
        profiles: tuple[Profile, ...],
    ) -> None:
        self._options = options
        self._profiles = profiles
        self._conns: list[Connection] = []
        self._procs: list[BaseProcess] = []
        self._used = False
        # A buffered line would be written again by each child when it exits.
        sys.stdout.flush()
        sys.stderr.flush()
        pairs = [context.Pipe() for _ in range(count)]
        self._conns = [mine for mine, _ in pairs]
        theirs = [end for _, end in pairs]
        proc = context.Process(
            target=_start, args=(theirs, self._conns, options, profiles), daemon=True
        )
        proc.start()
        for end in theirs:
            end.close()
        self._procs.append(proc)

    def __len__(self) -> int:
        return len(self._conns)

    def check(self, pending: list[Integration]) -> list[Keyed]:
        """The cache key and findings of each pending integration, in order."""
        order = heaviest_first(pending)
        found = self._check([pending[i] for i in order])
        result: list[Keyed] = [(None, []) for _ in pending]
        for position, index in enumerate(order):
            result[index] = found[position]
        return result

    def _check(self, pending: list[Integration]) -> list[Keyed]:
        from multiprocessing.connection import wait

        self._used = True
        jobs = max(1, len(self._conns))
        # Small chunks share uneven work out well; the cap keeps each message small.
        size = max(1, min(50, len(pending) // (jobs * 16)))
        chunks = [pending[i : i + size] for i in range(0, len(pending), size)]
        results: list[list[Keyed] | None] = [None] * len(chunks)
        busy: dict[Connection, int] = {}
        next_chunk = 0
        idle = list(self._conns)
        while next_chunk < len(chunks) or busy:
            while idle and next_chunk < len(chunks):
                conn = idle.pop()
                try:
                    conn.send(chunks[next_chunk])
                except (OSError, ValueError):
                    continue  # a dead worker: its chunk goes to another one
                busy[conn] = next_chunk
                next_chunk += 1
            if not busy:
                break  # every worker is gone: the parent checks what is left
            answered = wait(list(busy), timeout=_STOPPED_CHECK)
            if not answered and family_stopped(self._procs[0].pid or 0):
                break  # a stopped worker never answers: the parent checks what is left
            for ready in answered:
                conn = cast("Connection", ready)
                index = busy.pop(conn)
                try:
                    results[index] = conn.recv()
                except (EOFError, OSError):
                    continue  # died while checking: the parent checks its chunk
                idle.append(conn)
        return self._check_missing(chunks, results)

    def _check_missing(
        self, chunks: list[list[Integration]], results: list[list[Keyed] | None]
    ) -> list[Keyed]:
        missing = [i for i, r in enumerate(results) if r is None]
        if missing:
            from devcreds_lint.cache import Cache, check_keyed
            from devcreds_lint.workspace.options import run_check_options

            check = run_check_options(self._options, self._profiles)
            keying = Cache.keying_for(self._options, self._profiles)
            for index in missing:
                results[index] = [check_keyed(i, check, keying) for i in chunks[index]]
        return [found for chunk in results if chunk is not None for found in chunk]

    def close(self) -> None:
        """Stop every worker. Closing their pipes ends them; the first one waits for the
        others. Workers never given anything to check are stopped at once instead (they may
        still be importing); a stopped one is killed (:func:`~devcreds_lint.processes.end_process`)."""
        for conn in self._conns:
            conn.close()
        for proc in self._procs:
            end_process(proc, 5 if self._used and not family_stopped(proc.pid or 0) else 0)
        self._conns = []
        self._procs = []
