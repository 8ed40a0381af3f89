"""DC503: a URL that carries credentials (user info, or a credential query parameter)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from devcreds_lint.contracts import CREDENTIAL_QUERY_PARAMS
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.urls import known_urls
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP


class CredentialsInUrl(Rule):
    code = "DC503"
    name = "credentials-in-url"
    summary = "A URL carries credentials: user info or a query parameter such as `client_secret`."
    why = (
        "URLs end up in logs, browser history and proxies. Credentials belong in the token "
        "request's body, which Home Assistant's OAuth2 implementation already sends."
    )
    VALID = (
        '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t?grant_type=code")
''',
    )
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t?client_secret=abc")
'''
            },
            at="9:57-9:98",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for url in known_urls(ctx):
            problem = credential_problem(url.text)
            if problem:
                self.report(
                    url.module,
                    url.node,
                    f"`{url.field}` {problem} (value redacted)",
                    redacted=True,
                )


def credential_problem(url: str) -> str | None:
    """How ``url`` carries credentials, or None."""
    try:
        parts = urlsplit(url)
        has_userinfo = "@" in parts.netloc
    except ValueError:
        return None
    if has_userinfo:
        return "contains user info (`user:password@`)"
    names = sorted(
        {
            k
            for k, _ in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() in CREDENTIAL_QUERY_PARAMS
        }
    )
    if names:
        return "has the credential query parameter(s) " + ", ".join(f"`{n}`" for n in names)
    return None
