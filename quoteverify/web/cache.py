"""The HTTP cache: one SQLite file in the user's cache directory.

Caching is what makes a check reproducible (a second run sees the same bytes)
and polite (a page is not downloaded again for every draft that links it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .options import WebOptions

CACHE_FILE = "http-cache.sqlite"
# Permanent redirects and gone pages are worth remembering too: they save a
# request each, and a dead page then goes straight to the archive.
CACHEABLE_STATUSES = (200, 203, 300, 301, 308, 404, 410)


def cache_dir(options: WebOptions) -> Path:
    if options.cache_dir is not None:
        return Path(options.cache_dir)
    if os.environ.get("QUOTEVERIFY_CACHE_DIR"):
        return Path(os.environ["QUOTEVERIFY_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("quoteverify", appauthor=False))


def cache_path(options: WebOptions) -> Path:
    return cache_dir(options) / CACHE_FILE


def open_session(options: WebOptions) -> Any:
    """A requests-cache session over the cache file (created on first use)."""
    from requests_cache import CachedSession

    path = cache_path(options)
    path.parent.mkdir(parents=True, exist_ok=True)
    return CachedSession(
        str(path),
        backend="sqlite",
        cache_control=True,
        expire_after=options.cache_expire,
        allowable_codes=CACHEABLE_STATUSES,
        allowable_methods=("GET", "HEAD"),
        # Offline, a stale copy is better than none; online, stale copies are revalidated.
        stale_if_error=options.offline,
    )


def cache_info(options: WebOptions) -> dict[str, object]:
    """What the cache holds, for ``quoteverify cache info``."""
    path = cache_path(options)
    info: dict[str, object] = {"path": str(path), "exists": path.exists(), "size_bytes": 0, "responses": 0, "fresh": 0}
    if not path.exists():
        return info
    from requests_cache.backends.sqlite import SQLiteCache

    info["size_bytes"] = sum(p.stat().st_size for p in path.parent.glob(CACHE_FILE + "*") if p.is_file())
    cache = SQLiteCache(str(path))
    try:
        info["responses"] = cache.responses.count(expired=True)
        info["fresh"] = cache.responses.count(expired=False)
    finally:
        cache.close()
    return info


def cache_clear(options: WebOptions) -> None:
    """Delete the cache file (and SQLite's journal files next to it)."""
    path = cache_path(options)
    for p in path.parent.glob(CACHE_FILE + "*"):
        if p.is_file():
            p.unlink(missing_ok=True)
