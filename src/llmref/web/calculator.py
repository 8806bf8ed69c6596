"""The cost calculator: traffic in the query string, monthly costs of several models side by side,
and the routing calculator. Its inputs live in the URL so a result can be shared.

:func:`parse_inputs` reads the query string into :class:`CalculatorInputs` or a map of field ->
error; an error re-renders the form with the message beside the field (HTTP 422), and the API
answers 422 with the same messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from llmref import pricing
from llmref.catalog import Catalog, Model
from llmref.pricing import workload
from llmref.web.page import Env

MAX_MODELS = 8
FIELDS = (
    "models",
    "preset",
    "requests",
    "input",
    "output",
    "cache",
    "batch",
    "provider",
    "as_of",
    "cheap",
    "strong",
    "share",
)
PRESETS = {p.id: p for p in workload.REQUEST_PRESETS}
DEFAULTS = {"requests": 1_000_000, "input": 800, "output": 250}
"""The default traffic: 1M requests a month of 800 input and 250 output tokens."""

_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)([km]?)$")


@dataclass(frozen=True, slots=True)
class CalculatorInputs:
    models: tuple[str, ...]
    preset: str
    """"custom" or a request-size preset (small, medium, large) that sets the token counts."""
    requests: int
    input_tokens: int
    output_tokens: int
    cache_hit_share: Decimal
    batch: bool
    provider: str | None
    """Price every model on this provider instead of its cheapest route."""
    as_of: date
    cheap: str | None
    strong: str | None
    share: Decimal
    """Share of requests the routing calculator sends to the cheap model."""


def _whole(raw: str, name: str, errors: dict[str, str], default: int) -> int:
    text = raw.strip().lower().replace(",", "").replace("_", "").replace(" ", "")
    if not text:
        return default
    if text.startswith("-"):
        errors[name] = f"Enter 0 or more (got {raw.strip()!r})."
        return default
    match = _NUMBER.match(text)
    if match is None:
        errors[name] = f"Enter a whole number like 1000000 or 1M (got {raw.strip()!r})."
        return default
    value = Decimal(match.group(1)) * {"": 1, "k": 1000, "m": 1_000_000}[match.group(2)]
    if value != value.to_integral_value():
        errors[name] = f"Enter a whole number (got {raw.strip()!r})."
        return default
    return int(value)


def _percent(raw: str, name: str, errors: dict[str, str]) -> Decimal:
    text = raw.strip().rstrip("%").strip()
    if not text:
        return Decimal(0)
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors[name] = f"Enter a percentage between 0 and 100 (got {raw.strip()!r})."
        return Decimal(0)
    if not value.is_finite() or value < 0 or value > 100:
        errors[name] = f"Enter a percentage between 0 and 100 (got {raw.strip()!r})."
        return Decimal(0)
    return value / 100


def _model(catalog: Catalog, raw: str, name: str, errors: dict[str, str]) -> Model | None:
    model = catalog.find_model(raw)
    if model is None:
        near = catalog.closest_model_ids(raw)
        hint = f" Closest ids: {', '.join(near)}." if near else ""
        errors[name] = f"No model {raw!r} in the catalogue.{hint}"
    return model


def values_of(params: Mapping[str, Any], name: str) -> list[str]:
    if hasattr(params, "getlist"):
        return [str(v) for v in params.getlist(name)]
    value = params.get(name)
    return [] if value is None else [str(value)]


def parse_inputs(env: Env, params: Mapping[str, Any]) -> tuple[CalculatorInputs, dict[str, str]]:
    """The calculator's inputs from a query string, with an error message per bad field. Where a
    field is bad its default is used, so the form can still be filled in."""
    errors: dict[str, str] = {}
    catalog = env.catalog

    def one(name: str) -> str:
        found = values_of(params, name)
        return found[-1] if found else ""

    raw_models = [p.strip() for v in values_of(params, "models") for p in v.split(",") if p.strip()]
    models: list[str] = []
    for raw in raw_models:
        model = _model(catalog, raw, "models", errors)
        if model is not None and model.id not in models:
            models.append(model.id)
    if not raw_models:
        models = list(env.dated.top_models[:3])
    if len(models) > MAX_MODELS:
        errors["models"] = f"Pick at most {MAX_MODELS} models (got {len(models)})."
        models = models[:MAX_MODELS]

    preset = one("preset").strip() or "custom"
    if preset != "custom" and preset not in PRESETS:
        errors["preset"] = f"Unknown preset {preset!r}; use one of custom, {', '.join(PRESETS)}."
        preset = "custom"
    requests = _whole(one("requests"), "requests", errors, DEFAULTS["requests"])
    if preset in PRESETS:
        input_tokens, output_tokens = PRESETS[preset].input_tokens, PRESETS[preset].output_tokens
    else:
        input_tokens = _whole(one("input"), "input", errors, DEFAULTS["input"])
        output_tokens = _whole(one("output"), "output", errors, DEFAULTS["output"])
    cache = _percent(one("cache"), "cache", errors)
    batch = one("batch").strip().lower() in ("1", "on", "true", "yes")

    provider = one("provider").strip() or None
    if provider is not None:
        try:
            provider = catalog.provider(provider).id
        except LookupError as exc:
            errors["provider"] = str(exc)
            provider = None

    as_of = env.as_of
    raw_date = one("as_of").strip()
    if raw_date:
        try:
            as_of = date.fromisoformat(raw_date)
        except ValueError:
            errors["as_of"] = f"Enter a date like 2025-06-30 (got {raw_date!r})."

    cheap = strong = None
    raw_cheap, raw_strong = one("cheap").strip(), one("strong").strip()
    if raw_cheap or raw_strong:
        if not (raw_cheap and raw_strong):
            errors["cheap" if not raw_cheap else "strong"] = (
                "The routing calculator needs both a cheap and a strong model."
            )
        for raw, name in ((raw_cheap, "cheap"), (raw_strong, "strong")):
            if raw:
                found = _model(catalog, raw, name, errors)
                if found is not None:
                    cheap, strong = (found.id, strong) if name == "cheap" else (cheap, found.id)
    share = _percent(one("share") or "60", "share", errors)

    inputs = CalculatorInputs(
        tuple(models),
        preset,
        requests,
        input_tokens,
        output_tokens,
        cache,
        batch,
        provider,
        as_of,
        cheap,
        strong,
        share,
    )
    if not errors:
        try:
            traffic_of(inputs)
        except pricing.InvalidWorkload as exc:
            field = {
                "input_tokens": "input",
                "output_tokens": "output",
                "cached_share": "cache",
            }.get(exc.field, exc.field)
            errors[field if field in FIELDS else "requests"] = str(exc).split(": ", 1)[-1]
    return inputs, errors


def traffic_of(inputs: CalculatorInputs) -> pricing.Traffic:
    return pricing.Traffic.per_request(
        inputs.requests,
        inputs.input_tokens,
        inputs.output_tokens,
        cached_share=inputs.cache_hit_share,
        batch=inputs.batch,
    )


# ---- results ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModelCost:
    """One model at the calculator's traffic."""

    model_id: str
    name: str
    route: pricing.Route | None
    """The route priced (the cheapest, or the one on the chosen provider)."""
    monthly: pricing.Cost | None
    per_request: Decimal | None
    unavailable: str | None
    """Why there is no figure (None when there is one)."""
    cache_savings: workload.Savings | pricing.Unavailable | None
    batch_savings: workload.Savings | pricing.Unavailable | None
    blended: tuple[workload.RatioPrice, ...]


