"""DC501/DC502 beyond the platform module: the integration's credential modules (``__init__.py``,
``config_flow.py``, any top-level module that imports a credential, builds a contract object
or calls an implementation class), secrets assigned to a credential's attribute and secrets
passed by position to an implementation class; and what stays silent (config keys named like
secrets, empty secrets, runtime values, modules that are no credential module)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from devcreds_lint.model import Diagnostic
from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import check_paths, make_integration

APP = "application_credentials.py"

FLOW = '''"""Config flow for Example."""

import logging
from typing import Any

from homeassistant.components.application_credentials import (
    ClientCredential,
    async_import_client_credential,
)
from homeassistant.config_entries import ConfigFlowResult
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN, OAUTH2_CLIENT_ID, OAUTH2_CLIENT_SECRET


class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Import the integration's own credential."""
        await async_import_client_credential(
            self.hass, DOMAIN, ClientCredential(CREDENTIAL_ARGUMENTS)
        )
        return await super().async_step_user(user_input)
'''

CONST = '''"""Constants."""

DOMAIN = "example"
OAUTH2_CLIENT_ID = "acme-home-assistant"
OAUTH2_CLIENT_SECRET = "c2VjcmV0LXZhbHVl"
CONF_CLIENT_SECRET = "client_secret"
'''


def secrets(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, int]]:
    folder = make_integration(tmp_path, {APP: GOOD_SERVER, "const.py": CONST, **files})
    found: list[Diagnostic] = check_paths(folder)
    for d in found:
        if d.code in {"DC501", "DC502"}:
            assert d.redacted
            assert "c2VjcmV0" not in d.message and "acme-home-assistant" not in d.message
    return [(d.code, Path(d.path).name, d.start.row) for d in found if d.code in {"DC501", "DC502"}]


@pytest.mark.parametrize("name", ["config_flow.py", "__init__.py", "oauth.py"])
def test_an_imported_credential_is_found_in_any_top_level_module(name: str, tmp_path: Path) -> None:
    flow = FLOW.replace("CREDENTIAL_ARGUMENTS", "OAUTH2_CLIENT_ID, OAUTH2_CLIENT_SECRET")
    assert sorted(secrets(tmp_path, {name: flow})) == [("DC501", name, 29), ("DC502", name, 29)]


def test_literals_in_config_flow(tmp_path: Path) -> None:
    flow = FLOW.replace("CREDENTIAL_ARGUMENTS", '"acme-home-assistant", client_secret=""')
    assert secrets(tmp_path, {"config_flow.py": flow}) == [("DC502", "config_flow.py", 29)]


@pytest.mark.parametrize(
    "arguments",
    [
        '"", ""',  # a public client with nothing in it
        "entry.data[CONF_CLIENT_ID], entry.data[CONF_CLIENT_SECRET]",  # runtime values
        "CONF_CLIENT_SECRET, CONF_CLIENT_SECRET",  # a config key, named like a secret
        '"client_id", client_secret="client_secret"',  # the keys themselves
    ],
)
def test_what_is_no_hard_coded_credential(arguments: str, tmp_path: Path) -> None:
    flow = FLOW.replace("CREDENTIAL_ARGUMENTS", arguments).replace(
        "OAUTH2_CLIENT_SECRET\n", "OAUTH2_CLIENT_SECRET, CONF_CLIENT_SECRET\n"
    )
    assert secrets(tmp_path, {"config_flow.py": flow}) == []


def test_a_module_that_is_no_credential_module_is_not_read(tmp_path: Path) -> None:
    api = '''"""A client for the vendor's API."""

from acme import Session

from .const import OAUTH2_CLIENT_SECRET


def session() -> Session:
    """Nothing of Home Assistant's credential machinery is called here."""
    return Session(client_secret=OAUTH2_CLIENT_SECRET)
'''
    assert secrets(tmp_path, {"api.py": api}) == []


def test_one_constant_passed_in_two_modules_is_one_finding(tmp_path: Path) -> None:
    flow = FLOW.replace("CREDENTIAL_ARGUMENTS", 'OAUTH2_CLIENT_ID, ""')
    assert secrets(tmp_path, {"__init__.py": flow, "config_flow.py": flow}) == [
        ("DC502", "__init__.py", 29)
    ]


HOOK = '''"""Application credentials platform."""

