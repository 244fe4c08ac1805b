"""The terminal report: one block per quote, worst verdicts first, a summary line last."""

from __future__ import annotations

import difflib
import unicodedata

from ..model import VERDICT_SEVERITY, Change, Finding, Report
from ._common import change_note, place, short, shown_changes

_COLOURS = {"altered": "31", "misattributed": "35", "unverified": "33", "verified": "32"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def word_diff(changes: tuple[Change, ...], color: bool) -> str:
    """Removed source words and added quote words, marked as a word diff."""
    parts = []
    for c in shown_changes(changes):
        old = f"[-{c.source}-]" if c.source else ""
        new = f"{{+{c.quote}+}}" if c.quote else ""
        if color:
            old = _paint(c.source, "9;31", True) if c.source else ""
            new = _paint(c.quote, "32", True) if c.quote else ""
        parts.append(f"    {c.op}: {old}{' ' if old and new else ''}{new}{change_note(c)}")
    return "\n".join(parts)


def _token_key(word: str) -> str:
    # Typography, case and edge punctuation are allowed differences: do not mark them.
    return unicodedata.normalize("NFKC", word).translate(_QUOTES).strip(_EDGE).casefold()


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_EDGE = "\"'.,;:!?()[]\u2026-\u2013\u2014"


def inline_diff(quote: str, source: str, color: bool) -> str:
    """The source passage with its words removed by the quote ``[-struck-]`` and the quote's additions ``{+added+}``."""
    q, s = quote.split(), source.split()
    matcher = difflib.SequenceMatcher(a=[_token_key(w) for w in s], b=[_token_key(w) for w in q], autojunk=False)
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(q[j1:j2])
            continue
        old = " ".join(s[i1:i2])
        new = " ".join(q[j1:j2])
        if color:
            out += [_paint(old, "9;31", True)] if old else []
            out += [_paint(new, "32", True)] if new else []
        else:
            out.append((f"[-{old}-]" if old else "") + (f"{{+{new}+}}" if new else ""))
    return " ".join(out)


def _block(location: str, f: Finding, color: bool) -> str:
    q = f.quote
    head = _paint((f.verdict or q.kind).upper(), _COLOURS.get(f.verdict or "", "0"), color)
    speaker = q.speaker or "speaker not named"
    if f.ignored:
        head += " (ignored)"
    lines = [f"{head}  {place(location, q)}  {speaker}", f'  "{q.text}"']
    if f.evidence is not None:
        e = f.evidence
        where = f"{e.source} [{e.start}:{e.end}]"
        by = f", said by {e.speaker}" if e.speaker else ""
        lines.append(f"  source: {where}{by} (score {f.score:.0f})")
        if f.verdict != "verified" or f.changes:
            lines.append(f'  source text: "{e.text}"')
    if f.evidence is not None and f.verdict == "altered":
        lines.append(f"  diff: {inline_diff(q.text, f.evidence.text, color)}")
    diff = word_diff(f.changes, color)
    if diff:
        lines.append("  changes:")
        lines.append(diff)
    if f.hint is not None:
        lines.append(f'  closest passage (not evidence): {f.hint.source}: "{f.hint.text}"')
    lines.append(f"  reason: {f.reason}")
    if f.ignored:
        lines.append(f"  ignored: {f.ignore_reason or 'by configuration'}")
    return "\n".join(lines)


def summary_line(report: Report) -> str:
    s = report.summary()
    parts = [f"{s[v]} {v}" for v in ("verified", "altered", "misattributed", "unverified")]
    ignored = f" ({s['ignored']} ignored)" if s.get("ignored") else ""
    return f"{s['quotes']} quotes checked: " + ", ".join(parts) + ignored


def render_text(report: Report, *, color: bool = False, quiet: bool = False, **_: object) -> str:
    out: list[str] = []
    if not quiet:
        for doc in report.documents:
            checked = [f for f in doc.findings if f.verdict is not None]
            order = {v: i for i, v in enumerate(VERDICT_SEVERITY)}
            for f in sorted(checked, key=lambda f: (order[f.verdict or "verified"], f.quote.start)):
                out.append(_block(doc.input, f, color))
            others = [f for f in doc.findings if f.verdict is None]
            if others:
                out.append("Not checked (terms and reposted passages):\n" + "\n".join(
                    f"  {place(doc.input, f.quote)}  {f.quote.kind}: \"{short(f.quote.text)}\""
                    for f in others))
        notes = [f"  {doc.input}:{n.line}:{n.column}: {n.message}" for doc in report.documents for n in doc.notices]
        if notes:
            out.append("Not checked (quote marks never closed):\n" + "\n".join(notes))
        bad = [s for s in report.sources if not s.ok]
        if bad:
            out.append("Sources not used:\n" + "\n".join(f"  {s.location}: {s.status} ({s.detail})" for s in bad))
    out.append(summary_line(report))
    return "\n\n".join(out) + "\n"
