"""DC101 misspelled-platform-file: the platform file's name is a near miss; the fix renames it."""

from __future__ import annotations

import os

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import FILE_START, Applicability, Fix, FixAvailability, Rename
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER, MANIFEST_TEMPLATE
from devcreds_lint.text import first_line_end


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
        "Safe: the file is renamed; never over an existing file. The new name is the platform "
        "file of the profile that the manifest's `dependencies` and the file's own imports "
        "name (read as text, so also when the file does not parse), else of the file name "
        "itself: `developer_credential.py` importing from `application_credentials` in an "
        "integration that depends on it becomes `application_credentials.py`. Unsafe when "
        "the manifest or the imports name another profile than the target. Imports of the "
        "old module name elsewhere would need the same change (platform modules are not "
        "imported by other code in practice)."
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
            at="1:1-1:52",
        ),
        Example(
            files={"developer_credential.py": GOOD_SERVER},
            fixed={"developer_credential.py": None, APP: GOOD_SERVER},
            at="1:1-1:52",
            title="the profile the manifest and the imports name, not the file name's",
        ),
        Example(
            files={
                "manifest.json": MANIFEST_TEMPLATE % "application_credentials",
                "developer_credential.py": GOOD_SERVER.replace(
                    "application_credentials", "developer_credentials"
                ),
            },
            fixed={
                "developer_credential.py": None,
                "developer_credentials.py": GOOD_SERVER.replace(
                    "application_credentials", "developer_credentials"
                ),
            },
            unsafe=True,
            at="1:1-1:52",
            title="unsafe: the manifest names another profile than the imports",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module in ctx.platforms:
            if not module.platform.misspelled:
                continue
            wanted = module.profile.platform_file
            actual = os.path.basename(module.path)
            self.report_at(
                module.path,
                FILE_START,
                first_line_end(module.original_text),
                f"`{actual}` is never loaded by Home Assistant; the {module.profile.name} platform "
                f"must be named `{wanted}`",
                fix=_rename(wanted, module.platform.unsafe_rename),
            )


def _rename(wanted: str, unsafe: bool) -> Fix:
    """The rename; unsafe when the manifest or the imports name another profile."""
    if unsafe:
        return Fix(
            Applicability.UNSAFE,
            f"Rename to `{wanted}` (the manifest or the imports name another platform)",
            rename=Rename(wanted),
        )
    return Fix(Applicability.SAFE, f"Rename to `{wanted}`", rename=Rename(wanted))
