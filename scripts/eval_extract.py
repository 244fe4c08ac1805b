"""Score the extract stage on PolNeAR (issue 3).

Gold: attributions whose content contains a double quote mark, one annotator
file per article (the first by name). A double quote mark is ", \u201c, \u201d
or '' (two apostrophes: the New York Times articles in PolNeAR type \u201c \u201d
that way). The bare quote-mark regex of the issue's baseline matches the same
marks; with them it scores P 0.720 R 0.987 F1 0.833 on dev, with ", \u201c,
\u201d alone P 0.718 R 0.986 F1 0.831: the issue's "0.83 (precision 0.72)"
either way. Both are printed. Readings:

(1) the issue's metric: every predicted quote of kind ``statement`` is a hit
    when it overlaps an unused gold content span, an attributed hit when its
    speaker mention also overlaps that attribution's source span. A
    continuation ('"A," X said. "B."': B) is kind ``continuation``, part of
    its statement's attribution as in PolNeAR, so it is not counted again;
(1') the same with ", \u201c, \u201d only as double marks: the gold leaves out
    the NYT's '' quotes, so quotes found in them count as false positives;
(2) attribution units: a statement with its continuations, spanning all their
    spans. A unit hits when any span overlaps an unused gold content span.

Matching is greedy in text order, one gold per prediction, preferring a gold
whose source the mention overlaps. Quotes whose only marks are single
(British 'x' quotes) are predictions like any other.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quoteverify.extract import extract_quotes
from quoteverify.model import Document, Quote

Span = tuple[int, int]
_T_RE = re.compile(r"(T\d+)\t(\w+) ([\d ;]+)(?:\t|$)")
_E_RE = re.compile(r"E\d+\t(.*)$")


def load_gold(ann: Path, text: str, marks: str) -> list[tuple[list[Span], list[Span]]]:
    spans: dict[str, list[Span]] = {}
    gold = []
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        m = _T_RE.match(line)
        if m:
            spans[m.group(1)] = [(int(a), int(b)) for a, b in (p.split() for p in m.group(3).split(";"))]
            continue
        e = _E_RE.match(line)
        if e:
            events.append(dict(p.split(":", 1) for p in e.group(1).split()))
    for ev in events:
        content = spans.get(ev.get("Content", ""), [])
        if not any(re.search(marks, text[a:b]) for a, b in content):
            continue
        gold.append((content, spans.get(ev.get("Source", ""), [])))
    return gold


def _overlaps(s: int, e: int, spans: list[Span]) -> bool:
    return any(s < b and a < e for a, b in spans)


def _ctx(text: str, s: int, e: int, width: int = 70) -> str:
    out = text[max(0, s - width):s] + "[[" + text[s:e] + "]]" + text[e:e + width]
    return out.replace("\n", " / ")


# A predicted unit: its quote spans, its speaker mention, a quote for context.
Unit = tuple[list[Span], Quote]
Gold = list[tuple[list[Span], list[Span]]]
# The bare quote-mark regex of the baseline (no speakers), for each set of marks.
_REGEX = re.compile("(?:[\"\u201c]|'')(?:(?!'')[^\"\u201c\u201d])*(?:[\"\u201d]|'')")
_REGEX_STRICT = re.compile("[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")
_MARKS = "[\"\u201c\u201d]|''"
_MARKS_STRICT = "[\"\u201c\u201d]"


def literal_units(quotes: list[Quote]) -> list[Unit]:
    """The issue's reading: every quote of kind statement on its own."""
    return [([(q.start, q.end)], q) for q in quotes if q.kind == "statement"]


