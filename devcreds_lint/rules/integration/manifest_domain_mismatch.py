"""DC609 manifest-domain-mismatch: ``manifest.json``'s ``domain`` differs from the folder's
name."""

from __future__ import annotations

import os

from devcreds_lint.contracts import MANIFEST
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER, MANIFEST_TEMPLATE

# The folders Home Assistant loads integrations from, by their parents' names.
_LOADED_FROM = (("custom_components",), ("homeassistant", "components"))

_MANIFEST = MANIFEST_TEMPLATE % "application_credentials"


class ManifestDomainMismatch(Rule):
    code = "DC609"
    name = "manifest-domain-mismatch"
    summary = "`manifest.json`'s `domain` differs from the integration folder's name."
    why = (
        "Home Assistant loads an integration by its folder's name "
        "(`custom_components/<domain>/`) and refuses one whose manifest names another "
        "domain, so neither its config flow nor its platform module is ever used. It "
        "happens when an integration is renamed or copied from another one. Only folders "
        "Home Assistant loads from are checked (under `custom_components/` or "
        "`homeassistant/components/`): a repository that keeps the integration at its root "
        "is copied into place by its installer under the manifest's domain."
    )
    VALID = (Example(files={APP: GOOD_SERVER, MANIFEST: _MANIFEST}),)
    INVALID = (
        Example(
            files={
                APP: GOOD_SERVER,
                MANIFEST: _MANIFEST.replace('"domain": "example"', '"domain": "example_cloud"'),
            },
            at="1:1-1:1",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        manifest = ctx.manifest
        path = ctx.integration.manifest
        if not isinstance(manifest, dict) or path is None:
            return
        domain = manifest.get("domain")
        if not isinstance(domain, str):
            return
        folder = os.path.normpath(os.path.abspath(ctx.integration.folder)).split(os.sep)
        if not any(tuple(folder[-1 - len(p) : -1]) == p for p in _LOADED_FROM):
            return
        if domain != folder[-1]:
            self.report_file(
                path,
                f"manifest.json names the domain `{domain}`, but the integration's folder is "
                f"`{folder[-1]}`: Home Assistant loads it by the folder's name and refuses "
                "the mismatched domain",
            )
