"""The speakers registry: loading, resolving aliases, and its use by extract and check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quoteverify import Checker, CheckOptions
from quoteverify.cli import cli
from quoteverify.errors import ConfigError
from quoteverify.gather import library_files
from quoteverify.speakers import MastodonAccount, load_registry, parse_registry, registry_path

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "sources"
EXAMPLE = ROOT / "examples" / "ice-repost.txt"

REGISTRY = """
[[speaker]]
name = "Odile Fairweather"
kind = "person"
aliases = ["Fairweather", "Chair Fairweather", "the council chair"]
roles = ["Chair of the Harbour Council"]
mastodon = ["@odile@social.harbour.example"]
sites = ["https://harbour.example/council"]

[[speaker]]
name = "Harbour Council"
kind = "organisation"
aliases = ["the council"]

[[speaker]]
name = "Ivo Fairweather"
aliases = ["Fairweather"]
"""


def test_bundled_registry_resolves_the_example_speakers() -> None:
    reg = load_registry(LIBRARY / "speakers.toml")
    assert reg.resolve("Trump") == "Donald Trump"
    assert reg.resolve("President Trump") == "Donald Trump"
    assert reg.resolve("Donald J. Trump") == "Donald Trump"
    assert reg.resolve("LA Mayor Karen Bass (D)") == "Karen Bass"
    assert reg.resolve("Bass") == "Karen Bass"
    assert reg.resolve("the White House") == "White House"
    assert reg.resolve("Stephen Miller") is None
    trump = reg.get("Trump")
    assert trump is not None and trump.mastodon == (MastodonAccount("realDonaldTrump", "truthsocial.com"),)
    white_house = reg.get("White House")
    assert white_house is not None and white_house.kind == "organization"


def test_parse_fields_and_ambiguous_alias() -> None:
    reg = parse_registry(REGISTRY)
    odile = reg.get("Chair Fairweather")
    assert odile is not None and odile.name == "Odile Fairweather"
    assert odile.mastodon[0].acct == "odile@social.harbour.example"
    assert odile.sites == ("https://harbour.example/council",)
    assert reg.get("the council") is not None and reg.get("the council").kind == "organization"  # type: ignore[union-attr]
    # Two people share the surname: the bare surname names neither.
    assert reg.resolve("Fairweather") is None
    assert reg.resolve("Odile Fairweather") == "Odile Fairweather"
    aliases = reg.aliases()
    assert aliases["chair fairweather"] == "Odile Fairweather"
    assert "fairweather" not in aliases


def test_same_uses_the_registry() -> None:
    reg = load_registry(LIBRARY / "speakers.toml")
    assert reg.same("@realDonaldTrump", "Donald Trump")
    assert reg.same("Donald J. Trump", "President Trump")
    assert not reg.same("Karen Bass", "Donald Trump")
    # Names the registry does not know fall back to ordinary name matching.
    assert reg.same("Jo Lin", "Mayor Jo Lin")


@pytest.mark.parametrize(
    "text, message",
    [
        ("[[speaker]]\nkind = 'person'\n", "needs a name"),
        ("[[speaker]]\nname = 'X'\nkind = 'robot'\n", "kind must be"),
        ("[[speaker]]\nname = 'X'\nmastodon = ['https://x.example/@x']\n", "not a Mastodon account"),
        ("[[speaker]]\nname = 'X'\nalias = ['Y']\n", "unknown field alias"),
        ("[[speaker]\n", "not valid TOML"),
    ],
)
def test_invalid_registry_is_a_config_error(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_registry(text, "speakers.toml")


def test_registry_path_defaults_to_the_library(tmp_path: Path) -> None:
    assert registry_path(None, str(tmp_path)) is None
    (tmp_path / "speakers.toml").write_text(REGISTRY, encoding="utf-8")
    assert registry_path(None, str(tmp_path)) == tmp_path / "speakers.toml"
    assert registry_path("other.toml", str(tmp_path)) == Path("other.toml")


def test_registry_is_not_a_source_document() -> None:
    assert all(p.name != "speakers.toml" for p in library_files(LIBRARY))


def test_checker_names_speakers_canonically(tmp_path: Path) -> None:
    draft = "Fairweather told reporters: \u201cThe pier stays shut until spring.\u201d\n"
    (tmp_path / "people.toml").write_text(REGISTRY.replace('aliases = ["Fairweather"]', "aliases = []"), encoding="utf-8")
    checker = Checker(CheckOptions(offline=True, speakers=str(tmp_path / "people.toml")))
    from quoteverify.model import Document

    report = checker.extract_document(Document.from_text(draft))
    assert [f.quote.speaker for f in report.findings] == ["Odile Fairweather"]


def test_example_speakers_through_the_cli() -> None:
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLE), "--offline", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--library", str(LIBRARY), "--offline", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    quotes = [q for d in data["documents"] for q in d["quotes"] if q["kind"] == "statement"]
    by_speaker: dict[str, list[str]] = {}
    for q in quotes:
        by_speaker.setdefault(q["speaker"], []).append(q["text"])
    assert len(by_speaker["Donald Trump"]) == 5
    assert len(by_speaker["Karen Bass"]) == 2
    assert by_speaker["White House"] == ["may lose federal funding"]
    trump = [q for q in quotes if q["speaker"] == "Donald Trump"]
    assert all(q["verdict"] == "verified" for q in trump)
