"""Item HTML made safe (nh3), and the plain text the analysis reads.

Nothing from a feed may run in a reader's browser: scripts, styles, event handlers, forms,
frames and images are removed (images would let a feed track who reads it), links keep only
http(s)/mailto targets and get ``rel="nofollow noopener noreferrer"``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urljoin, urlsplit

import nh3

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl", "dt", "em",
        "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol", "p",
        "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
        "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan"},
    "th": {"colspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed together with everything inside them (nh3 keeps the text of other unknown tags).
DROP_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "noscript"})

# Characters XML 1.0 forbids; a feed (or our Atom output) containing them is not well-formed.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TAG = re.compile(r"<[^>]*>")
_HREF = re.compile(r' href="([^"]*)"')
# nh3 writes tags in lower case and <br> without a slash, so these find every block end.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|tr|dt|dd|blockquote|pre|figcaption)>|<(?:br|hr)>")
_CELL_END = re.compile(r"</t[dh]>")

# One cleaner, built once: building one per item would cost more than the cleaning. Relative
# links pass through it and are resolved (or dropped) afterwards, per item.
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROP_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel="nofollow noopener noreferrer",
    url_relative="pass_through",
)
_TEXT_CLEANER = nh3.Cleaner(
    tags={"br", "p", "li"}, clean_content_tags=set(DROP_WITH_CONTENT), attributes={}
)


def strip_invalid_xml(text: str) -> str:
    return _XML_INVALID.sub("", text)


def is_web_url(value: str | None) -> bool:
    if not value:
        return False
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def clean_html(fragment: str, base_url: str | None = None) -> str:
    """Sanitised HTML. Relative links are resolved against `base_url` (the item's link) when
    that is a web URL, and dropped otherwise: on our pages they would point at our own site."""
    cleaned = _CLEANER.clean(strip_invalid_xml(fragment)).strip()
    if ' href="' not in cleaned:
        return cleaned
    base = base_url.strip() if base_url and is_web_url(base_url) else None

    def absolute(match: re.Match[str]) -> str:
        href = html.unescape(match.group(1))
        if urlsplit(href).scheme:
            return match.group(0)  # absolute: nh3 already kept only allowed schemes
        resolved = urljoin(base, href) if base else ""
        return f' href="{html.escape(resolved)}"' if is_web_url(resolved) else ""

    return _HREF.sub(absolute, cleaned)


def html_to_text(fragment: str) -> str:
    """Plain text of an untrusted HTML fragment: script and style bodies are dropped first."""
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    return text_of_clean_html(_TEXT_CLEANER.clean(fragment))


def text_of_clean_html(fragment: str) -> str:
    """Plain text of HTML that nh3 already cleaned: block ends become line breaks, tags go
    (inline ones without a space: "<b>GPT</b>-4o" stays one name), entities are decoded and
    runs of spaces collapse."""
    text = fragment
    if "<" in text:
        text = _BLOCK_END.sub("\n", text)
        if "</t" in text:
            text = _CELL_END.sub(" ", text)
        text = _TAG.sub("", text)
    if "&" in text:
        # An entity can spell a character XML forbids (&#1;): strip those again.
        text = strip_invalid_xml(html.unescape(text))
    return _lines(text)


def plain_title(value: str) -> str:
    """A title as one line of plain text: feeds put markup and entities in titles."""
    text = html_to_text(value) if ("<" in value or "&" in value) else value
    return " ".join(text.split())


def _tidy(text: str) -> str:
    return _lines(strip_invalid_xml(text))


def _lines(text: str) -> str:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # Spaces (including no-break spaces) collapse within a line; blank lines disappear.
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
