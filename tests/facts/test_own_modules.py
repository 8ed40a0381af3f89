"""facts/own_modules.py: which own module an import names, from the importing module's own
package, and what a name imported from a package is; discovery's bounded listing of the
modules of sub-packages, which the cache keys on."""

from __future__ import annotations

from pathlib import Path

import pytest

from devcreds_lint import discovery
from devcreds_lint.cache import Cache
from devcreds_lint.contracts import PROFILES
from devcreds_lint.discovery import discover
from devcreds_lint.facts.flows import Known, Link
from devcreds_lint.facts.own_modules import OwnModules
from devcreds_lint.workspace.buffers import integration_for
from devcreds_lint.workspace.config import Config
from devcreds_lint.workspace.options import RunOptions
from devcreds_lint.workspace.watching import snapshot
from tests.helpers import make_integration

PACKAGES = frozenset(
    {"api/__init__.py", "api/client.py", "api/v2/auth.py", "flows/handler.py", "both/__init__.py"}
)
NAMES = frozenset({"__init__.py", "const.py", "config_flow.py", "api", "flows", "both", "both.py"})
FOLDER = "/x/custom_components/example"


def own(texts: dict[str, str] | None = None, complete: bool = True) -> OwnModules:
    files = texts or {}
    return OwnModules(FOLDER, NAMES, files.get, PACKAGES, complete)


@pytest.mark.parametrize(
    ("importer", "module", "parts"),
    [
        ("config_flow.py", ".const", ("const",)),
        ("config_flow.py", ".", ()),
        ("config_flow.py", ".api.client", ("api", "client")),
        ("api/client.py", ".", ("api",)),
        ("api/client.py", ".v2.auth", ("api", "v2", "auth")),
        ("api/client.py", "..const", ("const",)),
        ("api/__init__.py", ".client", ("api", "client")),
        ("api/v2/auth.py", "...const", ("const",)),
        ("api/v2/auth.py", "..", ("api",)),
        ("config_flow.py", "custom_components.example.api.client", ("api", "client")),
        ("api/client.py", "custom_components.example", ()),
        ("config_flow.py", "..const", None),  # above the integration: not its own
        ("api/client.py", "...const", None),
        ("config_flow.py", "custom_components.other.api", None),
        ("config_flow.py", "example_sdk.api", None),
    ],
)
def test_resolve_from_the_importing_module_s_package(
    importer: str, module: str, parts: tuple[str, ...] | None
) -> None:
    assert own().resolve(importer, module) == parts


def test_resolve_the_absolute_package_of_a_core_integration() -> None:
    modules = OwnModules("/x/homeassistant/components/example", NAMES, {}.get, PACKAGES)
    assert modules.resolve("api/client.py", "homeassistant.components.example.const") == ("const",)


def test_module_files_as_python_finds_them() -> None:
    modules = own()
    assert modules.module_file(()) == "__init__.py"
    assert modules.module_file(("api",)) == "api/__init__.py"
    assert modules.module_file(("api", "client")) == "api/client.py"
    assert modules.module_file(("both",)) == "both/__init__.py"  # a package before a module
    assert modules.module_file(("flows",)) is None  # a namespace package
    assert modules.exists(("flows",)) is Known.YES
    assert modules.exists(("api", "v2")) is Known.YES
    assert modules.exists(("api", "missing")) is Known.NO
    assert modules.exists(("missing",)) is Known.NO
    incomplete = own(complete=False)
    assert incomplete.exists(("api", "missing")) is Known.UNKNOWN
    assert incomplete.exists(("missing",)) is Known.NO  # the folder's own listing is whole
    assert incomplete.exists(("api",)) is Known.YES


HANDLER = (
    "from homeassistant.helpers import config_entry_oauth2_flow\n"
    "from ..const import DOMAIN\n\n"
    "class FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):\n"
    "    pass\n"
)
REGISTERED = Link(Known.YES, Known.YES)
NOTHING = Link(Known.NO, Known.NO)
UNKNOWN = Link(Known.UNKNOWN, Known.UNKNOWN)


