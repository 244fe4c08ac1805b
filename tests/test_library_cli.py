"""`quoteverify library ...` as a user runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from quoteverify.cli import cli

PAGE = "<html><head><title>Harbor plan</title></head><body><article><p>{}</p></article></body></html>"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUOTEVERIFY_CACHE_DIR", str(tmp_path / "cache"))
    lib = tmp_path / "sources"
    lib.mkdir()
    return lib


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_add_url_twice_keeps_an_edition(env: Path, httpserver: HTTPServer) -> None:
    first = "The harbor plan will add two new ferry berths by the end of the coming summer season."
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/plan").respond_with_data(PAGE.format(first), content_type="text/html")
    url = httpserver.url_for("/plan")
    code, out, err = run("library", "add", url, "--library", str(env), "--allow-private")
    assert code == 0, err
    assert out.startswith("new")
    httpserver.clear()
    second = "The harbor plan will add one new ferry berth by the end of the coming summer season."
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/plan").respond_with_data(PAGE.format(second), content_type="text/html")
    code, out, err = run("library", "add", url, "--library", str(env), "--allow-private")
    assert code == 0, err
    assert out.startswith("edition")
    saved = sorted(env.rglob("*.md"))
    assert len(saved) == 2
    texts = [p.read_text() for p in saved]
    assert any("two new ferry berths" in t for t in texts) and any("one new ferry berth" in t for t in texts)
    assert all(f"url: {url}" in t and "sha256:" in t and "fetched:" in t for t in texts)
    code, out, _ = run("library", "search", "add two new ferry berths", "--library", str(env))
    assert code == 0 and "two new ferry berths" in out


def test_add_list_search_remove_stats_reindex(env: Path, tmp_path: Path) -> None:
    note = tmp_path / "minutes.txt"
    note.write_text("---\ntitle: Minutes\nauthor: Dana Reyes\n---\nWe will keep the museum open every weekend this year.\n")
    assert run("library", "add", str(note), "--library", str(env))[0] == 0
    code, out, _ = run("library", "list", "--library", str(env))
    assert code == 0 and "minutes.txt\tMinutes\tDana Reyes" in out
    code, out, _ = run("library", "search", "keep the museum open", "--library", str(env))
    assert "minutes.txt" in out
    code, out, _ = run("library", "stats", "--library", str(env))
    assert "files\t1" in out
    assert run("library", "reindex", "--library", str(env))[0] == 0
    assert run("library", "remove", "minutes.txt", "--library", str(env))[0] == 0
    code, out, _ = run("library", "stats", "--library", str(env))
    assert "files\t0" in out


def test_errors_are_one_line_exit_2(env: Path) -> None:
    code, _, err = run("library", "remove", "nope.txt", "--library", str(env))
    assert code == 2 and err.count("\n") == 1 and "not in the library" in err
    code, _, err = run("library", "add", "missing.txt", "--library", str(env))
    assert code == 2 and "no such file" in err


@pytest.mark.parametrize("sub", ["add", "list", "search", "remove", "stats", "reindex"])
def test_help_ends_with_an_example(sub: str) -> None:
    code, out, _ = run("library", sub, "--help")
    assert code == 0 and "Example:" in out
