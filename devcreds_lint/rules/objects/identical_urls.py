"""DC306: the authorize and token endpoints of a contract object are the same URL."""

from __future__ import annotations

from devcreds_lint.facts.authorize_step import unused_authorize_url
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.url_placeholders import placeholder_problem
from devcreds_lint.facts.urls import endpoint_pairs, shown
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
        "for Home Assistant. They are almost never the same URL: one of them is a copy-paste slip. "
        "Two identical placeholders (`https://YOUR_DOMAIN/oauth`) are DC309's instead. Not "
        "reported when the integration's flow replaces the authorize step (DC304 says when): "
        "`authorize_url` is never read, so its value cannot be a slip that matters."
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
    return AuthorizationServer(authorize_url="https://acme-api.io/oauth", token_url="https://acme-api.io/oauth")
'''
            },
            at="9:12-9:113",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pair in endpoint_pairs(ctx):  # (authorize, token), from the contract
            values: list[str] = []
            for arg in pair.args:
                known = pair.module.value(arg.value) if arg else None
                if known is None or known.kind is not ValueKind.STR or not known.value:
                    break
                if placeholder_problem(known.value):
                    break  # DC309: placeholders say nothing about the real URLs
                values.append(known.value)
            else:
                authorize, token = pair.names
                if values[0] == values[1] and not unused_authorize_url(ctx, pair.names, authorize):
                    self.report(
                        pair.module,
                        pair.call,
                        f"`{authorize}` and `{token}` are both {shown(values[1])!r}",
                    )