@pytest.mark.parametrize(
    ("importer", "module", "name", "link"),
    [
        ("config_flow.py", ".flows.handler", "FlowHandler", REGISTERED),
        ("config_flow.py", ".flows.handler", "Other", NOTHING),
        ("config_flow.py", ".api", "FlowHandler", REGISTERED),  # re-exported by api/__init__
        ("config_flow.py", ".api", "client", NOTHING),  # a module, no class
        ("config_flow.py", ".", "api", NOTHING),
        ("config_flow.py", ".flows", "handler", NOTHING),  # of a namespace package
        ("config_flow.py", ".flows", "FlowHandler", NOTHING),  # a namespace defines nothing
        ("config_flow.py", ".flows", "*", NOTHING),
        ("config_flow.py", ".api.missing", "X", NOTHING),  # the import fails
        ("api/client.py", ".", "FlowHandler", REGISTERED),  # api/__init__.py
        ("api/client.py", "..flows.handler", "FlowHandler", REGISTERED),
        ("api/client.py", "example_sdk", "Client", None),
    ],
)
def test_follow_from(importer: str, module: str, name: str, link: Link | None) -> None:
    texts = {
        "flows/handler.py": HANDLER,
        "api/__init__.py": "from ..flows.handler import FlowHandler\n",
    }
    assert own(texts).follow_from(importer, module, name) == link


def test_an_incomplete_listing_is_unknown_never_missing() -> None:
    modules = own({"api/__init__.py": "class Client:\n    pass\n"}, complete=False)
    assert modules.follow_from("config_flow.py", ".api.missing", "X") == UNKNOWN
    assert modules.follow_from("config_flow.py", ".api", "missing") == UNKNOWN
    assert modules.follow_from("config_flow.py", ".api", "client") == NOTHING  # listed
    assert modules.follow_from("config_flow.py", ".missing", "X") == NOTHING  # top level


def test_a_cycle_through_sub_packages_is_unknown() -> None:
    texts = {
        "api/__init__.py": "from ..flows.handler import FlowHandler\n",
        "flows/handler.py": "from ..api import FlowHandler\n",
    }
    assert own(texts).follow_from("config_flow.py", ".api", "FlowHandler") == UNKNOWN


# Discovery ----------------------------------------------------------------------------------


def listed(tmp_path: Path, files: dict[str, str]) -> discovery.Integration:
    folder = make_integration(tmp_path, files)
    (found,) = discover([str(folder)], PROFILES).integrations
    return found


def test_discovery_lists_the_modules_of_sub_packages(tmp_path: Path) -> None:
    found = listed(
        tmp_path,
        {
            "api/__init__.py": "",
            "api/client.py": "",
            "api/v2/auth.py": "",
            "api/data.json": "{}",
            "api/not-a-module.py": "",
            "api/__pycache__/client.py": "",
            "api/.hidden/x.py": "",
            "translations/x.py": "",
            "my-lib/x.py": "",
        },
    )
    assert found.packages == {"api/__init__.py", "api/client.py", "api/v2/auth.py"}
    assert found.packages_complete
    assert found.sibling("api/client.py") == str(Path(found.folder) / "api" / "client.py")
    assert "api/client.py" not in found.names  # the top-level listing stays as it is


def test_discovery_bounds_its_listing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep = "/".join(f"p{i}" for i in range(discovery.PACKAGE_DEPTH))
    found = listed(tmp_path / "a", {f"{deep}/x.py": ""})
    assert found.packages == {f"{deep}/x.py"} and found.packages_complete
    found = listed(tmp_path / "b", {f"{deep}/deeper/x.py": ""})
    assert found.packages == set() and not found.packages_complete
    monkeypatch.setattr(discovery, "PACKAGE_FILES", 2)
    found = listed(tmp_path / "c", {"api/a.py": "", "api/b.py": "", "api/c.py": ""})
    assert found.packages == {"api/a.py", "api/b.py"} and not found.packages_complete


def test_the_cache_key_follows_the_modules_of_sub_packages(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {"api/__init__.py": "", "api/client.py": "X = 1\n"})
    cache = Cache(str(tmp_path / "cache"), "settings")

    def key() -> str | None:
        return cache.key(discover([str(folder)], PROFILES).integrations[0])

    before = key()
    (folder / "api" / "client.py").write_text("X = 2\n")
    edited = key()
    assert edited != before
    (folder / "api" / "v2").mkdir()
    (folder / "api" / "v2" / "auth.py").write_text("")
    assert key() != edited


def test_watching_sees_the_modules_of_sub_packages(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {"api/__init__.py": "", "api/client.py": "X = 1\n"})
    options = RunOptions(paths=(str(tmp_path),), config=Config(root=str(tmp_path)))
    before = snapshot(options)
    assert str(folder / "api" / "client.py") in {path for path, _size, _mtime in before}
    (folder / "api" / "client.py").write_text("X = 22\n")
    assert snapshot(options) != before


def test_an_editor_buffer_keeps_the_modules_of_sub_packages(tmp_path: Path) -> None:
    folder = make_integration(tmp_path, {"api/client.py": ""})
    found = integration_for(str(folder / "config_flow.py"), PROFILES)
    assert found is not None and found.packages == {"api/client.py"}
