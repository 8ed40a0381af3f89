"""Fixes that cannot be written (issue 17): a file-size limit, a folder without write
permission, a read-only or full file system. The findings stay reported as not fixed, the
other integrations are still fixed, the exit code is 1, and there is no "internal error".

Root ignores permissions, so the permission test drops root's overrides (``setpriv``)."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.fixing.test_concurrent_fixes import APP, BROKEN, MANIFEST
from tests.helpers import ROOT, make_integration

FIXED_IMPORT = "from homeassistant.core import HomeAssistant\n"


def _two_integrations(root: Path, big: bool = False) -> tuple[Path, Path]:
    """``a`` (whose module is large when ``big``) and ``b``, both with the issue's defects."""
    padding = "# padding\n" * 800 if big else ""
    a = make_integration(
        root,
        {APP: BROKEN + padding, "manifest.json": MANIFEST.replace("DOMAIN", "a")},
        domain="a",
    )
    b = make_integration(
        root, {APP: BROKEN, "manifest.json": MANIFEST.replace("DOMAIN", "b")}, domain="b"
    )
    return a, b


def _fix(
    tree: Path, prefix: tuple[str, ...] = (), preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "devcreds_lint", "check", "--fix", "--no-cache", str(tree)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=preexec,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def _assert_not_fixed(proc: subprocess.CompletedProcess[str], folder: Path, why: str) -> None:
    assert "internal error" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1, proc.stderr
    assert f"{folder / APP}: not written: {why}" in proc.stderr, proc.stderr
    assert f"{folder / APP}:4:1: DC102" in proc.stdout  # still reported
    assert "0 remaining" not in proc.stdout
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".devcreds-lint-")]


def test_a_write_over_the_file_size_limit(tmp_path: Path) -> None:
    a, b = _two_integrations(tmp_path, big=True)
    before = (a / APP).read_text()
    limit = (len(before) + len(BROKEN)) // 2  # b's files fit, a's module does not

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = _fix(tmp_path, preexec=limited)
    _assert_not_fixed(proc, a, "File too large")
    assert (a / APP).read_text() == before
    assert FIXED_IMPORT in (b / APP).read_text()  # the other integration is fixed
    assert '"application_credentials"' in (b / "manifest.json").read_text()


def _without_root_overrides() -> tuple[str, ...]:
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: root ignores file permissions")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search", "--")


def test_a_folder_without_write_permission(tmp_path: Path) -> None:
    prefix = _without_root_overrides()
    a, b = _two_integrations(tmp_path)
    a.chmod(0o555)
    try:
        proc = _fix(tmp_path, prefix)
    finally:
        a.chmod(0o755)
    _assert_not_fixed(proc, a, "Permission denied")
    assert (a / APP).read_text() == BROKEN
    assert FIXED_IMPORT in (b / APP).read_text()


@contextlib.contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or 'mount failed'}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a tmpfs is Linux's")
def test_a_full_file_system(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk", "256k") as disk:
        a, _ = _two_integrations(disk)
        filler = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            with contextlib.suppress(OSError):
                while True:
                    os.write(filler, b"\0" * 4096)
        finally:
            os.close(filler)
        proc = _fix(disk)
        _assert_not_fixed(proc, a, "No space left on device")
        assert (a / APP).read_text() == BROKEN


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a tmpfs is Linux's")
def test_a_read_only_file_system(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk", "256k") as disk:
        a, _ = _two_integrations(disk)
        remount = subprocess.run(
            ["mount", "-o", "remount,ro", str(disk)], capture_output=True, text=True
        )
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
        proc = _fix(disk)
        _assert_not_fixed(proc, a, "Read-only file system")
        assert (a / APP).read_text() == BROKEN
