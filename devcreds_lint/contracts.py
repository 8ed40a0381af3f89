"""The credential contracts (profiles) as data.

Rules never name a hook, an object or a module: they walk these tables. Adding a profile is
adding a :class:`Profile` to :data:`PROFILES`, not writing a rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

from devcreds_lint.component_names import APPLICATION_CREDENTIALS_NAMES

CORE = "homeassistant.core"
OAUTH2_FLOW = "homeassistant.helpers.config_entry_oauth2_flow"
APP_CREDS = "homeassistant.components.application_credentials"
DEV_CREDS = "homeassistant.components.developer_credentials"

MANIFEST = "manifest.json"
STRINGS_FILES = ("strings.json", "translations/en.json")
"""Where the integration's English strings are, in order of preference: core integrations
ship ``strings.json``, custom integrations usually only their translations."""
INTEGRATION_FILES = (
    "manifest.json",
    *STRINGS_FILES,
    "config_flow.py",
    "const.py",
    "__init__.py",
)
"""The integration's own files whose contents change its findings (besides the platform
modules), as paths relative to its folder: the cache keys on them, naming one on the command
line (as pre-commit does) checks its integration, and the pre-commit hook's ``files`` pattern
covers them (tests/workspace/test_integration_files.py holds them equal)."""


@dataclass(frozen=True)
class TypeSpec:
    """An annotation the contract accepts.

    ``names[0]`` is what a fix writes; any of ``names`` matches (bare, as the last part of a
    dotted name, or as a string). ``generic`` accepts ``container[args]`` with any of the
    container names. A class defined in the checked module that derives (directly or through
    other classes of that module) from one of ``local_bases`` matches too.
    """

    names: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    args: tuple[str, ...] = ()
    local_bases: tuple[str, ...] = ()

    def render(self) -> str:
        if self.generic:
            return f"{self.generic[0]}[{', '.join(self.args)}]"
        return self.names[0]

    @property
    def import_name(self) -> str | None:
        """The one name a fix must have in scope to write :meth:`render` (None for builtins)."""
        if self.generic:
            return None
        return self.names[0]


class FieldRole(str, Enum):
    """What a field holds, which decides the value checks that apply to it."""

    URL = "url"
    CLIENT_ID = "client_id"
    CLIENT_SECRET = "client_secret"
    TEXT = "text"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    role: FieldRole
    required: bool = True
    nullable: bool = False


@dataclass(frozen=True)
class ObjectSpec:
    """A contract object built by calling it, e.g. ``AuthorizationServer(authorize_url=...)``.

    ``endpoints`` names its (authorize, token) URL fields, when it has that pair: the user's
    browser is sent to the first, Home Assistant posts to the second, so they must differ.
    """

    name: str
    fields: tuple[FieldSpec, ...]
    endpoints: tuple[str, str] | None = None

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class HookSpec:
    """A platform function Home Assistant looks up by name and awaits."""

    name: str
    params: tuple[TypeSpec, ...]
    returns: TypeSpec
    required: bool = False


@dataclass(frozen=True)
class Profile:
    """One credential contract.

    ``required_hooks``: at least one of them must be defined at module level.
    ``names``: every contract name and its home module (where imports must come from).
    ``component_names``: every name ``from <component> import X`` can import (None: not
    known, and nothing is reported about imports from the component).
    """

    name: str
    platform_file: str
    component: str
    hooks: tuple[HookSpec, ...]
    required_hooks: tuple[str, ...]
    objects: tuple[ObjectSpec, ...]
    names: tuple[tuple[str, str], ...]
    manifest_dependency: str
    strings_section: str | None = None
    placeholders_hook: str | None = None
    yaml_credential_hook: str | None = None
    component_names: frozenset[str] | None = None

    def hook(self, name: str) -> HookSpec | None:
        return next((h for h in self.hooks if h.name == name), None)

    def object(self, name: str) -> ObjectSpec | None:
        return next((o for o in self.objects if o.name == name), None)

    def home_of(self, name: str) -> str | None:
        return dict(self.names).get(name)

    @property
    def platform_stem(self) -> str:
        return self.platform_file.removesuffix(".py")


HASS = TypeSpec(names=("HomeAssistant",))
STR = TypeSpec(names=("str",))
AUTHORIZATION_SERVER = TypeSpec(names=("AuthorizationServer",))

AUTHORIZATION_SERVER_OBJECT = ObjectSpec(
    "AuthorizationServer",
    (FieldSpec("authorize_url", FieldRole.URL), FieldSpec("token_url", FieldRole.URL)),
    endpoints=("authorize_url", "token_url"),
)

DEVELOPER_CREDENTIALS_NAMES = frozenset({"AuthorizationServer", "DeveloperCredential"})
"""What ``homeassistant.components.developer_credentials`` defines: the component exists only
in the draft document this project grew from, and the names it gives are the two objects the
platform builds (the hooks are the platform's own, not the component's)."""

DEVELOPER_CREDENTIALS = Profile(
    name="developer_credentials",
    platform_file="developer_credentials.py",
    component=DEV_CREDS,
    hooks=(
        HookSpec("async_get_authorization_server", (HASS,), AUTHORIZATION_SERVER, required=True),
        HookSpec(
            "async_get_developer_credential", (HASS,), TypeSpec(names=("DeveloperCredential",))
        ),
    ),
    required_hooks=("async_get_authorization_server",),
    objects=(
        AUTHORIZATION_SERVER_OBJECT,
        ObjectSpec(
            "DeveloperCredential",
            (
                FieldSpec("client_id", FieldRole.CLIENT_ID),
                FieldSpec("client_secret", FieldRole.CLIENT_SECRET),
            ),
        ),
    ),
    names=(
        ("HomeAssistant", CORE),
        ("AuthorizationServer", DEV_CREDS),
        ("DeveloperCredential", DEV_CREDS),
    ),
    manifest_dependency="developer_credentials",
    yaml_credential_hook="async_get_developer_credential",
    component_names=DEVELOPER_CREDENTIALS_NAMES,
)

IMPLEMENTATION_BASES = (
    "AbstractOAuth2Implementation",
    "LocalOAuth2Implementation",
    "LocalOAuth2ImplementationWithPkce",
    "AuthImplementation",
)

APPLICATION_CREDENTIALS = Profile(
    name="application_credentials",
    platform_file="application_credentials.py",
    component=APP_CREDS,
    hooks=(
        HookSpec("async_get_authorization_server", (HASS,), AUTHORIZATION_SERVER),
        HookSpec(
            "async_get_auth_implementation",
            (HASS, STR, TypeSpec(names=("ClientCredential",))),
            TypeSpec(names=("AbstractOAuth2Implementation",), local_bases=IMPLEMENTATION_BASES),
        ),
        HookSpec(
            "async_get_description_placeholders",
            (HASS,),
            TypeSpec(generic=("dict", "Dict", "Mapping"), args=("str", "str")),
        ),
    ),
    required_hooks=("async_get_authorization_server", "async_get_auth_implementation"),
    objects=(
        AUTHORIZATION_SERVER_OBJECT,
        ObjectSpec(
            "ClientCredential",
            (
                FieldSpec("client_id", FieldRole.CLIENT_ID),
                FieldSpec("client_secret", FieldRole.CLIENT_SECRET),
                FieldSpec("name", FieldRole.TEXT, required=False, nullable=True),
            ),
        ),
    ),
    names=(
        ("HomeAssistant", CORE),
        ("AuthorizationServer", APP_CREDS),
        ("ClientCredential", APP_CREDS),
        ("AuthImplementation", APP_CREDS),
        ("AbstractOAuth2Implementation", OAUTH2_FLOW),
        ("LocalOAuth2Implementation", OAUTH2_FLOW),
        ("LocalOAuth2ImplementationWithPkce", OAUTH2_FLOW),
    ),
    manifest_dependency="application_credentials",
    strings_section="application_credentials",
    placeholders_hook="async_get_description_placeholders",
    # Generated from Home Assistant's own module (component_names.py says which versions).
    component_names=APPLICATION_CREDENTIALS_NAMES,
)

PROFILES: tuple[Profile, ...] = (DEVELOPER_CREDENTIALS, APPLICATION_CREDENTIALS)

# What every profile shares, outside the platform module.

CREDENTIAL_KEYWORDS: Mapping[FieldRole, str] = MappingProxyType(
    {FieldRole.CLIENT_ID: "client_id", FieldRole.CLIENT_SECRET: "client_secret"}
)
"""The keyword a credential is passed as, to a contract object or to any other call."""

CREDENTIAL_OBJECT_SUFFIX = "Credential"
"""How the names of the objects that carry credentials end (``ClientCredential``, ...)."""

OAUTH2_FLOW_HANDLER = "AbstractOAuth2FlowHandler"
"""The base of an OAuth2 config flow, in :data:`OAUTH2_FLOW`: the only kind of config flow
that asks for the user's credentials."""

YAML_CREDENTIAL_CONSTANTS = ("CONF_CLIENT_ID", "CONF_CLIENT_SECRET")
"""The ``homeassistant.const`` names of the credential keys of ``configuration.yaml``."""

YAML_CREDENTIAL_KEYS = (
    CREDENTIAL_KEYWORDS[FieldRole.CLIENT_ID],
    CREDENTIAL_KEYWORDS[FieldRole.CLIENT_SECRET],
)
"""The credential keys of ``configuration.yaml``, as strings."""


def profiles_named(names: list[str] | tuple[str, ...] | None) -> tuple[Profile, ...]:
    """The enabled profiles, in catalogue order (all of them when ``names`` is None)."""
    if names is None:
        return PROFILES
    return tuple(p for p in PROFILES if p.name in names)
