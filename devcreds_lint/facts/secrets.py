"""Credentials written into the code: the literal client IDs and secrets of the platform
modules and of the integration's credential modules (``__init__.py``, ``config_flow.py``, and
any module that imports a credential, builds a contract object or calls an implementation
class; shared by DC501 and DC502).

Values found here are secrets: whoever reports them must not show them.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst

from devcreds_lint.contracts import CREDENTIAL_KEYWORDS, YAML_CREDENTIAL_KEYS, FieldRole
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.objects import object_calls
from devcreds_lint.facts.values import ValueKind
from devcreds_lint.model import Location, Span
from devcreds_lint.text import LineIndex

_URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class HardcodedCredential:
    """A non-empty string given as a credential: ``node`` is the argument's value, ``via``
    the constant it was followed through (None for a literal in place)."""

    module: ModuleFacts
    keyword: str
    node: cst.BaseExpression
    via: str | None
    ctx: IntegrationFacts | None = None

    @property
    def through(self) -> str:
        """`` through `NAME`, defined at const.py:12`` when the value came from constants, for
        messages: the user must find the definition to remove it (RULES.md section 4)."""
        if not self.via:
            return ""
        sites = value_parts(self.ctx, self.module, self.node).sites if self.ctx else []
        if not sites:
            return f" through `{self.via}`"
        return " through " + ", and ".join(
            f"`{name}`, defined at {where}:{row}" for name, where, row in sites
        )


def _credential_assignments(module: ModuleFacts, keyword: str) -> Iterator[cst.BaseExpression]:
    """The values assigned to an attribute named ``keyword`` (``credential.client_id = ...``).
    The tree is walked only when the text holds such an assignment; a use of the attribute
    (``credential.client_id`` as an argument, in nearly every platform module) is none."""
    if module.module is None or module.text is None or not _assigns(keyword, module.text):
        return
    from devcreds_lint.parsing.walk import walk

    for node in walk(module.module):
        if isinstance(node, cst.Assign):
            if any(_names_attribute(t.target, keyword) for t in node.targets):
                yield node.value
        elif (
            isinstance(node, cst.AnnAssign)
            and node.value is not None
            and _names_attribute(node.target, keyword)
        ):
            yield node.value


@functools.lru_cache(maxsize=8)
def _assignment_pattern(keyword: str) -> re.Pattern[str]:
    # ``.client_id =`` or ``.client_id: str =``, not ``==``; spaces and line breaks allowed
    # where Python allows them inside brackets.
    return re.compile(r"\." + re.escape(keyword) + r"[\s\\]*(?::[^=\n]*)?=(?!=)")


def _assigns(keyword: str, text: str) -> bool:
    return _assignment_pattern(keyword).search(text) is not None


def _names_attribute(target: cst.BaseExpression, keyword: str) -> bool:
    return isinstance(target, cst.Attribute) and target.attr.value == keyword


def _candidates(
    ctx: IntegrationFacts, module: ModuleFacts, keyword: str, role: FieldRole
) -> Iterator[cst.BaseExpression]:
    """Every value given as the credential ``keyword`` in ``module``, each once: by keyword
    to any call, by position to a contract object's field or an implementation class's
    parameter of that role, or assigned to an attribute of that name."""
    for call_node in module.index.calls:
        for arg in call_node.args:
            if arg.keyword is not None and arg.keyword.value == keyword:
                yield arg.value
    for profile in ctx.profiles:
        for call in object_calls(module.index, profile, ctx.profiles):
            for field_name, arg in zip(
                (f.name for f in call.spec.fields), call.positional, strict=False
            ):
                if field_name == keyword:
                    yield arg.value
    for implementation in module.implementation_calls:
        for param, arg in zip(implementation.spec.params, implementation.positional, strict=False):
            if param.role is not role:
                continue
            known = module.value(arg.value)
            if known is not None and (known.value or "").startswith(_URL_SCHEMES):
                # An argument out of place (DC308 says so), not a credential.
                continue
            yield arg.value
    yield from _credential_assignments(module, keyword)


def hardcoded(ctx: IntegrationFacts, role: FieldRole) -> Iterator[HardcodedCredential]:
    """Each non-empty string given as the credential ``role`` (see :func:`_candidates`) in
    the platform modules and the integration's credential modules. A value that is a
    credential key's own name (``"client_secret"``, a config key) is no credential; a
    constant used in several places is reported at its first use only."""
    keyword = CREDENTIAL_KEYWORDS[role]
    constants: set[tuple[str, str]] = set()
    for module in ctx.code_modules:
        seen: set[int] = set()
        for node in _candidates(ctx, module, keyword, role):
            if id(node) in seen:
                continue
            seen.add(id(node))
            value = module.value(node)
            if value is None or value.kind is not ValueKind.STR or not value.value:
                continue
            if value.value in YAML_CREDENTIAL_KEYS:
                continue
            if value.via is not None:
                # One constant passed in several places is one finding: its first use.
                owner = "" if value.via.startswith("const.") else module.path
                if (owner, value.via) in constants:
                    continue
                constants.add((owner, value.via))
            yield HardcodedCredential(module, keyword, node, value.via, ctx)


# --- where the secrets' characters are ----------------------------------------------------

# How deep constants and parts may nest before the search stops (as facts/values.py).
_MAX_DEPTH = 40


@dataclass
class ValueParts:
    """The string literals a value is built from (the characters inside their quotes, in
    whatever module they are written) and the constants followed to them: (name, file name,
    line of the definition), in order of first use."""

    spans: list[Span] = field(default_factory=list)
    sites: list[tuple[str, str, int]] = field(default_factory=list)
    # The text of each module a span is in, by path.
    texts: dict[str, str] = field(default_factory=dict)


def value_parts(
    ctx: IntegrationFacts | None, module: ModuleFacts, node: cst.BaseExpression
) -> ValueParts:
    """Where the literal characters of ``node``'s value are written: in ``module``, in its
    followed module constants, and in ``const.py`` for names imported from it."""
    parts = ValueParts()
    _collect(ctx, module, node, parts, 0, frozenset())
    return parts


def _collect(
    ctx: IntegrationFacts | None,
    module: ModuleFacts,
    node: cst.BaseExpression,
    parts: ValueParts,
    depth: int,
    following: frozenset[str],
) -> None:
    if depth > _MAX_DEPTH:
        return
    if module.text is not None:
        parts.texts.setdefault(module.path, module.text)
    if isinstance(node, cst.SimpleString):
        span = _content_span(module, node)
        if span is not None:
            parts.spans.append(span)
    elif isinstance(node, cst.ConcatenatedString) or (
        isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add)
    ):
        _collect(ctx, module, node.left, parts, depth + 1, following)
        _collect(ctx, module, node.left, parts, depth + 1, following)
        _collect(ctx, module, node.right, parts, depth + 1, following)
    elif isinstance(node, cst.FormattedString):
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                if part.value:
                    start, end = module.range(part)
                    parts.spans.append(Span(module.path, start, end))
            elif isinstance(part, cst.FormattedStringExpression):
                _collect(ctx, module, part.expression, parts, depth + 1, following)
    elif isinstance(node, cst.Name):
        _collect_name(ctx, module, node.value, parts, depth, following)


def _collect_name(
    ctx: IntegrationFacts | None,
    module: ModuleFacts,
    name: str,
    parts: ValueParts,
    depth: int,
    following: frozenset[str],
) -> None:
    index = module.index
    imported = index.imported(name)
    target: ModuleFacts | None = module
    original = name
    if imported is not None:
        if not (imported.level == 1 and imported.module == "const") or ctx is None:
            return
        target, original = ctx.python_module("const.py"), imported.original
    key = f"{target.path if target else ''}:{original}"
    if target is None or key in following or target.module is None:
        return
    if original in target.index.rebound or target.index.imported(original) is not None:
        return
    value = target.index.constants.get(original)
    if value is None:
        return
    site = (original, os.path.basename(target.path), _definition_row(target, original, value))
    if site not in parts.sites:
        parts.sites.append(site)
    _collect(ctx, target, value, parts, depth + 1, following | {key})


def _definition_row(module: ModuleFacts, name: str, value: cst.BaseExpression) -> int:
    """The line of ``name = value`` (the name's line, where the value may start later)."""
    assert module.module is not None
    for statement in module.module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, (cst.Assign, cst.AnnAssign)) and small.value is value:
                return module.start(statement).row
    return module.start(value).row


