"""The command line: parses flags, calls :mod:`devcreds_lint.runner`, prints.

Exit codes (as Ruff): 0 nothing found, 1 findings (or changes, with ``--diff``), 2 a usage,
configuration or internal error. Errors are one line on stderr, never a traceback (set
``DEVCREDS_LINT_DEBUG=1`` to see one).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

import click

from devcreds_lint import __version__
from devcreds_lint.workspace.config import (
    OUTPUT_FORMATS,
    Config,
    ConfigError,
    resolve,
    validate_selector,
)

if TYPE_CHECKING:
    from devcreds_lint.runner import RunResult
    from devcreds_lint.workspace.options import RunOptions


def _codes(values: Sequence[str], option: str) -> tuple[str, ...]:
    codes: list[str] = []
    for value in values:
        for part in value.split(","):
            if part.strip():
                try:
                    codes.append(validate_selector(part, option))
                except ConfigError as exc:
                    raise click.BadParameter(
                        str(exc).split(": ", 1)[-1], param_hint=option
                    ) from None
    return tuple(codes)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="devcreds-lint")
def cli() -> None:
    """Static checker and fixer for Home Assistant OAuth2 credential platforms."""


@cli.command(short_help="Check integrations under PATHS (default: the current folder).")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--fix", is_flag=True, help="Apply safe fixes.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply (and show as fixable) unsafe fixes.")
@click.option(
    "--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them."
)
@click.option("--show-fixes", is_flag=True, help="List the fixes that were applied.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when anything was fixed.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (comma-separated).")
@click.option("--extend-select", multiple=True, help="Codes to enable on top of the configuration.")
@click.option(
    "--ignore", multiple=True, help="Rule codes or prefixes to disable (comma-separated)."
)
@click.option(
    "--output-format",
    type=click.Choice(OUTPUT_FORMATS),
    default=None,
    help="Output format (default: full).",
)
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, path_type=str),
    help="Write the report to a file.",
)
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=str),
    help="Use this configuration file.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option(
    "--cache-dir", type=click.Path(file_okay=False, path_type=str), help="Where to keep the cache."
)
@click.option(
    "--force-exclude", is_flag=True, help="Apply exclusions to paths named on the command line too."
)
@click.option(
    "--stdin-filename",
    type=str,
    help="Read the source from stdin (path '-') and report it as this file.",
)
@click.option(
    "--statistics", is_flag=True, help="Show how many findings each rule has, not the findings."
)
@click.option(
    "--add-noqa",
    is_flag=True,
    help="Suppress every current finding with a `# noqa: CODE` comment on its line.",
)
@click.option("-w", "--watch", is_flag=True, help="Check again whenever a checked file changes.")
@click.option(
    "-q", "--quiet", is_flag=True, help="Print the findings only: no summary, no warnings."
)
def check(
    paths: tuple[str, ...],
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    show_fixes: bool,
    exit_non_zero_on_fix: bool,
    exit_zero: bool,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    output_format: str | None,
    output_file: str | None,
    color: str,
    config_path: str | None,
    isolated: bool,
    no_cache: bool,
    cache_dir: str | None,
    force_exclude: bool,
    stdin_filename: str | None,
    statistics: bool,
    add_noqa: bool,
    watch: bool,
    quiet: bool,
) -> None:
    """Check integrations under PATHS (default: the current folder)."""
    from devcreds_lint.workspace.options import RunOptions

    stdin_text = None
    if stdin_filename is not None or paths == ("-",):
        if stdin_filename is None:
            raise click.UsageError("reading from stdin ('-') needs --stdin-filename")
        if watch or add_noqa:
            raise click.UsageError("--watch and --add-noqa work on files, not on stdin")
        # Bytes, not text: what is not UTF-8 becomes DC900, not a UnicodeDecodeError.
        stdin_text = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
        paths = (stdin_filename,)
    else:
        paths = paths or (".",)
        for path in paths:
            if not os.path.lexists(path):
                raise click.UsageError(f"path does not exist: {path}")
    if add_noqa and (fix or diff):
        raise click.UsageError("--add-noqa cannot be combined with --fix or --diff")
    if sys.stdout is None:  # closed (`>&-`)
        if output_file is None or diff or stdin_text is not None:
            # Said before anything is done, whose report would be lost.
            raise click.UsageError("cannot write to standard output: it is closed; use -o FILE")
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the run)
    config = _config(list(paths), config_path, isolated)
    options = RunOptions(
        paths=paths,
        config=config,
        select=_codes(select, "--select") if select else None,
        extend_select=_codes(extend_select, "--extend-select"),
        ignore=_codes(ignore, "--ignore"),
        fix=fix and not diff,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        force_exclude=force_exclude,
        use_cache=not no_cache,
        cache_dir=cache_dir,
        stdin_text=stdin_text,
        stdin_filename=stdin_filename,
    )
    printing = _Printing(
        fmt=output_format or config.output_format,
        output_file=output_file,
        color=_wants_color(color, output_file),
        unsafe_fixes=unsafe_fixes,
        show_fixes=show_fixes,
        statistics=statistics,
        quiet=quiet,
    )
    if watch:
        _watch(options, printing)
    if add_noqa:
        with _writing_stdout():
            code = _add_noqa(options, printing)
        sys.exit(code)
    result = _check_once(options, printing)
    internal = any(d.code == "DC000" for d in result.diagnostics)
    if internal:
        sys.exit(2)
    if diff:
        sys.exit(1 if result.diffs else 0)
    if result.incomplete:
        sys.exit(1)  # --fix left something undone: a file not written, a race lost
    if exit_non_zero_on_fix and (result.fixed or result.renames):
        sys.exit(1)
    if result.diagnostics and not exit_zero:
        sys.exit(1)
    sys.exit(0)


@dataclass(frozen=True)
class _Printing:
    """How ``check`` prints, from its flags."""

    fmt: str
    output_file: str | None
    color: bool
    unsafe_fixes: bool
    show_fixes: bool
    statistics: bool
    quiet: bool


def _check_once(options: RunOptions, printing: _Printing) -> RunResult:
    """One run of ``check``: run, print the report (and what goes to stderr), return it."""
    from devcreds_lint.runner import run

    result = run(options)
    with _writing_stdout():
        _print_result(result, options, printing)
    return result


class _StdoutError(click.ClickException):
    """Standard output cannot be written: a full disk (``> /dev/full``), a closed terminal."""


@contextlib.contextmanager
def _writing_stdout() -> Iterator[None]:
    """Errors writing standard output become one line and exit 2, as ``-o FILE`` errors do
    (a closed pipe, ``| head``, stays exit 1: see :func:`main`)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        # Pointed at the null device: the interpreter's last flush must not fail again.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        raise _StdoutError(f"cannot write to standard output: {exc.strerror or exc}") from exc


