"""The HTML report as a person sees it: rendered by a real headless Chromium.

`quoteverify check … --format html --output report.html` on a doctored copy of
the bundled example; Chromium loads the file from disk, we read the DOM it
built and keep a screenshot in the test's temporary folder. Skipped only when
no Chromium is installed (`.ci/run` installs Debian's package).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

import quoteverify
from quoteverify.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ice-repost.txt"
LIBRARY = ROOT / "sources"
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary (apt-get install chromium; .ci/run does it)"
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def render_to_file(story: Path, out: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", str(story), "--offline", "--library", "sources", "--format", "html", "--output", str(out)]
    )
    assert result.exit_code == 1, result.output  # two altered quotes fail the default --fail-on
    assert result.output == ""  # the report went to the file


def _text(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split())


@needs_chromium
def test_html_report_in_a_real_browser(doctored: Path, tmp_path: Path) -> None:
    report_file = tmp_path / "report.html"
    render_to_file(doctored, report_file)
    raw = report_file.read_text(encoding="utf-8")
    # Self-contained: nothing to fetch, nothing to run.
    assert "<link" not in raw and "<script" not in raw and " src=" not in raw and "@import" not in raw

    dom = chromium(tmp_path, "--dump-dom", report_file.as_uri()).stdout
    page = BeautifulSoup(dom, "html.parser")
    screenshot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1400,2000", report_file.as_uri())
    phone = tmp_path / "report-phone.png"
    chromium(tmp_path, f"--screenshot={phone}", "--window-size=390,1800", report_file.as_uri())

    # The summary bar: the counts a person reads first, each with its verdict in words.
    summary = page.find("section", class_="summary")
    assert isinstance(summary, Tag)
    counts = {
        str(pill["data-verdict"]): _text(pill) for pill in summary.find_all("span", class_="count")
    }
    assert counts["altered"] == "✗ 2 altered"
    assert counts["misattributed"] == "⚠ 0 misattributed"
    assert counts["unverified"] == "? 3 unverified"
    assert counts["verified"] == "✓ 3 verified"
    assert "8 quotes checked" in _text(summary)

    # The input text with each checked quote highlighted, its verdict written beside it.
    expected = json.loads(quoteverify.render(quoteverify.check(str(doctored), library="sources", offline=True), "json"))
    checked = {q["text"]: q["verdict"] for q in expected["documents"][0]["quotes"] if q["verdict"]}
    marks = page.find_all("mark", class_="q")
    assert len(marks) == len(checked) == 8
    for mark in marks:
        words = mark.get_text()
        verdict = checked[words]
        assert mark["data-verdict"] == verdict
        label = mark.find_next_sibling("a")
        assert isinstance(label, Tag) and verdict in _text(label)
        card = page.find(id=str(label["href"]).lstrip("#"))
        assert isinstance(card, Tag) and card["data-verdict"] == verdict
    big = next(m for m in marks if "very big goal" in m.get_text())
    assert big["data-verdict"] == "altered"
    big_label = big.find_next_sibling("a")
    assert isinstance(big_label, Tag) and "altered" in big_label.get_text()

    # Beside it, the card: verdict, speaker, place, the source passage with the changes marked.
    card = page.find(id=str(big_label["href"]).lstrip("#"))
    assert isinstance(card, Tag)
    header = _text(card.find("header"))
    assert "altered" in header.lower() and "Trump" in header and "story.txt:19:79" in header
    passage = card.find("div", class_="passage")
    assert isinstance(passage, Tag)
    assert [d.get_text() for d in passage.find_all("del")] == ["important"]
    assert [i.get_text() for i in passage.find_all("ins")] == ["big"]
    assert "the very important big goal of delivering" in _text(passage)
    assert "sources/trump-truth-social-2025-06-15.md" in _text(card)
    heart = page.find("article", attrs={"data-verdict": "altered", "id": lambda v: v != card["id"]})
    assert isinstance(heart, Tag)
    assert [d.get_text() for d in heart.find_all("del")][:1] == ["core"]
    assert [i.get_text() for i in heart.find_all("ins")][:1] == ["heart"]

    # The sources with their provenance.
    sources = page.find(id="sources")
    assert isinstance(sources, Tag)
    source_text = _text(sources)
    assert "Truth Social post by Donald J. Trump" in source_text
    assert "463270980c6555bd456a2d50ad4f190fd524c64e89255fda6fb9c31e84654a12" in source_text

    # Phone-ready and printable.
    viewport = page.find("meta", attrs={"name": "viewport"})
    assert isinstance(viewport, Tag) and "width=device-width" in str(viewport["content"])
    assert "@media print" in raw

    for shot in (screenshot, phone):
        data = shot.read_bytes()
        assert data.startswith(PNG_MAGIC)
        assert len(data) > 20_000  # a rendered page, not a blank one


@needs_chromium
def test_html_report_escapes_the_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "hearing.md").write_text(
        "---\ntitle: Hearing notes\nauthor: Ana Ruiz\n---\n"
        "Profits & losses <b>both</b> matter to this board, and we will publish them.\n",
        encoding="utf-8",
    )
    story = tmp_path / "story.txt"
    story.write_text(
        'Markup in a draft: <script>document.title="owned"</script> and <img src=x>.\n\n'
        'Board chair Ana Ruiz said: "Profits & losses <b>both</b> matter to this board."\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    report_file = tmp_path / "report.html"
    report = quoteverify.check(str(story), library="sources", offline=True)
    report_file.write_text(quoteverify.render(report, "html"), encoding="utf-8")
    page = BeautifulSoup(chromium(tmp_path, "--dump-dom", report_file.as_uri()).stdout, "html.parser")
    assert page.find("script") is None and page.find("img") is None
    assert not [b for b in page.find_all("b") if b.get_text() == "both"]
    title = page.find("title")
    assert title is not None and "owned" not in title.get_text()
    text = page.find("div", class_="text")
    assert isinstance(text, Tag)
    assert '<script>document.title="owned"</script>' in text.get_text()
    (mark,) = page.find_all("mark", class_="q")
    assert mark.get_text() == "Profits & losses <b>both</b> matter to this board."
