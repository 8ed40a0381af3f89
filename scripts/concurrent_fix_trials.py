"""Concurrent ``--fix`` runs on real code: do two (then four) runs at once leave exactly the
files that one run leaves?

Lays out (outside this repository) a copy of every Home Assistant integration that has an
``application_credentials.py``, from the ``homeassistant`` wheel on PyPI as
``check_home_assistant.py`` does (or from a folder that already holds an unpacked
``homeassistant/``), and injects two defects whose fixes both runs would make: a DC102-broken
import (``from homeassistant.core.HomeAssistant``) and a manifest without the
``application_credentials`` dependency (DC601). One ``check --fix --no-cache`` run on a copy
gives the reference; then, for each trial, N runs start at once on a fresh copy and every file
is compared with the reference. A run that waited for another or lost the race must say so.

    python scripts/concurrent_fix_trials.py [--version 2026.2.3] [--keep DIR] [--trials 20]
        [--runs 2 4]

``--keep DIR``: unpack the wheel there, or reuse the ``homeassistant/`` already in it (then
``--version`` is not looked at).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_home_assistant import home_assistant_tree

PLATFORM = "application_credentials.py"
GOOD_IMPORT = re.compile(r"^from homeassistant\.core import HomeAssistant\n", re.MULTILINE)
BROKEN_IMPORT = "from homeassistant.core.HomeAssistant\n"
SAID_SO = ("another devcreds-lint --fix", "changed while fixing")


def lay_out(ha: str, tree: str) -> tuple[int, int, int]:
    """Copy every integration with a platform module into ``tree/homeassistant/components``
    and inject the defects: (integrations, broken imports, manifests without the dependency)."""
    components = os.path.join(ha, "components")
    target = os.path.join(tree, "homeassistant", "components")
    count = imports = manifests = 0
    for domain in sorted(os.listdir(components)):
        source = os.path.join(components, domain)
        if not os.path.isfile(os.path.join(source, PLATFORM)):
            continue
        folder = os.path.join(target, domain)
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("__pycache__"))
        count += 1
        module = os.path.join(folder, PLATFORM)
        with open(module, encoding="utf-8") as handle:
            text = handle.read()
        broken, n = GOOD_IMPORT.subn(BROKEN_IMPORT, text, count=1)
        if n:
            imports += 1
            with open(module, "w", encoding="utf-8") as handle:
                handle.write(broken)
        path = os.path.join(folder, "manifest.json")
        with open(path, encoding="utf-8") as handle:
            manifest = json.load(handle)
        dependencies = manifest.get("dependencies", [])
        if "application_credentials" in dependencies:
            dependencies.remove("application_credentials")
            manifests += 1
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(manifest, indent=2) + "\n")
    return count, imports, manifests


def read_tree(tree: str) -> dict[str, bytes]:
    files = {}
    for folder, _dirs, names in os.walk(tree):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, tree)] = handle.read()
    return files


def fix(tree: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "devcreds_lint", "check", "--fix", "--no-cache", "-q", tree],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def trial(
    base: str, work: str, runs: int, reference: dict[str, bytes], alone: int
) -> tuple[bool, str]:
    """(the files are those of one run and no run exited 1 without saying why, where one run
    alone exits ``alone``; one line)."""
    tree = os.path.join(work, "trial")
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(base, tree)
    started = time.perf_counter()
    procs = [fix(tree) for _ in range(runs)]
    outcomes = [(p.wait(), p.communicate()[1]) for p in procs]
    elapsed = time.perf_counter() - started
    now = read_tree(tree)
    differing = sorted(n for n in set(now) | set(reference) if now.get(n) != reference.get(n))
    silent = [
        code for code, err in outcomes if code != alone and not any(s in err for s in SAID_SO)
    ]
    errors = [code for code, err in outcomes if code not in (0, 1) or "internal error" in err]
    said = sum(1 for code, err in outcomes if any(s in err for s in SAID_SO))
    ok = not differing and not silent and not errors
    line = (
        f"{'same' if not differing else f'{len(differing)} files differ'}; "
        f"exit codes {','.join(str(c) for c, _ in outcomes)}; {said} said they waited or lost"
        f"{'; SILENT exit 1' if silent else ''}{'; ERRORS' if errors else ''}; {elapsed:.1f} s"
    )
    if differing:
        line += "\n      " + "\n      ".join(differing[:10])
    return ok, line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="2026.2.3")
    parser.add_argument("--keep", help="unpack here (and reuse it next time) instead of a temp dir")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--runs", type=int, nargs="+", default=[2, 4])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        ha = home_assistant_tree(args.version, args.keep, temp)
        base = os.path.join(temp, "base")
        count, imports, manifests = lay_out(ha, base)
        print(
            f"{ha}: {count} integrations with {PLATFORM}; "
            f"{imports} imports broken (DC102), {manifests} manifests without the dependency "
            "(DC601)"
        )
        single = os.path.join(temp, "single")
        shutil.copytree(base, single)
        proc = fix(single)
        _, err = proc.communicate()
        reference = read_tree(single)
        changed = sum(1 for n, data in read_tree(base).items() if reference.get(n) != data)
        print(
            f"one run: exit {proc.returncode} (other findings remain), {changed} files changed"
            f"{err and ': ' + err}"
        )
        again = subprocess.run(
            [sys.executable, "-m", "devcreds_lint", "check", "--no-cache", "-q", single],
            capture_output=True,
            text=True,
        )
        left = sum(
            1 for line in again.stdout.splitlines() if " DC102 " in line or " DC601 " in line
        )
        print(f"after it, a check finds {left} DC102/DC601")
        failures = 0
        for runs in args.runs:
            same = 0
            for number in range(1, args.trials + 1):
                ok, line = trial(base, temp, runs, reference, proc.returncode)
                same += ok
                print(f"  {runs} runs, trial {number:2d}: {line}", flush=True)
            failures += args.trials - same
            print(f"{runs} concurrent runs: {same}/{args.trials} trials as one run")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
