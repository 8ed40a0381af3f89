"""Near-miss matching (RULES.md §2) and the manifest edit behind DC601's fix."""

from __future__ import annotations

import json

import pytest

from devcreds_lint.facts.manifest_edit import add_dependency
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


def _apply(text: str, dep: str = "application_credentials") -> str:
    change = add_dependency(text, dep)
    assert change is not None
    start, end, content = change
    return text[:start] + content + text[end:]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            '{"domain": "x", "dependencies": []}',
            '{"domain": "x", "dependencies": ["application_credentials"]}',
        ),
        (
            '{"domain": "x", "dependencies": ["http"]}',
            '{"domain": "x", "dependencies": ["http", "application_credentials"]}',
        ),
        (
            '{"domain": "x", "name": "X", "iot_class": "cloud"}',
            '{"domain": "x", "name": "X", "dependencies": ["application_credentials"], "iot_class": "cloud"}',
        ),
        (
            '{"domain": "x", "codeowners": []}',
            '{"domain": "x", "codeowners": [], "dependencies": ["application_credentials"]}',
        ),
        ("{}", '{"dependencies": ["application_credentials"]}'),
        (
            '{\n\t"domain": "x",\n\t"dependencies": [\n\t\t"http"\n\t]\n}\n',
            '{\n\t"domain": "x",\n\t"dependencies": [\n\t\t"http",\n\t\t"application_credentials"\n\t]\n}\n',
        ),
        (
            '{\n  "domain": "x",\n  "name": "é \\"q\\" {}",\n  "zeroconf": [{"type": "_x._tcp.local."}]\n}',
            '{\n  "domain": "x",\n  "name": "é \\"q\\" {}",\n  "dependencies": ["application_credentials"],\n  "zeroconf": [{"type": "_x._tcp.local."}]\n}',
        ),
    ],
)
def test_add_dependency_keeps_formatting(before: str, after: str) -> None:
    result = _apply(before)
    assert result == after
    assert "application_credentials" in json.loads(result)["dependencies"]


def test_dependencies_that_are_not_a_list_get_no_edit() -> None:
    assert add_dependency('{"dependencies": "http"}', "application_credentials") is None
