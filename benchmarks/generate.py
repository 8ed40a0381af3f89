#!/usr/bin/env python3
"""Deterministic generator of synthetic Home Assistant-like trees for the benchmarks.

Every file is synthesized here from small templates and a seeded random generator; nothing
is copied from Home Assistant. The same arguments always produce byte-identical trees, and
each integration is derived from its own seed, so a larger ``--count`` yields a superset of a
smaller one (the growth measurements rely on that).

    python benchmarks/generate.py ha-like OUTDIR [--count 1400] [--platform-count 45]
        [--large-siblings 0]
    python benchmarks/generate.py stress OUTDIR [--count 20000] [--shards 8]

``ha-like`` mimics a Home Assistant core checkout: ``OUTDIR/homeassistant/components/<domain>/``
with full-size integrations, ``--platform-count`` of them shipping ``application_credentials.py``
(plus a few ``developer_credentials.py`` integrations on top), and
``OUTDIR/homeassistant/generated/application_credentials.py``. ``--large-siblings N`` gives
the first N of them a large ``__init__.py`` and ``config_flow.py`` (40-50 KB each, as Home
Assistant 2026.11's teslemetry, overkiz, vicare and mcp have): service handlers, entity
descriptions, an import of a YAML client ID as an application credential (from a local
variable: no finding), and, in every other one, the syntax of newer Pythons (``except A, B:``
of 3.14, ``type X = ...`` of 3.12) that this interpreter's ``ast`` cannot read.

``stress`` makes ``--count`` small integrations, every one with a platform module, split into
``--shards`` folders ``OUTDIR/hacs_NN/custom_components/<domain>/`` of equal size (shard 0 is
the first ``count / shards`` integrations, and so on). About half are clean; the rest carry one
or two defects from :data:`DEFECTS`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR_VERSION = 1
DEV_CREDS_EXTRA = 3  # ha-like: developer_credentials integrations on top of --platform-count

# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

SYLLABLES = (
    "ar", "bel", "cor", "dan", "el", "fin", "gor", "hal", "ix", "jun",
    "kal", "lum", "mar", "nor", "ol", "pax", "quin", "rho", "sol", "tek",
    "ul", "ven", "wyn", "xar", "yor", "zen", "bri", "cal", "dro", "fen",
    "gla", "hex", "iro", "kor", "lyn", "mio", "nex", "ori", "pel", "sky",
)  # fmt: skip
_SPACE = len(SYLLABLES) ** 3
_STRIDE = 7919  # prime, coprime with _SPACE: index -> name is a bijection inside the space

SPACE_OAUTH, SPACE_DEVCRED, SPACE_REGULAR, SPACE_STRESS = 0, 100, 200, 12_000


def domain_name(index: int) -> str:
    """A unique, pronounceable integration domain for ``index`` (never collides)."""
    k = (index * _STRIDE + 4_242) % _SPACE
    n = len(SYLLABLES)
    name = SYLLABLES[k // (n * n)] + SYLLABLES[(k // n) % n] + SYLLABLES[k % n]
    if index >= _SPACE:
        name += str(index // _SPACE)
    return name


def title(domain: str) -> str:
    return domain.capitalize()


def camel(domain: str) -> str:
    return "".join(part.capitalize() for part in domain.split("_"))


# --------------------------------------------------------------------------------------------
# Shared small files
# --------------------------------------------------------------------------------------------

IOT_CLASSES = ("cloud_polling", "cloud_push", "local_polling", "local_push")
REQ_WORDS = ("api", "client", "py", "aio", "sdk", "connect", "cloud", "lib")


def requirement(domain: str, rng: random.Random) -> str:
    style = rng.randrange(4)
    name = {
        0: f"py{domain}",
        1: f"{domain}-api",
        2: f"aio{domain}",
        3: f"{domain}-{rng.choice(REQ_WORDS)}",
    }[style]
    return f"{name}=={rng.randint(0, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 12)}"


def manifest(
    domain: str,
    rng: random.Random,
    *,
    config_flow: bool,
    dependencies: list[str] | None,
    iot_class: str | None = None,
) -> str:
    data: dict[str, object] = {
        "domain": domain,
        "name": title(domain),
        "codeowners": [f"@{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}{rng.randint(1, 99)}"],
    }
    if config_flow:
        data["config_flow"] = True
    if dependencies is not None:
        data["dependencies"] = dependencies
    data["documentation"] = f"https://www.home-assistant.io/integrations/{domain}"
    if rng.random() < 0.4:
        data["integration_type"] = rng.choice(("hub", "device", "service"))
    data["iot_class"] = iot_class or rng.choice(IOT_CLASSES)
    if rng.random() < 0.5:
        data["loggers"] = [f"{domain}_client"]
    data["requirements"] = [requirement(domain, rng)]
    return json.dumps(data, indent=2) + "\n"


def oauth_const(domain: str, host: str, rng: random.Random, *, token_scheme: str = "https") -> str:
    scopes = rng.sample(("read", "write", "offline_access", "devices", "profile", "control"), 3)
    lines = [
        f'"""Constants for the {title(domain)} integration."""',
        "",
        f'DOMAIN = "{domain}"',
        "",
        f'OAUTH2_AUTHORIZE = "https://{host}/oauth2/authorize"',
        f'OAUTH2_TOKEN = "{token_scheme}://{host}/oauth2/token"',
        f"SCOPES = {scopes!r}".replace("'", '"'),
        "",
        f"DEFAULT_SCAN_INTERVAL = {rng.choice((30, 60, 120, 300))}",
        'ATTR_DEVICE_ID = "device_id"',
        "",
    ]
    return "\n".join(lines)


def oauth_strings(domain: str, placeholders: Sequence[str]) -> str:
    data: dict[str, object] = {
        "config": {
            "step": {
                "pick_implementation": {
                    "title": "[%key:common::config_flow::title::oauth2_pick_implementation%]"
                },
                "reauth_confirm": {
                    "title": "[%key:common::config_flow::title::reauth%]",
                    "description": f"The {title(domain)} integration needs to re-authenticate.",
                },
            },
            "abort": {
                "already_configured": "[%key:common::config_flow::abort::already_configured%]",
                "missing_configuration": "[%key:common::config_flow::abort::oauth2_missing_configuration%]",
                "authorize_url_timeout": "[%key:common::config_flow::abort::oauth2_authorize_url_timeout%]",
                "no_url_available": "[%key:common::config_flow::abort::oauth2_no_url_available%]",
                "oauth_error": "[%key:common::config_flow::abort::oauth2_error%]",
                "reauth_successful": "[%key:common::config_flow::abort::reauth_successful%]",
            },
            "create_entry": {"default": "[%key:common::config_flow::create_entry::authenticated%]"},
        },
    }
    if placeholders:
        text = " ".join(f"{{{name}}}" for name in placeholders)
        data["application_credentials"] = {
            "description": f"Create an OAuth application for {title(domain)} ({text}) "
            "and enter its client ID and secret below."
        }
    return json.dumps(data, indent=2) + "\n"


def oauth_config_flow(domain: str, rng: random.Random) -> str:
    name = title(domain)
    if rng.random() < 0.5:
        imports = "from homeassistant.helpers import config_entry_oauth2_flow"
        base = "config_entry_oauth2_flow.AbstractOAuth2FlowHandler"
    else:
        imports = (
            "from homeassistant.helpers.config_entry_oauth2_flow import AbstractOAuth2FlowHandler"
        )
        base = "AbstractOAuth2FlowHandler"
    return f'''"""Config flow for {name}."""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any

from homeassistant.config_entries import SOURCE_REAUTH, ConfigFlowResult
{imports}

from .const import DOMAIN, SCOPES


class OAuth2FlowHandler({base}, domain=DOMAIN):
    """Config flow to handle {name} OAuth2 authentication."""

    DOMAIN = DOMAIN
    VERSION = 1

    @property
    def logger(self) -> logging.Logger:
        """Return the logger of this flow."""
        return logging.getLogger(__name__)

    @property
    def extra_authorize_data(self) -> dict[str, Any]:
        """Extra data to append to the authorize URL."""
        return {{"scope": " ".join(SCOPES)}}

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """Perform reauth after the token stopped working."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Confirm that the user wants to re-authenticate."""
        if user_input is None:
            return self.async_show_form(step_id="reauth_confirm")
        return await self.async_step_user()

    async def async_oauth_create_entry(self, data: dict[str, Any]) -> ConfigFlowResult:
        """Create or update the config entry for the account."""
        user_id = str(data["token"].get("user_id", "{domain}"))
        await self.async_set_unique_id(user_id)
        if self.source == SOURCE_REAUTH:
            self._abort_if_unique_id_mismatch(reason="wrong_account")
            return self.async_update_reload_and_abort(self._get_reauth_entry(), data=data)
        self._abort_if_unique_id_configured()
        return self.async_create_entry(title="{name}", data=data)
