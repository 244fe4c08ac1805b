"""Mastodon-compatible servers: the public statuses of the speaker's own account.

The account comes from the speakers registry (``mastodon = ["@user@server"]``);
``--mastodon-server`` sends the API calls to another server (a mirror, an
emulator). Statuses are read through the API, newest first, paged with
``max_id`` as the ``Link`` header says, within the server's rate limit. A
status edited since it was posted is checked against every earlier version
too: the post may quote the words as first published.
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from ..model import Source
from ..speakers import MastodonAccount
from .base import Candidate, Context, Query, holds, normalized

PAGE = 40
MAX_PAGES = 5
# How far before the post's date a status can still be the original it quotes.
LOOKBACK_DAYS = 14
# A status whose text is this similar (rapidfuzz partial ratio) to the quote is a candidate.
SIMILAR = 75.0


def _plain(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html or "", "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    # Mastodon hides the middle of long links in "invisible" spans: drop them as a browser would.
    for span in soup.find_all("span", class_="invisible"):
        span.decompose()
    paragraphs = [p.get_text() for p in soup.find_all("p")]
    text = "\n\n".join(paragraphs) if paragraphs else soup.get_text()
    return "\n".join(line.strip() for line in text.splitlines()).strip()


def _token_var(host: str) -> str:
    return "QUOTEVERIFY_MASTODON_TOKEN_" + re.sub(r"[^A-Z0-9]", "_", host.upper())


def _day(value: object) -> date | None:
    try:
        return datetime.fromisoformat(str(value)).date()
    except ValueError:
        return None


class MastodonProvider:
    name = "mastodon"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        override = (ctx.mastodon_server or "").strip().rstrip("/")
        if override and not re.match(r"(?i)^https?://", override):
            override = "https://" + override.lstrip("@").split("@")[-1]
        self.override = override
        # Per-account paging state: the last answer's headers, and whether the rate limit ran out.
        self._last_headers: Any = {}
        self._exhausted = False

    # -- where --------------------------------------------------------------
    def _base(self, account: MastodonAccount) -> str:
        return self.override or f"https://{account.server}"

    def _acct(self, account: MastodonAccount) -> str:
        # On its own server an account is looked up by its bare name; elsewhere by user@server.
        if self.override and (urlsplit(self.override).hostname or "").lower() != account.server:
            return account.acct
        return account.user

    def _accounts(self, query: Query) -> tuple[MastodonAccount, ...]:
        return query.who.mastodon if query.who is not None else ()

    def _token(self, base: str) -> str:
        host = (urlsplit(base).hostname or "").lower()
        return (self.ctx.env.get(_token_var(host)) or self.ctx.env.get("QUOTEVERIFY_MASTODON_TOKEN") or "").strip()

    def describe(self, query: Query) -> str:
        accounts = self._accounts(query)
        if not accounts:
            return ""
        parts = []
        for account in accounts:
            base = self._base(account)
            auth = " (with your token)" if self._token(base) else ""
            parts.append(f"{urlsplit(base).netloc} receives a request for the public statuses of {account}{auth}")
        return "mastodon: " + "; ".join(parts)

    # -- API ------------------------------------------------------------------
    def _get(self, base: str, path: str) -> Any:
        """One API call: JSON on success; None (and a note) otherwise. Honours the rate limit."""
        url = f"{base}{path}"
        token = self._token(base)
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        answer = self.ctx.web.get_api(url, headers=headers)
        self._respect_limit(answer.headers)
        if answer.status == 401:
            var = _token_var((urlsplit(base).hostname or "").lower())
            hint = "the token was refused" if token else f"this server lets only logged-in users read statuses; set {var}"
            self.ctx.announce(f"mastodon: {urlsplit(base).netloc}: HTTP 401 ({hint})")
            return None
        if answer.status != 200:
            self.ctx.announce(f"mastodon: {url}: {answer.error or f'HTTP {answer.status}'}")
            return None
        data = answer.json()
        if data is None:
            self.ctx.announce(f"mastodon: {url}: the answer is not JSON")
        self._last_headers = answer.headers
        return data

    def _respect_limit(self, headers: Any) -> None:
        remaining = str(headers.get("X-RateLimit-Remaining", "")).strip()
        if not remaining.isdigit() or int(remaining) > 0:
            return
        reset = str(headers.get("X-RateLimit-Reset", "")).strip()
        try:
            when = datetime.fromisoformat(reset)
        except ValueError:
            return
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        wait = (when - datetime.now(UTC)).total_seconds()
        limit = self.ctx.web.options.max_retry_after
        if wait > limit:
            # Waiting longer would stall the run; the next call will say the limit is hit.
            self.ctx.announce(f"mastodon: rate limit reached until {reset}; not waiting {wait:.0f}s")
            self._exhausted = True
            return
        if wait > 0:
            time.sleep(wait)

    def _next_max_id(self, statuses: list[Any]) -> str | None:
        from requests.utils import parse_header_links

        link = str(self._last_headers.get("Link", "") or "")
        for entry in parse_header_links(link) if link else []:
            if entry.get("rel") == "next":
                m = re.search(r"[?&]max_id=([^&]+)", entry.get("url", ""))
                return m.group(1) if m else None
        # No Link header: a server may still page by the last id.
        return str(statuses[-1].get("id")) if statuses and not link and isinstance(statuses[-1], dict) else None

    # -- search ---------------------------------------------------------------
    def search(self, query: Query) -> list[Candidate]:
        out: list[Candidate] = []
        for account in self._accounts(query):
            out += self._search_account(account, query)
        return out

    def _search_account(self, account: MastodonAccount, query: Query) -> list[Candidate]:
        base = self._base(account)
        self._exhausted = False
        found = self._get(base, "/api/v1/accounts/lookup?" + urlencode({"acct": self._acct(account)}))
        if not isinstance(found, dict) or not found.get("id"):
            return []
        account_id = str(found["id"])
        oldest = None
        if query.date and _day(query.date + "T00:00:00"):
            oldest = date.fromisoformat(query.date) - timedelta(days=LOOKBACK_DAYS)
        out: list[Candidate] = []
        max_id: str | None = None
        for _ in range(MAX_PAGES):
            params = {"limit": str(PAGE), "exclude_reblogs": "true"}
            if max_id:
                params["max_id"] = max_id
            page = self._get(base, f"/api/v1/accounts/{account_id}/statuses?{urlencode(params)}")
            if not isinstance(page, list) or not page:
                break
            statuses = [s for s in page if isinstance(s, dict)]
            for status in statuses:
                out += self._candidates(base, account, status, query)
            max_id = self._next_max_id(statuses)
            last_day = _day(statuses[-1].get("created_at")) if statuses else None
            if not max_id or self._exhausted or (oldest and last_day and last_day < oldest):
                break
        return out

    def _candidates(self, base: str, account: MastodonAccount, status: dict[str, Any], query: Query) -> list[Candidate]:
        if status.get("reblog"):
            return []  # a boost: someone else's words
        versions: list[tuple[str, str, str]] = [(str(status.get("content") or ""), str(status.get("created_at") or ""), "")]
        if status.get("edited_at"):
            history = self._get(base, f"/api/v1/statuses/{status.get('id')}/history")
            if isinstance(history, list):
                # The history lists every version, oldest first; the last is the current text.
                for n, old in enumerate(history[:-1], start=1):
                    if isinstance(old, dict):
                        versions.append((str(old.get("content") or ""), str(old.get("created_at") or ""), f"version {n} of {len(history)}, before an edit"))
        out: list[Candidate] = []
        for html, created, note in versions:
            text = _plain(html)
            if not self._fits(text, query):
                continue
            out.append(self._candidate(account, status, text, created, note, query))
        return out

    @staticmethod
    def _fits(text: str, query: Query) -> bool:
        if holds(text, query.phrase):
            return True
        from rapidfuzz import fuzz

        q = normalized(query.quote or query.phrase)
        return bool(q) and fuzz.partial_ratio(q, normalized(text)) >= SIMILAR

    def _candidate(self, account: MastodonAccount, status: dict[str, Any], text: str, created: str, note: str, query: Query) -> Candidate:
        url = str(status.get("url") or status.get("uri") or "")
        location = url + (f"#history-{created}" if note else "")
        who = (status.get("account") or {}) if isinstance(status.get("account"), dict) else {}
        display = str(who.get("display_name") or account.user)
        title = f"{display} ({account}), {created[:10]}" + (f" [{note}]" if note else "")
        source = Source(
            location=location,
            text=text,
            title=title,
            # The registry vouches the account is theirs: its statuses are the speaker's own words.
            author=query.who.name if query.who else query.speaker,
            published=created[:10] or None,
            url=url or None,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            kind="mastodon",
            rank="speaker",
            provenance={
                "provider": self.name,
                "account": str(account),
                "status_id": str(status.get("id") or ""),
                "created_at": str(status.get("created_at") or ""),
                "edited_at": str(status.get("edited_at") or ""),
                "version": note or "current",
            },
        )
        return Candidate(url=url, provider=self.name, title=title, date=created[:10] or None, snippet=text[:200], rank="speaker", why=f"the speaker's own account ({account})", source=source)
