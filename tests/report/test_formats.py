"""Every output format, checked on hand-made diagnostics."""

from __future__ import annotations

import hashlib
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from devcreds_lint import __version__, rules
from devcreds_lint.model import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    Location,
    Rename,
    Severity,
    url_for,
)
from devcreds_lint.report import FORMATS, ReportContext, display_path, render
from devcreds_lint.rules.base import Rule

SECRET = "s3cr3t-value"
PLATFORM_SOURCE = (
    "from homeassistant.core import HomeAssistant\n"
    "\n"
    "def async_get_authorization_server(hass: HomeAssistant):\n"
    "    return AuthorizationServer(\n"
    '        authorize_url="http://acme-api.io/auth",\n'
    '        token_url="https://acme-api.io/token",\n'
    "    )\n"
    f'CLIENT = ClientCredential("my-id", "{SECRET}")\n'
)
LINE_8 = PLATFORM_SOURCE.splitlines()[7]


def _col(line: str, text: str) -> int:
    return line.index(text) + 1


def _span(row: int, line: str, text: str) -> tuple[Location, Location]:
    column = _col(line, text)
    return Location(row, column), Location(row, column + len(text))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def platform(root: Path) -> str:
    return os.path.join(root, "custom_components", "example", "application_credentials.py")


@pytest.fixture
def misspelled(root: Path) -> str:
    return os.path.join(root, "custom_components", "example", "developer_credentails.py")


@pytest.fixture
def diagnostics(platform: str, misspelled: str) -> list[Diagnostic]:
    line_5 = PLATFORM_SOURCE.splitlines()[4]
    url_start, url_end = _span(5, line_5, '"http://acme-api.io/auth"')
    id_start, id_end = _span(8, LINE_8, '"my-id"')
    secret_start, secret_end = _span(8, LINE_8, f'"{SECRET}"')
    return [
        Diagnostic(
            code="DC203",
            name="sync-platform-hook",
            severity=Severity.ERROR,
            message="Hook `async_get_authorization_server` must be defined with `async def`",
            path=platform,
            start=Location(3, 1),
            end=Location(3, 4),
            fix=Fix(
                Applicability.SAFE, "Add `async`", (Edit(Location(3, 1), Location(3, 1), "async "),)
            ),
        ),
        Diagnostic(
            code="DC305",
            name="insecure-url",
            severity=Severity.ERROR,
            message="`authorize_url` uses http:// for a remote host",
            path=platform,
            start=url_start,
            end=url_end,
            fix=Fix(
                Applicability.UNSAFE,
                "Use `https://`",
                (
                    Edit(
                        Location(5, url_start.column + 1),
                        Location(5, url_start.column + 5),
                        "https",
                    ),
                ),
            ),
        ),
        Diagnostic(
            code="DC502",
            name="hardcoded-client-id",
            severity=Severity.WARNING,
            message="`client_id` is hard-coded",
            path=platform,
            start=id_start,
            end=id_end,
        ),
        Diagnostic(
            code="DC501",
            name="hardcoded-client-secret",
            severity=Severity.ERROR,
            message="`client_secret` is hard-coded (value redacted)",
            path=platform,
            start=secret_start,
            end=secret_end,
            redacted=True,
        ),
        Diagnostic(
            code="DC101",
            name="misspelled-platform-file",
            severity=Severity.ERROR,
            message=(
                "`developer_credentails.py` looks like a misspelling of `developer_credentials.py`"
            ),
            path=misspelled,
            start=Location(1, 1),
            end=Location(1, 1),
            fix=Fix(
                Applicability.SAFE,
                "Rename to `developer_credentials.py`",
                rename=Rename("developer_credentials.py"),
            ),
            file_level=True,
        ),
    ]


@pytest.fixture
def ctx(root: Path, platform: str) -> ReportContext:
    sources = {platform: PLATFORM_SOURCE}
    return ReportContext(source_of=sources.get, cwd=str(root))


REL_PLATFORM = "custom_components/example/application_credentials.py"
REL_MISSPELLED = "custom_components/example/developer_credentails.py"


