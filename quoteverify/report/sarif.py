"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, GitLab, IDE viewers).

One run; one result per quote that is not verified (altered, misattributed,
unverified) and one per source that could not be used. Verified quotes and
unchecked terms are not results: SARIF results are things to look at, and a
dashboard full of "fine" entries hides the ones that are not.

Levels: ``error`` when the verdict is in ``fail_on`` (and the quote is not
ignored), otherwise ``warning`` for altered/misattributed and ``note`` for
unverified; an unusable source is a ``warning``. Quotes ignored by
configuration stay in the log with an external suppression.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .. import __version__
from ..ignore import quote_hash
from ..model import DocumentReport, Finding, Notice, Report, Source
from ._common import (
    artifact_uri,
    evidence_lines,
    fail_on_set,
    find_in_inputs,
    headline,
    ignore_reason,
    level,
    quote_span,
    source_problem,
)

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/quoteverify/quoteverify"
SRCROOT = "%SRCROOT%"

RULES: tuple[dict[str, Any], ...] = (
    {
        "id": "altered-quote",
        "name": "AlteredQuote",
        "shortDescription": {"text": "Quoted words differ from the source"},
        "fullDescription": {
            "text": "The quote matches a passage of a source, but words were changed, added or "
            "dropped without brackets or an ellipsis."
        },
        "help": {
            "text": "Compare the quote with the source passage in the message. Restore the source's "
            "words, mark your changes with [brackets] or an ellipsis, or paraphrase without quote marks.",
            "markdown": "Compare the quote with the source passage in the message. Restore the source's "
            "words, mark your changes with `[brackets]` or an ellipsis (`...`), or paraphrase without "
            "quote marks.",
        },
        "defaultConfiguration": {"level": "error"},
    },
    {
        "id": "misattributed-quote",
        "name": "MisattributedQuote",
        "shortDescription": {"text": "Quote attributed to the wrong person"},
        "fullDescription": {
            "text": "The words are in a source, but someone other than the person the text names "
            "says or writes them there."
        },
        "help": {
            "text": "Check who says these words in the source named in the message and correct the "
            "attribution, or cite the source where the named person says them."
        },
        "defaultConfiguration": {"level": "error"},
    },
    {
        "id": "unverified-quote",
        "name": "UnverifiedQuote",
        "shortDescription": {"text": "Quote not found in any source"},
        "fullDescription": {
            "text": "None of the sources of this run holds the quoted words, so the quote could be "
            "neither confirmed nor shown to be wrong."
        },
        "help": {
            "text": "Give the original with --source FILE|URL, save it in the library folder, or "
            "link it from the text; then check again."
        },
        "defaultConfiguration": {"level": "note"},
    },
    {
        "id": "source-unreachable",
        "name": "SourceUnreachable",
        "shortDescription": {"text": "A source could not be read"},
        "fullDescription": {
            "text": "A source given to the run could not be fetched or read (network failure, "
            "robots.txt refusal, unreadable file), so quotes it holds could not be checked against it."
        },
        "help": {
            "text": "Check the URL or path, run again without --offline, or save a copy of the "
            "original in the library folder."
        },
        "defaultConfiguration": {"level": "warning"},
    },
    {
        "id": "unclosed-quote",
        "name": "UnclosedQuote",
        "shortDescription": {"text": "A quote mark is never closed"},
        "fullDescription": {
            "text": "A quote mark opens and nothing closes it, so the words after it are in no quote "
            "and were not checked."
        },
        "help": {"text": "Add the missing closing quote mark (or remove the stray opening one) and check again."},
        "defaultConfiguration": {"level": "warning"},
    },
)
RULE_INDEX = {rule["id"]: i for i, rule in enumerate(RULES)}
VERDICT_RULE = {
    "altered": "altered-quote",
    "misattributed": "misattributed-quote",
    "unverified": "unverified-quote",
}


