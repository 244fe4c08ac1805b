"""Renderers: a `Report` in, text out. Renderers never decide verdicts."""

from __future__ import annotations

from typing import Callable

from ..model import Report
from .json import render_json
from .text import render_text

Renderer = Callable[..., str]

FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
}


def render(report: Report, fmt: str = "text", **options: object) -> str:
    """Render ``report`` in format ``fmt`` (one of `FORMATS`)."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    return renderer(report, **options)


__all__ = ["FORMATS", "render", "render_json", "render_text"]
