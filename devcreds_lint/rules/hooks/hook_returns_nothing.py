"""DC208 hook-returns-nothing: a hook whose body can never return a value."""

from __future__ import annotations

import libcst as cst

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, DEV


def _returns_nothing(node: cst.FunctionDef) -> bool:
    body = node.body
    statements: list[cst.BaseSmallStatement] = []
    if isinstance(body, cst.SimpleStatementSuite):
        statements.extend(body.body)
    else:
        for stmt in body.body:
            if not isinstance(stmt, cst.SimpleStatementLine):
                return False
            statements.extend(stmt.body)
    for small in statements:
        if isinstance(small, cst.Pass):
            continue
        if isinstance(small, cst.Return) and (
            small.value is None
            or (isinstance(small.value, cst.Name) and small.value.value == "None")
        ):
            continue
        if isinstance(small, cst.Expr) and isinstance(
            small.value, (cst.SimpleString, cst.ConcatenatedString, cst.Ellipsis)
        ):
            continue
        return False
    return True


class HookReturnsNothing(Rule):
    code = "DC208"
    name = "hook-returns-nothing"
    summary = "A hook can never return a value: its body is only a docstring, `pass`, `...`, bare returns or `return None`."
    why = (
        "Home Assistant uses the hook's result. A body that returns nothing hands it `None`, "
        "which fails as soon as the credentials are used. The seed document's optional hook "
        "has exactly this shape: a person has to write the body."
    )
    profile = "developer_credentials"
    VALID = (
        '''"""Developer credentials platform."""

from homeassistant.components.developer_credentials import (
    AuthorizationServer,
)
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
''',
    )
    INVALID = (
        Example(
            profile="developer_credentials",
            files={
                DEV: '''"""Developer credentials platform."""

from homeassistant.components.developer_credentials import (
    AuthorizationServer,
    DeveloperCredential,
)
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )


async def async_get_developer_credential(hass: HomeAssistant) -> DeveloperCredential:
    """Return the credential from configuration.yaml."""
'''
            },
            line=18,
            at="18:11-18:41",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return None
'''
            },
            title="return None",
            line=7,
            at="7:11-7:41",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module, hook in ctx.hook_defs():
            if _returns_nothing(hook.node):
                self.report(
                    module,
                    hook.node.name,
                    f"`{hook.node.name.value}` never returns a value; Home Assistant expects "
                    f"`{hook.spec.returns.render()}`",
                )
