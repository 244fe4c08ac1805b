"""Read stage: turn what the user gave into a `Document`, and local originals into `Source`s.

Offsets are sacred here: `Document.text` is the input exactly as decoded, and
for HTML the plain view carries a map back into it, so every position a report
shows points at the user's own file.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import yaml

from .errors import InputError
from .model import Document, Source, Turn

if TYPE_CHECKING:
    from .web import WebClient

DocKind = Literal["text", "markdown", "html"]
SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".vtt", ".srt")

# Control characters other than tab, newline, carriage return and form feed
# almost never occur in prose; many of them mean the bytes are not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_input(spec: str, *, stdin: IO[bytes] | None = None, web: WebClient | None = None) -> Document:
    """Read one INPUT: a path, an http(s) URL, or ``-`` for standard input."""
    if spec == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return document_from_bytes(stream.read(), "-")
    if re.match(r"(?i)^https?://", spec):
        if web is None:
            raise InputError(f"{spec}: URLs cannot be fetched in this run", "drop --offline or save the page and pass the file")
        body, content_type, _final = web.fetch_input(spec)
        return document_from_bytes(body, spec, content_type=content_type)
    path = Path(spec)
    if not path.exists():
        raise InputError(f"{spec}: no such file", "check the path, or pass - to read standard input")
    if path.is_dir():
        raise InputError(f"{spec}: is a folder, not a file", f"pass the files inside it, e.g. {spec.rstrip('/')}/*.md")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{spec}: cannot be read ({exc.strerror})", "check its permissions") from None
    return document_from_bytes(data, spec)


def document_from_bytes(data: bytes, location: str, content_type: str | None = None) -> Document:
    text = decode_bytes(data, location, declared=_charset_of(content_type))
    if not text.strip():
        raise InputError(f"{location}: is empty", "give a file that contains the text to check")
    kind = guess_kind(location, text, content_type)
    if kind == "html":
        plain, plain_map = html_to_plain(text)
        return Document.from_text(text, location, kind, plain=plain, plain_map=plain_map)
    return Document.from_text(text, location, kind)


def guess_kind(location: str, text: str, content_type: str | None = None) -> DocKind:
    lower = location.lower().split("?")[0]
    if content_type and "html" in content_type.lower():
        return "html"
    if lower.endswith((".html", ".htm")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text):
        return "html"
    return "text"


def _charset_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def decode_bytes(data: bytes, location: str, declared: str | None = None) -> str:
    """Decode bytes that should be text, or raise `InputError` saying why they are not."""
    if not data:
        raise InputError(f"{location}: is empty", "give a file that contains the text to check")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:8192]:
        raise InputError(f"{location}: looks like a binary file, not text", "give a .txt, .md or .html file")
    if declared:
        try:
            return _check_text(data.decode(declared), location)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return _check_text(data.decode("utf-8"), location)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            f"{location}: is not in a text encoding quoteverify can read",
            "save it as UTF-8 and try again",
        )
    return _check_text(str(best), location)


def _check_text(text: str, location: str) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError(f"{location}: looks like a binary file, not text", "give a .txt, .md or .html file")
    return text


# -- HTML -------------------------------------------------------------------

_SKIP = {"script", "style", "nav", "aside", "noscript", "template", "head", "svg", "iframe", "form", "button"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
    "tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "pre", "hr", "dd", "dt", "main",
}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


class _PlainParser(HTMLParser):
    """Collects visible text with, for every character, its offset in the raw HTML."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.lines = [0]
        for m in re.finditer("\n", raw):
            self.lines.append(m.end())
        self.out: list[str] = []
        self.map: list[int] = []
        self.skip_depth = 0
        self.space_pending = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def _emit(self, text: str, offsets: list[int]) -> None:
        for ch, off in zip(text, offsets):
            if ch in " \t\r\n\f":
                if self.out and self.out[-1] not in " \n":
                    self.out.append(" ")
                    self.map.append(off)
                continue
            self.out.append(ch)
            self.map.append(off)

    def _paragraph(self, off: int) -> None:
        while self.out and self.out[-1] == " ":
            self.out.pop()
            self.map.pop()
        if not self.out:
            return
        trailing = 2 if self.out[-2:] == ["\n", "\n"] else 1 if self.out[-1] == "\n" else 0
        for _ in range(2 - trailing):
            self.out.append("\n")
            self.map.append(off)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        off = self._offset()
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag in _BLOCK:
            self._paragraph(off)
        if tag == "q":
            # <q> renders with quote marks the raw text does not hold; add them
            # (mapped onto the tag) so the extractor sees a quote.
            self.out.append("\u201c")
            self.map.append(off)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip_depth and tag in _BLOCK:
            self._paragraph(self._offset())

    def handle_endtag(self, tag: str) -> None:
        off = self._offset()
        if tag in _SKIP:
            if tag not in _VOID and self.skip_depth:
                self.skip_depth -= 1
            return
        if self.skip_depth:
            return
        if tag == "q":
            self.out.append("\u201d")
            self.map.append(off)
        if tag in _BLOCK:
            self._paragraph(off)

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        start = self._offset()
        self._emit(data, list(range(start, start + len(data))))

    def _entity(self, raw: str) -> None:
        if self.skip_depth:
            return
        off = self._offset()
        text = unescape(raw)
        if text == raw:  # unknown entity: keep it as written
            self._emit(raw, list(range(off, off + len(raw))))
        else:
            self._emit(text, [off] * len(text))

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")


