"""Benchmark the source library on generated prose: build speed, index size, memory, per-quote latency.

    python scripts/bench_library.py              # 100,000 documents (~1 GB)
    python scripts/bench_library.py --docs 5000  # smaller

The prose is pseudo-English: words drawn from a fixed word list with a seeded
RNG (Zipf frequencies), so every run builds the same library. Known quotes are
taken from planted documents, some verbatim and some with one word changed.
Each phase runs in its own process so that its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FUNCTION_WORDS = ["the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as", "his", "on", "be", "at", "by", "i", "this", "had", "not", "are", "but", "from", "or", "have", "an", "they", "which", "one", "you", "were", "her", "all", "she", "there", "would", "their", "we", "him", "been", "has", "when", "who", "will", "more", "no", "if", "out", "so", "said", "what", "up", "its", "about", "into", "than", "them", "can", "only", "other", "new", "some", "could", "time", "these", "two", "may", "then", "do", "first", "any", "my", "now", "such", "like", "our", "over", "man", "me", "even", "most", "made", "after", "also", "did", "many", "before", "must", "through", "back", "years", "where", "much", "your", "way", "well", "down", "should", "because", "each", "just", "those", "people", "how", "too", "little", "state", "good", "very", "make", "world", "still", "own", "see", "men", "work", "long", "get", "here", "between", "both", "life", "being", "under", "never", "day", "same", "another", "know", "while", "last", "might", "us", "great", "old", "year", "off", "come", "since", "against", "go", "came", "right", "used", "take", "three"]
SYLLABLES = ["ba", "ca", "de", "di", "fo", "ga", "hi", "jo", "ka", "la", "li", "ma", "mo", "na", "ne", "po", "ra", "re", "sa", "se", "ta", "ti", "to", "va", "ve", "wi", "zo", "ber", "con", "dor", "fen", "gan", "hol", "lin", "mar", "nor", "pel", "quin", "ros", "sten", "tar", "vin", "wen"]
DOC_CHARS = 10_000


def vocabulary(size: int = 20_000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = list(FUNCTION_WORDS)
    seen = set(out)
    while len(out) < size:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def documents(n: int, seed: int = 1, chars: int = DOC_CHARS):
    words = vocabulary()
    cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(words))))
    rng = random.Random(seed)
    for _ in range(n):
        parts: list[str] = []
        size = 0
        while size < chars:
            s = " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(6, 25))).capitalize() + rng.choice(".....?,")
            parts.append(s)
            size += len(s) + 1
        yield " ".join(parts)


_GIVEN = ["Ada", "Bela", "Cato", "Dara", "Edis", "Faro", "Gita", "Hale", "Iona", "Jory", "Kemi"]
_FAMILY = ["Arbel", "Brisco", "Calder", "Dunmore", "Eskin", "Farrow", "Galvin", "Harlan", "Ivers"]


def author(i: int) -> str:
    """97 distinct made-up bylines (realistic names: name matching treats numbers as noise)."""
    k = i % 97
    return f"{_GIVEN[k % len(_GIVEN)]} {_FAMILY[k // len(_GIVEN)]}"


def generate(folder: Path, n: int, quotes: int) -> list[dict[str, str]]:
    rng = random.Random(11)
    planted = set(rng.sample(range(n), min(quotes, n)))
    out = []
    for i, text in enumerate(documents(n)):
        path = folder / f"{i // 1000:03d}" / f"doc{i:06d}.txt"
        if i % 1000 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: Story {i}\nauthor: {author(i)}\n---\n{text}\n", encoding="utf-8")
        if i in planted:
            ws = text.split()
            at = rng.randrange(0, len(ws) - 30)
            q = ws[at : at + rng.randint(10, 22)]
            if len(out) % 3 == 2:
                q[len(q) // 2] = "never"  # an altered quote
            out.append({"doc": str(path), "text": " ".join(q).strip(".,?")})
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _quote(text: str):
    from quoteverify.model import Quote

    return Quote(text=text, start=0, end=len(text), line=1, column=1, speaker=author(1))


def phase_build(folder: Path, db: Path) -> dict[str, float]:
    from quoteverify.library import Library

    for old in db.parent.glob(db.name + "*"):  # a build from scratch, not an incremental no-op
        old.unlink()
    with Library(folder, db) as lib:
        stats = lib.update()
        lib.store.optimize()
        counts = lib.store.counts()
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    return {"seconds": stats.seconds, "bytes": stats.bytes, "chars": counts["chars"], "index_bytes": size, "rss_mb": _rss_mb()}


def phase_check(folder: Path, db: Path, quotes_file: Path) -> dict[str, object]:
    from quoteverify.library import Library, LibraryJudge

    qs = json.loads(quotes_file.read_text())
    with Library(folder, db) as lib:
        judge = LibraryJudge(lib, [])
        for q in qs:  # warm: the OS page cache and SQLite's
            judge.judge(_quote(q["text"]))
        times, verdicts = [], []
        for q in qs:
            t = time.perf_counter()
            f = judge.judge(_quote(q["text"]))
            times.append((time.perf_counter() - t) * 1000)
            verdicts.append([f.verdict, f.evidence.source if f.evidence else None])
    times.sort()
    return {"median_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))], "rss_mb": _rss_mb(), "verdicts": verdicts}


def phase_naive(folder: Path, quotes_file: Path) -> dict[str, object]:
    from quoteverify.gather import FileAdapter
    from quoteverify.judge import Judge

    qs = json.loads(quotes_file.read_text())
    t = time.perf_counter()
    judge = Judge(FileAdapter().load(str(folder)))
    verdicts = []
    for q in qs:
        f = judge.judge(_quote(q["text"]))
        verdicts.append([f.verdict, f.evidence.source if f.evidence else None])
    return {"seconds": time.perf_counter() - t, "verdicts": verdicts, "rss_mb": _rss_mb()}


def _run_phase(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000, help="documents in the large library (~10 kB each)")
    ap.add_argument("--small-docs", type=int, default=1000, help="documents in the library compared with the naive scan (~10 MB)")
    ap.add_argument("--quotes", type=int, default=200)
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one)")
    ap.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        name, *rest = args.phase
        paths = [Path(p) for p in rest]
        result = {"build": phase_build, "check": phase_check, "naive": phase_naive}[name](*paths)
        print(json.dumps(result))
        return
    work = args.dir or Path(tempfile.mkdtemp(prefix="qv-bench-"))
    rows: list[tuple[str, str, str]] = []
    for label, n in (("small", args.small_docs), ("large", args.docs)):
        folder, db, qfile = work / f"{label}-lib", work / f"{label}.sqlite", work / f"{label}-quotes.json"
        if not folder.exists():
            t = time.perf_counter()
            qfile.write_text(json.dumps(generate(folder, n, args.quotes)))
            print(f"generated {n} documents in {time.perf_counter() - t:.0f}s", file=sys.stderr)
        build = _run_phase("build", str(folder), str(db))
        check = _run_phase("check", str(folder), str(db), str(qfile))
        mb = build["chars"] / 1e6
        rows += [
            (f"{label}: documents", str(n), ""),
            (f"{label}: text", f"{mb:.0f} MB", ""),
            (f"{label}: index build", f"{mb / build['seconds']:.1f} MB/s", ">= 5 MB/s"),
            (f"{label}: index size / text", f"{build['index_bytes'] / build['bytes']:.2f}", "< 1"),
            (f"{label}: peak memory building", f"{build['rss_mb']:.0f} MB", "< 500 MB"),
            (f"{label}: peak memory checking", f"{check['rss_mb']:.0f} MB", "< 500 MB"),
            (f"{label}: median per quote (warm)", f"{check['median_ms']:.1f} ms", "< 20 ms"),
            (f"{label}: p95 per quote (warm)", f"{check['p95_ms']:.1f} ms", "< 100 ms"),
        ]
        if label == "small":
            naive = _run_phase("naive", str(folder), str(qfile))
            same = sum(a == b for a, b in zip(naive["verdicts"], check["verdicts"]))
            indexed = check["median_ms"] * len(check["verdicts"]) / 1000
            rows += [
                ("small: verdicts identical to naive scan", f"{same}/{len(naive['verdicts'])}", "all"),
                ("small: naive scan (load + all quotes)", f"{naive['seconds']:.1f} s", ""),
                ("small: speed ratio naive / index (per quote)", f"{naive['seconds'] / max(indexed, 1e-9):.0f}x", ""),
            ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>12}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>12}  {target}")


if __name__ == "__main__":
    main()