def _location(uri: str, relative: bool, region: dict[str, Any] | None = None) -> dict[str, Any]:
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = SRCROOT
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def _fingerprint(doc: DocumentReport, f: Finding) -> str:
    key = "\x1f".join([doc.input, f.quote.speaker or "", " ".join(f.quote.text.split()).lower()])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _quote_result(doc: DocumentReport, f: Finding, fail_on: frozenset[str], cwd: str) -> dict[str, Any]:
    assert f.verdict is not None
    rule = VERDICT_RULE[f.verdict]
    span = quote_span(doc.document, f.quote)
    uri, relative = artifact_uri(doc.input, cwd)
    region = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
        "snippet": {"text": f.quote.text},
    }
    result: dict[str, Any] = {
        "ruleId": rule,
        "ruleIndex": RULE_INDEX[rule],
        "level": level(f, fail_on),
        "message": {"text": "\n".join([headline(f, doc.document), *evidence_lines(f)])},
        "locations": [_location(uri, relative, region)],
        "partialFingerprints": {"quoteHash/v1": _fingerprint(doc, f)},
        "properties": {
            "verdict": f.verdict,
            "speaker": f.quote.speaker,
            "score": round(f.score, 2),
            # The key of the approved-quotes file, to approve this quote.
            "quoteHash": quote_hash(f.quote.text),
            "evidence": None
            if f.evidence is None
            else {
                "source": f.evidence.source,
                "start": f.evidence.start,
                "end": f.evidence.end,
                "text": f.evidence.text,
                "speaker": f.evidence.speaker,
            },
            "changes": [{"op": c.op, "quote": c.quote, "source": c.source} for c in f.changes],
        },
    }
    if f.ignored:
        # An inline comment sits in the input itself; an approval lives in the approved-quotes file.
        kind = "inSource" if f.ignore_reason.startswith("inline comment") else "external"
        result["suppressions"] = [{"kind": kind, "justification": ignore_reason(f)}]
    return result


def _source_result(report: Report, s: Source, cwd: str) -> dict[str, Any]:
    found = find_in_inputs(report, s.location)
    if found is not None:
        # A link in the input: point at the link, where a reader can fix it.
        doc, pos = found
        uri, relative = artifact_uri(doc.input, cwd)
        line, col = doc.document.line_col(pos)
        end_line, end_col = doc.document.line_col(pos + len(s.location))
        region = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
        location = _location(uri, relative, region)
    else:
        uri, relative = artifact_uri(s.location, cwd)
        location = _location(uri, relative)
    return {
        "ruleId": "source-unreachable",
        "ruleIndex": RULE_INDEX["source-unreachable"],
        "level": "warning",
        "message": {"text": source_problem(s)},
        "locations": [location],
        "properties": {"status": s.status, "detail": s.detail, "source": s.location},
    }


def _notice_result(doc: DocumentReport, n: Notice, cwd: str) -> dict[str, Any]:
    uri, relative = artifact_uri(doc.input, cwd)
    region = {"startLine": n.line, "startColumn": n.column}
    return {
        "ruleId": n.rule,
        "ruleIndex": RULE_INDEX[n.rule],
        "level": "warning",
        "message": {"text": n.message},
        "locations": [_location(uri, relative, region)],
    }


def sarif_log(report: Report, *, fail_on: object = None, cwd: str | None = None) -> dict[str, Any]:
    """The SARIF log as a dict (``render_sarif`` serialises it)."""
    fail = fail_on_set(fail_on)
    here = cwd or os.getcwd()
    results: list[dict[str, Any]] = []
    for doc in report.documents:
        for f in doc.findings:
            if f.verdict in VERDICT_RULE:
                results.append(_quote_result(doc, f, fail, here))
        results += [_notice_result(doc, n, here) for n in doc.notices]
    for s in report.sources:
        if not s.ok:
            results.append(_source_result(report, s, here))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "quoteverify",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [dict(rule) for rule in RULES],
            }
        },
        # Quote.column counts characters (code points), not UTF-16 units.
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {SRCROOT: {"uri": Path(here).resolve().as_uri().rstrip("/") + "/"}},
        "results": results,
        "properties": {"summary": report.summary()},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(report: Report, *, fail_on: object = None, **_: object) -> str:
    return json.dumps(sarif_log(report, fail_on=fail_on), ensure_ascii=False, indent=2) + "\n"
