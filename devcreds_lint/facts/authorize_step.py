"""Whether the integration's config flow replaces Home Assistant's authorize step, so that the
``authorize_url`` it configures is never used (DC304-DC307, DC309 stay silent about it).

Home Assistant reads ``authorize_url`` in one place only: the implementation's
``async_generate_authorize_url``, which the OAuth2 flow handler's own
``async_generate_authorize_url`` calls from ``async_step_auth``. A flow whose handler overrides
``async_step_auth`` and never reaches that code (no ``super().async_step_auth(...)`` or other
object's ``async_step_auth``, no ``async_generate_authorize_url``/``generate_authorize_url``,
no ``.authorize_url`` anywhere in ``config_flow.py``) never sends a user to that URL: any
value there, ``"None"`` included, is no defect.

Only a visible override decides. Anything that cannot be seen keeps the answer "used" (the
rules report as before, since most flows use the URL): no ``config_flow.py`` or one that does
not parse, no certain OAuth2 handler, a handler or one of its bases of the module with a base
that cannot be followed, or a call in the handler that hands ``self`` or ``self.flow_impl`` to
anything but the flow's own methods and Python's builtins (it may build the URL there; Home
Assistant's helpers are where it is built).
"""

from __future__ import annotations

import ast
import builtins

from devcreds_lint.facts.flows import FlowClass, FlowFacts, Known, top_level_names
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.python_ast import parse_module, parse_newer_syntax

AUTH_STEP = "async_step_auth"

# Names through which a flow builds or reads the authorize URL: the flow handler's and the
# implementation's ``async_generate_authorize_url``, Home Assistant's older sync spelling, and
# the implementation's attribute.
_AUTHORIZE_NAMES = frozenset(
    {"async_generate_authorize_url", "generate_authorize_url", "authorize_url"}
)

# The attribute of the flow that holds the implementation (its URL methods are reachable
# through it).
_IMPLEMENTATION_ATTRIBUTE = "flow_impl"


def replaces_authorize_step(flow: FlowFacts | None) -> bool:
    """True when the registered OAuth2 flow handler (else every class that may be one)
    certainly overrides ``async_step_auth`` without building the authorize URL, and nothing
    in ``config_flow.py`` builds or reads it; False when it does or that cannot be known."""
    if flow is None:
        return False
    # Not the parse with f-strings blanked: a blanked ``f"{self.flow_impl.authorize_url}"``
    # would hide a use of the URL.
    tree = parse_module(flow.text) or parse_newer_syntax(flow.text)
    if tree is None:
        return False
    candidates = [c for c in flow.classes if c.oauth2 is not Known.NO]
    if not any(c.oauth2 is Known.YES for c in candidates):
        return False
    certain = [c for c in candidates if flow.registered(c) is Known.YES]
    maybe = [c for c in candidates if flow.registered(c) is Known.UNKNOWN]
    chosen = certain or maybe or candidates
    bound = top_level_names(tree)
    if not all(_replaces(flow, cls, bound) for cls in chosen):
        return False
    return not any(_names_authorize(node) or _other_auth_step(node) for node in ast.walk(tree))


def _replaces(flow: FlowFacts, cls: FlowClass, bound: frozenset[str]) -> bool:
    chain = list(flow.ancestors_in_order(cls))
    if any(c.opaque_bases for c in chain):
        return False  # a base that cannot be seen may build the URL for a helper we call
    if not any(AUTH_STEP in c.methods for c in chain):
        return False  # Home Assistant's own step: it builds the URL
    for current in chain:
        for node in ast.walk(current.node):
            if isinstance(node, ast.Call) and _hands_flow_out(node, bound):
                return False
    return True


def _names_authorize(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in _AUTHORIZE_NAMES
    return isinstance(node, ast.Name) and node.id in _AUTHORIZE_NAMES


def _other_auth_step(node: ast.AST) -> bool:
    """A call of an ``async_step_auth`` that is not the flow's own (``self.``):
    ``super().async_step_auth(...)``, or another flow object's step (Home Assistant's)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == AUTH_STEP
        and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self")
    )


def _hands_flow_out(call: ast.Call, bound: frozenset[str]) -> bool:
    """A call that passes ``self`` or ``self.flow_impl`` to code that may build the URL with
    it: anything but the flow's own methods and Python's builtins (``isinstance``). Home
    Assistant's helpers are no exception: they are where the URL is built."""
    if not any(_is_flow_or_implementation(a) for a in _arguments(call)):
        return False
    head = _head(call.func)
    if head in ("self", "super"):
        return False  # the flow's own methods are walked
    return head is None or head in bound or not hasattr(builtins, head)


def _arguments(call: ast.Call) -> list[ast.expr]:
    return [*call.args, *(k.value for k in call.keywords)]


def _is_flow_or_implementation(node: ast.expr) -> bool:
    if isinstance(node, ast.Starred):
        node = node.value
    if isinstance(node, ast.Name):
        return node.id == "self"
    return (
        isinstance(node, ast.Attribute)
        and node.attr == _IMPLEMENTATION_ATTRIBUTE
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def _head(node: ast.expr) -> str | None:
    """The first name of a dotted callee (``a`` of ``a.b.c``); ``super`` for ``super().x``;
    None for anything else (a call's result, a subscript)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super":
        return "super"
    return node.id if isinstance(node, ast.Name) else None


def is_authorize_field(endpoints: tuple[str, str] | None, field: str) -> bool:
    """Whether ``field`` is the authorize URL of a call whose (authorize, token) pair is
    ``endpoints``."""
    return endpoints is not None and field == endpoints[0]


def unused_authorize_url(
    ctx: IntegrationFacts, endpoints: tuple[str, str] | None, field: str
) -> bool:
    """Whether ``field`` of a call with the (authorize, token) pair ``endpoints`` is the
    authorize URL, and the integration's flow never uses it (:func:`replaces_authorize_step`).
    Ask last: it reads the flow."""
    return is_authorize_field(endpoints, field) and replaces_authorize_step(ctx.flow)
