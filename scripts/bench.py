"""Speed of the judge against the naive baseline, and of the extractor (`make bench`).

Generates ~10 MB of prose across ~2,000 documents and 500 quotes (verbatim,
altered, absent; some given to the wrong author) from a fixed seed, then
times ``Judge`` and the naive baseline: ``partial_ratio_alignment`` of every
quote against every document, the best document then judged by the same
verdict rules. Each side runs in its own process so peak memory is its own.
The naive side is slow (about a second per quote), so by default it runs on an
evenly spaced sample of quotes and its rate is extrapolated; ``--naive-sample 0``
runs it on all of them.

The extract part times ``extract_quotes`` on generated news articles of our
own (quotes with cues before, after and inside them, pronouns, continuations,
scare-quoted terms) against the bare quote-mark regex, then on the shapes that
must never hang: 50 MB of quote marks, 10 MB with no line break, 10 MB that is
one unclosed quote.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass

from rapidfuzz import fuzz

from quoteverify.extract import extract_quotes
from quoteverify.judge import Judge
from quoteverify.model import Document, Quote, Source

SEED = 20260601
AUTHORS = ("Olivia Marsh", "Dana Whitfield", "Peter Okafor", "Lena Brandt", "Samir Haddad", "June Tallis")
FUNCTION = ["the", "a", "of", "to", "and", "in", "that", "is", "was", "for", "on", "with", "as", "by", "at", "from", "it", "this", "be", "are", "not", "have", "had"]


@dataclass(frozen=True)
class Corpus:
    sources: tuple[Source, ...]
    quotes: tuple[Quote, ...]
    kinds: tuple[str, ...]


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syll = ["ka", "lo", "mer", "ti", "san", "dra", "vel", "or", "qui", "ne", "bar", "sol", "um", "fen", "tro", "li", "gar", "pe"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syll) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str]) -> str:
    n = rng.randint(7, 22)
    ws = [rng.choice(FUNCTION) if rng.random() < 0.3 else rng.choice(vocab) for _ in range(n)]
    if rng.random() < 0.1:
        ws.insert(rng.randrange(len(ws)), str(rng.randint(2, 9000)))
    ws[0] = ws[0].capitalize()
    return " ".join(ws) + rng.choice(".....?!")


def build_corpus(docs: int = 2000, quotes: int = 500, doc_chars: int = 5000) -> Corpus:
    rng = random.Random(SEED)
    vocab = _vocabulary(rng)
    sources = []
    for d in range(docs):
        parts: list[str] = []
        size = 0
        while size < doc_chars:
            para = " ".join(_sentence(rng, vocab) for _ in range(rng.randint(2, 5)))
            parts.append(para)
            size += len(para) + 2
        sources.append(Source(location=f"doc{d:04}.txt", text="\n\n".join(parts), author=AUTHORS[d % len(AUTHORS)]))
    qs: list[Quote] = []
    kinds: list[str] = []
    for i in range(quotes):
        kind = ("verbatim", "altered", "absent", "wrong-speaker")[i % 4] if i % 8 != 7 else "verbatim"
        d = rng.randrange(docs)
        words = sources[d].text.split()
        n = rng.randint(6, 30)
        at = rng.randrange(0, len(words) - n)
        span = words[at : at + n]
        speaker = sources[d].author
        if kind == "altered":
            j = rng.randrange(1, n - 1)
            new = "not" if rng.random() < 0.5 else rng.choice(vocab)
            span = span[:j] + [new] + span[j:] if new == span[j] else span[:j] + [new] + span[j + 1 :]
        elif kind == "absent":
            span = _sentence(rng, vocab).split() + _sentence(rng, vocab).split()[:5]
        elif kind == "wrong-speaker":
            speaker = AUTHORS[(AUTHORS.index(speaker or AUTHORS[0]) + 1) % len(AUTHORS)]
        text = " ".join(span).strip(".?!")
        qs.append(Quote(text=text, start=0, end=0, line=1, column=1, speaker=speaker))
        kinds.append(kind)
    return Corpus(tuple(sources), tuple(qs), tuple(kinds))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_tool(corpus: Corpus) -> dict[str, object]:
    base = _peak_mb()
    t0 = time.perf_counter()
    judge = Judge(corpus.sources)
    t1 = time.perf_counter()
    verdicts = [judge.judge(q).verdict for q in corpus.quotes]
    t2 = time.perf_counter()
    return {"build_s": t1 - t0, "judge_s": t2 - t1, "verdicts": verdicts, "peak_mb": _peak_mb(), "corpus_mb": base}


def run_naive(corpus: Corpus, sample: list[int]) -> dict[str, object]:
    base = _peak_mb()
    lowered = [s.text.lower() for s in corpus.sources]
    verdicts: dict[str, str | None] = {}
    t0 = time.perf_counter()
    for i in sample:
        q = corpus.quotes[i]
        needle = q.text.lower()
        best, best_score = 0, -1.0
        for d, text in enumerate(lowered):
            found = fuzz.partial_ratio_alignment(needle, text)
            score = found.score if found is not None else 0.0
            if score > best_score:
                best, best_score = d, score
        verdicts[str(i)] = Judge((corpus.sources[best],)).judge(q).verdict
    elapsed = time.perf_counter() - t0
    return {"judge_s": elapsed, "verdicts": verdicts, "peak_mb": _peak_mb(), "corpus_mb": base}


_PEOPLE = (("Olivia Marsh", "she"), ("Peter Okafor", "he"), ("Dana Whitfield", "she"), ("Samir Haddad", "he"))
_ROLES = ("the county treasurer", "a former state senator", "the union's lead negotiator", "a spokesperson for the agency")
_QUOTE_REGEX = re.compile("[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")


def _article(rng: random.Random, vocab: list[str], chars: int = 5000) -> str:
    """A generated news article: narrative paragraphs and quotes in the usual attribution shapes."""
    paras: list[str] = []
    size = 0
    introduced: list[tuple[str, str]] = []
    while size < chars:
        name, pron = rng.choice(_PEOPLE)
        said = " ".join(_sentence(rng, vocab) for _ in range(rng.randint(1, 2))).rstrip(".?!")
        more = _sentence(rng, vocab)
        short = name.split()[-1]
        shape = rng.randrange(7)
        if shape == 0:
            para = f"\u201c{said},\u201d said {name}, {rng.choice(_ROLES)}. \u201c{more}\u201d"
        elif shape == 1:
            para = f"{name} told reporters on Tuesday: \u201c{said}.\u201d"
        elif shape == 2 and (name, pron) in introduced:
            para = f"\u201c{said},\u201d {pron} said."
        elif shape == 3:
            para = f"{_sentence(rng, vocab)} According to {short}, the plan would \u201c{said.lower()}.\u201d"
        elif shape == 4:
            para = f"{_sentence(rng, vocab)} Critics call it a \u201c{rng.choice(vocab)} {rng.choice(vocab)}\u201d scheme."
        else:
            para = " ".join(_sentence(rng, vocab) for _ in range(rng.randint(2, 5)))
        introduced.append((name, pron))
        paras.append(para)
        size += len(para) + 2
    return "\n\n".join(paras)


def run_extract(articles: int = 600) -> None:
    rng = random.Random(SEED + 1)
    vocab = _vocabulary(rng)
    texts = [_article(rng, vocab) for _ in range(articles)]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    found = [extract_quotes(Document.from_text(t, f"article{i}.txt")) for i, t in enumerate(texts)]
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    marks = sum(len(_QUOTE_REGEX.findall(t)) for t in texts)
    regex = time.perf_counter() - t0
    quotes = [q for qs in found for q in qs]
    statements = [q for q in quotes if q.kind == "statement"]
    continuations = [q for q in quotes if q.kind == "continuation"]
    spoken = sum(q.speaker is not None for q in quotes if q.spoken)
    print(
        f"extract: {articles} generated articles, {mb:.1f} MB: {len(quotes):,} quotes found ({len(statements):,} statements"
        f" and {len(continuations):,} continuations, {spoken:,} of them with a speaker); {mb / ours:.2f} MB/s"
        f" ({articles / ours:,.0f} articles/s) on one core"
    )
    print(f"  bare quote-mark regex: {marks:,} pairs, {mb / regex:,.0f} MB/s; the extractor takes {ours / regex:,.0f}x its time")
    for label, text in (
        ("50 MB of quote marks", '"' * 50_000_000),
        ("10 MB with no line break", " ".join(_sentence(rng, vocab) for _ in range(100_000))[:10_000_000]),
        ("10 MB, one unclosed quote", "\u201c" + " ".join(rng.choice(vocab) for _ in range(1_500_000))[:10_000_000]),
    ):
        t0 = time.perf_counter()
        n = len(extract_quotes(Document.from_text(text, "shape.txt")))
        print(f"  {label}: {n} quotes in {time.perf_counter() - t0:.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--quotes", type=int, default=500)
    ap.add_argument("--doc-chars", type=int, default=5000)
    ap.add_argument("--naive-sample", type=int, default=40, help="quotes for the naive baseline (0 = all)")
    ap.add_argument("--part", choices=("tool", "naive"), help=argparse.SUPPRESS)
    ap.add_argument("--articles", type=int, default=600, help="generated articles for the extraction benchmark (0 = skip it)")
    args = ap.parse_args()
    if args.part:
        corpus = build_corpus(args.docs, args.quotes, args.doc_chars)
        if args.part == "tool":
            out = run_tool(corpus)
        else:
            n = len(corpus.quotes)
            k = n if args.naive_sample <= 0 else min(args.naive_sample, n)
            sample = sorted({round(i * (n - 1) / max(1, k - 1)) for i in range(k)})
            out = run_naive(corpus, sample)
        json.dump(out, sys.stdout)
        return 0
    common = [sys.executable, __file__, "--docs", str(args.docs), "--quotes", str(args.quotes), "--doc-chars", str(args.doc_chars)]
    corpus = build_corpus(args.docs, args.quotes, args.doc_chars)
    size = sum(len(s.text) for s in corpus.sources)
    print(f"corpus: {len(corpus.sources)} documents, {size / 1e6:.1f} MB; {len(corpus.quotes)} quotes")
    tool = json.loads(subprocess.run([*common, "--part", "tool"], check=True, capture_output=True, text=True).stdout)
    naive = json.loads(
        subprocess.run([*common, "--part", "naive", "--naive-sample", str(args.naive_sample)], check=True, capture_output=True, text=True).stdout
    )
    nq = len(corpus.quotes)
    tool_rate = nq / tool["judge_s"]
    tool_rate_all = nq / (tool["judge_s"] + tool["build_s"])
    sampled = len(naive["verdicts"])
    naive_rate = sampled / naive["judge_s"]
    agree = sum(tool["verdicts"][int(i)] == v for i, v in naive["verdicts"].items())
    mix: dict[str, int] = {}
    for v in tool["verdicts"]:
        mix[str(v)] = mix.get(str(v), 0) + 1
    print(f"tool:  index build {tool['build_s']:.2f} s; {tool_rate:,.0f} quotes/s judging ({tool_rate_all:,.0f} quotes/s counting the build); peak RSS {tool['peak_mb']:.0f} MB (corpus alone {tool['corpus_mb']:.0f} MB)")
    note = "" if sampled == nq else f" (measured on {sampled} of {nq} quotes, rate extrapolated)"
    print(f"naive: {naive_rate:,.2f} quotes/s{note}; peak RSS {naive['peak_mb']:.0f} MB")
    print(f"speed ratio: {tool_rate / naive_rate:,.0f}x judging, {tool_rate_all / naive_rate:,.0f}x counting the index build")
    print(f"verdicts: {agree}/{sampled} agree with the naive baseline{' (all)' if agree == sampled else ' — DIFFER'}; tool verdict mix {mix}")
    if args.articles > 0:
        run_extract(args.articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
