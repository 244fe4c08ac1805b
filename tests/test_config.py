"""Configuration as a user meets it: `.quoteverify.toml`, `[tool.quoteverify]`, `quoteverify config`.

Each test works in its own folder (the CLI finds the configuration from the
current folder up) with a hand-written council transcript and draft, checked
offline against that transcript only (`--no-library -s`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from quoteverify.cli import cli
from quoteverify.config import load_config
from quoteverify.judge import Thresholds

TRANSCRIPT = """Council meeting, 3 March.

Mayor Jane Ortiz: We will open three new libraries next spring, and every branch will stay open
late on weekdays. The budget for parks grows by ten percent this year.
"""

# One quote verified by the transcript, one the transcript does not hold (unverified).
DRAFT = """# Parks and pools

Mayor Jane Ortiz said "the budget for parks grows by ten percent this year."

She promised "a new swimming pool in every district by the summer."
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "transcript.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (root / "draft.md").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.delenv("QUOTEVERIFY_CONFIG", raising=False)
    return root


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def check(*args: str) -> Result:
    return run("check", "draft.md", "--no-library", "-s", "transcript.txt", "--offline", *args)


def setting(output: str, key: str) -> tuple[str, str]:
    """(value, origin) of ``key`` in `quoteverify config` text output."""
    for line in output.splitlines():
        if line.startswith(f"{key} = "):
            value, _, origin = line[len(key) + 3 :].partition("  # ")
            return value.strip(), origin.strip()
    raise AssertionError(f"{key} not in:\n{output}")


def config_json(*args: str) -> dict[str, Any]:
    result = run("config", "--format", "json", *args)
    assert result.exit_code == 0, result.output + result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


PYPROJECT = """[project]
name = "newsroom-drafts"

[tool.quoteverify]
fail-on = ["unverified"]
timeout = 7
"""


# -- where values come from -----------------------------------------------------------------------


def test_without_a_file_every_value_is_the_default(project: Path) -> None:
    result = run("config")
    assert result.exit_code == 0
    assert "configuration file: none found" in result.stdout
    assert setting(result.stdout, "fail-on") == ('["altered", "misattributed"]', "default")
    assert setting(result.stdout, "timeout") == ("20.0", "default")
    assert setting(result.stdout, "thresholds.locate") == ("70.0", "default")
    # The default exit code: an unverified quote does not fail.
    assert check().exit_code == 0


def test_pyproject_table_is_read_with_file_and_line(project: Path) -> None:
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    out = run("config").stdout
    assert "configuration file: pyproject.toml" in out
    assert setting(out, "fail-on") == ('["unverified"]', "pyproject.toml:5")
    assert setting(out, "timeout") == ("7.0", "pyproject.toml:6")
    assert setting(out, "format") == ('"text"', "default")
    # …and it changes what check does: the unverified quote now fails the run.
    assert check().exit_code == 1


def test_a_pyproject_without_our_table_is_passed_over(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project.parent / ".quoteverify.toml").write_text('fail-on = "unverified"\n', encoding="utf-8")
    out = run("config").stdout
    assert setting(out, "fail-on")[1].endswith(".quoteverify.toml:1")


def test_precedence_command_line_then_quoteverify_toml_then_pyproject_then_default(project: Path) -> None:
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (project / ".quoteverify.toml").write_text('# newsroom settings\nfail-on = "altered,misattributed"\n', encoding="utf-8")
    out = run("config").stdout
    # .quoteverify.toml wins over pyproject.toml in the same folder; pyproject's timeout is not merged in.
    assert "configuration file: .quoteverify.toml" in out
    assert setting(out, "fail-on") == ('["altered", "misattributed"]', ".quoteverify.toml:2")
    assert setting(out, "timeout") == ("20.0", "default")
    assert check().exit_code == 0

    out = run("config", "--fail-on", "unverified", "--timeout", "3").stdout
    assert setting(out, "fail-on") == ('["unverified"]', "command line")
    assert setting(out, "timeout") == ("3.0", "command line")
    assert check("--fail-on", "unverified").exit_code == 1


