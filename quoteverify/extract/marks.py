"""Quote-mark pairing: one linear pass over the marks, paragraph by paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# Blank lines end a paragraph; an unclosed mark is recovered there so that one
# typo never shifts the pairing of the rest of the document.
# Two apostrophes are a double quote in some archives ("''Yes,'' he said").
# A run of three or more identical marks is decoration or noise, never a quote,
# except three apostrophes: a single and a double mark side by side (see _marks).
# A straight double pair with no other mark or line break inside, opening
# after a word and a space (or a bracket) and closing before a space or
# punctuation, pairs with itself whatever is open around it: matched whole,
# it costs one step instead of two (quote-dense text stays fast).
_SIMPLE = (
    "\"(?:(?<=[^\\s\u2022*\\->] \")|(?<=[(\\[{\u2014\u2013/:]\"))"
    "[A-Za-z0-9](?:[^\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019'\n]*[A-Za-z0-9.,!?;)\u2026])?\""
    "(?=[ \t\n\r\u00a0.,;:!?)\\]}\u2014\u2013\\-*_\u2026]|$)"
)
# Runs are spelled out per mark: a backreference repeated over megabytes of
# one mark is superlinear in Python's re (50 MB of '"' took 15 s, now 0.03 s).
_RUNS = "|".join(re.escape(c) + "{3,}" for c in "\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019'")
_MARK_RE = re.compile("(?P<simple>" + _SIMPLE + ")|" + _RUNS + "|''|\u2018\u2018|\u2019\u2019|[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019']|\n[ \t\u00a0]*\n")
_OPEN_BEFORE = set(" \t\n\r\u00a0([{\u2014\u2013-/:>*_")
_CLOSE_AFTER = set(" \t\n\r\u00a0.,;:!?)]}\u2014\u2013-*_\u2026")
# A stray closer may end a quote opened this many characters earlier (a repost
# of a whole article); further than that it is more likely a typo.
_MAX_DOCUMENT_SPAN = 60000


class Pair(NamedTuple):
    """Offsets of an opening and a closing mark in the scanned text."""

    open: int
    close: int
    family: str
    # True when the pair was recovered (unclosed at paragraph end).
    recovered: bool = False
    # Width of the opening mark ('' is two characters).
    width: int = 1


_FAMILY = {"\u2018": "s", "\u2019": "s", "'": "s", "\u00ab": "g", "\u00bb": "g"}


def _family(ch: str) -> str:
    if ch in "\u2018\u2019'":
        return "s"
    if ch in "\u00ab\u00bb":
        return "g"
    return "d"


def _marks(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, simple pair?) of each mark; three apostrophes are two marks.

    A single quote closing inside a double one ("'No,''' she said": ' then
    ''), or, where a quote opens, a double opening a single ('' then ').
    """
    for m in _MARK_RE.finditer(text):
        i, e = m.start(), m.end()
        if e - i == 3 and text[i] == "'":
            if i > 0 and not text[i - 1].isspace():
                yield i, i + 1, False
                yield i + 1, e, False
            else:
                yield i, i + 2, False
                yield i + 2, e, False
            continue
        yield i, e, m.lastgroup == "simple"


def pair_marks(text: str, unclosed: list[int] | None = None) -> list[Pair]:
    """Pair the quote marks of ``text``; the result is sorted by opening offset.

    ``unclosed``, when given, receives the offsets of double and angle
    openers that no mark ever closes: the words after them are in no quote.
    """
    n = len(text)
    pairs: list[Pair] = []
    stack: list[tuple[int, str]] = []
    wide: set[int] = set()
    counts = {"d": 0, "s": 0, "g": 0}
    pending: list[int] = []  # unclosed double openers from earlier paragraphs
    para_start = 0
    skip_reopen = -1

    def push(pos: int, fam: str) -> None:
        stack.append((pos, fam))
        counts[fam] += 1

    def close_family(pos: int, fam: str) -> bool:
        if not counts[fam]:
            return False
        if stack[-1][1] == fam:  # the usual case: the innermost quote closes
            pairs.append(Pair(stack.pop()[0], pos, fam))
            counts[fam] -= 1
            return True
        while stack:
            p, f = stack.pop()
            counts[f] -= 1
            if f == fam:
                pairs.append(Pair(p, pos, fam))
                return True
        return False

    new_pair = tuple.__new__
    for i, m_end, simple in _marks(text):
        if simple:
            pairs.append(new_pair(Pair, (i, m_end - 1, "d", False, 1)))
            continue
        ch = text[i]
        if ch == "\n":
            end = m_end
            j = end
            while j < n and text[j] in " \t\u00a0\u2022*->":
                j += 1
            reopen = j < n and text[j] in "\"\u201c\u201e\u00ab"
            carried: list[tuple[int, str]] = []
            for p, f in stack:
                if f == "d" and reopen and not carried:
                    carried.append((p, f))
                elif f == "d":
                    pending.append(p)
                elif f == "g":
                    pairs.append(Pair(p, i, f, recovered=True))
            stack.clear()
            counts = {"d": 0, "s": 0, "g": 0}
            for p, f in carried:
                push(p, f)
                skip_reopen = j
            para_start = end
            continue
        if i == skip_reopen:
            continue
        w = m_end - i
        if w > 2 or (w == 2 and ch not in "'\u2018\u2019"):
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + w] if i + w < n else " "
        if w == 2:
            wide.add(i)
            ch = '"'  
        opener_ctx = (i == para_start or prev in _OPEN_BEFORE or prev in "\"\u201c\u2018") and not nxt.isspace()
        closer_ctx = (not prev.isspace() and i != para_start) and (nxt in _CLOSE_AFTER or nxt in "\"\u201d\u2019'" or i + w >= n)
        fam = _FAMILY.get(ch, "d")
        if fam == "s":
            if prev.isalnum() and nxt.isalnum():
                continue  # don't, O'Brien
            if opener_ctx and not closer_ctx:
                if nxt.isdigit() or ch == "\u2019":
                    continue  # '97, 'em written with a closing mark
                push(i, "s")
            elif closer_ctx and counts["s"]:
                close_family(i, "s")
            continue
        if ch == "\u00ab":
            push(i, "g")
            continue
        if ch == "\u00bb":
            close_family(i, "g")
            continue
        if ch in "\u201c\u201e":
            if ch == "\u201c" and closer_ctx and not opener_ctx and counts["d"]:
                close_family(i, "d")
            else:
                push(i, "d")
            continue
        if ch == "\u201d" or (closer_ctx and not opener_ctx) or (opener_ctx == closer_ctx and counts["d"]):
            if ch == "\u201d" and opener_ctx and not closer_ctx and not counts["d"]:
                push(i, "d")
            elif not close_family(i, "d"):
                # A closer with nothing open here: the end of a passage quoted
                # across paragraphs (a repost) when one is pending.
                if pending and i - pending[-1] <= _MAX_DOCUMENT_SPAN:
                    pairs.append(Pair(pending.pop(), i, "d"))
                if unclosed is not None:
                    unclosed += pending
                pending.clear()
            continue
        push(i, "d")
    for p, f in stack:
        if f != "s":
            pending.append(p)
    if unclosed is not None:
        unclosed += pending
        unclosed.sort()
    if wide:
        pairs = [Pair(q.open, q.close, q.family, q.recovered, 2 if q.open in wide else 1) for q in pairs]
    # By opening mark, the longer of two pairs sharing one first.
    pairs.sort()
    for k in range(len(pairs) - 1):
        if pairs[k].open == pairs[k + 1].open:
            pairs.sort(key=lambda q: (q.open, -q.close))
            break
    return pairs
