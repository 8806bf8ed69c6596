"""Profile of one model: overview, specs, benchmarks against competitors, price multiples against
alternatives (with the date of the prices), request presets, where to run it with a request
example per provider API, and strengths and limitations derived from the data.

Pure: no file, clock or network access; ``as_of`` is passed in. Returns data: the views ask
:mod:`llmref.prose` for the sentences.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from llmref import formatting
from llmref.alternatives import choose_alternatives
from llmref.benchmarks.engine import display_title, dollars_per_point, scores_on
from llmref.benchmarks.engine import score as bench_score
from llmref.catalog import Benchmark, BenchmarkResult, Catalog, Model, Provider
from llmref.compare import Cell, Row, Side, build_side, spec_rows
from llmref.compare.costs import model_presets
from llmref.labels import LONG_CONTEXT_MIN, MULTI_PROVIDER_MIN
from llmref.pricing import (
    DEFAULT_INPUT_SHARE,
    DEFAULT_POLICY,
    DEFAULT_TRAFFIC,
    TYPICAL_REQUEST,
    Cost,
    Multiple,
    PresetCost,
    RatioPrice,
    Route,
    RoutePolicy,
    Traffic,
    Unavailable,
    ValueScore,
    lowest_blended,
    pay_per_token_points,
    price_multiple,
    ratio_prices,
    value_score,
)
from llmref.pricing.memo import per_snapshot

MAX_COMPETITORS = 4
EXAMPLE_PROMPT = "Summarise the attached release notes in three bullet points."
EXAMPLE_MAX_TOKENS = 300


@dataclass(frozen=True, slots=True)
class Competitor:
    """An alternative shown on a profile, and the rule that picked it."""

    id: str
    name: str
    vendor_name: str | None
    why: str
    """Which selection rule picked it: "chosen", "next tier up", "next tier down", "higher
    score", "open weights" or "closest price" (see :mod:`llmref.alternatives`)."""
    blended: Decimal | None
    """Its lowest 70/30 blended price per 1M tokens."""
    benchmark: str | None = None
    """For "better score" and "open weights": the benchmark version compared on (its title)."""
    score: Decimal | None = None
    """Its score there."""
    mine: Decimal | None = None
    """The profiled model's score there."""


@dataclass(frozen=True, slots=True)
class CompetitorScore:
    """A competitor's result on one benchmark."""

    id: str
    name: str
    value: Decimal | None
    """Its newest result on the same benchmark in the same unit (None when not tracked)."""


@dataclass(frozen=True, slots=True)
class BenchmarkRank:
    position: int
    total: int
    """Models with a result on the benchmark version (no others are counted)."""


@dataclass(frozen=True, slots=True)
class BenchmarkRow:
    """One of the model's benchmark results against its competitors."""

    benchmark: str
    name: str
    unit: str
    value: Decimal
    result: BenchmarkResult
    competitors: tuple[CompetitorScore, ...]
    rank: int
    """1 + the number of competitors with a better score (direction-aware)."""
    ranked: int = 1
    """Models counted in `rank`: this one and the competitors with a result on this version."""
    overall: BenchmarkRank | None = None
    """Rank among every model with a result on this benchmark version."""
    value_per_point: Decimal | None = None
    """Typical-request cost (5K in / 1K out, cheapest route) per score point (higher-is-better
    versions only)."""


@dataclass(frozen=True, slots=True)
class PriceComparison:
    """This model's cheapest price against an alternative's, on one kind of token."""

    other_id: str
    other_name: str
    kind: str
    """"input" or "output"."""
    mine: Decimal
    theirs: Decimal
    multiple: Multiple
    prices_as_of: date
    """The newer review date of the two prices (capped by the date asked)."""


@dataclass(frozen=True, slots=True)
class RequestExample:
    """A minimal HTTP request for one provider API style (placeholders in capitals)."""

    style: str
    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: str
    """JSON body, indented, keys in a fixed order."""
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Access:
    """One place to run the model, with a request example or the reason there is none."""

    route: Route
    api_base: str | None
    example: RequestExample | None
    no_example_reason: str | None


