"""One run, resolved once: :class:`RunOptions` holds the paths, the configuration and the
command line's flags, and resolves from them, when it is made, the profiles and the
:class:`~devcreds_lint.check_options.CheckOptions` every check of the run uses. The command
line, standard input, the cache key and the worker processes all read them from here; the
language server asks :func:`check_options` for each open document's configuration."""

from __future__ import annotations

from dataclasses import dataclass, field

from devcreds_lint.check_options import CheckOptions, Selection
from devcreds_lint.contracts import Profile, profiles_named
from devcreds_lint.settings import Settings
from devcreds_lint.workspace.config import Config

# The engine imports libcst; check options come from check_options.py, which does not.


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
    # Resolved from the above when the value is made (never passed in).
    profiles: tuple[Profile, ...] = field(init=False, repr=False, compare=False)
    check_options: CheckOptions = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        profiles = profiles_named(self.config.profiles)
        selection = selection_for(self.config, self.select, self.extend_select, self.ignore)
        # A frozen dataclass: the two resolved fields are set once, here.
        object.__setattr__(self, "profiles", profiles)
        object.__setattr__(self, "check_options", check_options(self.config, profiles, selection))

    @property
    def selects_nothing(self) -> bool:
        """``--select ''``: no rule selected at all (prefixes are not resolved here)."""
        return not self.check_options.selection.select


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


def check_options(
    config: Config,
    profiles: tuple[Profile, ...],
    selection: tuple[frozenset[str], frozenset[str]] | None = None,
) -> CheckOptions:
    """The check options for ``config`` (and a selection from the command line)."""
    select, ignore = selection or selection_for(config)
    return CheckOptions(
        profiles=profiles,
        selection=Selection(select, ignore),
        settings=Settings(max_bytes=config.max_file_size, rule_options=config.rule_options),
        per_file_ignores=tuple((glob, frozenset(codes)) for glob, codes in config.per_file_ignores),
        root=config.root,
    )
