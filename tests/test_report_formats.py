"""The CI formats as their consumers read them: SARIF, GitHub workflow commands, JUnit XML.

Each test runs `quoteverify check … --format X` (Click's CliRunner) or the API
(`quoteverify.render`) on texts written here or on a doctored copy of the
bundled example, and parses the output the way GitHub code scanning, the
Actions runner or a JUnit reader would.
"""

from __future__ import annotations

import json
import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

import quoteverify
from quoteverify.cli import cli
from quoteverify.report import FORMATS
from quoteverify.report.github import escape_data, escape_property

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ice-repost.txt"
LIBRARY = ROOT / "sources"

# Our own small story: a two-line quote with commas, a colon and a per cent sign,
# altered ("goes up" for "rises"), and one quote no source holds.
COUNCIL_SOURCE = """---
title: Council meeting transcript, 3 March
author: Jane Okafor
---
Taxes, fees: all of it rises 5% next year, and nobody on this council will pretend otherwise.
"""
COUNCIL_DRAFT = (
    "The mayor spoke plainly on Tuesday.\n"
    "\n"
    'Mayor Jane Okafor said: "Taxes, fees: all of it\n'
    'goes up 5% next year," before the vote.\n'
    "\n"
    'She added that the budget was "balanced at last."\n'
)
COUNCIL_NAME = "draft, v2: final.txt"

