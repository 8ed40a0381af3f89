"""DC306: the authorize and token endpoints of a contract object are the same URL."""

from __future__ import annotations

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.urls import contract_calls, shown
from devcreds_lint.facts.values import ValueKind
from devcreds_lint.model import Severity
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class IdenticalUrls(Rule):
    code = "DC306"
    name = "identical-urls"
    severity = Severity.WARNING
    summary = "`authorize_url` and `token_url` are the same URL."
    why = (
        "The authorize endpoint is a page for the user's browser; the token endpoint is an API "
        "for Home Assistant. They are almost never the same URL: one of them is a copy-paste slip."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(authorize_url="https://example.com/oauth", token_url="https://example.com/oauth")
'''
            },
            at="9:12-9:113",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, call in contract_calls(ctx):
            endpoints = call.spec.endpoints  # (authorize, token), from the contract
            if endpoints is None:
                continue
            values: list[str] = []
            for name in endpoints:
                arg = call.value_of(name)
                known = pctx.value(arg.value) if arg else None
                if known is None or known.kind is not ValueKind.STR or not known.value:
                    break
                values.append(known.value)
            else:
                authorize, token = endpoints
                if values[0] == values[1]:
                    self.report(
                        pctx,
                        call.call,
                        f"`{authorize}` and `{token}` are both {shown(values[1])!r}",
                    )
