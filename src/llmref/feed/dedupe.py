"""The keys that say two items are the same story.

An incoming item is a duplicate of a stored one when any of these holds:

* same feed and same guid (the feed's own id for the item);
* same link, from any feed, after :func:`link_key` (scheme, ``www.``, fragment, tracking
  parameters and a trailing slash do not make a link different);
* same feed and same :func:`title_key`, and the two dates are the same day or one is missing
  (a weekly column reusing its title on another day is a new item).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit

from llmref.feed.types import ParsedItem

__all__ = ["content_hash", "link_key", "title_key"]

_TRACKING = re.compile(r"^(?:utm_.*|fbclid|gclid|mc_cid|mc_eid|ref|ref_src)$", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+")


def link_key(link: str | None) -> str | None:
    if not link:
        return None
    parts = urlsplit(link.strip())
    if not parts.netloc:
        return None
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or ""
    key = f"{host}{path}" + (f"?{query}" if query else "")
    return key[:2000]


def title_key(title: str) -> str:
    """Case, accents' composition, punctuation and spacing removed: "GPT-4o mini — Released!"
    and "gpt 4o mini released" are one title."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    return _NON_WORD.sub(" ", folded).strip()[:1000]


def content_hash(item: ParsedItem) -> str:
    """Changes when what a reader sees changes (title, link, body)."""
    digest = hashlib.sha256()
    for part in (item.title, item.link or "", item.content_html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()
