"""Ignoring quotes: inline comments in Markdown/HTML and the approved-quotes file.

An ignored quote is still in the report with its verdict, marked ignored with
the reason, and never makes the exit code 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from quoteverify.check import Checker, CheckOptions
from quoteverify.cli import cli
from quoteverify.ignore import load_approved, normalize_quote, quote_hash

BRIEFING = """Press briefing, harbour authority, 9 May.

Director Amal Haddad: The new ferry terminal opens in October, two months later than planned.
Ticket prices stay the same for residents. We expect forty thousand passengers in the first month.
"""

ALTERED_OPENING = "The new ferry terminal opens in September"
ALTERED_PRICES = "Ticket prices stay the same for visitors"


def story(*lines: str) -> str:
    return "# Harbour news\n\n" + "\n\n".join(lines) + "\n"


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "briefing.txt").write_text(BRIEFING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUOTEVERIFY_CONFIG", raising=False)
    return tmp_path


def check(draft: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["check", draft, "--no-library", "-s", "briefing.txt", "--offline", *args])


def quotes(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code in (0, 1), result.output + result.stderr
    data = json.loads(result.stdout)
    return [q for d in data["documents"] for q in d["quotes"] if q["verdict"] is not None]


def by_text(result: Result) -> dict[str, dict[str, Any]]:
    return {q["text"].rstrip(".,"): q for q in quotes(result)}


# -- inline comments ---------------------------------------------------------------------------------


def test_an_altered_quote_fails_until_an_inline_comment_ignores_it(newsroom: Path) -> None:
    plain = story(f'Director Amal Haddad said "{ALTERED_OPENING}."')
    (newsroom / "draft.md").write_text(plain, encoding="utf-8")
    assert check("draft.md").exit_code == 1

    marked = story(f'<!-- quoteverify: ignore -->\nDirector Amal Haddad said "{ALTERED_OPENING}."')
    (newsroom / "draft.md").write_text(marked, encoding="utf-8")
    result = check("draft.md", "--format", "json")
    assert result.exit_code == 0
    (q,) = quotes(result)
    assert q["verdict"] == "altered"  # the verdict stays
    assert q["ignored"] is True
    assert q["ignore_reason"] == "inline comment at line 3"
    assert json.loads(result.stdout)["summary"]["ignored"] == 1

    text = check("draft.md", "--no-color")
    assert text.exit_code == 0
    assert "ALTERED (ignored)  draft.md:4:" in text.stdout
    assert "ignored: inline comment at line 3" in text.stdout
    assert text.stdout.rstrip().endswith("0 verified, 1 altered, 0 misattributed, 0 unverified (1 ignored)")


def test_ignore_applies_to_the_next_quote_only_and_keeps_its_reason(newsroom: Path) -> None:
    draft = story(
        "<!-- quoteverify: ignore   the director corrected the month on the phone -->",
        f'Director Amal Haddad said "{ALTERED_OPENING}."',
        f'She added: "{ALTERED_PRICES}."',
    )
    (newsroom / "draft.md").write_text(draft, encoding="utf-8")
    result = check("draft.md", "--format", "json")
    assert result.exit_code == 1  # the second altered quote still counts
    found = by_text(result)
    assert found[ALTERED_OPENING]["ignored"] is True
    assert found[ALTERED_OPENING]["ignore_reason"] == "inline comment at line 3: the director corrected the month on the phone"
    assert found[ALTERED_PRICES]["ignored"] is False
    assert found[ALTERED_PRICES]["verdict"] == "altered"


def test_off_and_on_ignore_a_region(newsroom: Path) -> None:
    draft = story(
        "<!-- quoteverify: off -->",
        f'Director Amal Haddad said "{ALTERED_OPENING}."',
        f'She added: "{ALTERED_PRICES}."',
        "<!-- quoteverify: on -->",
        'Haddad also said "we expect forty thousand passengers in the first month."',
    )
    (newsroom / "draft.md").write_text(draft, encoding="utf-8")
    result = check("draft.md", "--format", "json")
    assert result.exit_code == 0
    found = by_text(result)
    assert {t: (q["verdict"], q["ignored"]) for t, q in found.items()} == {
        ALTERED_OPENING: ("altered", True),
        ALTERED_PRICES: ("altered", True),
        "we expect forty thousand passengers in the first month": ("verified", False),
    }
    assert found[ALTERED_PRICES]["ignore_reason"] == "inline comment at line 3"


def test_off_without_on_runs_to_the_end_and_quotes_before_it_still_count(newsroom: Path) -> None:
    draft = story(
        f'Director Amal Haddad said "{ALTERED_OPENING}."',
        "<!-- quoteverify: off -->",
        f'She added: "{ALTERED_PRICES}."',
    )
    (newsroom / "draft.md").write_text(draft, encoding="utf-8")
    result = check("draft.md", "--format", "json")
    assert result.exit_code == 1
    found = by_text(result)
    assert found[ALTERED_OPENING]["ignored"] is False
    assert found[ALTERED_PRICES]["ignored"] is True


def test_inline_comments_in_html(newsroom: Path) -> None:
    page = (
        "<html><body><h1>Harbour</h1>\n"
        f'<p>Director Amal Haddad said "{ALTERED_OPENING}."</p>\n'
        "<!-- quoteverify: ignore -->\n"
        f"<p>She added: &ldquo;{ALTERED_PRICES}.&rdquo;</p>\n"
        "</body></html>\n"
    )
    (newsroom / "story.html").write_text(page, encoding="utf-8")
    result = check("story.html", "--format", "json")
    found = by_text(result)
    assert found[ALTERED_OPENING]["ignored"] is False
    assert found[ALTERED_PRICES]["ignored"] is True
    assert found[ALTERED_PRICES]["line"] == 4


# -- the approved-quotes file ----------------------------------------------------------------------------


def test_quote_hash_ignores_typography_case_spacing_and_edge_punctuation() -> None:
    base = quote_hash("We expect forty thousand passengers")
    assert quote_hash("\u201cwe  expect\nforty THOUSAND passengers.\u201d") == base
    assert quote_hash("We expect forty thousand passengers,") == base
    assert quote_hash("We expect fifty thousand passengers") != base
    assert normalize_quote("It\u2019s   \u201cfine\u201d \u2014 really.") == "it's \"fine\" - really"


def approved_file(path: Path, text: str, *, use_hash: bool = True) -> None:
    key = f'hash = "{quote_hash(text)}"' if use_hash else f'text = "{text}"'
    path.write_text(
        "# approved quotes\n[[quote]]\n"
        f"{key}\n"
        'reason = "Director confirmed the September date by email"\n'
        'approved-by = "Rui Costa"\n'
        "date = 2026-05-10\n",
        encoding="utf-8",
    )


def test_the_default_approved_file_in_the_folder_ignores_a_listed_quote(newsroom: Path) -> None:
    draft = story(f'Director Amal Haddad said "{ALTERED_OPENING}."', f'She added: "{ALTERED_PRICES}."')
    (newsroom / "draft.md").write_text(draft, encoding="utf-8")
    # The hash the JSON report gives is the one to approve.
    first = by_text(check("draft.md", "--format", "json"))
    assert first[ALTERED_OPENING]["hash"] == quote_hash(ALTERED_OPENING + ".")
    approved_file(newsroom / ".quoteverify-approved.toml", ALTERED_OPENING)

    result = check("draft.md", "--format", "json")
    found = by_text(result)
    assert found[ALTERED_OPENING]["ignored"] is True
    assert found[ALTERED_OPENING]["ignore_reason"] == "approved by Rui Costa on 2026-05-10: Director confirmed the September date by email"
    assert found[ALTERED_PRICES]["ignored"] is False
    assert result.exit_code == 1  # the unapproved altered quote still fails

    only = story(f'Director Amal Haddad said "{ALTERED_OPENING}."')
    (newsroom / "draft.md").write_text(only, encoding="utf-8")
    assert check("draft.md").exit_code == 0


def test_the_approved_setting_is_relative_to_the_config_file_and_text_entries_work(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (newsroom / "desk").mkdir()
    approved_file(newsroom / "desk" / "ok-quotes.toml", ALTERED_PRICES, use_hash=False)
    (newsroom / ".quoteverify.toml").write_text('approved = "desk/ok-quotes.toml"\n', encoding="utf-8")
    (newsroom / "drafts").mkdir()
    draft = story(f'Director Amal Haddad said "{ALTERED_PRICES}."')
    (newsroom / "drafts" / "draft.md").write_text(draft, encoding="utf-8")
    monkeypatch.chdir(newsroom / "drafts")
    result = CliRunner().invoke(cli, ["check", "draft.md", "--no-library", "-s", "../briefing.txt", "--offline", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    (q,) = quotes(result)
    assert q["ignored"] is True and q["ignore_reason"].startswith("approved by Rui Costa")
    # --approved on the command line replaces the configured file.
    (newsroom / "drafts" / "none.toml").write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "draft.md", "--no-library", "-s", "../briefing.txt", "--offline", "--approved", "none.toml"])
    assert result.exit_code == 1


def test_approve_command_writes_an_entry_that_check_honours(newsroom: Path) -> None:
    draft = story(f'Director Amal Haddad said "{ALTERED_OPENING}."')
    (newsroom / "draft.md").write_text(draft, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["approve", "\u201cthe new ferry terminal opens in september\u201d", "--reason", "Confirmed by email", "--by", "Rui Costa"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"approved {quote_hash(ALTERED_OPENING)[:12]} in .quoteverify-approved.toml")
    (entry,) = load_approved(newsroom / ".quoteverify-approved.toml")
    assert (entry.hash, entry.reason, entry.approved_by) == (quote_hash(ALTERED_OPENING), "Confirmed by email", "Rui Costa")
    assert entry.date is not None
    assert check("draft.md").exit_code == 0
    # A second approval appends; the file stays valid.
    again = CliRunner().invoke(cli, ["approve", ALTERED_PRICES, "--reason", 'She said "visitors", twice', "--by", "Rui"])
    assert again.exit_code == 0
    assert len(load_approved(newsroom / ".quoteverify-approved.toml")) == 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[[quote]]\ntext = "x"\napproved-by = "Rui"\n', "quote 1: reason: is missing"),
        ('[[quote]]\nhash = "abc"\nreason = "r"\napproved-by = "Rui"\n', "quote 1: hash: is not a sha256 hex digest"),
        ('[[quote]]\ntext = "x"\nreason = "r"\napproved-by = "Rui"\nwho = 1\n', "quote 1: who: unknown key"),
        ('[quote]\ntext = "x"\n', "quote: must be an array of tables"),
        ("[[quote]\n", "not valid TOML"),
    ],
)
def test_a_bad_approved_file_is_one_line_and_exit_2(newsroom: Path, content: str, expected: str) -> None:
    (newsroom / "draft.md").write_text(story(f'Director Amal Haddad said "{ALTERED_OPENING}."'), encoding="utf-8")
    (newsroom / ".quoteverify-approved.toml").write_text(content, encoding="utf-8")
    result = check("draft.md")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert ".quoteverify-approved.toml" in result.stderr and expected in result.stderr


def test_a_missing_approved_file_named_explicitly_is_an_error(newsroom: Path) -> None:
    (newsroom / "draft.md").write_text(story(f'Director Amal Haddad said "{ALTERED_OPENING}."'), encoding="utf-8")
    result = check("draft.md", "--approved", "gone.toml")
    assert result.exit_code == 2 and "gone.toml: no such approved-quotes file" in result.stderr


# -- the API -------------------------------------------------------------------------------------------


def test_checker_applies_approvals_and_report_fails_honours_ignored(newsroom: Path) -> None:
    (newsroom / "draft.md").write_text(story(f'Director Amal Haddad said "{ALTERED_OPENING}."'), encoding="utf-8")
    approved_file(newsroom / "ok.toml", ALTERED_OPENING)
    options = CheckOptions(sources=("briefing.txt",), offline=True, approved="ok.toml")
    report = Checker(options).check(["draft.md"])
    (finding,) = [f for f in report.findings if f.verdict is not None]
    assert finding.verdict == "altered" and finding.ignored
    assert finding.ignore_reason.startswith("approved by Rui Costa")
    assert not report.fails(("altered",))
    assert report.summary()["ignored"] == 1
    plain = Checker(CheckOptions(sources=("briefing.txt",), offline=True)).check(["draft.md"])
    assert plain.fails(("altered",)) and plain.summary()["ignored"] == 0
