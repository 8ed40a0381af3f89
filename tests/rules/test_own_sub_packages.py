"""DC603, DC607 and DC608 follow an import into the integration's own sub-packages
(``from .api.client import ExampleClient``, ``from .flows.handler import FlowHandler``) the
way Python imports them, instead of staying silent: an API client there is no flow handler,
a handler there is read, and a registration there counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from devcreds_lint import discovery
from devcreds_lint.model import Diagnostic
from tests.helpers import check_paths, make_integration
from tests.rules.test_flow_handlers import HEADER, UNREGISTERED, findings
from tests.rules.test_missing_platform_module import (
    LOOKUP_INIT,
    OWN_PICK_STEP,
    SELF_REGISTERING_INIT,
    _flow_with,
    manifest,
)

CLIENT = '''"""A client of the Acme API."""

from ..const import DOMAIN


class ExampleClient:
    """Talk to the Acme API."""

    name = DOMAIN
'''

# A handler of a sub-package, registered; it reads DOMAIN from the top-level const.py.
HANDLER = (
    HEADER.replace("Config flow for Example.", "The OAuth2 flow of Example.").replace(
        "from .const import DOMAIN", "from ..const import DOMAIN"
    )
    + '''

class FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    """Handle the OAuth2 flow."""
'''
)
UNREGISTERED_HANDLER = HANDLER.replace(", domain=DOMAIN", "")


def with_import(line: str) -> str:
    """The unregistered flow of test_flow_handlers, importing ``line`` too."""
    return UNREGISTERED.replace("from .const import DOMAIN", f"from .const import DOMAIN\n{line}")


# DC608 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "others"),
    [
        ("from .api.client import ExampleClient", {"api/__init__.py": "", "api/client.py": CLIENT}),
        (
            "from .api import ExampleClient",
            {"api/__init__.py": "from .client import ExampleClient\n", "api/client.py": CLIENT},
        ),
        (
            "from custom_components.example.api.client import ExampleClient",
            {"api/__init__.py": "", "api/client.py": CLIENT},
        ),
        ("from .api.client import ExampleClient", {"api/client.py": CLIENT}),
        ("from .api import client", {"api/__init__.py": "", "api/client.py": CLIENT}),
        (
            "from .backends import make_backend",
            {
                "backends/__init__.py": "def make_backend(kind):\n    return kind\n",
                "backends/cloud/store.py": "class Store:\n    pass\n",
            },
        ),
        ("from .api.missing import ExampleClient", {"api/__init__.py": ""}),
    ],
    ids=[
        "module",
        "package re-export",
        "absolute",
        "namespace package",
        "a sub-module",
        "a function of a package",
        "a module that does not exist",
    ],
)
def test_dc608_is_not_silenced_by_an_api_client_of_a_sub_package(
    line: str, others: dict[str, str], tmp_path: Path
) -> None:
    """The sub-package is the integration's own: what it defines is read, and an API client
    (or a function, or a module) cannot register the integration's flow."""
    (found,) = findings(tmp_path, with_import(line), "DC608", others)
    assert found.path.endswith("config_flow.py")


@pytest.mark.parametrize(
    ("line", "others"),
    [
        (
            "from .flows.handler import FlowHandler",
            {"flows/__init__.py": "", "flows/handler.py": "{handler}"},
        ),
        (
            "from .flows import FlowHandler",
            {
                "flows/__init__.py": "from .handler import FlowHandler\n",
                "flows/handler.py": "{handler}",
            },
        ),
        ("from .flows.handler import FlowHandler", {"flows/handler.py": "{handler}"}),
        (
            "from custom_components.example.flows.handler import FlowHandler",
            {"flows/__init__.py": "", "flows/handler.py": "{handler}"},
        ),
        (
            "from .flows.v2.handler import FlowHandler",
            {
                "flows/__init__.py": "",
                "flows/v2/__init__.py": "",
                "flows/v2/handler.py": "{handler}",
            },
        ),
        (
            "from .flows import FlowHandler",
            {
                "flows/__init__.py": "from .helpers import *\nfrom .handler import *\n",
                "flows/helpers.py": "RETRIES = 3\n",
                "flows/handler.py": "{handler}",
            },
        ),
    ],
    ids=["module", "package re-export", "namespace", "absolute", "deeper", "star re-export"],
)
def test_dc608_reads_a_handler_of_a_sub_package(
    line: str, others: dict[str, str], tmp_path: Path
) -> None:
    """Silent where the imported handler passes ``domain=``; reported where it does not
    (before, any import from a sub-package was unknown and silenced the rule)."""
    flow = with_import(line)
    deep = line.count(".v2.")
    handler = HANDLER.replace("from ..const", "from ...const") if deep else HANDLER
    registered = {k: v.replace("{handler}", handler) for k, v in others.items()}
    assert findings(tmp_path / "registered", flow, "DC608", registered) == []
    unregistered = {
        k: v.replace("{handler}", handler.replace(", domain=DOMAIN", "")) for k, v in others.items()
    }
    (found,) = findings(tmp_path / "unregistered", flow, "DC608", unregistered)
    assert found.path.endswith("config_flow.py")


