"""The rule docs are generated from the rules; these tests keep the files in step."""

from __future__ import annotations

import pathlib
import sys

from devcreds_lint.report.rule_docs import render_all_pages, render_rule
from devcreds_lint.rules import all_rules

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from gen_docs import readme_with_table  # noqa: E402


def test_docs_rules_md_is_up_to_date() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render_all_pages(), (
        "run python scripts/gen_docs.py"
    )


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
    spec = {
        "DC100",
        "DC101",
        "DC102",
        "DC201",
        "DC202",
        "DC203",
        "DC204",
        "DC205",
        "DC206",
        "DC207",
        "DC208",
        "DC209",
        "DC301",
        "DC302",
        "DC303",
        "DC304",
        "DC305",
        "DC306",
        "DC307",
        "DC309",
        "DC401",
        "DC402",
        "DC501",
        "DC502",
        "DC503",
        "DC601",
        "DC602",
        "DC603",
        "DC604",
        "DC605",
        "DC606",
        "DC607",
        "DC608",
        "DC900",
        "DC901",
    }
    assert {r.code for r in all_rules()} - {"DC000"} == spec