'''


# --------------------------------------------------------------------------------------------
# Platform modules (application_credentials.py / developer_credentials.py)
# --------------------------------------------------------------------------------------------

APP_FILE = "application_credentials.py"
DEV_FILE = "developer_credentials.py"
APP_COMPONENT = "homeassistant.components.application_credentials"
DEV_COMPONENT = "homeassistant.components.developer_credentials"

MISSPELLED_FILES = {
    "app": ("application_credential.py", "application-credentials.py",
            "Application_Credentials.py", "applicaton_credentials.py"),
    "dev": ("developer_credentails.py", "developer_credential.py",
            "developer-credentials.py", "Developer_Credentials.py"),
}  # fmt: skip
MISSPELLED_HOOKS = {
    "async_get_authorization_server": (
        "async_get_authorisation_server",
        "async_get_authorization_sever",
        "get_authorization_server",
        "async_get_autorization_server",
    ),
    "async_get_auth_implementation": (
        "async_get_auth_implementaton",
        "async_get_auth_implemention",
        "get_auth_implementation",
    ),
}
DEFECTS: dict[str, float] = {  # name -> relative weight among defective stress integrations
    "sync_hook": 3,
    "self_param": 3,
    "misspelled_hook": 2,
    "missing_token_url": 2,
    "http_url": 2,
    "hardcoded_secret": 2,
    "misspelled_file": 2,
    "missing_dependency": 3,
    "unknown_field": 1,
    "malformed_import": 1,
}
EXPECTED_CODES: dict[str, tuple[str, ...]] = {  # defect -> the codes a correct checker reports
    "sync_hook": ("DC203",),
    "self_param": ("DC205",),
    "misspelled_hook": ("DC202",),
    "missing_token_url": ("DC301",),
    "http_url": ("DC305",),
    "hardcoded_secret": ("DC501", "DC502"),  # both the client ID and the secret are literals
    "misspelled_file": ("DC101",),
    "missing_dependency": ("DC601",),
    "unknown_field": ("DC302", "DC301"),  # `authorization_url` is no near miss of authorize_url
    "malformed_import": ("DC102",),
}


@dataclass
class PlatformSpec:
    """What one platform module looks like; defects are toggles on a clean module."""

    domain: str
    profile: str  # "app" | "dev"
    host: str
    use_const: bool = True
    placeholders: tuple[str, ...] = ()
    implementation: bool = False  # app: custom AuthImplementation + async_get_auth_implementation
    server_hook: bool = True
    yaml_credential: bool = False  # dev: async_get_developer_credential from configuration.yaml
    defects: set[str] = field(default_factory=set)

    @property
    def file_name(self) -> str:
        return APP_FILE if self.profile == "app" else DEV_FILE

    @property
    def component(self) -> str:
        return APP_COMPONENT if self.profile == "app" else DEV_COMPONENT


def _server_call(spec: PlatformSpec, indent: str) -> list[str]:
    auth_kw = "authorization_url" if "unknown_field" in spec.defects else "authorize_url"
    if spec.use_const:
        authorize, token = "OAUTH2_AUTHORIZE", "OAUTH2_TOKEN"
    else:
        scheme = "http" if "http_url" in spec.defects else "https"
        authorize = f'"https://{spec.host}/oauth/authorize"'
        token = f'"{scheme}://{spec.host}/oauth/token"'
    lines = [f"{indent}AuthorizationServer(", f"{indent}    {auth_kw}={authorize},"]
    if "missing_token_url" not in spec.defects:
        lines.append(f"{indent}    token_url={token},")
    lines.append(f"{indent})")
    return lines


def _hook_def(spec: PlatformSpec, name: str, params: str, returns: str, main: bool) -> str:
    if main and "misspelled_hook" in spec.defects:
        name = random.Random(spec.domain).choice(MISSPELLED_HOOKS[name])
    prefix = "def" if main and "sync_hook" in spec.defects else "async def"
    if main and "self_param" in spec.defects:
        params = "self, " + params
    line = f"{prefix} {name}({params}) -> {returns}:"
    if len(line) <= 100:
        return line
    return f"{prefix} {name}(\n    {params}\n) -> {returns}:"


def _imports(spec: PlatformSpec) -> list[str]:
    names = ["AuthorizationServer"]
    if spec.profile == "app" and spec.implementation:
        names = ["AuthImplementation", "AuthorizationServer", "ClientCredential"]
    elif spec.profile == "app" and "hardcoded_secret" in spec.defects:
        names = ["AuthorizationServer", "ClientCredential"]
    elif spec.profile == "dev" and (spec.yaml_credential or "hardcoded_secret" in spec.defects):
        names = ["AuthorizationServer", "DeveloperCredential"]
    out = ["from typing import Any", ""] if spec.implementation else []
    if "malformed_import" in spec.defects:  # the seed document's mistake: no `import` keyword
        out += [f"from {spec.component}.{name}" for name in names]
    elif len(names) == 1:
        out.append(f"from {spec.component} import {names[0]}")
    else:
        out += [f"from {spec.component} import (", *[f"    {n}," for n in names], ")"]
    if spec.profile == "dev" and spec.yaml_credential:
        out.append("from homeassistant.const import CONF_CLIENT_ID, CONF_CLIENT_SECRET")
    out.append("from homeassistant.core import HomeAssistant")
    if spec.implementation:
        out.append("from homeassistant.helpers import config_entry_oauth2_flow")
    local = ["OAUTH2_AUTHORIZE", "OAUTH2_TOKEN"] if spec.use_const else []
    if spec.implementation:
        local.append("SCOPES")
    if spec.profile == "dev" and spec.yaml_credential:
        local.insert(0, "DOMAIN")
    if local:
        out += ["", f"from .const import {', '.join(local)}"]
    return out


def platform_module(spec: PlatformSpec) -> str:
    """The platform module's text: top-level blocks separated by two blank lines."""
    kind = "Application" if spec.profile == "app" else "Developer"
    head = [f'"""{kind} credentials platform for the {title(spec.domain)} integration."""', ""]
    head += _imports(spec)
    blocks: list[list[str]] = []
    if "hardcoded_secret" in spec.defects:
        digest = random.Random(spec.domain + "secret")
        blocks.append([
            f'CLIENT_ID = "{digest.getrandbits(64):016x}.apps.{spec.domain}"',
            f'CLIENT_SECRET = "{digest.getrandbits(128):032x}"',
        ])  # fmt: skip
    if spec.implementation:
        blocks.append(_implementation_class(spec))
    if spec.server_hook:
        call = _server_call(spec, "    ")
        blocks.append([
            _hook_def(spec, "async_get_authorization_server", "hass: HomeAssistant",
                      "AuthorizationServer", main=True),
            '    """Return the authorization server of the account service."""',
            "    return " + call[0].lstrip(),
            *call[1:],
        ])  # fmt: skip
    if spec.implementation:
        blocks.append([
            _hook_def(spec, "async_get_auth_implementation",
                      "hass: HomeAssistant, auth_domain: str, credential: ClientCredential",
                      "config_entry_oauth2_flow.AbstractOAuth2Implementation",
                      main=not spec.server_hook),
            '    """Return an auth implementation that sends credentials in the body."""',
            f"    return {camel(spec.domain)}OAuth2Implementation(",
            "        hass,",
            "        auth_domain,",
            "        credential,",
            *_server_call(spec, "        ")[:-1],
            "        ),",
            "    )",
        ])  # fmt: skip
    if spec.placeholders:
        targets = [(p, _placeholder_target(spec, p)) for p in spec.placeholders]
        blocks.append([
            _hook_def(spec, "async_get_description_placeholders", "hass: HomeAssistant",
                      "dict[str, str]", main=False),
            '    """Return the placeholders of the credentials dialog description."""',
            "    return {",
            *[f'        "{p}": "https://{target}",' for p, target in targets],
            "    }",
        ])  # fmt: skip
    if spec.profile == "dev" and (spec.yaml_credential or "hardcoded_secret" in spec.defects):
        if "hardcoded_secret" in spec.defects:
            body = ["    return DeveloperCredential(", "        client_id=CLIENT_ID,",
                    "        client_secret=CLIENT_SECRET,", "    )"]  # fmt: skip
        else:
            body = ["    conf = hass.data[DOMAIN]", "    return DeveloperCredential(",
                    "        client_id=conf[CONF_CLIENT_ID],",
                    "        client_secret=conf[CONF_CLIENT_SECRET],", "    )"]  # fmt: skip
        blocks.append([
            _hook_def(spec, "async_get_developer_credential", "hass: HomeAssistant",
                      "DeveloperCredential", main=False),
            '    """Return the developer credential once configured in configuration.yaml."""',
            *body,
        ])  # fmt: skip
    elif spec.profile == "app" and "hardcoded_secret" in spec.defects:
        blocks.append([
            "def default_credential() -> ClientCredential:",
            '    """Return the credential shipped for the public test account."""',
            '    return ClientCredential(CLIENT_ID, CLIENT_SECRET, name="Test account")',
        ])  # fmt: skip
    text = "\n".join(head) + "\n\n\n" + "\n\n\n".join("\n".join(b) for b in blocks)
    return text + "\n"


def _placeholder_target(spec: PlatformSpec, name: str) -> str:
    if name == "redirect_url":
        return "my.home-assistant.io/redirect/oauth"
    return f"developer.{spec.host.split('.', 1)[1]}/{name.removesuffix('_url')}"


def _implementation_class(spec: PlatformSpec) -> list[str]:
    cls = f"{camel(spec.domain)}OAuth2Implementation"
    return [
        f"class {cls}(AuthImplementation):",
        '    """Auth implementation that sends the client credentials in the request body."""',
        "",
        "    @property",
        "    def extra_authorize_data(self) -> dict[str, Any]:",
        '        """Extra data appended to the authorize URL."""',
        '        return {"scope": " ".join(SCOPES), "access_type": "offline"}',
        "",
        "    async def _token_request(self, data: dict[str, Any]) -> dict[str, Any]:",
        '        """Make a token request with the credentials in the body."""',
        '        data["client_id"] = self.client_id',
        '        data["client_secret"] = self.client_secret',
        "        return await super()._token_request(data)",
    ]


# --------------------------------------------------------------------------------------------
# ha-like: full-size integrations
# --------------------------------------------------------------------------------------------

ENTITY_PLATFORMS: dict[str, dict[str, str]] = {
    "sensor": {"entity": "SensorEntity", "state": "native_value", "ret": "StateType"},
    "binary_sensor": {"entity": "BinarySensorEntity", "state": "is_on", "ret": "bool | None"},
    "switch": {"entity": "SwitchEntity", "state": "is_on", "ret": "bool | None",
               "actions": "async_turn_on,async_turn_off"},
    "light": {"entity": "LightEntity", "state": "is_on", "ret": "bool | None",
              "actions": "async_turn_on,async_turn_off"},
    "number": {"entity": "NumberEntity", "state": "native_value", "ret": "float | None",
               "actions": "async_set_native_value"},
    "select": {"entity": "SelectEntity", "state": "current_option", "ret": "str | None",
               "actions": "async_select_option"},
    "button": {"entity": "ButtonEntity", "state": "", "ret": "", "actions": "async_press"},
    "cover": {"entity": "CoverEntity", "state": "is_closed", "ret": "bool | None",
              "actions": "async_open_cover,async_close_cover,async_stop_cover"},
    "lock": {"entity": "LockEntity", "state": "is_locked", "ret": "bool | None",
             "actions": "async_lock,async_unlock"},
    "fan": {"entity": "FanEntity", "state": "is_on", "ret": "bool | None",
            "actions": "async_turn_on,async_turn_off,async_set_percentage"},
}  # fmt: skip
KEY_WORDS = (
    "battery", "signal", "temperature", "humidity", "power", "energy", "voltage", "current",
    "pressure", "co2", "uptime", "firmware", "status", "mode", "level", "speed", "filter",
    "water", "gas", "door", "window", "motion", "noise", "wind", "rain", "solar", "grid",
    "load", "fan", "pump", "valve", "heater", "light", "charge", "tank", "air_quality",
)  # fmt: skip
KEY_SUFFIXES = ("", "_today", "_total", "_max", "_min", "_average", "_rate", "_state", "_alarm")
UNITS = ("PERCENTAGE", "UnitOfTemperature.CELSIUS", "UnitOfPower.WATT",
         "UnitOfEnergy.KILO_WATT_HOUR", "UnitOfTime.SECONDS", None, None)  # fmt: skip
ACTION_PARAMS = {
    "async_turn_on": "self, **kwargs: Any",
    "async_turn_off": "self, **kwargs: Any",
    "async_set_native_value": "self, value: float",
    "async_select_option": "self, option: str",
    "async_press": "self",
    "async_open_cover": "self, **kwargs: Any",
    "async_close_cover": "self, **kwargs: Any",
    "async_stop_cover": "self, **kwargs: Any",
    "async_lock": "self, **kwargs: Any",
    "async_unlock": "self, **kwargs: Any",
    "async_set_percentage": "self, percentage: int",
}


def entity_platform(domain: str, platform: str, rng: random.Random) -> str:
    """A plausible entity platform module of 150-600 lines."""
    info = ENTITY_PLATFORMS[platform]
    target = rng.randint(150, 600)
    name, cls = title(domain), camel(domain)
    pcls = camel(platform)
    desc = f"{cls}{pcls}EntityDescription"
    entity = f"{cls}{pcls}"
    const_name = f"{platform.upper()}_DESCRIPTIONS"
    actions = [a for a in info.get("actions", "").split(",") if a]
    head = [
        f'"""Support for {name} {platform.replace("_", " ")} entities."""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Awaitable, Callable",
        "from dataclasses import dataclass",
        "import logging",
        "from typing import Any",
        "",
        f"from homeassistant.components.{platform} import {info['entity']}, "
        f"{info['entity']}Description",
        "from homeassistant.const import (",
        "    PERCENTAGE,",
        "    EntityCategory,",
        "    UnitOfEnergy,",
        "    UnitOfPower,",
        "    UnitOfTemperature,",
        "    UnitOfTime,",
        ")",
        "from homeassistant.core import HomeAssistant, callback",
        "from homeassistant.helpers.device_registry import DeviceInfo",
        "from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback",
        "from homeassistant.helpers.typing import StateType",
        "from homeassistant.helpers.update_coordinator import CoordinatorEntity",
        "",
        f"from . import {cls}ConfigEntry, {cls}Coordinator",
        "from .const import DOMAIN",
        "",
        "_LOGGER = logging.getLogger(__name__)",
        "",
        f"PARALLEL_UPDATES = {rng.choice((0, 1))}",
        "",
        "",
        "@dataclass(frozen=True, kw_only=True)",
        f"class {desc}({info['entity']}Description):",
        f'    """Describes a {name} {platform.replace("_", " ")} entity."""',
        "",
        "    value_fn: Callable[[dict[str, Any]], Any]",
        "    available_fn: Callable[[dict[str, Any]], bool] = lambda data: True",
    ]
    if actions:
        head.append("    action_fn: Callable[[Any, str, Any], Awaitable[None]] | None = None")
    head += ["", ""]

    tail = _entity_tail(name, cls, platform, info, desc, entity, const_name, actions, rng)
    keys = [w + s for w in KEY_WORDS for s in KEY_SUFFIXES]
    rng.shuffle(keys)
    body = [f"{const_name}: tuple[{desc}, ...] = ("]
    budget = target - len(head) - len(tail) - 2
    while keys and (len(body) < budget or len(body) < 8):
        body += _description(desc, keys.pop(), platform, actions, rng)
    body += [")", "", ""]
    return "\n".join(head + body + tail).rstrip("\n") + "\n"


def _description(
    desc: str, key: str, platform: str, actions: list[str], rng: random.Random
) -> list[str]:
    path = key.split("_")
    access = "".join(f'["{p}"]' for p in path[:2])
    lines = [f"    {desc}(", f'        key="{key}",', f'        translation_key="{key}",']
    unit = rng.choice(UNITS)
    if platform in ("sensor", "number") and unit:
        lines.append(f"        native_unit_of_measurement={unit},")
    if rng.random() < 0.25:
        lines.append("        entity_category=EntityCategory.DIAGNOSTIC,")
    if rng.random() < 0.2:
        lines.append("        entity_registry_enabled_default=False,")
    if platform == "binary_sensor" or platform in ("switch", "light", "lock", "fan", "cover"):
        lines.append(f'        value_fn=lambda data: bool(data.get("{path[0]}", {{}}).get("on")),')
    else:
        lines.append(f"        value_fn=lambda data: data{access},")
    if rng.random() < 0.3:
        lines.append(f'        available_fn=lambda data: "{path[0]}" in data,')
    if actions:
        lines.append(
            f'        action_fn=lambda client, device_id, value: client.async_set(device_id, "{key}", value),'
        )
    lines.append("    ),")
    return lines


def _entity_tail(
    name: str,
    cls: str,
    platform: str,
    info: dict[str, str],
    desc: str,
    entity: str,
    const_name: str,
    actions: list[str],
    rng: random.Random,
) -> list[str]:
    out = [
        "async def async_setup_entry(",
        "    hass: HomeAssistant,",
        f"    entry: {cls}ConfigEntry,",
        "    async_add_entities: AddConfigEntryEntitiesCallback,",
        ") -> None:",
        f'    """Set up {name} {platform.replace("_", " ")} entities from a config entry."""',
        "    coordinator = entry.runtime_data",
        "    known: set[str] = set()",
        "",
        "    @callback",
        "    def _async_add_new_devices() -> None:",
        '        """Add entities for devices that appeared since the last update."""',
        "        new = set(coordinator.data) - known",
        "        if not new:",
        "            return",
        "        known.update(new)",
        "        async_add_entities(",
        f"            {entity}(coordinator, device_id, description)",
        "            for device_id in new",
        f"            for description in {const_name}",
        '            if description.key.split("_")[0] in coordinator.data[device_id]',
        "        )",
        "",
        "    _async_add_new_devices()",
        "    entry.async_on_unload(coordinator.async_add_listener(_async_add_new_devices))",
        "",
        "",
        f"class {entity}(CoordinatorEntity[{cls}Coordinator], {info['entity']}):",
        f'    """A {name} {platform.replace("_", " ")} entity."""',
        "",
        "    _attr_has_entity_name = True",
        f"    entity_description: {desc}",
        "",
        "    def __init__(",
        "        self,",
        f"        coordinator: {cls}Coordinator,",
        "        device_id: str,",
        f"        description: {desc},",
        "    ) -> None:",
        '        """Initialize the entity."""',
        "        super().__init__(coordinator)",
        "        self.entity_description = description",
        "        self._device_id = device_id",
        '        self._attr_unique_id = f"{device_id}_{description.key}"',
        "        device = coordinator.data[device_id]",
        "        self._attr_device_info = DeviceInfo(",
        "            identifiers={(DOMAIN, device_id)},",
        f'            manufacturer="{name}",',
        '            model=device.get("model"),',
        '            name=device.get("name", device_id),',
        '            sw_version=device.get("firmware"),',
        "        )",
        "",
        "    @property",
        "    def device_data(self) -> dict[str, Any]:",
        '        """Return the latest data of this entity\'s device."""',
        "        return self.coordinator.data.get(self._device_id, {})",
        "",
        "    @property",
        "    def available(self) -> bool:",
        '        """Return whether the device reported this value recently."""',
        "        return (",
        "            super().available",
        "            and self._device_id in self.coordinator.data",
        "            and self.entity_description.available_fn(self.device_data)",
        "        )",
        "",
    ]
    if info["state"]:
        out += [
            "    @property",
            f"    def {info['state']}(self) -> {info['ret']}:",
            '        """Return the state reported by the device."""',
            "        try:",
            "            return self.entity_description.value_fn(self.device_data)",
            "        except (KeyError, TypeError):",
            '            _LOGGER.debug("No value for %s", self.entity_id)',
            "            return None",
            "",
        ]
    for action in actions:
        params = ACTION_PARAMS[action]
        arg = params.split(", ")[1].split(":")[0].lstrip("*") if ", " in params else "None"
        out += [
            f"    async def {action}({params}) -> None:",
            f'        """Handle {action.removeprefix("async_").replace("_", " ")}."""',
            "        if self.entity_description.action_fn is None:",
            f'            raise NotImplementedError("{action} is not supported")',
            "        await self.entity_description.action_fn(",
            f"            self.coordinator.client, self._device_id, {arg}",
            "        )",
            "        await self.coordinator.async_request_refresh()",
            "",
        ]
    if rng.random() < 0.6:
        out += [
            "    @property",
            "    def extra_state_attributes(self) -> dict[str, Any]:",
            '        """Return diagnostic attributes of the device."""',
            "        data = self.device_data",
            "        return {",
            '            "last_seen": data.get("last_seen"),',
            '            "rssi": data.get("rssi"),',
            '            "source": data.get("source", "cloud"),',
            "        }",
            "",
        ]
    if rng.random() < 0.5:
        out += [
            "    @callback",
            "    def _handle_coordinator_update(self) -> None:",
            '        """Log devices that went missing before writing the new state."""',
            "        if self._device_id not in self.coordinator.data:",
            '            _LOGGER.info("Device %s is no longer reported", self._device_id)',
            "        super()._handle_coordinator_update()",
            "",
        ]
    return out


def regular_const(domain: str, rng: random.Random) -> str:
    lines = [
        f'"""Constants for the {title(domain)} integration."""',
        "",
        "from datetime import timedelta",
        "from typing import Final",
        "",
        f'DOMAIN: Final = "{domain}"',
        f"DEFAULT_PORT: Final = {rng.choice((80, 443, 8080, 8123, 1883, 5000))}",
        f"SCAN_INTERVAL = timedelta(seconds={rng.choice((10, 30, 60, 300))})",
        "",
        'CONF_DEVICE_ID: Final = "device_id"',
        'CONF_SERIAL: Final = "serial"',
        'ATTR_FIRMWARE: Final = "firmware"',
        "",
    ]
    return "\n".join(lines)


def regular_config_flow(domain: str) -> str:
    name, cls = title(domain), camel(domain)
    return f'''"""Config flow for the {name} integration."""

