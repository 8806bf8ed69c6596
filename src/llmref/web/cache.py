"""A bounded in-memory cache of rendered answers for the live server.

A page is a pure function of the catalogue version, the date prices are read on and the URL,
so its bytes can be kept and served again until one of those changes (they are part of the
key). The cache is bounded by total bytes and by number of entries, least recently used out
first; its keys hold only the query parameters a route reads (llmref.web.query), so a client
adding parameters cannot make copies of a page. Rendering is still
fast without it (see bench/bench_web.py); with it a popular comparison page costs about what a
trivial route does.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

Entry = tuple[int, str | None, bytes]
"""(status, media type, body)."""


class ResponseCache:
    def __init__(self, max_bytes: int = 64 * 1024 * 1024, max_entries: int = 20_000) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: Hashable, entry: Entry) -> None:
        size = len(entry[2])
        if size > self.max_bytes // 8:
            return  # one huge page would push out everything else
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old[2])
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes or len(self._entries) > self.max_entries:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped[2])

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        """Bytes of the bodies held."""
        return self._bytes
