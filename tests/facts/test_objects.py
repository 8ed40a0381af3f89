"""object_calls: the calls that build contract objects, with their arguments bound to the
object's fields (positional in field order, keywords by name); unknown keywords and their
near misses."""

from __future__ import annotations

from devcreds_lint.contracts import PROFILES
from devcreds_lint.facts.objects import ObjectCall, object_calls, unknown_keywords
from tests.facts.support import APP_PROFILE, index_of

IMPORT = "from homeassistant.components.application_credentials import AuthorizationServer\n"


def calls(source: str) -> list[ObjectCall]:
    return list(object_calls(index_of(source), APP_PROFILE, PROFILES))


def bound(call: ObjectCall) -> dict[str, str]:
    return {name: arg.value.value for name, arg in call.field_args()}  # type: ignore[attr-defined]


def test_positional_and_keyword_arguments_bind_to_fields() -> None:
    (call,) = calls(IMPORT + 'AuthorizationServer("https://a", token_url="https://t")\n')
    assert call.spec.name == "AuthorizationServer"
    assert bound(call) == {"authorize_url": '"https://a"', "token_url": '"https://t"'}
    assert [f for f, _ in call.field_args()] == ["authorize_url", "token_url"]
    token = call.value_of("token_url")
    assert token is not None and token.keyword is not None
    assert call.value_of("nothing") is None
    assert not call.starred


def test_keywords_in_any_order_and_too_many_positionals() -> None:
    (call,) = calls(IMPORT + 'AuthorizationServer(token_url="t", authorize_url="a")\n')
    assert bound(call) == {"token_url": '"t"', "authorize_url": '"a"'}
    (call,) = calls(IMPORT + 'AuthorizationServer("a", "t", "extra")\n')
    assert bound(call) == {"authorize_url": '"a"', "token_url": '"t"'}
    assert len(call.positional) == 3


def test_unknown_keywords_and_their_near_misses() -> None:
    (call,) = calls(IMPORT + 'AuthorizationServer(authorize_url="a", token_uri="t", scope="s")\n')
    assert bound(call) == {"authorize_url": '"a"'}
    assert unknown_keywords(call) == {"token_uri": "token_url", "scope": None}


def test_starred_arguments_are_noted() -> None:
    (call,) = calls(IMPORT + "AuthorizationServer(*urls)\n")
    assert call.starred and bound(call) == {}


def test_which_calls_build_the_contract_object() -> None:
    assert len(calls(IMPORT + 'AuthorizationServer("a", "t")\n')) == 1
    # Used without import: still checked (DC401 reports the import).
    assert len(calls('AuthorizationServer("a", "t")\n')) == 1
    # Dotted through the component (of any profile), but not through another module.
    dotted = "from homeassistant.components import application_credentials\n"
    assert len(calls(dotted + 'application_credentials.AuthorizationServer("a", "t")\n')) == 1
    assert len(calls('developer_credentials.AuthorizationServer("a", "t")\n')) == 1
    assert calls('mylib.AuthorizationServer("a", "t")\n') == []
    # A class of the same name, or one imported from elsewhere, is not the contract object.
    assert calls('class AuthorizationServer:\n    pass\nAuthorizationServer("a", "t")\n') == []
    assert calls('from mylib import AuthorizationServer\nAuthorizationServer("a", "t")\n') == []
    assert calls('from .api import AuthorizationServer\nAuthorizationServer("a", "t")\n') == []
    assert calls('Other("a", "t")\n') == []


def test_client_credential_fields() -> None:
    source = (
        "from homeassistant.components.application_credentials import ClientCredential\n"
        'ClientCredential("id", client_secret="secret")\n'
    )
    (call,) = calls(source)
    assert bound(call) == {"client_id": '"id"', "client_secret": '"secret"'}


def test_positional_arguments_after_a_star_count_for_contract_objects_only() -> None:
    import libcst as cst

    from devcreds_lint.facts.objects import split_arguments

    call = cst.parse_expression('AuthorizationServer(*urls, "https://acme-api.io/t", x=1)')
    assert isinstance(call, cst.Call)
    kept, keywords, starred = split_arguments(call, positional_after_star=True)
    assert [cst.Module([]).code_for_node(a.value) for a in kept] == ['"https://acme-api.io/t"']
    assert [a.keyword.value for a in keywords if a.keyword] == ["x"] and starred
    dropped, keywords, starred = split_arguments(call, positional_after_star=False)
    assert dropped == () and len(keywords) == 1 and starred
