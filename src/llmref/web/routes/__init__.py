"""Routes: `pages` (HTML and their .json twins) and `api` (/api/v1)."""
