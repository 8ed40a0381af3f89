"""HookFacts: the hooks a module defines, misspelled (DC202) and nested out of reach (DC204),
and the parameters that receive the contract's arguments."""

from __future__ import annotations

from devcreds_lint.facts.hooks import HookFacts, contract_params, has_stray_self
from tests.facts.support import APP_PROFILE, index_of

SERVER = "async_get_authorization_server"


def hooks(source: str) -> HookFacts:
    return HookFacts(APP_PROFILE, index_of(source))


def test_a_misspelled_hook_is_found_and_counts_as_the_hook() -> None:
    facts = hooks("async def async_get_authorisation_server(hass):\n    return 1\n")
    ((node, spec),) = facts.misspelled
    assert node.name.value == "async_get_authorisation_server"
    assert spec.name == SERVER
    ((defined),) = facts.defs
    assert defined.spec.name == SERVER and defined.node is node


def test_no_misspelling_when_the_hook_is_defined_or_bound() -> None:
    both = f"async def {SERVER}(hass): ...\nasync def async_get_authorisation_server(hass): ...\n"
    assert hooks(both).misspelled == []
    assert [d.node.name.value for d in hooks(both).defs] == [SERVER]
    bound = f"{SERVER} = make()\ndef async_get_authorisation_server(hass): ...\n"
    assert hooks(bound).misspelled == []


def test_one_misspelling_per_hook_and_unrelated_names_are_not_hooks() -> None:
    source = (
        "def async_get_authorisation_server(hass): ...\n"
        "def async_get_authorization_sever(hass): ...\n"
        "def async_setup_entry(hass, entry): ...\n"
    )
    facts = hooks(source)
    assert [node.name.value for node, _ in facts.misspelled] == ["async_get_authorisation_server"]
    assert [d.spec.name for d in facts.defs] == [SERVER]


def test_the_last_definition_wins() -> None:
    source = f"def {SERVER}(hass):\n    return 1\n\n\nasync def {SERVER}(hass):\n    return 2\n"
    (hook,) = hooks(source).defs
    assert hook.node.asynchronous is not None


def test_a_nested_hook_is_reported_only_when_absent_at_module_level() -> None:
    nested = f"class Platform:\n    async def {SERVER}(self, hass): ...\n"
    facts = hooks(nested)
    ((node, where),) = facts.nested
    assert node.name.value == SERVER and where == "class"
    assert facts.defs == []
    inner = f"def outer():\n    async def {SERVER}(hass): ...\n"
    assert [w for _, w in hooks(inner).nested] == ["function"]
    both = nested + f"\n\nasync def {SERVER}(hass): ...\n"
    assert hooks(both).nested == []


def test_a_stray_self_is_skipped_for_the_contract_parameters() -> None:
    spec = APP_PROFILE.hook(SERVER)
    assert spec is not None
    index = index_of(
        "def a(self, hass): ...\ndef b(hass): ...\ndef c(self): ...\ndef d(self, *args): ...\n"
    )
    (a,), (b,), (c,), (d,) = (index.functions[n] for n in "abcd")
    assert has_stray_self(a, spec) and [p.name.value for p in contract_params(a, spec)] == ["hass"]
    assert not has_stray_self(b, spec) and [p.name.value for p in contract_params(b, spec)] == [
        "hass"
    ]
    # `self` alone is the one parameter Home Assistant passes (it receives hass).
    assert not has_stray_self(c, spec) and [p.name.value for p in contract_params(c, spec)] == [
        "self"
    ]
    assert has_stray_self(d, spec)
