"""The language server's checker: one process (:class:`~devcreds_lint.processes.forked.Engines`)
forked when the server starts, before it imports pygls and lsprotocol, that imports libcst and
every rule meanwhile and then checks and fixes for the server.

The speed trick behind the ``server start -> diagnostics`` row of ``benchmarks/run.py``: the
server's own imports (pygls, lsprotocol: ~0.6 s) and the engine's (libcst and the rules:
~0.35 s) run on two cores at once instead of one after the other, so the first diagnostics
come about 0.3 s sooner. The checker also keeps what it learnt between checks (the facts of
unchanged modules, ``facts/by_text.py``).

Nothing here changes what is found: the checker runs the same requests. When it cannot answer
(no ``fork`` on this platform, the process died, an answer that cannot be sent), the server
runs them itself, as it did before, from then on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from devcreds_lint.check_options import CheckOptions
from devcreds_lint.discovery import Integration
from devcreds_lint.model import Diagnostic
from devcreds_lint.processes import Check, FixText, Request
from devcreds_lint.processes.forked import Engines, Failed, fork_context

if TYPE_CHECKING:
    from devcreds_lint.cache import Keyed

T = TypeVar("T")


class Checker:
    """Runs requests in the checker process when there is one, else here."""

    def __init__(self) -> None:
        self._engines: Engines | None = None

    @classmethod
    def start(cls) -> Checker:
        """A checker with its process forked now (where ``fork`` is available): call it before
        the server's own imports, with no thread running."""
        checker = cls()
        context = fork_context()
        if context is not None:
            checker._engines = Engines(context, 1)
        return checker

    @property
    def forked(self) -> bool:
        """Whether requests still go to the checker process."""
        return self._engines is not None

    def check(self, request: Check) -> list[Keyed]:
        """The :class:`~devcreds_lint.processes.Executor` interface."""
        return self.ask(request)

    def findings(
        self,
        integration: Integration,
        check_options: CheckOptions,
        overrides: Mapping[str, str],
        meanwhile: Callable[[], None] | None = None,
    ) -> list[Diagnostic]:
        """Every finding of the integration, open buffers' texts in ``overrides``.
        ``meanwhile``: what the server can do while the checker checks (run here first when
        there is no checker process)."""
        request = Check((integration,), check_options, dict(overrides))
        return self.ask(request, meanwhile)[0][1]

    def fixed_text(
        self,
        integration: Integration,
        check_options: CheckOptions,
        overrides: Mapping[str, str],
        path: str,
    ) -> str | None:
        return self.ask(FixText(integration, check_options, dict(overrides), path))

    def ask(self, request: Request[T], meanwhile: Callable[[], None] | None = None) -> T:
        """The checker's answer to ``request``; when it gives none (it failed, died, or is
        stopped), the request runs here, now and from then on (a checker that failed once is
        not trusted again)."""
        engines = self._engines
        answer: T | Failed = Failed("no checker process")
        if engines is not None and engines.send(engines.conns[0], request):
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            answer = engines.receive(engines.conns[0], request)
        if meanwhile is not None:
            meanwhile()
        if not isinstance(answer, Failed):
            return answer
        self.close()
        return request.run()

    def close(self) -> None:
        if self._engines is not None:
            self._engines.close(wait=0)
            self._engines = None
