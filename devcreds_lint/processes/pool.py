"""The command line's worker processes, which share a run's integrations out:
:class:`ForkedWorkers` (Linux) and :class:`SpawnedWorkers` (elsewhere, or when
``DEVCREDS_LINT_START_METHOD=spawn`` asks for them). :func:`devcreds_lint.parallel.choose`
says when either is worth its start.

The forked workers are the speed trick behind the ``ha cold`` and ``ha-2026.11 cold`` rows of
``benchmarks/run.py``: started before the parent knows what to check, they import libcst and
every rule (:class:`~devcreds_lint.processes.forked.Engines`) while the parent walks the tree,
and then share the integrations out; the serial run spends about a quarter of its time
importing libcst after the walk.

Nothing here changes what is found: a worker runs the same :class:`~devcreds_lint.processes.Check`,
and a chunk a worker could not return (it died, or something failed outside the rules) is
checked again here, which then behaves exactly as a serial run.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, cast

from devcreds_lint.discovery import Integration
from devcreds_lint.processes import Check
from devcreds_lint.processes.forked import STOPPED_CHECK, Engines, Failed

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext

    from devcreds_lint.cache import Keyed

# Above this many integrations the order is left as it is: the tail a large module makes is
# small beside the whole run, and the sizes would cost a stat per module.
ORDERED_UP_TO = 500


def heaviest_first(pending: tuple[Integration, ...] | list[Integration]) -> list[int]:
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


def _chunks(request: Check, jobs: int) -> list[Check]:
    """Small chunks share uneven work out well; the cap keeps each message small."""
    count = len(request.integrations)
    size = max(1, min(50, count // (jobs * 16)))
    return [request.part(i, i + size) for i in range(0, count, size)]


def _in_order(request: Check, checker: ForkedWorkers | SpawnedWorkers) -> list[Keyed]:
    """Run ``request`` heaviest first through ``checker._check``, answers in the original
    order."""
    order = heaviest_first(request.integrations)
    integrations = tuple(request.integrations[i] for i in order)
    found = checker._check(
        Check(integrations, request.check_options, request.overrides, request.keying)
    )
    result: list[Keyed] = [(None, []) for _ in order]
    for position, index in enumerate(order):
        result[index] = found[position]
    return result


class ForkedWorkers:
    """``count`` forked worker processes (:class:`Engines`), started at once: they import the
    engine meanwhile, then check the chunks :meth:`check` hands them."""

    def __init__(self, context: ForkContext, count: int) -> None:
        self._engines = Engines(context, count)
        self._used = False

    def __len__(self) -> int:
        return len(self._engines.conns)

    def check(self, request: Check) -> list[Keyed]:
        """The (cache key, findings) of each integration of ``request``, in order."""
        return _in_order(request, self)

    def _check(self, request: Check) -> list[Keyed]:
        from multiprocessing.connection import wait

        self._used = True
        engines = self._engines
        chunks = _chunks(request, max(1, len(engines.conns)))
        results: list[list[Keyed] | None] = [None] * len(chunks)
        busy: dict[Connection, int] = {}
        next_chunk = 0
        idle = list(engines.conns)
        while next_chunk < len(chunks) or busy:
            while idle and next_chunk < len(chunks):
                conn = idle.pop()
                if not engines.send(conn, chunks[next_chunk]):
                    continue  # a dead worker: its chunk goes to another one
                busy[conn] = next_chunk
                next_chunk += 1
            if not busy:
                break  # every worker is gone: what is left is checked here
            answered = wait(list(busy), timeout=STOPPED_CHECK)
            if not answered and engines.stopped():
                break  # a stopped worker never answers: what is left is checked here
            for ready in answered:
                conn = cast("Connection", ready)
                index = busy.pop(conn)
                answer = engines.receive(conn, chunks[index])
                if isinstance(answer, Failed):
                    if answer.gone:
                        continue  # died while checking: its chunk is checked here
                else:
                    results[index] = answer
                idle.append(conn)
        # What no worker answered is checked here.
        return [
            found
            for chunk, answered in zip(chunks, results, strict=True)
            for found in (answered if answered is not None else chunk.run())
        ]

    def close(self) -> None:
        """Stop every worker. Workers never given anything to check are stopped at once
        (they may still be importing), and stopped ones are killed."""
        self._engines.close(wait=5 if self._used else 0)


def _run_check(request: Check) -> list[Keyed]:
    return request.run()


class SpawnedWorkers:
    """``count`` spawned worker processes: each imports the engine itself, after this process
    has (macOS and Windows, where forking is unavailable or unsafe)."""

    def __init__(self, count: int) -> None:
        self._count = count

    def check(self, request: Check) -> list[Keyed]:
        return _in_order(request, self)

    def _check(self, request: Check) -> list[Keyed]:
        import concurrent.futures
        import multiprocessing

        chunks = _chunks(request, self._count)
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(self._count, mp_context=context) as pool:
            return [found for answer in pool.map(_run_check, chunks) for found in answer]

    def close(self) -> None:
        pass
