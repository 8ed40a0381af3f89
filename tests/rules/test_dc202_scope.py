"""DC202's rename is scope-aware: it renames the misspelled hook and what resolves to it, and
never a binding of the same name in another scope (a local, a parameter, a comprehension
variable, a closure's variable, a class attribute)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import fix_paths, make_integration, read_tree

APP = "application_credentials.py"

BEFORE = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorisation_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t")
'''

AFTER = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t")
'''

# (title, the rest of the module before the fix, the same after it)
CASES = [
    (
        "a local variable",
        """

def helper():
    async_get_authorisation_server = 1
    return async_get_authorisation_server
""",
        """

def helper():
    async_get_authorisation_server = 1
    return async_get_authorisation_server
""",
    ),
    (
        "a parameter",
        """

def helper(async_get_authorisation_server):
    return async_get_authorisation_server


CALL = lambda async_get_authorisation_server: async_get_authorisation_server
""",
        """

def helper(async_get_authorisation_server):
    return async_get_authorisation_server


CALL = lambda async_get_authorisation_server: async_get_authorisation_server
""",
    ),
    (
        "comprehension variables",
        """

def helper(items):
    return [async_get_authorisation_server for async_get_authorisation_server in items]


SERVERS = [hook for hook in [async_get_authorisation_server]]
NAMES = {name: async_get_authorisation_server for name in ["a"]}
""",
        """

def helper(items):
    return [async_get_authorisation_server for async_get_authorisation_server in items]


SERVERS = [hook for hook in [async_get_authorization_server]]
NAMES = {name: async_get_authorization_server for name in ["a"]}
""",
    ),
    (
        "nested function shadowing",
        """

def outer():
    async_get_authorisation_server = 1

    def inner():
        return async_get_authorisation_server

    return inner


def other():
    def inner():
        return async_get_authorisation_server

    return inner
""",
        """

def outer():
    async_get_authorisation_server = 1

    def inner():
        return async_get_authorisation_server

    return inner


def other():
    def inner():
        return async_get_authorization_server

    return inner
""",
    ),
    (
        "a global statement",
        """

def reset():
    global async_get_authorisation_server
    async_get_authorisation_server = None
""",
        """

def reset():
    global async_get_authorization_server
    async_get_authorization_server = None
""",
    ),
    (
        "a class attribute",
        """

class Holder:
    async_get_authorisation_server = None

    def method(self):
        return async_get_authorisation_server
""",
        """

class Holder:
    async_get_authorisation_server = None

    def method(self):
        return async_get_authorization_server
""",
    ),
    (
        "other local bindings",
        """

def loops(items):
    for async_get_authorisation_server in items:
        print(async_get_authorisation_server)


def handlers():
    try:
        pass
    except ValueError as async_get_authorisation_server:
        print(async_get_authorisation_server)


def imports():
    from os import path as async_get_authorisation_server

    return async_get_authorisation_server


def walrus(items):
    if async_get_authorisation_server := items:
        return async_get_authorisation_server
    return [async_get_authorisation_server]


HOOKS = (async_get_authorisation_server,)
""",
        """

def loops(items):
    for async_get_authorisation_server in items:
        print(async_get_authorisation_server)


def handlers():
    try:
        pass
    except ValueError as async_get_authorisation_server:
        print(async_get_authorisation_server)


def imports():
    from os import path as async_get_authorisation_server

    return async_get_authorisation_server


def walrus(items):
    if async_get_authorisation_server := items:
        return async_get_authorisation_server
    return [async_get_authorisation_server]


HOOKS = (async_get_authorization_server,)
""",
    ),
]


@pytest.mark.parametrize(("title", "before", "after"), CASES, ids=[c[0] for c in CASES])
def test_rename_leaves_other_scopes_alone(
    title: str, before: str, after: str, tmp_path: Path
) -> None:
    folder = make_integration(tmp_path, {APP: BEFORE + before})
    remaining = fix_paths(folder, only="DC202")
    assert "DC202" not in {d.code for d in remaining}
    assert read_tree(folder)[APP] == AFTER + after, title
