"""Rules about the platform hooks: presence, names, async, place, signature, annotations."""

from __future__ import annotations

import libcst as cst

from devcreds_lint.contracts import TypeSpec
from devcreds_lint.facts.annotations import Match, annotation_matches
from devcreds_lint.facts.edits import insert_at, replace_node, type_reference
from devcreds_lint.facts.hooks import HookDef, contract_params, has_stray_self, positional_params
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.model import Edit, FixAvailability, Location, Severity, safe_fix, unsafe_fix
from devcreds_lint.parsing.walk import walk
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, DEV, GOOD_SERVER


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
        Example(files={APP: '"""Platform without hooks."""\n\nCLIENT_NAME = "example"\n'}, line=1),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx in ctx.parsed_platforms:
            required = pctx.profile.required_hooks
            if set(required) & pctx.hooks.defined:
                continue
            explained = {spec.name for _, spec in pctx.hooks.misspelled}
            explained |= {node.name.value for node, _ in pctx.hooks.nested}
            if set(required) & explained:
                continue
            wanted = " or ".join(f"`{name}`" for name in required)
            self.report_at(
                pctx.path,
                Location(1, 1),
                Location(1, 1),
                f"{pctx.profile.platform_file} defines no {wanted} at module level; "
                "Home Assistant needs it to set up OAuth2 with the user's credentials",
            )


