"""Property: over generated platform modules with several defects at once, ``--fix`` leaves a
module that parses, a second ``--fix`` changes nothing, and no file disappears."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devcreds_lint.parsing.parse import ParseFailure, parse_module
from tests.helpers import fix_paths, make_integration, read_tree


@st.composite
def modules(draw: st.DrawFn) -> tuple[str, str]:
    """(file name, module text) with a random mix of the catalogue's fixable defects."""
    name = draw(
        st.sampled_from(
            [
                "async_get_authorization_server",
                "async_get_authorisation_server",
                "get_authorization_server",
            ]
        )
    )
    is_async = draw(st.booleans())
    self_param = draw(st.booleans())
    annotate_hass = draw(st.booleans())
    annotate_return = draw(st.booleans())
    import_server = draw(st.sampled_from(["ok", "missing", "malformed", "wrong_home"]))
    import_hass = draw(st.sampled_from(["ok", "missing", "malformed"]))
    scheme = draw(st.sampled_from(["https", "http"]))
    keyword = draw(st.sampled_from(["token_url", "token_uri"]))
    noqa = draw(st.booleans())
    crlf = draw(st.booleans())
    filename = draw(st.sampled_from(["application_credentials.py", "application_credential.py"]))
    lines = ['"""Generated platform."""', ""]
    server_import = {
        "ok": "from homeassistant.components.application_credentials import AuthorizationServer",
        "missing": None,
        "malformed": "from homeassistant.components.application_credentials.AuthorizationServer",
        "wrong_home": "from homeassistant.components.developer_credentials import AuthorizationServer",
    }[import_server]
    hass_import = {
        "ok": "from homeassistant.core import HomeAssistant",
        "missing": None,
        "malformed": "from homeassistant.core.HomeAssistant",
    }[import_hass]
    lines += [line for line in (server_import, hass_import) if line]
    params = (["self"] if self_param else []) + ["hass: HomeAssistant" if annotate_hass else "hass"]
    returns = " -> AuthorizationServer" if annotate_return else ""
    comment = "  # noqa: DC306" if noqa else ""
    lines += [
        "",
        "",
        f"{'async ' if is_async else ''}def {name}({', '.join(params)}){returns}:{comment}",
        '    """Return the server."""',
        "    return AuthorizationServer(",
        f'        authorize_url="{scheme}://acme-api.io/authorize",',
        f'        {keyword}="https://acme-api.io/token",',
        "    )",
        "",
    ]
    text = "\n".join(lines)
    return filename, text.replace("\n", "\r\n") if crlf else text


def _parses(text: str) -> bool:
    try:
        parse_module(text)
    except ParseFailure:
        return False
    return True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(modules())
def test_fix_is_idempotent_and_leaves_a_parsing_module(case: tuple[str, str]) -> None:
    filename, text = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_integration(Path(tmp), {filename: text})
        before = set(read_tree(folder))
        fix_paths(folder, unsafe=True)
        once = read_tree(folder)
        platform = once.get("application_credentials.py")
        assert platform is not None, "the platform module must exist under its right name"
        assert _parses(platform)
        assert ("\r\n" in platform) == ("\r\n" in text)
        fix_paths(folder, unsafe=True)
        assert read_tree(folder) == once
        after = set(once)
        assert after - before <= {"application_credentials.py"}
        assert before - after <= {"application_credential.py"}
