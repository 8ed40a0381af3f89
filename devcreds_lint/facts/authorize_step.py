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
not parse (any Python's syntax is read; a byte search of the text stands in for what a blanked
f-string hides), no certain OAuth2 handler, a handler or one of its bases of the module with a
base that cannot be followed, an override that Python's method resolution puts after a base
that is not a class of the module (Home Assistant's step runs first), a call in the handler's
classes that hands ``self`` or ``self.flow_impl`` to anything but a direct ``self.<method>()``
of those classes and Python's builtins (it may build the URL there; Home Assistant's helpers,
``self.hass.…`` included, are where it is built), ``self`` or ``self.flow_impl`` bound to a
name or otherwise let out as a value, or another own module of the integration (not the
platform module) that names the URL builders or ``.authorize_url``.
"""

from __future__ import annotations

import ast
import os
import re

from devcreds_lint.contracts import CONFIG_FLOW
from devcreds_lint.facts.flows import FlowClass, FlowFacts, Known, top_level_names
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.python_ast import parse_module, parse_newer_syntax, parse_structure

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


def replaces_authorize_step(flow: FlowFacts | None, ctx: IntegrationFacts | None = None) -> bool:
    """True when the registered OAuth2 flow handler (else every class that may be one)
    certainly overrides ``async_step_auth`` without building the authorize URL, and nothing
    in ``config_flow.py`` (nor, with ``ctx``, in the integration's other own modules) builds
    or reads it; False when it does or that cannot be known."""
    if flow is None:
        return False
    # Every Python reads the module alike: a newer Python's f-string is blanked only where
    # this Python cannot parse it, and the byte search below sees what blanking hides (a
    # blanked ``f"{self.flow_impl.authorize_url}"``), on every Python.
    tree = parse_structure(flow.text)
    if tree is None or _text_may_build(flow.text):
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
    if any(_names_authorize(node) or _other_auth_step(node) for node in ast.walk(tree)):
        return False
    return ctx is None or not _own_modules_may_build(ctx)


_AUTH_STEP_CALL = re.compile(r"\basync_step_auth\s*\(")
_OWN_OR_DEFINED = re.compile(r"(?:\bself\s*\.|\bdef)\s*$")


def _text_may_build(text: str) -> bool:
    """The raw text names the URL builders or ``.authorize_url``, or calls an
    ``async_step_auth`` that is not the flow's own (``self.``) nor defined (``def``): a byte
    search, for what a blanked f-string may hide (and a comment may trip: then "used")."""
    if any(name in text for name in _AUTHORIZE_NAMES):
        return True
    return any(
        not _OWN_OR_DEFINED.search(text, max(0, m.start() - 64), m.start())
        for m in _AUTH_STEP_CALL.finditer(text)
    )


def _own_modules_may_build(ctx: IntegrationFacts) -> bool:
    """Whether an own module of the integration besides ``config_flow.py`` and the platform
    modules names the URL builders or ``.authorize_url`` (an attribute or a name: the
    ``authorize_url=`` keyword of ``AuthorizationServer`` is neither), so that the flow may
    have it built there; also when a module cannot be read or parsed, or the listing of the
    sub-packages is incomplete (then it is unknown)."""
    integration = ctx.integration
    if not integration.packages_complete:
        return True
    platforms = {os.path.normpath(p.path) for p in ctx.platforms}
    for name in integration.modules:
        if name == CONFIG_FLOW:
            continue
        path = integration.sibling(name)
        if path is not None and os.path.normpath(path) in platforms:
            continue
        # Listed, so it exists: no text means it cannot be read (unknown), and no module but
        # the integration's own files becomes a finding of its own (DC900) by being read here.
        text = ctx.module_text(name)
        if text is None:
            return True
        if not any(n in text for n in _AUTHORIZE_NAMES):
            continue
        # Not the parse with f-strings blanked: a hit inside a blanked one would be missed.
        tree = parse_module(text) or parse_newer_syntax(text)
        if tree is None or any(_names_authorize(node) for node in ast.walk(tree)):
            return True
    return False


def _replaces(flow: FlowFacts, cls: FlowClass, bound: frozenset[str]) -> bool:
    chain = list(flow.ancestors_in_order(cls))
    if any(c.opaque_bases for c in chain):
        return False  # a base that cannot be seen may build the URL for a helper we call
    first = _resolved_first(flow, cls)
    if first is None or not any(AUTH_STEP in c.methods for c in first):
        return False  # Home Assistant's own step (or a base's we cannot see): it builds the URL
    # ``self.<name>(...)`` runs the module's method only where Python finds it before any
    # outside base; the rest of the chain is walked all the same.
    own_methods = frozenset().union(*(c.methods for c in first))
    for current in chain:
        parents = _parents(current.node)
        for node in ast.walk(current.node):
            if isinstance(node, ast.Call) and _hands_flow_out(node, bound, own_methods):
                return False
            if _is_flow_or_implementation_load(node) and _escapes(node, parents):
                return False
    return True


def _resolved_first(flow: FlowFacts, cls: FlowClass) -> list[FlowClass] | None:
    """The classes of the module that Python's method resolution order of ``cls`` lists
    before any base that is not one (Home Assistant's handler, a package's class): their
    methods are the ones ``self.<name>`` finds first. The order is C3's, each base that is
    not a class of the module an opaque leaf (its own bases cannot be classes of the module,
    so they only follow it). None when C3 cannot build an order, or on a cycle."""
    defined = {c.name for c in flow.classes}

    def linearize(current: FlowClass, seen: frozenset[str]) -> list[str] | None:
        if current.name in seen:
            return None
        seen = seen | {current.name}
        sequences: list[list[str]] = []
        for base in current.bases:
            local = flow.by_name(base) if base is not None and base in defined else None
            if local is None:
                sequences.append([f"external:{base}"])
                continue
            found = linearize(local, seen)
            if found is None:
                return None
            sequences.append(found)
        written = [b if b is not None and b in defined else f"external:{b}" for b in current.bases]
        merged = _c3_merge([*sequences, written])
        return None if merged is None else [current.name, *merged]

    order = linearize(cls, frozenset())
    if order is None:
        return None
    first: list[FlowClass] = []
    for name in order:
        local = flow.by_name(name) if name in defined else None
        if local is None:
            break  # an outside base: what follows comes after its methods
        first.append(local)
    return first


def _c3_merge(sequences: list[list[str]]) -> list[str] | None:
    """C3's merge; None when no consistent order exists."""
    pending = [list(s) for s in sequences if s]
    merged: list[str] = []
    while pending:
        for sequence in pending:
            head = sequence[0]
            if not any(head in other[1:] for other in pending):
                break
        else:
            return None
        merged.append(head)
        pending = [s[1:] if s[0] == head else s for s in pending]
        pending = [s for s in pending if s]
    return merged


def _parents(root: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(root) for child in ast.iter_child_nodes(node)}


def _is_flow_or_implementation_load(node: ast.AST) -> bool:
    if isinstance(node, (ast.Name, ast.Attribute)) and not isinstance(node.ctx, ast.Load):
        return False
    return isinstance(node, (ast.Name, ast.Attribute, ast.Call)) and _is_flow_or_implementation(
        node
    )


def _escapes(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    """Whether ``self`` or ``self.flow_impl`` is used as a whole value that may reach other
    code: bound to a name (an assignment, a walrus, ``with … as``, a ``for`` target), put in a
    container, returned or yielded, a lambda's value. Reading its attributes, testing it
    (``if``, comparisons, ``not``), formatting it in an f-string, calling it, and a call's
    arguments (:func:`_hands_flow_out` judges those) keep it in."""
    parent = parents.get(id(node))
    if parent is None:
        return True
    if isinstance(parent, (ast.Attribute, ast.Subscript)):
        return parent.value is not node and _escapes(parent, parents)
    if isinstance(parent, ast.Call):
        return False  # the callee, or an argument: _hands_flow_out judges it
    if isinstance(parent, ast.keyword):
        return False  # an argument
    if isinstance(parent, ast.Starred):
        return not isinstance(parents.get(id(parent)), ast.Call)
    if isinstance(parent, (ast.Compare, ast.Expr, ast.FormattedValue, ast.Assert)):
        return False
    if isinstance(parent, ast.UnaryOp):
        return not isinstance(parent.op, ast.Not) and _escapes(parent, parents)
    if isinstance(parent, (ast.If, ast.While)):
        return parent.test is not node
    if isinstance(parent, ast.IfExp):
        return parent.test is not node and _escapes(parent, parents)
    if isinstance(parent, ast.BoolOp):
        return _escapes(parent, parents)  # ``x = self.flow_impl or other`` binds it
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


# Python's builtins that may be given the flow or its implementation: they neither keep it
# nor give it (or an attribute of it) back. ``super`` gives a proxy of the flow back, judged
# as the flow itself (:func:`_is_flow`). ``getattr``, ``vars`` and the like give
# attributes back (``getattr(self, "flow_impl")``): the flow is handed out.
_KEEPING_BUILTINS = frozenset(
    {
        "ascii",
        "bool",
        "callable",
        "format",
        "hasattr",
        "hash",
        "id",
        "isinstance",
        "issubclass",
        "len",
        "print",
        "repr",
        "str",
        "super",
        "type",
    }
)


def _hands_flow_out(call: ast.Call, bound: frozenset[str], own_methods: frozenset[str]) -> bool:
    """A call that passes ``self`` or ``self.flow_impl`` to code that may build the URL with
    it: anything but a direct ``self.<method>(...)`` of a method the handler's classes of the
    module define (walked) and a few of Python's builtins (``isinstance``). Home Assistant's
    helpers are no exception: they are where the URL is built (``self.hass.
    async_add_executor_job(f, self.flow_impl)``, ``super().x(self)``)."""
    if not any(_is_flow_or_implementation(a) for a in _arguments(call)):
        return False
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
        and func.attr in own_methods
    ):
        return False  # the flow's own methods are walked
    if not isinstance(func, ast.Name):
        return True
    return func.id in bound or func.id not in _KEEPING_BUILTINS


def _arguments(call: ast.Call) -> list[ast.expr]:
    return [*call.args, *(k.value for k in call.keywords)]


def _is_flow_or_implementation(node: ast.expr) -> bool:
    if isinstance(node, ast.Starred):
        node = node.value
    return _is_flow(node) or (
        isinstance(node, ast.Attribute)
        and node.attr == _IMPLEMENTATION_ATTRIBUTE
        and _is_flow(node.value)
    )


def _is_flow(node: ast.expr) -> bool:
    """``self``, or a ``super(...)`` proxy of it (``super().flow_impl`` is the
    implementation too)."""
    if isinstance(node, ast.Name):
        return node.id == "self"
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


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
    return is_authorize_field(endpoints, field) and replaces_authorize_step(ctx.flow, ctx)
