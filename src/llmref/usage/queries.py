"""The analysis, written once as Ibis expressions: DuckDB runs it on one machine, Spark (or any
Ibis backend) runs the very same expressions when the logs outgrow it. The report sums the log
into cells (:func:`cells`) and prices the cells (:func:`priced_cells`); :func:`priced` prices
row by row (unpriced rows listed with file and line, per-row costs).

Money stays exact: tokens become DECIMAL(13, 0), prices are DECIMAL(24, 24) per token (a
price per 1M tokens with up to 18 decimals), each product is cast to DECIMAL(30, 24) — both
engines' multiplication types (DuckDB's 37 digits, Spark's 38) hold it without rounding — and
sums are DECIMAL(38, 24). A row's cost therefore equals the Decimal pricing
engine's figure digit for digit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.operations as ops
import ibis.expr.types as ir

from llmref.usage.prices import KINDS

TOKENS = dt.Decimal(13, 0)
COST = dt.Decimal(30, 24)
TOTAL = dt.Decimal(38, 24)
ZERO = ibis.literal(0, TOKENS).cast(COST)
CELL_TOKENS = dt.Decimal(14, 0)
"""A cell's token sum of one kind: times a price per token it fills DECIMAL(38, 24) exactly on
both engines; a cell of 10^14 tokens of one kind or more fails the cast (an error, never a
rounded figure)."""

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
"""The grain every report reads (the cube may be finer): every summary, alternative and what-if
reads the cube, so the log is scanned once."""

CELL_KEYS = (
    "day",
    "model",
    "provider",
    "tag",
    "project",
    "session",
    "batch",
    "band",
    # Which kinds of token the cell's requests use: a request is unpriced when a kind it uses
    # has no price, so requests that differ here must not share a cell.
    "has_input",
    "has_cached",
    "has_write",
    "has_write_1h",
    "has_output",
    "has_provider_cost",
)
"""What the log is summed by before any price is looked up: every request of a cell has the
same price per token of each kind (same offering, day, long-context band and batch flag), so the
cell's cost is its token sums times those prices — exact, and ten million rows become a few
thousand cells to join to the price table."""


def bigint(value: ir.Value) -> ir.Value:
    """``value`` cast to BIGINT in the SQL even when Ibis takes it for one already (a sum of
    BIGINT: DuckDB's is a HUGEINT)."""
    return ops.Cast(value, dt.int64).to_expr()


def band_of(rows: ir.Table, thresholds: Sequence[int], one_request_a_row: bool = False) -> ir.Value:
    """How many of ``thresholds`` the request's input exceeds (an aggregated row's average):
    within one band every request falls in the same long-context tier of any price whose tiers
    are among ``thresholds``, so a band can be priced as one workload. ``one_request_a_row``:
    every row's ``requests`` is 1 (the threshold is then not multiplied by it)."""
    ordered = sorted(set(thresholds))
    if not ordered:
        return ibis.literal(0, "int64")
    # Lowest threshold first: most requests are below it, and a CASE stops at the first match
    # (a request below threshold k exceeds exactly the k - 1 lower ones: requests >= 1).
    found = [
        (
            rows.input_tokens <= (t if one_request_a_row else rows.requests * t),
            ibis.literal(k, "int64"),
        )
        for k, t in enumerate(ordered)
    ]
    return ibis.cases(*found, else_=ibis.literal(len(ordered), "int64"))


def _uncached(t: ir.Table) -> ir.IntegerValue:
    return t.input_tokens - t.cached_input_tokens - t.cache_write_tokens - t.cache_write_1h_tokens


FLAG_KEYS = tuple(k for k in CELL_KEYS if k.startswith("has_"))


_FLAG_OF = {
    "has_cached": "cached_input_tokens",
    "has_write": "cache_write_tokens",
    "has_write_1h": "cache_write_1h_tokens",
    "has_output": "output_tokens",
}


def cells(
    log: ir.Table,
    thresholds: Sequence[int],
    flags: bool = True,
    constants: Mapping[str, object] | None = None,
) -> ir.Table:
    """The log summed by :data:`CELL_KEYS` (``thresholds``: every tier threshold a price used
    later may have, so that a band never straddles one).

    Without ``flags`` the cells are not split by the kinds of token their requests use
    (:data:`FLAG_KEYS`: half as many cells, a sixth less work for the scan) and count the rows
    with a provider cost instead: exact whenever every kind of token a cell uses has a price
    and its rows carry a provider cost all or none — :func:`priced_cells` marks the cells where
    that fails (``mixed``), and the report sums the log again with ``flags`` then.

    ``constants``: columns known to hold one value on every row (the inputs have no such
    column, :attr:`llmref.usage.load.Log.constants`). They are neither grouped by nor summed
    (the scan's cost is mostly its group keys: a sixth less on a Parquet log without session,
    project and batch) and come back as literals: the same columns and rows either way."""
    fixed = dict(constants or {})
    keyed = log.mutate(band=band_of(log, thresholds, fixed.get("requests") == 1))
    keys = [k for k in CELL_KEYS if k not in FLAG_KEYS]
    if flags:
        keyed = keyed.mutate(
            has_input=_uncached(log) > 0,
            has_cached=log.cached_input_tokens > 0,
            has_write=log.cache_write_tokens > 0,
            has_write_1h=log.cache_write_1h_tokens > 0,
            has_output=log.output_tokens > 0,
            has_provider_cost=log.provider_cost.notnull(),
        )
        keys = list(CELL_KEYS)
        for flag, column in _FLAG_OF.items():
            if column in fixed:
                fixed[flag] = int(fixed[column]) > 0  # type: ignore[call-overload]
        if "provider_cost" in fixed:
            fixed["has_provider_cost"] = fixed["provider_cost"] is not None
    rows = keyed.count()

    def total(column: str) -> ir.Value:
        # A cell's sums are BIGINT on every engine: DuckDB sums BIGINT into HUGEINT (Arrow's
        # DECIMAL(38, 0), slower to hand over and to compute with), and Ibis drops a cast to
        # the type it believes the sum has, so the cast is its operation. (A sum beyond BIGINT,
        # 9.2e18 tokens in one cell, fails the cast: an error, never a wrong figure.)
        if column in fixed:
            return rows * int(fixed[column])  # type: ignore[call-overload]
        return bigint(keyed[column].sum())

    sums: dict[str, ir.Value] = {"rows": rows}
    for column in ("requests", *TOKEN_SUMS):
        sums[column] = total(column)
    cost_fixed = "provider_cost" in fixed and fixed["provider_cost"] is None
    sums["provider_cost"] = (
        ibis.null(TOTAL) if cost_fixed else keyed.provider_cost.cast(TOTAL).sum()
    )
    if not flags:
        # (A literal 0 would be an INTEGER in DuckDB; a count times 0 is the count's BIGINT.)
        sums["provider_cost_rows"] = rows * 0 if cost_fixed else keyed.provider_cost.count()
    grouped = [k for k in keys if k not in fixed]
    summed = keyed.group_by(grouped).aggregate(**sums) if grouped else keyed.aggregate(**sums)
    if len(grouped) == len(keys):
        return summed
    literal = {k: _literal(fixed[k], keyed[k].type()) for k in keys if k in fixed}
    return summed.mutate(**literal).select(*keys, *sums)


TOKEN_SUMS = (
    "input_tokens",
    "output_tokens",
    "cached_input_tokens",
    "cache_write_tokens",
    "cache_write_1h_tokens",
)


def _literal(value: object, type_: dt.DataType) -> ir.Value:
    return ibis.null(type_) if value is None else ibis.literal(value, type_)


def priced_cells(summed: ir.Table, prices: ir.Table, thresholds: Sequence[int]) -> ir.Table:
    """The cube: :func:`cells` joined to the price table (one price row per cell: same model,
    provider, day range, and the long-context band that holds the cell's band) and costed as
    :func:`priced` costs a row, on the cell's token sums. Unpriced cells are kept, costless.

    ``thresholds`` are the ones the cells were banded over; they must include every tier
    threshold of ``prices`` (the report bands over all of the catalogue's), or a band could
    straddle a tier."""
    # The largest threshold the cell's requests exceed (-1: none); a price band holds the cell
    # when it starts at or below it and ends above it.
    floor = ibis.literal(-1, "int64")
    for index, t in enumerate(sorted(set(thresholds)), start=1):
        floor = (summed.band == index).ifelse(ibis.literal(t, "int64"), floor)
    keyed = summed.mutate(band_floor=floor)
    p = prices.select(
        prices.model.name("p_model"),
        prices.provider.name("p_provider"),
        *[prices[c] for c in prices.columns if c not in ("model", "provider")],
    )
    joined = keyed.left_join(
        p,
        [
            keyed.model == p.p_model,
            keyed.provider == p.p_provider,
            keyed.day >= p.day_from,
            keyed.day < p.day_to,
            keyed.band_floor >= p.band_lo,
            keyed.band_floor < p.band_hi,
        ],
    )
    flagged = "has_input" in summed.columns
    # In stages, each a subquery (``view``): every price, flag and part is written once, and
    # the next stage names it (merged into one SELECT, the cost would repeat every part and
    # every part its price: SQL the engine takes longer to bind and plan than to run).
    counts = {"input": _uncached(joined), **{k: joined[v] for k, v in _TOKENS_OF.items()}}
    kinds = joined.select(
        *[joined[c] for c in summed.columns],
        joined.model_id,
        joined.provider_id,
        **{f"n_{kind}": counts[kind].cast(CELL_TOKENS) for kind in KINDS},
        # (Unflagged, a kind is used when its sum is positive: every row's count is >= 0.)
        **{f"u_{kind}": joined["has_" + kind] if flagged else counts[kind] > 0 for kind in KINDS},
        **{
            f"q_{kind}": joined.batch.ifelse(joined[f"pb_{kind}"], joined[f"p_{kind}"])
            for kind in KINDS
        },
    ).view()
    missing = kinds.model_id.isnull()
    for kind in KINDS:
        missing = missing | (kinds[f"u_{kind}"] & kinds[f"q_{kind}"].isnull())
    zero = ibis.literal(0, TOTAL)
    parts = kinds.select(
        *[kinds[c] for c in summed.columns],
        kinds.model_id,
        kinds.provider_id,
        missing.name("missing"),
        **{
            f"part_{kind}": kinds[f"u_{kind}"].ifelse(
                (kinds[f"n_{kind}"] * kinds[f"q_{kind}"]).cast(TOTAL), zero
            )
            for kind in KINDS
        },
    ).view()
    part = {kind: parts[f"part_{kind}"] for kind in KINDS}
    cost = sum((part[kind] for kind in KINDS[1:]), part[KINDS[0]]).cast(TOTAL)
    write = (part["write"] + part["write_1h"]).cast(TOTAL)
    none = ibis.null(TOTAL)
    missing = parts.missing
    if flagged:
        has_cost = parts.has_provider_cost
        cost_rows = has_cost.ifelse(parts.rows, 0)
        mixed = ibis.literal(False)
    else:
        has_cost = parts.provider_cost_rows > 0
        cost_rows = parts.provider_cost_rows
        # A cell priced but for a kind of token some of its rows use, or only some of whose
        # rows carry a provider cost: its figures need the flags.
        mixed = (parts.model_id.notnull() & missing) | (
            has_cost & (parts.provider_cost_rows < parts.rows)
        )
    return parts.select(
        *[parts[c] for c in CELL_KEYS if c in summed.columns],
        parts.model_id,
        parts.provider_id,
        (~missing).name("priced"),
        *[parts[c] for c in _CELL_SUMS],
        missing.ifelse(none, cost).name("cost"),
        missing.ifelse(none, part["input"]).name("cost_input"),
        missing.ifelse(none, part["cached"]).name("cost_cached"),
        missing.ifelse(none, write).name("cost_write"),
        missing.ifelse(none, part["output"]).name("cost_output"),
        missing.ifelse(parts.rows, 0).name("unpriced_rows"),
        parts.provider_cost,
        cost_rows.cast("int64").name("provider_cost_rows"),
        (has_cost & ~missing).ifelse(cost, none).name("llmref_cost_where_provider_cost"),
        mixed.name("mixed"),
    )


_CELL_SUMS = (
    "rows",
    "requests",
    "input_tokens",
    "output_tokens",
    "cached_input_tokens",
    "cache_write_tokens",
    "cache_write_1h_tokens",
)


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


_PROVIDER_COST_SUMS = ("provider_cost", "provider_cost_rows", "llmref_cost_where_provider_cost")


def summary(cubed: ir.Table, by: Sequence[str], provider_costs: bool = True) -> ir.Table:
    """The cube's totals grouped by ``by`` (cube keys, or ``week``/``month`` of the UTC day),
    unordered. Without ``provider_costs`` (the log has none) their sums are left out."""
    # (date_trunc gives a midnight timestamp on Spark and DuckDB alike: readers take the date.)
    periods = {"week": cubed.day.truncate("W"), "month": cubed.day.truncate("M")}
    source = cubed.mutate(**{k: v for k, v in periods.items() if k in by})
    sums = _SUMS if provider_costs else [n for n in _SUMS if n not in _PROVIDER_COST_SUMS]
    metrics = {name: source[name].sum() for name in sums}
    metrics["cache_write_tokens"] = (source.cache_write_tokens + source.cache_write_1h_tokens).sum()
    metrics["cache_write_1h_tokens"] = source.cache_write_1h_tokens.sum()
    if "mixed" in source.columns:
        metrics["mixed_cells"] = source.mixed.cast("int64").sum()
    if not by:
        return source.aggregate(**metrics)
    return source.group_by(list(by)).aggregate(**metrics)


BAND_GROUPING = ("band", "batch", "priced")
"""The grouping :func:`summaries` adds with ``bands``: the requests by long-context band, batch
flag and whether they were priced (the priced ones are the traffic the what-ifs price
elsewhere). (Grouped by ``priced`` rather than filtered: a filter would make the engine price
the cells a second time for this grouping alone.)"""


def summaries(
    cubed: ir.Table,
    groupings: Sequence[Sequence[str]],
    bands: bool = False,
    provider_costs: bool = True,
) -> ir.Table:
    """:func:`summary` for each of ``groupings`` in one query (the engine reads the cube once
    per grouping, side by side, instead of one query after another): a ``grouping`` column
    holds the grouping's index, ``key0``, ``key1``… its keys as text (a date as YYYY-MM-DD,
    a flag as true/false), unordered. A grouping of no keys gives the total. With ``bands``,
    one more grouping (index ``len(groupings)``): :data:`BAND_GROUPING`.

    ``cubed`` may be the expression that prices the cells (:func:`priced_cells`): the engine
    then prices them inside this query, and the priced cells are never handed over.
    ``provider_costs``: as :func:`summary`'s."""
    groupings = [*groupings, BAND_GROUPING] if bands else list(groupings)
    width = max((len(by) for by in groupings), default=0)
    parts = []
    for index, by in enumerate(groupings):
        table = summary(cubed, by, provider_costs)
        keys = {}
        for position in range(width):
            if position < len(by):
                value = table[by[position]]
                # (Truncated, a day is a midnight timestamp on both engines: formatted as a day.)
                keys[f"key{position}"] = (
                    value.strftime("%Y-%m-%d")
                    if by[position] in ("day", "week", "month")
                    else value.cast("string")
                )
            else:
                keys[f"key{position}"] = ibis.null("string")
        parts.append(
            table.select(
                grouping=ibis.literal(index, "int32"),
                **keys,
                **{name: table[name] for name in table.columns if name not in by},
            )
        )
    return ibis.union(*parts) if len(parts) > 1 else parts[0]


def band_sums(cubed: ir.Table, by: Sequence[str] = ()) -> ir.Table:
    """Token sums by band and batch flag (and ``by``), for pricing the traffic as workloads."""
    keys = [*by, "band", "batch"]
    return (
        cubed.group_by(keys)
        .aggregate(
            # (DuckDB sums BIGINT into HUGEINT; token totals fit in BIGINT.)
            requests=bigint(cubed.requests.sum()),
            input_tokens=bigint(cubed.input_tokens.sum()),
            output_tokens=bigint(cubed.output_tokens.sum()),
            cached_input_tokens=bigint(cubed.cached_input_tokens.sum()),
            cache_write_tokens=bigint(cubed.cache_write_tokens.sum()),
            cache_write_1h_tokens=bigint(cubed.cache_write_1h_tokens.sum()),
            cost=cubed.cost.sum(),
        )
        .order_by(keys)
    )
