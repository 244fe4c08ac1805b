"""Find where a quote sits in the sources and explain it word by word.

Locating works on normalised words (see ``index.norm_word``) so curly quotes,
case, dashes, soft hyphens and line-break hyphenation never count as
differences; every position reported is an offset in the ORIGINAL source text.
Candidate texts come from the shingle index; inside a text, shared word n-grams
give anchor points, and anchors on one diagonal form a segment. A quote whose
words come from two separate places gives two segments: the judge decides
whether that was an honest ellipsis or a splice.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from operator import add

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from .index import SHINGLE_WORDS, WORD, ShingleIndex, fast_hash_grams, norm_word, shingle_grams
from .model import Source

# Characters folded before comparing text (the word pattern handles the rest).
_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
}
_ELLIPSIS = r"\[\s*(?:\.\s*){2}\.\s*\]|\(\s*(?:\.\s*){2}\.\s*\)|\[\s*…\s*\]|\(\s*…\s*\)|(?:\.\s*){2}\.|…"
_PIECE = re.compile(rf"(?P<ell>{_ELLIPSIS})|(?P<br>\[[^\]]*\])|(?P<w>{WORD.pattern})")
# Text with any of these needs word-by-word normalisation (hyphenation, soft hyphens).
_JOINER_HINT = re.compile(r"-[ \t]*\r?\n|\u00ad")
# Beyond this many source words between two fragments they are not one passage.
MAX_OMIT_WORDS = 400
# Below this total size a quote with no shared n-gram is still scanned for.
SMALL_SOURCES_CHARS = 2_000_000
_MAX_HITS_PER_GRAM = 24
# Below this best score from the n-gram route, small sources are also scanned.
SCAN_BELOW = 70.0


@dataclass(frozen=True)
class Normalized:
    """A normalised text and, per character, its offset in the original."""

    text: str
    offsets: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text to the original."""
        if not self.offsets or end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else self.original_length
            return pos, pos
        last = self.offsets[end - 1]
        # The original character at ``last`` may have expanded (NFKC "…" -> "..."): end after it.
        return self.offsets[start], last + 1


def normalize(text: str) -> Normalized:
    """NFKC, straight quotes, plain dashes, no soft or line-break hyphens, single spaces, lower case."""
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    pending_space = -1
    while i < n:
        ch = text[i]
        if ch == "\u00ad":
            i += 1
            continue
        if ch == "-" and i > 0 and text[i - 1].isalpha():
            # "exam-\nple": a hyphen that only breaks a word across lines.
            j = i + 1
            while j < n and text[j] in " \t\r":
                j += 1
            if j < n and text[j] == "\n":
                j += 1
                while j < n and text[j] in " \t":
                    j += 1
                if j < n and text[j].isalpha():
                    i = j
                    continue
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            i += 1
            continue
        if pending_space >= 0:
            if out:
                out.append(" ")
                offsets.append(pending_space)
            pending_space = -1
        folded = _FOLD.get(ch)
        piece = folded if folded is not None else unicodedata.normalize("NFKC", ch).lower()
        for c in piece:
            out.append(c)
            offsets.append(i)
        i += 1
    return Normalized("".join(out), tuple(offsets), n)


@dataclass(frozen=True)
class ParsedQuote:
    """A quote's words with its editorial marks taken out.

    ``fragment_starts`` are word indices that follow an ellipsis; ``brackets``
    maps a word index to the [bracketed] text that stood just before it.
    """

    words: tuple[str, ...]
    raw: tuple[str, ...]
    fragment_starts: tuple[int, ...] = ()
    brackets: tuple[tuple[int, str], ...] = ()
    sic: bool = False


def parse_quote(text: str) -> ParsedQuote:
    words: list[str] = []
    raw: list[str] = []
    fragments: list[int] = []
    brackets: list[tuple[int, str]] = []
    sic = False
    for m in _PIECE.finditer(text):
        if m.group("ell"):
            if words and (not fragments or fragments[-1] != len(words)):
                fragments.append(len(words))
        elif m.group("br"):
            inner = m.group("br")[1:-1].strip()
            if inner.lower().strip(".!") == "sic":
                sic = True
            else:
                brackets.append((len(words), inner))
        else:
            raw.append(m.group())
            words.append(norm_word(m.group()))
    return ParsedQuote(tuple(words), tuple(raw), tuple(fragments), tuple(brackets), sic)


