"""Alternatives are chosen once per snapshot, date, limit and policy: the memo returns what a
fresh choice returns, and nothing else."""

from __future__ import annotations

from datetime import date

import pytest

from llmref.alternatives import choose_alternatives, related_alternatives
from llmref.catalog import Catalog, load_catalog_dir
from llmref.pricing.memo import forget
from tests.conftest import CATALOGS

AS_OF = date(2026, 11, 21)


@pytest.fixture
def variety() -> Catalog:
    return load_catalog_dir(CATALOGS / "variety")


def test_alternatives_are_chosen_once_and_equal_a_fresh_choice(variety: Catalog) -> None:
    for model in variety.models.values():
        first = choose_alternatives(variety, model, AS_OF)
        assert choose_alternatives(variety, model, AS_OF) is first  # from the memo
        forget(variety, "alternatives")
        assert choose_alternatives(variety, model, AS_OF) == first  # made again: the same
        assert all(alt.id != model.id for alt in first)


def test_the_memo_separates_limit_and_policy(variety: Catalog) -> None:
    model = next(m for m in variety.models.values() if choose_alternatives(variety, m, AS_OF))
    assert len(choose_alternatives(variety, model, AS_OF, limit=1)) == 1
    assert len(choose_alternatives(variety, model, AS_OF)) >= 1
    every = choose_alternatives(variety, model, AS_OF, policy="all")
    forget(variety, "alternatives")
    assert choose_alternatives(variety, model, AS_OF, policy="all") == every


def test_related_comparisons_never_show_the_pair_itself(variety: Catalog) -> None:
    models = variety.models
    for a in models:
        for b in (m for m in models if m != a):
            for rel in related_alternatives(variety, models[a], models[b], AS_OF):
                assert rel.alternative.id not in (a, b)
                assert rel.model_id in (a, b)