@dataclass(frozen=True, slots=True)
class Point:
    """A strength or a limitation, structured; prose writes the sentence."""

    kind: str
    value: Decimal | int | str | None = None
    other: Decimal | int | str | None = None
    names: tuple[str, ...] = ()
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class SnapshotRef:
    """A dated snapshot of the model."""

    id: str
    name: str
    release_date: date | None


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything a model page shows, precomputed."""

    as_of: date | None
    traffic: Traffic
    """The traffic of the monthly figure (the default: 1M requests of 800 in / 250 out)."""
    side: Side
    description: str | None
    aliases: tuple[str, ...]
    snapshots: tuple[SnapshotRef, ...]
    family_id: str | None
    specs: tuple[Row, ...]
    competitors: tuple[Competitor, ...]
    benchmarks: tuple[BenchmarkRow, ...]
    price_comparisons: tuple[PriceComparison, ...]
    presets: tuple[PresetCost, ...]
    ratio_prices: tuple[RatioPrice, ...]
    access: tuple[Access, ...]
    strengths: tuple[Point, ...]
    limitations: tuple[Point, ...]
    value: ValueScore | Unavailable
    disputed_fields: tuple[str, ...]
    """Facts on which sources disagree (see the conflicts page)."""
    last_reviewed: date
    sources: tuple[str, ...]


def choose_competitors(
    catalog: Catalog,
    model: Model,
    as_of: date | None = None,
    limit: int = MAX_COMPETITORS,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> tuple[Competitor, ...]:
    """Alternatives for a profile: current, priced models of the same class, each picked by a
    written rule with its reason (:func:`llmref.alternatives.choose_alternatives`, which
    chooses once per snapshot, date, limit and policy), with the names a profile prints."""
    out = []
    for alt in choose_alternatives(catalog, model, as_of, limit, policy=policy):
        other = catalog.models[alt.id]
        vendor = catalog.vendors.get(other.vendor_id) if other.vendor_id else None
        out.append(
            Competitor(
                other.id,
                other.name,
                vendor.name if vendor else None,
                alt.rule,
                alt.blended,
                alt.benchmark.title if alt.benchmark else None,
                alt.score.value if alt.score else None,
                alt.mine.value if alt.mine else None,
            )
        )
    return tuple(out)


def _competitor(catalog: Catalog, model: Model, why: str, blended: Decimal | None) -> Competitor:
    vendor = catalog.vendors.get(model.vendor_id) if model.vendor_id else None
    return Competitor(model.id, model.name, vendor.name if vendor else None, why, blended)


def _env_key(provider: Provider) -> str:
    base = provider.id.upper().replace("-", "_").replace(".", "_")
    return f"{base}_KEY" if base.endswith("_API") else f"{base}_API_KEY"


def request_example(provider: Provider, model_name_for_api: str) -> RequestExample | str:
    """A request in the provider's API style, or the reason there is none."""
    style, base = provider.api_style, provider.api_base
    user = {"role": "user", "content": EXAMPLE_PROMPT}
    if style == "openai":
        if not base:
            return f"no API base URL is tracked for {provider.name}"
        body = {"model": model_name_for_api, "messages": [user], "max_tokens": EXAMPLE_MAX_TOKENS}
        return RequestExample(
            "openai",
            "POST",
            f"{base.rstrip('/')}/chat/completions",
            (
                ("Authorization", f"Bearer ${_env_key(provider)}"),
                ("Content-Type", "application/json"),
            ),
            json.dumps(body, indent=2),
        )
    if style == "anthropic":
        body = {"model": model_name_for_api, "max_tokens": EXAMPLE_MAX_TOKENS, "messages": [user]}
        return RequestExample(
            "anthropic",
            "POST",
            f"{(base or 'https://api.anthropic.com/v1').rstrip('/')}/messages",
            (
                ("x-api-key", f"${_env_key(provider)}"),
                ("anthropic-version", "2023-06-01"),
                ("content-type", "application/json"),
            ),
            json.dumps(body, indent=2),
        )
    if style == "google":
        root = (base or "https://generativelanguage.googleapis.com/v1beta").rstrip("/")
        body_g = {
            "contents": [{"role": "user", "parts": [{"text": EXAMPLE_PROMPT}]}],
            "generationConfig": {"maxOutputTokens": EXAMPLE_MAX_TOKENS},
        }
        return RequestExample(
            "google",
            "POST",
            f"{root}/models/{model_name_for_api}:generateContent",
            (("x-goog-api-key", f"${_env_key(provider)}"), ("Content-Type", "application/json")),
            json.dumps(body_g, indent=2),
        )
    if style == "azure":
        root = (base or "https://YOUR-RESOURCE.openai.azure.com").rstrip("/")
        # An api_base may already end in /openai (the Azure docs give it so): not twice.
        root = root.removesuffix("/openai")
        body_a = {"messages": [user], "max_tokens": EXAMPLE_MAX_TOKENS}
        return RequestExample(
            "azure",
            "POST",
            f"{root}/openai/deployments/YOUR-DEPLOYMENT/chat/completions?api-version=2024-10-21",
            (("api-key", f"${_env_key(provider)}"), ("Content-Type", "application/json")),
            json.dumps(body_a, indent=2),
            note=f"YOUR-DEPLOYMENT is the name of your deployment of {model_name_for_api}.",
        )
    if style == "bedrock":
        root = (base or "https://bedrock-runtime.YOUR-REGION.amazonaws.com").rstrip("/")
        body_b = {
            "messages": [{"role": "user", "content": [{"text": EXAMPLE_PROMPT}]}],
            "inferenceConfig": {"maxTokens": EXAMPLE_MAX_TOKENS},
        }
        return RequestExample(
            "bedrock",
            "POST",
            f"{root}/model/{model_name_for_api}/converse",
            (("Content-Type", "application/json"),),
            json.dumps(body_b, indent=2),
            note="Sign the request with AWS Signature Version 4 (the AWS SDKs and CLI do this).",
        )
    return untracked_style(provider)


