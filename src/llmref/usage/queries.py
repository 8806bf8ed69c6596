"""The analysis, written once as Ibis expressions: DuckDB runs it on one machine, Spark (or any
Ibis backend) runs the very same expressions when the logs outgrow it.

Money stays exact: tokens become DECIMAL(13, 0), prices are DECIMAL(24, 24) per token (a
price per 1M tokens with up to 18 decimals), each product is cast to DECIMAL(30, 24) — both
engines' multiplication types (DuckDB's 37 digits, Spark's 38) hold it without rounding — and
sums are DECIMAL(38, 24). A row's cost therefore equals the Decimal pricing
engine's figure digit for digit.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from llmref.usage.prices import KINDS

TOKENS = dt.Decimal(13, 0)
COST = dt.Decimal(30, 24)
TOTAL = dt.Decimal(38, 24)
ZERO = ibis.literal(0, TOKENS).cast(COST)

# The token count each price kind applies to (input means uncached, unwritten input).
_TOKENS_OF = {
    "cached": "cached_input_tokens",
    "write": "cache_write_tokens",
    "write_1h": "cache_write_1h_tokens",
    "output": "output_tokens",
}


def priced(log: ir.Table, prices: ir.Table) -> ir.Table:
    """Every log row with the catalogue ids it was priced on, its cost split by kind of token,
    and ``cost`` (NULL when the row cannot be priced: no price that day, or a price the request
    needs is not listed). Rows are never dropped: a left join keeps the unpriced ones."""
    p = prices.select(
        prices.model.name("p_model"),
        prices.provider.name("p_provider"),
        *[prices[c] for c in prices.columns if c not in ("model", "provider")],
    )
    joined = log.left_join(
        p,
        [
            log.model == p.p_model,
            log.provider == p.p_provider,
            log.day >= p.day_from,
            log.day < p.day_to,
            # The request's input size picks the long-context band (an aggregated row's average).
            log.input_tokens > p.band_lo * log.requests,
            log.input_tokens <= p.band_hi * log.requests,
        ],
    )
    uncached = (
        joined.input_tokens
        - joined.cached_input_tokens
        - joined.cache_write_tokens
        - joined.cache_write_1h_tokens
    )
    counts = {"input": uncached, **{k: joined[v] for k, v in _TOKENS_OF.items()}}
    parts = {}
    missing = joined.model_id.isnull()
    for kind in KINDS:
        price = joined.batch.ifelse(joined[f"pb_{kind}"], joined[f"p_{kind}"])
        tokens = counts[kind]
        missing = missing | ((tokens > 0) & price.isnull())
        product = (tokens.cast(TOKENS) * price).cast(COST)
        parts[kind] = (tokens == 0).ifelse(ZERO, product)
    total = parts["input"] + parts["cached"] + parts["write"] + parts["write_1h"] + parts["output"]
    null_cost = ibis.null(COST)
    return joined.select(
        *[joined[c] for c in log.columns],
        joined.model_id,
        joined.provider_id,
        missing.ifelse(null_cost, parts["input"]).name("cost_input"),
        missing.ifelse(null_cost, parts["cached"]).name("cost_cached"),
        missing.ifelse(null_cost, (parts["write"] + parts["write_1h"]).cast(COST)).name(
            "cost_write"
        ),
        missing.ifelse(null_cost, parts["output"]).name("cost_output"),
        missing.ifelse(null_cost, total.cast(COST)).name("cost"),
    )


CUBE_KEYS = (
    "day",
    "model",
    "provider",
    "model_id",
    "provider_id",
    "tag",
    "project",
    "session",
    "batch",
    "band",
    "priced",
)
"""The finest grain any report needs: every summary, alternative and what-if reads the cube,
so the log is scanned (and priced) once."""


def band_of(rows: ir.Table, thresholds: Sequence[int]) -> ir.Value:
    """How many of ``thresholds`` the request's input exceeds (an aggregated row's average):
    within one band every request falls in the same long-context tier of any price whose tiers
    are among ``thresholds``, so a band can be priced as one workload."""
    band = ibis.literal(0, "int64")
    for t in sorted(set(thresholds)):
        band = band + (rows.input_tokens > rows.requests * t).cast("int64")
    return band


def cube(rows: ir.Table, thresholds: Sequence[int]) -> ir.Table:
    """Priced rows summed by :data:`CUBE_KEYS` (costs of priced rows only; unpriced ones
    counted)."""
    banded = rows.mutate(band=band_of(rows, thresholds), priced=rows.cost.notnull())
    priced_row = banded.priced
    has_cost = banded.provider_cost.notnull()
    return banded.group_by(list(CUBE_KEYS)).aggregate(
        rows=banded.count(),
        requests=banded.requests.sum(),
        input_tokens=banded.input_tokens.sum(),
        output_tokens=banded.output_tokens.sum(),
        cached_input_tokens=banded.cached_input_tokens.sum(),
        cache_write_tokens=banded.cache_write_tokens.sum(),
        cache_write_1h_tokens=banded.cache_write_1h_tokens.sum(),
        cost=banded.cost.cast(TOTAL).sum(),
        cost_input=banded.cost_input.cast(TOTAL).sum(),
        cost_cached=banded.cost_cached.cast(TOTAL).sum(),
        cost_write=banded.cost_write.cast(TOTAL).sum(),
        cost_output=banded.cost_output.cast(TOTAL).sum(),
        unpriced_rows=(~priced_row).cast("int64").sum(),
        provider_cost=banded.provider_cost.cast(TOTAL).sum(),
        provider_cost_rows=has_cost.cast("int64").sum(),
        llmref_cost_where_provider_cost=(priced_row & has_cost)
        .ifelse(banded.cost, ibis.null(COST))
        .cast(TOTAL)
        .sum(),
    )


_SUMS = (
    "rows",
    "requests",
    "input_tokens",
    "output_tokens",
    "cached_input_tokens",
    "cost",
    "cost_input",
    "cost_cached",
    "cost_write",
    "cost_output",
    "unpriced_rows",
    "provider_cost",
    "provider_cost_rows",
    "llmref_cost_where_provider_cost",
)


def summary(cubed: ir.Table, by: Sequence[str]) -> ir.Table:
    """The cube's totals grouped by ``by`` (cube keys, or ``week``/``month`` of the UTC day)."""
    # (date_trunc gives a midnight timestamp on Spark and DuckDB alike: readers take the date.)
    periods = {"week": cubed.day.truncate("W"), "month": cubed.day.truncate("M")}
    source = cubed.mutate(**{k: v for k, v in periods.items() if k in by})
    metrics = {name: source[name].sum() for name in _SUMS}
    metrics["cache_write_tokens"] = (source.cache_write_tokens + source.cache_write_1h_tokens).sum()
    if not by:
        return source.aggregate(**metrics)
    return source.group_by(list(by)).aggregate(**metrics).order_by(list(by))


def band_sums(cubed: ir.Table, by: Sequence[str] = ()) -> ir.Table:
    """Token sums by band and batch flag (and ``by``), for pricing the traffic as workloads."""
    keys = [*by, "band", "batch"]
    return (
        cubed.group_by(keys)
        .aggregate(
            # (DuckDB sums BIGINT into HUGEINT; token totals fit in BIGINT.)
            requests=cubed.requests.sum().cast("int64"),
            input_tokens=cubed.input_tokens.sum().cast("int64"),
            output_tokens=cubed.output_tokens.sum().cast("int64"),
            cached_input_tokens=cubed.cached_input_tokens.sum().cast("int64"),
            cache_write_tokens=cubed.cache_write_tokens.sum().cast("int64"),
            cache_write_1h_tokens=cubed.cache_write_1h_tokens.sum().cast("int64"),
            cost=cubed.cost.sum(),
        )
        .order_by(keys)
    )
