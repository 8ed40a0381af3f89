"""Cheap facts from an integration's other files: ``const.py``, ``config_flow.py``,
``__init__.py`` and ``strings.json`` (or ``translations/en.json``).

These files are read only for what one rule needs, with the standard library's C parser
(``ast``), which is many times faster than a full libcst parse. Every function answers
``None`` ("cannot be known") when a file does not parse, so rules stay silent instead of
guessing (RULES.md: precision first).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from devcreds_lint.contracts import (
    CREDENTIAL_KEYWORDS,
    CREDENTIAL_OBJECT_SUFFIX,
    IMPLEMENTATIONS,
    IMPORT_CLIENT_CREDENTIAL,
    PROFILES,
    YAML_CREDENTIAL_CONSTANTS,
    YAML_CREDENTIAL_KEYS,
)
from devcreds_lint.facts.by_text import by_text
from devcreds_lint.facts.python_ast import parse_module, parse_newer_syntax

_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")


def _parse(text: str) -> ast.Module | None:
    return parse_module(text)  # one parse per text, shared with the flow facts and DC405


def _is_star_import(node: ast.AST) -> bool:
    return isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names)


@by_text
def string_constants(text: str) -> Mapping[str, str]:
    """Module-level string constants: ``NAME = "literal"`` (or annotated), and strings built
    only from literals and earlier constants of the same file (an f-string without conversions
    or format specs, or a ``+`` concatenation). A name bound more than once, or anywhere but
    at the top level, has no certain value and is left out, and so is one defined before a
    star import (``from .names import *`` may bind it again)."""
    tree = _parse(text) or parse_newer_syntax(text)
    if tree is None:
        return _cst_string_constants(text)
    stores: dict[str, int] = {}
    for node in ast.walk(tree):
        if _is_star_import(node) and node not in tree.body:
            return MappingProxyType({})  # under if/try: which names it rebinds is unknown
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            stores[node.id] = stores.get(node.id, 0) + 1
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                stores[name] = stores.get(name, 0) + 2
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                stores[bound] = stores.get(bound, 0) + 2
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stores[node.name] = stores.get(node.name, 0) + 2
    found: dict[str, str] = {}
    for stmt in tree.body:
        if _is_star_import(stmt):
            found.clear()  # ``from .names import *`` may bind any name defined before it
            continue
        target: ast.expr | None = None
        value: ast.expr | None = None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        elif isinstance(stmt, ast.AnnAssign):
            target, value = stmt.target, stmt.value
        if not isinstance(target, ast.Name) or value is None or stores.get(target.id) != 1:
            continue
        built = _built_string(value, found, 0)
        if built is not None:
            found[target.id] = built
    return MappingProxyType(found)


def _built_string(node: ast.expr, known: Mapping[str, str], depth: int) -> str | None:
    """The exact value of a string built from literals and ``known`` names, else None."""
    if depth > 40:
        return None
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.Name):
        return known.get(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = _built_string(node.left, known, depth + 1)
        right = _built_string(node.right, known, depth + 1) if left is not None else None
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.JoinedStr):
        parts: list[str] = []
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                # `!r`, `!a` and format specs change the text: only `{x}`/`{x!s}` is exact.
                if part.format_spec is not None or part.conversion not in (-1, ord("s")):
                    return None
                part_value = _built_string(part.value, known, depth + 1)
            else:
                part_value = _built_string(part, known, depth + 1)
            if part_value is None:
                return None
            parts.append(part_value)
        return "".join(parts)
    return None


def _cst_string_constants(text: str) -> Mapping[str, str]:
    """The same for syntax this interpreter's ``ast`` cannot read (PEP 695 on 3.10/3.11)."""
    import libcst as cst

    from devcreds_lint.parsing.screening import screen

    if screen(text).refuse is not None:
        return {}  # too deeply nested for libcst to read safely

    try:
        module = cst.parse_module(text)
    except (cst.ParserSyntaxError, RecursionError, ValueError):
        return {}
    found: dict[str, str] = {}
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            target: cst.BaseExpression | None = None
            value: cst.BaseExpression | None = None
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target, value = small.targets[0].target, small.value
            elif isinstance(small, cst.AnnAssign):
                target, value = small.target, small.value
            if isinstance(target, cst.Name) and isinstance(value, cst.SimpleString):
                evaluated = value.evaluated_value
                if isinstance(evaluated, str):
                    found[target.value] = evaluated
    return MappingProxyType(found)


