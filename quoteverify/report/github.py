"""GitHub Actions workflow commands: each problem becomes an annotation on the pull request.

One line per finding that is not verified, then a plain summary line (shown in the log):

- ``::error`` for a verdict in ``fail_on`` (the run fails because of it);
- ``::warning`` for the other problems: altered or misattributed quotes not in
  ``fail_on``, unverified quotes, sources that could not be read, quote marks
  never closed;
- ``::notice`` for problems ignored by configuration (still visible, never failing).

Verified quotes and unchecked terms make no line: an annotation asks for attention.
"""

from __future__ import annotations

import os

from ..model import DocumentReport, Finding, Report, Source
from ._common import (
    display_path,
    evidence_lines,
    fail_on_set,
    fails,
    find_in_inputs,
    headline,
    quote_span,
    short,
    source_problem,
)
from .text import summary_line


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as the message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    """``::kind key=value,...::message`` with GitHub's escaping."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def _finding_line(doc: DocumentReport, f: Finding, fail_on: frozenset[str], cwd: str) -> str:
    span = quote_span(doc.document, f.quote)
    kind = "error" if fails(f, fail_on) else ("notice" if f.ignored else "warning")
    verdict = (f.verdict or "").capitalize()
    title = f"{verdict} quote ({f.quote.speaker or 'no named speaker'})" + (", ignored" if f.ignored else "")
    where: dict[str, object] = {"file": display_path(doc.input, cwd), "line": span.line}
    if span.end_line == span.line:
        # GitHub uses columns only within one line; endColumn is the last character.
        where.update(col=span.column, endColumn=span.last_column)
    else:
        where["endLine"] = span.end_line
    return command(kind, "\n".join([headline(f, doc.document), *evidence_lines(f)]), **where, title=title)


def _source_line(report: Report, s: Source, cwd: str) -> str:
    where: dict[str, object] = {}
    found = find_in_inputs(report, s.location)
    if found is not None:
        doc, pos = found
        line, col = doc.document.line_col(pos)
        where = {"file": display_path(doc.input, cwd), "line": line, "col": col}
    return command("warning", source_problem(s), **where, title=f"Source unreachable: {short(s.location, 60)}")


def render_github(report: Report, *, fail_on: object = None, **_: object) -> str:
    fail = fail_on_set(fail_on)
    cwd = os.getcwd()
    lines: list[str] = []
    for doc in report.documents:
        for f in doc.findings:
            if f.verdict is not None and f.verdict != "verified":
                lines.append(_finding_line(doc, f, fail, cwd))
        for n in doc.notices:
            where = {"file": display_path(doc.input, cwd), "line": n.line, "col": n.column}
            lines.append(command("warning", n.message, **where, title="Unclosed quote mark"))
    lines += [_source_line(report, s, cwd) for s in report.sources if not s.ok]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
