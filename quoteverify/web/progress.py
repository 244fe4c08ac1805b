"""A one-line progress display on stderr while several sources are fetched.

Only at a terminal, and never on stdout: stdout carries the report, which
other tools parse.
"""

from __future__ import annotations

import sys
import threading
from typing import TextIO
from urllib.parse import urlsplit


class StderrProgress:
    """Callable as ``progress(done, total, url)``; pass it to `WebAdapter` or `WebClient.load_many`."""

    def __init__(self, stream: TextIO | None = None, force: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = force or bool(isatty and isatty())
        self._width = 0
        self._lock = threading.Lock()

    def __call__(self, done: int, total: int, url: str) -> None:
        if not self.enabled or total < 2:
            return
        text = f"fetching sources {done}/{total} {urlsplit(url).netloc or url}"[:100]
        with self._lock:
            pad = max(0, self._width - len(text))
            self._width = len(text)
            self.stream.write("\r" + text + " " * pad)
            self.stream.flush()
        if done >= total:
            self.close()

    def close(self) -> None:
        """Erase the line, so what follows on stderr starts clean."""
        with self._lock:
            if self._width:
                self.stream.write("\r" + " " * self._width + "\r")
                self.stream.flush()
                self._width = 0
