"""The JSON report: a contract other tools read. Extend it; never rename a field."""

from __future__ import annotations

import json
from typing import Any

from ..ignore import quote_hash
from ..model import Change, Evidence, Finding, Report, Source

SCHEMA_VERSION = 1


def evidence_dict(e: Evidence | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "source": e.source,
        "start": e.start,
        "end": e.end,
        "text": e.text,
        "speaker": e.speaker,
        "rank": e.rank,
        "outside_body": e.outside_body,
    }


def change_dict(c: Change) -> dict[str, Any]:
    out: dict[str, Any] = {"op": c.op, "quote": c.quote, "source": c.source}
    if c.meaning:
        out["meaning"] = True
    if c.note:
        out["note"] = c.note
    return out


def finding_dict(f: Finding) -> dict[str, Any]:
    q = f.quote
    mention = q.speaker_mention
    return {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "line": q.line,
        "column": q.column,
        "kind": q.kind,
        "speaker": q.speaker,
        "speaker_mention": None if mention is None else {"text": mention.text, "start": mention.start, "end": mention.end},
        "cue": q.cue,
        "verdict": f.verdict,
        "reason": f.reason,
        "score": round(f.score, 2),
        "evidence": evidence_dict(f.evidence),
        "changes": [change_dict(c) for c in f.changes],
        "hint": evidence_dict(f.hint),
        "ignored": f.ignored,
        "ignore_reason": f.ignore_reason or None,
        # sha256 of the normalised text: the key of the approved-quotes file (quoteverify.ignore).
        "hash": quote_hash(q.text),
    }


def source_dict(s: Source) -> dict[str, Any]:
    return {
        "location": s.location,
        "status": s.status,
        "title": s.title,
        "author": s.author,
        "sha256": s.sha256,
        "published": s.published,
        "url": s.url,
        "kind": s.kind,
        "rank": s.rank,
        "detail": s.detail,
        "provenance": dict(s.provenance),
    }


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "documents": [
            {
                "input": d.input,
                "quotes": [finding_dict(f) for f in d.findings],
                "notices": [
                    {"rule": n.rule, "start": n.start, "line": n.line, "column": n.column, "message": n.message}
                    for n in d.notices
                ],
            }
            for d in report.documents
        ],
        "sources": [source_dict(s) for s in report.sources],
        "summary": report.summary(),
    }


def render_json(report: Report, **_: object) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"
