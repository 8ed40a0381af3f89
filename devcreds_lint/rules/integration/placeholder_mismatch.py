"""DC605: ``strings.json`` (else ``translations/en.json``) description placeholders that the
placeholders hook does not return (or keys it returns that nothing uses)."""

from __future__ import annotations

import libcst as cst

from devcreds_lint.contracts import Profile
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.siblings import description_placeholders
from devcreds_lint.facts.values import ValueKind
from devcreds_lint.model import Severity
from devcreds_lint.parsing.walk import walk
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, CONST, GOOD_SERVER


class PlaceholderMismatch(Rule):
    code = "DC605"
    name = "placeholder-mismatch"
    severity = Severity.WARNING
    summary = (
        "A placeholder in `strings.json` (else `translations/en.json`) "
        "`application_credentials.description` that the placeholders hook does not return."
    )
    why = (
        "The credentials dialog formats `application_credentials.description` with what "
        "`async_get_description_placeholders` returns. A placeholder without a value is shown "
        "raw (`{console_url}`) or breaks formatting. A returned key the text does not use is "
        "harmless (a translation may use it, or an older text did) and is not reported. "
        "Custom integrations usually ship no `strings.json`, only `translations/`: then "
        "`translations/en.json` is read in its place (when both exist, `strings.json` is the "
        "source the translations are built from, and is the one read). A hook that returns "
        "the wrong keys is reported on the hook; placeholders with no hook at all on the "
        "strings file. The hook's keys are string literals or constants followed where that "
        'is cheap and certain (a module-level `NAME = "literal"`, a name imported from the '
        "integration's `const.py`, a string built only from those); when any key cannot be "
        "known (a call, a name from a package or another module, a name bound twice), the "
        "keys cannot be known and nothing is reported."
    )
    VALID = (
        Example(
            files={
                APP: GOOD_SERVER
                + '''

async def async_get_description_placeholders(hass: HomeAssistant) -> dict[str, str]:
    """Return placeholders for the credentials dialog."""
    return {"console_url": "https://acme-api.io/console"}
''',
                "strings.json": '{"application_credentials": {"description": "Create one at {console_url}."}}\n',
            }
        ),
        Example(
            files={
                APP: GOOD_SERVER
                + '''

async def async_get_description_placeholders(hass: HomeAssistant) -> dict[str, str]:
    """Return placeholders for the credentials dialog."""
    return {
        "console_url": "https://acme-api.io/console",
        "redirect_url": "https://my.home-assistant.io/redirect/oauth",
    }
''',
                "strings.json": '{"application_credentials": {"description": "Create one at {console_url}."}}\n',
            },
            title="a returned key the text does not use",
        ),
    )
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )


async def async_get_description_placeholders(hass: HomeAssistant) -> dict[str, str]:
    """Return placeholders for the credentials dialog."""
    return {"console": "https://acme-api.io/console"}
''',
                "strings.json": """{"application_credentials": {"description": "Create one at {console_url}."}}
""",
            },
            at="15:11-15:45",
        ),
        Example(
            files={
                APP: GOOD_SERVER,
                "translations/en.json": """{
  "application_credentials": {
    "description": "Create credentials at {console_url}."
  }
}
""",
            },
            title="translations only, no placeholders hook",
            at="1:1-1:1",
        ),
        Example(
            files={
                APP: GOOD_SERVER.replace(
                    "from homeassistant.core import HomeAssistant\n",
                    "from homeassistant.core import HomeAssistant\n\n"
                    "from .const import ATTR_CONSOLE_URL\n",
                )
                + '''

async def async_get_description_placeholders(hass: HomeAssistant) -> dict[str, str]:
    """Return placeholders for the credentials dialog."""
    return {ATTR_CONSOLE_URL: "https://acme-api.io/console"}
''',
                "const.py": CONST + 'ATTR_CONSOLE_URL = "console"\n',
                "strings.json": '{"application_credentials": {"description": "Create one at {console_url}."}}\n',
            },
            title="a key from const.py",
            line=17,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module in ctx.parsed_platforms:
            profile = module.profile
            if not profile.strings_section or not profile.placeholders_hook:
                continue
            self._check(ctx, module, profile)

    def _check(self, ctx: IntegrationFacts, module: ModuleFacts, profile: Profile) -> None:
        assert profile.strings_section and profile.placeholders_hook
        strings = ctx.strings
        if strings is None:
            return
        wanted = description_placeholders(strings.text, profile.strings_section, strings.name)
        if wanted is None:
            return
        if isinstance(wanted, str):
            self.report_file(strings.path, f"{wanted}; cannot compare its placeholders")
            return
        hooks = module.index.functions.get(profile.placeholders_hook)
        if hooks:
            keys = _returned_keys(module, hooks[-1])
            if keys is None or wanted <= keys:
                return  # a returned key the text does not use is harmless
            self.report(
                module,
                hooks[-1].name,
                _mismatch(wanted, keys, profile, strings.name),
            )
            return
        if profile.placeholders_hook in module.hooks.defined or not wanted:
            return
        self.report_file(strings.path, _mismatch(wanted, set(), profile, strings.name))


def _returned_keys(module: ModuleFacts, hook: cst.FunctionDef) -> set[str] | None:
    """Keys of the dict literals every ``return`` gives, or None when not all are known. A
    key is a string literal or a constant followed where that is cheap and certain (a
    module-level ``NAME = "literal"``, a name imported from the integration's ``const.py``,
    a string built only from those); a name bound in the hook itself is not followed."""
    returns = [n for n in walk(hook.body, skip_nested=True) if isinstance(n, cst.Return)]
    if not returns:
        return None
    keys: set[str] = set()
    for ret in returns:
        if not isinstance(ret.value, cst.Dict):
            return None
        for element in ret.value.elements:
            if not isinstance(element, cst.DictElement):
                return None  # ``**other``
            if isinstance(element.key, cst.Name) and element.key.value in module.index.rebound:
                return None  # a parameter, a local, a name bound twice: no certain value
            key = module.value(element.key)
            if key is None or key.kind is not ValueKind.STR or key.value is None:
                return None
            keys.add(key.value)
    return keys


def _mismatch(wanted: set[str], keys: set[str], profile: Profile, source: str) -> str:
    parts = []
    if wanted - keys:
        parts.append("no value for " + ", ".join(f"`{{{k}}}`" for k in sorted(wanted - keys)))
    if keys - wanted:
        parts.append("it returns " + ", ".join(f"`{k}`" for k in sorted(keys - wanted)))
    return (
        f"{profile.strings_section}.description placeholders in {source} do not match "
        f"`{profile.placeholders_hook}`: " + "; ".join(parts)
    )