class FakeRule(Rule):
    code = "DC203"
    name = "sync-platform-hook"
    severity = Severity.ERROR
    summary = "A hook defined with `def`."
    why = "Home Assistant awaits the hook."
    fix_safety = "Safe."


class FakeWarningRule(Rule):
    code = "DC502"
    name = "hardcoded-client-id"
    severity = Severity.WARNING
    summary = "A hard-coded client id."
    why = "Users should bring their own."


@pytest.fixture
def fake_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "all_rules", lambda: [FakeRule, FakeWarningRule])


# --- full ---------------------------------------------------------------------------------


def test_full_shows_source_carets_fix_markers_and_summary(
    diagnostics: list[Diagnostic], ctx: ReportContext
) -> None:
    out = render("full", diagnostics, ctx)
    masked_8 = LINE_8.replace(f'"{SECRET}"', "***")
    id_offset = LINE_8.index('"my-id"')
    secret_offset = LINE_8.index(f'"{SECRET}"')
    url_offset = PLATFORM_SOURCE.splitlines()[4].index('"http')
    expected = f"""\
{REL_PLATFORM}:3:1: DC203 [*] error: Hook `async_get_authorization_server` must be defined with `async def`
  |
3 | def async_get_authorization_server(hass: HomeAssistant):
  | ^^^
  |
  = help: Add `async`

{REL_PLATFORM}:5:{url_offset + 1}: DC305 error: `authorize_url` uses http:// for a remote host
  |
5 |         authorize_url="http://acme-api.io/auth",
  | {" " * url_offset}{"^" * 25}
  |
  = help: Use `https://`

{REL_PLATFORM}:8:{id_offset + 1}: DC502 warning: `client_id` is hard-coded
  |
8 | {masked_8}
  | {" " * id_offset}^^^^^^^
  |

{REL_PLATFORM}:8:{secret_offset + 1}: DC501 error: `client_secret` is hard-coded (value redacted)
  |
8 | {masked_8}
  | {" " * secret_offset}^^^
  |

{REL_MISSPELLED}:1:1: DC101 [*] error: `developer_credentails.py` looks like a misspelling of \
`developer_credentials.py`
  = help: Rename to `developer_credentials.py`

Found 4 errors and 1 warning.
[*] 2 fixable with the `--fix` option \
(1 hidden fix can be enabled with the `--unsafe-fixes` option).
"""
    assert out == expected


def test_full_marks_unsafe_fixes_when_enabled(
    diagnostics: list[Diagnostic], ctx: ReportContext
) -> None:
    ctx = ReportContext(source_of=ctx.source_of, cwd=ctx.cwd, unsafe_fixes=True)
    out = render("full", diagnostics, ctx)
    assert ": DC305 [*] error: `authorize_url`" in out
    assert out.endswith("Found 4 errors and 1 warning.\n[*] 3 fixable with the `--fix` option.\n")


@pytest.mark.parametrize(
    ("kinds", "unsafe_fixes", "fixed", "summary"),
    [
        ((), False, 0, "All checks passed!"),
        ((), False, 2, "Found 2 errors (2 fixed, 0 remaining)."),
        ((), False, 1, "Found 1 error (1 fixed, 0 remaining)."),
        ((None,), False, 0, "Found 1 error."),
        ((None, None), False, 3, "Fixed 3 errors.\nFound 2 errors."),
        (
            (Applicability.UNSAFE,),
            False,
            0,
            "Found 1 error.\n"
            "No fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option).",
        ),
        (
            (Applicability.UNSAFE, Applicability.UNSAFE),
            False,
            0,
            "Found 2 errors.\n"
            "No fixes available (2 hidden fixes can be enabled with the `--unsafe-fixes` option).",
        ),
        (
            (Applicability.UNSAFE, Applicability.SAFE),
            True,
            0,
            "Found 2 errors.\n[*] 2 fixable with the `--fix` option.",
        ),
        (
            (Applicability.SAFE, Applicability.SAFE, None),
            False,
            0,
            "Found 3 errors.\n[*] 2 fixable with the `--fix` option.",
        ),
    ],
)
def test_summary(
    kinds: tuple[Applicability | None, ...], unsafe_fixes: bool, fixed: int, summary: str
) -> None:
    diagnostics = [
        Diagnostic(
            "DC203",
            "sync-platform-hook",
            Severity.ERROR,
            "m",
            "a.py",
            Location(row, 1),
            Location(row, 2),
            fix=None
            if kind is None
            else Fix(kind, "f", (Edit(Location(row, 1), Location(row, 1), "x"),)),
        )
        for row, kind in enumerate(kinds, start=1)
    ]
    ctx = ReportContext(unsafe_fixes=unsafe_fixes, fixed=fixed)
    for fmt in ("full", "concise"):
        assert render(fmt, diagnostics, ctx).endswith(summary + "\n")
    if not kinds:
        assert render("full", [], ctx) == summary + "\n"


