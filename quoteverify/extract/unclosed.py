"""Quote marks that open and never close: the words after them are in no quote.

A missing closing mark hides a quote from every check, so a doctored quote
with a typo in its punctuation would pass silently; these are reported as
notices instead, with the place of the opening mark.
"""

from __future__ import annotations

from ..model import Document, Notice
from .furniture import mask
from .marks import pair_marks

RULE = "unclosed-quote"


def unclosed_quotes(document: Document) -> tuple[Notice, ...]:
    """A notice for each double or angle quote mark of ``document`` that nothing closes."""
    plain = document.plain if document.plain or not document.text else document.text
    work = mask(plain)
    openers: list[int] = []
    pair_marks(work, unclosed=openers)
    notices = []
    for at in openers:
        start = document.to_text_offset(at)
        line, column = document.line_col(start)
        words = " ".join(plain[at + 1 : at + 80].split()[:8])
        notices.append(
            Notice(
                rule=RULE,
                start=start,
                line=line,
                column=column,
                message=f'a quote mark opens here and is never closed: the words after it ("{words}…") were not checked',
            )
        )
    return tuple(notices)
