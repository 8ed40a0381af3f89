"""DC205 bad-hook-signature: a hook's parameters do not fit the arguments Home Assistant passes."""

from __future__ import annotations

import libcst as cst

from devcreds_lint.facts.hooks import HookDef, has_stray_self, positional_params
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.signatures import param_removal
from devcreds_lint.model import FixAvailability, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class BadHookSignature(Rule):
    code = "DC205"
    fix = FixAvailability.SOMETIMES
    name = "bad-hook-signature"
    summary = "A hook's parameters do not fit the arguments Home Assistant passes."
    why = (
        "Home Assistant calls the hook with fixed positional arguments (`hass`, and for "
        "`async_get_auth_implementation` also `auth_domain` and `credential`). A leading "
        "`self`, a missing parameter, extra required parameters or required keyword-only "
        "parameters make that call raise `TypeError`."
    )
    fix_safety = (
        "Safe for a leading `self`/`cls` on a module-level hook: it is removed. Other "
        "signature problems need a person to decide and have no fix."
    )
    VALID = (
        GOOD_SERVER,
        '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(_: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
''',
        '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant, extra: int = 1) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
''',
    )
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(self, hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            fixed={APP: GOOD_SERVER},
            line=7,
            at="7:42-7:46",
            title="a stray self",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server() -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            at="7:11-7:41",
            title="a missing parameter",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant, *, scope: str) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            at="7:66-7:71",
            title="a required keyword-only parameter",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module, hook in ctx.hook_defs():
            self._check(ctx, module, hook)

    def _check(self, ctx: IntegrationFacts, module: ModuleFacts, hook: HookDef) -> None:
        node, spec = hook.node, hook.spec
        params = positional_params(node)
        wanted = len(spec.params)
        if has_stray_self(node, spec):
            first = params[0]
            self.report(
                module,
                first.name,
                f"module-level hook `{node.name.value}` takes a leading `{first.name.value}`; "
                "Home Assistant passes `hass` first",
                fix=safe_fix(f"Remove `{first.name.value}`", param_removal(module, first)),
            )
            params = params[1:]
        has_star = isinstance(node.params.star_arg, cst.Param)
        if len(params) < wanted and not has_star:
            self.report(
                module,
                node.name,
                f"`{node.name.value}` takes {len(params)} positional parameter(s) but Home "
                f"Assistant passes {wanted}",
            )
        extra = [p for p in params[wanted:] if p.default is None]
        if extra:
            self.report(
                module,
                extra[0].name,
                f"`{node.name.value}` has extra required parameter(s) "
                f"{', '.join(f'`{p.name.value}`' for p in extra)} that Home Assistant never passes",
            )
        for kwonly in node.params.kwonly_params:
            if kwonly.default is None:
                self.report(
                    module,
                    kwonly.name,
                    f"required keyword-only parameter `{kwonly.name.value}` of "
                    f"`{node.name.value}` is never passed by Home Assistant; give it a default",
                )
