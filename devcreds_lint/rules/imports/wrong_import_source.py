"""DC402 wrong-import-source: a contract name imported from another module than its home."""

from __future__ import annotations

import libcst as cst

from devcreds_lint.facts.edits import add_import, replace_node
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import Edit, FixAvailability, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import DEV


class WrongImportSource(Rule):
    code = "DC402"
    fix = FixAvailability.ALWAYS
    name = "wrong-import-source"
    summary = "A contract name is imported from another module than its home."
    why = (
        "Each contract name has one home (`AuthorizationServer` in the profile's component, "
        "`HomeAssistant` in `homeassistant.core`). Importing it from another profile's "
        "component, a sub-module or a private module either fails outright or hands the "
        "platform a different class than Home Assistant compares against."
    )
    fix_safety = "Safe: the name is imported from its home instead."
    profile = "developer_credentials"
    VALID = (
        '''"""Developer credentials platform."""

from homeassistant.components.developer_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t")
''',
    )
    INVALID = (
        Example(
            profile="developer_credentials",
            files={
                DEV: '''"""Developer credentials platform."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t")
'''
            },
            fixed={
                DEV: '''"""Developer credentials platform."""

from homeassistant.components.developer_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t")
'''
            },
            line=3,
            at="3:62-3:81",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module in ctx.parsed_platforms:
            assert module.module is not None
            for imported in module.index.from_imports:
                home = module.profile.home_of(imported.original)
                if (
                    home is None
                    or imported.level
                    or imported.module == home
                    or not imported.module.startswith("homeassistant")
                ):
                    continue
                statement = imported.statement
                assert not isinstance(statement.names, cst.ImportStar)
                edits: list[Edit] = []
                if len(statement.names) == 1 and statement.module is not None:
                    edits.append(replace_node(module, statement.module, home))
                elif imported.bound == imported.original:
                    rest = [a for a in statement.names if a is not imported.alias]
                    rest[-1] = rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                    updated = statement.with_changes(names=rest)
                    edits.append(
                        replace_node(module, statement, module.module.code_for_node(updated))
                    )
                    added = add_import(module, imported.original, home)
                    if added is None:
                        edits = []
                    else:
                        edits.append(added)
                fix = (
                    safe_fix(f"Import `{imported.original}` from `{home}`", *edits)
                    if edits
                    else None
                )
                self.report(
                    module,
                    imported.alias,
                    f"`{imported.original}` is imported from `{imported.module}`; its home is `{home}`",
                    fix=fix,
                )
