"""The defect-injection harness (scripts/inject_defects.py) run on the project's examples and
clean fixtures, so that it cannot rot: every rule with an injector is found wherever its
defect applies, nothing else changes, and every rule of the catalogue has an injector or is
named as having none."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from devcreds_lint.catalogue import CATALOGUE

REPO = Path(__file__).resolve().parents[2]
TREES = [
    REPO / "examples",
    REPO / "tests" / "fixtures" / "clean_app",
    REPO / "tests" / "fixtures" / "core_tree" / "homeassistant" / "components" / "alpha",
]


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "inject_defects", REPO / "scripts" / "inject_defects.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("inject_defects", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def harness() -> ModuleType:
    return _harness()


@pytest.fixture(scope="module")
def outcomes(harness: ModuleType) -> list[object]:
    rules = [c for c in harness.INJECTORS if c in CATALOGUE]
    return list(harness.run([str(t) for t in TREES], rules))


def test_every_injectable_rule_has_an_injector(harness: ModuleType) -> None:
    without = {"DC606"}  # needs a developer_credentials integration reading YAML credentials
    expected = set(CATALOGUE) - harness.NOT_INJECTABLE - without
    assert expected <= set(harness.INJECTORS)


def test_every_injected_defect_is_found_and_nothing_else_changes(
    outcomes: list[object], harness: ModuleType
) -> None:
    by_code: dict[str, list[object]] = {}
    for outcome in outcomes:
        by_code.setdefault(outcome.code, []).append(outcome)  # type: ignore[attr-defined]
    rules = {c for c in harness.INJECTORS if c in CATALOGUE}
    assert set(by_code) == rules, "every injector applies to at least one example"
    misses = [f"{o.code} {o.integration}" for o in outcomes if not o.found]  # type: ignore[attr-defined]
    assert misses == []
    instead = [f"{o.code} as {o.by}" for o in outcomes if o.by]  # type: ignore[attr-defined]
    assert instead == []
    collateral = [
        f"{o.code} {o.integration}: {o.collateral}"  # type: ignore[attr-defined]
        for o in outcomes
        if o.collateral  # type: ignore[attr-defined]
    ]
    assert collateral == []


REGISTERING_MODULE = (
    "from homeassistant.helpers import config_entry_oauth2_flow\n\n\n"
    "def register(hass, implementation):\n"
    "    config_entry_oauth2_flow.async_register_implementation(hass, 'example', implementation)\n"
)
"""A module of the integration that registers its own implementation."""

SETUP_LOOKING_IT_UP = (
    "async def async_setup_entry(hass, entry):\n"
    "    implementation = (\n"
    "        await config_entry_oauth2_flow.async_get_config_entry_implementation(hass, entry)\n"
    "    )\n"
    "    return implementation is not None\n"
)
"""A set-up that looks the entry's implementation up (after the helper module's import)."""


def _clean_app_copy(tmp_path: Path) -> Path:
    """The clean application_credentials fixture as ``custom_components/example``."""
    folder = tmp_path / "custom_components" / "example"
    folder.mkdir(parents=True)
    app = REPO / "tests" / "fixtures" / "clean_app" / "custom_components" / "acme"
    for path in app.iterdir():
        if path.is_file():
            (folder / path.name).write_bytes(path.read_bytes())
    manifest = (folder / "manifest.json").read_text(encoding="utf-8")
    (folder / "manifest.json").write_text(manifest.replace('"acme"', '"example"'), encoding="utf-8")
    return folder


def test_a_silence_is_reported_as_a_miss_with_its_reason(
    tmp_path: Path, harness: ModuleType
) -> None:
    """An integration that names a registration function in a way the harness cannot take
    away (an alias): DC607 stays silent (the spec says why), and the harness counts the miss
    and names the sentence."""
    (_clean_app_copy(tmp_path) / "auth.py").write_text(
        "from homeassistant.helpers import config_entry_oauth2_flow\n\n"
        "REGISTER = config_entry_oauth2_flow.async_register_implementation\n",
        encoding="utf-8",
    )
    (outcome,) = harness.run([str(tmp_path)], ["DC607"])
    assert not outcome.found
    assert "registers an implementation itself" in outcome.why
    assert "DC607" in harness.report([outcome]) and "0.0%" in harness.report([outcome])


OWN_PICK = """

    async def async_step_user(self, user_input=None):
        \"\"\"Use the vendor's app.\"\"\"
        self.flow_impl = build_implementation(self.hass)
        return await self.async_step_auth()
