"""DC101 and DC103 beyond their examples: the leftover of a rename, noqa on line 1."""

from __future__ import annotations

import json
from pathlib import Path

from devcreds_lint.model import Applicability
from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import ROOT, check_paths, codes, fix_paths, make_integration, run_cli

SEED = ROOT / "tests" / "fixtures" / "seed"

DEV_SERVER = GOOD_SERVER.replace("application_credentials", "developer_credentials")


def test_the_pre_rename_copy_beside_the_platform_is_dc103_not_dc101(tmp_path: Path) -> None:
    folder = make_integration(
        tmp_path,
        {"developer_credentials.py": DEV_SERVER, "developer_credentails.py": DEV_SERVER},
        profile="developer_credentials",
    )
    found = [d for d in check_paths(folder) if d.code in ("DC101", "DC103")]
    assert [(d.code, d.path.rsplit("/", 1)[1], d.start.row, d.end.row) for d in found] == [
        ("DC103", "developer_credentails.py", 1, 1)
    ]
    assert "`developer_credentials.py`" in found[0].message


def test_noqa_on_line_1_suppresses_dc103(tmp_path: Path) -> None:
    leftover = GOOD_SERVER.replace('Example."""', 'Example."""  # noqa: DC103', 1)
    folder = make_integration(
        tmp_path,
        {"application_credentials.py": GOOD_SERVER, "application_credential.py": leftover},
    )
    assert "DC103" not in codes(check_paths(folder))


def test_dc101_renames_to_the_profile_the_manifest_and_imports_name(tmp_path: Path) -> None:
    """Issue 16 point 5: `developer_credential.py` importing from `application_credentials`,
    in an integration depending on it, becomes `application_credentials.py`; its import and
    the manifest are left alone."""
    folder = make_integration(tmp_path, {"developer_credential.py": GOOD_SERVER})
    manifest = (folder / "manifest.json").read_text(encoding="utf-8")
    (found,) = [d for d in check_paths(folder) if d.code == "DC101"]
    assert found.fix is not None and found.fix.rename is not None
    assert found.fix.rename.new_name == "application_credentials.py"
    assert found.fix.applicability is Applicability.SAFE
    assert fix_paths(folder) == []
    assert (folder / "application_credentials.py").read_text(encoding="utf-8") == GOOD_SERVER
    assert (folder / "manifest.json").read_text(encoding="utf-8") == manifest
    assert not (folder / "developer_credentials.py").exists()


def test_dc101_is_unsafe_when_manifest_and_imports_disagree(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {"developer_credential.py": DEV_SERVER})
    (found,) = [d for d in check_paths(folder) if d.code == "DC101"]
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE
    fix_paths(folder)
    assert (folder / "developer_credential.py").exists()  # not renamed by a safe --fix


def test_the_seed_rename_stays_safe() -> None:
    (found,) = [d for d in check_paths(SEED) if d.code == "DC101"]
    assert found.fix is not None and found.fix.rename is not None
    assert found.fix.rename.new_name == "developer_credentials.py"
    assert found.fix.applicability is Applicability.SAFE


def test_the_seed_rename_stays_safe_in_a_checker_process() -> None:
    """The command line checks in a forked process (workers, the pre-started checker), which
    holds its own copies of the profiles: the target's safety must not depend on which
    process compared them (it did: `is` between unpickled profiles made the seed unsafe)."""
    status, out, _ = run_cli("check", "--no-cache", "--output-format", "json", str(SEED))
    assert status == 1
    (found,) = [d for d in json.loads(out) if d["code"] == "DC101"]
    assert found["fix"]["applicability"] == "safe"


def test_dc101_covers_line_1_and_noqa_there_suppresses_it(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {"application_credential.py": GOOD_SERVER})
    (found,) = [d for d in check_paths(folder) if d.code == "DC101"]
    first = GOOD_SERVER.splitlines()[0]
    assert (found.start.row, found.start.column, found.end.row, found.end.column) == (
        1,
        1,
        1,
        len(first) + 1,
    )
    (folder / "application_credential.py").write_text(
        GOOD_SERVER.replace(first, first + "  # noqa: DC101", 1), encoding="utf-8"
    )
    assert "DC101" not in codes(check_paths(folder))


def test_noqa_comments_in_a_leftover_are_not_unused(tmp_path: Path) -> None:
    """The pre-rename copy keeps the platform's `# noqa` comments; no rule reads its lines, so
    they are not reported as unused (DC901): DC103 is the one finding about the file."""
    sync = GOOD_SERVER.replace(
        "async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:",
        "def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:"
        "  # noqa: DC203",
    )
    folder = make_integration(
        tmp_path, {"application_credentials.py": sync, "application_credential.py": sync}
    )
    found = [(d.code, d.path.rsplit("/", 1)[1]) for d in check_paths(folder)]
    assert found == [("DC103", "application_credential.py")]
