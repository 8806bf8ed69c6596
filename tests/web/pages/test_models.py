"""/models and /api/v1/models: every ?sort= key orders the list as worked out by hand on the
hostile fixture, and the real catalogue is paged with totals that add up."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from llmref.web.pages.models import MODEL_SORTS, ModelSort
from tests.web.conftest import TODAY, Site, text

# The hostile fixture's canonical models (checked in tests/fixtures/catalogs/hostile):
#   id            cheapest in / out   context  priced routes  score  released
# (score: on the lists' score column, the chart's default benchmark version)
#   duel-vs-mode  $3.00 / $15.00      1M       1              72     2026-02-20
#   evil-model    $0.50 / $1.50       64K      1              48     2026-02-01
#   pebble        —                   16K      0              —      —
#   quartz        $0.10 / $0.40       32K      1              35     2025-06-01
#   rocket        $1.00 / $4.00       200K     2              60     2025-03-01
BY_HAND = {
    "vendor": ["duel-vs-mode", "pebble", "quartz", "rocket", "evil-model"],  # Acme AI, Evil
    "name": ["evil-model", "duel-vs-mode", "pebble", "quartz", "rocket"],  # "<script>" < "D"
    "price": ["quartz", "evil-model", "rocket", "duel-vs-mode", "pebble"],
    "output-price": ["quartz", "evil-model", "rocket", "duel-vs-mode", "pebble"],
    "context": ["duel-vs-mode", "rocket", "evil-model", "quartz", "pebble"],
    "routes": ["rocket", "duel-vs-mode", "evil-model", "quartz", "pebble"],  # ties by id
    "score": ["duel-vs-mode", "rocket", "evil-model", "quartz", "pebble"],
    "released": ["duel-vs-mode", "evil-model", "quartz", "rocket", "pebble"],
}


def ids(soup: BeautifulSoup) -> list[str]:
    return [text(code) for code in soup.select("table.models tbody th code")]


def test_the_api_schema_lists_exactly_the_sort_keys_there_are() -> None:
    keys = set(ModelSort.__args__)  # type: ignore[attr-defined]
    assert keys == set(MODEL_SORTS) | {"index"} and set(MODEL_SORTS) == set(BY_HAND)


@pytest.mark.parametrize("key", list(BY_HAND))
def test_each_sort_key_orders_the_page_and_the_api_alike(hostile: Site, key: str) -> None:
    assert ids(hostile.soup(f"/models?sort={key}")) == BY_HAND[key]
    api = hostile.json(f"/api/v1/models?sort={key}")
    assert [m["id"] for m in api["models"]] == BY_HAND[key]  # type: ignore[index]


def test_the_default_order_is_by_vendor_and_its_link_carries_no_sort(hostile: Site) -> None:
    soup = hostile.soup("/models")
    assert ids(soup) == BY_HAND["vendor"]
    current = soup.select_one("p.sorts strong")
    assert text(current) == "by vendor, then name"
    hrefs = {text(a): a["href"] for a in soup.select("p.sorts a")}
    assert hrefs["cheapest input price first (unpriced last)"] == "models?sort=price"


def test_an_unknown_sort_key_is_a_clear_message_on_the_page_and_422_in_the_api(
    hostile: Site,
) -> None:
    soup = hostile.soup("/models?sort=cheapest")
    alert = text(soup.select_one("div.errors"))
    assert alert.startswith("sort: “cheapest” is not a sort key of this list")
    assert "keys: vendor, name, price, output-price, context, routes, score, released" in alert
    assert ids(soup) == BY_HAND["vendor"]
    response = hostile.get("/api/v1/models?sort=cheapest")
    assert response.status_code == 422
    assert "sort" in response.json()["errors"]


def test_the_real_catalogue_is_paged_and_the_pages_add_up(bundled: Site) -> None:
    every = bundled.json("/api/v1/models")["models"]  # type: ignore[index]
    total = len(every)
    assert total > 200
    first = bundled.soup("/models")
    assert len(ids(first)) == 100
    pages = -(-total // 100)
    assert text(first.select_one("main p")).startswith(
        f"{total:,} models; 1–100 shown (page 1 of {pages})."
    )
    assert first.select_one("a[rel=next]")["href"] == "models?page=2"
    assert first.select_one("a[rel=prev]") is None
    second = bundled.soup("/models?page=2")
    assert ids(second) == [m["id"] for m in every[100:200]]  # the API's order, page by page
    assert second.select_one("a[rel=prev]")["href"] == "models"
    last = bundled.soup(f"/models?page={pages}")
    assert len(ids(last)) == total - (pages - 1) * 100
    assert last.select_one("a[rel=next]") is None
    # The twin of a page is that page; `total` is the whole list's.
    twin = bundled.json("/models.json?page=2")
    assert [m["id"] for m in twin["models"]] == ids(second)  # type: ignore[index]
    assert twin["total"] == total  # type: ignore[index]


def test_sorted_by_price_the_real_catalogue_starts_with_its_cheapest_trusted_price(
    bundled: Site,
) -> None:
    models = bundled.json("/api/v1/models?sort=price&limit=300")["models"]  # type: ignore[index]
    prices = [m["cheapest_input"]["price"] for m in models if m["cheapest_input"]]
    assert [float(p) for p in prices] == sorted(float(p) for p in prices)
    soup = bundled.soup("/models?sort=price&page=2")
    assert soup.select_one("a[rel=prev]")["href"] == "models?sort=price"
    assert ids(soup) == [m["id"] for m in models[100:200]]


def test_the_old_index_key_is_read_as_score(hostile: Site) -> None:
    soup = hostile.soup("/models?sort=index")
    assert ids(soup) == BY_HAND["score"] and soup.select_one("div.errors") is None
    api = hostile.json("/api/v1/models?sort=index")
    assert [m["id"] for m in api["models"]] == BY_HAND["score"]  # type: ignore[index]


def test_score_sorts_the_real_catalogue_by_the_score_column_best_first(bundled: Site) -> None:
    """On the bundled store: ?sort=score orders by the chart's default benchmark version (the
    column the lists show), highest first, models without a score last; the API's
    ``intelligence_index`` is that same score."""
    from llmref.benchmarks import engine as bench_engine
    from llmref.web.precomputed import DatedView

    bench_id = DatedView(bundled.catalog, TODAY).default_benchmark
    assert bench_id is not None
    scores = bench_engine.scores_on(bundled.catalog, bench_id, TODAY)
    every = bundled.json("/api/v1/models?sort=score")["models"]  # type: ignore[index]
    got = [(m["id"], m["intelligence_index"]) for m in every]
    scored = [(i, v) for i, v in got if v is not None]
    assert len(scored) >= 20
    assert [v for _, v in got[: len(scored)]] == [v for _, v in scored]  # unscored last
    values = [float(v) for _, v in scored]
    assert values == sorted(values, reverse=True)
    for model_id, value in got:
        expected = scores.get(model_id)
        assert (None if value is None else float(value)) == (
            None if expected is None else float(expected.value)
        ), model_id
    # The page's first rows are the same models, and its score column shows their scores.
    soup = bundled.soup("/models?sort=score")
    assert ids(soup)[:20] == [i for i, _ in scored[:20]]