def test_the_nearest_parent_folder_decides_and_paths_are_relative_to_the_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "archive").mkdir()
    (project / "transcript.txt").rename(project / "archive" / "transcript.txt")
    (project / ".quoteverify.toml").write_text('library = "archive"\nfail-on = ["unverified"]\n', encoding="utf-8")
    drafts = project / "drafts"
    drafts.mkdir()
    (project / "draft.md").rename(drafts / "draft.md")
    monkeypatch.chdir(drafts)

    data = config_json()
    assert data["file"] == str(project / ".quoteverify.toml")
    assert data["settings"]["library"] == {"value": str(project / "archive"), "origin": f"{project / '.quoteverify.toml'}:1"}
    # The library named by the parent's file verifies the first quote; its fail-on fails the second.
    result = run("check", "draft.md", "--offline", "--format", "json")
    assert result.exit_code == 1, result.stderr
    verdicts = [q["verdict"] for q in json.loads(result.stdout)["documents"][0]["quotes"]]
    assert verdicts == ["verified", "unverified"]


def test_explicit_config_file_and_environment_variable(project: Path) -> None:
    (project / ".quoteverify.toml").write_text('fail-on = ["altered"]\n', encoding="utf-8")
    (project / "strict.toml").write_text('fail-on = ["unverified", "altered"]\n', encoding="utf-8")
    out = run("config", "--config", "strict.toml").stdout
    assert setting(out, "fail-on") == ('["unverified", "altered"]', "strict.toml:1")
    assert check("--config", "strict.toml").exit_code == 1
    env_out = run("config", env={"QUOTEVERIFY_CONFIG": "strict.toml"}).stdout
    assert setting(env_out, "fail-on") == ('["unverified", "altered"]', "strict.toml:1")


def test_format_and_thresholds_from_the_file(project: Path) -> None:
    (project / ".quoteverify.toml").write_text(
        'format = "json"\n\n[thresholds]\nlocate = 99.5\nmin-run = 4\n', encoding="utf-8"
    )
    out = run("config").stdout
    assert setting(out, "thresholds.locate") == ("99.5", ".quoteverify.toml:4")
    assert setting(out, "thresholds.min-run") == ("4", ".quoteverify.toml:5")
    assert setting(out, "thresholds.hint") == ("40.0", "default")
    result = check()
    # The report is JSON without --format; the verified quote (score 100) still passes 99.5.
    quotes = json.loads(result.stdout)["documents"][0]["quotes"]
    assert [q["verdict"] for q in quotes] == ["verified", "unverified"]
    # The command line still chooses the format.
    assert check("--format", "text").stdout.rstrip().endswith("1 verified, 0 altered, 0 misattributed, 1 unverified")


def test_strict_threshold_from_the_file_turns_a_loose_match_unverified(project: Path) -> None:
    (project / "draft.md").write_text('Mayor Jane Ortiz said "we will open five new libraries next spring."\n', encoding="utf-8")

    def verdict(result: Result) -> str:
        return str(json.loads(result.stdout)["documents"][0]["quotes"][0]["verdict"])

    assert verdict(check("--format", "json")) == "altered"
    (project / ".quoteverify.toml").write_text("thresholds = { locate = 99 }\n", encoding="utf-8")
    assert verdict(check("--format", "json")) == "unverified"


def test_inline_thresholds_table_origin_and_library_switched_off(project: Path) -> None:
    (project / "sources").mkdir()
    assert setting(run("config").stdout, "library") == ('"sources"', "default (./sources exists)")
    (project / ".quoteverify.toml").write_text("library = false\nthresholds = { hint = 50 }\n", encoding="utf-8")
    out = run("config").stdout
    assert setting(out, "library") == ("false", ".quoteverify.toml:1")
    assert setting(out, "thresholds.hint") == ("50.0", ".quoteverify.toml:2")
    out = run("config", "--library", "elsewhere").stdout
    assert setting(out, "library") == ('"elsewhere"', "command line")


