"""Console examples in the docs are real output, re-run from the examples.

A fenced block marked ``console`` whose lines start with ``$ devcreds-lint`` is a session:
each ``$`` line is a command, the lines up to the next ``$`` line are its output (standard
output and standard error, in the order written; colour off). The commands of one block run in
a fresh copy of ``examples/`` (so ``--fix`` leaves the bundled examples broken), one after the
other. ``<!-- console in tests/fixtures/secrets -->`` on the line before a block runs it in a
copy of that folder instead. Blocks without such a prompt (lists of commands with comments) are left alone.

``python scripts/gen_docs.py`` rewrites every such block with the output the tool gives today;
``tests/cli/test_docs_console.py`` fails when a block differs from it.
"""

from __future__ import annotations

import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The documents whose console blocks are real sessions.
DOCUMENTS = ("README.md", "docs/ci.md", "docs/output-formats.md", "docs/configuration.md")

_BLOCK = re.compile(
    r"^(?P<marker><!-- console in (?P<folder>[\w./-]+) -->\n)?```console\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)
_PROMPT = "$ devcreds-lint"


def commands(body: str) -> list[str]:
    return [line[2:] for line in body.splitlines() if line.startswith("$ ")]


def is_session(body: str) -> bool:
    lines = body.splitlines()
    return (
        bool(lines)
        and all(line.startswith(_PROMPT) for line in lines if line.startswith("$ "))
        and lines[0].startswith(_PROMPT)
    )


def run_session(body: str, folder: pathlib.Path = EXAMPLES) -> str:
    """The block's text with each command's output as the tool gives it today."""
    with tempfile.TemporaryDirectory() as temp:
        work = pathlib.Path(temp) / folder.name
        shutil.copytree(folder, work)
        env = {
            **os.environ,
            "NO_COLOR": "1",
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": str(ROOT),
            "COLUMNS": "100",
        }
        out: list[str] = []
        for command in commands(body):
            args = shlex.split(command)[1:]
            proc = subprocess.run(
                [sys.executable, "-m", "devcreds_lint", *args, "--no-cache"]
                if args and args[0] == "check"
                else [sys.executable, "-m", "devcreds_lint", *args],
                cwd=work,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=120,
                check=False,
            )
            out.append(f"$ {command}\n")
            out.append(proc.stdout.rstrip("\n") + "\n" if proc.stdout.strip() else "")
        return "".join(out)


def render(text: str) -> str:
    """``text`` (a Markdown document) with every session block re-run."""

    def replace(match: re.Match[str]) -> str:
        body = match.group("body")
        if not is_session(body):
            return match.group(0)
        folder = ROOT / match.group("folder") if match.group("folder") else EXAMPLES
        return f"{match.group('marker') or ''}```console\n{run_session(body, folder)}```"

    return _BLOCK.sub(replace, text)


def main() -> None:
    for name in DOCUMENTS:
        path = ROOT / name
        text = path.read_text(encoding="utf-8")
        new = render(text)
        if new != text:
            path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