"""


def _own_pick_flow(folder: Path) -> None:
    flow = folder / "config_flow.py"
    flow.write_text(flow.read_text(encoding="utf-8") + OWN_PICK, encoding="utf-8")


def test_no_dc607_defect_is_injected_where_home_assistant_never_asks_for_one(
    tmp_path: Path, harness: ModuleType
) -> None:
    """A flow that builds its own implementation, and a set-up that never looks one up: the
    integration works without its platform module, so there is no defect to inject. The
    harness lists it with the reason and does not count it."""
    _own_pick_flow(_clean_app_copy(tmp_path))
    skipped: list[object] = []
    assert harness.run([str(tmp_path)], ["DC607"], skipped) == []
    (skip,) = skipped
    assert "never looks one up" in skip.why  # type: ignore[attr-defined]
    assert "not injected (1)" in harness.report([], skipped)


def test_a_set_up_that_looks_the_implementation_up_gets_the_defect_injected(
    tmp_path: Path, harness: ModuleType
) -> None:
    """The same flow, but set-up asks Home Assistant for the entry's implementation: without
    the platform module that fails, and DC607 must find it."""
    folder = _clean_app_copy(tmp_path)
    _own_pick_flow(folder)
    (folder / "__init__.py").write_text(
        "from homeassistant.helpers import config_entry_oauth2_flow\n\n\n" + SETUP_LOOKING_IT_UP,
        encoding="utf-8",
    )
    (outcome,) = harness.run([str(tmp_path)], ["DC607"])
    assert outcome.found and outcome.by == ""


def test_a_hook_left_in_a_class_is_found_under_the_code_of_its_root_cause(
    tmp_path: Path, harness: ModuleType
) -> None:
    """The injected missing hook is reported as DC204 where a method of the same name is
    left inside a class (docs/spec.md, one root cause): found, and the report says so."""
    folder = _clean_app_copy(tmp_path)
    platform = folder / "application_credentials.py"
    platform.write_text(
        platform.read_text(encoding="utf-8")
        + "\n\nclass Legacy:\n"
        + '    """Kept for older callers."""\n\n'
        + "    async def async_get_authorization_server(self, hass):\n"
        + "        return None\n",
        encoding="utf-8",
    )
    (outcome,) = harness.run([str(tmp_path)], ["DC201"])
    assert outcome.found and outcome.by == "DC204"
    assert "reported as DC204" in harness.report([outcome])


def test_dc607_injection_takes_away_the_integrations_own_registration(
    tmp_path: Path, harness: ModuleType
) -> None:
    """An integration that registers its own implementation needs no platform module; the
    injected defect is an integration with no source of an implementation at all, so the
    registration goes with the module, and DC607 finds it."""
    (_clean_app_copy(tmp_path) / "auth.py").write_text(
        REGISTERING_MODULE,
        encoding="utf-8",
    )
    (outcome,) = harness.run([str(tmp_path)], ["DC607"])
    assert outcome.found and outcome.collateral == ""


def test_findings_that_go_with_the_removed_code_are_no_collateral_change(
    tmp_path: Path, harness: ModuleType
) -> None:
    """A finding that starts in a line the injection deletes goes with it; one elsewhere that
    disappears is a collateral change; a finding of a rule about the platform module goes
    with the deleted module (docs/spec.md, DC607)."""
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "application_credentials.py").write_text("a\nb\nc\n", encoding="utf-8")
    (folder / "auth.py").write_text("one\ntwo\nthree\n", encoding="utf-8")
    view = harness.View(folder)
    removed = harness.removed_rows(view, {"auth.py": "one\nthree\n"})
    assert removed == {"auth.py": {2}}
    at_two = ("DC501", "error", "auth.py", "m")
    at_three = ("DC502", "warning", "auth.py", "n")
    before = [(at_two, 2), (at_three, 3)]
    assert harness.gone_with_the_code(at_two, before, removed)
    assert not harness.gone_with_the_code(at_three, before, removed)
    deleted = harness.removed_rows(view, {"application_credentials.py": None})
    about = ("DC603", "error", "manifest.json", "no flow handler")
    assert harness.gone_with_the_code(about, [(about, 1)], deleted)
    assert not harness.gone_with_the_code(about, [(about, 1)], removed)


def test_dc308_injects_a_string_registered_as_the_implementation(
    tmp_path: Path, harness: ModuleType
) -> None:
    """Where no implementation class is called with an argument to leave out, DC308's defect
    is the one a real fix commit shows: the domain's name registered as the implementation."""
    (_clean_app_copy(tmp_path) / "auth.py").write_text(
        REGISTERING_MODULE,
        encoding="utf-8",
    )
    view = harness.View(tmp_path / "custom_components" / "example")
    mutation = harness.dc308(view)
    assert mutation is not None
    assert "async_register_implementation(hass, 'example', \"example\")" in mutation["auth.py"]
    (outcome,) = harness.run([str(tmp_path)], ["DC308"])
    assert outcome.found


