"""DC303: more positional arguments than fields, or a field given twice."""

from __future__ import annotations

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.urls import contract_calls
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class ExtraArgument(Rule):
    code = "DC303"
    name = "extra-argument"
    summary = "More positional arguments than fields, or a field given twice."
    why = "Both raise `TypeError` when the object is built."
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t", "https://acme-api.io/x")
'''
            },
            at="9:82-9:105",
            title="too many positional arguments",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", authorize_url="https://acme-api.io/b", token_url="https://acme-api.io/t")
'''
            },
            at="9:57-9:94",
            title="a field given twice",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module, call in contract_calls(ctx):
            fields = call.spec.fields
            for arg in call.positional[len(fields) :]:
                self.report(
                    module,
                    arg,
                    f"`{call.spec.name}` takes at most {len(fields)} positional arguments",
                )
            positional = {f.name for f, _ in zip(fields, call.positional, strict=False)}
            seen: set[str] = set(positional)
            for arg in call.keywords:
                assert arg.keyword is not None
                keyword = arg.keyword.value
                if call.spec.field(keyword) is None:
                    continue
                if keyword in seen:
                    self.report(
                        module,
                        arg,
                        f"field `{keyword}` of `{call.spec.name}` is given twice",
                    )
                seen.add(keyword)
