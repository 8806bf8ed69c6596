"""Each route sees only the query parameters it reads, normalised.

A cached answer is keyed by the URL's query string. Keyed by the raw string, any client could
fill the cache with copies of one page by adding parameters the page never reads
(``/models?x=1``, ``?x=2``, ...), each a new key, each a new render: a cache-busting denial of
service and wasted memory. So before a page is built (and before its cache key is made) the
query string is cut down to the parameters the route declares, sorted by name (the order of
the values of one repeated name is kept): ``/models?x=1&as_of=2025-01-01`` and
``/models?as_of=2025-01-01`` are one key and one render.

The page is built from that narrowed request, so the key and the answer depend on exactly the
same parameters by construction. A page that asks for a parameter its route did not declare
gets nothing and a :class:`UndeclaredParameter` warning (an error in the test suite), so a new
parameter cannot be silently ignored: declare it where the route is registered.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote_plus

from starlette.datastructures import QueryParams
from starlette.requests import Request

PAGE_COMMON = frozenset({"as_of", "routes", "sort", "page"})
"""Read by (nearly) every page: the date prices are read on, the route policy, and the sort
order and page number of long lists."""


class UndeclaredParameter(UserWarning):
    """A page read a query parameter its route does not declare (it always gets nothing)."""


class DeclaredParams(QueryParams):
    """The query parameters of a narrowed request; asking for an undeclared one warns."""

    def __init__(self, query: str, names: frozenset[str]) -> None:
        super().__init__(query)
        self.declared = names

    def _check(self, key: Any) -> None:
        if key not in self.declared:
            warnings.warn(
                f"query parameter {key!r} is read but not declared for this route "
                f"(declared: {', '.join(sorted(self.declared)) or 'none'})",
                UndeclaredParameter,
                stacklevel=3,
            )

    def __getitem__(self, key: Any) -> str:
        self._check(key)
        return super().__getitem__(key)

    def __contains__(self, key: Any) -> bool:
        self._check(key)
        return super().__contains__(key)

    def getlist(self, key: Any) -> list[str]:
        self._check(key)
        return super().getlist(key)


class NarrowRequest(Request):
    """A request whose query string holds only the declared parameters."""

    declared: frozenset[str] = frozenset()

    @property
    def query_params(self) -> QueryParams:
        if not hasattr(self, "_query_params"):
            query = self.scope["query_string"].decode("latin-1")
            self._query_params = DeclaredParams(query, self.declared)
        return self._query_params


def normalise(query: bytes, names: frozenset[str]) -> bytes:
    """`query` with only the parameters in `names`, sorted by name (stable: repeated values of
    one name keep their order). Each kept ``name=value`` stays as the client encoded it (so
    links built from the query look as they did)."""
    if not query:
        return b""
    kept = []
    for piece in query.split(b"&"):
        raw_name = piece.split(b"=", 1)[0]
        name = unquote_plus(raw_name.decode("latin-1"))
        if name in names:
            kept.append((name, piece))
    kept.sort(key=lambda pair: pair[0])
    return b"&".join(piece for _, piece in kept)


def narrow(request: Request, names: frozenset[str]) -> Request:
    """`request` as the route sees it: only the parameters in `names`, normalised."""
    scope = request.scope
    query: bytes = scope.get("query_string", b"")
    narrowed = NarrowRequest({**scope, "query_string": normalise(query, names)}, request.receive)
    narrowed.declared = names
    return narrowed


def route_names(request: Request) -> frozenset[str] | None:
    """The query parameters the matched route reads: declared on a page handler
    (``query_names``, see :func:`declare`) or, for an API operation, its declared query
    parameters plus the page-wide ones its page reads; None when unknown (no narrowing)."""
    scope = request.scope
    declared = getattr(scope.get("endpoint"), "query_names", None)
    if declared is not None:
        return declared  # type: ignore[no-any-return]
    route = scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return None
    names = frozenset(p.alias for p in dependant.query_params)
    # `routes` is honoured by every page-backed operation (see routes.pages.as_of).
    return names | {"routes"}


def declare(handler: Any, names: Iterable[str]) -> None:
    """Record on a page handler the query parameters its page reads."""
    handler.query_names = PAGE_COMMON | frozenset(names)
