"""End to end: `quoteverify check` against pages on a local HTTP server, through the CLI.

These need the whole pipeline (extract, align, judge); until those stages
exist they are skipped rather than failed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

for _stage in ("quoteverify.extract", "quoteverify.align", "quoteverify.judge"):
    pytest.importorskip(_stage)

from click.testing import CliRunner

from quoteverify.cli import cli

PAGES = Path(__file__).parent / "pages"


@pytest.fixture(scope="module")
def local_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def server(local_server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPServer]:
    # Keep the HTTP cache out of the user's real cache directory.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("QUOTEVERIFY_WAYBACK_URL", local_server.url_for("/archive").rstrip("/"))
    local_server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    yield local_server
    local_server.clear()


def run_check(draft: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(cli, ["check", str(draft), "--no-library", "--allow-private", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def test_draft_checked_against_a_local_page(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/pier").respond_with_data((PAGES / "news.html").read_bytes(), content_type="text/html; charset=utf-8")
    url = server.url_for("/pier")
    draft = tmp_path / "draft.md"
    draft.write_text(
        "Council chair Odile Fairweather said: “We have asked commuters to walk an extra mile every morning "
        "for ten weeks, and that is not a fair ask of anyone.”\n",
        encoding="utf-8",
    )
    _, report = run_check(draft, "--source", url)
    quotes = report["documents"][0]["quotes"]
    assert quotes and quotes[0]["verdict"] == "verified"
    assert quotes[0]["evidence"]["outside_body"] is False
    source = next(s for s in report["sources"] if s["location"] == url)
    assert source["status"] == "ok" and source["kind"] == "web"
    assert source["author"] == "Priya Castellano"
    prov = source["provenance"]
    for key in ("requested_url", "final_url", "http_status", "fetched_at", "sha256", "extractor", "from_cache"):
        assert key in prov, key
    assert prov["http_status"] == 200 and prov["extractor"] == "trafilatura"
    assert prov["sha256"] == source["sha256"]


def test_webvtt_voice_decides_a_misattribution(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/meeting.vtt").respond_with_data((PAGES / "council.vtt").read_bytes(), content_type="text/vtt")
    url = server.url_for("/meeting.vtt")
    draft = tmp_path / "draft.md"
    draft.write_text(
        "At the meeting, chair Odile Fairweather said: “I want it on the record that the slipway comes first.”\n",
        encoding="utf-8",
    )
    code, report = run_check(draft, "--source", url)
    quote = report["documents"][0]["quotes"][0]
    assert quote["verdict"] == "misattributed"
    assert quote["evidence"]["speaker"] == "Rhys Amankwah"
    assert code == 1
