"""DC900 unreadable-file: a file that cannot be read or decoded."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import ClassVar

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import Location
from devcreds_lint.parsing.reading import Unreadable
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class UnreadableFile(Rule):
    code = "DC900"
    name = "unreadable-file"
    summary = (
        "A file cannot be read or decoded (permissions, not UTF-8, NUL bytes, over the size limit)."
    )
    why = (
        "What cannot be read cannot be checked, and Home Assistant (which reads Python "
        "source and JSON as UTF-8) would likely fail on it too. Such files are never rewritten."
    )
    settings: ClassVar[Mapping[str, str]] = {
        "max-file-size": "largest file read, in bytes (default 2 MiB)"
    }
    VALID = (GOOD_SERVER,)
    # The docstring holds a lone surrogate, written to the file as a byte that is not UTF-8.
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return th\udcff authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            at="8:17-8:18",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        seen: set[str] = set()
        problems = [p.source for p in ctx.platforms if isinstance(p.source, Unreadable)]
        for problem in [*problems, *ctx.unreadable]:
            assert isinstance(problem, Unreadable)
            if problem.path in seen:
                continue
            seen.add(problem.path)
            message = f"{os.path.basename(problem.path)}: {problem.reason}"
            if problem.at is None:
                self.report_file(problem.path, message)
                continue
            # At the offending byte; still about the whole file (it cannot hold a `# noqa`).
            row, column = problem.at
            self.report_at(
                problem.path,
                Location(row, column),
                Location(row, column + 1),
                message,
                file_level=True,
            )