def test_dc607_takes_away_the_registration_of_an_integration_without_a_platform_module(
    tmp_path: Path, harness: ModuleType
) -> None:
    """An integration with no platform module that registers its own implementation: the
    defect DC607 is about is the registration forgotten, which set-up's lookup then misses."""
    folder = _clean_app_copy(tmp_path)
    (folder / "application_credentials.py").unlink()
    (folder / "__init__.py").write_text(
        "from homeassistant.helpers import config_entry_oauth2_flow\n\n\n"
        "async def async_setup(hass, config):\n"
        "    config_entry_oauth2_flow.async_register_implementation(\n"
        "        hass, 'example', build_implementation(hass)\n    )\n"
        "    return True\n\n\n" + SETUP_LOOKING_IT_UP,
        encoding="utf-8",
    )
    mutation = harness.dc607(harness.View(folder))
    assert set(mutation) == {"__init__.py"}
    assert "async_register_implementation" not in mutation["__init__.py"]
    (outcome,) = harness.run([str(tmp_path)], ["DC607"])
    assert outcome.found and outcome.collateral == ""


def test_dc607_injection_takes_away_a_registration_in_a_sub_package(
    tmp_path: Path, harness: ModuleType
) -> None:
    """DC607 looks for a registration in the integration's sub-packages too, so the harness
    takes it away there as well (before, it was left in place and DC607 stayed silent)."""
    folder = _clean_app_copy(tmp_path)
    api = folder / "api"
    api.mkdir()
    (api / "__init__.py").write_text("", encoding="utf-8")
    (api / "auth.py").write_text(
        REGISTERING_MODULE,
        encoding="utf-8",
    )
    mutation = harness.dc607(harness.View(folder))
    assert "pass" in mutation["api/auth.py"] and "async_register" not in mutation["api/auth.py"]
    (outcome,) = harness.run([str(tmp_path)], ["DC607"])
    assert outcome.found and outcome.collateral == ""


def test_dc608_injection_takes_domain_away_from_a_handler_in_a_sub_package(
    tmp_path: Path, harness: ModuleType
) -> None:
    """config_flow.py imports the registered handler from ``flows/handler.py`` (read by the
    rule); the defect is written there, and DC608 finds it."""
    folder = _clean_app_copy(tmp_path)
    flow = (folder / "config_flow.py").read_text(encoding="utf-8")
    (folder / "flows").mkdir()
    (folder / "flows" / "handler.py").write_text(
        flow.replace("from .const import", "from ..const import"), encoding="utf-8"
    )
    unregistered = flow.replace(", domain=DOMAIN", "").replace(
        "from .const import DOMAIN",
        "from .const import DOMAIN\nfrom .flows.handler import OAuth2FlowHandler as Registered",
    )
    (folder / "config_flow.py").write_text(unregistered, encoding="utf-8")
    (outcome,) = harness.run([str(tmp_path)], ["DC608"])
    assert outcome.found


OWN_AUTH = """

    async def async_step_auth(self, user_input=None):
        \"\"\"Fetch a token for the client credentials: no authorize page.\"\"\"
        token = await self.flow_impl.async_resolve_external_data({})
        return await self.async_oauth_create_entry({"token": token})
"""


def test_no_dc306_defect_is_injected_where_the_flow_never_reads_authorize_url(
    tmp_path: Path, harness: ModuleType
) -> None:
    """A flow that replaces the authorize step never sends anyone to `authorize_url`: making
    it equal to the token URL breaks nothing. Listed with the reason, not counted; with Home
    Assistant's own step the same injection is found."""
    folder = _clean_app_copy(tmp_path / "own")
    flow = folder / "config_flow.py"
    flow.write_text(flow.read_text(encoding="utf-8") + OWN_AUTH, encoding="utf-8")
    skipped: list[object] = []
    assert harness.run([str(tmp_path / "own")], ["DC306"], skipped) == []
    (skip,) = skipped
    assert "replaces the authorize step" in skip.why  # type: ignore[attr-defined]
    _clean_app_copy(tmp_path / "plain")
    (outcome,) = harness.run([str(tmp_path / "plain")], ["DC306"])
    assert outcome.found
    # An own step that hands the implementation to a helper may still build the URL there.
    folder = _clean_app_copy(tmp_path / "helper")
    flow = folder / "config_flow.py"
    helper = OWN_AUTH.replace("token = ", "token = await run(self.flow_impl) or ")
    flow.write_text(flow.read_text(encoding="utf-8") + helper, encoding="utf-8")
    (outcome,) = harness.run([str(tmp_path / "helper")], ["DC306"])
    assert outcome.found
