"""The foundation, as a user meets it: `quoteverify check` and `extract` on the bundled example.

Driven through Click's CliRunner (and the API directly); every assertion is
something a copy editor or a CI job would see: verdicts, speakers, offsets,
exit codes, one-line errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

import quoteverify
from quoteverify.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ice-repost.txt"
LIBRARY = ROOT / "sources"

TRUMP_QUOTES = [
    "expand efforts to detain and deport",
    "do all in their power to achieve the very important goal",
    "we must expand efforts to detain and deport Illegal Aliens",
    "core of the Democrat Power Center",
    "cheat in Elections",
]


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def check_json(*args: str) -> tuple[Result, dict[str, Any]]:
    result = run("check", *args, "--format", "json", "--offline")
    assert result.exit_code in (0, 1), result.output + result.stderr
    return result, json.loads(result.stdout)


def quotes_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for d in data["documents"] for q in d["quotes"]]


def find(quotes: list[dict[str, Any]], words: str) -> dict[str, Any]:
    hits = [q for q in quotes if " ".join(q["text"].split()).startswith(words) and q["kind"] != "document"]
    assert len(hits) == 1, f"{words!r}: {[q['text'] for q in hits]}"
    return hits[0]


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    _, data = check_json(str(EXAMPLE), "--library", str(LIBRARY))
    return data


# -- the bundled example ---------------------------------------------------------


def test_trumps_five_quotes_are_verified_and_his(example: dict[str, Any]) -> None:
    quotes = quotes_of(example)
    for words in TRUMP_QUOTES:
        q = find(quotes, words)
        assert q["kind"] == "statement"
        assert q["verdict"] == "verified", (words, q["reason"])
        assert q["speaker"] == "Donald Trump"
        ev = q["evidence"]
        assert ev["source"].endswith("trump-truth-social-2025-06-15.md")
        source_text = (LIBRARY / "trump-truth-social-2025-06-15.md").read_text(encoding="utf-8")
        assert source_text[ev["start"] : ev["end"]] == ev["text"]


def test_term_white_house_and_bass(example: dict[str, Any]) -> None:
    quotes = quotes_of(example)
    assert find(quotes, "sanctuary cities")["kind"] == "term"

    funding = find(quotes, "may lose federal funding")
    assert funding["speaker"] in ("White House", "the White House")
    assert funding["verdict"] == "unverified"

    for words in ("creating a sense of fear", "You really could destabilize the economy"):
        q = find(quotes, words)
        assert q["speaker"] == "Karen Bass"
        assert q["verdict"] == "unverified"
        assert "--source" in q["reason"] and "library" in q["reason"]
    she = find(quotes, "You really could destabilize")["speaker_mention"]
    assert she["text"] == "she"


def test_no_quote_or_speaker_from_forum_chrome(example: dict[str, Any]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    statements = [q for q in quotes_of(example) if q["kind"] == "statement"]
    assert len(statements) == 8
    speakers = {q["speaker"] for q in statements}
    assert speakers <= {"Donald Trump", "Karen Bass", "White House", "the White House"}
    # the headline and the photo caption sit before the article body
    body_start = text.index("President Trump has ordered")
    assert all(q["start"] > body_start for q in statements)


def test_offsets_index_the_input_as_decoded(example: dict[str, Any]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    for q in quotes_of(example):
        assert text[q["start"] : q["end"]] == q["text"]
        assert lines[q["line"] - 1][q["column"] - 1 :].startswith(q["text"].split("\n")[0])
        m = q["speaker_mention"]
        if m is not None:
            assert text[m["start"] : m["end"]] == m["text"]


def test_json_contract_shape(example: dict[str, Any]) -> None:
    assert example["version"] == 1
    assert set(example["summary"]) >= {"quotes", "verified", "altered", "unverified", "misattributed"}
    assert example["summary"]["verified"] == 5 and example["summary"]["unverified"] == 3
    src = example["sources"][0]
    assert {"location", "status", "title", "author", "sha256"} <= set(src)
    assert src["status"] == "ok" and src["author"] == "Donald J. Trump"
    for q in quotes_of(example):
        assert {"text", "start", "end", "line", "column", "kind", "speaker", "speaker_mention", "verdict", "reason", "score", "evidence", "changes"} <= set(q)


def test_text_report_and_exit_code_zero() -> None:
    result = run("check", str(EXAMPLE), "--library", str(LIBRARY), "--offline", "--no-color")
    assert result.exit_code == 0, result.stderr
    assert "5 verified, 0 altered, 0 misattributed, 3 unverified" in result.stdout
    assert "VERIFIED" in result.stdout and "\x1b[" not in result.stdout
    assert result.stderr == ""


def test_a_changed_word_makes_the_quote_altered_and_exit_1(tmp_path: Path) -> None:
    doctored = tmp_path / "doctored.txt"
    doctored.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("core of the Democrat Power Center", "core of the Democrat Crime Center"),
        encoding="utf-8",
    )
    result, data = check_json(str(doctored), "--library", str(LIBRARY))
    assert result.exit_code == 1
    q = find(quotes_of(data), "core of the Democrat Crime Center")
    assert q["verdict"] == "altered"
    assert any(c["quote"] == "Crime" and c["source"] == "Power" for c in q["changes"])
    assert data["summary"]["altered"] == 1

    text = run("check", str(doctored), "--library", str(LIBRARY), "--offline", "--no-color")
    assert text.exit_code == 1
    assert "[-Power-]{+Crime+}" in text.stdout


def test_fail_on_decides_the_exit_code() -> None:
    result = run("check", str(EXAMPLE), "--library", str(LIBRARY), "--offline", "--fail-on", "unverified", "-q")
    assert result.exit_code == 1
    bad = run("check", str(EXAMPLE), "--fail-on", "wrong")
    assert bad.exit_code == 2 and "unknown verdict wrong" in bad.stderr


def test_no_library_leaves_everything_unverified() -> None:
    result, data = check_json(str(EXAMPLE), "--no-library")
    assert data["sources"] == []
    assert data["summary"]["verified"] == 0 and data["summary"]["unverified"] == 8
    assert result.exit_code == 0


def test_stdin_and_explicit_source(tmp_path: Path) -> None:
    original = tmp_path / "speech.md"
    original.write_text("---\nauthor: Ada Okafor\n---\nThe harbour will reopen on Monday, and every ferry will run.\n", encoding="utf-8")
    post = 'Ada Okafor said "the harbour will reopen on Tuesday" to reporters.\n'
    result = CliRunner().invoke(cli, ["check", "-", "-s", str(original), "--no-library", "--format", "json"], input=post)
    assert result.exit_code == 1, result.stderr
    q = json.loads(result.stdout)["documents"][0]["quotes"][0]
    assert q["verdict"] == "altered" and q["speaker"] == "Ada Okafor"
    assert json.loads(result.stdout)["documents"][0]["input"] == "-"


def test_unreachable_source_is_listed_not_an_error(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text('The minister said "we will build ten new schools this year."\n', encoding="utf-8")
    result, data = check_json(str(post), "--no-library", "-s", str(tmp_path / "missing.txt"), "-s", "https://example.invalid/x")
    assert result.exit_code == 0
    statuses = {s["location"]: s["status"] for s in data["sources"]}
    assert statuses[str(tmp_path / "missing.txt")] == "unreachable"
    assert statuses["https://example.invalid/x"] == "unreachable"
    reason = quotes_of(data)[0]["reason"]
    assert "could be read" in reason and "missing.txt" in reason and "example.invalid" in reason


# -- bad input: one line on stderr, exit 2, nothing changed ------------------------


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 40, "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n \t\n", "empty"),
        ("latin.txt", b"caf\xe9 \xff\xfe\x81\x8d" * 3 + b"\x00\x9d" * 30, ""),
    ],
)
def test_bad_input_files_exit_2_with_one_line(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run("check", str(path), "--no-library")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(path) in result.stderr and expected in result.stderr.lower()
    assert path.read_bytes() == content


def test_missing_file_and_folder_as_input(tmp_path: Path) -> None:
    for target in (tmp_path / "nope.txt", tmp_path):
        result = run("check", str(target))
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1 and str(target) in result.stderr
        assert "Traceback" not in result.stderr and "{" not in result.stderr


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    original = 'The mayor said "the budget is balanced."\n'
    post.write_text(original, encoding="utf-8")
    result = run("check", str(post), "--no-library", "--offline", "-o", str(post))
    assert result.exit_code == 2 and "refusing to overwrite" in result.stderr
    assert post.read_text(encoding="utf-8") == original

    out = tmp_path / "report.json"
    result = run("check", str(post), "--no-library", "--offline", "--format", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["unverified"] == 1


def test_dead_url_as_input_is_exit_2(httpserver: Any) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    result = run("check", httpserver.url_for("/gone"), "--allow-private", "--no-library")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "404" in result.stderr


def test_url_input_is_read(httpserver: Any) -> None:
    page = "<html><head><title>Notes</title></head><body><article><p>The chief said \u201cwe are ready for the storm,\u201d on Friday.</p></article></body></html>"
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/post").respond_with_data(page, content_type="text/html; charset=utf-8")
    result = run("extract", httpserver.url_for("/post"), "--allow-private", "--format", "json")
    assert result.exit_code == 0, result.stderr
    q = json.loads(result.stdout)["documents"][0]["quotes"][0]
    assert q["text"].startswith("we are ready for the storm") and q["verdict"] is None


def test_html_input_is_checked_by_its_visible_words(tmp_path: Path) -> None:
    page = tmp_path / "post.html"
    page.write_text(
        "<html><body><article><p>&ldquo;We will open <em>four</em> clinics &amp; a shelter,&rdquo; "
        "said Mayor Ana Ruiz.</p></article></body></html>",
        encoding="utf-8",
    )
    original = tmp_path / "speech.md"
    original.write_text("---\nauthor: Ana Ruiz\n---\nWe will open four clinics & a shelter, and we start in May.\n", encoding="utf-8")
    result, data = check_json(str(page), "--no-library", "-s", str(original))
    q = quotes_of(data)[0]
    assert q["text"] == "We will open four clinics & a shelter,"
    assert q["verdict"] == "verified" and q["speaker"] == "Ana Ruiz"
    raw = page.read_text(encoding="utf-8")
    assert raw[q["start"] : q["end"]] == "We will open <em>four</em> clinics &amp; a shelter,"
    assert result.exit_code == 0


# -- extract, help, API -----------------------------------------------------------


def test_extract_lists_quotes_with_null_verdicts() -> None:
    result = run("extract", str(EXAMPLE), "--format", "json")
    assert result.exit_code == 0
    quotes = quotes_of(json.loads(result.stdout))
    assert all(q["verdict"] is None for q in quotes)
    assert find(quotes, "core of the Democrat Power Center")["speaker"] == "Donald Trump"
    text = run("extract", str(EXAMPLE))
    assert "\tterm\t" in text.stdout and "Karen Bass" in text.stdout


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, command in group.commands.items():
        out.append(prefix + (name,))
        if isinstance(command, click.Group):
            out += _commands(command, prefix + (name,))
    return out


@pytest.mark.parametrize("path", [()] + _commands(cli))
def test_every_help_ends_with_an_example(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    before_options = result.stdout.split("\nOptions:")[0]
    assert "Example" in before_options and "quoteverify " in before_options.split("Example")[-1]


def test_api_check_and_extract(tmp_path: Path) -> None:
    report = quoteverify.check(str(EXAMPLE), library=str(LIBRARY), offline=True)
    assert report.summary()["verified"] == 5
    assert not report.fails(("altered", "misattributed"))
    assert report.fails(("unverified",))

    quotes = quoteverify.extract('"We will not close the library," Mayor Lena Ortiz said on Tuesday.')
    assert [(q.text, q.speaker) for q in quotes] == [("We will not close the library,", "Lena Ortiz")]

    (tmp_path / "s.txt").write_text("We will close the library in May.", encoding="utf-8")
    altered = quoteverify.check('Mayor Lena Ortiz said "we will not close the library."', sources=[str(tmp_path / "s.txt")])
    finding = next(f for f in altered.findings if f.verdict)
    assert finding.verdict == "altered"
    assert any(c.meaning for c in finding.changes)


def test_a_continuation_is_checked_on_its_own_against_the_library(tmp_path: Path) -> None:
    lib = tmp_path / "sources"
    lib.mkdir()
    (lib / "council.md").write_text(
        "---\nauthor: Dana Reyes\n---\nThe ferry will run all winter. The harbor budget finally allows it.\n", encoding="utf-8"
    )
    post = '"The ferry will run all winter," Dana Reyes said. "The harbor budget barely allows it."'
    report = quoteverify.check(post, library=str(lib), offline=True)
    found = [(f.quote.kind, f.verdict) for f in report.findings]
    # The continuation inherits Dana Reyes and is judged by itself: its changed word shows.
    assert found == [("statement", "verified"), ("continuation", "altered")]


def test_the_speakers_own_file_decides_over_a_news_copy(tmp_path: Path) -> None:
    own = tmp_path / "own.md"
    own.write_text("---\nauthor: Ana Ruiz\n---\nThe harbour bridge will close for repairs in March, and only in March.\n", encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text("Mayor Ana Ruiz said the harbour bridge will close for repairs in March, and only in March, aides said.\n", encoding="utf-8")
    post = tmp_path / "post.txt"
    post.write_text('Mayor Ana Ruiz said "the harbour bridge will close for repairs in March."\n', encoding="utf-8")
    _, data = check_json(str(post), "--no-library", "-s", str(copy), "-s", str(own))
    q = next(q for q in quotes_of(data) if q["kind"] == "statement")
    assert q["verdict"] == "verified"
    assert q["evidence"]["source"] == str(own) and q["evidence"]["rank"] == "speaker"
    assert "decided by a primary source" in q["reason"]


def test_malformed_html_input_is_read_not_refused(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_bytes(b'<html><body><p>The chief said "we <b>will reopen</i> the pier" <div><p>on Friday.</span>')
    result = run("extract", str(page), "--format", "json")
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    (quote,) = quotes_of(json.loads(result.stdout))
    assert quote["text"] == "we will reopen the pier"
