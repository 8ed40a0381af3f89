"""Regenerate docs/rules.md and the rule table in README.md from the rules themselves, and the
console examples of the docs from real runs (scripts/console_docs.py).

Run `python scripts/gen_docs.py`; `tests/report/test_rule_docs.py` and
`tests/cli/test_docs_console.py` fail when either is out of date.
"""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devcreds_lint.report.rule_docs import render_all_pages, render_index  # noqa: E402

BEGIN = "<!-- rules:begin -->\n"
END = "<!-- rules:end -->\n"


def readme_with_table(readme: str) -> str:
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + BEGIN + render_index() + END + tail


def main() -> None:
    (ROOT / "docs" / "rules.md").write_text(render_all_pages(), encoding="utf-8")
    readme = ROOT / "README.md"
    readme.write_text(readme_with_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
    import console_docs

    console_docs.main()


if __name__ == "__main__":
    main()
