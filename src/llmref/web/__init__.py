"""The web site, JSON API and static export over one catalogue (see docs/web.md)."""
