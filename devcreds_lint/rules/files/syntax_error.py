"""DC100 syntax-error: the platform module does not parse."""

from __future__ import annotations

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.model import Location
from devcreds_lint.parsing.parse import ParseFailure
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


def _clamp(module: ModuleFacts, row: int, column: int) -> Location:
    """A location in the original file (parse errors may point into a repaired line)."""
    text = module.original_text or ""
    lines = text.splitlines() or [""]
    row = min(max(row, 1), len(lines))
    return Location(row, min(max(column, 1), len(lines[row - 1]) + 1))


class SyntaxError_(Rule):
    code = "DC100"
    name = "syntax-error"
    summary = "The platform module does not parse."
    why = (
        "Home Assistant imports the platform module; a syntax error makes the import fail and "
        "the integration cannot be set up with user credentials. Reported at the parser's "
        "position; not reported where DC102 explains the failure. A `# noqa` on the line "
        "does not hide it (nor DC102): the comments of a file that does not parse cannot be "
        "trusted, and the file would be left with no finding at all."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            line=7,
            at="7:85-7:85",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module in ctx.platforms:
            failure = module.parsed
            if isinstance(failure, ParseFailure):
                where = _clamp(module, failure.row, failure.column)
                self.report_at(
                    module.path,
                    where,
                    where,
                    failure.message
                    if getattr(failure, "too_deep", False)
                    else f"syntax error: {failure.message}",
                )
