"""Checking many integrations: from the cache when nothing changed, in a process pool
above a threshold, always merged into one sorted list."""

from __future__ import annotations

import os
from collections.abc import Iterable

from devcreds_lint.contracts import Profile
from devcreds_lint.discovery import Integration
from devcreds_lint.model import Diagnostic
from devcreds_lint.workspace.options import RunOptions, run_check_options

# Below this many integrations to parse, starting worker processes costs more than it saves.
POOL_THRESHOLD = 400


def _jobs(options: RunOptions, pending: int) -> int:
    env = os.environ.get("DEVCREDS_LINT_JOBS")
    jobs = options.jobs or (int(env) if env and env.isdigit() else os.cpu_count() or 1)
    if pending < POOL_THRESHOLD:
        return 1
    return max(1, min(jobs, pending // 50))


def check_all(
    integrations: list[Integration], options: RunOptions, profiles: tuple[Profile, ...]
) -> list[Diagnostic]:
    from devcreds_lint.cache import Cache

    cache = Cache.open(options, profiles)
    results: list[Diagnostic] = []
    pending: list[Integration] = []
    keys: dict[str, str] = {}
    for integration in integrations:
        key = cache.key(integration) if cache else None
        cached = cache.get(key) if cache and key else None
        if cached is not None:
            results.extend(cached)
            continue
        if key:
            keys[integration.folder] = key
        pending.append(integration)
    for integration, found in _check(pending, options, profiles):
        results.extend(found)
        key = keys.get(integration.folder)
        if cache and key:
            cache.put(key, found)
    if cache:
        cache.save()
    results.sort(key=Diagnostic.sort_key)
    return results


def _check(
    pending: list[Integration], options: RunOptions, profiles: tuple[Profile, ...]
) -> Iterable[tuple[Integration, list[Diagnostic]]]:
    if not pending:
        return []
    jobs = _jobs(options, len(pending))
    check = run_check_options(options, profiles)
    if jobs <= 1:
        from devcreds_lint.engine import check_integration

        return [(i, check_integration(i, check)) for i in pending]
    import concurrent.futures

    chunk = max(1, len(pending) // (jobs * 8))
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        found = list(pool.map(_worker, [(i, check) for i in pending], chunksize=chunk))
    return list(zip(pending, found, strict=True))


def _worker(args: tuple[Integration, object]) -> list[Diagnostic]:
    from devcreds_lint.engine import CheckOptions, check_integration

    integration, check = args
    assert isinstance(check, CheckOptions)
    return check_integration(integration, check)
