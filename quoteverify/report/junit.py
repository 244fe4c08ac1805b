"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).

``<testsuites>`` holds one ``<testsuite>`` per input document and one
``<testcase>`` per quote (classname: the input path; name: ``line:col`` and the
start of the quote). A verdict in ``fail_on`` is a ``<failure>``; terms,
reposted passages and quotes ignored by configuration are ``<skipped>``; any
other verdict passes, with the verdict and evidence in ``<system-out>``.
Built with ElementTree, so it is always well-formed XML.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

from ..model import DocumentReport, Finding, Report
from ._common import (
    display_path,
    evidence_lines,
    fail_on_set,
    fails,
    headline,
    ignore_reason,
    quote_words,
    short,
    source_problem,
)

# Characters XML 1.0 cannot hold at all, even escaped (control characters, lone surrogates).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _testcase(parent: ET.Element, doc: DocumentReport, f: Finding, fail_on: frozenset[str], cwd: str) -> str:
    """Add the test case; return its outcome: failure, skipped or passed."""
    q = f.quote
    path = display_path(doc.input, cwd)
    case = ET.SubElement(
        parent,
        "testcase",
        classname=_x(path),
        name=_x(f"{q.line}:{q.column} {short(quote_words(doc.document, q), 60)}"),
        file=_x(path),
        line=str(q.line),
        time="0",
    )
    details = _x("\n".join([headline(f, doc.document), f"at {path}:{q.line}:{q.column}", *evidence_lines(f)]))
    if f.verdict is None:
        ET.SubElement(case, "skipped", message=_x(f"{q.kind} not checked: {f.reason}"))
        return "skipped"
    if fails(f, fail_on):
        failure = ET.SubElement(case, "failure", message=_x(f"{f.verdict}: {f.reason}"), type=f.verdict)
        failure.text = details
        return "failure"
    if f.ignored:
        ET.SubElement(case, "skipped", message=_x(f"{f.verdict}, ignored ({ignore_reason(f)}): {f.reason}"))
        return "skipped"
    out = ET.SubElement(case, "system-out")
    out.text = f"{f.verdict}\n{details}"
    return "passed"


def junit_tree(report: Report, *, fail_on: object = None, cwd: str | None = None) -> ET.Element:
    fail = fail_on_set(fail_on)
    here = cwd or os.getcwd()
    root = ET.Element("testsuites", name="quoteverify")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    unused = [s for s in report.sources if not s.ok]
    for doc in report.documents:
        suite = ET.SubElement(root, "testsuite", name=_x(display_path(doc.input, here)))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for f in doc.findings:
            outcome = _testcase(suite, doc, f, fail, here)
            counts["tests"] += 1
            if outcome == "failure":
                counts["failures"] += 1
            elif outcome == "skipped":
                counts["skipped"] += 1
        suite.set("tests", str(counts["tests"]))
        suite.set("failures", str(counts["failures"]))
        suite.set("errors", "0")
        suite.set("skipped", str(counts["skipped"]))
        suite.set("time", "0")
        if unused:
            err = ET.SubElement(suite, "system-err")
            err.text = _x("\n".join(source_problem(s) for s in unused))
        for key in totals:
            totals[key] += counts[key]
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    root.set("skipped", str(totals["skipped"]))
    root.set("time", "0")
    return root


def render_junit(report: Report, *, fail_on: object = None, **_: object) -> str:
    root = junit_tree(report, fail_on=fail_on)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
