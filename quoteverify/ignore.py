"""Ignoring quotes, as Vale and alex do: an approved-quotes file and inline comments.

An ignored quote keeps its verdict and still appears in every report, marked
ignored with the reason (``Finding.ignored``, ``Finding.ignore_reason``); it
never makes the exit code 1.

The approved-quotes file (TOML, ``.quoteverify-approved.toml`` by default) holds
one ``[[quote]]`` table per approval::

    [[quote]]
    hash = "…"              # quote_hash(text): `quoteverify check --format json` shows it
    text = "…"              # optional, for people (or instead of hash)
    reason = "Confirmed with the speaker by phone"
    approved-by = "Dana Reyes"
    date = 2026-11-20       # optional

Inline comments in Markdown or HTML: ``<!-- quoteverify: ignore -->`` ignores the
next checked quote; ``<!-- quoteverify: off -->`` … ``<!-- quoteverify: on -->``
every quote in between (to the end when ``on`` never comes). Words after the
keyword are the reason: ``<!-- quoteverify: ignore checked with her office -->``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .align import normalize
from .errors import ConfigError
from .model import Document, DocumentReport, Finding, Report

APPROVED_TABLE = "quote"
_EDGE_PUNCTUATION = " \"'.,;:!?()[]…-"
_INLINE = re.compile(r"<!--\s*quoteverify\s*:?\s*(ignore|off|on)\b(.*?)-->", re.IGNORECASE | re.DOTALL)


def normalize_quote(text: str) -> str:
    """A quote's text as approvals compare it: NFKC, straight quotes, plain dashes,
    whitespace collapsed, case folded, punctuation at both ends removed."""
    return normalize(text).text.casefold().strip(_EDGE_PUNCTUATION)


def quote_hash(text: str) -> str:
    """The sha256 (hex) of :func:`normalize_quote` of ``text``, as the approved-quotes file keys it."""
    return hashlib.sha256(normalize_quote(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Approval:
    """One entry of the approved-quotes file."""

    hash: str
    reason: str
    approved_by: str
    date: str | None = None
    text: str | None = None

    def describe(self) -> str:
        when = f" on {self.date}" if self.date else ""
        return f"approved by {self.approved_by}{when}: {self.reason}"


def load_approved(path: str | Path) -> tuple[Approval, ...]:
    """The approvals in an approved-quotes file; ConfigError (file, entry, hint) when it is wrong."""
    shown = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{shown}: no such approved-quotes file", "create it with quoteverify approve, or fix the approved setting") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown}: cannot be read ({exc})", "give a UTF-8 TOML file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: not valid TOML: {exc}", "fix the syntax; see docs/configuration.md") from None
    unknown = [k for k in data if k != APPROVED_TABLE]
    if unknown:
        raise ConfigError(f"{shown}: {unknown[0]}: unknown key", f"write one [[{APPROVED_TABLE}]] table per approved quote")
    entries = data.get(APPROVED_TABLE, [])
    if not isinstance(entries, list):
        raise ConfigError(f"{shown}: {APPROVED_TABLE}: must be an array of tables", f"write [[{APPROVED_TABLE}]], not [{APPROVED_TABLE}]")
    return tuple(_approval(entry, f"{shown}: {APPROVED_TABLE} {n}") for n, entry in enumerate(entries, 1))


_FIELDS = ("hash", "text", "reason", "approved-by", "date")


def _approval(entry: object, where: str) -> Approval:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be a table", "see docs/configuration.md")
    for key in entry:
        if key not in _FIELDS:
            raise ConfigError(f"{where}: {key}: unknown key", f"known keys: {', '.join(_FIELDS)}")
    for key, value in entry.items():
        if key != "date" and not (isinstance(value, str) and value.strip()):
            raise ConfigError(f"{where}: {key}: must be a non-empty string", "see docs/configuration.md")
    for key in ("reason", "approved-by"):
        if key not in entry:
            raise ConfigError(f"{where}: {key}: is missing", "say why the quote is approved and who approved it")
    text = entry.get("text")
    digest = entry.get("hash")
    if digest is None:
        if text is None:
            raise ConfigError(f"{where}: hash: is missing", "give the quote's hash (quoteverify check --format json shows it) or its text")
        digest = quote_hash(text)
    elif not re.fullmatch(r"[0-9a-f]{64}", digest.strip().lower()):
        raise ConfigError(f"{where}: hash: is not a sha256 hex digest", "copy the hash field from quoteverify check --format json")
    date = entry.get("date")
    if date is not None and not isinstance(date, (str, dt.date)):
        raise ConfigError(f"{where}: date: must be a date (2026-11-20)", "write date = 2026-11-20")
    return Approval(
        hash=digest.strip().lower(),
        reason=entry["reason"].strip(),
        approved_by=entry["approved-by"].strip(),
        date=None if date is None else str(date),
        text=text,
    )


def approval_entry(text: str, reason: str, approved_by: str, date: dt.date | None = None) -> str:
    """The TOML of one approval, ready to append to an approved-quotes file."""

    def s(value: str) -> str:  # a JSON string is a valid TOML basic string
        return json.dumps(" ".join(value.split()), ensure_ascii=False)

    day = (date or dt.date.today()).isoformat()
    return (
        f"\n[[{APPROVED_TABLE}]]\n"
        f"hash = {s(quote_hash(text))}\n"
        f"text = {s(text)}\n"
        f"reason = {s(reason)}\n"
        f"approved-by = {s(approved_by)}\n"
        f"date = {day}\n"
    )


# -- inline comments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class InlineRule:
    """What an inline comment ignores: quotes starting in ``[start, end)``; ``next_only``: the first one."""

    start: int
    end: int
    next_only: bool
    reason: str


def inline_rules(document: Document) -> tuple[InlineRule, ...]:
    """The ignore rules the ``<!-- quoteverify: … -->`` comments of a document set."""
    rules: list[InlineRule] = []
    off: tuple[int, str] | None = None
    text = document.text
    for m in _INLINE.finditer(text):
        keyword = m.group(1).lower()
        line = document.line_col(m.start())[0]
        note = " ".join(m.group(2).split()).strip(" -:")
        reason = f"inline comment at line {line}" + (f": {note}" if note else "")
        if keyword == "ignore":
            rules.append(InlineRule(m.end(), len(text), True, reason))
        elif keyword == "off":
            if off is None:
                off = (m.end(), reason)
        elif off is not None:
            rules.append(InlineRule(off[0], m.start(), False, off[1]))
            off = None
    if off is not None:
        rules.append(InlineRule(off[0], len(text), False, off[1]))
    return tuple(rules)


# -- applying them ---------------------------------------------------------------------------------


class Ignorer:
    """Marks the findings that inline comments or approvals ignore; everything else is unchanged."""

    def __init__(self, approvals: Iterable[Approval] = ()) -> None:
        self.approvals: dict[str, Approval] = {}
        for a in approvals:
            self.approvals.setdefault(a.hash, a)

    def document(self, doc: DocumentReport) -> DocumentReport:
        reasons: dict[int, str] = {}
        findings = doc.findings
        for rule in inline_rules(doc.document):
            if rule.next_only:
                nxt = min(
                    (i for i, f in enumerate(findings) if f.verdict is not None and f.quote.start >= rule.start),
                    key=lambda i: findings[i].quote.start,
                    default=None,
                )
                if nxt is not None:
                    reasons.setdefault(nxt, rule.reason)
                continue
            for i, f in enumerate(findings):
                if rule.start <= f.quote.start < rule.end:
                    reasons.setdefault(i, rule.reason)
        if self.approvals:
            for i, f in enumerate(findings):
                approval = self.approvals.get(quote_hash(f.quote.text))
                if approval is not None and f.verdict is not None:
                    reasons.setdefault(i, approval.describe())
        if not reasons:
            return doc
        return replace(doc, findings=tuple(_ignored(f, reasons[i]) if i in reasons else f for i, f in enumerate(findings)))

    def report(self, report: Report) -> Report:
        return replace(report, documents=tuple(self.document(d) for d in report.documents))


def _ignored(finding: Finding, reason: str) -> Finding:
    return replace(finding, ignored=True, ignore_reason=reason)


def apply_ignores(report: Report, approvals: Sequence[Approval] = ()) -> Report:
    """``report`` with the quotes that inline comments or ``approvals`` ignore marked ignored."""
    return Ignorer(approvals).report(report)
