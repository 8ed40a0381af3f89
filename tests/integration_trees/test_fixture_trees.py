"""The hand-written trees under tests/fixtures/ give exactly the findings in their MANIFEST."""

from __future__ import annotations

import pathlib

import pytest

from tests.helpers import FIXTURES, check_paths

EXPECTED = {
    "clean_app": [],
    "clean_dev": [],
    "seed": [
        ("developer_credentails.py", 1, "DC101"),
        ("developer_credentails.py", 4, "DC102"),
        ("developer_credentails.py", 5, "DC102"),
        ("developer_credentails.py", 8, "DC205"),
        ("developer_credentails.py", 11, "DC309"),
        ("developer_credentails.py", 12, "DC309"),
        ("developer_credentails.py", 17, "DC208"),
        ("developer_credentails.py", 17, "DC205"),
        ("manifest.json", 1, "DC601"),
    ],
    "core_tree": [("application_credentials.py", 7, "DC203")],
    "broken_manifest": [("manifest.json", 10, "DC604")],  # at the JSON error
    "secrets": [
        ("__init__.py", 23, "DC501"),
        ("application_credentials.py", 19, "DC502"),
        ("application_credentials.py", 20, "DC501"),
    ],
    "misspelled_hooks": [
        ("application_credentials.py", 9, "DC202"),
        ("application_credentials.py", 17, "DC209"),
    ],
    "urls": [
        ("application_credentials.py", 11, "DC503"),
        ("application_credentials.py", 9, "DC306"),
        ("application_credentials.py", 10, "DC305"),
        ("application_credentials.py", 11, "DC304"),
    ],
}


@pytest.mark.parametrize("tree", sorted(EXPECTED))
def test_tree_findings(tree: str) -> None:
    found = [(pathlib.Path(d.path).name, d.start.row, d.code) for d in check_paths(FIXTURES / tree)]
    assert found == EXPECTED[tree]


def test_generated_listing_is_not_an_integration() -> None:
    generated = (
        FIXTURES / "core_tree" / "homeassistant" / "generated" / "application_credentials.py"
    )
    assert check_paths(generated) == []


def test_seed_has_no_syntax_error_or_undefined_names() -> None:
    """One root cause, one finding: DC102 explains the parse failure (no DC100), and the
    repaired imports bind the contract names (no DC401)."""
    found = {d.code for d in check_paths(FIXTURES / "seed")}
    assert "DC100" not in found and "DC401" not in found


def test_secrets_never_in_messages() -> None:
    for diag in check_paths(FIXTURES / "secrets"):
        for secret in ("super-secret-value", "another-secret", "my-client-id"):
            assert secret not in diag.message
        assert diag.redacted
