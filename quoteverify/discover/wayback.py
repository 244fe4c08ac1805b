"""The Internet Archive's Wayback Machine: earlier copies of links the post names.

Only for links that are dead, or whose live page no longer holds the quote
(edited or replaced since the post). The archive's CDX index is asked for the
capture nearest the post's date, through the web client's own archive code,
which the ``--archive`` fallback uses too.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from .base import Candidate, Context, Query, rank_of


class WaybackProvider:
    name = "wayback"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.endpoint = ctx.web.options.wayback_url.rstrip("/")
        # One run asks about each link once, however many quotes point at it.
        self._asked: set[str] = set()

    def _links(self, query: Query) -> list[str]:
        return [u for u in query.links if u not in self._asked]

    def describe(self, query: Query) -> str:
        links = self._links(query)
        if not links:
            return ""
        when = f", captures nearest {query.date}" if query.date else ""
        return f"wayback: {urlsplit(self.endpoint).netloc} receives the link{'s' if len(links) > 1 else ''} {', '.join(links)}{when}"

    def search(self, query: Query) -> list[Candidate]:
        out: list[Candidate] = []
        for link in self._links(query):
            self._asked.add(link)
            source = self.ctx.web.fetch_archived(link, post_date=query.date)
            if not source.ok:
                self.ctx.announce(f"wayback: {link}: {source.detail or source.status}")
                continue
            rank, why = rank_of(link, self.name, query.who)
            if rank == "unknown":
                rank, why = "unknown", "an archived copy of a page the post links"
            capture = str(source.provenance.get("capture_time") or "")[:10] or None
            archive_url = str(source.provenance.get("archive_url") or link)
            # Named by the capture, so the report shows the words come from the archive, not the live page.
            source = replace(source, rank=rank, location=archive_url)
            out.append(Candidate(url=archive_url, provider=self.name, title=source.title, date=capture, rank=rank, why=why, source=source))
        return out
