"""Discovery end to end, offline: local emulators of GDELT, Mastodon, the Wayback CDX API and Brave.

Two real HTTP servers on 127.0.0.1: ``api`` plays the services (answering in
their documented shapes, failure modes included), ``pages`` the news sites and
official pages whose articles the services point at. Every fixture text here
was written for these tests.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from quoteverify.cli import cli
from quoteverify.discover import distinctive_phrase, parse_providers, rank_of
from quoteverify.errors import ConfigError
from quoteverify.judge import Judge
from quoteverify.model import Quote, Source
from quoteverify.speakers import parse_registry

HTML = "text/html; charset=utf-8"
QUOTE = "The harbour footbridge stays closed until the spring tides have passed"
DRAFT = f"Council chair Odile Fairweather wrote on her account that \u201c{QUOTE}.\u201d\n"
ACCT = "odile@social.harbour.example"

REGISTRY = """
[[speaker]]
name = "Odile Fairweather"
kind = "person"
aliases = ["Fairweather", "Chair Fairweather", "Council chair Odile Fairweather"]
roles = ["Chair of the Harbour Council"]
mastodon = ["@odile@social.harbour.example"]
"""

ARTICLE = """<!doctype html><html><head><title>Footbridge to stay shut</title></head><body>
<article><h1>Footbridge to stay shut through winter</h1>
<p>By Tamsin Okafor</p>
<p>The harbour council met on Tuesday evening to discuss the footbridge, which was damaged in
the October storms and has been fenced off since.</p>
<p>\u201cThe harbour footbridge stays closed until the spring tides have passed,\u201d council chair
Odile Fairweather said after the vote. Engineers will inspect the pilings again in March.</p>
<p>Residents asked for a temporary ferry; the council said it would look at the cost.</p>
</article></body></html>"""

MISQUOTE_ARTICLE = ARTICLE.replace("spring tides", "autumn tides")


def _status(sid: str, text: str, *, day: str = "2026-11-20", edited: str | None = None) -> dict[str, Any]:
    return {
        "id": sid,
        "created_at": f"{day}T09:30:00.000Z",
        "edited_at": edited,
        "url": f"https://social.harbour.example/@odile/{sid}",
        "uri": f"https://social.harbour.example/users/odile/statuses/{sid}",
        "content": f"<p>{text}</p>",
        "reblog": None,
        "account": {"id": "42", "acct": "odile", "display_name": "Odile Fairweather"},
    }


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[HTTPServer, HTTPServer]]:
    api, pages = HTTPServer(host="127.0.0.1", port=0), HTTPServer(host="127.0.0.1", port=0)
    api.start()
    pages.start()
    yield api, pages
    for s in (api, pages):
        s.clear()
        if s.is_running():
            s.stop()


@pytest.fixture
def env(servers: tuple[HTTPServer, HTTPServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[HTTPServer, HTTPServer]]:
    api, pages = servers
    api.clear()
    pages.clear()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("QUOTEVERIFY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUOTEVERIFY_GDELT_URL", api.url_for("/api/v2/doc/doc"))
    monkeypatch.setenv("QUOTEVERIFY_WAYBACK_URL", api.url_for("/wb").rstrip("/"))
    monkeypatch.setenv("QUOTEVERIFY_BRAVE_URL", api.url_for("/brave").rstrip("/"))
    for var in ("BRAVE_API_KEY", "QUOTEVERIFY_MASTODON_TOKEN", "QUOTEVERIFY_MASTODON_TOKEN_127_0_0_1"):
        monkeypatch.delenv(var, raising=False)
    pages.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    yield api, pages
    api.clear()
    pages.clear()


def run(tmp_path: Path, *args: str, draft: str = DRAFT) -> tuple[int, dict[str, Any] | None, str]:
    (tmp_path / "draft.md").write_text(draft, encoding="utf-8")
    (tmp_path / "speakers.toml").write_text(REGISTRY, encoding="utf-8")
    argv = ["check", str(tmp_path / "draft.md"), "--no-library", "--allow-private", "--speakers", str(tmp_path / "speakers.toml"), "--format", "json", *args]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code in (0, 1), result.output + result.stderr
    out = result.stdout
    data = json.loads(out[out.find("{"):]) if "{" in out else None
    return result.exit_code, data, result.stderr


def the_quote(data: dict[str, Any] | None) -> dict[str, Any]:
    assert data is not None
    quotes = [q for d in data["documents"] for q in d["quotes"] if q["kind"] == "statement"]
    assert len(quotes) == 1
    return quotes[0]


def gdelt_articles(*urls: str) -> dict[str, Any]:
    return {
        "articles": [
            {"url": u, "url_mobile": "", "title": "Footbridge to stay shut", "seendate": "20261120T101500Z", "socialimage": "", "domain": "harbour-gazette.example", "language": "English", "sourcecountry": "United Kingdom"}
            for u in urls
        ]
    }


def mastodon_account(api: HTTPServer, statuses: list[dict[str, Any]], **headers: str) -> None:
    api.expect_request("/api/v1/accounts/lookup", query_string={"acct": ACCT}).respond_with_json({"id": "42", "acct": ACCT, "display_name": "Odile Fairweather"})
    api.expect_request("/api/v1/accounts/42/statuses").respond_with_json(statuses, headers=headers)


# -- units -----------------------------------------------------------------------------


def test_distinctive_phrase_trims_stop_words_and_breaks_at_ellipses() -> None:
    assert distinctive_phrase(QUOTE) == "harbour footbridge stays closed until the spring tides have passed"
    assert distinctive_phrase("It is what it is ... the ferry costs twelve thousand pounds a year") == "ferry costs twelve thousand pounds a year"
    phrase = distinctive_phrase("We will not, and I mean not, let the council sell the harbour wall to developers from the city")
    assert 4 <= len(phrase.split()) <= 10 and "harbour" in phrase
    # A short quote keeps its stop words rather than shrink below four words; nothing but stop words: no query.
    assert distinctive_phrase("may lose federal funding") == "may lose federal funding"
    assert distinctive_phrase("it is what it is") == ""


def test_parse_providers() -> None:
    assert parse_providers("gdelt,mastodon") == ("mastodon", "gdelt")  # the speaker's channels first
    assert parse_providers("all") == ("sites", "mastodon", "wayback", "gdelt", "brave")
    with pytest.raises(ConfigError, match="unknown provider bing"):
        parse_providers("gdelt,bing")


def test_rank_of_uses_the_registry() -> None:
    reg = parse_registry(REGISTRY + 'sites = ["https://harbour.example/council"]\n')
    who = reg.get("Odile Fairweather")
    assert rank_of("https://harbour.example/council/statements/12", "gdelt", who)[0] == "speaker"
    assert rank_of("https://social.harbour.example/@odile/1", "brave", who)[0] == "speaker"
    assert rank_of("https://news.google.com/articles/x", "gdelt", who)[0] == "reproduction"
    assert rank_of("https://harbour-gazette.example/a", "gdelt", who)[0] == "news"


def test_judge_prefers_the_primary_source() -> None:
    words = f"Odile Fairweather said: \u201c{QUOTE}.\u201d"
    news = Source(location="https://gazette.example/a", text=words, author="Tamsin Okafor", rank="news")
    own = Source(location="https://social.example/@odile/1", text=QUOTE + ".", author="Odile Fairweather", rank="speaker", provenance={"rank_reason": "her own account"})
    quote = Quote(text=QUOTE, start=0, end=len(QUOTE), line=1, column=1, speaker="Odile Fairweather")
    finding = Judge([news, own]).judge(quote)
    assert finding.verdict == "verified"
    assert finding.evidence is not None and finding.evidence.source == own.location
    assert finding.evidence.rank == "speaker"
    assert "decided by a primary source: her own account" in finding.reason


# -- the CLI against emulators ------------------------------------------------------


def test_without_discover_nothing_is_sent(env: tuple[HTTPServer, HTTPServer], tmp_path: Path) -> None:
    api, pages = env
    _code, data, stderr = run(tmp_path)
    assert the_quote(data)["verdict"] == "unverified"
    assert api.log == [] and pages.log == []
    assert "discover" not in stderr


def test_dry_run_announces_and_sends_nothing(env: tuple[HTTPServer, HTTPServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    api, pages = env
    monkeypatch.setenv("BRAVE_API_KEY", "test-key")
    code, data, stderr = run(tmp_path, "--discover", "all", "--dry-run", "--mastodon-server", api.url_for("/").rstrip("/"))
    assert code == 0 and data is None  # a dry run prints no report
    assert api.log == [] and pages.log == []
    lines = [line for line in stderr.splitlines() if line.startswith("discover: ")]
    assert any(line.startswith("discover: mastodon: 127.0.0.1") and "@odile@social.harbour.example" in line for line in lines)
    assert any(line.startswith("discover: gdelt: ") and '"harbour footbridge stays closed' in line for line in lines)
    assert any(line.startswith("discover: brave: ") and "BRAVE_API_KEY" in line for line in lines)
    # The speaker's own channel is announced before the search services.
    assert [line.split(":")[1].strip() for line in lines] == ["mastodon", "gdelt", "brave"]


def test_unknown_provider_is_a_usage_error(env: tuple[HTTPServer, HTTPServer], tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "draft.md"), "--no-library", "--discover", "bing"])
    assert result.exit_code == 2 and "unknown provider bing" in result.output + result.stderr


def test_gdelt_candidate_verifies_the_quote(env: tuple[HTTPServer, HTTPServer], tmp_path: Path) -> None:
    api, pages = env
    page = pages.url_for("/2026/11/footbridge")
    pages.expect_request("/2026/11/footbridge").respond_with_data(ARTICLE, content_type=HTML)
    api.expect_request("/api/v2/doc/doc").respond_with_json(gdelt_articles(page))
    _code, data, stderr = run(tmp_path, "--discover", "gdelt", "--post-date", "2026-11-21")
    q = the_quote(data)
    assert q["verdict"] == "verified", q["reason"]
    assert q["evidence"]["source"] == page and q["evidence"]["rank"] == "news"
    assert "decided by a news report" in q["reason"]
    (request, _), = [entry for entry in api.log if entry[0].path == "/api/v2/doc/doc"]
    assert request.args["query"] == '"harbour footbridge stays closed until the spring tides have passed"'
    assert request.args["mode"] == "artlist" and request.args["format"] == "json"
    assert request.args["startdatetime"] == "20261114000000" and request.args["enddatetime"] == "20261123235959"
    assert 'discover: gdelt: 127.0.0.1' in stderr


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("<html><body>Your search contained a phrase that was too short.</body></html>", "text/html"),
        ("{}", "application/json"),
        ("", "application/json"),
    ],
)
def test_gdelt_error_pages_with_200_are_no_results(env: tuple[HTTPServer, HTTPServer], tmp_path: Path, body: str, content_type: str) -> None:
    api, pages = env
    api.expect_request("/api/v2/doc/doc").respond_with_data(body, status=200, content_type=content_type)
    _code, data, _stderr = run(tmp_path, "--discover", "gdelt")
    assert the_quote(data)["verdict"] == "unverified"
    assert len(api.log) == 1 and pages.log == []


def test_gdelt_429_is_backed_off(env: tuple[HTTPServer, HTTPServer], tmp_path: Path) -> None:
    api, pages = env
    page = pages.url_for("/footbridge")
    pages.expect_request("/footbridge").respond_with_data(ARTICLE, content_type=HTML)
    api.expect_oneshot_request("/api/v2/doc/doc").respond_with_data("Please limit requests to one every 5 seconds", status=429, headers={"Retry-After": "1"})
    api.expect_request("/api/v2/doc/doc").respond_with_json(gdelt_articles(page))
    started = time.monotonic()
    _code, data, _stderr = run(tmp_path, "--discover", "gdelt")
    assert time.monotonic() - started >= 1.0
    assert [r.path for r, _ in api.log] == ["/api/v2/doc/doc", "/api/v2/doc/doc"]
    assert the_quote(data)["verdict"] == "verified"


def test_mastodon_status_verifies_the_quote_with_paging(env: tuple[HTTPServer, HTTPServer], tmp_path: Path) -> None:
    api, _pages = env
    first = [_status("109", "Ferry timetable for the weekend is on the council site."), _status("105", "Thank you to everyone who came to the meeting.")]
    second = [_status("101", f"{QUOTE}. Engineers will look at the pilings again in March.")]
    reset = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    api.expect_request("/api/v1/accounts/lookup", query_string={"acct": ACCT}).respond_with_json({"id": "42", "acct": ACCT})
    api.expect_request("/api/v1/accounts/42/statuses", query_string={"limit": "40", "exclude_reblogs": "true", "max_id": "105"}).respond_with_json(second)
    next_link = f'<{api.url_for("/api/v1/accounts/42/statuses")}?limit=40&exclude_reblogs=true&max_id=105>; rel="next"'
    api.expect_request("/api/v1/accounts/42/statuses", query_string={"limit": "40", "exclude_reblogs": "true"}).respond_with_json(
        first, headers={"Link": next_link, "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
    )
    started = time.monotonic()
    _code, data, _stderr = run(tmp_path, "--discover", "mastodon,gdelt", "--mastodon-server", api.url_for("/").rstrip("/"))
    q = the_quote(data)
    assert q["verdict"] == "verified", q["reason"]
    assert q["evidence"]["source"] == "https://social.harbour.example/@odile/101"
    assert q["evidence"]["speaker"] == "Odile Fairweather" and q["evidence"]["rank"] == "speaker"
    assert "decided by a primary source" in q["reason"]
    paths = [r.full_path for r, _ in api.log]
    assert any("max_id=105" in p for p in paths)
    # The rate limit said none left until the reset: the next page waited for it.
    assert time.monotonic() - started >= 0.5
    # The speaker's own account held the words, so GDELT was never asked.
    assert not any(r.path.startswith("/api/v2/doc") for r, _ in api.log)


def test_mastodon_edited_status_is_checked_against_its_history(env: tuple[HTTPServer, HTTPServer], tmp_path: Path) -> None:
    api, _pages = env
    edited = _status("77", "The harbour footbridge stays closed until further notice.", edited="2026-11-21T08:00:00.000Z")
    mastodon_account(api, [edited])
    api.expect_request("/api/v1/statuses/77/history").respond_with_json(
        [
            {"content": f"<p>{QUOTE}.</p>", "created_at": "2026-11-20T09:30:00.000Z", "account": {"id": "42"}},
            {"content": edited["content"], "created_at": "2026-11-21T08:00:00.000Z", "account": {"id": "42"}},
        ]
    )
    _code, data, _stderr = run(tmp_path, "--discover", "mastodon", "--mastodon-server", api.url_for("/").rstrip("/"))
    q = the_quote(data)
    assert q["verdict"] == "verified", q["reason"]
    assert q["evidence"]["source"].startswith("https://social.harbour.example/@odile/77#history-")
    assert any(r.path == "/api/v1/statuses/77/history" for r, _ in api.log)


def test_mastodon_login_only_server(env: tuple[HTTPServer, HTTPServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    api, _pages = env

    def lookup(request: Request) -> Response:
        if request.headers.get("Authorization") != "Bearer s3cret":
            return Response('{"error":"This API requires an authenticated user"}', status=401, content_type="application/json")
        return Response(json.dumps({"id": "42", "acct": ACCT}), content_type="application/json")

    api.expect_request("/api/v1/accounts/lookup").respond_with_handler(lookup)
    api.expect_request("/api/v1/accounts/42/statuses", headers={"Authorization": "Bearer s3cret"}).respond_with_json([_status("101", QUOTE + ".")])
    server = api.url_for("/").rstrip("/")
    _code, data, stderr = run(tmp_path, "--discover", "mastodon", "--mastodon-server", server)
    assert the_quote(data)["verdict"] == "unverified"
    assert "HTTP 401" in stderr and "QUOTEVERIFY_MASTODON_TOKEN_127_0_0_1" in stderr

    api.log.clear()
    monkeypatch.setenv("QUOTEVERIFY_MASTODON_TOKEN_127_0_0_1", "s3cret")
    _code, data, stderr = run(tmp_path, "--discover", "mastodon", "--mastodon-server", server)
    assert the_quote(data)["verdict"] == "verified"
    assert "(with your token)" in stderr and "s3cret" not in stderr


def test_primary_source_outranks_a_report_that_copies_a_misquote(env: tuple[HTTPServer, HTTPServer], tmp_path: Path) -> None:
    """A news page reproduces the post's wording; the speaker's own status says otherwise."""
    api, pages = env
    misquoted = QUOTE.replace("spring tides", "autumn tides")
    page = pages.url_for("/copy")
    pages.expect_request("/copy").respond_with_data(MISQUOTE_ARTICLE, content_type=HTML)
    api.expect_request("/api/v2/doc/doc").respond_with_json(gdelt_articles(page))
    mastodon_account(api, [_status("101", QUOTE + ".")])
    draft = DRAFT.replace("spring tides", "autumn tides")
    _code, data, _stderr = run(tmp_path, "--discover", "mastodon,gdelt", "--mastodon-server", api.url_for("/").rstrip("/"), draft=draft)
    q = the_quote(data)
    assert misquoted in q["text"]
    assert q["verdict"] == "altered", q["reason"]
    assert q["evidence"]["rank"] == "speaker"
    assert q["evidence"]["source"] == "https://social.harbour.example/@odile/101"


def test_wayback_finds_the_quote_on_a_changed_page(env: tuple[HTTPServer, HTTPServer], tmp_path: Path) -> None:
    api, pages = env
    live = pages.url_for("/story")
    pages.expect_request("/story").respond_with_data(ARTICLE.replace(QUOTE, "The footbridge will reopen when it is safe"), content_type=HTML)
    rows = [["timestamp", "original", "statuscode"], ["20261120110000", live, "200"]]
    api.expect_request("/wb/cdx/search/cdx").respond_with_json(rows)
    api.expect_request("/wb/web/20261120110000id_/" + live).respond_with_data(ARTICLE, content_type=HTML)
    draft = DRAFT + f"\nSource: {live}\n"
    _code, data, stderr = run(tmp_path, draft=draft)
    assert the_quote(data)["verdict"] == "unverified"
    assert api.log == []

    _code, data, stderr = run(tmp_path, "--discover", "wayback", draft=draft)
    q = the_quote(data)
    assert q["verdict"] == "verified", q["reason"]
    assert q["evidence"]["source"] == api.url_for("/wb/web/20261120110000id_/") + live
    assert f"discover: wayback: 127.0.0.1:{api.port} receives the link {live}" in stderr


def test_brave_needs_a_key_and_sends_it_as_a_header(env: tuple[HTTPServer, HTTPServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    api, pages = env
    page = pages.url_for("/brave-hit")
    pages.expect_request("/brave-hit").respond_with_data(ARTICLE, content_type=HTML)
    api.expect_request("/brave/res/v1/web/search", headers={"X-Subscription-Token": "k-123"}).respond_with_json(
        {"type": "search", "web": {"type": "search", "results": [{"title": "Footbridge", "url": page, "description": "The council met", "page_age": "2026-11-20T10:00:00"}]}}
    )
    _code, data, stderr = run(tmp_path, "--discover", "brave")
    assert api.log == [] and "BRAVE_API_KEY" in stderr
    monkeypatch.setenv("BRAVE_API_KEY", "k-123")
    _code, data, stderr = run(tmp_path, "--discover", "brave")
    q = the_quote(data)
    assert q["verdict"] == "verified" and q["evidence"]["source"] == page
    (request, _), = api.log
    assert request.args["q"].startswith('"harbour footbridge stays closed')
    assert "k-123" not in stderr


def test_speakers_own_site_comes_first_and_ranks_as_primary(env: tuple[HTTPServer, HTTPServer], tmp_path: Path) -> None:
    api, pages = env
    statement = pages.url_for("/council/statements/footbridge")
    pages.expect_request("/council/statements/footbridge").respond_with_data(
        f"<html><body><article><h1>Statement from the chair</h1><p>By Odile Fairweather</p><p>{QUOTE}. "
        "We will publish the engineers' report in full.</p></article></body></html>",
        content_type=HTML,
    )
    api.expect_request("/api/v2/doc/doc").respond_with_json({})
    (tmp_path / "own.toml").write_text(REGISTRY + f'sites = ["{statement}"]\n', encoding="utf-8")
    _code, data, stderr = run(tmp_path, "--discover", "gdelt,sites", "--speakers", str(tmp_path / "own.toml"))
    q = the_quote(data)
    assert q["verdict"] == "verified", q["reason"]
    assert q["evidence"]["source"] == statement and q["evidence"]["rank"] == "speaker"
    assert "Odile Fairweather's own site" in q["reason"]
    assert stderr.index("discover: sites: GET") < stderr.find("discover: gdelt") or "discover: gdelt" not in stderr
    assert api.log == []  # the own site held the words: GDELT was not asked
