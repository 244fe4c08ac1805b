"""What a web page says: its article body, its whole visible text, and who wrote it when.

The article body (trafilatura) is the evidence a quote is checked against. The
whole visible page (BeautifulSoup) is kept separately because pages put other
people's words around an article (asides, "most read" boxes, comments): a match
only there is weaker evidence and the report must say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_BLANKS = re.compile(r"\n{3,}")

# trafilatura's output tree: elements that are paragraphs of their own.
_TEXT_BLOCKS = {"p", "head", "item", "code", "quote", "row", "list", "table", "div", "cell"}
_LEAF_BLOCKS = {"p", "head", "item", "code", "row"}

# HTML elements that start a new line in the visible page.
_HTML_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", "caption",
}
_INVISIBLE = ["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed", "canvas"]


@dataclass(frozen=True)
class PageContent:
    text: str
    full_text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    site_name: str | None = None
    description: str | None = None


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _inline_text(el: Any) -> str:
    parts: list[str] = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        parts.append(" " if child.tag == "lb" else _inline_text(child))
        if child.tag == "cell":
            parts.append(" ")
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraphs(el: Any, out: list[str]) -> None:
    """Collect the paragraphs of trafilatura's body tree, one per leaf block."""
    has_blocks = any(isinstance(c.tag, str) and c.tag in _TEXT_BLOCKS for c in el)
    if el.tag in _LEAF_BLOCKS or not has_blocks:
        text = _squash(_inline_text(el))
        if text:
            out.append(text)
        return
    if el.text and el.text.strip():
        out.append(_squash(el.text))
    for child in el:
        if isinstance(child.tag, str):
            _paragraphs(child, out)
        if child.tail and child.tail.strip():
            out.append(_squash(child.tail))


def main_text(html: str, url: str | None = None) -> tuple[str, dict[str, str | None]]:
    """The article body (paragraphs and blockquotes, blank line between) and trafilatura's metadata."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        include_links=False,
        include_images=False,
    )
    if doc is None:
        return "", {}
    meta: dict[str, str | None] = {
        key: getattr(doc, key, None) for key in ("title", "author", "date", "url", "sitename", "description")
    }
    body = getattr(doc, "body", None)
    paragraphs: list[str] = []
    if body is not None:
        for child in body:
            if isinstance(child.tag, str):
                _paragraphs(child, paragraphs)
    else:
        paragraphs = [_squash(p) for p in (getattr(doc, "text", "") or "").split("\n") if p.strip()]
    return "\n\n".join(paragraphs), meta


def visible_text(html: str) -> tuple[str, dict[str, str]]:
    """The whole visible page text (a blank line between blocks) and its meta tags."""
    from bs4 import BeautifulSoup, NavigableString, Tag

    soup = BeautifulSoup(html, "lxml")
    meta = _meta_tags(soup)
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag) or tag.decomposed:
            continue
        style = str(tag.get("style") or "").replace(" ", "").lower()
        if tag.has_attr("hidden") or tag.get("aria-hidden") == "true" or "display:none" in style:
            tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert_before(NavigableString("\n\n"))
        tag.append(NavigableString("\n\n"))
    lines = [_squash(line) for line in soup.get_text().split("\n")]
    text = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    return text, meta


def _meta_tags(soup: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    if soup.title and soup.title.string:
        meta["title"] = _squash(soup.title.string)
    for tag in soup.find_all("meta"):
        key = str(tag.get("name") or tag.get("property") or tag.get("itemprop") or "").strip().lower()
        content = _squash(str(tag.get("content") or ""))
        if key and content:
            meta.setdefault(key, content)
    for link in soup.find_all("link"):
        rel = link.get("rel") or []
        rels = [rel] if isinstance(rel, str) else list(rel)
        if "canonical" in [r.lower() for r in rels] and link.get("href"):
            meta.setdefault("canonical", str(link["href"]).strip())
    return meta


_NAME = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|da|del|la|le|bin|al)){1,3}"
_BYLINE = re.compile(rf"^(?i:by|written by)\s+({_NAME}(?:\s+and\s+{_NAME})?)\s*(?:[,|·•—–-]|$)")
# "By The Numbers", "By Our Reporter": capitalised phrases that are not names.
_NOT_FIRST_NAMES = {"the", "our", "their", "this", "that", "his", "her", "its", "a", "an", "staff", "all", "any", "no"}
# A byline sits near the top: among the first lines, before the story gets going.
_BYLINE_LINES = 12


def _byline(full_text: str) -> str | None:
    """A "By Name" line near the top of the page, for pages whose markup names no author."""
    lines = [line for line in full_text.split("\n") if line.strip()][:_BYLINE_LINES]
    for line in lines:
        m = _BYLINE.match(line.strip())
        if m and m.group(1).split()[0].lower() not in _NOT_FIRST_NAMES:
            return m.group(1)
    return None


def _person(value: str | None) -> str | None:
    """A byline as a name: profile URLs are not names, and "By" is not part of one."""
    if not value or re.match(r"(?i)^https?://", value.strip()):
        return None
    return re.sub(r"(?i)^by\s+", "", value.strip()) or None


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v and v.strip()), None)


def read_page(html: str, url: str | None = None) -> PageContent:
    """Main text, whole text and metadata of an HTML page."""
    from urllib.parse import urljoin

    full, tags = visible_text(html)
    try:
        text, meta = main_text(html, url)
    except Exception:  # noqa: BLE001
        # trafilatura is heuristic code over hostile markup; its failure must not lose the page,
        # whose visible text is still there (the caller falls back to it when the body is empty).
        text, meta = "", {}
    canonical = tags.get("canonical")
    return PageContent(
        text=text,
        full_text=full,
        title=_first(meta.get("title"), tags.get("og:title"), tags.get("twitter:title"), tags.get("title")),
        # The page's own author tag is what the publisher claims; trafilatura's byline heuristics come next.
        author=_first(
            *(_person(v) for v in (tags.get("author"), tags.get("article:author"), meta.get("author"), tags.get("byl"))),
            _byline(full),
        ),
        published=_first(
            tags.get("article:published_time"),
            tags.get("datepublished"),
            tags.get("date"),
            tags.get("dc.date"),
            meta.get("date"),
        ),
        url=_first(urljoin(url or "", canonical) if canonical else None, tags.get("og:url"), meta.get("url")),
        site_name=_first(tags.get("og:site_name"), meta.get("sitename")),
        description=_first(tags.get("description"), tags.get("og:description"), meta.get("description")),
    )
