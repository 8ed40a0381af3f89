"""DC607: integrations without a platform module are discovered when they may need one (a
byte search of manifest.json and config_flow.py), and reported only when they offer no
implementation themselves; the component itself and Home Assistant's own self-registering
OAuth2 integrations stay silent, and the rules meant for platform modules stay silent too."""

from __future__ import annotations

from pathlib import Path

import pytest

from devcreds_lint.contracts import PROFILES
from devcreds_lint.discovery import discover
from devcreds_lint.model import Diagnostic
from devcreds_lint.rules.examples import CONFIG_FLOW, CONST
from tests.helpers import check_paths, make_integration, write_tree

MANIFEST = """{
  "domain": "%s",
  "name": "Example",
  "codeowners": [],
  "config_flow": %s,
  "dependencies": [%s],
  "documentation": "https://acme-api.io",
  "iot_class": "cloud_polling"
}
"""

PLAIN_FLOW = '''"""Config flow for Example."""

from homeassistant import config_entries

from .const import DOMAIN


class ExampleConfigFlow(config_entries.ConfigFlow, domain=DOMAIN):
    """Ask for a host."""
'''

SELF_REGISTERING_INIT = '''"""The Example integration."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

from . import config_flow
from .const import DOMAIN


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up Example."""
    config_flow.OAuth2FlowHandler.async_register_implementation(
        hass,
        config_entry_oauth2_flow.LocalOAuth2Implementation(
            hass,
            DOMAIN,
            entry.data["client_id"],
            entry.data["client_secret"],
            "https://acme-api.io/a",
            "https://acme-api.io/t",
        ),
    )
    return True
'''


def manifest(domain: str = "example", dependencies: str = "", config_flow: str = "true") -> str:
    return MANIFEST % (domain, config_flow, dependencies)


def core_integration(root: Path, domain: str, files: dict[str, str]) -> Path:
    folder = root / "homeassistant" / "components" / domain
    write_tree(folder, files)
    return folder


def dc607(*paths: Path) -> list[str]:
    return [d.path for d in check_paths(*paths) if d.code == "DC607"]


def test_discovery_finds_an_integration_without_platform_module(tmp_path: Path) -> None:
    folder = make_integration(
        tmp_path,
        {
            "manifest.json": manifest(dependencies='"http", "application_credentials"'),
            "config_flow.py": PLAIN_FLOW,
        },
    )
    (integration,) = discover([str(tmp_path)], PROFILES).integrations
    assert integration.platforms == ()
    found = [d for d in check_paths(folder) if d.code == "DC607"]
    assert [d.path for d in found] == [str(folder / "manifest.json")]
    assert "saving credentials for it fails" in found[0].message


def test_an_oauth2_flow_without_platform_module_is_reported(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {"manifest.json": manifest()})  # the default flow
    (found,) = [d for d in check_paths(folder) if d.code == "DC607"]
    assert "missing_configuration" in found.message


def test_unrelated_integrations_are_not_discovered(tmp_path: Path) -> None:
    make_integration(tmp_path, {"manifest.json": manifest(), "config_flow.py": PLAIN_FLOW})
    assert discover([str(tmp_path)], PROFILES).integrations == ()


def test_a_core_integration_registering_its_implementation_in_init_is_silent(
    tmp_path: Path,
) -> None:
    folder = core_integration(
        tmp_path,
        "example",
        {
            "manifest.json": manifest(),
            "config_flow.py": CONFIG_FLOW,
            "const.py": CONST,
            "__init__.py": SELF_REGISTERING_INIT,
        },
    )
    assert [i.folder for i in discover([str(tmp_path)], PROFILES).integrations] == [str(folder)]
    assert check_paths(tmp_path) == []


def test_a_registration_in_another_module_counts(tmp_path: Path) -> None:
    oauth = SELF_REGISTERING_INIT.replace("async_setup_entry", "async_register")
    make_integration(tmp_path, {"manifest.json": manifest(), "oauth2.py": oauth})
    assert dc607(tmp_path) == []


