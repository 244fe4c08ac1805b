"""quoteverify: find every quote in a text, who it is attributed to, and check it against the originals.

    >>> import quoteverify
    >>> report = quoteverify.check("examples/ice-repost.txt", library="sources")
    >>> report.summary()["verified"]
"""

from __future__ import annotations

__version__ = "0.1.0"

# The `extract` stage package shares its name with the `extract()` function: import the
# package first, so that a later lazy import of it cannot rebind `quoteverify.extract`.
from . import extract as _extract_stage  # noqa: F401
from .check import Checker, CheckOptions, check, extract
from .errors import ConfigError, InputError, QuoteverifyError
from .library import Library
from .model import (
    Change,
    Document,
    DocumentReport,
    Evidence,
    Finding,
    Mention,
    Notice,
    Quote,
    Report,
    Source,
    Turn,
)
from .report import FORMATS, render

__all__ = [
    "FORMATS",
    "Change",
    "CheckOptions",
    "Checker",
    "ConfigError",
    "Document",
    "DocumentReport",
    "Evidence",
    "Finding",
    "InputError",
    "Library",
    "Mention",
    "Notice",
    "Quote",
    "QuoteverifyError",
    "Report",
    "Source",
    "Turn",
    "__version__",
    "check",
    "extract",
    "render",
]