SARIF_RULES = {"altered-quote", "misattributed-quote", "unverified-quote", "source-unreachable", "unclosed-quote"}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def council(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "council.md").write_text(COUNCIL_SOURCE, encoding="utf-8")
    draft = tmp_path / COUNCIL_NAME
    draft.write_text(COUNCIL_DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return draft


def check(path: Path | str, fmt: str, *extra: str) -> Result:
    result = run("check", str(path), "--offline", "--library", "sources", "--format", fmt, *extra)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_every_format_is_registered() -> None:
    assert {"text", "json", "sarif", "github", "junit", "html"} <= set(FORMATS)
    help_text = run("check", "--help").output
    for fmt in ("sarif", "github", "junit", "html"):
        assert fmt in help_text


# -- SARIF --------------------------------------------------------------------------------------

# The required fields and value ranges of SARIF 2.1.0 for what quoteverify writes
# (a subset of sarif-schema-2.1.0.json: the keywords type, required, enum, minimum, const).
_POSITIVE = {"type": "integer", "minimum": 1}
SARIF_SUBSET: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs", "$schema"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"const": "https://json.schemastore.org/sarif-2.1.0.json"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "version", "informationUri", "rules"],
                                "properties": {
                                    "name": {"const": "quoteverify"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id", "shortDescription", "fullDescription", "help"],
                                            "properties": {
                                                "shortDescription": {"type": "object", "required": ["text"]},
                                                "fullDescription": {"type": "object", "required": ["text"]},
                                                "help": {"type": "object", "required": ["text"]},
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ruleId", "message", "level", "locations"],
                            "properties": {
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": {
                                    "type": "object",
                                    "required": ["text"],
                                    "properties": {"text": {"type": "string"}},
                                },
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation"],
                                                "properties": {
                                                    "artifactLocation": {"type": "object", "required": ["uri"]},
                                                    "region": {
                                                        "type": "object",
                                                        "properties": {
                                                            "startLine": _POSITIVE,
                                                            "startColumn": _POSITIVE,
                                                            "endLine": _POSITIVE,
                                                            "endColumn": _POSITIVE,
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}

_TYPES = {"object": dict, "array": list, "string": str, "integer": int}


def schema_errors(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """Check ``value`` against the JSON Schema keywords used in ``SARIF_SUBSET``."""
    errors: list[str] = []
    if "type" in schema and not isinstance(value, _TYPES[schema["type"]]):
        return [f"{path}: expected {schema['type']}, got {type(value).__name__}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: expected {schema['const']!r}, got {value!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not one of {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        errors += [f"{path}: missing {key!r}" for key in schema.get("required", ()) if key not in value]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += schema_errors(value[key], sub, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"{path}[{i}]")
    return errors


def region_text(path: Path, region: dict[str, int]) -> str:
    """The characters a SARIF region covers, read from the file itself (1-based, end exclusive)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first, last = region["startLine"], region["endLine"]
    if first == last:
        return lines[first - 1][region["startColumn"] - 1 : region["endColumn"] - 1]
    parts = [lines[first - 1][region["startColumn"] - 1 :]]
    parts += lines[first : last - 1]
    parts.append(lines[last - 1][: region["endColumn"] - 1])
    return "".join(parts)


def test_sarif_from_the_cli_is_valid_and_points_at_each_quote(doctored: Path) -> None:
    result = check(doctored, "sarif")
    assert result.exit_code == 1
    log = json.loads(result.output)
    assert schema_errors(log, SARIF_SUBSET) == []
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["version"] == quoteverify.__version__
    assert {rule["id"] for rule in driver["rules"]} == SARIF_RULES
    results = run_["results"]
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        by_rule.setdefault(r["ruleId"], []).append(r)
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    # Two doctored quotes, three quotes nobody's source holds; verified quotes are not results.
    assert len(by_rule["altered-quote"]) == 2
    assert len(by_rule["unverified-quote"]) == 3
    assert "misattributed-quote" not in by_rule

    quote_texts = {
        q["text"] for d in json.loads(check(doctored, "json").output)["documents"] for q in d["quotes"]
    }
    for r in results:
        physical = r["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "story.txt"  # relative to where the check ran
        region = physical["region"]
        covered = region_text(doctored, region)
        assert covered == region["snippet"]["text"]
        assert covered in quote_texts
        # The region holds exactly the quoted words: a quote mark right before it.
        line = doctored.read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
        assert line[region["startColumn"] - 2] in "\"“"

    big = next(r for r in by_rule["altered-quote"] if "very big goal" in region_text(doctored, r["locations"][0]["physicalLocation"]["region"]))
    assert big["level"] == "error"
    message = big["message"]["text"]
    assert "sources/trump-truth-social-2025-06-15.md" in message
    assert "very important goal" in message  # the source's words
    assert "[-important-] {+big+}" in message
    assert all(r["level"] == "note" for r in by_rule["unverified-quote"])


def test_sarif_levels_follow_fail_on_and_unreachable_sources_are_results(doctored: Path) -> None:
    result = check(doctored, "sarif", "--fail-on", "unverified", "--source", "https://example.invalid/original")
    assert result.exit_code == 1
    results = json.loads(result.output)["runs"][0]["results"]
    levels = {(r["ruleId"], r["level"]) for r in results}
    assert ("unverified-quote", "error") in levels
    assert ("altered-quote", "warning") in levels  # altered, but not in --fail-on this time
    (unreachable,) = [r for r in results if r["ruleId"] == "source-unreachable"]
    assert "https://example.invalid/original" in unreachable["message"]["text"]
    assert unreachable["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "https://example.invalid/original"


def test_sarif_through_the_api_on_a_quote_spanning_two_lines(council: Path) -> None:
    report = quoteverify.check(str(council), library="sources", offline=True)
    log = json.loads(quoteverify.render(report, "sarif"))
    assert schema_errors(log, SARIF_SUBSET) == []
    (altered,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "altered-quote"]
    location = altered["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "draft%2C%20v2%3A%20final.txt"
    region = location["region"]
    assert (region["startLine"], region["endLine"]) == (3, 4)
    assert region_text(council, region) == "Taxes, fees: all of it\ngoes up 5% next year,"
    assert altered["level"] == "error"  # the API's default fail-on holds "altered"
    relaxed = json.loads(quoteverify.render(report, "sarif", fail_on=("misattributed",)))
    assert {r["level"] for r in relaxed["runs"][0]["results"] if r["ruleId"] == "altered-quote"} == {"warning"}


# -- GitHub workflow commands -------------------------------------------------------------------

def test_github_escaping_rules() -> None:
    assert escape_data("5% up,\r\nnext: year") == "5%25 up,%0D%0Anext: year"
    assert escape_property("draft, v2: 5%\n") == "draft%2C v2%3A 5%25%0A"


def test_github_annotations_escape_a_quote_with_commas_colons_and_a_newline(council: Path) -> None:
    result = check(council, "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    # One line per finding that needs attention: the altered quote and the unverified one.
    assert len(commands) == 2
    assert lines[-1] == "2 quotes checked: 0 verified, 1 altered, 0 misattributed, 1 unverified"
    error, warning = commands
    assert error.startswith("::error file=draft%2C v2%3A final.txt,line=3,endLine=4,title=Altered quote (Jane Okafor)::")
    message = error.split("::", 2)[2]
    # In the message only %, CR and LF are escaped; commas and colons stay readable.
    assert "Taxes, fees: all of it goes up 5%25 next year," in message
    assert "%0Asource text: \"Taxes, fees: all of it rises 5%25 next year\"" in message
    assert "[-rises-] {+goes up+}" in message
    assert "\n" not in error and "\r" not in error
    # A quote on one line gets columns; endColumn is the quote's last character.
    assert warning.startswith("::warning file=draft%2C v2%3A final.txt,line=6,col=32,endColumn=48,title=Unverified quote")
    line6 = COUNCIL_DRAFT.splitlines()[5]
    assert line6[32 - 1 : 48] == "balanced at last."


def test_github_levels_follow_fail_on(doctored: Path) -> None:
    report = quoteverify.check(str(doctored), library="sources", offline=True)
    default = quoteverify.render(report, "github").splitlines()
    assert sum(line.startswith("::error ") for line in default) == 2
    assert sum(line.startswith("::warning ") for line in default) == 3
    strict = quoteverify.render(report, "github", fail_on=("altered", "unverified")).splitlines()
    assert sum(line.startswith("::error ") for line in strict) == 5
    # Verified quotes make no annotation.
    assert not any("Verified quote" in line for line in strict)


# -- JUnit --------------------------------------------------------------------------------------

def test_junit_is_parseable_and_counts_failures(doctored: Path) -> None:
    result = check(doctored, "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.output.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    report = quoteverify.check(str(doctored), library="sources", offline=True)
    findings = report.findings
    assert len(cases) == len(findings) == int(suite.get("tests", "-1")) == int(root.get("tests", "-1"))
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == sum(f.verdict in ("altered", "misattributed") for f in findings) == 2
    assert int(suite.get("failures", "-1")) == int(root.get("failures", "-1")) == 2
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert len(skipped) == int(suite.get("skipped", "-1")) == sum(f.verdict is None for f in findings)
    for case in cases:
        assert case.get("classname") == "story.txt"
    big = next(c for c in failures if "very big goal" in c.get("name", ""))
    assert big.get("name", "").startswith("19:79 ")
    failure = big.find("failure")
    assert failure is not None and failure.get("type") == "altered"
    assert "very important goal" in (failure.text or "")
    assert "[-important-] {+big+}" in (failure.text or "")


def test_junit_failures_follow_fail_on_through_the_api(council: Path) -> None:
    report = quoteverify.check(str(council), library="sources", offline=True)
    root = ET.fromstring(quoteverify.render(report, "junit", fail_on=("altered", "unverified")))
    assert root.get("failures") == "2"
    types = sorted(f.get("type", "") for f in root.iter("failure"))
    assert types == ["altered", "unverified"]
    names = [c.get("name", "") for c in root.iter("testcase")]
    assert names == ["3:26 Taxes, fees: all of it goes up 5% next year,", "6:32 balanced at last."]
    assert ET.fromstring(quoteverify.render(report, "junit", fail_on=())).get("failures") == "0"


def test_renderers_ignore_options_they_do_not_use(council: Path) -> None:
    report = quoteverify.check(str(council), library="sources", offline=True)
    for fmt in ("sarif", "github", "junit", "html"):
        out = quoteverify.render(report, fmt, color=True, quiet=True, fail_on=("altered",), unknown=1)
        assert out.strip()


def test_ignored_quotes_stay_visible_but_never_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "council.md").write_text(COUNCIL_SOURCE, encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text(
        "The mayor spoke plainly on Tuesday.\n\n"
        "<!-- quoteverify: ignore checked by phone with the mayor -->\n"
        'Mayor Jane Okafor said: "Taxes, fees: all of it goes up 5% next year," before the vote.\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)

    sarif = check(draft, "sarif")
    assert sarif.exit_code == 0
    (altered,) = json.loads(sarif.output)["runs"][0]["results"]
    assert altered["ruleId"] == "altered-quote" and altered["level"] == "warning"
    assert altered["suppressions"] == [
        {"kind": "inSource", "justification": "inline comment at line 3: checked by phone with the mayor"}
    ]

    github = check(draft, "github")
    assert github.exit_code == 0
    (notice,) = [line for line in github.output.splitlines() if line.startswith("::")]
    assert notice.startswith("::notice file=draft.md,line=4,")
    assert "title=Altered quote (Jane Okafor)%2C ignored::" in notice
    assert notice.endswith("%0Aignored: inline comment at line 3: checked by phone with the mayor")

    junit = ET.fromstring(check(draft, "junit").output)
    assert junit.get("failures") == "0" and junit.get("skipped") == "1"
    skipped = junit.find("testsuite/testcase/skipped")
    assert skipped is not None and "checked by phone with the mayor" in skipped.get("message", "")


# -- CI files -----------------------------------------------------------------------------------

def test_pre_commit_hook_runs_quoteverify_check_on_drafts() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "quoteverify"
    assert hook["entry"] == "quoteverify check"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "html", "text"]


def test_ci_doc_examples_are_valid_yaml_and_use_real_formats() -> None:
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.DOTALL)
    assert len(blocks) >= 4
    for block in blocks:
        assert yaml.safe_load(textwrap.dedent(block)) is not None
    for fmt in re.findall(r"--format (\w+)", doc):
        assert fmt in FORMATS
    assert "github/codeql-action/upload-sarif" in doc and "junit: quoteverify.xml" in doc
