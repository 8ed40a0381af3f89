"""Fixtures shared by the test modules, and the order tests start in."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from devcreds_lint.cli import main
from tests.helpers import CliResult


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run the CLI in this process, as ``devcreds-lint ARGS``."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the slow tests first (a stable sort: the order is otherwise unchanged), so that
    under pytest-xdist the quick ones fill the other workers around them instead of a slow one
    starting last and running alone."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
