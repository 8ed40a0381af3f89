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

from devcreds_lint.contracts import (
    CREDENTIAL_KEYWORDS,
    CREDENTIAL_OBJECT_SUFFIX,
    IMPLEMENTATIONS,
    IMPORT_CLIENT_CREDENTIAL,
    PROFILES,
    YAML_CREDENTIAL_CONSTANTS,
    YAML_CREDENTIAL_KEYS,
)

_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")


def _parse(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def string_constants(text: str) -> Mapping[str, str]:
    """Module-level string constants: ``NAME = "literal"`` (or annotated), and strings built
    only from literals and earlier constants of the same file (an f-string without conversions
    or format specs, or a ``+`` concatenation). A name bound more than once, or anywhere but
    at the top level, has no certain value and is left out."""
    tree = _parse(text)
    if tree is None:
        return _cst_string_constants(text)
    stores: dict[str, int] = {}
    for node in ast.walk(tree):
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
    return found


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
    return found


def reads_yaml_credentials(text: str) -> int | None:
    """The line of a ``CONFIG_SCHEMA`` in ``__init__.py`` that takes the credential keys
    (:data:`~devcreds_lint.contracts.YAML_CREDENTIAL_KEYS`, or their ``CONF_`` constants):
    0 when there is none, None when the file does not parse."""
    if "CONFIG_SCHEMA" not in text:
        return 0
    tree = _parse(text)
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
    tree = _parse(text)
    if tree is None:
        return True
    derived = _derived_classes(tree, implementations)
    anchored = candidate = False
    for node in ast.walk(tree):
        values: list[ast.expr] = []
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in implementations or name in derived or name in objects:
                return True
            if name == IMPORT_CLIENT_CREDENTIAL:
                anchored = True
            values = [k.value for k in node.keywords if k.arg in keywords]
            if name.endswith(CREDENTIAL_OBJECT_SUFFIX):
                values += node.args
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is not None and any(
                isinstance(t, ast.Attribute) and t.attr in keywords for t in targets
            ):
                values = [node.value]
        candidate = candidate or any(_may_be_string(v) for v in values)
        if candidate and (anchored or always):
            return True
    return False


def _may_be_string(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str) and bool(value.value)
    return isinstance(value, (ast.Name, ast.JoinedStr, ast.BinOp))


def _derived_classes(tree: ast.Module, bases: set[str]) -> set[str]:
    """The module's classes deriving, directly or through each other, from ``bases``."""
    classes = {
        node.name: {
            b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases
        }
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    found: set[str] = set()
    grew = True
    while grew:
        grew = False
        for name, parents in classes.items():
            if name not in found and parents & (bases | found):
                found.add(name)
                grew = True
    return found
