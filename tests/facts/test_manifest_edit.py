"""The manifest edit behind DC601's fix: add a dependency, keep the file's formatting."""

from __future__ import annotations

import json

import pytest

from devcreds_lint.facts.manifest_edit import add_dependency


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
