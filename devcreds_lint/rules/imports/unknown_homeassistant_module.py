"""DC405 unknown-homeassistant-module: an import of a ``homeassistant.helpers`` or credential
component module that Home Assistant does not have."""

from __future__ import annotations

import re
from collections.abc import Callable

from devcreds_lint.component_names import APPLICATION_CREDENTIALS_VERSIONS, HOMEASSISTANT_MODULES
from devcreds_lint.contracts import CONFIG_FLOW, PROFILES
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module_imports import ModuleImport, absolute_imports
from devcreds_lint.model import Edit, FixAvailability, safe_fix
from devcreds_lint.naming import near_miss
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP

_HELPERS = "homeassistant.helpers"
# A module below homeassistant.helpers or a profile component, however the dots are spaced
# or continued: a text holding none imports nothing this rule reads (the profile components
# themselves, and homeassistant.helpers, are known).
_DOT = r"(?:\s|\\)*\.(?:\s|\\)*"
_SUBMODULE = re.compile(
    "homeassistant"
    + _DOT
    + "(?:helpers|components"
    + _DOT
    + "(?:"
    + "|".join(sorted({p.component.rsplit(".", 1)[-1] for p in PROFILES}))
    + "))"
    + _DOT
)
_VERSIONS = " and ".join(APPLICATION_CREDENTIALS_VERSIONS)

_GOOD = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import (
    AuthImplementation,
    AuthorizationServer,
    ClientCredential,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.config_entry_oauth2_flow import AbstractOAuth2Implementation


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> AbstractOAuth2Implementation:
    """Return the implementation."""
    return AuthImplementation(
        hass,
        auth_domain,
        credential,
        AuthorizationServer(
            authorize_url="https://acme-api.io/authorize",
            token_url="https://acme-api.io/token",
        ),
    )
'''

_FLOW = '''"""Config flow for Example."""

import logging

from homeassistant.helpers.config_entry_oauth2_flow import AbstractOAuth2FlowHandler

from .const import DOMAIN


class OAuth2FlowHandler(AbstractOAuth2FlowHandler, domain=DOMAIN):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)
'''

_INIT = '''"""The Example integration."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.application_credentials import (
    ClientCredential,
    async_import_client_credential,
)

from .const import DOMAIN


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up Example, importing the credentials of its YAML configuration."""
    if "client_id" in entry.data:
        await async_import_client_credential(
            hass, DOMAIN, ClientCredential(entry.data["client_id"], entry.data["client_secret"])
        )
    return True
'''


class UnknownHomeassistantModule(Rule):
    code = "DC405"
    name = "unknown-homeassistant-module"
    fix = FixAvailability.SOMETIMES
    summary = (
        "An import of a `homeassistant.helpers.*` or credential component module that Home "
        "Assistant does not have."
    )
    why = (
        "Home Assistant imports the platform module when it loads the integration's "
        "credentials; an import of a module that does not exist "
        "(`homeassistant.helpers.application_credentials`, "
        "`homeassistant.helpers.config_entry_oauth_flow`) raises `ModuleNotFoundError`, "
        "which Home Assistant catches: the platform is silently dropped, and in "
        "`__init__.py` or `config_flow.py` the whole integration fails to load. The modules "
        "that exist are data, generated from Home Assistant's own packages (the union over "
        f"{_VERSIONS}), plus the profile components themselves. Read in the platform "
        "modules, `__init__.py`, `config_flow.py` and the other modules that hold "
        "credentials (DC501's). Imports in a `try` or under `if TYPE_CHECKING` are not "
        "reported, nor an import of contract names that DC402 moves to their home, nor a "
        "line DC102 explains."
    )
    fix_safety = "Safe when the module's name is a near miss of exactly one that exists."
    VALID = (_GOOD,)
    INVALID = (
        Example(
            files={APP: _GOOD, CONFIG_FLOW: _FLOW.replace("oauth2_flow", "oath2_flow")},
            fixed={CONFIG_FLOW: _FLOW},
            at="5:6-5:51",
            title="a near miss, in config_flow.py",
        ),
        Example(
            files={APP: _GOOD, "__init__.py": _INIT},
            at="5:6-5:51",
            title="a module Home Assistant never had, in __init__.py",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        components = {p.component for p in PROFILES}
        known = HOMEASSISTANT_MODULES | components
        for path, text, platform in ctx.import_checked_modules():
            if not _SUBMODULE.search(text):
                continue  # a text search first: most modules import no module below them
            repaired = platform.repaired_rows if platform is not None else frozenset()
            for imported in absolute_imports(text):
                module = imported.module
                if module in known or imported.guarded or imported.statement_row in repaired:
                    continue
                if not (
                    module == _HELPERS
                    or module.startswith(_HELPERS + ".")
                    or any(module.startswith(c + ".") for c in components)
                ):
                    continue
                if platform is not None and _moved_by_dc402(imported, platform.profile.home_of):
                    continue
                near = near_miss(module, sorted(known))
                hint = f"; did you mean `{near}`?" if near else ""
                fix = (
                    safe_fix(f"Import from `{near}`", Edit(imported.start, imported.end, near))
                    if near
                    else None
                )
                self.report_at(
                    path,
                    imported.start,
                    imported.end,
                    f"Home Assistant has no module `{module}` (checked against {_VERSIONS}): "
                    f"the import fails and the module is silently dropped{hint}",
                    fix=fix,
                )


def _moved_by_dc402(imported: ModuleImport, home_of: Callable[[str], str | None]) -> bool:
    """Whether every name the import takes is a contract name whose home is elsewhere: DC402
    moves them all, and that is the one finding."""
    homes = [home_of(n) for n in imported.names]
    return bool(homes) and all(h is not None and h != imported.module for h in homes)