@dataclass(frozen=True)
class WordOp:
    """One step of the word alignment; source indices are word indices in the text.

    ``tag`` is equal | insert (quote words the source lacks) | delete (source
    words the quote lacks) | replace | gap (the quote jumps to another place of
    the source between ``q_lo`` - 1 and ``q_lo``).
    """

    tag: str
    q_lo: int
    q_hi: int
    s_lo: int
    s_hi: int


@dataclass(frozen=True)
class Alignment:
    """Where a quote best matches one source text, and how it differs."""

    source: int
    start: int
    end: int
    score: float
    text: str
    quote: ParsedQuote
    ops: tuple[WordOp, ...]
    source_words: tuple[str, ...]
    source_raw: tuple[str, ...]
    # Word index of ``source_words[0]`` in the text, and each word's original span.
    first_word: int = 0
    spans: tuple[tuple[int, int], ...] = ()
    outside_body: bool = False
    longest_run: int = 0

    def word(self, i: int) -> str:
        return self.source_words[i - self.first_word]

    def raw_words(self, lo: int, hi: int) -> tuple[str, ...]:
        return self.source_raw[lo - self.first_word : hi - self.first_word]

    def words(self, lo: int, hi: int) -> tuple[str, ...]:
        return self.source_words[lo - self.first_word : hi - self.first_word]

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """Original offsets covering source words ``[lo, hi)``."""
        a = self.spans[lo - self.first_word][0]
        b = self.spans[hi - 1 - self.first_word][1]
        return a, b

    @property
    def changed(self) -> bool:
        return any(op.tag != "equal" for op in self.ops)


@dataclass
class _Text:
    """One searchable text: its words joined by single spaces plus offset tables."""

    source: int
    outside_body: bool
    text: str
    joined: str = ""
    jstart: array = field(default_factory=lambda: array("i"))
    ostart: array = field(default_factory=lambda: array("i"))
    oend: array = field(default_factory=lambda: array("i"))

    @classmethod
    def build(cls, source: int, text: str, outside_body: bool) -> _Text:
        # Bulk, C-level steps throughout: this runs over every word of every source.
        lowered = text.lower()
        simple = lowered.isascii() and not _JOINER_HINT.search(text)
        matches = list(WORD.finditer(lowered if simple else text))
        group = re.Match.group
        words = list(map(group, matches)) if simple else [norm_word(m.group()) for m in matches]
        if simple and "," in lowered:
            words = [w.replace(",", "") if "," in w else w for w in words]
        starts = list(accumulate(map(len, words), initial=0))
        t = cls(source, outside_body, text)
        t.jstart = array("i", map(add, starts, range(len(words))))
        t.ostart = array("i", map(re.Match.start, matches))
        t.oend = array("i", map(re.Match.end, matches))
        t.joined = " ".join(words)
        return t

    def __len__(self) -> int:
        return len(self.jstart)

    def words(self, lo: int, hi: int) -> list[str]:
        if hi <= lo:
            return []
        end = self.jstart[hi] - 1 if hi < len(self.jstart) else len(self.joined)
        return self.joined[self.jstart[lo] : end].split(" ")

    def word_index(self, jpos: int) -> int:
        return bisect_right(self.jstart, jpos) - 1

    def find_all(self, gram: str, limit: int = _MAX_HITS_PER_GRAM) -> Iterator[int]:
        """Word indices where ``gram`` (space-joined words) starts on word boundaries."""
        joined, find = self.joined, self.joined.find
        size, pos, found = len(gram), 0, 0
        while found < limit:
            at = find(gram, pos)
            if at < 0:
                return
            pos = at + 1
            if (at == 0 or joined[at - 1] == " ") and (at + size == len(joined) or joined[at + size] == " "):
                found += 1
                yield self.word_index(at)


