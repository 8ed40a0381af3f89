"""The credential contracts (profiles) as data.

Rules never name a hook, an object or a module: they walk these tables. Adding a profile is
adding a :class:`Profile` to :data:`PROFILES`, not writing a rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Any, SupportsIndex

from devcreds_lint.component_names import APPLICATION_CREDENTIALS_NAMES

CORE = "homeassistant.core"
OAUTH2_FLOW = "homeassistant.helpers.config_entry_oauth2_flow"
APP_CREDS = "homeassistant.components.application_credentials"
DEV_CREDS = "homeassistant.components.developer_credentials"

MANIFEST = "manifest.json"
CONFIG_FLOW = "config_flow.py"
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

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        """One of :data:`PROFILES` travels to a worker process by name and arrives as the
        same object (no copy to compare by identity, ~3 KB less per request); another one
        (tests' third profile) as its fields."""
        if _KNOWN.get(self.name) is self:
            return (known_profile, (self.name,))
        return super().__reduce_ex__(protocol)

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
_KNOWN = {p.name: p for p in PROFILES}


def known_profile(name: str) -> Profile:
    """The profile of :data:`PROFILES` named ``name`` (what an unpickled profile is)."""
    return _KNOWN[name]


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

FLOW_DOMAIN_KEYWORD = "domain"
"""The class keyword that registers a config flow for a domain (``class F(Base, domain=DOMAIN)``)."""

FLOW_HANDLERS_REGISTRY = "HANDLERS"
"""``homeassistant.config_entries.HANDLERS``: the registry of config flows; its ``register``
decorator registers a flow, as the class keyword does."""

FLOW_DOMAIN_CONSTANT = "DOMAIN"
"""The module-level name a fix passes as the class keyword (``from .const import DOMAIN``)."""

IMPLEMENTATION_REGISTRARS = ("async_register_implementation", "async_add_implementation_provider")
"""The calls (of :data:`OAUTH2_FLOW` or a flow handler class) by which an integration offers an
OAuth2 implementation itself, without a platform module."""

IMPLEMENTATION_LOOKUP = "async_get_config_entry_implementation"
"""The function of :data:`OAUTH2_FLOW` that finds a config entry's implementation at set-up:
among the registered ones and the platform module's only, else it raises."""

FLOW_IMPLEMENTATION_ATTRIBUTE = "flow_impl"
"""The flow handler's attribute holding the chosen implementation: a flow that sets it itself
bypasses the implementations the platform module provides."""

FLOW_PICK_STEP = "async_step_pick_implementation"
FLOW_FIRST_STEP = "async_step_user"
"""The flow handler's steps that choose an implementation: the first one calls the second."""

YAML_CREDENTIAL_CONSTANTS = ("CONF_CLIENT_ID", "CONF_CLIENT_SECRET")
"""The ``homeassistant.const`` names of the credential keys of ``configuration.yaml``."""

YAML_CREDENTIAL_KEYS = (
    CREDENTIAL_KEYWORDS[FieldRole.CLIENT_ID],
    CREDENTIAL_KEYWORDS[FieldRole.CLIENT_SECRET],
)
"""The credential keys of ``configuration.yaml``, as strings."""


class ParamKind(str, Enum):
    """What an implementation class's parameter takes (DC308 checks the kind of what is given)."""

    STR = "str"  # a string: a contract object there is a mistake
    CREDENTIAL = "credential"  # a ``...Credential`` object: a string there is a mistake
    SERVER = "server"  # an ``AuthorizationServer``: a string there is a mistake
    ANY = "any"  # not checked (``hass``)


PARAM_OBJECTS: Mapping[ParamKind, tuple[str, ...]] = MappingProxyType(
    {
        ParamKind.CREDENTIAL: ("ClientCredential", "DeveloperCredential"),
        ParamKind.SERVER: ("AuthorizationServer",),
    }
)
"""For an object-kind parameter, the contract objects it takes (the first one is named in
messages)."""


@dataclass(frozen=True)
class ParamSpec:
    """A parameter of an implementation class's ``__init__`` (after ``self``).

    ``role`` says what a string given there is (a client ID, a secret, a URL) for the
    secret and URL rules; ``default`` (its source text) makes it optional."""

    name: str
    kind: ParamKind
    role: FieldRole | None = None
    default: str | None = None

    @property
    def has_default(self) -> bool:
        return self.default is not None


@dataclass(frozen=True)
class ImplementationSpec:
    """One of Home Assistant's OAuth2 implementation classes, called to build an
    implementation, with its constructor signature as data.

    ``homes``: the modules it is imported from. ``endpoints``: its (authorize, token) URL
    parameters."""

    name: str
    params: tuple[ParamSpec, ...]
    homes: tuple[str, ...]
    endpoints: tuple[str, str] | None = ("authorize_url", "token_url")

    def param(self, name: str) -> ParamSpec | None:
        return next((p for p in self.params if p.name == name), None)

    @property
    def signature(self) -> str:
        """``hass, domain, client_id, ..., client_secret=""``, as Home Assistant defines it."""
        return ", ".join(
            p.name if p.default is None else f"{p.name}={p.default}" for p in self.params
        )


_HASS_PARAM = ParamSpec("hass", ParamKind.ANY)
_DOMAIN_PARAM = ParamSpec("domain", ParamKind.STR)
_CLIENT_ID_PARAM = ParamSpec("client_id", ParamKind.STR, FieldRole.CLIENT_ID)
_AUTHORIZE_PARAM = ParamSpec("authorize_url", ParamKind.STR, FieldRole.URL)
_TOKEN_PARAM = ParamSpec("token_url", ParamKind.STR, FieldRole.URL)

IMPLEMENTATIONS: tuple[ImplementationSpec, ...] = (
    ImplementationSpec(
        "LocalOAuth2Implementation",
        (
            _HASS_PARAM,
            _DOMAIN_PARAM,
            _CLIENT_ID_PARAM,
            ParamSpec("client_secret", ParamKind.STR, FieldRole.CLIENT_SECRET),
            _AUTHORIZE_PARAM,
            _TOKEN_PARAM,
        ),
        (OAUTH2_FLOW,),
    ),
    ImplementationSpec(
        "LocalOAuth2ImplementationWithPkce",
        (
            _HASS_PARAM,
            _DOMAIN_PARAM,
            _CLIENT_ID_PARAM,
            _AUTHORIZE_PARAM,
            _TOKEN_PARAM,
            ParamSpec("client_secret", ParamKind.STR, FieldRole.CLIENT_SECRET, default='""'),
            ParamSpec("code_verifier_length", ParamKind.ANY, default="128"),
        ),
        (OAUTH2_FLOW,),
    ),
    ImplementationSpec(
        "AuthImplementation",
        (
            _HASS_PARAM,
            ParamSpec("auth_domain", ParamKind.STR),
            ParamSpec("credential", ParamKind.CREDENTIAL),
            ParamSpec("authorization_server", ParamKind.SERVER),
        ),
        (APP_CREDS,),
        endpoints=None,
    ),
)
"""The implementation classes an integration calls, with their signatures (the same in
Home Assistant 2026.2 and 2026.11): DC308 checks calls against them, and the secret and URL
rules read the client ID, secret and URL positions from them."""

CREDENTIAL_FILES = ("__init__.py", "config_flow.py")
"""The modules besides the platform modules that the secret rules always read (any other
module of the integration only when it imports a credential, builds a contract object or
calls an implementation class)."""

IMPORT_CLIENT_CREDENTIAL = "async_import_client_credential"
"""The function of :data:`APP_CREDS` that imports a credential for the user: a module that
calls it may pass a hard-coded one."""


def profiles_named(names: list[str] | tuple[str, ...] | None) -> tuple[Profile, ...]:
    """The enabled profiles, in catalogue order (all of them when ``names`` is None)."""
    if names is None:
        return PROFILES
    return tuple(p for p in PROFILES if p.name in names)


# Query parameter names that carry a credential, compared in lower case (DC503; their
# values are secrets every output masks).
CREDENTIAL_QUERY_PARAMS = frozenset(
    {
        "client_secret",
        "client_id",
        "access_token",
        "refresh_token",
        "id_token",
        "api_key",
        "apikey",
        "api_secret",
        "password",
        "passwd",
        "secret",
        "token",
    }
)
