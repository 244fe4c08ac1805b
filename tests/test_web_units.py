"""Web parts that need no server: decoding, transcripts, the address guard, page reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from quoteverify.web import DecodeError, decode_body, parse_transcript
from quoteverify.web.extract import extract_document
from quoteverify.web.guard import AddressRefused, ResolveFailed, check_url, is_public_address
from quoteverify.web.html import read_page
from quoteverify.web.transcript import detect_format

PAGES = Path(__file__).parent / "pages"


# -- decoding -----------------------------------------------------------------
def test_decode_header_charset_wins() -> None:
    assert decode_body("“quoted”".encode(), "text/html; charset=UTF-8") == "“quoted”"
    assert decode_body("“quoted”".encode("cp1252"), "text/html; charset=windows-1252") == "“quoted”"


def test_decode_latin1_label_means_windows_1252() -> None:
    # Browsers read "iso-8859-1" as windows-1252; so must we, or 0x93/0x94 become control characters.
    assert decode_body(b"\x93yes\x94", "text/html; charset=ISO-8859-1") == "“yes”"


def test_decode_meta_charset_then_detection() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body>“Fine,” she said.</body></html>'
    assert "“Fine,” she said." in decode_body(page.encode("cp1252"), "text/html")
    assert decode_body("“Fine,” she said — twice.".encode(), None) == "“Fine,” she said — twice."
    assert decode_body("\ufeffBOM first".encode("utf-8"), "text/plain; charset=cp1252") == "BOM first"


def test_decode_wrong_header_does_not_give_mojibake() -> None:
    # Declared UTF-8 but the bytes are not: fall through to the page's meta declaration.
    page = '<meta charset="windows-1252"><p>“ok”</p>'.encode("cp1252")
    assert "“ok”" in decode_body(page, "text/html; charset=utf-8")


def test_decode_binary_is_an_error() -> None:
    with pytest.raises(DecodeError):
        decode_body(bytes(range(256)) * 8, "application/octet-stream")


# -- transcripts ----------------------------------------------------------------
def test_vtt_voices_and_entities() -> None:
    text, turns = parse_transcript((PAGES / "council.vtt").read_text(encoding="utf-8"), "vtt")
    assert "The pier & the slipway are both on the list." in text
    assert "<i>" not in text and "NOTE" not in text and "Kind:" not in text
    assert [t.speaker for t in turns] == ["Odile Fairweather", "Rhys Amankwah", "Odile Fairweather", "Tomasz Berglund"]
    for turn in turns:
        assert text[turn.start : turn.end].strip() == text[turn.start : turn.end]
    berglund = turns[-1]
    assert text[berglund.start : berglund.end] == "The steel under the ramp is worse than we thought. We should not let crowds on it."


def test_rolling_captions_collapse() -> None:
    text, turns = parse_transcript((PAGES / "rolling.vtt").read_text(encoding="utf-8"))
    assert text.count("the ferry timetable will") == 1
    assert text.count("go back to normal in May") == 1
    assert text.count("weekend sailings") == 1
    assert "the ferry timetable will go back to normal in May" in text
    assert "Laughter" not in text and "<c>" not in text and "00:00" not in text
    assert [t.speaker for t in turns] == ["MAYOR LINDQVIST", "REPORTER"]


def test_srt_labels_and_carry_over() -> None:
    raw = (PAGES / "interview.srt").read_text(encoding="utf-8")
    assert detect_format(raw) == "srt"
    text, turns = parse_transcript(raw, "srt")
    said = "every one of those weeks has cost the ferry money"
    at = text.index(said)
    # The unlabelled cue continues the harbourmaster's answer.
    owner = [t.speaker for t in turns if t.start <= at < t.end]
    assert owner == ["HARBOURMASTER NILS OYELARAN"]
    assert "Ten weeks now." in text and "<i>" not in text
    assert "INTERVIEWER:" not in text


def test_colon_in_ordinary_speech_is_not_a_label() -> None:
    vtt = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ana Ruiz>note: the vote is at nine\n\n00:03.000 --> 00:05.000\nso be there early\n"
    text, turns = parse_transcript(vtt)
    assert text == "note: the vote is at nine so be there early"
    assert [(t.speaker, text[t.start : t.end]) for t in turns] == [("Ana Ruiz", text)]


def test_bare_speaker_change_marker_ends_the_turn() -> None:
    vtt = "WEBVTT\n\n00:01.000 --> 00:03.000\n>> CHAIR: we begin\n\n00:03.000 --> 00:05.000\n>> who is speaking now?\n"
    text, turns = parse_transcript(vtt)
    assert [t.speaker for t in turns] == ["CHAIR"]
    assert text[turns[0].start : turns[0].end] == "we begin"
    assert "who is speaking now?" in text


# -- address guard ----------------------------------------------------------------
@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "192.168.0.10", "172.16.5.4", "169.254.169.254", "100.64.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "0.0.0.0", "224.0.0.1"],
)
def test_non_public_addresses(address: str) -> None:
    assert not is_public_address(address)


def test_public_addresses() -> None:
    assert is_public_address("93.184.215.14")
    assert is_public_address("2606:2800:21f:cb07:6820:80da:af6b:8b2c")


def test_check_url_uses_every_resolved_address() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return {"mixed.example": ["93.184.215.14", "10.0.0.5"], "ok.example": ["93.184.215.14"]}.get(host, [])

    check_url("https://ok.example/a", allow_private=False, resolver=resolver)
    with pytest.raises(AddressRefused):
        check_url("https://mixed.example/a", allow_private=False, resolver=resolver)
    with pytest.raises(ResolveFailed):
        check_url("https://nowhere.example/a", allow_private=False, resolver=resolver)
    check_url("https://mixed.example/a", allow_private=True, resolver=resolver)
    check_url("https://mixed.example/a", allow_private=False, trusted_hosts=["MIXED.example"], resolver=resolver)
    for url in ("file:///etc/passwd", "gopher://x/", "https://user:pw@ok.example/", "http:///nohost"):
        with pytest.raises(AddressRefused):
            check_url(url, allow_private=True, resolver=resolver)


# -- page reading -------------------------------------------------------------------
def test_page_without_article_markup_falls_back_to_visible_text() -> None:
    html = "<html><head><title>Note</title></head><body><div>Short note.</div></body></html>"
    doc = extract_document(html.encode(), "text/html", "http://example.org/n")
    assert "Short note." in doc.text
    assert doc.extractor in ("trafilatura", "html")


def test_hidden_elements_are_not_visible_text() -> None:
    html = (
        "<html><body><article><p>The council met on Monday evening to discuss the harbour budget and the pier repairs in detail.</p>"
        "<p>Members argued for two hours before agreeing to return to the question next month.</p></article>"
        '<div hidden>“secret words”</div><div style="display: none">“more secret words”</div></body></html>'
    )
    page = read_page(html, "http://example.org/p")
    assert "secret" not in page.full_text
    assert "harbour budget" in page.text


def test_vtt_served_as_octet_stream_is_still_a_transcript() -> None:
    doc = extract_document((PAGES / "council.vtt").read_bytes(), "application/octet-stream", "http://example.org/captions?id=3")
    assert doc.extractor == "vtt" and doc.turns


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the given lines of Helvetica text, built by hand."""
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_when_pypdf_is_installed() -> None:
    pdf = make_pdf(["Statement from the harbour council", "We regret the delay to the pier repairs, which were unavoid-", "able after the storms."])
    try:
        import pypdf  # noqa: F401
    except ImportError:
        with pytest.raises(ValueError, match="PDF"):
            extract_document(pdf, "application/pdf", "http://example.org/statement.pdf")
        return
    doc = extract_document(pdf, "application/pdf", "http://example.org/statement.pdf")
    assert doc.extractor == "pdf"
    assert "We regret the delay to the pier repairs" in doc.text
    assert "unavoidable after the storms." in doc.text.replace("\n", " ")


def test_broken_pdf_is_unreadable() -> None:
    with pytest.raises(ValueError, match="PDF"):
        extract_document(b"%PDF-1.7 not really", "application/pdf", "http://example.org/report.pdf")


def test_byline_when_markup_names_no_author() -> None:
    html = (PAGES / "news.html").read_text(encoding="utf-8").replace('<meta name="author" content="Priya Castellano">', "")
    plain_byline = html.replace(
        '<p class="byline">By <span class="author">Priya Castellano</span>, March 14, 2026</p>',
        "<p>By Priya Castellano and Jon Ek, March 14</p>",
    )
    assert read_page(plain_byline, "http://example.org/p").author == "Priya Castellano and Jon Ek"
    for line in ("by the way, nothing here", "By The Numbers", "By Our Reporter"):
        page = f"<html><body><p>{line}</p><p>Some words that are not a byline at all.</p></body></html>"
        assert read_page(page, "http://example.org/q").author is None, line
