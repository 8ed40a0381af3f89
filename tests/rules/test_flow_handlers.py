"""What ``config_flow.py`` defines (facts/flows.py), as DC603 and DC608 use it: silent where
the handler cannot be seen (re-exported, a base from another module), DC608 where no class
registers the flow, and its fix."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from devcreds_lint.facts.flows import Known, flow_facts
from devcreds_lint.model import Diagnostic
from tests.helpers import check_paths, fix_paths, make_integration

PLATFORM = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''

HEADER = '''"""Config flow for Example."""

import logging

from homeassistant import config_entries
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN
'''

UNREGISTERED = (
    HEADER
    + '''

class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)
'''
)


def findings(
    tmp_path: Path, flow: str, code: str, others: dict[str, str] | None = None
) -> list[Diagnostic]:
    folder = make_integration(
        tmp_path,
        {"application_credentials.py": PLATFORM, "config_flow.py": flow, **(others or {})},
    )
    return [d for d in check_paths(folder) if d.code == code]


OAUTH_MODULE = (
    HEADER.replace("Config flow for Example.", "The OAuth2 flow of Example.")
    + """

class FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    \"\"\"Handle the OAuth2 flow.\"\"\"

    DOMAIN = DOMAIN
"""
)


# DC603 ------------------------------------------------------------------------------------


def test_dc603_follows_a_handler_reexported_from_a_sibling_module(tmp_path: Path) -> None:
    flow = '"""Config flow for Example."""\n\nfrom .oauth import FlowHandler\n'
    assert findings(tmp_path, flow, "DC603", {"oauth.py": OAUTH_MODULE}) == []
    plain = OAUTH_MODULE.replace(
        "config_entry_oauth2_flow.AbstractOAuth2FlowHandler", "config_entries.ConfigFlow"
    )
    (found,) = findings(tmp_path / "plain", flow, "DC603", {"oauth.py": plain})
    assert found.path.endswith("config_flow.py")


def test_dc603_follows_re_exports_through_the_integration(tmp_path: Path) -> None:
    flow = '"""Config flow for Example."""\n\nfrom .oauth import FlowHandler\n'
    others = {"oauth.py": "from .flows import FlowHandler\n", "flows.py": OAUTH_MODULE}
    assert findings(tmp_path, flow, "DC603", others) == []


def test_dc603_is_silent_where_the_own_module_does_not_parse(tmp_path: Path) -> None:
    flow = '"""Config flow for Example."""\n\nfrom .oauth import FlowHandler\n'
    assert findings(tmp_path, flow, "DC603", {"oauth.py": "class (:\n"}) == []


def test_dc603_is_not_silenced_by_an_api_client_import(tmp_path: Path) -> None:
    """An API client imported from a package cannot be the integration's flow handler."""
    flow = '"""Config flow."""\n\nfrom example_sdk import ExampleClient, ExampleError\n'
    (found,) = findings(tmp_path, flow, "DC603")
    assert found.path.endswith("config_flow.py")


def test_dc603_is_silent_on_a_star_import_of_an_own_module_with_a_handler(
    tmp_path: Path,
) -> None:
    assert findings(tmp_path, "from .oauth import *\n", "DC603", {"oauth.py": OAUTH_MODULE}) == []
    # ... or of one that cannot be read: anything may be there
    assert (
        findings(tmp_path / "b", "from .oauth import *\n", "DC603", {"oauth.py": "class (:\n"})
        == []
    )


def test_dc603_follows_a_star_import_of_an_own_module_without_classes(tmp_path: Path) -> None:
    """``from .const import *`` brings in strings (the star import is followed: it is the
    integration's own file), and a missing module brings in nothing."""
    const = 'DOMAIN = "example"\nOAUTH2_AUTHORIZE = "https://acme-api.io/authorize"\n'
    (found,) = findings(tmp_path, "from .const import *\n", "DC603", {"const.py": const})
    assert found.path.endswith("config_flow.py")
    (found,) = findings(tmp_path / "b", "from .oauth import *\n", "DC603")
    assert found.path.endswith("config_flow.py")


