"""Speaker mentions and their resolution to names."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

PRONOUNS: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "they": "p", "them": "p",
    "their": "p", "it": "o", "its": "o", "we": "p", "i": "x",
}
TITLES: frozenset[str] = frozenset(
    ["president", "mayor", "sen", "senator", "rep", "representative", "gov", "governor", "secretary", "former", "vice", "mr", "mrs", "ms", "dr", "judge", "justice", "gen", "general", "adm", "chairman", "chairwoman", "chair", "speaker", "leader", "candidate", "nominee", "attorney", "director", "spokesman", "spokeswoman", "spokesperson", "sheriff", "chief", "minister", "prime", "prof", "professor", "rev", "pastor", "state", "homeland", "security", "la", "nyc", "u.s", "us", "house", "senate", "majority", "minority", "democratic", "republican", "gop", "first", "lady", "top", "aide", "commissioner", "ambassador", "councilman", "councilwoman", "congressman", "congresswoman", "lt", "col", "capt", "sgt"]
)
# Descriptions that name nobody in particular: the mention counts, the name stays null.
GENERIC = frozenset(
    ["source", "sources", "official", "officials", "aide", "aides", "people", "person", "expert", "experts", "analyst", "analysts", "critic", "critics", "supporter", "supporters", "voter", "voters", "resident", "residents", "observer", "observers", "one", "someone", "spokesman", "spokeswoman", "spokesperson", "witness", "witnesses", "insider", "insiders", "staffer", "staffers", "strategist", "strategists", "reporter", "reporters", "member", "members"]
)
_FEMALE = frozenset(
    ["mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle", "dorothy", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine", "christine", "debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather", "diane", "virginia", "julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren", "joan", "evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline", "frances", "gloria", "ann", "teresa", "kathryn", "sara", "janice", "jean", "alice", "madison", "doris", "abigail", "julia", "judy", "grace", "denise", "amber", "marilyn", "beverly", "danielle", "theresa", "sophia", "marie", "diana", "brittany", "natalie", "isabella", "charlotte", "rose", "alexis", "kayla", "hillary", "kristi", "kellyanne", "sarah", "huma", "chelsea", "melania", "ivanka", "michelle", "nikki", "elizabeth", "kamala", "nancy", "hope", "jill", "donna", "katrina", "ana", "kristen", "dana"]
)
_MALE = frozenset(
    ["james", "robert", "john", "michael", "david", "william", "richard", "joseph", "thomas", "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "alexander", "frank", "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam", "nathan", "henry", "douglas", "zachary", "peter", "kyle", "ethan", "walter", "noah", "jeremy", "christian", "keith", "roger", "terry", "gerald", "harold", "sean", "austin", "carl", "arthur", "lawrence", "dylan", "jesse", "jordan", "bryan", "billy", "joe", "bruce", "gabriel", "logan", "albert", "willie", "alan", "juan", "wayne", "elijah", "randy", "roy", "vincent", "ralph", "eugene", "russell", "bobby", "mason", "philip", "louis", "bill", "barack", "mike", "ted", "marco", "jeb", "bernie", "chris", "rudy", "newt", "reince", "corey", "tim", "rand", "ben", "mitt", "joe", "jared", "stephen", "reince", "chuck", "harry", "mitch", "sean", "hugh"]
)
_ORG_WORDS = frozenset(
    ["house", "campaign", "committee", "party", "department", "agency", "office", "administration", "council", "company", "group", "association", "union", "board", "ministry", "government", "police", "fbi", "cia", "ice", "court", "times", "post", "news", "network", "social", "media", "twitter", "facebook", "msnbc", "cnn", "fox", "foundation", "institute", "center", "university", "coalition"]
)
_ANTECEDENT = re.compile(r"([A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|de|van|von|al|bin))*)(?:\s*\([^)]{0,20}\))?\s*,\s*$")
_NAME_RE = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:[ ]+(?:[A-Z]\.[ ]+)?[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)+")


def gender_of(name: str) -> str:
    first = name.split()[0].lower() if name.split() else ""
    if first in _FEMALE:
        return "f"
    if first in _MALE:
        return "m"
    return "?"


def strip_titles(words: list[str]) -> list[str]:
    """Drop leading titles and trailing party tags: "LA Mayor Karen Bass (D)" → Karen Bass."""
    out = [w for w in words if not w.startswith("(")]
    if out and out[-1].endswith(".") and len(out[-1]) > 2:
        out[-1] = out[-1][:-1]
    # "LA Mayor Karen Bass": everything up to the last title is a description.
    cut = 0
    for k, w in enumerate(out[:-1]):
        if w.lower().rstrip(".") in TITLES and w.lower() not in ("la",):
            cut = k + 1
    out = out[cut:]
    while len(out) > 1 and out[0].lower().rstrip(".") in TITLES:
        out = out[1:]
    while out and (out[-1].startswith("(") or out[-1].endswith(")")):
        out = out[:-1]
    return out


@dataclass
class Resolver:
    """Resolves mentions to names using what the text said before them."""

    plain: str
    aliases: Mapping[str, str] | None = None
    _names: list[tuple[int, str]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _speakers: list[tuple[int, str, str]] = field(default_factory=list)
    # Per name of ``_names``: whether it stands inside a quote.
    _quoted: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        for m in _NAME_RE.finditer(self.plain):
            words = m.group(0).split()
            lead = 0
            while lead < len(words) and words[lead].lower() in _STOP_FIRST:
                lead += 1  # "As Foner", "When Ann Lee": a capitalised opener is no part of the name
            words = strip_titles(words[lead:])
            if len(words) >= 2:
                self._names.append((m.start(), " ".join(words)))
        self._starts = [s for s, _ in self._names]

    def quoted(self, spans: list[tuple[int, int]]) -> None:
        """Mark the names inside these sorted ``[start, end)`` quote spans.

        A pronoun in an attribution ('"... George Bush ...," he said') points
        at someone the narrative names, never at a name inside the quote.
        """
        self._quoted = [False] * len(self._names)
        k = 0
        for i, (s, _) in enumerate(self._names):
            while k < len(spans) and spans[k][1] <= s:
                k += 1
            self._quoted[i] = k < len(spans) and spans[k][0] <= s

    def note(self, start: int, name: str) -> None:
        """Remember a resolved speaker so later pronouns can refer to it."""
        kind = "o" if name.split()[-1].lower() in _ORG_WORDS else gender_of(name)
        # A speaker already quoted is a person unless known otherwise.
        self._speakers.append((start, name, "p" if kind == "?" else kind))

    def _full_name(self, short: str, before: int) -> str:
        last = short.split()[-1]
        k = bisect.bisect_left(self._starts, before)
        for i in range(k - 1, max(-1, k - 400), -1):
            full = self._names[i][1]
            if full.split()[-1] == last and len(full.split()) > len(short.split()):
                return full
        return short

    def _alias(self, name: str) -> str:
        if self.aliases:
            return self.aliases.get(name, self.aliases.get(name.lower(), name))
        return name

    def resolve(self, mention: str, start: int) -> str | None:
        words = mention.split()
        if not words:
            return None
        low = words[0].lower()
        if len(words) == 1 and low == "who":
            # "Ann Lee (D), who said ...": the name before the relative clause.
            m = _ANTECEDENT.search(self.plain, max(0, start - 120), start)
            return self.resolve(m.group(1), m.start(1)) if m else None
        if len(words) == 1 and low in PRONOUNS:
            return self._pronoun(PRONOUNS[low], start)
        if low in ("the", "a", "an", "his", "her", "their", "its", "another", "one", "two", "some", "several", "many"):
            rest = [w for w in words[1:]]
            if rest and rest[0][:1].isupper():
                return self._alias(mention if low == "the" else " ".join(rest))
            tail: list[str] = []
            for w in reversed(rest):
                if not w[:1].isupper():
                    break
                tail.insert(0, w)
            if tail and len(tail) < len(rest):
                # "the mayor's chief aide Mia Roth": the description, then the name.
                return self.resolve(" ".join(tail), start)
            head = rest[-1].lower() if rest else ""
            if low == "the" and head in TITLES:
                return self._titled(head, start)
            return None
        if not words[0][:1].isupper():
            # "campaign manager Robby Mook": the description, then the name.
            caps = [k for k, w in enumerate(words) if w[:1].isupper()]
            if not caps or any(not w[:1].isupper() for w in words[caps[0]:]):
                return None
            words = words[caps[0]:]
        low_at = [k for k, w in enumerate(words[:-1]) if w[:1].islower() and w.lower() not in _PARTICLE_WORDS]
        if low_at and all(w[:1].isupper() for w in words[low_at[-1] + 1:]) and len(words) - low_at[-1] - 1 >= 2:
            # "Texas delegate Bill Eastland": the description, then the name.
            words = words[low_at[-1] + 1:]
        core = strip_titles(words)
        if not core:
            return None
        name = " ".join(core)
        if name.lower() in GENERIC:
            return None
        if len(core) == 1 or words[0].lower().rstrip(".") in TITLES:
            name = self._full_name(name, start)
        return self._alias(name)

    def _titled(self, title: str, start: int) -> str | None:
        pat = re.compile(r"\b" + re.escape(title) + r"\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)", re.IGNORECASE)
        best = None
        for m in pat.finditer(self.plain, max(0, start - 5000), start):
            best = m.group(1)
        return self._full_name(best, start) if best else None

    def _pronoun(self, gender: str, start: int) -> str | None:
        if gender == "x":
            return None
        # Speakers are noted in text order, so the recent ones are at the end.
        cands: list[tuple[int, str, str]] = [s for s in self._speakers[-12:] if s[0] < start]
        k = bisect.bisect_left(self._starts, start)
        for i in range(max(0, k - 12), k):
            if self._quoted and self._quoted[i]:
                continue
            s, name = self._names[i]
            kind = "o" if name.split()[-1].lower() in _ORG_WORDS else gender_of(name)
            cands.append((s, name, kind))
        cands.sort()
        fallback = None
        for s, name, kind in reversed(cands):
            if gender in ("m", "f"):
                if kind == gender or kind == "p":
                    return self._alias(name)
                if kind == "?" and fallback is None:
                    fallback = name
            elif gender in ("p", "o") and kind in ("o", "p") and (gender == "o" or kind == "o"):
                return self._alias(name)
        return self._alias(fallback) if fallback else None


_PARTICLE_WORDS = frozenset(["de", "van", "von", "der", "la", "le", "al", "bin", "da", "di", "du", "del"])
# Days and months: capitalised, never anyone ("May" is left out: a name and a verb too).
CALENDAR = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"]
)
_STOP_FIRST = CALENDAR | frozenset(
    ["the", "a", "an", "on", "in", "at", "by", "for", "when", "while", "after", "before", "this", "that", "these", "those", "what", "as", "and", "but", "if", "so", "with", "from", "to", "of", "said", "says", "asked", "told", "like", "unlike", "dear", "thanks", "driving", "state", "photo", "may"]
)
