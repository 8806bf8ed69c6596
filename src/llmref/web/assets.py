"""Static files (the stylesheet and the script), served from memory.

The files are read once, at start, with their gzip form and a strong ETag (a digest of the
bytes). An answer is a dictionary lookup and two ``send`` calls: no file system access, no
compression per request, no middleware behind. Browsers may keep a copy for a day and then
revalidate with ``If-None-Match`` (a 304 of no body) — the ETag changes with the file's bytes,
so a new release is picked up within the day at most.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from starlette.types import Scope, Send

MAX_AGE = 86_400
CACHE_CONTROL = f"public, max-age={MAX_AGE}".encode()


@dataclass(frozen=True, slots=True)
class Asset:
    body: bytes
    gzipped: bytes | None
    etag: bytes
    media_type: bytes


def _media_type(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith("script") else kind


class Assets:
    def __init__(self, directory: Path) -> None:
        self.files: dict[str, Asset] = {}
        for path in sorted(directory.iterdir()):
            if not path.is_file():
                continue
            body = path.read_bytes()
            packed = gzip.compress(body, compresslevel=9, mtime=0)
            self.files[f"/static/{path.name}"] = Asset(
                body,
                packed if len(packed) < len(body) else None,
                f'"{hashlib.sha256(body).hexdigest()[:20]}"'.encode(),
                _media_type(path).encode(),
            )

    async def serve(
        self, scope: Scope, send: Send, security: list[tuple[bytes, bytes]], head: bool
    ) -> None:
        asset = self.files.get(scope["path"])
        if asset is None:
            body = b"Not found\n"
            headers = [(b"content-type", b"text/plain; charset=utf-8"), *security]
            await _answer(send, 404, body, headers, head)
            return
        inm = accept = b""
        for key, value in scope["headers"]:
            if key == b"if-none-match":
                inm = value
            elif key == b"accept-encoding":
                accept = value
        headers = [
            (b"etag", asset.etag),
            (b"cache-control", CACHE_CONTROL),
            (b"vary", b"Accept-Encoding"),
            *security,
        ]
        if inm and (inm.strip() == b"*" or asset.etag in inm.replace(b"W/", b"")):
            await _answer(send, 304, b"", headers, True)
            return
        headers.append((b"content-type", asset.media_type))
        body = asset.body
        if asset.gzipped is not None and b"gzip" in accept:
            body = asset.gzipped
            headers.append((b"content-encoding", b"gzip"))
        await _answer(send, 200, body, headers, head)


async def _answer(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]], head: bool
) -> None:
    if status != 304:
        headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})
