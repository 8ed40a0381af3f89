"""The cheap pre-checks never hide a finding (issue 18, point 4).

Python's parser and byte searches decide what libcst reads: ``may_hold_credentials`` which
modules besides the platform modules the secret, URL and implementation-call rules parse,
``may_import_unknown`` which ones DC403 parses, and discovery's ``may_need_platform`` which
integrations without a platform module are checked at all (DC607). For generated and mutated
modules, the findings with the screens are exactly the findings with every screen answering
"maybe": whenever a screen says "nothing here", the full rules find nothing there either.
"""

from __future__ import annotations

import ast
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import devcreds_lint.discovery as discovery
import devcreds_lint.facts.siblings as siblings
import devcreds_lint.rules.imports.unknown_contract_import as unknown_contract_import
from devcreds_lint.contracts import (
    CREDENTIAL_OBJECT_SUFFIX,
    IMPLEMENTATIONS,
    IMPORT_CLIENT_CREDENTIAL,
    PROFILES,
    Profile,
)
from devcreds_lint.facts.flows import Known, flow_facts
from devcreds_lint.facts.python_ast import parse_module, parse_newer_syntax
from devcreds_lint.rules.examples import GOOD_SERVER
from tests.helpers import check_paths, make_integration

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Statements of the kinds the screens look for (and near misses of them), written by hand.
STATEMENTS = [
    "from homeassistant.components.application_credentials import (\n"
    "    AuthorizationServer,\n    ClientCredential,\n    async_import_client_credential,\n)",
    "from homeassistant.components.application_credentials import DATA_STORAGE",
    "from homeassistant.components.developer_credentials import DeveloperCredentials",
    "from homeassistant.helpers import config_entry_oauth2_flow",
    "from .const import CLIENT_ID, CLIENT_SECRET, OAUTH2_TOKEN",
    'SECRET = "7d1e0c5a9b"',
    'CLIENT_ID = "acme-home"',
    'URL = "http://acme-api.io/oauth/token"',
    'BASE = "https://user:pw@acme-api.io"',
    'credential = ClientCredential("acme-home", "7d1e0c5a9b")',
    "credential = ClientCredential(CLIENT_ID, SECRET)",
    "credential = ClientCredential(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)",
    'server = AuthorizationServer(authorize_url=URL, token_url=f"{BASE}/token")',
    "server = AuthorizationServer(URL + '/a', URL)",
    "impl = config_entry_oauth2_flow.LocalOAuth2Implementation(\n"
    '    hass, "acme", CLIENT_ID, SECRET, URL, "https://example.com/token"\n)',
    "impl = config_entry_oauth2_flow.LocalOAuth2ImplementationWithPkce(hass, 'acme', 'id')",
    "class Impl(config_entry_oauth2_flow.LocalOAuth2Implementation):\n    pass",
    'other = Impl(hass, "acme", "id", "secret", URL, URL)',
    "async def setup(hass):\n    await async_import_client_credential(\n"
    '        hass, "acme", ClientCredential(client_id="acme-home", client_secret=SECRET)\n    )',
    'entry.client_secret = "7d1e0c5a9b"',
    "entry.client_id = CLIENT_ID",
    'options = dict(client_id="acme-home", client_secret=SECRET)',
    'config_entry_oauth2_flow.async_register_implementation(hass, "acme", "acme_cloud")',
    "type Alias = dict[str, str]",
    "try:\n    pass\nexcept ValueError, TypeError:\n    pass",
    "def helper(client_secret='zz'):\n    return client_secret",
    "x = 1",
]
# Small damages: a renamed word, a dropped character, an inserted quote or bracket.
WORDS = ["ClientCredential", "client_secret", "client_id", "AuthorizationServer", "SECRET", "URL"]


@st.composite
def modules(draw: st.DrawFn) -> str:
    body = draw(st.lists(st.sampled_from(STATEMENTS), min_size=1, max_size=6))
    text = '"""A module of the integration."""\n\n' + "\n\n".join(body) + "\n"
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["rename", "drop", "insert"]))
        if kind == "rename":
            old, new = draw(st.sampled_from(WORDS)), draw(st.sampled_from(WORDS))
            text = text.replace(old, new, 1)
        elif text:
            at = draw(st.integers(0, len(text) - 1))
            extra = draw(st.sampled_from(["", '"', "(", ")", "\n", " ", "#"]))
            text = text[:at] + extra + text[at + (1 if kind == "drop" else 0) :]
    return text


