"""The response cache: least recently used out first, bounded by bytes and by entries."""

from __future__ import annotations

from llmref.web.cache import ResponseCache


def _entry(size: int) -> tuple[int, str | None, bytes]:
    return (200, "text/html", b"x" * size)


def test_the_least_recently_used_entry_goes_first_when_entries_are_bounded() -> None:
    cache = ResponseCache(max_bytes=10_000, max_entries=3)
    for key in "abc":
        cache.put(key, _entry(10))
    assert cache.get("a") is not None  # a is now the most recently used
    cache.put("d", _entry(10))
    assert len(cache) == 3
    assert cache.get("b") is None
    assert all(cache.get(k) is not None for k in "acd")


def test_total_bytes_stay_under_the_bound() -> None:
    cache = ResponseCache(max_bytes=800, max_entries=1000)
    for i in range(50):
        cache.put(i, _entry(90))
    assert cache.size <= 800
    assert len(cache) == 8  # 8 x 90 = 720 bytes; a ninth would pass 800
    assert cache.get(49) is not None and cache.get(41) is None


def test_an_entry_larger_than_an_eighth_of_the_bound_is_not_kept() -> None:
    cache = ResponseCache(max_bytes=800)
    cache.put("big", _entry(101))
    assert len(cache) == 0 and cache.size == 0


def test_replacing_an_entry_counts_its_bytes_once() -> None:
    cache = ResponseCache(max_bytes=800)
    cache.put("a", _entry(50))
    cache.put("a", _entry(70))
    assert len(cache) == 1 and cache.size == 70