def test_dc608_resolves_relative_imports_from_the_importing_module_s_package(
    tmp_path: Path,
) -> None:
    """In ``flows/handler.py``, ``.base`` is ``flows/base.py`` and ``..base`` the top-level
    ``base.py``: each reads the module Python would import, not its namesake."""
    registered = HANDLER.replace("config_entry_oauth2_flow.AbstractOAuth2FlowHandler", "FlowBase")
    base = (
        "from homeassistant.helpers import config_entry_oauth2_flow\n\n"
        "from {dots}const import DOMAIN\n\n\n"
        "class FlowBase(config_entry_oauth2_flow.AbstractOAuth2FlowHandler{keyword}):\n"
        '    """The base."""\n'
    )
    unregistering = base.format(dots="..", keyword="")
    registering = base.format(dots="..", keyword=", domain=DOMAIN")
    flow = with_import("from .flows.handler import FlowHandler")
    for name, dots in (("inner", "."), ("outer", "..")):
        handler = registered.replace(", domain=DOMAIN", "").replace(
            "from ..const import DOMAIN",
            f"from ..const import DOMAIN\nfrom {dots}base import FlowBase",
        )
        # The module the import names registers the flow, its namesake does not ...
        right, wrong = ("flows/base.py", "base.py") if dots == "." else ("base.py", "flows/base.py")
        others = {"flows/handler.py": handler, right: registering, wrong: unregistering}
        assert findings(tmp_path / name / "a", flow, "DC608", others) == [], name
        # ... and the other way round.
        others = {"flows/handler.py": handler, right: unregistering, wrong: registering}
        (found,) = findings(tmp_path / name / "b", flow, "DC608", others)
        assert found.path.endswith("config_flow.py"), name


def test_dc608_follows_a_base_class_of_a_sub_package(tmp_path: Path) -> None:
    flow = with_import("from .flows import handler").replace(
        "(config_entry_oauth2_flow.AbstractOAuth2FlowHandler)", "(handler.FlowHandler)"
    )
    others = {"flows/__init__.py": "", "flows/handler.py": HANDLER}
    assert findings(tmp_path / "a", flow, "DC608", others) == []
    others = {"flows/__init__.py": "", "flows/handler.py": UNREGISTERED_HANDLER}
    (found,) = findings(tmp_path / "b", flow, "DC608", others)
    assert "`OAuth2FlowHandler`" in found.message


def test_dc608_stays_silent_where_the_listing_of_sub_packages_is_incomplete(
    tmp_path: Path,
) -> None:
    """A module deeper than the listing goes may define anything: unknown, never "missing";
    the same module within the bound is read."""
    depth = discovery.PACKAGE_DEPTH
    inside = "/".join(f"p{i}" for i in range(depth))
    beyond = "/".join(f"p{i}" for i in range(depth + 1))
    for name, folder in (("inside", inside), ("beyond", beyond)):
        line = f"from .{folder.replace('/', '.')}.client import ExampleClient"
        others = {f"{folder}/client.py": CLIENT.replace("from ..const import DOMAIN\n", "")}
        found = findings(tmp_path / name, with_import(line), "DC608", others)
        assert len(found) == (1 if name == "inside" else 0), name