def _in_scope(text: str, always: bool = True) -> bool:
    """The reference for ``may_hold_credentials``: no byte search, no statement filter, only
    the spec's scope. ``__init__.py`` and ``config_flow.py`` always; another module when any
    call anywhere builds a contract object or a ``...Credential``, calls
    ``async_import_client_credential`` or an implementation class (or a class of the module
    deriving from one); a module Python cannot parse, even with newer syntax rewritten,
    always (the full check decides)."""
    if always:
        return True
    tree = parse_module(text) or parse_newer_syntax(text)  # as libcst reads it
    if tree is None:
        return True
    implementations = {spec.name for spec in IMPLEMENTATIONS}
    derived = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(ast.unparse(b).rsplit(".", 1)[-1] in implementations for b in node.bases)
    }
    objects = {o.name for p in PROFILES for o in p.objects}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func).rsplit(".", 1)[-1]
            if (
                name in implementations | derived | objects
                or name == IMPORT_CLIENT_CREDENTIAL
                or name.endswith(CREDENTIAL_OBJECT_SUFFIX)
            ):
                return True
    return False


def _needs_platform(folder: str, names: frozenset[str], profiles: tuple[Profile, ...]) -> bool:
    """The reference for discovery's byte search: the manifest read as JSON lists a
    profile's component, or ``config_flow.py`` read by Python's parser may be an OAuth2 flow
    (or does not parse)."""
    if "manifest.json" not in names or any(p.platform_file in names for p in PROFILES):
        return False
    try:
        manifest = json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    dependencies = manifest.get("dependencies", []) if isinstance(manifest, dict) else []
    if any(p.manifest_dependency in dependencies for p in profiles):
        return True
    if "config_flow.py" not in names:
        return False
    flow = flow_facts((Path(folder) / "config_flow.py").read_text(encoding="utf-8"))
    return flow is None or flow.has_oauth2_handler is not Known.NO


@contextmanager
def screens_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every screen replaced by its reference (the spec's scope, read in full)."""
    with monkeypatch.context() as patch:
        patch.setattr(siblings, "may_hold_credentials", _in_scope)
        patch.setattr(unknown_contract_import, "may_import_unknown", lambda *_a, **_k: True)
        patch.setattr(discovery, "may_need_platform", _needs_platform)
        yield


def _findings(root: Path) -> list[tuple[str, str, int, int]]:
    return [(Path(d.path).name, d.code, d.start.row, d.start.column) for d in check_paths(root)]


@SETTINGS
@given(init=modules(), other=modules())
def test_module_screens_hide_no_finding(
    init: str, other: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``__init__.py`` and another module of an integration with a platform module."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        make_integration(
            root, {"application_credentials.py": GOOD_SERVER, "__init__.py": init, "auth.py": other}
        )
        screened = _findings(root)
        with screens_open(monkeypatch):
            assert _findings(root) == screened


MANIFESTS = [
    '{"domain": "example", "config_flow": true, "dependencies": ["application_credentials"]}',
    '{"domain": "example", "config_flow": true, "dependencies": [ "application_credentials" ]}',
    '{"domain": "example", "config_flow": true, "dependencies": ["application\\u005fcredentials"]}',
    '{"domain": "example", "config_flow": true, "dependencies": ["http"]}',
    '{"domain": "example", "config_flow": true}',
    '{"domain": "example", "dependencies": ["developer_credentials"]}',
]
FLOWS = [
    None,
    "from homeassistant.helpers import config_entry_oauth2_flow\n\n\n"
    "class Flow(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain='example'):\n"
    "    pass\n",
    "from homeassistant import config_entries\n\n\n"
    "class Flow(config_entries.ConfigFlow, domain='example'):\n    pass\n",
    "from homeassistant.helpers.config_entry_oauth2_flow import AbstractOAuth2FlowHandler as B\n"
    "\n\nclass Flow(B, domain='example'):\n    pass\n",
]


@SETTINGS
@given(manifest=st.sampled_from(MANIFESTS), flow=st.sampled_from(FLOWS), init=modules())
def test_discovery_screen_hides_no_finding(
    manifest: str, flow: str | None, init: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An integration without a platform module that discovery leaves out has no finding."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        folder = make_integration(root, {"manifest.json": manifest, "__init__.py": init})
        if flow is None:
            (folder / "config_flow.py").unlink()
        else:
            (folder / "config_flow.py").write_text(flow, encoding="utf-8")
        screened = _findings(root)
        with screens_open(monkeypatch):
            opened = _findings(root)
        if screened != opened:
            assert screened == [], "a kept integration is checked the same either way"
            assert opened == [], f"discovery left out an integration with findings: {opened}"