def test_dc603_is_silent_on_a_base_from_a_home_assistant_component(tmp_path: Path) -> None:
    flow = (
        "from homeassistant.components.acme.config_flow import AcmeFlowHandler\n\n"
        "from .const import DOMAIN\n\n\n"
        "class FlowHandler(AcmeFlowHandler, domain=DOMAIN):\n"
        '    """A core flow, extended."""\n'
    )
    assert findings(tmp_path, flow, "DC603") == []


def test_dc603_still_reports_a_registered_flow_that_is_no_oauth2_flow(tmp_path: Path) -> None:
    """Imports of classes from the integration's modules do not hide the module's own
    registered flow: it is known, and it is not an OAuth2 flow."""
    flow = (
        HEADER
        + "from .api import ExampleApi, ExampleApiError\n\n\n"
        + "class ExampleFlowHandler(config_entries.ConfigFlow, domain=DOMAIN):\n"
        + '    """Ask for a host."""\n'
    )
    (found,) = findings(tmp_path, flow, "DC603")
    assert found.path.endswith("config_flow.py")


def test_dc603_accepts_an_aliased_handler(tmp_path: Path) -> None:
    flow = (
        "from homeassistant.helpers.config_entry_oauth2_flow import (\n"
        "    AbstractOAuth2FlowHandler as Base,\n)\n\nfrom .const import DOMAIN\n\n\n"
        "class FlowHandler(Base, domain=DOMAIN):\n"
        '    """The flow."""\n'
    )
    assert findings(tmp_path, flow, "DC603") == []
    assert findings(tmp_path / "b", flow, "DC608") == []


# DC608 ------------------------------------------------------------------------------------


def test_dc608_reports_a_handler_with_only_a_domain_class_attribute(tmp_path: Path) -> None:
    (found,) = findings(tmp_path, UNREGISTERED, "DC608")
    assert (found.start.row, found.start.column) == (11, 7)
    assert "Flow handler not found" in found.message
    assert found.fix is not None


