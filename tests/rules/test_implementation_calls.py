"""DC308 and the implementation classes: which callees are certainly Home Assistant's (imported
from the class's home, used through its module, or a same-module subclass without its own
``__init__``), which stay unknown (a sibling module's name, a conditional alias, a subclass
with its own ``__init__``, ``*args``), one finding per call, and their URL arguments seen by
the URL rules in every module DC308 reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from devcreds_lint.model import Diagnostic
from tests.helpers import check_paths, make_integration

APP = "application_credentials.py"

HEAD = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import (
    AuthImplementation,
    AuthorizationServer,
    ClientCredential,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow
from homeassistant.helpers.config_entry_oauth2_flow import (
    AbstractOAuth2Implementation,
    LocalOAuth2Implementation,
    LocalOAuth2ImplementationWithPkce,
)

AUTHORIZE_URL = "https://acme-api.io/oauth/authorize"
TOKEN_URL = "https://acme-api.io/oauth/token"
'''


def hook(body: str, extra: str = "", head: str = HEAD) -> str:
    """A platform module whose auth implementation hook returns ``body``."""
    return f'''{head}
{extra}

async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> AbstractOAuth2Implementation:
    """Return the implementation."""
    return {body}
'''


def found(tmp_path: Path, files: dict[str, str], code: str = "DC308") -> list[Diagnostic]:
    folder = make_integration(tmp_path, files)
    return [d for d in check_paths(folder) if d.code == code]


WRONG = [
    (
        "five positional arguments for six",
        "LocalOAuth2Implementation(hass, auth_domain, credential.client_id, AUTHORIZE_URL, "
        "TOKEN_URL)",
        "`token_url` is missing",
    ),
    (
        "AuthImplementation's arguments for LocalOAuth2Implementation",
        "LocalOAuth2Implementation(hass, auth_domain, ClientCredential(credential.client_id, "
        "credential.client_secret), AuthorizationServer(AUTHORIZE_URL, TOKEN_URL))",
        "a `ClientCredential` is given as `client_id`",
    ),
    (
        "seven positional arguments",
        "LocalOAuth2Implementation(hass, auth_domain, credential.client_id, "
        "credential.client_secret, AUTHORIZE_URL, TOKEN_URL, 1)",
        "7 positional arguments, at most 6 fit",
    ),
    (
        "an unknown keyword, a near miss",
        "LocalOAuth2ImplementationWithPkce(hass, auth_domain, credential.client_id, "
        "AUTHORIZE_URL, TOKEN_URL, client_secrets='')",
        "(did you mean `client_secret`?)",
    ),
    (
        "a parameter given twice",
        "LocalOAuth2ImplementationWithPkce(hass, auth_domain, credential.client_id, "
        "AUTHORIZE_URL, TOKEN_URL, client_id=credential.client_id)",
        "`client_id` is given twice",
    ),
    (
        "a string where the credential belongs",
        "AuthImplementation(hass, auth_domain, 'my-client', AuthorizationServer(AUTHORIZE_URL, "
        "TOKEN_URL))",
        "a string is given as `credential`, which takes a `ClientCredential`",
    ),
    (
        "the objects swapped",
        "AuthImplementation(hass, auth_domain, AuthorizationServer(AUTHORIZE_URL, TOKEN_URL), "
        "credential)",
        "a `AuthorizationServer` is given as `credential`",
    ),
    (
        "through the module",
        "config_entry_oauth2_flow.LocalOAuth2Implementation(hass, auth_domain, "
        "credential.client_id, AUTHORIZE_URL, TOKEN_URL)",
        "`token_url` is missing",
    ),
]


@pytest.mark.parametrize(("title", "call", "part"), WRONG, ids=[w[0] for w in WRONG])
def test_a_call_that_cannot_fit_is_one_finding(
    title: str, call: str, part: str, tmp_path: Path
) -> None:
    result = found(tmp_path, {APP: hook(call)})
    assert len(result) == 1, result
    assert part in result[0].message
    assert "fails when a user adds credentials" in result[0].message


RIGHT = [
    (
        "six positional",
        "LocalOAuth2Implementation(hass, auth_domain, credential.client_id, "
        "credential.client_secret, AUTHORIZE_URL, TOKEN_URL)",
    ),
    (
        "PKCE with keywords and the defaults",
        "LocalOAuth2ImplementationWithPkce(hass, auth_domain, credential.client_id, "
        "authorize_url=AUTHORIZE_URL, token_url=TOKEN_URL, client_secret='', "
        "code_verifier_length=64)",
    ),
    (
        "AuthImplementation",
        "AuthImplementation(hass, auth_domain, credential, AuthorizationServer(AUTHORIZE_URL, "
        "TOKEN_URL))",
    ),
    ("*args", "LocalOAuth2Implementation(hass, auth_domain, *ARGUMENTS)"),
    ("**kwargs", "LocalOAuth2Implementation(hass, auth_domain, **OPTIONS)"),
]


@pytest.mark.parametrize(("title", "call"), RIGHT, ids=[r[0] for r in RIGHT])
def test_a_call_that_fits_or_cannot_be_known_is_silent(
    title: str, call: str, tmp_path: Path
) -> None:
    assert found(tmp_path, {APP: hook(call)}) == []


SUBCLASS_AFTER_USE = '''

class ExampleImplementation(LocalOAuth2ImplementationWithPkce):
    """Defined after the hook that calls it."""

    @property
    def name(self) -> str:
        """Name."""
        return "Example"
'''


def test_a_subclass_without_init_takes_its_base_signature_found_module_wide(
    tmp_path: Path,
) -> None:
    module = hook("ExampleImplementation(hass, auth_domain)") + SUBCLASS_AFTER_USE
    result = found(tmp_path, {APP: module})
    assert len(result) == 1
    assert "`ExampleImplementation` (a `LocalOAuth2ImplementationWithPkce`" in result[0].message


def test_a_subclass_of_a_subclass_without_init(tmp_path: Path) -> None:
    extra = '''
class Base(AuthImplementation):
    """No __init__."""


class Leaf(Base):
    """No __init__ either."""
'''
    result = found(tmp_path, {APP: hook("Leaf(hass, auth_domain, credential)", extra)})
    assert len(result) == 1
    assert "`authorization_server` is missing" in result[0].message


UNKNOWN_CLASSES = [
    (
        "own __init__",
        '''
class ExampleImplementation(AuthImplementation):
    """Takes the server itself."""

    def __init__(self, hass: HomeAssistant, auth_domain: str, credential: ClientCredential) -> None:
        """Initialize."""
        super().__init__(hass, auth_domain, credential, AuthorizationServer(AUTHORIZE_URL, TOKEN_URL))
''',
    ),
    (
        "another first base",
        '''
class ExampleImplementation(Mixin, AuthImplementation):
    """Mixin's __init__ may come first."""
