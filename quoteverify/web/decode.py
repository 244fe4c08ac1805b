"""Bytes to text for fetched pages.

requests falls back to ISO-8859-1 for any text/* response without a charset,
which turns every UTF-8 curly quote into mojibake, and a quote checker that
cannot see curly quotes is useless. The order here follows what browsers do:
byte order mark, the Content-Type header, the page's own ``<meta>``
declaration, then detection.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard); pages
# that say latin-1 almost always contain cp1252 curly quotes in 0x80-0x9f.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819", "iso_8859-1"}

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# The meta declaration must appear early (the HTML spec prescans 1024 bytes; be generous).
_PRESCAN = 4096


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can determine."""


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return m.group(1) if m else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _try(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_body(data: bytes, content_type: str | None = None) -> str:
    """Decode a response body; raise `DecodeError` when it is not text.

    A declared charset that does not fit the bytes is skipped rather than
    trusted with replacement characters: mislabelled pages are common, and a
    replacement character inside a quote would make it unverifiable.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom):], codec)
            if text is not None:
                return text
    declared = _try(data, _codec(charset_from_content_type(content_type)))
    if declared is not None:
        return declared
    m = _META_CHARSET.search(data[:_PRESCAN])
    if m:
        # A UTF-16 label inside an ASCII-readable document is necessarily wrong.
        meta_codec = _codec(m.group(1).decode("ascii", "replace"))
        if meta_codec and not meta_codec.startswith("utf-16"):
            from_meta = _try(data, meta_codec)
            if from_meta is not None:
                return from_meta
    if not data:
        return ""
    as_utf8 = _try(data, "utf-8")
    if as_utf8 is not None and "\x00" not in as_utf8:
        # Valid UTF-8 is almost never anything else; detection only adds risk.
        return as_utf8
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("the body is not text in any encoding that could be detected")
    return str(best)
