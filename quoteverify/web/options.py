"""Settings for one run's web access."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_WAYBACK_URL = "https://web.archive.org"
PROJECT_URL = "https://github.com/quoteverify/quoteverify"


def default_user_agent() -> str:
    # Site operators who see us in their logs should know what we are and where to complain.
    from .. import __version__

    return f"quoteverify/{__version__} (+{PROJECT_URL})"


def default_wayback_url() -> str:
    return (os.environ.get("QUOTEVERIFY_WAYBACK_URL") or DEFAULT_WAYBACK_URL).rstrip("/")


@dataclass(frozen=True)
class WebOptions:
    """How quoteverify may use the network.

    ``offline`` answers only from the cache and never opens a connection.
    ``allow_private`` lets sources live on loopback or private networks (the
    user's own intranet, tests); ``allow_hosts`` trusts named hosts only.
    ``min_interval`` is the least time between two requests to one host;
    a robots.txt ``Crawl-delay`` can make it longer.
    """

    offline: bool = False
    allow_private: bool = False
    ignore_robots: bool = False
    refresh: bool = False
    archive: bool = False
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    min_interval: float = 1.0
    cache_dir: str | Path | None = None
    wayback_url: str = field(default_factory=default_wayback_url)
    user_agent: str = field(default_factory=default_user_agent)
    post_date: str | None = None
    max_retries: int = 3
    # Added beyond the contract, all optional:
    # how long a response without caching headers stays fresh (seconds).
    cache_expire: float = 86400.0
    # Host names trusted even when they resolve to private addresses.
    allow_hosts: tuple[str, ...] = ()
    # The longest Retry-After we wait out; a server asking for more gets no retry.
    max_retry_after: float = 30.0
