"""The extract stage: every quote of a document, its kind and its speaker."""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Document, Mention, Quote, Turn, line_starts
from .cues import NAMING_CUES, NOUN_CUE_VERBS, NOUN_CUES, SKIPPABLE, SPEECH_VERBS, VERB_CUES
from .furniture import mask
from .marks import Pair, pair_marks
from .speakers import CALENDAR, GENERIC, PRONOUNS, TITLES, Resolver, gender_of
from .transcript import label_turns

__all__ = ["extract_quotes", "source_turns"]

_TOK = re.compile(r"[A-Za-z0-9][\w'\u2019.\-]*|[,:;()]|[\u2014\u2013-]")
_ABBREV = frozenset(["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "jr", "sr", "lt", "col", "capt", "sgt", "adm", "prof", "rev", "u.s", "u.k", "d.c", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "inc", "corp", "co", "vs", "no"])
_DETS = frozenset(["the", "a", "an", "his", "her", "their", "its", "another", "one", "two", "three", "some", "several", "many", "these", "those", "our", "my", "your"])
_OBJECT = frozenset(["him", "her", "them", "me", "us"])
_STOP = frozenset(
    ["and", "or", "but", "that", "which", "who", "whom", "whose", "to", "of", "in", "on", "at", "for", "with", "by", "from", "as", "than", "then", "when", "while", "if", "because", "after", "before", "until", "unless", "although", "though", "whether", "since", "about", "into", "over", "under", "not", "no", "so", "also", "it", "is", "was", "were", "be", "been", "are", "has", "have", "had", "do", "did", "does", "this", "there", "here", "what", "how", "why", "where"]
)
# Words that open an adverbial before the subject ("In December, the prince ...").
_LEADS = frozenset(["though", "although", "but", "and", "even", "so", "because", "if", "in", "on", "at", "after", "before", "during", "when", "while", "since", "as", "despite", "asked", "later", "earlier", "last", "first", "still", "yet", "meanwhile", "however"])
# Words of a time adverbial that may open a sentence ("Hours later, ...").
_TIME_WORDS = frozenset(
    ["later", "earlier", "ago", "hours", "days", "weeks", "months", "years", "minutes", "moments", "today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "evening", "afternoon", "night", "week", "month", "year"]
)
_PARTICLES = frozenset(["de", "van", "von", "der", "la", "le", "al", "bin", "da", "di", "du", "del"])
# A quote longer than this that holds other quotes is a reproduced document.
_DOCUMENT_CHARS = 300
_SHORT_WORDS = 4
_WINDOW = 400


@dataclass
class _Attr:
    mention: tuple[int, int] | None
    cue: str | None
    distance: int  # tokens between cue and quote; 0 for a trailing cue
    # "Lee was asked, ..." : the subject heard the words; no one else may be guessed.
    passive: bool = False


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def word(self) -> str:
        w = self.text.lower()
        if w.endswith(("'s", "\u2019s")):
            return w
        return w.rstrip(".")


def _tokens(text: str, base: int) -> list[_Tok]:
    return [_Tok(base + m.start(), base + m.end(), m.group(0)) for m in _TOK.finditer(text)]


def _ends_sentence(tok: _Tok) -> bool:
    return tok.text.endswith(".") and tok.word not in _ABBREV and len(tok.word) > 1 and tok.word not in TITLES


def _is_cap(tok: _Tok) -> bool:
    return tok.text[:1].isupper()


def _adverb(toks: list[_Tok], j: int) -> bool:
    """An -ly adverb ("quickly"), not a name that ends so (Kelly, Early, Daly).

    A capitalised -ly word is an adverb only where a sentence opens or a comma follows.
    """
    t = toks[j]
    if not t.word.endswith("ly"):
        return False
    if not _is_cap(t):
        return True
    return (j + 1 < len(toks) and toks[j + 1].text == ",") or (j > 0 and _ends_sentence(toks[j - 1]))


_MONTH_ABBREVS = frozenset(["jan", "feb", "aug", "sept", "oct", "nov", "dec"])


def _calendar(tok: _Tok) -> bool:
    """A day or a month ("Saturday", "Oct."), never a speaker; "Jan" with no full stop may be a name."""
    return tok.word in CALENDAR or (tok.word in _MONTH_ABBREVS and tok.text.endswith("."))


def _np_left(toks: list[_Tok], j: int) -> tuple[int, int] | None:
    """The noun phrase ending at token ``j`` (the subject of a cue)."""
    if j >= 2 and [t.word for t in toks[j - 2:j + 1]] in (["in", "the", "past"], ["at", "the", "time"], ["for", "the", "record"]):
        return _np_left(toks, j - 3)  # "Beck, who has in the past described": an adverbial, not the subject
    while j >= 0 and (toks[j].word in SKIPPABLE or toks[j].word in _TIME_WORDS or _adverb(toks, j)):
        if toks[j].word in _TIME_WORDS and j > 0 and toks[j - 1].word in ("on", "last", "this", "next", "that", "late", "early"):
            j -= 1  # "Beck on Wednesday called": the time phrase stands between subject and verb
        j -= 1
    if j < 0:
        return None
    t = toks[j]
    w = t.word.replace("\u2019", "'")
    if w == "who" and j >= 2 and toks[j - 1].text == "," and (_is_cap(toks[j - 2]) or toks[j - 2].text == ")"):
        return t.start, t.end  # "Ann Lee, who has called it ...": the relative pronoun, resolved to Ann Lee
    if w in PRONOUNS or w.split("'")[0] in ("he", "she", "they", "we", "i", "it"):
        base = w.split("'")[0]
        if base in ("his", "her", "its", "their", "him", "them"):
            return None
        return t.start, t.start + len(base)
    end_tok = j
    if t.text == ")":
        k = j
        while k >= 0 and toks[k].text != "(" and j - k < 6:
            k -= 1
        if k <= 0 or toks[k].text != "(":
            return None
        j = k - 1
        t = toks[j]
        end_tok = j
    if _is_cap(t) and t.word not in _STOP and t.word not in _LEADS and not _adverb(toks, j) and not t.word.endswith("wise"):
        k = j
        while k - 1 >= 0 and (_is_cap(toks[k - 1]) or toks[k - 1].word in _PARTICLES) and toks[k - 1].word not in _STOP and toks[k - 1].word not in _LEADS:
            if _ends_sentence(toks[k - 1]) and toks[k - 1].word not in TITLES:
                break
            k -= 1
        if k > 0 and toks[k - 1].word == "the" and toks[end_tok].word not in PRONOUNS:
            k -= 1  # "the White House" names an organisation
        if all(_calendar(toks[x]) for x in range(k, end_tok + 1)):
            return None  # "late Saturday night ... told": a day is nobody
        return toks[k].start, toks[end_tok].end
    if t.word in _STOP or not t.text[:1].isalpha():
        return None
    k = j
    steps = 0
    while k - 1 >= 0 and steps < 5:
        prev = toks[k - 1]
        if prev.word in _DETS or prev.word.endswith("'s") or prev.word.endswith("\u2019s"):
            return prev.start, t.end
        if prev.word in _STOP or not prev.text[:1].isalnum():
            break
        k -= 1
        steps += 1
    # A bare lowercase word is a speaker only as a plural or a known role
    # ("officials said"), not as a stray verb ("kept").
    if t.word in GENERIC or (t.word.endswith("s") and not t.word.endswith("ss") and "'" not in t.word and "\u2019" not in t.word):
        return t.start, t.end
    return None


# Verbs an inverted attribution puts before its speaker ("said his wife"); not
# verbs that take an object ("told his wife" names the listener).
_INVERTED_CUES = frozenset(["said", "says", "added", "adds", "wrote", "writes", "recalled", "explained", "noted", "tweeted"])


def _np_right(toks: list[_Tok], j: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``j`` ("said Jack Smith, a former aide")."""
    if j >= len(toks):
        return None
    t = toks[j]
    w = t.word
    if (
        t.text in ("his", "her", "its", "their")
        and 0 < j < len(toks) - 1
        and (toks[j - 1].text == "to" or toks[j - 1].text in _INVERTED_CUES)
        and toks[j + 1].text[:1].islower()
        and toks[j + 1].word not in _STOP
    ):
        pass  # "according to his longtime physician", "said his wife": a possessive opens a description
    elif w in PRONOUNS:
        return None if w in _OBJECT or w in ("his", "its", "their") else (t.start, t.end)
    if w in _STOP or w in _LEADS or (_adverb(toks, j) and w not in _DETS) or w.endswith("ing") or w == "based":
        return None  # "Speaking to reporters, ..." opens with a participle, not a name
    if (_is_cap(t) or w in TITLES) and w not in _DETS:
        k = j
        while k + 1 < len(toks) and (
            (_is_cap(toks[k + 1]) or toks[k + 1].word in _PARTICLES)
            # "Secretary of State Madeleine Albright": "of" inside a capitalised title.
            or (toks[k + 1].text == "of" and k + 2 < len(toks) and _is_cap(toks[k]) and toks[k].word in TITLES and _is_cap(toks[k + 2]))
        ) and (not _ends_sentence(toks[k]) or toks[k].word in TITLES):
            k += 1
        if not _ends_sentence(toks[k]) and not toks[k].text.endswith(("'s", "\u2019s")):
            # "Texas delegate Bill Eastland", "Clinton spokesman Brian Fallon":
            # a capitalised modifier and a lowercase role before the name.
            r = k + 1
            while r < len(toks) and r - k <= 2 and toks[r].text[:1].islower() and (toks[r].word in TITLES or toks[r].word in GENERIC or toks[r].word in _ROLES):
                r += 1
            if k + 1 < r < len(toks) and _is_cap(toks[r]) and toks[r].word not in _STOP:
                name = _np_right(toks, r)
                if name is not None:
                    return t.start, name[1]
        if all(_calendar(toks[x]) for x in range(j, k + 1)):
            return None  # "Saturday night": a day is nobody
        end = toks[k].end
        if _ends_sentence(toks[k]):
            end -= 1  # '..." said Holan.': the full stop ends the sentence, not the name
        elif toks[k].text.endswith(("'s", "\u2019s")):
            end -= 2  # "Mina Sato's address": the owner speaks
        return t.start, end
    if w in _DETS:
        k = j
        while k + 1 < len(toks) and k - j < 5:
            nxt = toks[k + 1]
            if nxt.word in _STOP or not nxt.text[:1].isalnum() or nxt.word in VERB_CUES or nxt.word in _REFLEXIVE or nxt.word in _MODALS:
                break
            if nxt.word.endswith(("n't", "n\u2019t")) or nxt.word in _BE:
                break  # "The final results aren't in": the verb ends the subject
            if k > j and nxt.word.endswith("ed") and k + 2 < len(toks) and (toks[k + 2].word in _STOP or toks[k + 2].word in _DETS):
                break  # "the FBI looked into": a verb, not part of the name
            k += 1
            if _ends_sentence(nxt):
                break
        if k <= j:
            return None
        return t.start, toks[k].end - (1 if _ends_sentence(toks[k]) else 0)
    # "said campaign manager Robby Mook", "said master of ceremonies Asab
    # Al-Tabchi": a lowercase description, then the name.
    k = j
    while k < len(toks) and k - j < 5 and toks[k].text[:1].islower() and (toks[k].word not in _STOP or (toks[k].word == "of" and k > j and (toks[k - 1].word in _ROLES or toks[k - 1].word in TITLES or toks[k - 1].word in ("master", "head", "member", "dean")))) and toks[k].word not in VERB_CUES:
        k += 1
    if j < k < len(toks) and _is_cap(toks[k]) and toks[k].word not in _STOP and not _ends_sentence(toks[k - 1]):
        name = _np_right(toks, k)
        if name is not None:
            return t.start, name[1]
    return None


_MODALS = frozenset(["will", "would", "could", "can", "may", "might", "should", "must", "did", "does", "to"])
# Lowercase roles that stand between a capitalised modifier and a name.
_ROLES = frozenset(["delegate", "voter", "manager", "campaign", "adviser", "advisor", "strategist", "pollster", "consultant", "lawyer", "attorney", "organizer", "activist", "chairman", "chairwoman", "founder", "president", "professor", "economist", "analyst", "historian", "researcher", "writer", "columnist", "host", "anchor", "correspondent", "editor", "publisher", "officer", "resident", "supporter", "lawmaker", "legislator", "operative", "donor", "fundraiser", "chief", "deputy", "press", "secretary", "staffer", "volunteer"])
_REFLEXIVE = frozenset(["himself", "herself", "itself", "themselves", "myself", "ourselves"])
# Capitalised sentence openers that are not who speaks ("Amid ...", "That's ...").
_NOT_SUBJECT = frozenset(
    ["amid", "moreover", "wait", "ask", "outside", "inside", "that's", "it's", "there's", "here's", "it", "there", "here", "this", "that", "what", "when", "despite", "given", "like", "unlike", "instead", "indeed", "thus", "hence", "now", "perhaps", "maybe", "sure", "yes", "no", "well", "oh", "good", "former", "among", "such", "some", "many", "most", "few", "both", "each", "every", "all", "any", "none", "not", "only", "just", "even", "once", "never", "again", "please", "thanks", "for", "with", "without", "by", "from", "through", "until", "via", "whether", "why", "how", "who", "where", "which", "the latter", "the former"]
)


def _plausible_subject(mention: str) -> bool:
    """A fallback subject must look like a name, a pronoun or a description, not an opener."""
    low = mention.lower().replace("\u2019", "'")
    first = low.split()[0] if low.split() else ""
    if low in _NOT_SUBJECT or first in _NOT_SUBJECT:
        return False
    return mention[:1].isupper() or low in PRONOUNS


def _is_cue(toks: list[_Tok], i: int) -> bool:
    w = toks[i].word
    if i + 1 < len(toks) and (w, toks[i + 1].word) in _PHRASAL:
        # "went on:" / "went on to say", not "the Senate goes on recess".
        return w not in ("went", "goes") or i + 2 >= len(toks) or toks[i + 2].text in (",", ":", "to", "\u2014")
    if w in ("put", "puts") and i + 1 < len(toks) and toks[i + 1].word == "it":
        return True  # "as the senator put it, ..."
    if w in VERB_CUES:
        return not (i > 0 and toks[i - 1].word in _DETS)
    if (
        w in SPEECH_VERBS
        and 0 < i < len(toks) - 1
        and toks[i].text[:1].islower()
        and w not in ("state", "states")
        and toks[i + 1].text in (":", ",")
        and (toks[i - 1].word in _PRONOUN_SUBJECTS or (_is_cap(toks[i - 1]) and toks[i - 1].word not in _DETS))
        and not toks[i - 1].text.endswith(("'s", "\u2019s"))
    ):
        return True  # "Wallnau continues:", "she notes,": a noun-like form that can only be the verb here
    if (
        w in SPEECH_VERBS
        and 0 < i < len(toks) - 1
        and toks[i + 1].word in ("that", "to")
        and toks[i - 1].word not in _DETS
        and not toks[i - 1].text.endswith(("'s", "\u2019s"))
        and toks[i - 1].text[:1].isalpha()
    ):
        return True  # "the plan promises to", "the group states that"
    if w in SPEECH_VERBS and i > 0:
        m = i - 1
        while m > 0 and m >= i - 2 and (toks[m].word.endswith("ly") or toks[m].word in SKIPPABLE) and toks[m].word not in _MODALS:
            m -= 1
        if toks[m].word in _MODALS:
            return True  # "he will say", "she could only quip"
    if w in NAMING_CUES and i >= 2 and toks[i - 2].word == "what":
        return True  # "what he calls", "what the group described as"
    if w in NOUN_CUE_VERBS:
        return any(toks[k].word in NOUN_CUES for k in range(max(0, i - 4), i - 1))
    return False


def _cue_before(toks: list[_Tok]) -> _Attr | None:
    """The cue nearest before a quote, and its speaker."""
    if toks and toks[-1].text == ":" and len(toks) >= 2 and not any(_is_cue(toks, i) for i in range(len(toks) - 1)):
        # "Jo Lin: ..." or "BIG HEADLINE - Jo Lin: ...": a name labels the words.
        head = toks[len(toks) - 2]
        np = _np_left(toks, len(toks) - 2)
        if np is not None and _is_cap(head) and not head.text.isupper():
            return _Attr(np, ":", 0)
    if len(toks) >= 4 and toks[-1].text == "," and toks[-2].word == "words":
        # "in Forbes' words," / "in Dana Ruiz's words," / "in her words,": the owner speaks.
        at = next((k for k in range(len(toks) - 4, max(-1, len(toks) - 9), -1) if toks[k].word == "in"), -1)
        owner = toks[-3]
        if at >= 0 and owner.word in PRONOUNS and at == len(toks) - 4:
            return _Attr((owner.start, owner.end), "words", 1)
        if at >= 0 and owner.text.endswith(("'", "\u2019", "'s", "\u2019s")) and all(_is_cap(t) for t in toks[at + 1:-2]):
            cut = 2 if owner.text.endswith(("'s", "\u2019s")) else 1
            return _Attr((toks[at + 1].start, owner.end - cut), "words", 1)
    if len(toks) >= 3 and toks[-1].text == ":" and toks[0].word in ("here's", "here\u2019s") and _is_cap(toks[1]):
        # "Here's Clinton in December 1992:": the person presented speaks.
        np = _np_right(toks, 1)
        if np is not None:
            return _Attr(np, ":", 0)
    for i in range(len(toks) - 1, -1, -1):
        w = toks[i].word
        if w == "according" and i + 1 < len(toks) and toks[i + 1].word == "to":
            return _Attr(_np_right(toks, i + 2), "according to", len(toks) - i - 2)
        if not _is_cue(toks, i):
            continue
        if i >= 1 and toks[i - 1].word in _BE and not w.endswith("ing") and (w in _ADDRESS_CUES or w in NAMING_CUES or w in _PASSIVE_CUES):
            # "Blumenthal was asked, ..." / "what is called ...": the subject is
            # spoken to or about; only a "by" agent says the words.
            by = next((k for k in range(i + 1, min(len(toks), i + 8)) if toks[k].word == "by"), -1)
            agent = _np_right(toks, by + 1) if by >= 0 else None
            return _Attr(agent, toks[i].text.rstrip(".,"), len(toks) - i - 1, passive=agent is None)
        np = _np_left(toks, i - 1)
        if np is not None and w.endswith("ing"):
            at = next(k for k in range(i) if toks[k].start == np[0])
            last = max(k for k in range(at, i) if toks[k].start < np[1])
            if toks[last].word in NOUN_CUES:
                # "The town released a statement Wednesday saying ...": the one
                # who issued the statement speaks.
                np = _clause_subject(toks, at) if at > 0 else None
        if w in NAMING_CUES:
            what = next((k for k in range(i - 1, max(-1, i - 9), -1) if toks[k].word == "what"), -1)
            if what >= 0 and what + 1 < i - 1:
                # 'what the Times and the Post each called "..."': the subject follows "what".
                named = _np_right(toks, what + 1)
                if named is not None and named[1] <= toks[i - 1].end:
                    np = named
        if (
            np is not None
            and w.endswith("ing")
            and toks[i - 1].text[:1].islower()
            and toks[i - 1].word not in PRONOUNS
            # "the campaign is already claiming": a progressive verb, not a participle
            and not any(t.word in _BE for t in toks[max(0, i - 3):i])
        ):
            # "comments she made before the vote criticizing ...": a participle
            # after a common noun is no clause of that noun's; look further back.
            continue
        if np is not None and w not in _DIRECT:
            pron = next((k for k in range(i - 1, -1, -1) if toks[k].start == np[0]), -1)
            if pron >= 1 and toks[pron].word in _PRONOUN_SUBJECTS:
                # "Lee said she believed "..."": the words are reported by the outer
                # verb of saying, whose subject names the speaker.
                outer = _outer_cue(toks, pron)
                if outer is not None:
                    return outer
        if np is None and w in ("put", "puts"):
            # "As John Cornyn, the No. 2 in the leadership, put it:"
            as_at = [k for k in range(i) if toks[k].word == "as"]
            np = _np_right(toks, as_at[-1] + 1) if as_at else None
            return _Attr(np, toks[i].text, len(toks) - i - 1)
        if np is None and w.endswith("ing") and i > 0 and toks[i - 1].text == ",":
            # ", adding ..." / ", saying ...": the speaker of the clause before;
            # '..., Spicer said, adding, "..."': the subject of the cue just before.
            prior = _cue_before(toks[: i - 1]) if i >= 3 and _is_cue(toks, i - 2) else None
            if prior is not None and prior.mention is not None:
                return _Attr(prior.mention, "participle", len(toks) - i - 1)
            return _Attr(_subject(toks, i), "participle", len(toks) - i - 1)
        if np is None and i >= 2 and toks[i - 1].word in ("and", "but"):
            np = _coordinated_subject(toks, i - 1)
        if np is None and i >= 2 and toks[i - 1].text == ",":
            np = _appositive_left(toks, i - 1)
        if np is None and (i == 0 or toks[i - 1].text == ",") and w not in _ADDRESS_CUES:
            # "told POLITICO" names the addressee, never an inverted speaker.
            np = _np_right(toks, i + 1)
            if np is not None:
                # Inversion ("said Jo Lin:") ends the clause; "says Cruz will" does not.
                after = [t for t in toks[i + 1:] if t.start >= np[1]]
                # A bare noun phrase right before the quote is the object of
                # reported speech ('X, an aide, said the plan "..."'), not an inversion.
                if (after and after[0].text not in (",", ":")) or (not after and not _is_cap(toks[i + 1])):
                    np = None
        if np is None:
            np = _subject(toks, i)
        return _Attr(np, toks[i].text.rstrip(".,"), len(toks) - i - 1)
    return None


_BE = frozenset(["was", "were", "been", "being", "is", "are", "be"])
_PASSIVE_CUES = frozenset(["described", "labeled", "labelled", "dubbed", "branded", "termed", "quoted"])


# Verbs that quote their own subject's words even inside reported speech.
_DIRECT = frozenset(["say", "says", "said", "tell", "tells", "told", "write", "writes", "wrote", "asked", "asks"])
_OUTER = frozenset(["said", "says", "saying", "told", "tells", "telling", "added", "adding", "wrote", "writes", "writing", "explained", "explaining", "argued", "arguing", "insisted", "insisting"])
_PRONOUN_SUBJECTS = frozenset(["she", "he", "they", "we", "i"])


def _outer_cue(toks: list[_Tok], pron: int) -> _Attr | None:
    """The verb of saying that reports the clause whose subject is the pronoun at ``pron``."""
    for o in range(pron - 1, max(-1, pron - 4), -1):
        if toks[o].word in ("that",):
            continue
        if toks[o].word in _OUTER:
            found = _cue_before(toks[: o + 1])
            if found is not None and found.mention is not None and found.cue != "participle":
                return _Attr(found.mention, found.cue, len(toks) - o - 1)
            if found is not None and found.mention is not None:
                return _Attr(found.mention, toks[o].text, len(toks) - o - 1)
        break
    return None


_APPOSITIVE_OPENERS = frozenset(["who", "whose", "a", "an", "the", "now", "once", "then", "himself", "herself", "themselves", "also", "another"])


def _appositive_left(toks: list[_Tok], comma: int) -> tuple[int, int] | None:
    """The speaker before an appositive that ends at ``comma``.

    'Dick Dever, who sat on the slate, told ...' and 'Jo Lin (D-Ore.), said':
    the name stands before the appositive, not inside it.
    """
    if toks[comma - 1].text == ")":
        np = _np_left(toks, comma - 1)
        return np if np is not None and _is_cap(toks[comma - 1 - 1]) else None
    for c in range(comma - 2, max(0, comma - 30), -1):
        t = toks[c]
        if t.text in (":", ";", "(", ")") or t.text[:1] in "\u2014\u2013" or (_ends_sentence(t) and t.word not in TITLES):
            return None
        if t.text != ",":
            continue
        opener = toks[c + 1]
        if c >= 1 and _is_cap(opener) and _description_head(toks[c - 1]) and _all_name(toks[c + 1:comma]):
            # "her senior policy adviser, Jake Sullivan, said": the name in the
            # commas is the description's person and the speaker.
            return opener.start, toks[comma - 1].end
        if c < 1 or not (opener.word in _APPOSITIVE_OPENERS or (opener.text[:1].islower() and opener.word not in _STOP)):
            return None
        head = toks[c - 1]
        if not (_is_cap(head) or head.word in PRONOUNS) or head.word in _LEADS or head.word in _NOT_SUBJECT:
            return None
        return _np_left(toks, c - 1)
    return None


def _one_attribution(gap: list[_Tok]) -> bool:
    """Whether the words between two quotes hold one verb of saying at most.

    '"A," X said Tuesday, "B."' breaks one statement; a second verb ('"A," X
    said, and then predicted: "B."', 'X told reporters, before insisting he
    had a "B"') starts another statement by the same speaker.
    """
    return sum(1 for t in gap if t.word in SPEECH_VERBS and t.text[:1].islower()) <= 1


def _description_head(tok: _Tok) -> bool:
    """A lowercase role noun that a name in commas may follow ("her campaign manager, Robby Mook,")."""
    w = tok.word
    return tok.text[:1].islower() and (w in _ROLES or w in GENERIC or w in TITLES or w in _KIN or w.rstrip("s") in _ROLES)


# People a description names by relation ("his chief of staff, ...", "her husband, ...").
_KIN = frozenset(["staff", "counsel", "friend", "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "partner", "colleague", "rival", "opponent", "successor", "predecessor", "boss", "mentor"])


def _all_name(toks: list[_Tok]) -> bool:
    """Whether the tokens are a name of at most five words (particles allowed)."""
    return 0 < len(toks) <= 5 and all((_is_cap(t) or t.word in _PARTICLES) and t.word not in _STOP and t.text[:1].isalpha() for t in toks)


def _coordinated_subject(toks: list[_Tok], conj: int) -> tuple[int, int] | None:
    """The subject shared by two verbs: 'when Cruz knocked Rubio on trade and called him'.

    The nearest name or pronoun before ``conj`` that a lowercase verb follows
    (a party tag in brackets may stand between), not a possessive and not the
    subject of a clause a verb of saying reports ('said Rubio would').
    """
    for j in range(conj - 1, -1, -1):
        t = toks[j]
        if t.text in (";", ":") or (_ends_sentence(t) and t.word not in TITLES):
            return None
        if not (t.word in _PRONOUN_SUBJECTS or (_is_cap(t) and (j == 0 or not _is_cap(toks[j - 1])))):
            continue
        if t.text.endswith(("'s", "\u2019s")) or t.word in _NOT_SUBJECT or t.word in _LEADS:
            continue
        if j > 0 and (_is_cue(toks, j - 1) or toks[j - 1].word in ("that", "to", "of", "by", "for", "with", "on", "at", "from", "about")):
            continue
        np = _np_right(toks, j)
        if np is None:
            continue
        n = j
        while n < conj and toks[n].start < np[1]:
            n += 1
        if n < conj and toks[n].text == "(":
            while n < conj and toks[n].text != ")":
                n += 1
            n += 1
        if n < conj and toks[n].text[:1].islower() and toks[n].word not in _STOP and not toks[n].word.endswith("ing"):
            return np
    return None


def _opener(toks: list[_Tok]) -> bool:
    """Whether the sentence opens with a phrase before the subject ("In ...", "Reached by ...", "Horrified at ...")."""
    w = toks[0].word
    if w in _LEADS or w in _NOT_SUBJECT:
        return True
    # A participle or adverb, not a name ("Alfred Lee"): no capitalised word follows.
    nxt_cap = len(toks) > 1 and _is_cap(toks[1])
    return len(w) > 4 and w.endswith(("ly", "ed", "ing")) and gender_of(toks[0].text) == "?" and not nxt_cap


def _subject(toks: list[_Tok], cue: int) -> tuple[int, int] | None:
    """The subject of the sentence, for a cue after a clause or a conjunction."""
    k = 0
    lead = bool(toks) and _opener(toks)
    if lead and not toks[0].word in _LEADS:
        # "Speaking in Dover, Delaware, Ann Lee went ...": the name a verb follows.
        found = _clause_subject(toks, cue)
        if found is not None:
            return found
    for j in range(cue):
        if toks[j].text == "," and (j < 14 or (j < 30 and lead)) and (
            not _is_cap(toks[0]) or lead or (j <= 4 and any(t.word in _TIME_WORDS for t in toks[:j]))
        ):
            k = j + 1
            break
    if k >= cue:
        return _clause_subject(toks, cue)
    np = _np_right(toks, k)
    if np is None and toks[k].text[:1].isalpha() and toks[k].word not in _STOP:
        np = _np_left(toks, k) if k + 1 >= cue or not toks[k + 1].text[:1].isalpha() else None
    return np if np is not None else _clause_subject(toks, cue)


def _clause_subject(toks: list[_Tok], cue: int) -> tuple[int, int] | None:
    """The first name or pronoun of the sentence that its verb follows.

    'Speaking in Salem, New Hampshire, Trump went after Bush, calling him
    ...': an opening phrase and a place may stand before the subject; the
    subject is the noun phrase a lowercase verb follows.
    """
    starts = [0] + [j + 1 for j in range(min(cue, 40)) if toks[j].text == ","]
    lead = 0
    while lead < cue and (toks[lead].word in _LEADS or toks[lead].word == "then"):
        lead += 1
    if 0 < lead < cue:
        starts.insert(1, lead)  # "And then Trump went on the attack, saying ..."
    for k in starts:
        if k >= cue or not (_is_cap(toks[k]) or toks[k].word in PRONOUNS) or toks[k].word in _LEADS:
            continue
        if toks[k].word in _NOT_SUBJECT and not (toks[k].word == "former" and k + 1 < cue and _is_cap(toks[k + 1])):
            # "Former Secretary of State Madeleine Albright urged ..." is a title, not an opener.
            continue
        np = _np_right(toks, k)
        if np is None:
            continue
        nxt = k
        while nxt < cue and toks[nxt].start < np[1]:
            nxt += 1
        if nxt < cue and toks[nxt].text[:1].islower() and toks[nxt].word not in _STOP and not toks[nxt].word.endswith("ing"):
            return np
        if nxt == cue:
            return np
    return None


# Words that may follow an attribution without starting a clause of its own.
_ADJUNCTS = frozenset(
    ["on", "in", "at", "during", "after", "before", "later", "afterward", "afterwards", "today", "yesterday", "tonight", "recently", "again", "also", "then", "of", "about", "to", "from", "via", "while", "when", "as", "with", "last", "this", "earlier", "back", "out", "up", "in", "and"]
)
_PHRASAL = frozenset([("points", "out"), ("pointed", "out"), ("point", "out"), ("went", "on"), ("goes", "on"), ("shot", "back"), ("fired", "back"), ("hit", "back"), ("chimed", "in"), ("chimes", "in")])
_ADDRESS_CUES = frozenset(["told", "tells", "asked", "asks", "reminded", "assured", "warned", "urged", "pressed", "answered", "replied"])
_CAP_PRONOUNS = frozenset(["He", "She", "They", "It", "We"])
_OBJECT_START = _DETS | _OBJECT | {"that", "this", "it", "everyone"}


def _governs_object(toks: list[_Tok], i: int) -> bool:
    """Whether the cue at ``i`` takes its own object ("X called the plan ...").

    An addressee ("told the crowd", "asked reporters") is not such an object.
    """
    if i + 1 >= len(toks) or toks[i].word in _ADDRESS_CUES:
        return False
    nxt = toks[i + 1]
    if i + 2 < len(toks) and (toks[i].word, nxt.word) in _PHRASAL:
        nxt = toks[i + 2]  # "points out", "went on"
    if nxt.text[:1].isalpha() and nxt.text[:1].islower() and nxt.word not in _ADJUNCTS and not nxt.word.endswith("ly"):
        return True  # "She says they are going ...": a new clause, a new sentence
    return nxt.word in _OBJECT_START or (_is_cap(nxt) and nxt.word not in _LEADS and nxt.word not in ("on", "in", "at"))


def _cue_after(toks: list[_Tok], ended: bool = False) -> _Attr | None:
    """A trailing attribution: '..." she said.' / '...," said Jack Smith.'

    ``ended``: the quote closed its sentence ('..."'), so a clause after it
    whose cue takes an object of its own is a new sentence, not an attribution.
    """
    k = 0
    while k < len(toks) and toks[k].text in (",", "\u2014", "\u2013"):
        k += 1
    head = _np_right(toks, k)
    if head is None and k < len(toks) and toks[k].text[:1].islower():
        # '..." federal prosecutors wrote.': a lowercase plural or role, then the cue.
        v = k
        while v < len(toks) and v - k < 3 and toks[v].text[:1].islower() and toks[v].word not in _STOP and not _is_cue(toks, v):
            v += 1
        last = toks[v - 1].word if v > k else ""
        plural = last in GENERIC or (last.endswith("s") and not last.endswith("ss"))
        if k < v < len(toks) and plural and _is_cue(toks, v) and not (ended and _governs_object(toks, v)):
            return _Attr((toks[k].start, toks[v - 1].end), toks[v].text.rstrip(".,"), 0)
    if ended and head is not None and toks[k].text in _CAP_PRONOUNS:
        return None  # '..." She also said ...': a new sentence begins
    if head is not None and not any(t.word in VERB_CUES for t in toks[k:k + 1]):
        v = k + 1
        while v < len(toks) and toks[v].start < head[1]:
            v += 1
        if v < len(toks) and toks[v].word in SPEECH_VERBS and not _is_cue(toks, v) and (
            v + 1 == len(toks) or _ends_sentence(toks[v]) or toks[v + 1].text == "," or toks[v + 1].word in _ADJUNCTS
        ):
            return _Attr(head, toks[v].text.rstrip(".,"), 0)  # '"...," Viguerie notes.'
        # "Anne Smith, an adviser to the campaign, said": an appositive may
        # stand between the speaker and the cue.
        depth = 0
        for i in range(k + 1, min(len(toks), k + 30)):
            if toks[i].text == "(":
                depth += 1
            elif toks[i].text == ")":
                depth -= 1
            if depth > 0:
                continue
            if _is_cue(toks, i):
                if ended and _governs_object(toks, i):
                    return None
                return _Attr(head, toks[i].text.rstrip(".,"), 0)
            if toks[i].word in SPEECH_VERBS and toks[i - 1].text != "," and (
                i + 1 == len(toks) or _ends_sentence(toks[i]) or toks[i + 1].text == ","
            ):
                return _Attr(head, toks[i].text.rstrip(".,"), 0)  # '..." a message on the site reads.'
            if toks[i].text in (";", ":"):
                break
            if _ends_sentence(toks[i]) and not (i + 1 < len(toks) and toks[i + 1].text == ","):
                break
            if i > k + 4 and toks[i - 1].text != "," and toks[i].word in _STOP and not any(t.text == "," for t in toks[k:i]):
                break
    if k + 1 < len(toks) and toks[k].word == "according" and toks[k + 1].word == "to":
        return _Attr(_np_right(toks, k + 2), "according to", 0)
    for i in range(k, min(len(toks), k + 7)):
        if i > k and _ends_sentence(toks[i - 1]):
            return None
        if toks[i].text in (",", ";", ":") and i > k:
            return None
        if not _is_cue(toks, i):
            continue
        if i == k and toks[i].word.endswith("ing"):
            return None  # '"...," describing the team as ...': the object follows
        if i == k or all(t.word in SKIPPABLE for t in toks[k:i]):
            np = _np_right(toks, i + 1)
        else:
            np = _np_left(toks, i - 1)
            if np is not None and np[0] > toks[k].start:
                return None
            if ended and _governs_object(toks, i):
                return None
        return _Attr(np, toks[i].text.rstrip(".,"), 0) if np else None
    return None


_CREDIT = re.compile("[ \t\u00a0]*(?:\n(?:[ \t\u00a0]*\n)?)?[ \t\u00a0]*[-\u2013\u2014\u2015]+[ \t\u00a0]*([A-Z][^\n]{1,80}?)[ \t\u00a0]*(?:\n|$)")


def _attribution_after(text: str, pos: int, hi: int, after: _Attr) -> bool:
    """Whether a trailing cue found after a quote reads as its attribution.

    It must follow the quote at once ('"...," Lee said' / '"...," said Lee'),
    and its verb must take no clause of its own ('"...," he claimed they had').
    """
    assert after.mention is not None
    between = re.findall(r"[A-Za-z0-9]+", text[pos:after.mention[0]])
    if len(between) > 1 or (between and between[0].lower() not in SPEECH_VERBS):
        return False
    toks = _tokens(text[pos:max(hi, after.mention[1])], pos)
    cue = (after.cue or "").lower()
    at = next((k for k, t in enumerate(toks) if t.word == cue), -1)
    return at < 0 or not _governs_object(toks, at)


def _credit_line(text: str, pos: int) -> _Attr | None:
    """'"..."' then '- Bernie Sanders.' (on the same line or the next): a credit names who said it."""
    m = _CREDIT.match(text, pos)
    if m is None:
        return None
    toks = _tokens(m.group(1), m.start(1))
    np = _np_right(toks, 0)
    # The credit is a name, perhaps with a description after a comma ('- Ann
    # Lee, 34, a nurse.'), not a sentence
    # going on after a dash ('"..." - Lee's slogan - was everywhere').
    rest = text[np[1]:m.end(1)].strip(" .\u00a0") if np is not None else "?"
    if np is None or not _is_cap(toks[0]) or len(toks) > 12 or (rest and not rest.startswith(",")):
        return None
    return _Attr(np, "\u2014", 0)


def _cue_trailing(text: str, pos: int) -> _Attr | None:
    """'"...," and donations rose, Gilbert said.': the attribution closes the sentence."""
    end = _sentence_end(text, pos, min(len(text), pos + 300))
    seg = text[pos:end]
    if "\n" in seg:
        return None
    # The attribution is the sentence's last clause, which may carry an
    # appositive of its own ('..., said Ada Lin, a member of the board.').
    # Other quotes may stand before it ('"A" and the "B" they need, Lin said.'),
    # never after it; commas inside them are no clause boundary.
    marks = [k for k, ch in enumerate(seg) if ch in "\"\u201c\u201d"] + [k for k in range(len(seg) - 1) if seg.startswith("''", k)]
    last_mark = max(marks) if marks else -1
    every = _tokens(seg, pos)
    first = max(0, len(every) - 31)  # a clause of more than 30 words is no attribution
    for c in range(first, len(every)):
        if every[c].text != "," or every[c].start - pos <= last_mark:
            continue
        toks = every[c + 1:]
        if not toks:
            continue
        if len(toks) > 9 and not (_is_cue(toks, 0) or (len(toks) > 1 and _is_cue(toks, 1))):
            continue
        found = _cue_after(toks)
        if found is not None and found.mention is not None and (len(toks) <= 9 or found.mention[0] <= toks[min(3, len(toks) - 1)].start):
            return found
    return None


_MINOR = frozenset(["a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "from", "as", "vs", "but", "nor"])


# Words after which a capitalised quote names a work: "the film", "CNN's", "titled".
_WORK_NOUNS = frozenset(
    ["titled", "entitled", "show", "film", "movie", "book", "novel", "series", "song", "album", "program", "programme", "memoir", "play", "musical", "documentary", "column", "article", "headline", "podcast", "sitcom", "episode", "magazine", "newspaper", "poem", "hit", "bestseller", "slogan", "hashtag", "segment", "on"]
)
_TITLE_WORDS = 8


_TITLE_BY_SHAPE = 1
_TITLE_BY_CONTEXT = 2


def _is_title(body: str, before: str = "") -> int:
    """Whether a quote names a work ("Meet the Press", CNN's "Scandal").

    0: no; ``_TITLE_BY_SHAPE``: its words are capitalised like a title;
    ``_TITLE_BY_CONTEXT``: and a possessive or a word like "film" stands before it.
    """
    if not body[:1].isupper():
        return 0
    words = body.rstrip(" ,.!?").split()
    if not words or len(words) > _TITLE_WORDS:
        return 0
    if not all(w[:1].isupper() or w.lower() in _MINOR or not w[:1].isalpha() for w in words):
        return 0
    prev = before.rstrip().rsplit(None, 1)[-1].lower() if before.strip() else ""
    if prev.endswith(("'s", "\u2019s", "s'", "s\u2019")) or prev in _WORK_NOUNS:
        return _TITLE_BY_CONTEXT
    return _TITLE_BY_SHAPE if len(words) >= 2 and not re.search("[.!?]\\s*$", body) else 0


def _cue_later(text: str, pos: int) -> _Attr | None:
    """A cue later in the sentence whose words are not another quote.

    '... called it "a mess" on Monday, Ortiz said' keeps "a mess" a statement,
    while 'list "rural hospitals", and Ortiz said "..."' leaves a term.
    """
    end = _sentence_end(text, pos, min(len(text), pos + 400))
    seg = text[pos:end]
    if "\n" in seg or re.search("[\"\u201c\u201d]|''", seg):
        return None
    toks = _tokens(seg, pos)
    for i in range(len(toks) - 1, -1, -1):
        if _is_cue(toks, i):
            found = _cue_before(toks[: i + 1])
            return found if found is not None else _Attr(None, toks[i].text, 0)
    return None


_SHORT_INNER = re.compile("[\"\u201c]([A-Z][\\w'\u2019.-]*(?: [\\w'\u2019.-]+){0,3})[\"\u201d](?= [a-z])")
_SENT_END = re.compile("[.!?\u2026][\"\u201d\u2019')]*\\s+")


def _not_a_stop(text: str, lo: int, m: re.Match[str]) -> bool:
    """An abbreviation's full stop, or one a lowercase word follows ('(R-Ky.) said')."""
    word = re.search(r"(\w+)\W*$", text[max(lo, m.start() - 12):m.start() + 1])
    if word and (word.group(1).lower() in _ABBREV or len(word.group(1)) == 1):
        return True
    return m.end() < len(text) and text[m.end()].islower() and text[m.start()] == "."


def _sentence_start(text: str, lo: int, hi: int) -> int:
    start = lo
    for m in _SENT_END.finditer(text, lo, hi):
        if _not_a_stop(text, lo, m):
            continue
        start = m.end()
    return start


def _sentence_end(text: str, lo: int, hi: int) -> int:
    for m in _SENT_END.finditer(text, lo, hi):
        if _not_a_stop(text, lo, m):
            continue
        return m.start() + 1
    return hi


_FIGURES = re.compile(r"[\d,.%$ ]+(?:\n|$)")
_UTTERANCE_END = re.compile("[.!?,\u2026]\\s*$")
_DOUBLE_OPENERS = frozenset("\"\u201c\u201d\u201e\u00ab")
_WORDISH = re.compile(r"[A-Za-z0-9]")
_BARE_AFTER = re.compile("[^A-Za-z0-9\"\u201c\u201d\u201e\u00ab\n]{0,400}")


def _bare_after(text: str, pos: int) -> bool:
    """No word between ``pos`` and the next double quote mark or line end."""
    m = _BARE_AFTER.match(text, pos)
    end = m.end() if m else pos
    return end >= len(text) or (text[end] in "\"\u201c\u201d\u201e\u00ab\n" and end - pos < 400)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def extract_quotes(document: Document, aliases: Mapping[str, str] | None = None) -> tuple[Quote, ...]:
    """Every quote in ``document``, in order, with its kind and speaker."""
    # Extraction allocates many small objects and frees none of them until it
    # returns; cyclic collection passes over a growing heap would make a
    # quote-dense text quadratic, so they wait until the end.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _extract(document, aliases)
    finally:
        if paused:
            gc.enable()


def _extract(document: Document, aliases: Mapping[str, str] | None) -> tuple[Quote, ...]:
    plain = document.plain if document.plain or not document.text else document.text
    work = mask(plain)
    pairs = [p for p in pair_marks(work) if p.close - p.open > 1 and not (p.open > 0 and work[p.open - 1] == "=")]
    resolver = Resolver(work, aliases)
    para_starts = [m.end() for m in re.finditer(r"\n[ \t\u00a0]*\n", work)]

    def para_start(pos: int) -> int:
        import bisect

        k = bisect.bisect_right(para_starts, pos) - 1
        return para_starts[k] if k >= 0 else 0

    # Classify the pairs: reproduced documents, statements inside them, and
    # quotes nested in a statement (part of that statement, not their own).
    kept: list[tuple[Pair, str, int | None]] = []
    open_docs: list[tuple[Pair, int]] = []
    outer_end = -1
    for idx, p in enumerate(pairs):
        while open_docs and open_docs[-1][0].close < p.open:
            open_docs.pop()
        if p.open < outer_end and not open_docs:
            continue
        if open_docs and p.close > open_docs[-1][0].close:
            continue
        # Pairs are sorted by opening mark, so an inner quote, if any, is next.
        inner = (
            p.close - p.open >= _DOCUMENT_CHARS
            and idx + 1 < len(pairs)
            and pairs[idx + 1].close < p.close
        )
        if inner and "\n" in work[p.open:p.close]:
            kept.append((p, "document", open_docs[-1][1] if open_docs else None))
            open_docs.append((p, len(kept) - 1))
            continue
        if open_docs and outer_end > p.open and outer_end <= open_docs[-1][0].close:
            continue
        kept.append((p, "statement", open_docs[-1][1] if open_docs else None))
        outer_end = p.close

    # Statement spans (non-overlapping, sorted) for the pronoun resolver.
    inside: list[tuple[int, int]] = []
    for p, kind, _ in kept:
        if kind == "statement" and (not inside or p.open >= inside[-1][1]):
            inside.append((p.open, p.close))
    resolver.quoted(inside)

    quotes: list[Quote] = []
    last_attr: tuple[int, Mention | None, str | None, str | None] | None = None
    # The quote that last set ``last_attr``, and for each continuation quote
    # (by id) the quote it continues.
    last_quote: Quote | None = None
    links: dict[int, Quote] = {}
    prev_close = 0
    pmap = document.plain_map
    line_of = document.lines or line_starts(document.text)
    n_kept = len(kept)
    for index, (p, kind, parent) in enumerate(kept):
        s, e = p.open + p.width, p.close
        if s >= e or work[s].isspace() or work[e - 1].isspace():
            s, e = _trim(work, s, e)
        if s >= e:
            continue
        mention: Mention | None = None
        speaker: str | None = None
        cue: str | None = None
        link: Quote | None = None
        coordinated = False
        strong_before = False
        qkind = kind
        if kind == "statement":
            body = work[s:e]
            # A short quote is a whole utterance only when it reads as a sentence
            # ('"No."'); otherwise ("undeclared," "a mess") it needs a cue close by.
            short = (len(body) < 8 or len(body.split()) <= _SHORT_WORDS) and not _UTTERANCE_END.search(body)
            # "Meet the Press," "The Art of the Deal": names of works, not words spoken.
            title = _is_title(body, work[max(0, p.open - 40):p.open]) if body[:1].isupper() else 0
            short = short or title > 0
            # Quote-dense text ("x" "y" "z" ...): with no word between this
            # quote and its neighbours there is no cue to look for.
            bare = _WORDISH.search(work, max(prev_close, p.open - 2 * _WINDOW), p.open) is None
            if bare:
                nxt_open = kept[index + 1][0].open if index + 1 < n_kept else -1
                if p.close < nxt_open <= p.close + 400 and work[nxt_open] in _DOUBLE_OPENERS:
                    bare = _WORDISH.search(work, p.close + 1, nxt_open) is None and "\n" not in work[p.close + 1:nxt_open]
                else:
                    bare = _bare_after(work, p.close + 1)
            if bare and (short or last_attr is None or p.open - last_attr[0] > 250):
                # Nothing can attribute it: a term if short, else nobody's statement.
                if pmap:
                    ts, te = document.to_text_span(s, e)
                    k = bisect.bisect_right(line_of, ts) - 1
                else:
                    ts, te = s, e
                    k = bisect.bisect_right(line_of, ts) - 1
                quotes.append(Quote(document.text[ts:te], ts, te, k + 1, ts - line_of[k] + 1, "term" if short else "statement", None, None, None, parent))
                prev_close = p.close + 1
                continue
            attr: _Attr | None = None
            before_lo = p.open
            if not bare:
                lo = max(para_start(p.open), prev_close, p.open - _WINDOW)
                para_lo = lo
                if not work[lo:p.open].strip() and lo > 2:
                    # A quote opening a paragraph after "... issued this statement:".
                    k = lo - 1
                    while k > 0 and work[k].isspace():
                        k -= 1
                    if work[k] in ":,":
                        lo = max(para_start(k), prev_close, lo - _WINDOW)
                    para_lo = max(para_start(k), prev_close, lo - _WINDOW)
                before_lo = _sentence_start(work, lo, p.open)
                btoks = _tokens(work[before_lo:p.open], before_lo)
                coordinated = bool(btoks) and btoks[0].word in ("and", "but", "then") and before_lo <= prev_close + 2
                attr = _cue_before(btoks)
                # A cue and its subject before the quote in its own sentence.
                strong_before = attr is not None and attr.mention is not None and attr.cue not in (None, "participle")
                if attr is None and not short and not btoks and para_lo < before_lo:
                    # 'Smith tweeted a warning. "..."': the sentence before introduces it.
                    prev_lo = _sentence_start(work, para_lo, max(para_lo, before_lo - 2))
                    ptoks = _tokens(work[prev_lo:before_lo], prev_lo)
                    if ptoks and not re.search("[\"\u201c\u201d]|''", work[prev_lo:before_lo]):
                        attr = _cue_before(ptoks)
                        if attr is not None and (attr.cue == "participle" or attr.mention is None):
                            # A sentence before that names no speaker introduces nothing.
                            attr = None
                if (attr is None and not short) or (attr is not None and attr.mention is None and attr.cue != "participle" and not attr.passive):
                    # No cue with a subject next to the quote: the subject of the
                    # whole sentence speaks ("Obama's critics ranged from X to Y: "...").
                    sent_lo = _sentence_start(work, max(para_lo, p.open - _WINDOW), p.open)
                    stoks = _tokens(work[sent_lo:p.open], sent_lo)
                    np = None
                    if len(stoks) > 2 and work[sent_lo] not in "\"\u201c\u2018'":
                        np = _subject(stoks, len(stoks))
                    if np is not None and _plausible_subject(work[np[0]:np[1]]):
                        attr = _Attr(np, attr.cue if attr else None, len(stoks))
                after_hi = min(len(work), p.close + 1 + 160)
                nxt = work.find("\n", p.close + 1, after_hi)
                after_hi = nxt if nxt != -1 else after_hi
                k = p.close + 1
                while k < after_hi:
                    if work[k] in "\"\u201c\u201e\u00ab" or work.startswith("''", k):
                        # A short quoted name inside the attribution ('..., wearing
                        # "Ted Cruz" pins, said') does not end it; any other quote does.
                        named = _SHORT_INNER.match(work, k)
                        if named is None or named.end() > after_hi:
                            after_hi = k
                            break
                        k = named.end()
                        continue
                    k += 1
                after = _cue_after(_tokens(work[p.close + 1:after_hi], p.close + 1), ended=work[e - 1] in ".!?")
                if (
                    after is not None
                    and work[e - 1] in ".!?"
                    and after_hi < len(work)
                    and work[after_hi] in "\"\u201c\u201e\u00ab"
                    and work[p.close + 1:after_hi].rstrip().endswith((",", ":"))
                    and before_lo < p.open
                ):
                    # 'He said it was about "little girls." Cruz says, "...": a finished
                    # quote inside its own sentence; the next attribution opens the next quote.
                    after = None
                if after is None:
                    after = _cue_trailing(work, p.close + 1)
                if after is None or after.mention is None:
                    after = _credit_line(plain, p.close + 1) or after
                if title and after is not None and after.mention is not None and (
                    title == _TITLE_BY_CONTEXT or _WORDISH.search(work, p.close + 1, after.mention[0])
                ):
                    # '"Harbor," praised the crew', 'on CNN's "New Day," Sen. Lee told': only
                    # '"...," Name said' gives a title-like quote a speaker.
                    after = None
                if (
                    after is not None
                    and after.mention is not None
                    and strong_before
                    and after.cue != "according to"
                    and not _attribution_after(work, p.close + 1, after_hi, after)
                ):
                    # 'Sims says he was "on the fence" until Haley said ...': the
                    # sentence's own cue before the quote wins over a later clause.
                    after = None
                if after is not None and after.mention is not None:
                    attr = after
                elif title and attr is not None:
                    # A title is nobody's words, whatever verb the sentence has
                    # ('she said on CBS's "Face the Nation"').
                    attr = None
            if attr is not None and attr.mention is None and attr.cue and attr.cue.endswith("ing"):
                attr = _Attr(None, "participle", attr.distance)
            if (
                attr is not None
                and attr.cue == "participle"
                and last_attr is not None
                and p.open - last_attr[0] <= 300
                and (attr.mention is None or last_attr[0] >= before_lo)
            ):
                # ", adding ..." continues the clause whose speaker came before,
                # unless this sentence names its own subject.
                attr = _Attr(None, "participle", 0)
            if attr is not None and attr.mention is not None:
                own_cue = attr.cue != "participle"
                if attr.cue == "participle":
                    attr.cue = None
                ms, me = attr.mention
                mtext = work[ms:me]
                ts, te = document.to_text_span(ms, me)
                mention = Mention(document.text[ts:te], ts, te)
                if own_cue and last_attr is not None and last_quote is not None and last_attr[1] is not None and last_attr[1].start < te and ts < last_attr[1].end:
                    # '"A," X said, "B."': one statement broken by its attribution;
                    # '"A," X said, and then predicted: "B."' is a second one.
                    _, mention, speaker, cue = last_attr
                    if not work[before_lo:p.open].strip() or _one_attribution(_tokens(work[last_attr[0] + 1:p.open], last_attr[0] + 1)):
                        link = last_quote
                else:
                    speaker = resolver.resolve(mtext, ms)
                    cue = attr.cue
                    if speaker:
                        resolver.note(ms, speaker)
                last_attr = (p.close, mention, speaker, cue)
            elif attr is not None and attr.cue == "participle" and last_attr is not None and p.open - last_attr[0] <= 300:
                _, mention, speaker, cue = last_attr
                last_attr = (p.close, mention, speaker, cue)
            elif attr is not None and attr.cue is not None and attr.cue != "participle":
                cue = attr.cue
                if (
                    coordinated
                    and last_attr is not None
                    and last_attr[1] is not None
                    and p.open - last_attr[0] <= 200
                    and _sentence_start(work, last_attr[0], p.open) == last_attr[0]
                ):
                    # '... "A" and insisted that "B"': the same subject, its own cue.
                    _, mention, speaker, _ = last_attr
                    last_attr = (p.close, mention, speaker, cue)
            elif last_attr is not None and p.open - last_attr[0] <= 250 and not short:
                # '"A," X said. "B."': the next quote continues the statement.
                _, mention, speaker, cue = last_attr
                last_attr = (p.close, mention, speaker, cue)
                link = last_quote
            elif short:
                late = None if bare or title else _cue_later(work, p.close + 1)
                if late is None:
                    qkind = "term"
                elif late.mention is not None:
                    ms, me = late.mention
                    speaker = resolver.resolve(work[ms:me], ms)
                    ts, te = document.to_text_span(ms, me)
                    mention = Mention(document.text[ts:te], ts, te)
                    cue = late.cue
        ts, te = document.to_text_span(s, e) if pmap else (s, e)
        k = bisect.bisect_right(line_of, ts) - 1
        line, col = k + 1, ts - line_of[k] + 1
        made = Quote(document.text[ts:te], ts, te, line, col, qkind, speaker, mention, cue, parent)  # type: ignore[arg-type]
        quotes.append(made)
        if link is not None:
            links[id(made)] = link
        if last_attr is not None and last_attr[0] == p.close:
            last_quote = made
        if kind != "document":
            prev_close = p.close + 1
    # ``links`` is keyed by object id: the quotes replaced below stay alive
    # until the end so that no new quote can take a freed id.
    retired = list(quotes)
    quotes = _series(quotes, document.text, links)
    quotes = _excerpts(quotes, document.text)
    turns = _transcript_quotes(document, plain, resolver)
    if turns:
        quotes.extend(turns)
        quotes.sort(key=lambda q: (q.start, -q.end))
    out = _reindex(quotes, links)
    del retired
    return out


_SERIES_GAP = re.compile("[\\s\"\u201c\u201d,]*(?:and|or)?[\\s\"\u201c\u201d,]*")


def _series(quotes: list[Quote], text: str, links: dict[int, Quote]) -> list[Quote]:
    """'"A" and "B," X said': one trailing attribution covers the quotes of a series.

    A quote with no speaker of its own before the next quote, joined to it by
    "and", "or" or a comma only, takes that quote's trailing attribution; the
    next one continues it.
    """
    out = list(quotes)
    for k in range(len(out) - 2, -1, -1):
        q1, q2 = out[k], out[k + 1]
        m = q2.speaker_mention
        own = q1.speaker_mention
        if (own is not None and own.start < q2.end) or q1.kind == "document" or q2.kind != "statement" or m is None or m.start < q2.end:
            continue
        gap = text[q1.end:q2.start]
        if len(gap) > 12 or "\n" in gap or not _SERIES_GAP.fullmatch(gap):
            continue
        made = Quote(q1.text, q1.start, q1.end, q1.line, q1.column, "statement", q2.speaker, m, q2.cue, q1.parent)
        out[k] = made
        links[id(q2)] = made
    return out


_EXCERPT_WORDS = 3
_EXCERPTS_CHECKED = 50
_NORM = re.compile(r"[^\w]+")


def _norm(text: str) -> str:
    return " " + _NORM.sub(" ", text.lower().replace("\u2019", "'")).strip() + " "


def _heading_line(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` sits in a short line with no full stop at its end (a heading)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    line = text[lo:hi if hi != -1 else len(text)].strip()
    return 0 < len(line) <= 150 and not re.search("[.!?:,;][\"\u201d\u2019')]*$", line)


def _excerpts(quotes: list[Quote], text: str) -> list[Quote]:
    """A heading quoting words the text quotes from someone quotes them.

    A subheading "Aiming for 'Largest Mass Deportation Program'" excerpts the
    statement '"... the single largest Mass Deportation Program in History,"
    Trump wrote': it is Trump's words, not a term. Only fragments of three
    words or more count; two words ("sanctuary cities") stay terms.
    """
    said = [q for q in quotes if q.kind == "statement" and q.speaker]
    if not said:
        return quotes
    # One haystack of every attributed statement: each fragment costs one search.
    starts: list[int] = []
    parts: list[str] = []
    size = 0
    for q in said:
        starts.append(size)
        body = _norm(q.text)
        parts.append(body)
        size += len(body) + 1
    hay = "\x00".join(parts)
    out = list(quotes)
    checked = 0
    for k, q in enumerate(quotes):
        if q.kind != "term" or len(q.text.split()) < _EXCERPT_WORDS or not _heading_line(text, q.start, q.end):
            continue
        checked += 1
        if checked > _EXCERPTS_CHECKED:
            break
        frag = _norm(q.text)
        if len(frag.split()) < _EXCERPT_WORDS:
            continue
        at = hay.find(frag)
        source = said[bisect.bisect_right(starts, at) - 1] if at >= 0 else None
        if source is not None:
            out[k] = Quote(q.text, q.start, q.end, q.line, q.column, "statement", source.speaker, source.speaker_mention, None, q.parent)
    return out


def _reindex(quotes: list[Quote], links: Mapping[int, Quote]) -> tuple[Quote, ...]:
    """Point each quote's ``parent`` at the sorted tuple.

    A continuation quote ('"A," X said. "B."': B) becomes kind
    "continuation" and points at the quote it continues; any other quote at
    the document quote it sits in.
    """
    if not links and not any(q.kind == "document" for q in quotes):
        return tuple(quotes)
    position = {id(q): i for i, q in enumerate(quotes)}
    out = []
    docs: list[int] = []  # open document quotes, outermost first
    for i, q in enumerate(quotes):
        while docs and quotes[docs[-1]].end < q.end:
            docs.pop()
        parent = docs[-1] if docs and q.kind != "document" else None
        if q.kind == "document":
            parent = docs[-1] if docs else None
            docs.append(i)
        kind = q.kind
        if kind == "statement" and id(q) in links:
            parent = position[id(links[id(q)])]
            kind = "continuation"
        out.append(Quote(q.text, q.start, q.end, q.line, q.column, kind, q.speaker, q.speaker_mention, q.cue, parent))
    return tuple(out)


def _transcript_quotes(document: Document, plain: str, resolver: Resolver) -> list[Quote]:
    out = []
    for s, e, name in label_turns(plain, title_case=False):
        if any(c in plain[s:e] for c in "\"\u201c\u201d") and e - s < 3:
            continue
        if _FIGURES.match(plain, s):
            continue  # "Sanders: 1,501." is a results table, not a turn
        ts, te = document.to_text_span(s, e)
        line, col = document.line_col(ts)
        out.append(Quote(document.text[ts:te], ts, te, line, col, "statement", resolver._alias(name), None, ":", None))
    return out


def source_turns(text: str) -> tuple[Turn, ...]:
    """Who says what inside a source: labelled turns, voices and attributed quotes."""
    turns = [Turn(s, e, name) for s, e, name in label_turns(text)]
    doc = Document.from_text(text)
    for q in extract_quotes(doc):
        if q.spoken and q.speaker and q.cue != ":":
            turns.append(Turn(q.start, q.end, q.speaker))
    turns.sort(key=lambda t: (t.start, -t.end))
    return tuple(turns)