def untracked_style(provider: Provider) -> str:
    """Why a provider's route has no request example when its API style is not tracked (the
    model page lists such providers in one sentence)."""
    return f"the API style of {provider.name} is not tracked"


def _access(catalog: Catalog, side: Side) -> tuple[Access, ...]:
    out = []
    for route in side.routes:
        provider = catalog.providers.get(route.provider_id)
        if provider is None:
            out.append(Access(route, None, None, f"{route.provider_id} is not in the catalogue"))
            continue
        if not route.pay_per_token:
            reason = f"{provider.name} is a subscription product, used through its own apps"
            out.append(Access(route, provider.api_base, None, reason))
            continue
        example = request_example(provider, route.provider_model_id or route.model_id)
        if isinstance(example, str):
            out.append(Access(route, provider.api_base, None, example))
        else:
            out.append(Access(route, provider.api_base, example, None))
    return tuple(out)


def _overall_rank(
    catalog: Catalog, model_id: str, bench: Benchmark, as_of: date | None
) -> BenchmarkRank | None:
    """Where the model stands among every model with a score on the version (as
    :func:`llmref.benchmarks.engine.rank_of`), from the version's scores kept per snapshot:
    a profile ranks each of its results, and every profile reads the same score lists."""
    memo: dict[str, dict[str, BenchmarkResult]] = per_snapshot(catalog, "scores-on", as_of, dict)
    scores = memo.get(bench.id)
    if scores is None:
        scores = memo[bench.id] = scores_on(catalog, bench.id, as_of)
    mine = scores.get(model_id)
    if mine is None:
        return None
    better = sum(1 for r in scores.values() if bench.better(r.value, mine.value))
    return BenchmarkRank(better + 1, len(scores))


