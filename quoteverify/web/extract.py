"""Choose how to read a fetched body (HTML, caption file, plain text) and read it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..model import Turn
from .decode import decode_body
from .html import read_page
from .transcript import detect_format, parse_transcript

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_VTT_TYPES = ("text/vtt",)
_SRT_TYPES = ("application/x-subrip", "text/srt", "application/srt", "text/x-srt")
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript")
_NOT_TEXT = ("image/", "audio/", "video/", "font/", "application/zip", "application/gzip")


@dataclass(frozen=True)
class Extracted:
    text: str
    extractor: str
    full_text: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    site_name: str | None = None
    turns: tuple[Turn, ...] = ()


def _pdf(body: bytes) -> Extracted:
    """The text of a PDF, when the optional PDF library (pypdf) is installed."""
    try:
        import pypdf
    except ImportError:
        raise ValueError("PDF sources need the optional PDF support: pip install 'quoteverify[pdf]'") from None
    import io

    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        if reader.is_encrypted:
            reader.decrypt("")  # many "encrypted" PDFs only restrict printing, with an empty password
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of error on broken files
        raise ValueError(f"cannot read the PDF ({type(exc).__name__})") from None
    # PDF text is hard-wrapped: rejoin words split by a hyphen at the end of a line.
    text = "\n\n".join(re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", p).strip() for p in pages if p.strip())
    title = str(info.title).strip() if info is not None and info.title else None
    author = str(info.author).strip() if info is not None and info.author else None
    return Extracted(text=text, extractor="pdf", title=title or None, author=author or None)


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _looks_like_html(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:1024].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return "<html" in head or bool(re.search(r"<(?:head|body)[\s>]", head))


def extract_document(body: bytes, content_type: str | None, url: str) -> Extracted:
    """Read a body; raise `DecodeError` (not text) or `ValueError` (a kind we cannot read)."""
    media = _media_type(content_type)
    path = urlsplit(url).path.lower()
    if media == "application/pdf" or body[:5] == b"%PDF-":
        return _pdf(body)
    if media.startswith(_NOT_TEXT):
        raise ValueError(f"not a text page ({media})")
    text = decode_body(body, content_type).lstrip("\ufeff")
    kind = detect_format(text)
    if kind is None and (media in _VTT_TYPES or path.endswith(".vtt")):
        kind = "vtt"
    if kind is None and (media in _SRT_TYPES or path.endswith(".srt")):
        kind = "srt"
    if kind in ("vtt", "srt") and media not in _HTML_TYPES:
        spoken, turns = parse_transcript(text, kind)
        return Extracted(text=spoken, extractor=kind, turns=turns)
    sniffable = media in ("", "text/plain", "application/octet-stream")
    if media in _HTML_TYPES or (sniffable and _looks_like_html(text)):
        page = read_page(text, url)
        main = page.text
        extractor = "trafilatura"
        if not main.strip():
            # No article body found: the visible page is all there is, so it is the text.
            main, extractor = page.full_text, "html"
        return Extracted(
            text=main,
            extractor=extractor,
            full_text=page.full_text if page.full_text and page.full_text != main else None,
            title=page.title,
            author=page.author,
            published=page.published,
            url=page.url,
            site_name=page.site_name,
        )
    if media and not media.startswith(_TEXT_TYPES) and media != "application/octet-stream":
        raise ValueError(f"not a text page ({media})")
    return Extracted(text=text.replace("\r\n", "\n").strip(), extractor="text")
