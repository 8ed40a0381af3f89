"""known_urls: every URL field of a contract object whose value is known (literal, constant,
const.py), and what is wrong with a URL string."""

from __future__ import annotations

from pathlib import Path

import pytest

from devcreds_lint.facts.urls import is_loopback, known_urls, shown, url_problem
from tests.facts.support import APP, integration_facts

PLATFORM = '''"""Platform."""

from homeassistant.components.application_credentials import AuthorizationServer, ClientCredential
from homeassistant.core import HomeAssistant

from .const import TOKEN_URL

AUTHORIZE = "https://acme-api.io/authorize"


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the server."""
    return AuthorizationServer(AUTHORIZE, token_url=TOKEN_URL)


def other() -> None:
    AuthorizationServer(authorize_url=make_url(), token_url=make_url("token"))
    ClientCredential("https://not-a-url-field-apis.io", "secret")
'''
CONST = 'DOMAIN = "example"\nTOKEN_URL = "http://acme-api.io/token"\n'


def test_known_urls_of_the_contract_objects(tmp_path: Path) -> None:
    facts = integration_facts(tmp_path, {APP: PLATFORM, "const.py": CONST})
    found = [(u.field, u.text, u.value.via, u.call.spec.name) for u in known_urls(facts)]
    assert found == [
        ("authorize_url", "https://acme-api.io/authorize", "AUTHORIZE", "AuthorizationServer"),
        ("token_url", "http://acme-api.io/token", "const.TOKEN_URL", "AuthorizationServer"),
        # make_url() is unknown: nothing of the second call; ClientCredential's fields are
        # no URLs.
    ]
    (module,) = facts.platforms
    for url in known_urls(facts):
        assert url.module is module
        assert module.code_for(url.node) in {"AUTHORIZE", "TOKEN_URL"}


def test_no_known_urls_in_a_module_that_does_not_parse(tmp_path: Path) -> None:
    facts = integration_facts(tmp_path, {APP: PLATFORM + "\ndef broken(:\n"})
    assert list(known_urls(facts)) == []


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://acme-api.io/token", None),
        ("http://localhost:8123/auth", None),
        ("https://acme-api.io/a b", "contains white space"),
        ("acme-api.io/token", "is not an absolute http:// or https:// URL"),
        ("ftp://acme-api.io/token", "is not an absolute http:// or https:// URL"),
        ("https:///token", "has no host"),
        (
            "https://acme-api.io/token#frag",
            "has a #fragment, which OAuth2 forbids in these endpoints",
        ),
        ("https://acme-api.io/token#", "has a #fragment, which OAuth2 forbids in these endpoints"),
    ],
)
def test_url_problem(url: str, problem: str | None) -> None:
    assert url_problem(url) == problem


def test_a_bad_port_cannot_be_parsed() -> None:
    problem = url_problem("https://acme-api.io:99999/token")
    assert problem is not None and problem.startswith("cannot be parsed")


def test_shown_urls_hide_user_info_and_query_values() -> None:
    url = "https://robot:hunter2@auth.acme-api.io/token?client_secret=s3cr3t&scope=all"
    assert shown(url) == "https://auth.acme-api.io/token?client_secret=...&scope=..."


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("LOCALHOST", True),
        ("127.0.0.1", True),
        ("::1", True),
        ("192.168.1.2", False),
        ("acme-api.io", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
