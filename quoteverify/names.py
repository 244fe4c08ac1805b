"""How people write names: "Mayor Karen Bass" and "Bass" are one person.

Matching is deliberately lenient on titles, initials and given names, and strict
on surnames: a misattribution verdict rests on two names *not* matching, so a
false "different person" is the costly mistake here.
"""

from __future__ import annotations

import re
import unicodedata

# Words that precede or decorate a name without being part of it.
_TITLES = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "reverend", "fr", "father", "sister", "brother", "president", "vice", "former", "late", "the", "then", "acting", "deputy", "chief", "chair", "chairman", "chairwoman", "mayor", "governor", "gov", "sen", "senator", "rep", "representative", "congressman", "congresswoman", "speaker", "leader", "minister", "prime", "pm", "secretary", "attorney", "general", "judge", "justice", "king", "queen", "prince", "princess", "pope", "gen", "general", "col", "colonel", "capt", "captain", "lt", "sgt", "officer", "commissioner", "councilman", "councilwoman", "councillor", "councilmember", "ambassador", "sheriff", "director", "ceo", "founder", "author", "columnist", "host", "anchor", "candidate", "nominee", "madam", "rabbi", "imam", "bishop", "cardinal", "saint", "st", "elect", "presidential", "us", "u", "s", "uk", "la", "l", "a", "ny", "los", "angeles", "new", "york", "city", "state", "federal", "labour", "labor", "democratic", "republican", "democrat", "gop"]
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
_PARTY = re.compile(r"\((?:[DRI](?:-[A-Za-z. ]+)?|Dem|Rep|Ind|Lab|Con|LD|SNP)\)", re.IGNORECASE)


def _fold(text: str) -> str:
    """Lower-case and strip accents so "Núñez" and "Nunez" compare equal."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _words(text: str) -> list[str]:
    text = _PARTY.sub(" ", text)
    text = re.sub(r"['’]s\b", "", text)
    return [w for w in re.split(r"[^\w]+", _fold(text)) if w]


def _core(text: str) -> list[str]:
    """The name words left after dropping titles, suffixes and single-letter initials."""
    words = _words(text)
    core = [w for w in words if w not in _TITLES and w not in _SUFFIXES and len(w) > 1]
    return core


def canonical_name(text: str) -> str:
    """A name without titles, party tags or possessive: "L.A. Mayor Bass's" -> "Bass"."""
    text = _PARTY.sub(" ", text)
    text = re.sub(r"['’]s?(?=\s|$)", "", text.strip())
    kept: list[str] = []
    for raw in text.split():
        bare = raw.strip(".,;:()[]\"'“”‘’")
        if not bare:
            continue
        folded = _fold(bare).replace(".", "")
        if folded in _TITLES or folded in _SUFFIXES:
            if kept and folded in _SUFFIXES:
                continue
            if not kept:
                continue
        kept.append(bare)
    # A title may follow a name ("Bass, mayor of LA"): keep the leading name part only.
    return " ".join(kept).strip(" ,")


def same_person(a: str, b: str) -> bool:
    """Whether two ways of writing a name can mean the same person.

    Surnames must agree; given names must agree when both sides give one
    (an initial agrees with any name that starts with it).
    """
    if not a or not b:
        return False
    ca, cb = _core(a), _core(b)
    if not ca or not cb:
        return False
    if ca == cb:
        return True
    if ca[-1] != cb[-1]:
        return False
    if len(ca) == 1 or len(cb) == 1:
        return True
    given_a, given_b = ca[0], cb[0]
    return given_a == given_b or given_a.startswith(given_b) or given_b.startswith(given_a)
