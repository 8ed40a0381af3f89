"""DC203 sync-platform-hook: a hook defined with `def` instead of `async def`."""

from __future__ import annotations

import libcst as cst

from devcreds_lint.facts.coroutines import unawaited_returns
from devcreds_lint.facts.edits import insert_at
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import FixAvailability, safe_fix, unsafe_fix
from devcreds_lint.parsing.walk import walk
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


def _contains_yield(node: cst.FunctionDef) -> bool:
    return any(isinstance(n, cst.Yield) for n in walk(node.body, skip_nested=True))


_CALLS_SERVER = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def _build_server(hass: HomeAssistant) -> AuthorizationServer:
    """Build the server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return await _build_server(hass)
'''


class SyncPlatformHook(Rule):
    code = "DC203"
    fix = FixAvailability.ALWAYS
    name = "sync-platform-hook"
    summary = "A hook is defined with `def` instead of `async def`."
    why = (
        "Home Assistant awaits the hook. A plain function returns its result directly, and "
        "awaiting that raises `TypeError: object AuthorizationServer can't be used in 'await' "
        "expression` when the user adds credentials."
    )
    fix_safety = (
        "Safe: `async` is added, and `await` before each returned call of an `async def` "
        "function of the module (a coroutine, which the hook would otherwise return as its "
        "result: DC210). Unsafe when the body contains `yield`, because that turns "
        "the function into an async generator, which is a different thing."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            fixed={APP: GOOD_SERVER},
            line=7,
            at="7:5-7:35",
        ),
        Example(
            files={
                APP: _CALLS_SERVER.replace("async def async_get", "def async_get").replace(
                    "await _build", "_build"
                )
            },
            fixed={APP: _CALLS_SERVER},
            at="15:5-15:35",
            title="returning a coroutine: `async` and `await`",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module, hook in ctx.hook_defs():
            node = hook.node
            if node.asynchronous is not None:
                continue
            edits = [insert_at(module.start(node), "async ")]
            # A returned call of an ``async def`` of the module is a coroutine the hook now
            # returns as its result; with ``async`` added it must be awaited (DC210).
            edits += [
                insert_at(module.start(c), "await ") for c in unawaited_returns(module.index, node)
            ]
            message = f"Add `async` to `{node.name.value}`"
            if len(edits) > 1:
                message += " and `await` to the coroutines it returns"
            fix = (
                unsafe_fix(message, *edits) if _contains_yield(node) else safe_fix(message, *edits)
            )
            self.report(
                module,
                node.name,
                f"`{node.name.value}` must be `async def`: Home Assistant awaits it",
                fix=fix,
            )