def test_full_colours_only_when_asked(
    diagnostics: list[Diagnostic], ctx: ReportContext, fake_catalogue: None
) -> None:
    coloured = render("full", diagnostics, ReportContext(color=True, cwd=ctx.cwd))
    assert (
        f"\x1b[1m{REL_PLATFORM}\x1b[0m:3:1: \x1b[1m\x1b[31mDC203\x1b[0m \x1b[36m[*]\x1b[0m"
        in coloured
    )
    assert "\x1b[1m\x1b[33mDC502\x1b[0m \x1b[33mwarning:\x1b[0m `client_id`" in coloured
    for fmt in FORMATS:
        assert "\x1b" not in render(fmt, diagnostics, ctx), fmt
        assert "\x1b" not in render(fmt, diagnostics, ReportContext(cwd=ctx.cwd)), fmt


def test_full_multiline_range_carets_end_of_first_line(platform: str, root: Path) -> None:
    line_4 = PLATFORM_SOURCE.splitlines()[3]
    start = _col(line_4, "AuthorizationServer")
    diag = Diagnostic(
        "DC301",
        "missing-required-field",
        Severity.ERROR,
        "missing `token_url`",
        platform,
        Location(4, start),
        Location(7, 6),
    )
    ctx = ReportContext(source_of={platform: PLATFORM_SOURCE}.get, cwd=str(root))
    lines = render("full", [diag], ctx).splitlines()
    assert lines[2] == f"4 | {line_4}"
    assert lines[3] == "  | " + " " * (start - 1) + "^" * (len(line_4) - start + 1)


def test_full_empty_range_has_one_caret_and_wide_gutter(root: Path) -> None:
    path = os.path.join(root, "m.py")
    source = "x = 1\n" * 11 + "\tyield\n"
    diag = Diagnostic(
        "DC203", "sync-platform-hook", Severity.ERROR, "m", path, Location(12, 2), Location(12, 2)
    )
    out = render("full", [diag], ReportContext(source_of={path: source}.get, cwd=str(root)))
    # A tab shows as four spaces, and the caret follows it.
    assert "   |\n12 |     yield\n   |     ^\n   |\n" in out


def test_full_escapes_control_characters_in_source(root: Path) -> None:
    path = os.path.join(root, "m.py")
    source = 'x = "\x1b[2J"  # \u202e\n'
    diag = Diagnostic(
        "DC304", "invalid-url", Severity.ERROR, "m", path, Location(1, 5), Location(1, 12)
    )
    out = render("full", [diag], ReportContext(source_of={path: source}.get, cwd=str(root)))
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert '1 | x = "\u241b[2J"  # \ufffd\n' in out


def test_full_masks_multiline_secret_on_any_shown_line(root: Path) -> None:
    path = os.path.join(root, "m.py")
    source = f'X = ClientCredential(\n    "id", "{SECRET}"\n)\n'
    redacted = Diagnostic(
        "DC501",
        "hardcoded-client-secret",
        Severity.ERROR,
        "secret",
        path,
        Location(1, 5),
        Location(3, 2),
        redacted=True,
    )
    other = Diagnostic(
        "DC502", "hardcoded-client-id", Severity.WARNING, "id", path, Location(2, 5), Location(2, 9)
    )
    out = render(
        "full", [redacted, other], ReportContext(source_of={path: source}.get, cwd=str(root))
    )
    assert SECRET not in out
    assert "1 | X = ***\n  |     ^^^\n" in out
    assert "2 | ***\n  | ^^^\n" in out


