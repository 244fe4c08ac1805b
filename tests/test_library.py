"""The source library: incremental index, crashes, concurrency, corruption, identical verdicts."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from quoteverify.gather import FileAdapter
from quoteverify.judge import Judge
from quoteverify.library import Library, LibraryJudge
from quoteverify.model import Quote

WORDS = ["harbor", "council", "budget", "ferry", "winter", "river", "school", "clinic", "library", "bridge", "tunnel", "market", "orchard", "union", "tenant", "landlord", "mayor", "senator", "garden", "station", "signal", "highway", "village", "county", "museum", "theater", "copper", "lantern", "meadow", "quarry", "ribbon", "saddle", "timber", "velvet", "walnut", "yellow", "zephyr", "amber", "basalt", "cobalt", "dune"]


def prose(seed: int, sentences: int = 40) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + ".")
    return " ".join(out)


def q(text: str) -> Quote:
    return Quote(text=text, start=0, end=len(text), line=1, column=1, speaker="Dana Reyes")


def verdict(lib: Library, text: str) -> tuple[str | None, str | None]:
    f = LibraryJudge(lib, []).judge(q(text))
    return f.verdict, (Path(f.evidence.source).name if f.evidence else None)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    lib = tmp_path / "sources"
    lib.mkdir()
    (lib / "council.txt").write_text("---\ntitle: Council meeting\nauthor: Dana Reyes\n---\nThe ferry will run all winter because the harbor budget finally allows it.\n")
    (lib / "other.md").write_text("# Notes\n\nNothing about boats here, only the orchard and the museum roof.\n")
    return lib


def test_add_change_delete_seen_by_next_check(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite"
    quote = "the ferry will run all winter"
    with Library(folder, db) as lib:
        assert verdict(lib, quote) == ("verified", "council.txt")
        assert verdict(lib, "the tunnel opens in june next year") [0] == "unverified"
    (folder / "tunnel.txt").write_text("Officials said the tunnel opens in June next year, weather permitting.\n")
    with Library(folder, db) as lib:
        assert verdict(lib, "the tunnel opens in june next year") == ("verified", "tunnel.txt")
    (folder / "council.txt").write_text("The ferry will not run all winter because the harbor budget is short.\n")
    os.utime(folder / "council.txt", ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    with Library(folder, db) as lib:
        assert verdict(lib, quote)[0] == "altered"
    (folder / "tunnel.txt").unlink()
    with Library(folder, db) as lib:
        assert verdict(lib, "the tunnel opens in june next year")[0] == "unverified"
        assert [r.path for r in lib.entries()] == ["council.txt", "other.md"]


def test_corrupt_index_is_set_aside_and_rebuilt(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "index.sqlite"
    with Library(folder, db) as lib:
        lib.update()
    db.write_bytes(b"this is not a database at all" * 100)
    with Library(folder, db) as lib:
        assert verdict(lib, "the ferry will run all winter") == ("verified", "council.txt")
    err = capsys.readouterr().err
    assert "set it aside" in err and "rebuilding" in err
    aside = [p for p in tmp_path.iterdir() if ".bad-" in p.name]
    assert aside and aside[0].read_bytes().startswith(b"this is not")


def test_foreign_sqlite_file_is_set_aside(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    db = tmp_path / "index.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE recipes(name TEXT)")
    con.commit()
    con.close()
    with Library(folder, db) as lib:
        assert verdict(lib, "the ferry will run all winter")[0] == "verified"
    assert "not a quoteverify library index" in capsys.readouterr().err


def test_failed_indexing_run_leaves_a_usable_index_and_the_next_run_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    for i in range(30):
        (folder / f"doc{i:02d}.txt").write_text(prose(i) + f" Marker{i} said the lantern is lit.\n")
    db = tmp_path / "index.sqlite"
    import quoteverify.library as libmod

    calls = {"n": 0}
    real = Library._index_one

    def flaky(store, st, source, terms):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 20:
            raise RuntimeError("power cut")
        real(store, st, source, terms)

    old_batch = libmod.BATCH_BYTES
    libmod.BATCH_BYTES = 1  # a commit after every file
    try:
        Library._index_one = staticmethod(flaky)  # type: ignore[method-assign,assignment]
        with Library(folder, db) as lib, pytest.raises(RuntimeError):
            lib.update()
    finally:
        Library._index_one = staticmethod(real)  # type: ignore[method-assign,assignment]
        libmod.BATCH_BYTES = old_batch
    with Library(folder, db) as lib:
        assert len(lib.store.docs()) == 19  # what was committed survives
        stats = lib.update()
        assert stats.added == 11
        assert verdict(lib, "marker25 said the lantern is lit")[0] == "verified"


def test_killed_indexing_process_then_a_good_run(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    for i in range(400):
        (folder / f"doc{i:03d}.txt").write_text(prose(i, 200))
    db = tmp_path / "index.sqlite"
    script = textwrap.dedent(
        f"""
        import quoteverify.library as m
        m.BATCH_BYTES = 20000
        m.Library({str(folder)!r}, {str(db)!r}).update()
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.time() + 20
    while time.time() < deadline and not (db.exists() and db.stat().st_size > 200_000):
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Library(folder, db) as lib:
        stats = lib.update()
        assert stats.added + stats.unchanged == 400
        assert len(lib.store.docs()) == 400
        assert lib.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


