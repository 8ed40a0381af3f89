"""DC202 misspelled-platform-hook: a function named like an absent hook, renamed by the fix."""

from __future__ import annotations

from devcreds_lint.facts.edits import replace_node
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.scopes import module_level_uses
from devcreds_lint.model import FixAvailability, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class MisspelledPlatformHook(Rule):
    code = "DC202"
    fix = FixAvailability.ALWAYS
    name = "misspelled-platform-hook"
    summary = "A function's name is a near miss of a hook that is absent."
    why = (
        "Home Assistant finds hooks by their exact name. `async_get_authorisation_server` is "
        "never called, so the integration behaves as if it had no hook at all."
    )
    fix_safety = (
        "Safe: the function and every reference to it in the module are renamed. Code "
        "outside the module that used the old name would need the same change."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorisation_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            fixed={APP: GOOD_SERVER},
            line=7,
            at="7:11-7:41",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


def get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            title="missing async_ prefix",
            fixed={APP: GOOD_SERVER},
            at="7:5-7:29",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorisation_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )


HOOKS = [async_get_authorisation_server]


def count() -> int:
    """A local variable of the same name is another binding."""
    async_get_authorisation_server = 1
    return async_get_authorisation_server
'''
            },
            title="a local variable of the same name is left alone",
            fixed={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )


HOOKS = [async_get_authorization_server]


def count() -> int:
    """A local variable of the same name is another binding."""
    async_get_authorisation_server = 1
    return async_get_authorisation_server
'''
            },
            at="7:11-7:41",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module in ctx.parsed_platforms:
            for node, spec in module.hooks.misspelled:
                old = node.name.value
                # Only what resolves to the module-level function: a local of the same name
                # in another scope is another binding and stays as it is.
                edits = [replace_node(module, node.name, spec.name)]
                edits += [
                    replace_node(module, use, spec.name) for use in module_level_uses(module, old)
                ]
                self.report(
                    module,
                    node.name,
                    f"`{old}` is not a hook Home Assistant calls; did you mean `{spec.name}`?",
                    fix=safe_fix(f"Rename `{old}` to `{spec.name}`", *edits),
                )
