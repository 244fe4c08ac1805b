"""Normalisation, offsets and word alignment on texts written for these tests."""

from __future__ import annotations

from quoteverify.align import Aligner, normalize, parse_quote
from quoteverify.model import Source


def test_normalize_folds_and_maps_back() -> None:
    original = "The \u201cBig\u201d  Harbour\u2014ex-\npansion\u00ad plan \u2026"
    n = normalize(original)
    assert n.text == 'the "big" harbour-expansion plan ...'
    start = n.text.index("harbour")
    a, b = n.to_original(start, start + len("harbour"))
    assert original[a:b] == "Harbour"
    a, b = n.to_original(n.text.index("expansion"), n.text.index("expansion") + 9)
    assert original[a:b] == "ex-\npansion"


def test_normalize_nfkc_ligature() -> None:
    assert normalize("\ufb01ne").text == "fine"


def test_parse_quote_marks() -> None:
    p = parse_quote("We [the crew] sailed . . . home [sic] at dawn")
    assert p.words == ("we", "sailed", "home", "at", "dawn")
    assert p.fragment_starts == (2,)
    assert p.brackets == ((1, "the crew"),)
    assert p.sic


def test_align_exact_offsets_are_original() -> None:
    text = "Intro.\n\nShe said \u201cthe  tide\nturns at nine\u201d and left."
    a = Aligner([Source("s", text=text)]).align("The tide turns at nine")[0]
    assert a.score == 100
    assert text[a.start : a.end] == "the  tide\nturns at nine"
    assert not a.changed


def test_align_word_change_gives_replace() -> None:
    a = Aligner([Source("s", text="The tide turns at nine every day.")]).align("The tide turns at ten every day.")[0]
    assert [op.tag for op in a.ops] == ["equal", "replace", "equal"]


def test_align_prefers_better_source() -> None:
    srcs = [Source("a", text="The tide turns at ten today."), Source("b", text="The tide turns at nine today.")]
    best = Aligner(srcs).align("The tide turns at nine today")[0]
    assert best.source == 1


def test_align_full_text_marked() -> None:
    src = Source("p", text="Body words only here.", full_text="Menu. The tide turns at nine. Body words only here.")
    a = Aligner([src]).align("The tide turns at nine")[0]
    assert a.outside_body


def test_align_short_quote_without_ngram() -> None:
    a = Aligner([Source("s", text="They shouted: Hold fast! and rowed.")]).align("hold fast")
    assert a and a[0].score == 100


def test_unreadable_sources_are_skipped() -> None:
    srcs = [Source("gone", status="unreachable", text="The tide turns at nine"), Source("ok", text="Nothing else.")]
    assert all(a.source == 1 for a in Aligner(srcs).align("The tide turns at nine"))


def test_fuzzy_scan_finds_heavily_changed_quote() -> None:
    a = Aligner([Source("s", text="The report of my boat was an exaggeration.")]).align("Reports on the boats were exaggerated")
    assert a and a[0].score < 100
