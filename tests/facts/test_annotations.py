"""annotation_matches: whether an annotation is the contract's type: YES, NO, or UNKNOWN when
that cannot be known statically."""

from __future__ import annotations

import pytest

from devcreds_lint.contracts import PROFILES, TypeSpec
from devcreds_lint.facts.annotations import Match, annotation_matches
from tests.facts.support import APP_PROFILE, expression, index_of

HASS = TypeSpec(names=("HomeAssistant",))
SERVER_HOOK = APP_PROFILE.hook("async_get_authorization_server")
IMPLEMENTATION_HOOK = APP_PROFILE.hook("async_get_auth_implementation")
PLACEHOLDERS_HOOK = APP_PROFILE.hook("async_get_description_placeholders")


def matches(annotation: str, spec: TypeSpec, module: str = "") -> Match:
    return annotation_matches(expression(annotation), spec, index_of(module), PROFILES)


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        ("HomeAssistant", Match.YES),
        ("core.HomeAssistant", Match.YES),
        ("homeassistant.core.HomeAssistant", Match.YES),
        ('"HomeAssistant"', Match.YES),
        ("str", Match.NO),
        ("dict", Match.NO),
        ("AuthorizationServer", Match.NO),  # another of the contract's names
        ("Any", Match.UNKNOWN),
        ("object", Match.UNKNOWN),
        ("SomeLibraryType", Match.UNKNOWN),
        ("Optional[HomeAssistant]", Match.UNKNOWN),
    ],
)
def test_named_types(annotation: str, expected: Match) -> None:
    assert matches(annotation, HASS) is expected


def test_the_hook_specs_of_the_profile() -> None:
    assert SERVER_HOOK is not None and SERVER_HOOK.params[0] == HASS
    assert matches("AuthorizationServer", SERVER_HOOK.returns) is Match.YES
    assert matches("HomeAssistant", SERVER_HOOK.returns) is Match.NO


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("class Impl(LocalOAuth2Implementation):\n    pass\n", Match.YES),
        (
            "class Base(config_entry_oauth2_flow.LocalOAuth2Implementation):\n    pass\n"
            "class Impl(Base):\n    pass\n",
            Match.YES,
        ),
        ("class Impl(SomethingElse):\n    pass\n", Match.UNKNOWN),
        ("class Impl:\n    pass\n", Match.NO),
        ("class Impl(Impl2):\n    pass\nclass Impl2(Impl):\n    pass\n", Match.NO),
    ],
)
def test_a_local_class_matches_through_its_bases(module: str, expected: Match) -> None:
    assert IMPLEMENTATION_HOOK is not None
    assert matches("Impl", IMPLEMENTATION_HOOK.returns, module) is expected


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        ("dict[str, str]", Match.YES),
        ("Mapping[str, str]", Match.YES),
        ("typing.Dict[str, str]", Match.YES),
        ('"dict[str, str]"', Match.YES),
        ("dict[str, int]", Match.NO),
        ("list[str]", Match.NO),
        ("str", Match.NO),
        ("dict", Match.UNKNOWN),  # compatible, only less precise
        ("dict[str, Placeholder]", Match.UNKNOWN),
        ('"dict[str, "', Match.UNKNOWN),  # a string that does not parse
    ],
)
def test_generic_types(annotation: str, expected: Match) -> None:
    assert PLACEHOLDERS_HOOK is not None
    assert matches(annotation, PLACEHOLDERS_HOOK.returns) is expected
