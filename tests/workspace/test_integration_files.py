"""contracts.INTEGRATION_FILES is the one list of the files besides the platform modules that
change an integration's findings: the pre-commit hooks' ``files`` pattern, discovery of a named
file and the cache key all follow it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from devcreds_lint.cache import Cache
from devcreds_lint.contracts import INTEGRATION_FILES, PROFILES
from devcreds_lint.discovery import discover
from tests.helpers import make_integration

yaml = pytest.importorskip("yaml")

REPO = Path(__file__).resolve().parents[2]


def patterns() -> dict[str, str]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook["files"] for hook in hooks}


def test_both_hooks_have_a_files_pattern() -> None:
    assert set(patterns()) == {"devcreds-lint", "devcreds-lint-fix"}


def test_the_pattern_lists_exactly_the_integration_files() -> None:
    """The literal alternatives of the pattern (after the platform-name part) are the list."""
    for hook, files in patterns().items():
        literals = re.findall(r"\|(\w(?:[\w/]|\\\.)*)(?=[|)])", files)
        assert {lit.replace("\\.", ".") for lit in literals} == set(INTEGRATION_FILES), hook


@pytest.mark.parametrize("name", INTEGRATION_FILES)
@pytest.mark.parametrize(
    "folder", ["custom_components/acme/", "homeassistant/components/acme/", ""]
)
def test_every_integration_file_triggers_both_hooks(name: str, folder: str) -> None:
    for hook, files in patterns().items():
        assert re.search(files, folder + name), (hook, folder + name)


PLATFORM_NAMES = [
    *(p.platform_file for p in PROFILES),
    "developer_credentails.py",
    "application_credential.py",
    "Application_Credentials.py",
    "developer-credentials.py",
]


@pytest.mark.parametrize("name", PLATFORM_NAMES)
def test_platform_modules_and_their_misspellings_trigger(name: str) -> None:
    for hook, files in patterns().items():
        assert re.search(files, f"custom_components/acme/{name}"), (hook, name)


UNRELATED = [
    "custom_components/acme/sensor.py",
    "custom_components/acme/translations/de.json",
    "custom_components/acme/translations/en.json.orig",
    "custom_components/acme/my_translations/en.json",
    "custom_components/acme/en.json",
    "custom_components/acme/services.yaml",
    "custom_components/acme/strings.json.bak",
    "docs/translations.md",
    "README.md",
]


@pytest.mark.parametrize("path", UNRELATED)
def test_unrelated_files_do_not_trigger(path: str) -> None:
    for hook, files in patterns().items():
        assert not re.search(files, path), (hook, path)


GOOD = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''

EN = '{"application_credentials": {"description": "Go to {console_url}."}}\n'


def test_naming_translations_en_json_checks_its_integration(tmp_path: Path) -> None:
    """As pre-commit does when only translations/en.json changed."""
    folder = make_integration(
        tmp_path, {"application_credentials.py": GOOD, "translations/en.json": EN}
    )
    found = discover([str(folder / "translations" / "en.json")], PROFILES)
    assert [i.folder for i in found.integrations] == [str(folder)]
    assert found.ignored == ()
    assert "translations/en.json" in found.integrations[0].names


def test_the_cache_key_follows_translations_en_json(tmp_path: Path) -> None:
    folder = make_integration(
        tmp_path, {"application_credentials.py": GOOD, "translations/en.json": EN}
    )
    cache = Cache(str(tmp_path / "cache"), "settings")

    def key() -> str | None:
        return cache.key(discover([str(folder)], PROFILES).integrations[0])

    before = key()
    (folder / "translations" / "en.json").write_text(EN.replace("console_url", "url"))
    assert key() != before


def test_an_integration_named_twice_is_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_integration(tmp_path, {"application_credentials.py": GOOD})
    monkeypatch.chdir(tmp_path)
    relative = folder.relative_to(tmp_path)
    named = [
        str(relative / "application_credentials.py"),
        str(folder),
        f"./{relative}",
        str(relative / "manifest.json"),
    ]
    found = discover(named, PROFILES).integrations
    assert [i.folder for i in found] == [str(relative)]  # the first name met
