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


def with_periods(rows: ir.Table) -> ir.Table:
    """Week (Monday) and month columns from the UTC day."""
    # (Spark's date_trunc gives a timestamp at midnight, DuckDB's a date: readers of the
    # results take the date part.)
    return rows.mutate(week=rows.day.truncate("W"), month=rows.day.truncate("M"))


def summary(rows: ir.Table, by: Sequence[str]) -> ir.Table:
    """Requests, tokens and cost grouped by ``by`` (cost of priced rows; unpriced ones are
    counted apart, so a total never hides them)."""
    priced_row = rows.cost.notnull()
    metrics = {
        "rows": rows.count(),
        "requests": rows.requests.sum(),
        "input_tokens": rows.input_tokens.sum(),
        "output_tokens": rows.output_tokens.sum(),
        "cached_input_tokens": rows.cached_input_tokens.sum(),
        "cache_write_tokens": (rows.cache_write_tokens + rows.cache_write_1h_tokens).sum(),
        "cost": rows.cost.cast(TOTAL).sum(),
        "cost_input": rows.cost_input.cast(TOTAL).sum(),
        "cost_cached": rows.cost_cached.cast(TOTAL).sum(),
        "cost_write": rows.cost_write.cast(TOTAL).sum(),
        "cost_output": rows.cost_output.cast(TOTAL).sum(),
        "unpriced_rows": (~priced_row).cast("int64").sum(),
        "provider_cost": rows.provider_cost.cast(TOTAL).sum(),
        "provider_cost_rows": rows.provider_cost.notnull().cast("int64").sum(),
        "llmref_cost_where_provider_cost": priced_row.ifelse(
            rows.provider_cost.notnull().ifelse(rows.cost, ibis.null(COST)), ibis.null(COST)
        )
        .cast(TOTAL)
        .sum(),
    }
    if not by:
        return rows.aggregate(**metrics)
    return rows.group_by(list(by)).aggregate(**metrics).order_by(list(by))


def bands(rows: ir.Table, thresholds: Sequence[int]) -> ir.Table:
    """Token sums grouped by batch flag and by how many of ``thresholds`` the request's input
    exceeds: within one group every request falls in the same long-context tier of any
    price whose tiers are among ``thresholds``, so each group can be priced as one workload
    (what-if and alternative costs, exact without pricing every row again)."""
    band = ibis.literal(0)
    for t in sorted(set(thresholds)):
        band = band + (rows.input_tokens > rows.requests * t).cast("int64")
    grouped = rows.mutate(band=band.cast("int64"))
    return (
        grouped.group_by(["band", "batch"])
        .aggregate(
            requests=grouped.requests.sum(),
            input_tokens=grouped.input_tokens.sum(),
            output_tokens=grouped.output_tokens.sum(),
            cached_input_tokens=grouped.cached_input_tokens.sum(),
            cache_write_tokens=grouped.cache_write_tokens.sum(),
            cache_write_1h_tokens=grouped.cache_write_1h_tokens.sum(),
            cost=grouped.cost.cast(TOTAL).sum(),
            unpriced_rows=grouped.cost.isnull().cast("int64").sum(),
        )
        .order_by(["band", "batch"])
    )
