"""The library index: an embedded SQLite database derived from the library's files.

Retrieval uses SQLite FTS5 (measured against persisted word shingles: FTS5
builds ~30x faster and is ~4x smaller, see scripts/bench_library.py). The FTS
table is contentless, so the index never holds a copy of the text: the files
are the truth and every candidate is read back from its file.

A contentless FTS5 table (SQLite < 3.43) cannot delete a row without the text it
was built from, which a changed or deleted file no longer has. So each indexed
text gets a fresh id (``texts.id``, AUTOINCREMENT: never reused), the live ones
are listed in ``texts``, and FTS rows of replaced texts are left as garbage that
queries filter out and ``reindex`` clears.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

APPLICATION_ID = 0x51564C42  # "QVLB": tells our index from any other SQLite file
SCHEMA_VERSION = 1
_HEADER = b"SQLite format 3\x00"
# Words exactly as ``index.words`` gives them, split on spaces only: apostrophes,
# decimal points and underscores stay inside a token.
_TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '''._'"
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY,
    path TEXT UNIQUE NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    chars INTEGER NOT NULL DEFAULT 0,
    title TEXT, author TEXT, published TEXT, url TEXT,
    indexed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS texts(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc INTEGER NOT NULL REFERENCES docs(id),
    outside_body INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS texts_doc ON texts(doc);
CREATE TABLE IF NOT EXISTS terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(body, content='', detail=full, tokenize="{_TOKENIZE}");
"""


class BadIndex(Exception):
    """The database file is not (or no longer) a usable quoteverify index."""


@dataclass(frozen=True)
class DocRow:
    id: int
    path: str
    size: int
    mtime_ns: int
    sha256: str
    status: str
    detail: str
    chars: int
    title: str | None
    author: str | None
    published: str | None
    url: str | None
    indexed: str


_DOC_COLUMNS = "id, path, size, mtime_ns, sha256, status, detail, chars, title, author, published, url, indexed"


