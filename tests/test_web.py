"""Web sources against real HTTP servers on 127.0.0.1 (pytest-httpserver)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from quoteverify.errors import InputError
from quoteverify.web import WebAdapter, WebClient, WebOptions, cache_clear, cache_info

PAGES = Path(__file__).parent / "pages"
NEWS = (PAGES / "news.html").read_bytes()
HTML = "text/html; charset=utf-8"


@pytest.fixture(scope="module")
def web_server() -> Iterator[HTTPServer]:
    # Bound to 127.0.0.1 explicitly: the tests reason about that address, not about "localhost".
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def httpserver(web_server: HTTPServer) -> Iterator[HTTPServer]:
    yield web_server
    web_server.clear()


@pytest.fixture
def options(tmp_path: Path, httpserver: HTTPServer) -> WebOptions:
    # No robots.txt unless a test serves one: the server answers 404 for it.
    httpserver.expect_request("/robots.txt").respond_with_data("not here", status=404)
    return WebOptions(
        allow_private=True,
        cache_dir=tmp_path / "cache",
        min_interval=0.0,
        max_retries=1,
        connect_timeout=2.0,
        read_timeout=2.0,
        wayback_url=httpserver.url_for("/archive").rstrip("/"),
    )


@pytest.fixture
def client(options: WebOptions) -> Iterator[WebClient]:
    with WebClient(options) as web:
        yield web


def paths(httpserver: HTTPServer) -> list[str]:
    return [request.path for request, _ in httpserver.log]


def test_news_page_main_text_metadata_and_decoy(httpserver: HTTPServer, client: WebClient) -> None:
    httpserver.expect_request("/2026/03/14/pier").respond_with_data(NEWS, content_type=HTML)
    url = httpserver.url_for("/2026/03/14/pier")
    source = client.fetch_source(url)
    assert source.ok, source.detail
    assert source.kind == "web"
    assert source.location == url
    assert source.author == "Priya Castellano"
    assert source.title == "Harbour council approves ferry pier repairs"
    assert source.published and source.published.startswith("2026-03-14")
    assert source.url == "https://ledger.example/2026/03/14/ferry-pier-repairs"
    # Curly quotes survive, the blockquote is part of the body, paragraphs are a blank line apart.
    assert "“We have asked commuters to walk an extra mile every morning" in source.text
    assert "“The pier is safe for boats to tie up" in source.text
    assert "\n\n“The pier is safe" in source.text
    # The aside's decoy quote is on the page but not in the article body.
    decoy = "Everyone in this town should be ashamed of the ferry"
    assert decoy not in source.text
    assert source.full_text is not None and decoy in source.full_text
    assert "tracker" not in source.full_text and "color: red" not in source.full_text
    prov = source.provenance
    assert prov["requested_url"] == url and prov["final_url"] == url
    assert prov["http_status"] == 200
    assert prov["extractor"] == "trafilatura"
    assert prov["from_cache"] is False
    assert prov["sha256"] == source.sha256 and len(str(source.sha256)) == 64
    assert str(prov["fetched_at"]).startswith("20")
    assert prov["site_name"] == "The Millbrook Ledger"
    # Every request names us.
    agents = {request.headers.get("User-Agent", "") for request, _ in httpserver.log}
    assert all(a.startswith("quoteverify/") and "https://" in a for a in agents)


def test_utf8_without_charset_header(httpserver: HTTPServer, client: WebClient) -> None:
    page = "<html><head><title>Plain</title></head><body><article><p>The minister said “we will not back down” on Tuesday, and the crowd’s mood changed at once. Nobody in the hall expected the speech to last another hour.</p></article></body></html>"
    httpserver.expect_request("/plain").respond_with_data(page.encode("utf-8"), content_type="text/html")
    source = client.fetch_source(httpserver.url_for("/plain"))
    assert source.ok, source.detail
    assert "“we will not back down”" in source.text
    assert "crowd’s" in source.text


def test_windows_1252_page(httpserver: HTTPServer, client: WebClient) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Old CMS</title></head><body><article><p>The harbourmaster said “the pier will open in May” "
        "and added that it’s “not a promise”. Fishermen at the quay were not convinced by any of it.</p>"
        "</article></body></html>"
    )
    body = page.encode("cp1252")
    assert b"\x93" in body
    httpserver.expect_request("/old").respond_with_data(body, content_type="text/html")
    httpserver.expect_request("/old-header").respond_with_data(body, content_type="text/html; charset=windows-1252")
    for path in ("/old", "/old-header"):
        source = client.fetch_source(httpserver.url_for(path))
        assert source.ok, source.detail
        assert "“the pier will open in May”" in source.text
        assert "it’s" in source.text


def test_redirect_chain(httpserver: HTTPServer, client: WebClient) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=301, headers={"Location": httpserver.url_for("/c")})
    httpserver.expect_request("/c").respond_with_data(NEWS, content_type=HTML)
    source = client.fetch_source(httpserver.url_for("/a"))
    assert source.ok, source.detail
    assert source.provenance["requested_url"] == httpserver.url_for("/a")
    assert source.provenance["final_url"] == httpserver.url_for("/c")
    assert source.provenance["redirects"] == [httpserver.url_for("/a"), httpserver.url_for("/b")]


def test_redirect_to_private_address_refused(httpserver: HTTPServer, options: WebOptions) -> None:
    # The test server itself is trusted by name; "localhost" is not, and resolves to loopback.
    strict = replace(options, allow_private=False, allow_hosts=("127.0.0.1",))
    port = httpserver.port
    httpserver.expect_request("/to-local").respond_with_data("", status=302, headers={"Location": f"http://localhost:{port}/secret"})
    httpserver.expect_request("/to-metadata").respond_with_data("", status=307, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    httpserver.expect_request("/to-file").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    httpserver.expect_request("/secret").respond_with_data("secret", content_type="text/plain")
    with WebClient(strict) as web:
        for path, words in (("/to-local", "non-public"), ("/to-metadata", "non-public"), ("/to-file", "only http and https")):
            source = web.fetch_source(httpserver.url_for(path))
            assert source.status == "refused", (path, source.detail)
            assert words in source.detail
    assert "/secret" not in paths(httpserver)


def test_private_address_refused_without_allow_private(httpserver: HTTPServer, options: WebOptions) -> None:
    with WebClient(replace(options, allow_private=False, wayback_url="http://archive.invalid")) as web:
        source = web.fetch_source(httpserver.url_for("/anything"))
        assert source.status == "refused"
        assert "--allow-private" in source.detail
        assert web.fetch_source("ftp://example.com/file").status == "refused"
    assert httpserver.log == []


def test_404_without_archive_copy(httpserver: HTTPServer, client: WebClient) -> None:
    httpserver.expect_request("/gone").respond_with_data("nope", status=404)
    httpserver.expect_request("/archive/cdx/search/cdx").respond_with_json([])
    source = client.fetch_source(httpserver.url_for("/gone"))
    assert source.status == "unreachable"
    assert source.detail.startswith("HTTP 404")
    assert "no archived copy" in source.detail
    assert source.provenance["http_status"] == 404
    assert "\n" not in source.detail


def test_503_then_200_honours_retry_after(httpserver: HTTPServer, client: WebClient) -> None:
    httpserver.expect_oneshot_request("/busy").respond_with_data("busy", status=503, headers={"Retry-After": "1"})
    httpserver.expect_request("/busy").respond_with_data(NEWS, content_type=HTML)
    started = time.monotonic()
    source = client.fetch_source(httpserver.url_for("/busy"))
    elapsed = time.monotonic() - started
    assert source.ok, source.detail
    assert paths(httpserver).count("/busy") == 2
    assert elapsed >= 0.9


def test_long_retry_after_is_not_waited_out(httpserver: HTTPServer, client: WebClient) -> None:
    httpserver.expect_request("/overloaded").respond_with_data("later", status=503, headers={"Retry-After": "3600"})
    httpserver.expect_request("/archive/cdx/search/cdx").respond_with_json([])
    started = time.monotonic()
    source = client.fetch_source(httpserver.url_for("/overloaded"))
    assert time.monotonic() - started < 2
    assert source.status == "unreachable" and "503" in source.detail
    assert paths(httpserver).count("/overloaded") == 1


def test_body_over_the_cap(httpserver: HTTPServer, options: WebOptions) -> None:
    big = b"<html><body><p>" + b"word " * 2000 + b"</p></body></html>"

    def chunked(request: Request) -> Response:
        # A generator body has no Content-Length: the cap must hold while streaming.
        return Response((big[i : i + 1000] for i in range(0, len(big), 1000)), content_type="text/html")

    httpserver.expect_request("/big").respond_with_data(big, content_type="text/html")
    httpserver.expect_request("/big-chunked").respond_with_handler(chunked)
    with WebClient(replace(options, max_bytes=4000)) as web:
        for path in ("/big", "/big-chunked"):
            source = web.fetch_source(httpserver.url_for(path))
            assert source.status == "refused", source.detail
            assert "4,000-byte limit" in source.detail
        with pytest.raises(InputError):
            web.fetch_input(httpserver.url_for("/big"))


def test_read_timeout(httpserver: HTTPServer, options: WebOptions) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("late", content_type="text/plain")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    httpserver.expect_request("/archive/cdx/search/cdx").respond_with_json([])
    with WebClient(replace(options, read_timeout=0.3, max_retries=0)) as web:
        started = time.monotonic()
        source = web.fetch_source(httpserver.url_for("/slow"))
    assert source.status == "unreachable"
    assert "read timeout" in source.detail
    assert time.monotonic() - started < 1.5


def test_robots_disallow_and_ignore_robots(httpserver: HTTPServer, tmp_path: Path, options: WebOptions) -> None:
    httpserver.clear_all_handlers()
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\nDisallow: /*.vtt$\n", content_type="text/plain"
    )
    httpserver.expect_request("/private/story").respond_with_data(NEWS, content_type=HTML)
    httpserver.expect_request("/public/story").respond_with_data(NEWS, content_type=HTML)
    with WebClient(options) as web:
        refused = web.fetch_source(httpserver.url_for("/private/story"))
        assert refused.status == "refused"
        assert "robots.txt" in refused.detail and "--ignore-robots" in refused.detail
        assert web.fetch_source(httpserver.url_for("/public/talk.vtt")).status == "refused"
        assert web.fetch_source(httpserver.url_for("/public/story")).ok
    assert "/private/story" not in paths(httpserver)
    # robots.txt is read once per host, not once per page.
    assert paths(httpserver).count("/robots.txt") == 1
    with WebClient(replace(options, ignore_robots=True, cache_dir=tmp_path / "other")) as web:
        assert web.fetch_source(httpserver.url_for("/private/story")).ok


def test_webvtt_voices_become_turns(httpserver: HTTPServer, client: WebClient) -> None:
    httpserver.expect_request("/meeting.vtt").respond_with_data((PAGES / "council.vtt").read_bytes(), content_type="text/vtt")
    source = client.fetch_source(httpserver.url_for("/meeting.vtt"))
    assert source.ok, source.detail
    assert source.provenance["extractor"] == "vtt"
    said = "the slipway comes first"
    at = source.text.index(said)
    speakers = [t.speaker for t in source.turns if t.start <= at and at + len(said) <= t.end]
    # The words are Amankwah's, not the chair's: a draft crediting them to Fairweather is misattributed.
    assert speakers == ["Rhys Amankwah"]
    assert {t.speaker for t in source.turns} == {"Odile Fairweather", "Rhys Amankwah", "Tomasz Berglund"}
    assert "<v" not in source.text and "-->" not in source.text


def test_dead_url_recovered_from_wayback(httpserver: HTTPServer, options: WebOptions) -> None:
    dead = httpserver.url_for("/2026/03/14/pier-old")
    httpserver.expect_request("/2026/03/14/pier-old").respond_with_data("gone", status=410)
    rows = [
        ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
        ["x", "20250101080000", dead, "text/html", "200", "A", "100"],
        ["x", "20260314120000", dead, "text/html", "200", "B", "100"],
        ["x", "20260601000000", dead, "text/html", "404", "C", "100"],
    ]
    httpserver.expect_request("/archive/cdx/search/cdx").respond_with_data(json.dumps(rows), content_type="application/json")
    seen: list[str] = []

    def capture(request: Request) -> Response:
        seen.append(request.full_path)
        return Response(NEWS, content_type="text/html; charset=utf-8")

    httpserver.expect_request("/archive/web/20260314120000id_/" + dead).respond_with_handler(capture)
    httpserver.expect_request("/archive/web/20250101080000id_/" + dead).respond_with_data(NEWS, content_type=HTML)
    with WebClient(options) as web:
        early = web.fetch_source(dead, post_date="2024-12-30")
        source = web.fetch_source(dead, post_date="2026-03-15")
        # Without a post date the newest good capture is used.
        newest = web.fetch_archived(dead)
    assert newest.ok and newest.provenance["capture_timestamp"] == "20260314120000"
    assert early.ok and early.provenance["capture_timestamp"] == "20250101080000"
    assert source.ok, source.detail
    assert source.kind == "archive"
    assert source.location == dead
    assert "“We have asked commuters" in source.text
    prov = source.provenance
    assert prov["capture_time"] == "2026-03-14T12:00:00+00:00"
    assert prov["capture_timestamp"] == "20260314120000"
    assert str(prov["archive_url"]).endswith("/web/20260314120000id_/" + dead)
    assert prov["requested_url"] == dead
    assert "410" in str(prov["live_detail"])
    cdx = next(r for r, _ in httpserver.log if r.path.endswith("/cdx/search/cdx"))
    assert cdx.args["url"] == dead and cdx.args["output"] == "json"
    assert seen


def test_archive_option_adds_the_capture(httpserver: HTTPServer, options: WebOptions) -> None:
    live = httpserver.url_for("/live")
    httpserver.expect_request("/live").respond_with_data(NEWS.replace(b"six to one", b"five to two"), content_type=HTML)
    rows = [["timestamp", "original", "statuscode"], ["20260314120000", live, "200"], ["20260101000000", live, "200"]]
    httpserver.expect_request("/archive/cdx/search/cdx").respond_with_json(rows)
    httpserver.expect_request("/archive/web/20260314120000id_/" + live).respond_with_data(NEWS, content_type=HTML)
    with WebClient(replace(options, archive=True)) as web:
        adapter = WebAdapter(web)
        assert adapter.handles(live) and not adapter.handles("notes/draft.md")
        sources = adapter.load(live)
    assert [s.kind for s in sources] == ["web", "archive"]
    assert "five to two" in sources[0].text and "six to one" in sources[1].text
    assert sources[1].provenance["capture_time"] == "2026-03-14T12:00:00+00:00"


def test_second_fetch_served_from_cache(httpserver: HTTPServer, options: WebOptions) -> None:
    httpserver.expect_request("/cached").respond_with_data(NEWS, content_type=HTML)
    with WebClient(options) as web:
        first = web.fetch_source(httpserver.url_for("/cached"))
    assert first.ok and first.provenance["from_cache"] is False
    before = len(httpserver.log)
    with WebClient(options) as web:
        second = web.fetch_source(httpserver.url_for("/cached"))
    assert len(httpserver.log) == before  # no request reached the server
    assert second.ok and second.provenance["from_cache"] is True
    assert second.text == first.text and second.sha256 == first.sha256
    assert second.provenance["fetched_at"] == first.provenance["fetched_at"]
    info = cache_info(options)
    assert int(str(info["responses"])) >= 1 and int(str(info["size_bytes"])) > 0
    # --refresh goes back to the server.
    with WebClient(replace(options, refresh=True)) as web:
        third = web.fetch_source(httpserver.url_for("/cached"))
    assert third.ok and third.provenance["from_cache"] is False
    assert len(httpserver.log) > before
    cache_clear(options)
    assert cache_info(options)["responses"] == 0


def test_no_store_is_not_cached(httpserver: HTTPServer, options: WebOptions) -> None:
    httpserver.expect_request("/live-blog").respond_with_data(NEWS, content_type=HTML, headers={"Cache-Control": "no-store"})
    for _ in range(2):
        with WebClient(options) as web:
            assert web.fetch_source(httpserver.url_for("/live-blog")).provenance["from_cache"] is False
    assert paths(httpserver).count("/live-blog") == 2


def test_offline_makes_no_request(httpserver: HTTPServer, options: WebOptions) -> None:
    httpserver.expect_request("/story").respond_with_data(NEWS, content_type=HTML)
    with WebClient(replace(options, offline=True)) as web:
        source = web.fetch_source(httpserver.url_for("/story"))
        assert source.status == "unreachable"
        assert source.detail == "unreachable (offline)"
        with pytest.raises(InputError, match="offline"):
            web.fetch_input(httpserver.url_for("/story"))
    assert httpserver.log == []
    # Once cached, offline runs read the cache and still send nothing.
    with WebClient(options) as web:
        assert web.fetch_source(httpserver.url_for("/story")).ok
    before = len(httpserver.log)
    with WebClient(replace(options, offline=True)) as web:
        source = web.fetch_source(httpserver.url_for("/story"))
    assert source.ok and source.provenance["from_cache"] is True
    assert len(httpserver.log) == before


def test_fetch_input(httpserver: HTTPServer, client: WebClient) -> None:
    httpserver.expect_request("/draft").respond_with_data(NEWS, content_type=HTML)
    httpserver.expect_request("/missing").respond_with_data("", status=404)
    body, content_type, final = client.fetch_input(httpserver.url_for("/draft"))
    assert body == NEWS and content_type == HTML and final == httpserver.url_for("/draft")
    with pytest.raises(InputError, match="HTTP 404"):
        client.fetch_input(httpserver.url_for("/missing"))


def test_connection_refused_is_unreachable(options: WebOptions) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with WebClient(replace(options, max_retries=0, wayback_url=f"http://127.0.0.1:{port}")) as web:
        source = web.fetch_source(f"http://127.0.0.1:{port}/nothing-listens")
    assert source.status == "unreachable"
    assert "cannot connect" in source.detail


def test_plain_text_and_binary(httpserver: HTTPServer, client: WebClient) -> None:
    httpserver.expect_request("/statement.txt").respond_with_data(b"Statement from the harbour council.\n\nWe regret the delay.", content_type="text/plain")
    httpserver.expect_request("/photo.png").respond_with_data(b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png")
    text = client.fetch_source(httpserver.url_for("/statement.txt"))
    assert text.ok and text.provenance["extractor"] == "text"
    assert text.text == "Statement from the harbour council.\n\nWe regret the delay."
    image = client.fetch_source(httpserver.url_for("/photo.png"))
    assert image.status == "unreadable" and "image/png" in image.detail


def test_min_interval_per_host(httpserver: HTTPServer, options: WebOptions) -> None:
    httpserver.expect_request("/one").respond_with_data("one", content_type="text/plain")
    httpserver.expect_request("/two").respond_with_data("two", content_type="text/plain")
    stamps: list[float] = []
    with WebClient(replace(options, min_interval=0.3)) as web:
        for path in ("/one", "/two"):
            assert web.fetch_source(httpserver.url_for(path)).ok
            stamps.append(time.monotonic())
    # robots.txt, /one, /two: three requests, each at least 0.3 s after the last.
    assert stamps[1] - stamps[0] >= 0.28


def test_never_raises_on_garbage(client: WebClient) -> None:
    for spec in ("http://", "http://[::1", "https://exa mple.com/", "javascript:alert(1)"):
        source = client.fetch_source(spec)
        assert source.status in ("refused", "unreachable", "unreadable")
        assert source.detail and "\n" not in source.detail


def test_dns_rebinding_caught_at_connect(httpserver: HTTPServer, options: WebOptions, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend the name check was fooled (DNS answered "public"); the connection's real peer is loopback.
    httpserver.expect_request("/internal").respond_with_data("internal", content_type="text/plain")
    with WebClient(replace(options, allow_private=False, wayback_url="http://archive.invalid")) as web:
        monkeypatch.setattr(web, "_check_address", lambda url: None)
        source = web.fetch_source(httpserver.url_for("/internal"))
    assert source.status == "refused", source.detail
    assert "connected to the non-public address 127.0.0.1" in source.detail
    assert httpserver.log == []


def test_load_many_runs_hosts_in_parallel_but_keeps_per_host_pace(httpserver: HTTPServer, options: WebOptions) -> None:
    import io

    from quoteverify.web import StderrProgress

    for name in ("p1", "p2", "p3"):
        httpserver.expect_request(f"/{name}").respond_with_data(f"page {name}", content_type="text/plain")
    # Two spellings of one server are two hosts to the client: 127.0.0.1 and localhost.
    urls = [httpserver.url_for("/p1"), httpserver.url_for("/p2"), f"http://localhost:{httpserver.port}/p3"]
    stream = io.StringIO()
    progress = StderrProgress(stream, force=True)
    with WebClient(replace(options, min_interval=0.2)) as web:
        adapter = WebAdapter(web, progress=progress)
        adapter.prefetch(urls + ["notes.md"])
        served = len(httpserver.log)
        loaded = [adapter.load(u) for u in urls]
        assert len(httpserver.log) == served  # load() answered from the prefetch
    assert [sources[0].text for sources in loaded] == ["page p1", "page p2", "page p3"]
    assert "fetching sources 3/3" in stream.getvalue()
    assert stream.getvalue().endswith("\r")


def test_progress_is_silent_off_a_terminal() -> None:
    import io

    from quoteverify.web import StderrProgress

    stream = io.StringIO()
    StderrProgress(stream)(1, 3, "http://example.org/a")
    assert stream.getvalue() == ""


def test_stale_copy_is_revalidated_with_etag(httpserver: HTTPServer, options: WebOptions) -> None:
    def etagged(request: Request) -> Response:
        headers = {"ETag": '"v1"', "Cache-Control": "no-cache"}
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers=headers)
        return Response(NEWS, content_type=HTML, headers=headers)

    httpserver.expect_request("/etag").respond_with_handler(etagged)
    with WebClient(options) as web:
        first = web.fetch_source(httpserver.url_for("/etag"))
    with WebClient(options) as web:
        second = web.fetch_source(httpserver.url_for("/etag"))
    requests_seen = [r for r, _ in httpserver.log if r.path == "/etag"]
    assert len(requests_seen) == 2
    assert requests_seen[1].headers.get("If-None-Match") == '"v1"'
    assert second.ok and second.sha256 == first.sha256 and second.text == first.text


def test_crawl_delay_slows_requests_to_that_host(httpserver: HTTPServer, options: WebOptions) -> None:
    httpserver.clear_all_handlers()
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 0.5\n", content_type="text/plain")
    httpserver.expect_request("/x").respond_with_data("x", content_type="text/plain")
    httpserver.expect_request("/y").respond_with_data("y", content_type="text/plain")
    with WebClient(options) as web:
        started = time.monotonic()
        assert web.fetch_source(httpserver.url_for("/x")).ok
        assert web.fetch_source(httpserver.url_for("/y")).ok
    # robots.txt, then /x after 0.5 s, then /y after another 0.5 s.
    assert time.monotonic() - started >= 0.9


def test_archive_rate_limit_is_waited_out(httpserver: HTTPServer, options: WebOptions) -> None:
    dead = httpserver.url_for("/removed")
    httpserver.expect_request("/removed").respond_with_data("", status=404)
    httpserver.expect_oneshot_request("/archive/cdx/search/cdx").respond_with_data("slow down", status=429, headers={"Retry-After": "1"})
    httpserver.expect_request("/archive/cdx/search/cdx").respond_with_json([["timestamp", "original"], ["20260102030405", dead]])
    httpserver.expect_request("/archive/web/20260102030405id_/" + dead).respond_with_data(NEWS, content_type=HTML)
    with WebClient(options) as web:
        source = web.fetch_source(dead)
    assert source.ok and source.kind == "archive", source.detail
    assert source.provenance["capture_time"] == "2026-01-02T03:04:05+00:00"
    assert paths(httpserver).count("/archive/cdx/search/cdx") == 2


def test_offline_uses_a_stale_copy(httpserver: HTTPServer, options: WebOptions) -> None:
    httpserver.expect_request("/stale").respond_with_data(
        NEWS, content_type=HTML, headers={"Cache-Control": "max-age=0", "ETag": '"s1"'}
    )
    with WebClient(options) as web:
        assert web.fetch_source(httpserver.url_for("/stale")).ok
    before = len(httpserver.log)
    with WebClient(replace(options, offline=True)) as web:
        source = web.fetch_source(httpserver.url_for("/stale"))
    assert source.ok and source.provenance["from_cache"] is True
    assert len(httpserver.log) == before
