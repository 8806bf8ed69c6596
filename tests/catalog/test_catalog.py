"""Resolution (ids, aliases, snapshots), reconciliation and conflicts on the mini fixture."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from llmref.catalog import CatalogDataError, UnknownIdError, load_catalog_dir
from llmref.catalog.build import same_value
from tests.conftest import CATALOGS

MINI = CATALOGS / "mini"


def test_ids_aliases_and_snapshots_resolve_to_one_model() -> None:
    catalog = load_catalog_dir(MINI)
    assert catalog.model("rocket").id == "rocket"
    assert catalog.model("Rocket-Latest").id == "rocket"
    assert catalog.model("acme/rocket").id == "rocket"
    assert catalog.model("acme:rocket").id == "rocket"  # alias from the imported dataset
    snapshot = catalog.model("rocket-2025-09-01")
    assert snapshot.family_id == "rocket"
    assert snapshot.name == "Rocket (2025-09-01)"
    assert [m.id for m in catalog.snapshots_of("rocket")] == [
        "rocket-2025-03-01",
        "rocket-2025-09-01",
    ]


def test_snapshot_inherits_family_facts_and_overrides_its_own() -> None:
    catalog = load_catalog_dir(MINI)
    late = catalog.model("rocket-2025-09-01")
    early = catalog.model("rocket-2025-03-01")
    assert late.value("max_output_tokens") == 16384
    assert early.value("max_output_tokens") == 8192
    assert late.value("context_window") == 200000
    assert late.facts["context_window"].source == "https://acme.example/models/rocket"
    assert late.capability("vision") is True
    assert late.capability("reasoning") is False
    assert late.capability("tool_use") is None


def test_unknown_id_names_the_closest_ids() -> None:
    catalog = load_catalog_dir(MINI)
    with pytest.raises(UnknownIdError) as info:
        catalog.model("rockett")
    assert info.value.suggestions[0] == "rocket"
    assert "Did you mean: rocket" in str(info.value)


def test_price_history_answers_as_of_a_date() -> None:
    catalog = load_catalog_dir(MINI)
    offering = next(o for o in catalog.offerings_of("rocket") if o.provider_id == "acme")
    assert offering.price_on(date(2025, 6, 1)).input == Decimal("2.00")
    assert offering.price_on(date(2025, 9, 1)).input == Decimal("1.00")
    assert offering.price_on(None).output == Decimal("4.00")
    assert offering.price_on(date(2024, 1, 1)) is None
    first = offering.prices[0]
    assert first.effective_to == date(2025, 9, 1)
    assert offering.prices[1].batch_input == Decimal("0.500")


def test_curated_overlay_wins_and_disagreements_are_conflicts() -> None:
    catalog = load_catalog_dir(MINI)
    rocket = catalog.model("rocket")
    assert rocket.value("context_window") == 200000
    conflict = catalog.conflict_for("model:rocket", "context_window")
    assert conflict is not None
    assert [v.value for v in conflict.values] == [200000, 131072]
    assert conflict.chosen.source == "https://acme.example/models/rocket"
    assert conflict.rule == "curated overlay wins over datasets"
    price = catalog.conflict_for("offering:rocket@acme", "cache_read_price")
    assert price is not None
    assert {str(v.value) for v in price.values} == {"0.25", "0.3"}
    assert price.chosen.value == Decimal("0.25")
    # Input 1.00 vs 1.0 is the same price: no conflict.
    assert catalog.conflict_for("offering:rocket@acme", "input_price") is None
    assert len(catalog.conflicts) == 2


def test_models_only_in_a_dataset_are_imported_with_their_source() -> None:
    catalog = load_catalog_dir(MINI)
    pebble = catalog.model("pebble")
    assert pebble.facts["context_window"].source == "dataset:tinyset@1.0"
    assert pebble.facts["context_window"].record == "acme/pebble"
    assert pebble.facts["context_window"].reviewed == date(2026, 2, 1)


def test_numbers_within_tolerance_are_the_same_value() -> None:
    assert same_value(Decimal("0.15"), Decimal("0.15000000000000002"))
    assert not same_value(Decimal("0.075"), Decimal("0.08"))
    assert not same_value(True, 1)
    assert same_value(("text", "image"), ["image", "text"])
    assert same_value("Apache-2.0", "apache-2.0 ")


def test_version_changes_with_any_data_file(tmp_path: Path) -> None:
    copy = tmp_path / "d"
    shutil.copytree(MINI, copy)
    before = load_catalog_dir(copy).version
    path = copy / "vendors" / "acme.toml"
    path.write_text(path.read_text().replace("Acme AI", "Acme"))
    assert load_catalog_dir(copy).version != before


def test_every_fact_of_the_bundled_catalogue_has_a_source_and_a_date() -> None:
    catalog = load_catalog_dir()
    assert len(catalog.models) >= 10
    for model in catalog.models.values():
        assert model.facts, model.id
        for name, fact in model.facts.items():
            assert fact.source in catalog.sources, (model.id, name)
            assert isinstance(fact.reviewed, date), (model.id, name)
    for offering in catalog.offerings:
        assert offering.source in catalog.sources
        for point in offering.prices:
            assert point.source in catalog.sources, offering.key
            assert isinstance(point.reviewed, date)
    for result in catalog.benchmarks:
        assert result.source in catalog.sources
    for source in catalog.sources.values():
        assert source.url or (source.kind == "dataset" and source.version)


def test_a_curated_correction_sets_a_dataset_price_aside_but_keeps_it_listed(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "d"
    shutil.copytree(MINI, copy)
    (copy / "corrections.toml").write_text(
        '[[correction]]\ndataset = "tinyset"\nprovider = "acme"\nmodel = "pebble"\n'
        'reason = "tinyset lists Pebble at a promotional price"\n'
        'source = "https://acme.example/pricing"\nreviewed = 2026-03-01\n'
    )
    catalog = load_catalog_dir(copy)
    pebble = catalog.offerings_of("pebble")[0]
    assert pebble.prices == ()  # the only price was set aside: unknown, not $0.05
    conflict = catalog.conflict_for("offering:pebble@acme", "input_price")
    assert conflict is not None
    assert [v.value for v in conflict.values] == [Decimal("0.05")]
    assert conflict.chosen.value is None
    assert "set aside by a curated correction (tinyset lists Pebble" in conflict.rule
    # The correction is scoped to its model: Rocket's tinyset price still counts.
    assert catalog.conflict_for("offering:rocket@acme", "cache_read_price") is not None


def test_a_malformed_correction_names_the_field(tmp_path: Path) -> None:
    copy = tmp_path / "d"
    shutil.copytree(MINI, copy)
    (copy / "corrections.toml").write_text('[[correction]]\ndataset = "tinyset"\n')
    with pytest.raises(CatalogDataError) as info:
        load_catalog_dir(copy)
    assert "corrections.toml: field 'correction.0.provider'" in str(info.value)