# Texts a quote is aligned in at least, when the n-gram index picks them.
_MIN_SHORTLIST = 12


def _simple(text: str) -> bool:
    """Whether a text's words are its lower-cased regex words as written (see `_Text.build`)."""
    return text.isascii() and not _JOINER_HINT.search(text)


def _hit_filter(words: Sequence[str], n: int) -> re.Pattern[str] | None:
    """A pattern every simple text holding one of the quote's n-grams matches; None if unsure.

    Consecutive words of a text are separated by non-word characters only, so an
    n-gram ``a b c`` of its words appears as ``a``, ``b``, ``c`` with only ``\\W`` between.
    Numbers (commas dropped) and non-ASCII words are normalised: no shortcut then.
    """
    if not words or any(not w.isascii() or any(c.isdigit() for c in w) for w in words):
        return None
    size = min(n, len(words))
    grams = {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}
    return re.compile("|".join(r"\W*".join(map(re.escape, g)) for g in sorted(grams)))


class PreparedTexts:
    """Normalised source texts, reused by successive Aligners.

    A library judges each quote against a few candidate files; the same files come
    back quote after quote (a transcript quoted ten times in one draft), and
    preparing a text costs more than aligning in it. Bounded (least recently used
    out first); keyed by the text's sha256.
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str, bool], _Text] = OrderedDict()

    def get(self, key: tuple[str, str, bool], build: Callable[[], _Text]) -> _Text:
        item = self._items.get(key)
        if item is None:
            item = self._items[key] = build()
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(key)
        return item


class Aligner:
    """Locates quotes in a fixed set of sources (only those with status "ok")."""

    def __init__(self, sources: Sequence[Source], n: int = SHINGLE_WORDS, prepared: PreparedTexts | None = None) -> None:
        self.sources = tuple(sources)
        self.n = n
        self.texts: list[_Text] = []
        self._prepared = prepared
        # With a cache of prepared texts (a library's candidates), a text is prepared only
        # when a quote could have a hit in it: see `_materialize`.
        self._pending: list[tuple[int, Source, str, bool]] = []
        for i, src in enumerate(self.sources):
            if not src.ok:
                continue
            if src.text.strip():
                self._pending.append((i, src, src.text, False))
            if src.full_text and src.full_text.strip() and src.full_text != src.text:
                self._pending.append((i, src, src.full_text, True))
        self._index: ShingleIndex | None = None
        if prepared is None:
            self._materialize(None)
            self.total_chars = sum(len(t.joined) for t in self.texts)
            if len(self.texts) > _MIN_SHORTLIST:
                self._index = self._build_index()  # a fixed corpus: index it once, up front
        else:
            self.total_chars = sum(len(text) for _, _, text, _ in self._pending)

    def _materialize(self, quote: ParsedQuote | None) -> None:
        """Prepare the pending texts ``quote`` could have a hit in (all of them for None)."""
        if not self._pending:
            return
        maybe = None if quote is None else _hit_filter(quote.words, self.n)
        keep: list[tuple[int, Source, str, bool]] = []
        for item in self._pending:
            i, src, text, outside = item
            if maybe is not None and _simple(text) and not maybe.search(text.lower()):
                keep.append(item)  # no n-gram of the quote can be in it: no hit, nothing to prepare
                continue
            self.texts.append(self._prepare(i, src, text, outside, self._prepared))
            self._index = None
        self._pending = keep

    @staticmethod
    def _prepare(i: int, src: Source, text: str, outside: bool, prepared: PreparedTexts | None) -> _Text:
        if prepared is None or not src.sha256:
            return _Text.build(i, text, outside)
        t = prepared.get((src.sha256, src.location, outside), lambda: _Text.build(i, text, outside))
        return replace(t, source=i) if t.source != i else t

    @property
    def index(self) -> ShingleIndex:
        """The n-gram index over the texts, built on first use (a short list of texts never needs it)."""
        if self._index is None:
            self._index = self._build_index()
        return self._index

    def _build_index(self) -> ShingleIndex:
        # This index lives as long as the Aligner, so the faster process-local hash will do.
        index = ShingleIndex(n=self.n, hasher=fast_hash_grams)
        for t in self.texts:
            index.add_hashes(fast_hash_grams(shingle_grams(t.joined.split(" "), self.n)))
        return index

    def align(self, quote_text: str, limit: int = 3) -> list[Alignment]:
        """The best passages for a quote, best first (at most ``limit``)."""
        quote = parse_quote(quote_text)
        self._materialize(quote if self.total_chars > SMALL_SOURCES_CHARS else None)
        if not quote.words or not self.texts:
            return []
        results: list[Alignment] = []
        if len(quote.words) >= self.n:
            # Generous: several reproductions of one passage must not crowd out its original.
            shortlist = max(2 * limit, _MIN_SHORTLIST)
            if len(self.texts) <= shortlist:
                # The index would keep every text sharing an n-gram; a text sharing none
                # yields no hits below, so all of them gives the same alignments.
                cand = list(range(len(self.texts)))
            else:
                cand = self.index.candidates(" ".join(quote.words), limit=shortlist)
        else:
            # Too short for an n-gram: an exact search of every text is cheap enough.
            gram = " ".join(quote.words)
            cand = [i for i, t in enumerate(self.texts) if next(t.find_all(gram, 1), None) is not None]
        for ti in cand:
            results.extend(self._align_in(self.texts[ti], quote, per_text=2))
        if self.total_chars <= SMALL_SOURCES_CHARS and max((a.score for a in results), default=0.0) < SCAN_BELOW:
            # Nothing close through shared n-grams (a heavily reworded quote): small
            # sources can afford a character-level search of every text.
            seen = {(a.source, a.outside_body) for a in results}
            for t in self.texts:
                if (t.source, t.outside_body) not in seen:
                    results.extend(self._scan(t, quote))
        results.sort(key=lambda a: (-a.score, a.outside_body, a.source, a.start))
        return results[:limit]

    # -- locating --------------------------------------------------------
    def _hits(self, t: _Text, quote: ParsedQuote) -> list[tuple[int, int]]:
        q = quote.words
        n = min(self.n, len(q))
        hits: list[tuple[int, int]] = []
        for i in range(len(q) - n + 1):
            for d in t.find_all(" ".join(q[i : i + n])):
                hits.append((i, d))
        return hits

    def _align_in(self, t: _Text, quote: ParsedQuote, per_text: int) -> list[Alignment]:
        hits = self._hits(t, quote)
        if not hits:
            return []
        clusters = _clusters(hits)
        out: list[Alignment] = []
        used: set[int] = set()
        for ci, main in enumerate(clusters[: per_text + 4]):
            if len(out) >= per_text:
                break
            if ci in used:
                continue
            segs = [main]
            used.add(ci)
            covered = _coverage(main, len(quote.words), self.n)
            # Parts of the quote this place does not hold may come from elsewhere in the text.
            for cj, other in enumerate(clusters):
                if cj in used or cj == ci:
                    continue
                cov = _coverage(other, len(quote.words), self.n)
                if cov and not (cov & covered) and len(cov - covered) >= 1:
                    if any(_overlap(s, other) for s in segs):
                        continue
                    segs.append(other)
                    covered |= cov
                    if ci == 0:
                        used.add(cj)
            a = self._explain(t, quote, segs)
            if a is not None:
                out.append(a)
        return out

    def _scan(self, t: _Text, quote: ParsedQuote) -> list[Alignment]:
        """Fuzzy character-level search for quotes that share no n-gram with the text."""
        needle = " ".join(quote.words)
        found = fuzz.partial_ratio_alignment(needle, t.joined, score_cutoff=50)
        if found is None or not t.joined:
            return []
        lo = t.word_index(found.dest_start)
        hi = t.word_index(max(found.dest_end - 1, found.dest_start)) + 1
        seg = [(0, lo), (len(quote.words) - 1, hi - 1)]
        a = self._explain(t, quote, [seg])
        return [a] if a is not None else []

    # -- explaining --------------------------------------------------------
    def _explain(self, t: _Text, quote: ParsedQuote, segs: list[list[tuple[int, int]]]) -> Alignment | None:
        q = quote.words
        nq = len(q)
        segs = sorted(segs, key=lambda s: min(i for i, _ in s))
        ranges = [(min(i for i, _ in s), max(i for i, _ in s) + min(self.n, nq)) for s in segs]
        # Split the quote between segments, at an ellipsis where one falls in between.
        bounds = [0]
        for k in range(1, len(segs)):
            prev_hi, next_lo = ranges[k - 1][1], ranges[k][0]
            lo, hi = min(prev_hi, next_lo), max(prev_hi, next_lo)
            cut = next((f for f in quote.fragment_starts if lo <= f <= hi), None)
            bounds.append(cut if cut is not None else (lo + hi + 1) // 2)
        bounds.append(nq)
        ops: list[WordOp] = []
        prev_end: int | None = None
        for k, seg in enumerate(segs):
            qa, qb = bounds[k], bounds[k + 1]
            if qb <= qa:
                continue
            diags = [d - i for i, d in seg]
            lo_d, hi_d = min(diags), max(diags)
            # Dropped or added words shift the diagonal; leave room for them.
            slack = 4 + (qb - qa) // 4
            wa = max(0, qa + lo_d - slack)
            wb = min(len(t), qb + hi_d + slack)
            window = t.words(wa, wb)
            seg_ops = _word_ops(window, list(q[qa:qb]), wa, qa)
            if not seg_ops:
                continue
            first_s = seg_ops[0].s_lo
            if prev_end is not None and first_s != prev_end:
                ops.append(WordOp("gap", qa, qa, prev_end, first_s))
            ops.extend(seg_ops)
            prev_end = seg_ops[-1].s_hi
        s_touched = [(op.s_lo, op.s_hi) for op in ops if op.tag != "gap" and op.s_hi > op.s_lo]
        if not s_touched:
            return None
        s_lo = min(a for a, _ in s_touched)
        s_hi = max(b for _, b in s_touched)
        first, last = s_lo, s_hi
        src_words = tuple(t.words(first, last))
        raw = tuple(t.text[t.ostart[i] : t.oend[i]] for i in range(first, last))
        spans = tuple((t.ostart[i], t.oend[i]) for i in range(first, last))
        start, end = t.ostart[first], t.oend[last - 1]
        # Words an ellipsis or a bracket stands for are not part of what the quote claims.
        marked = set(quote.fragment_starts) | {i for i, _ in quote.brackets}
        passage = [
            src_words[i - first]
            for op in ops
            if op.tag != "gap" and not (op.tag == "delete" and op.q_lo in marked)
            for i in range(op.s_lo, op.s_hi)
        ]
        score = fuzz.ratio(" ".join(q), " ".join(passage))
        run = max((op.q_hi - op.q_lo for op in ops if op.tag == "equal"), default=0)
        return Alignment(
            source=t.source,
            start=start,
            end=end,
            score=round(score, 1),
            text=t.text[start:end],
            quote=quote,
            ops=tuple(ops),
            source_words=src_words,
            source_raw=raw,
            first_word=first,
            spans=spans,
            outside_body=t.outside_body,
            longest_run=run,
        )


def _clusters(hits: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Anchor hits grouped by diagonal (source index - quote index), most quote words first.

    Neighbouring diagonals join one cluster: an inserted or dropped word shifts
    the diagonal by one.
    """
    by_diag = sorted(hits, key=lambda h: (h[1] - h[0], h[0]))
    groups: list[list[tuple[int, int]]] = []
    for h in by_diag:
        if groups and (h[1] - h[0]) - (groups[-1][-1][1] - groups[-1][-1][0]) <= 6:
            groups[-1].append(h)
        else:
            groups.append([h])
    groups.sort(key=lambda g: (-len({i for i, _ in g}), min(d for _, d in g)))
    return groups


