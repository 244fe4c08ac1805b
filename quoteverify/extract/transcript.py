"""Transcript speaker labels ("BASS:", "MAYOR KAREN BASS:", "Trump:") and WebVTT voices."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .speakers import strip_titles

_UPPER_LABEL = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.'\u2019\-]*(?: [A-Z][A-Z.'\u2019\-]*){0,4}|Q|A):[ \t]*")
_TITLE_LABEL = re.compile(r"(?m)^[ \t]*([A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?: [A-Z][a-z.]+){0,3}):[ \t]+(?=\S)")
_VOICE = re.compile(r"<v(?:\.[^ >]*)? ([^>]+)>([^\n<]*)")
_NOT_NAMES = frozenset(["Photo", "Note", "Update", "Source", "Credit", "Editor", "Correction", "Related", "Image", "Video", "Watch", "Read", "Listen", "Subject", "Date", "From", "To", "Sent", "Tags", "Posted"])


@dataclass(frozen=True)
class Label:
    start: int  # where the label begins
    body: int  # where the turn's words begin
    name: str


def _pretty(label: str) -> str:
    words = strip_titles(label.replace(".", ". ").split()) or label.split()
    if label.isupper() and len(label) > 2:
        return " ".join(w.capitalize() for w in words)
    return " ".join(words)


def find_labels(text: str, title_case: bool = True) -> list[Label]:
    """Speaker labels at line starts, when the text reads as a transcript."""
    upper = [m for m in _UPPER_LABEL.finditer(text) if len(m.group(1)) > 0]
    title = [m for m in _TITLE_LABEL.finditer(text) if m.group(1).split()[0] not in _NOT_NAMES]
    chosen = []
    if len(upper) >= 2:
        chosen.extend(upper)
    if title_case and len(title) >= 2 and len({m.group(1) for m in title}) >= 1 and len(title) >= 3 or (
        len(title) >= 2 and len({m.group(1) for m in title}) >= 2
    ):
        chosen.extend(title)
    chosen.sort(key=lambda m: m.start())
    names = [_pretty(m.group(1)) for m in chosen]
    full = [n for n in names if len(n.split()) > 1]
    labels = []
    for m, name in zip(chosen, names):
        if len(name.split()) == 1:
            for f in full:
                if f.split()[-1].lower() == name.lower():
                    name = f
                    break
        labels.append(Label(m.start(1), m.end(), name))
    return labels


def label_turns(text: str, title_case: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, speaker) for each labelled turn and WebVTT voice.

    Title-case labels ("Trump:") are trusted in sources; in news inputs they
    are as often result tables ("Clinton: 2,316"), so callers may turn them off.
    """
    labels = find_labels(text, title_case)
    out = []
    for k, lab in enumerate(labels):
        end = labels[k + 1].start if k + 1 < len(labels) else len(text)
        while end > lab.body and text[end - 1].isspace():
            end -= 1
        if end > lab.body:
            out.append((lab.body, end, lab.name))
    for m in _VOICE.finditer(text):
        if m.group(2).strip():
            out.append((m.start(2), m.end(2), m.group(1).strip()))
    return out
