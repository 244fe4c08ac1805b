"""Discovery: find candidate originals a post does not link, only when asked (``--discover``).

Each provider turns a `Query` (a quote's most distinctive words, its speaker,
the post's date) into `Candidate`s; candidates are read through the web client
like any source and ranked by how close they stand to the speaker. Every
request a provider would send is announced (one line on stderr) before it is
sent; a dry run announces and sends nothing. All network access stays in
`quoteverify.web`: providers only call the run's `WebClient`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..model import Quote, Source
from ..speakers import SpeakerRegistry
from .base import Announce, Candidate, Context, Provider, Query, distinctive_phrase, holds, rank_of
from .brave import BraveProvider
from .gdelt import GdeltProvider
from .mastodon import MastodonProvider
from .sites import SitesProvider
from .wayback import WaybackProvider

if TYPE_CHECKING:
    from ..web import WebClient

__all__ = [
    "PROVIDERS",
    "Candidate",
    "Context",
    "Discovery",
    "Provider",
    "Query",
    "distinctive_phrase",
    "parse_providers",
    "rank_of",
]

# The speaker's own channels come first: when one of them holds the words, the
# search services are not asked at all.
PROVIDERS: dict[str, type] = {
    "sites": SitesProvider,
    "mastodon": MastodonProvider,
    "wayback": WaybackProvider,
    "gdelt": GdeltProvider,
    "brave": BraveProvider,
}
# Candidates read per provider and query: the first results are the relevant ones.
MAX_CANDIDATES = 5


def parse_providers(value: str | Iterable[str]) -> tuple[str, ...]:
    """``"gdelt,mastodon"`` or ``"all"`` as provider names in discovery order; unknown names are an error."""
    items = value.split(",") if isinstance(value, str) else list(value)
    names = [v.strip().lower() for v in items if v.strip()]
    if "all" in names:
        return tuple(PROVIDERS)
    unknown = [n for n in names if n not in PROVIDERS]
    if unknown:
        raise ConfigError(f"--discover: unknown provider {', '.join(unknown)}", f"choose from {', '.join(PROVIDERS)} or all")
    return tuple(n for n in PROVIDERS if n in names)


def stderr_announce(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class _Planned:
    provider: Provider
    query: Query
    line: str


class Discovery:
    """One run's discovery: builds queries for quotes, announces them, reads the candidates."""

    def __init__(
        self,
        names: Sequence[str],
        web: WebClient,
        registry: SpeakerRegistry,
        *,
        announce: Announce = stderr_announce,
        dry_run: bool = False,
        mastodon_server: str | None = None,
        explicit: bool = True,
    ) -> None:
        self.web = web
        self.registry = registry
        self.announce = announce
        self.dry_run = dry_run
        ctx = Context.from_env(web, announce, mastodon_server)
        self.providers: list[Provider] = []
        for name in parse_providers(names):
            provider = PROVIDERS[name](ctx)
            if isinstance(provider, BraveProvider) and not provider.enabled:
                if explicit and "all" not in names:
                    announce("discover: brave: not used (set BRAVE_API_KEY to use the Brave Search API)")
                continue
            self.providers.append(provider)

    def query(self, quote: Quote, *, date: str | None = None, links: Sequence[str] = ()) -> Query:
        who = self.registry.get(quote.speaker)
        speaker = who.name if who else quote.speaker
        return Query(phrase=distinctive_phrase(quote.text), quote=quote.text, speaker=speaker, date=date, who=who, links=tuple(links))

    def plan(self, queries: Iterable[Query]) -> list[_Planned]:
        out = []
        for q in queries:
            for p in self.providers:
                line = p.describe(q)
                if line:
                    out.append(_Planned(p, q, line))
        return out

    def run(self, queries: Sequence[Query]) -> list[Source]:
        """The sources discovery finds for ``queries``; nothing is sent on a dry run."""
        out: list[Source] = []
        seen: set[str] = set()
        # The same request for two quotes (one speaker's site) is sent, and announced, once.
        announced: set[str] = set()
        for q in _unique(queries):
            for provider in self.providers:
                line = provider.describe(q)
                if not line or line in announced:
                    continue
                announced.add(line)
                self.announce(f"discover: {line}")
                if self.dry_run:
                    continue
                found = []
                for cand in provider.search(q)[:MAX_CANDIDATES]:
                    key = cand.source.location if cand.source is not None else cand.url
                    if key in seen:
                        continue
                    seen.add(key)
                    found.append(self._read(cand, q))
                out += found
                if any(s.ok and s.rank == "speaker" and holds(s.text, q.phrase) for s in found):
                    break  # the speaker's own channel holds the words: no need to ask search services
        return out

    def _read(self, cand: Candidate, q: Query) -> Source:
        source = cand.source if cand.source is not None else self.web.fetch_source(cand.url, post_date=q.date)
        rank = cand.rank if cand.rank != "unknown" else source.rank
        provenance = {
            **source.provenance,
            "discovered_by": cand.provider,
            "query": q.phrase,
            "rank": rank,
            "rank_reason": cand.why or "no sign of who published it",
        }
        if cand.title and not source.title:
            source = replace(source, title=cand.title)
        if cand.date and not source.published:
            source = replace(source, published=cand.date)
        return replace(source, rank=rank, provenance=provenance)


def _unique(queries: Iterable[Query]) -> list[Query]:
    out: list[Query] = []
    keys: set[tuple[str, str | None, tuple[str, ...]]] = set()
    for q in queries:
        key = (q.phrase.lower(), q.speaker, q.links)
        if q.phrase and key not in keys:
            keys.add(key)
            out.append(q)
    return out
