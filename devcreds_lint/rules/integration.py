"""Rules about the rest of the integration: manifest, config flow, strings, YAML import."""

from __future__ import annotations

import os

import libcst as cst

from devcreds_lint.contracts import Profile
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.manifest_edit import add_dependency
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.siblings import (
    description_placeholders,
    has_oauth2_flow_handler,
    reads_yaml_credentials,
)
from devcreds_lint.model import Edit, FixAvailability, Location, Severity, safe_fix
from devcreds_lint.parsing.walk import walk
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, CONFIG_FLOW, GOOD_SERVER, MANIFEST_TEMPLATE
from devcreds_lint.text import location_in


def profiles_in_use(ctx: IntegrationFacts) -> list[Profile]:
    seen: list[Profile] = []
    for pctx in ctx.platforms:
        if pctx.profile not in seen:
            seen.append(pctx.profile)
    return seen


MANIFEST_NO_DEPS = MANIFEST_TEMPLATE.replace('  "dependencies": ["%s"],\n', "")


class MissingManifestDependency(Rule):
    code = "DC601"
    fix = FixAvailability.ALWAYS
    name = "missing-manifest-dependency"
    summary = "`manifest.json` does not list the credentials component in `dependencies`."
    why = (
        "Home Assistant sets up `application_credentials` (or `developer_credentials`) "
        "before an integration only when the manifest depends on it. Without it the "
        "credentials UI and the platform's hooks are not wired up, and setup fails."
    )
    fix_safety = (
        "Safe: the component is added to `dependencies` (or the key is added, in sorted "
        "place), keeping the file's indentation, key order and line endings."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={APP: GOOD_SERVER, "manifest.json": MANIFEST_NO_DEPS},
            fixed={"manifest.json": MANIFEST_TEMPLATE % "application_credentials"},
        ),
        Example(
            files={
                APP: GOOD_SERVER,
                "manifest.json": (MANIFEST_TEMPLATE % "http").replace(
                    '["http"]', '[\n    "http"\n  ]'
                ),
            },
            fixed={
                "manifest.json": (MANIFEST_TEMPLATE % "http").replace(
                    '["http"]', '[\n    "http",\n    "application_credentials"\n  ]'
                )
            },
            title="an existing multi-line list",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        manifest = ctx.manifest
        path = ctx.integration.manifest
        if not isinstance(manifest, dict) or path is None:
            return
        dependencies = manifest.get("dependencies", [])
        text = ctx.sibling_text("manifest.json") or ""
        for profile in profiles_in_use(ctx):
            wanted = profile.manifest_dependency
            if wanted in dependencies:
                continue
            fix = None
            change = add_dependency(text, wanted)
            if change is not None:
                start, end, content = change
                edit = Edit(location_in(text, start), location_in(text, end), content)
                fix = safe_fix(f'Add "{wanted}" to `dependencies`', edit)
            self.report_file(
                path,
                f'manifest.json does not list "{wanted}" in `dependencies`; Home Assistant '
                f"will not set up {profile.platform_file} without it",
                fix=fix,
            )


class MissingConfigFlow(Rule):
    code = "DC602"
    name = "missing-config-flow"
    summary = (
        'The manifest lacks `"config_flow": true`, or the integration has no `config_flow.py`.'
    )
    why = (
        "User-supplied OAuth2 credentials are only ever used by a config flow: without one "
        "there is no way to pick the credentials and link an account."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: GOOD_SERVER,
                "manifest.json": (MANIFEST_TEMPLATE % "application_credentials").replace(
                    "true", "false"
                ),
            },
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        manifest = ctx.manifest
        path = ctx.integration.manifest
        if not isinstance(manifest, dict) or path is None:
            return
        problems = []
        if manifest.get("config_flow") is not True:
            problems.append('manifest.json lacks `"config_flow": true`')
        if "config_flow.py" not in ctx.integration.names:
            problems.append("the integration has no config_flow.py")
        if problems:
            self.report_file(
                path,
                " and ".join(problems) + "; OAuth2 credentials are only used through a config flow",
            )


class MissingOAuth2FlowHandler(Rule):
    code = "DC603"
    name = "missing-oauth2-flow-handler"
    summary = "`config_flow.py` defines no class deriving from `AbstractOAuth2FlowHandler`."
    why = (
        "Home Assistant offers the user's application credentials only to an OAuth2 config "
        "flow. A config flow that is not one never asks for them."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: GOOD_SERVER,
                "config_flow.py": '''"""Config flow for Example."""

from homeassistant import config_entries

from .const import DOMAIN


class ExampleConfigFlow(config_entries.ConfigFlow, domain=DOMAIN):
    """Ask for a host."""
''',
            },
            line=1,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        text = ctx.sibling_text("config_flow.py")
        path = ctx.integration.sibling("config_flow.py")
        if text is None or path is None:
            return
        if has_oauth2_flow_handler(text) is False:
            self.report_at(
                path,
                Location(1, 1),
                Location(1, 1),
                "config_flow.py defines no class deriving from "
                "`config_entry_oauth2_flow.AbstractOAuth2FlowHandler`",
            )


class InvalidManifest(Rule):
    code = "DC604"
    name = "invalid-manifest"
    summary = "`manifest.json` is not valid JSON, not an object, or has fields of the wrong type."
    why = (
        "Home Assistant refuses to load an integration whose manifest it cannot read. The "
        "other rules still run; those that need the manifest stay silent."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (Example(files={APP: GOOD_SERVER, "manifest.json": '{"domain": "example",}\n'}),)

    def check(self, ctx: IntegrationFacts) -> None:
        path = ctx.integration.manifest
        if isinstance(ctx.manifest, str) and path is not None:
            self.report_file(path, f"manifest.json cannot be used: {ctx.manifest}")


def _returned_keys(hook: cst.FunctionDef) -> set[str] | None:
    """Keys of the dict literals every ``return`` gives, or None when not all are known."""
    returns = [n for n in walk(hook.body, skip_nested=True) if isinstance(n, cst.Return)]
    if not returns:
        return None
    keys: set[str] = set()
    for ret in returns:
        if not isinstance(ret.value, cst.Dict):
            return None
        for element in ret.value.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(
                element.key, cst.SimpleString
            ):
                return None
            key = element.key.evaluated_value
            if not isinstance(key, str):
                return None
            keys.add(key)
    return keys


class PlaceholderMismatch(Rule):
    code = "DC605"
    name = "placeholder-mismatch"
    severity = Severity.WARNING
    summary = "`strings.json` description placeholders differ from the keys the placeholders hook returns."
    why = (
        "The credentials dialog formats `application_credentials.description` with what "
        "`async_get_description_placeholders` returns. A placeholder without a value is shown "
        "raw (`{console_url}`) or breaks formatting; a returned key nobody uses is dead."
    )
    VALID = (
        Example(
            files={
                APP: GOOD_SERVER
                + '''

async def async_get_description_placeholders(hass: HomeAssistant) -> dict[str, str]:
    """Return placeholders for the credentials dialog."""
    return {"console_url": "https://example.com/console"}
''',
                "strings.json": '{"application_credentials": {"description": "Create one at {console_url}."}}\n',
            }
        ),
    )
    INVALID = (
        Example(
            files={
                APP: GOOD_SERVER
                + '''

async def async_get_description_placeholders(hass: HomeAssistant) -> dict[str, str]:
    """Return placeholders for the credentials dialog."""
    return {"console": "https://example.com/console"}
''',
                "strings.json": '{"application_credentials": {"description": "Create one at {console_url}."}}\n',
            },
            line=15,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx in ctx.parsed_platforms:
            profile = pctx.profile
            if not profile.strings_section or not profile.placeholders_hook:
                continue
            self._check(ctx, pctx, profile)

    def _check(self, ctx: IntegrationFacts, pctx: ModuleFacts, profile: Profile) -> None:
        assert profile.strings_section and profile.placeholders_hook
        text = ctx.sibling_text("strings.json")
        strings_path = ctx.integration.sibling("strings.json")
        if text is None or strings_path is None:
            return
        wanted = description_placeholders(text, profile.strings_section)
        if wanted is None:
            return
        if isinstance(wanted, str):
            self.report_file(strings_path, f"{wanted}; cannot compare its placeholders")
            return
        hooks = pctx.index.functions.get(profile.placeholders_hook)
        if hooks:
            keys = _returned_keys(hooks[-1])
            if keys is None or keys == wanted:
                return
            self.report(
                pctx,
                hooks[-1].name,
                _mismatch(wanted, keys, profile),
            )
            return
        if profile.placeholders_hook in pctx.hooks.defined or not wanted:
            return
        self.report_file(strings_path, _mismatch(wanted, set(), profile))


def _mismatch(wanted: set[str], keys: set[str], profile: Profile) -> str:
    parts = []
    if wanted - keys:
        parts.append("no value for " + ", ".join(f"`{{{k}}}`" for k in sorted(wanted - keys)))
    if keys - wanted:
        parts.append("unused key(s) " + ", ".join(f"`{k}`" for k in sorted(keys - wanted)))
    return (
        f"{profile.strings_section}.description placeholders do not match "
        f"`{profile.placeholders_hook}`: " + "; ".join(parts)
    )


class YamlCredentialsWithoutHook(Rule):
    code = "DC606"
    name = "yaml-credentials-without-hook"
    severity = Severity.WARNING
    profile = "developer_credentials"
    summary = "`__init__.py` reads client credentials from YAML but the platform has no hook to hand them over."
    why = (
        "Users who configured `client_id`/`client_secret` in `configuration.yaml` lose them "
        "unless the platform defines `async_get_developer_credential` to return them."
    )
    VALID = (
        '''"""Developer credentials platform."""

from homeassistant.components.developer_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://example.com/a", "https://example.com/t")
''',
    )
    INVALID = (
        Example(
            profile="developer_credentials",
            files={
                "developer_credentials.py": '''"""Developer credentials platform."""

from homeassistant.components.developer_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://example.com/a", "https://example.com/t")
''',
                "__init__.py": '''"""The Example integration."""

import voluptuous as vol

from homeassistant.const import CONF_CLIENT_ID, CONF_CLIENT_SECRET

CONFIG_SCHEMA = vol.Schema(
    {"example": vol.Schema({vol.Required(CONF_CLIENT_ID): str, vol.Required(CONF_CLIENT_SECRET): str})},
    extra=vol.ALLOW_EXTRA,
)
''',
            },
            line=7,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx in ctx.parsed_platforms:
            hook = pctx.profile.yaml_credential_hook
            if hook is None or hook in pctx.hooks.defined:
                continue
            text = ctx.sibling_text("__init__.py")
            path = ctx.integration.sibling("__init__.py")
            if text is None or path is None:
                continue
            row = reads_yaml_credentials(text)
            if row:
                self.report_at(
                    path,
                    Location(row, 1),
                    Location(row, 1),
                    f"CONFIG_SCHEMA takes client_id/client_secret from configuration.yaml, but "
                    f"{os.path.basename(pctx.path)} has no `{hook}` to hand them to Home Assistant",
                )


_ = CONFIG_FLOW


RULES: tuple[type[Rule], ...] = (
    MissingManifestDependency,
    MissingConfigFlow,
    MissingOAuth2FlowHandler,
    InvalidManifest,
    PlaceholderMismatch,
    YamlCredentialsWithoutHook,
)