from __future__ import annotations

import logging
from typing import Any

import voluptuous as vol

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_PORT, CONF_USERNAME
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .const import DEFAULT_PORT, DOMAIN

_LOGGER = logging.getLogger(__name__)

STEP_USER_DATA_SCHEMA = vol.Schema(
    {{
        vol.Required(CONF_HOST): str,
        vol.Optional(CONF_PORT, default=DEFAULT_PORT): int,
        vol.Optional(CONF_USERNAME): str,
        vol.Optional(CONF_PASSWORD): str,
    }}
)


class CannotConnect(Exception):
    """Error to indicate we cannot connect."""


class InvalidAuth(Exception):
    """Error to indicate there is invalid auth."""


async def validate_input(hass: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Validate that the user input allows us to connect."""
    session = async_get_clientsession(hass)
    url = f"http://{{data[CONF_HOST]}}:{{data[CONF_PORT]}}/api/info"
    async with session.get(url, timeout=10) as response:
        if response.status == 401:
            raise InvalidAuth
        if response.status != 200:
            raise CannotConnect
        info = await response.json()
    return {{"title": info.get("name", "{name}"), "serial": info["serial"]}}


class {cls}ConfigFlow(ConfigFlow, domain=DOMAIN):
    """Handle a config flow for {name}."""

    VERSION = 1

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Handle the initial step."""
        errors: dict[str, str] = {{}}
        if user_input is not None:
            try:
                info = await validate_input(self.hass, user_input)
            except CannotConnect:
                errors["base"] = "cannot_connect"
            except InvalidAuth:
                errors["base"] = "invalid_auth"
            except Exception:
                _LOGGER.exception("Unexpected exception")
                errors["base"] = "unknown"
            else:
                await self.async_set_unique_id(info["serial"])
                self._abort_if_unique_id_configured()
                return self.async_create_entry(title=info["title"], data=user_input)
        return self.async_show_form(
            step_id="user", data_schema=STEP_USER_DATA_SCHEMA, errors=errors
        )
'''


def regular_strings(domain: str) -> str:
    data = {
        "config": {
            "step": {
                "user": {
                    "data": {
                        "host": "[%key:common::config_flow::data::host%]",
                        "port": "[%key:common::config_flow::data::port%]",
                        "username": "[%key:common::config_flow::data::username%]",
                        "password": "[%key:common::config_flow::data::password%]",
                    },
                    "data_description": {"host": f"The address of your {title(domain)} hub."},
                }
            },
            "error": {
                "cannot_connect": "[%key:common::config_flow::error::cannot_connect%]",
                "invalid_auth": "[%key:common::config_flow::error::invalid_auth%]",
                "unknown": "[%key:common::config_flow::error::unknown%]",
            },
            "abort": {
                "already_configured": "[%key:common::config_flow::abort::already_configured_device%]"
            },
        }
    }
    return json.dumps(data, indent=2) + "\n"


def integration_init(domain: str, platforms: Sequence[str], *, oauth: bool) -> str:
    name, cls = title(domain), camel(domain)
    plats = ", ".join(f"Platform.{p.upper()}" for p in platforms)
    if oauth:
        setup = f"""    implementation = (
        await config_entry_oauth2_flow.async_get_config_entry_implementation(hass, entry)
    )
    session = config_entry_oauth2_flow.OAuth2Session(hass, entry, implementation)
    try:
        await session.async_ensure_token_valid()
    except ClientResponseError as err:
        if 400 <= err.status < 500:
            raise ConfigEntryAuthFailed("The {name} token is no longer valid") from err
        raise ConfigEntryNotReady from err
    client = {cls}Client(session)"""
        imports = (
            "from aiohttp import ClientResponseError\n\n"
            "from homeassistant.helpers import config_entry_oauth2_flow"
        )
    else:
        setup = f"""    client = {cls}Client(
        async_get_clientsession(hass), entry.data[CONF_HOST], entry.data[CONF_PORT]
    )"""
        imports = (
            "from homeassistant.const import CONF_HOST, CONF_PORT\n"
            "from homeassistant.helpers.aiohttp_client import async_get_clientsession"
        )
    return f'''"""The {name} integration."""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import Any

{imports}
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed, ConfigEntryNotReady
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)