# --- secrets ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("unsafe_fixes", [False, True])
def test_secret_never_appears(
    fmt: str,
    unsafe_fixes: bool,
    diagnostics: list[Diagnostic],
    ctx: ReportContext,
    fake_catalogue: None,
) -> None:
    ctx = ReportContext(source_of=ctx.source_of, cwd=ctx.cwd, unsafe_fixes=unsafe_fixes, color=True)
    # A fix that would write the secret back out, and a message that slipped through.
    leaky = Diagnostic(
        "DC502",
        "hardcoded-client-id",
        Severity.WARNING,
        f"client id next to {SECRET}",
        diagnostics[0].path,
        Location(8, 27),
        Location(8, 34),
        fix=Fix(
            Applicability.SAFE,
            f"Move {SECRET}",
            (Edit(Location(8, 1), Location(8, 1), f"# {SECRET}\n"),),
        ),
    )
    out = render(fmt, [*diagnostics, leaky], ctx)
    assert out
    assert SECRET not in out


def test_json_drops_edits_that_would_reveal_a_secret(
    diagnostics: list[Diagnostic], ctx: ReportContext
) -> None:
    leaky = Diagnostic(
        "DC203",
        "sync-platform-hook",
        Severity.ERROR,
        "m",
        diagnostics[0].path,
        Location(3, 1),
        Location(3, 4),
        fix=Fix(Applicability.SAFE, "f", (Edit(Location(3, 1), Location(3, 1), f"'{SECRET}'"),)),
    )
    items = json.loads(render("json", [leaky, diagnostics[3]], ctx))
    assert items[0]["fix"] == {"applicability": "safe", "message": "f", "edits": []}


# --- concise ------------------------------------------------------------------------------


def test_concise(diagnostics: list[Diagnostic], ctx: ReportContext) -> None:
    out = render("concise", diagnostics, ctx)
    id_col = _col(LINE_8, '"my-id"')
    assert out.splitlines() == [
        f"{REL_PLATFORM}:3:1: DC203 [*] error: Hook `async_get_authorization_server` must be "
        "defined with `async def`",
        f"{REL_PLATFORM}:5:23: DC305 error: `authorize_url` uses http:// for a remote host",
        f"{REL_PLATFORM}:8:{id_col}: DC502 warning: `client_id` is hard-coded",
        f"{REL_PLATFORM}:8:{id_col + 9}: DC501 error: `client_secret` is hard-coded "
        "(value redacted)",
        f"{REL_MISSPELLED}:1:1: DC101 [*] error: `developer_credentails.py` looks like a "
        "misspelling of `developer_credentials.py`",
        "Found 4 errors and 1 warning.",
        "[*] 2 fixable with the `--fix` option "
        "(1 hidden fix can be enabled with the `--unsafe-fixes` option).",
    ]


# --- json ---------------------------------------------------------------------------------


def test_json(diagnostics: list[Diagnostic], ctx: ReportContext) -> None:
    out = render("json", diagnostics, ctx)
    assert out.startswith("[\n  {\n")
    items = json.loads(out)
    assert [item["code"] for item in items] == ["DC203", "DC305", "DC502", "DC501", "DC101"]
    assert items[0] == {
        "code": "DC203",
        "name": "sync-platform-hook",
        "severity": "error",
        "message": "Hook `async_get_authorization_server` must be defined with `async def`",
        "filename": REL_PLATFORM,
        "location": {"row": 3, "column": 1},
        "end_location": {"row": 3, "column": 4},
        "fix": {
            "applicability": "safe",
            "message": "Add `async`",
            "edits": [
                {
                    "content": "async ",
                    "location": {"row": 3, "column": 1},
                    "end_location": {"row": 3, "column": 1},
                }
            ],
        },
        "noqa_row": 3,
        "url": url_for("DC203"),
    }
    assert items[1]["fix"]["applicability"] == "unsafe"
    assert items[1]["fix"]["edits"][0]["content"] == "https"
    assert items[2]["severity"] == "warning"
    assert items[2]["fix"] is None
    assert items[4]["noqa_row"] is None
    assert items[4]["fix"]["edits"] == [
        {
            "rename_from": REL_MISSPELLED,
            "rename_to": "custom_components/example/developer_credentials.py",
        }
    ]
    assert render("json", [], ctx) == "[]\n"


