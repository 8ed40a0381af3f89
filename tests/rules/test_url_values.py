"""URLs built from constants (f-strings, `+` concatenations, const.py constants built the same
way) are known to the URL rules; a URL with any unknowable part is unknown and never reported;
an empty URL is a deliberate value; a scaffold placeholder is DC309 alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from devcreds_lint.facts.siblings import string_constants
from devcreds_lint.facts.url_placeholders import placeholder_problem
from devcreds_lint.model import Diagnostic
from tests.helpers import check_paths, fix_paths, make_integration, read_tree

APP = "application_credentials.py"
URL_CODES = {"DC304", "DC305", "DC306", "DC309", "DC503"}

HEAD = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant
'''


def platform(preamble: str, authorize: str, token: str = '"https://auth.acme-api.io/token"') -> str:
    return f'''{HEAD}{preamble}

async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url={authorize},
        token_url={token},
    )
'''


def const(body: str) -> str:
    return f'"""Constants for Example."""\n\nDOMAIN = "example"\n{body}'


def url_findings(tmp_path: Path, files: dict[str, str]) -> list[Diagnostic]:
    folder = make_integration(tmp_path, files)
    return [d for d in check_paths(folder) if d.code in URL_CODES]


def summary(found: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.start.row, d.start.column) for d in found]


def authorize_at(text: str) -> tuple[int, int]:
    """Where the `authorize_url=` value starts in a module built by platform()."""
    row = next(i for i, line in enumerate(text.splitlines(), 1) if "authorize_url=" in line)
    return row, 23


@pytest.mark.parametrize(
    ("title", "files", "code"),
    [
        (
            "f-string over a module constant",
            {APP: platform('\nBASE = "http://auth.acme-api.io"\n', 'f"{BASE}/oauth2/authorize"')},
            "DC305",
        ),
        (
            "concatenation over a module constant",
            {APP: platform('\nBASE = "https://auth.acme-api.io"\n', 'BASE + "/oauth2#top"')},
            "DC304",
        ),
        (
            "f-string over a const.py constant",
            {
                "const.py": const('API_BASE = "https://www.example.com"\n'),
                APP: platform("\nfrom .const import API_BASE\n", 'f"{API_BASE}/auth/authorize"'),
            },
            "DC309",
        ),
        (
            "a const.py constant that is itself an f-string of const.py constants",
            {
                "const.py": const(
                    'HOST = "auth.acme-api.io"\nBASE = f"https://{HOST}"\n'
                    'AUTHORIZE = BASE + "/authorize?client_secret=x"\n'
                ),
                APP: platform("\nfrom .const import AUTHORIZE\n", "AUTHORIZE"),
            },
            "DC503",
        ),
        (
            "a module constant that is a concatenation of constants",
            {
                APP: platform(
                    '\nBASE = "https://auth.acme-api.io"\nAUTHORIZE = BASE + "/authorize"\n'
                    'TOKEN = f"{BASE}" "/authorize"\n',
                    "AUTHORIZE",
                    "TOKEN",
                )
            },
            "DC306",
        ),
        (
            "escaped braces are literal braces",
            {
                APP: platform(
                    '\nBASE = "https://auth.acme-api.io"\n', 'f"{BASE}/{{tenant}}/authorize"'
                )
            },
            "DC309",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_built_urls_are_checked(
    title: str, files: dict[str, str], code: str, tmp_path: Path
) -> None:
    found = url_findings(tmp_path, files)
    assert [d.code for d in found] == [code], summary(found)
    if code != "DC306":
        assert (found[0].start.row, found[0].start.column) == authorize_at(files[APP])


def test_http_base_in_const_gives_dc305_on_the_built_url(tmp_path: Path) -> None:
    files = {
        "const.py": const('API_BASE_URL = "http://cloud.acme-api.io"\n'),
        APP: platform(
            "\nfrom .const import API_BASE_URL\n",
            'f"{API_BASE_URL}/oauth2/authorize"',
            'API_BASE_URL + "/oauth2/token"',
        ),
    }
    found = url_findings(tmp_path, files)
    row, column = authorize_at(files[APP])
    assert summary(found) == [("DC305", row, column), ("DC305", row + 1, 19)]
    assert "const.API_BASE_URL" in found[0].message
    # The unsafe http -> https fix rewrites only a plain literal: here there is none.
    assert all(d.fix is None for d in found)


def test_unsafe_fix_still_applies_to_a_literal_behind_a_constant(tmp_path: Path) -> None:
    files = {APP: platform('\nAUTHORIZE = "http://auth.acme-api.io/authorize"\n', "AUTHORIZE")}
    folder = make_integration(tmp_path, files)
    fix_paths(folder, unsafe=True)
    assert 'AUTHORIZE = "https://auth.acme-api.io/authorize"' in read_tree(folder)[APP]


@pytest.mark.parametrize(
    ("title", "preamble", "authorize"),
    [
        ("a call", '\nBASE = "http://a.acme-api.io"\n', 'f"{BASE.lower()}/authorize"'),
        ("an attribute", "\nimport os\n", 'f"{os.sep}http://a.acme-api.io/authorize"'),
        ("a name from elsewhere", "\nfrom .api import BASE\n", 'f"{BASE}/authorize"'),
        ("a name from elsewhere, concatenated", "\nfrom .api import BASE\n", 'BASE + "x y"'),
        ("an unknown name", "", '"http://a.acme-api.io" + "/" + PATH'),
        ("a conversion", '\nBASE = "http://a.acme-api.io"\n', 'f"{BASE!r}/authorize"'),
        ("a format spec", '\nBASE = "http://a.acme-api.io"\n', 'f"{BASE:>40}/authorize"'),
        ("a self-documenting field", '\nBASE = "http://a.acme-api.io"\n', 'f"{BASE=}"'),
        ("a number", "\nPORT = 80\n", 'f"http://a.acme-api.io:{PORT}/authorize"'),
        ("a cycle", '\nA = B + "http://a.acme-api.io"\nB = A + "/x"\n', "A"),
        (
            "a constant bound twice",
            '\nBASE = "https://a.acme-api.io"\nBASE = "http://b.acme-api.io"\n',
            'f"{BASE}/authorize"',
        ),
        (
            "a constant shadowed by a parameter",
            '\nBASE = "http://a.acme-api.io"\n\n\ndef url(BASE: str) -> str:\n    return BASE\n',
            'f"{BASE}/authorize"',
        ),
        ("a string method call", "", '"http://a.acme-api.io/{}".format("x")'),
        ("an escape in the f-string", '\nBASE = "http://a.acme-api.io"\n', 'f"{BASE}\\x2f#"'),
    ],
    ids=lambda v: v if isinstance(v, str) and not v.startswith(("\n", "f", '"')) else "",
)
def test_unknowable_part_makes_the_whole_url_unknown(
    title: str, preamble: str, authorize: str, tmp_path: Path
) -> None:
    assert url_findings(tmp_path, {APP: platform(preamble, authorize)}) == []


def test_unknowable_part_in_const_py_is_unknown(tmp_path: Path) -> None:
    files = {
        "const.py": const(
            "from homeassistant.const import BASE\n"
            'AUTHORIZE = f"{BASE}/authorize"\n'
            'TWICE = "http://a.acme-api.io"\n'
            'TWICE = "https://b.acme-api.io"\n'
        ),
        APP: platform("\nfrom .const import AUTHORIZE, TWICE\n", "AUTHORIZE", 'TWICE + "/token"'),
    }
    assert url_findings(tmp_path, files) == []


def test_string_constants_builds_only_exact_values() -> None:
    text = (
        'A = "https://x.acme-api.io"\n'
        'B = f"{A}/b"\n'
        'C = A + "/c" + "?d"\n'
        'D = f"{A!r}"\n'
        'E = f"{A:>30}"\n'
        'F = f"{UNKNOWN}/f"\n'
        'G = f"{A!s}/{{g}}"\n'
        "H = 1\n"
        'I = f"{H}"\n'
    )
    assert string_constants(text) == {
        "A": "https://x.acme-api.io",
        "B": "https://x.acme-api.io/b",
        "C": "https://x.acme-api.io/c?d",
        "G": "https://x.acme-api.io/{g}",
    }


def test_empty_url_is_a_deliberate_value(tmp_path: Path) -> None:
    files = {
        "const.py": const('AUTHORIZE = ""\n'),
        APP: platform("\nfrom .const import AUTHORIZE\n", "AUTHORIZE", '""'),
    }
    assert url_findings(tmp_path, files) == []
    assert url_findings(tmp_path / "b", {APP: platform("", '""')}) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/auth/authorize",
        "https://example.org/a",
        "https://auth.example.net/a",
        "https://login.acme.example/a",
        "https://auth.service.invalid/a",
        "https://oauth.test/token",
        "https://EXAMPLE.COM./a",
        "https://YOUR_DOMAIN:PORT/token",
        "https://login.acme-api.io/<your-tenant>/authorize",
        "https://login.acme-api.io/{tenant}/authorize",
        "https://CHANGEME.acme-api.io/authorize",
        "https://acme-api.io/TODO/authorize",
        "https://acme-api.io/XXX/authorize",
        "http://user:pw@www.example.com:8080/a",
    ],
)
def test_placeholders(url: str) -> None:
    assert placeholder_problem(url) is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://api.todoist.com/oauth/authorize",
        "https://todo.acme-api.io/TODOS/authorize",
        "https://acme-api.io/xxx",
        "https://myexample.com/a",
        "https://example.com.acme-api.io/a",
        "https://acme-api.io/your_tenant/authorize",
        "https://acme-api.io/authorize?state=XXXL",
        "https://tests.acme-api.io/a",
        "TODO_AUTHORIZE_URL",  # not a URL at all: DC304's
        "",
    ],
)
def test_not_placeholders(url: str) -> None:
    assert placeholder_problem(url) is None


def test_placeholder_url_is_one_finding(tmp_path: Path) -> None:
    """DC309 alone: not DC304 for the unparsable port, not DC305 for http://, not DC306."""
    files = {
        APP: platform(
            "",
            '"http://www.example.com/auth"',
            '"http://www.example.com/auth"',
        )
    }
    found = url_findings(tmp_path, files)
    assert [d.code for d in found] == ["DC309", "DC309"]
    files = {APP: platform("", '"https://YOUR_DOMAIN:PORT/authorize"')}
    assert [d.code for d in url_findings(tmp_path / "b", files)] == ["DC309"]


def test_not_a_url_with_a_marker_stays_dc304(tmp_path: Path) -> None:
    found = url_findings(tmp_path, {APP: platform("", '"TODO_AUTHORIZE_URL"')})
    assert [d.code for d in found] == ["DC304"]


def test_a_constant_defined_before_a_star_import_is_unknown() -> None:
    """``from .names import *`` may bind any name again: a constant of const.py defined
    before it has no certain value (DC605 named a placeholder key wrongly), one after it
    does; a star import under ``if``/``try`` leaves every constant unknown."""
    text = 'ATTR_URL = "console"\nfrom .names import *\nTOKEN_URL = "https://acme-api.io/t"\n'
    assert string_constants(text) == {"TOKEN_URL": "https://acme-api.io/t"}
    nested = 'ATTR_URL = "console"\ntry:\n    from .names import *\nexcept ImportError:\n    pass\n'
    assert string_constants(nested) == {}
