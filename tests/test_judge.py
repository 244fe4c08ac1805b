"""Verdict rules on small texts written for these tests."""

from __future__ import annotations

from quoteverify.judge import Judge, Thresholds
from quoteverify.model import Quote, Source, Turn

BUDGET = (
    "By Dana Whitfield\n\n"
    "The harbour commission met on Tuesday. Chair Olivia Marsh opened the session.\n\n"
    "\u201cWe will not raise the mooring fees this year,\u201d Marsh said. \u201cThe reserve fund is healthy.\u201d\n\n"
    "Later she added: \u201cThe ferry pier needs repairs before winter. Nobody wants another flooded ticket office.\u201d\n"
)


def q(text: str, speaker: str | None = "Olivia Marsh", kind: str = "statement") -> Quote:
    return Quote(text=text, start=0, end=0, line=1, column=1, kind=kind, speaker=speaker)  # type: ignore[arg-type]


def judge(*sources: Source) -> Judge:
    return Judge(sources or (Source("budget.txt", text=BUDGET),))


def test_exact_with_straight_quotes() -> None:
    f = judge().judge(q("We will not raise the mooring fees this year"))
    assert f.verdict == "verified"
    assert f.score == 100
    assert f.evidence is not None and f.evidence.speaker is not None


def test_curly_quotes_and_odd_whitespace() -> None:
    src = Source("s.txt", text="Marsh said: \u201cIt\u2019s   the\nharbour\u2019s best year.\u201d")
    f = judge(src).judge(q("it's the harbour's  best\tyear"))
    assert f.verdict == "verified"


def test_offsets_point_into_original_text() -> None:
    f = judge().judge(q("The reserve fund is healthy."))
    assert f.evidence is not None
    assert BUDGET[f.evidence.start : f.evidence.end] == "The reserve fund is healthy"
    assert f.evidence.text == "The reserve fund is healthy"


def test_one_word_changed() -> None:
    f = judge().judge(q("The reserve fund is strong."))
    assert f.verdict == "altered"
    assert any(c.op == "replace" and c.quote == "strong" and c.source == "healthy" for c in f.changes)


def test_negation_inserted_is_altered_with_meaning_flag() -> None:
    f = judge().judge(q("The reserve fund is not healthy."))
    assert f.verdict == "altered"
    assert f.score > 85
    assert any(c.meaning and "not" in c.quote for c in f.changes)


def test_negation_dropped_is_altered() -> None:
    f = judge().judge(q("We will raise the mooring fees this year"))
    assert f.verdict == "altered"
    assert any(c.meaning for c in f.changes)


def test_ellipsis_joining_non_adjacent_sentences_is_verified_with_omission() -> None:
    f = judge().judge(q("The ferry pier needs repairs before winter ... Nobody wants another flooded ticket office."))
    assert f.verdict == "verified"
    f2 = judge().judge(q("We will not raise the mooring fees this year \u2026 The ferry pier needs repairs before winter."))
    assert f2.verdict == "verified", f2.reason
    omit = [c for c in f2.changes if c.op == "omit"]
    assert omit and "reserve fund" in omit[0].source


def test_splice_without_ellipsis_is_altered() -> None:
    f = judge().judge(q("We will not raise the mooring fees this year. The ferry pier needs repairs before winter."))
    assert f.verdict == "altered"
    assert any(c.op in ("splice", "delete") for c in f.changes)


def test_splice_far_apart_names_both_places() -> None:
    text = "Alpha bravo charlie delta echo foxtrot. " * 1 + "filler words here. " * 30 + "Golf hotel india juliet kilo lima."
    f = judge(Source("x.txt", text=text, author="Olivia Marsh")).judge(q("Alpha bravo charlie delta golf hotel india juliet"))
    assert f.verdict == "altered"
    splice = [c for c in f.changes if c.op == "splice"]
    assert splice and "offsets" in splice[0].note


def test_ellipsis_hiding_not() -> None:
    src = Source("s.txt", text="I will, and I say this plainly, not vote for the harbour levy.", author="Olivia Marsh")
    f = judge(src).judge(q("I will ... vote for the harbour levy."))
    assert f.verdict == "altered"
    assert "not" in f.reason


def test_bracketed_insertion_is_allowed() -> None:
    f = judge().judge(q("The [harbour] reserve fund is healthy."))
    assert f.verdict == "verified"
    assert any(c.op == "bracket" for c in f.changes)


def test_bracket_standing_for_source_words() -> None:
    src = Source("s.txt", text="Marsh said the commission will repair it before winter.", author="Olivia Marsh")
    f = judge(src).judge(q("[The harbour commission] will repair it before winter"))
    assert f.verdict == "verified", f.reason


def test_invented_quote_is_unverified() -> None:
    f = judge().judge(q("Tourists should pay for every broken lamp on the promenade."))
    assert f.verdict == "unverified"
    assert "none of the 1 source" in f.reason
    assert f.evidence is None


