"""Reader for pydantic's genai-prices (`genai_prices/data.py` from the wheel).

The wheel ships its data as generated Python (`providers = [Provider(...), ...]`) built only from
keyword constructor calls, `Decimal('…')` and `datetime.date(…)`. It is read with `ast` and
evaluated by a small walker that accepts exactly those forms: nothing in the file is executed.

A `ModelInfo`'s identity is its `match` clause, not its `id` label: every `equals` value in the
clause is a model id the entry prices; a prefix/contains/regex clause contributes only the label,
and only when the label satisfies the clause.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from llmref.importers.common import (
    DatasetError,
    RawEntry,
    RawPrice,
    RawProvider,
    SourceData,
    mtok,
    require_dict,
    text,
    token_count,
)

DATASET = "genai-prices"
FILE = Path("genai-prices") / "data.py"

PRICE_FIELDS = {
    "input_mtok": "input",
    "output_mtok": "output",
    "cache_read_mtok": "cache_read",
    "cache_write_mtok": "cache_write",
    "cache_write_1h_mtok": "cache_write_1h",
}


@dataclass(frozen=True)
class _Time:
    """A time-of-day constraint value; kept opaque (time-of-day prices are not imported)."""

    text: str


def _callee(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _eval(node: ast.expr, path: Path) -> Any:
    """Evaluate the literal subset data.py uses; anything else is an error naming the line."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List | ast.Tuple):
        return [_eval(item, path) for item in node.elts]
    if isinstance(node, ast.Dict):
        return {
            _eval(k, path): _eval(v, path) for k, v in zip(node.keys, node.values, strict=True) if k
        }
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_eval(node.operand, path)
    if isinstance(node, ast.Attribute) and _callee(node) == "datetime.UTC":
        return "UTC"
    if isinstance(node, ast.Call):
        name = _callee(node.func)
        args = [_eval(a, path) for a in node.args]
        kwargs = {k.arg: _eval(k.value, path) for k in node.keywords if k.arg}
        if name == "Decimal" and len(args) == 1 and isinstance(args[0], str | int):
            try:
                return Decimal(args[0])
            except InvalidOperation as exc:
                raise DatasetError(path, f"line {node.lineno}", f"bad Decimal {args[0]!r}") from exc
        if name == "datetime.date" and len(args) == 3 and all(isinstance(a, int) for a in args):
            try:
                return date(*args)
            except ValueError as exc:
                raise DatasetError(path, f"line {node.lineno}", f"bad date {args!r}") from exc
        if name == "datetime.time":
            return _Time(repr((args, kwargs)))
        if name and name[0].isupper() and "." not in name and not args:
            return {"__type__": name, **kwargs}
    raise DatasetError(
        path, f"line {getattr(node, 'lineno', '?')}", "unexpected Python in a data file"
    )


def _load(path: Path) -> list[Any]:
    if not path.is_file():
        raise DatasetError(path, None, "file not found")
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except SyntaxError as exc:
        raise DatasetError(
            path, f"line {exc.lineno}", f"not valid Python (truncated?): {exc.msg}"
        ) from exc
    except ValueError as exc:  # null bytes
        raise DatasetError(path, None, f"not valid Python: {exc}") from exc
    for stmt in tree.body:
        target: ast.expr | None = None
        assigned: ast.expr | None = None
        if isinstance(stmt, ast.AnnAssign):
            target, assigned = stmt.target, stmt.value
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, assigned = stmt.targets[0], stmt.value
        if isinstance(target, ast.Name) and target.id == "providers" and assigned is not None:
            value = _eval(assigned, path)
            if not isinstance(value, list):
                raise DatasetError(path, "providers", "expected a list of Provider(...)")
            return value
    raise DatasetError(path, None, "no `providers = [...]` assignment")


# ---- match clauses -----------------------------------------------------------------------------


def _matches(clause: Any, ref: str) -> bool:
    if not isinstance(clause, dict):
        return False
    kind = clause.get("__type__")
    ref = ref.lower()
    if kind == "ClauseEquals":
        return ref == str(clause.get("equals", "")).lower()
    if kind == "ClauseStartsWith":
        return ref.startswith(str(clause.get("starts_with", "")).lower())
    if kind == "ClauseEndsWith":
        return ref.endswith(str(clause.get("ends_with", "")).lower())
    if kind == "ClauseContains":
        return str(clause.get("contains", "")).lower() in ref
    if kind == "ClauseRegex":
        try:
            return re.search(str(clause.get("regex", "")), ref) is not None
        except re.error:
            return False
    if kind == "ClauseOr":
        return any(_matches(c, ref) for c in clause.get("or_", []))
    if kind == "ClauseAnd":
        return all(_matches(c, ref) for c in clause.get("and_", []))
    return False


def _equals(clause: Any) -> list[str]:
    """Every exact model id a clause names (through `or_`, never through `and_`)."""
    if not isinstance(clause, dict):
        return []
    if clause.get("__type__") == "ClauseEquals" and isinstance(clause.get("equals"), str):
        return [clause["equals"]]
    if clause.get("__type__") == "ClauseOr":
        return [ref for c in clause.get("or_", []) for ref in _equals(c)]
    return []


def concrete_ids(label: str, clause: Any) -> list[str]:
    ids = list(dict.fromkeys(_equals(clause)))
    if label not in ids and _matches(clause, label):
        ids.insert(0, label)
    return ids


# ---- prices ------------------------------------------------------------------------------------


