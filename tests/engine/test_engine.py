"""Unit tests of the engine (``check_integration``): which rules run (Selection), per-file
ignores, ``# noqa`` and DC901 after suppression, DC000 for a crashing rule, sort and dedup.

The inputs are hand-written integrations; the crashing and duplicating rules are tiny
``Rule`` subclasses put in front of the real ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from devcreds_lint import engine
from devcreds_lint.contracts import PROFILES
from devcreds_lint.discovery import Integration, discover
from devcreds_lint.engine import CheckOptions, Selection, check_integration, code_matches
from devcreds_lint.model import Diagnostic, Location, Severity
from devcreds_lint.rules import all_rules
from devcreds_lint.rules.base import Rule
from devcreds_lint.rules.examples import GOOD_SERVER
from devcreds_lint.rules.internal import ISSUES_URL
from tests.helpers import make_integration

APP = "application_credentials.py"
# DC203 at 7:5 (a sync hook); nothing else.
SYNC = GOOD_SERVER.replace("async def", "def")
HOOK_LINE = "def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:"
assert HOOK_LINE in SYNC


def one_integration(root: Path, files: dict[str, str]) -> Integration:
    make_integration(root, files)
    (integration,) = discover([str(root)], PROFILES).integrations
    return integration


def found(folder: Path, files: dict[str, str], **options: object) -> list[Diagnostic]:
    return check_integration(one_integration(folder, files), CheckOptions(**options))  # type: ignore[arg-type]


def codes_of(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


# --- Selection ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("select", "ignore", "code", "enabled"),
    [
        ({"DC"}, set(), "DC203", True),  # the default selects everything
        ({"DC2"}, set(), "DC203", True),
        ({"DC2"}, set(), "DC305", False),  # not selected
        ({"DC203"}, {"DC2"}, "DC203", True),  # the more specific selector wins...
        ({"DC203"}, {"DC2"}, "DC205", False),
        ({"DC2"}, {"DC203"}, "DC203", False),  # ...either way
        ({"DC2"}, {"DC203"}, "DC205", True),
        ({"DC2"}, {"DC2"}, "DC203", False),  # a tie: ignore wins
        ({"DC"}, {"DC"}, "DC203", False),
        ({"DC"}, {"DC"}, "DC000", True),  # internal errors are never deselected
        ({"DC6"}, set(), "DC000", True),
    ],
)
def test_selection_precedence(select: set[str], ignore: set[str], code: str, enabled: bool) -> None:
    selection = Selection(frozenset(select), frozenset(ignore))
    assert selection.enabled(code) is enabled


def test_code_matches_prefixes() -> None:
    assert code_matches("DC203", frozenset({"DC2"}))
    assert code_matches("DC203", frozenset({"DC203"}))
    assert not code_matches("DC203", frozenset({"DC3", "DC2031"}))
    assert not code_matches("DC203", frozenset())


def test_a_deselected_rule_does_not_report(tmp_path: Path) -> None:
    assert codes_of(found(tmp_path / "a", {APP: SYNC})) == ["DC203"]
    assert found(tmp_path / "b", {APP: SYNC}, selection=Selection(frozenset({"DC3"}))) == []
    ignored = Selection(frozenset({"DC"}), frozenset({"DC203"}))
    assert found(tmp_path / "c", {APP: SYNC}, selection=ignored) == []


# --- per-file-ignores ---------------------------------------------------------------------------

NO_DEPENDENCY = '{"domain": "example", "config_flow": true, "dependencies": []}\n'


@pytest.mark.parametrize(
    ("pattern", "codes", "left"),
    [
        ("custom_components/example/manifest.json", {"DC601"}, ["DC203"]),  # a relative path
        ("*/manifest.json", {"DC6"}, ["DC203"]),  # a glob, a prefix
        ("manifest.json", {"DC601"}, ["DC203"]),  # a base name
        ("*.py", {"DC2"}, ["DC601"]),
        ("*", {"DC"}, []),
        ("*/manifest.json", {"DC203"}, ["DC203", "DC601"]),  # the code is not in that file
        ("other/*", {"DC"}, ["DC203", "DC601"]),  # the pattern matches no file
    ],
)
def test_per_file_ignores(tmp_path: Path, pattern: str, codes: set[str], left: list[str]) -> None:
    files = {APP: SYNC, "manifest.json": NO_DEPENDENCY}
    assert sorted(codes_of(found(tmp_path / "all", files))) == ["DC203", "DC601"]
    ignores = ((pattern, frozenset(codes)),)
    result = found(tmp_path / "some", files, per_file_ignores=ignores, root=str(tmp_path / "some"))
    assert sorted(codes_of(result)) == left


def test_per_file_ignores_are_relative_to_the_root(tmp_path: Path) -> None:
    files = {APP: SYNC}
    ignores = (("custom_components/example/*", frozenset({"DC203"})),)
    assert found(tmp_path, files, per_file_ignores=ignores, root=str(tmp_path)) == []
    elsewhere = str(tmp_path / "custom_components")
    assert codes_of(found(tmp_path, files, per_file_ignores=ignores, root=elsewhere)) == ["DC203"]


# --- noqa, and DC901 after suppression -----------------------------------------------------------


def with_comment(comment: str) -> str:
    return SYNC.replace(HOOK_LINE, f"{HOOK_LINE}  {comment}")


@pytest.mark.parametrize(
    "comment", ["# noqa: DC203", "# noqa", "# NOQA:DC203", "# noqa: DC205, DC203"]
)
def test_noqa_suppresses_the_finding_on_its_line(tmp_path: Path, comment: str) -> None:
    result = found(tmp_path, {APP: with_comment(comment)})
    assert "DC203" not in codes_of(result)
    if comment.endswith("DC205, DC203"):
        # DC205 suppressed nothing: it is reported unused, the used DC203 is not.
        (unused,) = result
        assert unused.code == "DC901"
        assert "DC205" in unused.message and "DC203" not in unused.message
        assert unused.start.row == 7
    else:
        assert result == []


def test_noqa_for_another_code_keeps_the_finding_and_is_unused(tmp_path: Path) -> None:
    result = found(tmp_path, {APP: with_comment("# noqa: DC205")})
    assert codes_of(result) == ["DC203", "DC901"]
    assert all(d.start.row == 7 for d in result)


def test_noqa_on_another_line_does_not_suppress(tmp_path: Path) -> None:
    text = (
        SYNC.replace('"""Return the', '"""Return the  # not a comment') + "x = 1  # noqa: DC203\n"
    )
    result = found(tmp_path, {APP: text})
    assert codes_of(result)[0] == "DC203"
    assert "DC901" in codes_of(result)  # the noqa on `x = 1` suppresses nothing


def test_file_level_noqa(tmp_path: Path) -> None:
    text = "# devcreds-lint: noqa: DC203\n" + SYNC
    assert found(tmp_path / "a", {APP: text}) == []
    text = "# devcreds-lint: noqa: DC305\n" + SYNC
    assert codes_of(found(tmp_path / "b", {APP: text}))[0] == "DC203"  # another code only
    text = "# devcreds-lint: noqa\n" + SYNC
    assert found(tmp_path / "c", {APP: text}) == []  # every code


def test_no_dc901_when_dc901_is_not_selected(tmp_path: Path) -> None:
    text = with_comment("# noqa: DC205")
    selection = Selection(frozenset({"DC"}), frozenset({"DC901"}))
    assert codes_of(found(tmp_path, {APP: text}, selection=selection)) == ["DC203"]


def test_noqa_for_a_deselected_rule_is_not_unused(tmp_path: Path) -> None:
    """A rule that did not run could not have used the noqa: it is not reported unused."""
    text = with_comment("# noqa: DC203")
    selection = Selection(frozenset({"DC3", "DC9"}))
    assert found(tmp_path, {APP: text}, selection=selection) == []


# --- DC000: a crashing rule -----------------------------------------------------------------------


class Crashing(Rule):
    code = "DC299"
    name = "crashing-rule"
    summary = "Crashes."
    why = "To test the engine."

    def check(self, ctx: object) -> None:
        raise RuntimeError("simulated bug")


class Twice(Rule):
    """Reports the same finding twice, and a later line before an earlier one."""

    code = "DC298"
    name = "duplicating-rule"
    severity = Severity.WARNING
    summary = "Reports twice."
    why = "To test the engine."

    def check(self, ctx: object) -> None:
        path = ctx.platforms[0].path  # type: ignore[attr-defined]
        for row in (9, 2, 9, 2):
            self.report_at(path, Location(row, 1), Location(row, 3), f"at line {row}")


@pytest.fixture
def extra_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    real = all_rules()
    monkeypatch.setattr(engine, "all_rules", lambda: (Crashing, Twice, *real))


def test_a_crashing_rule_is_one_dc000_and_the_others_still_run(
    tmp_path: Path, extra_rules: None
) -> None:
    result = found(tmp_path, {APP: SYNC})
    crashes = [d for d in result if d.code == "DC000"]
    (crash,) = crashes
    assert "rule DC299 crashed" in crash.message
    assert "RuntimeError" in crash.message and "test_engine.py" in crash.message
    assert ISSUES_URL in crash.message
    assert crash.path.endswith(APP) and crash.file_level
    assert "DC203" in codes_of(result)  # the real rules ran
    assert "DC298" in codes_of(result)


def test_dc000_is_neither_deselected_nor_ignored(tmp_path: Path, extra_rules: None) -> None:
    everything = (("*", frozenset({"DC"})),)
    result = found(
        tmp_path,
        {APP: "# devcreds-lint: noqa\n" + SYNC},
        selection=Selection(frozenset({"DC2"}), frozenset({"DC203", "DC298"})),
        per_file_ignores=everything,
        root=str(tmp_path),
    )
    assert codes_of(result) == ["DC000"]


def test_a_crashing_rule_that_is_not_selected_does_not_run(
    tmp_path: Path, extra_rules: None
) -> None:
    result = found(tmp_path, {APP: SYNC}, selection=Selection(frozenset({"DC203"})))
    assert codes_of(result) == ["DC203"]


# --- sort and dedup -------------------------------------------------------------------------------


def test_findings_are_sorted_and_deduplicated(tmp_path: Path, extra_rules: None) -> None:
    result = found(tmp_path, {APP: SYNC, "manifest.json": NO_DEPENDENCY})
    assert result == sorted(result, key=Diagnostic.sort_key)
    assert len(result) == len(set(result))
    twice = [d for d in result if d.code == "DC298"]
    assert [d.start.row for d in twice] == [2, 9]  # each once, in line order
    # Sorted by path first: the manifest's DC601 after every finding in the platform module.
    assert result[-1].code == "DC601"
    platform_rows = [d.start.row for d in result if d.path.endswith(APP)]
    assert platform_rows == sorted(platform_rows)


def test_sort_key_orders_by_path_row_column_code_message() -> None:
    def diag(path: str, row: int, column: int, code: str, message: str = "m") -> Diagnostic:
        return Diagnostic(
            code,
            "name",
            Severity.ERROR,
            message,
            path,
            Location(row, column),
            Location(row, column),
        )

    expected = [
        diag("a.py", 1, 9, "DC900"),
        diag("a.py", 2, 1, "DC300"),
        diag("a.py", 2, 3, "DC100"),
        diag("a.py", 2, 3, "DC200", "a"),
        diag("a.py", 2, 3, "DC200", "b"),
        diag("b.py", 1, 1, "DC100"),
    ]
    assert sorted(reversed(expected), key=Diagnostic.sort_key) == expected