def _wants_color(color: str, output_file: str | None) -> bool:
    """``--color``; with ``auto``, colors on a terminal unless ``NO_COLOR`` is set, and also
    off a terminal (a CI log, a pager) when ``FORCE_COLOR`` is set and not empty
    (force-color.org). ``NO_COLOR`` wins over ``FORCE_COLOR``; a report file never gets any."""
    if color != "auto":
        return color == "always"
    if output_file is not None or "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout is not None and sys.stdout.isatty()


def _print_notices(errors: list[str], nothing_checked: str | None, printing: _Printing) -> None:
    """Errors, and the warning that nothing was checked (unless ``--quiet``), on stderr."""
    for error in errors:
        click.echo(f"devcreds-lint: {error}", err=True)
    if nothing_checked and not printing.quiet:
        click.echo(f"devcreds-lint: warning: {nothing_checked}; nothing was checked", err=True)


def _print_result(result: RunResult, options: RunOptions, printing: _Printing) -> None:
    from devcreds_lint.model import Severity
    from devcreds_lint.report import ReportContext, display_path, render

    _print_notices(result.errors, result.nothing_checked, printing)
    # pre-commit's own fixers say what they did. A renamed file is new to git and the old name
    # is still in the index: `git add <new>` alone commits both files (DC103 then finds the
    # leftover), `git add -u` neither. `git add -A <folder>` stages the rename and the fixes
    # beside it.
    for old, new in result.renames:
        folder = display_path(os.path.dirname(new)) or "."
        click.echo(
            f"Renamed {display_path(old)} to {os.path.basename(new)}; stage the rename and the "
            f"fixes beside it: git add -A {shlex.quote(folder)}",
            err=True,
        )

    def source_of(path: str) -> str | None:
        if path in result.sources:
            return result.sources[path]
        # Read as the checks read (never blocking on a FIFO put in the file's place).
        from devcreds_lint.parsing.reading import Unreadable, read_source

        source = read_source(path)
        return None if isinstance(source, Unreadable) else source.text

    context = ReportContext(
        color=printing.color,
        unsafe_fixes=printing.unsafe_fixes,
        fixed=len(result.fixed),
        fixed_warnings=sum(1 for d in result.fixed if Severity(d.severity) is Severity.WARNING),
        checked=(result.platform_modules, result.checked),
        nothing_checked=result.nothing_checked,
        quiet=printing.quiet,
        source_of=source_of,
    )
    if printing.statistics:
        from devcreds_lint.report.statistics import render_statistics

        _emit(
            render_statistics(result.diagnostics, context, printing.fmt),
            printing.output_file,
            False,
        )
        return
    if result.stdin_output is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.stdin_output.encode("utf-8", "surrogateescape"))
        sys.stdout.buffer.flush()
        report = render(printing.fmt, result.diagnostics, context)
        if printing.show_fixes and result.fixed:
            # The same summary as for paths (the report goes to stderr: stdout is the text).
            report = _fixes_summary(result.fixed) + report
        click.echo(report, err=True, nl=False)
    elif options.diff:
        sys.stdout.write("".join(result.diffs))
        if result.fixed and not printing.quiet:
            from devcreds_lint.report._summary import count_by_severity, findings

            click.echo(f"Would fix {findings(*count_by_severity(result.fixed))}.", err=True)
    else:
        report = render(printing.fmt, result.diagnostics, context)
        if printing.show_fixes and result.fixed:
            report = _fixes_summary(result.fixed) + report
        _emit(report, printing.output_file, printing.color)