PLATFORMS: list[Platform] = [{plats}]


class {cls}Client:
    """Thin asynchronous client of the {name} service."""

    def __init__(self, session: Any, *args: Any) -> None:
        """Store the session used for requests."""
        self._session = session
        self._args = args

    async def async_get_devices(self) -> dict[str, dict[str, Any]]:
        """Return every device with its latest state, keyed by device id."""
        response = await self._session.async_request("get", "devices")
        response.raise_for_status()
        return {{device["id"]: device for device in await response.json()}}

    async def async_set(self, device_id: str, key: str, value: Any) -> None:
        """Change one setting of a device."""
        await self._session.async_request(
            "post", f"devices/{{device_id}}/{{key}}", json={{"value": value}}
        )


class {cls}Coordinator(DataUpdateCoordinator[dict[str, dict[str, Any]]]):
    """Poll the {name} service for all devices."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry, client: {cls}Client) -> None:
        """Initialize the coordinator."""
        super().__init__(
            hass,
            _LOGGER,
            config_entry=entry,
            name=DOMAIN,
            update_interval=timedelta(seconds=60),
        )
        self.client = client

    async def _async_update_data(self) -> dict[str, dict[str, Any]]:
        """Fetch the latest device states."""
        try:
            return await self.client.async_get_devices()
        except Exception as err:
            raise UpdateFailed(f"Error talking to {name}: {{err}}") from err


{cls}ConfigEntry = ConfigEntry[{cls}Coordinator]


async def async_setup_entry(hass: HomeAssistant, entry: {cls}ConfigEntry) -> bool:
    """Set up {name} from a config entry."""
{setup}
    coordinator = {cls}Coordinator(hass, entry, client)
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = coordinator
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: {cls}ConfigEntry) -> bool:
    """Unload a config entry."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
