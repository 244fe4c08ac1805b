"""The command line: parse options, call the API, render, set the exit code. Nothing more."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .check import DEFAULT_FAIL_ON, Checker, CheckOptions
from .config import Config, approved_target, as_dict, describe
from .config import resolve as resolve_config
from .errors import QuoteverifyError
from .model import Report
from .report import FORMATS, render

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(click.ClickException):
    """A problem with what the user gave: one line on stderr, exit 2."""

    exit_code = EXIT_USAGE


def _fail(exc: QuoteverifyError) -> UsageError:
    return UsageError(str(exc))


def _default_library() -> str | None:
    return "sources" if Path("sources").is_dir() else None


def _use_color(flag: bool | None, output: str | None) -> bool:
    if flag is not None:
        return flag
    if output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _emit(text: str, output: str | None, inputs: tuple[str, ...], color: bool = False) -> None:
    if output:
        target = Path(output)
        if any(Path(i).exists() and target.exists() and target.resolve() == Path(i).resolve() for i in inputs if i != "-"):
            raise UsageError(f"--output {output}: is one of the inputs; refusing to overwrite it")
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--output {output}: cannot be written ({exc.strerror})") from None
    else:
        # Click strips ANSI codes when stdout is not a terminal unless told the user asked for colour.
        click.echo(text, nl=False, color=color or None)


def input_options(func: F) -> F:
    for option in reversed(
        [
            click.argument("inputs", nargs=-1, required=True, metavar="INPUT..."),
            click.option("--offline/--online", default=False, help="No network at all; URLs count as unreachable unless cached [config: offline]."),
            click.option("--allow-private", is_flag=True, help="Let URLs resolve to loopback or private addresses."),
        ]
    ):
        func = option(func)
    return func


_config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    envvar="QUOTEVERIFY_CONFIG",
    default=None,
    help="Configuration file [default: .quoteverify.toml, or pyproject.toml with [tool.quoteverify], here or in the nearest parent; env QUOTEVERIFY_CONFIG].",
)


def _settings(config_file: str | None) -> Config:
    """The effective configuration: the file, overridden by the options given on the command line."""
    try:
        return resolve_config(click.get_current_context(), config_file)
    except QuoteverifyError as exc:
        raise _fail(exc) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quoteverify")
def cli() -> None:
    """Find the quotes in a text, who said them, and check them against the originals.

    Example:

        quoteverify check examples/ice-repost.txt
    """


@cli.command()
@input_options
@click.option("-s", "--source", "sources", multiple=True, metavar="FILE|DIR|URL", help="An original to check against (repeatable).")
@click.option("--library", type=click.Path(file_okay=False), default=None, help="Folder of saved originals [default: ./sources when it exists].")
@click.option("--no-library", is_flag=True, help="Do not use the library folder.")
@click.option("--links/--no-links", "follow_links", default=True, help="Fetch the links in the input as sources [default: yes; config: follow-links].")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file instead of stdout.")
@click.option("--fail-on", default=",".join(DEFAULT_FAIL_ON), show_default=True, help="Verdicts that make the exit code 1 (comma list).")
@click.option("--ignore-robots", is_flag=True, help="Fetch pages robots.txt disallows (only for sources you own).")
@click.option("--refresh", is_flag=True, help="Refetch pages instead of using the cache.")
@click.option("--archive", is_flag=True, help="Also look for archived copies (Wayback Machine).")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds to wait for a web source.")
@click.option("--post-date", type=click.DateTime(["%Y-%m-%d"]), default=None, help="When the post was published (YYYY-MM-DD); picks archive captures [default: the input's front matter date].")
@click.option("--discover", "discover", default=None, metavar="PROVIDERS", help="Look for originals the post does not link: comma list of sites, mastodon, wayback, gdelt, brave, or all. Each query is announced on stderr before it is sent. [default: none]")
@click.option("--dry-run", is_flag=True, help="With --discover: print which service would receive which query, send nothing, print no report.")
@click.option("--mastodon-server", default=None, metavar="URL", help="Send Mastodon API calls here instead of each registry account's own server.")
@click.option("--speakers", type=click.Path(dir_okay=False), default=None, help="Speakers registry (TOML) [default: speakers.toml in the library folder].")
@click.option("--color/--no-color", default=None, help="Colour the text report [default: when stdout is a terminal and NO_COLOR is unset].")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line (text format).")
@click.option("--approved", type=click.Path(dir_okay=False), default=None, help="Approved-quotes file; the quotes it lists are reported as ignored [default: .quoteverify-approved.toml when present].")
@click.option("--changed-since", metavar="REF", default=None, help="Report only the quotes on lines changed since this git ref (branch, tag or commit).")
@_config_option
def check(
    inputs: tuple[str, ...],
    offline: bool,
    allow_private: bool,
    sources: tuple[str, ...],
    library: str | None,
    no_library: bool,
    follow_links: bool,
    fmt: str,
    output: str | None,
    fail_on: str,
    ignore_robots: bool,
    refresh: bool,
    archive: bool,
    timeout: float,
    post_date: Any,
    discover: str | None,
    dry_run: bool,
    mastodon_server: str | None,
    speakers: str | None,
    color: bool | None,
    quiet: bool,
    approved: str | None,
    changed_since: str | None,
    config_file: str | None,
) -> None:
    """Check every quote in INPUT (a file, a URL, or - for stdin) against the sources.

    Exit codes: 0 no quote has a verdict in --fail-on; 1 some quote does;
    2 usage or input error. Options not given take their value from the
    configuration file (see quoteverify config); ignored quotes never fail.

    Example:

        quoteverify check draft.md --source transcript.txt --format json
    """
    settings = _settings(config_file)
    fail, fmt = settings.fail_on, settings.format
    options = CheckOptions(
        sources=sources,
        library=settings.library_path,
        follow_links=settings.follow_links,
        offline=settings.offline,
        allow_private=allow_private,
        ignore_robots=ignore_robots,
        refresh=refresh,
        archive=archive,
        timeout=settings.timeout,
        thresholds=settings.thresholds,
        approved=settings.approved,
        changed_since=changed_since,
        library_db=settings.library_db,
        post_date=post_date.strftime("%Y-%m-%d") if post_date else None,
        discover=settings.discover,
        dry_run=dry_run,
        mastodon_server=mastodon_server,
        speakers=settings.speakers,
    )
    try:
        checker = Checker(options)
        report = checker.check(inputs, stdin=sys.stdin.buffer if "-" in inputs else None)
    except QuoteverifyError as exc:
        raise _fail(exc) from None
    if changed_since and checker.unchanged:
        n = checker.unchanged
        click.echo(f"--changed-since {changed_since}: {n} quote{'s' if n != 1 else ''} on unchanged lines not reported", err=True)
    if dry_run:
        # The plan went to stderr; a dry run checks nothing, so it prints no report and never fails.
        sys.exit(EXIT_OK)
    use_color = _use_color(color, output)
    _emit(render(report, fmt, color=use_color, quiet=quiet, fail_on=fail), output, inputs, color=use_color)
    sys.exit(EXIT_FAIL if report.fails(fail) else EXIT_OK)


@cli.command()
@input_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def extract(inputs: tuple[str, ...], offline: bool, allow_private: bool, fmt: str) -> None:
    """List the quotes and speakers found in INPUT, without checking them.

    Example:

        quoteverify extract examples/ice-repost.txt --format json
    """
    # The library folder only for its speakers registry: extract gathers no sources.
    checker = Checker(CheckOptions(offline=offline, allow_private=allow_private, library=_default_library()))
    try:
        docs = checker.extract(inputs, stdin=sys.stdin.buffer if "-" in inputs else None)
    except QuoteverifyError as exc:
        raise _fail(exc) from None
    report = Report(documents=docs)
    if fmt == "json":
        click.echo(render(report, "json"), nl=False)
        return
    for doc in docs:
        for f in doc.findings:
            q = f.quote
            who = q.speaker or "-"
            click.echo(f"{doc.input}:{q.line}:{q.column}\t{q.kind}\t{who}\t{' '.join(q.text.split())}")
        # stdout stays one quote per line for other tools; the notices go beside it.
        for n in doc.notices:
            click.echo(f"{doc.input}:{n.line}:{n.column}: warning: {n.message}", err=True)


@cli.command("config")
@_config_option
@click.option("--library", type=click.Path(file_okay=False), default=None, help="As for check.")
@click.option("--no-library", is_flag=True, help="As for check.")
@click.option("--fail-on", default=None, metavar="VERDICTS", help="As for check.")
@click.option("--timeout", type=float, default=None, help="As for check.")
@click.option("--offline/--online", default=None, help="As for check.")
@click.option("--links/--no-links", "follow_links", default=None, help="As for check.")
@click.option("--discover", default=None, metavar="PROVIDERS", help="As for check.")
@click.option("--speakers", type=click.Path(dir_okay=False), default=None, help="As for check.")
@click.option("--approved", type=click.Path(dir_okay=False), default=None, help="As for check.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="How to print the configuration.")
def config_command(config_file: str | None, output_format: str, **_: object) -> None:
    """Print the effective configuration and where each value came from.

    Values come from the command line, else the configuration file
    (.quoteverify.toml, or [tool.quoteverify] in pyproject.toml, in this
    folder or the nearest parent), else the default. Options given here
    override the file exactly as they would for check.

    Example:

        quoteverify config --fail-on altered,unverified --format json
    """
    settings = _settings(config_file)
    if output_format == "json":
        import json

        click.echo(json.dumps(as_dict(settings), indent=2, ensure_ascii=False, default=str))
        return
    click.echo(describe(settings), nl=False)


@cli.command()
@click.argument("quote")
@click.option("--reason", required=True, help="Why the quote stands as written.")
@click.option("--by", "approved_by", required=True, metavar="NAME", help="Who approves it.")
@click.option("--file", "approved_file", type=click.Path(dir_okay=False), default=None, help="Approved-quotes file to add to [default: the approved setting, else .quoteverify-approved.toml next to the configuration file or here].")
@_config_option
def approve(quote: str, reason: str, approved_by: str, approved_file: str | None, config_file: str | None) -> None:
    """Add QUOTE to the approved-quotes file: check then reports it as ignored.

    QUOTE is the quoted words as the text has them; case, curly or straight
    quote marks, spacing and punctuation at either end do not matter. The
    file keeps the sha256 of the normalised words (the hash field of
    check --format json), the reason, who approved it and the date.

    Example:

        quoteverify approve "we will open five new libraries" --reason "Confirmed with the mayor's office" --by "Dana Reyes"
    """
    from .ignore import approval_entry, load_approved, quote_hash

    if not quote.strip() or not reason.strip() or not approved_by.strip():
        raise UsageError("approve: QUOTE, --reason and --by must not be empty")
    target = Path(approved_file) if approved_file else approved_target(_settings(config_file))
    header = "" if target.exists() else "# Quotes approved as they stand: quoteverify check reports them as ignored.\n"
    try:
        if target.exists():
            load_approved(target)  # never append to a file that is already broken
        with target.open("a", encoding="utf-8") as fh:
            fh.write(header + approval_entry(quote, reason, approved_by))
    except QuoteverifyError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise UsageError(f"{target}: cannot be written ({exc.strerror})") from None
    click.echo(f"approved {quote_hash(quote)[:12]} in {target}")


@cli.group()
def cache() -> None:
    """Inspect or empty the HTTP cache of fetched sources.

    Example:

        quoteverify cache info
    """


_cache_dir_option = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    envvar="QUOTEVERIFY_CACHE_DIR",
    help="Cache folder [default: the user cache directory; env QUOTEVERIFY_CACHE_DIR].",
)


@cache.command("info")
@_cache_dir_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def cache_info_command(cache_dir: str | None, fmt: str) -> None:
    """Where the cache lives, its size and how many responses it holds.

    Example:

        quoteverify cache info --format json
    """
    from .web import WebOptions, cache_info

    info = cache_info(WebOptions(cache_dir=cache_dir))
    if fmt == "json":
        import json

        click.echo(json.dumps(info, indent=2))
        return
    for key, value in info.items():
        click.echo(f"{key}: {value}")


@cache.command("clear")
@_cache_dir_option
def cache_clear_command(cache_dir: str | None) -> None:
    """Delete every cached response; the next check fetches its sources again.

    Example:

        quoteverify cache clear
    """
    from .web import WebOptions, cache_clear, cache_path

    options = WebOptions(cache_dir=cache_dir)
    cache_clear(options)
    click.echo(f"cleared {cache_path(options)}")


def main() -> None:
    """Console entry point: every failure is one line on stderr, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code if exc.exit_code != 1 else EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_USAGE)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except QuoteverifyError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as exc:  # the promise is "never a traceback"; say what broke in one line
        if os.environ.get("QUOTEVERIFY_DEBUG"):
            raise  # for whoever fixes the bug
        click.echo(f"Error: internal error: {type(exc).__name__}: {exc} (please report it)", err=True)
        sys.exit(EXIT_USAGE)


from .library.cli import library as _library_group

cli.add_command(_library_group)
