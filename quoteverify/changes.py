"""``--changed-since REF``: keep only the quotes on lines changed since a git ref.

For each input file, ``git diff --unified=0 REF -- FILE`` (the working tree
against REF) gives the changed lines through its hunk headers
(``@@ -a,b +c,d @@``: lines ``c`` … ``c+d-1`` of the file as it is now). A file
git does not track (untracked, new) counts as changed throughout. A quote is
kept when any line it spans is changed; the others are dropped from the report,
as linters do, and counted so the user is told how many were left out.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import ConfigError, InputError
from .model import DocumentReport, Finding, Report

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_URL = re.compile(r"(?i)^https?://")


def changed_from_diff(diff: str) -> frozenset[int]:
    """The line numbers (1-based, in the new file) that a ``--unified=0`` diff adds or changes."""
    lines: set[int] = set()
    for m in _HUNK.finditer(diff):
        start = int(m.group(1))
        count = 1 if m.group(2) is None else int(m.group(2))
        lines.update(range(start, start + count))  # count 0: a pure deletion, no line of ours
    return frozenset(lines)


@dataclass(frozen=True)
class ChangedLines:
    """The changed lines of one file; ``None``: every line (a file git does not track)."""

    path: str
    lines: frozenset[int] | None

    def touches(self, first: int, last: int) -> bool:
        if self.lines is None:
            return True
        return any(n in self.lines for n in range(first, last + 1))


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False
        )
    except FileNotFoundError:
        raise ConfigError("--changed-since: git is not installed", "install git, or leave out --changed-since") from None


def changed_lines(path: str | Path, ref: str) -> ChangedLines:
    """The lines of ``path`` changed since ``ref``; InputError/ConfigError with a hint when git cannot say."""
    spec = str(path)
    if spec == "-" or _URL.match(spec):
        raise InputError(f"--changed-since: {spec} is not a file in a git repository", "check a file of the repository, or leave out --changed-since")
    file = Path(spec).resolve()
    folder = file.parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise InputError(f"--changed-since: {spec} is not in a git repository", "run it on drafts inside a git work tree, or leave out --changed-since")
    if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], folder).returncode != 0:
        raise ConfigError(f"--changed-since: unknown git ref {ref!r}", "give a branch, tag or commit (git log --oneline shows them)")
    tracked = _git(["ls-files", "--error-unmatch", "--", file.name], folder)
    if tracked.returncode != 0:
        return ChangedLines(spec, None)
    diff = _git(["diff", "--no-color", "--no-ext-diff", "--no-textconv", "--unified=0", ref, "--", file.name], folder)
    if diff.returncode != 0:
        detail = (diff.stderr.strip().splitlines() or ["git diff failed"])[-1]
        raise InputError(f"--changed-since: {spec}: {detail}", "check that the ref and the file exist")
    return ChangedLines(spec, changed_from_diff(diff.stdout))


def _keep(doc: DocumentReport, changed: ChangedLines) -> tuple[DocumentReport, int]:
    kept: list[Finding] = []
    for f in doc.findings:
        first = f.quote.line
        last = doc.document.line_col(max(f.quote.start, f.quote.end - 1))[0] if doc.document.text else first
        if changed.touches(first, max(first, last)):
            kept.append(f)
    dropped = len(doc.findings) - len(kept)
    return (replace(doc, findings=tuple(kept)) if dropped else doc), dropped


def changed_in(report_inputs: list[str], ref: str) -> dict[str, ChangedLines]:
    """The changed lines of each input since ``ref`` (asked before the slow work, to fail early)."""
    return {spec: changed_lines(spec, ref) for spec in dict.fromkeys(report_inputs)}


def keep_changed(report: Report, changed: dict[str, ChangedLines]) -> tuple[Report, int]:
    """``report`` with only the quotes on changed lines, and how many checked quotes were dropped."""
    documents: list[DocumentReport] = []
    dropped = 0
    for doc in report.documents:
        lines = changed.get(doc.input)
        kept = _keep(doc, lines)[0] if lines is not None else doc
        dropped += _checked(doc) - _checked(kept)
        documents.append(kept)
    return replace(report, documents=tuple(documents)), dropped


def only_changed(report: Report, ref: str) -> tuple[Report, int]:
    """``report`` with only the quotes on lines changed since ``ref``, and how many checked quotes were dropped."""
    return keep_changed(report, changed_in([d.input for d in report.documents], ref))


def _checked(doc: DocumentReport) -> int:
    return sum(1 for f in doc.findings if f.verdict is not None)
