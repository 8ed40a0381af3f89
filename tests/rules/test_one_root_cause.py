"""RULES.md "One root cause, one finding": each case has a test."""

from __future__ import annotations

from pathlib import Path

from devcreds_lint.rules.examples import GOOD_SERVER, server
from tests.helpers import check_paths, codes, make_integration, write_tree

APP = "application_credentials.py"


def test_dc102_explains_the_parse_failure(tmp_path: Path) -> None:
    text = GOOD_SERVER.replace(
        "from homeassistant.core import HomeAssistant", "from homeassistant.core.HomeAssistant"
    )
    found = codes(check_paths(make_integration(tmp_path, {APP: text})))
    assert found == ["DC102"]


def test_another_syntax_error_besides_dc102_is_still_reported(tmp_path: Path) -> None:
    text = GOOD_SERVER.replace(
        "from homeassistant.core import HomeAssistant", "from homeassistant.core.HomeAssistant"
    )
    text = text.replace("-> AuthorizationServer:", "-> AuthorizationServer")
    found = codes(check_paths(make_integration(tmp_path, {APP: text})))
    assert found == ["DC102", "DC100"]


def test_dc202_explains_the_missing_hook(tmp_path: Path) -> None:
    text = GOOD_SERVER.replace("async_get_authorization_server", "async_get_authorisation_server")
    assert codes(check_paths(make_integration(tmp_path, {APP: text}))) == ["DC202"]


def test_dc204_explains_the_missing_hook(tmp_path: Path) -> None:
    text = GOOD_SERVER.replace(
        "async def async_get_authorization_server",
        "class P:\n  async def async_get_authorization_server",
    )
    text = text.replace("\n    ", "\n      ")
    found = codes(check_paths(make_integration(tmp_path, {APP: text})))
    assert "DC204" in found and "DC201" not in found


def test_dc201_when_nothing_explains_it(tmp_path: Path) -> None:
    text = '"""Nothing here."""\n'
    assert codes(check_paths(make_integration(tmp_path, {APP: text}))) == ["DC201"]


def test_dc302_near_miss_suppresses_dc301_for_that_field(tmp_path: Path) -> None:
    text = server('authorize_url="https://acme-api.io/a", token_uri="https://acme-api.io/t"')
    assert codes(check_paths(make_integration(tmp_path, {APP: text}))) == ["DC302"]


def test_dc302_without_near_miss_keeps_dc301(tmp_path: Path) -> None:
    text = server('authorize_url="https://acme-api.io/a", endpoint="https://acme-api.io/t"')
    assert sorted(codes(check_paths(make_integration(tmp_path, {APP: text})))) == ["DC301", "DC302"]


def test_misspelled_hook_is_checked_as_the_hook_it_meant_to_be(tmp_path: Path) -> None:
    text = GOOD_SERVER.replace(
        "async def async_get_authorization_server(hass: HomeAssistant)",
        "def async_get_authorisation_server(self, hass: HomeAssistant)",
    )
    assert sorted(codes(check_paths(make_integration(tmp_path, {APP: text})))) == [
        "DC202",
        "DC203",
        "DC205",
    ]


def test_no_manifest_means_manifest_rules_stay_silent(tmp_path: Path) -> None:
    write_tree(tmp_path / "loose", {APP: GOOD_SERVER.replace("async def", "def")})
    found = codes(check_paths(tmp_path / "loose" / APP))
    assert found == ["DC203"]


def test_broken_manifest_is_the_one_finding_about_it(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: GOOD_SERVER, "manifest.json": "[1, 2]"})
    assert codes(check_paths(folder)) == ["DC604"]
    folder = make_integration(
        tmp_path / "b", {APP: GOOD_SERVER, "manifest.json": '{"dependencies": "x"}'}
    )
    assert codes(check_paths(folder)) == ["DC604"]
