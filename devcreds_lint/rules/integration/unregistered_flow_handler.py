"""DC608: ``config_flow.py`` has OAuth2 flow handlers, but none is registered for the domain."""

from __future__ import annotations

import ast

from devcreds_lint.contracts import (
    CONFIG_FLOW,
    FLOW_DOMAIN_CONSTANT,
    FLOW_DOMAIN_KEYWORD,
    FLOW_HANDLERS_REGISTRY,
    OAUTH2_FLOW_HANDLER,
)
from devcreds_lint.facts.flows import FlowClass, FlowFacts, Known
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import Edit, Fix, FixAvailability, Location, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER
from devcreds_lint.text import LineIndex, detect_newline

_KEYWORD = f"{FLOW_DOMAIN_KEYWORD}={FLOW_DOMAIN_CONSTANT}"


class UnregisteredFlowHandler(Rule):
    code = "DC608"
    name = "unregistered-flow-handler"
    fix = FixAvailability.SOMETIMES
    summary = (
        f"`config_flow.py` defines an OAuth2 flow handler, but no class passes `domain=` or "
        f"carries a `{FLOW_HANDLERS_REGISTRY}.register(...)` decorator."
    )
    why = (
        "Home Assistant finds an integration's config flow in a registry keyed by domain. A "
        "flow handler class enters it only through the `domain=` class keyword (`class "
        f"OAuth2FlowHandler({OAUTH2_FLOW_HANDLER}, domain=DOMAIN)`) or the "
        f"`config_entries.{FLOW_HANDLERS_REGISTRY}.register(DOMAIN)` decorator; a `DOMAIN = ...` "
        "class attribute does not register anything. Without either, adding the integration "
        'fails with "Flow handler not found", and the user\'s application credentials are '
        "never asked for. The rule is silent only where the registered handler may be defined "
        "elsewhere: `config_flow.py` imports, from one of the integration's own modules, a "
        "class that is or derives from a flow handler passing `domain=` (that module is "
        "read, in a sub-package too: `from .flows.handler import FlowHandler`), or star-imports one of them; or a module on the way does not parse. Imports "
        "from packages (an API client, an exception) and from Home Assistant never silence "
        "it: they cannot register the integration's flow."
    )
    fix_safety = (
        f"Safe when there is exactly one such class and `{FLOW_DOMAIN_CONSTANT}` is a "
        f"module-level name (`from .const import {FLOW_DOMAIN_CONSTANT}`): `{_KEYWORD}` is "
        "added to its class keywords. Otherwise no fix is offered."
    )
    VALID = (
        GOOD_SERVER,
        Example(
            files={
                CONFIG_FLOW: '''"""Config flow for Example."""

import logging

from homeassistant import config_entries
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


@config_entries.HANDLERS.register(DOMAIN)
class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)
''',
                APP: GOOD_SERVER,
            },
            title="registered by the decorator",
        ),
        Example(
            files={
                CONFIG_FLOW: '''"""Config flow for Example."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class BaseFlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)


class OAuth2FlowHandler(BaseFlowHandler):
    """The flow with extra scopes."""

    VERSION = 2
''',
                APP: GOOD_SERVER,
            },
            title="registered by a base class of the module",
        ),
    )
    INVALID = (
        Example(
            files={
                CONFIG_FLOW: '''"""Config flow for Example."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)
''',
                APP: GOOD_SERVER,
            },
            fixed={
                CONFIG_FLOW: '''"""Config flow for Example."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)
''',
            },
            at="10:7-10:24",
        ),
        Example(
            files={
                CONFIG_FLOW: '''"""Config flow for Example."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class OAuth2FlowHandler(
    config_entry_oauth2_flow.AbstractOAuth2FlowHandler,  # the OAuth2 flow
):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)
''',
                APP: GOOD_SERVER,
            },
            fixed={
                CONFIG_FLOW: '''"""Config flow for Example."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class OAuth2FlowHandler(
    config_entry_oauth2_flow.AbstractOAuth2FlowHandler,  # the OAuth2 flow
    domain=DOMAIN,
):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)
''',
            },
            at="10:7-10:24",
            title="bases on their own lines",
        ),
        Example(
            files={
                CONFIG_FLOW: '''"""Config flow for Example."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

EXAMPLE_DOMAIN = "example"


class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):
    """Handle the OAuth2 flow."""

    DOMAIN = EXAMPLE_DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)
''',
                APP: GOOD_SERVER,
            },
            at="10:7-10:24",
            title="no DOMAIN in scope: no fix",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        flow = ctx.flow
        path = ctx.integration.sibling(CONFIG_FLOW)
        if flow is None or path is None:
            return
        handlers = flow.handlers
        if not handlers or flow.registry_used:
            return
        if any(c.registers or c.open_keywords for c in flow.classes):
            return  # a flow is registered (maybe no OAuth2 one: that is not this rule's)
        if any(flow.registered(c) is not Known.NO for c in handlers):
            return
        if flow.own_registered_import is not Known.NO:
            return  # the registered handler is defined in another of its modules
        first = handlers[0]
        names = ", ".join(f"`{c.name}`" for c in handlers)
        row, column = first.name_at
        self.report_at(
            path,
            Location(row, column),
            Location(row, column + len(first.name)),
            f"{names} derive{'s' if len(handlers) == 1 else ''} from `{OAUTH2_FLOW_HANDLER}` "
            f"but no class of config_flow.py passes `domain=` or carries "
            f"`{FLOW_HANDLERS_REGISTRY}.register(...)`: Home Assistant never registers the "
            'flow, and adding the integration fails with "Flow handler not found"',
            fix=_fix(flow, handlers),
        )


def _fix(flow: FlowFacts, handlers: tuple[FlowClass, ...]) -> Fix | None:
    """``domain=DOMAIN`` added to the one handler's class keywords."""
    if len(handlers) != 1:
        return None
    cls = handlers[0]
    if not flow.domain_in_scope(cls):
        return None
    edit = _keyword_edit(flow.text, cls.node)
    if edit is None:
        return None
    return safe_fix(f"Add `{_KEYWORD}` to `{cls.name}`", edit)


def _keyword_edit(text: str, node: ast.ClassDef) -> Edit | None:
    """Insert the keyword after the last base or keyword; on its own line when the arguments
    are laid out one per line with a trailing comma."""
    args: list[ast.expr | ast.keyword] = [*node.bases, *node.keywords]
    last = max(args, key=lambda a: (a.end_lineno or 0, a.end_col_offset or 0), default=None)
    if last is None or last.end_lineno is None or last.end_col_offset is None:
        return None
    index = LineIndex(text)
    if last.end_lineno > len(index.starts):
        return None
    line = index.line(last.end_lineno)
    column = len(line.encode("utf-8")[: last.end_col_offset].decode("utf-8", "ignore"))
    after = Location(last.end_lineno, column + 1)
    stripped = line[column:].lstrip()
    if (
        last.end_lineno > node.lineno
        and stripped.startswith(",")
        and (stripped[1:].strip() == "" or stripped[1:].lstrip().startswith("#"))
    ):
        # ``Base,`` ending its own line (maybe before a comment): the keyword on a new line.
        indent = line[: len(line) - len(line.lstrip())]
        end_of_line = Location(last.end_lineno, len(line) + 1)
        return Edit(end_of_line, end_of_line, f"{detect_newline(text)}{indent}{_KEYWORD},")
    return Edit(after, after, f", {_KEYWORD}")
