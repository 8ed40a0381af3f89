"""DC901: a ``# noqa: DC...`` comment that suppresses nothing."""

from __future__ import annotations

from devcreds_lint.facts.noqa import FileDirectives
from devcreds_lint.model import Edit, FixAvailability, Location, Severity, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class UnusedNoqa(Rule):
    code = "DC901"
    name = "unused-noqa"
    severity = Severity.WARNING
    summary = "A `# noqa: DC...` comment suppresses nothing."
    why = (
        "A suppression that no longer suppresses anything hides the next real finding on "
        "that line. Only devcreds-lint codes are considered; other tools' codes are kept."
    )
    fix = FixAvailability.ALWAYS
    fix_safety = "Safe: the unused codes are removed, and the comment when none is left."
    VALID = (
        '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:  # noqa: DC203
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
''',
        '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""  # noqa: E501
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
''',
    )
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:  # noqa: DC203
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            fixed={APP: GOOD_SERVER},
            at="7:88-7:101",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:  # noqa: DC203, E501
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            fixed={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:  # noqa: E501
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            at="7:88-7:107",
            title="other tools' codes are kept",
        ),
    )

    def check_directives(
        self, path: str, text: str, directives: FileDirectives, enabled: frozenset[str]
    ) -> None:
        """Report the directives of one file that suppressed nothing (the engine calls this
        after suppressions have been applied, when it knows which were used)."""
        lines = text.splitlines()
        for directive in directives.lines.values():
            if not directive.codes:
                continue
            unused = [
                c
                for c in directive.codes
                if c.startswith("DC") and c in enabled and c not in directive.used
            ]
            if not unused:
                continue
            keep = [c for c in directive.codes if c not in unused]
            line = lines[directive.row - 1]
            start = Location(directive.row, directive.column)
            end = Location(directive.row, directive.end_column)
            if keep:
                edit = Edit(start, end, "# noqa: " + ", ".join(keep))
            else:
                trailing = line[directive.end_column - 1 :]
                if trailing.strip():
                    edit = Edit(start, end, "")
                else:
                    edit = Edit(
                        Location(directive.row, directive.comment_start),
                        Location(directive.row, len(line) + 1),
                        "",
                    )
            self.report_at(
                path,
                start,
                end,
                "unused `noqa` for " + ", ".join(unused),
                fix=safe_fix("Remove unused `noqa` codes", edit),
            )