def _add_noqa(options: RunOptions, printing: _Printing) -> int:
    """``--add-noqa``: 0 when every finding is now suppressed, 1 when some could not be."""
    from devcreds_lint.report import display_path
    from devcreds_lint.runner import run_add_noqa

    result, added = run_add_noqa(options)
    _print_notices(result.errors + added.errors, result.nothing_checked, printing)
    for diag, reason in added.refused:
        click.echo(
            f"{display_path(diag.path)}:{diag.start.row}:{diag.start.column}: {diag.code} "
            f"not suppressed: {reason}"
            + (
                "; use `per-file-ignores`"
                if diag.file_level or not diag.path.endswith(".py")
                else ""
            ),
            err=True,
        )
    for path, count in added.unparsable:
        click.echo(
            f"{display_path(path)}: {count} finding{'s' if count != 1 else ''} not suppressed: "
            "the file does not parse; fix its syntax first",
            err=True,
        )
    if not printing.quiet:
        files = len(added.written)
        click.echo(
            f"Added {added.added} noqa directive{'s' if added.added != 1 else ''} "
            f"in {files} file{'s' if files != 1 else ''}."
        )
    return 1 if added.refused or added.unparsable or added.errors or result.errors else 0


def _watch(options: RunOptions, printing: _Printing) -> NoReturn:
    """Check, then check again whenever a file of a checked integration (or a named path)
    changes, until interrupted. Polling: no dependency, no file-system events needed."""
    import time

    from devcreds_lint.workspace.watching import snapshot

    interval = float(os.environ.get("DEVCREDS_LINT_WATCH_INTERVAL", "0.5"))
    try:
        while True:
            before = snapshot(options)
            _check_once(options, printing)
            click.echo("Watching for file changes (Ctrl-C to stop).", err=True)
            sys.stdout.flush()
            while snapshot(options) == before:
                time.sleep(interval)
            click.echo("File change detected; checking again.", err=True)
    except KeyboardInterrupt:
        sys.exit(0)