def test_dc608_stays_silent_where_the_listing_holds_too_many_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A listing that stopped before the module: unknown."""
    line = "from .api.client import ExampleClient"
    others = {"api/__init__.py": "", "api/client.py": CLIENT}
    monkeypatch.setattr(discovery, "PACKAGE_FILES", 1)  # api/client.py, or api/__init__.py
    assert findings(tmp_path / "a", with_import(line), "DC608", others) == []
    monkeypatch.setattr(discovery, "PACKAGE_FILES", 2)
    assert len(findings(tmp_path / "b", with_import(line), "DC608", others)) == 1


# DC603 ------------------------------------------------------------------------------------

NO_HANDLER = '"""Config flow for Example."""\n\n{line}\n'


def test_dc603_reads_a_handler_of_a_sub_package(tmp_path: Path) -> None:
    flow = NO_HANDLER.format(line="from .flows.handler import FlowHandler")
    others = {"flows/__init__.py": "", "flows/handler.py": HANDLER}
    assert findings(tmp_path / "a", flow, "DC603", others) == []
    plain = HANDLER.replace(
        "config_entry_oauth2_flow.AbstractOAuth2FlowHandler", "config_entries.ConfigFlow"
    )
    others = {"flows/__init__.py": "", "flows/handler.py": plain}
    (found,) = findings(tmp_path / "b", flow, "DC603", others)
    assert found.path.endswith("config_flow.py")


@pytest.mark.parametrize(
    "line",
    ["from .api.client import ExampleClient", "from .api import ExampleClient"],
)
def test_dc603_is_not_silenced_by_an_api_client_of_a_sub_package(line: str, tmp_path: Path) -> None:
    others = {"api/__init__.py": "from .client import ExampleClient\n", "api/client.py": CLIENT}
    (found,) = findings(tmp_path, NO_HANDLER.format(line=line), "DC603", others)
    assert found.path.endswith("config_flow.py")


# DC607 ------------------------------------------------------------------------------------

AUTH_MODULE = SELF_REGISTERING_INIT.replace(
    "from . import config_flow", "from .. import config_flow"
)
OAUTH_FLOW = HEADER + (
    "\n\nclass OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, "
    'domain=DOMAIN):\n    """Handle the OAuth2 flow."""\n'
)


def dc607(tmp_path: Path, others: dict[str, str]) -> list[Diagnostic]:
    folder = make_integration(
        tmp_path,
        {
            "manifest.json": manifest(dependencies='"application_credentials"'),
            "config_flow.py": OAUTH_FLOW,
            "__init__.py": '"""The Example integration."""\n',
            **others,
        },
    )
    (folder / "application_credentials.py").unlink(missing_ok=True)
    return [d for d in check_paths(folder) if d.code == "DC607"]


def test_dc607_counts_a_registration_in_a_sub_package(tmp_path: Path) -> None:
    assert dc607(tmp_path / "a", {"api/__init__.py": "", "api/auth.py": AUTH_MODULE}) == []
    assert dc607(tmp_path / "b", {"api/auth.py": AUTH_MODULE}) == []  # a namespace package
    (found,) = dc607(tmp_path / "c", {"api/__init__.py": "", "api/client.py": CLIENT})
    assert found.path.endswith("manifest.json")


def test_dc607_stays_silent_where_the_listing_of_sub_packages_is_incomplete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discovery, "PACKAGE_FILES", 1)
    assert dc607(tmp_path, {"api/__init__.py": "", "api/client.py": CLIENT}) == []


def test_dc607_finds_a_lookup_of_the_implementation_in_a_sub_package(tmp_path: Path) -> None:
    """A flow that builds its own implementation, and set-up in ``hub/setup.py`` that asks
    Home Assistant for it: without a registration or the platform module the lookup fails."""
    lookup = LOOKUP_INIT % (
        "from homeassistant.helpers import config_entry_oauth2_flow",
        "config_entry_oauth2_flow.async_get_config_entry_implementation",
    )
    folder = make_integration(
        tmp_path,
        {
            "manifest.json": manifest(),
            "config_flow.py": _flow_with(OWN_PICK_STEP),
            "hub/__init__.py": "",
            "hub/setup.py": lookup,
        },
    )
    (folder / "application_credentials.py").unlink(missing_ok=True)
    (found,) = [d for d in check_paths(folder) if d.code == "DC607"]
    assert found.message.startswith("hub/setup.py:")


def test_a_star_import_from_a_package_elsewhere_keeps_the_name_unknown(tmp_path: Path) -> None:
    """``flows/__init__.py`` star-imports a package too: the name may come from there, so
    DC608 stays silent (unknowability is local to that name)."""
    others = {
        "flows/__init__.py": "from acme_api.flows import *\nfrom .handler import *\n",
        "flows/handler.py": UNREGISTERED_HANDLER,
    }
    assert findings(tmp_path, with_import("from .flows import Other"), "DC608", others) == []


def test_a_module_beside_an_unlisted_package_of_its_name_is_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``a/b.py`` is listed, ``a/b/__init__.py`` lies beyond the listing's depth: Python would
    import the package, which may define the handler, so DC603 stays silent (an incomplete
    listing is unknown, never "missing")."""
    monkeypatch.setattr(discovery, "PACKAGE_DEPTH", 1)
    flow = NO_HANDLER.format(line="from .a.b import FlowHandler")
    others = {"a/__init__.py": "", "a/b.py": "RETRIES = 3\n", "a/b/__init__.py": HANDLER}
    assert findings(tmp_path, flow, "DC603", others) == []
