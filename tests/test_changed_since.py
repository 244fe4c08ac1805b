"""`--changed-since REF` in a real temporary git repository: only quotes on changed lines are reported."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from quoteverify.changes import changed_from_diff, changed_lines
from quoteverify.check import Checker, CheckOptions
from quoteverify.cli import cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

RECORDING = """Radio interview, morning show, 12 June.

Chief Fire Officer Lena Brandt: Crews reached the warehouse within six minutes of the first call.
Nobody was hurt, and the cause is still under investigation. We will publish the report in July.
"""

DRAFT = """# Warehouse fire

Chief Fire Officer Lena Brandt said "crews reached the warehouse within six minutes of the first call."

She told listeners that "nobody was hurt."

Brandt added: "We will publish the report in July."
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "drafts-repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "recording.txt").write_text(RECORDING, encoding="utf-8")
    (root / "fire.md").write_text(DRAFT, encoding="utf-8")
    git(root, "add", "recording.txt", "fire.md")
    git(root, "commit", "-q", "-m", "first draft")
    monkeypatch.chdir(root)
    monkeypatch.delenv("QUOTEVERIFY_CONFIG", raising=False)
    return root


def check(draft: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["check", draft, "--no-library", "-s", "recording.txt", "--offline", *args])


def quotes(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code in (0, 1), result.output + result.stderr
    return [q for d in json.loads(result.stdout)["documents"] for q in d["quotes"]]


def test_only_the_quote_on_the_edited_line_is_reported(repo: Path) -> None:
    full = quotes(check("fire.md", "--format", "json"))
    assert [q["verdict"] for q in full] == ["verified", "verified", "verified"]

    edited = DRAFT.replace('"We will publish the report in July."', '"We will publish the report in August."')
    (repo / "fire.md").write_text(edited, encoding="utf-8")
    result = check("fire.md", "--changed-since", "HEAD", "--format", "json")
    (only,) = quotes(result)
    assert only["text"].startswith("We will publish the report in August")
    assert only["line"] == 7
    assert only["verdict"] == "altered"
    assert result.exit_code == 1
    assert result.stderr.strip() == "--changed-since HEAD: 2 quotes on unchanged lines not reported"
    summary = json.loads(result.stdout)["summary"]
    assert summary["quotes"] == 1 and summary["altered"] == 1

    # A later commit: nothing changed since it, so nothing is reported; since the first commit, the edit is.
    git(repo, "commit", "-q", "-am", "second draft")
    assert quotes(check("fire.md", "--changed-since", "HEAD", "--format", "json")) == []
    assert check("fire.md", "--changed-since", "HEAD").exit_code == 0
    assert len(quotes(check("fire.md", "--changed-since", "HEAD~1", "--format", "json"))) == 1
    assert len(quotes(check("fire.md", "--changed-since", "main~1", "--format", "json"))) == 1


def test_a_quote_over_several_lines_counts_when_any_of_its_lines_changed(repo: Path) -> None:
    wrapped = DRAFT.replace(
        '"crews reached the warehouse within six minutes of the first call."',
        '"crews reached the warehouse\nwithin six minutes of the first call."',
    )
    (repo / "fire.md").write_text(wrapped, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "wrap")
    (repo / "fire.md").write_text(wrapped.replace("six minutes", "five minutes"), encoding="utf-8")
    result = check("fire.md", "--changed-since", "HEAD", "--format", "json")
    (only,) = quotes(result)
    assert only["line"] == 3 and "five minutes" in only["text"]
    assert only["verdict"] == "altered"


def test_an_untracked_draft_is_changed_throughout(repo: Path) -> None:
    (repo / "new.md").write_text(DRAFT, encoding="utf-8")
    result = check("new.md", "--changed-since", "HEAD", "--format", "json")
    assert len(quotes(result)) == 3
    assert result.stderr == ""


def test_a_draft_in_a_subfolder_and_a_draft_added_after_the_ref(repo: Path) -> None:
    (repo / "desk").mkdir()
    (repo / "desk" / "fire.md").write_text(DRAFT, encoding="utf-8")
    git(repo, "add", "desk/fire.md")
    git(repo, "commit", "-q", "-m", "copy for the desk")
    # Added after HEAD~1: every line is new since then; since HEAD, none is.
    assert len(quotes(check("desk/fire.md", "--changed-since", "HEAD~1", "--format", "json"))) == 3
    assert quotes(check("desk/fire.md", "--changed-since", "HEAD", "--format", "json")) == []


def test_an_unknown_ref_is_one_line_and_exit_2(repo: Path) -> None:
    result = check("fire.md", "--changed-since", "no-such-branch")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "Error: --changed-since: unknown git ref 'no-such-branch' (give a branch, tag or commit (git log --oneline shows them))"
    ]


def test_outside_a_git_repository_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "loose"
    outside.mkdir()
    (outside / "recording.txt").write_text(RECORDING, encoding="utf-8")
    (outside / "fire.md").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = check("fire.md", "--changed-since", "main")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "fire.md is not in a git repository" in result.stderr and "leave out --changed-since" in result.stderr


def test_stdin_cannot_be_checked_against_a_ref(repo: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "-", "--no-library", "--offline", "--changed-since", "HEAD"], input=DRAFT)
    assert result.exit_code == 2 and "- is not a file in a git repository" in result.stderr


def test_hunk_headers_give_the_changed_lines() -> None:
    diff = (
        "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n"
        "@@ -3 +3 @@ heading\n-old\n+new\n"
        "@@ -7,0 +8,2 @@\n+added\n+added\n"
        "@@ -12,3 +13,0 @@\n-gone\n-gone\n-gone\n"
        "@@ -20,2 +19,3 @@\n"
    )
    assert changed_from_diff(diff) == frozenset({3, 8, 9, 19, 20, 21})


def test_api_changed_lines_and_checker_option(repo: Path) -> None:
    (repo / "fire.md").write_text(DRAFT.replace("in July", "in August"), encoding="utf-8")
    assert changed_lines("fire.md", "HEAD").lines == frozenset({7})
    checker = Checker(CheckOptions(sources=("recording.txt",), offline=True, changed_since="HEAD"))
    report = checker.check(["fire.md"])
    assert [(f.quote.line, f.verdict) for f in report.findings] == [(7, "altered")]
    assert checker.unchanged == 2
