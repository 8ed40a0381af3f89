"""A flow that replaces Home Assistant's authorize step never reads `authorize_url`: the URL
rules (DC304, DC305, DC306, DC307, DC309) stay silent about that one field, and only when the
override is visible and certainly never builds the URL. Everything else is reported as before."""

from __future__ import annotations

from collections.abc import Mapping
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


def findings(
    tmp_path: Path,
    authorize: str,
    flow: str,
    token: str = TOKEN,
    others: Mapping[str, str] | None = None,
) -> list[str]:
    """(code, field) of every URL finding: the field is told by its column. ``others``: more
    modules of the integration."""
    app = server(f"authorize_url={authorize}, token_url={token}")
    folder = make_integration(tmp_path, {APP: app, "config_flow.py": flow, **(others or {})})
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


def _importing(flow: str, line: str) -> str:
    return flow.replace("from .const import DOMAIN\n", f"from .const import DOMAIN\n{line}\n")


BOUND = {
    "assigned": "        impl = self.flow_impl\n",
    "walrus": "        if (impl := self.flow_impl) is None:\n            return None\n",
    "tuple": "        impl, flow_id = self.flow_impl, self.flow_id\n",
    "the flow itself": "        impl = self\n",
    "getattr": '        impl = getattr(self, "flow_impl")\n',
    "a super() proxy": "        impl = super().flow_impl\n",
    "in a container": "        impl = {'impl': self.flow_impl}['impl']\n",
}


@pytest.mark.parametrize("binding", BOUND.values(), ids=BOUND.keys())
def test_the_flow_bound_to_a_name_is_handed_out(tmp_path: Path, binding: str) -> None:
    # A name bound to the flow or its implementation may reach code that builds the URL.
    flow = _importing(
        flow_with_auth_step(
            binding + "        url = await sign(impl, self.flow_id)\n"
            '        return self.async_external_step(step_id="auth", url=url)\n'
        ),
        "from .signing import sign",
    )
    assert findings(tmp_path, '"None"', flow) == ["DC304:authorize"]


def test_the_implementation_returned_by_a_method_is_handed_out(tmp_path: Path) -> None:
    flow = _importing(
        flow_with_auth_step(
            "        url = await sign(self._impl(), self.flow_id)\n"
            '        return self.async_external_step(step_id="auth", url=url)\n'
            "\n"
            "    def _impl(self) -> Any:\n"
            '        """The implementation."""\n'
            "        return self.flow_impl\n"
        ),
        "from .signing import sign",
    )
    assert findings(tmp_path, '"None"', flow) == ["DC304:authorize"]


OWN_BUILDER = """async def sign(hass, flow_id):
    impl = hass.data["example"]
    return await impl.async_generate_authorize_url(flow_id)
"""


@pytest.mark.parametrize("module", ["signing.py", "helpers/signing.py"])
def test_an_own_module_that_names_the_url_builders_keeps_it_reported(
    tmp_path: Path, module: str
) -> None:
    flow = _importing(
        flow_with_auth_step(
            "        url = await sign(self.hass, self.flow_id)\n"
            '        return self.async_external_step(step_id="auth", url=url)\n'
        ),
        "from .signing import sign",
    )
    others = {module: OWN_BUILDER}
    if "/" in module:
        others["helpers/__init__.py"] = '"""Helpers."""\n'
    assert findings(tmp_path / "a", '"None"', flow, others=others) == ["DC304:authorize"]
    # An own module that names none of them changes nothing.
    quiet = {
        name: text.replace("async_generate_authorize_url", "sign") for name, text in others.items()
    }
    assert (
        findings(tmp_path / "b", '"None"', flow_with_auth_step(OWN_AUTH_STEP), others=quiet) == []
    )


def test_a_call_through_an_attribute_of_the_flow_hands_it_out(tmp_path: Path) -> None:
    # ``self.hass....`` is Home Assistant's code, not the flow's own method.
    flow = _importing(
        flow_with_auth_step(
            "        url = await self.hass.async_add_executor_job(sign, self.flow_impl, self.flow_id)\n"
            '        return self.async_external_step(step_id="auth", url=url)\n'
        ),
        "from .signing import sign",
    )
    assert findings(tmp_path, '"None"', flow) == ["DC304:authorize"]


def test_the_flows_own_method_called_with_it_is_walked(tmp_path: Path) -> None:
    flow = (
        flow_with_auth_step(
            "        if self.flow_impl is None or not self.flow_impl.domain:\n"
            '            return self.async_abort(reason=f"none {self.flow_impl!r}")\n'
            "        return await self._finish(self.flow_impl)\n"
        )
        + """
    async def _finish(self, impl: Any) -> Any:
        \"\"\"Store the token.\"\"\"
        token = await impl.async_resolve_external_data({})
        return await self.async_oauth_create_entry({"token": token})
"""
    )
    assert findings(tmp_path, '"None"', flow) == []


def _with_mixin(bases: str) -> str:
    mixin = (
        "class ReauthMixin:\n"
        '    """A step of its own."""\n\n'
        "    async def async_step_auth(self, user_input: Any = None) -> Any:\n"
        '        """Authorize."""\n' + OWN_AUTH_STEP + "\n\n"
    )
    flow = CONFIG_FLOW.replace("import logging\n", "import logging\nfrom typing import Any\n")
    return flow.replace("class OAuth2FlowHandler(\n", mixin + "class OAuth2FlowHandler(\n").replace(
        "    config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN\n", bases
    )


def test_an_override_after_home_assistants_handler_in_the_mro_is_not_run(tmp_path: Path) -> None:
    late = "    config_entry_oauth2_flow.AbstractOAuth2FlowHandler, ReauthMixin, domain=DOMAIN\n"
    early = "    ReauthMixin, config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN\n"
    assert findings(tmp_path / "a", '"None"', _with_mixin(late)) == ["DC304:authorize"]
    assert findings(tmp_path / "b", '"None"', _with_mixin(early)) == []


def test_a_newer_pythons_f_string_gives_the_same_answer_on_every_python(tmp_path: Path) -> None:
    # Python 3.12's f-string (a quote reused inside): read as Python 3.12 reads it.
    flow = flow_with_auth_step(
        '        self.logger.debug(f"user {user_input["name"]}")\n' + OWN_AUTH_STEP
    )
    assert findings(tmp_path, '"None"', flow) == []


def test_a_shared_base_comes_after_home_assistants_handler_in_a_diamond(tmp_path: Path) -> None:
    # Python's order is OAuth2FlowHandler, Left, Right, Home Assistant's handler, ReauthMixin:
    # depth first would wrongly find ReauthMixin's step through Left first.
    flow = _with_mixin("    Left, Right, domain=DOMAIN\n").replace(
        "class OAuth2FlowHandler(\n",
        "class Left(ReauthMixin):\n"
        '    """Left."""\n\n\n'
        "class Right(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, ReauthMixin):\n"
        '    """Right."""\n\n\n'
        "class OAuth2FlowHandler(\n",
    )
    assert findings(tmp_path, '"None"', flow) == ["DC304:authorize"]
