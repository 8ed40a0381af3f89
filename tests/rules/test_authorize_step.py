"""A flow that replaces Home Assistant's authorize step never reads `authorize_url`: the URL
rules (DC304, DC305, DC306, DC307, DC309) stay silent about that one field, and only when the
override is visible and certainly never builds the URL. Everything else is reported as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from devcreds_lint.rules.examples import (
    CONFIG_FLOW,
    OWN_AUTH_STEP,
    SUPER_AUTH_STEP,
    flow_with_auth_step,
    server,
)
from tests.helpers import check_paths, make_integration

APP = "application_credentials.py"
URL_CODES = {"DC304", "DC305", "DC306", "DC307", "DC309"}
TOKEN = '"https://acme-api.io/token"'


def findings(tmp_path: Path, authorize: str, flow: str, token: str = TOKEN) -> list[str]:
    """(code, field) of every URL finding: the field is told by its column."""
    app = server(f"authorize_url={authorize}, token_url={token}")
    folder = make_integration(tmp_path, {APP: app, "config_flow.py": flow})
    row = app.splitlines()[8]
    token_column = row.index("token_url=") + 1
    return sorted(
        f"{d.code}:{'token' if d.start.column >= token_column else 'authorize'}"
        for d in check_paths(folder)
        if d.code in URL_CODES
    )


BAD_AUTHORIZE = [
    ('"None"', "DC304"),
    ('"http://acme-api.io/authorize"', "DC305"),
    ('"https://acme-api.io/token"', "DC306"),
    ("None", "DC307"),
    ('"https://example.com/authorize"', "DC309"),
]


@pytest.mark.parametrize(("authorize", "code"), BAD_AUTHORIZE)
def test_a_flow_that_replaces_the_authorize_step_silences_its_url(
    tmp_path: Path, authorize: str, code: str
) -> None:
    # Without the replaced step the value is reported (the case is a real defect there).
    assert code in {f.split(":")[0] for f in findings(tmp_path / "a", authorize, CONFIG_FLOW)}
    assert findings(tmp_path / "b", authorize, flow_with_auth_step(OWN_AUTH_STEP)) == []


def test_the_token_url_is_still_checked(tmp_path: Path) -> None:
    found = findings(tmp_path, '"None"', flow_with_auth_step(OWN_AUTH_STEP), '"acme-api.io/token"')
    assert found == ["DC304:token"]


def override_in_a_base() -> str:
    """The override sits in a base class of the module; the handler derives from it."""
    flow = flow_with_auth_step(OWN_AUTH_STEP)
    flow = flow.replace("class OAuth2FlowHandler(", "class AuthBase(", 1)
    return (
        flow
        + '''

class OAuth2FlowHandler(AuthBase, domain=DOMAIN):
    """The registered flow."""
'''
    ).replace(
        "config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN",
        "config_entry_oauth2_flow.AbstractOAuth2FlowHandler",
    )


def test_an_override_in_a_base_of_the_module_counts(tmp_path: Path) -> None:
    assert findings(tmp_path, '"None"', override_in_a_base()) == []


USED = {
    "no override": CONFIG_FLOW,
    "an override that goes on to Home Assistant's step": flow_with_auth_step(SUPER_AUTH_STEP),
    "super() with arguments": flow_with_auth_step(
        "        return await super(OAuth2FlowHandler, self).async_step_auth(user_input)\n"
    ),
    "the flow's URL builder": flow_with_auth_step(
        "        url = await self.async_generate_authorize_url()\n"
        '        return self.async_external_step(step_id="auth", url=url)\n'
    ),
    "the implementation's URL builder": flow_with_auth_step(
        "        url = await self.flow_impl.async_generate_authorize_url(self.flow_id)\n"
        '        return self.async_external_step(step_id="auth", url=url)\n'
    ),
    "the URL read elsewhere in the module": flow_with_auth_step(OWN_AUTH_STEP)
    + "\n\ndef _authorize(flow: Any) -> str:\n    return flow.flow_impl.authorize_url\n",
    "a base of the integration's own module": flow_with_auth_step(OWN_AUTH_STEP)
    .replace("from .const import DOMAIN\n", "from .const import DOMAIN\nfrom .oauth import Mixin\n")
    .replace("class OAuth2FlowHandler(\n", "class OAuth2FlowHandler(\n    Mixin,\n"),
    "the flow handed to the integration's own code": flow_with_auth_step(
        "        return await authorize(self)\n"
    ).replace(
        "from .const import DOMAIN\n", "from .const import DOMAIN\nfrom .oauth import authorize\n"
    ),
    "the implementation handed to a package": flow_with_auth_step(
        "        return await acme.authorize(self.flow_impl)\n"
    ).replace("import logging\n", "import logging\n\nimport acme\n", 1),
    "the implementation handed to Home Assistant's helper": flow_with_auth_step(
        "        helper = config_entry_oauth2_flow.OAuth2FlowHelper(self.hass, self.flow_impl)\n"
        "        return await helper.run()\n"
    ),
    "another flow object's authorize step": flow_with_auth_step(
        "        other = self.hass.data[DOMAIN]\n"
        "        return await other.async_step_auth(user_input)\n"
    ),
    "the flow handed to a function of the module": flow_with_auth_step(
        "        return await _authorize(self)\n"
    )
    + "\n\nasync def _authorize(flow: Any) -> Any:\n    return await flow.run()\n",
    "the URL read in a newer Python's f-string": flow_with_auth_step(
        '        url = f"{self.flow_impl.authorize_url}?state={user_input["state"]}"\n'
        '        return self.async_external_step(step_id="auth", url=url)\n'
    ),
    "a config flow that does not parse": flow_with_auth_step(OWN_AUTH_STEP) + "\ndef (:\n",
}


@pytest.mark.parametrize("flow", USED.values(), ids=USED.keys())
def test_a_flow_that_may_build_the_url_keeps_it_reported(tmp_path: Path, flow: str) -> None:
    assert findings(tmp_path, '"None"', flow) == ["DC304:authorize"]


def test_builtins_and_the_flows_own_methods_are_no_way_out(tmp_path: Path) -> None:
    flow = flow_with_auth_step(
        "        assert isinstance(self, OAuth2FlowHandler)\n"
        "        self.logger.debug('%s', repr(self.flow_impl))\n" + OWN_AUTH_STEP
    )
    assert findings(tmp_path, '"None"', flow) == []


def test_an_implementation_class_call_of_such_a_flow_is_silent_too(tmp_path: Path) -> None:
    init = '''"""The Example integration."""

from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

from .config_flow import OAuth2FlowHandler


async def async_setup(hass: HomeAssistant, config: dict) -> bool:
    """Offer the service's implementation."""
    OAuth2FlowHandler.async_register_implementation(
        hass,
        config_entry_oauth2_flow.LocalOAuth2Implementation(
            hass, "example", "id", "", "None", "https://acme-api.io/token"
        ),
    )
    return True
'''
    for name, flow, expected in (
        ("a", CONFIG_FLOW, ["DC304"]),
        ("b", flow_with_auth_step(OWN_AUTH_STEP), []),
    ):
        folder = make_integration(
            tmp_path / name,
            {
                APP: server(f"token_url={TOKEN}, authorize_url=''"),
                "__init__.py": init,
                "config_flow.py": flow,
            },
        )
        found = [
            d for d in check_paths(folder) if d.code in URL_CODES and d.path.endswith("__init__.py")
        ]
        assert [d.code for d in found] == expected, found
