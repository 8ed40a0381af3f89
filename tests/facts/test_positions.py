"""Positions computed statement by statement equal libcst's whole-module PositionProvider."""

from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from devcreds_lint.facts.positions import Positions
from devcreds_lint.parsing.walk import walk
from tests.helpers import FIXTURES

SAMPLES = [
    '"""Doc."""\n\n# comment\nimport a; import b\n\n\n@dec\n@other(1)\nasync def f(self, hass: X) -> Y:  # c\n    """d"""\n    return Z(a="x", b=[1, 2])\n',
    "x = 1\nclass C(Base):\n\tdef m(self):\n\t\treturn AuthorizationServer('a', 'b')\n\n\nif True:\n    def g(): ...\n",
    "def f(\n    a,\n    b,\n):\n    s = '''multi\nline'''\n    return s\n",
    "\r\n\r\nfrom x import (\r\n    y,\r\n)\r\n\r\nasync def h(hass):\r\n    return 1\r\n",
    "class A:\n    @property\n    def p(\n        self,\n        x: int = f(\n            1,\n        ),\n    ) -> str:\n        if x:\n            return g(a=1,\n                     b=2)\n        elif y:\n            pass\n        else:\n            try:\n                h()\n            except E as e:\n                k(e)\n            finally:\n                z = 1; w = 2\n        for i in j: q(i)\n        while 0:\n            with m() as n:\n                return n\n",
]
WHITESPACE = (cst.TrailingWhitespace, cst.EmptyLine, cst.Newline)


def _check(text: str) -> None:
    module = cst.parse_module(text)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    fast = Positions(module, text)
    for stmt in module.body:
        for node in walk(stmt):
            if isinstance(node, WHITESPACE):
                continue  # never reported; their ends sit on the next line's column 0
            assert fast[node] == expected[node], (
                type(node).__name__,
                cst.Module([]).code_for_node(node),
            )


@pytest.mark.parametrize("text", SAMPLES)
def test_samples(text: str) -> None:
    _check(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_samples_without_the_stdlib_parser(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Syntax newer than the interpreter (PEP 695 on 3.11): line offsets come from codegen."""
    import devcreds_lint.facts.positions as positions

    monkeypatch.setattr(positions, "_lines_from_ast", lambda module, text: None)
    _check(text)


def test_all_parsing_fixture_modules() -> None:
    checked = 0
    for path in sorted(FIXTURES.rglob("*.py")):
        text = path.read_bytes().decode("utf-8")
        try:
            cst.parse_module(text)
        except cst.ParserSyntaxError:
            continue
        _check(text)
        checked += 1
    assert checked > 20


def test_nested_nodes_take_the_fine_path() -> None:
    """Nodes inside a function are placed from their own statement, not the whole module."""
    text = SAMPLES[-1]
    module = cst.parse_module(text)
    fast = Positions(module, text)
    calls = [n for n in walk(module) if isinstance(n, (cst.Call, cst.Param))]
    assert calls and all(fast._fine(n) is not None for n in calls)
