"""The HTML report: one self-contained page a copy editor would rather look at than read.

A summary bar, then per input its text with every quote highlighted by verdict
beside a card per quote (verdict, speaker, place, the source passage with the
differences marked, source, score, reason), then the sources with their
provenance. No script, no network, no external asset: it works opened from
disk, prints, and reflows on a phone. Every verdict is written out in words and
marked by a symbol and an underline style, so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from .. import __version__
from ..ignore import quote_hash
from ..model import VERDICT_SEVERITY, Change, DocumentReport, Finding, Report, Source
from ._common import (
    VERDICT_SYMBOL,
    display_path,
    ignore_reason,
    passage_diff,
    plain_span,
    quote_words,
    short,
    shown_changes,
)

_CSS = """
:root {
  --ink: #1d2433; --muted: #5a6273; --paper: #ffffff; --wash: #f5f6f8; --line: #d8dce3;
  --altered: #b42318; --altered-bg: #fde4e1;
  --misattributed: #6b3fc4; --misattributed-bg: #ece5fb;
  --unverified: #935000; --unverified-bg: #fdefcf;
  --verified: #0b7a3e; --verified-bg: #dcf3e5;
  --other: #5a6273; --other-bg: #eceef2;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: var(--wash);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1280px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; word-break: break-all; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
.byline { color: var(--muted); margin: 0 0 1rem; font-size: .9rem; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
a { color: inherit; }

.summary {
  display: flex; flex-wrap: wrap; gap: .5rem; align-items: stretch;
  background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: .75rem;
  position: sticky; top: 0; z-index: 2;
}
.summary .total { font-weight: 600; padding: .35rem .6rem; align-self: center; }
.count {
  display: inline-flex; align-items: baseline; gap: .35rem; padding: .35rem .7rem;
  border-radius: 999px; border: 2px solid currentColor; font-weight: 600; text-decoration: none;
}
.count b { font-size: 1.15rem; }
.count.zero { opacity: .55; font-weight: 400; }
.bar { display: flex; height: 8px; border-radius: 4px; overflow: hidden; flex-basis: 100%; background: var(--wash); }
.bar span { display: block; }

.v-altered { --c: var(--altered); --bg: var(--altered-bg); }
.v-misattributed { --c: var(--misattributed); --bg: var(--misattributed-bg); }
.v-unverified { --c: var(--unverified); --bg: var(--unverified-bg); }
.v-verified { --c: var(--verified); --bg: var(--verified-bg); }
.v-other { --c: var(--other); --bg: var(--other-bg); }
.count, .badge { color: var(--c); background: var(--bg); }
.bar span { background: var(--c); }

.doc { display: grid; grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
.text {
  background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.25rem;
  white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman", serif;
  font-size: 1.02rem; line-height: 1.7; position: sticky; top: 5.5rem; max-height: calc(100vh - 6.5rem); overflow-x: hidden; overflow-y: auto;
}
mark.q {
  color: inherit; background: var(--bg); border-bottom: 3px solid var(--c);
  padding: 0 .1em; border-radius: 2px; scroll-margin-top: 7rem;
  -webkit-box-decoration-break: clone; box-decoration-break: clone;
}
mark.q.v-altered { border-bottom-style: double; border-bottom-width: 4px; }
mark.q.v-misattributed { border-bottom-style: dashed; }
mark.q.v-unverified { border-bottom-style: dotted; }
mark.q.ignored { opacity: .7; }
.term { border-bottom: 1px dotted var(--muted); }
a.tag {
  font: 700 .68rem/1 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .03em;
  color: var(--paper); background: var(--c); border-radius: 3px; padding: .15em .35em;
  margin-left: .2em; vertical-align: .15em; text-decoration: none; white-space: nowrap;
}

.cards { display: flex; flex-direction: column; gap: .75rem; min-width: 0; }
.card {
  background: var(--paper); border: 1px solid var(--line); border-left: 6px solid var(--c);
  border-radius: 10px; padding: .8rem 1rem; scroll-margin-top: 7rem;
}
.card:target { outline: 3px solid var(--c); }
.card header { display: flex; flex-wrap: wrap; gap: .4rem .75rem; align-items: baseline; margin-bottom: .4rem; }
.badge { font-weight: 700; padding: .1rem .5rem; border-radius: 4px; border: 1px solid var(--c); text-transform: uppercase; font-size: .85rem; }
.who { font-weight: 600; }
.loc { color: var(--muted); font-size: .85rem; }
.card blockquote { margin: .25rem 0 .6rem; font-family: Georgia, serif; font-style: italic; }
.passage { background: var(--wash); border-radius: 6px; padding: .5rem .7rem; font-family: Georgia, serif; margin: .25rem 0 .5rem; }
.label { display: block; font: 600 .75rem/1.4 system-ui, sans-serif; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
del { color: var(--altered); background: var(--altered-bg); text-decoration: line-through 2px; }
ins { color: var(--verified); background: var(--verified-bg); text-decoration: underline 2px; }
dl.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .15rem .75rem; margin: .4rem 0 0; font-size: .92rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
code.hash { font-size: .7rem; color: var(--muted); word-break: break-all; }
ul.changes { margin: .2rem 0 .4rem; padding-left: 1.2rem; font-size: .92rem; }
.flag { color: var(--altered); font-weight: 600; }
.unchecked { font-size: .9rem; color: var(--muted); }
.unchecked ul { padding-left: 1.2rem; margin: .3rem 0; }

.sources { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 380px), 1fr)); gap: .75rem; }
.source { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: .8rem 1rem; }
.source.bad { border-left: 6px solid var(--altered); }
.source h3 { overflow-wrap: anywhere; }
.status { font-weight: 700; text-transform: uppercase; font-size: .8rem; }
footer { color: var(--muted); font-size: .85rem; margin: 2rem 0 1rem; }

@media (max-width: 860px) {
  .doc { grid-template-columns: minmax(0, 1fr); }
  .text { position: static; max-height: none; }
  .summary { position: static; }
  body { font-size: 15px; }
  main { padding: .6rem; }
}
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .summary, .text { position: static; max-height: none; overflow: visible; }
  .doc { grid-template-columns: minmax(0, 1fr); }
  .card, .source, .summary { break-inside: avoid; }
  a { text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

# Worst first, as the summary bar shows them.
_SHOWN = VERDICT_SEVERITY


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _verdict_class(f: Finding) -> str:
    return f"v-{f.verdict}" if f.verdict else "v-other"


def _label(verdict: str) -> str:
    return f"{VERDICT_SYMBOL.get(verdict, '')} {verdict}".strip()


# -- summary ------------------------------------------------------------------------------------

def _summary(report: Report) -> str:
    s = report.summary()
    total = s["quotes"]
    pills = []
    bar = []
    for v in _SHOWN:
        n = s[v]
        zero = " zero" if n == 0 else ""
        pills.append(
            f'<span class="count v-{v}{zero}" data-verdict="{v}" data-count="{n}">'
            f'<span aria-hidden="true">{VERDICT_SYMBOL[v]}</span> <b>{n}</b> {v}</span>'
        )
        if n and total:
            bar.append(f'<span class="v-{v}" style="width:{100 * n / total:.2f}%" title="{n} {v}"></span>')
    unused = sum(1 for src in report.sources if not src.ok)
    extra = ""
    if s.get("ignored"):
        extra += (
            f'<span class="count v-other" data-verdict="ignored" data-count="{s["ignored"]}">'
            f'<b>{s["ignored"]}</b> ignored</span>'
        )
    if unused:
        extra += (
            f'<span class="count v-other" data-verdict="sources-unused" data-count="{unused}">'
            f"<b>{unused}</b> source{'s' if unused != 1 else ''} not read</span>"
        )
    return (
        '<section class="summary" aria-label="Summary">'
        f'<span class="total"><span data-total="{total}">{total}</span> quote{"s" if total != 1 else ""} checked</span>'
        + "".join(pills)
        + extra
        + f'<div class="bar" role="img" aria-label="{_e(_summary_words(s))}">{"".join(bar)}</div>'
        + "</section>"
    )


def _summary_words(s: dict[str, int]) -> str:
    return ", ".join(f"{s[v]} {v}" for v in _SHOWN)


# -- the input text with highlights ---------------------------------------------------------------

def _highlighted_text(d: int, doc: DocumentReport) -> str:
    """The input's readable text with each quote wrapped in a mark, nested properly."""
    document = doc.document
    text = document.plain if document.plain_map else document.text
    spans: list[tuple[int, int, str, str]] = []
    for i, f in enumerate(doc.findings):
        start, end = plain_span(document, f.quote.start, f.quote.end)
        if end <= start:
            continue
        if f.verdict is not None:
            ignored = " ignored" if f.ignored else ""
            open_tag = (
                f'<mark class="q {_verdict_class(f)}{ignored}" id="m{d}-{i}" data-verdict="{f.verdict}"'
                f' title="{_e(f.verdict)}: {_e(f.quote.speaker or "no named speaker")}">'
            )
            close_tag = f'</mark><a class="tag {_verdict_class(f)}" href="#c{d}-{i}">{_e(_label(f.verdict))}</a>'
        elif f.quote.kind == "document":
            open_tag, close_tag = '<span class="repost" title="reposted passage">', "</span>"
        else:
            open_tag, close_tag = f'<span class="term" title="{_e(f.quote.kind)}, not checked">', "</span>"
        spans.append((start, end, open_tag, close_tag))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    pos = 0
    for start, end, open_tag, close_tag in spans:
        while stack and stack[-1][0] <= start:
            stop, closing = stack.pop()
            out.append(_e(text[pos:stop]) + closing)
            pos = stop
        out.append(_e(text[pos:start]))
        pos = start
        if stack:
            end = min(end, stack[-1][0])  # a span crossing its parent's end is cut there
        out.append(open_tag)
        stack.append((end, close_tag))
    while stack:
        stop, closing = stack.pop()
        out.append(_e(text[pos:stop]) + closing)
        pos = stop
    out.append(_e(text[pos:]))
    return "".join(out)


# -- cards --------------------------------------------------------------------------------------

def _diff_html(f: Finding) -> str:
    assert f.evidence is not None
    parts = []
    for kind, words in passage_diff(f.evidence.text, f.quote.text, f.changes):
        if kind == "del":
            parts.append(f"<del>{_e(words)}</del>")
        elif kind == "ins":
            parts.append(f"<ins>{_e(words)}</ins>")
        else:
            parts.append(_e(words))
    return "".join(parts)


def _change_item(c: Change) -> str:
    old = f"<del>{_e(c.source)}</del>" if c.source else ""
    new = f"<ins>{_e(c.quote)}</ins>" if c.quote else ""
    flag = ' <span class="flag">changes the meaning</span>' if c.meaning else ""
    note = f" — {_e(c.note)}" if c.note else ""
    return f"<li><span class=\"op\">{_e(c.op)}</span>: {old}{' ' if old and new else ''}{new}{flag}{note}</li>"


def _card(d: int, i: int, doc: DocumentReport, f: Finding) -> str:
    q = f.quote
    assert f.verdict is not None
    where = f"{display_path(doc.input)}:{q.line}:{q.column}"
    parts = [
        f'<article class="card {_verdict_class(f)}" id="c{d}-{i}" data-verdict="{f.verdict}">',
        "<header>",
        f'<span class="badge">{_e(_label(f.verdict))}</span>',
        f'<span class="who">{_e(q.speaker or "speaker not named")}</span>',
        f'<a class="loc mono" href="#m{d}-{i}">{_e(where)}</a>',
        f' <span class="badge v-other ignored">ignored: {_e(ignore_reason(f))}</span>' if f.ignored else "",
        "</header>",
        f'<blockquote class="quote"><span class="label">Quote</span>“{_e(quote_words(doc.document, q))}”</blockquote>',
    ]
    e = f.evidence
    if e is not None:
        said = f", said by {e.speaker}" if e.speaker else ""
        body = " (outside the article body)" if e.outside_body else ""
        parts.append(
            f'<div class="passage"><span class="label">Source passage{_e(said)}</span>{_diff_html(f)}</div>'
        )
        changes = shown_changes(f.changes)
        if changes:
            parts.append('<ul class="changes">' + "".join(_change_item(c) for c in changes) + "</ul>")
        meta = [
            ("Source", f'<span class="mono">{_e(e.source)}</span>{_e(body)}'),
            ("Where", f"characters {e.start}–{e.end}"),
            ("Score", f"{f.score:.0f}"),
        ]
    else:
        meta = [("Score", f"{f.score:.0f}")] if f.score else []
        if f.hint is not None:
            parts.append(
                '<div class="passage"><span class="label">Closest passage (not evidence)</span>'
                f"{_e(f.hint.text)}</div>"
            )
            meta.insert(0, ("Nearest in", f'<span class="mono">{_e(f.hint.source)}</span>'))
    meta.append(("Reason", _e(f.reason)))
    meta.append(("Quote hash", f'<code class="hash">{_e(quote_hash(q.text))}</code>'))
    parts.append('<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta) + "</dl>")
    parts.append("</article>")
    return "".join(parts)


def _unchecked(doc: DocumentReport) -> str:
    others = [f for f in doc.findings if f.verdict is None]
    if not others and not doc.notices:
        return ""
    items = "".join(
        f"<li>{_e(f.quote.kind)} at <span class=\"mono\">{f.quote.line}:{f.quote.column}</span>: "
        f"“{_e(short(quote_words(doc.document, f.quote), 80))}” — {_e(f.reason)}</li>"
        for f in others
    ) + "".join(
        f'<li class="notice">quote mark at <span class="mono">{n.line}:{n.column}</span>: {_e(n.message)}</li>'
        for n in doc.notices
    )
    return f'<section class="unchecked"><h3>Not checked</h3><ul>{items}</ul></section>'


def _document(d: int, doc: DocumentReport) -> str:
    checked = [(i, f) for i, f in enumerate(doc.findings) if f.verdict is not None]
    cards = "".join(_card(d, i, doc, f) for i, f in sorted(checked, key=lambda p: p[1].quote.start))
    if not checked:
        cards = '<p class="unchecked">No quote in this text was checked.</p>'
    return (
        f'<section class="input" id="d{d}"><h2>{_e(display_path(doc.input))}</h2>'
        '<div class="doc">'
        f'<div class="text" aria-label="Input text with quotes highlighted">{_highlighted_text(d, doc)}</div>'
        f'<div class="cards">{cards}{_unchecked(doc)}</div>'
        "</div></section>"
    )


# -- sources --------------------------------------------------------------------------------------

def _source(s: Source) -> str:
    rows: list[tuple[str, str]] = [("Status", f'<span class="status">{_e(s.status)}</span>')]
    if s.detail:
        rows.append(("Detail", _e(s.detail)))
    for label, value in (("Title", s.title), ("Author", s.author), ("Published", s.published)):
        if value:
            rows.append((label, _e(value)))
    if s.url:
        rows.append(("URL", f'<a href="{_e(s.url)}" class="mono">{_e(s.url)}</a>'))
    rows.append(("Kind", _e(f"{s.kind}, rank {s.rank}")))
    if s.sha256:
        rows.append(("SHA-256", f'<code>{_e(s.sha256)}</code>'))
    fetched = s.provenance.get("fetched_at") or s.provenance.get("fetched")
    if fetched:
        rows.append(("Fetched", _e(fetched)))
    for key, extra in s.provenance.items():
        if key not in ("fetched_at", "fetched", "path") and extra not in (None, "", [], {}):
            rows.append((key.replace("_", " ").capitalize(), _e(_flat(extra))))
    bad = "" if s.ok else " bad"
    return (
        f'<article class="source{bad}" data-status="{_e(s.status)}"><h3 class="mono">{_e(s.location)}</h3>'
        '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl></article>"
    )


def _flat(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return " → ".join(str(v) for v in value)
    return str(value)


def _sources(sources: Iterable[Source]) -> str:
    items = sorted(sources, key=lambda s: (s.ok, s.location))
    if not items:
        return '<section id="sources"><h2>Sources</h2><p class="unchecked">No source was given.</p></section>'
    return '<section id="sources"><h2>Sources</h2><div class="sources">' + "".join(_source(s) for s in items) + "</div></section>"


def render_html(report: Report, **_: object) -> str:
    names = ", ".join(display_path(d.input) for d in report.documents) or "no input"
    body = "".join(_document(d, doc) for d, doc in enumerate(report.documents))
    plain = _summary_words(report.summary())
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="quoteverify ' + _e(__version__) + '">'
        f"<title>Quote check: {_e(short(names, 80))}</title>"
        f"<style>{_CSS}</style></head>\n<body><main>"
        f"<h1>Quote check</h1><p class=\"byline\">{_e(names)} — {_e(plain)}</p>"
        f"{_summary(report)}{body}{_sources(report.sources)}"
        f'<footer>Made by quoteverify {_e(__version__)}. Verdicts: ✗ altered, ⚠ misattributed, '
        "? unverified (not found in any source), ✓ verified.</footer>"
        "</main></body></html>\n"
    )
