"""Rules about credentials written into the code or into URLs.

Values found here are secrets: messages never contain them, and diagnostics are marked
``redacted`` so that reporters mask the source range too.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import libcst as cst

from devcreds_lint.contracts import FieldRole
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.objects import object_calls
from devcreds_lint.facts.urls import known_urls
from devcreds_lint.facts.values import ValueKind
from devcreds_lint.model import Severity
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, server

IMPL = '''"""Application credentials platform."""

from homeassistant.components.application_credentials import (
    AuthImplementation,
    AuthorizationServer,
    ClientCredential,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return the implementation."""
    return AuthImplementation(
        hass,
        auth_domain,
        CREDENTIAL,
        AuthorizationServer("https://example.com/a", "https://example.com/t"),
    )
'''


def _secret_modules(ctx: IntegrationFacts) -> Iterator[ModuleFacts]:
    """The platform modules and, when it may hold credentials, ``__init__.py``."""
    yield from ctx.parsed_platforms
    if ctx.init_module is not None:
        yield ctx.init_module


def hardcoded(
    ctx: IntegrationFacts, role: FieldRole
) -> Iterator[tuple[ModuleFacts, cst.BaseExpression, str | None]]:
    """(module, value node, followed constant) for each non-empty literal credential."""
    field_name = role.value
    for pctx in _secret_modules(ctx):
        seen: set[int] = set()
        for call in object_calls(pctx.index, pctx.profile, ctx.profiles):
            arg = call.value_of(field_name)
            if arg is not None:
                seen.add(id(arg))
        for call_node in pctx.index.calls:
            for arg in call_node.args:
                keyword = arg.keyword.value if arg.keyword is not None else None
                if keyword != field_name and id(arg) not in seen:
                    continue
                value = pctx.value(arg.value)
                if value is not None and value.kind is ValueKind.STR and value.value:
                    yield pctx, arg.value, value.via


def _via(via: str | None) -> str:
    return f" (through `{via}`)" if via else ""


class HardcodedClientSecret(Rule):
    code = "DC501"
    name = "hardcoded-client-secret"
    summary = "A client secret is written into the code."
    why = (
        "Application credentials exist so that each user brings their own client. A secret "
        "in the source is shared with everyone who installs the integration, cannot be "
        "rotated, and leaks with the repository. The value is never shown in any output."
    )
    VALID = (IMPL.replace("CREDENTIAL", "credential"),)
    INVALID = (
        Example(
            files={
                APP: IMPL.replace(
                    "CREDENTIAL", 'ClientCredential("my-id", client_secret="hunter2-but-longer")'
                )
            },
            line=19,
            count=1,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, node, via in hardcoded(ctx, FieldRole.CLIENT_SECRET):
            self.report(
                pctx,
                node,
                f"`client_secret` is a hard-coded string{_via(via)} (value redacted); let users "
                "enter their own credentials",
                redacted=True,
            )


class HardcodedClientId(Rule):
    code = "DC502"
    name = "hardcoded-client-id"
    severity = Severity.WARNING
    summary = "A client ID is written into the code."
    why = (
        "A client ID is less sensitive than a secret, but one baked into the code ties every "
        "user to one registered application, which defeats application credentials."
    )
    VALID = (IMPL.replace("CREDENTIAL", "credential"),)
    INVALID = (
        Example(
            files={
                APP: IMPL.replace(
                    "CREDENTIAL",
                    'ClientCredential(client_id="my-client-id", client_secret=credential.client_secret)',
                )
            },
            line=19,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, node, via in hardcoded(ctx, FieldRole.CLIENT_ID):
            self.report(
                pctx,
                node,
                f"`client_id` is a hard-coded string{_via(via)} (value redacted); let users "
                "enter their own credentials",
                redacted=True,
            )


CREDENTIAL_PARAMS = frozenset(
    {
        "client_secret",
        "client_id",
        "access_token",
        "refresh_token",
        "id_token",
        "api_key",
        "apikey",
        "api_secret",
        "password",
        "passwd",
        "secret",
        "token",
    }
)


def credential_problem(url: str) -> str | None:
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
            if k.lower() in CREDENTIAL_PARAMS
        }
    )
    if names:
        return "has the credential query parameter(s) " + ", ".join(f"`{n}`" for n in names)
    return None


class CredentialsInUrl(Rule):
    code = "DC503"
    name = "credentials-in-url"
    summary = "A URL carries credentials: user info or a query parameter such as `client_secret`."
    why = (
        "URLs end up in logs, browser history and proxies. Credentials belong in the token "
        "request's body, which Home Assistant's OAuth2 implementation already sends."
    )
    VALID = (server('"https://example.com/a", "https://example.com/t?grant_type=code"'),)
    INVALID = (
        Example(
            files={
                APP: server('"https://example.com/a", "https://example.com/t?client_secret=abc"')
            },
            line=9,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for url in known_urls(ctx):
            pctx, field_name, value, node = url.module, url.field, url.value, url.node
            assert value.value is not None
            problem = credential_problem(value.value)
            if problem and isinstance(node, cst.CSTNode):
                self.report(
                    pctx,
                    node,
                    f"`{field_name}` {problem} (value redacted)",
                    redacted=True,
                )


RULES: tuple[type[Rule], ...] = (
    HardcodedClientSecret,
    HardcodedClientId,
    CredentialsInUrl,
)