def _benchmark_rows(
    catalog: Catalog,
    side: Side,
    rivals: tuple[Competitor, ...],
    as_of: date | None,
    typical_cost: Decimal | None = None,
) -> tuple[BenchmarkRow, ...]:
    rows = []
    for result in side.benchmarks:
        bench = catalog.benchmark(result.benchmark)
        scores = []
        for rival in rivals:
            theirs = bench_score(catalog.benchmarks_of(rival.id), bench, as_of)
            value = theirs.value if theirs is not None and theirs.unit == result.unit else None
            scores.append(CompetitorScore(rival.id, rival.name, value))
        ahead = sum(
            1 for s in scores if s.value is not None and bench.better(s.value, result.value)
        )
        overall = _overall_rank(catalog, side.id, bench, as_of)
        rows.append(
            BenchmarkRow(
                result.benchmark,
                display_title(catalog, result.benchmark),
                result.unit,
                result.value,
                result,
                tuple(scores),
                1 + ahead,
                1 + sum(1 for s in scores if s.value is not None),
                overall,
                None if typical_cost is None else dollars_per_point(typical_cost, result, bench),
            )
        )
    return tuple(rows)


def _price_comparisons(
    catalog: Catalog, side: Side, rivals: tuple[Competitor, ...], as_of: date | None
) -> tuple[PriceComparison, ...]:
    out = []
    mine_points = {
        r.provider_id: r.price for r in side.routes if r.pay_per_token and r.price is not None
    }
    for rival in rivals:
        model = catalog.models[rival.id]
        points = pay_per_token_points(catalog, model, as_of)
        for kind, quote in (("input", side.cheapest_input), ("output", side.cheapest_output)):
            theirs = [(getattr(p, kind), p) for p in points if getattr(p, kind) is not None]
            if quote is None or not theirs:
                continue
            their_price, their_point = min(theirs, key=lambda x: x[0])
            mine_point = mine_points[quote.provider_id]
            assert mine_point is not None
            # The date the two prices were last checked (not the day the page is served), so
            # the CLI and the web say the same; a date asked in the past caps it.
            reviewed = max(mine_point.reviewed, their_point.reviewed)
            when = min(as_of, reviewed) if as_of else reviewed
            out.append(
                PriceComparison(
                    rival.id,
                    rival.name,
                    kind,
                    quote.price,
                    their_price,
                    price_multiple(quote.price, their_price),
                    when,
                )
            )
    return tuple(out)


def _points(
    side: Side, rivals: tuple[Competitor, ...], rows: tuple[BenchmarkRow, ...], catalog: Catalog
) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    good: list[Point] = []
    bad: list[Point] = []
    rival_ctx = [catalog.models[r.id].value("context_window") for r in rivals]
    known_ctx = [c for c in rival_ctx if c is not None]
    if side.context_window is not None:
        if known_ctx and side.context_window > max(known_ctx):
            good.append(
                Point("largest-context", side.context_window, max(known_ctx), unit="tokens")
            )
        elif side.context_window >= LONG_CONTEXT_MIN:
            good.append(Point("long-context", side.context_window, unit="tokens"))
        if known_ctx and side.context_window < min(known_ctx):
            bad.append(
                Point("smallest-context", side.context_window, min(known_ctx), unit="tokens")
            )
    rival_blended = [r.blended for r in rivals if r.blended is not None]
    if side.blended is not None and rival_blended:
        if side.blended.price < min(rival_blended):
            good.append(Point("cheapest", side.blended.price, min(rival_blended)))
        elif side.blended.price > max(rival_blended):
            bad.append(Point("priciest", side.blended.price, max(rival_blended)))
    yes = tuple(c.label for c in side.capabilities if c.value is True)
    no = tuple(c.label for c in side.capabilities if c.value is False)
    unknown = tuple(c.label for c in side.capabilities if c.value is None)
    if yes:
        good.append(Point("capabilities", names=yes))
    if side.open_weights is True:
        good.append(Point("open-weights", side.license))
    priced = len(side.priced_providers)
    if priced >= MULTI_PROVIDER_MIN:
        good.append(Point("coverage", priced))
    for row in rows:
        scored = [c.value for c in row.competitors if c.value is not None]
        if not scored:
            continue
        bench = catalog.benchmark(row.benchmark)
        best = min(scored) if bench.direction == "lower" else max(scored)
        worst = max(scored) if bench.direction == "lower" else min(scored)
        if row.rank == 1 and bench.better(row.value, best):
            good.append(Point("benchmark-lead", row.value, best, names=(row.name,), unit=row.unit))
        elif bench.better(worst, row.value):
            bad.append(Point("benchmark-trail", row.value, worst, names=(row.name,), unit=row.unit))
    if side.monthly_reason is not None:
        bad.append(Point("unpriced", side.monthly_reason))
    elif priced == 1:
        bad.append(Point("single-provider", side.priced_providers[0]))
    if no:
        bad.append(Point("missing-capabilities", names=no))
    if unknown:
        bad.append(Point("unknown-capabilities", names=unknown))
    untracked = tuple(
        label
        for label, value in (
            ("parameter count", side.parameters_total),
            ("knowledge cutoff", side.knowledge_cutoff),
            ("maximum output", side.max_output_tokens),
        )
        if value is None
    )
    if untracked:
        bad.append(Point("untracked", names=untracked))
    return tuple(good), tuple(bad)


