"""Fetching web sources carefully: the only place in quoteverify that talks HTTP.

Every request goes through one requests-cache session whose transport adapter
waits out the per-host interval, retries 429/5xx (honouring Retry-After) and
refuses bodies over the size cap before they reach memory or the cache.
Redirects are followed here, hop by hop, so that each hop passes the scheme
and address checks and robots.txt.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.util.retry import Retry

from ..errors import InputError
from ..model import Source, Turn
from . import guard
from .cache import open_session
from .decode import DecodeError
from .options import WebOptions

ProgressFn = Callable[[int, int, str], None]

MAX_REDIRECTS = 10
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
RETRY_STATUSES = (429, 500, 502, 503, 504)
# robots.txt files past this size are cut, as Google does (RFC 9309 asks for at least 500 KiB).
ROBOTS_MAX_BYTES = 500 * 1024
ROBOTS_AGENT = "quoteverify"
# A Crawl-delay beyond this would stall a whole run; such hosts still get this long a pause.
MAX_CRAWL_DELAY = 30.0
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/vtt;q=0.9,application/x-subrip;q=0.9,*/*;q=0.5"
_WAYBACK_TS = re.compile(r"/web/(\d{4,14})[a-z_]*/")


class BodyTooLarge(Exception):
    """The response body is over the size cap."""


class _Failure(Exception):
    """A fetch that did not give a usable response; becomes a Source status or an InputError."""

    def __init__(self, status: str, detail: str, archivable: bool = False, http_status: int | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        # Whether an archived copy may stand in (dead or failing pages, not refusals).
        self.archivable = archivable
        self.http_status = http_status


@dataclass(frozen=True)
class Fetched:
    """One successful response, after redirects."""

    requested_url: str
    final_url: str
    status: int
    content_type: str | None
    body: bytes
    fetched_at: str
    from_cache: bool
    redirects: tuple[str, ...] = ()


@dataclass(frozen=True)
class ApiResponse:
    """One answer of an API, whatever its HTTP status; ``status`` is 0 when none came (``error`` says why)."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    error: str = ""

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON (an HTML error page, say)."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None


class _PoliteRetry(Retry):
    """Retry that gives up instead of waiting when a server asks for a long pause."""

    limit: float = 30.0

    def increment(  # type: ignore[override]
        self,
        method: str | None = None,
        url: str | None = None,
        response: Any = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: Any = None,
    ) -> Retry:
        if response is not None and self.respect_retry_after_header:
            try:
                wait = self.get_retry_after(response)
            except Exception:  # noqa: BLE001 - a malformed Retry-After means "no header"
                wait = None
            if wait is not None and wait > self.limit:
                raise MaxRetryError(_pool, url or "", ValueError(f"Retry-After of {wait:.0f}s is longer than we wait"))
        return super().increment(method, url, response, error, _pool, _stacktrace)


def _retry_class(limit: float) -> type[Retry]:
    # Retry.new() rebuilds instances from constructor arguments only, so the
    # limit travels as a class attribute of a per-client subclass.
    return type("_ClientRetry", (_PoliteRetry,), {"limit": limit})


class _Pacer:
    """When each host may next be asked: the per-host politeness interval."""

    def __init__(self, default: float) -> None:
        self.default = default
        self._intervals: dict[str, float] = {}
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def set_interval(self, host: str, seconds: float) -> None:
        with self._lock:
            interval = self._intervals[host] = max(self.default, seconds)
            # The request that taught us the interval (robots.txt) counts as the last one.
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + interval)

    def limit(self, host: str, seconds: float) -> None:
        """At most one request per ``seconds`` to ``host`` from now on; the first one need not wait."""
        with self._lock:
            self._intervals[host] = max(self._intervals.get(host, self.default), seconds)

    def wait(self, host: str) -> None:
        # Reserve the slot under the lock so two threads bound for one host cannot both go at once.
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + self._intervals.get(host, self.default)
        if start > now:
            time.sleep(start - now)

    def done(self, host: str) -> None:
        # Count the interval from the end of a request too: a slow server gets a breather.
        with self._lock:
            then = time.monotonic() + self._intervals.get(host, self.default)
            self._next[host] = max(self._next.get(host, 0.0), then)