class Store:
    """One connection to the index database. Not shared between threads or processes."""

    def __init__(self, path: Path, warn: Callable[[str], None]) -> None:
        self.path = path
        self.warn = warn
        self.conn = self._open()

    # -- opening, checking, setting aside ------------------------------------
    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except (BadIndex, sqlite3.DatabaseError) as exc:
            self.set_aside(str(exc) or type(exc).__name__)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        _check_header(self.path)
        # Autocommit mode: transactions are begun and ended explicitly, so that
        # a batch of files is one transaction and a killed run loses one batch at most.
        conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables and app != APPLICATION_ID:
                raise BadIndex("is not a quoteverify library index")
            if tables and conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                raise BadIndex("was written by another version of quoteverify")
            # WAL: readers never block the writer nor the writer the readers, so
            # one process may index while others check.
            if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
                raise BadIndex("cannot use write-ahead logging")
            conn.execute("PRAGMA synchronous = NORMAL")
            if not tables:
                conn.execute("BEGIN IMMEDIATE")
                for stmt in _SCHEMA.split(";"):
                    if stmt.strip():
                        conn.execute(stmt)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            elif os.path.getsize(self.path) < 64 << 20:
                # Small enough to check every page on open (milliseconds); a large
                # index is checked as it is read (a malformed page raises DatabaseError).
                result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
                if result != "ok":
                    raise BadIndex(f"is damaged ({result})")
            conn.execute("SELECT count(*) FROM docs").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def set_aside(self, reason: str) -> Path | None:
        """Rename a bad database (and its journal files) out of the way; never delete it."""
        if getattr(self, "conn", None) is not None:
            self.conn.close()
        stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.bad-{stamp}-{os.getpid()}")
        moved = None
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                os.replace(src, Path(str(aside) + suffix))
                moved = aside if suffix == "" else moved
        self.warn(f"warning: library index {self.path} {reason}; set it aside as {aside.name} and rebuilding it from the files")
        return moved

    def close(self) -> None:
        self.conn.close()

    # -- transactions ---------------------------------------------------------
    def begin(self, timeout: float | None = None) -> bool:
        """Start a write transaction; False when another process holds the lock past ``timeout``."""
        if timeout is not None:
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return False
            raise
        finally:
            if timeout is not None:
                self.conn.execute("PRAGMA busy_timeout = 30000")
        return True

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # -- reading ----------------------------------------------------------------
    def docs(self) -> dict[str, DocRow]:
        rows = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM docs").fetchall()
        return {r[1]: DocRow(*r) for r in rows}

    def doc_paths(self, ids: Iterable[int]) -> dict[int, str]:
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return dict(self.conn.execute(f"SELECT id, path FROM docs WHERE id IN ({marks})", ids).fetchall())

    def meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def counts(self) -> dict[str, int]:
        c = self.conn
        live = c.execute("SELECT count(*) FROM texts").fetchone()[0]
        top = c.execute("SELECT seq FROM sqlite_sequence WHERE name = 'texts'").fetchone()
        return {
            "files": c.execute("SELECT count(*) FROM docs").fetchone()[0],
            "ok": c.execute("SELECT count(*) FROM docs WHERE status = 'ok'").fetchone()[0],
            "chars": c.execute("SELECT coalesce(sum(chars), 0) FROM docs").fetchone()[0],
            "bytes": c.execute("SELECT coalesce(sum(size), 0) FROM docs").fetchone()[0],
            "texts": live,
            "stale_entries": (top[0] if top else 0) - live,
            "terms": c.execute("SELECT count(*) FROM terms").fetchone()[0],
        }

    def term_df(self, terms: Sequence[str]) -> dict[str, int]:
        if not terms:
            return {}
        marks = ",".join("?" * len(terms))
        found = dict(self.conn.execute(f"SELECT term, df FROM terms WHERE term IN ({marks})", list(terms)).fetchall())
        return {t: int(found.get(t, 0)) for t in terms}

    def match(self, query: str, limit: int) -> list[tuple[int, int]]:
        """(doc id, text id) of live texts matching an FTS5 query, at most ``limit`` raw matches read."""
        return self.conn.execute(
            "SELECT t.doc, t.id FROM texts t WHERE t.id IN (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?)",
            (query, limit),
        ).fetchall()

    # -- writing (inside begin/commit) -----------------------------------------
    def put(
        self,
        path: str,
        size: int,
        mtime_ns: int,
        sha256: str,
        status: str,
        detail: str,
        meta: tuple[str | None, str | None, str | None, str | None],
        texts: Sequence[tuple[str, bool]],
        terms: Counter[str],
    ) -> None:
        """Index one file's texts (space-joined normalised words), replacing what it had."""
        c = self.conn
        row = c.execute("SELECT id FROM docs WHERE path = ?", (path,)).fetchone()
        now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        chars = sum(len(t) for t, _ in texts)
        if row:
            doc = row[0]
            c.execute("DELETE FROM texts WHERE doc = ?", (doc,))
            c.execute(
                "UPDATE docs SET size=?, mtime_ns=?, sha256=?, status=?, detail=?, chars=?, title=?, author=?, published=?, url=?, indexed=? WHERE id=?",
                (size, mtime_ns, sha256, status, detail, chars, *meta, now, doc),
            )
        else:
            cur = c.execute(
                "INSERT INTO docs(path, size, mtime_ns, sha256, status, detail, chars, title, author, published, url, indexed) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
                (path, size, mtime_ns, sha256, status, detail, chars, *meta, now),
            )
            doc = int(cur.lastrowid or 0)
        for body, outside in texts:
            tid = c.execute("INSERT INTO texts(doc, outside_body) VALUES(?, ?)", (doc, int(outside))).lastrowid
            c.execute("INSERT INTO fts(rowid, body) VALUES(?, ?)", (tid, body))

    def touch(self, path: str, size: int, mtime_ns: int) -> None:
        self.conn.execute("UPDATE docs SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path))

    def drop(self, path: str) -> None:
        row = self.conn.execute("SELECT id FROM docs WHERE path = ?", (path,)).fetchone()
        if row:
            self.conn.execute("DELETE FROM texts WHERE doc = ?", (row[0],))
            self.conn.execute("DELETE FROM docs WHERE id = ?", (row[0],))

    def add_terms(self, terms: Counter[str]) -> None:
        """Document frequencies: used only to pick a quote's rarest words to look up first.

        They are never decremented (a changed file's old words are gone), so they
        are upper bounds between rebuilds; that only orders the look-ups.
        """
        self.conn.executemany(
            "INSERT INTO terms(term, df) VALUES(?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            terms.items(),
        )

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", (key, value))

    def clear(self) -> None:
        """Empty every table (``reindex``); the caller holds the write transaction."""
        c = self.conn
        c.execute("DELETE FROM docs")
        c.execute("DELETE FROM texts")
        c.execute("DELETE FROM terms")
        c.execute("INSERT INTO fts(fts) VALUES('delete-all')")

    def optimize(self) -> None:
        self.conn.execute("INSERT INTO fts(fts) VALUES('optimize')")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except FileNotFoundError:
        return
    if head and head != _HEADER:
        raise BadIndex("is not an SQLite database")
