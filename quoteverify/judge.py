"""Verdict rules: from an alignment to verified, altered, unverified or misattributed.

The score only *locates* a passage; the verdict comes from what the word-level
explanation shows. A change of meaning (negation, number, name, modal,
quantifier) makes a quote altered however similar it looks, and a false
"verified" is the worst mistake this module can make, so anything unclear
falls to altered or unverified.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .align import Aligner, Alignment, PreparedTexts, WordOp
from .model import Change, Evidence, Finding, Quote, Source, SourceRank, Turn
from .names import canonical_name, same_person


@dataclass(frozen=True)
class Thresholds:
    """The numbers the verdicts rest on (calibrated on the dev cases).

    locate: a passage scoring at least this (0-100, character similarity of
        the quote's words to the passage's words) is where the quote comes
        from; below it the quote is unverified.
    hint: a passage scoring at least this is shown as the closest passage
        (``Finding.hint``) of an unverified quote, never as evidence.
    min_run: the passage must share this many consecutive words with the
        quote (or all of a shorter quote) to count as located.
    max_omit_words: an ellipsis may stand for at most this many source words;
        fragments further apart are not one passage.
    name_window: how far (characters) around a quoted passage in a source the
        quoted person's name is looked for, to accept the source's attribution.
    headline_chars: a first line shorter than this is a title; a match only
        there is the publisher's wording, not evidence.
    """

    locate: float = 70.0
    hint: float = 40.0
    min_run: int = 3
    max_omit_words: int = 400
    name_window: int = 300
    headline_chars: int = 200


NEGATIONS = frozenset({"not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without", "cannot", "nowhere"})
MODALS = frozenset({"can", "could", "will", "would", "shall", "should", "may", "might", "must", "won't", "can't", "cannot"})
QUANTIFIERS = frozenset({"all", "some", "any", "every", "each", "most", "many", "few", "several", "always", "sometimes", "often", "only", "more", "less", "fewer"})
NUMBER_WORDS = frozenset(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion", "trillion", "half", "dozen"]
)
# What an ellipsis must not hide: it would flip or limit what is left.
QUALIFIERS = NEGATIONS | frozenset({"unless", "except", "but", "however", "although", "only", "if"})
FILLERS = frozenset({"uh", "um", "uhm", "umm", "er", "erm", "ah", "hmm", "mm"})
_FILLER_PAIRS = (("you", "know"), ("i", "mean"))

_DENIAL = re.compile(
    r"never\s+(?:said|wrote|say|uttered)|falsely\s+attributed|wrongly\s+attributed|misattribut|"
    r"there\s+is\s+no\s+record|no\s+record\s+of|did\s*n[o']t\s+say|didn't\s+say|no\s+evidence|"
    r"fabricated|apocryphal|not\s+(?:actually\s+)?said\s+by",
    re.IGNORECASE,
)
_CORRECTION = re.compile(r"(?im)^\s*(?:correction|clarification)\s*:|an earlier version of this")
_BYLINE = re.compile(r"(?im)^\s*(?:published\s+)?by\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
_NAME_COMMA = re.compile(r"^\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}),\s+\S")
# An attribution to a pronoun names nobody: it cannot confirm or contradict a speaker.
_PRONOUNS = frozenset({"i", "you", "he", "she", "we", "they", "it", "someone", "somebody", "one"})
# Capitalised words that start sentences, not names.
_NOT_NAMES = frozenset(
    ["later", "then", "but", "and", "the", "he", "she", "it", "this", "that", "in", "on", "at", "when", "after", "before", "also", "however", "still", "yet", "so", "finally", "meanwhile", "earlier", "instead", "today", "yesterday", "here", "there"]
) | _PRONOUNS
_RANK_ORDER = {"speaker": 0, "news": 1, "unknown": 2, "reproduction": 3}
_RANK_NOTES = {"speaker": "a primary source", "news": "a news report", "reproduction": "a reproduction"}


@dataclass(frozen=True)
class _Assessed:
    alignment: Alignment
    verdict: str  # verified | altered | misattributed | invalid | far
    changes: tuple[Change, ...]
    reason: str
    speaker: str | None
    speaker_fit: int  # 2 the quoted person, 1 unknown, 0 someone else


class Judge:
    """Judges quotes against one fixed set of sources."""

    def __init__(
        self,
        sources: Sequence[Source],
        thresholds: Thresholds = Thresholds(),
        turns_for: Callable[[str], tuple[Turn, ...]] | None = None,
        same_person: Callable[[str, str], bool] = same_person,
        prepared: PreparedTexts | None = None,
    ) -> None:
        # A speakers registry may know that two spellings are one speaker ("POTUS", "Donald Trump").
        self._same = same_person
        self.sources = tuple(sources)
        self.thresholds = thresholds
        self.turns_for = turns_for
        self.aligner = Aligner(self.sources, prepared=prepared)
        self._turn_cache: dict[tuple[int, bool], tuple[Turn, ...]] = {}
        # Worked out once: a library may hold thousands of sources.
        self._bad = tuple(s for s in self.sources if not s.ok)
        self._ok_count = len(self.sources) - len(self._bad)

    def stand_for(self, ok_sources: int, total_chars: int) -> None:
        """Judge a candidate subset as the whole corpus it was drawn from (a library index).

        The counts in reasons and the small-corpus fuzzy fallback then match a full scan.
        """
        self._ok_count = ok_sources
        self.aligner.total_chars = total_chars

    def judge(self, quote: Quote) -> Finding:
        if quote.kind == "term":
            return Finding(quote, None, "quoted term, not a statement")
        if quote.kind == "document":
            return Finding(quote, None, "reposted passage; its inner quotes are checked")
        if not self.sources:
            return Finding(
                quote,
                "unverified",
                "no source given: add the original with --source FILE|URL or save it under sources/",
            )
        bad = list(self._bad)
        if not self._ok_count:
            names = "; ".join(f"{s.location} ({s.status}{': ' + s.detail if s.detail else ''})" for s in bad)
            return Finding(quote, "unverified", f"no source could be read: {names}")
        found = [self._assess(a, quote) for a in self.aligner.align(quote.text, limit=16)]
        located = [x for x in found if x.verdict in ("verified", "altered", "misattributed")]
        if located:
            best = min(located, key=lambda x: self._preference(x))
            return self._finding(quote, best)
        return self._unverified(quote, found, bad)

    # -- choosing ----------------------------------------------------------
    def _preference(self, x: _Assessed) -> tuple[int, int, int, int, float]:
        exact = 0 if x.verdict != "altered" else 1
        rank = _RANK_ORDER.get(self._rank(x), 2)
        # The speaker's own words outrank any report of them, even a report that matches the
        # quote better: a verbatim copy of a misquote must not verify it.
        primary = 0 if rank == 0 and x.speaker_fit >= 1 and not x.alignment.outside_body else 1
        return (primary, exact, -x.speaker_fit, rank + (1 if x.alignment.outside_body else 0), -x.alignment.score)

    def _rank(self, x: _Assessed) -> SourceRank:
        """The source's rank for this match: a file of unknown kind written by the very speaker is theirs."""
        src = self.sources[x.alignment.source]
        if src.rank == "unknown" and src.author and x.speaker and x.speaker_fit == 2 and self._same(x.speaker, src.author):
            return "speaker"
        return src.rank

    def _finding(self, quote: Quote, best: _Assessed) -> Finding:
        a = best.alignment
        src = self.sources[a.source]
        rank = self._rank(best)
        evidence = Evidence(
            source=src.location,
            start=a.start,
            end=a.end,
            text=a.text,
            speaker=best.speaker,
            rank=rank,
            outside_body=a.outside_body,
        )
        verdict = best.verdict
        reason = best.reason
        kind = _RANK_NOTES.get(rank)
        if kind:
            # Say which kind of source decided the verdict, and why it counts as that kind.
            why = src.provenance.get("rank_reason") if isinstance(src.provenance, dict) else None
            if why is None and rank != src.rank:
                why = f"written by {src.author}"
            reason += f"; decided by {kind}" + (f": {why}" if why else "")
        return Finding(quote, verdict, reason, a.score, evidence, best.changes)  # type: ignore[arg-type]

    def _unverified(self, quote: Quote, found: list[_Assessed], bad: list[Source]) -> Finding:
        n_ok = self._ok_count
        denied = [x for x in found if x.verdict == "invalid"]
        if denied:
            loc = self.sources[denied[0].alignment.source].location
            reason = f"found only where {loc} {denied[0].reason}"
        else:
            reason = f"none of the {n_ok} source{'s' if n_ok != 1 else ''} holds these words"
        if bad:
            reason += "; could not read: " + ", ".join(f"{s.location} ({s.status})" for s in bad)
        hint = None
        near = [x for x in found if x.alignment.score >= self.thresholds.hint]
        if near:
            h = max(near, key=lambda x: x.alignment.score)
            src = self.sources[h.alignment.source]
            hint = Evidence(src.location, h.alignment.start, h.alignment.end, h.alignment.text, h.speaker, src.rank, h.alignment.outside_body)
            if not denied:
                reason += f" (closest passage scores {h.alignment.score:.0f})"
        if not denied:
            # Say how to make the quote checkable: the commonest cause is simply a missing original.
            reason += "; to check it, give the original with --source FILE|URL or save it in the library folder"
        score = max((x.alignment.score for x in found), default=0.0)
        return Finding(quote, "unverified", reason, score, None, (), hint)

    # -- one alignment -------------------------------------------------------
    def _assess(self, a: Alignment, quote: Quote) -> _Assessed:
        th = self.thresholds
        src = self.sources[a.source]
        text = src.full_text if a.outside_body and src.full_text else src.text
        nq = len(a.quote.words)
        if a.score < th.locate or a.longest_run < min(th.min_run, nq):
            return _Assessed(a, "far", (), "too far", None, 1)
        context = _context_problem(text, a.start, a.end, th.headline_chars)
        if context:
            return _Assessed(a, "invalid", (), context, None, 1)
        changes, problems = self._explain(a, text, quote)
        speaker, how = self._speaker_at(a, text, quote)
        fit = 1 if speaker is None or not quote.speaker else (2 if self._same(speaker, quote.speaker) else 0)
        where = src.location
        if problems:
            reason = f"differs from {where}: " + "; ".join(problems[:3])
            if fit == 0 and speaker is not None:
                reason += f"; and there the words are {canonical_name(speaker) or speaker}'s"
            return _Assessed(a, "altered", tuple(changes), reason, speaker, fit)
        if fit == 0 and speaker is not None:
            reason = f"the words are {canonical_name(speaker) or speaker}'s in {where}, not {canonical_name(quote.speaker or '') or quote.speaker}'s"
            return _Assessed(a, "misattributed", tuple(changes), reason, speaker, fit)
        notes = [c.op for c in changes]
        reason = f"matches {where}"
        extras = []
        if "omit" in notes:
            extras.append("ellipsis marks an omission")
        if "bracket" in notes:
            extras.append("bracketed words stand in")
        if "filler" in notes:
            extras.append("speech fillers dropped")
        if "case" in notes:
            extras.append("case differs")
        if how:
            extras.append(how)
        if extras:
            reason += " (" + "; ".join(extras) + ")"
        return _Assessed(a, "verified", tuple(changes), reason, speaker, fit)

    def _explain(self, a: Alignment, text: str, quote: Quote) -> tuple[list[Change], list[str]]:
        """The word changes and, for those that alter the quote, why."""
        th = self.thresholds
        pq = a.quote
        fragments = set(pq.fragment_starts)
        brackets = dict(pq.brackets)
        changes: list[Change] = []
        problems: list[str] = []
        case_seen = False
        for op in a.ops:
            qw = pq.words[op.q_lo : op.q_hi]
            qraw = " ".join(pq.raw[op.q_lo : op.q_hi])
            if op.tag == "equal":
                if not case_seen and pq.raw[op.q_lo : op.q_hi] != a.raw_words(op.s_lo, op.s_hi):
                    case_seen = True
                    changes.append(Change("case", qraw, " ".join(a.raw_words(op.s_lo, op.s_hi)), note="letter case differs"))
                continue
            if op.tag == "gap":
                self._gap(a, op, fragments, changes, problems)
                continue
            sw = a.words(op.s_lo, op.s_hi)
            sraw = " ".join(a.raw_words(op.s_lo, op.s_hi))
            if op.tag == "delete":
                if op.q_lo in fragments:
                    self._omission(sw, sraw, changes, problems, th)
                elif op.q_lo in brackets:
                    changes.append(Change("bracket", f"[{brackets[op.q_lo]}]", sraw, note="bracketed words stand for the source's"))
                elif _only_fillers(sw):
                    changes.append(Change("filler", "", sraw, note="speech filler dropped"))
                elif tuple(sw) in (a.words(op.s_hi, op.s_hi + len(sw)), a.words(op.s_lo - len(sw), op.s_lo)):
                    # A stutter ("I I think"): the word stays in the quote once.
                    changes.append(Change("filler", "", sraw, note="repeated word dropped"))
                else:
                    meaning = _meaning(sw, ())
                    changes.append(Change("delete", "", sraw, meaning=bool(meaning), note=meaning))
                    problems.append(f"drops '{sraw}'" + (f" ({meaning})" if meaning else ""))
                continue
            if op.tag == "insert":
                meaning = _meaning(qw, ())
                changes.append(Change("insert", qraw, "", meaning=bool(meaning), note=meaning))
                problems.append(f"adds '{qraw}'" + (f" ({meaning})" if meaning else ""))
                continue
            # replace
            if "".join(qw) == "".join(sw):
                changes.append(Change("punctuation", qraw, sraw, note="hyphenation or spacing"))
                continue
            meaning = _meaning(qw, sw) or _name_change(pq.raw[op.q_lo : op.q_hi], a.raw_words(op.s_lo, op.s_hi), op.q_lo == 0)
            changes.append(Change("replace", qraw, sraw, meaning=bool(meaning), note=meaning))
            problems.append(f"'{qraw}' for '{sraw}'" + (f" ({meaning})" if meaning else ""))
        for pos, inner in pq.brackets:
            if not any(c.op == "bracket" and c.quote == f"[{inner}]" for c in changes):
                changes.append(Change("bracket", f"[{inner}]", "", note="clarification added in brackets"))
        if pq.sic:
            changes.append(Change("bracket", "[sic]", "", note="[sic] marks the source's own error"))
        tail = quote.text.rstrip()[-1:] if quote.text.strip() else ""
        if tail in ",.;:" and tail:
            after = text[a.end : a.end + 1]
            if after != tail:
                changes.append(Change("punctuation", tail, after.strip(), note="US style: punctuation inside the quote marks"))
        # Quoted out of order: a later part of the quote sits earlier in the source.
        return changes, problems

    def _gap(self, a: Alignment, op: WordOp, fragments: set[int], changes: list[Change], problems: list[str]) -> None:
        forward = op.s_hi >= op.s_lo
        between = op.s_hi - op.s_lo
        if op.q_lo in fragments and forward and between <= self.thresholds.max_omit_words:
            sw = a.words(op.s_lo, op.s_hi)
            self._omission(sw, " ".join(a.raw_words(op.s_lo, op.s_hi)), changes, problems, self.thresholds)
            return
        lo, hi = sorted((op.s_lo, op.s_hi))
        first = a.span(max(a.first_word, lo - 1), lo) if lo > a.first_word else (a.start, a.start)
        second = a.span(hi, hi + 1) if hi < a.first_word + len(a.source_words) else (a.end, a.end)
        note = f"joins words from offsets {first[0]} and {second[0]} of the source without an ellipsis"
        if op.q_lo in fragments:
            if forward:
                note = f"the ellipsis joins places {between} words apart (offsets {first[0]} and {second[0]})"
            else:
                note = f"the ellipsis joins places in reverse order (offsets {second[0]} and {first[0]})"
        q = " ".join(a.quote.raw[max(0, op.q_lo - 2) : op.q_lo + 2])
        changes.append(Change("splice", q, "", note=note))
        problems.append("splice: " + note)

    @staticmethod
    def _omission(sw: Sequence[str], sraw: str, changes: list[Change], problems: list[str], th: Thresholds) -> None:
        hidden = [w for w in sw if w in QUALIFIERS or w.endswith("n't")]
        shown = sraw if len(sraw) <= 160 else sraw[:157] + "..."
        if hidden:
            changes.append(Change("omit", "...", shown, meaning=True, note=f"the ellipsis hides '{hidden[0]}'"))
            problems.append(f"the ellipsis hides '{hidden[0]}'")
        else:
            changes.append(Change("omit", "...", shown, note="omitted by the ellipsis"))

    # -- who speaks ------------------------------------------------------------
    def _turns(self, a: Alignment, text: str) -> tuple[Turn, ...]:
        src = self.sources[a.source]
        if src.turns and not a.outside_body:
            return src.turns
        key = (a.source, a.outside_body)
        if key not in self._turn_cache:
            turns: tuple[Turn, ...] = ()
            if self.turns_for is not None:
                try:
                    turns = tuple(self.turns_for(text))
                except Exception:  # noqa: BLE001 - a failing extractor must not sink the verdict
                    turns = ()
            self._turn_cache[key] = turns
        return self._turn_cache[key]

    def _speaker_at(self, a: Alignment, text: str, quote: Quote) -> tuple[str | None, str]:
        """Who the source gives the passage to, and a note when that is not plain."""
        src = self.sources[a.source]
        turns = [t for t in self._turns(a, text) if t.speaker and t.speaker.strip().lower() not in _PRONOUNS]
        covering = [t for t in turns if t.start <= a.start and a.end <= t.end]
        inner = min(covering, key=lambda t: t.end - t.start) if covering else None
        if inner is None and quote.speaker:
            # A passage running across turns (a transcript): words of two people joined.
            parts = [t for t in turns if t.start < a.end and a.start < t.end]
            spanned = sum(min(t.end, a.end) - max(t.start, a.start) for t in parts)
            if len(parts) > 1 and spanned >= 0.7 * (a.end - a.start):
                others = [t for t in parts if not self._same(t.speaker, quote.speaker)]
                if others:
                    return others[0].speaker, f"the passage runs across turns of {len(parts)} speakers"
        opened = _open_quote(text, a.start)
        named = self._named_near(text, a.start, a.end, quote.speaker)
        if inner is not None:
            if opened is not None and inner.start < opened and not _fits_quote(inner, opened, text):
                # The turn's speaker is quoting someone inside their own words (the
                # interviewer reading back the guest's phrase): not theirs.
                if named or (quote.speaker and self._same(inner.speaker, quote.speaker)):
                    return quote.speaker, "quoted within the source"
                return None, f"{inner.speaker} quotes these words from someone else"
            return inner.speaker, ""
        if opened is not None:
            said = _said_by(text, opened, a.end)
            if said and quote.speaker and not self._same(said, quote.speaker):
                return said, ""
            if named or said:
                return quote.speaker if named else said, ""
            return None, "the source quotes these words without naming the speaker nearby"
        author = src.author or _byline(text)
        if author:
            return author, ""
        return None, "the source does not say who wrote or said this"

    def _named_near(self, text: str, start: int, end: int, speaker: str | None) -> bool:
        if not speaker:
            return False
        name = canonical_name(speaker).split()
        if not name:
            return False
        surname = name[-1]
        # Only the quotation's own paragraph: a name in the paragraph before may
        # belong to a different speaker's quotation.
        w = self.thresholds.name_window
        para_start = text.rfind("\n", 0, start) + 1
        para_end = text.find("\n", end)
        para_end = len(text) if para_end < 0 else para_end
        around = text[max(para_start, start - w) : min(para_end, end + w)]
        return re.search(rf"(?i)\b{re.escape(surname)}\b", around) is not None


