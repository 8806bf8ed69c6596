"""The cost calculator: inputs in the URL, several models side by side, routing, field errors."""

from __future__ import annotations

from decimal import Decimal

from tests.web.conftest import Site, table_rows, text


def monthly(site: Site, query: str) -> dict[str, list[str]]:
    return table_rows(site.soup(f"/calculator?{query}"), "Cost per month")


def test_default_traffic_prices_the_top_models(ref: Site) -> None:
    rows = table_rows(ref.soup("/calculator"), "Cost per month")
    assert rows["GPT-4o-mini"][:3] == ["OpenAI API", "$270", "$0.00027"]
    assert rows["Step 3.5 Flash"][:2] == ["OpenRouter", "$155 ★"]


def test_changing_the_traffic_changes_the_monthly_cost(ref: Site) -> None:
    rows = monthly(ref, "models=gpt-4o-mini&requests=2M")
    assert rows["GPT-4o-mini"][1] == "$540"
    rows = monthly(ref, "models=gpt-4o-mini&requests=1000&input=5000&output=1000")
    assert rows["GPT-4o-mini"][1] == "$1.35"  # 5M x $0.15 + 1M x $0.60
    rows = monthly(ref, "models=gpt-4o-mini&preset=large&requests=100")
    assert rows["GPT-4o-mini"][1] == "$0.99"  # 5M x $0.15 + 0.4M x $0.60


def test_the_form_shows_the_inputs_used(ref: Site) -> None:
    soup = ref.soup("/calculator?models=step-3.5-flash&requests=5k&cache=25")
    assert soup.find("input", id="f-requests")["value"] == "5k"
    assert soup.find("input", id="f-cache")["value"] == "25"
    assert soup.find("input", id="f-models-1")["value"] == "step-3.5-flash"
    assert "5,000 requests a month" in text(soup.find(id="results").find_next("p"))


def test_cache_batch_and_provider_choice(hostile: Site) -> None:
    rows = monthly(hostile, "models=rocket&batch=1&cache=20")
    # batch input $0.50 x 640M + cache read $0.25 x 160M + batch output $2 x 250M
    assert rows["Rocket"][1] == "$860"
    assert "Caching saves $120 (7%)" in rows["Rocket"][6]
    assert "Batch saves $820 (49%)" in rows["Rocket"][6]
    rows = monthly(hostile, "models=rocket,quartz&provider=evil-cloud")
    assert rows["Rocket"][:2] == ["<img src=x onerror=alert(2)>Cloud", "$2,160"]
    assert rows["Quartz"][1] == "unavailable"
    assert rows["Quartz"][6] == "quartz is not tracked on evil-cloud"


def test_a_model_without_a_price_is_unavailable_not_zero(hostile: Site) -> None:
    rows = monthly(hostile, "models=pebble,quartz")
    assert rows["Pebble"][1] == "unavailable"
    assert rows["Pebble"][6] == "no provider is tracked for pebble"


def test_routing_calculator(ref: Site) -> None:
    soup = ref.soup("/calculator?cheap=step-3.5-flash&strong=gpt-4o-mini&share=60")
    line = text(soup.find(id="routing").find_next("p"))
    # 0.6 x $155 + 0.4 x $270 = $201 against $270: $69 saved
    assert "costs $201 a month, against $270" in line
    assert "$69 saved (26%)" in line


def test_invalid_input_re_renders_the_form_with_each_fields_error(hostile: Site) -> None:
    soup = hostile.soup(
        "/calculator?models=rocket,nosuch&requests=-5&cache=120&as_of=2025-13-01&input=abc",
        status=422,
    )
    errors = {e["id"]: text(e) for e in soup.select(".field-error")}
    assert errors["requests-error"] == "Enter 0 or more (got '-5')."
    assert errors["cache-error"] == "Enter a percentage between 0 and 100 (got '120')."
    assert errors["as_of-error"] == "Enter a date like 2025-06-30 (got '2025-13-01')."
    assert errors["input-error"].startswith("Enter a whole number")
    assert "No model 'nosuch'" in errors["models-error"]
    assert soup.find("input", id="f-requests")["aria-invalid"] == "true"
    assert soup.find("input", id="f-input")["value"] == "abc"  # the user's own text is kept
    assert soup.find("table", id="cost-table") is None


def test_api_answers_422_naming_each_field(hostile: Site) -> None:
    # The API declares its numbers (integers, 0-100 percentages) in its schema, so they are
    # checked before the calculator runs, with the schema's words.
    response = hostile.get("/api/v1/cost?models=rocket&requests=lots&share=200")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors == {
        "requests": "Input should be a valid integer, unable to parse string as an integer "
        "(got 'lots').",
        "share": "Input should be less than or equal to 100 (got '200').",
    }


def test_api_cost_matches_the_page(ref: Site) -> None:
    body = ref.json("/api/v1/cost?models=gpt-4o-mini,step-3.5-flash&requests=2000000")
    results = {r["model_id"]: Decimal(r["monthly"]["total"]) for r in body["results"]}  # type: ignore[index]
    assert results == {"gpt-4o-mini": Decimal(540), "step-3.5-flash": Decimal(310)}
    assert body["cheapest"] == "step-3.5-flash"  # type: ignore[index]
    assert ref.json("/calculator.json?models=gpt-4o-mini,step-3.5-flash&requests=2000000") == body
