"""The library's files: the truth the index is derived from.

Everything here works on the folder alone; nothing reads or writes the index.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..errors import InputError
from ..gather import library_files
from ..model import Source
from ..read import SOURCE_SUFFIXES, read_source_file, split_front_matter


@dataclass(frozen=True)
class FileState:
    """What tells a changed file from an unchanged one without reading it."""

    path: str  # relative to the library folder, with forward slashes
    size: int
    mtime_ns: int


def scan(folder: Path) -> dict[str, FileState]:
    """Every original in the folder, keyed by its relative path (one stat per file, no reads)."""
    out: dict[str, FileState] = {}
    for p in library_files(folder):
        try:
            st = p.stat()
        except OSError:
            continue  # gone between listing and stat: it is simply not there
        rel = p.relative_to(folder).as_posix()
        out[rel] = FileState(rel, st.st_size, st.st_mtime_ns)
    return out


def load_source(folder: Path, rel: str) -> Source:
    """One library file as a `Source`, located by the same path a plain folder scan gives it."""
    return read_source_file(folder / rel)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def copy_in(folder: Path, item: Path) -> list[Path]:
    """Copy a file, or a folder's originals, into the library; an identical file already there is kept."""
    if not item.exists():
        raise InputError(f"{item}: no such file or folder", "check the path")
    if item.is_dir():
        root = item.resolve()
        files = library_files(item)
        if not files:
            raise InputError(f"{item}: holds no .txt .md .html .vtt or .srt file", "add the originals themselves")
        return [_copy_one(folder, p, folder / root.name / p.relative_to(item)) for p in files]
    if item.suffix.lower() not in SOURCE_SUFFIXES:
        raise InputError(f"{item}: not a library file", f"give one of {' '.join(SOURCE_SUFFIXES)}")
    return [_copy_one(folder, item, folder / item.name)]


def _copy_one(folder: Path, src: Path, dest: Path) -> Path:
    if src.resolve() == dest.resolve() or _inside(src, folder):
        return src  # already in the library
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        if file_sha256(dest) == file_sha256(src):
            return dest
        dest = _free_name(dest)
    # Copy to a temporary name, then rename: a reader never sees half a file.
    tmp = dest.with_name(f".{dest.name}.part")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dest)
    return dest


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _free_name(dest: Path) -> Path:
    for k in range(2, 10_000):
        cand = dest.with_name(f"{dest.stem}-{k}{dest.suffix}")
        if not cand.exists():
            return cand
    raise InputError(f"{dest}: too many files of that name", "tidy the library folder")


def url_slug(url: str) -> Path:
    """A readable relative path for a page: web/<host>/<last path part>."""
    parts = urlsplit(url)
    host = re.sub(r"[^a-z0-9.-]+", "-", (parts.hostname or "page").lower())
    tail = [p for p in parts.path.split("/") if p]
    name = tail[-1] if tail else "index"
    name = re.sub(r"\.(html?|php|aspx?)$", "", name, flags=re.IGNORECASE)
    if parts.query:
        name += "-" + hashlib.sha256(parts.query.encode()).hexdigest()[:8]
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:80] or "page"
    return Path("web") / host / f"{name}.md"


@dataclass(frozen=True)
class Saved:
    """What ``save_page`` did with one page."""

    path: Path
    state: str  # new | edition | unchanged


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_page(folder: Path, source: Source, url: str, today: _dt.date | None = None) -> Saved:
    """Save a fetched page with its provenance; a changed page becomes a new edition file."""
    body = source.text.strip() + "\n"
    digest = text_sha256(body)
    base = folder / url_slug(url)
    # Earlier editions of this page: the base name and base-<date>[-k] names that carry its URL.
    editions = [p for p in sorted(base.parent.glob(f"{base.stem}*{base.suffix}")) if _page_url(p) == url] if base.parent.is_dir() else []
    for p in editions:
        if _page_meta(p).get("sha256") == digest:
            return Saved(p, "unchanged")
    day = (today or _dt.date.today()).isoformat()
    meta: dict[str, Any] = {"url": url, "fetched": day, "sha256": digest}
    if source.url and source.url != url:
        meta["final_url"] = source.url
    for key in ("title", "author", "published"):
        value = getattr(source, key)
        if value:
            meta[key] = value
    if not editions and not base.exists():
        dest, state = base, "new"
    else:
        dest = base.with_name(f"{base.stem}-{day}{base.suffix}")
        if dest.exists():
            dest = _free_name(dest)
        state = "edition" if editions else "new"
    dest.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    tmp = dest.with_name(f".{dest.name}.part")
    tmp.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    os.replace(tmp, dest)
    return Saved(dest, state)


def _page_meta(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    meta, _, _ = split_front_matter(text)
    return meta


def _page_url(path: Path) -> str | None:
    value = _page_meta(path).get("url")
    return str(value) if value else None
