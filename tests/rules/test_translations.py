"""DC605 reads translations/en.json where there is no strings.json (custom integrations ship
only their translations)."""

from __future__ import annotations

from pathlib import Path

from devcreds_lint.model import Diagnostic
from tests.helpers import check_paths, make_integration

PLATFORM = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )


async def async_get_description_placeholders(hass: HomeAssistant) -> dict[str, str]:
    """Return placeholders for the credentials dialog."""
    return {"more_info_url": "https://acme-api.io/docs"}
'''

NO_HOOK = PLATFORM.split("\n\n\nasync def async_get_description_placeholders")[0] + "\n"


def strings(placeholder: str) -> str:
    description = "See {" + placeholder + "} for credentials."
    return '{"application_credentials": {"description": "%s"}}\n'.replace("%s", description)


def dc605(folder: Path) -> list[Diagnostic]:
    return [d for d in check_paths(folder) if d.code == "DC605"]


def test_a_mismatch_in_translations_en_json_is_found(tmp_path: Path) -> None:
    folder = make_integration(
        tmp_path,
        {"application_credentials.py": PLATFORM, "translations/en.json": strings("info_url")},
    )
    (found,) = dc605(folder)
    assert "translations/en.json" in found.message
    assert "`{info_url}`" in found.message and "`more_info_url`" in found.message


def test_a_matching_translations_en_json_is_silent(tmp_path: Path) -> None:
    folder = make_integration(
        tmp_path,
        {"application_credentials.py": PLATFORM, "translations/en.json": strings("more_info_url")},
    )
    assert dc605(folder) == []


def test_placeholders_without_a_hook_are_reported_on_translations_en_json(tmp_path: Path) -> None:
    folder = make_integration(
        tmp_path,
        {"application_credentials.py": NO_HOOK, "translations/en.json": strings("more_info_url")},
    )
    (found,) = dc605(folder)
    assert Path(found.path) == folder / "translations" / "en.json"


def test_a_broken_translations_en_json_is_named(tmp_path: Path) -> None:
    folder = make_integration(
        tmp_path, {"application_credentials.py": PLATFORM, "translations/en.json": "{oops"}
    )
    (found,) = dc605(folder)
    assert Path(found.path) == folder / "translations" / "en.json"
    assert found.message.startswith("translations/en.json is not valid JSON")


def test_strings_json_is_preferred_when_both_exist(tmp_path: Path) -> None:
    # strings.json matches; the (stale) translation would not: nothing is reported.
    folder = make_integration(
        tmp_path,
        {
            "application_credentials.py": PLATFORM,
            "strings.json": strings("more_info_url"),
            "translations/en.json": strings("old_url"),
        },
    )
    assert dc605(folder) == []
    # And the other way round: strings.json is the one compared.
    folder = make_integration(
        tmp_path / "b",
        {
            "application_credentials.py": PLATFORM,
            "strings.json": strings("old_url"),
            "translations/en.json": strings("more_info_url"),
        },
    )
    (found,) = dc605(folder)
    assert "strings.json" in found.message and "translations" not in found.message


def test_other_languages_are_not_read(tmp_path: Path) -> None:
    folder = make_integration(
        tmp_path,
        {"application_credentials.py": PLATFORM, "translations/de.json": strings("info_url")},
    )
    assert dc605(folder) == []
