"""The entry point (devcreds_lint/launch.py): `server` goes straight to the language server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = (
    "import sys\n"
    "sys.modules['pygls'] = None\n"
    "sys.argv = ['devcreds-lint', *sys.argv[1:]]\n"
    "from devcreds_lint.launch import main\n"
    "main()\n"
)


def test_the_server_without_its_extra_says_what_is_missing(tmp_path: Path) -> None:
    # `server` goes straight to the language server; without pygls it falls back to the
    # command line, which names the extra (and no checker process is left behind).
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "server"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "the language server needs its extra" in proc.stderr
    assert "from a clone, pip install '.[lsp]'" in proc.stderr
    assert "(pygls" in proc.stderr and "is missing)" in proc.stderr
