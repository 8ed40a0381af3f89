"""Python's parse of a module, whatever Python wrote it.

The rules that read other modules than the platform module (the flow facts, registrations,
the implementation lookup, DC404/DC405's imports) use the standard library's ``ast``: many
times faster than libcst. But the running interpreter's ``ast`` cannot read a newer Python's
syntax (``type X = ...`` of 3.12, 3.12's f-strings, ``except A, B:`` of 3.14), which Home
Assistant's own modules already use; such a module would be "unknown" and a rule silent on
Python 3.11 where it reports on 3.12. :func:`parse_structure` reads them all: Python's parse,
else the newer forms rewritten for this Python, else (libcst, only then imported) f-strings
blanked. Each answer is remembered by text (:mod:`devcreds_lint.facts.by_text`).
"""

from __future__ import annotations

import ast
import re

from devcreds_lint.facts.by_text import by_text
from devcreds_lint.parsing.screening import python_ast


@by_text
def parse_module(text: str) -> ast.Module | None:
    """Python's parse of a module, remembered by text: ``config_flow.py`` and ``__init__.py``
    are read by the screens, the flow facts and DC404/DC405, each once (callers never change
    the tree)."""
    try:
        tree: ast.Module = python_ast(text)
        return tree
    except (SyntaxError, ValueError, OverflowError, RecursionError, MemoryError):
        return None


@by_text
def parse_structure(text: str) -> ast.Module | None:
    """The module's classes, definitions, calls, imports and names, for any Python's syntax
    (see the module's docstring); an f-string's value may be blanked, so not for what reads
    string values (the secret screens). None when even libcst cannot read it."""
    return parse_module(text) or parse_newer_syntax(text) or parse_with_fstrings_blanked(text)


_EXCEPT_TUPLE = re.compile(r"(?m)^([ \t]*except\*?[ \t]+)([^\n():#'\"]+,[^\n():#'\"]+?)([ \t]*:)")
_TYPE_ALIAS = re.compile(r"(?m)^([ \t]*)type[ \t]+([A-Za-z_][A-Za-z0-9_]*[ \t]*=)")
_TYPE_PARAMS = re.compile(
    r"(?m)^([ \t]*(?:async[ \t]+)?(?:class|def)[ \t]+[A-Za-z_][A-Za-z0-9_]*)"
    r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]"
)


def parse_newer_syntax(text: str) -> ast.Module | None:
    """``text`` parsed after forms of newer Pythons were rewritten for this one: ``except
    A, B:`` (3.14, PEP 758) as ``except (A, B):``, ``type X = ...`` (3.12, PEP 695) as ``X
    = ...``, and a class's or function's type parameters (``class C[T](Base):``, PEP 695)
    left out. The calls, imports and assignments the pre-checks look at stay as they were, and the alias only adds a name they may follow (a superset), so their
    answers stay safe. None when the text still does not parse."""
    repaired, excepts = _EXCEPT_TUPLE.subn(r"\1(\2)\3", text)
    repaired, aliases = _TYPE_ALIAS.subn(r"\1\2", repaired)
    repaired, generics = _TYPE_PARAMS.subn(r"\1", repaired)
    return parse_module(repaired) if excepts or aliases or generics else None


def parse_with_fstrings_blanked(text: str) -> ast.Module | None:
    """``text`` parsed with every f-string replaced by a plain string over the same lines.

    For what reads a module's structure (:func:`parse_structure`: classes, bases, imports,
    definitions, calls): an f-string of Python 3.12 (PEP 701, a quote reused inside a
    replacement field) makes a whole module unreadable to 3.10/3.11's ``ast``, and so unknown,
    where libcst reads it. libcst is imported only for such a module. Not for the secret
    screens: a blanked f-string would read as an empty literal there. None when libcst cannot
    read it either."""
    if "f'" not in text and 'f"' not in text and "F'" not in text and 'F"' not in text:
        return None
    import libcst as cst

    class _Blank(cst.CSTTransformer):
        def leave_FormattedString(
            self, original_node: cst.FormattedString, updated_node: cst.FormattedString
        ) -> cst.SimpleString:
            lines = cst.Module([]).code_for_node(original_node).count("\n")
            return cst.SimpleString('"""' + "\n" * lines + '"""' if lines else '""')

    try:
        blanked = cst.parse_module(text).visit(_Blank()).code
    except Exception:  # libcst raises several kinds for text it cannot read (issue 16, DC100)
        return None
    return parse_module(blanked)