# --- github -------------------------------------------------------------------------------


def test_github(diagnostics: list[Diagnostic], ctx: ReportContext) -> None:
    lines = render("github", diagnostics, ctx).splitlines()
    assert len(lines) == 5
    assert lines[0] == (
        f"::error file={REL_PLATFORM},line=3,col=1,endLine=3,endColumn=4,"
        "title=DC203 sync-platform-hook::"
        "Hook `async_get_authorization_server` must be defined with `async def`"
    )
    assert lines[2].startswith(f"::warning file={REL_PLATFORM},line=8,")
    assert lines[4].startswith(f"::error file={REL_MISSPELLED},line=1,col=1,endLine=1,endColumn=1,")
    assert render("github", [], ctx) == ""


def test_github_escaping(root: Path) -> None:
    path = os.path.join(root, "odd,na:me%.py")
    diag = Diagnostic(
        "DC304",
        "invalid-url",
        Severity.ERROR,
        "100% wrong:\r\nsee, here",
        path,
        Location(1, 1),
        Location(1, 2),
    )
    out = render("github", [diag], ReportContext(cwd=str(root)))
    assert out == (
        "::error file=odd%2Cna%3Ame%25.py,line=1,col=1,endLine=1,endColumn=2,"
        "title=DC304 invalid-url::100%25 wrong:%0D%0Asee, here\n"
    )


# --- sarif --------------------------------------------------------------------------------