def _coverage(seg: list[tuple[int, int]], nq: int, n: int) -> set[int]:
    return {j for i, _ in seg for j in range(i, min(nq, i + n))}


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    alo, ahi = min(d for _, d in a), max(d for _, d in a)
    blo, bhi = min(d for _, d in b), max(d for _, d in b)
    return not (bhi < alo or ahi < blo)


def _word_ops(window: list[str], qwords: list[str], w0: int, q0: int) -> list[WordOp]:
    """Word alignment of quote words against a source window, trimmed to the quoted stretch."""
    exact = _find_run(window, qwords)
    if exact >= 0:
        return [WordOp("equal", q0, q0 + len(qwords), w0 + exact, w0 + exact + len(qwords))]
    raw = [(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Indel.opcodes(window, qwords)]
    raw = _tighten(raw, window, qwords)
    merged: list[WordOp] = []
    for tag, s1, s2, d1, d2 in raw:
        op = WordOp(tag, q0 + d1, q0 + d2, w0 + s1, w0 + s2)
        prev = merged[-1] if merged else None
        if prev is not None and prev.tag != "equal" and op.tag != "equal":
            merged[-1] = WordOp("replace", min(prev.q_lo, op.q_lo), max(prev.q_hi, op.q_hi), min(prev.s_lo, op.s_lo), max(prev.s_hi, op.s_hi))
            continue
        merged.append(op)
    # Source words before the first and after the last quote word are simply not
    # quoted; where the quote's own first or last words differ, keep only as many
    # source words as the quote has there, the ones nearest the matching stretch.
    if merged and merged[0].tag in ("delete", "replace"):
        op = merged.pop(0)
        keep = op.q_hi - op.q_lo
        if keep:
            merged.insert(0, WordOp("replace", op.q_lo, op.q_hi, max(op.s_lo, op.s_hi - keep), op.s_hi))
    if merged and merged[-1].tag in ("delete", "replace"):
        op = merged.pop()
        keep = op.q_hi - op.q_lo
        if keep:
            merged.append(WordOp("replace", op.q_lo, op.q_hi, op.s_lo, min(op.s_hi, op.s_lo + keep)))
    return [op if op.tag != "replace" or op.s_hi > op.s_lo else WordOp("insert", op.q_lo, op.q_hi, op.s_lo, op.s_lo) for op in merged]
    return merged


def _find_run(window: list[str], qwords: list[str]) -> int:
    """Where the quote's words occur contiguously in the window, or -1."""
    if not qwords:
        return -1
    hay = " " + " ".join(window) + " "
    at = hay.find(" " + " ".join(qwords) + " ")
    return -1 if at < 0 else hay.count(" ", 0, at)


_Raw = tuple[str, int, int, int, int]


def _tighten(raw: list[_Raw], window: list[str], qwords: list[str]) -> list[_Raw]:
    """Undo a short equal block stranded at either end by a source gap.

    The longest-common-subsequence alignment may match the quote's first word
    ("the", "had") to an earlier copy of it and then skip source words; when the
    same words stand right next to the rest of the match, that reading is wrong.
    """
    changed = True
    while changed:
        changed = False
        if len(raw) >= 3 and raw[0][0] == "equal" and raw[1][0] == "delete" and raw[2][0] == "equal":
            e = raw[0][2] - raw[0][1]
            s_end = raw[1][2]
            if s_end - e >= 0 and window[s_end - e : s_end] == qwords[raw[0][3] : raw[0][4]]:
                eq2 = raw[2]
                raw = [("equal", s_end - e, eq2[2], raw[0][3], eq2[4])] + raw[3:]
                changed = True
        if len(raw) >= 3 and raw[-1][0] == "equal" and raw[-2][0] == "delete" and raw[-3][0] == "equal":
            e = raw[-1][2] - raw[-1][1]
            s_start = raw[-2][1]
            if window[s_start : s_start + e] == qwords[raw[-1][3] : raw[-1][4]]:
                eq1 = raw[-3]
                raw = raw[:-3] + [("equal", eq1[1], s_start + e, eq1[3], raw[-1][4])]
                changed = True
    return raw
