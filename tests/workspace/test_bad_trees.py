"""Hostile trees (issue #6): folders and links where files should be, link loops, named
pipes, unreadable files and folders: a clear finding or message, the rest still checked,
nothing hangs, --fix touches none of it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devcreds_lint import discovery
from devcreds_lint.contracts import PROFILES
from devcreds_lint.model import Diagnostic
from devcreds_lint.parsing import reading as source
from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import (
    check_paths,
    codes,
    deny,
    make_integration,
    no_traceback,
    run_cli,
)

APP = "application_credentials.py"
DEV = "developer_credentials.py"
# A valid module whose one defect is a sync hook (DC203 at line 7, fixed by adding `async `).
SYNC = GOOD_SERVER.replace("async def", "def")
SYNC_LINE = 7


def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> tuple[int, str, str]:
    """The real entry point in a subprocess: exit codes and stderr exactly as users see (output
    decoded with errors="replace": some of these cases print names that are not UTF-8)."""
    return run_cli(*args, cwd=cwd, timeout=timeout, errors="replace")


def domain(diag: Diagnostic) -> str:
    """The integration folder a diagnostic is in."""
    return Path(diag.path).parent.name


def only(diagnostics: list[Diagnostic], name: str) -> list[str]:
    return [d.code for d in diagnostics if domain(d) == name]


def test_directory_named_like_a_platform_module(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {}, profile="developer_credentials", domain="dirmod")
    (folder / DEV).mkdir()
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    found = check_paths(tmp_path)
    (diag,) = [d for d in found if domain(d) == "dirmod"]
    assert diag.code == "DC900"
    assert diag.message == f"{DEV}: is a directory, not a file"
    assert only(found, "good") == ["DC203"]
    code, _, err = run("check", "--fix", "--no-cache", str(tmp_path))
    assert code == 1
    no_traceback(err)
    assert (folder / DEV).is_dir()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_dangling_symlink_platform_module(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {}, domain="dangling")
    os.symlink(str(tmp_path / "missing.py"), folder / APP)
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    found = check_paths(tmp_path)
    (diag,) = [d for d in found if domain(d) == "dangling"]
    assert diag.code == "DC900"
    assert "is a broken symbolic link" in diag.message
    assert only(found, "good") == ["DC203"]
    code, _, err = run("check", "--fix", "--no-cache", str(tmp_path))
    assert code == 1
    no_traceback(err)
    assert os.path.islink(folder / APP) and not (tmp_path / "missing.py").exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlink_loops_end(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    folder = make_integration(tree, {APP: SYNC}, domain="looped")
    os.symlink("..", folder / "up")  # a folder link to its parent
    os.symlink(str(tree), tree / "custom_components" / "again")  # and to the top
    os.symlink(APP, folder.parent / "self.py")  # a file link to itself
    selfloop = make_integration(tree, {}, domain="selfloop")
    os.symlink(APP, selfloop / APP)
    code, out, err = run("check", "--no-cache", "--output-format", "concise", str(tree), timeout=60)
    assert code == 1
    no_traceback(err)
    assert f"looped{os.sep}{APP}:{SYNC_LINE}:5: DC203" in out
    assert f"selfloop{os.sep}{APP}:1:1: DC900 error: {APP}: is a symbolic link loop" in out
    assert out.count("DC203") == 1  # each integration once, not once per way to reach it


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipe_is_dc900_not_a_hang(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {}, domain="fifo")
    os.mkfifo(folder / APP)
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    code, out, err = run(
        "check", "--no-cache", "--output-format", "concise", str(tmp_path), timeout=30
    )
    assert code == 1
    no_traceback(err)
    assert f"{APP}: is not a regular file (a pipe, socket or device)" in out
    assert f"good{os.sep}{APP}:{SYNC_LINE}:5: DC203" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipe_with_the_cache_on_is_not_a_hang(tmp_path: Path) -> None:
    folder = make_integration(tmp_path / "tree", {}, domain="fifo")
    os.mkfifo(folder / APP)
    code, out, _ = run(
        "check", "--cache-dir", str(tmp_path / "cache"), str(tmp_path / "tree"), timeout=10
    )
    assert code == 1
    assert "is not a regular file" in out


def test_unreadable_platform_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_integration(tmp_path, {APP: SYNC}, domain="locked")
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    deny(monkeypatch, source, "open", (folder / APP).resolve())
    found = check_paths(tmp_path)
    (diag,) = [d for d in found if domain(d) == "locked"]
    assert diag.code == "DC900"
    assert diag.message == f"{APP}: cannot be read: Permission denied"
    assert only(found, "good") == ["DC203"]


def test_unreadable_sibling_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_integration(tmp_path, {APP: SYNC}, domain="locked")
    deny(monkeypatch, source, "open", (folder / "manifest.json").resolve())
    found = check_paths(tmp_path)
    assert sorted(codes(found)) == ["DC203", "DC900"]
    assert any(d.message == "manifest.json: cannot be read: Permission denied" for d in found)


def test_unreadable_folder_is_listed_and_the_rest_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = make_integration(tmp_path, {APP: SYNC}, domain="locked").parent / "vendor"
    locked.mkdir()
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    deny(monkeypatch, discovery, "scandir", locked.resolve())
    found = discovery.discover([str(tmp_path)], PROFILES)
    assert [os.path.basename(i.folder) for i in found.integrations] == ["good", "locked"]
    assert found.unreadable == ((str(locked), "Permission denied"),)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads files whatever their permissions (covered by the tests above)",
)
def test_real_permissions(tmp_path: Path) -> None:  # pragma: no cover - not as root
    folder = make_integration(tmp_path, {APP: SYNC}, domain="locked")
    make_integration(tmp_path, {APP: SYNC}, domain="good")
    (folder / APP).chmod(0)
    try:
        code, out, err = run("check", "--no-cache", "--output-format", "concise", str(tmp_path))
        assert code == 1
        no_traceback(err)
        assert f"{APP}: cannot be read: Permission denied" in out
        assert f"good{os.sep}{APP}:{SYNC_LINE}:5: DC203" in out
    finally:
        (folder / APP).chmod(0o644)
