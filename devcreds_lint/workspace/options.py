"""Configuration and command-line flags turned into what one check needs (the engine's
:class:`~devcreds_lint.engine.CheckOptions`), computed in this one place for the command line,
standard input, the cache key and the language server."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from devcreds_lint.contracts import Profile
from devcreds_lint.workspace.config import Config

if TYPE_CHECKING:
    from devcreds_lint.check_options import CheckOptions

# The engine imports libcst; the options of a check come from check_options.py, which does not.


@dataclass(frozen=True)
class RunOptions:
    paths: tuple[str, ...]
    config: Config
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    force_exclude: bool = False
    use_cache: bool = True
    cache_dir: str | None = None
    stdin_text: str | None = None
    stdin_filename: str | None = None
    jobs: int | None = None


def selection_for(
    config: Config,
    select: tuple[str, ...] | None = None,
    extend_select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> tuple[frozenset[str], frozenset[str]]:
    """(select, ignore) from the configuration and the command line's flags."""
    chosen = select if select is not None else config.select
    extend = config.extend_select + extend_select
    return frozenset(chosen + extend), frozenset(config.ignore + ignore)


def run_selection(options: RunOptions) -> tuple[frozenset[str], frozenset[str]]:
    return selection_for(options.config, options.select, options.extend_select, options.ignore)


def check_options(
    config: Config,
    profiles: tuple[Profile, ...],
    selection: tuple[frozenset[str], frozenset[str]] | None = None,
) -> CheckOptions:
    """The engine's options for ``config`` (and a selection from the command line)."""
    from devcreds_lint.check_options import CheckOptions, Selection
    from devcreds_lint.settings import Settings

    select, ignore = selection or selection_for(config)
    return CheckOptions(
        profiles=profiles,
        selection=Selection(select, ignore),
        settings=Settings(max_bytes=config.max_file_size, rule_options=config.rule_options),
        per_file_ignores=tuple((glob, frozenset(codes)) for glob, codes in config.per_file_ignores),
        root=config.root,
    )


def run_check_options(options: RunOptions, profiles: tuple[Profile, ...]) -> CheckOptions:
    return check_options(options.config, profiles, run_selection(options))
