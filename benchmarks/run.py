#!/usr/bin/env python3
"""Benchmark harness for devcreds-lint: the checker against the floor, in one run.

    python benchmarks/run.py              # full run (about 3 minutes on 2 cores)
    python benchmarks/run.py --quick      # smoke run: small stress tree, 3 repeats

It generates the synthetic trees (``benchmarks/generate.py``) into a temporary folder, or
reuses them with ``--tree DIR``, then times every command as a subprocess with
``time.perf_counter``, alternating the commands of a scenario round-robin, and prints the
medians and the ratios against the performance targets (PASS/MISS). It also checks that the
checker's findings are identical cold, warm, serial and parallel. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generate import EXPECTED_CODES, stress_spec

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GENERATOR = HERE / "generate.py"
FLOOR = HERE / "floor.py"
SERVER_STARTUP = HERE / "server_startup.py"
CACHE_NAME = ".devcreds_lint_cache"
TIMEOUT = 1800.0
CHECKER_OK = (0, 1)  # 0 clean, 1 findings; anything else is a failed run

# Runs a command, then writes its wall time and getrusage(RUSAGE_CHILDREN) to a JSON file.
# The measured command inherits stdout/stderr, so the harness still captures its output.
WRAPPER = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as handle:
    json.dump({"seconds": seconds, "maxrss_kb": usage.ru_maxrss,
               "cpu": usage.ru_utime + usage.ru_stime}, handle)
sys.exit(code)
"""
IMPORT_LINE = re.compile(r"^import time:.*\|\s*libcst(\.|\s*$)", re.MULTILINE)


# --------------------------------------------------------------------------------------------
# Running commands
# --------------------------------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    returncode: int
    stdout: bytes
    stderr: bytes
    cpu_seconds: float | None = None
    maxrss_mb: float | None = None
    peak_pss_mb: float | None = None


@dataclass
class Command:
    name: str
    argv: list[str]
    cwd: Path
    env: dict[str, str]
    ok: tuple[int, ...] = (0,)
    before: Callable[[], None] | None = None  # untimed preparation before every run
    measure: bool = False  # wrap for peak memory and CPU time
    samples: list[Sample] = field(default_factory=list)

    @property
    def failed(self) -> Sample | None:
        return next((s for s in self.samples if s.returncode not in self.ok), None)

    def median(self) -> float | None:
        if not self.samples or self.failed:
            return None
        return statistics.median(s.seconds for s in self.samples)


def _tasks_children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as handle:
                found += [int(c) for c in handle.read().split()]
        except OSError:
            pass
    return found


def _descendants(pid: int) -> Iterator[int]:
    stack = _tasks_children(pid)
    while stack:
        child = stack.pop()
        yield child
        stack += _tasks_children(child)


