"""flow_facts (facts/flows.py): which classes config_flow.py defines, found at any depth
while only the statements whose rows hold the word ``class`` are entered."""

from __future__ import annotations

from devcreds_lint.facts.flows import flow_facts

NESTED = '''\
"""A flow whose classes stand where a walk of class rows must still find them."""
import sys

from homeassistant.helpers import config_entry_oauth2_flow

if sys.version_info >= (3, 12):
    class Base(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):
        """Under an `if`."""
else:
    try:
        class Base(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):  # noqa
            pass
    except ImportError:
        pass


def make():
    text = "no class here, only the word"

    class Inner:
        pass

    return Inner


class \\
        Handler(Base, domain="acme"):
    """The keyword and the name on two rows."""

    async def async_step_user(self, user_input=None):
        return await self.async_step_pick_implementation(user_input)
'''


def test_classes_are_found_at_any_depth() -> None:
    facts = flow_facts(NESTED)
    assert facts is not None
    assert [(c.name, c.node.lineno) for c in facts.classes] == [
        ("Base", 7),
        ("Base", 11),
        ("Inner", 20),
        ("Handler", 26),
    ]
    handler = facts.by_name("Handler")
    # The name is on the next row: the position falls back to the keyword (_name_at).
    assert handler is not None and handler.registers and handler.name_at == (26, 1)
