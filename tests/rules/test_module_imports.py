"""DC404 and DC405 beyond their examples: one root cause with DC402, guarded imports, the
relative-import fix of DC404 only where the names exist, and core integrations."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import check_paths, fix_paths, make_integration, write_tree

PLATFORM = '''"""Application credentials platform for Example."""

{imports}
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''


def codes(folder: Path) -> list[str]:
    return [d.code for d in check_paths(folder)]


def test_contract_names_from_an_unknown_module_are_dc402_alone(tmp_path: Path) -> None:
    imports = "from homeassistant.helpers.application_credentials import AuthorizationServer"
    folder = make_integration(
        tmp_path, {"application_credentials.py": PLATFORM.format(imports=imports)}
    )
    assert codes(folder) == ["DC402"]


def test_a_guarded_import_is_not_reported(tmp_path: Path) -> None:
    imports = (
        "from homeassistant.components.application_credentials import AuthorizationServer\n"
        "try:\n    from homeassistant.helpers.redirect import async_get_redirect_uri\n"
        "except ImportError:\n    async_get_redirect_uri = None"
    )
    folder = make_integration(
        tmp_path, {"application_credentials.py": PLATFORM.format(imports=imports)}
    )
    assert codes(folder) == []


def test_dc404_fix_only_where_the_names_exist(tmp_path: Path) -> None:
    imports = (
        "from homeassistant.components.application_credentials import AuthorizationServer\n"
        "from homeassistant.components.example.const import DOMAIN, MISSING"
    )
    folder = make_integration(
        tmp_path, {"application_credentials.py": PLATFORM.format(imports=imports)}
    )
    (found,) = [d for d in check_paths(folder) if d.code == "DC404"]
    assert found.fix is None  # MISSING is not in const.py
    fixable = imports.replace(", MISSING", "")
    folder = make_integration(
        tmp_path / "b", {"application_credentials.py": PLATFORM.format(imports=fixable)}
    )
    fix_paths(folder)
    text = (folder / "application_credentials.py").read_text(encoding="utf-8")
    assert "from .const import DOMAIN\n" in text


def test_dc404_is_only_for_custom_integrations(tmp_path: Path) -> None:
    imports = (
        "from homeassistant.components.application_credentials import AuthorizationServer\n"
        "from homeassistant.components.example.const import DOMAIN"
    )
    folder = tmp_path / "homeassistant" / "components" / "example"
    write_tree(
        folder,
        {
            "manifest.json": '{"domain": "example", "config_flow": true, '
            '"dependencies": ["application_credentials"]}',
            "application_credentials.py": PLATFORM.format(imports=imports),
            "const.py": 'DOMAIN = "example"\n',
            "config_flow.py": "from homeassistant.helpers import config_entry_oauth2_flow\n\n"
            "from .const import DOMAIN\n\n\n"
            "class Flow(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):\n"
            "    pass\n",
        },
    )
    assert "DC404" not in codes(folder)
