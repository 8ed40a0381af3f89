"""What a new user reads first (issue 16 points 15 and 16): install commands that work today,
and the README's two set-up commands with the notes a first run needs."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")}

# An install from PyPI by name ("devcreds-lint" or "devcreds-lint[lsp]") not followed by " @".
PYPI_INSTALL = re.compile(r"pip install ['\"]?devcreds-lint(?:\[\w+\])?(?![\[\w-])['\"]?(?!\s*@)")


def test_no_install_from_pypi_unless_marked_as_the_release_form() -> None:
    """devcreds-lint is not published yet: a `pip install devcreds-lint...` is only shown as
    what will work once it is released."""
    for name, text in {"README.md": README, **DOCS}.items():
        for line_no, line in enumerate(text.splitlines(), 1):
            if PYPI_INSTALL.search(line):
                assert "once" in line.lower(), f"{name}:{line_no}: {line}"


def test_readme_has_two_setup_commands_and_notes_beside_them() -> None:
    setup = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```console\n(.*?)```", setup, re.DOTALL)
    assert [c.strip() for c in commands] == [
        "pip install . && devcreds-lint check examples/",
        "pip install -e '.[test]' && pytest",
    ]
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "requires-python"
    ]
    assert requires == ">=3.10" and "Python 3.10 or newer" in setup
    assert "virtual environment" in setup and "python3 -m venv" in setup
    assert "exits 1 by design" in setup
    assert 'pytest -m "not slow"' in setup