def build_profile(
    catalog: Catalog,
    model: Model,
    as_of: date | None = None,
    competitors: tuple[Model, ...] | None = None,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> Profile:
    """Profile of ``model`` with prices in force on ``as_of`` (None = newest). ``competitors``
    overrides the automatic choice (:func:`choose_competitors`); cheapest routes follow
    ``policy``."""
    side = build_side(catalog, model, DEFAULT_TRAFFIC, DEFAULT_INPUT_SHARE, as_of, policy=policy)
    if competitors is None:
        rivals = choose_competitors(catalog, model, as_of, policy=policy)
    else:
        rivals = tuple(
            _competitor(catalog, c, "chosen", lowest_blended(catalog, c, as_of, policy))
            for c in competitors
            if c.id != model.id
        )
    presets = model_presets(catalog, model, as_of, policy)
    typical = next((p.route for p in presets if p.preset.id == TYPICAL_REQUEST.id), None)
    typical_cost = (
        typical.cost.total
        if isinstance(typical, Route) and isinstance(typical.cost, Cost)
        else None
    )
    rows = _benchmark_rows(catalog, side, rivals, as_of, typical_cost)
    strengths, limitations = _points(side, rivals, rows, catalog)
    snapshots = tuple(
        SnapshotRef(s.id, s.name, s.value("release_date")) for s in catalog.snapshots_of(model.id)
    )
    specs = tuple(Row(r.id, r.label, r.cells[:1]) for r in spec_rows((side,)))
    specs += (
        Row(
            "capabilities",
            "Capabilities",
            (
                Cell(
                    ", ".join(c.label for c in side.capabilities if c.value is True)
                    or formatting.MISSING,
                    tuple(c.label for c in side.capabilities if c.value is True),
                ),
            ),
        ),
    )
    return Profile(
        as_of=as_of,
        traffic=DEFAULT_TRAFFIC,
        side=side,
        description=model.description,
        aliases=model.aliases,
        snapshots=snapshots,
        family_id=model.family_id,
        specs=specs,
        competitors=rivals,
        benchmarks=rows,
        price_comparisons=_price_comparisons(catalog, side, rivals, as_of),
        presets=presets,
        ratio_prices=ratio_prices(side.assessment.included),
        access=_access(catalog, side),
        strengths=strengths,
        limitations=limitations,
        value=value_score(catalog, model, as_of, typical, policy=policy)
        if isinstance(typical, Route | Unavailable)
        else Unavailable("no typical-request preset", model.id),
        disputed_fields=tuple(sorted({c.field for c in catalog.conflicts_of(model.id)})),
        last_reviewed=side.last_reviewed,
        sources=side.sources,
    )
