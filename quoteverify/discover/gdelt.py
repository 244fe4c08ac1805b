"""GDELT DOC 2.0: news articles worldwide that carry an exact phrase.

Free and keyless. GDELT asks for at most one request every 5 seconds; it
answers some errors (a phrase too short, a bad query) with an HTML or plain
text page and status 200, and an empty search with ``{}``: both are "no results".
"""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode, urlsplit

from .base import Candidate, Context, Query, env_url, rank_of

DEFAULT_URL = "https://api.gdeltproject.org/api/v2/doc/doc"
INTERVAL = 5.0
MAX_RECORDS = 10


class GdeltProvider:
    name = "gdelt"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.endpoint = env_url(ctx.env, "QUOTEVERIFY_GDELT_URL", DEFAULT_URL)
        ctx.web.limit_rate(self.endpoint, INTERVAL)

    def _url(self, query: Query) -> str:
        params = {"query": f'"{query.phrase}"', "mode": "artlist", "format": "json", "maxrecords": str(MAX_RECORDS), "sort": "hybridrel"}
        if query.date:
            try:
                day = date.fromisoformat(query.date)
            except ValueError:
                day = None
            if day is not None:
                # Reports of a statement appear around it: a week before the post, two days after.
                params["startdatetime"] = (day - timedelta(days=7)).strftime("%Y%m%d000000")
                params["enddatetime"] = (day + timedelta(days=2)).strftime("%Y%m%d235959")
        return f"{self.endpoint}?{urlencode(params)}"

    def describe(self, query: Query) -> str:
        if len(query.phrase.split()) < 2:
            return ""
        when = f" around {query.date}" if query.date else ""
        return f'gdelt: {urlsplit(self.endpoint).netloc} receives the phrase "{query.phrase}"{when}'

    def search(self, query: Query) -> list[Candidate]:
        if not self.describe(query):
            return []
        answer = self.ctx.web.get_api(self._url(query))
        if answer.status == 429:
            self.ctx.announce("gdelt: rate limited (429) even after waiting; no results for this quote")
            return []
        if answer.status != 200:
            self.ctx.announce(f"gdelt: no answer ({answer.error or f'HTTP {answer.status}'})")
            return []
        data = answer.json()
        if not isinstance(data, dict):
            # GDELT's error pages come with status 200: an HTML or text body.
            text = " ".join(answer.body.decode("utf-8", "replace").split())[:120]
            self.ctx.announce(f"gdelt: no results (the service answered: {text!r})")
            return []
        out: list[Candidate] = []
        for item in data.get("articles") or []:
            if not isinstance(item, dict) or not isinstance(item.get("url"), str):
                continue
            url = item["url"]
            rank, why = rank_of(url, self.name, query.who)
            seen = str(item.get("seendate") or "")
            when = f"{seen[:4]}-{seen[4:6]}-{seen[6:8]}" if len(seen) >= 8 and seen[:8].isdigit() else None
            out.append(Candidate(url=url, provider=self.name, title=item.get("title") or None, date=when, snippet=str(item.get("domain") or ""), rank=rank, why=why))
        return out
