"""DC404 own-integration-import: a custom integration imports from
``homeassistant.components.<its own domain>``."""

from __future__ import annotations

import os

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module_imports import ModuleImport, absolute_imports, defined_names
from devcreds_lint.model import Edit, Fix, FixAvailability, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP

_CUSTOM = "custom_components"
_CORE = "homeassistant.components"

_PLATFORM = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant

from .const import OAUTH2_AUTHORIZE, OAUTH2_TOKEN


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(authorize_url=OAUTH2_AUTHORIZE, token_url=OAUTH2_TOKEN)
'''

_CONST = '''"""Constants for Example."""

DOMAIN = "example"
OAUTH2_AUTHORIZE = "https://acme-api.io/authorize"
OAUTH2_TOKEN = "https://acme-api.io/token"
'''


class OwnIntegrationImport(Rule):
    code = "DC404"
    name = "own-integration-import"
    fix = FixAvailability.SOMETIMES
    summary = (
        "A custom integration imports from `homeassistant.components.<its own domain>` "
        "instead of from its own modules."
    )
    why = (
        "A custom integration lives in `custom_components/<domain>/`; "
        "`homeassistant.components.<domain>` is Home Assistant's package of that name: "
        "absent, or the core integration the custom one replaces. The import fails (or "
        "reads another integration's constants), so the platform module is not loaded and "
        "Home Assistant silently treats the integration as having none. It usually comes "
        "from code first written for Home Assistant core. Read in the same modules as "
        "DC405: the platform modules, `__init__.py`, `config_flow.py` and the other modules "
        "that hold credentials. The domain is the folder's name."
    )
    fix_safety = (
        "Safe when every imported name is defined at the top level of the integration's own "
        "module (`from homeassistant.components.example.const import DOMAIN` becomes `from "
        ".const import DOMAIN`); otherwise no fix."
    )
    VALID = (Example(files={APP: _PLATFORM, "const.py": _CONST}),)
    INVALID = (
        Example(
            files={
                APP: _PLATFORM.replace(
                    "from .const", "from homeassistant.components.example.const"
                ),
                "const.py": _CONST,
            },
            fixed={APP: _PLATFORM},
            at="6:6-6:44",
        ),
        Example(
            files={
                APP: _PLATFORM.replace("from .const", "from homeassistant.components.example.api"),
                "const.py": _CONST,
            },
            at="6:6-6:42",
            title="no module of that name in the integration: no fix",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        folder = os.path.normpath(os.path.abspath(ctx.integration.folder))
        if os.path.basename(os.path.dirname(folder)) != _CUSTOM:
            return
        own = f"{_CORE}.{ctx.integration.domain}"
        for path, text, _platform in ctx.import_checked_modules():
            if own not in text:
                continue  # a byte search first
            for imported in absolute_imports(text):
                module = imported.module
                if module != own and not module.startswith(own + "."):
                    continue
                rest = module[len(own) + 1 :]
                self.report_at(
                    path,
                    imported.start,
                    imported.end,
                    f"`{module}` is Home Assistant's package, not this custom integration: "
                    f"the import fails (or reads the core integration's module) and the "
                    f"module is not loaded; import from the integration itself "
                    f"(`from .{rest} import ...`)",
                    fix=_relative(ctx, imported, rest),
                )


def _relative(ctx: IntegrationFacts, imported: ModuleImport, rest: str) -> Fix | None:
    """The relative import, when every name it takes is defined in the own module."""
    if not imported.names or "*" in imported.names or "." in rest:
        return None
    file = f"{rest}.py" if rest else "__init__.py"
    text = ctx.module_text(file) if file in ctx.integration.names else None
    defined = defined_names(text) if text is not None else None
    if defined is None or not set(imported.names) <= defined:
        return None
    return safe_fix(f"Import from `.{rest}`", Edit(imported.start, imported.end, f".{rest}"))
