"""Web sources: fetch, read, cache and archive pages like a careful newsroom tool.

This package is the only part of quoteverify that uses the network.
"""

from __future__ import annotations

from .cache import cache_clear, cache_info, cache_path
from .client import ApiResponse, Fetched, WebAdapter, WebClient
from .decode import DecodeError, decode_body
from .options import WebOptions, default_user_agent
from .progress import StderrProgress
from .transcript import parse_transcript

__all__ = [
    "ApiResponse",
    "DecodeError",
    "Fetched",
    "StderrProgress",
    "WebAdapter",
    "WebClient",
    "WebOptions",
    "cache_clear",
    "cache_info",
    "cache_path",
    "decode_body",
    "default_user_agent",
    "parse_transcript",
]