def attribution_units(quotes: list[Quote]) -> list[Unit]:
    """PolNeAR's unit: a statement with its continuations.

    A continuation's ``parent`` is the quote it continues; following parents
    up to a statement gives the unit's head.
    """
    members: dict[int, list[int]] = {}
    for k, q in enumerate(quotes):
        if not q.spoken:
            continue
        head = k
        seen = 0
        while quotes[head].kind == "continuation" and quotes[head].parent is not None and seen < len(quotes):
            head = quotes[head].parent  # type: ignore[assignment]
            seen += 1
        members.setdefault(head, []).append(k)
    return [([(quotes[k].start, quotes[k].end) for k in ks], quotes[head]) for head, ks in sorted(members.items())]


def regex_units(text: str, regex: re.Pattern[str] = _REGEX) -> list[Unit]:
    out: list[Unit] = []
    for m in regex.finditer(text):
        w = 2 if text.startswith("''", m.start()) else 1
        v = 2 if text.endswith("''", 0, m.end()) and m.end() - m.start() > w + 1 else 1
        out.append(([(m.start() + w, m.end() - v)], Quote(text[m.start() + w:m.end() - v], m.start() + w, m.end() - v, 0, 0)))
    return out


def match(units: list[Unit], gold: Gold) -> tuple[dict[int, int], int, int]:
    """Greedy one-to-one matching in text order: (unit -> gold, hits, attributed hits).

    A unit takes the first unused gold whose content one of its spans
    overlaps, preferring one whose source its speaker mention overlaps.
    """
    used = [False] * len(gold)
    hit_of: dict[int, int] = {}
    hits = attributed = 0
    for k, (spans, q) in enumerate(units):
        m = q.speaker_mention
        order = sorted(
            (i for i, (c, _) in enumerate(gold) if not used[i] and any(_overlaps(s, e, c) for s, e in spans)),
            key=lambda i: not (m is not None and _overlaps(m.start, m.end, gold[i][1])),
        )
        if order:
            i = order[0]
            used[i] = True
            hit_of[k] = i
            hits += 1
            if m is not None and _overlaps(m.start, m.end, gold[i][1]):
                attributed += 1
    return hit_of, hits, attributed


def _diagnose(name: str, text: str, units: list[Unit], gold: Gold, hit_of: dict[int, int], out: dict[str, int]) -> None:
    """Print the false positives, misses and wrong speakers of one article."""
    used = set(hit_of.values())
    for k, (spans, q) in enumerate(units):
        m = q.speaker_mention
        s, e = spans[0][0], spans[-1][1]
        if k in hit_of:
            c, src = gold[hit_of[k]]
            if m is None or not _overlaps(m.start, m.end, src):
                kind = "NOSPK" if m is None else "WRONGSPK"
                names = " ".join(text[a:b] for a, b in src).lower()
                if m is not None and q.speaker and q.speaker.split()[-1].lower() in names:
                    kind = "SAMENAME"  # the right person, named at another place
                out[kind] += 1
                got = f"{m.text!r}@{m.start}" if m else "-"
                print(f"{kind} {name}: got {got} gold {[(text[a:b], a) for a, b in src]!r}  cue={q.cue}\n    {_ctx(text, s, min(e, s + 300))}")
            continue
        dup = any(_overlaps(a, b, gold[i][0]) for i in used for a, b in spans)
        kind = "FP-DUP" if dup else "FP"
        out[kind] += 1
        print(f"{kind} {name}: speaker={q.speaker!r} cue={q.cue}\n    {_ctx(text, s, min(e, s + 300))}")
    for i, (c, src) in enumerate(gold):
        if i in used:
            continue
        out["FN"] += 1
        a, b = c[0][0], c[-1][1]
        print(f"FN {name}: source {[text[x:y] for x, y in src]!r}\n    {_ctx(text, a, min(b, a + 300))}")


