"""DC209 unknown-platform-hook: a module-level `async_get_*` function that is no hook."""

from __future__ import annotations

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import Severity
from devcreds_lint.naming import near_miss
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class UnknownPlatformHook(Rule):
    code = "DC209"
    name = "unknown-platform-hook"
    severity = Severity.WARNING
    summary = "A module-level `async_get_*` function is no hook of the contract."
    why = (
        "Only the contract's hooks are ever called. A function named like a hook that is "
        "none (and no near miss of one) is dead code, or a hook of another contract "
        "written into the wrong file."
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
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )


async def async_get_scopes(hass: HomeAssistant) -> list[str]:
    """Return the scopes."""
    return ["read"]
'''
            },
            line=15,
            at="15:11-15:27",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module in ctx.parsed_platforms:
            hook_names = {h.name for h in module.profile.hooks}
            misspelled = {node.name.value for node, _ in module.hooks.misspelled}
            for name, nodes in module.index.functions.items():
                if not name.startswith("async_get_") or name in hook_names or name in misspelled:
                    continue
                if near_miss(name, hook_names, allow_prefix="async_") is not None:
                    continue
                self.report(
                    module,
                    nodes[-1].name,
                    f"`{name}` is not a hook of the {module.profile.name} platform; Home "
                    "Assistant never calls it",
                )
