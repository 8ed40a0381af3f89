"""The entry point's guess (devcreds_lint/launch.py): `check FILE...` forks the checker before
the command line is imported; the run's output is the same as without it, and the process
that prints it never imports libcst itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from devcreds_lint.launch import checks_named_files
from devcreds_lint.processes import fork_context
from tests.helpers import make_integration

REPO = Path(__file__).resolve().parents[2]

SYNC_HOOK = """\
from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize", token_url="http://acme-api.io/token"
    )
"""


def test_the_guess(tmp_path: Path) -> None:
    module = tmp_path / "application_credentials.py"
    module.write_text("", encoding="utf-8")
    named = str(module)
    assert checks_named_files(["check", named])
    assert checks_named_files(["check", "--force-exclude", named, "--output-format", "json"])
    assert checks_named_files(["check", "--output-format=json", named, "missing.py"])
    assert not checks_named_files(["check"])
    assert not checks_named_files(["check", "missing.py"])  # nothing to check: no process
    assert not checks_named_files(["check", str(tmp_path)])  # a folder: parallel.py decides
    assert not checks_named_files(["check", named, str(tmp_path)])
    assert not checks_named_files(["check", "--fix", named])
    assert not checks_named_files(["check", "--diff", named])
    assert not checks_named_files(["check", "--watch", named])
    assert not checks_named_files(["check", "--add-noqa", named])
    assert not checks_named_files(["check", "--stdin-filename", named, "-"])
    assert not checks_named_files(["rule", named])
    assert not checks_named_files([])


PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('LIBCST-HERE', 'libcst' in sys.modules, file=sys.stderr))\n"
    "sys.argv = ['devcreds-lint', *sys.argv[1:]]\n"
    "from devcreds_lint.launch import main\n"
    "main()\n"
)


def launch(cwd: Path, *args: str, jobs: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), DEVCREDS_LINT_JOBS=jobs)
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.skipif(fork_context() is None, reason="a forked checker: Linux only")
def test_named_files_are_checked_by_the_forked_checker(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {"application_credentials.py": SYNC_HOOK})
    module = str((folder / "application_credentials.py").relative_to(tmp_path))
    cold = launch(tmp_path, "check", module, "--no-cache")
    assert cold.returncode == 1, cold.stderr
    assert "DC203" in cold.stdout and "DC305" in cold.stdout
    assert "LIBCST-HERE False" in cold.stderr  # the checker process parsed the module
    alone = launch(tmp_path, "check", module, "--no-cache", jobs="1")
    assert "LIBCST-HERE True" in alone.stderr  # DEVCREDS_LINT_JOBS=1: no other process
    assert (alone.returncode, alone.stdout) == (cold.returncode, cold.stdout)
    # The same run without the guess (its folder named too) and serial checks here, and
    # prints the same.
    here = launch(tmp_path, "check", module, str(folder), "--no-cache", jobs="1")
    assert "LIBCST-HERE True" in here.stderr
    assert (here.returncode, here.stdout) == (cold.returncode, cold.stdout)
    # With the cache: the first run fills it through the checker, the second one answers
    # from it alone; the checker is stopped unused.
    first = launch(tmp_path, "check", module)
    second = launch(tmp_path, "check", module)
    assert first.stdout == second.stdout == cold.stdout
    assert "LIBCST-HERE False" in second.stderr


def test_the_server_without_its_extra_says_what_is_missing(tmp_path: Path) -> None:
    # `server` goes straight to the language server; without pygls it falls back to the
    # command line, which names the extra (and no checker process is left behind).
    probe = "import sys\nsys.modules['pygls'] = None\n" + PROBE
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run(
        [sys.executable, "-c", probe, "server"],
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