'''


def _large_handlers(domain: str, rng: random.Random, count: int, newer: bool) -> str:
    """``count`` service handlers and entity descriptions of about 700 bytes each."""
    cls = camel(domain)
    # Python 3.14 (PEP 758) drops the parentheses only without ``as``.
    caught = (
        "ClientResponseError, TimeoutError:"
        if newer
        else "(ClientResponseError, TimeoutError) as err:"
    )
    cause = "None" if newer else "err"
    parts: list[str] = []
    for k in range(count):
        key = f"{rng.choice(('charge', 'climate', 'seat', 'window', 'media', 'lock'))}_{k}"
        limit = rng.randint(5, 95)
        parts.append(f'''

async def async_handle_{key}(call: ServiceCall) -> None:
    """Handle the {key.replace("_", " ")} service of {title(domain)}."""
    entry_id: str = call.data[ATTR_CONFIG_ENTRY_ID]
    entry = call.hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN:
        raise ServiceValidationError(f"Unknown entry {{entry_id}}")
    value = int(call.data.get("value", {limit}))
    if not 0 <= value <= 100:
        raise ServiceValidationError(f"{key} must be between 0 and 100, got {{value}}")
    try:
        await entry.runtime_data.client.async_set(call.data["device_id"], "{key}", value)
    except {caught}
        raise HomeAssistantError(f"Could not set {key} to {{value}}") from {cause}


