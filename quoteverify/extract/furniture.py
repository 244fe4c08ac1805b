"""Page furniture: what is on the page but is not the story's text.

``mask`` returns a copy of the text of the same length in which furniture is
blanked out, so every offset found in the mask is an offset of the input.
"""

from __future__ import annotations

import re

from .cues import VERB_CUES

_CHROME = frozenset(
    {
        "back", "top", "reply", "quote", "share", "like", "report", "well-known member",
        "new member", "active member", "senior member", "member", "advertisement", "related",
        "print", "menu", "search", "home", "next", "previous", "subscribe", "sign in", "log in",
    }
)
_LINE_RE = re.compile(r"[^\n]*")
_LEAD_RE = re.compile(r"[ \t\u00a0]*(?:(?:>[ \t]?)+|[\u2022\u25cf\u25aa*+\-][ \t]|\d{1,3}[.)][ \t]|#{1,6}[ \t])?")
# "The big picture:" — a short label with lowercase words, not a speaker label.
_LABEL_RE = re.compile(r"[A-Z][A-Za-z'\u2019]*(?: [a-zA-Z'\u2019]+){0,4}:(?=[ \t])")
_CAPTION_RE = re.compile(r"\b(?:Photo|Photos|Image|Credit|Photograph)(?: by)?:|Getty Images|AP Photo|\(Photo", re.IGNORECASE)
_EMPH_RE = re.compile(r"\*{1,3}|(?<![\w])_{1,3}|_{1,3}(?![\w])|\]\([^)\s]*\)|\[(?=[^\]\n]*\]\()")


def _blank(chars: list[str], start: int, end: int) -> None:
    for k in range(start, end):
        if chars[k] != "\n":
            chars[k] = " "


_HEAD_RE = re.compile(r"[ \t\u00a0]*([^\n]{1,200})\n[ \t\u00a0]*\n(?=[^\n]*\S)")
_LABELLED_RE = re.compile(r"(?:[A-Z][\w.\u2019'\-]*\s){0,3}[A-Z][\w.\u2019'\-]*:\s")
_END_PUNCT_RE = re.compile("[.!?\u2026][\"\u201d\u2019')]*$")


def headline_end(plain: str) -> int:
    """The end of a headline opening the text, or 0.

    A headline is a first line of at most 25 words, set apart by a blank line
    and followed by more text, that reads as a headline rather than a lede:
    title case, no closing full stop, a "Name: 'words'" label, or quotes in
    single marks (the headline style).
    """
    m = _HEAD_RE.match(plain)
    if m is None:
        return 0
    line = m.group(1).strip()
    words = line.split()
    if not words or len(words) > 25 or len(plain) - m.end() < len(line) or line.endswith(":"):
        return 0  # a line ending in a colon introduces what follows
    # Title case: every word capitalised but the short function words.
    title_case = len(words) >= 3 and all(w[:1].isupper() or not w[:1].isalpha() or len(w) <= 3 for w in words)
    singles = bool(re.search("(?:^|[\\s(:])[\u2018'][A-Za-z]", line)) and not re.search("[\"\u201c]", line)
    if title_case or singles or _LABELLED_RE.match(line) or not _END_PUNCT_RE.search(line):
        return m.end(1)
    return 0


# A dateline opening a story: "WASHINGTON —", "DALLAS (AP) —", "NEW YORK, Dec. 11 (UPI) —".
_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'\u2019\-]+(?: [A-Z][A-Z.'\u2019\-]+){0,3}(?:, [A-Z][A-Za-z.]{1,12})?(?:,? [A-Z][a-z]{2,4}\.? \d{1,2})?"
    r"(?: \([A-Za-z]{2,12}\))?[ \t\u00a0]*(?:[\u2014\u2013]|--)[ \t\u00a0]"
)


def mask(plain: str) -> str:
    chars = list(plain)
    head = headline_end(plain)
    if head:
        _blank(chars, 0, head)
    if "\u2014" in plain or "\u2013" in plain or "--" in plain:
        for m in _DATELINE_RE.finditer(plain):
            _blank(chars, m.start(), m.end())
    for m in _LINE_RE.finditer(plain):
        s, e = m.start(), m.end()
        if s == e:
            continue
        line = m.group(0)
        stripped = line.strip(" \t\u00a0").lower()
        if stripped in _CHROME:
            _blank(chars, s, e)
            continue
        if e - s < 400 and _CAPTION_RE.search(line) and not re.search("[\"\u201c\u201d]", line):
            _blank(chars, s, e)
            continue
        lead = _LEAD_RE.match(line)
        p = s
        if lead and lead.end():
            _blank(chars, s, s + lead.end())
            p = s + lead.end()
        lab = _LABEL_RE.match(plain, p, e)
        words = lab.group(0).split() if lab else []
        if (
            lab
            and any(w[:1].islower() for w in words[1:])
            # "As Foner put it:" names someone and introduces words; a label names no one.
            and not any(w[:1].isupper() for w in words[1:])
            and not any(w.strip(":").lower() in VERB_CUES or w.strip(":") in ("put", "puts") for w in words)
        ):
            _blank(chars, p, lab.end())
    if "*" in plain or "_" in plain or "](" in plain:
        for m in _EMPH_RE.finditer(plain):
            _blank(chars, m.start(), m.end())
    return "".join(chars)
