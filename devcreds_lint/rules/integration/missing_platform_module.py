"""DC607: an integration that needs a platform module has none, and offers no implementation
itself."""

from __future__ import annotations

from devcreds_lint.contracts import CONFIG_FLOW, FLOW_PICK_STEP, MANIFEST, PROFILES, Profile
from devcreds_lint.discovery import is_component
from devcreds_lint.facts.flows import Known, registers_implementation
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.lookups import hands_hass_to_a_package, implementation_lookup
from devcreds_lint.parsing.reading import SourceText
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import (
    GOOD_SERVER,
    MANIFEST_TEMPLATE,
    MANIFEST_WITHOUT_DEPENDENCY,
)

_DEPENDS = MANIFEST_TEMPLATE % "application_credentials"

_OWN_PICK_FLOW = '''"""Config flow for Example."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    """Handle the OAuth2 flow with the vendor's app."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)

    async def async_step_user(self, user_input=None):
        """Use the vendor's app instead of the credentials dialog."""
        self.flow_impl = config_entry_oauth2_flow.LocalOAuth2Implementation(
            self.hass,
            DOMAIN,
            "acme-home",
            "",
            "https://acme-api.io/authorize",
            "https://acme-api.io/token",
        )
        return await self.async_step_auth()
'''

_SETUP = '''"""The Example integration."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


def _implementation(hass: HomeAssistant, entry: ConfigEntry):
    """The vendor's app, as the flow built it."""
    return config_entry_oauth2_flow.LocalOAuth2Implementation(
        hass,
        DOMAIN,
        "acme-home",
        "",
        "https://acme-api.io/authorize",
        "https://acme-api.io/token",
    )


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up Example from a config entry."""
    implementation = %s
    session = config_entry_oauth2_flow.OAuth2Session(hass, entry, implementation)
    entry.runtime_data = session
    return True
'''


