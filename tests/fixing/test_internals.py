"""Unit tests of the fixer's internals: applying edits, rejecting overlaps (deferred to the next
round), the overlay's rename refusals, atomic writes that keep mode, BOM and line endings, and
renames that never replace a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from devcreds_lint.contracts import PROFILES
from devcreds_lint.discovery import Integration, discover
from devcreds_lint.fixing import writing
from devcreds_lint.fixing.rounds import (
    FixError,
    FixResult,
    Overlay,
    RenameRefused,
    _apply_round,
    apply_edits,
)
from devcreds_lint.fixing.writing import rename_no_clobber, write_atomic
from devcreds_lint.model import Diagnostic, Edit, Location, Severity, safe_fix, unsafe_fix
from devcreds_lint.parsing.reading import SourceText, read_source
from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import make_integration

APP = "application_credentials.py"
MAX = 2**20


def edit(start: tuple[int, int], end: tuple[int, int], content: str) -> Edit:
    return Edit(Location(*start), Location(*end), content)


# --- apply_edits ------------------------------------------------------------------------------

TEXT = "first line\nsecond line\nthird\n"


def test_edits_apply_in_position_order_whatever_their_order() -> None:
    edits = [
        edit((3, 1), (3, 6), "THIRD"),
        edit((1, 1), (1, 6), "1st"),
        edit((2, 8), (2, 8), "-ish"),  # an insertion
    ]
    expected = "1st line\nsecond -ishline\nTHIRD\n"
    assert apply_edits(TEXT, edits) == expected
    assert apply_edits(TEXT, list(reversed(edits))) == expected


def test_an_edit_across_lines_and_a_deletion() -> None:
    # From the space after "first" to the space after "second".
    assert apply_edits(TEXT, [edit((1, 6), (2, 7), "")]) == "first line\nthird\n"
    assert apply_edits(TEXT, []) == TEXT


def test_positions_past_the_end_are_clamped() -> None:
    assert apply_edits(TEXT, [edit((9, 1), (9, 1), "appended\n")]) == TEXT + "appended\n"
    assert apply_edits("abc", [edit((1, 3), (1, 99), "Z")]) == "abZ"


def test_code_point_columns_and_crlf() -> None:
    text = "x = '\U0001f680'\r\ny = 1\r\n"
    assert apply_edits(text, [edit((1, 6), (1, 7), "ok")]) == "x = 'ok'\r\ny = 1\r\n"
    assert apply_edits(text, [edit((2, 5), (2, 6), "2")]) == "x = '\U0001f680'\r\ny = 2\r\n"


@pytest.mark.parametrize(
    "edits",
    [
        [edit((1, 1), (1, 6), "a"), edit((1, 3), (1, 8), "b")],  # overlapping ranges
        [edit((1, 1), (2, 3), "a"), edit((1, 9), (1, 10), "b")],  # one inside another
    ],
)
def test_overlapping_edits_are_refused(edits: list[Edit]) -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits(TEXT, edits)


# --- one round: overlapping fixes wait for the next round -----------------------------------


def one_integration(root: Path, files: dict[str, str]) -> Integration:
    make_integration(root, files)
    (integration,) = discover([str(root)], PROFILES).integrations
    return integration


def diagnostic(path: str, code: str, *edits: Edit, rename: str | None = None) -> Diagnostic:
    return Diagnostic(
        code=code,
        name="test",
        severity=Severity.ERROR,
        message=code,
        path=path,
        start=Location(1, 1),
        end=Location(1, 1),
        fix=safe_fix(f"fix {code}", *edits, rename=rename),
    )


def test_a_round_applies_disjoint_fixes_and_defers_overlapping_ones(tmp_path: Path) -> None:
    module = 'A = "a"\nB = "b"\n'
    integration = one_integration(tmp_path, {APP: module})
    overlay = Overlay(integration, MAX)
    path = str(Path(integration.folder) / APP)
    first = diagnostic(path, "DC001", edit((1, 6), (1, 7), "x"))
    overlapping = diagnostic(path, "DC002", edit((1, 5), (1, 8), '"y"'))
    disjoint = diagnostic(path, "DC003", edit((2, 6), (2, 7), "z"))
    result = FixResult(remaining=[])
    assert _apply_round(overlay, [first, overlapping, disjoint], False, result) is True
    assert overlay.files[path].text == 'A = "x"\nB = "z"\n'
    assert result.applied == [first, disjoint]  # the overlapping one waits for the next round
    assert result.dropped == []
    # Nothing is written by a round.
    assert (Path(path)).read_text() == module


def test_two_insertions_at_one_point_are_not_applied_together(tmp_path: Path) -> None:
    integration = one_integration(tmp_path, {APP: "x = 1\n"})
    overlay = Overlay(integration, MAX)
    path = str(Path(integration.folder) / APP)
    a = diagnostic(path, "DC001", edit((1, 1), (1, 1), "# a\n"))
    b = diagnostic(path, "DC002", edit((1, 1), (1, 1), "# b\n"))
    result = FixResult(remaining=[])
    assert _apply_round(overlay, [a, b], False, result) is True
    assert overlay.files[path].text == "# a\nx = 1\n"
    assert result.applied == [a]


def test_unsafe_fixes_wait_for_unsafe(tmp_path: Path) -> None:
    integration = one_integration(tmp_path, {APP: "x = 1\n"})
    path = str(Path(integration.folder) / APP)
    unsafe = Diagnostic(
        "DC305",
        "insecure-url",
        Severity.ERROR,
        "m",
        path,
        Location(1, 5),
        Location(1, 6),
        fix=unsafe_fix("m", edit((1, 5), (1, 6), "2")),
    )
    overlay = Overlay(integration, MAX)
    assert _apply_round(overlay, [unsafe], False, FixResult(remaining=[])) is False
    assert _apply_round(overlay, [unsafe], True, FixResult(remaining=[])) is True
    assert overlay.files[path].text == "x = 2\n"


# --- Overlay.rename -------------------------------------------------------------------------


def test_overlay_rename_moves_the_file_in_memory(tmp_path: Path) -> None:
    integration = one_integration(tmp_path, {"application_credential.py": GOOD_SERVER})
    old = str(Path(integration.folder) / "application_credential.py")
    overlay = Overlay(integration, MAX)
    new = overlay.rename(old, APP)
    assert new == str(Path(integration.folder) / APP)
    assert overlay.renames == [(old, new)]
    assert overlay.files[new].text == GOOD_SERVER and old not in overlay.files
    assert overlay.disk_path(new) == old
    assert [p.path for p in overlay.integration.platforms] == [new]
    assert APP in overlay.integration.names
    assert "application_credential.py" not in overlay.integration.names
    assert os.path.exists(old) and not os.path.exists(new)  # nothing on disk yet


def test_overlay_refuses_to_rename_over_a_file(tmp_path: Path) -> None:
    integration = one_integration(
        tmp_path, {"application_credential.py": GOOD_SERVER, APP: GOOD_SERVER}
    )
    old = str(Path(integration.folder) / "application_credential.py")
    overlay = Overlay(integration, MAX)
    assert overlay.rename(old, APP) == RenameRefused("a file of that name exists")
    assert overlay.renames == []


def test_overlay_refuses_a_second_rename_to_the_same_name(tmp_path: Path) -> None:
    integration = one_integration(
        tmp_path, {"application_credential.py": GOOD_SERVER, "aplication_credentials.py": "x = 1\n"}
    )
    folder = Path(integration.folder)
    overlay = Overlay(integration, MAX)
    assert isinstance(overlay.rename(str(folder / "application_credential.py"), APP), str)
    refused = overlay.rename(str(folder / "aplication_credentials.py"), APP)
    assert refused == RenameRefused("a file of that name exists")


def test_overlay_refuses_unreadable_files_and_links(tmp_path: Path) -> None:
    integration = one_integration(tmp_path, {"application_credential.py": "x = 1\x00\n"})
    folder = Path(integration.folder)
    overlay = Overlay(integration, MAX)
    refused = overlay.rename(str(folder / "application_credential.py"), APP)
    assert refused == RenameRefused("it cannot be read (DC900)")
    if hasattr(os, "symlink"):
        target = tmp_path / "elsewhere.py"
        target.write_text(GOOD_SERVER)
        os.symlink(target, folder / "developer_credential.py")
        refused = overlay.rename(
            str(folder / "developer_credential.py"), "developer_credentials.py"
        )
        assert refused == RenameRefused("it is a symbolic link")
    assert overlay.renames == []


# --- write_atomic -----------------------------------------------------------------------------


def source_of(path: Path) -> SourceText:
    source = read_source(str(path))
    assert isinstance(source, SourceText)
    return source


def test_write_atomic_keeps_mode_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_bytes(b"\xef\xbb\xbfx = 1\r\ny = 2\r\n")
    path.chmod(0o640)
    source = source_of(path)
    assert source.bom and source.text == "x = 1\r\ny = 2\r\n"
    write_atomic(str(path), source, source.text.replace("x = 1", "x = 10"))
    assert path.read_bytes() == b"\xef\xbb\xbfx = 10\r\ny = 2\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["module.py"]  # no temporary file


def test_write_atomic_replaces_the_file_in_one_rename(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text("x = 1\n")
    before = path.stat().st_ino
    write_atomic(str(path), source_of(path), "x = 2\n")
    assert path.read_text() == "x = 2\n"
    assert path.stat().st_ino != before  # a new file took its name; the old one was not truncated


def test_write_atomic_never_over_a_changed_file(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text("x = 1\n")
    source = source_of(path)
    path.write_text("x = 1  # edited meanwhile\n")
    with pytest.raises(FixError, match="changed while fixing"):
        write_atomic(str(path), source, "x = 2\n")
    assert path.read_text() == "x = 1  # edited meanwhile\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["module.py"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_write_atomic_never_through_a_link(tmp_path: Path) -> None:
    target = tmp_path / "target.py"
    target.write_text("x = 1\n")
    link = tmp_path / "link.py"
    os.symlink(target, link)
    with pytest.raises(FixError, match="symbolic link"):
        write_atomic(str(link), source_of(link), "x = 2\n")
    assert target.read_text() == "x = 1\n" and link.is_symlink()


def test_write_atomic_failure_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "module.py"
    path.write_text("x = 1\n")
    source = source_of(path)

    def failing_replace(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(writing.os, "replace", failing_replace)
    with pytest.raises(FixError, match="not written: Permission denied"):
        write_atomic(str(path), source, "x = 2\n")
    assert path.read_text() == "x = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["module.py"]


# --- rename_no_clobber ----------------------------------------------------------------------


@pytest.fixture(params=["renameat2", "link-and-unlink"])
def rename_way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a rename is done: the atomic system call, and the fallback without it."""
    if request.param == "link-and-unlink":
        monkeypatch.setattr(writing, "_rename_noreplace", lambda old, new: False)
    return str(request.param)


def test_rename_no_clobber_renames(tmp_path: Path, rename_way: str) -> None:
    old, new = tmp_path / "old.py", tmp_path / "new.py"
    old.write_text("x = 1\n")
    rename_no_clobber(str(old), str(new))
    assert not old.exists() and new.read_text() == "x = 1\n"


def test_rename_no_clobber_never_replaces_a_file(tmp_path: Path, rename_way: str) -> None:
    old, new = tmp_path / "old.py", tmp_path / "new.py"
    old.write_text("old\n")
    new.write_text("new\n")
    with pytest.raises(FixError, match="exists"):
        rename_no_clobber(str(old), str(new))
    assert old.read_text() == "old\n" and new.read_text() == "new\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_rename_no_clobber_never_renames_a_link(tmp_path: Path, rename_way: str) -> None:
    target = tmp_path / "target.py"
    target.write_text("x = 1\n")
    link, new = tmp_path / "link.py", tmp_path / "new.py"
    os.symlink(target, link)
    with pytest.raises(FixError, match="symbolic link"):
        rename_no_clobber(str(link), str(new))
    assert link.is_symlink() and not new.exists()
