"""DC301: a contract object built without one of its required fields."""

from __future__ import annotations

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.objects import unknown_keywords
from devcreds_lint.facts.urls import contract_calls
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class MissingRequiredField(Rule):
    code = "DC301"
    name = "missing-required-field"
    summary = "A contract object is built without one of its required fields."
    why = (
        "`AuthorizationServer`, `ClientCredential` and `DeveloperCredential` are dataclasses: "
        "leaving out `token_url` (or `client_secret`, ...) raises `TypeError` when the hook "
        "runs, which is when a user tries to add credentials."
    )
    VALID = (
        GOOD_SERVER,
        '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t")
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
    return AuthorizationServer(authorize_url="https://acme-api.io/authorize")
'''
            },
            at="9:12-9:78",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module, call in contract_calls(ctx):
            if call.starred:
                continue
            given = {name for name, _ in call.field_args()}
            explained = {v for v in unknown_keywords(call).values() if v}
            for field_spec in call.spec.fields:
                if field_spec.required and field_spec.name not in given | explained:
                    self.report(
                        module,
                        call.call,
                        f"`{call.spec.name}` is missing the required field `{field_spec.name}`",
                    )
