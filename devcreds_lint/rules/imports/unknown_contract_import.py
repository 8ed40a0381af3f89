"""DC403 unknown-contract-import: ``from <component> import X`` where the component defines
no ``X``."""

from __future__ import annotations

from devcreds_lint.component_names import APPLICATION_CREDENTIALS_VERSIONS
from devcreds_lint.contracts import INTEGRATION_FILES, Profile
from devcreds_lint.facts.component_imports import UnknownImport, component_tables, unknown_imports
from devcreds_lint.facts.edits import replace_node
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.scopes import module_level_uses
from devcreds_lint.facts.siblings import may_import_unknown
from devcreds_lint.model import Edit, Fix, FixAvailability, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER

# The integration's other Python modules that are checked too (the cache keys on these).
OTHER_MODULES = tuple(n for n in INTEGRATION_FILES if n.endswith(".py"))

_VERSIONS = " and ".join(APPLICATION_CREDENTIALS_VERSIONS)


class UnknownContractImport(Rule):
    code = "DC403"
    fix = FixAvailability.SOMETIMES
    name = "unknown-contract-import"
    summary = "A name is imported from the credential component, which defines no such name."
    why = (
        "In the platform module, Home Assistant catches the `ImportError` and silently treats "
        "the integration as having no platform: the credentials dialog never offers it and "
        "nothing is logged where users look. In `__init__.py` or `config_flow.py` the same "
        "import stops the whole integration from loading, which is worse, so those modules "
        "are checked too (they import `async_import_client_credential`, `ClientCredential` "
        "and the component's constants from the same place). What a component defines is "
        "data: for `application_credentials`, every name its module binds (definitions, "
        "assignments and imports: what `from ... import X` finds, not `__all__`) in Home "
        f"Assistant {_VERSIONS}, generated from Home Assistant's own code; for "
        "`developer_credentials`, the draft document's `AuthorizationServer` and "
        "`DeveloperCredential`. A name defined in only one of those versions is not "
        "reported. An import inside `try` (the author expects it may fail) or under "
        "`if TYPE_CHECKING` (never runs) is not reported either. A contract name imported "
        "from another module than its home is DC402's finding, not this one's."
    )
    fix_safety = (
        "Safe when the name is a near miss of exactly one name the component defines: the "
        "imported name is renamed, and, when the import has no `as`, every use in the module "
        "that resolves to it (a local of the same name in another scope is left alone). "
        "Without `as`, no fix when the new name is already bound in the module or the import "
        "is inside a function or class."
    )
    VALID = (
        GOOD_SERVER,
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import (
    AuthImplementation,
    AuthorizationServer,
    ClientCredential,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return the auth implementation."""
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
            },
            title="AuthImplementation is importable though not in __all__",
        ),
    )
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationSever
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            title="a near miss: renamed, and DC401 stays silent",
            fixed={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            at="3:62-3:80",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import ClientCredentials
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

from .api import ExampleImplementation


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredentials
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return the auth implementation."""
    return ExampleImplementation(hass, auth_domain, credential)


def describe(credential: ClientCredentials) -> str:
    """A parameter of the same name as a local is another binding."""
    ClientCredentials = type(credential)
    return ClientCredentials.__name__
'''
            },
            title="uses are renamed, a local of the same name is not",
            fixed={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import ClientCredential
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

from .api import ExampleImplementation


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return the auth implementation."""
    return ExampleImplementation(hass, auth_domain, credential)


def describe(credential: ClientCredential) -> str:
    """A parameter of the same name as a local is another binding."""
    ClientCredentials = type(credential)
    return ClientCredentials.__name__
'''
            },
            at="3:62-3:79",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import (
    AuthorizationServer,
    async_register_authorization_server,
)
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            title="no near miss: reported, no fix",
            at="5:5-5:40",
        ),
        Example(
            files={
                APP: GOOD_SERVER,
                "__init__.py": '''"""The Example integration."""

from homeassistant.components.application_credentials import DATA_STORAGE
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up Example from a config entry."""
    hass.data.setdefault(DATA_STORAGE, {})
    return True
''',
            },
            title="in __init__.py the whole integration fails to load",
            at="3:62-3:74",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        tables = component_tables(ctx.profiles)
        if not tables:
            return
        for module in ctx.parsed_platforms:
            for unknown in unknown_imports(module, ctx.profiles, platform=True):
                self._report(module, unknown, platform=True)
        platform_paths = {p.path for p in ctx.platforms}
        for name in OTHER_MODULES:
            path = ctx.integration.sibling(name)
            if path is None or path in platform_paths:
                continue
            text = ctx.sibling_text(name)
            # A byte search first: most modules never name the component, and need no parse.
            if text is None or not any(component in text for component in tables):
                continue
            if not may_import_unknown(text, tables):
                continue  # Python's parser shows every import from the component is known
            other = ctx.python_module(name)
            if other is None:
                continue
            for unknown in unknown_imports(other, ctx.profiles, platform=False):
                self._report(other, unknown, platform=False)

    def _report(self, module: ModuleFacts, unknown: UnknownImport, *, platform: bool) -> None:
        name, component = unknown.name, unknown.component
        consequence = (
            "Home Assistant treats the integration as having no platform"
            if platform
            else "the integration fails to load"
        )
        hint = _hint(unknown, module.profile, platform)
        self.report(
            module,
            unknown.imported.alias.name,
            f"`{component}` defines no `{name}` (the import fails and {consequence}){hint}",
            fix=_rename(module, unknown),
        )


def _hint(unknown: UnknownImport, profile: Profile, platform: bool) -> str:
    name = unknown.name
    home = profile.home_of(name)
    if home is not None and not platform:
        return f"; import it from `{home}`"
    if unknown.near is not None:
        return f"; did you mean `{unknown.near}`?"
    if profile.hook(name) is not None:
        return "; it is a hook the platform module defines, not a name the component provides"
    if unknown.closest is not None:
        return f"; the closest name it defines is `{unknown.closest}`"
    return ""


def _rename(module: ModuleFacts, unknown: UnknownImport) -> Fix | None:
    new, old = unknown.near, unknown.name
    alias = unknown.imported.alias
    if new is None or module.profile.home_of(old) is not None:
        return None  # no single candidate, or a contract name from the wrong module
    edits: list[Edit] = [replace_node(module, alias.name, new)]
    if alias.asname is None:
        # The rename changes the bound name: only safe for a module-level binding, and
        # when nothing else binds the new name.
        if not unknown.module_level or new in module.index.bindings:
            return None
        # The import binds the name: what resolves to that binding is renamed with it.
        edits += [replace_node(module, use, new) for use in module_level_uses(module, old)]
    return safe_fix(f"Import `{new}` instead of `{old}`", *edits)