def test_a_module_naming_a_registration_that_does_not_parse_makes_it_unknown(
    tmp_path: Path,
) -> None:
    broken = SELF_REGISTERING_INIT.replace("return True", "return (")
    make_integration(tmp_path, {"manifest.json": manifest(), "__init__.py": broken})
    assert dc607(tmp_path) == []


def test_a_flow_that_sets_its_implementation_itself_is_silent(tmp_path: Path) -> None:
    flow = CONFIG_FLOW + (
        "\n    async def async_step_user(self, user_input=None):\n"
        '        """Pick the built-in implementation."""\n'
        "        self.flow_impl = build_implementation(self.hass)\n"
        "        return await self.async_step_auth()\n"
    )
    make_integration(tmp_path, {"manifest.json": manifest(), "config_flow.py": flow})
    assert dc607(tmp_path) == []


def test_a_first_step_that_goes_on_to_pick_an_implementation_is_still_reported(
    tmp_path: Path,
) -> None:
    flow = CONFIG_FLOW + (
        "\n    async def async_step_user(self, user_input=None):\n"
        '        """Only one entry."""\n'
        "        await self.async_set_unique_id(DOMAIN)\n"
        "        return await self.async_step_pick_implementation(user_input)\n"
    )
    make_integration(tmp_path, {"manifest.json": manifest(), "config_flow.py": flow})
    assert len(dc607(tmp_path)) == 1


def test_the_component_itself_is_not_an_integration(tmp_path: Path) -> None:
    core_integration(
        tmp_path,
        "application_credentials",
        {
            "manifest.json": manifest("application_credentials", '"auth", "websocket_api"'),
            "__init__.py": '"""The component; its manifest names itself."""\n',
        },
    )
    assert discover([str(tmp_path)], PROFILES).integrations == ()
    assert check_paths(tmp_path / "homeassistant/components/application_credentials") == []


def test_a_misspelled_platform_module_is_dc101_not_dc607(tmp_path: Path) -> None:
    make_integration(
        tmp_path,
        {"application_credential.py": "async def async_get_authorization_server(hass): ...\n"},
    )
    found = {d.code for d in check_paths(tmp_path)}
    assert "DC101" in found and "DC607" not in found


def test_rules_for_platform_modules_stay_silent_without_one(tmp_path: Path) -> None:
    """No config_flow.py and no `"config_flow": true` (DC602), no OAuth2 flow (DC603),
    YAML credentials in __init__.py (DC606): only DC607 is said."""
    folder = make_integration(
        tmp_path,
        {
            "manifest.json": manifest(
                dependencies='"application_credentials"', config_flow="false"
            ),
            "__init__.py": (
                "import voluptuous as vol\n\nfrom homeassistant.const import CONF_CLIENT_ID, "
                "CONF_CLIENT_SECRET\n\nCONFIG_SCHEMA = vol.Schema({vol.Required(CONF_CLIENT_ID): "
                "str, vol.Required(CONF_CLIENT_SECRET): str})\n"
            ),
            "strings.json": '{"application_credentials": {"description": "See {url}."}}\n',
        },
    )
    (folder / "config_flow.py").unlink()
    assert [d.code for d in check_paths(folder)] == ["DC607"]


def test_the_platform_module_of_a_profile_not_enabled_counts(tmp_path: Path) -> None:
    make_integration(
        tmp_path,
        {"developer_credentials.py": "async def async_get_authorization_server(hass): ...\n"},
        profile="developer_credentials",
    )
    app_only = tuple(p for p in PROFILES if p.name == "application_credentials")
    assert discover([str(tmp_path)], app_only).integrations == ()


def _flow_with(methods: str, header: str = "") -> str:
    flow = CONFIG_FLOW.replace(
        "from .const import DOMAIN\n", f"from .const import DOMAIN\n{header}"
    )
    return flow + methods