{key.upper()}_DESCRIPTION = {cls}Description(
    key="{key}",
    translation_key="{key}",
    native_min_value=0,
    native_max_value=100,
    value_fn=lambda data: data.get("{key}", {limit}),
)''')
    return "".join(parts)


def large_init(domain: str, platforms: Sequence[str], rng: random.Random, newer: bool) -> str:
    """A 40-50 KB ``__init__.py``: the regular one, a YAML client ID imported as an
    application credential (a local variable, so no finding), and many service handlers."""
    alias = (
        f"type {camel(domain)}Data = dict[str, Any]\n"
        if newer
        else f"{camel(domain)}Data = dict[str, Any]\n"
    )
    return (
        integration_init(domain, platforms, oauth=True)
        + f'''

from dataclasses import dataclass
from collections.abc import Callable

from homeassistant.components.application_credentials import (
    ClientCredential,
    async_import_client_credential,
)
from homeassistant.const import ATTR_CONFIG_ENTRY_ID, CONF_CLIENT_ID
from homeassistant.core import ServiceCall
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

{alias}

@dataclass(frozen=True, kw_only=True)
class {camel(domain)}Description:
    """How one value of the service is read."""

    key: str
    translation_key: str
    native_min_value: int
    native_max_value: int
    value_fn: Callable[[dict[str, Any]], int]


