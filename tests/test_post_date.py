"""A dead link in a dated draft is checked against the archive capture nearest the draft's date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from quoteverify.cli import cli

EARLY = "<html><body><article><p>Councillor Imani Vasquez said the ferry fare will stay at two dollars through the summer.</p></article></body></html>"
LATE = "<html><body><article><p>Councillor Imani Vasquez said the ferry fare will rise to three dollars in the autumn.</p></article></body></html>"


@pytest.fixture
def archive(httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    dead = httpserver.url_for("/news/ferry-fares")
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/news/ferry-fares").respond_with_data("gone", status=410)
    rows = [["timestamp", "original", "statuscode"], ["20250301090000", dead, "200"], ["20251001090000", dead, "200"]]
    httpserver.expect_request("/wayback/cdx/search/cdx").respond_with_json(rows)
    httpserver.expect_request(f"/wayback/web/20250301090000id_/{dead}").respond_with_data(EARLY, content_type="text/html; charset=utf-8")
    httpserver.expect_request(f"/wayback/web/20251001090000id_/{dead}").respond_with_data(LATE, content_type="text/html; charset=utf-8")
    monkeypatch.setenv("QUOTEVERIFY_WAYBACK_URL", httpserver.url_for("/wayback").rstrip("/"))
    monkeypatch.setenv("QUOTEVERIFY_CACHE_DIR", str(tmp_path / "cache"))
    return dead


def draft(tmp_path: Path, date: str, url: str) -> Path:
    path = tmp_path / f"draft-{date}.md"
    path.write_text(
        f"---\ntitle: Fares\ndate: {date}\n---\n\nCouncillor Imani Vasquez said \"the ferry fare will stay at two dollars\" "
        f"([the story]({url})).\n",
        encoding="utf-8",
    )
    return path


def verdict(path: Path, *extra: str) -> tuple[str, dict[str, object]]:
    result = CliRunner().invoke(cli, ["check", str(path), "--no-library", "--allow-private", "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    quote = next(q for q in data["documents"][0]["quotes"] if q["kind"] == "statement")
    archived = next(s for s in data["sources"] if s["status"] == "ok")
    return quote["verdict"], archived


def test_front_matter_date_picks_the_capture(archive: str, tmp_path: Path) -> None:
    got, source = verdict(draft(tmp_path, "2025-03-05", archive))
    assert got == "verified"
    assert "20250301090000" in json.dumps(source)


def test_later_post_sees_the_later_capture(archive: str, tmp_path: Path) -> None:
    got, source = verdict(draft(tmp_path, "2025-10-02", archive))
    assert got == "altered"
    assert "20251001090000" in json.dumps(source)


def test_post_date_option_overrides_front_matter(archive: str, tmp_path: Path) -> None:
    got, source = verdict(draft(tmp_path, "2025-10-02", archive), "--post-date", "2025-03-02")
    assert got == "verified"
    assert "20250301090000" in json.dumps(source)
