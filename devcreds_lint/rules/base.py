"""What a rule is: its public identity, its documentation, and its examples.

A rule's ``VALID`` and ``INVALID`` examples are its tests (``tests/test_rule_examples.py``
generates one test per example) and its documentation (``devcreds-lint rule CODE`` renders
them). An example is a small integration: the files given, laid over a clean default
integration of the example's profile (see :data:`DEFAULT_FILES`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from devcreds_lint.diagnostics import Severity

if TYPE_CHECKING:
    from devcreds_lint.context import IntegrationContext


@dataclass(frozen=True)
class Example:
    """A small integration for a rule's docs and tests.

    ``files`` maps a path inside the integration folder to its text; a plain string in
    ``VALID``/``INVALID`` means the platform module of ``profile``. ``fixed`` (for an invalid
    example) is what ``--fix`` must turn the changed files into (a renamed file appears under
    its new name; a file mapped to None must be gone). ``unsafe`` applies unsafe fixes too.
    ``line`` is where the finding must start, when the example wants to pin it.
    """

    files: Mapping[str, str]
    profile: str = "application_credentials"
    fixed: Mapping[str, str | None] | None = None
    unsafe: bool = False
    line: int | None = None
    count: int = 1
    title: str = ""


ExampleLike = Example | str


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str]
    why: ClassVar[str]
    fix_safety: ClassVar[str] = "This rule has no automatic fix."
    options: ClassVar[Mapping[str, str]] = {}
    profile: ClassVar[str] = "application_credentials"
    VALID: ClassVar[tuple[ExampleLike, ...]] = ()
    INVALID: ClassVar[tuple[ExampleLike, ...]] = ()

    def check(self, ctx: IntegrationContext) -> None:
        """Report this rule's findings through ``ctx``. Most rules are driven by a family pass."""

    @classmethod
    def examples(cls, which: str) -> Iterator[Example]:
        items = cls.VALID if which == "valid" else cls.INVALID
        for item in items:
            if isinstance(item, str):
                profile = cls.profile
                filename = f"{profile}.py"
                yield Example(files={filename: item}, profile=profile)
            else:
                yield item


@dataclass
class Registry:
    rules: dict[str, type[Rule]] = field(default_factory=dict)

    def add(self, rule: type[Rule]) -> type[Rule]:
        from devcreds_lint.catalogue import CATALOGUE

        if rule.code in self.rules:
            raise ValueError(f"duplicate rule code {rule.code}")
        if CATALOGUE.get(rule.code) != (rule.name, rule.severity.value):
            raise ValueError(f"rule {rule.code} does not match devcreds_lint/catalogue.py")
        self.rules[rule.code] = rule
        return rule

    def sorted(self) -> list[type[Rule]]:
        return [self.rules[code] for code in sorted(self.rules)]


REGISTRY = Registry()
register = REGISTRY.add


MANIFEST_TEMPLATE = """{
  "domain": "example",
  "name": "Example",
  "codeowners": [],
  "config_flow": true,
  "dependencies": ["%s"],
  "documentation": "https://example.com",
  "iot_class": "cloud_polling"
}
"""

CONFIG_FLOW = '''"""Config flow for Example."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class OAuth2FlowHandler(
    config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN
):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)
'''

CONST = '''"""Constants for Example."""

DOMAIN = "example"
'''


def default_files(profile: str) -> dict[str, str]:
    """A clean integration of ``profile`` without its platform module."""
    return {
        "manifest.json": MANIFEST_TEMPLATE % profile,
        "config_flow.py": CONFIG_FLOW,
        "const.py": CONST,
        "__init__.py": '"""The Example integration."""\n',
    }


DEFAULT_FILES = default_files
