"""WebVTT and SRT transcripts to plain text with speaker turns.

Caption files cut speech into cues for the screen, not for reading: lines
break mid-sentence, and auto-generated captions repeat each line in the next
cue ("rolling" captions). A quote spans those breaks, so the cues are joined
back into one paragraph per speaker turn, and the repeats are dropped. Who
speaks comes from WebVTT voice spans (``<v Name>``) or from labels that caption
writers put at the start of a line (``KAREN BASS:``, ``>> Karen Bass:``); an
unlabelled cue continues the previous speaker, as broadcast captions only mark
changes of speaker.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..model import Turn

_TIMING = re.compile(r"(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>", re.IGNORECASE)
_VOICE_END = re.compile(r"</v\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_ASS_OVERRIDE = re.compile(r"\{\\[^}]*\}")
_SPACES = re.compile(r"[ \t\u00a0\u200e\u200f]+")
# Non-speech annotations a caption writer adds on a line of their own.
_ANNOTATION = re.compile(r"^(?:\[[^\]]*\]|\([^)]*\)|♪+[^♪]*♪*)$")

_CAPS_WORD = r"[A-Z][A-Z0-9.'’\-]*"
_TITLE_WORD = r"[A-Z][a-zA-Z.'’\-]*"
_PARTICLE = r"(?:de|da|del|della|der|di|du|la|le|van|von|bin|al|el|st\.)"
_CAPS_NAME = rf"{_CAPS_WORD}(?:\s+(?:{_CAPS_WORD}|{_PARTICLE})){{0,3}}"
_TITLE_NAME = rf"{_TITLE_WORD}(?:\s+(?:{_TITLE_WORD}|{_PARTICLE})){{1,3}}"
_MARKER = re.compile(r"^(?:>>+|-)\s*")
_LABEL_CAPS = re.compile(rf"^({_CAPS_NAME})\s*:\s+(.*)$")
_LABEL_TITLE = re.compile(rf"^({_TITLE_NAME})\s*:\s+(.*)$")
# After a speaker-change marker even a single capitalised word is a name.
_LABEL_MARKED = re.compile(rf"^({_TITLE_WORD}(?:\s+(?:{_TITLE_WORD}|{_PARTICLE})){{0,3}})\s*:\s+(.*)$")
# Words that caption writers put before a colon that are not speakers.
_NOT_NAMES = {"note", "ok", "okay", "update", "warning", "caption", "captions", "subtitle", "subtitles", "transcript"}


@dataclass
class _Line:
    text: str
    speaker: str | None


def detect_format(text: str) -> str | None:
    """"vtt", "srt" or None when the text is not a caption file."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    first_lines = head.splitlines()[:3]
    if len(first_lines) >= 2 and first_lines[0].strip().isdigit() and _TIMING.search(first_lines[1]):
        return "srt"
    return None


def _clean(text: str) -> str:
    text = _ASS_OVERRIDE.sub("", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def _label(text: str) -> tuple[str | None, str, bool]:
    """Split a leading speaker label off a caption line.

    Returns (speaker, rest, changed): ``changed`` is true when the line marks a
    new speaker even though it does not name one (a bare ``>>``).
    """
    marker = _MARKER.match(text)
    rest = text[marker.end():] if marker else text
    patterns = (_LABEL_CAPS, _LABEL_MARKED) if marker else (_LABEL_CAPS, _LABEL_TITLE)
    for pattern in patterns:
        m = pattern.match(rest)
        if m and m.group(1).strip(" .").lower() not in _NOT_NAMES and sum(c.isalpha() for c in m.group(1)) >= 2:
            return m.group(1).strip(), m.group(2).strip(), True
    if marker and marker.group(0).startswith(">>"):
        return None, rest.strip(), True
    return None, text, False


def _cue_lines(payload: list[str], current: str | None) -> tuple[list[_Line], str | None]:
    """The cleaned lines of one cue, each with its speaker."""
    lines: list[_Line] = []
    voice: str | None = None
    for raw in payload:
        pieces = _VOICE.split(raw)
        # _VOICE.split gives [before, name1, after1, name2, after2, ...].
        segments: list[tuple[str | None, str]] = []
        if pieces[0].strip():
            segments.append((voice, pieces[0]))
        for i in range(1, len(pieces), 2):
            voice = (pieces[i] or "").strip() or None
            segments.append((voice, pieces[i + 1]))
        for seg_voice, seg in segments:
            ended = bool(_VOICE_END.search(seg))
            text = _clean(seg)
            if text and not _ANNOTATION.match(text):
                speaker, text, changed = _label(text)
                if seg_voice:
                    speaker, changed = seg_voice, True
                if changed:
                    current = speaker
                if text:
                    lines.append(_Line(text, current))
            if ended:
                voice = None
    return lines, current


def _overlap(previous: list[_Line], cue: list[_Line]) -> int:
    """How many leading lines of ``cue`` repeat the last lines already emitted."""
    for k in range(min(len(previous), len(cue)), 0, -1):
        if [line.text for line in previous[-k:]] == [line.text for line in cue[:k]]:
            return k
    return 0


def parse_transcript(text: str, fmt: str | None = None) -> tuple[str, tuple[Turn, ...]]:
    """Text (one paragraph per speaker turn) and the turns of a WebVTT or SRT file.

    ``fmt`` ("vtt" or "srt") only documents the caller's expectation: both
    formats share the cue structure, and the tags of each are handled either way.
    """
    del fmt
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    emitted: list[_Line] = []
    current: str | None = None
    for block in re.split(r"\n[ \t]*\n+", text):
        lines = block.strip("\n").split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line and _TIMING.search(line)), None)
        if timing is None:
            continue  # the WEBVTT header, NOTE, STYLE and REGION blocks, or junk
        cue, current = _cue_lines(lines[timing + 1:], current)
        skip = _overlap(emitted, cue)
        cue = cue[skip:]
        if cue and emitted and skip == 0:
            last, first = emitted[-1], cue[0]
            # A rolling caption may also grow one line word by word.
            if first.speaker == last.speaker and first.text.startswith(last.text + " "):
                emitted[-1] = first
                cue = cue[1:]
        emitted.extend(cue)
    return _assemble(emitted)


def _assemble(lines: list[_Line]) -> tuple[str, tuple[Turn, ...]]:
    paragraphs: list[tuple[str | None, list[str]]] = []
    for line in lines:
        if paragraphs and paragraphs[-1][0] == line.speaker:
            paragraphs[-1][1].append(line.text)
        else:
            paragraphs.append((line.speaker, [line.text]))
    out: list[str] = []
    turns: list[Turn] = []
    pos = 0
    for speaker, texts in paragraphs:
        if out:
            pos += 2
        para = " ".join(texts)
        if speaker:
            turns.append(Turn(start=pos, end=pos + len(para), speaker=speaker))
        out.append(para)
        pos += len(para)
    return "\n\n".join(out), tuple(turns)