def _memory_kb(pid: int) -> int:
    """Proportional set size (shared pages split between sharers); RSS where PSS is absent."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path) as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed PSS of every descendant of ``pid`` (the wrapped command's tree)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(self.interval):
            total = sum(_memory_kb(p) for p in _descendants(self.pid))
            self.peak_kb = max(self.peak_kb, total)


def run_once(cmd: Command, scratch: Path) -> Sample:
    if cmd.before:
        cmd.before()
    argv = cmd.argv
    result = scratch / f"measure-{os.getpid()}.json"
    if cmd.measure:
        argv = [sys.executable, "-c", WRAPPER, str(result), *cmd.argv]
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cmd.cwd, env=cmd.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    sampler = TreeSampler(proc.pid) if cmd.measure else None
    if sampler:
        sampler.start()
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        code, err = -9, err + f"\n[benchmark] timed out after {TIMEOUT:.0f} s".encode()
    seconds = time.perf_counter() - start
    sample = Sample(seconds, code, out, err)
    if sampler:
        sampler.halt.set()
        sampler.join()
        sample.peak_pss_mb = sampler.peak_kb / 1024
        if result.exists():
            data = json.loads(result.read_text())
            sample.seconds = float(data["seconds"])
            sample.maxrss_mb = int(data["maxrss_kb"]) / 1024
            sample.cpu_seconds = float(data["cpu"])
            result.unlink()
    return sample


def round_robin(commands: Sequence[Command], repeat: int, scratch: Path, label: str) -> None:
    """Run every command ``repeat`` times, interleaved; the order rotates each round."""
    live = list(commands)
    for r in range(repeat):
        order = live[r % len(live) :] + live[: r % len(live)] if live else []
        for cmd in order:
            if cmd.failed:
                continue
            sample = run_once(cmd, scratch)
            cmd.samples.append(sample)
            if sample.returncode not in cmd.ok:
                report_failure(cmd, sample)
        done = ", ".join(
            f"{c.name} {c.samples[-1].seconds:.2f}s" for c in order if c.samples and not c.failed
        )
        print(f"  [{label} {r + 1}/{repeat}] {done}", flush=True)


def report_failure(cmd: Command, sample: Sample) -> None:
    tail = sample.stderr.decode("utf-8", "replace").strip().splitlines()[-8:]
    print(f"  !! {cmd.name} exited {sample.returncode} (expected {cmd.ok}):", file=sys.stderr)
    for line in tail:
        print(f"     {line}", file=sys.stderr)


# --------------------------------------------------------------------------------------------
# Trees
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TreeSpec:
    kind: str  # "ha-like" | "stress"
    count: int
    platform_count: int = 45
    shards: int = 8
    seed: int = 0
    large_siblings: int = 0

    @property
    def dirname(self) -> str:
        tail = f"-{self.platform_count}p{self.large_siblings}l" if self.large_siblings else ""
        return f"{self.kind}-{self.count}{tail}"

    def marker(self) -> dict[str, Any]:
        return {"generator": hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:16], **vars(self)}

    def argv(self, out: Path) -> list[str]:
        argv = [sys.executable, str(GENERATOR), self.kind, str(out), "--count", str(self.count)]
        argv += ["--seed", str(self.seed)]
        if self.kind == "ha-like":
            argv += ["--platform-count", str(self.platform_count)]
            if self.large_siblings:
                argv += ["--large-siblings", str(self.large_siblings)]
            return argv
        return [*argv, "--shards", str(self.shards)]


def ensure_trees(root: Path, specs: Sequence[TreeSpec]) -> dict[TreeSpec, Path]:
    """Generate the trees that are missing or stale, in parallel; reuse the others."""
    root.mkdir(parents=True, exist_ok=True)
    paths: dict[TreeSpec, Path] = {}
    jobs: list[tuple[TreeSpec, subprocess.Popen[bytes]]] = []
    for spec in specs:
        path, marker = root / spec.dirname, root / f"{spec.dirname}.json"
        paths[spec] = path
        if marker.exists() and json.loads(marker.read_text()) == spec.marker() and path.is_dir():
            print(f"  reusing {path}")
            continue
        if path.exists():
            if not marker.exists():
                sys.exit(f"{path} exists but was not made by this harness; pick another --tree")
            shutil.rmtree(path)
            marker.unlink()
        print(f"  generating {path} ...", flush=True)
        jobs.append((spec, subprocess.Popen(spec.argv(path), stdout=subprocess.PIPE)))
    for spec, job in jobs:
        out, _ = job.communicate()
        if job.returncode:
            sys.exit(f"generate.py failed for {spec}")
        (root / f"{spec.dirname}.json").write_text(json.dumps(spec.marker()))
        print(f"  {out.decode().strip()}")
    return paths


def link_tree(src: Path, dst: Path) -> None:
    """A hard-linked clone of ``src`` (a copy where links are impossible)."""

    def copy(s: str, d: str) -> object:
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)
        return d

    shutil.copytree(src, dst, copy_function=copy)


# --------------------------------------------------------------------------------------------
# The checker
# --------------------------------------------------------------------------------------------


def base_env(installed: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEVCREDS_LINT_")}
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # Real runs reuse cached bytecode; without it every run recompiles devcreds_lint.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not installed and (REPO / "devcreds_lint" / "__init__.py").exists():
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def checker(*args: str) -> list[str]:
    return [sys.executable, "-m", "devcreds_lint", "check", *args]


def probe_checker(env: dict[str, str], tree: Path, scratch: Path) -> str | None:
    """None when the checker CLI works; otherwise why not."""
    where = subprocess.run(
        [sys.executable, "-c", "import devcreds_lint; print(devcreds_lint.__file__)"],
        cwd=scratch,
        env=env,
        capture_output=True,
        text=True,
    )
    if where.returncode:
        last = (where.stderr.strip().splitlines() or ["?"])[-1]
        return f"devcreds_lint is not importable ({last})"
    print(f"  devcreds_lint from {Path(where.stdout.strip()).parent}")
    probe = subprocess.run(
        checker(".", "--no-cache", "--output-format", "json"),
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if probe.returncode not in CHECKER_OK:
        tail = " | ".join(probe.stderr.strip().splitlines()[-3:])
        return f"`python -m devcreds_lint check` exited {probe.returncode}: {tail}"
    try:
        json.loads(probe.stdout)
    except ValueError:
        tail = " | ".join(probe.stderr.strip().splitlines()[-3:])
        return f"`check --output-format json` exited {probe.returncode} without JSON: {tail}"
    return None


def finding_dicts(output: bytes) -> list[dict[str, Any]] | None:
    """Every object with a string ``code`` in a JSON report (best effort), None if no JSON."""
    try:
        data = json.loads(output)
    except ValueError:
        return None
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("code"), str):
                found.append(node)
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return found


def findings(output: bytes) -> tuple[int | None, Counter[str]]:
    """How many findings a JSON report holds, and how many per code."""
    found = finding_dicts(output)
    if found is None:
        return None, Counter()
    return len(found), Counter(str(f["code"]) for f in found)


def integration_of(finding: dict[str, Any]) -> str | None:
    """The integration domain a finding's file belongs to (``.../custom_components/<d>/...``)."""
    path = finding.get("filename") or finding.get("path") or ""
    parts = Path(str(path)).parts
    for i, part in enumerate(parts[:-1]):
        if part in ("custom_components", "components"):
            return parts[i + 1]
    return None


