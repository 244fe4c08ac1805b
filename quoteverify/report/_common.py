"""What several renderers share: where a quote is, how it differs from its source, what fails.

Nothing here decides a verdict; these helpers only describe the ones in a `Report`.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote as url_quote

from ..model import Change, Document, DocumentReport, Finding, Quote, Report, Source

# Changes a reader need not see as a word diff: they never alter the words.
QUIET_OPS = ("case", "punctuation")

# One-word labels and the symbol shown beside them, so a verdict never rests on colour alone.
VERDICT_SYMBOL = {"altered": "✗", "misattributed": "⚠", "unverified": "?", "verified": "✓"}

_URL = re.compile(r"(?i)^[a-z][a-z0-9+.-]*://")

Level = Literal["error", "warning", "note", "none"]


# -- what fails ---------------------------------------------------------------------------------

def fail_on_set(fail_on: object = None) -> frozenset[str]:
    """The verdicts that fail a run: the renderer option as given, else the checker's default."""
    if fail_on is None:
        from ..check import DEFAULT_FAIL_ON

        return frozenset(DEFAULT_FAIL_ON)
    if isinstance(fail_on, str):
        return frozenset(v.strip() for v in fail_on.split(",") if v.strip())
    if isinstance(fail_on, Iterable):
        return frozenset(str(v) for v in fail_on)
    raise TypeError(f"fail_on: expected verdict names, got {fail_on!r}")


def fails(f: Finding, fail_on: frozenset[str]) -> bool:
    """Whether this finding alone would make the exit code 1 (ignored findings never do)."""
    return f.verdict is not None and f.verdict in fail_on and not f.ignored


def level(f: Finding, fail_on: frozenset[str]) -> Level:
    """Severity for CI formats: error when the finding fails the run, else by verdict.

    Altered and misattributed quotes that do not fail the run are warnings; an
    unverified quote is a note (nothing was shown wrong, only not found); a
    verified quote or an unchecked term is ``none``.
    """
    if fails(f, fail_on):
        return "error"
    if f.verdict in ("altered", "misattributed"):
        return "warning"
    if f.verdict == "unverified":
        return "note"
    return "none"


# -- where ----------------------------------------------------------------------------------------

def is_url(location: str) -> bool:
    return bool(_URL.match(location))


def display_path(location: str, cwd: str | None = None) -> str:
    """An input's path as CI tools want it: relative to the working folder when under it, ``/``-separated."""
    if location == "-" or is_url(location):
        return location
    base = Path(cwd or os.getcwd())
    path = Path(location)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(base.resolve())
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def artifact_uri(location: str, cwd: str | None = None) -> tuple[str, bool]:
    """A URI for an input or source, and whether it is relative to the working folder."""
    if location == "-" or is_url(location):
        return location, False
    shown = display_path(location, cwd)
    if Path(shown).is_absolute():
        return Path(shown).as_uri(), False
    return url_quote(shown, safe="/"), True


@dataclass(frozen=True)
class Span:
    """1-based line and column of a quote's first character and of the character after its last."""

    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def last_column(self) -> int:
        """Column of the quote's last character (inclusive), on ``end_line`` when the quote ends a line."""
        return max(self.column if self.end_line == self.line else 1, self.end_column - 1)


def quote_span(document: Document, q: Quote) -> Span:
    end_line, end_column = document.line_col(max(q.end, q.start))
    return Span(q.line, q.column, end_line, end_column)


def place(input_name: str, q: Quote) -> str:
    """``file:line:col`` as the terminal report writes it."""
    return f"{input_name}:{q.line}:{q.column}"


def find_in_inputs(report: Report, needle: str) -> tuple[DocumentReport, int] | None:
    """The first input whose text holds ``needle`` (a source's URL, say), and where."""
    for doc in report.documents:
        pos = doc.document.text.find(needle)
        if pos != -1:
            return doc, pos
    return None


def plain_span(document: Document, start: int, end: int) -> tuple[int, int]:
    """Map a ``[start, end)`` span of ``Document.text`` onto ``Document.plain``."""
    if not document.plain_map:
        return start, end
    lo = bisect.bisect_left(document.plain_map, start)
    hi = bisect.bisect_left(document.plain_map, end)
    return lo, max(lo, hi)


def quote_words(document: Document, q: Quote) -> str:
    """The quote as a reader sees it: for an HTML input, its visible text without markup."""
    if not document.plain_map:
        return q.text
    lo, hi = plain_span(document, q.start, q.end)
    return document.plain[lo:hi]


# -- words --------------------------------------------------------------------------------------

