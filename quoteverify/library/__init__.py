"""The source library: a folder of saved originals and the SQLite index derived from it.

The folder is the truth (files a newsroom can commit and read); the index only
makes finding candidates fast. A file the index has not caught up with (another
process holds the write lock) is still checked: it becomes a candidate for every
quote, so an index that lags costs speed, never correctness.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..align import SMALL_SOURCES_CHARS, Aligner, PreparedTexts, parse_quote
from ..errors import InputError
from ..index import WORD, shingle_grams, words
from ..judge import Judge
from ..model import Finding, Quote, Source
from ._files import FileState, Saved, copy_in, load_source, save_page, scan
from ._store import DocRow, Store

__all__ = ["Hit", "Library", "LibraryError", "LibraryJudge", "UpdateStats", "default_db_path"]

# A word held by at most this many texts is "rare": its posting list is read whole.
RARE_DF = 5000
# How many of a quote's rarest words are looked up.
LOOKUPS = 8
# Rare-word look-ups always made before retrieval may stop early.
EARLY_LOOKUPS = 4
# Phrase look-ups (three-word runs) when a quote's words are all common or its rare words miss.
PHRASES = 6
PHRASE_CAP = 2000
# At most this many candidate files per quote (the in-memory aligner also aligns at most 32 texts).
CANDIDATES = 16
# A candidate must score at least this share of the best one.
RELATIVE_SCORE = 0.5
# Commit after this much text: a killed run loses at most one batch.
BATCH_BYTES = 16 << 20
_SOURCE_CACHE = 2048


class LibraryError(InputError):
    """The library folder or its index cannot be used."""


@dataclass(frozen=True)
class UpdateStats:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    stale: int = 0  # files left for later because another process was writing the index
    bytes: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class Hit:
    """A passage ``library search`` found."""

    path: str
    start: int
    end: int
    score: float
    text: str
    title: str | None = None


@dataclass
class _Cached:
    state: FileState
    source: Source


def default_db_path(folder: Path) -> Path:
    """``<user cache>/library-<hash of the folder's absolute path>.sqlite``."""
    import os

    import platformdirs

    base = os.environ.get("QUOTEVERIFY_CACHE_DIR") or platformdirs.user_cache_dir("quoteverify", appauthor=False)
    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return Path(base) / f"library-{digest}.sqlite"


def index_words(text: str) -> list[str]:
    """``index.words(text)`` with the aligner's fast path for plain ASCII text."""
    lowered = text.lower()
    if lowered.isascii() and "-" not in lowered and "\u00ad" not in text:
        found: list[str] = WORD.findall(lowered)
        if "," in lowered:
            found = [w.replace(",", "") if "," in w else w for w in found]
        return found
    return words(text)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


