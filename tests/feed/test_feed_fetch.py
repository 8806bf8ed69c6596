"""Fetching for real from a local HTTP server: validators, 304, retries with back-off, errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from llmref.feed.fetch import fetch, read_file
from tests.feed.conftest import FEEDS
from tests.feed.feed_server import FeedServer, serve

BODY = (FEEDS / "rss20.xml").read_bytes()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve(FeedServer(body=BODY)) as running:
        yield running


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def test_a_fetch_returns_the_body_and_its_validators(server: FeedServer) -> None:
    result = fetch(server.url, timeout=5)
    assert result.status == "ok"
    assert result.content == BODY
    assert result.etag == '"v1"'
    assert result.http_status == 200
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert server.requests[0]["user-agent"].startswith("llmref/")
    assert "if-none-match" not in server.requests[0]


def test_the_etag_makes_the_next_fetch_a_304(server: FeedServer) -> None:
    first = fetch(server.url, timeout=5)
    second = fetch(server.url, etag=first.etag, timeout=5)
    assert second.status == "not-modified"
    assert second.http_status == 304
    assert second.content is None
    assert second.etag == '"v1"'
    assert server.requests[1]["if-none-match"] == '"v1"'


def test_last_modified_is_sent_back_as_if_modified_since(server: FeedServer) -> None:
    server.etag = None
    server.last_modified = "Thu, 18 Jul 2024 14:00:00 GMT"
    first = fetch(server.url, timeout=5)
    assert first.last_modified == "Thu, 18 Jul 2024 14:00:00 GMT"
    second = fetch(server.url, last_modified=first.last_modified, timeout=5)
    assert second.status == "not-modified"
    assert server.requests[1]["if-modified-since"] == "Thu, 18 Jul 2024 14:00:00 GMT"


def test_a_server_error_is_retried_with_exponential_back_off(server: FeedServer) -> None:
    server.status = 500
    sleeps = Sleeps()
    result = fetch(server.url, timeout=5, retries=2, backoff=0.5, sleep=sleeps)
    assert result.status == "error"
    assert result.attempts == 3
    assert len(server.requests) == 3
    assert sleeps.calls == [0.5, 1.0]
    assert result.error is not None and "HTTP 500" in result.error


def test_a_transient_failure_then_success(server: FeedServer) -> None:
    server.fail_first = 1
    server.retry_after = "2"
    sleeps = Sleeps()
    result = fetch(server.url, timeout=5, retries=2, backoff=0.5, sleep=sleeps)
    assert result.status == "ok"
    assert result.attempts == 2
    assert sleeps.calls == [2.0]  # the server's Retry-After, longer than our back-off


def test_a_client_error_is_final(server: FeedServer) -> None:
    server.status = 404
    sleeps = Sleeps()
    result = fetch(server.url, timeout=5, retries=3, sleep=sleeps)
    assert (result.status, result.attempts, result.http_status) == ("error", 1, 404)
    assert sleeps.calls == []


def test_a_timeout_is_an_error_not_an_exception(server: FeedServer) -> None:
    server.delay = 0.5
    result = fetch(server.url, timeout=0.1, retries=0)
    assert result.status == "error"
    assert result.error is not None and "timed out after 0.1 s" in result.error


def test_nothing_listening_is_an_error() -> None:
    with serve(FeedServer()) as stopped:
        url = stopped.url
    result = fetch(url, timeout=1, retries=1, sleep=Sleeps())
    assert result.status == "error"
    assert result.attempts == 2


def test_a_file_is_not_modified_while_its_bytes_are_the_same(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(BODY)
    first = read_file(path)
    assert first.status == "ok" and first.content == BODY
    assert first.etag is not None and first.etag.startswith("sha256:")
    assert read_file(path, previous_digest=first.etag).status == "not-modified"
    path.write_bytes(BODY + b"\n")
    assert read_file(path, previous_digest=first.etag).status == "ok"


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    result = fetch(str(tmp_path / "absent.xml"))
    assert result.status == "error"
    assert result.error is not None and "cannot read" in result.error
