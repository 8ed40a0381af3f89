"""Scaffold a rule, as Ruff's ``add_rule`` does: its module with its examples, its row in the
spec, and the generated files (``catalogue.py``, docs/rules.md, the README's table).

    python scripts/new_rule.py DC210 hook-shadowed-by-import hooks [--severity warning]

Writes ``devcreds_lint/rules/<family>/<name_with_underscores>.py``: one class with the code,
the name and the severity, ``TODO`` texts and no invalid example, so that the tests fail until
the rule has examples and its ``check`` reports them. The family finds the module by itself
(``rules/base.py`` ``family_rules``). Then fill in the ``TODO``s (the spec row too), write
``check``, and run ``python scripts/gen_docs.py`` again.
"""

from __future__ import annotations

import argparse
import keyword
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from devcreds_lint.catalogue import CATALOGUE  # noqa: E402

TEMPLATE = '''"""{code} {name}: TODO what it finds, in one line."""

from __future__ import annotations

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import Severity
from devcreds_lint.rules.base import Rule
from devcreds_lint.rules.examples import GOOD_SERVER


class {cls}(Rule):
    code = "{code}"
    name = "{name}"
    severity = Severity.{severity}
    summary = "TODO: what it finds, in one sentence."
    why = "TODO: what goes wrong in Home Assistant, and when."
    VALID = (GOOD_SERVER,)
    # TODO: at least one rules.base.Example(files={{rules.examples.APP: "..."}}, at="r:c-r:c")
    # per kind of finding, written as it would appear in an integration (fixed= for a fix).
    INVALID = ()

    def check(self, ctx: IntegrationFacts) -> None:
        """TODO: ask facts/ (ctx.parsed_platforms, ctx.hook_defs(), ...), self.report(...)."""
'''


def class_name(name: str) -> str:
    words = "".join(part.capitalize() for part in name.split("-"))
    return words + "_" if keyword.iskeyword(words) or words in dir(__builtins__) else words


def spec_with_row(spec: str, code: str, name: str, severity: str) -> str:
    """``spec`` with the rule's row inserted into the catalogue table, in code order."""
    rows = list(re.finditer(r"^\| (DC\d{3}) \| .*\n", spec, re.MULTILINE))
    if not rows:
        raise SystemExit("docs/spec.md: no rule table found")
    row = f"| {code} | {name} | {severity} | TODO: what it finds | — |\n"
    after = [m for m in rows if m.group(1) < code]
    at = after[-1].end() if after else rows[0].start()
    return spec[:at] + row + spec[at:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("code", help="DCnnn, not yet taken")
    parser.add_argument("name", help="kebab-case, e.g. hook-shadowed-by-import")
    parser.add_argument("family", help="the package under devcreds_lint/rules/")
    parser.add_argument("--severity", choices=("error", "warning"), default="error")
    parser.add_argument(
        "--no-docs", action="store_true", help="regenerate catalogue.py only, not the docs"
    )
    args = parser.parse_args(argv)
    code, name, family = args.code.upper(), args.name, args.family
    if not re.fullmatch(r"DC\d{3}", code):
        parser.error(f"{code}: a code is DC and three digits")
    if code in CATALOGUE:
        parser.error(f"{code} is taken by {CATALOGUE[code][0]}")
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
        parser.error(f"{name}: a name is kebab-case")
    if any(taken == name for taken, _ in CATALOGUE.values()):
        parser.error(f"{name} is taken")
    package = ROOT / "devcreds_lint" / "rules" / family
    if not (package / "__init__.py").exists():
        families = sorted(p.parent.name for p in package.parent.glob("*/__init__.py"))
        parser.error(f"{family}: no such family ({', '.join(families)})")
    module = package / f"{name.replace('-', '_')}.py"
    if module.exists():
        parser.error(f"{module} exists")
    module.write_text(
        TEMPLATE.format(code=code, name=name, cls=class_name(name), severity=args.severity.upper()),
        encoding="utf-8",
    )
    spec = ROOT / "docs" / "spec.md"
    spec.write_text(
        spec_with_row(spec.read_text(encoding="utf-8"), code, name, args.severity),
        encoding="utf-8",
    )
    print(f"wrote {module.relative_to(ROOT)} and its row in docs/spec.md")
    import gen_docs

    if args.no_docs:
        gen_docs.write_catalogue()
        print("regenerated devcreds_lint/catalogue.py")
    else:
        gen_docs.main()
        print("regenerated devcreds_lint/catalogue.py and the docs (scripts/gen_docs.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
