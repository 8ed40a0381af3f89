"""DC101 and DC103 beyond their examples: the leftover of a rename, noqa on line 1."""

from __future__ import annotations

from pathlib import Path

from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import check_paths, codes, make_integration

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
