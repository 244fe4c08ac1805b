"""The data that flows between the pipeline stages.

Everything here is a frozen dataclass so a stage can never change what an
earlier stage produced; this module imports nothing of ours.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["statement", "continuation", "term", "document"]
VerdictName = Literal["verified", "altered", "unverified", "misattributed"]
SourceStatus = Literal["ok", "unreachable", "refused", "unreadable"]
# How close a source stands to the speaker: their own channel outranks a news
# report, which outranks a reproduction or aggregator.
SourceRank = Literal["speaker", "news", "reproduction", "unknown"]

VERDICTS: tuple[VerdictName, ...] = ("verified", "altered", "unverified", "misattributed")
# Worst first, for reports that group quotes by verdict.
VERDICT_SEVERITY: tuple[VerdictName, ...] = ("altered", "misattributed", "unverified", "verified")


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets at which each line of ``text`` begins."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return tuple(starts)


@dataclass(frozen=True)
class Document:
    """An input text exactly as decoded, plus a plain-text view of it.

    ``plain`` is what a reader sees (for HTML: the visible text; for text and
    Markdown: the text itself). ``plain_map[i]`` is the offset in ``text`` of
    ``plain[i]``; it is empty when ``plain`` is ``text``.
    """

    location: str
    text: str
    kind: Literal["text", "markdown", "html"] = "text"
    plain: str = ""
    plain_map: tuple[int, ...] = ()
    lines: tuple[int, ...] = ()

    @classmethod
    def from_text(
        cls,
        text: str,
        location: str = "-",
        kind: Literal["text", "markdown", "html"] = "text",
        plain: str | None = None,
        plain_map: tuple[int, ...] = (),
    ) -> Document:
        return cls(
            location=location,
            text=text,
            kind=kind,
            plain=text if plain is None else plain,
            plain_map=plain_map,
            lines=line_starts(text),
        )

    def to_text_offset(self, plain_offset: int) -> int:
        """Map an offset in ``plain`` to the offset in ``text``."""
        if not self.plain_map:
            return plain_offset
        if plain_offset >= len(self.plain_map):
            return (self.plain_map[-1] + 1) if self.plain_map else 0
        return self.plain_map[plain_offset]

    def to_text_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``plain`` to ``text``."""
        if not self.plain_map or end <= start:
            return self.to_text_offset(start), self.to_text_offset(end)
        return self.plain_map[start], self.plain_map[end - 1] + 1

    def visible(self, start: int, end: int) -> str:
        """What a reader sees of the ``[start, end)`` span of ``text`` (for HTML: no tags, entities decoded)."""
        if not self.plain_map:
            return self.text[start:end]
        # plain_map is non-decreasing: the plain characters drawn from inside the span are one run.
        i = bisect.bisect_left(self.plain_map, start)
        j = bisect.bisect_left(self.plain_map, end)
        return self.plain[i:j]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset in ``text``."""
        lines = self.lines or line_starts(self.text)
        i = bisect.bisect_right(lines, offset) - 1
        return i + 1, offset - lines[i] + 1


@dataclass(frozen=True)
class Mention:
    """Where the input names a speaker ("she", "LA Mayor Karen Bass")."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """A quoted passage of the input and who it is attributed to.

    ``start``/``end`` index ``Document.text`` and cover the quoted words without
    their quote marks. ``text`` is what a reader sees there: for text and
    Markdown exactly ``Document.text[start:end]``; for HTML the visible words
    (tags dropped, entities decoded).
    """

    text: str
    start: int
    end: int
    line: int
    column: int
    kind: QuoteKind = "statement"
    speaker: str | None = None
    speaker_mention: Mention | None = None
    cue: str | None = None
    # Index (in the extracted tuple) of the quote this one belongs to: the
    # "document" quote it sits in, or, for a "continuation" ('"A," X said.
    # "B."': B), the statement it continues and whose speaker it inherits. A
    # continuation is checked like any statement; its kind says it is part of
    # one attribution, the unit PolNeAR and a copy editor count.
    parent: int | None = None

    @property
    def spoken(self) -> bool:
        """Someone's words, checked against the sources: a statement or its continuation."""
        return self.kind in ("statement", "continuation")


@dataclass(frozen=True)
class Turn:
    """A stretch of a source spoken or written by one person."""

    start: int
    end: int
    speaker: str


@dataclass(frozen=True)
class Source:
    """One original a quote may be checked against.

    ``text`` is the main text (for a web page: the article body). ``full_text``
    is the whole visible page when that differs; a match only there is weaker
    evidence. ``turns`` say who speaks where (transcripts, quotes the source
    itself attributes); ``author`` speaks wherever no turn says otherwise.
    """

    location: str
    status: SourceStatus = "ok"
    text: str = ""
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    sha256: str | None = None
    kind: str = "file"
    rank: SourceRank = "unknown"
    turns: tuple[Turn, ...] = ()
    full_text: str | None = None
    detail: str = ""
    provenance: Mapping[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class Change:
    """One word-level difference between a quote and its source passage."""

    op: str  # replace | insert | delete | omit | bracket | punctuation | case | filler | splice
    quote: str
    source: str
    meaning: bool = False
    note: str = ""


@dataclass(frozen=True)
class Evidence:
    """The source passage a verdict rests on."""

    source: str
    start: int
    end: int
    text: str
    speaker: str | None = None
    rank: SourceRank = "unknown"
    outside_body: bool = False


@dataclass(frozen=True)
class Finding:
    """A quote with its verdict and the evidence for it."""

    quote: Quote
    verdict: VerdictName | None
    reason: str
    score: float = 0.0
    evidence: Evidence | None = None
    changes: tuple[Change, ...] = ()
    # The closest passage when it is too far to count: a hint, never evidence.
    hint: Evidence | None = None
    # Ignored by an inline comment or the approved-quotes file: still reported, never failing.
    ignored: bool = False
    ignore_reason: str = ""


@dataclass(frozen=True)
class Notice:
    """Something about the input that kept words from being checked (not a verdict)."""

    rule: str
    start: int
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class DocumentReport:
    input: str
    document: Document
    findings: tuple[Finding, ...]
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True)
class Report:
    documents: tuple[DocumentReport, ...]
    sources: tuple[Source, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for d in self.documents for f in d.findings)

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = {"quotes": 0}
        counts.update((v, 0) for v in VERDICTS)
        counts["ignored"] = 0
        for f in self.findings:
            if f.verdict is None:
                continue
            counts["quotes"] += 1
            counts[f.verdict] += 1
            counts["ignored"] += f.ignored
        return counts

    def fails(self, fail_on: tuple[str, ...] | frozenset[str]) -> bool:
        return any(f.verdict in fail_on and not f.ignored for f in self.findings)
