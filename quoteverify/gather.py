"""Gather stage: the sources one run checks against.

Every kind of source (a local file or folder, a web page, an archive capture, a
search service's hits) comes in through one small interface, `SourceAdapter`,
in the spirit of httpx's transports: the rest of the pipeline sees `Source`s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from .model import Document, Source
from .read import SOURCE_SUFFIXES, read_source_file

# Files in a library folder that are configuration, not originals.
_NOT_SOURCES = {"readme.md", "speakers.toml"}


class SourceAdapter(Protocol):
    """Loads the sources one spec (a path, a URL…) stands for."""

    def handles(self, spec: str) -> bool: ...

    def load(self, spec: str) -> list[Source]: ...


class FileAdapter:
    """Local files, and folders of them (recursively, in name order)."""

    def handles(self, spec: str) -> bool:
        return not re.match(r"(?i)^[a-z][a-z0-9+.-]*://", spec)

    def load(self, spec: str) -> list[Source]:
        path = Path(spec)
        if path.is_dir():
            return [read_source_file(p) for p in library_files(path)]
        if path.is_file():
            return [read_source_file(path)]
        return [Source(location=spec, status="unreachable", detail="no such file or folder")]


def library_files(folder: Path) -> list[Path]:
    """The originals under a library folder: text, Markdown, HTML and transcript files."""
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SOURCE_SUFFIXES
        and p.name.lower() not in _NOT_SOURCES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(files)


class OfflineAdapter:
    """Stands in for the web when the run must not touch the network."""

    def handles(self, spec: str) -> bool:
        return bool(re.match(r"(?i)^https?://", spec))

    def load(self, spec: str) -> list[Source]:
        return [Source(location=spec, status="unreachable", kind="web", detail="unreachable (offline)")]


def gather(specs: Iterable[str], adapters: Sequence[SourceAdapter]) -> tuple[Source, ...]:
    """Load every spec with the first adapter that handles it; the same original counts once."""
    specs = list(specs)
    for ahead in adapters:
        # Adapters that can work ahead (the web: one worker per host) get every spec first.
        prefetch = getattr(ahead, "prefetch", None)
        if prefetch is not None:
            prefetch([s for s in specs if ahead.handles(s)])
    out: list[Source] = []
    seen: set[str] = set()
    for spec in specs:
        adapter = next((a for a in adapters if a.handles(spec)), None)
        if adapter is None:
            loaded = [Source(location=spec, status="refused", detail="not a file, folder or http(s) URL")]
        else:
            loaded = adapter.load(spec)
        for source in loaded:
            key = source.sha256 if source.ok and source.sha256 else source.location
            if key in seen:
                continue
            seen.add(key)
            out.append(source)
    return tuple(out)


_MD_LINK = re.compile(r"\[[^\]\n]*\]\((https?://[^)\s]+)\)")
_HREF = re.compile(r"""href\s*=\s*["'](https?://[^"'\s>]+)""", re.IGNORECASE)
_BARE = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)


def links_in(document: Document) -> list[str]:
    """The http(s) links a text carries: Markdown links, HTML anchors, bare URLs; in order, once each."""
    found: list[tuple[int, str]] = []
    for pattern in (_MD_LINK, _HREF):
        found += [(m.start(1), m.group(1)) for m in pattern.finditer(document.text)]
    taken = {pos for pos, _ in found}
    for m in _BARE.finditer(document.text):
        if not any(abs(m.start() - pos) < 3 for pos in taken):
            found.append((m.start(), m.group(0).rstrip(".,;:!?")))
    out: list[str] = []
    for _, url in sorted(found):
        if url not in out:
            out.append(url)
    return out