class Library:
    """A library folder and its index. Open one per process; close it when done."""

    def __init__(self, folder: str | Path, db_path: str | Path | None = None, *, warn: Callable[[str], None] | None = None) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise LibraryError(f"{folder}: no such library folder", "create it, or pass --library DIR")
        self.db_path = Path(db_path) if db_path else default_db_path(self.folder)
        self.warn = warn or _stderr
        self._store: Store | None = None
        self._files: dict[str, FileState] = {}
        self._stale: set[str] = set()
        self._cache: OrderedDict[str, _Cached] = OrderedDict()

    # -- the index --------------------------------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.db_path, self.warn)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Library:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def update(self, *, wait: bool = True, progress: Callable[[int, int], None] | None = None) -> UpdateStats:
        """Bring the index up to date with the files (only what changed: size, mtime, then sha256).

        With ``wait=False`` a writer in another process is not waited for: what
        could not be indexed is remembered as stale and read directly instead.
        """
        t0 = time.perf_counter()
        store = self.store
        self._files = files = scan(self.folder)
        docs = store.docs()
        todo = [rel for rel, st in files.items() if rel not in docs or (docs[rel].size, docs[rel].mtime_ns) != (st.size, st.mtime_ns)]
        gone = [rel for rel in docs if rel not in files]
        self._stale = set(todo)
        if not todo and not gone:
            return UpdateStats(unchanged=len(files), seconds=time.perf_counter() - t0)
        timeout = None if wait else 0.2
        if not store.begin(timeout):
            return UpdateStats(stale=len(todo), unchanged=len(files) - len(todo), seconds=time.perf_counter() - t0)
        added = changed = same = done_bytes = batch = 0
        terms: Counter[str] = Counter()
        try:
            for rel in gone:
                store.drop(rel)
            for k, rel in enumerate(todo):
                st = files[rel]
                row = docs.get(rel)
                source = load_source(self.folder, rel)
                if row is not None and source.sha256 == row.sha256:
                    store.touch(rel, st.size, st.mtime_ns)  # touched, not changed
                    same += 1
                else:
                    self._index_one(store, st, source, terms)
                    if row is None:
                        added += 1
                    else:
                        changed += 1
                self._stale.discard(rel)
                done_bytes += st.size
                batch += st.size
                if batch >= BATCH_BYTES:
                    store.add_terms(terms)
                    terms.clear()
                    store.commit()
                    batch = 0
                    if progress is not None:
                        progress(k + 1, len(todo))
                    if not store.begin(timeout):
                        break
            else:
                store.add_terms(terms)
                store.commit()
        except BaseException:
            store.rollback()
            raise
        return UpdateStats(
            added=added,
            changed=changed,
            removed=len(gone),
            unchanged=len(files) - len(todo) + same,
            stale=len(self._stale),
            bytes=done_bytes,
            seconds=time.perf_counter() - t0,
        )

    @staticmethod
    def _index_one(store: Store, st: FileState, source: Source, terms: Counter[str]) -> None:
        texts: list[tuple[str, bool]] = []
        seen: set[str] = set()
        if source.ok:
            for text, outside in ((source.text, False), (source.full_text, True)):
                # Mirrors the aligner: the whole page is a second text only when it differs.
                if text and text.strip() and not (outside and text == source.text):
                    ws = index_words(text)
                    seen.update(ws)
                    texts.append((" ".join(ws), outside))
        terms.update(seen)
        store.put(
            st.path,
            st.size,
            st.mtime_ns,
            source.sha256 or "",
            source.status,
            source.detail,
            (source.title, source.author, source.published, source.url),
            texts,
            terms,
        )

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> UpdateStats:
        """Forget the index and build it again from the files."""
        store = self.store
        store.begin()
        try:
            store.clear()
            store.commit()
        except BaseException:
            store.rollback()
            raise
        stats = self.update(progress=progress)
        store.optimize()
        return stats

    # -- what is in it ---------------------------------------------------------
    def entries(self) -> list[DocRow]:
        return sorted(self.store.docs().values(), key=lambda r: Path(r.path))

    def stats(self) -> dict[str, int | str]:
        counts: dict[str, int | str] = dict(self.store.counts())
        counts["index_bytes"] = sum(p.stat().st_size for p in self.db_path.parent.glob(self.db_path.name + "*") if ".bad-" not in p.name)
        counts["index"] = str(self.db_path)
        counts["folder"] = str(self.folder)
        return counts

    def source(self, rel: str) -> Source:
        """A library file as a Source, read again only when the file changed."""
        st = self._files.get(rel)
        hit = self._cache.get(rel)
        if hit is not None and st is not None and hit.state == st:
            self._cache.move_to_end(rel)
            return hit.source
        src = load_source(self.folder, rel)
        if st is not None:
            self._cache[rel] = _Cached(st, src)
            if len(self._cache) > _SOURCE_CACHE:
                self._cache.popitem(last=False)
        return src

    # -- retrieval ---------------------------------------------------------------
    def candidates(self, text: str, limit: int = CANDIDATES) -> list[str]:
        """Library files (relative paths, library order) that may hold ``text``; stale files always."""
        qwords = list(parse_quote(text).words)
        found = self._ranked(qwords, limit) if qwords else []
        present = [rel for rel in found if rel in self._files or not self._files]
        out = set(present) | self._stale
        return sorted(out, key=Path)

    def _ranked(self, qwords: list[str], limit: int) -> list[str]:
        store = self.store
        scores: dict[int, float] = {}
        matched: Counter[int] = Counter()

        def add(rows: list[tuple[int, int]]) -> None:
            if not rows:
                return
            weight = 1.0 / len(rows)
            for doc in {d for d, _ in rows}:
                scores[doc] = scores.get(doc, 0.0) + weight
                matched[doc] += 1

        if len(qwords) < 3:
            # The aligner searches every text for a short quote: so does the index, as one phrase.
            add(store.match(_phrase(qwords), 100_000))
        else:
            df = store.term_df(sorted(set(qwords)))
            # Rare for this library: a word most files hold tells nothing apart.
            cap = min(RARE_DF, max(20, len(self._files) // 20))
            rare = sorted((w for w in df if 0 < df[w] <= cap), key=lambda w: (df[w], w))[:LOOKUPS]
            for looked, w in enumerate(rare, start=1):
                add(store.match(_phrase([w]), cap + 1))
                # Every file holding the passage holds its rarest word, so it is already in
                # ``scores``; once one file holds all but one of the words looked up, the
                # commoner words left (the costliest to read) cannot change who is in.
                if looked >= EARLY_LOOKUPS and max(matched.values(), default=0) >= looked - 1:
                    break
            best = max(matched.values(), default=0)
            if best < max(2, (len(rare) + 1) // 2):
                # Too few rare words, or they miss (a misquoted name): look up three-word runs.
                grams = [g for g in dict.fromkeys(shingle_grams(qwords)) if all(df.get(w, 0) for w in g.split(" "))]
                # A phrase look-up costs as much as its commonest word's posting list: cheapest first.
                grams.sort(key=lambda g: (max(df[w] for w in g.split(" ")), sum(df[w] for w in g.split(" ")), g))
                agreed: Counter[int] = Counter()
                for g in grams[:PHRASES]:
                    rows = store.match(_phrase(g.split(" ")), PHRASE_CAP + 1)
                    if len(rows) <= PHRASE_CAP:
                        add(rows)
                        agreed.update({d for d, _ in rows})
                    # Two phrases of the quote in one file: every file holding the passage holds
                    # both, so the look-ups left would only add files already outscored.
                    if max(agreed.values(), default=0) >= 2:
                        break
        if not scores:
            return []
        top = max(scores.values())
        ranked = sorted((d for d in scores if scores[d] >= RELATIVE_SCORE * top), key=lambda d: -scores[d])[:limit]
        paths = store.doc_paths(ranked)
        return [paths[d] for d in ranked if d in paths]

    def sources_for(self, text: str, limit: int = CANDIDATES, *, placeholder: bool = False) -> list[Source]:
        if placeholder:
            first = min(self._files, key=Path, default=None)
            return [self.source(first)] if first else []
        return [self.source(rel) for rel in self.candidates(text, limit)]

    def ok_count(self) -> int:
        return sum(1 for r in self.store.docs().values() if r.status == "ok" and r.path in self._files) + sum(
            1 for rel in self._stale if rel not in self.store.docs()
        )

    def totals(self) -> tuple[int, list[Source]]:
        """Characters of readable text, and the files that could not be read (as Sources)."""
        rows = self.store.docs()
        chars = sum(r.chars for r in rows.values() if r.path in self._files)
        bad = [Source(location=str(self.folder / r.path), status=r.status, detail=r.detail, sha256=r.sha256) for r in rows.values() if r.status != "ok" and r.path in self._files]  # type: ignore[arg-type]
        chars += sum(self._files[rel].size for rel in self._stale)
        return chars, sorted(bad, key=lambda s: Path(s.location))

    def all_sources(self) -> list[Source]:
        return [self.source(rel) for rel in sorted(self._files, key=Path)]

    def search(self, text: str, limit: int = 10) -> list[Hit]:
        """The best passages for some words, with their files."""
        if not self._files:
            self.update(wait=False)
        sources = self.sources_for(text)
        if not sources:
            return []
        hits = Aligner(sources).align(text, limit=limit)
        out = []
        for a in hits:
            src = sources[a.source]
            out.append(Hit(src.location, a.start, a.end, a.score, a.text, src.title))
        return out

    # -- changing the folder -------------------------------------------------------
    def add_files(self, items: Iterable[str | Path]) -> list[Path]:
        out: list[Path] = []
        for item in items:
            out += copy_in(self.folder, Path(item))
        return out

    def add_url(self, url: str, client: object) -> Saved:
        """Fetch a page (through ``quoteverify.web.WebClient``) and save it with its provenance."""
        source: Source = client.fetch_source(url)  # type: ignore[attr-defined]
        if not source.ok or not source.text.strip():
            raise LibraryError(f"{url}: {source.status}{': ' + source.detail if source.detail else ''}", "check the address, or save the page and add the file")
        return save_page(self.folder, source, url)

    def remove(self, names: Iterable[str]) -> list[Path]:
        """Delete library files (by path relative to the folder, or as given)."""
        removed = []
        root = self.folder.resolve()
        for name in names:
            p = Path(name)
            cands = [p, self.folder / p] if not p.is_absolute() else [p]
            target = next((c for c in cands if c.is_file()), None)
            if target is None:
                raise LibraryError(f"{name}: not in the library", "see 'quoteverify library list'")
            try:
                target.resolve().relative_to(root)
            except ValueError:
                raise LibraryError(f"{name}: is outside the library folder {self.folder}", "give a path inside it") from None
            target.unlink()
            removed.append(target)
        return removed


def _phrase(ws: list[str]) -> str:
    return '"' + " ".join(w.replace('"', '""') for w in ws) + '"'


class LibraryJudge:
    """Judges quotes against the given sources plus the library, aligning only each quote's candidates.

    Gives the verdicts a `Judge` over every library file would give: below
    ``SMALL_SOURCES_CHARS`` it is exactly that Judge; above, each quote is judged
    over its candidates, with the aligner and the reasons told the library's real size.
    ``make_judge`` builds a `Judge` over a list of sources (with the run's thresholds).
    """

    def __init__(self, library: Library, sources: Sequence[Source], make_judge: Callable[..., Judge] | None = None) -> None:
        self.library = lib = library
        self.make_judge: Callable[..., Judge] = make_judge or Judge
        # Candidate files recur from quote to quote: prepare each one's text once.
        self._prepared = PreparedTexts()
        lib.update(wait=False)
        chars, bad = lib.totals()
        # As gather() does: the same original counts once, the first time it is met.
        self._seen = {s.sha256 for s in sources if s.ok and s.sha256}
        self.sources = list(sources)
        self._bad = bad
        self._chars = chars + sum(len(s.text) + len(s.full_text or "") for s in sources if s.ok)
        self._ok = sum(1 for s in sources if s.ok) + lib.ok_count()
        self.used: dict[str, Source] = {}
        self._whole: Judge | None = None
        if self._chars <= SMALL_SOURCES_CHARS:
            every = self._fresh(lib.all_sources())
            self.used = {s.location: s for s in every}
            self._whole = self.make_judge(self.sources + every + bad)
        self._plain = self.make_judge(self.sources)

    def _fresh(self, sources: Iterable[Source]) -> list[Source]:
        out, seen = [], set(self._seen)
        for s in sources:
            if s.ok and s.sha256:
                if s.sha256 in seen:
                    continue
                seen.add(s.sha256)
            out.append(s)
        return out

    def judge(self, quote: Quote) -> Finding:
        if self._whole is not None:
            return self._whole.judge(quote)
        if not quote.spoken or (not self._ok and not self._bad):
            return self._plain.judge(quote)
        cands = self._fresh(self.library.sources_for(quote.text))
        if not cands and not self.sources:
            # Judge needs one readable text to report "none of the N sources holds
            # these words"; no file shares a word run with this quote, so any will do.
            cands = self._fresh(self.library.sources_for("", placeholder=True))
        for s in cands:
            self.used.setdefault(s.location, s)
        judge = self.make_judge(self.sources + cands + self._bad, prepared=self._prepared)
        # Judge and aligner see only the candidates; tell them what they stand for, so
        # that the fuzzy fallback and the counts in reasons are the whole library's.
        judge.stand_for(self._ok, self._chars)
        return judge.judge(quote)

    def all_sources(self) -> tuple[Source, ...]:
        return tuple(self.sources) + tuple(self.used[k] for k in sorted(self.used, key=Path)) + tuple(self._bad)