@pytest.mark.parametrize(
    ("methods", "header"),
    [
        (
            "\n    async def async_step_user(self, user_input=None):\n"
            '        """One entry only, then Home Assistant\'s first step."""\n'
            "        await self.async_set_unique_id(DOMAIN)\n"
            "        return await super().async_step_user(user_input)\n",
            "",
        ),
        (
            "\n    async def async_step_pick_implementation(self, user_input=None):\n"
            '        """Log, then pick."""\n'
            "        self.logger.debug('picking')\n"
            "        return await super().async_step_pick_implementation(user_input)\n",
            "",
        ),
        (
            "\n    async def async_step_user(self, user_input=None):\n"
            '        """Ask for the region first."""\n'
            "        if user_input is None:\n"
            "            return self.async_show_form(step_id='user')\n"
            "        return await self.async_step_region(user_input)\n"
            "\n    async def async_step_region(self, user_input=None):\n"
            '        """Then pick."""\n'
            "        return await self.async_step_pick_implementation()\n",
            "",
        ),
        (
            "\n    async def async_step_user(self, user_input=None):\n"
            '        """Sign in, or enter a token."""\n'
            "        return self.async_show_menu(step_id='user', menu_options=['oauth', 'token'])\n"
            "\n    async def async_step_oauth(self, user_input=None):\n"
            '        """The OAuth2 sign-in."""\n'
            "        return await super().async_step_user(user_input)\n",
            "",
        ),
        (
            "\n    async def async_step_user(self, user_input=None):\n"
            '        """Show the terms, then sign in."""\n'
            "        return self.async_show_progress_done(next_step_id='sign_in')\n"
            "\n    async def async_step_sign_in(self, user_input=None):\n"
            '        """The OAuth2 sign-in."""\n'
            "        return await super().async_step_user(user_input)\n",
            "",
        ),
        ("", "from example_sdk import ExampleClient\nfrom .api import ExampleApi\n"),
    ],
    ids=[
        "super first step",
        "super pick step",
        "through another step",
        "through a menu option",
        "through next_step_id",
        "imports",
    ],
)
def test_a_flow_that_reaches_the_picker_is_reported(
    methods: str, header: str, tmp_path: Path
) -> None:
    files = {"manifest.json": manifest(), "config_flow.py": _flow_with(methods, header)}
    make_integration(tmp_path, {**files, "api.py": "class ExampleApi:\n    pass\n"})
    assert len(dc607(tmp_path)) == 1


@pytest.mark.parametrize(
    "methods",
    [
        "\n    async def async_step_pick_implementation(self, user_input=None):\n"
        '        """Always the built-in implementation."""\n'
        "        return await self.async_step_auth()\n",
        "\n    async def async_step_user(self, user_input=None):\n"
        '        """Ask for a token instead."""\n'
        "        return self.async_show_form(step_id='token')\n",
    ],
    ids=["own pick step", "first step that never picks"],
)
def test_a_flow_that_never_reaches_the_picker_is_silent(methods: str, tmp_path: Path) -> None:
    files = {"manifest.json": manifest(), "config_flow.py": _flow_with(methods)}
    make_integration(tmp_path, files)
    assert dc607(tmp_path) == []


def test_a_registration_of_a_literal_registers_nothing(tmp_path: Path) -> None:
    auth = (
        "from homeassistant.helpers import config_entry_oauth2_flow\n\n"
        "from .const import DOMAIN\n\n\n"
        "async def async_setup_auth(hass):\n"
        "    config_entry_oauth2_flow.async_register_implementation(hass, DOMAIN, 'example')\n"
    )
    make_integration(tmp_path, {"manifest.json": manifest(), "auth.py": auth})
    found = check_paths(tmp_path)
    assert [d.code for d in found if d.code in ("DC308", "DC607")] == ["DC308", "DC607"]


def test_a_manifest_naming_the_component_through_a_json_escape_is_discovered(
    tmp_path: Path,
) -> None:
    """The byte search cannot see ``"application\\u005fcredentials"``; the JSON reader can
    (found by the property test of the screens)."""
    escaped = manifest(dependencies='"application\\u005fcredentials"')
    make_integration(tmp_path, {"manifest.json": escaped, "config_flow.py": PLAIN_FLOW})
    assert len(dc607(tmp_path)) == 1


