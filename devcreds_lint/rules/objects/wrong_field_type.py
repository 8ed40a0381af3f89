"""DC307: a literal that is not a string given for a ``str`` field."""

from __future__ import annotations

from devcreds_lint.facts.authorize_step import unused_authorize_url
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.urls import contract_calls
from devcreds_lint.facts.values import ValueKind
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class WrongFieldType(Rule):
    code = "DC307"
    name = "wrong-field-type"
    summary = "A literal that is not a string is given for a `str` field."
    why = (
        "A number, `None`, bytes or a container where the contract wants a `str` breaks URL "
        "handling and token requests at runtime, far from the line that caused it. An "
        "`authorize_url` is not reported when the integration's flow replaces the authorize "
        "step (DC304 says when): Home Assistant never reads it, so no type of value breaks."
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
    return AuthorizationServer(authorize_url=None, token_url="https://acme-api.io/t")
'''
            },
            at="9:46-9:50",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module, call in contract_calls(ctx):
            for field_name, arg in call.field_args():
                spec = call.spec.field(field_name)
                assert spec is not None
                value = module.value(arg.value)
                if value is None or value.kind is ValueKind.STR:
                    continue
                if spec.nullable and value.type_name == "None":
                    continue
                if unused_authorize_url(ctx, call.spec.endpoints, field_name):
                    continue  # a value Home Assistant never reads
                self.report(
                    module,
                    arg.value,
                    f"`{field_name}` of `{call.spec.name}` must be a `str`, not `{value.type_name}`",
                )
