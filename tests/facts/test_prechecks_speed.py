"""The cheap pre-checks that keep libcst away from modules without a finding, and positions
found from a node's own text: each must answer as the slow way does."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from devcreds_lint.facts.positions import Positions
from devcreds_lint.facts.siblings import may_hold_credentials, may_import_unknown

NEWER = '''"""Written for Python 3.14."""
from homeassistant.components.application_credentials import (
    ClientCredential,
    async_import_client_credential,
)

type ExampleData = dict[str, str]


async def async_setup(hass, config):
    client_id = config["example"]["client_id"]
    try:
        await async_import_client_credential(
            hass, "example", ClientCredential(client_id, "", name="Example")
        )
    except ValueError, KeyError:
        return False
    return True
'''


def test_newer_syntax_without_candidate_needs_no_parse() -> None:
    # A local variable has no known value: no finding can come from it.
    assert not may_hold_credentials(NEWER)


def test_constant_from_const_is_still_a_candidate() -> None:
    text = NEWER.replace('    client_id = config["example"]["client_id"]\n', "").replace(
        '"""Written for Python 3.14."""\n', '"""x"""\nfrom .const import client_id\n'
    )
    assert may_hold_credentials(text)


def test_module_constant_is_still_a_candidate() -> None:
    text = NEWER.replace('    client_id = config["example"]["client_id"]\n', "")
    text += 'client_id = "abc"\n'
    assert may_hold_credentials(text)


def test_unknown_component_import_found_through_newer_syntax() -> None:
    tables = {"homeassistant.components.application_credentials": frozenset({"ClientCredential"})}
    assert may_import_unknown(NEWER, tables)  # async_import_client_credential is not listed
    tables = {
        "homeassistant.components.application_credentials": frozenset(
            {"ClientCredential", "async_import_client_credential"}
        )
    }
    assert not may_import_unknown(NEWER, tables)


TEXT = '''import x

URL = "https://a.example.net/authorize"


@decorate("https://a.example.net/authorize")
def f(token_url="https://b.example.net/token"):
    """Doc."""
    if True:
        call(name, "https://c.example.net/x", other="https://c.example.net/x")
    return name
'''


def test_positions_from_text_match_libcst() -> None:
    module = cst.parse_module(TEXT)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    positions = Positions(module, TEXT)
    checked = 0
    for node, code_range in expected.items():
        if isinstance(node, (cst.SimpleString, cst.Name)):
            assert positions[node] == code_range, module.code_for_node(node)
            checked += 1
    assert checked > 10
