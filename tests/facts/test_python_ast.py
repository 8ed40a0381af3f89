"""Rules that read other modules than the platform module with Python's ``ast`` give the same
answer whatever Python runs the linter: a module written with a newer Python's syntax
(``type X = ...`` of 3.12, ``except A, B:`` of 3.14, 3.12's f-strings), which Home Assistant's
own modules use, is read, not taken as unknown (found on a third-party integration: its
``__init__.py`` had ``type MazdaConfigEntry = ...``, and DC607 was silent on 3.11 only)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from devcreds_lint.facts.python_ast import parse_structure
from tests.helpers import check_paths, make_integration
from tests.rules.test_missing_platform_module import OWN_PICK_STEP, _flow_with

NEWER = {
    "type alias": "type ExampleConfigEntry = ConfigEntry[dict]\n",
    "except without brackets": (
        "def _safe(value):\n"
        "    try:\n"
        "        return int(value)\n"
        "    except ValueError, TypeError:\n"
        "        return 0\n"
    ),
    "3.12 f-string": 'LABEL = f"{"example"}"\n',
}


@pytest.mark.parametrize("form", sorted(NEWER))
def test_parse_structure_reads_newer_syntax(form: str) -> None:
    text = "import os\n\n" + NEWER[form] + "\n\ndef setup():\n    return os.sep\n"
    tree = parse_structure(text)
    assert tree is not None
    assert "setup" in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}


OWN_PICK_FLOW = _flow_with(OWN_PICK_STEP)


def _init(body: str, form: str) -> str:
    return (
        '"""The Example integration."""\n\n'
        "from homeassistant.config_entries import ConfigEntry\n"
        "from homeassistant.helpers import config_entry_oauth2_flow\n\n"
        + NEWER[form]
        + "\n\n"
        + body
    )


@pytest.mark.parametrize("form", sorted(NEWER))
def test_dc607_finds_the_lookup_in_a_module_of_newer_syntax(form: str, tmp_path: Path) -> None:
    body = (
        "async def async_setup_entry(hass, entry):\n"
        "    implementation = (\n"
        "        await config_entry_oauth2_flow.async_get_config_entry_implementation(hass, entry)\n"
        "    )\n"
        "    return implementation is not None\n"
    )
    folder = make_integration(
        tmp_path, {"config_flow.py": OWN_PICK_FLOW, "__init__.py": _init(body, form)}
    )
    assert [d.code for d in check_paths(folder) if d.code == "DC607"] == ["DC607"]


@pytest.mark.parametrize("form", sorted(NEWER))
def test_dc308_finds_a_string_registration_in_a_module_of_newer_syntax(
    form: str, tmp_path: Path
) -> None:
    body = (
        "async def async_setup(hass, config):\n"
        "    config_entry_oauth2_flow.async_register_implementation(hass, 'example', 'acme')\n"
        "    return True\n"
    )
    folder = make_integration(tmp_path, {"__init__.py": _init(body, form)})
    assert "DC308" in [d.code for d in check_paths(folder)]


@pytest.mark.parametrize("form", sorted(NEWER))
def test_dc404_finds_an_own_integration_import_in_a_module_of_newer_syntax(
    form: str, tmp_path: Path
) -> None:
    platform = (
        '"""Application credentials platform for Example."""\n\n'
        "from homeassistant.components.application_credentials import AuthorizationServer\n"
        "from homeassistant.components.example.const import TOKEN_URL\n"
        "from homeassistant.core import HomeAssistant\n\n" + NEWER[form] + "\n\n"
        "async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:\n"
        '    """Return the authorization server."""\n'
        "    return AuthorizationServer(\n"
        '        authorize_url="https://acme-api.io/authorize", token_url=TOKEN_URL\n'
        "    )\n"
    )
    folder = make_integration(tmp_path, {"application_credentials.py": platform})
    assert "DC404" in [d.code for d in check_paths(folder)]


def test_the_checked_codes_own_warnings_are_not_shown(tmp_path: Path) -> None:
    """An invalid escape sequence in the checked code makes Python's compiler warn (a
    ``SyntaxWarning`` on stderr from 3.12 on): the code's own matter, never printed between
    the findings."""
    import warnings

    platform = (
        '"""Application credentials platform for Example."""\n\n'
        "from homeassistant.components.application_credentials import AuthorizationServer\n\n"
        'PATTERN = "\\d+\\]"\n\n\n'
        "async def async_get_authorization_server(hass) -> AuthorizationServer:\n"
        "    return AuthorizationServer(\n"
        '        authorize_url="https://acme-api.io/a", token_url="https://acme-api.io/t"\n'
        "    )\n"
    )
    flow = OWN_PICK_FLOW.replace('"""Use the vendor\'s app."""', '"""Use \\d the app."""')
    folder = make_integration(
        tmp_path, {"application_credentials.py": platform, "config_flow.py": flow}
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_paths(folder)
    assert [str(w.message) for w in caught] == []
