"""DC308: a call of one of Home Assistant's OAuth2 implementation classes whose arguments cannot
fit its signature."""

from __future__ import annotations

import ast

import libcst as cst

from devcreds_lint.contracts import IMPLEMENTATIONS, PARAM_OBJECTS, ParamKind, ParamSpec
from devcreds_lint.facts.flows import literal_registrations
from devcreds_lint.facts.implementations import ImplementationCall, contract_objects
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.values import ValueKind
from devcreds_lint.model import Location
from devcreds_lint.naming import near_miss
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER
from devcreds_lint.text import LineIndex

_HEAD = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import (
    AuthImplementation,
    AuthorizationServer,
    ClientCredential,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow
from homeassistant.helpers.config_entry_oauth2_flow import AbstractOAuth2Implementation

AUTHORIZE_URL = "https://acme-api.io/oauth/authorize"
TOKEN_URL = "https://acme-api.io/oauth/token"
'''


class BadImplementationCall(Rule):
    code = "DC308"
    name = "bad-implementation-call"
    summary = (
        "A call of one of Home Assistant's OAuth2 implementation classes "
        "(`LocalOAuth2Implementation`, `LocalOAuth2ImplementationWithPkce`, "
        "`AuthImplementation`) whose arguments cannot fit its signature, or a registration "
        "of a literal instead of an implementation."
    )
    why = (
        "Home Assistant builds the implementation only when a user adds credentials or "
        "starts the sign-in: too many or too few arguments, an unknown keyword or one given "
        "twice raise `TypeError` there, and the user's setup ends in an error nobody saw "
        "during development. Arguments in the wrong places (the five-argument "
        "`LocalOAuth2Implementation(hass, domain, client_id, authorize_url, token_url)`, "
        "which takes six, or `AuthImplementation`'s `ClientCredential` and "
        "`AuthorizationServer` given to `LocalOAuth2Implementation`) fail the same way, or "
        "send an object where the token request needs a string. The signatures: "
        + ", ".join(f"`{spec.name}({spec.signature})`" for spec in IMPLEMENTATIONS)
        + "; a subclass defined in the same module without its own `__init__` takes its "
        "base's. A call with `*args` or `**kwargs`, a subclass with its own `__init__`, or a "
        "class imported from elsewhere (another module of the integration, a conditional "
        "import) is not checked. A registration of a literal "
        '(`async_register_implementation(hass, DOMAIN, "example_cloud")`, or '
        "`FlowHandler.async_register_implementation(hass, None)`) in any top-level module "
        "registers nothing: the credentials dialog breaks on a string where an "
        "implementation object belongs."
    )
    VALID = (
        _HEAD
        + '''

async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> AbstractOAuth2Implementation:
    """Return the implementation."""
    return config_entry_oauth2_flow.LocalOAuth2Implementation(
        hass,
        auth_domain,
        credential.client_id,
        credential.client_secret,
        AUTHORIZE_URL,
        TOKEN_URL,
    )
''',
        Example(
            files={
                APP: _HEAD
                + '''

class ExampleImplementation(AuthImplementation):
    """An implementation that takes the server from the account."""

    def __init__(
        self, hass: HomeAssistant, auth_domain: str, credential: ClientCredential
    ) -> None:
        """Initialize."""
        super().__init__(
            hass, auth_domain, credential, AuthorizationServer(AUTHORIZE_URL, TOKEN_URL)
        )


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> AbstractOAuth2Implementation:
    """Return the implementation."""
    return ExampleImplementation(hass, auth_domain, credential)
'''
            },
            title="a subclass with its own __init__",
        ),
        Example(
            files={
                APP: _HEAD
                + '''

async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> AbstractOAuth2Implementation:
    """Return the implementation."""
    arguments = (credential.client_id, AUTHORIZE_URL, TOKEN_URL)
    return config_entry_oauth2_flow.LocalOAuth2ImplementationWithPkce(
        hass, auth_domain, *arguments
    )
'''
            },
            title="arguments from *args",
        ),
    )
    INVALID = (
        Example(
            files={
                APP: _HEAD
                + '''

async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> AbstractOAuth2Implementation:
    """Return the implementation."""
    return config_entry_oauth2_flow.LocalOAuth2Implementation(
        hass, auth_domain, credential.client_id, AUTHORIZE_URL, TOKEN_URL
    )
'''
            },
            at="20:12-20:62",
            title="too few arguments",
        ),
        Example(
            files={
                APP: _HEAD
                + '''

async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> AbstractOAuth2Implementation:
    """Return the implementation."""
    return config_entry_oauth2_flow.LocalOAuth2Implementation(
        hass,
        auth_domain,
        ClientCredential(credential.client_id, credential.client_secret),
        AuthorizationServer(AUTHORIZE_URL, TOKEN_URL),
    )
'''
            },
            at="20:12-20:62",
            title="contract objects where strings belong",
        ),
        Example(
            files={
                APP: _HEAD
                + '''

async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> AbstractOAuth2Implementation:
    """Return the implementation."""
    return config_entry_oauth2_flow.LocalOAuth2ImplementationWithPkce(
        hass,
        auth_domain,
        credential.client_id,
        authorize_url=AUTHORIZE_URL,
        token_url=TOKEN_URL,
        redirect_uri="https://my.home-assistant.io/redirect/oauth",
    )
'''
            },
            at="26:9-26:67",
            title="an unknown keyword",
        ),
        Example(
            files={
                APP: _HEAD
                + '''

async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> AbstractOAuth2Implementation:
    """Return the implementation."""
    return ExampleImplementation(hass, auth_domain, credential)


class ExampleImplementation(AuthImplementation):
    """The implementation, with a name of its own."""

    @property
    def name(self) -> str:
        """Name of the implementation."""
        return "Example"
'''
            },
            at="20:12-20:33",
            title="a subclass without its own __init__",
        ),
        Example(
            files={
                APP: GOOD_SERVER,
                "__init__.py": '''"""The Example integration."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up Example from a config entry."""
    config_entry_oauth2_flow.async_register_implementation(hass, DOMAIN, "example_cloud")
    return True
''',
            },
            at="12:74-12:89",
            title="a registration of a string",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        self._check_calls(ctx)
        for name in sorted(ctx.integration.names):
            if "/" in name or not name.endswith(".py"):
                continue
            text = ctx.module_text(name)
            path = ctx.integration.sibling(name)
            if text is None or path is None:
                continue
            lines = LineIndex(text)
            for node, registrar in literal_registrations(text):
                self.report_at(
                    path,
                    _location(lines, node.lineno, node.col_offset),
                    _location(lines, node.end_lineno or node.lineno, node.end_col_offset or 0),
                    f"`{registrar}` is given {_literal_kind(node)} where an implementation "
                    "object belongs: it registers nothing, and the credentials dialog breaks "
                    "on it",
                )

    def _check_calls(self, ctx: IntegrationFacts) -> None:
        for module in ctx.code_modules:
            calls = module.implementation_calls
            if not calls:
                continue
            objects = contract_objects(module.index, ctx.profiles)
            for call in calls:
                if call.starred:
                    continue
                problems = _problems(module, call, objects)
                if not problems:
                    continue
                node: cst.CSTNode = call.call.func
                if len(problems) == 1 and problems[0][1] is not None:
                    node = problems[0][1]
                text = "; ".join(p for p, _ in problems)
                callee = (
                    f"`{call.via}` (a `{call.spec.name}` without its own `__init__`)"
                    if call.via
                    else f"`{call.spec.name}`"
                )
                self.report(
                    module,
                    node,
                    f"{callee} takes `({call.spec.signature})`: {text}; this fails when a "
                    "user adds credentials or signs in",
                )


def _location(lines: LineIndex, row: int, byte_column: int) -> Location:
    """A 1-based location from Python's parser's row and UTF-8 byte column."""
    line = lines.line(row) if row <= len(lines.starts) else ""
    column = len(line.encode("utf-8")[:byte_column].decode("utf-8", "ignore"))
    return Location(row, column + 1)


def _literal_kind(node: ast.expr) -> str:
    value = node.value if isinstance(node, ast.Constant) else None
    if isinstance(node, ast.JoinedStr) or isinstance(value, str):
        return "a string"
    if value is None and isinstance(node, ast.Constant):
        return "`None`"
    return "a literal"


def _problems(
    module: ModuleFacts, call: ImplementationCall, objects: dict[int, str]
) -> list[tuple[str, cst.CSTNode | None]]:
    """What does not fit, each with the argument it is about (None: the whole call)."""
    spec = call.spec
    found: list[tuple[str, cst.CSTNode | None]] = []
    params = spec.params
    for arg in call.positional[len(params) :]:
        found.append(
            (f"{len(call.positional)} positional arguments, at most {len(params)} fit", arg)
        )
        break
    given: set[str] = {p.name for p, _ in zip(params, call.positional, strict=False)}
    for arg in call.keywords:
        assert arg.keyword is not None
        keyword = arg.keyword.value
        if spec.param(keyword) is None:
            hint = near_miss(keyword, [p.name for p in params if p.name not in given])
            also = f" (did you mean `{hint}`?)" if hint else ""
            found.append((f"`{keyword}` is no parameter{also}", arg))
        elif keyword in given:
            found.append((f"`{keyword}` is given twice", arg))
        given.add(keyword)
    missing = [p.name for p in params if not p.has_default and p.name not in given]
    if missing:
        names = ", ".join(f"`{n}`" for n in missing)
        verb = "is" if len(missing) == 1 else "are"
        found.append((f"{names} {verb} missing ({len(call.call.args)} arguments given)", None))
    for param, arg in call.bound():
        wrong = _wrong_kind(module, param, arg.value, objects)
        if wrong:
            found.append((wrong, arg))
    return found


def _wrong_kind(
    module: ModuleFacts, param: ParamSpec, value: cst.BaseExpression, objects: dict[int, str]
) -> str | None:
    """Why ``value`` cannot be what ``param`` takes, or None (also when it is unknown)."""
    built = objects.get(id(value)) if isinstance(value, cst.Call) else None
    if param.kind is ParamKind.STR:
        if built is not None:
            return f"a `{built}` is given as `{param.name}`, which takes a string"
        return None
    wanted = PARAM_OBJECTS.get(param.kind)
    if not wanted:
        return None
    if built is not None and built not in wanted:
        return f"a `{built}` is given as `{param.name}`, which takes a `{wanted[0]}`"
    known = module.value(value) if built is None else None
    if known is not None and known.kind is ValueKind.STR:
        return f"a string is given as `{param.name}`, which takes a `{wanted[0]}`"
    return None