class MissingPlatformModule(Rule):
    code = "DC607"
    name = "missing-platform-module"
    summary = (
        "The manifest depends on the credentials component, or `config_flow.py` defines an "
        "OAuth2 flow handler, but the integration has no platform module and registers no "
        "implementation itself."
    )
    why = (
        "Home Assistant asks an integration for its OAuth2 implementation through its "
        "platform module (`application_credentials.py`). Without one, and without an "
        "implementation the integration registers itself (`async_register_implementation` or "
        "`async_add_implementation_provider`), the credentials dialog has nothing to offer: "
        "saving credentials for the integration fails, and its OAuth2 config flow aborts with "
        "`missing_configuration`. A misspelled platform module is DC101. A registration of a "
        'literal (`async_register_implementation(hass, DOMAIN, "name")`) registers '
        "nothing (DC308 reports it). A flow that picks its implementation itself needs "
        "none from Home Assistant: no path from its `async_step_user` reaches Home "
        f"Assistant's picker (a step reaches it when it, or a `self.async_step_*()` it calls "
        "or a step it hands on to by `async_show_menu(menu_options=[...])` or "
        f"`next_step_id=`, calls `super().{FLOW_PICK_STEP}(...)`, `super().async_step_user(...)` or "
        f"a `self.{FLOW_PICK_STEP}(...)` the class does not override; a step that sets "
        "`flow_impl` and goes on to `async_step_auth` does not). Such an integration is still "
        "reported when any of its modules looks the config entry's implementation up at "
        "set-up with `async_get_config_entry_implementation`: that finds only registered "
        "implementations and the platform module's, so set-up fails (not where a `try` "
        "catching its failure, or `contextlib.suppress`, encloses it, nor where a module "
        "hands `hass` to a third-party package's function, which may register one). Silent "
        "where a module writes Home Assistant's registry itself (`DATA_IMPLEMENTATIONS`), "
        "and when a module "
        "that names a registration function or the lookup does not parse, or a step is "
        "inherited from a base that cannot be followed."
    )
    VALID = (
        GOOD_SERVER,
        Example(
            files={
                "__init__.py": '''"""The Example integration."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

from .config_flow import OAuth2FlowHandler
from .const import DOMAIN


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up Example from a config entry."""
    OAuth2FlowHandler.async_register_implementation(
        hass,
        config_entry_oauth2_flow.LocalOAuth2Implementation(
            hass,
            DOMAIN,
            entry.data["client_id"],
            entry.data["client_secret"],
            "https://acme-api.io/authorize",
            "https://acme-api.io/token",
        ),
    )
    return True
''',
                MANIFEST: MANIFEST_WITHOUT_DEPENDENCY,
            },
            title="registers its own implementation",
        ),
        Example(
            files={
                MANIFEST: _DEPENDS,
                CONFIG_FLOW: _OWN_PICK_FLOW,
                "__init__.py": _SETUP % "_implementation(hass, entry)",
            },
            title="the flow builds its implementation, and set-up builds it again",
        ),
    )
    INVALID = (
        Example(
            files={
                MANIFEST: _DEPENDS,
                CONFIG_FLOW: '''"""Config flow for Example."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)
''',
            },
            at="1:1-1:1",
        ),
        Example(
            files={
                MANIFEST: MANIFEST_WITHOUT_DEPENDENCY,
            },
            at="1:1-1:1",
            title="an OAuth2 flow, no dependency",
        ),
        Example(
            files={
                MANIFEST: _DEPENDS,
                CONFIG_FLOW: _OWN_PICK_FLOW,
                "__init__.py": _SETUP
                % "await config_entry_oauth2_flow.async_get_config_entry_implementation(\n"
                "        hass, entry\n    )",
            },
            at="1:1-1:1",
            title="the flow builds its implementation, set-up looks it up",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        manifest = ctx.manifest
        path = ctx.integration.manifest
        if ctx.platforms or not isinstance(manifest, dict) or path is None:
            return
        if any(p.platform_file in ctx.integration.names for p in PROFILES):
            return  # the platform module of a profile that is not enabled
        if is_component(ctx.integration.folder) or any(
            manifest.get("domain") == p.manifest_dependency for p in PROFILES
        ):
            return  # the credentials component itself
        dependencies = manifest.get("dependencies", [])
        listed = [p for p in ctx.profiles if p.manifest_dependency in dependencies]
        flow = ctx.flow
        handlers = flow.handlers if flow is not None else ()
        if not listed and not handlers:
            return
        if CONFIG_FLOW in ctx.integration.names and flow is None:
            return  # config_flow.py does not parse: what the flow does is unknown
        texts = self._module_texts(ctx)
        if texts is None or any(registers_implementation(t) is not Known.NO for _, t in texts):
            return  # it registers one itself, or what a module does is unknown
        lookup: tuple[str, int] | None = None
        if flow is not None and flow.picks_implementation() is not Known.NO:
            # The flow picks its own implementation; set-up may still look it up.
            lookup = _first_lookup(texts)
            if lookup is None:
                return
        platform = " or ".join(p.platform_file for p in (listed or ctx.profiles))
        domain = manifest.get("domain") or ctx.integration.domain
        if lookup is not None:
            name, line = lookup
            self.report_file(
                path,
                f"{name}:{line} looks the config entry's implementation up "
                "(`async_get_config_entry_implementation`), but the integration has no "
                f"{platform} and registers no implementation itself: the lookup finds "
                f"nothing, and setting up {domain} fails",
            )
            return
        if handlers:
            self.report_file(
                path,
                f"`{handlers[0].name}` in config_flow.py is an OAuth2 flow, but the integration "
                f"has no {platform} and registers no implementation itself: the credentials "
                f"dialog has nothing to offer for {domain}, and the flow aborts with "
                "`missing_configuration`",
            )
            return
        component = _names(listed)
        self.report_file(
            path,
            f"manifest.json lists {component} in `dependencies`, but the integration has no "
            f"{platform} and registers no implementation itself: Home Assistant offers {domain} "
            "in the credentials dialog, and saving credentials for it fails",
        )

    def _module_texts(self, ctx: IntegrationFacts) -> list[tuple[str, str]] | None:
        """(name, text) of the integration's modules: top-level, then those of its
        sub-packages (``api/auth.py``); None when one cannot be read, or the listing of
        sub-packages stopped at its bounds (what the others do is unknown)."""
        if not ctx.integration.packages_complete:
            return None
        texts: list[tuple[str, str]] = []
        for name in ctx.integration.modules:
            source = ctx.sibling(name)
            if isinstance(source, SourceText):
                texts.append((name, source.text))
            elif source is not None:
                return None
        return texts


def _first_lookup(texts: list[tuple[str, str]]) -> tuple[str, int] | None:
    """(module, line) of the first call of Home Assistant's
    ``async_get_config_entry_implementation`` that no ``try`` catching its failure encloses;
    None when there is none, when a module that may call it does not parse, or when a module
    hands ``hass`` to a third-party package's function (it may register the implementation
    the flow picked: unknown)."""
    found: tuple[str, int] | None = None
    for name, text in texts:
        lookup = implementation_lookup(text)
        if lookup.known is Known.UNKNOWN:
            return None
        if found is None and lookup.line is not None:
            found = (name, lookup.line)
    if found is None or any(hands_hass_to_a_package(t) is not Known.NO for _, t in texts):
        return None
    return found


def _names(profiles: list[Profile]) -> str:
    return " and ".join(f'"{p.manifest_dependency}"' for p in profiles)
