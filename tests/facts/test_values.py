"""resolve_value: literals, module constants followed once, constants imported from the
integration's const.py; anything else is unknown (None)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import libcst as cst
import pytest

from devcreds_lint.facts.tree import build_index
from devcreds_lint.facts.values import KnownValue, ValueKind, resolve_value
from tests.facts.support import APP, integration_facts

CONST = {"TOKEN_URL": "https://acme-api.io/token", "BASE": "https://acme-api.io"}


class Constants:
    """const.py's string constants, counting how often they are asked for."""

    def __init__(self, values: Mapping[str, str] = CONST) -> None:
        self.values = values
        self.calls = 0

    def __call__(self) -> Mapping[str, str]:
        self.calls += 1
        return self.values


def value(module: str, expr: str, constants: Constants | None = None) -> KnownValue | None:
    """The value of ``expr`` as the last statement of ``module``."""
    tree = cst.parse_module(module + f"\nresult = {expr}\n")
    statement = tree.body[-1]
    assert isinstance(statement, cst.SimpleStatementLine)
    assign = statement.body[0]
    assert isinstance(assign, cst.Assign)
    return resolve_value(assign.value, build_index(tree), constants or Constants())


def test_a_literal_is_its_own_fix_target() -> None:
    known = value("", '"https://a-apis.io/x"')
    assert known is not None
    assert (known.kind, known.type_name, known.value, known.via) == (
        ValueKind.STR,
        "str",
        "https://a-apis.io/x",
        None,
    )
    assert isinstance(known.literal, cst.SimpleString)


def test_a_module_constant_is_followed_once() -> None:
    known = value('URL = "https://a-apis.io/x"\n', "URL")
    assert known is not None and known.value == "https://a-apis.io/x" and known.via == "URL"
    assert known.literal is not None and known.literal.value == '"https://a-apis.io/x"'
    # Imported from anywhere but the integration's const.py: unknown.
    assert value("from somewhere import URL\n", "URL") is None


def test_a_constant_imported_from_const_is_read_from_const_py() -> None:
    constants = Constants()
    known = value("from .const import TOKEN_URL\n", "TOKEN_URL", constants)
    assert known is not None
    assert known.value == "https://acme-api.io/token" and known.via == "const.TOKEN_URL"
    assert known.literal is None  # not in this module: no fix rewrites it
    assert constants.calls == 1
    assert value("from .const import MISSING\n", "MISSING") is None
    assert value("from const import TOKEN_URL\n", "TOKEN_URL") is None  # not the package's
    assert value("from ..const import TOKEN_URL\n", "TOKEN_URL") is None


def test_const_py_is_not_read_for_a_literal() -> None:
    constants = Constants()
    assert value("", '"x"', constants) is not None
    assert constants.calls == 0


@pytest.mark.parametrize(
    ("module", "expr"),
    [
        ("", "make()"),
        ("", "settings.URL"),
        ("", 'f"{make()}"'),
        ('BASE = "b"\n', 'f"{BASE!r}"'),
        ('BASE = "b"\n', 'f"{BASE:>10}"'),
        ("", "UNKNOWN"),
        ("", 'b"bytes" + b"more"'),
        ("", "1 + 2"),
    ],
)
def test_unknowable_values(module: str, expr: str) -> None:
    assert value(module, expr) is None


@pytest.mark.parametrize(
    ("expr", "type_name"),
    [
        ("3", "int"),
        ("-1", "int"),
        ("2.5", "float"),
        ("None", "None"),
        ("True", "bool"),
        ("[1]", "list"),
        ("{}", "dict"),
        ("(1, 2)", "tuple"),
        ('b"x"', "bytes"),
    ],
)
def test_other_literals_are_known_by_type(expr: str, type_name: str) -> None:
    known = value("", expr)
    assert known is not None
    assert (known.kind, known.type_name, known.value) == (ValueKind.OTHER, type_name, None)


def test_through_const_py_of_a_real_integration(tmp_path: Path) -> None:
    platform = (
        "from homeassistant.components.application_credentials import AuthorizationServer\n"
        "from .const import TOKEN_URL\n"
        'AUTHORIZE = "https://acme-api.io/authorize"\n'
        "SERVER = AuthorizationServer(AUTHORIZE, TOKEN_URL)\n"
    )
    facts = integration_facts(
        tmp_path,
        {
            APP: platform,
            "const.py": 'DOMAIN = "example"\nTOKEN_URL = "https://acme-api.io/token"\n',
        },
    )
    (module,) = facts.platforms
    (call,) = module.index.calls
    known = [module.value(arg.value) for arg in call.args]
    assert [(k.value, k.via) for k in known if k is not None] == [
        ("https://acme-api.io/authorize", "AUTHORIZE"),
        ("https://acme-api.io/token", "const.TOKEN_URL"),
    ]
    # Asked again, the same answer (memoized per node).
    assert module.value(call.args[1].value) is known[1]


@pytest.mark.parametrize(
    "module",
    [
        # A parameter of the same name: inside the function it is the caller's value.
        "from .const import TOKEN_URL\n\n\ndef build(TOKEN_URL):\n    return TOKEN_URL\n",
        # A local of the same name.
        'from .const import TOKEN_URL\n\n\ndef build():\n    TOKEN_URL = "x"\n    return 1\n',
        # Bound again at module level, after or before the import.
        'from .const import TOKEN_URL\nTOKEN_URL = "https://elsewhere.io/token"\n',
        'TOKEN_URL = "https://elsewhere.io/token"\nfrom .const import TOKEN_URL\n',
        # Imported twice, from const.py and from somewhere else.
        "from .const import TOKEN_URL\nfrom .api import TOKEN_URL\n",
    ],
    ids=["parameter", "local", "assigned after", "assigned before", "imported twice"],
)
def test_a_const_py_name_bound_again_has_no_certain_value(module: str) -> None:
    """Like a module constant bound twice, a name imported from const.py that the module
    binds again is unknown: which value a use sees is not certain."""
    assert value(module, 'f"{TOKEN_URL}"') is None