# -- helpers -------------------------------------------------------------------
def _only_fillers(words: Sequence[str]) -> bool:
    rest = list(words)
    i = 0
    kept: list[str] = []
    while i < len(rest):
        pair = tuple(rest[i : i + 2])
        if pair in _FILLER_PAIRS:
            i += 2
            continue
        if rest[i] not in FILLERS:
            kept.append(rest[i])
        i += 1
    return not kept and bool(words)


def _kind(word: str) -> str:
    if word in NEGATIONS or word.endswith("n't"):
        return "negation"
    if any(c.isdigit() for c in word) or word in NUMBER_WORDS:
        return "number"
    if word in MODALS:
        return "modal"
    if word in QUANTIFIERS:
        return "quantifier"
    return ""


def _meaning(quote_words: Sequence[str], source_words: Sequence[str]) -> str:
    """Why a change alters meaning ("negation", "number", ...), or '' when it need not."""
    for kind in ("negation", "number", "modal", "quantifier"):
        qs = sorted(w for w in quote_words if _kind(w) == kind)
        ss = sorted(w for w in source_words if _kind(w) == kind)
        if qs != ss:
            return f"{kind} changed"
    return ""


def _name_change(quote_raw: Sequence[str], source_raw: Sequence[str], at_start: bool) -> str:
    """'name changed' when a capitalised word (a likely name) differs between the sides."""
    def names(raw: Sequence[str], skip_first: bool) -> set[str]:
        return {w.lower() for i, w in enumerate(raw) if w[:1].isupper() and not (skip_first and i == 0)}

    qn, sn = names(quote_raw, at_start), names(source_raw, at_start)
    return "name changed" if (qn or sn) and qn != sn else ""


