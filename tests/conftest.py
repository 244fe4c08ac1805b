"""Shared test set-up: no test reads or writes the user's real cache directory."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The HTTP cache and the library index live in the cache directory: one per test, so that
    # no test sees a developer's cached pages or another test's responses.
    monkeypatch.setenv("QUOTEVERIFY_CACHE_DIR", str(tmp_path / "qv-cache"))