''',
    ),
    (
        "a decorator",
        '''
@dataclass
class ExampleImplementation(AuthImplementation):
    """A dataclass writes its own __init__."""
''',
    ),
    (
        "defined twice",
        '''
class ExampleImplementation(AuthImplementation):
    """One."""


class ExampleImplementation(Mixin):
    """Two."""
''',
    ),
]


@pytest.mark.parametrize(("title", "extra"), UNKNOWN_CLASSES, ids=[u[0] for u in UNKNOWN_CLASSES])
def test_subclasses_whose_init_is_not_certain_are_silent(
    title: str, extra: str, tmp_path: Path
) -> None:
    module = hook("ExampleImplementation(hass, auth_domain, credential)", extra)
    assert found(tmp_path, {APP: module}) == []


UNKNOWN_IMPORTS = [
    (
        "from a sibling module",
        "from .oauth import LocalOAuth2Implementation\n",
    ),
    (
        "a conditional alias",
        """try:
    from homeassistant.helpers.config_entry_oauth2_flow import (
        LocalOAuth2ImplementationWithPkce as LocalOAuth2Implementation,
    )
except ImportError:
    from homeassistant.helpers.config_entry_oauth2_flow import LocalOAuth2Implementation
""",
    ),
    (
        "a third-party package",
        "from acme_oauth import LocalOAuth2Implementation\n",
    ),
    (
        "rebound after import",
        "from homeassistant.helpers.config_entry_oauth2_flow import LocalOAuth2Implementation\n"
        "LocalOAuth2Implementation = make_implementation_class()\n",
    ),
]


@pytest.mark.parametrize(("title", "imports"), UNKNOWN_IMPORTS, ids=[u[0] for u in UNKNOWN_IMPORTS])
def test_callees_that_are_not_certainly_home_assistants_are_silent(
    title: str, imports: str, tmp_path: Path
) -> None:
    head = (
        '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import ClientCredential
from homeassistant.core import HomeAssistant
from homeassistant.helpers.config_entry_oauth2_flow import AbstractOAuth2Implementation
'''
        + imports
    )
    module = hook("LocalOAuth2Implementation(hass, auth_domain, credential.client_id)", head=head)
    assert found(tmp_path, {APP: module}) == []