def test_boolean_settings_can_be_switched_back_on_the_command_line(project: Path) -> None:
    (project / ".quoteverify.toml").write_text("offline = true\nfollow-links = false\n", encoding="utf-8")
    out = run("config").stdout
    assert setting(out, "offline") == ("true", ".quoteverify.toml:1")
    assert setting(out, "follow-links") == ("false", ".quoteverify.toml:2")
    out = run("config", "--online", "--links").stdout
    assert setting(out, "offline") == ("false", "command line")
    assert setting(out, "follow-links") == ("true", "command line")


def test_config_json_lists_every_key(project: Path) -> None:
    data = config_json()
    assert data["file"] is None
    keys = set(data["settings"])
    assert {"library", "library-db", "fail-on", "format", "timeout", "discover", "speakers", "approved", "offline", "follow-links"} <= keys
    assert "thresholds.max-omit-words" in keys
    assert data["settings"]["fail-on"] == {"value": ["altered", "misattributed"], "origin": "default"}


def test_config_help_ends_with_an_example() -> None:
    result = run("config", "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout and "quoteverify config" in result.stdout.split("Example:")[1]


# -- what is wrong with a file is one line and exit 2 ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fial-on = ['altered']\n", ".quoteverify.toml:1: fial-on: unknown key (did you mean fail-on?)"),
        ("timeout = 5\nfail-on = ['wrong']\n", ".quoteverify.toml:2: fail-on: unknown verdict wrong"),
        ("timeout = -1\n", ".quoteverify.toml:1: timeout: must be a number of seconds above 0"),
        ("offline = 'yes'\n", ".quoteverify.toml:1: offline: must be true or false"),
        ("format = 'pdf'\n", ".quoteverify.toml:1: format: unknown format 'pdf'"),
        ("[thresholds]\nlocat = 80\n", ".quoteverify.toml:2: thresholds.locat: unknown threshold (did you mean locate?)"),
        ("[thresholds]\nlocate = 180\n", ".quoteverify.toml:2: thresholds.locate: must be between 0 and 100"),
        ("[thresholds]\nmin-run = 2.5\n", "thresholds.min-run: must be a whole number"),
        ("discover = ['altavista']\n", ".quoteverify.toml:1: discover: unknown provider altavista"),
        ("fail-on = [\n", ".quoteverify.toml: not valid TOML"),
    ],
)
def test_a_bad_file_is_one_line_and_exit_2(project: Path, text: str, expected: str) -> None:
    (project / ".quoteverify.toml").write_text(text, encoding="utf-8")
    for result in (check(), run("config")):
        assert result.exit_code == 2
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert expected in result.stderr


def test_a_missing_explicit_file_and_a_bad_option_value(project: Path) -> None:
    result = check("--config", "nowhere.toml")
    assert result.exit_code == 2 and "nowhere.toml: no such configuration file" in result.stderr
    result = check("--fail-on", "wrong")
    assert result.exit_code == 2 and "--fail-on: unknown verdict wrong" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_broken_pyproject_elsewhere_in_the_tree_is_not_ours(project: Path) -> None:
    (project / "pyproject.toml").write_text("[project\nname = ", encoding="utf-8")
    assert run("config").exit_code == 0
    (project / "pyproject.toml").write_text("[tool.quoteverify]\nfail-on = [\n", encoding="utf-8")
    result = run("config")
    assert result.exit_code == 2 and "pyproject.toml: not valid TOML" in result.stderr


# -- the API ---------------------------------------------------------------------------------------------


def test_load_config_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.quoteverify]\nspeakers = "people/speakers.toml"\n[tool.quoteverify.thresholds]\nname-window = 500\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path, None)
    assert config.file == "pyproject.toml"
    assert config.speakers == str(Path("people") / "speakers.toml")
    assert config.thresholds == Thresholds(name_window=500)
    assert config.origins["thresholds.name-window"] == "pyproject.toml:4"
    assert config.origin("timeout") == "default"
    explicit = tmp_path / "other.toml"
    explicit.write_text('fail-on = ["misattributed"]\n', encoding="utf-8")
    assert load_config(tmp_path, explicit).fail_on == ("misattributed",)
