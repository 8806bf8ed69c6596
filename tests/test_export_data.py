"""Bulk export rows: every model, offering and benchmark result once, exact decimal prices with
their source, and CSV that parses back to the same cells whatever the strings hold."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from llmref import export_data
from llmref.catalog import Catalog, load_catalog_dir
from tests.conftest import CATALOGS

DAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog_dir()


@pytest.mark.parametrize("kind", export_data.KINDS)
def test_one_row_per_entity_in_both_formats(bundled: Catalog, kind: str) -> None:
    expected = {
        "models": len(bundled.models),
        "offerings": len(bundled.offerings),
        "benchmarks": len(bundled.benchmarks),
    }[kind]
    assert expected > 100
    text = "".join(export_data.stream(bundled, kind, "csv", DAY))  # type: ignore[arg-type]
    parsed = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(parsed) == expected == export_data.count_rows(bundled, kind)  # type: ignore[arg-type]
    assert list(parsed[0]) == list(export_data.columns(bundled, kind))  # type: ignore[arg-type]
    lines = "".join(export_data.stream(bundled, kind, "ndjson", DAY)).splitlines()  # type: ignore[arg-type]
    assert len(lines) == expected
    objects = [json.loads(line) for line in lines]
    # The same rows in the same order in both formats.
    first = {"models": "id"}.get(kind, "model_id")
    assert [o[first] for o in objects] == [r[first] for r in parsed]


def test_models_are_unique_and_carry_sources(bundled: Catalog) -> None:
    text = "".join(export_data.stream(bundled, "models", "csv", DAY))
    parsed = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len({r["id"] for r in parsed}) == len(bundled.models)
    mini = next(r for r in parsed if r["id"] == "gpt-4o-mini")
    fact = bundled.model("gpt-4o-mini").facts["context_window"]
    assert mini["context_window"] == str(fact.value) == "128000"
    assert mini["context_window_source"] == fact.source
    assert mini["context_window_reviewed"] == fact.reviewed.isoformat()
    assert mini["name"] == "GPT-4o mini" and mini["vision"] == "true"


def test_offering_prices_are_exact_decimal_strings_with_their_source(bundled: Catalog) -> None:
    offering = next(
        o for o in bundled.offerings if o.model_id == "gpt-4o-mini" and o.provider_id == "openai"
    )
    point = offering.price_on(DAY)
    assert point is not None and point.input == Decimal("0.15")
    lines = "".join(export_data.stream(bundled, "offerings", "ndjson", DAY)).splitlines()
    row = next(
        json.loads(line)
        for line in lines
        if '"model_id": "gpt-4o-mini", "provider_id": "openai"' in line
    )
    assert row["input"] == "0.15" and row["output"] == str(point.output)
    assert isinstance(row["input"], str)  # never a float
    assert row["price_source"] == point.source and row["price_reviewed"] == str(point.reviewed)
    assert row["source"] == offering.source and row["prices_as_of"] == "2026-11-21"
    # Every exported price equals the catalogue's Decimal exactly.
    for line in lines:
        doc = json.loads(line)
        for name in export_data.PRICE_FIELDS:
            if doc[name] is not None:
                assert str(Decimal(doc[name])) == doc[name]


def test_benchmark_rows_name_the_benchmark_version(bundled: Catalog) -> None:
    lines = "".join(export_data.stream(bundled, "benchmarks", "ndjson", DAY)).splitlines()
    result = bundled.benchmarks[0]
    docs = [json.loads(line) for line in lines]
    same = [
        d for d in docs if d["model_id"] == result.model_id and d["benchmark"] == result.benchmark
    ]
    assert str(result.value) in [d["value"] for d in same]
    assert all(d["source"] and d["reviewed"] for d in docs)


def test_hostile_strings_survive_a_csv_round_trip() -> None:
    from llmref.catalog import load_catalog_dir as load

    catalog = load(CATALOGS / "hostile")
    model = next(iter(catalog.models.values()))
    nasty = 'Ro,"ck"\net\r\n=1+1 <b>&amp;</b> ;\u2028'
    catalog = dataclasses.replace(
        catalog,
        models={**catalog.models, model.id: dataclasses.replace(model, name=nasty)},
    )
    text = "".join(export_data.stream(catalog, "models", "csv", DAY))
    parsed = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(parsed) == len(catalog.models)
    assert next(r for r in parsed if r["id"] == model.id)["name"] == nasty
    lines = "".join(export_data.stream(catalog, "models", "ndjson", DAY)).split("\n")[:-1]
    assert len(lines) == len(catalog.models)  # newlines inside strings are escaped
    assert next(json.loads(x) for x in lines if model.id in x)["name"] == nasty


def test_an_unknown_kind_or_format_is_named() -> None:
    catalog = load_catalog_dir(CATALOGS / "hostile")
    with pytest.raises(ValueError, match="unknown export kind 'users'"):
        list(export_data.stream(catalog, "users", "csv", DAY))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        list(export_data.stream(catalog, "models", "xml", DAY))  # type: ignore[arg-type]
