"""DC204 hook-not-module-level: a hook defined inside a class or a function."""

from __future__ import annotations

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class HookNotModuleLevel(Rule):
    code = "DC204"
    name = "hook-not-module-level"
    summary = "A hook is defined inside a class or a function."
    why = (
        "Home Assistant looks hooks up as attributes of the platform module. A method or a "
        "nested function is invisible to it, so the integration has no hook."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Platform with a hook in a class."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


class Platform:
    """Wrongly wraps the hook."""

    async def async_get_authorization_server(self, hass: HomeAssistant) -> AuthorizationServer:
        """Return the authorization server."""
        return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t")
'''
            },
            line=10,
            at="10:15-10:45",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module in ctx.parsed_platforms:
            for node, where in module.hooks.nested:
                self.report(
                    module,
                    node.name,
                    f"`{node.name.value}` is defined inside a {where}; Home Assistant only "
                    "finds hooks defined at module level",
                )
