"""Small view helpers the page modules share: links as typed values (the templates' ``a()``
macro renders and escapes them; no HTML is built here) and the anchor of a conflict on the
conflicts page. Where a source reference points is :meth:`llmref.web.urls.Links.source_href`."""

from __future__ import annotations

from llmref.web.conflict_links import conflict_anchor
from llmref.web.pages.listing import Link

__all__ = ["conflict_anchor", "external", "link"]


def link(href: str | None, text: str, title: str | None = None) -> Link:
    """A link to a page of the site (text alone when a static export left the page out)."""
    return Link(text, href, title)


def external(url: str | None, text: str) -> Link | str:
    """A link to a page outside the site, or the text alone when there is no URL."""
    return Link(text, url, external=True) if url else text