# A flow that picks its own implementation, and a set-up that looks it up ---------------------

OWN_PICK_STEP = (
    "\n    async def async_step_user(self, user_input=None):\n"
    '        """Use the vendor\'s app."""\n'
    "        self.flow_impl = build_implementation(self.hass)\n"
    "        return await self.async_step_auth()\n"
)


def dc607_with_own_pick(tmp_path: Path, init: str) -> list[Diagnostic]:
    """DC607's findings on an integration whose flow picks its own implementation, with
    ``init`` as its ``__init__.py``."""
    files = {
        "manifest.json": manifest(),
        "config_flow.py": _flow_with(OWN_PICK_STEP),
        "__init__.py": init,
    }
    make_integration(tmp_path, files)
    return [d for d in check_paths(tmp_path) if d.code == "DC607"]


LOOKUP_INIT = (
    '"""The Example integration."""\n\n'
    "%s\n\n\n"
    "async def async_setup_entry(hass, entry):\n"
    '    """Set up Example."""\n'
    "    implementation = await %s(hass, entry)\n"
    "    return implementation is not None\n"
)


@pytest.mark.parametrize(
    ("imports", "callee"),
    [
        (
            "from homeassistant.helpers import config_entry_oauth2_flow",
            "config_entry_oauth2_flow.async_get_config_entry_implementation",
        ),
        (
            "from homeassistant.helpers import config_entry_oauth2_flow as oauth2",
            "oauth2.async_get_config_entry_implementation",
        ),
        (
            "from homeassistant.helpers.config_entry_oauth2_flow import (\n"
            "    async_get_config_entry_implementation,\n)",
            "async_get_config_entry_implementation",
        ),
        (
            "import homeassistant.helpers.config_entry_oauth2_flow",
            "homeassistant.helpers.config_entry_oauth2_flow.async_get_config_entry_implementation",
        ),
    ],
    ids=["module", "module alias", "function", "dotted"],
)
def test_a_flow_picking_its_own_is_reported_when_set_up_looks_the_implementation_up(
    imports: str, callee: str, tmp_path: Path
) -> None:
    """The flow builds its implementation, but set-up asks Home Assistant for it: without a
    registration or the platform module the lookup raises, and set-up fails."""
    (found,) = dc607_with_own_pick(tmp_path, LOOKUP_INIT % (imports, callee))
    assert found.message.startswith("__init__.py:")
    assert "async_get_config_entry_implementation" in found.message


def test_an_own_function_of_the_lookups_name_is_not_the_lookup(tmp_path: Path) -> None:
    """A function the integration defines itself (it may build the implementation) is not
    Home Assistant's lookup."""
    init = LOOKUP_INIT % (
        "def async_get_config_entry_implementation(hass, entry):\n"
        "    return build_implementation(hass)",
        "async_get_config_entry_implementation",
    )
    assert dc607_with_own_pick(tmp_path, init) == []


def test_a_lookup_in_a_module_that_does_not_parse_is_unknown(tmp_path: Path) -> None:
    init = LOOKUP_INIT % (
        "from homeassistant.helpers import config_entry_oauth2_flow",
        "config_entry_oauth2_flow.async_get_config_entry_implementation",
    )
    broken = init.replace("return implementation", "return (implementation")
    assert dc607_with_own_pick(tmp_path, broken) == []


def test_flow_impl_set_on_reauthentication_only_does_not_pick_for_the_first_step(
    tmp_path: Path,
) -> None:
    """Setting ``flow_impl`` in a re-authentication step changes nothing about where the first
    step leads: Home Assistant's picker, with nothing to offer."""
    reauth = (
        "\n    async def async_step_reauth_confirm(self, user_input=None):\n"
        '        """Use the entry\'s implementation again."""\n'
        "        self.flow_impl = build_implementation(self.hass)\n"
        "        return await self.async_step_auth()\n"
    )
    make_integration(tmp_path, {"manifest.json": manifest(), "config_flow.py": _flow_with(reauth)})
    (found,) = [d for d in check_paths(tmp_path) if d.code == "DC607"]
    assert "missing_configuration" in found.message


