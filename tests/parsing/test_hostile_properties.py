"""Properties over hostile input (issue #6): any text as a platform module is checked without
an exception, and damaged versions of valid modules are reported and fixed safely."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from devcreds_lint.catalogue import CODES
from devcreds_lint.contracts import PROFILES
from devcreds_lint.discovery import discover
from devcreds_lint.engine import CheckOptions
from devcreds_lint.fixing.rounds import fix_integration
from devcreds_lint.fixing.writing import write_changes
from devcreds_lint.parsing.parse import ParseFailure, parse_module
from devcreds_lint.parsing.reading import SourceText, read_source
from tests.helpers import check_paths, make_integration, read_tree

APP = "application_credentials.py"
DEV = "developer_credentials.py"
SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# --- Any text --------------------------------------------------------------------------------

# Pieces of Python, so that random text reaches the parser's corners and not only its first
# token; lone surrogates U+DC80..U+DCFF are written as the raw bytes 0x80..0xFF (not UTF-8).
FRAGMENTS = [
    "async ",
    "def ",
    "class ",
    "return ",
    "import ",
    "from ",
    "lambda",
    "yield",
    "await ",
    "async_get_authorization_server",
    "AuthorizationServer(",
    "ClientCredential(",
    "hass",
    "self",
    ": ",
    " -> ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ".",
    "=",
    "'",
    '"',
    '"""',
    "f'{",
    "#",
    " # noqa: DC203",
    "# devcreds-lint: noqa",
    "\\",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "    ",
    "\x00",
    "\ufeff",
    "\udcff",
    "\udc80",
    "é",
    "\u2028",
    "type X = int\n",
    'client_secret="abcd1234"',
    'token_url="http://acme-api.io"',
    "from a.b.C\n",
]
any_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF) | st.characters()),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40).map("".join),
)


@SETTINGS
@given(text=any_text, name=st.sampled_from([APP, DEV, "application_credential.py"]))
# Found by this test: a name Python 3.11 does not know as an identifier (3.12 does) made
# libcst raise CSTValidationError, which escaped as an internal error (issue 16).
@example(text="x\U00013441 = 1\n", name=APP)
@example(text="\U00013441", name=APP)
def test_any_text_is_checked_without_an_exception(text: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        profile = "developer_credentials" if name == DEV else "application_credentials"
        make_integration(root, {name: text}, profile=profile)
        found = check_paths(root)
        assert {d.code for d in found} <= CODES
        assert "DC000" not in {d.code for d in found}, [d.message for d in found]
        for integration in discover([str(root)], PROFILES).integrations:  # and the fixer
            result = fix_integration(integration, CheckOptions(), unsafe=True)
            assert "DC000" not in {d.code for d in result.remaining}


# --- Damaged valid modules ------------------------------------------------------------------

VALID = [
    # A sync hook with a leading self and an http:// URL.
    '''"""Platform."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


def async_get_authorization_server(self, hass: HomeAssistant) -> AuthorizationServer:
    """Return the server."""
    return AuthorizationServer(
        authorize_url="http://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
''',
    # Imports missing, a misspelled hook, a misspelled field.
    '''"""Platform."""


async def async_get_authorisation_server(hass):
    return AuthorizationServer(authorize_url="https://a-apis.io/auth", token_uri="https://a-apis.io/t")
''',
    # The auth implementation hook and placeholders, imported from the wrong home.
    '''"""Platform."""

from homeassistant.components.developer_credentials import AuthorizationServer, ClientCredential
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return the implementation."""
    return config_entry_oauth2_flow.LocalOAuth2Implementation(
        hass, auth_domain, credential.client_id, credential.client_secret, "a", "b"
    )


def async_get_description_placeholders(hass):  # noqa: DC209
    return {"url": "https://acme-api.io"}
''',
    # Clean, with a class, constants, and a decorator.
    '''"""Platform."""

import functools

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant

AUTHORIZE = "https://acme-api.io/authorize"
TOKEN = "https://acme-api.io/token"


class Helper:
    def method(self):
        return [x for x in range(3) if x]


@functools.cache
async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the server."""
    return AuthorizationServer(authorize_url=AUTHORIZE, token_url=TOKEN)
''',
]
NOISE = [*"()[]{}:,.=+-*/@\n\t \"'#\\", "\r\n", "\r", "async ", "def ", "import ", "from "]


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, str, str]:
    """(file name, the valid module, the module with 1-3 damages)."""
    original = draw(st.sampled_from(VALID))
    if draw(st.booleans()):
        original = original.replace("\n", "\r\n")
    text = original
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate", "swap"]))
        at = draw(st.integers(0, len(text)))
        if kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 6)) :]
        elif kind == "insert":
            piece = draw(st.lists(st.sampled_from(NOISE), min_size=1, max_size=4))
            text = text[:at] + "".join(piece) + text[at:]
        elif kind == "truncate":
            text = text[:at]
        else:
            lines = text.splitlines(keepends=True)
            if not lines:
                continue
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "duplicate":
                lines.insert(i, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
    name = draw(st.sampled_from([APP, APP, "application_credential.py"]))
    return name, original, text


def _parses(path: Path) -> bool:
    source = read_source(str(path))
    if not isinstance(source, SourceText):
        return False
    try:
        parse_module(source.text)
    except ParseFailure:
        return False
    return True


def _fix(root: Path) -> list[str]:
    errors: list[str] = []
    for integration in discover([str(root)], PROFILES).integrations:
        errors.extend(write_changes(fix_integration(integration, CheckOptions(), unsafe=True)))
    return errors


@SETTINGS
@given(damaged())
def test_damaged_modules_are_reported_and_fixed_safely(case: tuple[str, str, str]) -> None:
    name, _original, text = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = make_integration(root, {name: text})
        path = folder / name
        parsed = _parses(path)
        found = check_paths(root)
        codes = {d.code for d in found if d.path == str(path)}
        assert "DC000" not in {d.code for d in found}, [d.message for d in found]
        if not parsed:
            assert codes & {"DC100", "DC102", "DC900"}, (text, codes)
        before = read_tree(root)
        assert _fix(root) == []
        after = read_tree(root)
        # No file disappears, except a misspelled platform module under its new name.
        if name != APP and APP not in before and f"custom_components/example/{APP}" in after:
            renamed = {f"custom_components/example/{name}": f"custom_components/example/{APP}"}
        else:
            renamed = {}
        assert set(before) - set(after) == set(renamed)
        assert set(after) - set(before) == set(renamed.values())
        final = folder / (APP if renamed else name)
        # --fix never turns a module that parses into one that does not.
        if parsed:
            assert _parses(final), after[str(final.relative_to(root)).replace(os.sep, "/")]
        # A second --fix changes nothing.
        assert _fix(root) == []
        assert read_tree(root) == after


@SETTINGS
@given(damaged())
def test_damaged_modules_never_crash_the_checker(case: tuple[str, str, str]) -> None:
    """The same damages, checked through the developer_credentials profile too."""
    _name, _original, text = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_integration(
            root,
            {DEV: text.replace("application_credentials", "developer_credentials")},
            profile="developer_credentials",
        )
        found = check_paths(root)
        assert "DC000" not in {d.code for d in found}, [d.message for d in found]
