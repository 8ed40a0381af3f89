"""DC601: ``manifest.json`` does not depend on the credentials component."""

from __future__ import annotations

from devcreds_lint.contracts import Profile
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.manifest_edit import add_dependency
from devcreds_lint.model import Edit, FixAvailability, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import (
    APP,
    GOOD_SERVER,
    MANIFEST_TEMPLATE,
    MANIFEST_WITHOUT_DEPENDENCY,
)
from devcreds_lint.text import location_in


class MissingManifestDependency(Rule):
    code = "DC601"
    fix = FixAvailability.ALWAYS
    name = "missing-manifest-dependency"
    summary = "`manifest.json` does not list the credentials component in `dependencies`."
    why = (
        "Home Assistant sets up `application_credentials` (or `developer_credentials`) "
        "before an integration only when the manifest depends on it. Without it the "
        "credentials UI and the platform's hooks are not wired up, and setup fails."
    )
    fix_safety = (
        "Safe: the component is added to `dependencies` (or the key is added, in sorted "
        "place), keeping the file's indentation, key order and line endings."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={APP: GOOD_SERVER, "manifest.json": MANIFEST_WITHOUT_DEPENDENCY},
            fixed={"manifest.json": MANIFEST_TEMPLATE % "application_credentials"},
            at="1:1-1:1",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
''',
                "manifest.json": """{
  "domain": "example",
  "name": "Example",
  "codeowners": [],
  "config_flow": true,
  "dependencies": [
    "http"
  ],
  "documentation": "https://acme-api.io",
  "iot_class": "cloud_polling"
}
""",
            },
            fixed={
                "manifest.json": """{
  "domain": "example",
  "name": "Example",
  "codeowners": [],
  "config_flow": true,
  "dependencies": [
    "http",
    "application_credentials"
  ],
  "documentation": "https://acme-api.io",
  "iot_class": "cloud_polling"
}
"""
            },
            at="1:1-1:1",
            title="an existing multi-line list",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        manifest = ctx.manifest
        path = ctx.integration.manifest
        if not isinstance(manifest, dict) or path is None:
            return
        dependencies = manifest.get("dependencies", [])
        text = ctx.sibling_text("manifest.json") or ""
        for profile in _profiles_in_use(ctx):
            wanted = profile.manifest_dependency
            if wanted in dependencies:
                continue
            fix = None
            change = add_dependency(text, wanted)
            if change is not None:
                start, end, content = change
                edit = Edit(location_in(text, start), location_in(text, end), content)
                fix = safe_fix(f'Add "{wanted}" to `dependencies`', edit)
            self.report_file(
                path,
                f'manifest.json does not list "{wanted}" in `dependencies`; Home Assistant '
                f"will not set up {profile.platform_file} without it",
                fix=fix,
            )


def _profiles_in_use(ctx: IntegrationFacts) -> list[Profile]:
    """The profiles of the integration's platform modules, each once, in order."""
    seen: list[Profile] = []
    for module in ctx.platforms:
        if module.profile not in seen:
            seen.append(module.profile)
    return seen
