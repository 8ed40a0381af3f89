"""DC605 follows the placeholders hook's dict keys through constants where that is cheap and
certain (a module-level `NAME = "literal"`, a name imported from the integration's const.py):
a typo'd placeholder is found. A key that cannot be known keeps the rule silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from devcreds_lint.model import Diagnostic
from devcreds_lint.rules.examples import CONST, GOOD_SERVER
from tests.helpers import check_paths, make_integration

HOOK = '''

async def async_get_description_placeholders(hass: HomeAssistant) -> dict[str, str]:
    """Return placeholders for the credentials dialog."""
    return {KEY_EXPR: "https://acme-api.io/console"}
'''


def platform(preamble: str, key: str) -> str:
    head, _, tail = GOOD_SERVER.partition("\n\n\nasync def")
    return f"{head}\n{preamble}\n\n\nasync def{tail}" + HOOK.replace("KEY_EXPR", key)


def dc605(tmp_path: Path, app: str, placeholder: str, const: str = "") -> list[Diagnostic]:
    strings = '{"application_credentials": {"description": "Create one at {%s}."}}\n'
    folder = make_integration(
        tmp_path,
        {
            "application_credentials.py": app,
            "strings.json": strings % placeholder,
            "const.py": CONST + const,
        },
    )
    return [d for d in check_paths(folder) if d.code == "DC605"]


KNOWN_KEYS = {
    "a module constant": (platform('CONSOLE_URL = "console_url"', "CONSOLE_URL"), ""),
    "a name from const.py": (
        platform("from .const import ATTR_CONSOLE_URL", "ATTR_CONSOLE_URL"),
        'ATTR_CONSOLE_URL = "console_url"\n',
    ),
    "an aliased name from const.py": (
        platform("from .const import ATTR_CONSOLE_URL as CONSOLE", "CONSOLE"),
        'ATTR_CONSOLE_URL = "console_url"\n',
    ),
    "an f-string of a module constant": (
        platform('PREFIX = "console"', 'f"{PREFIX}_url"'),
        "",
    ),
}


@pytest.mark.parametrize(("app", "const"), KNOWN_KEYS.values(), ids=KNOWN_KEYS.keys())
def test_a_key_through_a_constant_is_known(tmp_path: Path, app: str, const: str) -> None:
    assert dc605(tmp_path / "match", app, "console_url", const) == []
    (found,) = dc605(tmp_path / "typo", app, "consle_url", const)
    assert "`{consle_url}`" in found.message and "`console_url`" in found.message


UNKNOWN_KEYS = {
    "a function call": platform("from .const import key", "key()"),
    "a name imported from a package": platform("from acme import CONSOLE_URL", "CONSOLE_URL"),
    "a name from another own module": platform("from .api import CONSOLE_URL", "CONSOLE_URL"),
    "a constant bound twice": platform(
        'CONSOLE_URL = "console_url"\nCONSOLE_URL = "other"', "CONSOLE_URL"
    ),
    "a name from const.py rebound in the module": platform(
        'from .const import ATTR_CONSOLE_URL\nATTR_CONSOLE_URL = "other"', "ATTR_CONSOLE_URL"
    ),
    "an attribute": platform("from . import const", "const.ATTR_CONSOLE_URL"),
}


@pytest.mark.parametrize("app", UNKNOWN_KEYS.values(), ids=UNKNOWN_KEYS.keys())
def test_an_unknowable_key_keeps_the_rule_silent(tmp_path: Path, app: str) -> None:
    const = 'ATTR_CONSOLE_URL = "console_url"\n'
    assert dc605(tmp_path, app, "consle_url", const) == []
