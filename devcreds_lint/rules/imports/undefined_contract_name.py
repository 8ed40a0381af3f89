"""DC401 undefined-contract-name: a contract name used but never imported or defined."""

from __future__ import annotations

from devcreds_lint.facts.component_imports import names_bound_by_fixes
from devcreds_lint.facts.edits import add_import
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import FixAvailability, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class UndefinedContractName(Rule):
    code = "DC401"
    fix = FixAvailability.ALWAYS
    name = "undefined-contract-name"
    summary = "A contract name (`AuthorizationServer`, `HomeAssistant`, ...) is used but never imported or defined."
    why = (
        "Annotations and calls that name an undefined contract type raise `NameError` when "
        "the module is imported or the hook runs, so Home Assistant cannot load the platform. "
        "A name that DC403's fix would import (`from <component> import AuthorizationSever` "
        "renamed to `AuthorizationServer`) is that one slip, reported once, by DC403."
    )
    fix_safety = "Safe: the import is added from the name's home module."
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            fixed={APP: GOOD_SERVER},
            line=6,
            at="6:48-6:61",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module in ctx.parsed_platforms:
            index = module.index
            if index.star_import:
                continue
            pending: frozenset[str] | None = None
            for name, home in module.profile.names:
                uses = index.name_uses.get(name)
                if not uses or name in index.bindings:
                    continue
                if pending is None:
                    pending = names_bound_by_fixes(module, ctx.profiles)
                if name in pending:
                    continue
                edit = add_import(module, name, home)
                fix = safe_fix(f"Import `{name}` from `{home}`", edit) if edit else None
                self.report(
                    module,
                    uses[0],
                    f"`{name}` is used but never imported; import it from `{home}`",
                    fix=fix,
                )