def planted_defects(output: bytes, indices: range, seed: int) -> tuple[bool, list[str]]:
    """Compare a stress report with the defects the generator planted (precision and recall)."""
    found = finding_dicts(output)
    if found is None:
        return False, ["the report is not JSON"]
    reported: dict[str, set[str]] = {}
    for item in found:
        domain = integration_of(item)
        if domain is not None:
            reported.setdefault(domain, set()).add(str(item["code"]))
    planted: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    unexpected: list[str] = []
    clean = 0
    for index in indices:
        spec = stress_spec(index, seed)[0]
        codes = reported.get(spec.domain, set())
        clean += not spec.defects
        for defect in spec.defects:
            planted[defect] += 1
            caught[defect] += set(EXPECTED_CODES[defect]) <= codes
        expected = {c for d in spec.defects for c in EXPECTED_CODES[d]}
        unexpected += [
            f"{c} in {spec.domain} (planted: {sorted(spec.defects) or 'none'})"
            for c in sorted(codes - expected)
        ]
    total, hits = sum(planted.values()), sum(caught.values())
    missed = ", ".join(f"{d} {caught[d]}/{n}" for d, n in sorted(planted.items()) if caught[d] < n)
    lines = [
        f"planted defects reported: {hits}/{total}" + (f" (missed: {missed})" if missed else ""),
        f"findings no planted defect explains: {len(unexpected)}"
        f" ({clean} of {len(indices)} integrations are clean)",
        *[f"  e.g. {u}" for u in unexpected[:5]],
    ]
    return hits == total and not unexpected, lines


def canonical(output: bytes) -> str | None:
    def norm(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: norm(v) for k, v in sorted(node.items())}
        if isinstance(node, list):
            return sorted((norm(v) for v in node), key=lambda v: json.dumps(v, sort_keys=True))
        return node

    try:
        return json.dumps(norm(json.loads(output)), sort_keys=True)
    except ValueError:
        return None


def compare(label: str, runs: dict[str, Sample]) -> bool:
    """Print whether every run printed the same findings; True when they all match."""
    (ref_name, ref), *others = runs.items()
    count, codes = findings(ref.stdout)
    same = True
    notes = []
    for name, sample in others:
        if sample.stdout == ref.stdout and sample.returncode == ref.returncode:
            continue
        if sample.returncode == ref.returncode and canonical(sample.stdout) == canonical(
            ref.stdout
        ):
            notes.append(f"{name}: same findings but different bytes/order")
        else:
            n, _ = findings(sample.stdout)
            notes.append(f"{name}: DIFFERENT (exit {sample.returncode}, {n} findings)")
        same = False
    names = " == ".join(runs)
    verdict = "MATCH" if same else "MISMATCH"
    print(f"  {label}: {verdict} ({names}; exit {ref.returncode}, {count} findings)")
    for note in notes:
        print(f"    {note} vs {ref_name} (exit {ref.returncode}, {count} findings)")
    if codes:
        print("    codes: " + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())))
    return same


# --------------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------------


@dataclass
class Settings:
    repeat: int
    stress_repeat: int
    growth_repeat: int
    cold_mode: str
    verify_full: bool
    skip: set[str]