def test_sarif(diagnostics: list[Diagnostic], ctx: ReportContext, fake_catalogue: None) -> None:
    log: dict[str, Any] = json.loads(render("sarif", diagnostics, ctx))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "devcreds-lint"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == ["DC203", "DC502"]
    assert driver["rules"][1] == {
        "id": "DC502",
        "name": "hardcoded-client-id",
        "shortDescription": {"text": "A hard-coded client id."},
        "fullDescription": {"text": "Users should bring their own."},
        "help": {
            "text": "A hard-coded client id.\n\nUsers should bring their own.\n\n"
            "Fix safety: This rule has no automatic fix."
        },
        "helpUri": url_for("DC502"),
        "defaultConfiguration": {"level": "warning"},
    }
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path(ctx.cwd or "").as_uri() + "/"

    results = run["results"]
    assert [r["ruleId"] for r in results] == ["DC203", "DC305", "DC502", "DC501", "DC101"]
    first = results[0]
    assert first["ruleIndex"] == 0
    assert results[2]["ruleIndex"] == 1
    assert "ruleIndex" not in results[1]  # DC305 is not in this catalogue
    assert first["level"] == "error"
    assert results[2]["level"] == "warning"
    assert first["message"] == {
        "text": "Hook `async_get_authorization_server` must be defined with `async def`"
    }
    artifact = {"uri": REL_PLATFORM, "uriBaseId": "%SRCROOT%"}
    assert first["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 4},
            }
        }
    ]
    assert first["fixes"] == [
        {
            "description": {"text": "Add `async`"},
            "artifactChanges": [
                {
                    "artifactLocation": artifact,
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 3,
                                "startColumn": 1,
                                "endLine": 3,
                                "endColumn": 1,
                            },
                            "insertedContent": {"text": "async "},
                        }
                    ],
                }
            ],
            "properties": {"applicability": "safe"},
        }
    ]
    assert results[1]["fixes"][0]["properties"] == {"applicability": "unsafe"}
    assert "fixes" not in results[2]  # no fix
    assert "fixes" not in results[4]  # a rename cannot be expressed
    fingerprints = [r["partialFingerprints"]["devcredsLint/v1"] for r in results]
    expected = "\0".join(("DC203", REL_PLATFORM, first["message"]["text"]))
    assert fingerprints[0] == hashlib.sha256(expected.encode()).hexdigest()
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_lists_the_whole_catalogue(ctx: ReportContext) -> None:
    log = json.loads(render("sarif", [], ctx))
    descriptors = log["runs"][0]["tool"]["driver"]["rules"]
    catalogue = rules.all_rules()
    assert [d["id"] for d in descriptors] == [rule.code for rule in catalogue]
    for descriptor, rule in zip(descriptors, catalogue, strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["defaultConfiguration"]["level"] == rule.severity.value
    assert log["runs"][0]["results"] == []


def test_sarif_path_outside_cwd_is_a_file_uri(tmp_path: Path, fake_catalogue: None) -> None:
    outside = tmp_path / "elsewhere" / "a b.py"
    diag = Diagnostic(
        "DC203",
        "sync-platform-hook",
        Severity.ERROR,
        "m",
        str(outside),
        Location(1, 1),
        Location(1, 2),
    )
    log = json.loads(render("sarif", [diag], ReportContext(cwd=str(tmp_path / "project"))))
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": outside.as_uri()}


# --- junit --------------------------------------------------------------------------------


def test_junit(diagnostics: list[Diagnostic], ctx: ReportContext) -> None:
    out = render("junit", diagnostics, ctx)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "devcreds-lint"
    assert suite.get("tests") == "2"
    assert suite.get("failures") == "2"
    cases = suite.findall("testcase")
    assert [case.get("classname") for case in cases] == [REL_PLATFORM, REL_MISSPELLED]
    failures = cases[0].findall("failure")
    assert [f.get("type") for f in failures] == ["DC203", "DC305", "DC502", "DC501"]
    assert failures[0].get("message") == (
        "DC203: Hook `async_get_authorization_server` must be defined with `async def`"
    )
    assert failures[0].text == (
        f"{REL_PLATFORM}:3:1: DC203 Hook `async_get_authorization_server` must be defined "
        "with `async def`"
    )
    assert [f.get("type") for f in cases[1].findall("failure")] == ["DC101"]


def test_junit_clean_run_has_one_passing_case(ctx: ReportContext) -> None:
    root = ET.fromstring(render("junit", [], ctx).split("\n", 1)[1])
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")
    (case,) = suite.findall("testcase")
    assert case.findall("failure") == []


# --- gitlab -------------------------------------------------------------------------------


def test_gitlab(diagnostics: list[Diagnostic], ctx: ReportContext) -> None:
    duplicate = diagnostics[2]
    issues = json.loads(render("gitlab", [*diagnostics, duplicate], ctx))
    assert len(issues) == 6
    first = issues[0]
    assert first["description"] == (
        "DC203 Hook `async_get_authorization_server` must be defined with `async def`"
    )
    assert first["check_name"] == "DC203"
    assert first["severity"] == "major"
    assert issues[2]["severity"] == "minor"
    assert first["location"] == {
        "path": REL_PLATFORM,
        "positions": {"begin": {"line": 3, "column": 1}, "end": {"line": 3, "column": 4}},
    }
    identity = "\0".join((REL_PLATFORM, "DC203", first["description"][6:], "3"))
    assert first["fingerprint"] == hashlib.md5(identity.encode()).hexdigest()
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == 6
    again = json.loads(render("gitlab", [*diagnostics, duplicate], ctx))
    assert [issue["fingerprint"] for issue in again] == fingerprints


# --- the entry point ----------------------------------------------------------------------


def test_formats_and_unknown_format(diagnostics: list[Diagnostic], ctx: ReportContext) -> None:
    assert FORMATS == ("full", "concise", "json", "github", "sarif", "junit", "gitlab")
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        render("xml", diagnostics, ctx)


def test_display_path(tmp_path: Path) -> None:
    inside = os.path.join(tmp_path, "a", "b.py")
    assert display_path(inside, str(tmp_path)) == os.path.join("a", "b.py")
    outside = os.path.join(tmp_path, "other", "c.py")
    assert display_path(outside, os.path.join(tmp_path, "a")) == outside
    assert display_path(os.path.join(".", "x", "y.py"), str(tmp_path)) == os.path.join("x", "y.py")
    assert display_path(os.path.join(os.getcwd(), "z.py")) == "z.py"
