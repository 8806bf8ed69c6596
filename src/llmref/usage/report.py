"""Run the queries on an engine and gather their results into a :class:`UsageReport`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import pyarrow as pa

from llmref.catalog import Catalog
from llmref.pricing import InvalidWorkload, Unavailable, Usage, no_price, request_cost
from llmref.store.codec import LazyPrices
from llmref.usage.engine import DuckDBEngine, Engine, Registered, unbound
from llmref.usage.load import LOG_VIEW, Log
from llmref.usage.normalize import MAX_LISTED_PROBLEMS
from llmref.usage.normalize import invalid_rows as invalid_rows_of
from llmref.usage.prices import Resolution, price_table
from llmref.usage.schema import LOG_SCHEMA, Problem
from llmref.usage.whatif import (
    Alternative,
    CachingWhatIf,
    RoutingSimulation,
    Traffic,
    alternatives_of,
    caching_what_if,
    simulate_routing,
)

GROUPINGS = {
    "day": ("day",),
    "week": ("week",),
    "month": ("month",),
    "model": ("model_id",),
    "provider": ("provider_id",),
    "tag": ("tag",),
    "session": ("project", "session"),
    "project": ("project",),
}


@dataclass(frozen=True, slots=True)
class Line:
    """One group of requests: its key (the grouping's values, as text) and its totals."""

    key: tuple[str, ...]
    rows: int
    requests: int
    input_tokens: int
    output_tokens: int
    cached_input_tokens: int
    cache_write_tokens: int
    cost: Decimal
    """Priced rows only; ``unpriced_rows`` are left out and counted."""
    cost_input: Decimal
    cost_cached: Decimal
    cost_write: Decimal
    cost_output: Decimal
    unpriced_rows: int
    provider_cost: Decimal | None
    """The cost the provider reported, summed over the rows that carry one."""
    provider_cost_rows: int
    llmref_cost_where_provider_cost: Decimal | None
    """llmref's cost of the rows that carry a provider cost (same rows, to compare)."""


@dataclass(frozen=True)
class UsageReport:
    """Everything ``llmref usage analyze`` shows; money in exact USD (round when printing)."""

    pricing: str
    """"day" (each request at the prices of its day) or "as_of" (every request at ``as_of``)."""
    as_of: date | None
    catalog_version: str
    total: Line
    groups: dict[str, tuple[Line, ...]]
    """Keyed by :data:`GROUPINGS` name; sessions and projects sorted by cost, the top ones."""
    alternatives: tuple[Alternative, ...]
    routing: RoutingSimulation | Unavailable | None
    caching: tuple[CachingWhatIf, ...]
    files: int
    invalid_rows: int
    duplicates: int
    unpriced_rows: int
    problems: tuple[Problem, ...]
    """Invalid rows and unpriced rows, each with its file and line (the first ones listed)."""
    rounded_prices: int
    first_day: date | None
    last_day: date | None


def _int(value: Any) -> int:
    return int(value) if value is not None else 0


def _money(value: Any) -> Decimal:
    return Decimal(0) if value is None else Decimal(value).normalize() + Decimal(0)


def _key(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def _line(row: dict[str, Any], key: Sequence[str]) -> Line:
    def opt(name: str) -> Decimal | None:
        value = row.get(name)
        return None if value is None else _money(value)

    return Line(
        key=tuple(_key(row.get(k)) for k in key),
        rows=_int(row["rows"]),
        requests=_int(row["requests"]),
        input_tokens=_int(row["input_tokens"]),
        output_tokens=_int(row["output_tokens"]),
        cached_input_tokens=_int(row["cached_input_tokens"]),
        cache_write_tokens=_int(row["cache_write_tokens"]),
        cost=_money(row["cost"]),
        cost_input=_money(row["cost_input"]),
        cost_cached=_money(row["cost_cached"]),
        cost_write=_money(row["cost_write"]),
        cost_output=_money(row["cost_output"]),
        unpriced_rows=_int(row["unpriced_rows"]),
        provider_cost=opt("provider_cost"),
        provider_cost_rows=_int(row.get("provider_cost_rows")),
        llmref_cost_where_provider_cost=opt("llmref_cost_where_provider_cost"),
    )


def _week(day: str) -> str:
    """The Monday of ``day``'s week (as SQL's ``date_trunc('week', …)``), both as YYYY-MM-DD."""
    if not day:
        return ""
    start = date.fromisoformat(day)
    return (start - timedelta(days=start.weekday())).isoformat()


def _rolled_up(
    lines: Sequence[Line], key: Callable[[tuple[str, ...]], tuple[str, ...]]
) -> list[Line]:
    """``lines`` summed by ``key`` of their keys (a provider cost is None where no line has
    one, as SQL's SUM of nulls)."""
    merged: dict[tuple[str, ...], list[Line]] = {}
    for line in lines:
        merged.setdefault(key(line.key), []).append(line)
    return [_sum(k, group) for k, group in merged.items()]


def _sum(key: tuple[str, ...], lines: Sequence[Line]) -> Line:
    def total(name: str) -> Any:
        return sum(getattr(ln, name) for ln in lines)

    def money(name: str) -> Decimal:
        return _money(sum((getattr(ln, name) for ln in lines), Decimal(0)))

    def opt(name: str) -> Decimal | None:
        values = [getattr(ln, name) for ln in lines if getattr(ln, name) is not None]
        return _money(sum(values, Decimal(0))) if values else None

    return Line(
        key=key,
        rows=total("rows"),
        requests=total("requests"),
        input_tokens=total("input_tokens"),
        output_tokens=total("output_tokens"),
        cached_input_tokens=total("cached_input_tokens"),
        cache_write_tokens=total("cache_write_tokens"),
        cost=money("cost"),
        cost_input=money("cost_input"),
        cost_cached=money("cost_cached"),
        cost_write=money("cost_write"),
        cost_output=money("cost_output"),
        unpriced_rows=total("unpriced_rows"),
        provider_cost=opt("provider_cost"),
        provider_cost_rows=total("provider_cost_rows"),
        llmref_cost_where_provider_cost=opt("llmref_cost_where_provider_cost"),
    )


def priced_rows(engine: Engine, log: pa.Table, prices: pa.Table) -> Any:
    """The priced-rows expression of ``log`` on ``engine`` (see :func:`queries.priced`)."""
    from llmref.usage import queries

    return queries.priced(engine.table(LOG_VIEW, log), engine.table("prices", prices))


def _unpriced(
    engine: Engine,
    rows: Any,
    resolutions: dict[tuple[str, str], Resolution],
    as_of: date | None = None,
) -> list[Problem]:
    """The first unpriced rows with the reason: the resolution's, or the engine's own."""
    cols = ["source", "line", "model", "provider", "day", "batch", "requests"]
    cols += ["input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens"]
    cols += ["cache_write_1h_tokens"]
    found = engine.run(
        rows.filter(rows.cost.isnull())
        .select(*cols)
        .order_by(["source", "line"])
        .limit(MAX_LISTED_PROBLEMS)
    ).to_pylist()
    reasons: dict[tuple[Any, ...], str] = {}
    problems = []
    for r in found:
        res = resolutions.get((r["model"], r["provider"]))
        when = as_of or r["day"]
        if res is None or res.offering is None:
            reason = res.reason if res is not None and res.reason else "cannot be priced"
        elif res.offering.price_on(when) is None:
            # No price that day, whatever the request: one reason per offering and day.
            day_key: tuple[Any, ...] = (res.offering.key, when)
            reason = reasons.get(day_key) or no_price(res.offering, when).reason
            reasons[day_key] = reason
        else:
            n = max(r["requests"], 1)
            key = (r["model"], r["provider"], when, r["batch"], r["input_tokens"] // n)
            reason = reasons.get(key, "")
            if not reason:
                try:
                    usage = Usage(
                        r["input_tokens"] // n,
                        r["output_tokens"] // n,
                        r["cached_input_tokens"] // n,
                        (r["cache_write_tokens"] + r["cache_write_1h_tokens"]) // n,
                        r["batch"],
                    )
                    cost = request_cost(res.offering, usage, when)
                    reason = cost.reason if isinstance(cost, Unavailable) else "cannot be priced"
                except InvalidWorkload as exc:
                    reason = str(exc)
                reasons[key] = reason
        problems.append(Problem(r["source"], r["line"], "model", reason, "unpriced"))
    return problems


def _unpriced_rows(log_expr: Any, cubed: Any, prices: Any) -> Any:
    """The log's rows on the (model, provider, day) of unpriced cells, priced row by row (the
    second pass reads only them)."""
    from llmref.usage import queries

    unpriced = cubed.filter(~cubed.priced)
    keys = unpriced.select(
        unpriced.model.name("u_model"),
        unpriced.provider.name("u_provider"),
        unpriced.day.name("u_day"),
    ).distinct()
    suspects = log_expr.semi_join(
        keys,
        [
            log_expr.model == keys.u_model,
            log_expr.provider == keys.u_provider,
            log_expr.day == keys.u_day,
        ],
    )
    return queries.priced(suspects, prices)


def _log_table(default_provider: str | None) -> Any:
    """The log as an Ibis table (DuckDB reads the view in place; another engine has the rows
    registered under the same name)."""
    expr = unbound(LOG_VIEW, LOG_SCHEMA)
    if default_provider:
        expr = expr.mutate(provider=(expr.provider == "").ifelse(default_provider, expr.provider))
    return expr


def _queries() -> Any:
    """The query module (imported when a query is built: it loads Ibis)."""
    from llmref.usage import queries

    return queries


def catalogue_thresholds(catalog: Catalog) -> list[int]:
    """Every long-context tier threshold any price of the catalogue has (a handful): the log is
    banded over all of them in its one scan, before it is known which offerings it names, so
    any later question (the logged routes, alternatives, routing) finds its tiers' bands."""
    cached = _LAST_THRESHOLDS
    if cached and cached[0][0] is catalog:
        return list(cached[0][1])
    found: set[int] = set()
    for o in catalog.offerings:
        if isinstance(o.prices, LazyPrices):
            found |= o.prices.tier_thresholds()  # (without decoding every price of the store)
        else:
            found.update(t.above_input_tokens for p in o.prices for t in p.tiers)
    tiers = sorted(found)
    cached[:] = [(catalog, tiers)]
    return list(tiers)


_LAST_THRESHOLDS: list[tuple[Catalog, list[int]]] = []
"""The last catalogue's thresholds (a server asks of one catalogue again and again)."""


def _pairs_of(summed: pa.Table) -> set[tuple[str, str]]:
    """The distinct (model, provider) pairs of the cells. (With compute kernels: a table's
    ``group_by`` would load pyarrow's query engine, a fifth of a second of a command's start.)"""
    import pyarrow.compute as pc

    def encoded(name: str) -> tuple[Any, list[Any]]:
        # (A null gets the code after the dictionary's last value.)
        column = summed.column(name).combine_chunks().dictionary_encode()
        values = [*column.dictionary.to_pylist(), None]
        return pc.fill_null(column.indices.cast(pa.int64()), len(values) - 1), values

    (models, names), (providers, places) = encoded("model"), encoded("provider")
    width = len(places)
    codes = pc.unique(pc.add(pc.multiply(models, width), providers)).to_pylist()
    return {(names[code // width], places[code % width]) for code in codes}


def build_report(
    catalog: Catalog,
    log: Log,
    *,
    as_of: date | None = None,
    alternatives: Sequence[str] = (),
    alternatives_as_of: date | None = None,
    top: int = 10,
    routing: tuple[str, str | None, Decimal] | None = None,
    cache_shares: Sequence[Decimal] = (),
    engine: Engine | None = None,
    default_provider: str | None = None,
) -> UsageReport:
    """Price ``log`` and summarise it. ``as_of`` None prices each request at its own day's
    prices; a date reprices everything at that day's (``--at-today``). ``routing`` is
    (target model, tag or None, share): requests of that tag, or that share of all requests,
    sent to the target model. ``default_provider`` prices rows that name no provider there
    instead of on the model's vendor route. ``engine`` defaults to DuckDB on the log's own
    connection."""
    engine = engine if engine is not None else DuckDBEngine(log.con)
    thresholds = catalogue_thresholds(catalog)
    if not (isinstance(engine, DuckDBEngine) and engine.con is log.con):
        engine.register(LOG_VIEW, log.table)
    # Every query is asked for by key (its SQL may be cached: see engine.query), built here
    # only when needed. One scan of the log, summed into cells before any price is looked up;
    # every figure below is read from the priced cells.
    bands = tuple(thresholds)

    constants = dict(log.constants)
    if "provider" in constants and default_provider:
        constants["provider"] = default_provider
    fixed = tuple(sorted(constants.items(), key=lambda item: item[0]))

    # The groupings the report reads in one query (see queries.summaries); models, providers,
    # weeks, months, projects and the total are sums of those lines (exact Decimal sums: the
    # same figures). With alternatives asked for, the same query sums their traffic (by band
    # and batch). A log without provider costs has their sums left out.
    queried = {
        "day": GROUPINGS["day"],
        "offering": ("model_id", "provider_id"),
        "tag": GROUPINGS["tag"],
        "session": GROUPINGS["session"],
    }
    keys = tuple(queried.values())
    want_bands = bool(alternatives)
    provider_costs = constants.get("provider_cost", True) is not None

    def tables(
        flags: bool,
    ) -> tuple[
        list[dict[str, Any]], Registered, Registered, dict[tuple[str, str], Resolution], int
    ]:
        summed = engine.query(
            ("cells", bands, default_provider, flags, fixed),
            lambda: _queries().cells(_log_table(default_provider), thresholds, flags, constants),
        )
        prices, resolutions, rounded = price_table(catalog, _pairs_of(summed), as_of)
        tiers = {int(v) for v in prices.column("band_lo").to_pylist() if v >= 0}
        if not tiers <= set(thresholds):
            # (Cannot happen: the thresholds are the catalogue's own. A band that straddled a
            # tier would be priced at one side of it, so refuse rather than mis-price.)
            raise ValueError(f"tier thresholds {sorted(tiers - set(thresholds))} are not banded")
        cells = Registered.of(engine, "usage_cells", summed)
        price_rows = Registered.of(engine, "prices", prices)
        found = engine.query(
            ("tables", bands, cells.key, price_rows.key, keys, want_bands, provider_costs),
            lambda: _queries().summaries(
                _queries().priced_cells(cells.expr(), price_rows.expr(), thresholds),
                keys,
                want_bands,
                provider_costs,
            ),
        ).to_pylist()
        return found, cells, price_rows, resolutions, rounded

    # Cells not split by the kinds of token used (half as many); only when some cell needs
    # that split (a kind of token without a price, provider costs on some of its rows) is the
    # log summed again with it.
    rows, cells, price_rows, resolutions, rounded = tables(False)
    if any(r["mixed_cells"] for r in rows if r["grouping"] == 0):
        rows, cells, price_rows, resolutions, rounded = tables(True)

    @cache
    def cubed() -> Registered:
        """The priced cells, handed over once something reads them cell by cell (unpriced
        rows, routing, caching): the tables above priced them inside their own query."""
        priced = engine.query(
            ("priced_cells", bands, cells.key, price_rows.key),
            lambda: _queries().priced_cells(cells.expr(), price_rows.expr(), thresholds),
        )
        return Registered.of(engine, "usage_cube", priced)

    by_grouping: list[list[dict[str, Any]]] = [[] for _ in range(len(keys) + want_bands)]
    for row in rows:
        by_grouping[row["grouping"]].append(row)
    summed: dict[str, list[Line]] = {}
    for (name, key), result in zip(queried.items(), by_grouping[: len(keys)], strict=True):
        names = [f"key{i}" for i in range(len(key))]
        summed[name] = [_line(r, names) for r in result]
    summed["model"] = _rolled_up(summed["offering"], lambda k: k[:1])
    summed["provider"] = _rolled_up(summed["offering"], lambda k: k[1:])
    summed["week"] = _rolled_up(summed["day"], lambda k: (_week(k[0]),))
    summed["month"] = _rolled_up(summed["day"], lambda k: (k[0][:8] + "01" if k[0] else "",))
    summed["project"] = _rolled_up(summed["session"], lambda k: k[:1])
    groups: dict[str, tuple[Line, ...]] = {}
    for name in GROUPINGS:
        # (By key, as SQL's ORDER BY: dates as YYYY-MM-DD sort as dates; no value last.)
        lines = sorted(summed[name], key=lambda ln: tuple((v == "", v) for v in ln.key))
        if name in ("session", "project"):
            lines = sorted(lines, key=lambda ln: (-ln.cost, ln.key))[:top]
        groups[name] = tuple(lines)
    total = _sum((), summed["day"])
    invalid_rows, problems = log.invalid_rows, list(log.problems)
    if log.pending and log.pending_invalid(total.rows):
        # The sums show rows were left out: count and list them (a scan only in that case).
        for view in log.pending:
            count, found = invalid_rows_of(log.con, view)
            invalid_rows += count
            problems.extend(found)
    unpriced = []
    if total.unpriced_rows:
        # A second pass, only when some rows have no price: which rows, with file and line.
        suspects = _unpriced_rows(_log_table(default_provider), cubed().expr(), price_rows.expr())
        unpriced = _unpriced(engine, suspects, resolutions, as_of)
    days = [ln.key[0] for ln in groups["day"] if ln.key[0]]
    alts: tuple[Alternative, ...] = ()
    if want_bands:
        load = Traffic.of_summary(by_grouping[len(keys)], thresholds)
        alts = alternatives_of(catalog, load, alternatives, alternatives_as_of, total.cost)
    simulation = None
    if routing is not None:
        simulation = simulate_routing(
            catalog, engine, cubed(), thresholds, routing, alternatives_as_of, total.cost
        )
    caching = tuple(
        caching_what_if(catalog, engine, cubed(), thresholds, share, alternatives_as_of)
        for share in cache_shares
    )
    return UsageReport(
        pricing="day" if as_of is None else "as_of",
        as_of=as_of,
        catalog_version=catalog.version,
        total=total,
        groups=groups,
        alternatives=alts,
        routing=simulation,
        caching=caching,
        files=log.files,
        invalid_rows=invalid_rows,
        duplicates=log.duplicates,
        unpriced_rows=total.unpriced_rows,
        problems=(*problems, *unpriced),
        rounded_prices=rounded,
        first_day=date.fromisoformat(days[0]) if days else None,
        last_day=date.fromisoformat(days[-1]) if days else None,
    )
