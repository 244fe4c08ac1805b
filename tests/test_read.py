from __future__ import annotations

from pathlib import Path

import pytest

from quoteverify.errors import InputError
from quoteverify.gather import FileAdapter, gather, links_in
from quoteverify.model import Document
from quoteverify.read import (
    document_from_bytes,
    html_to_plain,
    read_input,
    read_source_file,
    split_front_matter,
)


def test_text_input_keeps_text_exactly_as_decoded(tmp_path: Path) -> None:
    raw = "Line one\r\n  “Quoted,” she said.\n"
    path = tmp_path / "draft.txt"
    path.write_bytes(raw.encode("utf-8"))
    doc = read_input(str(path))
    assert doc.text == raw
    assert doc.kind == "text"
    assert doc.line_col(raw.index("Quoted")) == (2, 4)


def test_windows_1252_file_is_decoded_without_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("The clerk said \u201cwe close at noon\u201d on Friday, and again on Saturday.".encode("cp1252"))
    doc = read_input(str(path))
    assert "\u201cwe close at noon\u201d" in doc.text


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "is empty"),
        (b"   \n\n  ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ],
)
def test_bad_bytes_are_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        document_from_bytes(data, "input.txt")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file_and_folder_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_input(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a folder"):
        read_input(str(tmp_path))


def test_html_plain_view_maps_every_character_back_to_the_raw_html() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<p>The mayor said &ldquo;we will <em>rebuild</em>&rdquo; today.</p>"
        "<aside>“a decoy”</aside><p>Short: <q>fine</q></p></body></html>"
    )
    plain, offsets = html_to_plain(html)
    assert "decoy" not in plain
    assert plain.startswith("The mayor said “we will rebuild” today.")
    assert "“fine”" in plain
    start = plain.index("rebuild")
    assert html[offsets[start] : offsets[start] + 7] == "rebuild"
    doc = Document.from_text(html, "page.html", "html", plain=plain, plain_map=offsets)
    s, e = doc.to_text_span(start, start + 7)
    assert html[s:e] == "rebuild"


def test_malformed_html_does_not_raise() -> None:
    plain, _ = html_to_plain("<p>Broken <b>markup <i>here</p></div></span><p>next")
    assert "Broken markup here" in plain
    assert "next" in plain


def test_front_matter_gives_author_and_body_offset(tmp_path: Path) -> None:
    text = "---\ntitle: A speech\nauthor: Jane Roe\npublished: 2024-01-02\n---\nWe will build the bridge.\n"
    meta, body, offset = split_front_matter(text)
    assert meta["author"] == "Jane Roe"
    assert text[offset:] == body
    path = tmp_path / "speech.md"
    path.write_text(text, encoding="utf-8")
    source = read_source_file(path)
    assert source.ok and source.author == "Jane Roe" and source.text.strip() == "We will build the bridge."
    # the front matter is blanked, not cut: positions in the source are the file's own
    assert len(source.text) == len(text) and source.text.index("We will") == text.index("We will")
    assert source.text.count("\n") == text.count("\n") and "Jane Roe" not in source.text
    assert source.sha256 and len(source.sha256) == 64


def test_unreadable_source_is_a_status_not_an_exception(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "good.txt").write_text("Some words here.", encoding="utf-8")
    sources = gather([str(tmp_path), str(tmp_path / "missing.md")], [FileAdapter()])
    by_name = {Path(s.location).name: s for s in sources}
    assert by_name["blob.txt"].status == "unreadable"
    assert by_name["good.txt"].status == "ok"
    assert by_name["missing.md"].status == "unreachable"


def test_links_in_markdown_html_and_bare_text() -> None:
    doc = Document.from_text(
        "See [the story](https://news.example/a) and <a href='https://b.example/x'>this</a>, "
        "or https://c.example/page. Also https://news.example/a again."
    )
    assert links_in(doc) == ["https://news.example/a", "https://b.example/x", "https://c.example/page"]
