"""The rule docs are generated from the rules; these tests keep the files in step."""

from __future__ import annotations

import pathlib
import re
import sys

from devcreds_lint.report.rule_docs import render_all_pages, render_index, render_rule
from devcreds_lint.rules import all_rules

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from gen_docs import readme_with_table, render_catalogue  # noqa: E402


def test_docs_rules_md_is_up_to_date() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render_all_pages(), (
        "run python scripts/gen_docs.py"
    )


def test_the_catalogue_is_generated_from_the_rules() -> None:
    from devcreds_lint.rules.families import catalogue_mismatches

    catalogue = (ROOT / "devcreds_lint" / "catalogue.py").read_text(encoding="utf-8")
    assert catalogue == render_catalogue(), "run python scripts/gen_docs.py"
    assert catalogue_mismatches() == []


def test_readme_rule_table_is_up_to_date() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_with_table(readme) == readme, "run python scripts/gen_docs.py"


def test_every_rule_page_has_the_sections() -> None:
    for rule in all_rules():
        page = render_rule(rule)
        for section in ("## What it does", "## Why is this bad?", "## Fix safety"):
            assert section in page, (rule.code, section)
        if rule.code != "DC000":
            assert "## Example" in page and "## Use instead" in page, rule.code


def test_catalogue_matches_spec_codes() -> None:
    """Every rule's code, name and severity is a row of the spec's catalogue, and back."""
    catalogue = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
    spec = set(
        re.findall(r"^\| (DC\d{3}) \| ([a-z0-9-]+) \| (error|warning) \|", catalogue, re.MULTILINE)
    )
    assert len(spec) > 30
    rules = {(r.code, r.name, r.severity.value) for r in all_rules()}
    assert rules - {("DC000", "internal-error", "error")} == spec


def test_a_fix_for_some_findings_only_says_which() -> None:
    """DC207 fixes a missing annotation, not a wrong one (`-> dict`): its page and the README
    row say so, rather than a bare "yes" (issue 16 point 7)."""
    from devcreds_lint.rules.hooks.bad_return_annotation import BadReturnAnnotation

    row = next(line for line in render_index().splitlines() if line.startswith("| DC207 "))
    assert "| yes, when missing |" in row
    assert "A wrong one (`-> dict`) has no fix" in BadReturnAnnotation.fix_safety
    assert "A wrong one (`-> dict`) has no fix" in render_all_pages()
