"""Checking many integrations: from the cache when nothing changed, in worker processes
above a threshold, always merged into one sorted list.

Where ``fork`` is available (Linux), the workers are :class:`~devcreds_lint.processes.pool.Workers`:
started by :func:`start_workers` before the walk when the run is surely cold, so that they
import libcst while the parent walks the tree, or by :func:`check_all` once it knows enough is
left to check. Elsewhere a spawned process pool is used above :data:`SPAWN_THRESHOLD`.
"""

from __future__ import annotations

import os

from devcreds_lint.cache import Keyed, Keying, check_keyed
from devcreds_lint.contracts import Profile
from devcreds_lint.discovery import Integration
from devcreds_lint.model import Diagnostic
from devcreds_lint.processes import fork_context, job_count
from devcreds_lint.processes.checker import Checker
from devcreds_lint.processes.pool import Workers
from devcreds_lint.workspace.options import RunOptions, run_check_options

# Below this many integrations to check, worker processes cost more than they save. Forked
# workers inherit or overlap libcst's import, so they pay off early; spawned ones (macOS,
# Windows) import it each, after the parent has.
FORK_THRESHOLD = 12
SPAWN_THRESHOLD = 400
# Fewest integrations per worker: a worker with less to do is not worth its start.
PER_WORKER = 6


def _jobs(options: RunOptions, pending: int, threshold: int) -> int:
    if pending < threshold:
        return 1
    return max(1, min(job_count(options), pending // PER_WORKER))


def start_workers(options: RunOptions, profiles: tuple[Profile, ...]) -> Workers | None:
    """Workers started now, before the walk, when this run will surely check from scratch
    (no cache, or no cache file yet) a folder that may hold many integrations; else None.
    A run that may be warm never starts them: it must not import libcst at all."""
    context = fork_context()
    jobs = job_count(options)
    if context is None or jobs <= 1 or not any(os.path.isdir(p) for p in options.paths):
        return None
    from devcreds_lint.cache import Cache

    if options.use_cache and os.path.exists(Cache.file_for(options, profiles)):
        return None
    return Workers(context, jobs, options, profiles)


def check_all(
    integrations: list[Integration],
    options: RunOptions,
    profiles: tuple[Profile, ...],
    workers: Workers | None = None,
    checker: Checker | None = None,
) -> list[Diagnostic]:
    """Every finding of ``integrations``, cached ones from the cache. ``workers``: started
    before the walk (:func:`start_workers`); ``checker``: the process ``launch.py`` forked for
    a run over a few named files, which checks them unless there are many."""
    from devcreds_lint.cache import Cache

    cache = Cache.open(options, profiles)
    results: list[Diagnostic] = []
    pending: list[Integration] = []
    for integration in integrations:
        key = cache.key(integration) if cache else None
        cached = cache.get(key) if cache and key else None
        if cached is not None:
            results.extend(cached)
            continue
        pending.append(integration)
    # Stored under the key of the bytes they were found in (read once where they are checked),
    # which a file changed since the lookup above makes another key.
    keying = cache.keying if cache else None
    for key, found in _check(pending, options, profiles, keying, workers, checker):
        results.extend(found)
        if cache and key:
            cache.put(key, found)
    if cache:
        cache.save()
    results.sort(key=Diagnostic.sort_key)
    return results


def _check(
    pending: list[Integration],
    options: RunOptions,
    profiles: tuple[Profile, ...],
    keying: Keying | None,
    workers: Workers | None,
    checker: Checker | None,
) -> list[Keyed]:
    if not pending:
        return []
    if workers is not None:  # started before the walk: already importing, use them
        return workers.check(pending)
    if checker is not None and len(pending) < FORK_THRESHOLD:
        check = run_check_options(options, profiles)
        return [checker.keyed_findings(i, check, keying) for i in pending]
    context = fork_context()
    threshold = FORK_THRESHOLD if context is not None else SPAWN_THRESHOLD
    jobs = _jobs(options, len(pending), threshold)
    if jobs <= 1:
        check = run_check_options(options, profiles)
        return [check_keyed(i, check, keying) for i in pending]
    if context is not None:
        started = Workers(context, jobs, options, profiles)
        try:
            return started.check(pending)
        finally:
            started.close()
    return _spawned_pool(pending, options, profiles, keying, jobs)


def _spawned_pool(
    pending: list[Integration],
    options: RunOptions,
    profiles: tuple[Profile, ...],
    keying: Keying | None,
    jobs: int,
) -> list[Keyed]:
    import concurrent.futures

    check = run_check_options(options, profiles)
    chunk = max(1, len(pending) // (jobs * 8))
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_worker, [(i, check, keying) for i in pending], chunksize=chunk))


def _worker(args: tuple[Integration, object, Keying | None]) -> Keyed:
    from devcreds_lint.engine import CheckOptions

    integration, check, keying = args
    assert isinstance(check, CheckOptions)
    return check_keyed(integration, check, keying)
