"""/providers, /vendors and their entity pages: sorted by ?sort=, paged, the API alike."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.web.conftest import Site, text


def first_column(soup: BeautifulSoup) -> list[str]:
    return [text(tr.select("td")[0]) for tr in soup.select("main table tbody tr")]


def test_providers_by_name_by_model_count_and_by_kind(hostile: Site) -> None:
    # Acme API serves 3 models, the evil cloud 2; "<img…" sorts before "Acme" by name.
    assert first_column(hostile.soup("/providers")) == ["evil-cloud", "acme"]
    assert first_column(hostile.soup("/providers?sort=models")) == ["acme", "evil-cloud"]
    api = hostile.json("/api/v1/providers?sort=models&limit=1")
    assert [p["id"] for p in api["providers"]] == ["acme"]  # type: ignore[index]
    assert api["total"] == 2 and api["next_cursor"]  # type: ignore[index]
    assert hostile.get("/api/v1/providers?sort=size").status_code == 422


def test_vendors_by_name_and_by_model_count(hostile: Site) -> None:
    # Acme AI makes 4 canonical models, Evil 1.
    assert first_column(hostile.soup("/vendors?sort=models")) == ["acme", "evil"]
    assert first_column(hostile.soup("/vendors")) == ["acme", "evil"]
    soup = hostile.soup("/vendors/acme?sort=price")
    ids = [text(c) for c in soup.select("table.models tbody th code")]
    assert ids == ["quartz", "rocket", "duel-vs-mode", "pebble"]
    api = hostile.json("/api/v1/vendors/acme?sort=price&limit=2")
    assert [m["id"] for m in api["models"]] == ["quartz", "rocket"]  # type: ignore[index]
    assert api["total"] == 4  # type: ignore[index]


def test_a_provider_page_sorts_its_models_by_price_by_default(ref: Site) -> None:
    soup = ref.soup("/providers/openrouter?sort=name")
    names = [text(tr.find("th")) for tr in soup.select("table.prices tbody tr")]
    assert names == ["GPT-4o-mini", "Step 3.5 Flash"]
    api = ref.json("/api/v1/providers/openrouter")
    # Step 3.5 Flash's $0.10 input before GPT-4o-mini's $0.15.
    assert [o["model_id"] for o in api["offerings"]] == ["step-3.5-flash", "gpt-4o-mini"]  # type: ignore[index]


def test_the_real_catalogues_provider_and_vendor_pages_page(bundled: Site) -> None:
    catalog = bundled.catalog
    biggest = max(catalog.providers.values(), key=lambda p: len(catalog.offerings_on(p.id)))
    count = len(catalog.offerings_on(biggest.id))
    assert count > 100
    soup = bundled.soup(f"/providers/{biggest.id}")
    rows = soup.select("table.prices tbody tr")
    assert len(rows) == 100
    assert text(soup.select_one("p.count")).startswith(f"{count:,} models; 1–100 shown")
    assert soup.select_one("a[rel=next]")["href"] == f"{biggest.id}?page=2"
    prices = [text(tr.select("td")[1]) for tr in rows]
    priced = [float(p.strip("$").replace(",", "")) for p in prices if p != "—"]
    assert priced == sorted(priced)  # cheapest input first
    for path in ("/providers", "/vendors", "/vendors/openai", "/providers?sort=models"):
        assert bundled.get(path).status_code == 200, path
    vendors = bundled.json("/api/v1/vendors?limit=5")
    assert len(vendors["vendors"]) == 5 and vendors["total"] == len(catalog.vendors)  # type: ignore[index,arg-type]