def test_real_quote_given_to_wrong_speaker() -> None:
    src = Source("column.txt", text="Dana Whitfield, Harbour Gazette\n\nEvery tide brings back what the town forgot.\n")
    f = judge(src).judge(q("Every tide brings back what the town forgot.", speaker="Olivia Marsh"))
    assert f.verdict == "misattributed"
    assert "Dana Whitfield" in f.reason


def test_transcript_turn_decides_speaker() -> None:
    text = "HOST: Welcome back.\nMARSH: The levy is fair to everyone.\nHOST: Thanks.\n"
    start = text.index("The levy")
    turns = (Turn(0, 20, "HOST"), Turn(start, text.index("\nHOST: Thanks"), "Olivia Marsh"))
    src = Source("t.txt", text=text, turns=turns)
    assert judge(src).judge(q("The levy is fair to everyone.")).verdict == "verified"
    wrong = judge(src).judge(q("The levy is fair to everyone.", speaker="Sam Host"))
    assert wrong.verdict == "misattributed"
    assert wrong.evidence is not None and wrong.evidence.speaker == "Olivia Marsh"


def test_interviewer_quoting_guest_is_not_misattribution() -> None:
    text = 'HOST: You called them "sailors without a compass." Why?\nGUEST: Because they are.\n'
    turns = (Turn(6, text.index("\nGUEST"), "Sam Host"), Turn(text.index("Because"), len(text), "Olivia Marsh"))
    f = judge(Source("t.txt", text=text, turns=turns)).judge(q("sailors without a compass."))
    assert f.verdict in ("verified", "unverified")


def test_quote_found_only_inside_a_denial() -> None:
    src = Source("check.txt", text="Marsh never said \u201cthe harbour belongs to the gulls,\u201d her office stated.")
    f = judge(src).judge(q("The harbour belongs to the gulls"))
    assert f.verdict == "unverified"
    assert "never said" in f.reason


def test_transcript_fillers_dropped() -> None:
    text = "MARSH: We, uh, we need the um new pier, you know, by spring.\n"
    src = Source("t.txt", text=text, turns=(Turn(7, len(text), "Olivia Marsh"),))
    f = judge(src).judge(q("We, we need the new pier by spring."))
    assert f.verdict == "verified", f.reason
    assert any(c.op == "filler" for c in f.changes)


def test_dropped_word_that_is_not_filler_is_altered() -> None:
    text = "MARSH: We need the new pier by spring.\n"
    src = Source("t.txt", text=text, turns=(Turn(7, len(text), "Olivia Marsh"),))
    assert judge(src).judge(q("We need the pier by spring.")).verdict == "altered"


def test_trailing_comma_inside_quote_marks() -> None:
    f = judge().judge(q("We will not raise the mooring fees this year,"))
    assert f.verdict == "verified"
    f2 = judge().judge(q("The ferry pier needs repairs before winter,"))
    assert f2.verdict == "verified"
    assert any(c.op == "punctuation" for c in f2.changes)


def test_number_changed_is_meaning_change() -> None:
    src = Source("s.txt", text="We counted 4,200 boats last summer.", author="Olivia Marsh")
    f = judge(src).judge(q("We counted 4,500 boats last summer."))
    assert f.verdict == "altered"
    assert any(c.meaning and "number" in c.note for c in f.changes)


def test_terms_and_documents_get_no_verdict() -> None:
    assert judge().judge(q("mooring fees", kind="term")).verdict is None
    doc = judge().judge(q("The reserve fund is healthy.", kind="document"))
    assert doc.verdict is None and "reposted" in doc.reason


def test_no_source_given() -> None:
    f = Judge(()).judge(q("Anything at all here"))
    assert f.verdict == "unverified"
    assert "--source" in f.reason


def test_unreachable_sources_are_named() -> None:
    bad = Source("https://example.org/gone", status="unreachable", detail="timed out")
    f = Judge((bad,)).judge(q("Anything at all here"))
    assert f.verdict == "unverified"
    assert "example.org/gone" in f.reason


def test_skips_unreachable_but_matches_the_rest() -> None:
    bad = Source("https://example.org/gone", status="unreachable")
    f = Judge((bad, Source("budget.txt", text=BUDGET))).judge(q("The reserve fund is healthy."))
    assert f.verdict == "verified"


def test_primary_source_preferred() -> None:
    repro = Source("aggregator.txt", text="\u201cThe levy is fair to everyone,\u201d someone wrote.", rank="reproduction")
    own = Source("marsh-blog.txt", text="The levy is fair to everyone.", author="Olivia Marsh", rank="speaker")
    f = Judge((repro, own)).judge(q("The levy is fair to everyone."))
    assert f.verdict == "verified"
    assert f.evidence is not None and f.evidence.source == "marsh-blog.txt"


def test_full_text_match_marked_outside_body() -> None:
    src = Source("p.html", text="Main story text about tides.", full_text="Sidebar: The levy is fair to everyone, Marsh said. Main story text about tides.")
    f = judge(src).judge(q("The levy is fair to everyone"))
    assert f.verdict == "verified"
    assert f.evidence is not None and f.evidence.outside_body