def _fixes_summary(fixed: Sequence[object]) -> str:
    from devcreds_lint.model import Diagnostic
    from devcreds_lint.report import display_path

    lines = ["Fixed:"]
    for diag in fixed:
        assert isinstance(diag, Diagnostic)
        message = diag.fix.message if diag.fix else diag.message
        lines.append(f"  {display_path(diag.path)}: {diag.code} {message}")
    return "\n".join(lines) + "\n\n"


def _emit(report: str, output_file: str | None, color: bool) -> None:
    if output_file is None:
        click.echo(report, nl=False, color=color)  # click strips ANSI codes unless told
        return
    try:
        folder = os.path.dirname(output_file)
        if folder:
            os.makedirs(folder, exist_ok=True)
        with open(output_file, "w", encoding="utf-8") as handle:
            handle.write(report)
    except OSError as exc:
        raise click.UsageError(f"cannot write {output_file}: {exc.strerror}") from exc


def _config(paths: list[str], config_path: str | None, isolated: bool) -> Config:
    try:
        return resolve(paths, config_path, isolated)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc


@cli.command(short_help="Explain a rule, or list them all.")
@click.argument("code", metavar="[CODE|NAME]", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def rule(code: str | None, show_all: bool, output_format: str) -> None:
    """Explain a rule by code or name (`devcreds-lint rule DC203`, `devcreds-lint rule
    sync-platform-hook`), or list them with --all."""
    from devcreds_lint.report.rule_docs import render_index, render_rule, rules_json
    from devcreds_lint.rules import rule_by_code

    with _writing_stdout():
        if show_all or code is None:
            if output_format == "json":
                click.echo(rules_json())
            else:
                click.echo(render_index(), nl=False)
            return
        found = rule_by_code(_rule_code(code))
        if found is None:
            raise click.UsageError(
                f"unknown rule code or name {code!r}; `devcreds-lint rule --all` lists them"
            )
        click.echo(rules_json(found) if output_format == "json" else render_rule(found), nl=False)


def _rule_code(code_or_name: str) -> str:
    """``DC203`` for ``dc203``, ``sync-platform-hook`` or ``sync_platform_hook``."""
    from devcreds_lint.catalogue import CATALOGUE

    wanted = code_or_name.strip().lower().replace("_", "-")
    for code, (name, _severity) in CATALOGUE.items():
        if wanted in (code.lower(), name):
            return code
    return code_or_name.upper()


@cli.command("config", short_help="Show the settings that apply to PATH.")
@click.argument("path", required=False, default=".", type=click.Path(exists=True, path_type=str))
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--isolated", is_flag=True)
def show_config(path: str, config_path: str | None, isolated: bool) -> None:
    """Show the settings that apply to PATH, and where they came from."""
    import json

    config = _config([path], config_path, isolated)
    with _writing_stdout():
        click.echo(json.dumps(config.as_dict(), indent=2))


@cli.command(short_help="Run the language server over stdio.")
@click.option(
    "--stdio",
    is_flag=True,
    help="Speak LSP over stdin/stdout: the only transport, and the default (clients such as "
    "vscode-languageclient pass it).",
)
def server(stdio: bool) -> None:
    """Run the language server over stdio (needs the `lsp` extra, see docs/editors.md)."""
    from devcreds_lint.serving import serve

    missing = serve()
    if missing is not None:
        raise click.UsageError(
            f"the language server needs its extra ({missing} is missing): from a clone, "
            "pip install '.[lsp]'; once released on PyPI, pip install 'devcreds-lint[lsp]' "
            "(docs/editors.md)"
        )


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: turns every error into one line and exit code 2."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="devcreds-lint",
            standalone_mode=False,
        )
    except click.exceptions.UsageError as exc:
        click.echo(f"devcreds-lint: error: {exc.format_message()}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("devcreds-lint: aborted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"devcreds-lint: error: {exc.format_message()}", err=True)
        sys.exit(2)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("DEVCREDS_LINT_DEBUG"):
            raise
        click.echo(
            f"devcreds-lint: internal error: {type(exc).__name__}: {exc}. This is a bug; please "
            "report it (set DEVCREDS_LINT_DEBUG=1 for a traceback).",
            err=True,
        )
        sys.exit(2)
