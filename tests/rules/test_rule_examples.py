"""One test per example embedded in each rule (the same examples render its docs page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from devcreds_lint.model import FixAvailability
from devcreds_lint.rules import Example, Rule, all_rules
from devcreds_lint.rules.base import NO_FIX_SAFETY
from tests.helpers import check_paths, fix_paths, make_integration, read_tree

RULES = all_rules()
# Rules whose findings are not produced by examples laid over a clean integration.
NO_EXAMPLES = {"DC000"}


def _cases(which: str) -> list[tuple[type[Rule], Example]]:
    return [(rule, example) for rule in RULES for example in rule.examples(which)]


def _id(case: tuple[type[Rule], Example]) -> str:
    rule, example = case
    return f"{rule.code}-{example.title or 'example'}".replace(" ", "_")


@pytest.mark.parametrize("case", _cases("valid"), ids=_id)
def test_valid_example_is_clean_for_its_rule(
    case: tuple[type[Rule], Example], tmp_path: Path
) -> None:
    rule, example = case
    folder = make_integration(tmp_path, example.files, example.profile)
    found = [d for d in check_paths(folder) if d.code == rule.code]
    assert found == []


@pytest.mark.parametrize("case", _cases("invalid"), ids=_id)
def test_invalid_example_is_reported(case: tuple[type[Rule], Example], tmp_path: Path) -> None:
    rule, example = case
    folder = make_integration(tmp_path, example.files, example.profile)
    found = [d for d in check_paths(folder) if d.code == rule.code]
    assert len(found) == example.count, found
    if example.line is not None:
        assert found[0].start.row == example.line
    if example.at is not None:
        start, end = example.at.split("-")
        shown = [f"{d.start.row}:{d.start.column}-{d.end.row}:{d.end.column}" for d in found]
        assert f"{start}-{end}" in shown, shown
    diag = found[0]
    assert diag.name == rule.name
    assert diag.message
    if example.fixed is not None:
        assert diag.fix is not None, "the example promises a fix"
    elif diag.fix is not None and example.fixed is None:
        pytest.fail(f"{rule.code} offers a fix its example does not show: add `fixed=`")


@pytest.mark.parametrize("case", [c for c in _cases("invalid") if c[1].fixed is not None], ids=_id)
def test_fix_example_produces_expected_files(
    case: tuple[type[Rule], Example], tmp_path: Path
) -> None:
    rule, example = case
    assert example.fixed is not None
    folder = make_integration(tmp_path, example.files, example.profile)
    remaining = fix_paths(folder, unsafe=example.unsafe)
    after = read_tree(folder)
    for name, expected in example.fixed.items():
        if expected is None:
            assert name not in after, f"{name} should be gone"
        else:
            assert after.get(name) == expected, name
    assert rule.code not in {d.code for d in remaining}


@pytest.mark.parametrize(
    "rule", [r for r in RULES if r.code not in NO_EXAMPLES], ids=lambda r: r.code
)
def test_every_rule_has_valid_and_invalid_examples(rule: type[Rule]) -> None:
    assert list(rule.examples("valid")), f"{rule.code} has no valid example"
    assert list(rule.examples("invalid")), f"{rule.code} has no invalid example"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_fixable_rule_has_a_fix_example(rule: type[Rule]) -> None:
    has_fixed_example = any(e.fixed is not None for e in rule.examples("invalid"))
    assert (rule.fix is not FixAvailability.NEVER) == has_fixed_example, rule.code
    assert (rule.fix is FixAvailability.NEVER) == (rule.fix_safety == NO_FIX_SAFETY), rule.code


@pytest.mark.parametrize(
    "rule", [r for r in RULES if r.code not in NO_EXAMPLES], ids=lambda r: r.code
)
def test_fix_availability_matches_the_examples(rule: type[Rule], tmp_path: Path) -> None:
    """``fix = NEVER / SOMETIMES / ALWAYS`` is what the invalid examples show."""
    offered: set[bool] = set()
    for number, example in enumerate(rule.examples("invalid")):
        folder = make_integration(tmp_path / str(number), example.files, example.profile)
        offered |= {d.fix is not None for d in check_paths(folder) if d.code == rule.code}
    expected = {
        FixAvailability.NEVER: {False},
        FixAvailability.ALWAYS: {True},
        FixAvailability.SOMETIMES: {True, False},
    }[rule.fix]
    assert offered == expected, f"{rule.code} declares fix={rule.fix.value}"