from homeassistant.components.application_credentials import (
    AuthImplementation,
    AuthorizationServer,
    ClientCredential,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.config_entry_oauth2_flow import (
    AbstractOAuth2Implementation,
    LocalOAuth2Implementation,
)

from .const import OAUTH2_CLIENT_ID, OAUTH2_CLIENT_SECRET


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> AbstractOAuth2Implementation:
    """Return the implementation."""
    BODY
'''

SERVER = 'AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t")'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "credential.client_secret = OAUTH2_CLIENT_SECRET\n"
            f"    return AuthImplementation(hass, auth_domain, credential, {SERVER})",
            [("DC501", 21)],
        ),
        (
            'credential.client_id: str = "acme-home-assistant"\n'
            f"    return AuthImplementation(hass, auth_domain, credential, {SERVER})",
            [("DC502", 21)],
        ),
        (
            "return LocalOAuth2Implementation(hass, auth_domain, OAUTH2_CLIENT_ID, "
            'OAUTH2_CLIENT_SECRET, "https://acme-api.io/a", "https://acme-api.io/t")',
            [("DC501", 21), ("DC502", 21)],
        ),
        (
            "credential.client_secret \\\n        = OAUTH2_CLIENT_SECRET\n"
            f"    return AuthImplementation(hass, auth_domain, credential, {SERVER})",
            [("DC501", 22)],
        ),
        (
            f"implementation = AuthImplementation(hass, auth_domain, credential, {SERVER})\n"
            "    implementation.client_secret=OAUTH2_CLIENT_SECRET\n"
            "    return implementation",
            [("DC501", 22)],
        ),
    ],
    ids=[
        "assigned secret",
        "assigned id, annotated",
        "positional to LocalOAuth2Implementation",
        "assigned after a line continuation",
        "assigned after a use, no spaces",
    ],
)
def test_assignments_and_positions(
    body: str, expected: list[tuple[str, int]], tmp_path: Path
) -> None:
    found = secrets(tmp_path, {APP: HOOK.replace("BODY", body)})
    assert sorted((code, row) for code, _, row in found) == expected


@pytest.mark.parametrize(
    "body",
    [
        "credential.client_secret = client_secret",  # a parameter: unknown
        "self._client_secret = OAUTH2_CLIENT_SECRET",  # another attribute name
        'credential.client_secret = ""',
        "assert credential.client_secret != OAUTH2_CLIENT_SECRET",  # compared, not assigned
    ],
)
def test_assignments_that_are_silent(body: str, tmp_path: Path) -> None:
    module = HOOK.replace(
        "BODY", f"{body}\n    return AuthImplementation(hass, auth_domain, credential, {SERVER})"
    )
    assert secrets(tmp_path, {APP: module}) == []


def test_a_module_that_does_not_parse_is_silent(tmp_path: Path) -> None:
    flow = FLOW.replace("CREDENTIAL_ARGUMENTS", "OAUTH2_CLIENT_ID, OAUTH2_CLIENT_SECRET")
    broken = flow + "\ndef broken(:\n"
    folder = make_integration(tmp_path, {APP: GOOD_SERVER, "const.py": CONST, "oauth.py": broken})
    assert [d for d in check_paths(folder) if d.path.endswith("oauth.py")] == []


def test_an_unreadable_other_module_is_no_finding(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {APP: GOOD_SERVER})
    (folder / "blob.py").write_bytes(b"\xff\xfe\x00 ClientCredential(" * 10)
    assert [d for d in check_paths(folder) if d.path.endswith("blob.py")] == []


def test_the_cache_notices_a_change_in_another_module(tmp_path: Path) -> None:
    flow = FLOW.replace("CREDENTIAL_ARGUMENTS", '"", ""')
    folder = make_integration(tmp_path, {APP: GOOD_SERVER, "const.py": CONST, "oauth.py": flow})
    shutil.rmtree(tmp_path / ".devcreds_lint_cache", ignore_errors=True)

    def run() -> str:
        return subprocess.run(
            [sys.executable, "-m", "devcreds_lint", "check", "--output-format", "json", "."],
            cwd=folder.parent.parent,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        ).stdout

    assert '"DC501"' not in run()
    (folder / "oauth.py").write_text(
        FLOW.replace("CREDENTIAL_ARGUMENTS", "OAUTH2_CLIENT_ID, OAUTH2_CLIENT_SECRET")
    )
    assert '"DC501"' in run()
