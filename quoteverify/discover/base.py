"""What every discovery provider shares: the query, the candidates, the interface, ranking."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from ..model import Source, SourceRank
from ..speakers import Speaker

if TYPE_CHECKING:
    from ..web import WebClient

Announce = Callable[[str], None]

# Words too common to make a search phrase distinctive; they may sit inside it, not at its ends.
STOP_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "there", "here", "i", "we", "you", "he", "she", "they", "me", "us", "him", "her", "them", "my", "our", "your", "his", "their", "not", "no", "so", "do", "does", "did", "has", "have", "had", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "just", "very", "all", "any", "some", "about", "into", "over", "than", "then", "also", "what", "which", "who", "whom", "how", "when", "where", "why"]
)
MIN_PHRASE, MAX_PHRASE = 4, 10
_WORD = re.compile(r"[\w][\w'’-]*")
_BREAK = re.compile(r"\.\.\.|…|\[[^\]]*\]")
# Where search results reproduce others' reporting rather than report it.
AGGREGATORS = frozenset(
    ["news.google.com", "msn.com", "news.yahoo.com", "yahoo.com", "flipboard.com", "newsbreak.com", "ground.news", "reddit.com", "news.ycombinator.com", "newsnow.co.uk", "inkl.com", "pressreader.com"]
)


@dataclass(frozen=True)
class Query:
    """What discovery looks for: one quote's most distinctive words as an exact phrase."""

    phrase: str
    quote: str = ""
    speaker: str | None = None
    # YYYY-MM-DD the post was published, when known; providers search around it.
    date: str | None = None
    who: Speaker | None = None
    # Links the post names whose live page is dead or no longer holds the quote.
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A possible original. ``source`` is set when the provider already has its text (an API status)."""

    url: str
    provider: str
    title: str | None = None
    date: str | None = None
    snippet: str = ""
    rank: SourceRank = "unknown"
    why: str = ""
    source: Source | None = None


class Provider(Protocol):
    """One discovery service. ``describe`` returns "" when it would send nothing for a query."""

    name: str

    def describe(self, query: Query) -> str: ...

    def search(self, query: Query) -> list[Candidate]: ...


@dataclass(frozen=True)
class Context:
    """What providers are built with: the run's web client, where to say things, the environment."""

    web: WebClient
    announce: Announce
    env: Mapping[str, str]
    mastodon_server: str | None = None

    @classmethod
    def from_env(cls, web: WebClient, announce: Announce, mastodon_server: str | None = None) -> Context:
        return cls(web, announce, dict(os.environ), mastodon_server)


def words_of(text: str) -> list[str]:
    return [m.group(0).replace("’", "'") for m in _WORD.finditer(text)]


def distinctive_phrase(quote: str) -> str:
    """The quote's most distinctive run of 4–10 words, stop words trimmed from its ends.

    An ellipsis or a bracketed insertion breaks the run: the words around it are
    not adjacent in the original, so an exact-phrase search across it would miss.
    """
    best: tuple[float, list[str], int, int] = (-1.0, [], 0, 0)
    for segment in _BREAK.split(quote):
        words = words_of(segment)
        for size in range(min(MAX_PHRASE, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                lo, hi = _trim_span(words, i, i + size)
                if lo >= hi:
                    continue
                run = words[lo:hi]
                score = sum(_weight(w) for w in run) + (2.0 if len(run) >= MIN_PHRASE else 0.0)
                if score > best[0]:
                    best = (score, words, lo, hi)
    _, words, lo, hi = best
    # A short quote ("may lose federal funding"): an exact phrase of three rare words is
    # looser than the whole quote, so stop words come back until the phrase is long enough.
    while hi - lo < MIN_PHRASE and (lo > 0 or hi < len(words)):
        if hi < len(words):
            hi += 1
        else:
            lo -= 1
    return " ".join(words[lo:hi])


def _trim_span(words: list[str], lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and words[lo].lower() in STOP_WORDS:
        lo += 1
    while hi > lo and words[hi - 1].lower() in STOP_WORDS:
        hi -= 1
    return lo, hi


def _weight(word: str) -> float:
    low = word.lower()
    if low in STOP_WORDS:
        return 0.1
    # Long words, names and numbers are rarer than short common ones.
    return 1.0 + (0.5 if len(low) >= 7 else 0.0) + (0.3 if word[:1].isupper() or word[:1].isdigit() else 0.0)


def normalized(text: str) -> str:
    """Lower-case words separated by single spaces: for "does this text hold the phrase"."""
    return " ".join(w.lower() for w in words_of(text))


def holds(text: str, phrase: str) -> bool:
    p = normalized(phrase)
    return bool(p) and f" {p} " in f" {normalized(text)} "


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def rank_of(url: str, provider: str, who: Speaker | None) -> tuple[SourceRank, str]:
    """How close a candidate stands to the speaker, and why."""
    host = _host(url)
    if who is not None:
        for site in who.sites + who.feeds:
            s_host = _host(site)
            s_path = urlsplit(site).path.rstrip("/")
            if host == s_host and urlsplit(url).path.startswith(s_path):
                return "speaker", f"{who.name}'s own site ({s_host})"
        for account in who.mastodon:
            if host == account.server and f"/@{account.user.lower()}" in urlsplit(url).path.lower():
                return "speaker", f"{who.name}'s own account ({account})"
    if provider == "mastodon":
        return "speaker", "the speaker's own account"
    if host in AGGREGATORS or any(host.endswith("." + a) for a in AGGREGATORS):
        return "reproduction", f"an aggregator or forum ({host})"
    if provider in ("gdelt", "brave"):
        return "news", f"a news report found by {provider} ({host})"
    return "unknown", ""


def env_url(env: Mapping[str, str], name: str, default: str) -> str:
    return (env.get(name) or default).rstrip("/")
