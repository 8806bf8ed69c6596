"""Narrowing a request to the query parameters its route reads (llmref.web.query)."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from llmref.web.query import UndeclaredParameter, narrow, normalise

NAMES = frozenset({"as_of", "models"})


def test_normalise_keeps_declared_names_sorted_and_as_encoded() -> None:
    query = b"x=1&models=a%2Cb&as_of=2025-01-01&utm_source=z&models=c"
    # Sorted by name; the two `models` values keep their order; %2C stays as sent.
    assert normalise(query, NAMES) == b"as_of=2025-01-01&models=a%2Cb&models=c"


def test_normalise_of_only_unread_parameters_is_empty() -> None:
    assert normalise(b"a=1&b=2&b=3", NAMES) == b""
    assert normalise(b"", NAMES) == b""


def test_normalise_decodes_names_before_comparing() -> None:
    assert normalise(b"as%5Fof=2025-01-01&mod+els=a", NAMES) == b"as%5Fof=2025-01-01"


def _request(query: bytes) -> Request:
    return Request(
        {"type": "http", "method": "GET", "path": "/", "query_string": query, "headers": []}
    )


def test_a_narrowed_request_sees_only_declared_parameters() -> None:
    narrowed = narrow(_request(b"models=a&evil=1"), NAMES)
    assert narrowed.url.query == "models=a"
    assert narrowed.query_params.get("models") == "a"
    assert narrowed.query_params.getlist("models") == ["a"]


def test_reading_an_undeclared_parameter_warns() -> None:
    narrowed = narrow(_request(b"models=a&evil=1"), NAMES)
    with pytest.warns(UndeclaredParameter, match="'evil' is read but not declared"):
        assert narrowed.query_params.get("evil") is None