def _model_price(value: Any, path: Path, record: str) -> dict[str, Any]:
    """{field: Decimal} for the per-token prices, plus 'tiers': {start: {field: Decimal}}."""
    price = require_dict(value, path, record, "prices")
    out: dict[str, Any] = {"tiers": {}}
    for key, raw in price.items():
        if key == "__type__":
            continue
        if isinstance(raw, dict) and raw.get("__type__") == "TieredPrices":
            base = mtok(raw.get("base"), path, record, f"{key}.base")
            bands = raw.get("tiers", [])
            if not isinstance(bands, list):
                raise DatasetError(path, record, f"field '{key}.tiers': expected a list")
            for band in bands:
                band = require_dict(band, path, record, f"{key}.tiers[]")
                start = token_count(band.get("start"), path, record, f"{key}.tiers[].start")
                amount = mtok(band.get("price"), path, record, f"{key}.tiers[].price")
                if key in PRICE_FIELDS and start:
                    out["tiers"].setdefault(start, {})[PRICE_FIELDS[key]] = amount
        else:
            base = mtok(raw, path, record, key)
        if key in PRICE_FIELDS:
            out[PRICE_FIELDS[key]] = base
        elif key == "cache_write_5m_mtok":
            out.setdefault("cache_write", base)
    return out


def _point(prices: dict[str, Any], start: date | None) -> RawPrice:
    tiers = tuple(
        {"above_input_tokens": above, **values} for above, values in sorted(prices["tiers"].items())
    )
    return RawPrice(
        effective_from=start,
        input=prices.get("input"),
        output=prices.get("output"),
        cache_read=prices.get("cache_read"),
        cache_write=prices.get("cache_write"),
        cache_write_1h=prices.get("cache_write_1h"),
        tiers=tiers,
    )


def _start(constraint: Any) -> tuple[bool, date | None]:
    """(usable, start date): no constraint is "from the beginning"; time-of-day is unusable."""
    if constraint is None:
        return True, None
    if isinstance(constraint, dict) and constraint.get("__type__") == "StartDateConstraint":
        start = constraint.get("start_date")
        return isinstance(start, date), start if isinstance(start, date) else None
    return False, None


def history(model: dict[str, Any], path: Path, record: str) -> tuple[list[RawPrice], bool]:
    """Dated price points, oldest first, with batch rates folded in; and whether a time-of-day
    price was left out."""
    raw = model.get("prices")
    conditional: list[tuple[date | None, dict[str, Any]]] = []
    skipped = False
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            item = require_dict(item, path, record, f"prices[{index}]")
            usable, start = _start(item.get("constraint"))
            prices = _model_price(item.get("prices"), path, record)
            if usable:
                conditional.append((start, prices))
            else:
                skipped = True
    else:
        conditional.append((None, _model_price(raw, path, record)))
    batches: list[tuple[date | None, dict[str, Any]]] = []
    for variant in model.get("price_variants") or []:
        variant = require_dict(variant, path, record, "price_variants[]")
        prices = _model_price(variant.get("prices"), path, record)
        if variant.get("when") == {"processing": "batch"}:
            usable, start = _start(variant.get("constraint"))
            if usable:
                batches.append((start, prices))
    starts = sorted(
        {s for s, _ in conditional} | {s for s, _ in batches}, key=lambda d: d or date.min
    )
    points: list[RawPrice] = []
    for start in starts:
        key = start or date.min
        base = [p for s, p in conditional if (s or date.min) <= key]
        if not base:
            continue
        point = _point(base[-1], start)
        batch = [p for s, p in batches if (s or date.min) <= key]
        if batch:
            point.batch_input = batch[-1].get("input")
            point.batch_output = batch[-1].get("output")
        if point.is_priced():
            points.append(point)
    return points, skipped


def date_undated(points: list[RawPrice], reviewed: date) -> None:
    """A lone price with no date is known to apply on the dataset's date; an undated price
    followed by dated changes is what applied before the first change (start unknown)."""
    if len(points) == 1 and points[0].effective_from is None:
        points[0].effective_from = reviewed


# ---- reader ------------------------------------------------------------------------------------


def read(root: Path, version: str, reviewed: date) -> SourceData:
    path = root / FILE
    data = SourceData(DATASET, version, reviewed, path)
    for index, provider in enumerate(_load(path)):
        provider = require_dict(provider, path, f"providers[{index}]", "Provider")
        pid = text(provider.get("id"), path, f"providers[{index}]", "id")
        if pid is None:
            raise DatasetError(path, f"providers[{index}]", "a provider without an id")
        urls = provider.get("pricing_urls") or []
        data.providers[pid] = RawProvider(
            pid,
            text(provider.get("name"), path, pid, "name"),
            urls[0] if urls and isinstance(urls[0], str) else None,
        )
        models = provider.get("models") or []
        if not isinstance(models, list):
            raise DatasetError(path, pid, "field 'models': expected a list")
        for model in models:
            model = require_dict(model, path, pid, "ModelInfo")
            label = text(model.get("id"), path, pid, "id")
            if label is None:
                raise DatasetError(path, pid, "a ModelInfo without an id")
            record = f"{pid}:{label}"
            points, skipped_time = history(model, path, record)
            date_undated(points, reviewed)
            ids = concrete_ids(label, model.get("match"))
            if not ids:
                data.skip(pid, label, "match clause names no concrete model id (prefix/regex only)")
                continue
            if skipped_time:
                data.skip(pid, label, "time-of-day (peak/off-peak) prices not imported")
            context = token_count(model.get("context_window"), path, record, "context_window")
            name = text(model.get("name"), path, record, "name")
            for model_id in ids:
                data.entries.append(
                    RawEntry(
                        provider=pid,
                        model_id=model_id,
                        record=record,
                        name=name if model_id == label else None,
                        facts={"context_window": context} if context else {},
                        context_window=context,
                        prices=list(points),
                    )
                )
    return data
