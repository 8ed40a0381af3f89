"""DC101 misspelled-platform-file: the platform file's name is a near miss; the fix renames it."""

from __future__ import annotations

import os

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import FixAvailability, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class MisspelledPlatformFile(Rule):
    code = "DC101"
    fix = FixAvailability.ALWAYS
    name = "misspelled-platform-file"
    summary = (
        "A file's name is a near miss of the platform file name, and the right file is absent."
    )
    why = (
        "Home Assistant imports the platform by its exact module name. "
        "`developer_credentails.py` or `application_credential.py` is never loaded, so the "
        "integration silently has no credentials platform."
    )
    fix_safety = (
        "Safe: the file is renamed; never over an existing file. Imports of the old module "
        "name elsewhere would need the same change (platform modules are not imported by "
        "other code in practice)."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                "application_credential.py": '''"""Application credentials platform for Example."""

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
            fixed={"application_credential.py": None, APP: GOOD_SERVER},
            at="1:1-1:1",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx in ctx.platforms:
            if not pctx.platform.misspelled:
                continue
            wanted = pctx.profile.platform_file
            actual = os.path.basename(pctx.path)
            self.report_file(
                pctx.path,
                f"`{actual}` is never loaded by Home Assistant; the {pctx.profile.name} platform "
                f"must be named `{wanted}`",
                fix=safe_fix(f"Rename to `{wanted}`", rename=wanted),
            )