def short(text: str, width: int = 70) -> str:
    """One line of at most ``width`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def shown_changes(changes: Iterable[Change]) -> list[Change]:
    """The changes worth showing as a word diff (not case or punctuation alone)."""
    return [c for c in changes if c.op not in QUIET_OPS]


def change_note(c: Change) -> str:
    flag = " (changes the meaning)" if c.meaning else ""
    note = f" ({c.note})" if c.note else ""
    return flag + note


def plain_diff(c: Change) -> str:
    """``[-source-]{+quote+}``: a change in the marker style of ``git diff --word-diff``."""
    old = f"[-{c.source}-]" if c.source else ""
    new = f"{{+{c.quote}+}}" if c.quote else ""
    return f"{old}{' ' if old and new else ''}{new}"


DiffPart = tuple[Literal["same", "del", "ins"], str]


def _words_pattern(words: str) -> re.Pattern[str] | None:
    parts = words.split()
    if not parts:
        return None
    return re.compile(r"\s+".join(re.escape(p) for p in parts), re.IGNORECASE)


def passage_diff(evidence_text: str, quote_text: str, changes: Iterable[Change]) -> list[DiffPart]:
    """The source passage cut into unchanged, removed and added runs, placed from ``changes``.

    Each change that names source words is found in the passage (left to right)
    and marked removed, with the quote's words added right after it; an
    insertion is placed after the quote word that precedes it. A change that
    cannot be placed is left out here (every renderer also lists the changes).
    """
    parts: list[DiffPart] = []
    cursor = 0

    def emit(kind: Literal["same", "del", "ins"], text: str) -> None:
        if text:
            parts.append((kind, text))

    for c in shown_changes(changes):
        if c.op == "splice":
            continue
        if c.source and c.op != "omit":
            pattern = _words_pattern(c.source)
            m = pattern.search(evidence_text, cursor) if pattern else None
            if m is None:
                continue
            emit("same", evidence_text[cursor : m.start()])
            emit("del", m.group(0))
            if c.quote:
                emit("same", " ")
                emit("ins", c.quote)
            cursor = m.end()
        elif c.op == "omit" and c.source:
            pattern = _words_pattern(c.source.removesuffix("..."))
            m = pattern.search(evidence_text, cursor) if pattern else None
            if m is None:
                continue
            emit("same", evidence_text[cursor : m.start()])
            emit("del", m.group(0))
            emit("same", " ")
            emit("ins", "…")
            cursor = m.end()
        elif c.quote:
            at = _insert_point(evidence_text, quote_text, c.quote, cursor)
            if at is None:
                continue
            emit("same", evidence_text[cursor:at] + " ")
            emit("ins", c.quote)
            cursor = at
    emit("same", evidence_text[cursor:])
    return parts


def _insert_point(evidence_text: str, quote_text: str, added: str, cursor: int) -> int | None:
    """Where in the passage words added by the quote go: after the quote word before them."""
    added_at = _words_pattern(added)
    m = added_at.search(quote_text) if added_at else None
    if m is None:
        return None
    before = re.findall(r"[\w'’]+", quote_text[: m.start()])
    if not before:
        return cursor
    anchor = re.compile(r"\b" + re.escape(before[-1]) + r"\b", re.IGNORECASE)
    found = anchor.search(evidence_text, cursor)
    return found.end() if found else None


# -- evidence in words --------------------------------------------------------------------------

def evidence_lines(f: Finding) -> list[str]:
    """The evidence for a finding as plain lines: source, source text, changes, hint, reason."""
    lines: list[str] = []
    if f.evidence is not None:
        e = f.evidence
        by = f", said by {e.speaker}" if e.speaker else ""
        lines.append(f"source: {e.source} [{e.start}:{e.end}]{by} (score {f.score:.0f})")
        if f.verdict != "verified" or f.changes:
            lines.append(f'source text: "{e.text}"')
    diff = shown_changes(f.changes)
    if diff:
        lines.append("changes: " + "; ".join(f"{c.op}: {plain_diff(c)}{change_note(c)}" for c in diff))
    if f.hint is not None:
        lines.append(f'closest passage (not evidence): {f.hint.source}: "{f.hint.text}"')
    lines.append(f"reason: {f.reason}")
    if f.ignored:
        lines.append(f"ignored: {ignore_reason(f)}")
    return lines


def ignore_reason(f: Finding) -> str:
    return f.ignore_reason or "by configuration"


def headline(f: Finding, document: Document | None = None) -> str:
    """``Altered quote attributed to Trump: "…"``."""
    what = (f.verdict or f.quote.kind).capitalize()
    speaker = f.quote.speaker or "no named speaker"
    words = f.quote.text if document is None else quote_words(document, f.quote)
    return f'{what} quote attributed to {speaker}: "{short(words, 100)}"'


def source_problem(s: Source) -> str:
    detail = f": {s.detail}" if s.detail else ""
    return f"source {s.location} was not used ({s.status}{detail}); quotes it holds cannot be checked"


def checked(doc: DocumentReport) -> list[Finding]:
    return [f for f in doc.findings if f.verdict is not None]
