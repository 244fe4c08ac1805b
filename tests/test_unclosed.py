"""A quote mark that never closes hides its words from every check: the report says where it opens."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import quoteverify
from quoteverify.cli import cli

DRAFT = (
    "Council approves the budget\n"
    "\n"
    'The treasurer told the council: "We will not cut a single library branch this year.\n'
    "\n"
    'After the vote, the mayor called it "a long night."\n'
)


def draft(tmp_path: Path, text: str = DRAFT) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_unclosed_mark_is_a_notice_at_its_place(tmp_path: Path) -> None:
    report = quoteverify.check(str(draft(tmp_path)), library=None)
    (doc,) = report.documents
    (notice,) = doc.notices
    assert notice.rule == "unclosed-quote"
    assert (notice.line, notice.column) == (3, 33)
    assert DRAFT[notice.start] == '"'
    assert "We will not cut a single" in notice.message
    # The words after the stray mark are in no quote; the next paragraph's quote is still found.
    assert [f.quote.text for f in doc.findings] == ["a long night."]


def test_balanced_marks_multi_paragraph_quotes_and_reposts_make_no_notice(tmp_path: Path) -> None:
    text = (
        '"We knew the vote would be close," Ada Brook said. "We counted every seat.\n'
        "\n"
        '"And we still came up one short."\n'
        "\n"
        "Later she wrote 'not again' in her notes; the clerk's office didn't comment.\n"
    )
    report = quoteverify.check(str(draft(tmp_path, text)), library=None)
    assert report.documents[0].notices == ()
    assert len(report.documents[0].findings) == 3


def test_every_format_shows_the_notice(tmp_path: Path) -> None:
    path = draft(tmp_path)
    runner = CliRunner()

    def run(fmt: str) -> str:
        result = runner.invoke(cli, ["check", str(path), "--no-library", "--offline", "--format", fmt])
        # A notice is not a verdict: it never fails the run by itself.
        assert result.exit_code == 0, result.output
        return result.output

    assert f"{path}:3:33: a quote mark opens here and is never closed" in run("text")
    (doc,) = json.loads(run("json"))["documents"]
    assert [(n["rule"], n["line"], n["column"]) for n in doc["notices"]] == [("unclosed-quote", 3, 33)]
    sarif = json.loads(run("sarif"))["runs"][0]
    (result,) = [r for r in sarif["results"] if r["ruleId"] == "unclosed-quote"]
    assert sarif["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "unclosed-quote"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 33}
    warnings = [line for line in run("github").splitlines() if "Unclosed quote mark" in line]
    assert len(warnings) == 1 and warnings[0].startswith("::warning file=") and ",line=3,col=33," in warnings[0]


def test_html_report_lists_the_notice(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["check", str(draft(tmp_path)), "--no-library", "--offline", "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<li class="notice">quote mark at <span class="mono">3:33</span>' in page


def test_extract_keeps_stdout_for_quotes_and_warns_on_stderr(tmp_path: Path) -> None:
    path = draft(tmp_path)
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0
    quotes = result.stdout.splitlines()
    assert [line.split("\t")[-1] for line in quotes] == ["a long night."]
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}:3:33: warning: a quote mark opens here and is never closed")
