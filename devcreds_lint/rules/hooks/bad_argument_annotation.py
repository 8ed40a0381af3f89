"""DC206 bad-argument-annotation: a hook parameter annotated with another type (or none)."""

from __future__ import annotations

from devcreds_lint.facts.annotations import Match, annotation_matches
from devcreds_lint.facts.hooks import contract_params
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.signatures import annotation_edits
from devcreds_lint.model import FixAvailability, Severity, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class BadArgumentAnnotation(Rule):
    code = "DC206"
    fix = FixAvailability.SOMETIMES
    name = "bad-argument-annotation"
    summary = "A hook parameter is annotated with another type than the contract's (or not at all)."
    why = (
        "The contract fixes the argument types (`hass: HomeAssistant`, `auth_domain: str`, "
        "`credential: ClientCredential`). A wrong annotation means the code was written "
        "against another object than the one it receives; a missing one hides that from "
        "type checkers. Missing annotations are warnings, wrong ones errors."
    )
    fix_safety = (
        "Safe when the annotation is missing: it is added, with its import. A wrong one "
        "(`hass: str`) has no fix, even when the contract's type is already imported: the code "
        "may rely on the type it names, and only you can tell which of the two is wrong."
    )
    fix_when = "when missing"
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: str) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            line=7,
            at="7:48-7:51",
            title="a wrong annotation",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer


async def async_get_authorization_server(hass) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            fixed={APP: GOOD_SERVER},
            at="6:42-6:46",
            title="a missing annotation (warning) and its import",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module, hook in ctx.hook_defs():
            for param, tspec in zip(
                contract_params(hook.node, hook.spec), hook.spec.params, strict=False
            ):
                if param.star:
                    continue
                if param.annotation is None:
                    wanted = tspec.render()
                    text, edits = annotation_edits(module, tspec, module.end(param.name), ": ")
                    self.report(
                        module,
                        param.name,
                        f"parameter `{param.name.value}` of `{hook.node.name.value}` has no "
                        f"annotation; the contract passes `{wanted}`",
                        severity=Severity.WARNING,
                        fix=safe_fix(f"Annotate `{param.name.value}` as `{text}`", *edits),
                    )
                    continue
                annotation = param.annotation.annotation
                if annotation_matches(annotation, tspec, module.index, ctx.profiles) is Match.NO:
                    assert module.module is not None
                    self.report(
                        module,
                        annotation,
                        f"parameter `{param.name.value}` of `{hook.node.name.value}` is annotated "
                        f"`{module.module.code_for_node(annotation)}`, but Home Assistant passes "
                        f"`{tspec.render()}`",
                    )
