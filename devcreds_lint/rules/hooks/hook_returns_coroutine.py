"""DC210 hook-returns-coroutine: an ``async def`` hook returns the call of an ``async def``
of its module without ``await``."""

from __future__ import annotations

from devcreds_lint.facts.coroutines import unawaited_returns
from devcreds_lint.facts.edits import insert_at
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import FixAvailability, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP

_HEAD = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant

from .const import DOMAIN


async def _build_server(hass: HomeAssistant) -> AuthorizationServer:
    """Build the server for the region the user signed up in."""
    region = hass.data[DOMAIN]["region"]
    return AuthorizationServer(
        authorize_url=f"https://{region}.acme-api.io/authorize",
        token_url=f"https://{region}.acme-api.io/token",
    )

'''

_FIXED = (
    _HEAD
    + '''
async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return await _build_server(hass)
'''
)


class HookReturnsCoroutine(Rule):
    code = "DC210"
    name = "hook-returns-coroutine"
    fix = FixAvailability.ALWAYS
    summary = (
        "An `async def` hook returns the call of an `async def` function of its module "
        "without `await`."
    )
    why = (
        "Home Assistant awaits the hook and expects the contract object. Returning "
        "`_build_server(hass)` without `await` hands it a coroutine instead: the "
        "credentials dialog fails with an `AttributeError` on `authorize_url` (and Python "
        "warns that the coroutine was never awaited). Only calls by plain name of a "
        "module-level `async def` (defined once, no async generator) are reported: what "
        "another module's function returns is not known. A sync `def` hook returning such "
        "a call is DC203, whose fix adds the `await` together with the `async`."
    )
    fix_safety = "Safe: `await` is added before the call, which is what the hook meant."
    VALID = (_FIXED,)
    INVALID = (
        Example(
            files={
                APP: _HEAD
                + '''
async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return _build_server(hass)
'''
            },
            fixed={APP: _FIXED},
            at="20:12-20:31",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module, hook in ctx.hook_defs():
            node = hook.node
            if node.asynchronous is None:
                continue  # DC203: its fix adds the await with the async
            for call in unawaited_returns(module.index, node):
                callee = module.code_for(call.func)
                self.report(
                    module,
                    call,
                    f"`{node.name.value}` returns `{callee}(...)` without `await`: Home "
                    "Assistant awaits the hook and gets a coroutine instead of its result",
                    fix=safe_fix(
                        f"Add `await` before `{callee}(...)`",
                        insert_at(module.start(call), "await "),
                    ),
                )
