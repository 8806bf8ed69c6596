"""A corpus of hostile inputs, shared by the tests of every entry point (routes, CLI options,
data files, feed items). Each value is something a client, a file or a feed can send."""

from __future__ import annotations

HOSTILE_TEXT: tuple[str, ...] = (
    "",
    " ",
    "x" * 5000,
    "9" * 5000,  # beyond Python's int parsing limit
    "1e308",
    "-1",
    "NaN",
    "Infinity",
    "0x10",
    "²",  # a digit to str.isdigit(), not to int()
    "１２３",  # full-width digits
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "%00",
    "a\x00b",
    "line\r\nSet-Cookie: x=1",
    "' OR 1=1 --",
    "'; DROP TABLE models; --",
    "{0.__class__}",
    "%s%s%s%n",
    "\u202egnp.exe",  # right-to-left override
    "\U0001f4a9" * 50,  # astral-plane characters
    "gpt-4o," * 100,
    ",,,,,,",
    "gpt-4o\tgpt-4o-mini",
)
"""Every one is answered with a status that names the problem, never 500, never a
traceback, and shown (when at all) as text."""
