"""Which :class:`~devcreds_lint.processes.Executor` checks a run: :func:`choose`, the one
place that decides, from the amount of work, the cores this process may use and the load.

The rule (docs/architecture.md):

1. ``--jobs``/``DEVCREDS_LINT_JOBS`` set the most processes; unset, the cores this process may
   run on (``os.sched_getaffinity``, else ``os.cpu_count()``), and 1 while the machine is
   busy: a 1-minute load average (``os.getloadavg``) of at least :data:`BUSY_LOAD` times
   those cores. Measured on 2 cores, the forked workers won on an idle machine (1.16-1.36x
   faster than one process), against two CPU hogs (0.79x of its time) and at a load average
   of ~5 (one process took 1.23-1.27x their time), but lost at a load of 9-12 (0.78-0.86x):
   the line is drawn between (benchmarks/README.md).
2. A worker has at least :data:`PER_WORKER` integrations to check, and workers start only from
   a threshold of integrations: :data:`FORK_THRESHOLD` forked (they inherit the engine's
   import, or overlap it), :data:`SPAWN_THRESHOLD` spawned (each imports libcst itself).
3. Forked workers where ``fork`` is safe (Linux), spawned ones elsewhere;
   ``DEVCREDS_LINT_START_METHOD=spawn`` forces spawned ones (tests).
4. Before the walk (``pending`` unknown), forked workers are started at once when the run
   will surely check from scratch (no cache, or no cache file yet) something that may hold
   many integrations (a folder is named): they import libcst while the walk goes on. A run
   that may be warm never starts them there: it must not import libcst at all.
"""

from __future__ import annotations

import os

from devcreds_lint.cache import Cache
from devcreds_lint.processes import Executor, InProcess
from devcreds_lint.processes.forked import fork_context
from devcreds_lint.processes.pool import ForkedWorkers, SpawnedWorkers
from devcreds_lint.workspace.options import RunOptions

FORK_THRESHOLD = 12
SPAWN_THRESHOLD = 400
# Fewest integrations per worker: a worker with less to do is not worth its start.
PER_WORKER = 6
# A 1-minute load average of this many times the usable cores: one process does better.
BUSY_LOAD = 3.0


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on macOS or Windows
        return os.cpu_count() or 1


def busy(cores: int) -> bool:
    """Whether the machine is busy enough that workers would lose to one process."""
    try:
        return os.getloadavg()[0] >= BUSY_LOAD * cores
    except (AttributeError, OSError):  # Windows; a system that cannot tell
        return False


def job_count(options: RunOptions) -> int:
    """The most processes this run may use (rule 1)."""
    env = os.environ.get("DEVCREDS_LINT_JOBS")
    asked = options.jobs or (int(env) if env and env.isdigit() else 0)
    if asked:
        return asked
    cores = usable_cores()
    return 1 if busy(cores) else cores


def forced_spawn() -> bool:
    return os.environ.get("DEVCREDS_LINT_START_METHOD") == "spawn"


def choose(options: RunOptions, pending: int | None) -> Executor | None:
    """The executor for ``pending`` integrations still to check; before the walk
    (``pending`` None), forked workers started now, or None: decide once the count is known."""
    jobs = job_count(options)
    context = None if forced_spawn() else fork_context()
    if pending is None:
        if context is None or jobs <= 1 or not any(os.path.isdir(p) for p in options.paths):
            return None
        if options.use_cache and os.path.exists(Cache.file_for(options)):
            return None
        return ForkedWorkers(context, jobs)
    threshold = FORK_THRESHOLD if context is not None else SPAWN_THRESHOLD
    jobs = min(jobs, pending // PER_WORKER) if pending >= threshold else 1
    if jobs <= 1:
        return InProcess()
    if context is not None:
        return ForkedWorkers(context, jobs)
    return SpawnedWorkers(jobs)
