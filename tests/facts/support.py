"""Hand-written modules and integrations for the facts unit tests."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from devcreds_lint.contracts import APPLICATION_CREDENTIALS, PROFILES, Profile
from devcreds_lint.discovery import discover
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.tree import ModuleIndex, build_index
from devcreds_lint.parsing.reading import make_reader
from devcreds_lint.settings import Settings
from tests.helpers import make_integration

APP = "application_credentials.py"
APP_PROFILE: Profile = APPLICATION_CREDENTIALS


def index_of(source: str) -> ModuleIndex:
    return build_index(cst.parse_module(source))


def expression(source: str) -> cst.BaseExpression:
    return cst.parse_expression(source)


def integration_facts(root: Path, files: dict[str, str | bytes]) -> IntegrationFacts:
    """The facts of one integration laid over the default files (as the engine builds them)."""
    make_integration(root, files)
    (integration,) = discover([str(root)], PROFILES).integrations
    settings = Settings()
    return IntegrationFacts(integration, PROFILES, settings, make_reader(None, settings.max_bytes))
