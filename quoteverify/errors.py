"""The exceptions quoteverify raises; the CLI turns each into one line and an exit code."""

from __future__ import annotations


class QuoteverifyError(Exception):
    """Base class. ``hint`` tells the user how to fix the problem."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(QuoteverifyError):
    """The input cannot be read as text: missing, binary, empty, undecodable, unfetchable."""


class ConfigError(QuoteverifyError):
    """A configuration file or option is invalid."""