CHECKER = """
import sys
from quoteverify.library import Library, LibraryJudge
from quoteverify.model import Quote
lib = Library(sys.argv[1], sys.argv[2])
text = "marker7 said the lantern is lit"
for _ in range(int(sys.argv[3])):
    f = LibraryJudge(lib, []).judge(Quote(text, 0, len(text), 1, 1, speaker="X"))
    assert f.verdict == "verified", f
print("ok")
"""


def test_concurrent_checks_and_indexing_while_checking(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    for i in range(60):
        (folder / f"doc{i:02d}.txt").write_text(prose(i, 100) + f" Marker{i} said the lantern is lit.\n")
    db = tmp_path / "index.sqlite"
    with Library(folder, db) as lib:
        lib.update()
    # More files arrive: one process indexes them while two others check.
    for i in range(60, 160):
        (folder / f"doc{i:03d}.txt").write_text(prose(i, 100))
    indexer = subprocess.Popen([sys.executable, "-c", f"import quoteverify.library as m; m.BATCH_BYTES = 5000; m.Library({str(folder)!r}, {str(db)!r}).reindex()"])
    checkers = [subprocess.Popen([sys.executable, "-c", CHECKER, str(folder), str(db), "5"], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [c.communicate(timeout=60)[0] for c in checkers]
    assert indexer.wait(timeout=60) == 0
    assert all(c.returncode == 0 for c in checkers) and all("ok" in o for o in outs)
    with Library(folder, db) as lib:
        assert len(lib.store.docs()) == 160


def test_index_verdicts_identical_to_full_scan(tmp_path: Path) -> None:
    # Above the aligner's 2 MB full-scan size, so that the index really picks the candidates.
    folder = tmp_path / "lib"
    folder.mkdir()
    rng = random.Random(5)
    texts = {}
    for i in range(220):
        body = prose(1000 + i, 130)
        texts[i] = body
        (folder / f"d{i:03d}.txt").write_text(f"---\nauthor: Writer {i}\n---\n{body}\n")
    quotes = []
    for k, i in enumerate(rng.sample(range(220), 25)):
        ws = texts[i].split()
        at = rng.randrange(0, len(ws) - 20)
        words = ws[at : at + rng.randint(8, 16)]
        if k % 3 == 1:
            words[len(words) // 2] = "never"
        quotes.append(" ".join(words).strip("."))
    quotes.append("nothing like this sentence is anywhere in the library")
    with Library(folder, tmp_path / "i.sqlite") as lib:
        lj = LibraryJudge(lib, [])
        assert lj._whole is None  # the index route, not the small-library shortcut
        indexed = [lj.judge(q(t)) for t in quotes]
        # A continuation ('"A," X said. "B."': B) takes the same index route as a statement.
        continued = [lj.judge(replace(q(t), kind="continuation")) for t in quotes[:6]]
    full = Judge(FileAdapter().load(str(folder)))
    scanned = [full.judge(q(t)) for t in quotes]
    assert [(f.verdict, f.evidence and f.evidence.source) for f in indexed] == [(f.verdict, f.evidence and f.evidence.source) for f in scanned]
    assert {f.verdict for f in indexed} >= {"misattributed", "altered", "unverified"}
    assert indexed[-1].reason == scanned[-1].reason
    assert [(f.verdict, f.evidence and f.evidence.source) for f in continued] == [(f.verdict, f.evidence and f.evidence.source) for f in indexed[:6]]