def test_the_dotted_module_path_is_resolved(tmp_path: Path) -> None:
    head = '''"""Application credentials platform for Example."""

import homeassistant.helpers.config_entry_oauth2_flow
from homeassistant.components.application_credentials import ClientCredential
from homeassistant.core import HomeAssistant
'''
    module = hook(
        "homeassistant.helpers.config_entry_oauth2_flow.LocalOAuth2Implementation("
        "hass, auth_domain)",
        head=head,
    ).replace("-> AbstractOAuth2Implementation", "")
    result = found(tmp_path, {APP: module})
    assert len(result) == 1


OTHER_MODULE = '''"""OAuth2 helpers."""

from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


async def async_get_auth_implementation(hass: HomeAssistant):
    """Not called by Home Assistant, but built like this it would raise TypeError."""
    return config_entry_oauth2_flow.LocalOAuth2Implementation(
        hass,
        DOMAIN,
        client_id="",
        client_secret="",
        authorize_url="https://acme-api.io/a",
        token_url="https://acme-api.io/t",
        redirect_uri="https://acme-api.io/cb",
    )
'''


def test_other_modules_of_the_integration_are_read(tmp_path: Path) -> None:
    result = found(
        tmp_path,
        {
            APP: hook("AuthImplementation(hass, auth_domain, credential, SERVER)"),
            "oauth2.py": OTHER_MODULE,
        },
    )
    assert [(Path(d.path).name, d.start.row) for d in result] == [("oauth2.py", 18)]
    assert "`redirect_uri` is no parameter" in result[0].message


def test_a_module_in_a_sub_folder_is_not_read(tmp_path: Path) -> None:
    files = {
        APP: hook("AuthImplementation(hass, auth_domain, credential, SERVER)"),
        "api/oauth2.py": OTHER_MODULE,
    }
    assert found(tmp_path, files) == []


def test_a_secret_position_holding_a_url_is_not_a_secret(tmp_path: Path) -> None:
    call = (
        "LocalOAuth2Implementation(hass, auth_domain, credential.client_id, AUTHORIZE_URL, "
        "TOKEN_URL)"
    )
    folder = make_integration(tmp_path, {APP: hook(call)})
    assert [d.code for d in check_paths(folder)] == ["DC308"]


INIT = '''"""The Example integration."""

from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


async def async_setup(hass: HomeAssistant, config: dict) -> bool:
    """Register the implementation."""
    config_entry_oauth2_flow.async_register_implementation(
        hass,
        DOMAIN,
        config_entry_oauth2_flow.LocalOAuth2Implementation(
            hass, DOMAIN, "", "", AUTHORIZE, TOKEN
        ),
    )
    return True
'''


@pytest.mark.parametrize(
    ("authorize", "token", "code"),
    [
        ("http://acme-api.io/a", "https://acme-api.io/t", "DC305"),
        ("acme-api.io/a", "https://acme-api.io/t", "DC304"),
        ("https://acme-api.io/t", "https://acme-api.io/t", "DC306"),
        ("https://acme-api.io/a", "https://acme-api.io/t?client_secret=x", "DC503"),
    ],
)
def test_implementation_urls_are_urls_too(
    authorize: str, token: str, code: str, tmp_path: Path
) -> None:
    init = INIT.replace(
        "from .const import DOMAIN\n",
        f'from .const import DOMAIN\n\nAUTHORIZE = "{authorize}"\nTOKEN = "{token}"\n',
    )
    platform = hook("AuthImplementation(hass, auth_domain, credential, SERVER)")
    result = found(tmp_path, {APP: platform, "__init__.py": init}, code)
    assert [Path(d.path).name for d in result] == ["__init__.py"]


def test_valid_implementation_urls_are_silent(tmp_path: Path) -> None:
    init = INIT.replace(
        "from .const import DOMAIN\n",
        'from .const import DOMAIN\n\nAUTHORIZE = "https://acme-api.io/a"\n'
        'TOKEN = "https://acme-api.io/t"\n',
    )
    platform = hook("AuthImplementation(hass, auth_domain, credential, SERVER)")
    folder = make_integration(tmp_path, {APP: platform, "__init__.py": init})
    assert [d for d in check_paths(folder) if d.path.endswith("__init__.py")] == []
