"""ModuleFacts: a module read and parsed once; malformed imports (DC102) repaired in memory so
the rest of the module can be checked; unreadable files and syntax errors are states, never
exceptions."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from devcreds_lint.parsing.parse import ParseFailure
from devcreds_lint.parsing.reading import Unreadable
from devcreds_lint.rules.examples import GOOD_SERVER
from tests.facts.support import APP, integration_facts

MALFORMED = GOOD_SERVER.replace(
    "from homeassistant.core import HomeAssistant", "from homeassistant.core.HomeAssistant"
)


def test_a_clean_module_parses_as_is(tmp_path: Path) -> None:
    (module,) = integration_facts(tmp_path, {APP: GOOD_SERVER}).platforms
    assert isinstance(module.parsed, cst.Module)
    assert module.module is module.parsed
    assert module.malformed == []
    assert module.repaired_rows == frozenset()
    assert module.text == module.original_text == GOOD_SERVER


def test_a_malformed_import_is_repaired_in_memory(tmp_path: Path) -> None:
    (module,) = integration_facts(tmp_path, {APP: MALFORMED}).platforms
    row = MALFORMED.splitlines().index("from homeassistant.core.HomeAssistant") + 1
    assert isinstance(module.parsed, cst.Module)
    (malformed,) = module.malformed
    assert (malformed.row, malformed.module, malformed.name) == (
        row,
        "homeassistant.core",
        "HomeAssistant",
    )
    assert module.repaired_rows == frozenset({row})
    # Rules see the repaired text; the file's own text is kept for positions and fixes.
    assert module.text == GOOD_SERVER
    assert module.original_text == MALFORMED
    # The repaired module binds the name: the hook is there to check.
    assert "async_get_authorization_server" in module.index.functions
    assert module.index.imported("HomeAssistant") is not None


def test_a_second_syntax_error_stays_a_failure_with_the_repairs_listed(tmp_path: Path) -> None:
    text = MALFORMED.replace("-> AuthorizationServer:", "-> AuthorizationServer")
    (module,) = integration_facts(tmp_path, {APP: text}).platforms
    assert isinstance(module.parsed, ParseFailure)
    assert module.module is None
    assert [m.name for m in module.malformed] == ["HomeAssistant"]
    assert module.text is not None and "from homeassistant.core import HomeAssistant" in module.text


def test_a_syntax_error_without_malformed_imports(tmp_path: Path) -> None:
    (module,) = integration_facts(tmp_path, {APP: "def f(:\n    pass\n"}).platforms
    assert isinstance(module.parsed, ParseFailure)
    assert module.malformed == [] and module.module is None
    assert module.text == "def f(:\n    pass\n"
    assert module.index.functions == {}  # an empty index, not an error


def test_an_unreadable_module_is_a_state(tmp_path: Path) -> None:
    (module,) = integration_facts(tmp_path, {APP: b"x = 1\x00\n"}).platforms
    assert isinstance(module.source, Unreadable)
    assert module.parsed is None and module.module is None
    assert module.text is None and module.original_text is None
    assert module.malformed == []


def test_positions_are_one_based_code_points(tmp_path: Path) -> None:
    text = GOOD_SERVER.replace('"""Return the', '"""R\u00e9turn the')
    (module,) = integration_facts(tmp_path, {APP: text}).platforms
    (hook,) = module.index.functions["async_get_authorization_server"]
    start, end = module.range(hook.name)
    line = text.splitlines()[start.row - 1]
    assert line[start.column - 1 : end.column - 1] == "async_get_authorization_server"
    assert module.code_for(hook.name) == "async_get_authorization_server"
