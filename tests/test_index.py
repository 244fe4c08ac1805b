from quoteverify.index import ShingleIndex, shingles, words


def test_words_normalise() -> None:
    assert words("Don\u2019t  SAY 1,200 fi\u00adne") == ["don't", "say", "1200", "fine"]


def test_shingles_are_stable_ints() -> None:
    a = shingles("the tide turns at nine")
    assert a == shingles("The  tide turns, at nine!")
    assert all(isinstance(h, int) and 0 <= h < 2**63 for h in a)
    assert len(a) == 3


def test_candidates_best_first() -> None:
    ix = ShingleIndex(["the tide turns at nine", "boats and nets", "the tide turns at nine and the tide turns again"])
    got = ix.candidates("the tide turns at nine and the tide turns again")
    assert got[0] == 2 and 0 in got and 1 not in got
    assert ix.candidates("nothing shared") == []


def test_add_hashes_round_trip() -> None:
    ix = ShingleIndex()
    ix.add_hashes(shingles("the tide turns at nine"))
    assert ix.candidates("tide turns at nine") == [0]


def test_fast_hasher_gives_same_candidates() -> None:
    from quoteverify.index import fast_hash_grams

    texts = ["the tide turns at nine", "boats and nets", "the tide turns at nine and the tide turns again"]
    q = "the tide turns at nine and the tide turns again"
    assert ShingleIndex(texts, hasher=fast_hash_grams).candidates(q) == ShingleIndex(texts).candidates(q)
