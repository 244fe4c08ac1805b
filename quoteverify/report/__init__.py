"""Renderers: a `Report` in, text out. Renderers never decide verdicts."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Report
from .github import render_github
from .html import render_html
from .json import render_json
from .junit import render_junit
from .sarif import render_sarif
from .text import render_text

Renderer = Callable[..., str]

FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "junit": render_junit,
    "html": render_html,
}


def render(report: Report, fmt: str = "text", **options: object) -> str:
    """Render ``report`` in format ``fmt`` (one of `FORMATS`)."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    return renderer(report, **options)


__all__ = [
    "FORMATS",
    "render",
    "render_github",
    "render_html",
    "render_json",
    "render_junit",
    "render_sarif",
    "render_text",
]
