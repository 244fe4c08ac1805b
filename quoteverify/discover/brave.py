"""Brave Search API: the web at large, keyed (``BRAVE_API_KEY``; each query counts against its plan)."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from .base import Candidate, Context, Query, env_url, rank_of

DEFAULT_URL = "https://api.search.brave.com"
COUNT = 10


class BraveProvider:
    name = "brave"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.endpoint = env_url(ctx.env, "QUOTEVERIFY_BRAVE_URL", DEFAULT_URL)
        self.key = ctx.env.get("BRAVE_API_KEY", "").strip()

    @property
    def enabled(self) -> bool:
        return bool(self.key)

    def _q(self, query: Query) -> str:
        surname = (query.speaker or "").split()[-1:] if query.speaker else []
        return " ".join([f'"{query.phrase}"', *surname])

    def describe(self, query: Query) -> str:
        if not self.enabled or len(query.phrase.split()) < 2:
            return ""
        return f"brave: {urlsplit(self.endpoint).netloc} receives the search {self._q(query)!r} (with your BRAVE_API_KEY)"

    def search(self, query: Query) -> list[Candidate]:
        if not self.describe(query):
            return []
        url = f"{self.endpoint}/res/v1/web/search?{urlencode({'q': self._q(query), 'count': str(COUNT)})}"
        answer = self.ctx.web.get_api(url, headers={"X-Subscription-Token": self.key, "Accept": "application/json"})
        if answer.status in (401, 403):
            self.ctx.announce(f"brave: the key was refused (HTTP {answer.status}); check BRAVE_API_KEY")
            return []
        if answer.status != 200:
            self.ctx.announce(f"brave: no answer ({answer.error or f'HTTP {answer.status}'})")
            return []
        data = answer.json()
        results = ((data or {}).get("web") or {}).get("results") if isinstance(data, dict) else None
        out: list[Candidate] = []
        for item in results or []:
            if not isinstance(item, dict) or not isinstance(item.get("url"), str):
                continue
            rank, why = rank_of(item["url"], self.name, query.who)
            age = item.get("page_age") or item.get("age")
            out.append(
                Candidate(
                    url=item["url"],
                    provider=self.name,
                    title=item.get("title") or None,
                    date=str(age)[:10] if isinstance(age, str) and age[:4].isdigit() else None,
                    snippet=str(item.get("description") or ""),
                    rank=rank,
                    why=why,
                )
            )
        return out
