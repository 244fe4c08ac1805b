"""Score the whole pipeline on the real-world dev cases (`make eval`).

Each case folder holds post.txt, sources/ and expected.json. The tool runs
offline with only that case's sources; each expected quote is matched to the
extracted quote with the same words, and its verdict compared.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

from quoteverify import Checker, CheckOptions
from quoteverify.model import Finding


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    return " ".join(text.split()).strip(" \"'").lower()


def _find(findings: list[Finding], text: str) -> Finding | None:
    want = _norm(text)
    best, best_score = None, 0.0
    for f in findings:
        if f.quote.kind == "document":
            continue
        score = fuzz.ratio(_norm(f.quote.text), want)
        if score > best_score:
            best, best_score = f, score
    return best if best_score >= 90 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", nargs="?", default="../shared/dev-cases")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    root = Path(args.cases)
    if not root.is_dir():
        print(f"eval: {root} not found; skipping (the dev cases live in ../shared/dev-cases)")
        return 0
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false_verified = 0
    lines = []
    started = time.perf_counter()
    for case in sorted(p for p in root.iterdir() if (p / "expected.json").is_file()):
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        sources = (str(case / "sources"),) if (case / "sources").is_dir() else ()
        options = CheckOptions(sources=sources, library=None, follow_links=False, offline=True)
        report = Checker(options).check([str(case / "post.txt")])
        findings = list(report.findings)
        for item in expected["quotes"]:
            want = item["verdict"]
            ok_verdicts = {want, *item.get("alt_verdicts_acceptable", [])}
            found = _find(findings, item["text"])
            got = found.verdict if found else "not extracted"
            total[want] += 1
            good = got in ok_verdicts
            right[want] += good
            if got == "verified" and "verified" not in ok_verdicts:
                false_verified += 1
            mark = "ok " if good else "BAD"
            lines.append(f"{mark} {case.name[:38]:38} expected {want:13} got {got!s:13} {item['text'][:50]!r}")
            if args.verbose and found is not None:
                lines.append(f"      speaker={found.quote.speaker!r} score={found.score:.1f} reason={found.reason}")
    elapsed = time.perf_counter() - started
    print("\n".join(lines))
    print()
    print(f"{'expected':14} {'right':>5} / {'total':<5}")
    for verdict in ("verified", "altered", "misattributed", "unverified"):
        print(f"{verdict:14} {right[verdict]:>5} / {total[verdict]:<5}")
    all_right, all_total = sum(right.values()), sum(total.values())
    share = all_right / all_total if all_total else 0.0
    print(f"{'all':14} {all_right:>5} / {all_total:<5} ({share:.0%})")
    print(f"quotes wrongly called verified: {false_verified}")
    print(f"time: {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
