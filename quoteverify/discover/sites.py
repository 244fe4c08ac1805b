"""The speaker's own sites, newsroom pages and transcript feeds, named in the speakers registry.

No search service is involved: each page is fetched like any web source (robots.txt,
cache, politeness) and checked like any source; the registry vouches that it is theirs.
"""

from __future__ import annotations

from .base import Candidate, Context, Query


class SitesProvider:
    name = "sites"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._asked: set[str] = set()

    def _pages(self, query: Query) -> list[str]:
        if query.who is None:
            return []
        return [u for u in (*query.who.sites, *query.who.feeds) if u not in self._asked]

    def describe(self, query: Query) -> str:
        pages = self._pages(query)
        if not pages:
            return ""
        return f"sites: GET {', '.join(pages)} ({query.who.name if query.who else ''}'s own pages; no search terms sent)"

    def search(self, query: Query) -> list[Candidate]:
        out = []
        for url in self._pages(query):
            self._asked.add(url)
            name = query.who.name if query.who else "the speaker"
            out.append(Candidate(url=url, provider=self.name, rank="speaker", why=f"{name}'s own site, per the speakers registry"))
        return out
