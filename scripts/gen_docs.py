"""Regenerate from the rules themselves ``devcreds_lint/catalogue.py`` (every code with its
name, severity and options, as data the command line reads without importing the rules),
docs/rules.md and the rule table in README.md; and the console examples of the docs from real
runs (scripts/console_docs.py).

Run `python scripts/gen_docs.py`; `tests/report/test_rule_docs.py` and
`tests/cli/test_docs_console.py` fail when any of them is out of date.
"""

from __future__ import annotations

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devcreds_lint.report.rule_docs import render_all_pages, render_index  # noqa: E402
from devcreds_lint.rules import all_rules  # noqa: E402

BEGIN = "<!-- rules:begin -->\n"
END = "<!-- rules:end -->\n"


def readme_with_table(readme: str) -> str:
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + BEGIN + render_index() + END + tail


CATALOGUE_HEAD = '''"""Every rule code with its name and default severity, and the rules' options, as plain data.

Generated from the rules by scripts/gen_docs.py: do not edit. The CLI validates ``--select``/
``--ignore`` and configuration against this table without importing the rules (and libcst
with them), which keeps warm, cached runs fast; tests/report/test_rule_docs.py fails when it
is out of step with the rules.
"""

from __future__ import annotations

'''


def render_catalogue() -> str:
    """The text of ``devcreds_lint/catalogue.py`` for the rules as they are."""
    rules = sorted(all_rules(), key=lambda rule: rule.code)
    q = json.dumps
    lines = [CATALOGUE_HEAD, "CATALOGUE: dict[str, tuple[str, str]] = {\n"]
    lines += [f"    {q(r.code)}: ({q(r.name)}, {q(r.severity.value)}),\n" for r in rules]
    lines += ["}\n\nCODES = frozenset(CATALOGUE)\n\n\n"]
    lines += ["RULE_OPTIONS: dict[str, dict[str, str]] = {\n"]
    for rule in rules:
        if rule.options:
            lines.append(f"    {q(rule.code)}: {{\n")
            lines += [f"        {q(k)}: {q(v)},\n" for k, v in sorted(rule.options.items())]
            lines.append("    },\n")
    lines.append("}\n")
    lines.append(
        '"""Options under ``[tool.devcreds-lint.rule-options.CODE]``: each a list of strings. The\n'
    )
    lines.append('configuration is validated against this table and the rule pages list it."""\n')
    return "".join(lines)


def write_catalogue() -> None:
    (ROOT / "devcreds_lint" / "catalogue.py").write_text(render_catalogue(), encoding="utf-8")


def main() -> None:
    write_catalogue()
    (ROOT / "docs" / "rules.md").write_text(render_all_pages(), encoding="utf-8")
    readme = ROOT / "README.md"
    readme.write_text(readme_with_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
    import console_docs

    console_docs.main()


if __name__ == "__main__":
    main()