@dataclass(frozen=True, slots=True)
class CalculatorData:
    inputs: CalculatorInputs
    errors: dict[str, str]
    results: list[ModelCost]
    cheapest: str | None
    """Model id with the lowest monthly cost (None unless two or more are priced and one is
    strictly lowest)."""
    routing: workload.RoutingPlan | pricing.Unavailable | None


def _offering(catalog: Catalog, model_id: str, provider_id: str) -> Any:
    for offering in catalog.offerings_of(model_id):
        if offering.provider_id == provider_id:
            return offering
    return None


def model_cost(env: Env, inputs: CalculatorInputs, model: Model) -> ModelCost:
    catalog = env.catalog
    traffic = traffic_of(inputs)
    found = pricing.routes(catalog, model, traffic, inputs.as_of)
    chosen: pricing.Route | pricing.Unavailable
    if inputs.provider is not None:
        on = [r for r in found if r.provider_id == inputs.provider]
        if not on:
            chosen = pricing.Unavailable(
                f"{model.id} is not tracked on {inputs.provider}", model.id
            )
        elif isinstance(on[0].cost, pricing.Unavailable):
            chosen = on[0].cost
        else:
            chosen = on[0]
    else:
        # The cheapest route the page's policy allows (``?routes=``, trusted by default): an
        # outlier or reseller price is set aside here as on every other page.
        allowed = pricing.assess(catalog, model, found, pricing.check_policy(env.routes)).included
        chosen = pricing.cheapest_of(model.id, allowed)
    blended = workload.ratio_prices(found)
    if isinstance(chosen, pricing.Unavailable):
        return ModelCost(model.id, model.name, None, None, None, chosen.reason, None, None, blended)
    cost = chosen.cost
    assert isinstance(cost, pricing.Cost)
    offering = _offering(catalog, model.id, chosen.provider_id)
    cache = batch = None
    if inputs.cache_hit_share > 0:
        cache = workload.cache_savings(
            offering, inputs.cache_hit_share, replace(traffic, batch=False), inputs.as_of
        )
    if inputs.batch:
        batch = workload.batch_savings(offering, traffic, inputs.as_of)
    per_request = cost.total / inputs.requests if inputs.requests else None
    return ModelCost(model.id, model.name, chosen, cost, per_request, None, cache, batch, blended)


def results_of(env: Env, inputs: CalculatorInputs) -> CalculatorData:
    catalog = env.catalog
    results = [model_cost(env, inputs, catalog.models[m]) for m in inputs.models]
    priced = [(r.monthly.total, r.model_id) for r in results if r.monthly is not None]
    cheapest = None
    if len(priced) > 1:  # "cheapest" of one is no information
        low = min(priced)
        if sum(1 for p in priced if p[0] == low[0]) == 1:
            cheapest = low[1]
    routing: workload.RoutingPlan | pricing.Unavailable | None = None
    if inputs.cheap and inputs.strong:
        routing = workload.routing_plan(
            catalog,
            catalog.models[inputs.cheap],
            catalog.models[inputs.strong],
            inputs.share,
            traffic_of(inputs),
            inputs.as_of,
            policy=pricing.check_policy(env.routes),
        )
    return CalculatorData(inputs, {}, results, cheapest, routing)
