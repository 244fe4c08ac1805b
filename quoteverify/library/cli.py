"""``quoteverify library ...``: manage the folder of saved originals and its index."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import QuoteverifyError
from . import Library, LibraryError

F = TypeVar("F", bound=Callable[..., Any])


class _Fail(click.ClickException):
    """One line on stderr, exit 2 (as the main CLI's usage errors)."""

    exit_code = 2


def _default_folder() -> str | None:
    return "sources" if Path("sources").is_dir() else None


def library_options(func: F) -> F:
    func = click.option("--db", "db", type=click.Path(dir_okay=False), default=None, envvar="QUOTEVERIFY_LIBRARY_DB", help="Index database [default: in the user cache directory].")(func)
    func = click.option("--library", "folder", type=click.Path(file_okay=False), default=None, help="Library folder [default: ./sources when it exists].")(func)
    return func


def _open(folder: str | None, db: str | None, create: bool = False) -> Library:
    folder = folder or _default_folder()
    if folder is None:
        if not create:
            raise _Fail("no library folder: ./sources does not exist (create it, or pass --library DIR)")
        folder = "sources"
    if create:
        Path(folder).mkdir(parents=True, exist_ok=True)
    try:
        return Library(folder, db)
    except QuoteverifyError as exc:
        raise _Fail(str(exc)) from None


def _run(lib: Library, action: Callable[[], None]) -> None:
    try:
        action()
    except QuoteverifyError as exc:
        raise _Fail(str(exc)) from None
    finally:
        lib.close()


@click.group("library", context_settings={"help_option_names": ["-h", "--help"]})
def library() -> None:
    """The library: a folder of saved originals (.txt .md .html .vtt .srt) and its search index.

    \b
    Example:
      quoteverify library add https://example.org/speech notes/transcript.vtt
      quoteverify library search "we will not raise taxes"
    """


@library.command("add")
@click.argument("items", nargs=-1, required=True, metavar="URL|FILE|DIR...")
@library_options
@click.option("--allow-private", is_flag=True, help="Let URLs resolve to loopback or private addresses.")
def add_cmd(items: tuple[str, ...], folder: str | None, db: str | None, allow_private: bool) -> None:
    """Fetch pages (saved with their provenance) or copy files and folders into the library.

    A page that changed since it was saved is kept as a new edition file; no
    file is ever overwritten.

    \b
    Example:
      quoteverify library add https://example.org/speech --library sources
    """
    lib = _open(folder, db, create=True)

    def action() -> None:
        urls = [i for i in items if i.lower().startswith(("http://", "https://"))]
        client = None
        if urls:
            from ..web import WebClient, WebOptions

            client = WebClient(WebOptions(allow_private=allow_private, refresh=True))
        try:
            for item in items:
                if item in urls:
                    saved = lib.add_url(item, client)
                    click.echo(f"{saved.state}\t{saved.path}")
                else:
                    for p in lib.add_files([item]):
                        click.echo(f"added\t{p}")
        finally:
            if client is not None:
                client.close()
        lib.update()

    _run(lib, action)


@library.command("list")
@library_options
def list_cmd(folder: str | None, db: str | None) -> None:
    """The files in the library with their title, author and status.

    \b
    Example:
      quoteverify library list --library sources
    """
    lib = _open(folder, db)

    def action() -> None:
        lib.update()
        for row in lib.entries():
            title = row.title or ""
            extra = f" ({row.status}: {row.detail})" if row.status != "ok" else ""
            click.echo(f"{row.path}\t{title}\t{row.author or ''}\t{row.published or ''}{extra}")

    _run(lib, action)


@library.command("search")
@click.argument("words")
@library_options
@click.option("--limit", default=5, show_default=True, help="How many passages.")
def search_cmd(words: str, folder: str | None, db: str | None, limit: int) -> None:
    """The passages that best match some words, with their files.

    \b
    Example:
      quoteverify library search "we will not raise taxes"
    """
    lib = _open(folder, db)

    def action() -> None:
        lib.update(wait=False)
        hits = lib.search(words, limit=limit)
        if not hits:
            click.echo("no passage found", err=True)
        for h in hits:
            click.echo(f"{h.score:5.1f}  {h.path}{'  — ' + h.title if h.title else ''}\n       {' '.join(h.text.split())}")

    _run(lib, action)


@library.command("remove")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@library_options
def remove_cmd(files: tuple[str, ...], folder: str | None, db: str | None) -> None:
    """Delete files from the library (and so from its index).

    \b
    Example:
      quoteverify library remove web/example.org/speech.md
    """
    lib = _open(folder, db)

    def action() -> None:
        for p in lib.remove(files):
            click.echo(f"removed\t{p}")
        lib.update()

    _run(lib, action)


@library.command("stats")
@library_options
def stats_cmd(folder: str | None, db: str | None) -> None:
    """How many files, how much text, and the size of the index.

    \b
    Example:
      quoteverify library stats --library sources
    """
    lib = _open(folder, db)

    def action() -> None:
        lib.update()
        for key, value in lib.stats().items():
            click.echo(f"{key}\t{value}")

    _run(lib, action)


@library.command("reindex")
@library_options
def reindex_cmd(folder: str | None, db: str | None) -> None:
    """Build the index again from the files.

    \b
    Example:
      quoteverify library reindex --library sources
    """
    lib = _open(folder, db)

    def action() -> None:
        s = lib.reindex()
        click.echo(f"indexed {s.added + s.changed} files ({s.bytes / 1e6:.1f} MB) in {s.seconds:.1f}s", err=True)

    _run(lib, action)


__all__ = ["LibraryError", "library"]