def _content_span(module: ModuleFacts, node: cst.SimpleString) -> Span | None:
    """The characters inside the quotes of ``node`` (found in the text its range covers,
    which may include parentheses)."""
    text = module.text
    if text is None:
        return None
    start, end = module.range(node)
    first, last = module.offset(start), module.offset(end)
    found = text.find(node.value, first, max(last, first + len(node.value)))
    if found == -1:
        return None
    opening = found + len(node.prefix) + len(node.quote)
    closing = found + len(node.value) - len(node.quote)
    if closing <= opening:
        return None
    return Span(module.path, module.location(opening), module.location(closing))


@dataclass(frozen=True)
class Secrets:
    """Every secret of an integration (RULES.md section 4): where its characters are, and the
    texts to scrub from messages (each literal as written, and each value as evaluated)."""

    spans: tuple[Span, ...]
    texts: frozenset[str]


def integration_secrets(ctx: IntegrationFacts) -> Secrets:
    """The values DC501, DC502 and DC503 would report, whether or not they are selected or
    suppressed: hard-coded client secrets and IDs, and the credential parts of URLs."""
    from devcreds_lint.facts.urls import known_urls

    spans: list[Span] = []
    texts: set[str] = set()
    for role in (FieldRole.CLIENT_SECRET, FieldRole.CLIENT_ID):
        for found in hardcoded(ctx, role):
            parts = value_parts(ctx, found.module, found.node)
            spans.extend(parts.spans)
            value = found.module.value(found.node)
            if value is not None and value.value:
                texts.add(value.value)
    for url in known_urls(ctx):
        secret_parts = url_secret_parts(url.text)
        if not secret_parts:
            continue
        texts.update(secret_parts)
        parts = value_parts(ctx, url.module, url.node)
        spans.extend(_narrowed(parts, url.text, secret_parts))
    return Secrets(tuple(sorted(set(spans))), frozenset(t for t in texts if t))