class MisspelledPlatformHook(Rule):
    code = "DC202"
    fix = FixAvailability.ALWAYS
    name = "misspelled-platform-hook"
    summary = "A function's name is a near miss of a hook that is absent."
    why = (
        "Home Assistant finds hooks by their exact name. `async_get_authorisation_server` is "
        "never called, so the integration behaves as if it had no hook at all."
    )
    fix_safety = (
        "Safe: the function and every reference to it in the module are renamed. Code "
        "outside the module that used the old name would need the same change."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: GOOD_SERVER.replace(
                    "async_get_authorization_server", "async_get_authorisation_server"
                )
            },
            fixed={APP: GOOD_SERVER},
            line=7,
        ),
        Example(
            files={
                APP: GOOD_SERVER.replace(
                    "async_get_authorization_server", "get_authorization_server"
                ).replace("async def", "def")
            },
            title="missing async_ prefix",
            fixed={APP: GOOD_SERVER},
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx in ctx.parsed_platforms:
            for node, spec in pctx.hooks.misspelled:
                old = node.name.value
                edits = [replace_node(pctx, node.name, spec.name)]
                edits += [
                    replace_node(pctx, use, spec.name) for use in pctx.index.name_uses.get(old, [])
                ]
                self.report(
                    pctx,
                    node.name,
                    f"`{old}` is not a hook Home Assistant calls; did you mean `{spec.name}`?",
                    fix=safe_fix(f"Rename `{old}` to `{spec.name}`", *edits),
                )


def _contains_yield(node: cst.FunctionDef) -> bool:
    return any(isinstance(n, cst.Yield) for n in walk(node.body, skip_nested=True))


class SyncPlatformHook(Rule):
    code = "DC203"
    fix = FixAvailability.ALWAYS
    name = "sync-platform-hook"
    summary = "A hook is defined with `def` instead of `async def`."
    why = (
        "Home Assistant awaits the hook. A plain function returns its result directly, and "
        "awaiting that raises `TypeError: object AuthorizationServer can't be used in 'await' "
        "expression` when the user adds credentials."
    )
    fix_safety = (
        "Safe: `async` is added. Unsafe when the body contains `yield`, because that turns "
        "the function into an async generator, which is a different thing."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={APP: GOOD_SERVER.replace("async def", "def")}, fixed={APP: GOOD_SERVER}, line=7
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, hook in ctx.hook_defs():
            node = hook.node
            if node.asynchronous is not None:
                continue
            edit = insert_at(pctx.start(node), "async ")
            message = f"Add `async` to `{node.name.value}`"
            fix = unsafe_fix(message, edit) if _contains_yield(node) else safe_fix(message, edit)
            self.report(
                pctx,
                node.name,
                f"`{node.name.value}` must be `async def`: Home Assistant awaits it",
                fix=fix,
            )


class HookNotModuleLevel(Rule):
    code = "DC204"
    name = "hook-not-module-level"
    summary = "A hook is defined inside a class or a function."
    why = (
        "Home Assistant looks hooks up as attributes of the platform module. A method or a "
        "nested function is invisible to it, so the integration has no hook."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Platform with a hook in a class."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


class Platform:
    """Wrongly wraps the hook."""

    async def async_get_authorization_server(self, hass: HomeAssistant) -> AuthorizationServer:
        """Return the authorization server."""
        return AuthorizationServer("https://example.com/a", "https://example.com/t")
'''
            },
            line=10,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx in ctx.parsed_platforms:
            for node, where in pctx.hooks.nested:
                self.report(
                    pctx,
                    node.name,
                    f"`{node.name.value}` is defined inside a {where}; Home Assistant only "
                    "finds hooks defined at module level",
                )


def _param_removal(pctx: ModuleFacts, param: cst.Param) -> Edit:
    assert pctx.module is not None
    start = pctx.start(param.name)
    length = len(pctx.module.code_for_node(param))
    return Edit(start, pctx.location(pctx.offset(start) + length), "")


class BadHookSignature(Rule):
    code = "DC205"
    fix = FixAvailability.SOMETIMES
    name = "bad-hook-signature"
    summary = "A hook's parameters do not fit the arguments Home Assistant passes."
    why = (
        "Home Assistant calls the hook with fixed positional arguments (`hass`, and for "
        "`async_get_auth_implementation` also `auth_domain` and `credential`). A leading "
        "`self`, a missing parameter, extra required parameters or required keyword-only "
        "parameters make that call raise `TypeError`."
    )
    fix_safety = (
        "Safe for a leading `self`/`cls` on a module-level hook: it is removed. Other "
        "signature problems need a person to decide and have no fix."
    )
    VALID = (
        GOOD_SERVER,
        GOOD_SERVER.replace("(hass: HomeAssistant)", "(_: HomeAssistant)"),
        GOOD_SERVER.replace("(hass: HomeAssistant)", "(hass: HomeAssistant, extra: int = 1)"),
    )
    INVALID = (
        Example(
            files={
                APP: GOOD_SERVER.replace("(hass: HomeAssistant)", "(self, hass: HomeAssistant)")
            },
            fixed={APP: GOOD_SERVER},
            line=7,
            title="a stray self",
        ),
        Example(
            files={APP: GOOD_SERVER.replace("(hass: HomeAssistant)", "()")},
            title="a missing parameter",
        ),
        Example(
            files={
                APP: GOOD_SERVER.replace(
                    "(hass: HomeAssistant)", "(hass: HomeAssistant, *, scope: str)"
                )
            },
            title="a required keyword-only parameter",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, hook in ctx.hook_defs():
            self._check(ctx, pctx, hook)

    def _check(self, ctx: IntegrationFacts, pctx: ModuleFacts, hook: HookDef) -> None:
        node, spec = hook.node, hook.spec
        params = positional_params(node)
        wanted = len(spec.params)
        if has_stray_self(node, spec):
            first = params[0]
            self.report(
                pctx,
                first.name,
                f"module-level hook `{node.name.value}` takes a leading `{first.name.value}`; "
                "Home Assistant passes `hass` first",
                fix=safe_fix(f"Remove `{first.name.value}`", _param_removal(pctx, first)),
            )
            params = params[1:]
        has_star = isinstance(node.params.star_arg, cst.Param)
        if len(params) < wanted and not has_star:
            self.report(
                pctx,
                node.name,
                f"`{node.name.value}` takes {len(params)} positional parameter(s) but Home "
                f"Assistant passes {wanted}",
            )
        extra = [p for p in params[wanted:] if p.default is None]
        if extra:
            self.report(
                pctx,
                extra[0].name,
                f"`{node.name.value}` has extra required parameter(s) "
                f"{', '.join(f'`{p.name.value}`' for p in extra)} that Home Assistant never passes",
            )
        for kwonly in node.params.kwonly_params:
            if kwonly.default is None:
                self.report(
                    pctx,
                    kwonly.name,
                    f"required keyword-only parameter `{kwonly.name.value}` of "
                    f"`{node.name.value}` is never passed by Home Assistant; give it a default",
                )


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
        "Safe when the annotation is missing: it is added, with its import. Wrong ones have no fix."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={APP: GOOD_SERVER.replace("(hass: HomeAssistant)", "(hass: str)")},
            line=7,
            title="a wrong annotation",
        ),
        Example(
            files={
                APP: GOOD_SERVER.replace("(hass: HomeAssistant)", "(hass)").replace(
                    "from homeassistant.core import HomeAssistant\n", ""
                )
            },
            fixed={APP: GOOD_SERVER},
            title="a missing annotation (warning) and its import",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, hook in ctx.hook_defs():
            for param, tspec in zip(
                contract_params(hook.node, hook.spec), hook.spec.params, strict=False
            ):
                if param.star:
                    continue
                if param.annotation is None:
                    wanted = tspec.render()
                    text, edits = annotation_edits(pctx, tspec, pctx.end(param.name), ": ")
                    self.report(
                        pctx,
                        param.name,
                        f"parameter `{param.name.value}` of `{hook.node.name.value}` has no "
                        f"annotation; the contract passes `{wanted}`",
                        severity=Severity.WARNING,
                        fix=safe_fix(f"Annotate `{param.name.value}` as `{text}`", *edits),
                    )
                    continue
                annotation = param.annotation.annotation
                if annotation_matches(annotation, tspec, pctx.index, ctx.profiles) is Match.NO:
                    assert pctx.module is not None
                    self.report(
                        pctx,
                        annotation,
                        f"parameter `{param.name.value}` of `{hook.node.name.value}` is annotated "
                        f"`{pctx.module.code_for_node(annotation)}`, but Home Assistant passes "
                        f"`{tspec.render()}`",
                    )


def annotation_edits(
    pctx: ModuleFacts, tspec: TypeSpec, where: Location, separator: str
) -> tuple[str, list[Edit]]:
    """(the annotation as written, edits inserting ``separator + annotation`` at ``where``
    and the import it needs) for a missing annotation (DC206, DC207)."""
    name = tspec.import_name
    home = pctx.profile.home_of(name) if name else None
    text, import_edit = type_reference(pctx, tspec.render(), home)
    edits = [insert_at(where, f"{separator}{text}")]
    if import_edit is not None:
        edits.append(import_edit)
    return text, edits


def _after_params(pctx: ModuleFacts, node: cst.FunctionDef) -> Location | None:
    """The location right after the closing parenthesis of ``node``'s parameters."""
    text = pctx.text or ""
    offset = pctx.offset(pctx.end(node.name))
    depth = 0
    i = offset
    while i < len(text):
        char = text[i]
        if char == "#":
            while i < len(text) and text[i] not in "\r\n":
                i += 1
            continue
        if char in "\"'":
            return None  # a string default in the signature: do not guess
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return pctx.location(i + 1)
        elif char == ":" and depth == 0:
            return None
        i += 1
    return None


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
        "Safe when the annotation is missing: it is added, with its import. Wrong ones have no fix."
    )
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
        AuthorizationServer("https://example.com/a", "https://example.com/t"),
    )
'''
            },
            title="a subclass of AuthImplementation",
        ),
    )
    INVALID = (
        Example(
            files={APP: GOOD_SERVER.replace("-> AuthorizationServer:", "-> dict:")},
            line=7,
            title="another type",
        ),
        Example(
            files={APP: GOOD_SERVER.replace(" -> AuthorizationServer:", ":")},
            fixed={APP: GOOD_SERVER},
            title="a missing annotation (warning)",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, hook in ctx.hook_defs():
            node, tspec = hook.node, hook.spec.returns
            if node.returns is None:
                self._missing(ctx, pctx, hook)
                continue
            annotation = node.returns.annotation
            if annotation_matches(annotation, tspec, pctx.index, ctx.profiles) is Match.NO:
                assert pctx.module is not None
                self.report(
                    pctx,
                    annotation,
                    f"`{node.name.value}` is annotated to return "
                    f"`{pctx.module.code_for_node(annotation)}`; the contract returns "
                    f"`{tspec.render()}`",
                )

    def _missing(self, ctx: IntegrationFacts, pctx: ModuleFacts, hook: HookDef) -> None:
        tspec = hook.spec.returns
        wanted = tspec.render()
        where = _after_params(pctx, hook.node)
        fix = None
        if where is not None:
            text, edits = annotation_edits(pctx, tspec, where, " -> ")
            fix = safe_fix(f"Annotate the return type as `{text}`", *edits)
        self.report(
            pctx,
            hook.node.name,
            f"`{hook.node.name.value}` has no return annotation; the contract returns `{wanted}`",
            severity=Severity.WARNING,
            fix=fix,
        )


def _returns_nothing(node: cst.FunctionDef) -> bool:
    body = node.body
    statements: list[cst.BaseSmallStatement] = []
    if isinstance(body, cst.SimpleStatementSuite):
        statements.extend(body.body)
    else:
        for stmt in body.body:
            if not isinstance(stmt, cst.SimpleStatementLine):
                return False
            statements.extend(stmt.body)
    for small in statements:
        if isinstance(small, cst.Pass):
            continue
        if isinstance(small, cst.Return) and (
            small.value is None
            or (isinstance(small.value, cst.Name) and small.value.value == "None")
        ):
            continue
        if isinstance(small, cst.Expr) and isinstance(
            small.value, (cst.SimpleString, cst.ConcatenatedString, cst.Ellipsis)
        ):
            continue
        return False
    return True


class HookReturnsNothing(Rule):
    code = "DC208"
    name = "hook-returns-nothing"
    summary = "A hook can never return a value: its body is only a docstring, `pass`, `...`, bare returns or `return None`."
    why = (
        "Home Assistant uses the hook's result. A body that returns nothing hands it `None`, "
        "which fails as soon as the credentials are used. The seed document's optional hook "
        "has exactly this shape: a person has to write the body."
    )
    profile = "developer_credentials"
    VALID = (
        '''"""Developer credentials platform."""

from homeassistant.components.developer_credentials import (
    AuthorizationServer,
)
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://example.com/authorize",
        token_url="https://example.com/token",
    )
''',
    )
    INVALID = (
        Example(
            profile="developer_credentials",
            files={
                DEV: '''"""Developer credentials platform."""

from homeassistant.components.developer_credentials import (
    AuthorizationServer,
    DeveloperCredential,
)
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://example.com/authorize",
        token_url="https://example.com/token",
    )


async def async_get_developer_credential(hass: HomeAssistant) -> DeveloperCredential:
    """Return the credential from configuration.yaml."""
'''
            },
            line=18,
        ),
        Example(
            files={
                APP: GOOD_SERVER.replace(
                    """return AuthorizationServer(
        authorize_url="https://example.com/authorize",
        token_url="https://example.com/token",
    )""",
                    "return None",
                )
            },
            title="return None",
            line=7,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, hook in ctx.hook_defs():
            if _returns_nothing(hook.node):
                self.report(
                    pctx,
                    hook.node.name,
                    f"`{hook.node.name.value}` never returns a value; Home Assistant expects "
                    f"`{hook.spec.returns.render()}`",
                )


class UnknownPlatformHook(Rule):
    code = "DC209"
    name = "unknown-platform-hook"
    severity = Severity.WARNING
    summary = "A module-level `async_get_*` function is no hook of the contract."
    why = (
        "Only the contract's hooks are ever called. A function named like a hook that is "
        "none (and no near miss of one) is dead code, or a hook of another contract "
        "written into the wrong file."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: GOOD_SERVER
                + '''

async def async_get_scopes(hass: HomeAssistant) -> list[str]:
    """Return the scopes."""
    return ["read"]
'''
            },
            line=15,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx in ctx.parsed_platforms:
            hook_names = {h.name for h in pctx.profile.hooks}
            misspelled = {node.name.value for node, _ in pctx.hooks.misspelled}
            from devcreds_lint.naming import near_miss

            for name, nodes in pctx.index.functions.items():
                if not name.startswith("async_get_") or name in hook_names or name in misspelled:
                    continue
                if near_miss(name, hook_names, allow_prefix="async_") is not None:
                    continue
                self.report(
                    pctx,
                    nodes[-1].name,
                    f"`{name}` is not a hook of the {pctx.profile.name} platform; Home "
                    "Assistant never calls it",
                )


RULES: tuple[type[Rule], ...] = (
    MissingPlatformHook,
    MisspelledPlatformHook,
    SyncPlatformHook,
    HookNotModuleLevel,
    BadHookSignature,
    BadArgumentAnnotation,
    BadReturnAnnotation,
    HookReturnsNothing,
    UnknownPlatformHook,
)