def test_a_plain_config_flow_setting_flow_impl_still_picks_its_own(tmp_path: Path) -> None:
    """A flow of no OAuth2 class that sets ``flow_impl`` builds its implementation itself:
    silent while set-up never looks one up, reported when it does."""
    plain = PLAIN_FLOW + (
        "\n    async def async_step_user(self, user_input=None):\n"
        '        """Use the vendor\'s app."""\n'
        "        self.flow_impl = build_implementation(self.hass)\n"
        "        return await self.async_step_auth()\n"
    )
    files = {
        "manifest.json": manifest(dependencies='"application_credentials"'),
        "config_flow.py": plain,
    }
    make_integration(tmp_path, files)
    assert dc607(tmp_path) == []
    init = LOOKUP_INIT % (
        "from homeassistant.helpers import config_entry_oauth2_flow",
        "config_entry_oauth2_flow.async_get_config_entry_implementation",
    )
    (tmp_path / "custom_components" / "example" / "__init__.py").write_text(init, encoding="utf-8")
    assert len(dc607(tmp_path)) == 1


GUARDED_INIT = (
    '"""The Example integration."""\n\n'
    "import contextlib\n\n"
    "from homeassistant.helpers import config_entry_oauth2_flow\n\n\n"
    "async def async_setup_entry(hass, entry):\n"
    '    """Set up Example."""\n'
    "    implementation = None\n"
    "%s"
    "    return implementation is not None\n"
)
LOOKUP_CALL = "config_entry_oauth2_flow.async_get_config_entry_implementation(hass, entry)"


@pytest.mark.parametrize(
    ("body", "reported"),
    [
        (
            "    try:\n"
            f"        implementation = await {LOOKUP_CALL}\n"
            "    except ValueError:\n"
            "        implementation = build_implementation(hass)\n",
            False,
        ),
        (
            "    try:\n"
            f"        implementation = await {LOOKUP_CALL}\n"
            "    except (KeyError, config_entry_oauth2_flow.UnknownImplementationError):\n"
            "        implementation = build_implementation(hass)\n",
            False,
        ),
        (
            "    with contextlib.suppress(ValueError):\n"
            f"        implementation = await {LOOKUP_CALL}\n",
            False,
        ),
        (
            "    try:\n"
            f"        implementation = await {LOOKUP_CALL}\n"
            "    except KeyError:\n"
            "        implementation = build_implementation(hass)\n",
            True,
        ),
        (
            "    try:\n"
            "        implementation = build_implementation(hass)\n"
            "    except ValueError:\n"
            f"        implementation = await {LOOKUP_CALL}\n",
            True,
        ),
    ],
    ids=["except ValueError", "except its error", "suppress", "except KeyError", "in the handler"],
)
def test_a_lookup_whose_failure_set_up_catches_is_no_certain_failure(
    body: str, reported: bool, tmp_path: Path
) -> None:
    """A set-up that catches the failed lookup may go on without it (it builds the
    implementation itself): only a lookup nothing catches fails set-up for certain."""
    assert len(dc607_with_own_pick(tmp_path, GUARDED_INIT % body)) == int(reported)


@pytest.mark.parametrize(
    "registration",
    [
        # Home Assistant's registry written directly.
        "    hass.data.setdefault(config_entry_oauth2_flow.DATA_IMPLEMENTATIONS, {}).setdefault(\n"
        "        'example', {}\n    )['example'] = build_implementation(hass)\n",
        # A helper of a third-party package that is given hass (what it registers is unseen).
        "    await acme_api.homeassistant.async_setup_oauth(hass)\n",
    ],
    ids=["hass.data registry", "package helper"],
)
def test_a_registration_that_cannot_be_seen_keeps_the_lookup_unknown(
    registration: str, tmp_path: Path
) -> None:
    init = (GUARDED_INIT % (registration + f"    implementation = await {LOOKUP_CALL}\n")).replace(
        "import contextlib\n", "import contextlib\n\nimport acme_api.homeassistant\n"
    )
    assert dc607_with_own_pick(tmp_path, init) == []
