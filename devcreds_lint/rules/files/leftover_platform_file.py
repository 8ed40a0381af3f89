"""DC103 leftover-platform-file: a near miss of the platform file name beside the right file."""

from __future__ import annotations

import os

from devcreds_lint.discovery import leftover_platform_files
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import FILE_START, Severity
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER
from devcreds_lint.text import first_line_end


class LeftoverPlatformFile(Rule):
    code = "DC103"
    name = "leftover-platform-file"
    severity = Severity.WARNING
    summary = "A near miss of the platform file name sits beside the right file."
    why = (
        "Home Assistant loads only the platform module with the exact name; a "
        "`developer_credentails.py` next to `developer_credentials.py` is dead code, usually "
        "the pre-rename copy that a commit kept (`git add` of the new name alone leaves the "
        "old one in the index). Readers and tools take it for the real platform. There is "
        "no fix: which file holds the wanted code is for you to decide; delete the leftover "
        "(`git rm`) once its changes are in the right file."
    )
    VALID = (
        GOOD_SERVER,
        Example(
            files={APP: GOOD_SERVER, "application_credentials_helpers.py": '"""Helpers."""\n'},
            title="a module whose name is no near miss",
        ),
    )
    INVALID = (
        Example(
            files={APP: GOOD_SERVER, "application_credential.py": GOOD_SERVER},
            at="1:1-1:52",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for name, profile in leftover_platform_files(ctx.integration.names, ctx.profiles):
            path = os.path.join(ctx.integration.folder, name)
            self.report_at(
                path,
                FILE_START,
                first_line_end(ctx.sibling_text(name)),
                f"`{name}` is a leftover beside `{profile.platform_file}`: Home Assistant "
                f"loads only `{profile.platform_file}`, this file is dead code; delete it "
                "(`git rm`) once its changes are in the right file",
            )
