"""The cost calculator page, ``/calculator``: the form (its inputs live in the URL, so a result
can be shared), the monthly cost of each model at that traffic, blended prices by kind of work,
and the routing calculator.

:mod:`llmref.web.calculator` reads the query and prices the models (the JSON twin and the API
serialise its :class:`~llmref.web.calculator.CalculatorData`); :func:`build_calculator` turns
that into a :class:`CalculatorPage` for ``calculator.html``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from llmref import formatting as fmt
from llmref import pricing
from llmref.pricing import workload
from llmref.web.calculator import (
    CalculatorData,
    CalculatorInputs,
    ModelCost,
    parse_inputs,
    results_of,
    values_of,
)
from llmref.web.page import Env, Page
from llmref.web.pages.parts import Link, Provenance, provenance


@dataclass(frozen=True, slots=True)
class FormValues:
    """What the form shows: the user's own text where it was wrong, else the values used."""

    models: tuple[str, ...]
    """The model fields, at least four."""
    preset: str
    requests: str
    input: str
    output: str
    cache: str
    """Cache-hit share of input, in percent."""
    batch: bool
    provider: str
    as_of: str
    cheap: str
    strong: str
    share: str
    """Share of requests to the cheap model, in percent."""


@dataclass(frozen=True, slots=True)
class Option:
    """One choice of a select or a datalist."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class BlendedPrice:
    ratio: str
    """The kind of work ("Chat", "Code review"...)."""
    price: str


@dataclass(frozen=True, slots=True)
class CostRow:
    """One model at the calculator's traffic."""

    model: Link
    route: Link | None
    """The provider priced (None when there is no price)."""
    monthly: str
    per_request: str
    input: str
    cached: str
    output: str
    prov: Provenance | None
    """The price's source and review date."""
    reason: str
    """Why there is no figure ("" when there is one)."""
    notes: tuple[str, ...]
    """Caching and batch savings, and the assumptions behind the figure."""
    cheapest: bool
    """The single lowest monthly cost of two or more priced models."""
    blended: tuple[BlendedPrice, ...]


@dataclass(frozen=True, slots=True)
class RoutingLine:
    ok: bool
    """False when the routing cost is unavailable (``text`` says why)."""
    text: str


@dataclass(frozen=True, slots=True)
class CalculatorPage:
    """Everything ``calculator.html`` prints."""

    form: FormValues
    errors: Mapping[str, str]
    """Field name -> what is wrong with it."""
    presets: tuple[Option, ...]
    providers: tuple[Option, ...]
    choices: tuple[Option, ...]
    """The site's top models, for the model fields' list."""
    traffic: str
    """The traffic priced, in one sentence ("" with errors)."""
    rows: tuple[CostRow, ...]
    ratio_names: tuple[str, ...]
    routing: RoutingLine | None


def _savings_text(s: workload.Savings | pricing.Unavailable | None, what: str) -> str:
    if s is None:
        return ""
    if isinstance(s, pricing.Unavailable):
        return f"{what}: unavailable ({s.reason})"
    return f"{what} saves {fmt.usd(s.saved)} ({fmt.pct(s.saved_share)})"


def _form_values(inputs: CalculatorInputs, params: Mapping[str, Any]) -> FormValues:
    def raw(name: str) -> str | None:
        found = values_of(params, name)
        return found[-1] if found else None

    return FormValues(
        models=tuple(inputs.models) + ("",) * max(0, 4 - len(inputs.models)),
        preset=inputs.preset,
        requests=raw("requests") or str(inputs.requests),
        input=raw("input") or str(inputs.input_tokens),
        output=raw("output") or str(inputs.output_tokens),
        cache=raw("cache") or fmt.number(inputs.cache_hit_share * 100),
        batch=inputs.batch,
        provider=raw("provider") or inputs.provider or "",
        as_of=raw("as_of") or inputs.as_of.isoformat(),
        cheap=raw("cheap") or inputs.cheap or "",
        strong=raw("strong") or inputs.strong or "",
        share=raw("share") or fmt.number(inputs.share * 100),
    )