class _Transport(HTTPAdapter):
    """The network end of the session: pacing, retries and the size cap.

    It sits below requests-cache, so cache hits never wait and never count
    against a host. Reading the body here (rather than after the cache layer)
    matters because requests-cache reads whole bodies into memory to store them.
    """

    def __init__(self, pacer: _Pacer, max_bytes: int, retries: Retry, peer_check: guard.PeerCheck | None = None) -> None:
        # Set before super().__init__, which builds the pool manager.
        self.peer_check = peer_check
        self.pacer = pacer
        self.max_bytes = max_bytes
        super().__init__(max_retries=retries)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        if getattr(self, "peer_check", None) is not None:
            assert self.peer_check is not None
            self.poolmanager.pool_classes_by_scheme = guard.guarded_pool_classes(self.peer_check)

    def send(self, request: requests.PreparedRequest, stream: bool = False, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        host = (urlsplit(request.url or "").netloc or "").lower()
        self.pacer.wait(host)
        try:
            response = super().send(request, stream=True, **kwargs)
            self._read_capped(response)
        finally:
            self.pacer.done(host)
        return response

    def _read_capped(self, response: requests.Response) -> None:
        length = response.headers.get("Content-Length", "")
        if length.strip().isdigit() and int(length) > self.max_bytes:
            response.close()
            raise BodyTooLarge(f"the page is {int(length):,} bytes, over the {self.max_bytes:,}-byte limit")
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_content(64 * 1024):
            total += len(chunk)
            if total > self.max_bytes:
                response.close()
                raise BodyTooLarge(f"the page is over the {self.max_bytes:,}-byte limit")
            chunks.append(chunk)
        response._content = b"".join(chunks)
        response._content_consumed = True  # type: ignore[attr-defined]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="seconds")
    return _now()


def _first_line(text: str, limit: int = 200) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _timestamp14(value: str | None) -> str | None:
    """A date or ISO time as a Wayback 14-digit timestamp (None when it is not one)."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-?(\d{2})?-?(\d{2})?(?:[T ](\d{2}):?(\d{2})?:?(\d{2})?)?", value)
    if not m:
        return None
    parts = [m.group(1)] + [g or default for g, default in zip(m.groups()[1:], ("01", "01", "00", "00", "00"))]
    return "".join(parts)


def _ts_datetime(ts: str) -> datetime | None:
    ts = (ts + "00000000000000")[:14]
    try:
        return datetime.strptime(ts, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _cache_hit(response: Any) -> bool:
    # requests-cache answers an only-if-cached miss with a synthetic 504 that also claims
    # to come from the cache; 504 is never stored, so that status means a miss.
    if response is None or not getattr(response, "from_cache", False):
        return False
    return not (response.status_code == 504 and response.reason == "Not Cached")


def _must_revalidate(response: Any) -> bool:
    # An only-if-cached probe skips the revalidation that "no-cache" demands; the
    # ordinary request after it sends the conditional request instead.
    directives = str(response.headers.get("Cache-Control", "")).lower()
    return "no-cache" in directives or "no-cache" in str(response.headers.get("Pragma", "")).lower()


def _distance(ts: str, target: datetime) -> float:
    when = _ts_datetime(ts)
    return abs((when - target).total_seconds()) if when else float("inf")


class WebClient:
    """Fetches web sources and input pages for one run.

    ``load_many`` runs hosts in threads; other methods may be called from
    several threads too, but the client is meant for one run, then `close`.
    """

    def __init__(self, options: WebOptions | None = None) -> None:
        self.options = options or WebOptions()
        self._pacer = _Pacer(self.options.min_interval)
        self._robots: dict[str, Any] = {}
        self._origin_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._session: Any = None
        self._archive_prefix = self.options.wayback_url.rstrip("/") + "/"
        self._archive_host = (urlsplit(self.options.wayback_url).hostname or "").lower()
        self._trusted = tuple(h.lower() for h in self.options.allow_hosts)

    # -- session -----------------------------------------------------------
    @property
    def session(self) -> Any:
        if self._session is None:
            session = open_session(self.options)
            retries = _retry_class(self.options.max_retry_after)(
                total=self.options.max_retries,
                connect=self.options.max_retries,
                read=min(1, self.options.max_retries),
                status=self.options.max_retries,
                redirect=False,
                status_forcelist=RETRY_STATUSES,
                allowed_methods=frozenset({"GET", "HEAD"}),
                backoff_factor=0.5,
                respect_retry_after_header=True,
                raise_on_status=False,
                raise_on_redirect=False,
            )
            peer_check = None if self.options.allow_private else self._check_peer
            transport = _Transport(self._pacer, self.options.max_bytes, retries, peer_check)
            session.mount("http://", transport)
            session.mount("https://", transport)
            session.headers.update({"User-Agent": self.options.user_agent, "Accept": ACCEPT})
            self._session = session
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    def __enter__(self) -> WebClient:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public ------------------------------------------------------------
    def fetch_source(self, url: str, *, post_date: str | None = None) -> Source:
        """The page at ``url`` as a Source; failures are a Source with a status, never an exception.

        A dead page falls back to its archived copy; ``post_date`` (default
        ``options.post_date``) picks the capture, as for `fetch_archived`.
        """
        try:
            return self._fetch_source(url, post_date or self.options.post_date)
        except Exception as exc:  # noqa: BLE001 - a bug or an unexpected library error must not end the whole run
            return Source(location=url, status="unreadable", kind="web", detail=_first_line(f"internal error: {exc!r}"))

    def fetch_archived(self, url: str, *, post_date: str | None = None) -> Source:
        """The archive's capture of ``url`` closest to ``post_date`` (default ``options.post_date``), else the newest."""
        try:
            return self._fetch_archived(url, post_date or self.options.post_date)
        except _Failure as failure:
            return Source(location=url, status=failure.status, kind="archive", detail=failure.detail)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - never raises, like fetch_source
            return Source(location=url, status="unreadable", kind="archive", detail=_first_line(f"internal error: {exc!r}"))

    def get_api(self, url: str, *, headers: Mapping[str, str] | None = None) -> ApiResponse:
        """GET an API endpoint (a search service, the archive's index, a Mastodon server).

        The address guard, per-host pacing, 429/5xx retries (Retry-After honoured)
        and the size cap apply as for pages; robots.txt does not, since an API is
        called on purpose, not crawled. Any HTTP status comes back for the caller
        to read. A request carrying credentials is neither answered from nor
        stored in the cache, so tokens and what they unlock never reach the disk.
        """
        private = bool(headers) and any(k.lower() in ("authorization", "x-subscription-token") for k in (headers or {}))
        current = url
        try:
            for _ in range(MAX_REDIRECTS + 1):
                self._check_address(current)
                response = self._get(current, robots=False, headers=headers, store=not private)
                location = response.headers.get("Location")
                if int(response.status_code) in REDIRECT_STATUSES and location:
                    current = urljoin(current, location.strip())
                    continue
                return ApiResponse(current, int(response.status_code), dict(response.headers), response.content or b"")
            return ApiResponse(url, 0, {}, b"", f"more than {MAX_REDIRECTS} redirects")
        except _Failure as failure:
            return ApiResponse(current, 0, {}, b"", failure.detail)
        except Exception as exc:  # noqa: BLE001 - never raises, like fetch_source
            return ApiResponse(current, 0, {}, b"", _first_line(f"internal error: {exc!r}"))

    def limit_rate(self, url: str, seconds: float) -> None:
        """Ask the host of ``url`` at most once per ``seconds`` (an API's published limit)."""
        self._pacer.limit((urlsplit(url).netloc or "").lower(), seconds)

    def load(self, url: str, *, post_date: str | None = None) -> list[Source]:
        """The sources one URL stands for: the page, plus its archived copy with ``options.archive``."""
        source = self.fetch_source(url, post_date=post_date)
        if not self.options.archive or source.kind == "archive":
            return [source]
        archived = self.fetch_archived(url, post_date=post_date)
        if archived.ok:
            return [source, archived]
        return [replace(source, provenance={**source.provenance, "archive": archived.detail})]

    def load_many(self, urls: Sequence[str], progress: ProgressFn | None = None, max_hosts: int = 4) -> dict[str, list[Source]]:
        """`load` for many URLs: hosts in parallel, each host's URLs one after another.

        Politeness stays per host (the pacer is shared and thread-safe); only
        different hosts overlap. ``progress(done, total, url)`` is called after each URL.
        """
        unique = list(dict.fromkeys(urls))
        by_host: dict[str, list[str]] = {}
        for url in unique:
            by_host.setdefault((urlsplit(url).netloc or url).lower(), []).append(url)
        results: dict[str, list[Source]] = {}
        done = 0
        lock = threading.Lock()
        _ = self.session  # built once, before any thread needs it

        def work(batch: list[str]) -> None:
            nonlocal done
            for url in batch:
                loaded = self.load(url)
                with lock:
                    results[url] = loaded
                    done += 1
                    count = done
                if progress is not None:
                    progress(count, len(unique), url)

        workers = max(1, min(max_hosts, len(by_host)))
        if workers == 1:
            for batch in by_host.values():
                work(batch)
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="quoteverify-web") as pool:
                for future in [pool.submit(work, batch) for batch in by_host.values()]:
                    future.result()
        return {url: results[url] for url in unique}

    def fetch_input(self, url: str) -> tuple[bytes, str | None, str]:
        """The bytes, Content-Type and final URL of an INPUT given as a URL; raises `InputError`."""
        try:
            fetched = self._fetch(url)
        except _Failure as failure:
            hint = {
                "refused": "save the page and pass the file instead",
                "unreachable": "check the URL, or save the page and pass the file",
            }.get(failure.status, "")
            raise InputError(f"{url}: {failure.detail}", hint) from None
        except Exception as exc:  # noqa: BLE001 - the contract: only InputError leaves
            raise InputError(f"{url}: {_first_line(str(exc) or repr(exc))}") from None
        return fetched.body, fetched.content_type, fetched.final_url

    # -- sources -----------------------------------------------------------
    def _fetch_source(self, url: str, post_date: str | None) -> Source:
        try:
            fetched = self._fetch(url)
        except _Failure as failure:
            failed = Source(
                location=url,
                status=failure.status,  # type: ignore[arg-type]
                kind="web",
                detail=failure.detail,
                provenance={"requested_url": url, "http_status": failure.http_status, "fetched_at": _now()},
            )
            if not failure.archivable:
                return failed
            archived = self.fetch_archived(url, post_date=post_date)
            if archived.ok:
                provenance = {**archived.provenance, "live_detail": failure.detail}
                return replace(archived, provenance=provenance)
            if failure.detail == "unreachable (offline)":
                return failed
            return replace(failed, detail=f"{failure.detail}; no archived copy")
        return self._build_source(url, fetched, kind="web")

    def _build_source(self, url: str, fetched: Fetched, *, kind: str, extra: Mapping[str, object] | None = None) -> Source:
        from .extract import extract_document

        digest = hashlib.sha256(fetched.body).hexdigest()
        provenance: dict[str, object] = {
            "requested_url": fetched.requested_url,
            "final_url": fetched.final_url,
            "http_status": fetched.status,
            "fetched_at": fetched.fetched_at,
            "sha256": digest,
            "content_type": fetched.content_type,
            "from_cache": fetched.from_cache,
        }
        if fetched.redirects:
            provenance["redirects"] = list(fetched.redirects)
        provenance.update(extra or {})
        common: dict[str, Any] = {"location": url, "kind": kind, "sha256": digest}
        try:
            doc = extract_document(fetched.body, fetched.content_type, fetched.final_url)
        except DecodeError as exc:
            provenance["extractor"] = None
            return Source(status="unreadable", detail=f"cannot decode the page: {exc}", provenance=provenance, **common)
        except ValueError as exc:
            provenance["extractor"] = None
            return Source(status="unreadable", detail=_first_line(str(exc)), provenance=provenance, **common)
        provenance["extractor"] = doc.extractor
        if doc.site_name:
            provenance["site_name"] = doc.site_name
        if not doc.text.strip():
            return Source(status="unreadable", detail="no readable text on the page", provenance=provenance, **common)
        turns: tuple[Turn, ...] = doc.turns
        return Source(
            status="ok",
            text=doc.text,
            full_text=doc.full_text,
            title=doc.title,
            author=doc.author,
            published=doc.published,
            url=doc.url or fetched.final_url,
            turns=turns,
            provenance=provenance,
            **common,
        )

    # -- archive -----------------------------------------------------------
    def _fetch_archived(self, url: str, post_date: str | None) -> Source:
        base = self.options.wayback_url.rstrip("/")
        captures = self._captures(url, post_date)
        if not captures:
            raise _Failure("unreachable", "no archived copy")
        target = _ts_datetime(_timestamp14(post_date) or "")
        if target is not None:
            ts, original = min(captures, key=lambda c: _distance(c[0], target))
        else:
            ts, original = max(captures, key=lambda c: c[0])
        capture_url = f"{base}/web/{ts}id_/{original}"
        fetched = self._fetch(capture_url)
        # The archive redirects to the nearest capture it really has; report that one.
        m = _WAYBACK_TS.search(urlsplit(fetched.final_url).path)
        used = m.group(1) if m else ts
        when = _ts_datetime(used)
        extra = {
            "archive_url": fetched.final_url,
            "capture_timestamp": used,
            "capture_time": when.isoformat(timespec="seconds") if when else used,
            "original_url": original,
        }
        source = self._build_source(url, fetched, kind="archive", extra=extra)
        provenance = {**source.provenance, "requested_url": url}
        return replace(source, provenance=provenance)

    def _captures(self, url: str, post_date: str | None) -> list[tuple[str, str]]:
        """(timestamp, original URL) of the archive's good captures of ``url``, from the CDX API."""
        from urllib.parse import urlencode

        params: dict[str, str] = {
            "url": url,
            "output": "json",
            "fl": "timestamp,original,statuscode",
            "filter": "statuscode:200",
        }
        target = _timestamp14(post_date)
        if target:
            params.update({"closest": target, "sort": "closest", "limit": "10"})
        else:
            params["limit"] = "-10"  # the newest ten
        cdx = f"{self.options.wayback_url.rstrip('/')}/cdx/search/cdx?{urlencode(params)}"
        fetched = self._fetch(cdx)
        if not fetched.body.strip():
            return []
        try:
            rows = json.loads(fetched.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise _Failure("unreachable", "the archive's CDX answer is not JSON") from None
        if not isinstance(rows, list) or len(rows) < 2 or not isinstance(rows[0], list):
            return []
        header = [str(h) for h in rows[0]]
        try:
            i_ts, i_orig = header.index("timestamp"), header.index("original")
        except ValueError:
            return []
        i_status = header.index("statuscode") if "statuscode" in header else None
        out: list[tuple[str, str]] = []
        for row in rows[1:]:
            if not isinstance(row, list) or len(row) <= max(i_ts, i_orig):
                continue
            if i_status is not None and len(row) > i_status and str(row[i_status]) not in ("200", "-"):
                continue
            ts = str(row[i_ts])
            if ts.isdigit():
                out.append((ts, str(row[i_orig])))
        return out

    # -- HTTP --------------------------------------------------------------
    def _fetch(self, url: str, *, robots: bool = True) -> Fetched:
        """GET ``url`` following redirects by hand; raise `_Failure` unless the final answer is 2xx."""
        current = url
        hops: list[str] = []
        for _ in range(MAX_REDIRECTS + 1):
            self._check_address(current)
            response = self._get(current, robots=robots)
            status = int(response.status_code)
            location = response.headers.get("Location")
            if status in REDIRECT_STATUSES and location:
                hops.append(current)
                current = urljoin(current, location.strip())
                continue
            from_cache = bool(getattr(response, "from_cache", False))
            fetched_at = _iso(getattr(response, "created_at", None)) if from_cache else _now()
            if status >= 400:
                reason = response.reason or ""
                raise _Failure("unreachable", f"HTTP {status} {reason}".strip(), archivable=True, http_status=status)
            if status >= 300:
                raise _Failure("unreachable", f"HTTP {status} without a usable Location", http_status=status)
            return Fetched(
                requested_url=url,
                final_url=current,
                status=status,
                content_type=response.headers.get("Content-Type"),
                body=response.content or b"",
                fetched_at=fetched_at,
                from_cache=from_cache,
                redirects=tuple(hops),
            )
        raise _Failure("unreachable", f"more than {MAX_REDIRECTS} redirects", archivable=False)

    def _check_peer(self, host: str, peer: str) -> None:
        host = host.strip("[]").lower()
        if host in self._trusted or host == self._archive_host:
            return
        if not guard.is_public_address(peer):
            raise guard.AddressRefused(f"{host} connected to the non-public address {peer} (use --allow-private for local sources)")

    def _is_archive(self, url: str) -> bool:
        return url.startswith(self._archive_prefix)

    def _check_address(self, url: str) -> None:
        try:
            if self.options.offline:
                # No DNS offline; only the scheme and the literal form of the URL are checked.
                guard.check_url(url, allow_private=True)
            else:
                # The configured archive (a local mirror, say) is the user's own choice of server.
                trusted = self._is_archive(url)
                guard.check_url(url, allow_private=self.options.allow_private or trusted, trusted_hosts=self._trusted)
        except guard.ResolveFailed as exc:
            raise _Failure("unreachable", str(exc), archivable=True) from None
        except guard.AddressRefused as exc:
            raise _Failure("refused", str(exc)) from None

    def _get(self, url: str, *, robots: bool, headers: Mapping[str, str] | None = None, store: bool = True) -> Any:
        """One hop: from the cache when fresh (or offline), else robots.txt, then the network."""
        session = self.session
        timeout = (self.options.connect_timeout, self.options.read_timeout)
        if not store:
            if self.options.offline:
                raise _Failure("unreachable", "unreachable (offline)")
            from requests_cache import DO_NOT_CACHE

            try:
                return session.get(url, allow_redirects=False, timeout=timeout, headers=headers, expire_after=DO_NOT_CACHE)
            except (BodyTooLarge, guard.AddressRefused) as exc:
                raise _Failure("refused", str(exc)) from None
            except requests.exceptions.RequestException as exc:
                raise _Failure("unreachable", _first_line(str(exc) or type(exc).__name__)) from None
        if self.options.offline or not self.options.refresh:
            try:
                cached = session.get(url, allow_redirects=False, only_if_cached=True, timeout=timeout, headers=headers)
            except Exception:  # noqa: BLE001
                cached = None  # an unreadable cache entry is a cache miss
            if _cache_hit(cached) and (self.options.offline or not _must_revalidate(cached)):
                return cached
            if self.options.offline:
                raise _Failure("unreachable", "unreachable (offline)", archivable=True)
        # The archive is an API with rate limits (honoured by the retries), not a site we crawl.
        if robots and not self.options.ignore_robots and not self._is_archive(url):
            self._obey_robots(url)
        try:
            return session.get(url, allow_redirects=False, timeout=timeout, force_refresh=self.options.refresh, headers=headers)
        except BodyTooLarge as exc:
            raise _Failure("refused", str(exc)) from None
        except guard.AddressRefused as exc:
            raise _Failure("refused", str(exc)) from None
        except requests.exceptions.ConnectTimeout:
            raise _Failure("unreachable", f"connection timed out after {self.options.connect_timeout:g}s", archivable=True) from None
        except requests.exceptions.ReadTimeout:
            raise _Failure("unreachable", f"no response within {self.options.read_timeout:g}s (read timeout)", archivable=True) from None
        except requests.exceptions.SSLError as exc:
            raise _Failure("unreachable", _first_line(f"TLS error: {exc}"), archivable=True) from None
        except requests.exceptions.ContentDecodingError:
            raise _Failure("unreadable", "the compressed body cannot be decompressed") from None
        except requests.exceptions.ConnectionError as exc:
            # With retries spent, urllib3 wraps a read timeout in MaxRetryError and
            # requests reports it as a connection error.
            reason = getattr(exc.args[0] if exc.args else None, "reason", None)
            if isinstance(reason, ReadTimeoutError):
                raise _Failure("unreachable", f"no response within {self.options.read_timeout:g}s (read timeout)", archivable=True) from None
            if isinstance(reason, NewConnectionError) and not isinstance(reason, NameResolutionError):
                # urllib3 makes NewConnectionError a ConnectTimeoutError; a refusal is not a timeout.
                raise _Failure("unreachable", f"cannot connect to {urlsplit(url).netloc}", archivable=True) from None
            if isinstance(reason, ConnectTimeoutError):
                raise _Failure("unreachable", f"connection timed out after {self.options.connect_timeout:g}s", archivable=True) from None
            text = str(exc)
            if "NameResolution" in text or "Name or service not known" in text or "getaddrinfo" in text:
                host = urlsplit(url).hostname or url
                raise _Failure("unreachable", f"cannot resolve host {host}", archivable=True) from None
            raise _Failure("unreachable", f"cannot connect to {urlsplit(url).netloc}", archivable=True) from None
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema):
            raise _Failure("refused", "not a valid http(s) URL") from None
        except requests.exceptions.RequestException as exc:
            raise _Failure("unreachable", _first_line(str(exc) or type(exc).__name__), archivable=True) from None

    def _obey_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            origin_lock = self._origin_locks.setdefault(origin, threading.Lock())
        # One load per origin even when several threads reach a host at once.
        with origin_lock:
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        if rules is None:
            return
        if rules == "disallow-all":
            raise _Failure("refused", "robots.txt cannot be read (server error), so the site is off limits")
        if not rules.can_fetch(url, ROBOTS_AGENT):
            raise _Failure("refused", "robots.txt disallows this URL (use --ignore-robots for sources you own)")

    def _load_robots(self, origin: str) -> Any:
        """The host's robots.txt rules; None allows everything."""
        from protego import Protego

        try:
            fetched = self._fetch(f"{origin}/robots.txt", robots=False)
        except _Failure as failure:
            # RFC 9309: a missing robots.txt (4xx) allows all, a server error disallows all;
            # a host we cannot reach at all will fail the page fetch with a clearer message.
            if failure.http_status is not None and failure.http_status >= 500:
                return "disallow-all"
            return None
        text = fetched.body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace")
        rules = Protego.parse(text)
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay:
            host = urlsplit(origin).netloc
            self._pacer.set_interval(host, min(float(delay), MAX_CRAWL_DELAY))
        return rules


class WebAdapter:
    """A `SourceAdapter` for http(s) URLs.

    ``prefetch`` lets a caller that knows all its specs up front fetch them
    concurrently (one worker per host); ``load`` then answers from those results.
    """

    _pattern = re.compile(r"(?i)^https?://\S+$")

    def __init__(self, client: WebClient, progress: ProgressFn | None = None) -> None:
        self.client = client
        self.progress = progress
        self._ready: dict[str, list[Source]] = {}

    def handles(self, spec: str) -> bool:
        return bool(self._pattern.match(spec.strip()))

    def prefetch(self, specs: Iterable[str]) -> None:
        urls = [s.strip() for s in specs if self.handles(s) and s.strip() not in self._ready]
        if urls:
            self._ready.update(self.client.load_many(urls, progress=self.progress))

    def load(self, spec: str) -> list[Source]:
        url = spec.strip()
        ready = self._ready.pop(url, None)
        return ready if ready is not None else self.client.load(url)
