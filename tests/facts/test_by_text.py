"""Facts remembered by text (facts/by_text.py): the same text gives the same facts without
parsing again; a changed text is parsed afresh; what is shared cannot be changed."""

from __future__ import annotations

import pytest

from devcreds_lint.facts.flows import flow_facts
from devcreds_lint.facts.siblings import string_constants

FLOW = """\
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    DOMAIN = DOMAIN
"""


def test_an_unchanged_text_is_not_parsed_again() -> None:
    first = flow_facts(FLOW)
    again = flow_facts("".join(list(FLOW)))  # equal, not the same object: as read again
    assert first is not None and again is first


def test_a_changed_text_is_parsed_afresh() -> None:
    before = flow_facts(FLOW)
    after = flow_facts(FLOW.replace("OAuth2FlowHandler(", "RenamedHandler(", 1))
    assert before is not None and after is not None
    assert [c.name for c in before.classes] == ["OAuth2FlowHandler"]
    assert [c.name for c in after.classes] == ["RenamedHandler"]


def test_shared_constants_cannot_be_changed() -> None:
    found = string_constants('DOMAIN = "acme"\nTOKEN_URL = "https://acme-api.io/token"\n')
    assert dict(found) == {"DOMAIN": "acme", "TOKEN_URL": "https://acme-api.io/token"}
    with pytest.raises(TypeError):
        found["DOMAIN"] = "changed"  # type: ignore[index]