def _open_quote(text: str, pos: int) -> int | None:
    """Offset of the quotation mark opened (and not closed) before ``pos`` in its paragraph."""
    line_start = text.rfind("\n", 0, pos) + 1
    seg = text[line_start:pos]
    opened: int | None = None
    straight_open = False
    for i, ch in enumerate(seg):
        if ch == "\u201c":
            opened = line_start + i
        elif ch == "\u201d":
            opened = None
        elif ch == '"':
            straight_open = not straight_open
            opened = line_start + i if straight_open else None
    return opened


_NAME = r"((?:[A-Z][\w.'’-]+\s+){0,3}[A-Z][\w'’-]+)"
_VERB = r"(?:said|says|wrote|writes|added|adds|told\s+[\w ]{1,30}?|posted|tweeted|declared|stated|replied|responded|asked|continued)"
_SAID_AFTER = re.compile(rf"^[\s,.!?]*[\u201d\"][\s,]*(?:{_VERB}\s+{_NAME}|{_NAME}\s+{_VERB})")
_SAID_BEFORE = re.compile(rf"{_NAME}\s+(?:{_VERB}[\w ,]{{0,30}}?[:,]?|(?:[a-z]+\s+){{0,2}}[a-z]+:)\s*$")


def _said_by(text: str, opened: int, end: int) -> str | None:
    """The name a plain "..., X said" / "X said: ..." attribution gives a quotation, if any."""
    close = -1
    for mark in ("\u201d", '"'):
        at = text.find(mark, end)
        if at >= 0 and (close < 0 or at < close):
            close = at
    if close >= 0 and "\n" not in text[end:close]:
        m = _SAID_AFTER.match(text[close : close + 80])
        if m:
            name = m.group(1) or m.group(2)
            if name and name.split()[0].lower() not in _NOT_NAMES:
                return name
    line_start = text.rfind("\n", 0, opened) + 1
    m = _SAID_BEFORE.search(text[max(line_start, opened - 120) : opened])
    if m:
        name = m.group(1)
        between = m.group(0)[len(name) :].lower().split()
        # "Later she added:" has a pronoun for subject, not the capitalised word.
        if not _PRONOUNS.intersection(w.strip(":,") for w in between) and name.split()[0].lower() not in _NOT_NAMES:
            return name
    return None