def test_hint_is_never_evidence() -> None:
    f = judge().judge(q("The reserve fund is in deep and lasting trouble says everyone in town"))
    assert f.verdict == "unverified"
    assert f.evidence is None


def test_thresholds_are_documented_numbers() -> None:
    t = Thresholds()
    assert 0 < t.hint < t.locate <= 100


def test_match_inside_correction_notice_is_not_evidence() -> None:
    text = "Harbour news.\n\nCorrection: An earlier version of this story said Marsh called the levy \u201ca gift to the gulls.\u201d She did not.\n"
    f = judge(Source("c.txt", text=text)).judge(q("a gift to the gulls"))
    assert f.verdict == "unverified"


def test_headline_repeating_a_misquote_is_not_evidence() -> None:
    text = "The levy is a gift to every sailor.\n\nMarsh actually wrote: \u201cThe levy is a burden on every sailor.\u201d\n"
    f = judge(Source("ref.txt", text=text)).judge(q("The levy is a gift to every sailor."))
    assert f.verdict == "altered"


def test_altered_and_wrong_speaker_names_the_real_one() -> None:
    src = Source("column.txt", text="Dana Whitfield, Harbour Gazette\n\nEvery tide brings back what the town forgot.\n")
    f = judge(src).judge(q("Every tide brings back what the city forgot.", speaker="Olivia Marsh"))
    assert f.verdict == "altered"
    assert "Dana Whitfield" in f.reason


def test_source_attribution_to_someone_else() -> None:
    src = Source("news.txt", text="By Dana Whitfield\n\n\u201cThe levy is fair to everyone,\u201d said Peter Okafor, the treasurer.\n")
    f = judge(src).judge(q("The levy is fair to everyone."))
    assert f.verdict == "misattributed"
    assert "Peter Okafor" in f.reason
    ok = judge(src).judge(q("The levy is fair to everyone.", speaker="Okafor"))
    assert ok.verdict == "verified"


def test_denial_in_a_later_sentence_does_not_void_the_match() -> None:
    src = Source("n.txt", text="\u201cWe will build the pier,\u201d Marsh said. Critics say there is no evidence it will pay off.\n")
    assert judge(src).judge(q("We will build the pier")).verdict == "verified"


def test_denial_after_the_quote_in_the_same_sentence() -> None:
    src = Source("n.txt", text="The meme has Marsh saying \u201cthe pier is a waste,\u201d which she never said.\n")
    assert judge(src).judge(q("The pier is a waste")).verdict == "unverified"


def test_name_changed_is_meaning_change() -> None:
    f = judge().judge(q("Chair Peter Marsh opened the session."))
    assert f.verdict == "altered"
    assert any(c.meaning and c.note == "name changed" for c in f.changes)


def test_modal_changed_is_meaning_change() -> None:
    f = judge().judge(q("We could not raise the mooring fees this year"))
    assert f.verdict == "altered"
    assert any(c.meaning and "modal" in c.note for c in f.changes)


def test_name_in_previous_paragraph_does_not_claim_the_quote() -> None:
    text = (
        "\u201cWe will keep the library open,\u201d Calder said.\n\n"
        "Councilman Rob Yates disagreed: \u201cThe library costs 3 million dollars a year.\u201d\n"
    )
    f = Judge([Source("n.txt", text=text, author="Kim Reporter")]).judge(q("The library costs 3 million dollars a year", speaker="Ines Calder"))
    assert f.verdict == "misattributed"
    assert "Rob Yates" in f.reason


def test_ellipsis_in_reverse_order_is_a_splice() -> None:
    f = judge().judge(q("The ferry pier needs repairs before winter ... We will not raise the mooring fees this year"))
    assert f.verdict == "altered"
    assert any(c.op == "splice" and "reverse" in c.note for c in f.changes)


def test_transcript_stutter_dropped() -> None:
    text = "MARSH: I I think the pier should stay open.\n"
    src = Source("t.txt", text=text, turns=(Turn(7, len(text), "Olivia Marsh"),))
    assert judge(src).judge(q("I think the pier should stay open.")).verdict == "verified"


def test_passage_across_two_speakers_is_not_one_persons() -> None:
    text = "HOST: The pier is old.\nMARSH: The pier is safe.\n"
    turns = (Turn(6, 22, "Sam Host"), Turn(text.index("The pier is safe"), len(text), "Olivia Marsh"))
    f = judge(Source("t.txt", text=text, turns=turns)).judge(q("The pier is old. The pier is safe."))
    # The speaker label between the turns is a dropped word too, so altered is fair.
    assert f.verdict in ("misattributed", "altered")
    assert "Sam Host" in f.reason


def test_digit_grouping_is_not_a_change() -> None:
    src = Source("s.txt", text="We counted 4200 boats last summer.", author="Olivia Marsh")
    assert judge(src).judge(q("We counted 4,200 boats last summer.")).verdict == "verified"