@pytest.mark.parametrize(
    ("flow", "why"),
    [
        (
            UNREGISTERED.replace(
                "class OAuth2FlowHandler(",
                "@config_entries.HANDLERS.register(DOMAIN)\nclass OAuth2FlowHandler(",
            ),
            "decorator",
        ),
        (
            UNREGISTERED + "\n\nconfig_entries.HANDLERS.register(DOMAIN)(OAuth2FlowHandler)\n",
            "call",
        ),
        (UNREGISTERED.replace("__name__)", "__name__"), "does not parse"),
        (
            UNREGISTERED
            + '\n\nclass ConfigFlow(OAuth2FlowHandler, domain=DOMAIN):\n    """Registered."""\n',
            "a subclass registers",
        ),
        (
            UNREGISTERED.replace(
                "(config_entry_oauth2_flow.AbstractOAuth2FlowHandler)", "(Base)"
            ).replace(
                "\n\nclass OAuth2FlowHandler",
                "\n\nclass Base(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):\n"
                '    """Registered."""\n\n\nclass OAuth2FlowHandler',
            ),
            "an ancestor registers",
        ),
        (
            UNREGISTERED.replace(
                "AbstractOAuth2FlowHandler)", "AbstractOAuth2FlowHandler, **OPTIONS)"
            ),
            "open keywords",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else "",
)
def test_dc608_is_silent_where_registration_is_or_may_be_there(
    flow: str, why: str, tmp_path: Path
) -> None:
    assert findings(tmp_path, flow, "DC608") == [], why


@pytest.mark.parametrize(
    "imports",
    [
        "from spotifyaio import SpotifyClient",
        "from .api import Client",
        "import voluptuous as vol",
        "from homeassistant.components.acme.config_flow import AcmeFlowHandler",
        "from .oauth import FlowHandler as Unused",
    ],
)
def test_dc608_is_not_silenced_by_imports_that_cannot_register(
    imports: str, tmp_path: Path
) -> None:
    """Packages, Home Assistant, and own modules whose classes register nothing."""
    flow = UNREGISTERED.replace(
        "from .const import DOMAIN", f"from .const import DOMAIN\n{imports}"
    )
    others = {
        "api.py": "class Client:\n    pass\n",
        "oauth.py": OAUTH_MODULE.replace(", domain=DOMAIN", ""),
    }
    (found,) = findings(tmp_path, flow, "DC608", others)
    assert found.path.endswith("config_flow.py")


@pytest.mark.parametrize(
    ("imports", "others"),
    [
        ("from .oauth import FlowHandler", {"oauth.py": OAUTH_MODULE}),
        ("from .oauth import *", {"oauth.py": OAUTH_MODULE}),
        (
            "from .oauth import Registered",
            {
                "oauth.py": "from .flows import FlowHandler as Registered\n",
                "flows.py": OAUTH_MODULE,
            },
        ),
        ("from .oauth import FlowHandler", {"oauth.py": "class (:\n"}),
        ("from custom_components.example.oauth import FlowHandler", {"oauth.py": OAUTH_MODULE}),
    ],
    ids=["followed", "star", "re-exported", "does not parse", "absolute"],
)
def test_dc608_is_silent_where_an_own_module_registers(
    imports: str, others: dict[str, str], tmp_path: Path
) -> None:
    flow = UNREGISTERED.replace(
        "from .const import DOMAIN", f"from .const import DOMAIN\n{imports}"
    )
    assert findings(tmp_path, flow, "DC608", others) == []


def test_dc608_is_not_silenced_by_a_star_import_of_constants(tmp_path: Path) -> None:
    """``from .const import *`` (a custom integration's habit) brings in no flow handler: the
    star import is followed into const.py, and the unregistered handler is reported."""
    flow = UNREGISTERED.replace("from .const import DOMAIN", "from .const import *")
    const = 'DOMAIN = "example"\nfrom .api import Client\n'
    others = {"const.py": const, "api.py": "class Client:\n    pass\n"}
    (found,) = findings(tmp_path, flow, "DC608", others)
    assert found.path.endswith("config_flow.py")
    # ... while a star import that brings in a registered handler, through another, silences it
    others = {"const.py": 'DOMAIN = "example"\nfrom .oauth import *\n', "oauth.py": OAUTH_MODULE}
    assert findings(tmp_path / "b", flow, "DC608", others) == []


# Python 3.12's f-strings (PEP 701): a quote reused inside a replacement field, which the
# ast of 3.10/3.11 cannot read. The flow facts read such modules through libcst.
NEWER_FSTRING = (
    'def describe(entry):\n    return f"scopes: {entry.data.get("token", {}).get("scope")}"\n'
)


def test_dc608_reads_a_flow_written_with_newer_fstrings(tmp_path: Path) -> None:
    flow = UNREGISTERED + "\n\n" + NEWER_FSTRING
    (found,) = findings(tmp_path, flow, "DC608")
    assert (found.start.row, found.start.column) == (11, 7)


def test_dc608_follows_an_import_into_a_module_with_newer_fstrings(tmp_path: Path) -> None:
    """``from . import describe`` names a function of ``__init__.py``: no flow handler, even
    when that module is written with 3.12's f-strings (it was unknown, and DC608 silent)."""
    flow = UNREGISTERED.replace(
        "from .const import DOMAIN", "from .const import DOMAIN\nfrom . import describe"
    )
    (found,) = findings(tmp_path, flow, "DC608", {"__init__.py": NEWER_FSTRING})
    assert found.path.endswith("config_flow.py")


def test_dc608_follows_a_base_class_into_an_own_module(tmp_path: Path) -> None:
    """A handler whose base, in oauth.py, passes ``domain=`` is registered; one whose base
    there does not is reported."""
    flow = UNREGISTERED.replace(
        "from .const import DOMAIN", "from .const import DOMAIN\nfrom .oauth import FlowHandler"
    ).replace("(config_entry_oauth2_flow.AbstractOAuth2FlowHandler)", "(FlowHandler)")
    assert findings(tmp_path, flow, "DC608", {"oauth.py": OAUTH_MODULE}) == []
    unregistered = {"oauth.py": OAUTH_MODULE.replace(", domain=DOMAIN", "")}
    (found,) = findings(tmp_path / "b", flow, "DC608", unregistered)
    assert "`OAuth2FlowHandler`" in found.message


def test_dc608_offers_no_fix_with_two_handlers(tmp_path: Path) -> None:
    flow = UNREGISTERED + (
        "\n\nclass OtherFlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):\n"
        '    """Another."""\n'
    )
    (found,) = findings(tmp_path, flow, "DC608")
    assert "`OAuth2FlowHandler`, `OtherFlowHandler`" in found.message
    assert found.fix is None


def test_dc608_offers_no_fix_when_domain_is_bound_after_the_class(tmp_path: Path) -> None:
    flow = UNREGISTERED.replace("from .const import DOMAIN\n", "") + '\nDOMAIN = "example"\n'
    flow = flow.replace("    DOMAIN = DOMAIN\n", "")
    (found,) = findings(tmp_path, flow, "DC608")
    assert found.fix is None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, metaclass=Meta):",
            "class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, metaclass=Meta, domain=DOMAIN):",
        ),
        (
            "class OAuth2FlowHandler(\n    config_entry_oauth2_flow.AbstractOAuth2FlowHandler  # base\n):",
            "class OAuth2FlowHandler(\n    config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN  # base\n):",
        ),
        (
            "class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler,\n):",
            "class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN,\n):",
        ),
        (
            "class OAuth2FlowHandler(\n    config_entry_oauth2_flow.AbstractOAuth2FlowHandler,\n    # the flow\n):",
            "class OAuth2FlowHandler(\n    config_entry_oauth2_flow.AbstractOAuth2FlowHandler,\n    domain=DOMAIN,\n    # the flow\n):",
        ),
    ],
)
def test_dc608_fix_keeps_bases_keywords_and_comments(
    before: str, after: str, tmp_path: Path
) -> None:
    header = "class Meta(type):\n    pass\n\n\n"
    original = "class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):"
    flow = UNREGISTERED.replace(original, header + before)
    folder = make_integration(
        tmp_path, {"application_credentials.py": PLATFORM, "config_flow.py": flow}
    )
    remaining = fix_paths(folder)
    fixed = (folder / "config_flow.py").read_text()
    assert fixed == flow.replace(before, after)
    ast.parse(fixed)
    assert "DC608" not in {d.code for d in remaining}


