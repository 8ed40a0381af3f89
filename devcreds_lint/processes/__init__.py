"""Where checks run. Every check of a run goes through one small interface, an
:class:`Executor`, as one typed request, :class:`Check`; the implementations:

* :class:`InProcess`: here, now (what every other one falls back to);
* :class:`~devcreds_lint.processes.pool.ForkedWorkers` and
  :class:`~devcreds_lint.processes.pool.SpawnedWorkers`: the command line's worker processes;
* :class:`~devcreds_lint.processes.checker.Checker`: the language server's checker process,
  which also answers :class:`FixText`.

The forked ones are made of one primitive, :mod:`.forked`. Which one a run uses is chosen in
one place, :func:`devcreds_lint.parallel.choose`. Nothing here changes what is found: every
implementation runs :meth:`Check.run` on the same arguments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from devcreds_lint.check_options import CheckOptions
from devcreds_lint.discovery import Integration

if TYPE_CHECKING:
    from devcreds_lint.cache import Keyed, Keying

T = TypeVar("T", covariant=True)


class Request(Protocol[T]):
    """A typed request: what it asks is what :meth:`run` does, wherever it runs."""

    def run(self) -> T: ...


@dataclass(frozen=True)
class Check:
    """Every finding of each integration, open buffers' texts in ``overrides``; with
    ``keying``, each with the cache key of the bytes they were found in (files read once:
    :func:`~devcreds_lint.cache.check_keyed`)."""

    integrations: tuple[Integration, ...]
    check_options: CheckOptions
    overrides: Mapping[str, str] = field(default_factory=dict)
    keying: Keying | None = None

    def run(self) -> list[Keyed]:
        if self.keying is None:
            from devcreds_lint.engine import check_integration

            return [
                (None, check_integration(i, self.check_options, self.overrides))
                for i in self.integrations
            ]
        from devcreds_lint.cache import check_keyed

        return [check_keyed(i, self.check_options, self.keying) for i in self.integrations]

    def part(self, start: int, stop: int) -> Check:
        """The same request for ``integrations[start:stop]``."""
        return Check(self.integrations[start:stop], self.check_options, self.overrides, self.keying)


@dataclass(frozen=True)
class FixText:
    """The text of ``path`` with every safe fix of the integration applied (no renames)."""

    integration: Integration
    check_options: CheckOptions
    overrides: Mapping[str, str]
    path: str

    def run(self) -> str | None:
        from devcreds_lint.fixing.rounds import fix_integration

        result = fix_integration(
            self.integration,
            self.check_options,
            unsafe=False,
            overrides=dict(self.overrides),
            renames=False,
        )
        state = result.files.get(result.new_path(self.path))
        return None if state is None else state.text


class Executor(Protocol):
    """Runs a :class:`Check`: the (cache key, findings) of each integration, in order."""

    def check(self, request: Check) -> list[Keyed]: ...

    def close(self) -> None: ...


class InProcess:
    """Checks here, in this process."""

    def check(self, request: Check) -> list[Keyed]:
        return request.run()

    def close(self) -> None:
        pass
