"""RULES.md section 4, as a property over every output path: a secret's characters never
appear in anything the tool shows, and the constant's name and where it is defined do.

Integrations are generated with secrets (random tokens of 12 or more characters) written
inline, through a module constant, through ``const.py``, through an f-string, as an implicit
concatenation over several lines and by attribute assignment; the secret rules selected,
ignored (configuration) or ``# noqa``'d. Every output format, ``--diff``, ``--fix --diff``,
``--statistics``, ``--add-noqa``, the cache, and the language server's diagnostics, action
titles and log messages are searched for any 6-character piece of any secret.
"""

from __future__ import annotations

import inspect
import itertools
import json
import os
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from devcreds_lint.cli import cli
from devcreds_lint.workspace.config import OUTPUT_FORMATS
from tests.lsp.client import CAPABILITIES, CONFIG_FLOW, MANIFEST, Client, open_doc, stop

PLACES = ("inline", "module", "const", "fstring", "lines", "attribute")
MODES = ("selected", "ignored", "noqa")
URLS = ("plain", "query", "userinfo")
PIECE = 6


@dataclass
class Case:
    """One generated integration: its files, the secrets written in them, and the
    (constant, file, line) definitions that messages must name."""

    files: dict[str, str]
    secrets: list[str]
    mode: str
    sites: list[tuple[str, str, int]] = field(default_factory=list)


def _build(secret_place: str, id_place: str, tokens: list[str], mode: str, url: str) -> Case:
    """The platform module, ``const.py`` and the rest for one combination."""
    token = iter(tokens)
    constants: list[str] = []  # lines of module constants in the platform module
    const_py: list[str] = ['"""Constants."""', "", 'DOMAIN = "acme"']
    imports: list[str] = []
    attributes: list[str] = []
    secrets: list[str] = []
    defined: list[tuple[str, str, str]] = []  # (name, file, line text start)

    def value(role: str, place: str) -> str:
        name = f"{role.upper()}_{place.upper()}"
        first = next(token)
        secrets.append(first)
        if place == "inline":
            return f'"{first}"'
        if place == "module":
            constants.append(f'{name} = "{first}"  # noqa: DC203')
            defined.append((name, "application_credentials.py", f"{name} ="))
            return name
        if place == "const":
            const_py.append(f'{name} = "{first}"')
            imports.append(f"from .const import {name}")
            defined.append((name, "const.py", f"{name} ="))
            return name
        if place == "fstring":
            head = f"{name}_HEAD"
            constants.append(f'{head} = "{first}"  # noqa: DC203')
            defined.append((head, "application_credentials.py", f"{head} ="))
            second = next(token)
            secrets.append(second)
            return f'f"{{{head}}}{second}"'
        if place == "lines":
            second = next(token)
            secrets.append(second)
            constants.extend(
                [f"{name} = (", f'    "{first}"  # noqa: DC203', f'    "{second}"', ")"]
            )
            defined.append((name, "application_credentials.py", f"{name} = ("))
            return name
        assert place == "attribute"
        attributes.append(f'    credential.{role} = "{first}"{noqa}')
        return '""'

    noqa = "  # noqa: DC501, DC502, DC503" if mode == "noqa" else ""
    client_id = value("client_id", id_place)
    client_secret = value("client_secret", secret_place)
    token_url = '"https://acme-apis.io/token"'
    if url == "query":
        query = next(token)
        secrets.append(query)
        token_url = f'"https://acme-apis.io/token?client_secret={query}"'
    elif url == "userinfo":
        # http:// too: DC305's unsafe fix rewrites this very literal.
        password = next(token)
        secrets.append(password)
        token_url = f'"http://acme:{password}@acme-apis.io/token"'
    platform = "\n".join(
        [
            '"""Acme credentials."""',
            "from homeassistant.components.application_credentials import (",
            "    AuthorizationServer,",
            "    ClientCredential,",
            ")",
            "from homeassistant.core import HomeAssistant",
            "",
            *imports,
            "",
            *constants,
            "",
            "",
            "def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:",
            '    """Return the server (sync: DC203, a fix every diff shows)."""',
            "    return AuthorizationServer(",
            '        "https://acme-apis.io/authorize",',
            f"        {token_url},{noqa}",
            "    )",
            "",
            "",
            "async def async_get_description_placeholders(hass: HomeAssistant) -> dict[str, str]:",
            '    """Build a credential."""',
            f"    credential = ClientCredential({client_id}, {client_secret}){noqa}",
            *attributes,
            "    return {}",
            "",
        ]
    )
    files = {
        "custom_components/acme/manifest.json": MANIFEST,
        "custom_components/acme/config_flow.py": CONFIG_FLOW,
        "custom_components/acme/__init__.py": '"""Init."""\n',
        "custom_components/acme/const.py": "\n".join(const_py) + "\n",
        "custom_components/acme/application_credentials.py": platform,
    }
    if mode == "ignored":
        files[".devcreds-lint.toml"] = 'ignore = ["DC501", "DC502", "DC503"]\n'
    case = Case(files, secrets, mode)
    for name, where, start in defined:
        text = files[f"custom_components/acme/{where}"]
        row = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))
        case.sites.append((name, where, row))
    return case


# Letters that are no hexadecimal digits, alternating with digits: no 6-character piece of such
# a token can occur by chance in a report, a JSON key or a cache file's hashes.
_LETTERS = "ghjkmnpqrstuvwxyzGHJKMNPQRSTUVWXYZ"
TOKENS = st.lists(
    st.tuples(st.sampled_from(_LETTERS), st.sampled_from(string.digits)), min_size=6, max_size=10
).map(lambda pairs: "".join(a + b for a, b in pairs))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    tokens = draw(st.lists(TOKENS, min_size=6, max_size=6, unique=True))
    return _build(
        draw(st.sampled_from(PLACES)),
        draw(st.sampled_from(PLACES)),
        tokens,
        draw(st.sampled_from(MODES)),
        draw(st.sampled_from(URLS)),
    )