def test_dc608_fix_keeps_crlf_line_endings(tmp_path: Path) -> None:
    flow = UNREGISTERED.replace(
        "class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):",
        "class OAuth2FlowHandler(\n    config_entry_oauth2_flow.AbstractOAuth2FlowHandler,\n):",
    ).replace("\n", "\r\n")
    folder = make_integration(tmp_path, {"application_credentials.py": PLATFORM})
    (folder / "config_flow.py").write_bytes(flow.encode())
    fix_paths(folder)
    fixed = (folder / "config_flow.py").read_bytes().decode()
    assert "AbstractOAuth2FlowHandler,\r\n    domain=DOMAIN,\r\n):" in fixed
    assert "\n" not in fixed.replace("\r\n", "")


# The facts ------------------------------------------------------------------------------


def test_flow_facts_follow_bases_within_the_module() -> None:
    facts = flow_facts(
        "from homeassistant.helpers import config_entry_oauth2_flow\n"
        "from .oauth import Mixin\n\n"
        "class A(config_entry_oauth2_flow.AbstractOAuth2FlowHandler): pass\n"
        "class B(A): pass\n"
        "class C(Mixin): pass\n"
        "class D(object): pass\n"
    )
    assert facts is not None
    answers = {c.name: c.oauth2 for c in facts.classes}
    assert answers == {"A": Known.YES, "B": Known.YES, "C": Known.UNKNOWN, "D": Known.NO}
    assert facts.foreign_imports == ("Mixin",)
    assert facts.imports["Mixin"] == (".oauth", "Mixin")


def test_flow_facts_of_text_that_does_not_parse_are_unknown() -> None:
    assert flow_facts("class (:\n") is None


def test_flow_facts_read_newer_syntax() -> None:
    """Type parameters (PEP 695) and type aliases: Home Assistant's own modules use them, and
    a module that could not be read would silence DC603/DC607/DC608 (xbox's coordinator)."""
    facts = flow_facts(
        "from homeassistant.helpers import config_entry_oauth2_flow\n\n"
        "type Entry = dict[str, int]\n\n"
        "class Base[T: dict[str, int]](config_entry_oauth2_flow.AbstractOAuth2FlowHandler):\n"
        "    pass\n\n"
        "class Flow(Base, domain='example'):\n"
        "    pass\n"
    )
    assert facts is not None
    assert [(c.name, c.oauth2) for c in facts.classes] == [
        ("Base", Known.YES),
        ("Flow", Known.YES),
    ]
