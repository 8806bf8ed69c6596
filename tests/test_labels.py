"""Label rules: each rule fires on its fact and only on it; every rule is documented."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from llmref.facts import CAPABILITIES
from llmref.labels import (
    CAPABILITY_LABELS,
    CAPABILITY_PHRASES,
    RULE_IDS,
    LabelFacts,
    benchmark_name,
    best_for,
    capability_phrase,
    fit_tags,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def facts(**overrides: object) -> LabelFacts:
    base: dict[str, object] = {
        "context_window": 32_000,
        "capabilities": dict.fromkeys(CAPABILITIES),
        "open_weights": None,
        "cheapest_input": Decimal(5),
        "blended": Decimal(5),
        "paid_routes": 1,
        "humaneval": None,
    }
    caps = overrides.pop("caps", {})
    base.update(overrides)
    base["capabilities"] = {**base["capabilities"], **caps}  # type: ignore[dict-item]
    return LabelFacts(**base)  # type: ignore[arg-type]


def ids(f: LabelFacts) -> list[str]:
    return [t.id for t in fit_tags(f)]


def test_no_facts_no_labels() -> None:
    f = facts()
    assert ids(f) == []
    assert best_for(f, fit_tags(f)) is None


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"context_window": 128_000}, ["long-context"]),
        ({"context_window": 127_999}, []),
        ({"context_window": 64_000, "cheapest_input": Decimal("1.00")}, ["rag"]),
        ({"context_window": 64_000, "cheapest_input": Decimal("1.01")}, []),
        ({"caps": {"vision": True}}, ["vision"]),
        ({"caps": {"vision": False}}, []),
        ({"caps": {"ide_integration": True}}, ["coding"]),
        ({"humaneval": Decimal(85)}, ["coding"]),
        ({"humaneval": Decimal("84.9")}, []),
        ({"caps": {"function_calling": True}}, ["agents"]),
        ({"caps": {"reasoning": True}}, ["reasoning"]),
        ({"caps": {"structured_outputs": True}}, ["extraction"]),
        ({"blended": Decimal("0.50")}, ["budget"]),
        ({"blended": Decimal("0.51")}, []),
        ({"open_weights": True}, ["open-weights"]),
        ({"open_weights": False}, []),
    ],
)
def test_each_tag_rule(overrides: dict[str, object], expected: list[str]) -> None:
    assert ids(facts(**overrides)) == expected


def test_unknown_capability_never_earns_a_tag() -> None:
    f = facts(caps=dict.fromkeys(CAPABILITIES, None))
    assert ids(f) == []


def test_best_for_takes_the_first_rule_that_holds() -> None:
    everything = facts(
        context_window=1_000_000,
        blended=Decimal("0.1"),
        cheapest_input=Decimal("0.1"),
        paid_routes=5,
        caps={"reasoning": True, "vision": True, "ide_integration": True},
    )
    label = best_for(everything, fit_tags(everything))
    assert (
        label is not None and label.id == "best-reasoning" and label.text == "reasoning-heavy tasks"
    )
    cheap = facts(blended=Decimal("0.1"), paid_routes=3)
    volume = best_for(cheap, fit_tags(cheap))
    assert volume is not None and volume.id == "best-volume-multi"
    assert "3 pay-per-token providers" in volume.evidence
    routes_only = facts(paid_routes=4)
    multi = best_for(routes_only, fit_tags(routes_only))
    assert multi is not None and multi.id == "best-multi-provider"


def test_every_rule_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z-]+)`", text))
    assert set(RULE_IDS) <= documented


def test_names_and_phrases() -> None:
    assert set(CAPABILITY_LABELS) == set(CAPABILITIES) == set(CAPABILITY_PHRASES)
    assert capability_phrase("reasoning") == "a reasoning mode"
    assert capability_phrase("IDE integration") == "IDE integration"
    assert benchmark_name("mmlu-pro") == "MMLU-Pro"
    assert benchmark_name("swe-bench-verified") == "SWE Bench Verified"