def _traffic_text(inputs: CalculatorInputs) -> str:
    return (
        f"{fmt.count(inputs.requests)} requests a month of {fmt.count(inputs.input_tokens)} input"
        f" and {fmt.count(inputs.output_tokens)} output tokens"
        + (
            f", {fmt.pct(inputs.cache_hit_share)} of input from the prompt cache"
            if inputs.cache_hit_share
            else ""
        )
        + (", through the batch API" if inputs.batch else "")
        + f"; prices as of {inputs.as_of.isoformat()}"
    )


def _row(env: Env, r: ModelCost, cheapest: str | None) -> CostRow:
    links = env.links
    cost = r.monthly
    notes = [
        n
        for n in (
            _savings_text(r.cache_savings, "Caching"),
            _savings_text(r.batch_savings, "Batch"),
        )
        if n
    ]
    if cost is not None:
        notes += list(cost.notes)
    return CostRow(
        model=Link(r.name, links.model(r.model_id)),
        route=Link(r.route.provider_name, links.provider(r.route.provider_id)) if r.route else None,
        monthly=fmt.usd(cost.total) if cost else "unavailable",
        per_request=fmt.usd(r.per_request),
        input=fmt.usd(cost.input) if cost else fmt.MISSING,
        cached=fmt.usd(cost.cached_input) if cost else fmt.MISSING,
        output=fmt.usd(cost.output) if cost else fmt.MISSING,
        prov=provenance(links, cost.price.source, cost.price.reviewed) if cost else None,
        reason=r.unavailable or "",
        notes=tuple(notes),
        cheapest=r.model_id == cheapest,
        blended=tuple(
            BlendedPrice(b.ratio.name, fmt.per_million(b.quote.price) if b.quote else fmt.MISSING)
            for b in r.blended
        ),
    )


def _routing(
    env: Env, plan: workload.RoutingPlan | pricing.Unavailable | None
) -> RoutingLine | None:
    if isinstance(plan, pricing.Unavailable):
        return RoutingLine(False, f"Routing cost unavailable: {plan.reason}.")
    if plan is None:
        return None
    models = env.catalog.models
    return RoutingLine(
        True,
        f"Sending {fmt.pct(plan.share)} of requests to "
        f"{models[plan.cheap_route.model_id].name} ({plan.cheap_route.provider_name}) and the "
        f"rest to {models[plan.strong_route.model_id].name} ({plan.strong_route.provider_name})"
        f" costs {fmt.usd(plan.total)} a month, against {fmt.usd(plan.all_strong)} with every "
        f"request on the strong model: {fmt.usd(plan.saved)} saved ({fmt.pct(plan.saved_share)}).",
    )


def build_calculator(env: Env, params: Mapping[str, Any]) -> Page:
    """The calculator at the inputs in `params` (the URL's query): 422 with the form's errors
    when an input cannot be used."""
    inputs, errors = parse_inputs(env, params)
    summaries = env.dated.summaries
    form = _form_values(inputs, params)
    presets = tuple(
        Option(p.id, f"{p.name}: {fmt.count(p.input_tokens)} in / {fmt.count(p.output_tokens)} out")
        for p in workload.REQUEST_PRESETS
    )
    providers = tuple(Option(p.id, p.name) for p in env.catalog.providers.values())
    choices = tuple(Option(m, summaries[m].name) for m in env.dated.top_models[:200])
    ratio_names = tuple(r.name for r in workload.WORKLOAD_RATIOS)
    if errors:
        data = CalculatorData(inputs, errors, [], None, None)
        view = CalculatorPage(form, errors, presets, providers, choices, "", (), ratio_names, None)
        return Page("calculator.html", "Cost calculator: check the inputs", data, view, status=422)
    data = results_of(env, inputs)
    view = CalculatorPage(
        form=form,
        errors={},
        presets=presets,
        providers=providers,
        choices=choices,
        traffic=_traffic_text(inputs),
        rows=tuple(_row(env, r, data.cheapest) for r in data.results),
        ratio_names=ratio_names,
        routing=_routing(env, data.routing),
    )
    return Page("calculator.html", "Cost calculator", data, view)
