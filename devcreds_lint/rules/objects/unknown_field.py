"""DC302: a keyword argument that is no field of the contract object."""

from __future__ import annotations

from devcreds_lint.facts.edits import replace_node
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.objects import unknown_keywords
from devcreds_lint.facts.urls import contract_calls
from devcreds_lint.model import FixAvailability, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class UnknownField(Rule):
    code = "DC302"
    fix = FixAvailability.ALWAYS
    name = "unknown-field"
    summary = "A keyword argument is no field of the contract object."
    why = (
        "The objects are dataclasses with fixed fields; `authorization_url=` or `token_uri=` "
        "raises `TypeError: unexpected keyword argument` at runtime."
    )
    fix_safety = "Safe when the keyword is a near miss of exactly one missing field: it is renamed."
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(authorize_url="https://acme-api.io/authorize", token_uri="https://acme-api.io/token")
'''
            },
            fixed={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(authorize_url="https://acme-api.io/authorize", token_url="https://acme-api.io/token")
'''
            },
            at="9:79-9:88",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module, call in contract_calls(ctx):
            suggestions = unknown_keywords(call)
            for arg in call.keywords:
                assert arg.keyword is not None
                keyword = arg.keyword.value
                if keyword not in suggestions:
                    continue
                target = suggestions[keyword]
                fields = ", ".join(f"`{f.name}`" for f in call.spec.fields)
                if target:
                    message = (
                        f"`{keyword}` is no field of `{call.spec.name}`; did you mean `{target}`?"
                    )
                    fix = safe_fix(
                        f"Rename `{keyword}` to `{target}`",
                        replace_node(module, arg.keyword, target),
                    )
                else:
                    message = f"`{keyword}` is no field of `{call.spec.name}` (fields: {fields})"
                    fix = None
                self.report(module, arg.keyword, message, fix=fix)