def _prf(tp: int, predicted: int, golds: int) -> str:
    p = tp / predicted if predicted else 0.0
    r = tp / golds if golds else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def score(root: Path, split: str, diagnose: str = "") -> int:
    """Print every reading for our extractor and the regex baseline.

    ``diagnose``: "literal" or "unit" lists that reading's errors.
    """
    tdir, adir = root / split / "text", root / split / "attributions"
    chosen: dict[str, Path] = {}
    for ann in sorted(adir.glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    readings = ("literal", "strict", "unit")
    # (hits, attributed, predicted, gold) per reading, for ours and for the regex
    ours = {r: [0, 0, 0, 0] for r in readings}
    regex = {r: [0, 0, 0, 0] for r in readings}
    nbytes = 0
    elapsed = 0.0
    tally: dict[str, int] = {k: 0 for k in ("FP", "FP-DUP", "FN", "WRONGSPK", "SAMENAME", "NOSPK")}
    for name, ann in sorted(chosen.items()):
        text = (tdir / f"{name}.txt").read_text(encoding="utf-8")
        golds = {m: load_gold(ann, text, m) for m in (_MARKS, _MARKS_STRICT)}
        nbytes += len(text.encode("utf-8"))
        t0 = time.perf_counter()
        found = list(extract_quotes(Document.from_text(text, name)))
        elapsed += time.perf_counter() - t0
        # The regex knows no continuations: one (hits, attributed, predicted) per set of marks.
        rscore = {}
        for m, rx in ((_MARKS, _REGEX), (_MARKS_STRICT, _REGEX_STRICT)):
            runits = regex_units(text, rx)
            rscore[m] = (*match(runits, golds[m])[1:], len(runits))
        for reading in readings:
            marks = _MARKS_STRICT if reading == "strict" else _MARKS
            gold = golds[marks]
            units = attribution_units(found) if reading == "unit" else literal_units(found)
            hit_of, hits, attributed = match(units, gold)
            for row, (h, a, n) in ((ours[reading], (hits, attributed, len(units))), (regex[reading], rscore[marks])):
                row[0] += h
                row[1] += a
                row[2] += n
                row[3] += len(gold)
            if diagnose == reading:
                _diagnose(name, text, units, gold, hit_of, tally)

    print(f"PolNeAR {split}: {len(chosen)} articles, {ours['literal'][3]} gold attributions whose content holds a double quote mark")
    titles = {
        "literal": "(1) the issue's metric: every statement on its own; double marks \", \u201c, \u201d and ''",
        "strict": "(1') the same, double marks \", \u201c, \u201d only (the NYT's '' quotes are not gold)",
        "unit": "(2) attribution units: a statement with its continuations; double marks \", \u201c, \u201d and ''",
    }
    for reading in readings:
        hits, attributed, predicted, golds = ours[reading]
        rhits, rattributed, rpredicted, _ = regex[reading]
        print()
        print(f"{titles[reading]}  [{golds} gold]")
        print(f"  quoteverify  quote span  {_prf(hits, predicted, golds)}   ({hits} of {predicted} predicted)")
        print(f"               attributed  {_prf(attributed, predicted, golds)}   ({attributed})")
        print(f"  regex        quote span  {_prf(rhits, rpredicted, golds)}   ({rpredicted} predicted)")
        print(f"               attributed  {_prf(rattributed, rpredicted, golds)}")
    if diagnose:
        print("errors (" + diagnose + ")  " + "  ".join(f"{k} {v}" for k, v in tally.items()))
    rate = len(chosen) / elapsed if elapsed else 0.0
    print(f"speed        {rate:.1f} articles/s, {nbytes / 1e6 / elapsed if elapsed else 0:.2f} MB/s")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "polnear")
    ap.add_argument(
        "--diagnose", nargs="?", const="literal", choices=("literal", "strict", "unit"), default="",
        help="print every false positive, miss and wrong speaker with context under one reading (default: literal)",
    )
    args = ap.parse_args()
    if not (args.root / args.split).is_dir():
        print(f"PolNeAR not found at {args.root}; nothing to evaluate.")
        return 0
    return score(args.root, args.split, diagnose=args.diagnose)


if __name__ == "__main__":
    sys.exit(main())
