"""Model facts by precedence, on the bundled catalogue: the vendor's own record, else the value
most provider records state; every outvoted value is listed in a conflict."""

from __future__ import annotations

from functools import cache

from llmref.catalog import Catalog, load_catalog_dir


@cache
def bundled() -> Catalog:
    return load_catalog_dir()


def test_the_vendors_own_record_beats_a_resellers_limits() -> None:
    # OpenAI lists gpt-5.1-chat at 128,000 context / 16,384 output; Abacus says 400,000/128,000.
    model = bundled().model("gpt-5.1-chat")
    assert model.value("context_window") == 128_000
    assert model.value("max_output_tokens") == 16_384
    why = str(model.facts["context_window"].record)
    assert "the vendor's own record" in why or "provider records" in why
    conflict = bundled().conflict_for("model:gpt-5.1-chat", "context_window")
    assert conflict is not None and conflict.chosen.value == 128_000
    assert 400_000 in {v.value for v in conflict.values}


def test_the_majority_of_provider_records_sets_a_capability_with_a_conflict() -> None:
    model = bundled().model("qwen3-235b-a22b-instruct-2507")
    assert model.capability("reasoning") is False
    fact = model.facts["reasoning"]
    assert "provider records" in str(fact.record)
    conflict = bundled().conflict_for("model:qwen3-235b-a22b-instruct-2507", "reasoning")
    assert conflict is not None and conflict.chosen.value is False
    assert True in {v.value for v in conflict.values}
    assert "most provider records" in conflict.rule