async def async_setup(hass: HomeAssistant, config: dict[str, Any]) -> bool:
    """Import a client ID configured in YAML as an application credential."""
    if DOMAIN in config and CONF_CLIENT_ID in config[DOMAIN]:
        client_id = config[DOMAIN][CONF_CLIENT_ID]
        await async_import_client_credential(
            hass, DOMAIN, ClientCredential(client_id, "", name="{title(domain)}")
        )
    return True
'''
        + _large_handlers(domain, rng, rng.randint(40, 46), newer)
    )


def large_config_flow(domain: str, rng: random.Random, newer: bool) -> str:
    """A 40-50 KB ``config_flow.py``: the OAuth2 flow and many validation helpers."""
    return (
        oauth_config_flow(domain, rng)
        + f'''

from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import ServiceCall
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from aiohttp import ClientResponseError
from dataclasses import dataclass
from collections.abc import Callable


@dataclass(frozen=True, kw_only=True)
class {camel(domain)}Description:
    """How one value of the flow is read."""

    key: str
    translation_key: str
    native_min_value: int
    native_max_value: int
    value_fn: Callable[[dict[str, Any]], int]
'''
        + _large_handlers(domain, rng, rng.randint(42, 48), newer)
    )


def write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def make_ha_integration(
    root: Path, domain: str, rng: random.Random, spec: PlatformSpec | None, large: int = 0
) -> None:
    """``large``: 0, or a large ``__init__.py`` and ``config_flow.py`` (2: in the syntax of
    newer Pythons), drawn from their own random generator so the rest stays the same."""
    folder = root / domain
    folder.mkdir()
    platforms = rng.sample(sorted(ENTITY_PLATFORMS), rng.randint(3, 5))
    oauth = spec is not None
    component = [] if spec is None else [spec.component.rsplit(".", 1)[1]]
    if spec is None:
        deps: list[str] | None = rng.choice((None, None, ["http"], ["usb"], ["bluetooth"]))
    else:
        deps = component + rng.choice(([], [], ["http"]))
    write(folder / "manifest.json",
          manifest(domain, rng, config_flow=True, dependencies=deps,
                   iot_class="cloud_polling" if oauth else None))  # fmt: skip
    write(folder / "__init__.py", integration_init(domain, platforms, oauth=oauth))
    if spec is None:
        write(folder / "const.py", regular_const(domain, rng))
        write(folder / "config_flow.py", regular_config_flow(domain))
        write(folder / "strings.json", regular_strings(domain))
    else:
        write(folder / "const.py", oauth_const(domain, spec.host, rng))
        write(folder / "config_flow.py", oauth_config_flow(domain, rng))
        write(folder / "strings.json", oauth_strings(domain, spec.placeholders))
        write(folder / spec.file_name, platform_module(spec))
    for platform in platforms:
        write(folder / f"{platform}.py", entity_platform(domain, platform, rng))
    if large:
        big = random.Random(f"large:{domain}")
        write(folder / "__init__.py", large_init(domain, platforms, big, large == 2))
        write(folder / "config_flow.py", large_config_flow(domain, big, large == 2))


def ha_platform_spec(domain: str, profile: str, rng: random.Random) -> PlatformSpec:
    host = f"{rng.choice(('auth', 'account', 'login', 'api'))}.{domain}.cloud-apis.io"
    spec = PlatformSpec(domain=domain, profile=profile, host=host)
    roll = rng.random()
    if profile == "dev":
        spec.yaml_credential = roll < 0.7
        spec.use_const = True
        return spec
    spec.use_const = rng.random() < 0.75
    if roll < 0.2:
        spec.implementation = True
        spec.server_hook = rng.random() < 0.3
    if rng.random() < 0.35:
        spec.placeholders = tuple(
            rng.sample(("console_url", "redirect_url", "more_info_url", "developer_dashboard_url"),
                       rng.randint(1, 2))
        )  # fmt: skip
    return spec


def generate_ha_like(
    out: Path, count: int, platform_count: int, seed: int, large_siblings: int = 0
) -> dict[str, int]:
    components = out / "homeassistant" / "components"
    components.mkdir(parents=True)
    app_domains: list[str] = []
    modules = 0
    for i in range(platform_count):
        domain = domain_name(SPACE_OAUTH + i)
        rng = random.Random(f"{seed}:oauth:{i}")
        large = (1 + i % 2) if i < large_siblings else 0
        make_ha_integration(components, domain, rng, ha_platform_spec(domain, "app", rng), large)
        app_domains.append(domain)
        modules += 1
    dev = min(DEV_CREDS_EXTRA, max(0, count - platform_count))
    for i in range(dev):
        domain = domain_name(SPACE_DEVCRED + i)
        rng = random.Random(f"{seed}:devcred:{i}")
        make_ha_integration(components, domain, rng, ha_platform_spec(domain, "dev", rng))
        modules += 1
    regular = max(0, count - platform_count - dev)
    for i in range(regular):
        rng = random.Random(f"{seed}:regular:{i}")
        make_ha_integration(components, domain_name(SPACE_REGULAR + i), rng, None)
    generated = out / "homeassistant" / "generated"
    generated.mkdir()
    listing = "\n".join(f'    "{d}",' for d in sorted(app_domains))
    write(
        generated / "application_credentials.py",
        '"""Generated list of the integrations that support application credentials.\n\n'
        'Produced by the benchmark generator; do not edit.\n"""\n\n'
        f"APPLICATION_CREDENTIALS = [\n{listing}\n]\n",
    )
    return {"integrations": platform_count + dev + regular, "platform_modules": modules}


# --------------------------------------------------------------------------------------------
# stress: small integrations, all with a platform module, half of them defective
# --------------------------------------------------------------------------------------------


def stress_spec(index: int, seed: int) -> tuple[PlatformSpec, random.Random]:
    rng = random.Random(f"{seed}:stress:{index}")
    domain = domain_name(SPACE_STRESS + index)
    profile = "dev" if rng.random() < 0.15 else "app"
    host = f"{rng.choice(('auth', 'account', 'login', 'api', 'id'))}.{domain}.cloud-apis.io"
    spec = PlatformSpec(domain=domain, profile=profile, host=host, use_const=rng.random() < 0.5)
    if profile == "app":
        if rng.random() < 0.15:
            spec.implementation = True
            spec.server_hook = rng.random() < 0.5
        if rng.random() < 0.25:
            spec.placeholders = tuple(
                rng.sample(("console_url", "redirect_url", "more_info_url"), rng.randint(1, 2))
            )
    else:
        spec.yaml_credential = rng.random() < 0.5
    if rng.random() < 0.45:
        names = list(DEFECTS)
        weights = [DEFECTS[n] for n in names]
        spec.defects.add(rng.choices(names, weights)[0])
        if rng.random() < 0.15:
            spec.defects.add(rng.choices(names, weights)[0])
    if "malformed_import" in spec.defects:  # one root cause per module: keep the syntax error alone
        spec.defects = {"malformed_import"}
    if {"http_url", "missing_token_url"} <= spec.defects:  # the http:// URL is the token URL
        spec.defects.discard("http_url")
    return spec, rng


def make_stress_integration(root: Path, index: int, seed: int) -> PlatformSpec:
    spec, rng = stress_spec(index, seed)
    folder = root / spec.domain
    folder.mkdir()
    component = spec.component.rsplit(".", 1)[1]
    deps: list[str] | None = [component]
    if "missing_dependency" in spec.defects:
        deps = rng.choice((None, [], ["http"]))
    write(folder / "manifest.json",
          manifest(spec.domain, rng, config_flow=True, dependencies=deps,
                   iot_class="cloud_polling"))  # fmt: skip
    token_scheme = "http" if "http_url" in spec.defects and spec.use_const else "https"
    write(folder / "const.py", oauth_const(spec.domain, spec.host, rng, token_scheme=token_scheme))
    write(folder / "config_flow.py", oauth_config_flow(spec.domain, rng))
    write(folder / "strings.json", oauth_strings(spec.domain, spec.placeholders))
    name = spec.file_name
    if "misspelled_file" in spec.defects:
        name = rng.choice(MISSPELLED_FILES[spec.profile])
    write(folder / name, platform_module(spec))
    return spec


def generate_stress(out: Path, count: int, shards: int, seed: int) -> dict[str, int]:
    shards = max(1, min(shards, count)) if count else 1
    per_shard = -(-count // shards)
    roots = []
    for s in range(shards):
        root = out / f"hacs_{s:02d}" / "custom_components"
        root.mkdir(parents=True)
        roots.append(root)
    defective = 0
    for i in range(count):
        defective += bool(make_stress_integration(roots[i // per_shard], i, seed).defects)
    return {"integrations": count, "platform_modules": count, "defective": defective,
            "shards": shards, "per_shard": per_shard}  # fmt: skip


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("ha-like", "stress"))
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, help="integrations (ha-like 1400, stress 20000)")
    parser.add_argument("--platform-count", type=int, default=45,
                        help="ha-like: integrations with application_credentials.py")  # fmt: skip
    parser.add_argument("--large-siblings", type=int, default=0,
                        help="ha-like: oauth integrations with a 40-50 KB __init__.py and "
                        "config_flow.py (Home Assistant 2026.11 has a handful)")  # fmt: skip
    parser.add_argument("--shards", type=int, default=8, help="stress: number of shard folders")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    out: Path = args.outdir
    if out.exists() and any(out.iterdir()):
        parser.error(f"{out} exists and is not empty; pick a new folder")
    out.mkdir(parents=True, exist_ok=True)
    gen: Callable[[], dict[str, int]]
    if args.kind == "ha-like":
        count = 1400 if args.count is None else args.count
        gen = lambda: generate_ha_like(  # noqa: E731
            out, count, args.platform_count, args.seed, args.large_siblings
        )
    else:
        count = 20_000 if args.count is None else args.count
        gen = lambda: generate_stress(out, count, args.shards, args.seed)  # noqa: E731
    summary = gen()
    summary["generator_version"] = GENERATOR_VERSION
    print(json.dumps({"kind": args.kind, "outdir": os.fspath(out), **summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
