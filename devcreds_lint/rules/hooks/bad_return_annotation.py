"""DC207 bad-return-annotation: a hook's return annotation is another type (or missing)."""

from __future__ import annotations

from devcreds_lint.facts.annotations import Match, annotation_matches
from devcreds_lint.facts.hooks import HookDef
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.signatures import after_params, annotation_edits
from devcreds_lint.model import FixAvailability, Severity, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class BadReturnAnnotation(Rule):
    code = "DC207"
    fix = FixAvailability.SOMETIMES
    name = "bad-return-annotation"
    summary = "A hook's return annotation is another type than the contract's (or missing)."
    why = (
        "Home Assistant uses what the hook returns as the contract's object "
        "(`AuthorizationServer`, an OAuth2 implementation, placeholders `dict[str, str]`). "
        "Another return type is a bug waiting for the first user; a missing annotation "
        "lets it slip past type checkers. Missing annotations are warnings, wrong ones errors."
    )
    fix_safety = (
        "Safe when the annotation is missing: it is added, with its import. A wrong one "
        "(`-> dict`) has no fix, even when the contract's type is already imported: the code "
        "may rely on the type it names, and only you can tell which of the two is wrong."
    )
    fix_when = "when missing"
    VALID = (
        GOOD_SERVER,
        Example(
            files={
                APP: '''"""Platform returning a subclass of the implementation."""

from homeassistant.components.application_credentials import (
    AuthImplementation,
    AuthorizationServer,
    ClientCredential,
)
from homeassistant.core import HomeAssistant


class ExampleImplementation(AuthImplementation):
    """Custom implementation."""


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> ExampleImplementation:
    """Return the implementation."""
    return ExampleImplementation(
        hass,
        auth_domain,
        credential,
        AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t"),
    )
'''
            },
            title="a subclass of AuthImplementation",
        ),
    )
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> dict:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            line=7,
            at="7:66-7:70",
            title="another type",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant):
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            fixed={APP: GOOD_SERVER},
            at="7:11-7:41",
            title="a missing annotation (warning)",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module, hook in ctx.hook_defs():
            node, tspec = hook.node, hook.spec.returns
            if node.returns is None:
                self._missing(ctx, module, hook)
                continue
            annotation = node.returns.annotation
            if annotation_matches(annotation, tspec, module.index, ctx.profiles) is Match.NO:
                assert module.module is not None
                self.report(
                    module,
                    annotation,
                    f"`{node.name.value}` is annotated to return "
                    f"`{module.module.code_for_node(annotation)}`; the contract returns "
                    f"`{tspec.render()}`",
                )

    def _missing(self, ctx: IntegrationFacts, module: ModuleFacts, hook: HookDef) -> None:
        tspec = hook.spec.returns
        wanted = tspec.render()
        where = after_params(module, hook.node)
        fix = None
        if where is not None:
            text, edits = annotation_edits(module, tspec, where, " -> ")
            fix = safe_fix(f"Annotate the return type as `{text}`", *edits)
        self.report(
            module,
            hook.node.name,
            f"`{hook.node.name.value}` has no return annotation; the contract returns `{wanted}`",
            severity=Severity.WARNING,
            fix=fix,
        )
