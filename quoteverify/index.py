"""Word-shingle index: which source texts share word n-grams with a quote.

Aligning a quote against every source is what makes the naive approach slow;
the index narrows that to the few texts sharing runs of words with it. Shingle
hashes are stable across processes (CRC32 + Adler-32, not Python's salted
``hash``) so the postings can be persisted, e.g. in SQLite, and reloaded.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

SHINGLE_WORDS = 3
# One word: digit groups ("11,780") and apostrophes stay inside it, and so do a
# soft hyphen and a hyphen at a line break (typesetting, not spelling).
WORD = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:(?:['’\u00ad]|-[ \t]*\r?\n[ \t]*)\w+)*")
_JOINERS = re.compile(r"\u00ad|-[ \t]*\r?\n[ \t]*")


def norm_word(raw: str) -> str:
    """The comparable form of one matched word ("4,000" and "4000" are one number)."""
    if "," in raw:
        raw = raw.replace(",", "")
    if raw.isascii():
        if "-" in raw:
            raw = _JOINERS.sub("", raw)
        return raw.lower()
    raw = _JOINERS.sub("", unicodedata.normalize("NFKC", raw))
    return raw.lower().replace("’", "'")


def words(text: str) -> list[str]:
    """The normalised words of a text (NFKC, lower case, straight apostrophes)."""
    return [norm_word(m.group()) for m in WORD.finditer(text)]


def shingle_hash(gram: str) -> int:
    """A stable, non-negative 63-bit hash of one space-joined n-gram (fits SQLite INTEGER)."""
    data = gram.encode("utf-8")
    return ((zlib.adler32(data) & 0x7FFFFFFF) << 32) | zlib.crc32(data)


def shingle_grams(tokens: Sequence[str], n: int = SHINGLE_WORDS) -> list[str]:
    """The space-joined word n-grams; a text shorter than n words is one gram."""
    if len(tokens) < n:
        return [" ".join(tokens)] if tokens else []
    return list(map(" ".join, zip(*(tokens[k:] for k in range(n)))))


def hash_grams(grams: Iterable[str]) -> set[int]:
    """``{shingle_hash(g) for g in grams}``, inlined: this runs once per word of every source."""
    crc, adler = zlib.crc32, zlib.adler32
    out = set()
    for g in grams:
        data = g.encode("utf-8")
        out.add(((adler(data) & 0x7FFFFFFF) << 32) | crc(data))
    return out


def fast_hash_grams(grams: Iterable[str]) -> set[int]:
    """Python's own string hash: several times faster, but salted per process (never persist it)."""
    return set(map(hash, grams))


def shingles(text: str, n: int = SHINGLE_WORDS) -> set[int]:
    """The hashed word n-grams of a text."""
    return hash_grams(shingle_grams(words(text), n))


class ShingleIndex:
    """Inverted index from shingle hash to the texts holding it.

    ``postings`` maps a hash to one text index (the common case, kept as a bare
    int to save memory) or to a tuple of them.
    """

    def __init__(
        self,
        texts: Iterable[str] = (),
        n: int = SHINGLE_WORDS,
        hasher: Callable[[Iterable[str]], set[int]] = hash_grams,
    ) -> None:
        # ``hasher`` turns n-grams into hashes; keep the default (stable across
        # processes) for an index that is persisted. An index that lives only in
        # memory may pass ``fast_hash_grams`` instead.
        self.n = n
        self.hasher = hasher
        self.size = 0
        self.postings: dict[int, int | tuple[int, ...]] = {}
        for text in texts:
            self.add(text)

    def add(self, text: str) -> int:
        """Index one more text; returns its index."""
        return self.add_hashes(self.hasher(shingle_grams(words(text), self.n)))

    def add_hashes(self, hashes: Iterable[int]) -> int:
        """Index a text given its shingle hashes (as stored by a persistent library)."""
        doc = self.size
        self.size += 1
        postings = self.postings
        hashes = hashes if isinstance(hashes, (set, frozenset)) else set(hashes)
        # Most shingles are new: add those in bulk, loop only over the shared ones.
        new = hashes.difference(postings)
        postings.update(dict.fromkeys(new, doc))
        for h in hashes - new:
            held = postings.get(h)
            if held is None:
                postings[h] = doc
            elif isinstance(held, int):
                if held != doc:
                    postings[h] = (held, doc)
            elif held[-1] != doc:
                postings[h] = held + (doc,)
        return doc

    def docs_for(self, h: int) -> tuple[int, ...]:
        held = self.postings.get(h)
        if held is None:
            return ()
        return (held,) if isinstance(held, int) else held

    def scores(self, text: str) -> dict[int, float]:
        """Shared-shingle weight per text; rare shingles weigh more (1 / texts holding it)."""
        total: dict[int, float] = defaultdict(float)
        for h in self.hasher(shingle_grams(words(text), self.n)):
            docs = self.docs_for(h)
            if not docs:
                continue
            weight = 1.0 / len(docs)
            for d in docs:
                total[d] += weight
        return dict(total)

    def candidates(self, text: str, limit: int = 5) -> list[int]:
        """Indices of texts sharing shingles with ``text``, best first."""
        ranked = sorted(self.scores(text).items(), key=lambda kv: (-kv[1], kv[0]))
        return [d for d, _ in ranked[:limit]]