def reads_yaml_credentials(text: str) -> int | None:
    """The line of a ``CONFIG_SCHEMA`` in ``__init__.py`` that takes the credential keys
    (:data:`~devcreds_lint.contracts.YAML_CREDENTIAL_KEYS`, or their ``CONF_`` constants):
    0 when there is none, None when the file does not parse."""
    if "CONFIG_SCHEMA" not in text:
        return 0
    tree = _parse(text) or parse_newer_syntax(text)
    if tree is None:
        return None
    for stmt in tree.body:
        if not isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            continue
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if not any(isinstance(t, ast.Name) and t.id == "CONFIG_SCHEMA" for t in targets):
            continue
        if stmt.value is None:
            continue
        for node in ast.walk(stmt.value):
            if isinstance(node, ast.Name) and node.id in YAML_CREDENTIAL_CONSTANTS:
                return stmt.lineno
            if isinstance(node, ast.Constant) and node.value in YAML_CREDENTIAL_KEYS:
                return stmt.lineno
    return 0


def description_placeholders(
    text: str, section: str, label: str = "strings.json"
) -> set[str] | str | None:
    """The ``{placeholders}`` of a strings file's ``<section>.description`` (``strings.json``
    or ``translations/en.json``: ``label`` names it in messages).

    None when the section or its description is absent; a message when the file is broken.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        return f"{label} is not valid JSON: {exc}"
    if not isinstance(data, dict):
        return f"{label} is not a JSON object"
    part = data.get(section)
    if not isinstance(part, dict):
        return None
    description = part.get("description")
    if not isinstance(description, str):
        return None
    return set(_PLACEHOLDER.findall(description))


def may_hold_credentials(text: str, always: bool = True) -> bool:
    """Whether a module may pass a literal or a constant as a client ID or secret, or call an
    OAuth2 implementation class (DC308, and the credential and URL positions of its calls).

    A cheap filter before a full libcst parse: a byte search, then Python's parser. A
    candidate is a call whose ``client_id=``/``client_secret=`` (or ``...Credential(...)``
    arguments) are strings or plain names, an assignment of one to an attribute named like a
    credential (``credential.client_secret = ...``), a call of an implementation class (or of
    a class of the module deriving from one), or a contract object whose URLs the URL rules
    read. ``always`` is for ``__init__.py`` and ``config_flow.py``; any other module counts
    only when it calls :data:`~devcreds_lint.contracts.IMPORT_CLIENT_CREDENTIAL`, builds a
    contract object or calls an implementation class. True when the file does not parse
    here, so that the full check decides.
    """
    keywords = frozenset(CREDENTIAL_KEYWORDS.values())
    implementations = {spec.name for spec in IMPLEMENTATIONS}
    objects = {o.name for p in PROFILES for o in p.objects}
    anchors = (IMPORT_CLIENT_CREDENTIAL, CREDENTIAL_OBJECT_SUFFIX + "(", *implementations)
    anchors += tuple(name + "(" for name in objects)
    if not any(a in text for a in anchors) and not (always and any(k in text for k in keywords)):
        return False
    outline = _outline(text)
    if outline is None:
        return True
    derived = outline.derived
    anchored = candidate = False
    for call in outline.calls:
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in implementations or name in derived:
            return True
        if name == IMPORT_CLIENT_CREDENTIAL or name in objects:
            # A contract object outside the platform modules matters only for the
            # credentials given to it (the URL rules read those of platform modules).
            anchored = True
        values = [k.value for k in call.keywords if k.arg in keywords]
        if name.endswith(CREDENTIAL_OBJECT_SUFFIX) or name in objects:
            values += call.args
        candidate = candidate or any(_may_be_string(v, outline.followed) for v in values)
    for targets, value in outline.attribute_assignments:
        if any(isinstance(t, ast.Attribute) and t.attr in keywords for t in targets):
            candidate = candidate or _may_be_string(value, outline.followed)
    return candidate and (anchored or always)


def _may_be_string(value: ast.expr, followed: frozenset[str]) -> bool:
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str) and bool(value.value)
    if isinstance(value, ast.Name):
        return value.id in followed
    return isinstance(value, (ast.JoinedStr, ast.BinOp))


# The pre-checks of modules besides the platform modules (:func:`may_hold_credentials`,
# :func:`may_import_unknown`) answer "no" for more modules than a byte search can, so that
# libcst parses only a module that may have a finding; each text is parsed and walked once
# for both (:func:`_outline`). Benchmark rows: "ha-2026.11-like cold / floor"
# (benchmarks/run.py), and the real 2026.11.0 tree, whose large ``__init__.py`` and
# ``config_flow.py`` siblings (overkiz, vicare, mcp) took about 140 ms of libcst parsing,
# written in Python 3.12/3.14 syntax, and hold no finding.


@dataclass(frozen=True)
class _Outline:
    """What the pre-checks need of a module.

    ``followed``: every name whose value facts/values.py may follow: bound by assignment at
    module level outside any function, class or lambda (a module constant), or imported from
    the integration's ``const.py`` anywhere. Any other name (a parameter, a local, an import
    from elsewhere) has no known value, so a credential argument naming it is no candidate.
    A superset: ``rebound`` and the kind of the value are left to the full check.

    ``calls`` and ``attribute_assignments`` come only from the top-level statements whose
    text names a credential keyword, an implementation class, a class deriving from one,
    a contract object or a ``...Credential``: no other statement can hold a call or an
    assignment the pre-check looks at, and walking every expression node of a 45 KB module
    in Python costs several times its parse."""

    calls: list[ast.Call]
    attribute_assignments: list[tuple[list[ast.expr], ast.expr]]
    derived: set[str]
    imports: list[ast.ImportFrom]
    followed: frozenset[str]


_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@by_text
def _outline(text: str) -> _Outline | None:
    tree = _parse(text) or parse_newer_syntax(text)
    if tree is None:
        return None
    classes: dict[str, set[str]] = {}
    imports: list[ast.ImportFrom] = []
    followed: set[str] = set()
    # Statements only (classes, imports and assignments are statements): (node, at module
    # level). Except handlers and match cases hold statements too.
    stack: list[tuple[ast.AST, bool]] = [(tree, True)]
    while stack:
        node, top = stack.pop()
        if isinstance(node, ast.ImportFrom):
            imports.append(node)
            if node.level == 1 and node.module == "const":
                followed.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and top:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            followed.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ClassDef):
            classes[node.name] = {
                b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases
            }
        inner = top and not isinstance(node, _SCOPES)
        for field in _BODIES:
            for child in getattr(node, field, ()):
                if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                    stack.append((child, inner))
    implementations = {spec.name for spec in IMPLEMENTATIONS}
    derived = _derived_classes(classes, implementations)
    needles = {*CREDENTIAL_KEYWORDS.values(), *implementations, *derived, CREDENTIAL_OBJECT_SUFFIX}
    needles |= {IMPORT_CLIENT_CREDENTIAL, *(o.name for p in PROFILES for o in p.objects)}
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    everything = not text.isascii()  # identifiers may be written in a normalized form
    calls: list[ast.Call] = []
    assignments: list[tuple[list[ast.expr], ast.expr]] = []
    for stmt in tree.body:
        first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
        last = min(stmt.end_lineno or len(starts) - 1, len(starts) - 1)
        segment = text[starts[first - 1] : starts[last]]
        if not (everything or any(n in segment for n in needles)):
            continue
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call):
                calls.append(node)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                held: list[ast.expr] = (
                    list(node.targets) if isinstance(node, ast.Assign) else [node.target]
                )
                if any(isinstance(t, ast.Attribute) for t in held):
                    assignments.append((held, node.value))
    return _Outline(calls, assignments, derived, imports, frozenset(followed))


def _derived_classes(classes: dict[str, set[str]], bases: set[str]) -> set[str]:
    """The module's classes deriving, directly or through each other, from ``bases``."""
    found: set[str] = set()
    grew = True
    while grew:
        grew = False
        for name, parents in classes.items():
            if name not in found and parents & (bases | found):
                found.add(name)
                grew = True
    return found


def may_import_unknown(text: str, tables: Mapping[str, frozenset[str]]) -> bool:
    """Whether a module other than a platform module may import from a credential component
    a name it does not define (DC403): a ``from <component> import X`` (absolute) with ``X``
    not in ``tables[<component>]``, wherever it stands (guards and dunders are left to the
    full check). True when the file does not parse here. Most ``__init__.py`` and
    ``config_flow.py`` that name the component import only names it defines, and need no
    libcst parse (benchmark row "ha-2026.11-like cold / floor")."""
    outline = _outline(text)
    if outline is None:
        return True
    for node in outline.imports:
        if not node.level and node.module is not None and node.module in tables:
            defined = tables[node.module]
            if any(alias.name not in defined for alias in node.names):
                return True
    return False