def url_secret_parts(url: str) -> list[str]:
    """The credential parts of a URL: the ``user:password`` before ``@`` and the values of
    credential query parameters (the names DC503 knows)."""
    from urllib.parse import urlsplit

    from devcreds_lint.contracts import CREDENTIAL_QUERY_PARAMS

    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    found: list[str] = []
    if "@" in parts.netloc:
        found.append(parts.netloc.rpartition("@")[0])
    for pair in parts.query.split("&"):
        key, _, value = pair.partition("=")
        if key.lower() in CREDENTIAL_QUERY_PARAMS and value:
            found.append(value)
    return found


def _narrowed(parts: ValueParts, url: str, secret_parts: list[str]) -> list[Span]:
    """Only the secret characters of a URL written as one literal without escapes (then its
    text is the value); the whole literals otherwise."""
    spans = parts.spans
    if len(spans) != 1 or spans[0].start.row != spans[0].end.row:
        return spans
    span = spans[0]
    text = _span_text(parts, span)
    if text != url:
        return spans
    narrowed: list[Span] = []
    for part in secret_parts:
        at = text.find(part)
        while at != -1:
            narrowed.append(
                Span(
                    span.path,
                    Location(span.start.row, span.start.column + at),
                    Location(span.start.row, span.start.column + at + len(part)),
                )
            )
            at = text.find(part, at + 1)
    return narrowed or spans


def _span_text(parts: ValueParts, span: Span) -> str | None:
    text = parts.texts.get(span.path)
    if text is None:
        return None
    lines = LineIndex(text)
    return text[lines.offset(span.start) : lines.offset(span.end)]
