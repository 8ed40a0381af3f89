"""Near-miss matching (RULES.md §2): misspelled platform file names (DC101) and hook names
(DC202)."""

from __future__ import annotations

import pytest

from devcreds_lint.naming import edit_distance, near_miss

FILES = ["developer_credentials", "application_credentials"]


HOOKS = [
    "async_get_authorization_server",
    "async_get_auth_implementation",
    "async_get_description_placeholders",
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("developer_credentails", "developer_credentials"),
        ("developer_credential", "developer_credentials"),
        ("Developer_Credentials", "developer_credentials"),
        ("developer-credentials", "developer_credentials"),
        ("application_credential", "application_credentials"),
        ("developercredentials", "developer_credentials"),
        ("sensor", None),
        ("credentials", None),
        ("application_credentials_helper", None),
    ],
)
def test_platform_file_near_misses(name: str, expected: str | None) -> None:
    assert near_miss(name, FILES) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("async_get_authorisation_server", "async_get_authorization_server"),
        ("async_get_authorization_sever", "async_get_authorization_server"),
        ("get_authorization_server", "async_get_authorization_server"),
        ("async_get_auth_implementaton", "async_get_auth_implementation"),
        ("async_get_tokens", None),
        ("async_setup_entry", None),
    ],
)
def test_hook_near_misses(name: str, expected: str | None) -> None:
    assert near_miss(name, HOOKS, allow_prefix="async_") == expected


def test_a_tie_is_no_near_miss() -> None:
    assert near_miss("ab", ["aa", "bb"]) is None


def test_edit_distance_counts_a_transposition_once() -> None:
    assert edit_distance("credentails", "credentials") == 1
    assert edit_distance("kitten", "sitting") == 3