def _pieces(secret: str) -> Iterator[str]:
    for start in range(len(secret) - PIECE + 1):
        yield secret[start : start + PIECE]


def assert_hidden(case: Case, shown: str, where: str) -> None:
    for secret in case.secrets:
        for piece in _pieces(secret):
            assert piece not in shown, f"{where} shows {piece!r} of a secret:\n{shown}"


_counter = itertools.count()


def _write(root: Path, case: Case) -> Path:
    tree = root / f"case{next(_counter)}"
    for name, text in case.files.items():
        path = tree / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tree


def _runner() -> CliRunner:
    """Standard error kept apart (click 8.1 mixes it in unless told; 8.2 always keeps it)."""
    if "mix_stderr" in inspect.signature(CliRunner).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    return CliRunner()


def _run(tree: Path, *args: str) -> str:
    old = os.getcwd()
    os.chdir(tree)
    try:
        result = _runner().invoke(cli, ["check", *args, "."], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return result.output + result.stderr


def _cli_outputs(tree: Path) -> dict[str, str]:
    shown: dict[str, str] = {}
    for fmt in OUTPUT_FORMATS:
        shown[fmt] = _run(tree, "--no-cache", "--output-format", fmt)
        shown[f"{fmt} --statistics"] = _run(
            tree, "--no-cache", "--statistics", "--output-format", fmt
        )
    shown["--diff"] = _run(tree, "--no-cache", "--diff")
    shown["--fix --diff"] = _run(tree, "--no-cache", "--fix", "--diff")
    shown["--unsafe-fixes --diff"] = _run(tree, "--no-cache", "--unsafe-fixes", "--diff")
    cache = tree / "cache"
    shown["cached run"] = _run(tree, "--cache-dir", str(cache), "--output-format", "full")
    shown["cache"] = "".join(p.read_text("utf-8") for p in cache.rglob("*") if p.is_file())
    return shown


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Client, Path]]:
    root = tmp_path_factory.mktemp("lsp")
    client = Client(root)
    client.request(
        "initialize",
        {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": CAPABILITIES},
    )
    client.notify("initialized", {})
    try:
        yield client, root
    finally:
        stop(client)


def _editor_outputs(client: Client, tree: Path, case: Case) -> dict[str, str]:
    path = tree / "custom_components/acme/application_credentials.py"
    uri = open_doc(client, path, case.files["custom_components/acme/application_credentials.py"])
    published = client.diagnostics(uri, version=1)
    titles: list[str] = []
    for diag in published:
        for position in (diag["range"]["start"], {"line": 20, "character": 4}):
            actions = client.request(
                "textDocument/codeAction",
                {
                    "textDocument": {"uri": uri},
                    "range": {"start": position, "end": position},
                    "context": {"diagnostics": [diag]},
                },
            )
            titles.extend(a["title"] for a in actions or ())
            for action in actions or ():
                for diagnostic in action.get("diagnostics", ()):
                    titles.append(json.dumps(diagnostic))
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    logs = [
        json.dumps(m)
        for m in client.pending
        if m.get("method") != "textDocument/publishDiagnostics"
    ]
    client.pending.clear()
    return {
        "editor diagnostics": json.dumps(published),
        "editor actions": "\n".join(titles),
        "editor logs": "\n".join(logs) + b"".join(client.stderr).decode("utf-8", "replace"),
    }


def _add_noqa_output(tree: Path) -> str:
    return _run(tree, "--no-cache", "--add-noqa")


def _seed_tokens(letter: str) -> list[str]:
    return [f"{letter}{n}" + "".join(f"{c}{n}" for c in "kQmRpS") for n in range(6)]


SEEDS = [
    _build("inline", "inline", _seed_tokens("g"), "selected", "query"),
    _build("module", "module", _seed_tokens("h"), "selected", "userinfo"),
    _build("const", "const", _seed_tokens("j"), "selected", "plain"),
    _build("fstring", "attribute", _seed_tokens("t"), "selected", "plain"),
    _build("lines", "const", _seed_tokens("v"), "ignored", "query"),
    _build("attribute", "module", _seed_tokens("w"), "noqa", "userinfo"),
]


@pytest.mark.slow
@given(case=cases())
@example(case=SEEDS[0])
@example(case=SEEDS[1])
@example(case=SEEDS[2])
@example(case=SEEDS[3])
@example(case=SEEDS[4])
@example(case=SEEDS[5])
@settings(
    # The six seeds above, then one generated case per run (a run of the suite is a draw).
    max_examples=1,
    deadline=None,
    # Each example runs about twenty commands: a failure is reported as found, not shrunk.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_output_shows_a_secret(case: Case, tmp_path: Path, server: tuple[Client, Path]) -> None:
    client, root = server
    tree = _write(root, case)
    shown = _cli_outputs(tree)
    shown.update(_editor_outputs(client, tree, case))
    shown["--add-noqa"] = _add_noqa_output(tree)
    for where, text in shown.items():
        assert_hidden(case, text, where)
    if case.mode != "selected":
        return
    messages = {k: v for k, v in shown.items() if k in OUTPUT_FORMATS or k == "editor diagnostics"}
    for name, where, row in case.sites:
        for fmt, text in messages.items():
            assert name in text, f"{fmt} does not name {name}:\n{text}"
            assert f"defined at {where}:{row}" in text, f"{fmt} does not say where {name} is"
