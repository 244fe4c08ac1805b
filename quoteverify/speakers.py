"""The speakers registry: who is who, what else they are called, and where they speak.

A registry is a TOML file (``sources/speakers.toml`` by default) of
``[[speaker]]`` tables::

    [[speaker]]
    name = "Karen Bass"                   # canonical name, used in reports
    kind = "person"                       # person | organization
    aliases = ["Bass", "Mayor Karen Bass"]
    roles = ["Mayor of Los Angeles"]
    mastodon = ["@user@server.example"]   # Mastodon-compatible accounts
    sites = ["https://mayor.example.gov"] # official sites and newsroom pages
    feeds = ["https://example.gov/transcripts.xml"]

The extractor uses the aliases to name speakers canonically; the judge uses
them so that two spellings of one person never count as two people; discovery
asks a speaker's own channels first.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import ConfigError
from .names import canonical_name, same_person

SpeakerKind = Literal["person", "organization"]
REGISTRY_NAME = "speakers.toml"
_KINDS: tuple[SpeakerKind, ...] = ("person", "organization")
_LIST_FIELDS = ("aliases", "roles", "mastodon", "sites", "feeds")


@dataclass(frozen=True)
class MastodonAccount:
    """An account on a Mastodon-compatible server, written ``@user@server``."""

    user: str
    server: str

    @classmethod
    def parse(cls, handle: str) -> MastodonAccount:
        parts = handle.strip().lstrip("@").split("@")
        if len(parts) != 2 or not all(parts) or "/" in handle:
            raise ValueError(f"{handle!r} is not a Mastodon account (write @user@server)")
        return cls(parts[0], parts[1].lower())

    @property
    def acct(self) -> str:
        return f"{self.user}@{self.server}"

    def __str__(self) -> str:
        return f"@{self.acct}"


@dataclass(frozen=True)
class Speaker:
    """One person or organisation and the places they speak."""

    name: str
    kind: SpeakerKind = "person"
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mastodon: tuple[MastodonAccount, ...] = ()
    sites: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _keys(name: str) -> set[str]:
    """The lookup keys one way of writing a name stands for."""
    low = " ".join(name.split()).lower()
    keys = {low}
    bare = canonical_name(name).lower()
    if bare:
        keys.add(bare)
    if low.startswith("the "):
        keys.add(low[4:])
    return keys


@dataclass(frozen=True)
class SpeakerRegistry:
    """The registry's speakers, with lookups by any of their names."""

    speakers: tuple[Speaker, ...] = ()
    location: str = ""

    def _index(self) -> dict[str, Speaker | None]:
        # Rebuilt per call rather than cached on a frozen object; registries are small.
        index: dict[str, Speaker | None] = {}
        for speaker in self.speakers:
            for name in speaker.names:
                for key in _keys(name):
                    # A key two speakers share ("Bass" for two people) resolves to neither.
                    if key in index and index[key] is not speaker:
                        index[key] = None
                    else:
                        index[key] = speaker
        return index

    def get(self, name: str | None) -> Speaker | None:
        """The speaker ``name`` stands for, if the registry knows exactly one."""
        if not name or not name.strip():
            return None
        index = self._index()
        # The name as written first: "Chair Fairweather" may be known when bare "Fairweather" is ambiguous.
        exact = " ".join(name.split()).lower()
        keys = [exact, *sorted(_keys(name) - {exact}, key=len, reverse=True)]
        hits = [index[k] for k in keys if k in index]
        if hits:
            return hits[0]
        # "Donald John Trump" for "Donald Trump": lenient name matching, people only, when unambiguous.
        found = [s for s in self.speakers if s.kind == "person" and any(same_person(name, n) for n in s.names if " " in n)]
        return found[0] if len(found) == 1 else None

    def resolve(self, name: str | None) -> str | None:
        """The canonical name for ``name``, or None when the registry does not know it."""
        speaker = self.get(name)
        return speaker.name if speaker else None

    def aliases(self) -> Mapping[str, str]:
        """Every known way of writing a name (lower-cased too) → the canonical name, for the extractor."""
        out: dict[str, str] = {}
        for key, speaker in self._index().items():
            if speaker is not None:
                out[key] = speaker.name
        for speaker in self.speakers:
            for name in speaker.names:
                if self.get(name) is speaker:
                    out[name] = speaker.name
        return out

    def same(self, a: str, b: str) -> bool:
        """Whether two names mean one speaker: by the registry when it knows both, else by `same_person`."""
        sa, sb = self.get(a), self.get(b)
        if sa is not None and sb is not None:
            return sa is sb
        if sa is not None or sb is not None:
            known = sa or sb
            other = b if sa is not None else a
            assert known is not None
            return any(same_person(other, n) for n in known.names)
        return same_person(a, b)

    def __len__(self) -> int:
        return len(self.speakers)


def _strings(value: Any, field: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {field} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _speaker(raw: Any, where: str) -> Speaker:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: each [[speaker]] must be a table")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: a speaker needs a name")
    where = f"{where}: speaker {name!r}"
    kind = raw.get("kind", "person")
    if kind == "organisation":
        kind = "organization"
    if kind not in _KINDS:
        raise ConfigError(f"{where}: kind must be person or organization, not {kind!r}")
    unknown = sorted(set(raw) - {"name", "kind", "titles", *_LIST_FIELDS})
    if unknown:
        raise ConfigError(f"{where}: unknown field {', '.join(unknown)}")
    lists = {f: _strings(raw.get(f), f, where) for f in _LIST_FIELDS}
    try:
        accounts = tuple(MastodonAccount.parse(h) for h in lists["mastodon"])
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return Speaker(
        name=name.strip(),
        kind=kind,
        aliases=lists["aliases"],
        roles=lists["roles"] + _strings(raw.get("titles"), "titles", where),
        mastodon=accounts,
        sites=lists["sites"],
        feeds=lists["feeds"],
    )


def parse_registry(text: str, location: str = "<speakers>") -> SpeakerRegistry:
    """A registry from TOML text; `ConfigError` says what is wrong and where."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{location}: not valid TOML ({exc})") from None
    raw = data.get("speaker", [])
    if not isinstance(raw, list):
        raise ConfigError(f"{location}: write each speaker as a [[speaker]] table")
    return SpeakerRegistry(tuple(_speaker(r, location) for r in raw), location)


def load_registry(path: str | Path) -> SpeakerRegistry:
    """The registry in the TOML file at ``path``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the speakers registry ({exc.strerror})") from None
    return parse_registry(text, str(path))


def registry_path(explicit: str | None, library: str | None) -> Path | None:
    """The registry to use: the one named, else ``speakers.toml`` in the library folder when present."""
    if explicit:
        return Path(explicit)
    if library:
        candidate = Path(library) / REGISTRY_NAME
        if candidate.is_file():
            return candidate
    return None


def merge(registry: SpeakerRegistry, extra: Iterable[tuple[str, str]]) -> Mapping[str, str]:
    """The registry's aliases with explicit (alias, canonical) pairs taking precedence."""
    out = dict(registry.aliases())
    for alias, name in extra:
        out[alias] = name
        out[alias.lower()] = name
    return out
