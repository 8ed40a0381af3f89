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
    OAUTH2_FLOW_HANDLER,
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
    """Module-level ``NAME = "literal"`` (or annotated) assignments."""
    tree = _parse(text)
    if tree is None:
        return _cst_string_constants(text)
    found: dict[str, str] = {}
    for stmt in tree.body:
        target: ast.expr | None = None
        value: ast.expr | None = None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        elif isinstance(stmt, ast.AnnAssign):
            target, value = stmt.target, stmt.value
        if (
            isinstance(target, ast.Name)
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
        ):
            found[target.id] = value.value
    return found


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


def has_oauth2_flow_handler(text: str) -> bool | None:
    """True/False when ``config_flow.py`` does/does not define an OAuth2 flow handler.

    None when it cannot be known: the file does not parse, or a class derives from a name
    imported from outside Home Assistant or from the integration's own modules (which may
    derive from :data:`~devcreds_lint.contracts.OAUTH2_FLOW_HANDLER` themselves).
    """
    if OAUTH2_FLOW_HANDLER in text:
        return True
    tree = _parse(text)
    if tree is None:
        return None
    foreign: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level or not module.startswith("homeassistant"):
                foreign.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if not alias.name.startswith("homeassistant"):
                    foreign.add((alias.asname or alias.name).split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                root = base
                while isinstance(root, ast.Attribute):
                    root = root.value
                if isinstance(root, ast.Name) and root.id in foreign:
                    return None
                if not isinstance(root, ast.Name):
                    return None
    return False


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


def may_hold_credentials(text: str) -> bool:
    """Whether ``__init__.py`` may pass a literal or a constant as a client ID or secret.

    A cheap filter before a full libcst parse: calls whose ``client_id=``/``client_secret=``
    (or ``...Credential(...)`` arguments) are strings or plain names. True when the file does
    not parse here, so that the full check decides.
    """
    keywords = CREDENTIAL_KEYWORDS.values()
    if not any(k in text for k in keywords) and CREDENTIAL_OBJECT_SUFFIX + "(" not in text:
        return False
    tree = _parse(text)
    if tree is None:
        return True
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        values = [k.value for k in node.keywords if k.arg in keywords]
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name.endswith(CREDENTIAL_OBJECT_SUFFIX):
            values += node.args
        for value in values:
            if isinstance(value, ast.Name) or (
                isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value
            ):
                return True
    return False