def _fits_quote(turn: Turn, opened: int, text: str) -> bool:
    """Whether a turn is itself the quoted stretch (an attribution the extractor made)."""
    return turn.start >= opened


def _context_problem(text: str, start: int, end: int, headline_chars: int) -> str:
    """Why a match cannot be evidence (a denial, a correction, a headline), or ''."""
    para_start = max(text.rfind("\n\n", 0, start) + 2, start - 400, 0)
    para_end = text.find("\n\n", end)
    para_end = min(len(text) if para_end < 0 else para_end, end + 200)
    before = text[max(para_start, start - 250) : start]
    after = text[end:para_end]
    # After the match only the rest of its sentence counts ("..., which he never said").
    stop = re.search(r"[.!?][\u201d\"']?\s", after[1:])
    after = after[: stop.end() + 1 if stop else 120][:120]
    if _DENIAL.search(before) or _DENIAL.search(after):
        return "says it was never said"
    if _CORRECTION.search(text[para_start:start]):
        return "prints it in a correction notice"
    first = text.lstrip()
    offset = len(text) - len(first)
    line_end = first.find("\n")
    headline = first[:line_end] if line_end >= 0 else ""
    if (
        0 < len(headline) < headline_chars
        and not re.search(r"[.!?]\s+[A-Z]", headline)
        and start >= offset
        and end <= offset + line_end + 1
        and first[line_end:].strip()
    ):
        return "has it only as a headline"
    return ""


def _byline(text: str) -> str | None:
    """The author named in a byline line near the top ("By Mary Schmich", "Mary Schmich, Chicago Tribune")."""
    head = [ln for ln in text[:600].splitlines() if ln.strip()][:4]
    for ln in head:
        m = _BYLINE.match(ln)
        if m:
            return m.group(1).strip()
    for ln in head[:2]:
        m = _NAME_COMMA.match(ln)
        if m and len(ln) < 80:
            return m.group(1).strip()
    return None
