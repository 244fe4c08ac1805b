"""Shared test set-up: no test reads or writes the user's real cache directory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ice-repost.txt"
LIBRARY = ROOT / "sources"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The HTTP cache and the library index live in the cache directory: one per test, so that
    # no test sees a developer's cached pages or another test's responses.
    monkeypatch.setenv("QUOTEVERIFY_CACHE_DIR", str(tmp_path / "qv-cache"))


@pytest.fixture
def doctored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled example with two of Trump's quotes changed by one word each."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (("very important goal", "very big goal"), ("core of the Democrat", "heart of the Democrat")):
        assert old in text
        text = text.replace(old, new)
    shutil.copytree(LIBRARY, tmp_path / "sources")
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return path
