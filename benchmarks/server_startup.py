#!/usr/bin/env python3
"""How soon the language server shows findings: process start -> first publishDiagnostics, and
edit -> diagnostics for the largest platform module of a tree.

    python benchmarks/server_startup.py [TREE] [--repeat 5] [--edits 5] [--json-out FILE]

TREE (default: examples/) is searched for the largest ``application_credentials.py`` /
``developer_credentials.py``. Each repeat starts ``python -m devcreds_lint server`` (this
checkout's package unless ``--installed``), talks to it as an editor does (``initialize``, then
``initialized`` and ``didOpen`` of the module once the answer arrives) and times:

* start -> initialize answered: Python start-up and the server's imports (pygls, lsprotocol);
* start -> first publishDiagnostics of the module: what a user waits for after opening a file;
* edit -> diagnostics: ``didChange`` (a comment appended, full text) until the diagnostics of
  that version arrive, ``--edits`` times per server (the first edit is the first re-check).

It also prints the import time of the server module and whether the checking engine (libcst)
is imported at start-up (it should not be: it comes with the first check). Prints min and
median in milliseconds; ``--json-out`` writes the samples (benchmarks/run.py reads them).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PLATFORM_FILES = ("application_credentials.py", "developer_credentials.py")
DEADLINE = 120.0


def environment(installed: bool) -> dict[str, str]:
    env = dict(os.environ)
    if not installed:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def largest_module(tree: Path) -> Path:
    found = [p for name in PLATFORM_FILES for p in tree.rglob(name) if "generated" not in p.parts]
    if not found:
        raise SystemExit(f"no platform module under {tree}")
    return max(found, key=lambda p: (p.stat().st_size, str(p)))


class Server:
    """``python -m devcreds_lint server`` with Content-Length framing and a reader thread."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "devcreds_lint", "server"],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[tuple[float, dict[str, Any] | None]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    self.inbox.put((time.perf_counter(), None))
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put((time.perf_counter(), json.loads(stream.read(length))))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def wait(self, match: Any) -> float:
        """The arrival time of the first message for which ``match`` holds."""
        end = time.perf_counter() + DEADLINE
        while True:
            try:
                when, message = self.inbox.get(timeout=max(end - time.perf_counter(), 0.01))
            except queue.Empty:
                raise SystemExit("timed out waiting for the server") from None
            if message is None:
                raise SystemExit("the server exited")
            if "id" in message and "method" in message:  # a request from the server
                self.send({"id": message["id"], "result": None})
            if match(message):
                return when

    def close(self) -> None:
        try:
            self.send({"id": 999_999, "method": "shutdown"})
            self.wait(lambda m: m.get("id") == 999_999)
            self.send({"method": "exit"})
            self.proc.wait(timeout=10)
        except (OSError, SystemExit, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


def one_run(env: dict[str, str], module: Path, edits: int) -> dict[str, Any]:
    uri = module.resolve().as_uri()
    text = module.read_text(encoding="utf-8")

    def diagnostics_of(version: int) -> Any:
        return lambda m: (
            m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and m["params"].get("version") == version
        )

    server = Server(env, module.parent)
    try:
        server.send(
            {
                "id": 1,
                "method": "initialize",
                "params": {
                    "processId": os.getpid(),
                    "rootUri": module.parent.as_uri(),
                    "capabilities": {},
                },
            }
        )
        initialized = server.wait(lambda m: m.get("id") == 1)
        server.send({"method": "initialized", "params": {}})
        server.send(
            {
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}
                },
            }
        )
        first = server.wait(diagnostics_of(1))
        edit_ms = []
        for version in range(2, edits + 2):
            text += f"# edit {version}\n"
            sent = time.perf_counter()
            server.send(
                {
                    "method": "textDocument/didChange",
                    "params": {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"text": text}],
                    },
                }
            )
            edit_ms.append((server.wait(diagnostics_of(version)) - sent) * 1000)
        return {
            "initialize_ms": (initialized - server.started) * 1000,
            "first_diagnostics_ms": (first - server.started) * 1000,
            "edit_ms": edit_ms,
        }
    finally:
        server.close()


def import_profile(env: dict[str, str]) -> dict[str, Any]:
    """Cumulative import times (ms) of the server's heavy imports, and what it leaves out."""
    probe = "import sys, devcreds_lint.lsp; print('libcst' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    cumulative: dict[str, float] = {}
    for line in result.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[1].isdigit():
            cumulative[parts[2]] = int(parts[1]) / 1000
    wanted = ("lsprotocol.types", "pygls.lsp.server", "devcreds_lint.lsp")
    return {
        "import_ms": {name: cumulative.get(name) for name in wanted},
        "libcst_at_startup": result.stdout.strip() == "True",
    }


def summary(values: list[float]) -> str:
    return f"min {min(values):7.0f} ms   median {statistics.median(values):7.0f} ms   (n={len(values)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", nargs="?", type=Path, default=REPO / "examples")
    parser.add_argument("--repeat", type=int, default=5, help="server starts (default 5)")
    parser.add_argument("--edits", type=int, default=5, help="edits per server (default 5)")
    parser.add_argument("--installed", action="store_true", help="run the installed package")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args(argv)
    env = environment(args.installed)
    module = largest_module(args.tree)
    print(
        f"module: {module} ({module.stat().st_size} bytes); load average {os.getloadavg()[0]:.1f}"
    )
    profile = import_profile(env)
    for name, value in profile["import_ms"].items():
        shown = "n/a" if value is None else f"{value:7.0f} ms"
        print(f"  import {name:<40} {shown}  (cumulative, -X importtime)")
    print(
        f"  libcst imported at start-up: {'YES (should not be)' if profile['libcst_at_startup'] else 'no'}"
    )
    one_run(env, module, 1)  # untimed: bytecode and page cache
    runs = [one_run(env, module, args.edits) for _ in range(args.repeat)]
    init = [r["initialize_ms"] for r in runs]
    first = [r["first_diagnostics_ms"] for r in runs]
    first_edit = [r["edit_ms"][0] for r in runs if r["edit_ms"]]
    edits = [ms for r in runs for ms in r["edit_ms"][1:]]
    print(f"  {'start -> initialize answered':<40} {summary(init)}")
    print(f"  {'start -> first publishDiagnostics':<40} {summary(first)}")
    if first_edit:
        print(f"  {'first edit -> diagnostics':<40} {summary(first_edit)}")
    if edits:
        print(f"  {'later edits -> diagnostics':<40} {summary(edits)}")
    if args.json_out:
        data = {
            "module": str(module),
            **profile,
            "initialize_ms": init,
            "first_diagnostics_ms": first,
            "edit_ms": [ms for r in runs for ms in r["edit_ms"]],
        }
        args.json_out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