def html_to_plain(html: str) -> tuple[str, tuple[int, ...]]:
    """The visible text of an HTML page, and each character's offset in ``html``.

    Block elements become blank-line paragraph breaks; script, style, nav and
    aside are dropped. Malformed HTML never raises: the parser recovers.
    """
    parser = _PlainParser(html)
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError, IndexError):
        # html.parser is lenient but can still trip on broken markup; keep what it read so far.
        pass
    out, offsets = parser.out, parser.map
    while out and out[-1] in " \n":
        out.pop()
        offsets.pop()
    return "".join(out), tuple(offsets)


# -- Local sources ----------------------------------------------------------

_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


# libyaml's safe loader is ~10x faster; a library check reads thousands of front matters.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Split a YAML front matter block off ``text``: (metadata, body, offset of body)."""
    m = _FRONT.match(text)
    if not m:
        return {}, text, 0
    try:
        meta = yaml.load(m.group(1), Loader=_YAML_LOADER)  # a safe loader (C when built)
    except yaml.YAMLError:
        return {}, text, 0
    if not isinstance(meta, dict):
        return {}, text, 0
    return {str(k): v for k, v in meta.items()}, text[m.end():], m.end()


def post_date(document: Document) -> str | None:
    """The date a post or draft gives itself in its front matter (``date`` or ``published``), as YYYY-MM-DD."""
    meta, _, _ = split_front_matter(document.text)
    value = _meta_str(meta, "date", "published")
    if value is None:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    return m.group(0) if m else None


def _meta_str(meta: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, list) and value:
            value = value[0]
        if value not in (None, ""):
            return str(value)
    return None


def read_source_file(path: Path) -> Source:
    """A saved original as a `Source`; a file that cannot be read is a Source with a status."""
    location = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Source(location=location, status="unreachable", detail=f"cannot read: {exc.strerror}")
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = decode_bytes(data, location)
    except InputError as exc:
        return Source(location=location, status="unreadable", detail=exc.message, sha256=digest)
    meta, body, offset = split_front_matter(text)
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md", ".markdown", ".text") and offset:
        # Blank the front matter rather than cut it, so that evidence offsets (and lines) are the file's own.
        body = re.sub(r"[^\n]", " ", text[:offset]) + body
    turns: tuple[Turn, ...] = ()
    full_text: str | None = None
    extractor = "text"
    title = _meta_str(meta, "title")
    if suffix in (".html", ".htm"):
        body, full_text, page_meta = _html_source(body)
        extractor = "html"
        title = title or page_meta.get("title")
        meta = {**{k: v for k, v in page_meta.items() if v}, **meta}
    elif suffix in (".vtt", ".srt"):
        from .web.transcript import parse_transcript

        body, turns = parse_transcript(body, suffix.lstrip("."))
        extractor = suffix.lstrip(".")
    if not body.strip():
        return Source(location=location, status="unreadable", detail="no text in the file", sha256=digest)
    rank = _meta_str(meta, "rank")
    return Source(
        location=location,
        status="ok",
        text=body,
        title=title,
        author=_meta_str(meta, "author", "speaker", "by"),
        published=_meta_str(meta, "published", "date"),
        url=_meta_str(meta, "url", "source_url"),
        sha256=digest,
        kind="file",
        rank=rank if rank in ("speaker", "news", "reproduction") else "unknown",  # type: ignore[arg-type]
        turns=turns,
        full_text=full_text,
        provenance={"path": location, "extractor": extractor},
    )


def _html_source(html: str) -> tuple[str, str | None, dict[str, str]]:
    """Main text, whole text and metadata of a saved HTML page, read as a fetched page would be."""
    from .web.html import read_page

    page = read_page(html)
    meta = {k: v for k, v in (("title", page.title), ("author", page.author), ("published", page.published), ("url", page.url)) if v}
    if page.text.strip() and page.text != page.full_text:
        return page.text, page.full_text, meta
    return page.full_text, None, meta
