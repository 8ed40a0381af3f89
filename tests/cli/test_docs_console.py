"""Every console session in the docs (a ```console block whose lines start with
``$ devcreds-lint``) is what the tool prints today on the examples: re-run, compared.
``python scripts/gen_docs.py`` rewrites them (scripts/console_docs.py)."""

from __future__ import annotations

import sys

import pytest

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import console_docs


@pytest.mark.parametrize("name", console_docs.DOCUMENTS)
def test_console_sessions_are_real_output(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert console_docs.render(text) == text, "run python scripts/gen_docs.py"


def test_the_docs_hold_sessions() -> None:
    sessions = [
        body
        for name in console_docs.DOCUMENTS
        for body in console_docs._BLOCK.findall((ROOT / name).read_text(encoding="utf-8"))
    ]
    assert len(sessions) >= 6
