"""DC201 missing-platform-hook: the platform module defines none of the required hooks."""

from __future__ import annotations

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import Location
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class MissingPlatformHook(Rule):
    code = "DC201"
    name = "missing-platform-hook"
    summary = "The platform module defines none of the hooks Home Assistant requires."
    why = (
        "Home Assistant looks the hook up by name on the module. Without "
        "`async_get_authorization_server` (or, for application credentials, "
        "`async_get_auth_implementation`) the integration cannot build an OAuth2 "
        "implementation from the user's credentials, and setup fails."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Platform without hooks."""

CLIENT_NAME = "example"
'''
            },
            line=1,
            at="1:1-1:1",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module in ctx.parsed_platforms:
            required = module.profile.required_hooks
            if set(required) & module.hooks.defined:
                continue
            explained = {spec.name for _, spec in module.hooks.misspelled}
            explained |= {node.name.value for node, _ in module.hooks.nested}
            if set(required) & explained:
                continue
            wanted = " or ".join(f"`{name}`" for name in required)
            self.report_at(
                module.path,
                Location(1, 1),
                Location(1, 1),
                f"{module.profile.platform_file} defines no {wanted} at module level; "
                "Home Assistant needs it to set up OAuth2 with the user's credentials",
            )
