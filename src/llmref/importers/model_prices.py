"""Reader for `model-prices` (`model_prices/snapshot.json`): dated first-party price histories.

`prices[provider][model][mode]` is a list of intervals `{start, rates}`; the first interval's
`start` is null and covers every earlier time, `rates: null` means the mode was not offered then.
The `standard` mode gives the price; `batch` gives batch rates; other modes (fast, flex,
thinking…) are service tiers the catalogue does not track. Every rate cites a source URL and how
its start date is known (`valid_from_basis`); both go into the price point's note.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from llmref.importers.common import (
    DatasetError,
    RawEntry,
    RawPrice,
    SourceData,
    load_json,
    mtok,
    require_dict,
    text,
    token_count,
)

DATASET = "model-prices"
FILE = Path("model-prices") / "snapshot.json"


def _when(value: Any, path: Path, record: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise DatasetError(path, record, f"field 'start': expected a timestamp, got {value!r}")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise DatasetError(path, record, f"field 'start': not a timestamp: {value!r}") from exc


def _rates(value: Any, path: Path, record: str) -> dict[str, Any] | None:
    if value is None:
        return None
    rates = require_dict(value, path, record, "rates")
    out: dict[str, Any] = {
        name: mtok(rates.get(name), path, record, f"rates.{name}")
        for name in ("input", "output", "cache_read", "cache_write")
    }
    tiers = []
    for index, tier in enumerate(rates.get("tiers") or []):
        tier = require_dict(tier, path, record, f"rates.tiers[{index}]")
        above = token_count(tier.get("above"), path, record, f"rates.tiers[{index}].above")
        if above:
            tiers.append(
                {
                    "above_input_tokens": above,
                    **{
                        name: mtok(tier.get(name), path, record, f"rates.tiers[{index}].{name}")
                        for name in ("input", "output", "cache_read", "cache_write")
                    },
                }
            )
    out["tiers"] = tuple(sorted(tiers, key=lambda t: t["above_input_tokens"]))
    observed = rates.get("valid_from")
    out["valid_from"] = _when(observed, path, record) if observed is not None else None
    source = text(rates.get("source"), path, record, "rates.source")
    basis = text(rates.get("valid_from_basis"), path, record, "rates.valid_from_basis")
    out["note"] = f"{basis or 'source'}: {source}"[:300] if source else None
    return out


def _intervals(
    value: Any, path: Path, record: str
) -> list[tuple[date | None, dict[str, Any] | None]]:
    if not isinstance(value, list):
        raise DatasetError(
            path, record, f"expected a list of intervals, got {type(value).__name__}"
        )
    out: dict[date | None, dict[str, Any] | None] = {}
    for index, item in enumerate(value):
        item = require_dict(item, path, record, f"interval[{index}]")
        # Several changes on one day: the last one is what applied that day.
        out[_when(item.get("start"), path, record)] = _rates(item.get("rates"), path, record)
    ordered = sorted(out.items(), key=lambda kv: kv[0] or date.min)
    if ordered and ordered[0][0] is None and ordered[0][1] is not None:
        # The first interval "covers every earlier time" in the package's terms, but its rate is
        # only known from when it was first recorded (`valid_from`); before that, unknown. A
        # first rate recorded no earlier than the next change never applied on its own.
        first = ordered[0][1].get("valid_from")
        later = ordered[1][0] if len(ordered) > 1 else None
        if first is not None and later is not None and first >= later:
            ordered = ordered[1:]
        elif first is not None:
            ordered[0] = (first, ordered[0][1])
    return ordered


def _in_force(
    intervals: list[tuple[date | None, dict[str, Any] | None]], day: date | None
) -> dict[str, Any] | None:
    current = None
    for start, rates in intervals:
        if (start or date.min) <= (day or date.min):
            current = rates
    return current


def history(modes: dict[str, Any], path: Path, record: str) -> list[RawPrice]:
    standard = _intervals(modes.get("standard", []), path, record)
    batch = _intervals(modes["batch"], path, record) if "batch" in modes else []
    for mode, value in modes.items():
        if mode not in ("standard", "batch"):
            _intervals(value, path, f"{record} ({mode})")  # validated, not imported
    starts = sorted({s for s, _ in standard} | {s for s, _ in batch}, key=lambda d: d or date.min)
    points: list[RawPrice] = []
    for start in starts:
        rates = _in_force(standard, start)
        if rates is None or (rates["input"] is None and rates["output"] is None):
            if points and points[-1].effective_to is None:
                points[-1].effective_to = start  # not offered from here on
            continue
        batch_rates = _in_force(batch, start) or {}
        point = RawPrice(
            effective_from=start,
            input=rates["input"],
            output=rates["output"],
            cache_read=rates["cache_read"],
            cache_write=rates["cache_write"],
            batch_input=batch_rates.get("input"),
            batch_output=batch_rates.get("output"),
            tiers=rates["tiers"],
            note=rates["note"],
        )
        if points and _same(points[-1], point):
            continue  # the same prices re-confirmed: keep the earlier start
        points.append(point)
    return points


def _same(a: RawPrice, b: RawPrice) -> bool:
    names = ("input", "output", "cache_read", "cache_write", "batch_input", "batch_output")
    return (
        a.effective_to is None
        and all(getattr(a, n) == getattr(b, n) for n in names)
        and a.tiers == b.tiers
    )


def read(root: Path, version: str) -> SourceData:
    path = root / FILE
    value = require_dict(load_json(path), path, None, "top level")
    stamp = value.get("updated_at")
    if not isinstance(stamp, str):
        raise DatasetError(path, "updated_at", "no 'updated_at' stamp")
    reviewed = _when(stamp, path, "updated_at")
    assert reviewed is not None
    data = SourceData(DATASET, version, reviewed, path)
    prices = require_dict(value.get("prices"), path, "prices", "prices")
    for pid in sorted(prices):
        models = require_dict(prices[pid], path, pid, "provider")
        for model_id in sorted(models):
            record = f"{pid}/{model_id}"
            modes = require_dict(models[model_id], path, record, "modes")
            points = history(modes, path, record)
            if not points:
                data.skip(pid, model_id, "no standard price in any period")
                continue
            data.entries.append(
                RawEntry(provider=pid, model_id=model_id, record=record, prices=points)
            )
    return data