@dataclass
class Report:
    rows: list[tuple[str, Command]] = field(default_factory=list)
    targets: list[tuple[str, str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def target(self, name: str, value: float | None, limit: float, fmt: str = "{:.2f}x") -> None:
        if value is None:
            self.targets.append((name, "n/a", "<= " + fmt.format(limit), "n/a"))
            return
        verdict = "PASS" if value <= limit else "MISS"
        self.targets.append((name, fmt.format(value), "<= " + fmt.format(limit), verdict))
        self.data.setdefault("targets", {})[name] = {"value": value, "limit": limit}


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


class Bench:
    def __init__(self, settings: Settings, env: dict[str, str], work: Path) -> None:
        self.s, self.env, self.work = settings, env, work
        self.report = Report()
        self.checker_error: str | None = None

    @property
    def has_checker(self) -> bool:
        return self.checker_error is None

    def cold_args(self, tag: str) -> tuple[list[str], Callable[[], None] | None]:
        """Flags for a cold run, and the preparation that makes it cold."""
        if self.s.cold_mode == "no-cache":
            return ["--no-cache"], None
        cache = self.work / f"cold-cache-{tag}"

        def fresh() -> None:
            shutil.rmtree(cache, ignore_errors=True)
            cache.mkdir()

        return ["--cache-dir", str(cache)], fresh

    def cmd(self, name: str, argv: list[str], cwd: Path, **kw: Any) -> Command:
        return Command(name, argv, cwd, dict(self.env), **kw)

    def check_no_stray_cache(self, *trees: Path) -> None:
        for tree in trees:
            stray = tree / CACHE_NAME
            if stray.exists():
                self.report.notes.append(f"the checker wrote {stray} although told not to")
                shutil.rmtree(stray)

    # -- ha-like ---------------------------------------------------------------------------

    def ha_like(self, ha: Path, ha2x: Path) -> None:
        print("\n== ha-like tree (round-robin) ==", flush=True)
        commands = [
            self.cmd("ha floor", [sys.executable, str(FLOOR), "."], ha),
            self.cmd("import libcst", [sys.executable, "-c", "import libcst"], ha),
            self.cmd("python startup", [sys.executable, "-c", "pass"], ha),
            self.cmd("ha-2x floor", [sys.executable, str(FLOOR), "."], ha2x),
        ]
        if self.has_checker:
            flags, fresh = self.cold_args("ha")
            flags2x, fresh2x = self.cold_args("ha2x")
            warm_cache = self.work / "warm-cache-ha"
            json_out = ["--output-format", "json"]
            cold = self.cmd(
                "ha cold", checker(".", *flags, *json_out), ha, ok=CHECKER_OK, before=fresh
            )
            warm = self.cmd(
                "ha warm",
                checker(".", "--cache-dir", str(warm_cache), *json_out),
                ha,
                ok=CHECKER_OK,
            )
            cold2x = self.cmd(
                "ha-2x cold", checker(".", *flags2x, *json_out), ha2x, ok=CHECKER_OK, before=fresh2x
            )
            commands = [cold, warm, *commands, cold2x, self.prepare_single(ha)]
        # One untimed round: writes bytecode, fills the page cache, primes the warm cache and
        # the pre-commit run's default cache (which exists in real use).
        for cmd in commands:
            sample = run_once(cmd, self.work)
            if cmd.name == "ha warm":
                self.report.data["ha_warm_prime"] = sample
            if sample.returncode not in cmd.ok:
                report_failure(cmd, sample)
        round_robin(commands, self.s.repeat, self.work, "ha-like")
        self.check_no_stray_cache(ha, ha2x)
        for cmd in commands:
            self.report.rows.append((cmd.name, cmd))
        by = {c.name: c for c in commands}
        self.report.data["ha"] = by
        med = {name: c.median() for name, c in by.items()}
        rep = self.report
        rep.target("ha-like cold / floor", ratio(med.get("ha cold"), med["ha floor"]), 1.3)
        rep.target("warm / cold", ratio(med.get("ha warm"), med.get("ha cold")), 0.3)
        rep.targets.append(self.libcst_on_warm(ha, by.get("ha warm")))
        rep.target(
            "single changed module / import libcst",
            ratio(med.get("single module (pre-commit)"), med["import libcst"]),
            1.15,
        )
        rep.target(
            "ha-like 2x non-platform: cold 2x / cold",
            ratio(med.get("ha-2x cold"), med.get("ha cold")),
            1.1,
        )
        floor_growth = ratio(med["ha-2x floor"], med["ha floor"])
        if floor_growth is not None:
            rep.notes.append(f"for reference, the floor grows {floor_growth:.2f}x on the 2x tree")

    def ha_2611(self, tree: Path) -> None:
        """The Home Assistant 2026.11-sized tree: 54 platform modules, six of them next to a
        40-50 KB ``__init__.py`` and ``config_flow.py`` (half in Python 3.12/3.14 syntax)."""
        print("\n== ha-2026.11-like tree (round-robin) ==", flush=True)
        floor = self.cmd("ha-2026.11 floor", [sys.executable, str(FLOOR), "."], tree)
        commands = [floor]
        if self.has_checker:
            flags, fresh = self.cold_args("ha2611")
            json_out = ["--output-format", "json"]
            cold = self.cmd(
                "ha-2026.11 cold",
                checker(".", *flags, *json_out),
                tree,
                ok=CHECKER_OK,
                before=fresh,
            )
            commands = [cold, floor]
        for cmd in commands:  # untimed: bytecode, page cache
            sample = run_once(cmd, self.work)
            if sample.returncode not in cmd.ok:
                report_failure(cmd, sample)
        round_robin(commands, self.s.repeat, self.work, "ha-2026.11-like")
        self.check_no_stray_cache(tree)
        for cmd in commands:
            self.report.rows.append((cmd.name, cmd))
        med = {c.name: c.median() for c in commands}
        self.report.target(
            "ha-2026.11-like cold / floor",
            ratio(med.get("ha-2026.11 cold"), med["ha-2026.11 floor"]),
            1.3,
        )

    def prepare_single(self, ha: Path) -> Command:
        """A hard-linked clone of the ha-like tree where one platform module can change."""
        repo = self.work / "single"
        if not repo.exists():
            link_tree(ha, repo)
        components = repo / "homeassistant" / "components"
        module = sorted(components.glob("*/application_credentials.py"))[0].relative_to(repo)
        target = repo / module
        original = target.read_text()
        target.unlink()  # break the hard link: edits must not reach the shared tree
        target.write_text(original)
        edits = iter(range(1, 1_000_000))

        def edit() -> None:
            target.write_text(original + f"# edited by benchmark run {next(edits)}\n")

        return self.cmd(
            "single module (pre-commit)", checker(str(module)), repo, ok=CHECKER_OK, before=edit
        )

    def libcst_on_warm(self, ha: Path, warm: Command | None) -> tuple[str, str, str, str]:
        name = "warm run imports libcst"
        if warm is None or warm.failed:
            return (name, "n/a", "no", "n/a")
        env = dict(self.env, PYTHONPROFILEIMPORTTIME="1")
        argv = [sys.executable, "-X", "importtime", *warm.argv[1:]]
        proc = subprocess.run(argv, cwd=ha, env=env, capture_output=True, text=True)
        if proc.returncode not in CHECKER_OK:
            return (name, f"exit {proc.returncode}", "no", "n/a")
        hits = IMPORT_LINE.findall(proc.stderr)
        self.report.data["warm_imports_libcst"] = bool(hits)
        return (name, "yes" if hits else "no", "no", "MISS" if hits else "PASS")

    # -- stress ----------------------------------------------------------------------------

    def stress(self, stress: Path, count: int) -> None:
        print(f"\n== stress tree, {count} integrations (round-robin) ==", flush=True)
        floor = self.cmd(
            f"stress-{count} floor (serial)",
            [sys.executable, str(FLOOR), "."],
            stress,
            measure=True,
        )
        commands = [floor]
        if self.has_checker:
            flags, fresh = self.cold_args("stress")
            cold = self.cmd(
                f"stress-{count} cold",
                checker(".", *flags, "--output-format", "json"),
                stress,
                ok=CHECKER_OK,
                before=fresh,
                measure=True,
            )
            commands.insert(0, cold)
        round_robin(commands, self.s.stress_repeat, self.work, "stress")
        self.check_no_stray_cache(stress)
        rep = self.report
        for cmd in commands:
            rep.rows.append((cmd.name, cmd))
        rep.data["stress"] = {c.name: c for c in commands}
        cold_cmd = commands[0] if self.has_checker else None
        rep.target(
            f"stress-{count} cold / serial floor",
            ratio(cold_cmd.median() if cold_cmd else None, floor.median()),
            0.8,
        )
        ok = cold_cmd is not None and not cold_cmd.failed and cold_cmd.samples
        rss = max(s.maxrss_mb or 0 for s in cold_cmd.samples) if ok and cold_cmd else None
        pss = max(s.peak_pss_mb or 0 for s in cold_cmd.samples) if ok and cold_cmd else None
        rep.target("stress cold peak RSS, largest process (MB)", rss, 200, "{:.0f}")
        rep.target("stress cold peak PSS, all processes (MB)", pss, 200, "{:.0f}")
        for cmd in commands:
            if cmd.samples and not cmd.failed:
                cpu = statistics.median(s.cpu_seconds or 0 for s in cmd.samples)
                peak_rss = max(s.maxrss_mb or 0 for s in cmd.samples)
                peak_pss = max(s.peak_pss_mb or 0 for s in cmd.samples)
                rep.notes.append(
                    f"{cmd.name}: CPU (user+sys) {cpu:.1f} s, peak RSS {peak_rss:.0f} MB"
                    f" (largest process), peak PSS {peak_pss:.0f} MB (all processes)"
                )

    # -- growth ----------------------------------------------------------------------------

    def growth(self, stress: Path, per_shard: int, count: int) -> None:
        print("\n== growth: cold on 1, 2 and 4 stress shards ==", flush=True)
        shards = sorted(p.name for p in stress.iterdir() if p.name.startswith("hacs_"))
        commands = []
        for n in (1, 2, 4):
            if n > len(shards):
                break
            flags, fresh = self.cold_args(f"growth{n}")
            commands.append(
                self.cmd(
                    f"growth {n * per_shard} cold",
                    checker(*shards[:n], *flags, "--output-format", "json"),
                    stress,
                    ok=CHECKER_OK,
                    before=fresh,
                )
            )
        round_robin(commands, self.s.growth_repeat, self.work, "growth")
        self.check_no_stray_cache(stress)
        for cmd in commands:
            self.report.rows.append((cmd.name, cmd))
        self.report.data["growth"] = {c.name: c for c in commands}
        meds = [c.median() for c in commands]
        full = self.report.data.get("stress", {}).get(f"stress-{count} cold")
        points = [(n * per_shard, m) for n, m in zip((1, 2, 4), meds, strict=False)]
        if full is not None:
            points.append((count, full.median()))
        shown = ", ".join(
            f"{n}: {m / n * 1e6:.0f} us/module" if m else f"{n}: n/a" for n, m in points
        )
        self.report.notes.append(f"growth, cold time per integration: {shown}")
        if len(meds) == 3:
            self.report.target(
                "growth: cold 4 shards / 1 shard (linear = 4)", ratio(meds[2], meds[0]), 4.4
            )

    # -- findings identical cold / warm / serial -------------------------------------------

    def verify(self, ha: Path, stress: Path, spec: TreeSpec) -> None:
        print("\n== findings: cold vs warm vs serial ==", flush=True)
        count, per_shard = spec.count, -(-spec.count // spec.shards)
        indices = range(count) if self.s.verify_full else range(min(per_shard, count))
        data = self.report.data
        ha_cmds: dict[str, Command] = data.get("ha", {})
        results = []
        if "ha cold" in ha_cmds and "ha warm" in ha_cmds:
            cold, warm = ha_cmds["ha cold"], ha_cmds["ha warm"]
            runs = {f"cold#{i + 1}": s for i, s in enumerate(cold.samples)}
            runs["warm-priming"] = data["ha_warm_prime"]
            runs |= {f"warm#{i + 1}": s for i, s in enumerate(warm.samples)}
            runs["serial"] = self.serial(ha, ["."])
            results.append(compare("ha-like", runs))
            self.ha_clean_note(runs["serial"])
        if self.s.verify_full:
            stress_cmds: dict[str, Command] = data.get("stress", {})
            full = stress_cmds.get(f"stress-{count} cold")
            paths, label = ["."], f"stress-{count}"
            base = full.samples[0] if full and full.samples else None
        else:
            shard = sorted(p.name for p in stress.iterdir() if p.name.startswith("hacs_"))[0]
            paths, label = [shard], f"stress shard {shard}"
            growth: dict[str, Command] = data.get("growth", {})
            first = next(iter(growth.values()), None)
            base = first.samples[0] if first and first.samples else None
        if base is None:
            base = run_once(
                self.cmd("cold", checker(*paths, "--no-cache", "--output-format", "json"), stress),
                self.work,
            )
        cache = self.work / "verify-cache"
        shutil.rmtree(cache, ignore_errors=True)
        warm = self.cmd(
            "warm", checker(*paths, "--cache-dir", str(cache), "--output-format", "json"), stress
        )
        prime = run_once(warm, self.work)
        warm_sample = run_once(warm, self.work)
        runs = {
            "cold": base,
            "warm-priming": prime,
            "warm": warm_sample,
            "serial": self.serial(stress, paths),
        }
        results.append(compare(label, runs))
        data["findings_match"] = all(results)
        ok, lines = planted_defects(base.stdout, indices, spec.seed)
        for line in lines:
            print(f"  {line}")
        self.report.notes += [f"stress ({label}): {line.strip()}" for line in lines]
        self.report.targets.append(
            (
                "stress findings = planted defects (no extra)",
                "yes" if ok else "no",
                "yes",
                "PASS" if ok else "MISS",
            )
        )
        self.report.targets.append(
            (
                "findings identical cold/warm/serial/parallel",
                "yes" if all(results) else "no",
                "yes",
                "PASS" if all(results) else "MISS",
            )
        )

    def serial(self, cwd: Path, paths: list[str]) -> Sample:
        env = dict(self.env, DEVCREDS_LINT_JOBS="1")
        cmd = Command("serial", checker(*paths, "--no-cache", "--output-format", "json"), cwd, env)
        return run_once(cmd, self.work)

    def ha_clean_note(self, sample: Sample) -> None:
        count, codes = findings(sample.stdout)
        if count:
            listed = ", ".join(f"{c} {n}" for c, n in sorted(codes.items()))
            self.report.notes.append(
                f"the ha-like tree is meant to be clean but got {count} findings ({listed})"
            )

    # -- language server -------------------------------------------------------------------

    def server(self, ha: Path) -> None:
        """Rows from benchmarks/server_startup.py: start -> first diagnostics, edit -> diagnostics
        for the largest platform module of the ha-like tree."""
        print("\n== language server (benchmarks/server_startup.py) ==", flush=True)
        out = self.work / "server-startup.json"
        argv = [sys.executable, str(SERVER_STARTUP), str(ha), "--repeat", str(self.s.repeat)]
        result = subprocess.run(
            [*argv, "--json-out", str(out)], env=self.env, capture_output=True, text=True
        )
        print(result.stdout, end="", flush=True)
        if result.returncode != 0 or not out.exists():
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:]
            self.report.notes.append(f"server start-up benchmark failed: {' '.join(tail)}")
            return
        data = json.loads(out.read_text(encoding="utf-8"))
        for name, key in (
            ("server start -> diagnostics", "first_diagnostics_ms"),
            ("server edit -> diagnostics", "edit_ms"),
        ):
            cmd = self.cmd(name, argv, ha)
            cmd.samples = [Sample(ms / 1000, 0, b"", b"") for ms in data[key]]
            self.report.rows.append((name, cmd))
        starts = [ms / 1000 for ms in data["first_diagnostics_ms"]]
        self.report.target(
            "server start -> first diagnostics (s)",
            statistics.median(starts) if starts else None,
            0.8,
            "{:.2f}",
        )
        edits = sorted(data["edit_ms"])
        p95 = edits[min(len(edits) - 1, math.ceil(0.95 * len(edits)) - 1)] if edits else None
        self.report.target("server edit -> diagnostics p95 (ms)", p95, 20, "{:.0f}")
        if data.get("libcst_at_startup"):
            self.report.notes.append("the language server imports libcst at start-up")


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def print_report(report: Report, elapsed: float, json_out: Path | None) -> None:
    print("\n== medians (seconds) ==")
    print(f"  {'scenario':<34} {'median':>8} {'min':>8} {'max':>8} {'n':>3}")
    for name, cmd in report.rows:
        times = [s.seconds for s in cmd.samples]
        if cmd.failed:
            print(f"  {name:<34} {'ERROR':>8}  (exit {cmd.failed.returncode})")
        elif times:
            print(
                f"  {name:<34} {statistics.median(times):>8.3f} {min(times):>8.3f}"
                f" {max(times):>8.3f} {len(times):>3}"
            )
    print("\n== targets ==")
    for name, value, limit, verdict in report.targets:
        print(f"  {name:<46} {value:>8}  {limit:<10} {verdict}")
    if report.notes:
        print("\n== notes ==")
        for note in report.notes:
            print(f"  - {note}")
    print(f"\n(total harness time {elapsed:.0f} s)")
    if json_out:
        rows = {
            name: {
                "median": cmd.median(),
                "seconds": [s.seconds for s in cmd.samples],
                "exit": [s.returncode for s in cmd.samples],
            }
            for name, cmd in report.rows
        }
        targets = {n: {"value": v, "limit": lim, "verdict": vd} for n, v, lim, vd in report.targets}
        json_out.write_text(
            json.dumps({"rows": rows, "targets": targets, "notes": report.notes}, indent=2) + "\n"
        )


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="stress 2,000 integrations, 3 repeats")
    p.add_argument("--repeat", type=int, help="rounds of the ha-like scenarios (5; quick 3)")
    p.add_argument(
        "--stress-repeat",
        type=int,
        help="rounds of the stress scenario (1: a run is ~30 s; quick 3)",
    )
    p.add_argument("--growth-repeat", type=int, default=1)
    p.add_argument("--stress-count", type=int, help="stress integrations (20000; quick 2000)")
    p.add_argument("--ha-count", type=int, default=1400, help="ha-like integrations")
    p.add_argument("--tree", type=Path, help="generate the trees here, or reuse them")
    p.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    p.add_argument(
        "--cold-mode",
        choices=("no-cache", "fresh-cache"),
        default="no-cache",
        help="cold = --no-cache, or a fresh empty --cache-dir per run",
    )
    p.add_argument(
        "--verify-full",
        action="store_true",
        help="compare findings on the whole stress tree, not its first shard",
    )
    p.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=("ha", "ha2611", "stress", "growth", "verify", "checker", "server"),
        help="leave a part out; `checker` times only the floor and the baselines",
    )
    p.add_argument(
        "--installed",
        action="store_true",
        help="run the installed devcreds_lint, not this checkout's",
    )
    p.add_argument("--json-out", type=Path, help="also write the results as JSON")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    stress_count = args.stress_count or (2_000 if args.quick else 20_000)
    settings = Settings(
        repeat=args.repeat or (3 if args.quick else 5),
        stress_repeat=args.stress_repeat or (3 if args.quick else 1),
        growth_repeat=args.growth_repeat,
        cold_mode=args.cold_mode,
        verify_full=args.verify_full,
        skip=set(args.skip),
    )
    work = Path(tempfile.mkdtemp(prefix="devcreds-bench-"))
    env = base_env(args.installed)
    print(f"python {sys.version.split()[0]} ({sys.executable}), {os.cpu_count()} CPUs")
    load_before = os.getloadavg()[0]
    print(f"work folder {work}" + (" (kept)" if args.keep else ""))
    platform_count, dev_extra = 45, 3
    regular = args.ha_count - platform_count - dev_extra
    specs = {
        "ha": TreeSpec("ha-like", args.ha_count, platform_count),
        "ha2x": TreeSpec("ha-like", platform_count + dev_extra + 2 * regular, platform_count),
        "stress": TreeSpec("stress", stress_count),
        # Home Assistant 2026.11.0: 1,562 integration folders, 54 platform modules.
        "ha2611": TreeSpec("ha-like", 1562, 51, large_siblings=6),
    }
    try:
        print("\n== trees ==")
        trees = ensure_trees(args.tree or work / "trees", list(specs.values()))
        ha, ha2x, stress = (trees[specs[k]] for k in ("ha", "ha2x", "stress"))
        bench = Bench(settings, env, work)
        bench.checker_error = (
            "skipped (--skip checker)"
            if "checker" in settings.skip
            else probe_checker(env, ha, work)
        )
        if bench.checker_error:
            print(f"\n*** devcreds-lint checker unavailable: {bench.checker_error}")
            print("*** Timing the floor and the baselines only; checker rows show n/a.")
        if "ha" not in settings.skip:
            bench.ha_like(ha, ha2x)
        if "ha2611" not in settings.skip:
            bench.ha_2611(trees[specs["ha2611"]])
        if "stress" not in settings.skip:
            bench.stress(stress, stress_count)
        per_shard = -(-stress_count // specs["stress"].shards)
        if bench.has_checker and "growth" not in settings.skip:
            bench.growth(stress, per_shard, stress_count)
        if bench.has_checker and "verify" not in settings.skip:
            bench.verify(ha, stress, specs["stress"])
        if bench.has_checker and "server" not in settings.skip:
            bench.server(ha)
        if bench.checker_error:
            bench.report.notes.insert(0, f"checker unavailable: {bench.checker_error}")
        busy = max(load_before, os.getloadavg()[0])
        if busy > 0.5 * (os.cpu_count() or 1):
            bench.report.notes.append(
                f"the machine was busy (load average {busy:.1f} on {os.cpu_count()} CPUs):"
                " other processes were competing, so the figures are noisy"
            )
        print_report(bench.report, time.perf_counter() - started, args.json_out)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
