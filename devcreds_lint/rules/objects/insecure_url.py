"""DC305: an ``http://`` URL to a host other than localhost."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar
from urllib.parse import urlsplit

from devcreds_lint.facts.authorize_step import unused_authorize_url
from devcreds_lint.facts.edits import replace_node
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.url_placeholders import placeholder_problem
from devcreds_lint.facts.urls import KnownUrl, describe, is_loopback, known_urls, url_problem
from devcreds_lint.model import Applicability, Fix, FixAvailability, unsafe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class InsecureUrl(Rule):
    code = "DC305"
    fix = FixAvailability.ALWAYS
    fix_applicability = Applicability.UNSAFE
    name = "insecure-url"
    options: ClassVar[Mapping[str, str]] = {
        "allowed-http-hosts": "extra hosts for which http:// is accepted (e.g. a LAN device)"
    }
    summary = "An `http://` URL to a host other than localhost."
    why = (
        "Authorization codes and tokens travel over these URLs. Plain HTTP to a remote host "
        "exposes them to anyone on the path. A placeholder URL (`http://example.com/...`) is "
        "DC309 instead: `https://` would not make it right. An `authorize_url` is not "
        "reported when the integration's flow replaces the authorize step (DC304 says when): "
        "no browser is ever sent there."
    )
    fix_safety = (
        "Unsafe: `http://` becomes `https://` in the literal, which is only right if the "
        "server speaks HTTPS on the default port. Apply with `--unsafe-fixes`."
    )
    VALID = (
        GOOD_SERVER,
        '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("http://localhost:8080/a", "http://127.0.0.1/t")
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
    return AuthorizationServer(authorize_url="http://acme-api.io/a", token_url="https://acme-api.io/t")
'''
            },
            fixed={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(authorize_url="https://acme-api.io/a", token_url="https://acme-api.io/t")
'''
            },
            unsafe=True,
            at="9:46-9:68",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        allowed = {h.lower() for h in ctx.settings.option(self.code, "allowed-http-hosts", [])}
        for url in known_urls(ctx):
            if url_problem(url.text) or not url.text.lower().startswith("http://"):
                continue
            if placeholder_problem(url.text):
                continue  # DC309: https:// would not make a placeholder host right
            host = urlsplit(url.text).hostname or ""
            if is_loopback(host) or host.lower() in allowed:
                continue
            if unused_authorize_url(ctx, url.call.spec.endpoints, url.field):
                continue  # the flow never sends anyone there
            self.report(
                url.module,
                url.node,
                f"`{url.field}` uses plain http:// to {host}{describe(url.value)}; use https://",
                fix=_use_https(url),
            )


def _use_https(url: KnownUrl) -> Fix | None:
    """``https://`` in place of ``http://`` in the string literal (None when the URL is not
    written as one literal, e.g. it comes from a constant or an f-string)."""
    literal = url.value.literal
    if literal is None:
        return None
    quote = literal.prefix + literal.quote
    new = literal.value.replace(quote + "http://", quote + "https://", 1)
    if new == literal.value:  # e.g. HTTP:// in capitals
        new = quote + "https://" + literal.value[len(quote) + len("http://") :]
    return unsafe_fix("Use `https://`", replace_node(url.module, literal, new))
